// The gateway core with plain strings and a fake backend: routing, transcoding, problem errors,
// authentication, authorization per role, audit, limits, bulk routes, metrics.
#include "services/gateway/gateway_core.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/dashboard_assets.h"
#include "services/gateway/problem.h"
#include "swv/v1/allocation.pb.h"
#include "swv/v1/directory.pb.h"
#include "swv/v1/monitoring.pb.h"
#include "swv/v1/registrations.pb.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/testing/scratch_database.h"

namespace swv::gateway {
namespace {

namespace pb = ::swv::v1;
using ::testing::HasSubstr;
using testing::Case;
using testing::FakeBackend;
using testing::GatewayCoreTest;
using testing::kBatchSchools;
using testing::kClose;
using testing::kGet;
using testing::kGetSchool;
using testing::kList;
using testing::kReport;
using testing::kReportBody;
using testing::ParseJson;
using testing::TenantQuery;

TEST_F(GatewayCoreTest, UnknownRouteAndWrongMethodAreProblems) {
  HttpResponse response = Send("GET", "/api/v1/swvs/PO2203/unicorns", school_);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(ProblemOf(response).fields().at("reason").string_value(), "UNKNOWN_ROUTE");
  EXPECT_EQ(response.Header("API-Version"), "1.0.0");

  response = Send("DELETE", "/api/v1/swvs/PO2203/thuiszitters", school_);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("Allow"), "GET, POST");
  ProblemOf(response);
}

TEST_F(GatewayCoreTest, ReportTranscodesPathBodyAndIdempotencyKey) {
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody, {},
                               {{"Idempotency-Key", "lvs-push-42"}});
  ASSERT_EQ(response.status, 201) << response.body;
  EXPECT_EQ(response.Header("Location"), "/api/v1/swvs/PO2203/thuiszitters/tz-new");
  EXPECT_EQ(response.Header("API-Version"), "1.0.0");
  google::protobuf::Struct body = ParseJson(response.body);
  EXPECT_EQ(body.fields().at("absenceKind").string_value(), "ABSENCE_KIND_RELATIVE");
  EXPECT_EQ(body.fields().at("version").string_value(), "0");  // int64 as a string, defaults printed

  auto calls = backend_.CallsOf(kReport);
  ASSERT_EQ(calls.size(), 1u);
  const auto& sent = dynamic_cast<const pb::ReportThuiszitterRequest&>(*calls[0]->request);
  EXPECT_EQ(sent.parent(), "swvs/PO2203");
  EXPECT_EQ(sent.request_id(), "lvs-push-42");
  EXPECT_EQ(sent.thuiszitter().lvs_pupil_number(), "LVS-1");
  EXPECT_EQ(calls[0]->metadata.at("x-swv-principal-kind"), "school");
  EXPECT_EQ(calls[0]->metadata.at("x-swv-scope"), "12AB00");
  EXPECT_EQ(calls[0]->metadata.at("x-swv-tenant"), "PO2203");
  EXPECT_TRUE(absl::StartsWith(calls[0]->metadata.at("x-swv-principal"), "school:12AB00:cr-"));
}

TEST_F(GatewayCoreTest, BadBodiesNameTheProblem) {
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, R"({"school": "12AB00",)");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(ProblemOf(response).fields().at("reason").string_value(), "MALFORMED_JSON");

  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, R"({"school":"12AB00","favouriteColour":"red"})");
  EXPECT_EQ(response.status, 400);
  google::protobuf::Struct problem = ProblemOf(response);
  EXPECT_EQ(problem.fields().at("reason").string_value(), "UNKNOWN_FIELD");
  EXPECT_EQ(InvalidParamName(problem), "favouriteColour");

  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, R"({"school":"12AB00","absenceStart":20261001})");
  EXPECT_EQ(response.status, 400);
  problem = ProblemOf(response);
  EXPECT_EQ(problem.fields().at("reason").string_value(), "WRONG_TYPE");
  EXPECT_EQ(InvalidParamName(problem), "absenceStart");

  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, "[1,2]");
  EXPECT_EQ(response.status, 400);

  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, std::string(2 << 20, ' '));
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(ProblemOf(response).fields().at("reason").string_value(), "BODY_TOO_LARGE");
  EXPECT_TRUE(backend_.CallsOf(kReport).empty());

  response = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_, "", {{"pageSize", "many"}});
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(InvalidParamName(ProblemOf(response)), "pageSize");
  response = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_, "", {{"colour", "red"}});
  EXPECT_EQ(ProblemOf(response).fields().at("reason").string_value(), "UNKNOWN_QUERY_PARAMETER");
}

TEST_F(GatewayCoreTest, QueryParametersByJsonOrProtoNameWithEnumsByName) {
  HttpResponse response = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_, "",
                               {{"pageSize", "10"}, {"status", "CASE_STATUS_OPEN"}, {"residence_municipality", "GM0606"}});
  ASSERT_EQ(response.status, 200) << response.body;
  auto calls = backend_.CallsOf(kList);
  ASSERT_EQ(calls.size(), 1u);
  const auto& sent = dynamic_cast<const pb::ListThuiszittersRequest&>(*calls[0]->request);
  EXPECT_EQ(sent.page_size(), 10);
  EXPECT_EQ(sent.status(), pb::CASE_STATUS_OPEN);
  EXPECT_EQ(sent.residence_municipality(), "GM0606");
  EXPECT_EQ(sent.parent(), "swvs/PO2203");
}

TEST_F(GatewayCoreTest, BackendErrorsMapToProblemsWithoutLeaks) {
  backend_.On(kReport, [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return InvalidFields("INVALID_THUISZITTER_REPORT",
                         {{"thuiszitter.absence_start", "a child is a thuiszitter only after 4 weeks"},
                          {"thuiszitter.residence_municipality", "GM + 4 digits"}});
  });
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody);
  ASSERT_EQ(response.status, 400);
  google::protobuf::Struct problem = ProblemOf(response);
  EXPECT_EQ(problem.fields().at("code").string_value(), "INVALID_ARGUMENT");
  EXPECT_EQ(InvalidParamName(problem), "thuiszitter.absenceStart");
  EXPECT_EQ(problem.fields().at("reason").string_value(), "INVALID_THUISZITTER_REPORT");

  backend_.On(kReport, [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return absl::InternalError("SQL error near SELECT * FROM thuiszitter_cases WHERE pupil='LVS-1'");
  });
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody);
  EXPECT_EQ(response.status, 500);
  EXPECT_THAT(response.body, ::testing::Not(HasSubstr("SQL")));
  EXPECT_THAT(response.body, ::testing::Not(HasSubstr("LVS-1")));

  backend_.On(kReport, [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return absl::UnavailableError("failed to connect to all addresses; ipv4:10.1.2.3:50051");
  });
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody);
  EXPECT_EQ(response.status, 503);
  EXPECT_THAT(response.body, ::testing::Not(HasSubstr("10.1.2.3")));
  EXPECT_FALSE(response.Header("Retry-After").empty());

  backend_.On(kReport, [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return absl::DeadlineExceededError("deadline");
  });
  EXPECT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody).status, 504);

  backend_.On(kReport, [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    return ErrorWithReason(absl::StatusCode::kAborted, "VERSION_MISMATCH", "the case changed");
  });
  EXPECT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody).status, 409);
}

TEST_F(GatewayCoreTest, CredentialsMissingWrongExpiredOrRevokedAre401) {
  HttpResponse response = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", "");
  EXPECT_EQ(response.status, 401);
  EXPECT_FALSE(response.Header("WWW-Authenticate").empty());
  ProblemOf(response);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", school_ + "x").status, 401);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", "swv_cr-0000000000000000.abc").status, 401);

  std::string short_lived = testing::Issue(*store_, PrincipalKind::kOffice, {}, clock_.Now() + absl::Hours(1));
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", short_lived).status, 200);
  clock_.Advance(absl::Hours(2));
  response = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", short_lived);
  EXPECT_EQ(response.status, 401);
  EXPECT_THAT(response.body, HasSubstr("expired"));

  std::string revoked = Issue(PrincipalKind::kOffice, {});
  std::string token_id = revoked.substr(4, revoked.find('.') - 4);
  ASSERT_TRUE(store_->Revoke(token_id).ok());
  response = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", revoked);
  EXPECT_EQ(response.status, 401);
  EXPECT_THAT(response.body, HasSubstr("revoked"));
}

TEST_F(GatewayCoreTest, OtherTenantsRecordsDoNotExist) {
  HttpResponse response = Send("GET", "/api/v1/swvs/PO2204/thuiszitters/tz-a", office_);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(ProblemOf(response).fields().at("detail").string_value(), kNotVisibleDetail);
  EXPECT_TRUE(backend_.CallsOf(kGet).empty());
}

TEST_F(GatewayCoreTest, SchoolOnlyReachesItsOwnSchoolsRecords) {
  // Writing for another school's pupil: 404, nothing sent.
  std::string other = absl::StrReplaceAll(kReportBody, {{"12AB00", "34CD01"}});
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, other);
  EXPECT_EQ(response.status, 404);
  EXPECT_TRUE(backend_.CallsOf(kReport).empty());
  // Closing another school's case: the case is fetched first, then 404 without a close.
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters/tz-b:close", school_,
                  R"({"closedOn":"2026-11-16","reason":"back"})");
  EXPECT_EQ(response.status, 404);
  EXPECT_TRUE(backend_.CallsOf(kClose).empty());
  // Its own case closes.
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters/tz-a:close", school_,
                  R"({"closedOn":"2026-11-16","reason":"back"})");
  EXPECT_EQ(response.status, 200) << response.body;
  // Reading: own case yes, other 404 with the same body as a missing case.
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", school_).status, 200);
  HttpResponse foreign = Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-b", school_);
  HttpResponse missing = Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-zz", school_);
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ProblemOf(foreign).fields().at("detail").string_value(),
            ProblemOf(missing).fields().at("detail").string_value());
  // Lists: the filter is forced to its school, and rows outside scope are dropped anyway.
  response = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", school_);
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(dynamic_cast<const pb::ListThuiszittersRequest&>(*backend_.CallsOf(kList).back()->request).school(),
            "12AB00");
  EXPECT_THAT(response.body, HasSubstr("tz-a"));
  EXPECT_THAT(response.body, ::testing::Not(HasSubstr("tz-b")));
  // Tenant settings are not a school's to change.
  response = Send("PATCH", "/api/v1/swvs/PO2203/settings", school_, R"({"thuiszitterReportWithinDays":5})");
  EXPECT_EQ(response.status, 403) << response.body;
  EXPECT_TRUE(backend_.CallsOf("/swv.v1.Registrations/UpdateSwvSettings").empty());
}

TEST_F(GatewayCoreTest, BoardScopeComesFromTheDirectory) {
  std::string board = Issue(PrincipalKind::kBoard, {"41234"});
  backend_.On(kGetSchool, [](const google::protobuf::Message& request, const auto& metadata)
                              -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    const auto& get = dynamic_cast<const pb::GetSchoolRequest&>(request);
    auto school = std::make_unique<pb::School>();
    school->set_name(get.name());
    if (get.name() == "swvs/PO2203/schools/12AB00") school->set_board("41234");
    else if (get.name() == "swvs/PO2203/schools/34CD01") school->set_board("99999");
    else return absl::NotFoundError("no school");
    return school;
  });
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", board).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-b", board).status, 404);
  HttpResponse list = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", board);
  EXPECT_THAT(list.body, HasSubstr("tz-a"));
  EXPECT_THAT(list.body, ::testing::Not(HasSubstr("tz-b")));
  std::string other = absl::StrReplaceAll(kReportBody, {{"12AB00", "34CD01"}});
  EXPECT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", board, other).status, 404);
  EXPECT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", board, kReportBody).status, 201);
  // Lookups are cached: one directory call per school.
  EXPECT_EQ(backend_.CallsOf(kGetSchool).size(), 2u);
}

// Records of a school kind that name no school (an exemption without one) are the office's: a
// school credential gets 404 for the record and a list without it, as the service answers.
TEST_F(GatewayCoreTest, RecordsNamingNoSchoolAreTheOfficesOnly) {
  auto exemption = [](const std::string& id, const std::string& school) {
    pb::Exemption e;
    e.set_name("swvs/PO2203/exemptions/" + id);
    e.set_school(school);
    e.set_residence_municipality("GM0606");
    return e;
  };
  backend_.On("/swv.v1.Registrations/GetExemption",
              [&](const google::protobuf::Message& request, const auto&)
                  -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
                const auto& get = dynamic_cast<const pb::GetExemptionRequest&>(request);
                bool own = get.name() == "swvs/PO2203/exemptions/vr-own";
                return std::make_unique<pb::Exemption>(exemption(own ? "vr-own" : "vr-none", own ? "12AB00" : ""));
              });
  backend_.On("/swv.v1.Registrations/ListExemptions",
              [&](const google::protobuf::Message&, const auto&)
                  -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
                auto response = std::make_unique<pb::ListExemptionsResponse>();
                *response->add_exemptions() = exemption("vr-own", "12AB00");
                *response->add_exemptions() = exemption("vr-none", "");
                return response;
              });
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/exemptions/vr-own", school_).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/exemptions/vr-none", school_).status, 404);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/exemptions/vr-none", office_).status, 200);
  HttpResponse list = Send("GET", "/api/v1/swvs/PO2203/exemptions", school_);
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_THAT(list.body, HasSubstr("vr-own"));
  EXPECT_THAT(list.body, ::testing::Not(HasSubstr("vr-none")));
}

// A board statement is its board's: that board reads it whole (board-level lines included),
// another board gets 404 without a backend call, a school 403.
TEST_F(GatewayCoreTest, BoardStatementIsReadByItsOwnBoardOnly) {
  constexpr char kStatement[] = "/swv.v1.Allocation/GetBoardStatement";
  backend_.On(kStatement, [](const google::protobuf::Message& request, const auto&)
                              -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    auto statement = std::make_unique<pb::BoardStatement>();
    statement->set_name(dynamic_cast<const pb::GetBoardStatementRequest&>(request).name());
    pb::ResultLine* board_line = statement->add_lines();
    board_line->set_section("total");
    board_line->set_board("41234");
    pb::ResultLine* school_line = statement->add_lines();
    school_line->set_section("wijk_school_share");
    school_line->set_school("12AB00");
    return statement;
  });
  std::string board = Issue(PrincipalKind::kBoard, {"41234"});
  const std::string path = "/api/v1/swvs/PO2203/years/2026/calculations/calc-1/boards/41234/statement";
  HttpResponse own = Send("GET", path, board);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(ParseJson(own.body).fields().at("lines").list_value().values_size(), 2) << own.body;
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/years/2026/calculations/calc-1/boards/99999/statement", board).status,
            404);
  EXPECT_EQ(backend_.CallsOf(kStatement).size(), 1u);
  EXPECT_EQ(Send("GET", path, school_).status, 403);
}

TEST_F(GatewayCoreTest, PartnerSeesOnlyTheMinimalViewOfItsMunicipalityAndIsAudited) {
  HttpResponse list = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", partner_, "", {{"status", "CASE_STATUS_OPEN"}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(dynamic_cast<const pb::ListThuiszittersRequest&>(*backend_.CallsOf(kList).back()->request)
                .residence_municipality(),
            "GM0606");
  EXPECT_THAT(list.body, HasSubstr("tz-a"));
  EXPECT_THAT(list.body, ::testing::Not(HasSubstr("tz-b")));
  for (const char* hidden : {"lvsPupilNumber", "pupilId", "cause", "closeReason", "createdBy", "version",
                             "LVS-4711", "WAITING_FOR_CARE"}) {
    EXPECT_THAT(list.body, ::testing::Not(HasSubstr(hidden))) << hidden;
  }
  for (const char* shown : {"school", "category", "absenceStart", "status", "daysAbsent"}) {
    EXPECT_THAT(list.body, HasSubstr(shown)) << shown;
  }
  HttpResponse own = Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", partner_);
  EXPECT_EQ(own.status, 200);
  EXPECT_THAT(own.body, ::testing::Not(HasSubstr("cause")));
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-b", partner_).status, 404);
  // Another municipality as an explicit filter: nothing.
  HttpResponse filtered = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", partner_, "",
                               {{"residenceMunicipality", "GM0622"}});
  EXPECT_EQ(filtered.status, 200);
  EXPECT_THAT(filtered.body, ::testing::Not(HasSubstr("tz-")));
  // Never writes, never other routes.
  EXPECT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters/tz-a:close", partner_, R"({"reason":"x"})").status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a/history", partner_).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/auditEvents", partner_).status, 403);

  // The office reads the log: the list read (tz-a), the get of tz-a, the refused get of tz-b, ...
  HttpResponse log = Send("GET", "/api/v1/swvs/PO2203/auditEvents", office_, "", {{"record", "swvs/PO2203/thuiszitters/tz-a"}});
  ASSERT_EQ(log.status, 200) << log.body;
  google::protobuf::Struct events = ParseJson(log.body);
  const auto& rows = events.fields().at("auditEvents").list_value().values();
  ASSERT_GE(rows.size(), 2);
  const auto& first = rows[0].struct_value().fields();
  EXPECT_EQ(first.at("principalKind").string_value(), "partner");
  EXPECT_EQ(first.at("legalGround").string_value(), "Leerplichtwet 1969 art. 21a");
  EXPECT_EQ(first.at("route").string_value(), "/api/v1/{parent=swvs/*}/thuiszitters");
  EXPECT_EQ(first.at("httpStatus").number_value(), 200);
  HttpResponse refused = Send("GET", "/api/v1/swvs/PO2203/auditEvents", office_, "",
                              {{"record", "swvs/PO2203/thuiszitters/tz-b"}});
  EXPECT_THAT(refused.body, HasSubstr("404"));
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/auditEvents", school_).status, 403);
}

TEST_F(GatewayCoreTest, WritesAreAuditedWhateverTheOutcome) {
  ASSERT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody).status, 201);
  std::string other = absl::StrReplaceAll(kReportBody, {{"12AB00", "34CD01"}});
  ASSERT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, other).status, 404);
  absl::StatusOr<AuditPage> page = store_->Query(TenantQuery("PO2203"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->events.size(), 2u);
  EXPECT_EQ(page->events[0].record, "swvs/PO2203/thuiszitters/tz-new");
  EXPECT_EQ(page->events[0].http_status, 201);
  EXPECT_EQ(page->events[1].http_status, 404);
  EXPECT_EQ(page->events[1].http_method, "POST");
}

TEST_F(GatewayCoreTest, OpsReaderGetsNoPupilData) {
  std::string ops = testing::Issue(*store_, PrincipalKind::kOps, {}, clock_.Now() + absl::Hours(1), "", "");
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", ops).status, 403);
  HttpResponse doc = Send("GET", "/api/v1/openapi.json", "");
  EXPECT_EQ(doc.status, 200);
  EXPECT_THAT(doc.body, HasSubstr("\"openapi\":\"3.0.3\""));
}

TEST_F(GatewayCoreTest, RateLimitAnswers429WithRetryAfter) {
  GatewayOptions options;
  options.rate_per_second = 1;
  options.rate_burst = 2;
  MakeCore(options);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_).status, 200);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_).status, 200);
  HttpResponse limited = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_);
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.Header("Retry-After"), "1");
  ProblemOf(limited);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", school_).status, 200);  // per credential
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_).status, 200);
}

TEST_F(GatewayCoreTest, BulkRouteTakesLargeBodiesAndReturnsPerRowResults) {
  backend_.On(kBatchSchools, [](const google::protobuf::Message& request, const auto&)
                                 -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    const auto& batch = dynamic_cast<const pb::BatchUpsertSchoolsRequest&>(request);
    auto response = std::make_unique<pb::BatchUpsertResponse>();
    for (int i = 0; i < batch.schools_size(); ++i) {
      pb::RowResult* row = response->add_results();
      row->set_index(i);
      bool bad = batch.schools(i).kind() == pb::SCHOOL_KIND_UNSPECIFIED;
      row->set_outcome(bad ? "rejected" : "created");
      if (bad) {
        row->set_code("INVALID_ARGUMENT");
        pb::FieldError* error = row->add_field_errors();
        error->set_field("kind");
        error->set_description("required");
      }
      bad ? response->set_rejected(response->rejected() + 1) : response->set_accepted(response->accepted() + 1);
    }
    return response;
  });
  // About 1.5 MiB: above the normal limit, below the bulk limit.
  std::string rows;
  for (int i = 0; i < 12000; ++i) {
    absl::StrAppend(&rows, i == 0 ? "" : ",", R"({"code":"12AB00","displayName":"De Regenboog locatie )", i,
                    R"(","board":"41234","kind":")", i == 7 ? "SCHOOL_KIND_UNSPECIFIED" : "SCHOOL_KIND_REGULAR",
                    R"(","insideRegion":true})");
  }
  std::string body = absl::StrCat(R"({"schools":[)", rows, "]}");
  ASSERT_GT(body.size(), GatewayOptions{}.max_body_bytes);
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/schools:batchUpsert", office_, body);
  ASSERT_EQ(response.status, 200) << response.body.substr(0, 300);
  google::protobuf::Struct result = ParseJson(response.body);
  EXPECT_EQ(result.fields().at("accepted").number_value(), 11999);
  EXPECT_EQ(result.fields().at("rejected").number_value(), 1);
  EXPECT_EQ(result.fields().at("results").list_value().values(7).struct_value().fields().at("outcome").string_value(),
            "rejected");
  // A school credential pushing a row of another school: refused, naming the row.
  std::string mixed = R"({"schools":[{"code":"12AB00","kind":"SCHOOL_KIND_REGULAR"},{"code":"34CD01"}]})";
  response = Send("POST", "/api/v1/swvs/PO2203/schools:batchUpsert", school_, mixed);
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(InvalidParamName(ProblemOf(response)), "schools[1].code");
}

TEST_F(GatewayCoreTest, MetricsUseTheRouteTemplateNotThePath) {
  Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", office_);
  Send("GET", "/api/v1/swvs/PO2203/no/such/route", office_);
  std::string text = metrics_.Serialize();
  EXPECT_THAT(text, HasSubstr(R"(http_requests_total{code_class="2xx",method="GET",route="/api/v1/{name=swvs/*/thuiszitters/*}"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(route="unmatched")"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("tz-a")));
  EXPECT_THAT(text, HasSubstr("http_request_duration_seconds_bucket"));
}

}  // namespace
}  // namespace swv::gateway

namespace swv::gateway {
namespace {

TEST_F(GatewayCoreTest, DashboardIsServedWithoutCredentialUnderAStrictCsp) {
  HttpResponse page = Send("GET", "/dashboard/", "");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_THAT(page.body, HasSubstr("<html lang=\"nl\""));
  EXPECT_THAT(page.body, HasSubstr("dashboard.js"));
  EXPECT_THAT(page.Header("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  EXPECT_EQ(page.Header("Cache-Control"), "no-store");
  EXPECT_EQ(page.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(Send("GET", "/dashboard/index.html", "").body, page.body);

  HttpResponse script = Send("GET", "/dashboard/dashboard.js", "");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Send("GET", "/dashboard/dashboard.css", "").content_type, "text/css; charset=utf-8");
  // The page holds no data and nothing from the internet.
  EXPECT_THAT(page.body, ::testing::Not(HasSubstr("http://")));
  EXPECT_THAT(page.body, ::testing::Not(HasSubstr("https://")));

  HttpResponse redirect = Send("GET", "/dashboard", "");
  EXPECT_EQ(redirect.status, 308);
  EXPECT_EQ(redirect.Header("Location"), "/dashboard/");

  HttpResponse missing = Send("GET", "/dashboard/x", "");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ProblemOf(missing).fields().at("reason").string_value(), "UNKNOWN_ROUTE");
  EXPECT_EQ(Send("GET", "/dashboard/../api/v1/openapi.json", "").status, 404);
  HttpResponse post = Send("POST", "/dashboard/", "", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("Allow"), "GET");
}

constexpr char kGoalStatuses[] = "/swv.v1.Monitoring/GetGoalStatuses";

// Goal statuses for a board: only its own board, or its own schools; SWV and wijk figures are the
// office's. The fake monitoring answers one row per requested level id, or rows for every board or
// school when none is given (as the service does).
TEST_F(GatewayCoreTest, BoardReadsGoalStatusesOfItsOwnBoardAndSchoolsOnly) {
  std::string board = Issue(PrincipalKind::kBoard, {"41234"});
  backend_.On(kGetSchool, [](const google::protobuf::Message& request, const auto&)
                              -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    const auto& get = dynamic_cast<const pb::GetSchoolRequest&>(request);
    auto school = std::make_unique<pb::School>();
    school->set_name(get.name());
    if (get.name() == "swvs/PO2203/schools/12AB00") school->set_board("41234");
    else if (get.name() == "swvs/PO2203/schools/34CD01") school->set_board("99999");
    else return absl::NotFoundError("no school");
    return school;
  });
  backend_.On(kGoalStatuses, [](const google::protobuf::Message& request, const auto&)
                                 -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
    const auto& get = dynamic_cast<const pb::GetGoalStatusesRequest&>(request);
    auto reply = std::make_unique<pb::GoalStatuses>();
    reply->set_level(get.level());
    std::vector<std::string> ids;
    if (!get.level_id().empty()) ids = {get.level_id()};
    else if (get.level() == pb::LEVEL_BOARD) ids = {"41234", "99999"};
    else if (get.level() == pb::LEVEL_SCHOOL) ids = {"12AB00", "34CD01"};
    else ids = {""};
    for (const std::string& id : ids) {
      pb::GoalStatus* row = reply->add_statuses();
      row->set_goal("tlv-binnen-termijn");
      row->set_level(get.level() == pb::LEVEL_UNSPECIFIED ? pb::LEVEL_SWV : get.level());
      row->set_level_id(id);
      row->set_display_value("value-of-" + (id.empty() ? std::string("swv") : id));
    }
    return reply;
  });
  const std::string path = "/api/v1/swvs/PO2203/goalStatuses";
  auto ask = [&](const std::string& token, const std::string& level, const std::string& id) {
    std::vector<std::pair<std::string, std::string>> query = {{"year", "2026"}};
    if (!level.empty()) query.emplace_back("level", level);
    if (!id.empty()) query.emplace_back("levelId", id);
    return Send("GET", path, token, "", query);
  };

  HttpResponse own = ask(board, "LEVEL_BOARD", "41234");
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_THAT(own.body, HasSubstr("value-of-41234"));
  // Another board's figures do not exist for this credential.
  HttpResponse other = ask(board, "LEVEL_BOARD", "99999");
  EXPECT_EQ(other.status, 404);
  EXPECT_THAT(other.body, ::testing::Not(HasSubstr("value-of-99999")));
  // Level board without an id: forced to its own board.
  HttpResponse forced = ask(board, "LEVEL_BOARD", "");
  EXPECT_EQ(forced.status, 200);
  EXPECT_THAT(forced.body, HasSubstr("value-of-41234"));
  EXPECT_THAT(forced.body, ::testing::Not(HasSubstr("99999")));
  // Schools: its own by id, another board's school is 404, the full list is filtered.
  EXPECT_EQ(ask(board, "LEVEL_SCHOOL", "12AB00").status, 200);
  EXPECT_EQ(ask(board, "LEVEL_SCHOOL", "34CD01").status, 404);
  HttpResponse schools = ask(board, "LEVEL_SCHOOL", "");
  EXPECT_EQ(schools.status, 200);
  EXPECT_THAT(schools.body, HasSubstr("value-of-12AB00"));
  EXPECT_THAT(schools.body, ::testing::Not(HasSubstr("34CD01")));
  // SWV and wijk figures are the office's.
  for (const char* level : {"", "LEVEL_SWV", "LEVEL_WIJK"}) {
    HttpResponse refused = ask(board, level, "");
    EXPECT_EQ(refused.status, 403) << level;
    EXPECT_EQ(ProblemOf(refused).fields().at("reason").string_value(), "LEVEL_NOT_ALLOWED_FOR_ROLE");
  }

  // A school: its own school only (forced when no id is given); no board figures.
  HttpResponse school_own = ask(school_, "LEVEL_SCHOOL", "");
  EXPECT_EQ(school_own.status, 200);
  EXPECT_THAT(school_own.body, HasSubstr("value-of-12AB00"));
  EXPECT_THAT(school_own.body, ::testing::Not(HasSubstr("34CD01")));
  EXPECT_EQ(ask(school_, "LEVEL_SCHOOL", "34CD01").status, 404);
  EXPECT_EQ(ask(school_, "LEVEL_BOARD", "41234").status, 403);

  // The office sees everything, unfiltered.
  HttpResponse office = ask(office_, "LEVEL_BOARD", "");
  EXPECT_THAT(office.body, HasSubstr("value-of-99999"));
  EXPECT_THAT(office.body, HasSubstr("value-of-41234"));
}

}  // namespace
}  // namespace swv::gateway
