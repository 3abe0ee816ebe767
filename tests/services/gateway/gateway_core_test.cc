// The gateway core with plain strings and a fake backend: routing, transcoding, problem errors,
// authentication, authorization per role, audit, limits, bulk routes, metrics.
#include "services/gateway/gateway_core.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/dashboard_assets.h"
#include "services/gateway/problem.h"
#include "services/kernel/errors.h"
#include "swv/v1/allocation.pb.h"
#include "swv/v1/directory.pb.h"
#include "swv/v1/monitoring.pb.h"
#include "swv/v1/registrations.pb.h"
#include "tests/services/gateway/gateway_core_fixture.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/testing/scratch_database.h"

namespace swv::gateway {
namespace {

namespace pb = ::swv::v1;
using testing::Case;
using testing::FakeBackend;
using testing::GatewayCoreTest;
using ::testing::HasSubstr;
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
  EXPECT_EQ(body.fields().at("version").string_value(),
            "0");  // int64 as a string, defaults printed

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
  HttpResponse response =
      Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, R"({"school": "12AB00",)");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(ProblemOf(response).fields().at("reason").string_value(), "MALFORMED_JSON");

  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_,
                  R"({"school":"12AB00","favouriteColour":"red"})");
  EXPECT_EQ(response.status, 400);
  google::protobuf::Struct problem = ProblemOf(response);
  EXPECT_EQ(problem.fields().at("reason").string_value(), "UNKNOWN_FIELD");
  EXPECT_EQ(InvalidParamName(problem), "favouriteColour");

  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_,
                  R"({"school":"12AB00","absenceStart":20261001})");
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
  HttpResponse response = Send(
      "GET", "/api/v1/swvs/PO2203/thuiszitters", office_, "",
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
  backend_.On(
      kReport,
      [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
        return InvalidFields(
            "INVALID_THUISZITTER_REPORT",
            {{"thuiszitter.absence_start", "a child is a thuiszitter only after 4 weeks"},
             {"thuiszitter.residence_municipality", "GM + 4 digits"}});
      });
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody);
  ASSERT_EQ(response.status, 400);
  google::protobuf::Struct problem = ProblemOf(response);
  EXPECT_EQ(problem.fields().at("code").string_value(), "INVALID_ARGUMENT");
  // The body was the bare thuiszitter: every field is named as the client wrote it, in
  // invalidParams and in detail alike.
  EXPECT_EQ(InvalidParamName(problem), "absenceStart");
  EXPECT_EQ(problem.fields().at("detail").string_value(),
            "absenceStart: a child is a thuiszitter only after 4 weeks; residenceMunicipality: "
            "GM + 4 digits");
  EXPECT_EQ(problem.fields().at("reason").string_value(), "INVALID_THUISZITTER_REPORT");

  backend_.On(
      kReport,
      [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
        return absl::InternalError(
            "SQL error near SELECT * FROM thuiszitter_cases WHERE pupil='LVS-1'");
      });
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody);
  EXPECT_EQ(response.status, 500);
  EXPECT_THAT(response.body, ::testing::Not(HasSubstr("SQL")));
  EXPECT_THAT(response.body, ::testing::Not(HasSubstr("LVS-1")));

  backend_.On(
      kReport,
      [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
        return absl::UnavailableError("failed to connect to all addresses; ipv4:10.1.2.3:50051");
      });
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody);
  EXPECT_EQ(response.status, 503);
  EXPECT_THAT(response.body, ::testing::Not(HasSubstr("10.1.2.3")));
  EXPECT_FALSE(response.Header("Retry-After").empty());

  backend_.On(
      kReport,
      [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
        return absl::DeadlineExceededError("deadline");
      });
  EXPECT_EQ(Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, kReportBody).status, 504);

  backend_.On(
      kReport,
      [](const auto&, const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
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
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", "swv_cr-0000000000000000.abc").status,
            401);

  std::string short_lived =
      testing::Issue(*store_, PrincipalKind::kOffice, {}, clock_.Now() + absl::Hours(1));
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

// Which records a school reaches is the service's to decide (the fake applies AccessPolicy as
// registrations does): the gateway sends the verified principal and answers the service's
// NOT_FOUND exactly as a missing record, without a second fetch of its own.
TEST_F(GatewayCoreTest, ScopeIsAppliedByTheServiceForThePrincipalTheGatewaySends) {
  std::string other = absl::StrReplaceAll(kReportBody, {{"12AB00", "34CD01"}});
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters", school_, other);
  EXPECT_EQ(response.status, 404);
  ASSERT_EQ(backend_.CallsOf(kReport).size(), 1u);
  const auto& metadata = backend_.CallsOf(kReport).back()->metadata;
  EXPECT_EQ(metadata.at(kPrincipalKindKey), "school");
  EXPECT_EQ(metadata.at(kScopeKey), "12AB00");
  EXPECT_EQ(metadata.at(kTenantKey), "PO2203");
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters/tz-b/closure", school_,
                  R"({"closedOn":"2026-11-16","reason":"back"})");
  EXPECT_EQ(response.status, 404);
  response = Send("POST", "/api/v1/swvs/PO2203/thuiszitters/tz-a/closure", school_,
                  R"({"closedOn":"2026-11-16","reason":"back"})");
  EXPECT_EQ(response.status, 200) << response.body;
  // One call per request: no fetch of the record before the write.
  EXPECT_TRUE(backend_.CallsOf(kGet).empty());
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", school_).status, 200);
  HttpResponse foreign = Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-b", school_);
  HttpResponse missing = Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-zz", school_);
  EXPECT_EQ(foreign.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ProblemOf(foreign).fields().at("detail").string_value(),
            ProblemOf(missing).fields().at("detail").string_value());
  // Tenant settings are not a school's to change: refused by the declaration, nothing sent.
  response = Send("PATCH", "/api/v1/swvs/PO2203/settings", school_,
                  R"({"thuiszitterReportWithinDays":5})");
  EXPECT_EQ(response.status, 403) << response.body;
  EXPECT_TRUE(backend_.CallsOf("/swv.v1.Registrations/UpdateSwvSettings").empty());
}

TEST_F(GatewayCoreTest, PartnerSeesOnlyTheMinimalViewOfItsMunicipalityAndIsAudited) {
  HttpResponse list = Send("GET", "/api/v1/swvs/PO2203/thuiszitters", partner_, "",
                           {{"status", "CASE_STATUS_OPEN"}});
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_THAT(list.body, HasSubstr("tz-a"));
  EXPECT_THAT(list.body, ::testing::Not(HasSubstr("tz-b")));
  for (const char* hidden : {"lvsPupilNumber", "pupilId", "cause", "closeReason", "createdBy",
                             "version", "LVS-4711", "WAITING_FOR_CARE"}) {
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
  EXPECT_EQ(
      Send("POST", "/api/v1/swvs/PO2203/thuiszitters/tz-a/closure", partner_, R"({"reason":"x"})")
          .status,
      403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a/history", partner_).status, 403);
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/audit-events", partner_).status, 403);

  // The office reads the log: the list read (tz-a), the get of tz-a, the refused get of tz-b, ...
  HttpResponse log = Send("GET", "/api/v1/swvs/PO2203/audit-events", office_, "",
                          {{"record", "swvs/PO2203/thuiszitters/tz-a"}});
  ASSERT_EQ(log.status, 200) << log.body;
  google::protobuf::Struct events = ParseJson(log.body);
  const auto& rows = events.fields().at("auditEvents").list_value().values();
  ASSERT_GE(rows.size(), 2);
  const auto& first = rows[0].struct_value().fields();
  EXPECT_EQ(first.at("principalKind").string_value(), "partner");
  EXPECT_EQ(first.at("legalGround").string_value(), "Leerplichtwet 1969 art. 21a");
  EXPECT_EQ(first.at("route").string_value(), "/api/v1/{parent=swvs/*}/thuiszitters");
  EXPECT_EQ(first.at("httpStatus").number_value(), 200);
  HttpResponse refused = Send("GET", "/api/v1/swvs/PO2203/audit-events", office_, "",
                              {{"record", "swvs/PO2203/thuiszitters/tz-b"}});
  EXPECT_THAT(refused.body, HasSubstr("404"));
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/audit-events", school_).status, 403);
}

// The access log pages with sealed tokens bound to its filters and the caller: no offset to read
// or change, and a token used with other filters or by another credential is refused.
TEST_F(GatewayCoreTest, AccessLogPageTokensAreSealedAndBound) {
  for (int i = 0; i < 3; ++i) Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", partner_);
  HttpResponse first =
      Send("GET", "/api/v1/swvs/PO2203/audit-events", office_, "", {{"pageSize", "1"}});
  ASSERT_EQ(first.status, 200) << first.body;
  const std::string token = ParseJson(first.body).fields().at("nextPageToken").string_value();
  ASSERT_FALSE(token.empty());
  int64_t ignored;
  EXPECT_FALSE(absl::SimpleAtoi(token, &ignored)) << token;
  HttpResponse second = Send("GET", "/api/v1/swvs/PO2203/audit-events", office_, "",
                             {{"pageSize", "1"}, {"pageToken", token}});
  EXPECT_EQ(second.status, 200) << second.body;
  HttpResponse refiltered =
      Send("GET", "/api/v1/swvs/PO2203/audit-events", office_, "",
           {{"pageSize", "1"}, {"pageToken", token}, {"record", "swvs/PO2203/thuiszitters/tz-a"}});
  EXPECT_EQ(refiltered.status, 400);
  EXPECT_EQ(ProblemOf(refiltered).fields().at("reason").string_value(), "INVALID_PAGE_TOKEN");
  EXPECT_EQ(InvalidParamName(ProblemOf(refiltered)), "pageToken");
  std::string other_office = Issue(PrincipalKind::kOffice, {});
  HttpResponse borrowed = Send("GET", "/api/v1/swvs/PO2203/audit-events", other_office, "",
                               {{"pageSize", "1"}, {"pageToken", token}});
  EXPECT_EQ(borrowed.status, 400) << borrowed.body;
  EXPECT_EQ(
      Send("GET", "/api/v1/swvs/PO2203/audit-events", office_, "", {{"pageToken", "2"}}).status,
      400);
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
  std::string ops =
      testing::Issue(*store_, PrincipalKind::kOps, {}, clock_.Now() + absl::Hours(1), "", "");
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
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", school_).status,
            200);  // per credential
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(Send("GET", "/api/v1/swvs/PO2203/thuiszitters", office_).status, 200);
}

TEST_F(GatewayCoreTest, BulkRouteTakesLargeBodiesAndReturnsPerRowResults) {
  backend_.On(kBatchSchools,
              [](const google::protobuf::Message& request,
                 const auto&) -> absl::StatusOr<std::unique_ptr<google::protobuf::Message>> {
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
                  bad ? response->set_rejected(response->rejected() + 1)
                      : response->set_accepted(response->accepted() + 1);
                }
                return response;
              });
  // About 1.5 MiB: above the normal limit, below the bulk limit.
  std::string rows;
  for (int i = 0; i < 12000; ++i) {
    absl::StrAppend(
        &rows, i == 0 ? "" : ",", R"({"code":"12AB00","displayName":"De Regenboog locatie )", i,
        R"(","board":"41234","kind":")", i == 7 ? "SCHOOL_KIND_UNSPECIFIED" : "SCHOOL_KIND_REGULAR",
        R"(","insideRegion":true})");
  }
  std::string body = absl::StrCat(R"({"schools":[)", rows, "]}");
  ASSERT_GT(body.size(), GatewayOptions{}.max_body_bytes);
  HttpResponse response = Send("POST", "/api/v1/swvs/PO2203/schools/_batch", office_, body);
  ASSERT_EQ(response.status, 200) << response.body.substr(0, 300);
  google::protobuf::Struct result = ParseJson(response.body);
  EXPECT_EQ(result.fields().at("accepted").number_value(), 11999);
  EXPECT_EQ(result.fields().at("rejected").number_value(), 1);
  EXPECT_EQ(result.fields()
                .at("results")
                .list_value()
                .values(7)
                .struct_value()
                .fields()
                .at("outcome")
                .string_value(),
            "rejected");
}

TEST_F(GatewayCoreTest, MetricsUseTheRouteTemplateNotThePath) {
  Send("GET", "/api/v1/swvs/PO2203/thuiszitters/tz-a", office_);
  Send("GET", "/api/v1/swvs/PO2203/no/such/route", office_);
  std::string text = metrics_.Serialize();
  EXPECT_THAT(
      text,
      HasSubstr(
          R"(http_requests_total{code_class="2xx",method="GET",route="/api/v1/{name=swvs/*/thuiszitters/*}"} 1)"));
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

}  // namespace
}  // namespace swv::gateway
