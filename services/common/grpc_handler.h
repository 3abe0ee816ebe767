// One gRPC handler written as its call and its mapping:
//
//   grpc::Status GrpcFoo::GetBar(grpc::ServerContext* context, const GetBarRequest* request,
//                                Bar* response) {
//     return ServeCall(context, [&](const Principal& caller) -> absl::Status {
//       SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "bars"));
//       return Respond(service_->Get(caller, name.first, name.second), ToProto, response);
//     });
//   }
//
// A handler whose body is only that, on one record or one collection of a tenant, is one call:
//
//     return ServeOnRecord(context, "name", request->name(), "bars", service_, &BarService::Get,
//                          ToProto, response);
//
// GrpcAdapter holds what every adapter over one application service has: the service pointer.
//
// ServeCall runs the body under the call's trace (grpc_trace.h), so that its log lines and the
// calls it makes carry it; it asks CallerOf for the verified caller (UNAUTHENTICATED without a
// valid principal token, PERMISSION_DENIED for a kind the RPC's declaration refuses), runs the
// body, and maps its status once (grpc_status.h). ServeCallIfHosted does the same for an optional
// service that this process may not host. Respond, RespondEach and RespondPage end a body: the
// service call's error, or its value mapped into the reply by the adapter's `to_proto` (its ToProto
// overloads, picked by the value's type). ServeOnRecord, ServeOnParent and ServeList are
// ServeCallIfHosted, the resource name's parse (services/common/tenant_names.h), one service call
// and its Respond or RespondPage, for the handlers that are nothing else. Their trailing arguments
// are evaluated before the caller is checked, so they hold the request's values and pure mappings
// of them only; a handler that checks or looks anything up first uses ServeCall.
//
// Thread-safety: function templates over their arguments.
#ifndef SWV_SERVICES_COMMON_GRPC_HANDLER_H_
#define SWV_SERVICES_COMMON_GRPC_HANDLER_H_

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/common/grpc_trace.h"
#include "services/common/principal.h"
#include "services/common/tenant_names.h"
#include "services/kernel/status_macros.h"

namespace swv {

// The base of an adapter that serves the generated `ProtoService` (swv::v1::Foo::Service) with one
// application service: proto in, `service_` call, proto out.
template <typename ProtoService, typename AppService>
class GrpcAdapter : public ProtoService {
 public:
  // `service` is not owned and must outlive the adapter.
  explicit GrpcAdapter(AppService* service) : service_(service) {}

 protected:
  AppService* const service_;  // not owned
};

template <typename Body>
grpc::Status ServeCall(const grpc::ServerContext* context, Body&& body) {
  ScopedTrace trace(TraceOf(*context));
  absl::StatusOr<Principal> caller = CallerOf(*context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(std::forward<Body>(body)(*caller));
}

// ServeCall for the RPCs of a service this process may not host (`service` null, which the
// adapter's constructor allows): UNIMPLEMENTED "not hosted by this process" for a verified caller
// instead of the body.
template <typename Service, typename Body>
grpc::Status ServeCallIfHosted(const grpc::ServerContext* context, const Service* service,
                               Body&& body) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    if (service == nullptr) return absl::UnimplementedError("not hosted by this process");
    return std::forward<Body>(body)(caller);
  });
}

// A body's end: the service call's error, or its value mapped into `response`. A function pointer
// (not any callable) so that `to_proto` can be an overload set, resolved by the value's type.
template <typename Value, typename Response>
absl::Status Respond(absl::StatusOr<Value> value, void (*to_proto)(const Value&, Response*),
                     Response* response) {
  if (!value.ok()) return value.status();
  to_proto(*value, response);
  return absl::OkStatus();
}

namespace grpc_handler_internal {

template <typename Value, typename Item>
void AddEach(const std::vector<Value>& values, void (*to_proto)(const Value&, Item*),
             google::protobuf::RepeatedPtrField<Item>* items) {
  for (const Value& value : values) to_proto(value, items->Add());
}

// The values of a page as every service returns one: a struct of the page's values and its
// next_page_token, in that order (no other member, which the binding checks).
template <typename Page>
const auto& PageValues(const Page& page) {
  const auto& [values, next_page_token] = page;
  static_cast<void>(next_page_token);
  return values;
}

template <typename Page>
using PageValue =
    typename std::decay_t<decltype(PageValues(std::declval<const Page&>()))>::value_type;

}  // namespace grpc_handler_internal

// A list's body's end: the service call's error, or each value mapped into a new element of
// `items` (a repeated field of the reply), in order.
template <typename Value, typename Item>
absl::Status RespondEach(absl::StatusOr<std::vector<Value>> values,
                         void (*to_proto)(const Value&, Item*),
                         google::protobuf::RepeatedPtrField<Item>* items) {
  if (!values.ok()) return values.status();
  grpc_handler_internal::AddEach(*values, to_proto, items);
  return absl::OkStatus();
}

// A paged list's body's end: the service call's error, or the page's values mapped as by
// RespondEach and its next_page_token set on `response`, the reply that holds `items`.
template <typename Page, typename Item, typename Response>
absl::Status RespondPage(absl::StatusOr<Page> page,
                         void (*to_proto)(const grpc_handler_internal::PageValue<Page>&, Item*),
                         google::protobuf::RepeatedPtrField<Item>* items, Response* response) {
  if (!page.ok()) return page.status();
  grpc_handler_internal::AddEach(grpc_handler_internal::PageValues(*page), to_proto, items);
  response->set_next_page_token(page->next_page_token);
  return absl::OkStatus();
}

namespace grpc_handler_internal {

// The Value of the absl::StatusOr<Value> that `method` of a `Service` answers for the caller and
// `Args` (a member function pointer, or any callable that takes the service first).
template <typename Method, typename Service, typename... Args>
using CallValue =
    typename std::invoke_result_t<Method, Service*, const Principal&, Args...>::value_type;

}  // namespace grpc_handler_internal

// A handler on the record named in the request's `field` as "swvs/{swv}/{collection}/{id}":
// `method` of `service` called with the caller, swv, id and `args`, answered as by Respond. The
// field's INVALID_ARGUMENT when `name` is not such a name; UNIMPLEMENTED for a null `service`, as
// ServeCallIfHosted.
template <typename Service, typename Method, typename Response, typename... Args>
grpc::Status ServeOnRecord(
    const grpc::ServerContext* context, absl::string_view field, absl::string_view name,
    absl::string_view collection, Service* service, Method method,
    void (*to_proto)(const grpc_handler_internal::CallValue<Method, Service, const std::string&,
                                                            const std::string&, Args...>&,
                     Response*),
    Response* response, Args&&... args) {
  return ServeCallIfHosted(context, service, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto ids, ParseResourceName(field, name, collection));
    return Respond(
        std::invoke(method, service, caller, ids.first, ids.second, std::forward<Args>(args)...),
        to_proto, response);
  });
}

// A handler on the collection of the SWV in the request's "parent" ("swvs/{swv}"): `method` of
// `service` called with the caller, swv and `args`, answered as by Respond. INVALID_ARGUMENT on
// "parent" when it is not such a name; UNIMPLEMENTED for a null `service`.
template <typename Service, typename Method, typename Response, typename... Args>
grpc::Status ServeOnParent(
    const grpc::ServerContext* context, absl::string_view parent, Service* service, Method method,
    void (*to_proto)(
        const grpc_handler_internal::CallValue<Method, Service, const std::string&, Args...>&,
        Response*),
    Response* response, Args&&... args) {
  return ServeCallIfHosted(context, service, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", parent));
    return Respond(std::invoke(method, service, caller, swv, std::forward<Args>(args)...), to_proto,
                   response);
  });
}

// A paged List handler on the collection of the SWV in the request's "parent": `method` of
// `service` called with the caller, swv, the request's page_size and page_token and the list's
// own `filters`, answered as by RespondPage. Errors as ServeOnParent.
template <typename Request, typename Service, typename Method, typename Item, typename Response,
          typename... Filters>
grpc::Status ServeList(
    const grpc::ServerContext* context, const Request& request, Service* service, Method method,
    void (*to_proto)(const grpc_handler_internal::PageValue<grpc_handler_internal::CallValue<
                         Method, Service, const std::string&,
                         decltype(std::declval<const Request&>().page_size()),
                         decltype(std::declval<const Request&>().page_token()), Filters...>>&,
                     Item*),
    google::protobuf::RepeatedPtrField<Item>* items, Response* response, Filters&&... filters) {
  return ServeCallIfHosted(context, service, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request.parent()));
    return RespondPage(std::invoke(method, service, caller, swv, request.page_size(),
                                   request.page_token(), std::forward<Filters>(filters)...),
                       to_proto, items, response);
  });
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_GRPC_HANDLER_H_
