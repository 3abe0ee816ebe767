// No leaks by paging, over gRPC on SQLite and MariaDB: every list of pupil-level records reads only
// the caller's rows before it pages, so page_size 1 gives exactly one page per visible row; page
// tokens are sealed, bound to the list's filters and the caller, and continue after the last row
// (keyset), so rows added between pages neither repeat nor shift a page.
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"
#include "services/kernel/errors.h"
#include "swv/v1/support.grpc.pb.h"
#include "swv/v1/tlv.grpc.pb.h"
#include "tests/services/registrations/registrations_server_fixture.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::SizeIs;

// Seven records; board B1 (12AB00, 34CD00) keeps three of them, board B2 (13AB00) four.
const std::vector<std::string> kSchools = {"13AB00", "12AB00", "13AB00", "34CD00",
                                           "13AB00", "12AB00", "13AB00"};
// The children of the second and fifth live in GM0622, the rest in GM0606.
std::string MunicipalityOf(int i) { return i == 1 || i == 4 ? "GM0622" : "GM0606"; }

// One call of a list: fills the names on the page and the next page token.
using ListCall = std::function<grpc::Status(grpc::ClientContext*, const std::string& token,
                                            std::vector<std::string>* names, std::string* next)>;

class PagingServerTest : public RegistrationsServerTest {
 protected:
  void SetUp() override {
    RegistrationsServerTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    tlvs_ = pb::Tlvs::NewStub(channel_);
    support_ = pb::Support::NewStub(channel_);
    SeedDirectory();
  }

  static std::unique_ptr<grpc::ClientContext> Board1() {
    return ContextAs(PrincipalKind::kBoard, {"B1"});
  }
  static std::unique_ptr<grpc::ClientContext> Board2() {
    return ContextAs(PrincipalKind::kBoard, {"B2"});
  }
  std::unique_ptr<grpc::ClientContext> Office() { return Context("office:PO2203"); }

  // Reports thuiszitter case `i` (school kSchools[i]) as the office; returns its name.
  std::string ReportCase(int i, const std::string& school) {
    pb::ReportThuiszitterRequest request = ValidReport();
    request.mutable_thuiszitter()->set_school(school);
    request.mutable_thuiszitter()->set_lvs_pupil_number(absl::StrCat("LVS-T", i));
    request.mutable_thuiszitter()->set_residence_municipality(MunicipalityOf(i));
    pb::ThuiszitterCase reply;
    grpc::Status status = stub_->ReportThuiszitter(Office().get(), request, &reply);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return reply.name();
  }

  // Every page of a list with page_size 1, as `context()` sees it: the names per page.
  static std::vector<std::vector<std::string>> Pages(
      const std::function<std::unique_ptr<grpc::ClientContext>()>& context, const ListCall& list) {
    std::vector<std::vector<std::string>> pages;
    std::string token;
    do {
      std::vector<std::string> names;
      grpc::Status status = list(context().get(), token, &names, &token);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok() || pages.size() > 20) break;
      pages.push_back(names);
    } while (!token.empty());
    return pages;
  }

  ListCall Thuiszitters(const std::string& status_filter = "") {
    return [this, status_filter](grpc::ClientContext* context, const std::string& token,
                                 std::vector<std::string>* names, std::string* next) {
      pb::ListThuiszittersRequest request;
      request.set_parent("swvs/PO2203");
      request.set_page_size(1);
      request.set_page_token(token);
      if (!status_filter.empty()) request.set_status(pb::CASE_STATUS_OPEN);
      pb::ListThuiszittersResponse response;
      grpc::Status status = stub_->ListThuiszitters(context, request, &response);
      for (const auto& c : response.thuiszitters()) names->push_back(c.name());
      *next = response.next_page_token();
      return status;
    };
  }

  // The reason and field of a refused call.
  static std::string RefusedAs(const grpc::Status& status) {
    absl::Status refused = FromGrpcStatus(status);
    std::vector<FieldViolation> fields = FieldViolationsOf(refused);
    return absl::StrCat(absl::StatusCodeToString(refused.code()), " ", ReasonOf(refused), " ",
                        fields.empty() ? "" : fields.front().field);
  }

  std::unique_ptr<pb::Tlvs::Stub> tlvs_;
  std::unique_ptr<pb::Support::Stub> support_;
};

template <typename Stub, typename Request, typename Response, typename Items>
ListCall PageOne(Stub* stub,
                 grpc::Status (Stub::*rpc)(grpc::ClientContext*, const Request&, Response*),
                 Items items) {
  return [stub, rpc, items](grpc::ClientContext* context, const std::string& token,
                            std::vector<std::string>* names, std::string* next) {
    Request request;
    request.set_parent("swvs/PO2203");
    request.set_page_size(1);
    request.set_page_token(token);
    Response response;
    grpc::Status status = (stub->*rpc)(context, request, &response);
    for (const auto& item : items(response)) names->push_back(item.name());
    *next = response.next_page_token();
    return status;
  };
}

// The issue as found: a board paging through thuiszitters 1 at a time got 7 pages for its 3
// cases, so the page count told it how many cases the other board had.
TEST_P(PagingServerTest, BoardGetsOnePagePerVisibleCase) {
  std::vector<std::string> b1;
  for (int i = 0; i < 7; ++i) {
    std::string name = ReportCase(i, kSchools[i]);
    if (kSchools[i] != "13AB00") b1.push_back(name);
  }
  std::vector<std::vector<std::string>> pages = Pages(Board1, Thuiszitters());
  ASSERT_THAT(pages, SizeIs(3));
  EXPECT_THAT(pages, ElementsAre(ElementsAre(b1[0]), ElementsAre(b1[1]), ElementsAre(b1[2])));
  EXPECT_THAT(Pages(Board2, Thuiszitters()), SizeIs(4));
  EXPECT_THAT(Pages([] { return ContextAs(PrincipalKind::kSchool, {"34CD00"}); }, Thuiszitters()),
              SizeIs(1));
  // A partner by the children's residence: two of the seven live in GM0622.
  EXPECT_THAT(Pages([] { return ContextAs(PrincipalKind::kPartner, {"GM0622"}); }, Thuiszitters()),
              SizeIs(2));
  EXPECT_THAT(Pages([this] { return Office(); }, Thuiszitters()), SizeIs(7));
}

// The same for every other list of pupil-level records, and for the directory's schools.
TEST_P(PagingServerTest, EveryListPagesOnlyVisibleRows) {
  for (int i = 0; i < 7; ++i) {
    const std::string& school = kSchools[i];
    const std::string pupil = absl::StrCat("LVS-", i);
    pb::RecordExemptionRequest exemption;
    exemption.set_parent("swvs/PO2203");
    exemption.mutable_exemption()->set_residence_municipality("GM0606");
    exemption.mutable_exemption()->set_school(school);
    exemption.mutable_exemption()->set_start_date("2026-08-01");
    exemption.mutable_exemption()->set_swv_involved(true);
    pb::Exemption recorded;
    ASSERT_TRUE(stub_->RecordExemption(Office().get(), exemption, &recorded).ok());

    pb::RegisterMonitorkindRequest monitorkind;
    monitorkind.set_parent("swvs/PO2203");
    pb::Monitorkind* m = monitorkind.mutable_monitorkind();
    m->set_school(school);
    m->set_lvs_pupil_number(pupil);
    m->set_residence_municipality("GM0606");
    m->set_reason(pb::MONITORKIND_REASON_LONG_TERM_SICK);
    m->set_at_home_since("2026-08-15");
    m->set_registered_on("2026-09-01");
    pb::Monitorkind registered;
    ASSERT_TRUE(stub_->RegisterMonitorkind(Office().get(), monitorkind, &registered).ok());

    // OPPs and TLVs of regular schools (a TLV belongs to its referring school).
    const std::string regular = school == "13AB00" ? "13AB00" : "12AB00";
    pb::CreateOppRequest opp;
    opp.set_parent("swvs/PO2203");
    opp.mutable_opp()->set_school(regular);
    opp.mutable_opp()->set_lvs_pupil_number(pupil);
    opp.mutable_opp()->set_drawn_up_on("2026-10-01");
    opp.mutable_opp()->set_start_date("2026-10-01");
    opp.mutable_opp()->set_consent(pb::PARENTAL_CONSENT_GIVEN);
    opp.mutable_opp()->set_consent_date("2026-10-01");
    pb::Opp created_opp;
    grpc::Status status = tlvs_->CreateOpp(Office().get(), opp, &created_opp);
    ASSERT_TRUE(status.ok()) << status.error_message();
    pb::CreateTlvRequest tlv;
    tlv.set_parent("swvs/PO2203");
    tlv.mutable_tlv()->set_referring_school(regular);
    tlv.mutable_tlv()->set_lvs_pupil_number(pupil);
    tlv.mutable_tlv()->set_receiving_school("34CD00");
    tlv.mutable_tlv()->set_kind(pb::TLV_KIND_SBO);
    tlv.mutable_tlv()->set_received_on("2026-10-15");
    pb::Tlv created_tlv;
    status = tlvs_->CreateTlv(Office().get(), tlv, &created_tlv);
    ASSERT_TRUE(status.ok()) << status.error_message();

    pb::CreateArrangementRequest arrangement;
    arrangement.set_parent("swvs/PO2203");
    pb::Arrangement* a = arrangement.mutable_arrangement();
    a->set_target(pb::ARRANGEMENT_TARGET_PUPIL);
    a->set_school(school);
    a->set_lvs_pupil_number(pupil);
    a->set_description("Extra support");
    a->set_applied_on("2026-10-01");
    pb::Arrangement applied;
    status = support_->CreateArrangement(Office().get(), arrangement, &applied);
    ASSERT_TRUE(status.ok()) << status.error_message();
    pb::CreateOpdcPlacementRequest placement;
    placement.set_parent("swvs/PO2203");
    placement.mutable_placement()->set_school(school);
    placement.mutable_placement()->set_lvs_pupil_number(pupil);
    placement.mutable_placement()->set_opdc("99ZZ00");
    placement.mutable_placement()->set_start_date("2026-09-01");
    placement.mutable_placement()->set_planned_end("2027-02-28");
    pb::OpdcPlacement placed;
    status = support_->CreateOpdcPlacement(Office().get(), placement, &placed);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  const std::vector<std::pair<std::string, ListCall>> lists = {
      {"exemptions", PageOne(stub_.get(), &pb::Registrations::Stub::ListExemptions,
                             [](const auto& r) { return r.exemptions(); })},
      {"monitorkinderen", PageOne(stub_.get(), &pb::Registrations::Stub::ListMonitorkinderen,
                                  [](const auto& r) { return r.monitorkinderen(); })},
      {"opps",
       PageOne(tlvs_.get(), &pb::Tlvs::Stub::ListOpps, [](const auto& r) { return r.opps(); })},
      {"tlvs",
       PageOne(tlvs_.get(), &pb::Tlvs::Stub::ListTlvs, [](const auto& r) { return r.tlvs(); })},
      {"arrangements", PageOne(support_.get(), &pb::Support::Stub::ListArrangements,
                               [](const auto& r) { return r.arrangements(); })},
      {"opdcPlacements", PageOne(support_.get(), &pb::Support::Stub::ListOpdcPlacements,
                                 [](const auto& r) { return r.placements(); })},
  };
  for (const auto& [name, list] : lists) {
    SCOPED_TRACE(name);
    EXPECT_THAT(Pages(Board1, list), SizeIs(3));
    EXPECT_THAT(Pages(Board2, list), SizeIs(4));
    EXPECT_THAT(Pages([this] { return Office(); }, list), SizeIs(7));
  }
  // Directory rows: B1 lists 12AB00, 34CD00 and 78GH00 of the five schools.
  ListCall schools = PageOne(directory_.get(), &pb::Directory::Stub::ListSchools,
                             [](const auto& r) { return r.schools(); });
  EXPECT_THAT(Pages(Board1, schools), SizeIs(3));
  EXPECT_THAT(Pages([] { return ContextAs(PrincipalKind::kSchool, {"13AB00"}); }, schools),
              SizeIs(1));
}

// A token continues only the list, the filters and the caller it was issued for; altered or
// forged ones are refused, as INVALID_ARGUMENT INVALID_PAGE_TOKEN on page_token (pageToken).
TEST_P(PagingServerTest, TokensAreBoundAndSealed) {
  for (int i = 0; i < 7; ++i) ReportCase(i, kSchools[i]);
  std::vector<std::string> names;
  std::string token;
  ASSERT_TRUE(Thuiszitters()(Board1().get(), "", &names, &token).ok());
  ASSERT_FALSE(token.empty());
  std::string next;
  const std::string refused = "INVALID_ARGUMENT INVALID_PAGE_TOKEN page_token";
  // Another board; the same board under another credential; another list; other filters.
  EXPECT_EQ(RefusedAs(Thuiszitters()(Board2().get(), token, &names, &next)), refused);
  Principal other;
  other.id = "board:PO2203:another-credential";
  other.kind = PrincipalKind::kBoard;
  other.tenant = "PO2203";
  other.scope = {"B1"};
  auto other_context = std::make_unique<grpc::ClientContext>();
  for (const auto& [key, value] : PrincipalToMetadata(other)) {
    other_context->AddMetadata(key, value);
  }
  EXPECT_EQ(RefusedAs(Thuiszitters()(other_context.get(), token, &names, &next)), refused);
  ListCall exemptions = PageOne(stub_.get(), &pb::Registrations::Stub::ListExemptions,
                                [](const auto& r) { return r.exemptions(); });
  EXPECT_EQ(RefusedAs(exemptions(Board1().get(), token, &names, &next)), refused);
  EXPECT_EQ(RefusedAs(Thuiszitters("open")(Board1().get(), token, &names, &next)), refused);
  // Altered: one character changed. Forged: what the tokens used to be, a readable position.
  std::string altered = token;
  altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(RefusedAs(Thuiszitters()(Board1().get(), altered, &names, &next)), refused);
  const std::string forged = absl::WebSafeBase64Escape("v1:1");
  EXPECT_EQ(RefusedAs(Thuiszitters()(Board1().get(), forged, &names, &next)), refused);
  // The token itself does not show the position.
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  EXPECT_EQ(raw.find(":2"), std::string::npos);
  // The rightful caller continues.
  EXPECT_TRUE(Thuiszitters()(Board1().get(), token, &names, &next).ok());
}

// Keyset: rows added between pages (the board's own and another board's) neither repeat a row
// nor leave a page short; the board's new case comes last.
TEST_P(PagingServerTest, PagesStayStableWhenRowsAreAddedBetweenThem) {
  std::vector<std::string> expected;
  for (int i = 0; i < 7; ++i) {
    std::string name = ReportCase(i, kSchools[i]);
    if (kSchools[i] != "13AB00") expected.push_back(name);
  }
  std::vector<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    std::vector<std::string> names;
    ASSERT_TRUE(Thuiszitters()(Board1().get(), token, &names, &token).ok());
    EXPECT_THAT(names, SizeIs(1)) << "page " << pages;
    seen.insert(seen.end(), names.begin(), names.end());
    if (pages == 0) {
      ReportCase(10, "13AB00");
      expected.push_back(ReportCase(11, "12AB00"));
      ReportCase(12, "13AB00");
    }
    ++pages;
  } while (!token.empty() && pages < 20);
  EXPECT_THAT(seen, ElementsAreArray(expected));
  EXPECT_EQ(pages, 4);
}

INSTANTIATE_TEST_SUITE_P(Databases, PagingServerTest,
                         ::testing::Values(storage::Dialect::kSqlite, storage::Dialect::kMysql),
                         [](const auto& test_param) {
                           return swv::testing::DialectName(test_param.param);
                         });

}  // namespace
}  // namespace swv::registrations
