#include "services/registrations/thuiszitter_service.h"

#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/ids.h"
#include "services/registrations/domain/identifiers.h"

namespace swv::registrations {
namespace {

constexpr size_t kMaxActorLength = 128;
constexpr size_t kMaxRequestIdLength = 128;

// Page tokens are opaque to clients: a web-safe base64 of "v1:<position>" (keyset, not OFFSET).
std::string EncodePageToken(int64_t position) {
  return absl::WebSafeBase64Escape(absl::StrCat("v1:", position));
}

absl::StatusOr<int64_t> DecodePageToken(absl::string_view token) {
  std::string decoded;
  int64_t position = 0;
  if (!absl::WebSafeBase64Unescape(token, &decoded) ||
      decoded.rfind("v1:", 0) != 0 || !absl::SimpleAtoi(decoded.substr(3), &position) ||
      position <= 0) {
    return InvalidField("page_token", "INVALID_PAGE_TOKEN",
                        "is not a token returned by a previous list call");
  }
  return position;
}

absl::Status CheckActor(absl::string_view actor) {
  if (actor.empty() || actor.size() > kMaxActorLength) {
    return ErrorWithReason(absl::StatusCode::kUnauthenticated, "NO_PRINCIPAL",
                           "the caller is not identified");
  }
  return absl::OkStatus();
}

}  // namespace

ThuiszitterService::ThuiszitterService(ThuiszitterRepository* repository, const Clock* clock)
    : repository_(repository), clock_(clock), zone_(DutchTimeZone()) {}

absl::CivilDay ThuiszitterService::Today() const { return swv::Today(*clock_, zone_); }

ThuiszitterView ThuiszitterService::ViewOf(ThuiszitterCase stored) const {
  // A closed case keeps the category and duration it had on the day it closed.
  absl::CivilDay as_of = stored.closed_on.value_or(Today());
  ThuiszitterView view;
  view.category = CategoryOf(stored.report.absence_kind, stored.report.absence_start, as_of);
  view.days_absent = DaysAbsent(stored.report.absence_start, as_of);
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Report(absl::string_view actor,
                                                           absl::string_view swv,
                                                           const ThuiszitterReport& report,
                                                           absl::string_view request_id) {
  if (absl::Status status = CheckActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", swv);
  if (!tenant.ok()) return tenant.status();
  if (request_id.size() > kMaxRequestIdLength) {
    return InvalidField("request_id", "TOO_LONG", "must be at most 128 characters");
  }
  absl::StatusOr<SwvSettingsRecord> settings = repository_->GetSettings(*tenant);
  if (!settings.ok()) return settings.status();
  absl::StatusOr<ValidThuiszitterReport> valid =
      ValidateThuiszitterReport(report, Today(), settings->thuiszitter_policy);
  if (!valid.ok()) return valid.status();

  ThuiszitterCase candidate;
  candidate.tenant = *tenant;
  candidate.case_id = RandomId("tz-");
  candidate.report = *std::move(valid);
  candidate.status = CaseStatus::kOpen;
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  absl::StatusOr<CreateResult> result = repository_->CreateCase(candidate, request_id);
  if (!result.ok()) return result.status();
  return ViewOf(std::move(result->stored));
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Get(absl::string_view swv,
                                                        absl::string_view case_id) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  absl::StatusOr<ThuiszitterCase> stored = repository_->GetCase(*tenant, case_id);
  if (!stored.ok()) return stored.status();
  return ViewOf(*std::move(stored));
}

absl::StatusOr<ListCasesResult> ThuiszitterService::List(const ListCasesRequest& request) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("parent", request.swv);
  if (!tenant.ok()) return tenant.status();
  if (request.page_size < 0 || request.page_size > kMaxPageSize) {
    return InvalidField("page_size", "OUT_OF_RANGE", "must be between 0 and 500 (0 means 50)");
  }
  CaseQuery query;
  query.tenant = *tenant;
  query.page_size = request.page_size == 0 ? kDefaultPageSize : request.page_size;
  if (!request.page_token.empty()) {
    absl::StatusOr<int64_t> position = DecodePageToken(request.page_token);
    if (!position.ok()) return position.status();
    query.after_position = *position;
  }
  if (!request.school.empty()) {
    absl::StatusOr<SchoolCode> school = ParseSchoolCode("school", request.school);
    if (!school.ok()) return school.status();
    query.school = school->ToString();
  }
  if (!request.residence_municipality.empty()) {
    absl::StatusOr<std::string> municipality =
        ParseMunicipalityCode("residence_municipality", request.residence_municipality);
    if (!municipality.ok()) return municipality.status();
    query.residence_municipality = *municipality;
  }
  query.status = request.status;

  absl::StatusOr<CasePage> page = repository_->ListCases(query);
  if (!page.ok()) return page.status();
  ListCasesResult result;
  for (ThuiszitterCase& stored : page->cases) result.cases.push_back(ViewOf(std::move(stored)));
  if (page->next_position != 0) result.next_page_token = EncodePageToken(page->next_position);
  return result;
}

absl::StatusOr<ThuiszitterView> ThuiszitterService::Close(absl::string_view actor,
                                                          absl::string_view swv,
                                                          absl::string_view case_id,
                                                          const CloseInput& input,
                                                          int64_t expected_version) {
  if (absl::Status status = CheckActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  absl::StatusOr<ThuiszitterCase> stored = repository_->GetCase(*tenant, case_id);
  if (!stored.ok()) return stored.status();
  if (expected_version != 0 && expected_version != stored->version) {
    return ErrorWithReason(absl::StatusCode::kAborted, "VERSION_MISMATCH",
                           absl::StrCat("the case is at version ", stored->version,
                                        ", not ", expected_version, "; read it again and retry"),
                           "expected_version");
  }
  absl::StatusOr<ValidClose> close =
      ValidateClose(stored->status, stored->report.absence_start, input, Today());
  if (!close.ok()) return close.status();

  ThuiszitterCase updated = *stored;
  updated.status = CaseStatus::kClosed;
  updated.closed_on = close->closed_on;
  updated.close_reason = close->reason;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  absl::StatusOr<ThuiszitterCase> written =
      repository_->UpdateCase(updated, stored->version, "closed");
  if (!written.ok()) return written.status();
  return ViewOf(*std::move(written));
}

absl::StatusOr<std::vector<ThuiszitterChange>> ThuiszitterService::History(
    absl::string_view swv, absl::string_view case_id) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  return repository_->ListChanges(*tenant, case_id);
}

absl::StatusOr<SwvSettingsRecord> ThuiszitterService::GetSettings(absl::string_view swv) {
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("name", swv);
  if (!tenant.ok()) return tenant.status();
  return repository_->GetSettings(*tenant);
}

absl::StatusOr<SwvSettingsRecord> ThuiszitterService::UpdateSettings(
    absl::string_view actor, absl::string_view swv, const ThuiszitterPolicy& policy,
    int64_t expected_version) {
  if (absl::Status status = CheckActor(actor); !status.ok()) return status;
  absl::StatusOr<std::string> tenant = CanonicalSwvCode("settings.name", swv);
  if (!tenant.ok()) return tenant.status();
  if (absl::Status status = policy.Validate(); !status.ok()) {
    // The domain names its own field; on this API it is a field of the settings message.
    std::vector<FieldViolation> violations = FieldViolationsOf(status);
    return InvalidField("settings.thuiszitter_report_within_days", ReasonOf(status),
                        violations.empty() ? status.message() : violations.front().description);
  }
  absl::StatusOr<SwvSettingsRecord> current = repository_->GetSettings(*tenant);
  if (!current.ok()) return current.status();
  if (expected_version != 0 && expected_version != current->version) {
    return ErrorWithReason(absl::StatusCode::kAborted, "VERSION_MISMATCH",
                           absl::StrCat("the settings are at version ", current->version, ", not ",
                                        expected_version, "; read them again and retry"),
                           "settings.version");
  }
  SwvSettingsRecord updated = *current;
  updated.thuiszitter_policy = policy;
  updated.update_time = clock_->Now();
  updated.updated_by = std::string(actor);
  return repository_->PutSettings(updated, current->version);
}

}  // namespace swv::registrations
