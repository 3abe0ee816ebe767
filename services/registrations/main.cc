// swv-registrations: the registrations service process. Configuration from flags/env (see
// --help); schema migrations run at start; serves until SIGTERM, then drains.
#include <memory>

#include "services/common/background_metrics.h"
#include "services/common/clock.h"
#include "services/common/service_main.h"
#include "services/registrations/business_metrics.h"
#include "services/registrations/registrations_app.h"

int main(int argc, char** argv) {
  swv::ServerOptions defaults;
  defaults.service_name = "swv-registrations";
  swv::ServiceMain main(defaults,
                        "Registrations service: thuiszitter cases and SWV settings over gRPC.");
  absl::Duration business_metrics_max_age = absl::Seconds(30);
  main.flags().AddDuration("business-metrics-max-age", "SWV_BUSINESS_METRICS_MAX_AGE",
                           "how old the business gauges (open cases, overdue TLVs) may be at a "
                           "scrape",
                           &business_metrics_max_age);
  main.ParseOrExit(argc, argv);

  swv::SystemClock clock;
  using swv::registrations::RegistrationsApp;
  std::unique_ptr<RegistrationsApp> app = main.Open<RegistrationsApp>(
      [&](swv::storage::Database* db) { return RegistrationsApp::Create(db, &clock); });
  if (app == nullptr) return main.exit_code();

  for (grpc::Service* service : app->grpc_services()) main.runtime().AddService(service);
  // Business gauges (open thuiszitter cases, overdue TLVs, ...), recomputed off the scrape at most
  // every business_metrics_max_age.
  swv::BackgroundMetrics business_metrics(
      [&] { return swv::registrations::ComputeBusinessMetrics(*app, clock); }, &clock,
      {"swv_business_metrics_age_seconds", business_metrics_max_age});
  main.runtime().metrics().AddCollectable(&business_metrics);
  return main.Serve();
}
