// The gRPC adapter of swv.v1.WijkPlans: proto in, service call, proto out; no rules here.
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/tenant_names.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/grpc_adapters.h"
#include "services/registrations/records/grpc_support.h"
#include "swv/v1/wijk_plans.grpc.pb.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

void ToProto(const WijkPlanRecord& r, pb::WijkPlan* out) {
  const WijkPlan& p = r.plan;
  out->set_name(absl::StrCat("swvs/", r.tenant, "/wijk-plans/", r.plan_id));
  out->set_wijk(p.wijk);
  out->set_year(p.year);
  out->set_summary(p.summary);
  out->set_covers_child_level(p.covers_child_level);
  out->set_covers_school_level(p.covers_school_level);
  out->set_covers_wijk_level(p.covers_wijk_level);
  out->set_covers_every_level(p.CoversEveryLevel());
  out->set_adopted_on(FormatDate(p.adopted_on));
  out->set_adopted_by(p.adopted_by);
  out->set_aligned_with_youth_care(p.aligned_with_youth_care);
  AuditToProto(r, out);
}

WijkPlanInput InputOf(const pb::WijkPlan& in) {
  WijkPlanInput input;
  input.wijk = in.wijk();
  input.year = in.year();
  input.summary = in.summary();
  input.covers_child_level = in.covers_child_level();
  input.covers_school_level = in.covers_school_level();
  input.covers_wijk_level = in.covers_wijk_level();
  input.adopted_on = in.adopted_on();
  input.adopted_by = in.adopted_by();
  if (in.has_aligned_with_youth_care()) {
    input.aligned_with_youth_care = in.aligned_with_youth_care();
  }
  return input;
}

class GrpcWijkPlans final : public GrpcAdapter<pb::WijkPlans::Service, WijkPlanService> {
 public:
  using GrpcAdapter::GrpcAdapter;

  grpc::Status RecordWijkPlan(grpc::ServerContext* context,
                              const pb::RecordWijkPlanRequest* request,
                              pb::WijkPlan* response) override {
    return ServeOnParent(context, request->parent(), service_, &WijkPlanService::Record, ToProto,
                         response, InputOf(request->wijk_plan()), request->request_id());
  }

  grpc::Status GetWijkPlan(grpc::ServerContext* context, const pb::GetWijkPlanRequest* request,
                           pb::WijkPlan* response) override {
    return ServeRead(context, *request, "wijk-plans", service_, &WijkPlanService::plans, ToProto,
                     response);
  }

  grpc::Status ListWijkPlans(grpc::ServerContext* context, const pb::ListWijkPlansRequest* request,
                             pb::ListWijkPlansResponse* response) override {
    return ServeList(context, *request, service_, &WijkPlanService::List, ToProto,
                     response->mutable_wijk_plans(), response, request->year());
  }

  grpc::Status UpdateWijkPlan(grpc::ServerContext* context,
                              const pb::UpdateWijkPlanRequest* request,
                              pb::WijkPlan* response) override {
    const pb::WijkPlan& in = request->wijk_plan();
    return ServeOnRecord(context, "wijk_plan.name", in.name(), "wijk-plans", service_,
                         &WijkPlanService::Update, ToProto, response, InputOf(in), in.version());
  }

  grpc::Status ListWijkPlanHistory(grpc::ServerContext* context,
                                   const pb::ListRecordHistoryRequest* request,
                                   pb::ListThuiszitterHistoryResponse* response) override {
    return ServeHistory(context, *request, "wijk-plans", service_, &WijkPlanService::plans,
                        response);
  }
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcWijkPlans(WijkPlanService* service) {
  return std::make_unique<GrpcWijkPlans>(service);
}

}  // namespace swv::registrations
