#include "services/common/grpc_status.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "services/common/logging.h"
#include "services/kernel/errors.h"
#include "swv/v1/error.pb.h"

namespace swv {
namespace {

bool IsScrubbed(absl::StatusCode code) {
  return code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
         code == absl::StatusCode::kDataLoss;
}

// A short random reference tying the client's generic message to the logged original.
std::string NewErrorRef() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return absl::StrCat(absl::Hex(generator(), absl::kZeroPad16));
}

grpc::StatusCode ToGrpcCode(absl::StatusCode code) {
  int value = static_cast<int>(code);
  if (value < 0 || value > 16) return grpc::StatusCode::UNKNOWN;
  return static_cast<grpc::StatusCode>(value);
}

absl::StatusCode ToAbslCode(grpc::StatusCode code) {
  int value = static_cast<int>(code);
  if (value < 0 || value > 16) return absl::StatusCode::kUnknown;
  return static_cast<absl::StatusCode>(value);
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  grpc::StatusCode code = ToGrpcCode(status.code());
  std::string reason = ReasonOf(status);

  if (IsScrubbed(status.code())) {
    std::string ref = NewErrorRef();
    LogError("internal error returned to a client",
             {{"ref", ref},
              {"code", std::string(absl::StatusCodeToString(status.code()))},
              {"error", std::string(status.message())},
              {"reason", reason}});
    return grpc::Status(code, absl::StrCat("internal error (ref ", ref, ")"));
  }

  google::rpc::Status details;
  details.set_code(static_cast<int32_t>(code));
  details.set_message(std::string(status.message()));
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const FieldViolation& v : violations) {
      google::rpc::BadRequest::FieldViolation* out = bad_request.add_field_violations();
      out->set_field(v.field);
      out->set_description(v.description);
    }
    details.add_details()->PackFrom(bad_request);
  }
  if (!reason.empty()) {
    google::rpc::ErrorInfo info;
    info.set_reason(reason);
    info.set_domain(std::string(kErrorDomain));
    details.add_details()->PackFrom(info);
  }
  if (details.details_size() == 0) return grpc::Status(code, std::string(status.message()));
  return grpc::Status(code, std::string(status.message()), details.SerializeAsString());
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::StatusCode code = ToAbslCode(status.error_code());
  std::vector<FieldViolation> violations;
  std::string reason;
  google::rpc::Status details;
  if (!status.error_details().empty() && details.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& any : details.details()) {
      if (any.Is<google::rpc::BadRequest>()) {
        google::rpc::BadRequest bad_request;
        if (!any.UnpackTo(&bad_request)) continue;
        for (const auto& v : bad_request.field_violations()) {
          violations.push_back(FieldViolation{v.field(), v.description()});
        }
      } else if (any.Is<google::rpc::ErrorInfo>()) {
        google::rpc::ErrorInfo info;
        if (any.UnpackTo(&info) && reason.empty()) reason = info.reason();
      }
    }
  }

  absl::Status out(code, status.error_message());
  if (violations.empty() && reason.empty()) return out;
  // errors.h owns the payload encoding; build a carrier with its functions and copy the payloads
  // over, so the message and code stay exactly what the server sent.
  absl::Status carrier = violations.empty() ? ErrorWithReason(code, reason, status.error_message())
                                            : InvalidFields(reason, violations);
  carrier.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

}  // namespace swv
