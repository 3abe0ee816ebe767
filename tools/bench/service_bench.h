// What the files of service_bench share (service_bench.cc holds main and these helpers;
// service_bench_sections.cc the grpc, identity, gateway and durable sections;
// service_bench_monitoring.cc the monitoring section): options, helpers, the registrations server.
#ifndef SWV_TOOLS_BENCH_SERVICE_BENCH_H_
#define SWV_TOOLS_BENCH_SERVICE_BENCH_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/clock.h"
#include "services/common/principal.h"
#include "services/common/server.h"
#include "services/registrations/registrations_app.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/testing/scratch_database.h"
#include "tools/bench/bench_support.h"

namespace service_bench {

namespace pb = ::swv::v1;
using swv::bench::Measurement;
using swv::bench::RunClosedLoop;

// The service layer is called in-process as trusted staff (a principal with only an id), as
// swvctl does over gRPC; the id is recorded as the actor.
swv::Principal Staff(std::string id);

struct BenchOptions {
  std::string scale = "full";  // full | small: the default call counts
  std::string sections = "grpc,identity,gateway,durable,monitoring";
  int concurrency = 8;       // client threads of every measured phase
  int calls = 0;             // calls per gRPC/REST phase; 0 = 20000 (full) / 400 (small)
  int durable_calls = 0;     // calls per durable phase; 0 = 4000 (full) / 200 (small)
  int idle_connections = 0;  // gateway flood: idle connections; 0 = 2000 (full) / 200 (small)
  int pupils = 31000;        // monitoring: pupils of the synthetic SWV
  int years = 5;             // monitoring: years ending 2027 (the clock stands in November 2027)
  std::string source_dir = SWV_SOURCE_DIR;  // for data/goals
};

std::string Outcome(const grpc::Status& status);
std::string Outcome(const absl::Status& status);

std::unique_ptr<swv::ServiceRuntime> StartRuntime(const std::string& name,
                                                  const std::vector<grpc::Service*>& services,
                                                  bool tls = false);

// A 60-second deadline and, when given, the x-swv-principal of the call.
void Deadline(grpc::ClientContext* context, const std::string& principal);

// The empty method: grpc.health.v1.Health/Check with an empty request, as raw bytes (the
// server's own health service; no generated client needed).
grpc::Status HealthCheck(grpc::Channel* channel);

// The mean of two baseline runs, as one measurement.
Measurement MeanOf(const Measurement& a, const Measurement& b);

// The date `days_back` days before the clock's today, as YYYY-MM-DD.
std::string Today(const swv::Clock& clock, int days_back);

pb::ReportThuiszitterRequest ReportRequest(const swv::Clock& clock, const std::string& run,
                                           int64_t i);

// Registrations on SQLite behind a ServiceRuntime, shared by the grpc and gateway sections.
struct RegistrationsServer {
  swv::SystemClock clock;
  std::unique_ptr<swv::testing::ScratchDatabase> db;
  std::unique_ptr<swv::registrations::RegistrationsApp> app;
  std::unique_ptr<swv::ServiceRuntime> runtime;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<pb::Registrations::Stub> stub;
  std::vector<std::string> case_names;  // created by Seed or the create phase

  absl::Status Start(bool tls = false);
  std::string Create(const std::string& run, int64_t i, std::string* name);
  std::string Get(int64_t i);
  ~RegistrationsServer();
};

// The sections; each prints its lines and returns what stopped it.
absl::Status GrpcSection(const BenchOptions& o, RegistrationsServer& server);
absl::Status IdentitySection(const BenchOptions& o, RegistrationsServer& plain);
absl::Status GatewaySection(const BenchOptions& o, RegistrationsServer& server);
absl::Status DurableSection(const BenchOptions& o);
absl::Status MonitoringSection(const BenchOptions& o);

}  // namespace service_bench

#endif  // SWV_TOOLS_BENCH_SERVICE_BENCH_H_
