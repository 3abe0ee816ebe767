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

namespace {

namespace pb = ::swv::v1;
using swv::bench::Measurement;
using swv::bench::RunClosedLoop;

// The service layer is called in-process as trusted staff (a principal with only an id), as
// swvctl does over gRPC; the id is recorded as the actor.
swv::Principal Staff(std::string id) {
  swv::Principal staff;
  staff.id = std::move(id);
  return staff;
}

struct BenchOptions {
  std::string scale = "full";  // full | small: the default call counts
  std::string sections = "grpc,identity,gateway,durable,monitoring";
  int concurrency = 8;    // client threads of every measured phase
  int calls = 0;          // calls per gRPC/REST phase; 0 = 20000 (full) / 400 (small)
  int durable_calls = 0;  // calls per durable phase; 0 = 4000 (full) / 200 (small)
  int pupils = 31000;     // monitoring: pupils of the synthetic SWV
  int years = 5;          // monitoring: years ending 2027 (the clock stands in November 2027)
  std::string source_dir = SWV_SOURCE_DIR;  // for data/goals
};

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

std::string Outcome(const grpc::Status& status) {
  return status.ok() ? "ok" : absl::StrCat("grpc ", static_cast<int>(status.error_code()));
}
std::string Outcome(const absl::Status& status) {
  return status.ok() ? "ok" : std::string(absl::StatusCodeToString(status.code()));
}

std::unique_ptr<swv::ServiceRuntime> StartRuntime(const std::string& name,
                                                  const std::vector<grpc::Service*>& services,
                                                  bool tls = false) {
  swv::ServerOptions options;
  swv::testing::TrustTestIdentity(&options, tls);
  options.service_name = name;
  options.grpc_address = "127.0.0.1:0";
  options.http_address = "127.0.0.1:0";
  options.log_level = "warn";
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

// Registrations on SQLite behind a ServiceRuntime, shared by the grpc and gateway sections.
struct RegistrationsServer {
  swv::SystemClock clock;
  std::unique_ptr<swv::testing::ScratchDatabase> db;
  std::unique_ptr<swv::registrations::RegistrationsApp> app;
  std::unique_ptr<swv::ServiceRuntime> runtime;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<pb::Registrations::Stub> stub;
  std::vector<std::string> case_names;  // created by Seed or the create phase

  // With `tls`, the gRPC port takes mutual TLS only (docs/operations.md "Service identity").
  absl::Status Start(bool tls = false) {
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

  std::string Create(const std::string& run, int64_t i, std::string* name) {
    grpc::ClientContext context;
    Deadline(&context, "school:21AB00");
    pb::ThuiszitterCase reply;
    grpc::Status status = stub->ReportThuiszitter(&context, ReportRequest(clock, run, i), &reply);
    if (status.ok() && name != nullptr) *name = reply.name();
    return Outcome(status);
  }

  std::string Get(int64_t i) {
    grpc::ClientContext context;
    Deadline(&context, "school:21AB00");
    pb::GetThuiszitterRequest request;
    request.set_name(case_names[i % case_names.size()]);
    pb::ThuiszitterCase reply;
    return Outcome(stub->GetThuiszitter(&context, request, &reply));
  }

  ~RegistrationsServer() {
    if (runtime) runtime->Shutdown();
  }
};

absl::Status GrpcSection(const BenchOptions& o, RegistrationsServer& server) {
  std::printf("[grpc] registrations on SQLite, concurrency %d, %d calls per phase\n", o.concurrency,
              o.calls);
  for (int i = 0; i < 200; ++i) (void)HealthCheck(server.channel.get());  // connect, warm up
  Measurement empty1 =
      RunClosedLoop("grpc empty (Health/Check) before", o.concurrency, o.calls,
                    [&](int, int64_t) { return Outcome(HealthCheck(server.channel.get())); });
  std::vector<std::string> names(o.calls);
  Measurement create =
      RunClosedLoop("grpc create (ReportThuiszitter)", o.concurrency, o.calls,
                    [&](int, int64_t i) { return server.Create("grpc", i, &names[i]); });
  for (std::string& name : names) {
    if (!name.empty()) server.case_names.push_back(name);
  }
  if (server.case_names.empty()) return absl::InternalError("no case was created");
  Measurement get = RunClosedLoop("grpc get (GetThuiszitter)", o.concurrency, o.calls,
                                  [&](int, int64_t i) { return server.Get(i); });
  Measurement empty2 =
      RunClosedLoop("grpc empty (Health/Check) after", o.concurrency, o.calls,
                    [&](int, int64_t) { return Outcome(HealthCheck(server.channel.get())); });
  Measurement empty = MeanOf(empty1, empty2);
  swv::bench::PrintRatio("grpc create / empty method", create, empty);
  swv::bench::PrintRatio("grpc get / empty method", get, empty);
  return create.errors + get.errors + empty.errors == 0 ? absl::OkStatus()
                                                        : absl::InternalError("calls failed");
}

// What service identity costs: a get over mutual TLS against the same get in plaintext (both
// carry a signed principal), and signing plus verifying one principal token against that get.
absl::Status IdentitySection(const BenchOptions& o, RegistrationsServer& plain) {
  std::printf("[identity] concurrency %d, %d calls per phase\n", o.concurrency, o.calls);
  RegistrationsServer tls;
  if (absl::Status started = tls.Start(/*tls=*/true); !started.ok()) return started;
  std::vector<std::string> names(std::min(o.calls, 200));
  for (size_t i = 0; i < names.size(); ++i) {
    if (tls.Create("tls", static_cast<int64_t>(i), &names[i]) != "ok") {
      return absl::InternalError("no case was created over mutual TLS");
    }
  }
  tls.case_names = names;
  if (plain.case_names.empty()) {
    for (int i = 0; i < 200; ++i) {
      std::string name;
      if (plain.Create("plain", i, &name) == "ok") plain.case_names.push_back(name);
    }
  }
  Measurement plain1 = RunClosedLoop("grpc get, plaintext", o.concurrency, o.calls,
                                     [&](int, int64_t i) { return plain.Get(i); });
  Measurement over_tls = RunClosedLoop("grpc get, mutual TLS", o.concurrency, o.calls,
                                       [&](int, int64_t i) { return tls.Get(i); });
  Measurement plain2 = RunClosedLoop("grpc get, plaintext again", o.concurrency, o.calls,
                                     [&](int, int64_t i) { return plain.Get(i); });
  const swv::testing::TestIdentity& identity = swv::testing::Identity();
  auto signer = swv::PrincipalSigner::FromFile(swv::kIssuerGateway, identity.gateway_key);
  auto verifier = swv::PrincipalVerifier::FromSpec(identity.trusted_keys);
  if (!signer.ok() || !verifier.ok()) return absl::InternalError("test identity");
  swv::Principal school;
  school.id = "school:PO2203:bench";
  school.kind = swv::PrincipalKind::kSchool;
  school.tenant = "PO2203";
  school.scope = {"21AB00"};
  const std::string method = "/swv.v1.Registrations/GetThuiszitter";
  Measurement token = RunClosedLoop(
      "principal token sign + verify", o.concurrency, o.calls, [&](int, int64_t) -> std::string {
        absl::Time now = absl::Now();
        auto signed_token = (*signer)->Sign(school, method, now);
        if (!signed_token.ok()) return "sign";
        return (*verifier)->Verify(*signed_token, method, now).ok() ? "ok" : "verify";
      });
  Measurement plain_get = MeanOf(plain1, plain2);
  swv::bench::PrintRatio("grpc get mTLS / grpc get plaintext", over_tls, plain_get);
  swv::bench::PrintRatio("principal token sign+verify / grpc get", token, plain_get);
  return over_tls.errors + plain_get.errors + token.errors == 0
             ? absl::OkStatus()
             : absl::InternalError("calls failed");
}

absl::Status GatewaySection(const BenchOptions& o, RegistrationsServer& server) {
  std::printf("[gateway] REST GET vs gRPC GetThuiszitter, concurrency %d, %d calls per phase\n",
              o.concurrency, o.calls);
  if (server.case_names.empty()) {
    for (int i = 0; i < 100; ++i) {
      std::string name;
      if (server.Create("gateway-seed", i, &name) == "ok") server.case_names.push_back(name);
    }
  }
  if (server.case_names.empty()) return absl::InternalError("no case to read");
  auto scratch = swv::testing::ScratchDatabase::Create(swv::storage::Dialect::kSqlite);
  if (!scratch.ok()) return scratch.status();
  swv::SystemClock clock;
  auto store = swv::gateway::GatewayStore::Open(&(*scratch)->db(), &clock);
  if (!store.ok()) return store.status();
  swv::gateway::CredentialSpec spec;
  spec.kind = swv::PrincipalKind::kSchool;
  spec.tenant = "PO2203";
  spec.scope = {"21AB00"};
  spec.display_name = "benchmark LVS";
  spec.expires = absl::Now() + absl::Hours(24);
  auto issued = (*store)->Issue(spec);
  if (!issued.ok()) return issued.status();
  auto routes = swv::gateway::RouteTable::FromGeneratedPool();
  if (!routes.ok()) return routes.status();
  const std::string target = absl::StrCat("127.0.0.1:", server.runtime->grpc_port());
  std::set<std::string> services;
  for (const swv::gateway::Route& route : routes->routes()) services.insert(route.service);
  auto targets =
      swv::gateway::ResolveBackendTargets({services.begin(), services.end()}, target, "", "", "");
  if (!targets.ok()) return targets.status();
  swv::gateway::GrpcBackend backend(*targets, swv::testing::TestChannels());
  swv::gateway::GatewayOptions options;
  options.rate_per_second = 0;  // measure the gateway, not its limiter
  swv::gateway::GatewayCore core(*std::move(routes), &backend, store->get(), &clock, nullptr,
                                 options);
  swv::gateway::HttpListenerOptions listener;
  listener.address = "127.0.0.1:0";
  listener.threads = std::max(16, o.concurrency * 2);
  swv::gateway::GatewayHttpServer http(&core, listener);
  if (absl::Status started = http.Start(); !started.ok()) return started;

  // One keep-alive connection per client thread, as an LVS integration would hold.
  std::vector<std::unique_ptr<httplib::Client>> clients;
  for (int t = 0; t < o.concurrency; ++t) {
    clients.push_back(std::make_unique<httplib::Client>("127.0.0.1", http.port()));
    clients.back()->set_keep_alive(true);
    clients.back()->set_tcp_nodelay(true);
  }
  const httplib::Headers headers = {{"Authorization", absl::StrCat("Bearer ", issued->secret)}};
  auto rest_get = [&](int thread, int64_t i) {
    auto result = clients[thread]->Get(
        absl::StrCat("/api/v1/", server.case_names[i % server.case_names.size()]), headers);
    if (!result) return std::string("connection error");
    return result->status == 200 ? std::string("ok") : absl::StrCat("http ", result->status);
  };
  Measurement grpc_get = RunClosedLoop("grpc get (GetThuiszitter)", o.concurrency, o.calls,
                                       [&](int, int64_t i) { return server.Get(i); });
  Measurement rest =
      RunClosedLoop("rest get (GET .../thuiszitters/{id})", o.concurrency, o.calls, rest_get);
  http.Stop();
  swv::bench::PrintRatio("gateway rest get / grpc get", rest, grpc_get);
  return rest.errors + grpc_get.errors == 0 ? absl::OkStatus()
                                            : absl::InternalError("calls failed");
}

absl::Status DurableSection(const BenchOptions& o) {
  if (swv::testing::MysqlTestUrl().empty()) {
    return absl::FailedPreconditionError(
        "SWV_TEST_MYSQL_URL is not set (tools/mariadb-test-server.sh)");
  }
  swv::storage::DatabaseOptions db_options;
  db_options.pool_size = o.concurrency;
  auto scratch = swv::testing::ScratchDatabase::Create(swv::storage::Dialect::kMysql, db_options);
  if (!scratch.ok()) return scratch.status();
  swv::storage::Database& db = (*scratch)->db();
  std::string flush = "?";
  (void)db.InTransaction([&](swv::storage::Transaction& tx) -> absl::Status {
    auto rows = tx.Query("SELECT @@GLOBAL.innodb_flush_log_at_trx_commit");
    if (rows.ok() && !rows->empty()) flush = (*rows)[0].GetString(0);
    return absl::OkStatus();
  });
  std::printf(
      "[durable] MariaDB, pool %d, concurrency %d, %d calls per phase, "
      "innodb_flush_log_at_trx_commit=%s%s\n",
      o.concurrency, o.concurrency, o.durable_calls, flush.c_str(),
      flush == "1" ? " (every commit flushed to disk)" : " (NOT flushed at every commit)");
  swv::SystemClock clock;
  auto app = swv::registrations::RegistrationsApp::Create(&db, &clock);
  if (!app.ok()) return app.status();
  absl::Status created = db.InTransaction([](swv::storage::Transaction& tx) {
    return tx
        .Execute(
            "CREATE TABLE bench_single_rows (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
            "request_id VARCHAR(64) NOT NULL UNIQUE, school CHAR(6) NOT NULL, pupil VARCHAR(40) "
            "NOT NULL, absence_start CHAR(10) NOT NULL) ENGINE=InnoDB")
        .status();
  });
  if (!created.ok()) return created;
  const std::string absence_start = Today(clock, 40);
  auto bare = [&](const std::string& run, int64_t i) {
    return Outcome(db.InTransaction([&](swv::storage::Transaction& tx) {
      return tx
          .Execute(
              "INSERT INTO bench_single_rows (request_id, school, pupil, absence_start) VALUES (?, "
              "?, ?, ?)",
              {absl::StrCat(run, "-", i), std::string("21AB00"), absl::StrCat("LVS-", i),
               absence_start})
          .status();
    }));
  };
  auto report = [&](int, int64_t i) {
    swv::registrations::ThuiszitterReport r;
    r.school = "21AB00";
    r.lvs_pupil_number = absl::StrCat("LVS-durable-", i);
    r.residence_municipality = "GM0119";
    r.absence_kind = swv::registrations::AbsenceKind::kRelative;
    r.absence_start = absence_start;
    r.cause = swv::registrations::ThuiszitterCause::kWaitingForCare;
    return Outcome((*app)
                       ->thuiszitters()
                       .Report(Staff("school:21AB00"), "PO2203", r, absl::StrCat("durable-", i))
                       .status());
  };
  Measurement base1 = RunClosedLoop("bare single-row INSERT before", o.concurrency, o.durable_calls,
                                    [&](int, int64_t i) { return bare("before", i); });
  Measurement create =
      RunClosedLoop("create thuiszitter case (service)", o.concurrency, o.durable_calls, report);
  Measurement base2 = RunClosedLoop("bare single-row INSERT after", o.concurrency, o.durable_calls,
                                    [&](int, int64_t i) { return bare("after", i); });
  swv::bench::PrintRatio("durable create / bare insert (MariaDB)", create, MeanOf(base1, base2));
  return create.errors + base1.errors + base2.errors == 0 ? absl::OkStatus()
                                                          : absl::InternalError("writes failed");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

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

}  // namespace

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
  parser.AddInt("pupils", "", "monitoring: pupils of the synthetic SWV", &o.pupils);
  parser.AddInt("years", "", "monitoring: years", &o.years);
  parser.AddString("source-dir", "", "repository root (for data/goals)", &o.source_dir);
  swv::ParseOrExit(parser, argc, argv, [&] { return Validate(o); });
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
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
