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

class GrpcWijkPlans final : public pb::WijkPlans::Service {
 public:
  explicit GrpcWijkPlans(WijkPlanService* service) : service_(service) {}

  grpc::Status RecordWijkPlan(grpc::ServerContext* context,
                              const pb::RecordWijkPlanRequest* request,
                              pb::WijkPlan* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return Respond(
          service_->Record(caller, swv, InputOf(request->wijk_plan()), request->request_id()),
          ToProto, response);
    });
  }

  grpc::Status GetWijkPlan(grpc::ServerContext* context, const pb::GetWijkPlanRequest* request,
                           pb::WijkPlan* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "wijk-plans"));
      return Respond(service_->plans().Read(caller, name.first, name.second), ToProto, response);
    });
  }

  grpc::Status ListWijkPlans(grpc::ServerContext* context, const pb::ListWijkPlansRequest* request,
                             pb::ListWijkPlansResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
      return RespondPage(
          service_->List(caller, swv, request->page_size(), request->page_token(), request->year()),
          ToProto, response->mutable_wijk_plans(), response);
    });
  }

  grpc::Status UpdateWijkPlan(grpc::ServerContext* context,
                              const pb::UpdateWijkPlanRequest* request,
                              pb::WijkPlan* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      const pb::WijkPlan& in = request->wijk_plan();
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("wijk_plan.name", in.name(), "wijk-plans"));
      return Respond(service_->Update(caller, name.first, name.second, InputOf(in), in.version()),
                     ToProto, response);
    });
  }

  grpc::Status ListWijkPlanHistory(grpc::ServerContext* context,
                                   const pb::ListRecordHistoryRequest* request,
                                   pb::ListThuiszitterHistoryResponse* response) override {
    return ServeCall(context, [&](const Principal& caller) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "wijk-plans"));
      return Respond(service_->plans().History(caller, name.first, name.second), ChangesToProto,
                     response);
    });
  }

 private:
  WijkPlanService* service_;  // not owned
};

}  // namespace

std::unique_ptr<grpc::Service> NewGrpcWijkPlans(WijkPlanService* service) {
  return std::make_unique<GrpcWijkPlans>(service);
}

}  // namespace swv::registrations
