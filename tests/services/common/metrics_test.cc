#include "services/common/metrics.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace swv {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using RpcType = grpc::experimental::ServerRpcInfo::Type;

TEST(MetricsTest, RecordsStartedHandledAndLatency) {
  Metrics metrics("swv-test", "1.2.3");
  metrics.RecordStarted("/swv.v1.Registrations/GetSchool", RpcType::UNARY);
  metrics.RecordHandled("/swv.v1.Registrations/GetSchool", RpcType::UNARY,
                        grpc::StatusCode::NOT_FOUND, absl::Milliseconds(3));
  metrics.RecordStarted("/swv.v1.Registrations/GetSchool", RpcType::UNARY);
  metrics.RecordHandled("/swv.v1.Registrations/GetSchool", RpcType::UNARY, grpc::StatusCode::OK,
                        absl::Milliseconds(1));
  std::string text = metrics.Serialize();
  EXPECT_THAT(text, HasSubstr("swv_build_info{service=\"swv-test\",version=\"1.2.3\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_started_total{grpc_method=\"GetSchool\","
                              "grpc_service=\"swv.v1.Registrations\",grpc_type=\"unary\"} 2"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handled_total{grpc_code=\"NOT_FOUND\","
                              "grpc_method=\"GetSchool\",grpc_service=\"swv.v1.Registrations\","
                              "grpc_type=\"unary\"} 1"));
  EXPECT_THAT(text, HasSubstr("grpc_server_handling_seconds_count{grpc_method=\"GetSchool\","
                              "grpc_service=\"swv.v1.Registrations\",grpc_type=\"unary\"} 2"));
  EXPECT_THAT(text, HasSubstr("le=\"0.0005\""));
  EXPECT_THAT(text, HasSubstr("le=\"10\""));
}

TEST(MetricsTest, MalformedMethodNamesBecomeUnknown) {
  Metrics metrics("swv-test", "dev");
  metrics.RecordStarted("", RpcType::BIDI_STREAMING);
  metrics.RecordHandled("garbage/with/slashes/x", RpcType::BIDI_STREAMING,
                        grpc::StatusCode::UNIMPLEMENTED, absl::ZeroDuration());
  metrics.RecordHandled("/a.B/C", RpcType::UNARY, static_cast<grpc::StatusCode>(99),
                        absl::ZeroDuration());
  std::string text = metrics.Serialize();
  EXPECT_THAT(text, HasSubstr("grpc_code=\"UNIMPLEMENTED\",grpc_method=\"unknown\","
                              "grpc_service=\"unknown\""));
  EXPECT_THAT(text, HasSubstr("grpc_code=\"UNKNOWN\",grpc_method=\"C\""));
  EXPECT_THAT(text, Not(HasSubstr("garbage")));
}

TEST(MetricsTest, OnlyKnownServicesGetTheirOwnSeries) {
  Metrics metrics("swv-test", "dev");
  metrics.SetKnownServices({"swv.v1.Registrations"});
  metrics.RecordHandled("/swv.v1.Registrations/GetSchool", RpcType::UNARY, grpc::StatusCode::OK,
                        absl::ZeroDuration());
  metrics.RecordHandled("/evil.Scanner/Probe1", RpcType::BIDI_STREAMING,
                        grpc::StatusCode::UNIMPLEMENTED, absl::ZeroDuration());
  std::string text = metrics.Serialize();
  EXPECT_THAT(text, HasSubstr("grpc_service=\"swv.v1.Registrations\""));
  EXPECT_THAT(text, HasSubstr("grpc_code=\"UNIMPLEMENTED\",grpc_method=\"unknown\","
                              "grpc_service=\"unknown\""));
  EXPECT_THAT(text, Not(HasSubstr("Probe1")));
}

TEST(MetricsTest, ServicesRegisterTheirOwnFamilies) {
  Metrics metrics("swv-test", "dev");
  prometheus::BuildGauge()
      .Name("swv_thuiszitter_cases_open")
      .Help("Open thuiszitter cases.")
      .Register(metrics.registry())
      .Add({})
      .Set(7);
  EXPECT_THAT(metrics.Serialize(), HasSubstr("swv_thuiszitter_cases_open 7"));
}

TEST(GrpcCodeNameTest, Names) {
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::INVALID_ARGUMENT), "INVALID_ARGUMENT");
  EXPECT_STREQ(GrpcCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
}

}  // namespace
}  // namespace swv
