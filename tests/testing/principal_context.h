// A gRPC client context carrying a scoped principal exactly as swv-gateway sends it
// (services/common/principal.h), with a deadline: for the services' scope re-check tests.
#ifndef SWV_TESTS_TESTING_PRINCIPAL_CONTEXT_H_
#define SWV_TESTS_TESTING_PRINCIPAL_CONTEXT_H_

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/principal.h"

namespace swv::testing {

// A youth_care principal acts for `organisation` (default MEVIS).
inline std::unique_ptr<grpc::ClientContext> PrincipalContext(PrincipalKind kind,
                                                             std::vector<std::string> scope,
                                                             const std::string& tenant = "PO2203",
                                                             const std::string& organisation = "") {
  Principal principal;
  principal.kind = kind;
  principal.tenant = tenant;
  principal.scope = std::move(scope);
  if (kind == PrincipalKind::kYouthCare) {
    principal.organisation = organisation.empty() ? "MEVIS" : organisation;
  }
  principal.id = absl::StrCat(PrincipalKindName(kind), ":", tenant, ":test");
  auto context = std::make_unique<grpc::ClientContext>();
  for (const auto& [key, value] : PrincipalToMetadata(principal)) context->AddMetadata(key, value);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

}  // namespace swv::testing

#endif  // SWV_TESTS_TESTING_PRINCIPAL_CONTEXT_H_
