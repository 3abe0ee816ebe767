// End to end over loopback (gateway_e2e_fixture.h): what a client meets around the records:
// credentials that fail, problems naming the problem, a backend away, HTTPS, the trace id across
// processes and the OSO dossier intake.
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/json.h"
#include "tests/services/gateway/gateway_e2e_fixture.h"
#include "tests/services/registrations/intake/oso_test_dossiers.h"
#include "tests/testing/captured_log.h"

namespace swv::gateway {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

TEST_F(GatewayEndToEndTest, MissingExpiredOrRevokedCredentialsGet401) {
  const std::string path = "/api/v1/swvs/PO2203/thuiszitters";
  google::protobuf::Struct problem = ExpectProblem(Get(path, ""), 401);
  EXPECT_EQ(problem.fields().at("code").string_value(), "UNAUTHENTICATED");

  std::string short_lived =
      testing::Issue(*store_, PrincipalKind::kOffice, {}, clock_.Now() + absl::Minutes(5));
  EXPECT_EQ(Get(path, short_lived)->status, 200);
  clock_.Advance(absl::Minutes(10));
  EXPECT_THAT(ExpectProblem(Get(path, short_lived), 401).fields().at("detail").string_value(),
              HasSubstr("expired"));

  std::string revoked =
      testing::Issue(*store_, PrincipalKind::kOffice, {}, clock_.Now() + absl::Hours(1));
  EXPECT_EQ(Get(path, revoked)->status, 200);
  ASSERT_TRUE(store_->Revoke(revoked.substr(4, revoked.find('.') - 4)).ok());
  clock_.Advance(GatewayOptions{}.credential_cache_ttl);  // a revocation takes effect within it
  EXPECT_THAT(ExpectProblem(Get(path, revoked), 401).fields().at("detail").string_value(),
              HasSubstr("revoked"));

  ExpectProblem(Get(path, "swv_cr-0000000000000000.forged"), 401);
}

TEST_F(GatewayEndToEndTest, BadRequestsGetProblemsNamingTheProblem) {
  const std::string path = "/api/v1/swvs/PO2203/thuiszitters";
  google::protobuf::Struct malformed =
      ExpectProblem(Post(path, lvs_, R"({"school":"12AB00")"), 400);
  EXPECT_EQ(malformed.fields().at("reason").string_value(), "MALFORMED_JSON");

  google::protobuf::Struct wrong_type = ExpectProblem(
      Post(path, lvs_, R"({"school":"12AB00","absenceKind":{"kind":"relative"}})"), 400);
  EXPECT_EQ(wrong_type.fields().at("reason").string_value(), "WRONG_TYPE");
  wrong_type =
      ExpectProblem(Post(path, lvs_, R"({"school":"12AB00","absenceStart":20261001})"), 400);
  EXPECT_EQ(wrong_type.fields()
                .at("invalidParams")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("name")
                .string_value(),
            "absenceStart");

  google::protobuf::Struct unknown =
      ExpectProblem(Post(path, lvs_, R"({"school":"12AB00","bsn":"123456782"})"), 400);
  EXPECT_EQ(unknown.fields().at("reason").string_value(), "UNKNOWN_FIELD");
  EXPECT_EQ(unknown.fields()
                .at("invalidParams")
                .list_value()
                .values(0)
                .struct_value()
                .fields()
                .at("name")
                .string_value(),
            "bsn");

  std::string oversized = absl::StrCat(R"({"school":"12AB00","municipalityCaseRef":")",
                                       std::string(1536 * 1024, 'x'), "\"}");
  google::protobuf::Struct too_large = ExpectProblem(Post(path, lvs_, oversized), 413);
  EXPECT_EQ(too_large.fields().at("reason").string_value(), "BODY_TOO_LARGE");

  // The service's own rule errors come through with JSON field names.
  google::protobuf::Struct rule =
      ExpectProblem(Post(path, lvs_,
                         absl::StrReplaceAll(ReportBody("12AB00", "LVS-1", "GM0606"),
                                             {{"2026-10-01", "2026-11-20"}})),
                    400);
  EXPECT_EQ(rule.fields().at("code").string_value(), "INVALID_ARGUMENT");
  bool names_absence_start = false;
  for (const auto& param : rule.fields().at("invalidParams").list_value().values()) {
    names_absence_start = names_absence_start ||
                          param.struct_value().fields().at("name").string_value() == "absenceStart";
  }
  const std::string detail = rule.fields().at("detail").string_value();
  EXPECT_TRUE(names_absence_start) << detail;
  // The body was the bare thuiszitter: the detail names its fields as the client wrote them.
  EXPECT_TRUE(absl::StartsWith(detail, "absenceStart: ")) << detail;
  EXPECT_FALSE(absl::StrContains(detail, "thuiszitter.")) << detail;

  ExpectProblem(Get("/api/v1/swvs/PO2203/nowhere", lvs_), 404);
  httplib::Result doc = Get("/api/v1/openapi.json", "");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->status, 200);
  EXPECT_THAT(doc->body, HasSubstr("\"/swvs/{swv}/thuiszitters/{thuiszitter}/closure\""));
}

TEST_F(GatewayEndToEndTest, BackendDownIs503) {
  runtime_->Shutdown();
  runtime_->Wait();
  google::protobuf::Struct problem =
      ExpectProblem(Get("/api/v1/swvs/PO2203/thuiszitters", office_), 503);
  EXPECT_EQ(problem.fields().at("code").string_value(), "UNAVAILABLE");
}

TEST_F(GatewayEndToEndTest, ServesHttpsWhenACertificateIsConfigured) {
  std::string dir = ::testing::TempDir() + "swv-gateway-tls";
  std::string command = absl::StrCat(
      "mkdir -p ", dir, " && openssl req -x509 -newkey rsa:2048 -nodes -days 1 ",
      "-subj /CN=127.0.0.1 -keyout ", dir, "/key.pem -out ", dir, "/cert.pem >/dev/null 2>&1");
  ASSERT_EQ(std::system(command.c_str()), 0) << "openssl could not make a test certificate";
  HttpListenerOptions listener;
  listener.address = "127.0.0.1:0";
  listener.tls_cert_file = dir + "/cert.pem";
  listener.tls_key_file = dir + "/key.pem";
  GatewayHttpServer tls_server(core_.get(), listener);
  ASSERT_TRUE(tls_server.Start().ok());
  EXPECT_TRUE(tls_server.tls());
  httplib::SSLClient client("127.0.0.1", tls_server.port());
  client.enable_server_certificate_verification(false);  // self-signed, made just now
  httplib::Result result = client.Get("/api/v1/swvs/PO2203/thuiszitters", Auth(office_));
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  // Plain HTTP to the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", tls_server.port());
  plain.set_read_timeout(2, 0);
  httplib::Result refused = plain.Get("/api/v1/openapi.json");
  EXPECT_TRUE(!refused || refused->status != 200);
  tls_server.Stop();

  listener.tls_key_file = dir + "/missing.pem";
  GatewayHttpServer broken(core_.get(), listener);
  EXPECT_EQ(broken.Start().code(), absl::StatusCode::kInvalidArgument);
}

// One request followed by its W3C trace id: the traceparent header of the answer, the gateway's
// log line, the registrations service's log line of the call it made, and the access-log row.
TEST_F(GatewayEndToEndTest, ARequestIsFollowedByItsTraceIdAcrossProcessesAndTheAccessLog) {
  swv::testing::CapturedLog log;
  const std::string trace_id = "0af7651916cd43dd8448eb211c80319c";
  httplib::Headers headers = Auth(lvs_);
  headers.emplace("traceparent", "00-" + trace_id + "-b7ad6b7169203331-01");
  httplib::Result reported =
      client_->Post("/api/v1/swvs/PO2203/thuiszitters", headers,
                    ReportBody("12AB00", "LVS-9", "GM0606"), "application/json");
  ASSERT_TRUE(reported);
  ASSERT_EQ(reported->status, 201) << reported->body;
  EXPECT_THAT(reported->get_header_value("traceparent"), HasSubstr(trace_id));
  EXPECT_THAT(log.With({R"("msg":"request")", R"("service":)", trace_id}), SizeIs(1));
  EXPECT_THAT(log.With({R"("msg":"rpc")", "/swv.v1.Registrations/ReportThuiszitter", trace_id}),
              SizeIs(1));
  httplib::Result rows = Get("/api/v1/swvs/PO2203/audit-events?traceId=" + trace_id, office_);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->status, 200) << rows->body;
  google::protobuf::Struct page = Json(rows->body);
  const auto& events = page.fields().at("auditEvents").list_value().values();
  ASSERT_EQ(events.size(), 1);
  EXPECT_EQ(events[0].struct_value().fields().at("httpMethod").string_value(), "POST");
}

// An LVS posts an OSO SWV dossier as JSON (the XML in dossierXml): 201 and the records' names; a
// dossier with a BSN is a problem naming the element, and creates nothing.
TEST_F(GatewayEndToEndTest, AnOsoDossierIsPostedAsJsonAndABsnIsRefusedByElement) {
  ASSERT_EQ(Post("/api/v1/swvs/PO2203/boards/_batch", office_,
                 R"({"boards":[{"code":"B1","displayName":"Stichting B1"}]})")
                ->status,
            200);
  ASSERT_EQ(Post("/api/v1/swvs/PO2203/schools/_batch", office_,
                 R"({"schools":[{"code":"12AB00","displayName":"De Klimop","board":"B1",)"
                 R"("municipality":"GM0606","kind":"SCHOOL_KIND_REGULAR","insideRegion":true}]})")
                ->status,
            200);
  auto body = [](const std::string& xml) {
    return absl::StrCat(R"({"school":"12AB00","dossierXml":)", JsonQuote(xml),
                        R"(,"application":"OSO_APPLICATION_ARRANGEMENT",)",
                        R"("arrangementDescription":"Leesbegeleiding in de groep"})");
  };
  const std::string path = "/api/v1/swvs/PO2203/oso-dossiers";
  google::protobuf::Struct refused =
      ExpectProblem(Post(path, lvs_,
                         body(registrations::testing::Replaced(
                             registrations::testing::PoSwvDossier(), "<leerlingid>",
                             "<bsn>123456782</bsn><leerlingid>"))),
                    400);
  EXPECT_EQ(refused.fields().at("reason").string_value(), "FORBIDDEN_IDENTIFIER");
  const auto& param = refused.fields().at("invalidParams").list_value().values(0).struct_value();
  EXPECT_EQ(param.fields().at("name").string_value(), "dossierXml");
  EXPECT_THAT(param.fields().at("reason").string_value(),
              ::testing::HasSubstr("/dossier/huidigeschool/leerling/bsn: "));
  google::protobuf::Struct none = Json(Get("/api/v1/swvs/PO2203/arrangements", office_)->body);
  EXPECT_TRUE(none.fields().count("arrangements") == 0 ||
              none.fields().at("arrangements").list_value().values_size() == 0);

  httplib::Result created = Post(path, lvs_, body(registrations::testing::PoSwvDossier()));
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  google::protobuf::Struct dossier = Json(created->body);
  EXPECT_EQ(dossier.fields().at("lvsPupilNumber").string_value(), "LVS-4711");
  EXPECT_EQ(dossier.fields().at("consent").string_value(), "PARENTAL_CONSENT_REFUSED");
  httplib::Result arrangement =
      Get(absl::StrCat("/api/v1/", dossier.fields().at("arrangement").string_value()), lvs_);
  ASSERT_TRUE(arrangement);
  EXPECT_EQ(arrangement->status, 200) << arrangement->body;
}

}  // namespace
}  // namespace swv::gateway
