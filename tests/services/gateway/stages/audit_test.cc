// The audit stage alone: one row per record, the principal's own SWV, and what happens when the
// row cannot be written.
#include "services/gateway/stages/audit.h"

#include "gtest/gtest.h"
#include "tests/services/gateway/stages/store_fixture.h"

namespace swv::gateway {
namespace {

class AuditStageTest : public testing::StoreFixture {
 protected:
  RequestContext Context(bool audit) {
    route_.http_method = "GET";
    route_.path = *PathTemplate::Parse("/api/v1/{parent=swvs/*}/thuiszitters");
    http_.path = "/api/v1/swvs/PO2203/thuiszitters";
    Credential credential;
    credential.token_id = "cr-1";
    credential.spec.kind = PrincipalKind::kPartner;
    credential.spec.tenant = "PO2203";
    credential.spec.scope = {"GM0606"};
    credential.spec.legal_ground = "Leerplichtwet 1969 art. 21a";
    RequestContext context(http_, route_, {{"parent", "swvs/PO2203"}}, credential);
    context.audit = audit;
    return context;
  }

  std::vector<AuditEvent> Rows() {
    AuditQuery query;
    query.tenant = "PO2203";
    absl::StatusOr<AuditPage> page = store_->Query(query);
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->events : std::vector<AuditEvent>{};
  }

  HttpRequest http_;
  Route route_;
};

TEST_F(AuditStageTest, OneRowPerRecordTheAnswerHeldOrTheCollectionItNamed) {
  AuditWriter writer(store_.get(), &clock_);
  RequestContext context = Context(/*audit=*/true);
  HttpResponse ok;
  EXPECT_EQ(writer.Audited(context, ok).status, 200);  // no records: the collection
  context.audit_records = {"swvs/PO2203/thuiszitters/tz-1", "swvs/PO2203/thuiszitters/tz-2"};
  EXPECT_EQ(writer.Audited(context, ok).status, 200);
  std::vector<AuditEvent> rows = Rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].record, "swvs/PO2203");
  EXPECT_EQ(rows[1].record, "swvs/PO2203/thuiszitters/tz-1");
  EXPECT_EQ(rows[2].record, "swvs/PO2203/thuiszitters/tz-2");
  EXPECT_EQ(rows[2].principal_kind, "partner");
  EXPECT_EQ(rows[2].principal_scope, "GM0606");
  EXPECT_EQ(rows[2].legal_ground, "Leerplichtwet 1969 art. 21a");
  EXPECT_EQ(rows[2].route, "/api/v1/{parent=swvs/*}/thuiszitters");
}

TEST_F(AuditStageTest, UnmarkedRequestsLeaveNoRow) {
  AuditWriter writer(store_.get(), &clock_);
  EXPECT_EQ(writer.Audited(Context(/*audit=*/false), HttpResponse{}).status, 200);
  EXPECT_TRUE(Rows().empty());
}

TEST_F(AuditStageTest, ASuccessThatCannotBeLoggedBecomes503AndARefusalStaysItself) {
  AuditWriter writer(store_.get(), &clock_);
  ASSERT_TRUE(scratch_->db()
                  .InTransaction([](storage::Transaction& tx) {
                    return tx.Execute("DROP TABLE gateway_audit_events").status();
                  })
                  .ok());
  RequestContext context = Context(/*audit=*/true);
  EXPECT_EQ(writer.Audited(context, HttpResponse{}).status, 503);
  HttpResponse refused;
  refused.status = 404;
  EXPECT_EQ(writer.Audited(context, refused).status, 404);
}

}  // namespace
}  // namespace swv::gateway
