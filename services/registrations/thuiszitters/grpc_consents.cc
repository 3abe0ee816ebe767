// GrpcRegistrations: the parents' consents to share a thuiszitter case with youth care
// (ThuiszitterService::RecordConsent, WithdrawConsent, ListConsents).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/tenant_names.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/resource_name.h"
#include "services/registrations/thuiszitters/grpc_registrations.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

void ConsentToProto(const std::string& case_name, int64_t case_version, const Consent& consent,
                    pb::ThuiszitterConsent* out) {
  out->set_name(absl::StrCat(case_name, "/consents/", consent.consent_id));
  out->set_organisation(consent.organisation);
  out->set_given_on(FormatDate(consent.given_on));
  out->set_given_by(consent.given_by);
  out->set_covers(consent.covers);
  out->set_recorded_by(consent.recorded_by);
  out->set_withdrawn_on(consent.withdrawn_on ? FormatDate(*consent.withdrawn_on) : "");
  out->set_withdrawn_by(consent.withdrawn_by);
  out->set_case_version(case_version);
}

std::string CaseName(const std::string& swv, const std::string& case_id) {
  return absl::StrCat("swvs/", swv, "/thuiszitters/", case_id);
}

// The consent `consent_id` of the case `view`, as the answer.
absl::Status AnswerConsent(const absl::StatusOr<ThuiszitterView>& view,
                           const std::string& consent_id, pb::ThuiszitterConsent* response) {
  if (!view.ok()) return view.status();
  const ThuiszitterCase& c = view->stored;
  for (const Consent& consent : c.consents) {
    if (consent_id.empty() ? &consent == &c.consents.back() : consent.consent_id == consent_id) {
      ConsentToProto(CaseName(c.tenant, c.case_id), c.version, consent, response);
      return absl::OkStatus();
    }
  }
  return absl::InternalError("the stored case lacks the consent just written");
}

}  // namespace

grpc::Status GrpcRegistrations::RecordThuiszitterConsent(
    grpc::ServerContext* context, const pb::RecordThuiszitterConsentRequest* request,
    pb::ThuiszitterConsent* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto parent,
                         ParseResourceName("parent", request->parent(), "thuiszitters"));
    const pb::ThuiszitterConsent& in = request->consent();
    ConsentInput input{in.organisation(), in.given_on(), in.given_by(), in.covers()};
    // The new consent is the case's last.
    return AnswerConsent(service_->RecordConsent(caller, parent.first, parent.second, input,
                                                 request->expected_version()),
                         "", response);
  });
}

grpc::Status GrpcRegistrations::WithdrawThuiszitterConsent(
    grpc::ServerContext* context, const pb::WithdrawThuiszitterConsentRequest* request,
    pb::ThuiszitterConsent* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(
        std::vector<std::string> ids,
        ResourceNameIds("name", request->name(), "swvs/*/thuiszitters/*/consents/*"));
    return AnswerConsent(
        service_->WithdrawConsent(caller, ids[0], ids[1], ids[2], request->withdrawn_on(),
                                  request->expected_version()),
        ids[2], response);
  });
}

grpc::Status GrpcRegistrations::ListThuiszitterConsents(
    grpc::ServerContext* context, const pb::ListThuiszitterConsentsRequest* request,
    pb::ListThuiszitterConsentsResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto parent,
                         ParseResourceName("parent", request->parent(), "thuiszitters"));
    SWV_ASSIGN_OR_RETURN(std::vector<Consent> consents,
                         service_->ListConsents(caller, parent.first, parent.second));
    std::string tenant = CanonicalTenant(parent.first);
    for (const Consent& consent : consents) {
      ConsentToProto(CaseName(tenant, parent.second), 0, consent, response->add_consents());
    }
    return absl::OkStatus();
  });
}

}  // namespace swv::registrations
