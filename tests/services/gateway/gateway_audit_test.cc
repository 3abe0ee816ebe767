// The access log is complete: every partner read (allowed, refused, malformed) and every write (any
// principal, any outcome) leaves a row before the answer leaves, and a success that cannot be
// logged is not handed out.
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/gateway/gateway_core_fixture.h"

namespace swv::gateway {
namespace {

using testing::Case;
using testing::GatewayCoreTest;
using testing::kList;
using testing::kReport;
using testing::kReportBody;
using testing::TenantQuery;
namespace pb = ::swv::v1;

// (method, route, record, status) of every row, in order.
using Row = std::tuple<std::string, std::string, std::string, int>;

class GatewayAuditTest : public GatewayCoreTest {
 protected:
  std::vector<Row> Rows() {
    std::vector<Row> rows;
    absl::StatusOr<AuditPage> page = store_->Query(TenantQuery("PO2203"));
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) return rows;
    for (const AuditEvent& event : page->events) {
      rows.emplace_back(event.http_method, event.route, event.record, event.http_status);
    }
    return rows;
  }

  // Makes every later access-log write fail.
  void BreakTheAccessLog() {
    absl::Status dropped = scratch_->db().InTransaction([](storage::Transaction& tx) {
      return tx.Execute("DROP TABLE gateway_audit_events").status();
    });
    ASSERT_TRUE(dropped.ok()) << dropped;
  }
};

constexpr char kCase[] = "/api/v1/{name=swvs/*/thuiszitters/*}";
constexpr char kCases[] = "/api/v1/{parent=swvs/*}/thuiszitters";

TEST_F(GatewayAuditTest, EveryPartnerReadLeavesARowAlsoWhenRefusedOrMalformed) {
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", partner_).status, 200);
  // A route the partner may never use, another SWV, a bad query parameter.
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a/history", partner_).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/opps", partner_).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/VO9999/thuiszitters/tz-a", partner_).status, 404);
  EXPECT_EQ(
      Send("GET", "/api/v1/swvs/PO2203/thuiszitters", partner_, "", {{"pageSize", "many"}}).status,
      400);
  EXPECT_THAT(Rows(),
              ::testing::ElementsAre(Row{"GET", kCase, "swvs/PO2203/thuiszitters/tz-a", 200},
                                     Row{"GET", "/api/v1/{name=swvs/*/thuiszitters/*}/history",
                                         "swvs/PO2203/thuiszitters/tz-a", 403},
                                     Row{"GET", "/api/v1/{parent=swvs/*}/opps", "swvs/PO2203", 403},
                                     Row{"GET", kCase, "swvs/VO9999/thuiszitters/tz-a", 404},
                                     Row{"GET", kCases, "swvs/PO2203", 400}));
  // Office reads are not logged.
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", office_).status, 200);
  EXPECT_EQ(Rows().size(), 5u);
}

// Youth care reads the minimal view of what the service lets it read (consented cases), and each
// row names the parents' consent the record was read under.
TEST_F(GatewayAuditTest, YouthCareReadsAreLoggedWithTheConsentAsTheirGround) {
  const std::string youth_care =
      Issue(PrincipalKind::kYouthCare, {"GM0606"}, "Convenant jeugdhulp MVS 2025");
  backend_.On(
      kList,
      [](const google::protobuf::Message&,
         const auto& metadata) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
        absl::StatusOr<Principal> principal = PrincipalFromMetadata(metadata);
        if (!principal.ok()) return principal.status();
        EXPECT_EQ(principal->organisation, "MEVIS");
        auto response = std::make_unique<pb::ListThuiszittersResponse>();
        pb::ThuiszitterCase* c = response->add_thuiszitters();
        *c = Case("tz-a", "12AB00", "GM0606");
        c->set_consent("swvs/PO2203/thuiszitters/tz-a/consents/cs-1");
        return response;
      });
  HttpResponse listed = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", youth_care);
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_THAT(listed.body, ::testing::HasSubstr("consents/cs-1"));
  EXPECT_THAT(listed.body, ::testing::Not(::testing::HasSubstr("LVS-4711")));  // minimal view
  absl::StatusOr<AuditPage> page = store_->Query(TenantQuery("PO2203"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events.size(), 1u);
  EXPECT_EQ(page->events[0].record, "swvs/PO2203/thuiszitters/tz-a");
  EXPECT_EQ(page->events[0].principal_kind, "youth_care");
  EXPECT_EQ(page->events[0].legal_ground,
            "toestemming ouders: swvs/PO2203/thuiszitters/tz-a/consents/cs-1; Convenant jeugdhulp "
            "MVS 2025");
  // Youth care never writes, and never reads what only schools read.
  EXPECT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", youth_care, kReportBody).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a/consents", youth_care).status, 403);
}

TEST_F(GatewayAuditTest, EveryWriteLeavesARowWhateverStepRefusedIt) {
  GatewayOptions options;
  options.rate_per_second = 1;
  options.rate_burst = 4;  // the school's fifth request is refused
  MakeCore(options);
  const std::string ops = Issue(PrincipalKind::kOps, {});
  const std::string path = "/api/v1/swvs/PO2203/thuiszitters";
  EXPECT_EQ(Send("POST", path, school_, std::string(2 << 20, ' ')).status, 413);
  EXPECT_EQ(Send("POST", path, school_, "x", {}, {{"Content-Type", "text/plain"}}).status, 415);
  EXPECT_EQ(Send("POST", path, school_, R"({"school": )").status, 400);
  EXPECT_EQ(Send("POST", path, ops, kReportBody).status, 403);
  EXPECT_EQ(Send("POST", "/api/v1/swvs/VO9999/thuiszitters", office_, kReportBody).status, 404);
  EXPECT_EQ(Send("POST", path, school_, kReportBody).status, 201);
  EXPECT_EQ(Send("POST", path, school_, kReportBody).status, 429);
  // Leerplicht reports the children of its municipalities (issue 16): its write is a row too.
  EXPECT_EQ(Send("POST", path, partner_, kReportBody).status, 201);
  EXPECT_THAT(Rows(),
              ::testing::ElementsAre(
                  Row{"POST", kCases, "swvs/PO2203", 413}, Row{"POST", kCases, "swvs/PO2203", 415},
                  Row{"POST", kCases, "swvs/PO2203", 400}, Row{"POST", kCases, "swvs/PO2203", 403},
                  Row{"POST", kCases, "swvs/VO9999", 404},
                  Row{"POST", kCases, "swvs/PO2203/thuiszitters/tz-new", 201},
                  Row{"POST", kCases, "swvs/PO2203", 429},
                  Row{"POST", kCases, "swvs/PO2203/thuiszitters/tz-new", 201}));
}

TEST_F(GatewayAuditTest, ASuccessThatCannotBeLoggedIsNotHandedOut) {
  BreakTheAccessLog();
  HttpResponse write = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody);
  EXPECT_EQ(write.status, 503) << write.body;
  EXPECT_EQ(backend_.CallsOf(kReport).size(), 1u);  // the backend may have written: see the docs
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", partner_).status, 503);
  // Refusals go out as they are; reads nobody logs are not affected.
  EXPECT_EQ(
      Send("POST", "/api/v1/swvs/PO2203/thuiszitters", Issue(PrincipalKind::kOps, {}), kReportBody)
          .status,
      403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", office_).status, 200);
}

}  // namespace
}  // namespace swv::gateway
