// service_bench: the services' costs measured against a baseline in the same run, printed as
// ratios (one "RATIO ..." line each), plus the monitoring status of a whole SWV over five years.
//
//   service_bench [--scale=full|small] [--sections=grpc,gateway,durable,monitoring]
//                 [--concurrency=8] [--calls=N] [--durable-calls=N] [--pupils=31000] [--years=5]
//   MariaDB (section durable): SWV_TEST_MYSQL_URL, e.g. from tools/mariadb-test-server.sh; a fresh
//   database is created inside it and dropped afterwards.
//
// Sections (everything runs in this process, on loopback, services on port 0):
//   grpc      registrations on SQLite behind the common ServiceRuntime. ReportThuiszitter (create)
//             and GetThuiszitter vs grpc.health.v1.Health/Check served by the same server: same
//             channel, same client threads, same concurrency. The baseline runs before and after
//             the measured calls; their mean is the baseline.
//   gateway   the same GetThuiszitter through the REST gateway (GatewayCore + httplib listener,
//             school credential, rate limit off) vs directly over gRPC.
//   durable   ThuiszitterService::Report on MariaDB (the use case without gRPC) vs a bare
//             single-row INSERT in its own transaction through the same storage driver, same
//             pool, same concurrency. Prints innodb_flush_log_at_trx_commit (run-benchmarks.sh
//             sets it to 1, so every commit is flushed to disk).
//   monitoring a synthetic SWV of --pupils pupils (about 240 per school location) with five years
//             of pupil counts and calculations (swv-allocation), thuiszitter cases (swv-
//             registrations) and both shipped goal sets (Onderwijs dat Past 2023-2027, PO 22.03
//             2026-2029): GetGoalStatuses for every goal at every level (SWV, each wijk, board,
//             school) for each year 2023-2027, cache off. Wall time and the
//             process's peak RSS (VmHWM). Run it as its own process to read its peak alone.
#include "tools/bench/service_bench.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/rpc_method.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
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
#include "services/common/file_limit.h"
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
#include "tools/bench/synthetic_swv.h"

namespace service_bench {

swv::Principal Staff(std::string id) {
  swv::Principal staff;
  staff.id = std::move(id);
  return staff;
}

std::string Outcome(const grpc::Status& status) {
  return status.ok() ? "ok" : absl::StrCat("grpc ", static_cast<int>(status.error_code()));
}
std::string Outcome(const absl::Status& status) {
  return status.ok() ? "ok" : std::string(absl::StatusCodeToString(status.code()));
}

std::unique_ptr<swv::ServiceRuntime> StartRuntime(const std::string& name,
                                                  const std::vector<grpc::Service*>& services,
                                                  bool tls) {
  swv::ServerOptions options;
  swv::testing::TrustTestIdentity(&options, tls);
  options.service_name = name;
  options.grpc_address = "127.0.0.1:0";
  options.http_address = "127.0.0.1:0";
  options.log_level = getenv("SWV_BENCH_LOG") ? getenv("SWV_BENCH_LOG") : "warn";
  options.shutdown_grace = absl::Seconds(2);
  auto runtime = std::make_unique<swv::ServiceRuntime>(options);
  for (grpc::Service* service : services) runtime->AddService(service);
  if (absl::Status started = runtime->Start(); !started.ok()) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), started.ToString().c_str());
    return nullptr;
  }
  return runtime;
}

void Deadline(grpc::ClientContext* context, const std::string& principal) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  if (!principal.empty()) context->AddMetadata("x-swv-principal", principal);
}

// The empty method: grpc.health.v1.Health/Check with an empty request, as raw bytes (the
// server's own health service; no generated client needed).
grpc::Status HealthCheck(grpc::Channel* channel) {
  static const grpc::internal::RpcMethod kCheck("/grpc.health.v1.Health/Check",
                                                grpc::internal::RpcMethod::NORMAL_RPC);
  grpc::ClientContext context;
  Deadline(&context, "");
  grpc::Slice empty("", 0);
  grpc::ByteBuffer request(&empty, 1), response;
  return grpc::internal::BlockingUnaryCall<grpc::ByteBuffer, grpc::ByteBuffer>(
      channel, kCheck, &context, request, &response);
}

// The mean of two baseline runs, as one measurement.
Measurement MeanOf(const Measurement& a, const Measurement& b) {
  Measurement m = a;
  m.calls = a.calls + b.calls;
  m.errors = a.errors + b.errors;
  m.seconds = a.seconds + b.seconds;
  m.p50_ms = (a.p50_ms + b.p50_ms) / 2;
  m.p99_ms = (a.p99_ms + b.p99_ms) / 2;
  return m;
}

std::string Today(const swv::Clock& clock, int days_back) {
  absl::CivilDay day = absl::ToCivilDay(clock.Now(), swv::DutchTimeZone()) - days_back;
  return absl::FormatCivilTime(day);
}

pb::ReportThuiszitterRequest ReportRequest(const swv::Clock& clock, const std::string& run,
                                           int64_t i) {
  pb::ReportThuiszitterRequest request;
  request.set_parent("swvs/PO2203");
  request.set_request_id(absl::StrCat(run, "-", i));
  pb::ThuiszitterCase* c = request.mutable_thuiszitter();
  c->set_school("21AB00");
  c->set_lvs_pupil_number(absl::StrCat("LVS-", run, "-", i));
  c->set_residence_municipality("GM0119");
  c->set_absence_kind(pb::ABSENCE_KIND_RELATIVE);
  c->set_absence_start(Today(clock, 40));
  c->set_cause(pb::THUISZITTER_CAUSE_WAITING_FOR_CARE);
  return request;
}

// With `tls`, the gRPC port takes mutual TLS only (docs/operations.md "Service identity").
absl::Status RegistrationsServer::Start(bool tls) {
  auto scratch = swv::testing::ScratchDatabase::Create(swv::storage::Dialect::kSqlite);
  if (!scratch.ok()) return scratch.status();
  db = *std::move(scratch);
  auto created = swv::registrations::RegistrationsApp::Create(&db->db(), &clock);
  if (!created.ok()) return created.status();
  app = *std::move(created);
  runtime = StartRuntime("swv-registrations", app->grpc_services(), tls);
  if (!runtime) return absl::UnavailableError("registrations did not start");
  channel = swv::testing::TestChannel(absl::StrCat("127.0.0.1:", runtime->grpc_port()), tls);
  stub = pb::Registrations::NewStub(channel);
  return absl::OkStatus();
}

std::string RegistrationsServer::Create(const std::string& run, int64_t i, std::string* name) {
  grpc::ClientContext context;
  Deadline(&context, "school:21AB00");
  pb::ThuiszitterCase reply;
  grpc::Status status = stub->ReportThuiszitter(&context, ReportRequest(clock, run, i), &reply);
  if (status.ok() && name != nullptr) *name = reply.name();
  return Outcome(status);
}

std::string RegistrationsServer::Get(int64_t i) {
  grpc::ClientContext context;
  Deadline(&context, "school:21AB00");
  pb::GetThuiszitterRequest request;
  request.set_name(case_names[i % case_names.size()]);
  pb::ThuiszitterCase reply;
  return Outcome(stub->GetThuiszitter(&context, request, &reply));
}

RegistrationsServer::~RegistrationsServer() {
  if (runtime) runtime->Shutdown();
}

}  // namespace service_bench

namespace {

using service_bench::BenchOptions;

absl::Status Validate(BenchOptions& o) {
  if (o.scale != "full" && o.scale != "small") {
    return absl::InvalidArgumentError("--scale must be full or small");
  }
  const bool full = o.scale == "full";
  if (o.calls == 0) o.calls = full ? 20000 : 400;
  if (o.durable_calls == 0) o.durable_calls = full ? 4000 : 200;
  if (o.concurrency < 1 || o.concurrency > 256) {
    return absl::InvalidArgumentError("--concurrency must be 1..256");
  }
  if (o.calls < o.concurrency || o.durable_calls < o.concurrency) {
    return absl::InvalidArgumentError("--calls and --durable-calls must be at least --concurrency");
  }
  if (o.pupils < 1000 || o.pupils > 2'000'000) {
    return absl::InvalidArgumentError("--pupils must be 1000..2000000");
  }
  if (o.years < 1 || o.years > 10) return absl::InvalidArgumentError("--years must be 1..10");
  for (absl::string_view section : absl::StrSplit(o.sections, ',')) {
    if (section != "grpc" && section != "identity" && section != "gateway" &&
        section != "durable" && section != "monitoring") {
      return absl::InvalidArgumentError(
          absl::StrCat("--sections: unknown section \"", section,
                       "\" (grpc, identity, gateway, durable, monitoring)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

using service_bench::DurableSection;
using service_bench::GatewaySection;
using service_bench::GrpcSection;
using service_bench::IdentitySection;
using service_bench::MonitoringSection;
using service_bench::RegistrationsServer;

int main(int argc, char** argv) {
  BenchOptions o;
  swv::OptionParser parser("service_bench",
                           "Service costs against same-run baselines, printed as ratios.");
  parser.AddString("scale", "", "full | small (default call counts)", &o.scale);
  parser.AddString("sections", "", "comma list: grpc, identity, gateway, durable, monitoring",
                   &o.sections);
  parser.AddInt("concurrency", "", "client threads per phase", &o.concurrency);
  parser.AddInt("calls", "", "calls per gRPC/REST phase (0: by scale)", &o.calls);
  parser.AddInt("durable-calls", "", "calls per durable-write phase (0: by scale)",
                &o.durable_calls);
  parser.AddInt("idle-connections", "",
                "gateway: idle connections held open while new requests come (0: by scale)",
                &o.idle_connections);
  parser.AddInt("pupils", "", "monitoring: pupils of the synthetic SWV", &o.pupils);
  parser.AddInt("years", "", "monitoring: years", &o.years);
  parser.AddString("source-dir", "", "repository root (for data/goals)", &o.source_dir);
  swv::ParseOrExit(parser, argc, argv, [&] { return Validate(o); });
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  // The gateway flood holds thousands of connections, both ends in this process.
  swv::RaiseFileLimitToHard();
  swv::InitLogging("service-bench", "warn");
  std::set<std::string> sections;
  for (absl::string_view s : absl::StrSplit(o.sections, ',')) sections.insert(std::string(s));
  int failures = 0;
  auto report = [&](const char* section, const absl::Status& status) {
    if (status.ok()) return;
    std::fprintf(stderr, "[%s] failed: %s\n", section, status.ToString().c_str());
    ++failures;
  };
  if (sections.count("grpc") || sections.count("gateway") || sections.count("identity")) {
    RegistrationsServer server;
    absl::Status started = server.Start();
    report("registrations", started);
    if (started.ok() && sections.count("grpc")) report("grpc", GrpcSection(o, server));
    if (started.ok() && sections.count("identity")) report("identity", IdentitySection(o, server));
    if (started.ok() && sections.count("gateway")) report("gateway", GatewaySection(o, server));
  }
  if (sections.count("durable")) report("durable", DurableSection(o));
  if (sections.count("monitoring")) report("monitoring", MonitoringSection(o));
  return failures == 0 ? 0 : 1;
}
