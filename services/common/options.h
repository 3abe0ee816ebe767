// Process configuration: the options every service shares (ServerOptions) and a small parser that
// reads them, plus each service's own options, from flags and environment variables.
//
// Precedence: a flag (`--name=value` or `--name value`) beats the environment variable, which
// beats the default (whatever the target variable holds when Parse runs). Flag names are
// kebab-case; `--grpc_address` is accepted as a spelling of `--grpc-address`.
//
// Typical main:
//   swv::ServerOptions options;
//   options.service_name = "swv-registrations";
//   swv::OptionParser parser("swv-registrations", "Registrations service.");
//   swv::AddServerOptions(parser, &options);
//   parser.AddInt("max-page-size", "SWV_MAX_PAGE_SIZE", "largest page a List returns", &max_page);
//   swv::ParseOrExit(parser, argc, argv, [&] { return swv::ValidateServerOptions(options); });
//
// Options are parsed and validated once at start, then read-only: share them by const reference.
// Thread-safety: an OptionParser is used from one thread (main) only.
#ifndef SWV_SERVICES_COMMON_OPTIONS_H_
#define SWV_SERVICES_COMMON_OPTIONS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace swv {

// What every service process needs. Defaults suit a developer machine.
struct ServerOptions {
  std::string service_name;                        // e.g. "swv-registrations"; in logs and metrics
  std::string grpc_address = "127.0.0.1:50051";    // host:port; port 0 picks a free port
  std::string http_address = "127.0.0.1:9464";     // /metrics, /healthz, /readyz; port 0 as above
  std::string database_url = "sqlite:var/swv.db";  // handed to storage; not read by the runtime
  // The schema owner's URL: migrations run with it, the service with database_url (a runtime
  // user without DDL rights, docs/deploy.md). Empty: database_url does both.
  std::string migration_database_url;
  std::string log_level = "info";                       // debug | info | warn | error
  absl::Duration shutdown_grace = absl::Seconds(10);    // how long in-flight calls may finish
  int http_threads = 8;                                 // worker threads of the HTTP side port
  absl::Duration readiness_timeout = absl::Seconds(2);  // /readyz answers 503 after this long

  // Service identity (docs/operations.md "Service identity"). Every call into this process
  // carries a principal token signed by a trusted issuer (principal_token.h).
  std::string trusted_keys;  // ISSUER=PUBLIC_KEY_FILE,...; issuers gateway, service, staff
  std::string signing_key;   // PEM Ed25519 key this process signs its own outgoing calls with
  // Mutual TLS on the gRPC port and on outgoing calls: all three, or none (loopback only).
  std::string tls_cert;  // PEM certificate of this process (--grpc-tls-cert)
  std::string tls_key;   // its private key
  std::string tls_ca;    // the CA that signs every peer's certificate
  // Keys the page tokens (page_token.h); the same on every replica. Empty: a per-process key.
  std::string page_token_secret;
};

// Returns the environment variable's value, or nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The real process environment (getenv). An empty variable counts as unset.
std::optional<std::string> ProcessEnv(const std::string& name);

class OptionParser {
 public:
  // `program` and `description` head the usage text.
  OptionParser(std::string program, std::string description);

  OptionParser(const OptionParser&) = delete;
  OptionParser& operator=(const OptionParser&) = delete;

  // Registers an option. `name` is the flag without dashes ("grpc-address"); `env_var` may be
  // empty for a flag-only option. The target's current value is the default; it must outlive
  // Parse. Registering the same name twice is a programming error (aborts).
  void AddString(absl::string_view name, absl::string_view env_var, absl::string_view help,
                 std::string* target);
  void AddInt(absl::string_view name, absl::string_view env_var, absl::string_view help,
              int* target);
  // A "host:port" the process connects to or listens on (ParseHostPort), checked as it is read.
  void AddAddress(absl::string_view name, absl::string_view env_var, absl::string_view help,
                  std::string* target);
  // Values in absl::ParseDuration syntax: "500ms", "10s", "1m30s", "0"; `limit` is checked as the
  // value is read (a deadline must be positive, a maximum age may be 0).
  enum class DurationLimit { kAny, kNotNegative, kPositive };
  void AddDuration(absl::string_view name, absl::string_view env_var, absl::string_view help,
                   absl::Duration* target, DurationLimit limit = DurationLimit::kAny);
  // `--name` alone means true; values true/false/1/0/yes/no/on/off (flags and env alike). A bool
  // flag does not take the next argument as its value: write `--name=false`.
  void AddBool(absl::string_view name, absl::string_view env_var, absl::string_view help,
               bool* target);

  // Reads argv (argv[0] is the program) and then the environment, and writes the targets.
  // INVALID_ARGUMENT names the flag and its environment variable on: an unknown flag, a flag
  // without its value, a positional argument, a value that does not parse. On error, targets may
  // be partly written. `--help` / `-h` sets help_requested() and returns OK without writing.
  absl::Status Parse(int argc, const char* const* argv, const EnvLookup& env = ProcessEnv);

  bool help_requested() const { return help_requested_; }
  const std::string& program() const { return program_; }

  // Human-readable list of options with env vars and defaults (the defaults as registered).
  std::string Usage() const;

 private:
  enum class Kind { kString, kAddress, kInt, kDuration, kBool };
  struct Option {
    std::string name;
    std::string env_var;
    std::string help;
    Kind kind;
    void* target;
    std::string default_text;
    DurationLimit limit = DurationLimit::kAny;
  };

  void Add(absl::string_view name, absl::string_view env_var, absl::string_view help, Kind kind,
           void* target, std::string default_text);
  const Option* Find(absl::string_view name) const;
  // Parses `value` into the option's target; `source` says where it came from for the message.
  absl::Status Apply(const Option& option, absl::string_view value, absl::string_view source) const;

  std::string program_;
  std::string description_;
  std::vector<Option> options_;
  bool help_requested_ = false;
};

// Registers --service-name, --grpc-address, --http-address, --database-url,
// --migration-database-url, --log-level, --shutdown-grace, --http-threads, --readiness-timeout,
// --trusted-keys, --signing-key, --grpc-tls-cert/-key/-ca, --page-token-secret (env
// SWV_SERVICE_NAME, SWV_GRPC_ADDRESS, ...). `options` must outlive the parser's Parse call.
void AddServerOptions(OptionParser& parser, ServerOptions* options);

// OK, or INVALID_ARGUMENT naming the option (flag and env var) and what a valid value looks like.
absl::Status ValidateServerOptions(const ServerOptions& options);

// Checks "host:port" (IPv6 hosts in brackets: "[::1]:50051"), port 0-65535. `what` names the
// option in the message. On success fills host and port when non-null.
absl::Status ParseHostPort(absl::string_view address, absl::string_view what,
                           std::string* host = nullptr, int* port = nullptr);

// For main: parses, then runs `validate` (may be empty). On --help prints the usage to stdout and
// exits 0; on any error prints "<program>: <message>" and the usage to stderr and exits 2, so a
// misconfigured process stops at once saying what to fix.
void ParseOrExit(OptionParser& parser, int argc, const char* const* argv,
                 const std::function<absl::Status()>& validate = nullptr,
                 const EnvLookup& env = ProcessEnv);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_OPTIONS_H_
