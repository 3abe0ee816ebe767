#include "services/registrations/opps/opp_service.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/access.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/domain/validation.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {

OppService::OppService(RecordStore<OppRecord>* store, const Clock* clock, AccessPolicy access)
    : clock_(clock),
      access_(std::move(access)),
      opps_(store, &access_, clock, {"opps", &OppRecord::opp_id, "opp-"}) {}

absl::CivilDay OppService::Today() const { return DutchToday(*clock_); }

OppView OppService::ViewOf(OppRecord stored) const {
  OppView view;
  view.evaluation_due = EvaluationDue(stored.opp);
  view.evaluation_overdue = IsEvaluationOverdue(stored.opp, Today());
  view.drawn_up_late = IsDrawnUpLate(stored.opp);
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<OppView> OppService::Create(const Principal& caller, absl::string_view swv,
                                           const OppInput& input, absl::string_view request_id) {
  SWV_ASSIGN_OR_RETURN(
      OppRecord stored, opps_.Create(caller, swv, request_id, [&](OppRecord& r) -> absl::Status {
        OppInput checked = input;
        if (!DecidesForSwv(caller)) {
          SWV_RETURN_IF_ERROR(KeepOfficeJudgement(absl::nullopt, checked.so_tlv_profile));
        }
        SWV_ASSIGN_OR_RETURN(r.opp, ValidateOpp(checked, Today()));
        return absl::OkStatus();
      }));
  return ViewOf(std::move(stored));
}

absl::StatusOr<OppView> OppService::Get(const Principal& caller, absl::string_view swv,
                                        absl::string_view opp_id) {
  SWV_ASSIGN_OR_RETURN(OppRecord stored, opps_.Read(caller, swv, opp_id));
  return ViewOf(std::move(stored));
}

absl::StatusOr<OppListResult> OppService::List(const Principal& caller, absl::string_view swv,
                                               int page_size, absl::string_view page_token,
                                               absl::string_view school) {
  // OPPs of other schools are never read: a page is full whenever more of the caller's follow.
  SWV_ASSIGN_OR_RETURN(
      ListResult<OppRecord> page,
      opps_.List(caller, swv, {page_size, page_token, school, {}, absl::nullopt, absl::nullopt}));
  OppListResult result;
  for (OppRecord& r : page.records) result.opps.push_back(ViewOf(std::move(r)));
  result.next_page_token = std::move(page.next_page_token);
  return result;
}

absl::StatusOr<OppView> OppService::Update(const Principal& caller, absl::string_view swv,
                                           absl::string_view opp_id, OppInput input,
                                           int64_t expected_version, absl::string_view reason) {
  SWV_ASSIGN_OR_RETURN(OppRecord stored, opps_.ReadForUpdate(caller, swv, opp_id, expected_version,
                                                             {"opp.name", "opp.version", "OPP"}));
  // The pupil and school of an OPP never change; a plan for another pupil is another OPP.
  std::vector<FieldViolation> immutable;
  absl::StatusOr<SchoolCode> school = ParseSchoolCode("opp.school", input.school);
  if (!absl::StripAsciiWhitespace(input.school).empty() &&
      (!school.ok() || *school != stored.opp.school)) {
    immutable.push_back({"opp.school",
                         "cannot change: an OPP stays with the school that drew it "
                         "up; register a new OPP at the new school"});
  }
  if (!absl::StripAsciiWhitespace(input.lvs_pupil_number).empty() &&
      absl::StripAsciiWhitespace(input.lvs_pupil_number) != stored.opp.lvs_pupil_number) {
    immutable.push_back({"opp.lvs_pupil_number", "cannot change: an OPP belongs to one pupil"});
  }
  if (!immutable.empty()) return InvalidFields("IMMUTABLE_FIELD", immutable);
  input.school = stored.opp.school.ToString();
  input.lvs_pupil_number = stored.opp.lvs_pupil_number;
  if (!DecidesForSwv(caller)) {
    SWV_RETURN_IF_ERROR(KeepOfficeJudgement(stored.opp.so_tlv_profile, input.so_tlv_profile));
  }

  Violations reason_check("");
  std::string why;
  CheckText(reason_check, "reason", reason, /*required=*/true, kMaxReasonLength,
            "why this version is made, e.g. \"parents consented\"", why,
            /*allow_line_breaks=*/true);
  if (!reason_check.empty()) return reason_check.ToStatus("INVALID_OPP");
  SWV_ASSIGN_OR_RETURN(ValidOpp valid, ValidateOpp(input, Today()));
  if (valid == stored.opp) return ViewOf(std::move(stored));  // nothing changed: no version

  const int64_t read_version = stored.version;
  stored.opp = std::move(valid);
  SWV_ASSIGN_OR_RETURN(OppRecord written,
                       opps_.Update(caller, std::move(stored), read_version, "updated", why));
  return ViewOf(std::move(written));
}

absl::StatusOr<std::vector<RecordChange>> OppService::Versions(const Principal& caller,
                                                               absl::string_view swv,
                                                               absl::string_view opp_id) {
  return opps_.History(caller, swv, opp_id);
}

}  // namespace swv::registrations
