// swv-admin: issues, lists and revokes the gateway's bearer credentials (API keys), and
// registers its OAuth clients (register-client; docs/oauth.md). An operations tool run
// next to the gateway: it opens the gateway's database directly (the same --database-url) and
// uses the same GatewayStore code as the gateway, so what it issues is exactly what is checked.
//
//   swv-admin issue --kind=school --swv=PO2203 --schools=12AB00,34CD01 --expires=2027-08-01
//       --name="ParnasSys koppeling"
//   swv-admin issue --kind=partner --swv=PO2203 --municipalities=GM0606
//       --legal-ground="Leerplichtwet 1969 art. 21a" --expires=2027-08-01 --name="Leerplicht
//       Schiedam"
//   swv-admin issue --kind=board --swv=PO2203 --board=41234 ...   | --kind=office | --kind=ops
//   swv-admin list
//   swv-admin revoke cr-0123456789abcdef
//
// `issue` prints the secret once (it is stored only as a hash). --expires takes a date (valid
// through that day, Dutch time) or an RFC 3339 time.
#ifndef SWV_TOOLS_ADMIN_ADMIN_CLI_H_
#define SWV_TOOLS_ADMIN_ADMIN_CLI_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/gateway/gateway_store.h"

namespace swv::admin {

// Runs one command (args without the program name and without --database-url). Returns the exit
// code: 0 done, 1 refused by the store, 2 usage error.
int RunAdminCommand(const std::vector<std::string>& args, gateway::GatewayStore& store,
                    std::ostream& out, std::ostream& err);

// "2027-08-01" -> the end of that day in Europe/Amsterdam; RFC 3339 times as given.
absl::StatusOr<absl::Time> ParseExpiry(absl::string_view text);

std::string Usage();

}  // namespace swv::admin

#endif  // SWV_TOOLS_ADMIN_ADMIN_CLI_H_
