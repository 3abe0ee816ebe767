// The aggregates a status computation reads, fetched from registrations and allocation at most
// once per period, level and id, and shared by every goal of that computation. One object per
// computation, used by one thread.
#ifndef SWV_SERVICES_MONITORING_AGGREGATE_FETCH_H_
#define SWV_SERVICES_MONITORING_AGGREGATE_FETCH_H_

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/monitoring/aggregates.h"
#include "services/monitoring/domain/observation.h"

namespace swv::monitoring {

// Everything fetched for one period and level, shared by all goals (each remote call at most
// once per period, level and id).
class AggregateFetch final : public IndicatorSource {
 public:
  AggregateFetch(RegistrationsAggregates* registrations, AllocationAggregates* allocation,
                 std::string tenant, Period period, Level level, absl::CivilDay today)
      : registrations_(registrations),
        allocation_(allocation),
        tenant_(std::move(tenant)),
        period_(period),
        level_(level),
        from_(period.first_day()),
        to_(std::min(period.last_day(), today)),
        started_(period.first_day() <= today) {}

  // The directory's schools when the caller has them already (one list per computation).
  void UseSchools(const std::vector<DirectorySchool>& schools) {
    schools_ = absl::StatusOr<std::vector<DirectorySchool>>(schools);
  }

  bool started() const override { return started_; }
  bool had_errors() const { return had_errors_; }

  // The inputs of `indicator` for one level id; an input that failed to load stays empty and
  // `*error` names why.
  IndicatorInputs Inputs(const IndicatorDefinition& indicator, const std::string& id,
                         std::string* error) override {
    IndicatorInputs in;
    for (Input input : indicator.inputs) {
      switch (input) {
        case Input::kTlv: {
          auto load = [&] { return registrations_->TlvStatistics(tenant_, from_, to_, level_); };
          if (auto tlv = GroupOf(tlv_, load, id, error)) in.tlv = *tlv;
          break;
        }
        case Input::kTlvRolling: {
          // The 12 months up to the period's end: a year back, plus one day.
          const absl::CivilDay start = absl::CivilDay(to_.year() - 1, to_.month(), to_.day()) + 1;
          auto load = [&] { return registrations_->TlvStatistics(tenant_, start, to_, level_); };
          if (auto rolling = GroupOf(rolling_, load, id, error)) {
            in.tlv_received_rolling_12_months = rolling->received;
          }
          break;
        }
        case Input::kRegister: {
          auto load = [&] {
            return registrations_->RegisterStatistics(tenant_, from_, to_, level_);
          };
          if (auto counts = GroupOf(register_, load, id, error)) in.register_counts = *counts;
          break;
        }
        case Input::kSupport: {
          auto load = [&] { return registrations_->SupportStatistics(tenant_, from_, to_); };
          in.support = PerSchoolSum(
              support_, load, id, error, [](SupportAggregate& total, const SupportAggregate& c) {
                total.arrangements_decided += c.arrangements_decided;
                total.arrangements_decided_within_8_weeks += c.arrangements_decided_within_8_weeks;
                total.opdc_started += c.opdc_started;
                total.opdc_started_extended += c.opdc_started_extended;
                total.schools_counted += c.schools_counted;
                total.schools_at_support_level_3_or_higher +=
                    c.schools_at_support_level_3_or_higher;
                total.schools_at_support_level_4 += c.schools_at_support_level_4;
                total.profiles_update_overdue += c.profiles_update_overdue;
                total.pupils_waiting_for_so += c.pupils_waiting_for_so;
                total.pupils_waiting_for_sbo += c.pupils_waiting_for_sbo;
                total.pupils_waiting_for_youth_care += c.pupils_waiting_for_youth_care;
              });
          break;
        }
        case Input::kPlacement: {
          auto load = [&] { return registrations_->PlacementStatistics(tenant_, from_, to_); };
          in.placement = PerSchoolSum(placement_, load, id, error,
                                      [](PlacementAggregate& total, const PlacementAggregate& c) {
                                        total.extra_support_pupils += c.extra_support_pupils;
                                        total.served_at_first_school += c.served_at_first_school;
                                        total.served_in_same_wijk += c.served_in_same_wijk;
                                        total.so_profile_pupils += c.so_profile_pupils;
                                        total.so_profile_at_mdo_inside_region +=
                                            c.so_profile_at_mdo_inside_region;
                                      });
          break;
        }
        case Input::kPupils: {
          if (!pupils_) {
            pupils_ = Load<absl::optional<PupilsBySchool>>(
                [&] { return allocation_->PupilCountsOfYear(tenant_, period_.year); });
          }
          if (!pupils_->ok()) {
            *error = Describe("allocation", pupils_->status());
            break;
          }
          if (!**pupils_) {
            *error = absl::StrCat("no allocation calculation for ", period_.year);
            break;
          }
          absl::optional<PupilCounts> sum = SumOverSchools<PupilCounts>(
              ***pupils_, id, error, [](PupilCounts& total, const PupilCounts& counts) {
                total.regular += counts.regular;
                total.sbo += counts.sbo;
                total.so += counts.so;
              });
          if (sum) in.pupils = *sum;
          break;
        }
        case Input::kSpendingAccounts: {
          // Goal year Y counts the accounts of year Y-1, due before 1 February Y.
          if (!accounts_) {
            accounts_ = Load<std::vector<BoardSpendingAccount>>(
                [&] { return allocation_->SpendingAccounts(tenant_, period_.year - 1); });
          }
          if (!accounts_->ok()) {
            *error = Describe("allocation", accounts_->status());
            break;
          }
          SpendingAccountsAggregate sum;
          for (const BoardSpendingAccount& a : **accounts_) {
            if (level_ == Level::kBoard && a.board != id) continue;
            ++sum.boards;
            if (a.on_time) ++sum.on_time;
          }
          in.spending_accounts = sum;
          break;
        }
      }
    }
    return in;
  }

  // The sum of per-school counts over the schools of level id `id`: every school at SWV level,
  // the school itself at school level, the directory's schools of the wijk/board otherwise.
  // nullopt (with `*error`) when the directory cannot be read.
  template <typename T, typename Add>
  absl::optional<T> SumOverSchools(const std::map<std::string, T>& by_school, const std::string& id,
                                   std::string* error, Add add) {
    std::set<std::string> members;
    if (level_ == Level::kWijk || level_ == Level::kBoard) {
      const absl::StatusOr<std::vector<DirectorySchool>>& schools = Schools();
      if (!schools.ok()) {
        *error = Describe("registrations", schools.status());
        return absl::nullopt;
      }
      for (const DirectorySchool& s : *schools) {
        if ((level_ == Level::kWijk ? s.wijk : s.board) == id) members.insert(s.code);
      }
    }
    T sum;
    for (const auto& [school, counts] : by_school) {
      const bool belongs = level_ == Level::kSwv ||
                           (level_ == Level::kSchool ? school == id : members.count(school) > 0);
      if (belongs) add(sum, counts);
    }
    return sum;
  }

  // Loads registrations counts grouped by the level once into `slot`, then takes level id `id`'s
  // group; a level id without cases does not appear as a group: its counts are 0.
  template <typename T, typename F>
  absl::optional<T> GroupOf(absl::optional<absl::StatusOr<std::map<std::string, T>>>& slot, F load,
                            const std::string& id, std::string* error) {
    if (!slot) slot = Load<std::map<std::string, T>>(load);
    if (!slot->ok()) {
      *error = Describe("registrations", slot->status());
      return absl::nullopt;
    }
    auto it = (*slot)->find(id);
    return it == (*slot)->end() ? T{} : it->second;
  }

  // Loads per-school registrations counts once into `slot`, then sums them for level id `id`.
  template <typename T, typename F, typename Add>
  absl::optional<T> PerSchoolSum(absl::optional<absl::StatusOr<std::map<std::string, T>>>& slot,
                                 F load, const std::string& id, std::string* error, Add add) {
    if (!slot) slot = Load<std::map<std::string, T>>(load);
    if (!slot->ok()) {
      *error = Describe("registrations", slot->status());
      return absl::nullopt;
    }
    return SumOverSchools<T>(**slot, id, error, add);
  }

  const absl::StatusOr<std::vector<DirectorySchool>>& Schools() {
    if (!schools_)
      schools_ =
          Load<std::vector<DirectorySchool>>([&] { return registrations_->ListSchools(tenant_); });
    return *schools_;
  }

 private:
  template <typename T, typename F>
  absl::optional<absl::StatusOr<T>> Load(F call) {
    absl::StatusOr<T> result = call();
    if (!result.ok()) had_errors_ = true;
    return absl::optional<absl::StatusOr<T>>(std::move(result));
  }

  static std::string Describe(absl::string_view service, const absl::Status& status) {
    return absl::StrCat(service, " unavailable: ", absl::StatusCodeToString(status.code()), " ",
                        status.message());
  }

  RegistrationsAggregates* registrations_;
  AllocationAggregates* allocation_;
  const std::string tenant_;
  const Period period_;
  const Level level_;
  const absl::CivilDay from_;
  const absl::CivilDay to_;
  const bool started_;
  bool had_errors_ = false;
  absl::optional<absl::StatusOr<TlvByKey>> tlv_;
  absl::optional<absl::StatusOr<TlvByKey>> rolling_;
  absl::optional<absl::StatusOr<RegisterByKey>> register_;
  absl::optional<absl::StatusOr<SupportBySchool>> support_;
  absl::optional<absl::StatusOr<PlacementBySchool>> placement_;
  absl::optional<absl::StatusOr<absl::optional<PupilsBySchool>>> pupils_;
  absl::optional<absl::StatusOr<std::vector<BoardSpendingAccount>>> accounts_;
  absl::optional<absl::StatusOr<std::vector<DirectorySchool>>> schools_;
};

}  // namespace swv::monitoring

#endif  // SWV_SERVICES_MONITORING_AGGREGATE_FETCH_H_
