#include "services/registrations/tlvs/tlv_service.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/resource_name.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {
namespace {

// Optional directory filter code, upper-cased like the stored codes.
absl::optional<std::string> FilterCode(absl::string_view text) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (trimmed.empty()) return absl::nullopt;
  return absl::AsciiStrToUpper(trimmed);
}

}  // namespace

TlvService::TlvService(TlvRepository* tlvs, const OppStores* opps, DirectoryRepository* directory,
                       const Clock* clock, AccessPolicy access)
    : tlvs_(tlvs), opps_(opps), directory_(directory), clock_(clock), access_(std::move(access)) {}

absl::CivilDay TlvService::Today() const { return DutchToday(*clock_); }

TlvView TlvService::ViewOf(TlvRecord stored) const {
  TlvView view;
  view.deadline = DecisionDeadline(stored.state);
  view.overdue = IsTlvOverdue(stored.state, Today());
  view.decided_late = IsTlvDecidedLate(stored.state);
  view.days_to_complete = DaysToComplete(stored.state);
  view.days_to_decision = DaysToDecision(stored.state);
  view.stored = std::move(stored);
  return view;
}

absl::Status TlvService::CheckSchools(const std::string& tenant, TlvState& state) {
  SWV_ASSIGN_OR_RETURN(absl::optional<StoredSchool> referring,
                       directory_->FindSchool(tenant, state.referring_school.ToString()));
  SWV_ASSIGN_OR_RETURN(absl::optional<StoredSchool> receiving,
                       directory_->FindSchool(tenant, state.receiving_school.ToString()));
  return CheckTlvSchools(state, referring ? &(referring)->school : nullptr,
                         receiving ? &(receiving)->school : nullptr);
}

absl::Status TlvService::MayRead(const Principal& caller, const TlvRecord& record) const {
  return access_.ReadRecord(caller, record.tenant, {record.state.referring_school.ToString()});
}

absl::StatusOr<TlvView> TlvService::Create(const Principal& caller, absl::string_view swv,
                                           const TlvApplicationInput& input,
                                           absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  SWV_ASSIGN_OR_RETURN(TlvState state, ValidateTlvApplication(input, Today()));
  // A board applies for the pupils of its own schools (the referring school is the applicant's).
  SWV_RETURN_IF_ERROR(access_.WriteRecord(caller, tenant, {state.referring_school.ToString()}));
  SWV_RETURN_IF_ERROR(CheckSchools(tenant, state));
  TlvRecord candidate;
  candidate.tenant = tenant;
  candidate.tlv_id = RandomId("tlv-");
  candidate.state = std::move(state);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(CreateTlvResult result, tlvs_->CreateTlv(candidate, request_id, nullptr));
  SWV_RETURN_IF_ERROR(CheckReplay(result, actor));
  return ViewOf(std::move(result.stored));
}

absl::StatusOr<TlvView> TlvService::Get(const Principal& caller, absl::string_view swv,
                                        absl::string_view tlv_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(TlvRecord stored, tlvs_->GetTlv(tenant, tlv_id));
  SWV_RETURN_IF_ERROR(MayRead(caller, stored));
  return ViewOf(std::move(stored));
}

absl::StatusOr<TlvListResult> TlvService::List(const Principal& caller,
                                               const TlvListRequest& request) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", request.swv));
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, tenant));
  TlvQuery query;
  query.tenant = tenant;
  query.status = request.status;
  if (request.overdue_only) query.overdue = OverdueAsOf(Today());
  // By referring school, in the query: a page is full whenever more of the caller's TLVs follow.
  query.filter.reach = ReachOf(caller, tenant);
  // overdue_only is bound as asked, not as the day it resolved to: paging on past midnight is fine.
  PageBinding binding("tlvs", tenant, caller);
  binding.Filter("status", request.status ? TlvStatusName(*request.status) : "")
      .Filter("overdue_only", request.overdue_only ? "true" : "false");
  SWV_RETURN_IF_ERROR(CheckPaging(binding, request.page_size, request.page_token, &query.page_size,
                                  &query.after_position));
  SWV_ASSIGN_OR_RETURN(TlvPage page, tlvs_->ListTlvs(query));
  TlvListResult result;
  for (TlvRecord& r : page.tlvs) result.tlvs.push_back(ViewOf(std::move(r)));
  result.next_page_token = NextPageToken(binding, page.next_position);
  return result;
}

absl::StatusOr<TlvRecord> TlvService::Load(const Principal& caller, absl::string_view swv,
                                           absl::string_view tlv_id, int64_t expected_version,
                                           std::string* tenant) {
  SWV_ASSIGN_OR_RETURN(std::string canonical, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, canonical));
  SWV_ASSIGN_OR_RETURN(TlvRecord stored, tlvs_->GetTlv(canonical, tlv_id));
  // Which kinds change a TLV at all is the RPC's declaration (deciding is the office's); a board
  // renewing reaches the TLVs of its own referring schools only.
  if (absl::Status s =
          access_.WriteRecord(caller, canonical, {stored.state.referring_school.ToString()});
      !s.ok()) {
    return s;
  }
  SWV_RETURN_IF_ERROR(CheckVersion("TLV", expected_version, stored.version));
  *tenant = canonical;
  return stored;
}

absl::StatusOr<TlvView> TlvService::Change(const Principal& caller, absl::string_view swv,
                                           absl::string_view tlv_id, int64_t expected_version,
                                           absl::string_view action, ApplyChange apply,
                                           bool assign_decision_number) {
  SWV_RETURN_IF_ERROR(RequireActor(caller.id));
  std::string tenant;
  SWV_ASSIGN_OR_RETURN(TlvRecord stored, Load(caller, swv, tlv_id, expected_version, &tenant));
  TlvState next = stored.state;
  SWV_RETURN_IF_ERROR(apply(tenant, stored, next));
  const int64_t read_version = stored.version;
  stored.state = std::move(next);
  stored.update_time = clock_->Now();
  stored.updated_by = caller.id;
  SWV_ASSIGN_OR_RETURN(TlvRecord written,
                       tlvs_->UpdateTlv(stored, read_version, action, assign_decision_number));
  return ViewOf(std::move(written));
}

absl::StatusOr<TlvView> TlvService::Complete(const Principal& caller, absl::string_view swv,
                                             absl::string_view tlv_id, absl::string_view opp_name,
                                             TlvCompleteInput input, int64_t expected_version) {
  input.opp = std::string(absl::StripAsciiWhitespace(opp_name));
  return Change(caller, swv, tlv_id, expected_version, "completed",
                [&](const std::string& tenant, const TlvRecord& stored, TlvState& next) {
                  SWV_ASSIGN_OR_RETURN(absl::optional<AttachedOpp> attached,
                                       AttachedOppOf(tenant, input.opp, stored.pupil_id));
                  return ApplyComplete(next, input, attached ? &*attached : nullptr, Today());
                });
}

absl::StatusOr<absl::optional<AttachedOpp>> TlvService::AttachedOppOf(const std::string& tenant,
                                                                      absl::string_view opp_name,
                                                                      absl::string_view pupil_id) {
  // The OPP is named by its resource name; it must be one of this SWV's. An OPP of another SWV is
  // treated as unknown: tenants never see each other's records.
  if (opp_name.empty()) return absl::nullopt;
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                       ResourceNameIds("opp", opp_name, "swvs/*/opps/*"));
  absl::StatusOr<std::string> opp_tenant = CanonicalSwvCode("opp", ids[0]);
  if (!opp_tenant.ok()) {
    return InvalidField("opp", "MALFORMED_NAME", "must look like \"swvs/{swv}/opps/{opp}\"");
  }
  if (*opp_tenant != tenant) return absl::nullopt;
  absl::StatusOr<OppRecord> opp = opps_->records->Get(tenant, ids[1]);
  if (absl::IsNotFound(opp.status())) return absl::nullopt;
  if (!opp.ok()) return opp.status();
  return AttachedOpp{opp->opp_id, opp->pupil_id == pupil_id, opp->opp.consent};
}

absl::StatusOr<TlvView> TlvService::Extend(const Principal& caller, absl::string_view swv,
                                           absl::string_view tlv_id, const TlvExtendInput& input,
                                           int64_t expected_version) {
  return Change(caller, swv, tlv_id, expected_version, "extended",
                [&](const std::string&, const TlvRecord&, TlvState& next) {
                  return ApplyExtend(next, input, Today());
                });
}

absl::StatusOr<TlvView> TlvService::Decide(const Principal& caller, absl::string_view swv,
                                           absl::string_view tlv_id, const TlvDecideInput& input,
                                           int64_t expected_version) {
  return Change(
      caller, swv, tlv_id, expected_version, "decided",
      [&](const std::string& tenant, const TlvRecord&, TlvState& next) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(TlvPolicyRecord policy, tlvs_->GetPolicy(tenant));
        return ApplyDecision(next, input, policy.policy, Today());
      },
      /*assign_decision_number=*/true);
}

absl::StatusOr<TlvView> TlvService::RecordObjection(const Principal& caller, absl::string_view swv,
                                                    absl::string_view tlv_id,
                                                    const TlvObjectionInput& input,
                                                    int64_t expected_version) {
  return Change(caller, swv, tlv_id, expected_version, "objection_recorded",
                [&](const std::string&, const TlvRecord&, TlvState& next) {
                  return ApplyObjection(next, input, Today());
                });
}

absl::StatusOr<TlvView> TlvService::Renew(const Principal& caller, absl::string_view swv,
                                          absl::string_view tlv_id,
                                          const TlvApplicationInput& input,
                                          absl::string_view request_id) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
  std::string tenant;
  SWV_ASSIGN_OR_RETURN(TlvRecord old, Load(caller, swv, tlv_id, 0, &tenant));
  // A retried renewal returns the application it created the first time.
  if (!request_id.empty()) {
    SWV_ASSIGN_OR_RETURN(absl::optional<TlvRecord> earlier,
                         tlvs_->FindByRequestId(tenant, request_id));
    if (earlier.has_value()) {
      SWV_RETURN_IF_ERROR(CheckReplayAuthor((earlier)->created_by, actor));
      return ViewOf(*std::move(earlier));
    }
  }
  SWV_ASSIGN_OR_RETURN(TlvState state, ValidateRenewal(old.state, input, Today()));
  state.renews = old.tlv_id;
  SWV_RETURN_IF_ERROR(CheckSchools(tenant, state));
  TlvRecord candidate;
  candidate.tenant = tenant;
  candidate.tlv_id = RandomId("tlv-");
  candidate.pupil_id = old.pupil_id;
  candidate.state = std::move(state);
  candidate.create_time = clock_->Now();
  candidate.created_by = std::string(actor);
  SWV_ASSIGN_OR_RETURN(CreateTlvResult result, tlvs_->CreateTlv(candidate, request_id, &old));
  SWV_RETURN_IF_ERROR(CheckReplay(result, actor));
  return ViewOf(std::move(result.stored));
}

absl::StatusOr<std::vector<RecordChange>> TlvService::History(const Principal& caller,
                                                              absl::string_view swv,
                                                              absl::string_view tlv_id) {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_ASSIGN_OR_RETURN(TlvRecord stored, tlvs_->GetTlv(tenant, tlv_id));
  SWV_RETURN_IF_ERROR(MayRead(caller, stored));
  return tlvs_->ListChanges(tenant, tlv_id);
}

absl::StatusOr<std::pair<std::string, DayRange>> TlvService::StatisticsPeriod(
    const Principal& caller, absl::string_view swv, absl::string_view from_text,
    absl::string_view to_text) const {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  std::vector<FieldViolation> violations;
  absl::StatusOr<absl::CivilDay> from = ParseDate("from", from_text);
  absl::StatusOr<absl::CivilDay> to = ParseDate("to", to_text);
  for (const absl::Status& s : {from.status(), to.status()}) {
    for (FieldViolation& v : FieldViolationsOf(s)) violations.push_back(std::move(v));
  }
  if (!violations.empty()) return InvalidFields("MALFORMED_DATE", violations);
  if (*to < *from) {
    return InvalidField("to", "PERIOD_REVERSED",
                        absl::StrCat("must not be before from (", FormatDate(*from), ")"));
  }
  return std::make_pair(std::move(tenant), DayRange{*from, *to});
}

absl::StatusOr<PlacementStatisticsResult> TlvService::PlacementStatisticsOf(const Principal& caller,
                                                                            absl::string_view swv,
                                                                            absl::string_view from,
                                                                            absl::string_view to) {
  SWV_ASSIGN_OR_RETURN(auto asked, StatisticsPeriod(caller, swv, from, to));
  const std::string& tenant = asked.first;
  PlacementStatisticsResult result;
  result.period = asked.second;
  result.as_of = std::min(result.period.last, Today());
  SWV_ASSIGN_OR_RETURN(std::vector<OppPlacement> opps,
                       opps_->statistics->OppPlacements(tenant, result.period.first, result.as_of));
  SWV_ASSIGN_OR_RETURN(std::vector<TlvPlacement> tlvs,
                       tlvs_->GrantedTlvPlacements(tenant, result.period.first, result.as_of));
  std::map<std::string, School> schools;
  SWV_ASSIGN_OR_RETURN(std::vector<School> listed, AllSchools(*directory_, tenant));
  for (School& s : listed) schools[s.code] = std::move(s);
  result.statistics = ComputePlacementStatistics(opps, tlvs, schools, result.period, Today());
  return result;
}

absl::StatusOr<TlvStatisticsResult> TlvService::Statistics(const Principal& caller,
                                                           const TlvStatisticsRequest& request) {
  SWV_ASSIGN_OR_RETURN(auto asked, StatisticsPeriod(caller, request.swv, request.from, request.to));
  const std::string* tenant = &asked.first;
  SchoolFilter filter;
  filter.board = FilterCode(request.board);
  filter.wijk = FilterCode(request.wijk);
  if (!absl::StripAsciiWhitespace(request.school).empty()) {
    SWV_ASSIGN_OR_RETURN(SchoolCode school, ParseSchoolCode("school", request.school));
    filter.school = school.ToString();
  }
  SWV_ASSIGN_OR_RETURN(std::vector<TlvState> tlvs, tlvs_->TlvsForStatistics(*tenant, filter));
  SWV_ASSIGN_OR_RETURN(std::vector<ValidOpp> opps,
                       opps_->statistics->OppsForStatistics(*tenant, filter));
  TlvStatisticsResult result;
  result.period = asked.second;
  result.statistics = ComputeTlvStatistics(tlvs, opps, result.period, Today());
  if (request.group_by == TlvGrouping::kNone) return result;
  std::map<std::string, std::string> group_of_school;
  if (request.group_by != TlvGrouping::kSchool) {
    SWV_ASSIGN_OR_RETURN(group_of_school, SchoolGroups(*directory_, *tenant,
                                                       request.group_by == TlvGrouping::kWijk
                                                           ? SchoolGroup::kWijk
                                                           : SchoolGroup::kBoard));
  }
  auto group_of = [&](const SchoolCode& school) -> std::string {
    std::string code = school.ToString();
    if (request.group_by == TlvGrouping::kSchool) return code;
    auto it = group_of_school.find(code);
    return it == group_of_school.end() ? "" : it->second;
  };
  result.groups = ComputeTlvStatisticsByGroup(tlvs, opps, group_of, result.period, Today());
  return result;
}

absl::StatusOr<TlvPolicyRecord> TlvService::GetPolicy(const Principal& caller,
                                                      absl::string_view tenant) {
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  return tlvs_->GetPolicy(tenant);
}

absl::StatusOr<TlvPolicyRecord> TlvService::UpdatePolicy(const Principal& caller,
                                                         absl::string_view tenant,
                                                         const TlvPolicy& policy,
                                                         absl::string_view field) {
  const std::string& actor = caller.id;
  SWV_RETURN_IF_ERROR(RequireActor(actor));
  SWV_RETURN_IF_ERROR(access_.TenantWide(caller, tenant));
  if (absl::Status s = policy.Validate(); !s.ok()) {
    std::vector<FieldViolation> violations = FieldViolationsOf(s);
    return InvalidField(field, ReasonOf(s),
                        violations.empty() ? s.message() : violations.front().description);
  }
  return tlvs_->PutPolicy(tenant, policy, actor, clock_->Now());
}

}  // namespace swv::registrations
