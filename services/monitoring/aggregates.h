// What monitoring reads from the other services: aggregates only, never their tables and never
// pupil records (DESIGN.md). Two interfaces, one per remote service:
//   RegistrationsAggregates - swv-registrations: Tlvs.GetTlvStatistics,
//     Tlvs.GetPlacementStatistics, Registrations.GetRegisterStatistics,
//     Support.GetSupportStatistics, and Directory.ListSchools through the one DirectoryClient;
//   AllocationAggregates - swv-allocation: Allocation.GetSchoolPupilCounts (the pupil counts per
//     school of a year's newest calculation), and the boards' spending accounts.
// The gRPC implementations call over a channel with a deadline per call and map errors with
// FromGrpcStatus (a service that is down gives UNAVAILABLE). The in-memory implementations stand
// for the remote services in unit tests of the monitoring service.
//
// Dates are inclusive; callers never ask for a period that starts after today (registrations
// refuses it) and pass `to` as min(period end, today).
//
// Thread-safety: all implementations are safe for concurrent use (in-memory ones after setup).
#ifndef SWV_SERVICES_MONITORING_AGGREGATES_H_
#define SWV_SERVICES_MONITORING_AGGREGATES_H_

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "grpcpp/channel.h"
#include "services/common/directory_school.h"
#include "services/monitoring/domain/goal.h"
#include "services/monitoring/domain/indicators.h"

namespace swv::monitoring {

// TLV, register and support counts keyed by the level id ("" = the whole SWV at Level::kSwv).
using TlvByKey = std::map<std::string, TlvAggregate>;
using RegisterByKey = std::map<std::string, RegisterAggregate>;
using SupportBySchool = std::map<std::string, SupportAggregate>;
// Placement counts keyed by the pupils' first school.
using PlacementBySchool = std::map<std::string, PlacementAggregate>;
// Pupil counts keyed by school location.
using PupilsBySchool = std::map<std::string, PupilCounts>;

struct BoardSpendingAccount {
  std::string board;
  bool on_time = false;
};

class RegistrationsAggregates {
 public:
  virtual ~RegistrationsAggregates() = default;
  // TLV statistics of the period grouped by `level` (kSwv: one group ""): kWijk/kBoard/kSchool
  // by the referring school's wijk/board/code. A level id without applications or OPPs is left
  // out (its counts are 0).
  virtual absl::StatusOr<TlvByKey> TlvStatistics(absl::string_view tenant, absl::CivilDay from,
                                                 absl::CivilDay to, Level level) = 0;
  // Register statistics grouped by `level` (kSwv: one group "").
  virtual absl::StatusOr<RegisterByKey> RegisterStatistics(absl::string_view tenant,
                                                           absl::CivilDay from, absl::CivilDay to,
                                                           Level level) = 0;
  // Support statistics per school location ("" = wijk arrangements).
  virtual absl::StatusOr<SupportBySchool> SupportStatistics(absl::string_view tenant,
                                                            absl::CivilDay from,
                                                            absl::CivilDay to) = 0;
  // Placement statistics per first school.
  virtual absl::StatusOr<PlacementBySchool> PlacementStatistics(absl::string_view tenant,
                                                                absl::CivilDay from,
                                                                absl::CivilDay to) = 0;
  // Every school of the directory (services/common/directory_client.h), sorted by code.
  virtual absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) = 0;
};

class AllocationAggregates {
 public:
  virtual ~AllocationAggregates() = default;
  // Pupil counts per school of the newest calculation of funding year `year`; nullopt when there
  // is none.
  virtual absl::StatusOr<absl::optional<PupilsBySchool>> PupilCountsOfYear(absl::string_view tenant,
                                                                           int year) = 0;
  // Every board of the directory with whether its account for `year` arrived before 1 February
  // of year + 1, as of today.
  virtual absl::StatusOr<std::vector<BoardSpendingAccount>> SpendingAccounts(
      absl::string_view tenant, int year) = 0;
};

std::unique_ptr<RegistrationsAggregates> NewGrpcRegistrationsAggregates(
    std::shared_ptr<grpc::Channel> channel, absl::Duration deadline);
std::unique_ptr<AllocationAggregates> NewGrpcAllocationAggregates(
    std::shared_ptr<grpc::Channel> channel, absl::Duration deadline);

// Fixed answers, keyed by what is asked; counts how often it is called (to test the cache).
class InMemoryRegistrationsAggregates final : public RegistrationsAggregates {
 public:
  void SetTlv(absl::CivilDay from, absl::CivilDay to, Level level, const std::string& level_id,
              TlvAggregate value);
  void SetRegister(absl::CivilDay from, absl::CivilDay to, Level level, RegisterByKey value);
  void SetSupport(absl::CivilDay from, absl::CivilDay to, SupportBySchool value);
  void SetPlacement(absl::CivilDay from, absl::CivilDay to, PlacementBySchool value);
  void SetSchools(std::vector<DirectorySchool> schools);
  void SetUnavailable(bool unavailable);
  int calls() const;

  absl::StatusOr<TlvByKey> TlvStatistics(absl::string_view tenant, absl::CivilDay from,
                                         absl::CivilDay to, Level level) override;
  absl::StatusOr<RegisterByKey> RegisterStatistics(absl::string_view tenant, absl::CivilDay from,
                                                   absl::CivilDay to, Level level) override;
  absl::StatusOr<SupportBySchool> SupportStatistics(absl::string_view tenant, absl::CivilDay from,
                                                    absl::CivilDay to) override;
  absl::StatusOr<PlacementBySchool> PlacementStatistics(absl::string_view tenant,
                                                        absl::CivilDay from,
                                                        absl::CivilDay to) override;
  absl::StatusOr<std::vector<DirectorySchool>> ListSchools(absl::string_view tenant) override;

 private:
  absl::Status Call() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::tuple<absl::CivilDay, absl::CivilDay, Level>, TlvByKey> tlv_ ABSL_GUARDED_BY(mu_);
  std::map<std::tuple<absl::CivilDay, absl::CivilDay, Level>, RegisterByKey> register_
      ABSL_GUARDED_BY(mu_);
  std::map<std::pair<absl::CivilDay, absl::CivilDay>, SupportBySchool> support_
      ABSL_GUARDED_BY(mu_);
  std::map<std::pair<absl::CivilDay, absl::CivilDay>, PlacementBySchool> placement_
      ABSL_GUARDED_BY(mu_);
  std::vector<DirectorySchool> schools_ ABSL_GUARDED_BY(mu_);
  bool unavailable_ ABSL_GUARDED_BY(mu_) = false;
  int calls_ ABSL_GUARDED_BY(mu_) = 0;
};

class InMemoryAllocationAggregates final : public AllocationAggregates {
 public:
  void SetPupils(int year, PupilsBySchool counts);
  void SetSpendingAccounts(int year, std::vector<BoardSpendingAccount> accounts);

  absl::StatusOr<absl::optional<PupilsBySchool>> PupilCountsOfYear(absl::string_view tenant,
                                                                   int year) override;
  absl::StatusOr<std::vector<BoardSpendingAccount>> SpendingAccounts(absl::string_view tenant,
                                                                     int year) override;

 private:
  absl::Mutex mu_;
  std::map<int, PupilsBySchool> pupils_ ABSL_GUARDED_BY(mu_);
  std::map<int, std::vector<BoardSpendingAccount>> accounts_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_AGGREGATES_H_
