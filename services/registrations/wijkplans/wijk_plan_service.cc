#include "services/registrations/wijkplans/wijk_plan_service.h"

#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {
namespace {

// Wijk and year name the plan; a revision leaves them as they are.
absl::Status CheckFixed(const WijkPlan& stored, const WijkPlanInput& input) {
  std::vector<FieldViolation> violations;
  const std::string wijk = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(input.wijk));
  if (!wijk.empty() && wijk != stored.wijk) {
    violations.push_back({"wijk_plan.wijk", absl::StrCat("is fixed once recorded (", stored.wijk,
                                                         "); record a plan for the other wijk")});
  }
  if (input.year != 0 && input.year != stored.year) {
    violations.push_back({"wijk_plan.year", absl::StrCat("is fixed once recorded (", stored.year,
                                                         "); record a plan for the other year")});
  }
  if (violations.empty()) return absl::OkStatus();
  return InvalidFields("FIXED_FIELD", violations);
}

}  // namespace

WijkPlanService::WijkPlanService(RecordStore<WijkPlanRecord>* store, DirectoryRepository* directory,
                                 const Clock* clock, AccessPolicy access)
    : directory_(directory),
      clock_(clock),
      access_(std::move(access)),
      plans_(store, &access_, clock, {"wijk-plans", &WijkPlanRecord::plan_id, ""}) {}

absl::CivilDay WijkPlanService::Today() const { return DutchToday(*clock_); }

absl::StatusOr<WijkPlanRecord> WijkPlanService::Record(const Principal& caller,
                                                       absl::string_view swv,
                                                       const WijkPlanInput& input,
                                                       absl::string_view request_id) {
  WijkPlanRecord candidate;
  SWV_ASSIGN_OR_RETURN(candidate.tenant, plans_.CreateTenant(caller, swv, request_id));
  SWV_ASSIGN_OR_RETURN(candidate.plan, ValidateWijkPlan(input, Today()));
  SWV_ASSIGN_OR_RETURN(KnownCodes known, directory_->KnownBoardsAndWijken(candidate.tenant));
  if (known.wijken.count(candidate.plan.wijk) == 0) {
    return InvalidField("wijk_plan.wijk", "UNKNOWN_WIJK",
                        absl::StrCat("the directory has no wijk \"", candidate.plan.wijk,
                                     "\"; add it first (POST …/wijken/_batch)"));
  }
  candidate.plan_id = absl::StrCat(candidate.plan.wijk, "-", candidate.plan.year);
  absl::StatusOr<WijkPlanRecord> created = plans_.Create(caller, candidate, request_id);
  if (absl::IsAlreadyExists(created.status())) {
    return ErrorWithReason(absl::StatusCode::kAlreadyExists, "WIJK_PLAN_EXISTS",
                           absl::StrCat("wijk ", candidate.plan.wijk, " has a plan for ",
                                        candidate.plan.year, " (swvs/", candidate.tenant,
                                        "/wijk-plans/", candidate.plan_id, "); revise that one"));
  }
  return created;
}

absl::StatusOr<WijkPlanRecord> WijkPlanService::Update(const Principal& caller,
                                                       absl::string_view swv, absl::string_view id,
                                                       const WijkPlanInput& input,
                                                       int64_t expected_version) {
  return plans_.Change(caller, swv, id, expected_version, "revised",
                       [&](WijkPlanRecord& r) -> absl::Status {
                         SWV_RETURN_IF_ERROR(CheckFixed(r.plan, input));
                         WijkPlanInput revised = input;
                         revised.wijk = r.plan.wijk;
                         revised.year = r.plan.year;
                         SWV_ASSIGN_OR_RETURN(r.plan, ValidateWijkPlan(revised, Today()));
                         return absl::OkStatus();
                       },
                       {"wijk_plan.name", "wijk_plan.version", "wijk plan"});
}

absl::StatusOr<ListResult<WijkPlanRecord>> WijkPlanService::List(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 int page_size,
                                                                 absl::string_view page_token,
                                                                 int year) const {
  const std::string year_text = year == 0 ? "" : absl::StrCat(year);
  const absl::optional<storage::Value> state =
      year != 0 ? absl::make_optional(storage::Value(int64_t{year})) : absl::nullopt;
  return plans_.List(
      caller, swv,
      {page_size, page_token, absl::nullopt, {{"year", year_text}}, absl::nullopt, state});
}

}  // namespace swv::registrations
