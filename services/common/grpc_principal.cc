#include "services/common/grpc_principal.h"

#include <map>
#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "services/common/access.h"
#include "services/kernel/status_macros.h"

namespace swv {
namespace {

using grpc::experimental::InterceptionHookPoints;

// The keys only this process may write into a received call's metadata.
constexpr const char* kTrustedKeys[] = {kPrincipalKey,  kPrincipalKindKey, kTenantKey,
                                        kScopeKey,      kOrganisationKey,  kCalledMethodKey,
                                        kCallerErrorKey};

class AccessCheckInterceptor : public grpc::experimental::Interceptor {
 public:
  AccessCheckInterceptor(const char* method, const PrincipalVerifier* verifier)
      : method_(method == nullptr ? "" : method), verifier_(verifier) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::multimap<grpc::string_ref, grpc::string_ref>* metadata =
          methods->GetRecvInitialMetadata();
      std::string token;
      for (auto it = metadata->begin(); it != metadata->end();) {
        if (it->first == kPrincipalTokenKey) token.assign(it->second.data(), it->second.size());
        bool trusted_key = false;
        for (const char* key : kTrustedKeys) trusted_key = trusted_key || it->first == key;
        it = trusted_key ? metadata->erase(it) : std::next(it);
      }
      Verified(token);
      // The strings are this interceptor's, which lives as long as the call.
      for (const auto& [key, value] : verified_) {
        metadata->emplace(grpc::string_ref(key), grpc::string_ref(value));
      }
    }
    methods->Proceed();
  }

 private:
  void Verified(const std::string& token) {
    verified_[kCalledMethodKey] = method_;
    absl::StatusOr<Principal> principal =
        verifier_ == nullptr ? absl::UnauthenticatedError("this service trusts no token issuer")
                             : verifier_->Verify(token, method_, absl::Now());
    if (!principal.ok()) {
      verified_[kCallerErrorKey] = std::string(principal.status().message());
      return;
    }
    for (auto& [key, value] : PrincipalToMetadata(*principal)) verified_[key] = std::move(value);
  }

  const std::string method_;
  const PrincipalVerifier* verifier_;
  std::map<std::string, std::string> verified_;
};

class AccessCheckInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit AccessCheckInterceptorFactory(std::shared_ptr<const PrincipalVerifier> verifier)
      : verifier_(std::move(verifier)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new AccessCheckInterceptor(info->method(), verifier_.get());
  }

 private:
  std::shared_ptr<const PrincipalVerifier> verifier_;
};

class SigningInterceptor : public grpc::experimental::Interceptor {
 public:
  SigningInterceptor(const char* method,
                     const std::vector<std::shared_ptr<const PrincipalSigner>>* signers,
                     const Principal* fallback)
      : method_(method == nullptr ? "" : method), signers_(signers), fallback_(fallback) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      std::multimap<std::string, std::string>* metadata = methods->GetSendInitialMetadata();
      std::map<std::string, std::string> attached;
      for (const char* key :
           {kPrincipalKey, kPrincipalKindKey, kTenantKey, kScopeKey, kOrganisationKey}) {
        auto it = metadata->find(key);
        if (it != metadata->end()) attached[key] = it->second;
        metadata->erase(key);
      }
      absl::StatusOr<Principal> principal =
          attached.empty() ? *fallback_ : PrincipalFromMetadata(attached);
      if (principal.ok() && principal->id.empty()) principal = absl::UnauthenticatedError("none");
      // A principal that does not parse or that no signer may vouch for goes out without a
      // token: the service answers UNAUTHENTICATED.
      if (principal.ok()) {
        for (const auto& signer : *signers_) {
          if (!IssuerMayVouchFor(signer->issuer(), principal->kind)) continue;
          absl::StatusOr<std::string> token = signer->Sign(*principal, method_, absl::Now());
          if (token.ok()) metadata->emplace(kPrincipalTokenKey, *token);
          break;
        }
      }
    }
    methods->Proceed();
  }

 private:
  const std::string method_;
  const std::vector<std::shared_ptr<const PrincipalSigner>>* signers_;
  const Principal* fallback_;
};

class SigningInterceptorFactory : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  SigningInterceptorFactory(std::vector<std::shared_ptr<const PrincipalSigner>> signers,
                            Principal fallback)
      : signers_(std::move(signers)), fallback_(std::move(fallback)) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* info) override {
    return new SigningInterceptor(info->method(), &signers_, &fallback_);
  }

 private:
  const std::vector<std::shared_ptr<const PrincipalSigner>> signers_;
  const Principal fallback_;
};

}  // namespace

absl::StatusOr<Principal> CallerOf(const grpc::ServerContext& context) {
  std::map<std::string, std::string> metadata;
  for (const char* key : kTrustedKeys) {
    auto it = context.client_metadata().find(key);
    if (it != context.client_metadata().end()) {
      metadata[key] = std::string(it->second.data(), it->second.size());
    }
  }
  const google::protobuf::MethodDescriptor* method = FindMethod(metadata[kCalledMethodKey]);
  if (method == nullptr) {
    return absl::PermissionDeniedError("the call was not matched to a declared method");
  }
  if (metadata.count(kCallerErrorKey) != 0) {
    return absl::UnauthenticatedError(metadata[kCallerErrorKey]);
  }
  SWV_ASSIGN_OR_RETURN(Principal principal, PrincipalFromMetadata(metadata));
  SWV_RETURN_IF_ERROR(CheckCall(principal, *method));
  return principal;
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
MakeAccessCheckInterceptorFactory(std::shared_ptr<const PrincipalVerifier> verifier) {
  return std::make_unique<AccessCheckInterceptorFactory>(std::move(verifier));
}

void AttachPrincipal(const Principal& principal, grpc::ClientContext* context) {
  for (const auto& [key, value] : PrincipalToMetadata(principal)) context->AddMetadata(key, value);
}

std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>
MakeSigningInterceptorFactory(std::vector<std::shared_ptr<const PrincipalSigner>> signers,
                              Principal fallback) {
  return std::make_unique<SigningInterceptorFactory>(std::move(signers), std::move(fallback));
}

}  // namespace swv
