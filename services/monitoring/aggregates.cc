#include "services/monitoring/aggregates.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/directory_client.h"
#include "services/common/grpc_client_call.h"
#include "services/common/proto_enum.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "swv/v1/allocation.grpc.pb.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "swv/v1/support.grpc.pb.h"
#include "swv/v1/tlv.grpc.pb.h"

namespace swv::monitoring {
namespace {

namespace pb = ::swv::v1;

// Who monitoring is when it asks; the other services log it as the reader.
constexpr char kMonitoringService[] = "swv-monitoring";

// A statistics request of `tenant` over the days [from, to].
template <typename Request>
Request PeriodRequest(absl::string_view tenant, absl::CivilDay from, absl::CivilDay to) {
  Request request;
  request.set_parent(absl::StrCat("swvs/", tenant));
  request.set_from(FormatDate(from));
  request.set_to(FormatDate(to));
  return request;
}

DayPercentiles FromProto(const pb::DurationPercentiles& p) {
  return DayPercentiles{p.count(), p.p25_days(), p.p50_days(), p.p75_days()};
}

TlvAggregate FromProto(const pb::TlvStatistics& s) {
  TlvAggregate out;
  out.received = s.received();
  out.decided = s.decided();
  out.decided_within_deadline = s.decided_within_deadline();
  out.granted_receiving_inside_region = s.granted_receiving_inside_region();
  out.granted_receiving_outside_region = s.granted_receiving_outside_region();
  out.received_to_complete = FromProto(s.received_to_complete());
  out.complete_to_decision = FromProto(s.complete_to_decision());
  return out;
}

RegisterAggregate FromProto(const pb::RegisterCounts& c) {
  RegisterAggregate out;
  out.open_at_end = c.thuiszitters_open_at_end().total();
  out.open_past_one_month = c.thuiszitters_open_past_one_month();
  out.open_past_three_months = c.thuiszitters_open_past_three_months();
  out.reported = c.thuiszitters_reported().total();
  for (const pb::CauseCount& cause : c.thuiszitters_open_in_period().by_cause()) {
    if (cause.cause() == pb::THUISZITTER_CAUSE_NO_SUITABLE_SCHOOL_PLACE) {
      out.open_no_suitable_school_place += cause.count();
    }
  }
  out.duration_days_total = c.thuiszitter_duration_days_total();
  out.exemptions = c.exemptions();
  out.exemptions_with_swv_involvement = c.exemptions_with_swv_involvement();
  return out;
}

SupportAggregate FromProto(const pb::SupportCounts& c) {
  SupportAggregate out;
  out.arrangements_decided = c.arrangements_decided();
  out.arrangements_decided_within_8_weeks = c.arrangements_decided_within_8_weeks();
  out.opdc_started = c.opdc_placements_started();
  out.opdc_started_extended = c.opdc_placements_started_extended();
  out.schools_counted = c.schools_counted();
  out.schools_at_support_level_3_or_higher = c.schools_at_support_level_3_or_higher();
  out.schools_at_support_level_4 = c.schools_at_support_level_4();
  out.profiles_update_overdue = c.profiles_update_overdue();
  out.pupils_waiting_for_so = c.pupils_waiting_for_so();
  out.pupils_waiting_for_sbo = c.pupils_waiting_for_sbo();
  out.pupils_waiting_for_youth_care = c.pupils_waiting_for_youth_care();
  return out;
}

PlacementAggregate FromProto(const pb::PlacementCounts& c) {
  PlacementAggregate out;
  out.extra_support_pupils = c.extra_support_pupils();
  out.served_at_first_school = c.served_at_first_school();
  out.served_in_same_wijk = c.served_in_same_wijk();
  out.so_profile_pupils = c.so_profile_pupils();
  out.so_profile_at_mdo_inside_region = c.so_profile_at_mdo_inside_region();
  return out;
}

class GrpcRegistrationsAggregates final : public RegistrationsAggregates {
 public:
  GrpcRegistrationsAggregates(std::shared_ptr<grpc::Channel> channel, absl::Duration deadline)
      : tlvs_(pb::Tlvs::NewStub(channel)),
        registrations_(pb::Registrations::NewStub(channel)),
        support_(pb::Support::NewStub(channel)),
        directory_(NewGrpcDirectoryClient(channel, deadline, kMonitoringService)),
        deadline_(deadline) {}

  absl::StatusOr<TlvByKey> TlvStatistics(absl::string_view tenant, absl::CivilDay from,
                                         absl::CivilDay to, Level level) override {
    auto request = PeriodRequest<pb::GetTlvStatisticsRequest>(tenant, from, to);
    // The whole SWV is the totals (UNSPECIFIED); the other levels group by their name.
    request.set_group_by(level == Level::kSwv ? pb::TLV_GROUPING_UNSPECIFIED
                                              : ProtoEnumOf<pb::TlvGrouping>(LevelName(level)));
    SWV_ASSIGN_OR_RETURN(pb::TlvStatistics response,
                         CallAsService(*tlvs_, &pb::Tlvs::Stub::GetTlvStatistics, request,
                                       kMonitoringService, deadline_));
    TlvByKey out;
    if (level == Level::kSwv) {
      out[""] = FromProto(response);
    } else {
      for (const pb::TlvStatistics& group : response.groups()) out[group.key()] = FromProto(group);
    }
    return out;
  }

  absl::StatusOr<RegisterByKey> RegisterStatistics(absl::string_view tenant, absl::CivilDay from,
                                                   absl::CivilDay to, Level level) override {
    auto request = PeriodRequest<pb::GetRegisterStatisticsRequest>(tenant, from, to);
    // The whole SWV is one group (UNSPECIFIED); the other levels group by their name.
    request.set_group_by(level == Level::kSwv
                             ? pb::REGISTER_GROUPING_UNSPECIFIED
                             : ProtoEnumOf<pb::RegisterGrouping>(LevelName(level)));
    SWV_ASSIGN_OR_RETURN(
        pb::RegisterStatistics response,
        CallAsService(*registrations_, &pb::Registrations::Stub::GetRegisterStatistics, request,
                      kMonitoringService, deadline_));
    RegisterByKey out;
    for (const pb::RegisterCounts& group : response.groups()) out[group.key()] = FromProto(group);
    return out;
  }

  absl::StatusOr<SupportBySchool> SupportStatistics(absl::string_view tenant, absl::CivilDay from,
                                                    absl::CivilDay to) override {
    auto request = PeriodRequest<pb::GetSupportStatisticsRequest>(tenant, from, to);
    request.set_group_by(pb::SUPPORT_GROUPING_SCHOOL);
    SWV_ASSIGN_OR_RETURN(pb::SupportStatistics response,
                         CallAsService(*support_, &pb::Support::Stub::GetSupportStatistics, request,
                                       kMonitoringService, deadline_));
    SupportBySchool out;
    for (const pb::SupportCounts& group : response.groups()) out[group.key()] = FromProto(group);
    return out;
  }

  absl::StatusOr<PlacementBySchool> PlacementStatistics(absl::string_view tenant,
                                                        absl::CivilDay from,
                                                        absl::CivilDay to) override {
    SWV_ASSIGN_OR_RETURN(
        pb::PlacementStatistics response,
        CallAsService(*tlvs_, &pb::Tlvs::Stub::GetPlacementStatistics,
                      PeriodRequest<pb::GetPlacementStatisticsRequest>(tenant, from, to),
                      kMonitoringService, deadline_));
    PlacementBySchool out;
    for (const pb::PlacementCounts& school : response.schools())
      out[school.key()] = FromProto(school);
    return out;
  }

  absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) override {
    return directory_->ListSchools(tenant);
  }

 private:
  std::unique_ptr<pb::Tlvs::Stub> tlvs_;
  std::unique_ptr<pb::Registrations::Stub> registrations_;
  std::unique_ptr<pb::Support::Stub> support_;
  std::unique_ptr<DirectoryClient> directory_;
  absl::Duration deadline_;
};

class GrpcAllocationAggregates final : public AllocationAggregates {
 public:
  GrpcAllocationAggregates(std::shared_ptr<grpc::Channel> channel, absl::Duration deadline)
      : stub_(pb::Allocation::NewStub(std::move(channel))), deadline_(deadline) {}

  absl::StatusOr<absl::optional<PupilsBySchool>> PupilCountsOfYear(absl::string_view tenant,
                                                                   int year) override {
    pb::GetSchoolPupilCountsRequest request;
    request.set_parent(absl::StrCat("swvs/", tenant, "/years/", year));
    SWV_ASSIGN_OR_RETURN(pb::SchoolPupilCounts response,
                         CallAsService(*stub_, &pb::Allocation::Stub::GetSchoolPupilCounts, request,
                                       kMonitoringService, deadline_));
    if (response.calculation().empty()) return absl::optional<PupilsBySchool>();
    PupilsBySchool out;
    for (const pb::SchoolPupilCount& school : response.schools()) {
      PupilCounts& counts = out[school.school()];
      counts.regular = school.regular_pupils();
      counts.sbo = school.sbo_pupils();
      counts.so = school.so_cat1_pupils() + school.so_cat2_pupils() + school.so_cat3_pupils();
    }
    return absl::optional<PupilsBySchool>(std::move(out));
  }

  absl::StatusOr<std::vector<BoardSpendingAccount>> SpendingAccounts(absl::string_view tenant,
                                                                     int year) override {
    pb::ListSpendingAccountsRequest request;
    request.set_parent(absl::StrCat("swvs/", tenant, "/years/", year));
    SWV_ASSIGN_OR_RETURN(pb::ListSpendingAccountsResponse response,
                         CallAsService(*stub_, &pb::Allocation::Stub::ListSpendingAccounts, request,
                                       kMonitoringService, deadline_));
    std::vector<BoardSpendingAccount> out;
    for (const pb::SpendingAccount& account : response.spending_accounts()) {
      out.push_back({account.board(), account.status() == pb::SPENDING_ACCOUNT_STATUS_ON_TIME});
    }
    return out;
  }

 private:
  std::unique_ptr<pb::Allocation::Stub> stub_;
  absl::Duration deadline_;
};

}  // namespace

std::unique_ptr<RegistrationsAggregates> NewGrpcRegistrationsAggregates(
    std::shared_ptr<grpc::Channel> channel, absl::Duration deadline) {
  return std::make_unique<GrpcRegistrationsAggregates>(std::move(channel), deadline);
}

std::unique_ptr<AllocationAggregates> NewGrpcAllocationAggregates(
    std::shared_ptr<grpc::Channel> channel, absl::Duration deadline) {
  return std::make_unique<GrpcAllocationAggregates>(std::move(channel), deadline);
}

// ---- In memory -------------------------------------------------------------------------------

void InMemoryRegistrationsAggregates::SetTlv(absl::CivilDay from, absl::CivilDay to, Level level,
                                             const std::string& level_id, TlvAggregate value) {
  absl::MutexLock lock(&mu_);
  tlv_[{from, to, level}][level_id] = value;
}

void InMemoryRegistrationsAggregates::SetRegister(absl::CivilDay from, absl::CivilDay to,
                                                  Level level, RegisterByKey value) {
  absl::MutexLock lock(&mu_);
  register_[{from, to, level}] = std::move(value);
}

void InMemoryRegistrationsAggregates::SetSupport(absl::CivilDay from, absl::CivilDay to,
                                                 SupportBySchool value) {
  absl::MutexLock lock(&mu_);
  support_[{from, to}] = std::move(value);
}

void InMemoryRegistrationsAggregates::SetPlacement(absl::CivilDay from, absl::CivilDay to,
                                                   PlacementBySchool value) {
  absl::MutexLock lock(&mu_);
  placement_[{from, to}] = std::move(value);
}

void InMemoryRegistrationsAggregates::SetSchools(std::vector<DirectorySchool> schools) {
  absl::MutexLock lock(&mu_);
  schools_ = std::move(schools);
}

void InMemoryRegistrationsAggregates::SetUnavailable(bool unavailable) {
  absl::MutexLock lock(&mu_);
  unavailable_ = unavailable;
}

int InMemoryRegistrationsAggregates::calls() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

absl::Status InMemoryRegistrationsAggregates::Call() {
  ++calls_;
  if (unavailable_) return absl::UnavailableError("registrations is not reachable (test)");
  return absl::OkStatus();
}

absl::StatusOr<TlvByKey> InMemoryRegistrationsAggregates::TlvStatistics(absl::string_view tenant,
                                                                        absl::CivilDay from,
                                                                        absl::CivilDay to,
                                                                        Level level) {
  absl::MutexLock lock(&mu_);
  SWV_RETURN_IF_ERROR(Call());
  auto it = tlv_.find({from, to, level});
  return it == tlv_.end() ? TlvByKey{} : it->second;
}

absl::StatusOr<RegisterByKey> InMemoryRegistrationsAggregates::RegisterStatistics(
    absl::string_view tenant, absl::CivilDay from, absl::CivilDay to, Level level) {
  absl::MutexLock lock(&mu_);
  SWV_RETURN_IF_ERROR(Call());
  auto it = register_.find({from, to, level});
  return it == register_.end() ? RegisterByKey{} : it->second;
}

absl::StatusOr<SupportBySchool> InMemoryRegistrationsAggregates::SupportStatistics(
    absl::string_view tenant, absl::CivilDay from, absl::CivilDay to) {
  absl::MutexLock lock(&mu_);
  SWV_RETURN_IF_ERROR(Call());
  auto it = support_.find({from, to});
  return it == support_.end() ? SupportBySchool{} : it->second;
}

absl::StatusOr<PlacementBySchool> InMemoryRegistrationsAggregates::PlacementStatistics(
    absl::string_view tenant, absl::CivilDay from, absl::CivilDay to) {
  absl::MutexLock lock(&mu_);
  SWV_RETURN_IF_ERROR(Call());
  auto it = placement_.find({from, to});
  return it == placement_.end() ? PlacementBySchool{} : it->second;
}

absl::StatusOr<std::vector<DirectorySchool>> InMemoryRegistrationsAggregates::ListSchools(
    absl::string_view tenant) {
  absl::MutexLock lock(&mu_);
  SWV_RETURN_IF_ERROR(Call());
  return schools_;
}

void InMemoryAllocationAggregates::SetPupils(int year, PupilsBySchool counts) {
  absl::MutexLock lock(&mu_);
  pupils_[year] = std::move(counts);
}

void InMemoryAllocationAggregates::SetSpendingAccounts(int year,
                                                       std::vector<BoardSpendingAccount> accounts) {
  absl::MutexLock lock(&mu_);
  accounts_[year] = std::move(accounts);
}

absl::StatusOr<absl::optional<PupilsBySchool>> InMemoryAllocationAggregates::PupilCountsOfYear(
    absl::string_view tenant, int year) {
  absl::MutexLock lock(&mu_);
  auto it = pupils_.find(year);
  if (it == pupils_.end()) return absl::optional<PupilsBySchool>();
  return absl::optional<PupilsBySchool>(it->second);
}

absl::StatusOr<std::vector<BoardSpendingAccount>> InMemoryAllocationAggregates::SpendingAccounts(
    absl::string_view tenant, int year) {
  absl::MutexLock lock(&mu_);
  auto it = accounts_.find(year);
  if (it == accounts_.end()) return std::vector<BoardSpendingAccount>{};
  return it->second;
}

}  // namespace swv::monitoring
