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

OppService::OppService(OppRepository* repository, const Clock* clock, AccessPolicy access)
    : repository_(repository), clock_(clock), zone_(DutchTimeZone()), access_(std::move(access)) {}

absl::CivilDay OppService::Today() const { return swv::Today(*clock_, zone_); }

OppView OppService::ViewOf(OppRecord stored) const {
  OppView view;
  view.evaluation_due = EvaluationDue(stored.opp);
  view.evaluation_overdue = IsEvaluationOverdue(stored.opp, Today());
  view.drawn_up_late = IsDrawnUpLate(stored.opp);
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<OppRecord> OppService::Load(const Principal& caller, const std::string& tenant,
                                           absl::string_view opp_id, bool write) {
  if (write) {
    SWV_RETURN_IF_ERROR(CheckMayWrite(caller));
  }
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(OppRecord stored, repository_->GetOpp(tenant, opp_id));
  if (absl::Status s = access_.ReadRecord(caller, tenant, {stored.opp.school.ToString()});
      !s.ok()) {
    return s;
  }
  return stored;
}

absl::StatusOr<OppView> OppService::Create(const Principal& caller, absl::string_view swv,
                                           const OppInput& input, absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  OppInput checked = input;
  if (!DecidesForSwv(caller)) {
    if (absl::Status s = KeepOfficeJudgement(absl::nullopt, checked.so_tlv_profile); !s.ok()) {
      return s;
    }
  }
  SWV_ASSIGN_OR_RETURN(ValidOpp valid, ValidateOpp(checked, Today()));
  if (absl::Status s = access_.WriteRecord(caller, tenant, {valid.school.ToString()}); !s.ok()) {
    return s;
  }
  OppRecord candidate;
  candidate.tenant = tenant;
  candidate.opp_id = RandomId("opp-");
  candidate.opp = std::move(valid);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(CreateOppResult result, repository_->CreateOpp(candidate, request_id));
  SWV_RETURN_IF_ERROR(CheckReplay(result, actor));
  return ViewOf(std::move(result.stored));
}

absl::StatusOr<OppView> OppService::Get(const Principal& caller, absl::string_view swv,
                                        absl::string_view opp_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_ASSIGN_OR_RETURN(OppRecord stored, Load(caller, tenant, opp_id, /*write=*/false));
  return ViewOf(std::move(stored));
}

absl::StatusOr<OppListResult> OppService::List(const Principal& caller, absl::string_view swv,
                                               int page_size, absl::string_view page_token,
                                               absl::string_view school) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  if (!tenant.ok()) return tenant.status();
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, *tenant));
  OppQuery query;
  query.tenant = *tenant;
  if (!school.empty()) {
    SWV_ASSIGN_OR_RETURN(SchoolCode code, ParseSchoolCode("school", school));
    query.filter.school = code.ToString();
  }
  // OPPs of other schools are never read: a page is full whenever more of the caller's follow.
  query.filter.reach = ReachOf(caller, *tenant);
  PageBinding binding("opps", *tenant, caller);
  binding.Filter("school", query.filter.school.value_or(""));
  if (absl::Status s =
          CheckPaging(binding, page_size, page_token, &query.page_size, &query.after_position);
      !s.ok()) {
    return s;
  }
  SWV_ASSIGN_OR_RETURN(OppPage page, repository_->ListOpps(query));
  OppListResult result;
  for (OppRecord& r : page.opps) result.opps.push_back(ViewOf(std::move(r)));
  result.next_page_token = NextPageToken(binding, page.next_position);
  return result;
}

absl::StatusOr<OppView> OppService::Update(const Principal& caller, absl::string_view swv,
                                           absl::string_view opp_id, OppInput input,
                                           int64_t expected_version, absl::string_view reason) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("opp.name", swv));
  SWV_ASSIGN_OR_RETURN(OppRecord stored, Load(caller, tenant, opp_id, /*write=*/true));
  SWV_RETURN_IF_ERROR(CheckVersion("OPP", expected_version, stored.version, "opp.version"));
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
    if (absl::Status s = KeepOfficeJudgement(stored.opp.so_tlv_profile, input.so_tlv_profile);
        !s.ok()) {
      return s;
    }
  }

  Violations reason_check("");
  std::string why;
  CheckText(reason_check, "reason", reason, /*required=*/true, kMaxReasonLength,
            "why this version is made, e.g. \"parents consented\"", why,
            /*allow_line_breaks=*/true);
  if (!reason_check.empty()) return reason_check.ToStatus("INVALID_OPP");
  SWV_ASSIGN_OR_RETURN(ValidOpp valid, ValidateOpp(input, Today()));
  if (valid == stored.opp) return ViewOf(std::move(stored));  // nothing changed: no version

  OppRecord updated = stored;
  updated.opp = std::move(valid);
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(OppRecord written, repository_->UpdateOpp(updated, stored.version, why));
  return ViewOf(std::move(written));
}

absl::StatusOr<std::vector<RecordChange>> OppService::Versions(const Principal& caller,
                                                               absl::string_view swv,
                                                               absl::string_view opp_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  absl::StatusOr<OppRecord> stored = Load(caller, tenant, opp_id, /*write=*/false);
  if (!stored.ok()) return stored.status();
  return repository_->ListVersions(tenant, opp_id);
}

}  // namespace swv::registrations
