// The monitoring section of service_bench: a synthetic SWV over several years on the three real
// services, GetGoalStatuses for every goal at every level; wall time and peak RSS.
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/rpc_method.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "services/allocation/allocation_app.h"
#include "services/common/clock.h"
#include "services/common/directory_client.h"
#include "services/common/file_text.h"
#include "services/common/logging.h"
#include "services/common/options.h"
#include "services/common/principal.h"
#include "services/common/principal_token.h"
#include "services/common/server.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_core.h"
#include "services/gateway/gateway_store.h"
#include "services/gateway/http_adapter.h"
#include "services/gateway/route_table.h"
#include "services/monitoring/monitoring_app.h"
#include "services/registrations/registrations_app.h"
#include "swv/v1/directory.grpc.pb.h"
#include "swv/v1/monitoring.grpc.pb.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"
#include "tools/bench/bench_support.h"
#include "tools/bench/service_bench.h"
#include "tools/bench/synthetic_swv.h"

namespace service_bench {
namespace {

// The text of a data file of the source tree; empty when it cannot be read, which the parse that
// reads it then refuses.
std::string ReadFile(const std::string& path) { return swv::ReadWholeFile(path).value_or(""); }

}  // namespace

// The three services of the monitoring section, each on its own SQLite database and runtime.
absl::Status MonitoringSection(const BenchOptions& o) {
  const int schools = std::max(4, o.pupils / 240);
  const int boards = std::max(2, schools / 10);
  const int wijken = std::max(2, schools / 16);
  const int last_year = 2027;  // the Onderwijs dat Past goal set runs 2023-2027
  const int first_year = last_year - o.years + 1;
  swv::FakeClock clock(
      absl::FromCivil(absl::CivilSecond(last_year, 11, 16, 10, 0, 0), swv::DutchTimeZone()));
  std::printf(
      "[monitoring] %d pupils, %d school locations, %d boards, %d wijken, years %d-%d; "
      "VmHWM at start %lld kB\n",
      o.pupils, schools, boards, wijken, first_year, last_year,
      static_cast<long long>(swv::bench::ProcStatusKb(0, "VmHWM")));
  std::unique_ptr<swv::testing::ScratchDatabase> dbs[3];
  for (auto& db : dbs) {
    auto scratch = swv::testing::ScratchDatabase::Create(swv::storage::Dialect::kSqlite);
    if (!scratch.ok()) return scratch.status();
    db = *std::move(scratch);
  }
  auto registrations = swv::registrations::RegistrationsApp::Create(&dbs[0]->db(), &clock);
  if (!registrations.ok()) return registrations.status();
  auto registrations_runtime = StartRuntime("swv-registrations", (*registrations)->grpc_services());
  if (!registrations_runtime) return absl::UnavailableError("registrations did not start");
  auto registrations_channel =
      swv::testing::TestChannel(absl::StrCat("127.0.0.1:", registrations_runtime->grpc_port()));

  // The directory, through the registrations API as an SWV office would push it.
  auto directory = pb::Directory::NewStub(registrations_channel);
  pb::BatchUpsertBoardsRequest board_request;
  board_request.set_parent("swvs/PO2203");
  for (int b = 0; b < boards; ++b) {
    pb::Board* board = board_request.add_boards();
    board->set_code(swv::bench::BoardCode(b));
    board->set_display_name(absl::StrCat("Stichting ", b));
  }
  pb::BatchUpsertWijkenRequest wijk_request;
  wijk_request.set_parent("swvs/PO2203");
  for (int w = 0; w < wijken; ++w) {
    pb::Wijk* wijk = wijk_request.add_wijken();
    wijk->set_code(swv::bench::WijkCode(w));
    wijk->set_display_name(absl::StrCat("Wijk ", w));
    wijk->set_municipality("GM0119");
  }
  pb::BatchUpsertSchoolsRequest school_request;
  school_request.set_parent("swvs/PO2203");
  for (int s = 0; s < schools; ++s) {
    pb::School* school = school_request.add_schools();
    school->set_code(swv::bench::SchoolCode(s));
    school->set_display_name(absl::StrCat("School ", s));
    school->set_board(swv::bench::BoardCode(s % boards));
    school->set_wijk(swv::bench::WijkCode(s % wijken));
    school->set_municipality("GM0119");
    school->set_kind(s % 25 == 24 ? pb::SCHOOL_KIND_SBO : pb::SCHOOL_KIND_REGULAR);
    school->set_inside_region(true);
  }
  auto upsert = [&](auto method, const auto& request) -> absl::Status {
    grpc::ClientContext context;
    Deadline(&context, "office:PO2203");
    pb::BatchUpsertResponse upserted;
    grpc::Status status = ((*directory).*method)(&context, request, &upserted);
    if (status.ok() && upserted.rejected() == 0) return absl::OkStatus();
    return absl::InternalError(absl::StrCat("directory upsert: ", status.error_message(),
                                            " rejected ", upserted.rejected()));
  };
  for (absl::Status status : {upsert(&pb::Directory::Stub::BatchUpsertBoards, board_request),
                              upsert(&pb::Directory::Stub::BatchUpsertWijken, wijk_request),
                              upsert(&pb::Directory::Stub::BatchUpsertSchools, school_request)}) {
    if (!status.ok()) return status;
  }

  // Allocation: a configuration, a count set (one row per school) and a calculation per year.
  auto directory_reader =
      swv::NewGrpcDirectoryClient(registrations_channel, absl::Seconds(30), "swv-allocation");
  auto allocation =
      swv::allocation::AllocationApp::Create(&dbs[1]->db(), directory_reader.get(), &clock);
  if (!allocation.ok()) return allocation.status();
  for (int year = first_year; year <= last_year; ++year) {
    swv::allocation::YearConfig config = swv::bench::SyntheticYearConfig(year, wijken, boards);
    auto stored =
        (*allocation)->service().UpdateYearConfig(Staff("office:PO2203"), "PO2203", config, 0);
    if (!stored.ok()) return stored.status();
    std::vector<swv::allocation::CountRow> rows;
    for (int s = 0; s < schools; ++s) {
      swv::allocation::CountRow row;
      row.school = swv::bench::SchoolCode(s);
      row.pupils = o.pupils / schools + (s < o.pupils % schools ? 1 : 0);
      if (s % 25 == 24) row.sbo_pupils = *row.pupils / 3;
      rows.push_back(row);
    }
    auto counts = (*allocation)
                      ->service()
                      .ImportCounts(Staff("office:PO2203"), "PO2203", config.count_date, rows,
                                    absl::StrCat("counts-", year), "benchmark");
    if (!counts.ok()) return counts.status();
    auto calculation = (*allocation)
                           ->service()
                           .CreateCalculation(Staff("office:PO2203"), "PO2203", year,
                                              absl::StrCat("calc-", year), 0);
    if (!calculation.ok()) return calculation.status();
  }
  auto allocation_runtime = StartRuntime("swv-allocation", (*allocation)->grpc_services());
  if (!allocation_runtime) return absl::UnavailableError("allocation did not start");

  // Thuiszitter cases: about 3 per 1,000 pupils a year, half of them closed after two months.
  const int per_year = std::max(1, o.pupils * 3 / 1000);
  int cases = 0;
  for (int year = first_year; year <= last_year; ++year) {
    for (int k = 0; k < per_year; ++k) {
      absl::CivilDay reported(year, 1 + k % 8, 1 + k % 28);  // closed by October: before "today"
      swv::registrations::ThuiszitterReport r;
      r.school = swv::bench::SchoolCode(k % schools);
      r.lvs_pupil_number = absl::StrCat("LVS-", year, "-", k);
      r.residence_municipality = "GM0119";
      r.absence_kind = swv::registrations::AbsenceKind::kRelative;
      r.absence_start = absl::FormatCivilTime(reported - 35);
      r.reported_on = absl::FormatCivilTime(reported);
      r.cause = swv::registrations::ThuiszitterCause::kWaitingForCare;
      auto view =
          (*registrations)
              ->thuiszitters()
              .Report(Staff("office:PO2203"), "PO2203", r, absl::StrCat("case-", year, "-", k));
      if (!view.ok()) return view.status();
      ++cases;
      if (k % 2 == 0) {
        swv::registrations::CloseInput close;
        close.closed_on = absl::FormatCivilTime(reported + 60);
        close.reason = "school resumed";
        auto closed = (*registrations)
                          ->thuiszitters()
                          .Close(Staff("office:PO2203"), "PO2203", view->stored.case_id, close, 0);
        if (!closed.ok()) return closed.status();
      }
    }
  }

  // Monitoring as swv-monitoring runs it: gRPC clients of both services; cache off.
  auto registrations_aggregates =
      swv::monitoring::NewGrpcRegistrationsAggregates(registrations_channel, absl::Seconds(60));
  auto allocation_aggregates = swv::monitoring::NewGrpcAllocationAggregates(
      swv::testing::TestChannel(absl::StrCat("127.0.0.1:", allocation_runtime->grpc_port())),
      absl::Seconds(60));
  swv::monitoring::MonitoringAppOptions monitoring_options;
  monitoring_options.status_max_age = absl::ZeroDuration();
  auto national = swv::monitoring::NationalFigures::Parse(
      ReadFile(absl::StrCat(o.source_dir, "/data/goals/national-participation.goals")));
  if (!national.ok()) return national.status();
  monitoring_options.national_figures = *national;
  auto monitoring = swv::monitoring::MonitoringApp::Create(
      &dbs[2]->db(), registrations_aggregates.get(), allocation_aggregates.get(), &clock,
      monitoring_options);
  if (!monitoring.ok()) return monitoring.status();
  int goals = 0;
  for (const char* file :
       {"data/goals/onderwijs-dat-past/2023-2027.goals", "data/goals/po2203/2026-2029.goals"}) {
    auto imported = (*monitoring)
                        ->service()
                        .ImportGoalSet(Staff("office:PO2203"), "PO2203",
                                       ReadFile(absl::StrCat(o.source_dir, "/", file)));
    if (!imported.ok()) return imported.status();
    goals += imported->counts.created;
  }
  auto monitoring_runtime = StartRuntime("swv-monitoring", (*monitoring)->grpc_services());
  if (!monitoring_runtime) return absl::UnavailableError("monitoring did not start");
  auto stub = pb::Monitoring::NewStub(
      swv::testing::TestChannel(absl::StrCat("127.0.0.1:", monitoring_runtime->grpc_port())));
  std::printf(
      "[monitoring] seeded: %d thuiszitter cases, %d count sets, %d goal records imported; VmHWM "
      "%lld kB\n",
      cases, o.years, goals, static_cast<long long>(swv::bench::ProcStatusKb(0, "VmHWM")));

  const int64_t start = swv::bench::MonotonicNanos();
  int64_t statuses = 0;
  for (int year = first_year; year <= last_year; ++year) {
    const int64_t year_start = swv::bench::MonotonicNanos();
    int64_t year_statuses = 0;
    for (pb::Level level : {pb::LEVEL_SWV, pb::LEVEL_WIJK, pb::LEVEL_BOARD, pb::LEVEL_SCHOOL}) {
      grpc::ClientContext context;
      Deadline(&context, "office:PO2203");
      pb::GetGoalStatusesRequest request;
      request.set_parent("swvs/PO2203");
      request.set_year(year);
      request.set_level(level);
      pb::GoalStatuses reply;
      grpc::Status status = stub->GetGoalStatuses(&context, request, &reply);
      if (!status.ok()) {
        return absl::InternalError(absl::StrCat(
            "GetGoalStatuses ", year, " ", pb::Level_Name(level), ": ", status.error_message()));
      }
      year_statuses += reply.statuses_size();
    }
    statuses += year_statuses;
    std::printf("  %d: %6lld statuses (SWV, %d wijken, %d boards, %d schools) in %8.3f s\n", year,
                static_cast<long long>(year_statuses), wijken, boards, schools,
                (swv::bench::MonotonicNanos() - year_start) / 1e9);
  }
  const double seconds = (swv::bench::MonotonicNanos() - start) / 1e9;
  std::printf(
      "MONITORING all goals, all levels, %d years: %lld statuses in %.3f s; peak RSS (VmHWM) %lld "
      "kB "
      "(whole process: three services and the client)\n",
      o.years, static_cast<long long>(statuses), seconds,
      static_cast<long long>(swv::bench::ProcStatusKb(0, "VmHWM")));
  monitoring_runtime->Shutdown();
  allocation_runtime->Shutdown();
  registrations_runtime->Shutdown();
  return absl::OkStatus();
}

}  // namespace service_bench
