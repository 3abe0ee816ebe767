// End to end over loopback (gateway_e2e_fixture.h): the records' life through the gateway by role,
// a thuiszitter from report to close and TLVs read by their referring school and its board.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/gateway/gateway_e2e_fixture.h"

namespace swv::gateway {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

TEST_F(GatewayEndToEndTest, ThuiszitterLifecycleAcrossRolesWithAudit) {
  // An LVS reports a case; a retry with the same Idempotency-Key returns the same record.
  httplib::Result reported = Post("/api/v1/swvs/PO2203/thuiszitters", lvs_,
                                  ReportBody("12AB00", "LVS-1009", "GM0606"), "parnassys-0001");
  ASSERT_TRUE(reported);
  ASSERT_EQ(reported->status, 201) << reported->body;
  std::string location = reported->get_header_value("Location");
  ASSERT_TRUE(absl::StartsWith(location, "/api/v1/swvs/PO2203/thuiszitters/tz-")) << location;
  std::string name = location.substr(std::string("/api/v1/").size());
  EXPECT_EQ(reported->get_header_value("API-Version"), "1.0.0");
  google::protobuf::Struct reported_case = Json(reported->body);
  EXPECT_EQ(reported_case.fields().at("status").string_value(), "CASE_STATUS_OPEN");
  EXPECT_EQ(reported_case.fields().at("version").string_value(), "1");
  EXPECT_TRUE(
      absl::StartsWith(reported_case.fields().at("createdBy").string_value(), "school:12AB00:cr-"));
  httplib::Result retried = Post("/api/v1/swvs/PO2203/thuiszitters", lvs_,
                                 ReportBody("12AB00", "LVS-1009", "GM0606"), "parnassys-0001");
  ASSERT_TRUE(retried);
  EXPECT_EQ(Json(retried->body).fields().at("name").string_value(), name);
  // A case of another school and municipality.
  ASSERT_EQ(
      Post("/api/v1/swvs/PO2203/thuiszitters", other_lvs_, ReportBody("34CD01", "X-77", "GM0622"))
          ->status,
      201);

  httplib::Result own = Get(location, lvs_);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_EQ(Json(own->body).fields().at("lvsPupilNumber").string_value(), "LVS-1009");

  // Leerplicht Schiedam lists its municipality's open cases: minimal fields only.
  httplib::Result listed =
      Get("/api/v1/swvs/PO2203/thuiszitters?status=CASE_STATUS_OPEN", leerplicht_schiedam_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200) << listed->body;
  google::protobuf::Struct list = Json(listed->body);
  const auto& rows = list.fields().at("thuiszitters").list_value().values();
  ASSERT_EQ(rows.size(), 1);
  const auto& row = rows[0].struct_value().fields();
  EXPECT_EQ(row.at("name").string_value(), name);
  for (const char* shown :
       {"school", "category", "status", "absenceStart", "reportedOn", "daysAbsent"}) {
    EXPECT_TRUE(row.count(shown)) << shown;
  }
  for (const char* hidden : {"lvsPupilNumber", "pupilId", "cause", "closeReason", "createdBy",
                             "updatedBy", "reportedLate", "version"}) {
    EXPECT_FALSE(row.count(hidden)) << hidden << " leaked: " << listed->body;
  }
  EXPECT_THAT(listed->body, Not(HasSubstr("LVS-1009")));
  EXPECT_THAT(listed->body, Not(HasSubstr("X-77")));

  // Leerplicht Vlaardingen: the Schiedam case does not exist for it.
  google::protobuf::Struct not_found = ExpectProblem(Get(location, leerplicht_vlaardingen_), 404);
  google::protobuf::Struct missing = ExpectProblem(
      Get("/api/v1/swvs/PO2203/thuiszitters/tz-0000000000000000", leerplicht_vlaardingen_), 404);
  EXPECT_EQ(not_found.fields().at("detail").string_value(),
            missing.fields().at("detail").string_value());
  // A partner cannot write.
  ExpectProblem(Post(location + "/closure", leerplicht_schiedam_,
                     R"({"closedOn":"2026-11-16","reason":"x"})"),
                403);

  // Another school's LVS writing for this pupil: 404, and the case stays open.
  ExpectProblem(Post(location + "/closure", other_lvs_,
                     R"({"closedOn":"2026-11-16","reason":"back at school"})"),
                404);
  ExpectProblem(Post("/api/v1/swvs/PO2203/thuiszitters", other_lvs_,
                     ReportBody("12AB00", "LVS-1009", "GM0606")),
                404);
  ExpectProblem(Get(location, other_lvs_), 404);

  // The LVS closes its case; the record stays, closed.
  httplib::Result closed =
      Post(location + "/closure", lvs_, R"({"closedOn":"2026-11-16","reason":"school resumed"})");
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(Json(closed->body).fields().at("status").string_value(), "CASE_STATUS_CLOSED");
  EXPECT_EQ(Json(Get(location, office_)->body).fields().at("status").string_value(),
            "CASE_STATUS_CLOSED");

  // The office reads the access log: the partner's reads, with the legal ground, and the writes.
  httplib::Result log = Get("/api/v1/swvs/PO2203/audit-events?record=" + name, office_);
  ASSERT_TRUE(log);
  ASSERT_EQ(log->status, 200) << log->body;
  google::protobuf::Struct events = Json(log->body);
  int partner_reads = 0, refused_reads = 0, writes = 0;
  for (const auto& event : events.fields().at("auditEvents").list_value().values()) {
    const auto& fields = event.struct_value().fields();
    if (fields.at("principalKind").string_value() == "partner" &&
        fields.at("httpMethod").string_value() == "GET") {
      EXPECT_EQ(fields.at("legalGround").string_value(),
                "Leerplichtwet 1969 art. 21a; convenant thuiszitters MVS");
      fields.at("httpStatus").number_value() == 200 ? ++partner_reads : ++refused_reads;
    }
    if (fields.at("httpMethod").string_value() == "POST") ++writes;
  }
  EXPECT_EQ(partner_reads, 1);  // Schiedam's list
  EXPECT_EQ(refused_reads, 1);  // Vlaardingen's 404
  EXPECT_GE(writes, 4);         // reports, refused writes, the close
  // Only the office reads it.
  ExpectProblem(Get("/api/v1/swvs/PO2203/audit-events", lvs_), 403);
}

// TLVs belong to their referring school: that school lists and reads its own, a board those of its
// schools (per the directory); another school or board gets 404 and a list without them; a partner
// 403; changing a TLV stays the office's. The registrations service checks the same behind this.
TEST_F(GatewayEndToEndTest, TlvsAreReadByTheirReferringSchoolAndItsBoard) {
  httplib::Result boards = Post("/api/v1/swvs/PO2203/boards/_batch", office_,
                                R"({"boards":[{"code":"B1","displayName":"Stichting B1"},)"
                                R"({"code":"B2","displayName":"Stichting B2"}]})");
  ASSERT_TRUE(boards);
  ASSERT_EQ(boards->status, 200) << boards->body;
  auto school = [](const char* code, const char* board, const char* kind) {
    return absl::StrCat(R"({"code":")", code, R"(","displayName":"School )", code, R"(","board":")",
                        board, R"(","municipality":"GM0606","kind":")", kind,
                        R"(","insideRegion":true})");
  };
  httplib::Result schools =
      Post("/api/v1/swvs/PO2203/schools/_batch", office_,
           absl::StrCat(R"({"schools":[)", school("12AB00", "B1", "SCHOOL_KIND_REGULAR"), ",",
                        school("34CD01", "B2", "SCHOOL_KIND_REGULAR"), ",",
                        school("99SB00", "B1", "SCHOOL_KIND_SBO"), "]}"));
  ASSERT_TRUE(schools);
  ASSERT_EQ(schools->status, 200) << schools->body;
  EXPECT_EQ(Json(schools->body).fields().at("accepted").number_value(), 3) << schools->body;
  auto apply = [this](const char* referring, const char* pupil) {
    httplib::Result created =
        Post("/api/v1/swvs/PO2203/tlvs", office_,
             absl::StrCat(R"({"referringSchool":")", referring, R"(","lvsPupilNumber":")", pupil,
                          R"(","receivingSchool":"99SB00","kind":"TLV_KIND_SBO",)",
                          R"("receivedOn":"2026-10-15"})"));
    EXPECT_TRUE(created);
    if (!created) return std::string();
    EXPECT_EQ(created->status, 201) << created->body;
    return created->get_header_value("Location");
  };
  const std::string own = apply("12AB00", "LVS-1");
  const std::string other = apply("34CD01", "LVS-2");
  ASSERT_FALSE(own.empty());
  ASSERT_FALSE(other.empty());
  absl::Time expires = clock_.Now() + absl::Hours(24);
  const std::string board1 = testing::Issue(*store_, PrincipalKind::kBoard, {"B1"}, expires);
  const std::string board2 = testing::Issue(*store_, PrincipalKind::kBoard, {"B2"}, expires);

  auto names = [this](const std::string& token) {
    std::vector<std::string> out;
    httplib::Result listed = Get("/api/v1/swvs/PO2203/tlvs", token);
    EXPECT_TRUE(listed);
    if (!listed) return out;
    EXPECT_EQ(listed->status, 200) << listed->body;
    google::protobuf::Struct list = Json(listed->body);
    if (!list.fields().count("tlvs")) return out;
    for (const auto& row : list.fields().at("tlvs").list_value().values()) {
      out.push_back(
          absl::StrCat("/api/v1/", row.struct_value().fields().at("name").string_value()));
    }
    return out;
  };
  EXPECT_THAT(names(lvs_), ::testing::ElementsAre(own));
  EXPECT_THAT(names(other_lvs_), ::testing::ElementsAre(other));
  EXPECT_THAT(names(board1), ::testing::ElementsAre(own));
  EXPECT_THAT(names(board2), ::testing::ElementsAre(other));
  EXPECT_THAT(names(office_), ::testing::UnorderedElementsAre(own, other));

  httplib::Result read = Get(own, lvs_);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  EXPECT_EQ(Json(read->body).fields().at("referringSchool").string_value(), "12AB00");
  read = Get(own, board1);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  read = Get(own + "/history", lvs_);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200) << read->body;
  for (const auto& [path, token] :
       std::vector<std::pair<std::string, std::string>>{{own, other_lvs_},
                                                        {own, board2},
                                                        {other, lvs_},
                                                        {other, board1},
                                                        {other + "/history", lvs_}}) {
    ExpectProblem(Get(path, token), 404);
  }
  ExpectProblem(Get(own, leerplicht_schiedam_), 403);
  ExpectProblem(Get("/api/v1/swvs/PO2203/tlvs", leerplicht_schiedam_), 403);
  // Deciding on a TLV is the office's, even for the referring school.
  ExpectProblem(Post(own + "/decision", lvs_,
                     R"({"decidedOn":"2026-11-10","outcome":"TLV_OUTCOME_GRANTED"})"),
                403);
}

}  // namespace
}  // namespace swv::gateway
