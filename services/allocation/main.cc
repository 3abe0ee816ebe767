// swv-allocation: the allocation service process. Configuration from flags/env (see --help);
// schema migrations run at start; reads the organisation directory from swv-registrations over
// gRPC; serves until SIGTERM, then drains.
#include <memory>
#include <string>

#include "services/allocation/allocation_app.h"
#include "services/common/clock.h"
#include "services/common/directory_client.h"
#include "services/common/service_main.h"

int main(int argc, char** argv) {
  swv::ServerOptions defaults;
  defaults.service_name = "swv-allocation";
  defaults.grpc_address = "127.0.0.1:50052";
  defaults.http_address = "127.0.0.1:9465";
  swv::ServiceMain main(defaults,
                        "Allocation service: year configuration, pupil counts, calculations, "
                        "statements and spending accounts over gRPC.");
  std::string registrations_target = "127.0.0.1:50051";
  absl::Duration directory_deadline = absl::Seconds(10);
  main.flags().AddAddress("registrations-target", "SWV_REGISTRATIONS_TARGET",
                          "host:port of swv-registrations (the organisation directory)",
                          &registrations_target);
  main.flags().AddDuration("directory-deadline", "SWV_DIRECTORY_DEADLINE",
                           "deadline of each call to the directory", &directory_deadline,
                           swv::OptionParser::DurationLimit::kPositive);
  main.ParseOrExit(argc, argv);

  absl::optional<swv::ChannelFactory> channels = main.OpenChannels("swv-allocation");
  if (!channels) return main.exit_code();
  std::unique_ptr<swv::DirectoryClient> directory = swv::NewGrpcDirectoryClient(
      channels->Open(registrations_target), directory_deadline, "swv-allocation");
  swv::SystemClock clock;
  using swv::allocation::AllocationApp;
  std::unique_ptr<AllocationApp> app = main.Open<AllocationApp>([&](swv::storage::Database* db) {
    return AllocationApp::Create(db, directory.get(), &clock);
  });
  if (app == nullptr) return main.exit_code();

  for (grpc::Service* service : app->grpc_services()) main.runtime().AddService(service);
  return main.Serve();
}
