#include "tests/faults/thuiszitter_writes.h"

#include <chrono>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "tests/testing/test_identity.h"

namespace swv::faults {
namespace {

namespace pb = ::swv::v1;

std::string AbsenceStart() {
  return absl::FormatTime("%Y-%m-%d", absl::Now() - absl::Hours(24 * 40), absl::LocalTimeZone());
}

std::string Excerpt(const std::string& body) { return body.substr(0, 300); }

}  // namespace

std::string ReportJson(const std::string& pupil) {
  return absl::StrCat(R"({"school":")", kSchool, R"(","lvsPupilNumber":")", pupil,
                      R"(","residenceMunicipality":")", kMunicipality,
                      R"(","absenceKind":"ABSENCE_KIND_RELATIVE","absenceStart":")", AbsenceStart(),
                      R"(","cause":"THUISZITTER_CAUSE_WAITING_FOR_CARE"})");
}

pb::ReportThuiszitterRequest ReportRequest(const std::string& pupil,
                                           const std::string& request_id) {
  pb::ReportThuiszitterRequest request;
  request.set_parent(absl::StrCat("swvs/", kSwv));
  request.set_request_id(request_id);
  pb::ThuiszitterCase* c = request.mutable_thuiszitter();
  c->set_school(kSchool);
  c->set_lvs_pupil_number(pupil);
  c->set_residence_municipality(kMunicipality);
  c->set_absence_kind(pb::ABSENCE_KIND_RELATIVE);
  c->set_absence_start(AbsenceStart());
  c->set_cause(pb::THUISZITTER_CAUSE_WAITING_FOR_CARE);
  return request;
}

std::string YearConfigJson(int64_t reserve, int64_t version) {
  return absl::StrCat(
      R"({"countDate":"2025-02-01","basisAmountPerPupilCents":"14300","hbBudgetCents":"14000000",)"
      R"("wijkPotCents":"1000000","wijkFactors":[{"code":"pupils","weightBp":"10000"}],)"
      R"("sboRateCents":"663452","soCat1RateCents":"1293834","soCat2RateCents":"2105323",)"
      R"("soCat3RateCents":"3141953","lightSupportIncomeCents":"100000000",)"
      R"("heavySupportIncomeCents":"200000000","reserveCents":")",
      reserve, R"(","version":")", version, R"("})");
}

void AddOfficeMetadata(grpc::ClientContext& context) {
  context.AddMetadata("x-swv-principal", absl::StrCat("office:", kSwv, ":faults"));
  context.AddMetadata("x-swv-principal-kind", "office");
  context.AddMetadata("x-swv-tenant", kSwv);
  context.AddMetadata("x-swv-scope", "");
}

std::string IdOf(const std::string& name) {
  const size_t slash = name.rfind('/');
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

RestReporter::RestReporter(int gateway_port, std::string token, absl::Duration timeout)
    : client_("127.0.0.1", gateway_port), token_(std::move(token)) {
  const auto ms = std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout));
  client_.set_connection_timeout(ms);
  client_.set_read_timeout(ms);
  client_.set_write_timeout(ms);
}

WriteOutcome RestReporter::Report(const std::string& key) {
  WriteOutcome outcome;
  outcome.key = key;
  httplib::Headers headers = {{"Authorization", "Bearer " + token_}, {"Idempotency-Key", key}};
  httplib::Result result =
      client_.Post(absl::StrCat("/api/v1/swvs/", kSwv, "/thuiszitters").c_str(), headers,
                   ReportJson(absl::StrCat("P-", key)), "application/json");
  if (!result) {
    outcome.detail = absl::StrCat("no HTTP answer: ", httplib::to_string(result.error()));
    return outcome;
  }
  outcome.detail =
      absl::StrCat("HTTP ", result->status, " ", result->get_header_value("Content-Type"), " ",
                   Excerpt(result->body));
  google::protobuf::Struct body;
  const bool json = google::protobuf::util::JsonStringToMessage(result->body, &body).ok();
  if (result->status == 201 && json && body.fields().count("name")) {
    outcome.kind = WriteOutcome::kAcknowledged;
    outcome.id = IdOf(body.fields().at("name").string_value());
  } else if (result->status == 503 && json &&
             result->get_header_value("Content-Type") == "application/problem+json" &&
             body.fields().count("status") && body.fields().at("status").number_value() == 503) {
    outcome.kind = WriteOutcome::kRefused;
  }
  return outcome;
}

GrpcReporter::GrpcReporter(const std::string& target, absl::Duration deadline)
    : stub_(pb::Registrations::NewStub(swv::testing::TestChannel(target, /*tls=*/true))),
      deadline_(deadline) {}

WriteOutcome GrpcReporter::Report(const std::string& key) {
  WriteOutcome outcome;
  outcome.key = key;
  grpc::ClientContext context;
  AddOfficeMetadata(context);
  context.set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
  pb::ThuiszitterCase reply;
  grpc::Status status =
      stub_->ReportThuiszitter(&context, ReportRequest(absl::StrCat("P-", key), key), &reply);
  outcome.detail = absl::StrCat("gRPC ", status.error_code(), " ", status.error_message());
  if (status.ok() && !reply.name().empty()) {
    outcome.kind = WriteOutcome::kAcknowledged;
    outcome.id = IdOf(reply.name());
  } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    outcome.kind = WriteOutcome::kRefused;
  }
  return outcome;
}

absl::StatusOr<AckCheck> CheckAcknowledged(MariaDb& db, const std::string& database,
                                           const std::vector<std::string>& prefixes,
                                           const std::vector<WriteOutcome>& outcomes) {
  std::string where;
  for (const std::string& prefix : prefixes) {
    absl::StrAppend(&where, where.empty() ? "" : " OR ", "request_id LIKE '", prefix, "-%'");
  }
  absl::StatusOr<std::string> rows = db.Query(absl::StrCat(
      "SELECT request_id, case_id FROM `", database, "`.thuiszitter_cases WHERE ", where));
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::vector<std::string>> stored;  // request_id -> case ids
  AckCheck check;
  for (absl::string_view line : absl::StrSplit(*rows, '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    if (fields.size() != 2) return absl::InternalError(absl::StrCat("unexpected row: ", line));
    stored[fields[0]].push_back(fields[1]);
    ++check.stored_total;
  }
  for (const auto& [key, ids] : stored) {
    if (ids.size() > 1) ++check.duplicate_keys;
  }
  for (const WriteOutcome& o : outcomes) {
    if (o.kind != WriteOutcome::kAcknowledged) continue;
    ++check.acknowledged;
    auto it = stored.find(o.key);
    if (it != stored.end() && it->second.size() == 1 && it->second[0] == o.id) {
      ++check.found;
    } else if (check.missing.size() < 10) {
      check.missing.push_back(absl::StrCat(o.key, " -> ", o.id));
    }
  }
  return check;
}

}  // namespace swv::faults
