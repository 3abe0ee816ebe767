// swv-admin: credentials of the gateway (see admin_cli.h).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "services/common/clock.h"
#include "services/common/options.h"
#include "storage/database.h"
#include "tools/admin/admin_cli.h"

int main(int argc, char** argv) {
  swv::storage::DatabaseOptions database;
  database.url = swv::ProcessEnv("SWV_DATABASE_URL").value_or("sqlite:var/gateway.db");
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << swv::admin::Usage();
      return 0;
    }
    if (absl::StartsWith(arg, "--database-url=")) {
      database.url = arg.substr(std::string("--database-url=").size());
    } else {
      args.push_back(arg);
    }
  }
  absl::StatusOr<std::unique_ptr<swv::storage::Database>> db = swv::storage::OpenDatabase(database);
  if (!db.ok()) {
    std::cerr << "swv-admin: cannot open " << database.url << ": " << db.status().message() << "\n";
    return 1;
  }
  swv::SystemClock clock;
  absl::StatusOr<std::unique_ptr<swv::gateway::GatewayStore>> store =
      swv::gateway::GatewayStore::Open(db->get(), &clock);
  if (!store.ok()) {
    std::cerr << "swv-admin: " << store.status().message() << "\n";
    return 1;
  }
  return swv::admin::RunAdminCommand(args, **store, std::cout, std::cerr);
}
