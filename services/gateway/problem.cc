#include "services/gateway/problem.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/metrics.h"
#include "services/kernel/errors.h"
#include "services/kernel/json.h"

namespace swv::gateway {
namespace {

// Keeps "internal error (ref 0123abcd…)" from the backend: the ref is what support needs.
std::string InternalDetail(absl::string_view message) {
  constexpr absl::string_view kPrefix = "internal error (ref ";
  if (absl::StartsWith(message, kPrefix) && absl::EndsWith(message, ")") && message.size() < 64) {
    bool clean = true;
    for (char c : message.substr(kPrefix.size(), message.size() - kPrefix.size() - 1)) {
      clean = clean && std::isxdigit(static_cast<unsigned char>(c));
    }
    if (clean)
      return absl::StrCat("An internal error occurred (ref ", message.substr(kPrefix.size()));
  }
  return "An internal error occurred.";
}

}  // namespace

int HttpStatusForCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    default:
      return 500;
  }
}

const char* HttpStatusPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 499:
      return "Client Closed Request";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return status < 500 ? "Bad Request" : "Internal Server Error";
  }
}

HttpResponse Problem(int status, absl::string_view code, absl::string_view reason,
                     absl::string_view detail, absl::string_view instance,
                     const std::vector<InvalidParam>& invalid_params) {
  HttpResponse response;
  response.status = status;
  response.content_type = kProblemContentType;
  std::string body =
      absl::StrCat("{\"type\":\"about:blank\",\"title\":", JsonQuote(HttpStatusPhrase(status)),
                   ",\"status\":", status, ",\"detail\":", JsonQuote(detail),
                   ",\"instance\":", JsonQuote(instance), ",\"code\":", JsonQuote(code));
  if (!reason.empty()) absl::StrAppend(&body, ",\"reason\":", JsonQuote(reason));
  if (!invalid_params.empty()) {
    std::vector<std::string> params;
    for (const InvalidParam& param : invalid_params) {
      params.push_back(absl::StrCat("{\"name\":", JsonQuote(param.name),
                                    ",\"reason\":", JsonQuote(param.reason), "}"));
    }
    absl::StrAppend(&body, ",\"invalidParams\":[", absl::StrJoin(params, ","), "]");
  }
  body += "}";
  response.body = std::move(body);
  return response;
}

HttpResponse ProblemFromStatus(const absl::Status& status, absl::string_view instance,
                               const google::protobuf::Descriptor* request_type,
                               absl::string_view body_field) {
  int http_status = HttpStatusForCode(status.code());
  const char* code = GrpcCodeName(static_cast<grpc::StatusCode>(status.code()));
  std::string detail;
  switch (status.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kDataLoss:
      detail = InternalDetail(status.message());
      break;
    case absl::StatusCode::kNotFound:
      detail = kNotVisibleDetail;
      break;
    case absl::StatusCode::kUnavailable:
      detail = "The service behind this route is unavailable; try again later.";
      break;
    case absl::StatusCode::kDeadlineExceeded:
      detail = "The service behind this route did not answer in time.";
      break;
    default:
      detail = std::string(status.message());
  }
  std::vector<InvalidParam> params;
  // The fields a refusal names (400 and also 403 for a field only the office sets or a bulk row
  // out of reach); never for 404, which must read like a missing record.
  if (http_status >= 400 && http_status < 500 && http_status != 404) {
    std::vector<std::string> named;
    for (const FieldViolation& violation : FieldViolationsOf(status)) {
      params.push_back(InvalidParam{JsonFieldPath(request_type, violation.field, body_field),
                                    violation.description});
      named.push_back(absl::StrCat(params.back().name, ": ", params.back().reason));
    }
    // The service's message is "field: rule; ..." in its own (proto) names: the same text with
    // the names the client wrote.
    if (!named.empty()) detail = absl::StrJoin(named, "; ");
  }
  std::string reason = http_status == 404 || http_status >= 500 ? "" : ReasonOf(status);
  HttpResponse response = Problem(http_status, code, reason, detail, instance, params);
  if (http_status == 503) response.headers.emplace_back("Retry-After", "5");
  return response;
}

std::string JsonFieldPath(const google::protobuf::Descriptor* type, absl::string_view field_path,
                          absl::string_view body_field) {
  const google::protobuf::FieldDescriptor* body =
      type == nullptr || body_field.empty() || body_field == "*"
          ? nullptr
          : type->FindFieldByName(std::string(body_field));
  if (body != nullptr && body->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE &&
      absl::StartsWith(field_path, absl::StrCat(body_field, "."))) {
    type = body->message_type();
    field_path.remove_prefix(body_field.size() + 1);
  }
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(field_path, '.')) {
    // Violations may index repeated fields: "schools[3].code".
    size_t bracket = part.find('[');
    absl::string_view name = part.substr(0, bracket);
    absl::string_view index = bracket == absl::string_view::npos ? "" : part.substr(bracket);
    const google::protobuf::FieldDescriptor* field =
        type == nullptr ? nullptr : type->FindFieldByName(std::string(name));
    if (field != nullptr) {
      out.push_back(absl::StrCat(field->json_name(), index));
      type = field->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE
                 ? field->message_type()
                 : nullptr;
    } else {
      out.push_back(absl::StrCat(JsonName(name), index));
      type = nullptr;
    }
  }
  return absl::StrJoin(out, ".");
}

}  // namespace swv::gateway
