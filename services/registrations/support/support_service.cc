#include "services/registrations/support/support_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/domain/reporting.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {
SupportService::SupportService(const SupportStores& stores, const Clock* clock, AccessPolicy access,
                               const ProfileStores* profiles, SupportLookups lookups)
    : clock_(clock),
      access_(std::move(access)),
      arrangements_(stores.arrangements.get(), &access_, clock,
                    {"arrangements", &ArrangementRecord::arrangement_id, "ar-"}),
      placements_(stores.placements.get(), &access_, clock,
                  {"opdc-placements", &OpdcPlacementRecord::placement_id, "op-"}),
      profiles_(profiles ? profiles->profiles.get() : nullptr, &access_, clock,
                {"school-profiles", &SchoolProfileRecord::profile_id, "sop-"}),
      waiting_(profiles ? profiles->waiting.get() : nullptr, &access_, clock,
               {"waiting-entries", &WaitingEntryRecord::entry_id, "wl-"}),
      has_profiles_(profiles != nullptr),
      lookups_(std::move(lookups)) {}

absl::CivilDay SupportService::Today() const { return DutchToday(*clock_); }

ArrangementView SupportService::ViewOf(ArrangementRecord stored) const {
  ArrangementView view;
  const absl::CivilDay applied = stored.application.applied_on;
  view.decision_due = DecisionDue(applied);
  absl::optional<absl::CivilDay> decided;
  if (stored.decision) decided = stored.decision->decided_on;
  view.overdue = IsDecisionOverdue(applied, decided, Today());
  view.decided_late = decided.has_value() && IsDecidedLate(applied, *decided);
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<ArrangementView> SupportService::CreateArrangement(
    const Principal& caller, absl::string_view swv, const ArrangementApplication& input,
    absl::string_view request_id) {
  SWV_ASSIGN_OR_RETURN(
      ArrangementRecord stored,
      arrangements_.Create(caller, swv, request_id, [&](ArrangementRecord& r) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(r.application, ValidateArrangementApplication(input, Today()));
        return absl::OkStatus();
      }));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ArrangementView> SupportService::GetArrangement(const Principal& caller,
                                                               absl::string_view swv,
                                                               absl::string_view id) {
  SWV_ASSIGN_OR_RETURN(ArrangementRecord stored, arrangements_.Read(caller, swv, id));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ListResult<ArrangementView>> SupportService::ListArrangements(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::optional<ArrangementStatus> status) {
  const absl::string_view name = status ? ArrangementStatusName(*status) : "";
  SWV_ASSIGN_OR_RETURN(ListResult<ArrangementRecord> page,
                       arrangements_.List(caller, swv,
                                          {page_size,
                                           page_token,
                                           school,
                                           {{"status", name}},
                                           absl::nullopt,
                                           StoredState(status, name)}));
  return ViewsOf<ArrangementView>(std::move(page),
                                  [this](ArrangementRecord r) { return ViewOf(std::move(r)); });
}

absl::StatusOr<ArrangementView> SupportService::DecideArrangement(
    const Principal& caller, absl::string_view swv, absl::string_view id,
    const ArrangementDecisionInput& input, int64_t expected_version) {
  SWV_ASSIGN_OR_RETURN(
      ArrangementRecord written,
      arrangements_.Change(caller, swv, id, expected_version, "decided",
                           [&](ArrangementRecord& record) -> absl::Status {
                             SWV_ASSIGN_OR_RETURN(
                                 ValidArrangementDecision decision,
                                 ValidateArrangementDecision(
                                     record.status, record.application.applied_on, input, Today()));
                             record.status = decision.outcome == ArrangementOutcome::kGranted
                                                 ? ArrangementStatus::kGranted
                                                 : ArrangementStatus::kRefused;
                             record.decision = std::move(decision);
                             return absl::OkStatus();
                           }));
  return ViewOf(std::move(written));
}

absl::StatusOr<OpdcPlacementRecord> SupportService::CreatePlacement(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    const OpdcPlacementInput& input,
                                                                    absl::string_view request_id) {
  return placements_.Create(caller, swv, request_id, [&](OpdcPlacementRecord& r) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(r.placement, ValidateOpdcPlacement(input));
    return absl::OkStatus();
  });
}

absl::StatusOr<ListResult<OpdcPlacementRecord>> SupportService::ListPlacements(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::optional<bool> ended) {
  absl::optional<storage::Value> state;
  if (ended) state = storage::Value(int64_t{*ended ? 1 : 0});
  return placements_.List(caller, swv,
                          {page_size,
                           page_token,
                           school,
                           {{"ended", ended ? (*ended ? "true" : "false") : ""}},
                           absl::nullopt,
                           state});
}

absl::StatusOr<OpdcPlacementRecord> SupportService::ExtendPlacement(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    absl::string_view id,
                                                                    const OpdcExtensionInput& input,
                                                                    int64_t expected_version) {
  return placements_.Change(
      caller, swv, id, expected_version, "extended",
      [&](OpdcPlacementRecord& record) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(ValidOpdcExtension extension,
                             ValidateOpdcExtension(record.ended, record.extended_on.has_value(),
                                                   record.placement.start_date,
                                                   record.placement.planned_end, input, Today()));
        record.original_end = record.placement.planned_end;
        record.placement.planned_end = extension.new_end;
        record.extended_on = extension.extended_on;
        record.extension_reason = extension.reason;
        return absl::OkStatus();
      });
}

absl::StatusOr<OpdcPlacementRecord> SupportService::EndPlacement(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view id,
                                                                 const OpdcEndInput& input,
                                                                 int64_t expected_version) {
  return placements_.Change(
      caller, swv, id, expected_version, "ended", [&](OpdcPlacementRecord& record) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(
            ValidOpdcEnd end,
            ValidateOpdcEnd(record.ended, record.placement.start_date, input, Today()));
        record.ended = true;
        record.ended_on = end.ended_on;
        record.end_reason = end.reason;
        return absl::OkStatus();
      });
}

absl::StatusOr<SupportStatisticsResult> SupportService::Statistics(const Principal& caller,
                                                                   absl::string_view swv,
                                                                   absl::string_view from,
                                                                   absl::string_view to,
                                                                   bool by_school) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  const absl::CivilDay today = Today();
  SWV_ASSIGN_OR_RETURN(DayRange period, ValidatePeriod(from, to, today));
  SWV_ASSIGN_OR_RETURN(auto arrangements, arrangements_.store().ListUpTo(tenant, period.last));
  SWV_ASSIGN_OR_RETURN(auto placements, placements_.store().ListUpTo(tenant, period.last));

  SupportStatisticsResult result;
  result.period = period;
  result.as_of = AsOfDay(period, today);
  if (!by_school) result.groups[""];
  for (const ArrangementRecord& a : arrangements) {
    ArrangementFacts facts;
    facts.school = a.application.school ? a.application.school->ToString() : "";
    facts.applied_on = a.application.applied_on;
    if (a.decision) {
      facts.decided_on = a.decision->decided_on;
      facts.outcome = a.decision->outcome;
      facts.amount_cents = a.decision->amount_cents;
    }
    absl::Status counted =
        CountArrangement(facts, period, today, result.groups[by_school ? facts.school : ""]);
    if (!counted.ok()) return counted;
  }
  for (const OpdcPlacementRecord& p : placements) {
    OpdcFacts facts;
    facts.school = p.placement.school.ToString();
    facts.start_date = p.placement.start_date;
    facts.extended_on = p.extended_on;
    facts.ended_on = p.ended_on;
    CountOpdcPlacement(facts, period, today, result.groups[by_school ? facts.school : ""]);
  }
  SWV_RETURN_IF_ERROR(CountProfilesAndWaiting(tenant, by_school, result));
  return result;
}

}  // namespace swv::registrations
