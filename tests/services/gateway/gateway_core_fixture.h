// The fixture of the gateway core tests: a core over a fake backend and a SQLite gateway store,
// with a school (12AB00), an office and a partner (GM0606) credential, and two thuiszitter cases:
// tz-a at 12AB00 living in GM0606, tz-b at 34CD01 living in GM0622.
#ifndef SWV_TESTS_SERVICES_GATEWAY_GATEWAY_CORE_FIXTURE_H_
#define SWV_TESTS_SERVICES_GATEWAY_GATEWAY_CORE_FIXTURE_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/common/access_policy.h"
#include "services/common/principal.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/gateway_core.h"
#include "services/gateway/problem.h"
#include "swv/v1/registrations.pb.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/testing/scratch_database.h"

namespace swv::gateway::testing {

inline AuditQuery TenantQuery(const std::string& tenant) {
  AuditQuery query;
  query.tenant = tenant;
  return query;
}

namespace pb = ::swv::v1;

inline constexpr char kReport[] = "/swv.v1.Registrations/ReportThuiszitter";
inline constexpr char kGet[] = "/swv.v1.Registrations/GetThuiszitter";
inline constexpr char kList[] = "/swv.v1.Registrations/ListThuiszitters";
inline constexpr char kClose[] = "/swv.v1.Registrations/CloseThuiszitter";
inline constexpr char kGetSchool[] = "/swv.v1.Directory/GetSchool";
inline constexpr char kBatchSchools[] = "/swv.v1.Directory/BatchUpsertSchools";

inline pb::ThuiszitterCase Case(const std::string& id, const std::string& school,
                                const std::string& municipality) {
  pb::ThuiszitterCase c;
  c.set_name("swvs/PO2203/thuiszitters/" + id);
  c.set_school(school);
  c.set_lvs_pupil_number("LVS-4711");
  c.set_pupil_id("pl-1");
  c.set_residence_municipality(municipality);
  c.set_absence_kind(pb::ABSENCE_KIND_RELATIVE);
  c.set_absence_start("2026-10-01");
  c.set_reported_on("2026-11-02");
  c.set_cause(pb::THUISZITTER_CAUSE_WAITING_FOR_CARE);
  c.set_status(pb::CASE_STATUS_OPEN);
  c.set_category(pb::THUISZITTER_CATEGORY_RELATIVE_4W_3M);
  c.set_days_absent(46);
  c.set_close_reason("");
  c.set_version(7);
  c.set_created_by("school:12AB00");
  return c;
}

using testing::ParseJson;

inline std::vector<pb::ThuiszitterCase> Cases() {
  return {Case("tz-a", "12AB00", "GM0606"), Case("tz-b", "34CD01", "GM0622")};
}

// What the registrations service answers for a case, by the principal the gateway sent.
inline absl::Status Readable(const std::map<std::string, std::string>& metadata,
                             const pb::ThuiszitterCase& c) {
  absl::StatusOr<Principal> principal = PrincipalFromMetadata(metadata);
  if (!principal.ok()) return principal.status();
  return AccessPolicy().ReadThuiszitter(*principal, "PO2203", c.school(),
                                        c.residence_municipality());
}

class GatewayCoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<swv::testing::ScratchDatabase>> scratch =
        swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
    ASSERT_TRUE(scratch.ok()) << scratch.status();
    scratch_ = *std::move(scratch);
    absl::StatusOr<std::unique_ptr<GatewayStore>> store =
        GatewayStore::Open(&scratch_->db(), &clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    access_log_ = std::make_unique<AccessLogBackend>(store_.get());
    routing_ = std::make_unique<RoutingBackend>(&backend_);
    routing_->Route(kAccessLogService, access_log_.get());
    MakeCore(GatewayOptions{});

    school_ = Issue(PrincipalKind::kSchool, {"12AB00"});
    office_ = Issue(PrincipalKind::kOffice, {});
    partner_ = Issue(PrincipalKind::kPartner, {"GM0606"}, "Leerplichtwet 1969 art. 21a");
    // Cases: tz-a at 12AB00 living in GM0606, tz-b at 34CD01 living in GM0622. The fake
    // applies the principal's reach the way the registrations service does (AccessPolicy), so
    // these tests see what the gateway makes of the service's answers.
    backend_.On(
        kGet,
        [](const google::protobuf::Message& request,
           const auto& metadata) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
          const auto& get = dynamic_cast<const pb::GetThuiszitterRequest&>(request);
          for (const pb::ThuiszitterCase& c : Cases()) {
            if (c.name() != get.name()) continue;
            if (absl::Status s = Readable(metadata, c); !s.ok()) return s;
            return std::make_unique<pb::ThuiszitterCase>(c);
          }
          return absl::NotFoundError(
              "the resource does not exist or is not visible to this principal");
        });
    backend_.On(
        kList,
        [](const google::protobuf::Message& request,
           const auto& metadata) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
          const auto& list = dynamic_cast<const pb::ListThuiszittersRequest&>(request);
          auto response = std::make_unique<pb::ListThuiszittersResponse>();
          for (const pb::ThuiszitterCase& c : Cases()) {
            if (!list.residence_municipality().empty() &&
                list.residence_municipality() != c.residence_municipality()) {
              continue;
            }
            if (Readable(metadata, c).ok()) *response->add_thuiszitters() = c;
          }
          return response;
        });
    backend_.On(
        kReport,
        [](const google::protobuf::Message& request,
           const auto& metadata) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
          const auto& report = dynamic_cast<const pb::ReportThuiszitterRequest&>(request);
          absl::StatusOr<Principal> principal = PrincipalFromMetadata(metadata);
          if (!principal.ok()) return principal.status();
          if (absl::Status s = AccessPolicy().WriteMunicipalityRecord(
                  *principal, "PO2203", {report.thuiszitter().school()},
                  report.thuiszitter().residence_municipality());
              !s.ok()) {
            return s;
          }
          auto c = std::make_unique<pb::ThuiszitterCase>(report.thuiszitter());
          c->set_name("swvs/PO2203/thuiszitters/tz-new");
          return c;
        });
    backend_.On("/swv.v1.Registrations/GetSwvSettings",
                [](const google::protobuf::Message&,
                   const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
                  auto settings = std::make_unique<pb::SwvSettings>();
                  settings->set_name("swvs/PO2203/settings");
                  return settings;
                });
    backend_.On(
        kClose,
        [](const google::protobuf::Message& request,
           const auto& metadata) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
          const auto& close = dynamic_cast<const pb::CloseThuiszitterRequest&>(request);
          for (pb::ThuiszitterCase c : Cases()) {
            if (c.name() != close.name()) continue;
            absl::StatusOr<Principal> principal = PrincipalFromMetadata(metadata);
            if (!principal.ok()) return principal.status();
            if (absl::Status s = AccessPolicy().WriteRecord(*principal, "PO2203", {c.school()});
                !s.ok()) {
              return s;
            }
            c.set_status(pb::CASE_STATUS_CLOSED);
            return std::make_unique<pb::ThuiszitterCase>(c);
          }
          return absl::NotFoundError(
              "the resource does not exist or is not visible to this principal");
        });
  }

  void MakeCore(GatewayOptions options) {
    absl::StatusOr<RouteTable> routes = RouteTable::FromGeneratedPool();
    ASSERT_TRUE(routes.ok()) << routes.status();
    core_ = std::make_unique<GatewayCore>(*std::move(routes), routing_.get(), store_.get(), &clock_,
                                          &metrics_, options);
  }

  std::string Issue(PrincipalKind kind, std::vector<std::string> scope,
                    const std::string& legal_ground = "") {
    return testing::Issue(*store_, kind, std::move(scope), clock_.Now() + absl::Hours(24 * 30),
                          legal_ground);
  }

  HttpResponse Send(const std::string& method, const std::string& path, const std::string& token,
                    const std::string& body = "",
                    std::vector<std::pair<std::string, std::string>> query = {},
                    std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpRequest request;
    request.method = method;
    request.path = path;
    request.query = std::move(query);
    request.headers = std::move(headers);
    if (!token.empty()) request.headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    request.body = body;
    return core_->Handle(request);
  }

  // The problem body's fields; fails the test when the response is not a problem.
  google::protobuf::Struct ProblemOf(const HttpResponse& response) {
    EXPECT_EQ(response.content_type, kProblemContentType);
    google::protobuf::Struct problem = ParseJson(response.body);
    EXPECT_EQ(problem.fields().at("status").number_value(), response.status);
    for (const char* field : {"type", "title", "detail", "instance", "code"}) {
      EXPECT_TRUE(problem.fields().count(field)) << field << " missing in " << response.body;
    }
    return problem;
  }

  std::string InvalidParamName(const google::protobuf::Struct& problem) {
    return problem.fields()
        .at("invalidParams")
        .list_value()
        .values(0)
        .struct_value()
        .fields()
        .at("name")
        .string_value();
  }

  FakeClock clock_{absl::FromUnixSeconds(1'790'000'000)};
  Metrics metrics_{"swv-gateway", "test"};
  FakeBackend backend_;
  std::unique_ptr<swv::testing::ScratchDatabase> scratch_;
  std::unique_ptr<GatewayStore> store_;
  std::unique_ptr<AccessLogBackend> access_log_;
  std::unique_ptr<RoutingBackend> routing_;
  std::unique_ptr<GatewayCore> core_;
  std::string school_, office_, partner_;
};

inline constexpr char kReportBody[] =
    R"({"school":"12AB00","lvsPupilNumber":"LVS-1","residenceMunicipality":"GM0606",)"
    R"("absenceKind":"ABSENCE_KIND_RELATIVE","absenceStart":"2026-10-01","cause":"THUISZITTER_CAUSE_OTHER"})";

}  // namespace swv::gateway::testing

#endif  // SWV_TESTS_SERVICES_GATEWAY_GATEWAY_CORE_FIXTURE_H_
