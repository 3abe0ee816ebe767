// The route table from the linked descriptors, and the OpenAPI document generated from it.
#include "services/gateway/route_table.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "google/protobuf/descriptor.pb.h"
#include "google/protobuf/descriptor_database.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/gateway/openapi.h"
#include "swv/v1/http.pb.h"
#include "swv/v1/registrations.pb.h"

namespace swv::gateway {
namespace {

// Every RPC with an (swv.v1.http) option in the linked swv.* services, found independently of
// RouteTable: through the descriptors of the services' files.
std::set<std::string> RpcsWithHttpRules() {
  std::set<std::string> out;
  std::vector<std::string> files;
  google::protobuf::DescriptorPool::internal_generated_database()->FindAllFileNames(&files);
  for (const std::string& name : files) {
    if (!absl::StartsWith(name, "swv/")) continue;
    const auto* file = google::protobuf::DescriptorPool::generated_pool()->FindFileByName(name);
    for (int s = 0; file != nullptr && s < file->service_count(); ++s) {
      for (int m = 0; m < file->service(s)->method_count(); ++m) {
        const auto* method = file->service(s)->method(m);
        if (method->options().HasExtension(swv::v1::http)) out.insert(method->full_name());
      }
    }
  }
  return out;
}

TEST(RouteTableTest, EveryLinkedRpcWithAnHttpRuleIsRouted) {
  absl::StatusOr<RouteTable> table = RouteTable::FromGeneratedPool();
  ASSERT_TRUE(table.ok()) << table.status();
  std::set<std::string> routed;
  for (const Route& route : table->routes()) routed.insert(route.method->full_name());
  std::set<std::string> expected = RpcsWithHttpRules();
  EXPECT_EQ(routed, expected);
  // The slices that exist today, by name, so a linking mistake cannot empty both sets.
  for (const char* rpc :
       {"swv.v1.Registrations.ReportThuiszitter", "swv.v1.Registrations.CloseThuiszitter",
        "swv.v1.Registrations.UpdateSwvSettings", "swv.v1.Directory.BatchUpsertSchools",
        "swv.gateway.v1.AccessLog.ListAuditEvents"}) {
    EXPECT_TRUE(routed.count(rpc)) << rpc;
  }
}

TEST(RouteTableTest, MatchesMethodPathAndStatus) {
  absl::StatusOr<RouteTable> table = RouteTable::FromGeneratedPool();
  ASSERT_TRUE(table.ok());
  RouteMatch report = table->Match("POST", "/api/v1/swvs/PO2203/thuiszitters");
  ASSERT_NE(report.route, nullptr);
  EXPECT_EQ(report.route->full_method, "/swv.v1.Registrations/ReportThuiszitter");
  EXPECT_EQ(report.route->success_status, 201);
  EXPECT_EQ(report.route->body, "thuiszitter");

  RouteMatch close = table->Match("POST", "/api/v1/swvs/PO2203/thuiszitters/tz-1/closure");
  ASSERT_NE(close.route, nullptr);
  EXPECT_EQ(close.route->method->name(), "CloseThuiszitter");
  EXPECT_EQ(close.bindings[0].second, "swvs/PO2203/thuiszitters/tz-1");

  RouteMatch wrong_method = table->Match("DELETE", "/api/v1/swvs/PO2203/thuiszitters");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_EQ(wrong_method.allowed_methods, (std::vector<std::string>{"GET", "POST"}));

  RouteMatch bulk = table->Match("POST", "/api/v1/swvs/PO2203/schools/_batch");
  ASSERT_NE(bulk.route, nullptr);
  EXPECT_TRUE(bulk.route->bulk);
  EXPECT_FALSE(report.route->bulk);
  EXPECT_EQ(table->Match("GET", "/api/v1/swvs/PO2203/nothing").route, nullptr);
}

TEST(RouteTableTest, ABrokenRuleStopsTheBuild) {
  google::protobuf::FileDescriptorProto file;
  file.set_name("broken_test.proto");
  file.set_package("swvtest");
  file.set_syntax("proto3");
  file.add_dependency("swv/v1/thuiszitters.proto");
  auto* service = file.add_service();
  service->set_name("Broken");
  auto* method = service->add_method();
  method->set_name("GetThing");
  method->set_input_type(".swv.v1.GetThuiszitterRequest");
  method->set_output_type(".swv.v1.ThuiszitterCase");
  method->mutable_options()
      ->MutableExtension(swv::v1::http)
      ->set_get("/api/v1/{nosuchfield=swvs/*}");
  google::protobuf::DescriptorPool pool(google::protobuf::DescriptorPool::generated_pool());
  const google::protobuf::FileDescriptor* built = pool.BuildFile(file);
  ASSERT_NE(built, nullptr);
  absl::StatusOr<RouteTable> table = RouteTable::FromServices({built->service(0)});
  ASSERT_FALSE(table.ok());
  EXPECT_TRUE(absl::StrContains(table.status().message(), "nosuchfield")) << table.status();
}

}  // namespace
}  // namespace swv::gateway
