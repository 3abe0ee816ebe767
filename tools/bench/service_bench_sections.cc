// The service_bench sections that measure one call path against a baseline: grpc (registrations
// over gRPC vs Health/Check), identity (mutual TLS, principal tokens), gateway (REST vs gRPC) and
// durable (the use case on MariaDB vs a bare INSERT).
#include <arpa/inet.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/client_unary_call.h>
#include <grpcpp/impl/rpc_method.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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
#include "tools/bench/service_bench.h"
#include "tools/bench/synthetic_swv.h"

namespace service_bench {

// The floor of a unary call on this machine: GetThuiszitter on a minimal callback-API server
// that answers at once with an empty case (plaintext, no interceptors, no metadata).
class EmptyCallbackRegistrations final : public pb::Registrations::CallbackService {
  grpc::ServerUnaryReactor* GetThuiszitter(grpc::CallbackServerContext* context,
                                           const pb::GetThuiszitterRequest*,
                                           pb::ThuiszitterCase*) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

Measurement CallbackEmptyGets(const BenchOptions& o) {
  EmptyCallbackRegistrations service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  auto stub = pb::Registrations::NewStub(
      grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  auto call = [&](int, int64_t) {
    grpc::ClientContext context;
    pb::GetThuiszitterRequest request;
    pb::ThuiszitterCase reply;
    return Outcome(stub->GetThuiszitter(&context, request, &reply));
  };
  for (int i = 0; i < 200; ++i) call(0, i);  // connect, warm up
  Measurement empty =
      RunClosedLoop("grpc empty get on a minimal callback server", o.concurrency, o.calls, call);
  server->Shutdown();
  return empty;
}

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
  Measurement callback = CallbackEmptyGets(o);
  swv::bench::PrintRatio("grpc get / empty method on a callback server", get, callback);
  return create.errors + get.errors + empty.errors + callback.errors == 0
             ? absl::OkStatus()
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
  // A new principal every call: the signing and the signature check themselves. Then one
  // principal throughout: what a steady caller pays with the signer's and verifier's caches.
  Measurement token = RunClosedLoop(
      "principal token sign + verify", o.concurrency, o.calls, [&](int, int64_t i) -> std::string {
        absl::Time now = absl::Now();
        swv::Principal caller = school;
        caller.id = absl::StrCat(school.id, "-", i);
        auto signed_token = (*signer)->Sign(caller, method, now);
        if (!signed_token.ok()) return "sign";
        return (*verifier)->Verify(*signed_token, method, now).ok() ? "ok" : "verify";
      });
  Measurement kept =
      RunClosedLoop("principal token sign + verify, kept", o.concurrency, o.calls,
                    [&](int, int64_t) -> std::string {
                      absl::Time now = absl::Now();
                      auto signed_token = (*signer)->Sign(school, method, now);
                      if (!signed_token.ok()) return "sign";
                      return (*verifier)->Verify(*signed_token, method, now).ok() ? "ok" : "verify";
                    });
  Measurement plain_get = MeanOf(plain1, plain2);
  swv::bench::PrintRatio("grpc get mTLS / grpc get plaintext", over_tls, plain_get);
  swv::bench::PrintRatio("principal token sign+verify / grpc get", token, plain_get);
  swv::bench::PrintRatio("principal token kept / grpc get", kept, plain_get);
  return over_tls.errors + plain_get.errors + token.errors + kept.errors == 0
             ? absl::OkStatus()
             : absl::InternalError("calls failed");
}

// The connection flood: a request on a new connection while `idle_connections` others are open
// and send nothing, against the same request with none open. Connections that never send are
// the harshest idle clients (keep-alive ones between requests look the same to the listener).
int64_t FloodPhase(const BenchOptions& o, int port, const std::string& path,
                   const httplib::Headers& headers) {
  const int idle_count =
      o.idle_connections > 0 ? o.idle_connections : (o.scale == "small" ? 200 : 2000);
  const int64_t requests = o.scale == "small" ? 20 : 200;
  auto fresh_get = [&](int, int64_t) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(10);
    client.set_read_timeout(10);
    auto result = client.Get(path, headers);
    if (!result) return std::string("connection error");
    return result->status == 200 ? std::string("ok") : absl::StrCat("http ", result->status);
  };
  Measurement quiet =
      RunClosedLoop("rest get on a new connection, none idle", 1, requests, fresh_get);
  std::vector<int> sockets;
  for (int i = 0; i < idle_count; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      std::printf("[gateway] flood: only %d idle connections could be opened\n", i);
      if (fd >= 0) ::close(fd);
      break;
    }
    sockets.push_back(fd);
  }
  Measurement flooded =
      RunClosedLoop(absl::StrCat("rest get on a new connection, ", sockets.size(), " idle"), 1,
                    requests, fresh_get);
  for (int fd : sockets) ::close(fd);
  swv::bench::PrintRatio(
      absl::StrCat("gateway new request with ", sockets.size(), " idle connections / with none"),
      flooded, quiet);
  std::printf(
      "[gateway] flood: p99 %.1f ms with %zu idle connections (goal: answered within 50 ms)\n",
      flooded.p99_ms, sockets.size());
  return quiet.errors + flooded.errors;
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
  swv::bench::PrintRatio("gateway rest get / grpc get", rest, grpc_get);
  const int64_t flood_errors =
      FloodPhase(o, http.port(), absl::StrCat("/api/v1/", server.case_names[0]), headers);
  http.Stop();
  return rest.errors + grpc_get.errors + flood_errors == 0 ? absl::OkStatus()
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

}  // namespace service_bench
