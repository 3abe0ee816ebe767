#include "services/gateway/backend.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/common/grpc_generic_call.h"
#include "services/common/serving_process.h"

namespace swv::gateway {

GrpcBackend::GrpcBackend(const std::map<std::string, std::string>& targets,
                         const ChannelFactory& channels) {
  absl::flat_hash_map<std::string, std::shared_ptr<grpc::Channel>> by_target;
  for (const auto& [service, target] : targets) {
    std::shared_ptr<grpc::Channel>& channel = by_target[target];
    if (channel == nullptr) channel = channels.Open(target);
    channels_[service] = channel;
  }
}

absl::StatusOr<std::unique_ptr<google::protobuf::Message>> GrpcBackend::Call(
    const BackendCall& call) {
  auto it = channels_.find(call.service);
  if (it == channels_.end()) {
    return absl::UnavailableError(absl::StrCat("no backend configured for ", call.service));
  }
  return CallUnaryGeneric(
      it->second, GenericCall{call.full_method, call.request, call.response_type, call.deadline,
                              call.metadata});
}

}  // namespace swv::gateway

namespace swv::gateway {

absl::StatusOr<std::map<std::string, std::string>> ResolveBackendTargets(
    const std::vector<std::string>& services, const std::string& registrations,
    const std::string& allocation, const std::string& monitoring, const std::string& overrides) {
  std::map<std::string, std::string> targets;
  for (const std::string& service : services) {
    const ServingProcess process = ServingProcessOf(service);
    if (process == ServingProcess::kNone) continue;
    const std::string& target = process == ServingProcess::kAllocation   ? allocation
                                : process == ServingProcess::kMonitoring ? monitoring
                                                                         : registrations;
    if (!target.empty()) targets[service] = target;
  }
  for (absl::string_view entry : absl::StrSplit(overrides, ',', absl::SkipWhitespace())) {
    std::vector<std::string> parts =
        absl::StrSplit(absl::StripAsciiWhitespace(entry), absl::MaxSplits('=', 1));
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--backends: \"", entry,
                       "\" is not SERVICE=HOST:PORT, e.g. swv.v1.Tlvs=127.0.0.1:50051"));
    }
    targets[parts[0]] = parts[1];
  }
  return targets;
}

}  // namespace swv::gateway
