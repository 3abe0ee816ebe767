// End to end over loopback: a real registrations service (gRPC, SQLite), the real gateway (core +
// httplib adapter on port 0, its own SQLite store), credentials issued through GatewayStore (what
// swv-admin runs), and a real HTTP client for every request.
#include <httplib.h>

#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/common/server.h"
#include "services/gateway/access_log_backend.h"
#include "services/gateway/backend.h"
#include "services/gateway/gateway_core.h"
#include "services/gateway/http_adapter.h"
#include "services/kernel/json.h"
#include "services/registrations/registrations_app.h"
#include "tests/services/gateway/gateway_test_support.h"
#include "tests/services/registrations/intake/oso_test_dossiers.h"
#include "tests/testing/captured_log.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"

namespace swv::gateway {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::SizeIs;

google::protobuf::Struct Json(const std::string& text) { return testing::ParseJson(text); }

class GatewayEndToEndTest : public ::testing::Test {
 protected:
  static absl::Time TestNow() {
    return absl::FromCivil(absl::CivilSecond(2026, 11, 16, 10, 0, 0), DutchTimeZone());
  }

  void SetUp() override {
    auto registrations_db = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
    ASSERT_TRUE(registrations_db.ok()) << registrations_db.status();
    registrations_db_ = *std::move(registrations_db);
    auto app = registrations::RegistrationsApp::Create(&registrations_db_->db(), &clock_);
    ASSERT_TRUE(app.ok()) << app.status();
    app_ = *std::move(app);
    ServerOptions options;
    swv::testing::TrustTestIdentity(&options);
    options.service_name = "swv-registrations";
    options.grpc_address = "127.0.0.1:0";
    options.http_address = "127.0.0.1:0";
    options.shutdown_grace = absl::Seconds(1);
    runtime_ = std::make_unique<ServiceRuntime>(options);
    for (grpc::Service* service : app_->grpc_services()) runtime_->AddService(service);
    ASSERT_TRUE(runtime_->Start().ok());

    auto gateway_db = swv::testing::ScratchDatabase::Create(storage::Dialect::kSqlite);
    ASSERT_TRUE(gateway_db.ok());
    gateway_db_ = *std::move(gateway_db);
    auto store = GatewayStore::Open(&gateway_db_->db(), &clock_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);

    absl::StatusOr<RouteTable> routes = RouteTable::FromGeneratedPool();
    ASSERT_TRUE(routes.ok()) << routes.status();
    std::set<std::string> services;
    for (const Route& route : routes->routes()) services.insert(route.service);
    auto targets =
        ResolveBackendTargets({services.begin(), services.end()},
                              absl::StrCat("127.0.0.1:", runtime_->grpc_port()), "", "", "");
    ASSERT_TRUE(targets.ok());
    grpc_backend_ = std::make_unique<GrpcBackend>(*targets, swv::testing::TestChannels());
    access_log_ = std::make_unique<AccessLogBackend>(store_.get());
    backend_ = std::make_unique<RoutingBackend>(grpc_backend_.get());
    backend_->Route(kAccessLogService, access_log_.get());
    core_ = std::make_unique<GatewayCore>(*std::move(routes), backend_.get(), store_.get(), &clock_,
                                          &metrics_, GatewayOptions{});
    HttpListenerOptions listener;
    listener.address = "127.0.0.1:0";
    listener.threads = 4;
    server_ = std::make_unique<GatewayHttpServer>(core_.get(), listener);
    ASSERT_TRUE(server_->Start().ok());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(20, 0);

    absl::Time expires = clock_.Now() + absl::Hours(24 * 365);
    lvs_ = testing::Issue(*store_, PrincipalKind::kSchool, {"12AB00"}, expires);
    other_lvs_ = testing::Issue(*store_, PrincipalKind::kSchool, {"34CD01"}, expires);
    office_ = testing::Issue(*store_, PrincipalKind::kOffice, {}, expires);
    leerplicht_schiedam_ =
        testing::Issue(*store_, PrincipalKind::kPartner, {"GM0606"}, expires,
                       "Leerplichtwet 1969 art. 21a; convenant thuiszitters MVS");
    leerplicht_vlaardingen_ =
        testing::Issue(*store_, PrincipalKind::kPartner, {"GM0622"}, expires,
                       "Leerplichtwet 1969 art. 21a; convenant thuiszitters MVS");
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (runtime_) {
      runtime_->Shutdown();
      runtime_->Wait();
    }
  }

  httplib::Headers Auth(const std::string& token, const std::string& idempotency_key = "") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    if (!idempotency_key.empty()) headers.emplace("Idempotency-Key", idempotency_key);
    return headers;
  }

  httplib::Result Post(const std::string& path, const std::string& token, const std::string& body,
                       const std::string& idempotency_key = "") {
    return client_->Post(path.c_str(), Auth(token, idempotency_key), body, "application/json");
  }
  httplib::Result Get(const std::string& path, const std::string& token) {
    return client_->Get(path.c_str(), Auth(token));
  }

  // A problem+json response with the given status; returns its fields.
  google::protobuf::Struct ExpectProblem(const httplib::Result& result, int status) {
    EXPECT_TRUE(result) << "no response";
    if (!result) return {};
    EXPECT_EQ(result->status, status) << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_EQ(result->get_header_value("API-Version"), "1.0.0");
    google::protobuf::Struct problem = Json(result->body);
    EXPECT_EQ(problem.fields().at("status").number_value(), status);
    return problem;
  }

  static std::string ReportBody(const std::string& school, const std::string& pupil,
                                const std::string& municipality) {
    return absl::StrCat(
        R"({"school":")", school, R"(","lvsPupilNumber":")", pupil,
        R"(","residenceMunicipality":")", municipality,
        R"(","absenceKind":"ABSENCE_KIND_RELATIVE","absenceStart":"2026-10-01",)",
        R"("reportedOn":"2026-11-02","cause":"THUISZITTER_CAUSE_WAITING_FOR_CARE",)",
        R"("municipalityCaseRef":"LP-2026-17"})");
  }

  FakeClock clock_{TestNow()};
  Metrics metrics_{"swv-gateway", "test"};
  std::unique_ptr<swv::testing::ScratchDatabase> registrations_db_;
  std::unique_ptr<registrations::RegistrationsApp> app_;
  std::unique_ptr<ServiceRuntime> runtime_;
  std::unique_ptr<swv::testing::ScratchDatabase> gateway_db_;
  std::unique_ptr<GatewayStore> store_;
  std::unique_ptr<GrpcBackend> grpc_backend_;
  std::unique_ptr<AccessLogBackend> access_log_;
  std::unique_ptr<RoutingBackend> backend_;
  std::unique_ptr<GatewayCore> core_;
  std::unique_ptr<GatewayHttpServer> server_;
  std::unique_ptr<httplib::Client> client_;
  std::string lvs_, other_lvs_, office_, leerplicht_schiedam_, leerplicht_vlaardingen_;
};

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
