#include "services/common/options.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace swv {
namespace {

// A shorter secret is guessable offline from one token.
constexpr size_t kMinPageTokenSecretLength = 16;

std::string NormalizeName(absl::string_view name) {
  return absl::StrReplaceAll(name, {{"_", "-"}});
}

// "flag --x (env SWV_X)" or "flag --x" when the option has no env var.
std::string Describe(absl::string_view name, absl::string_view env_var) {
  if (env_var.empty()) return absl::StrCat("flag --", name);
  return absl::StrCat("flag --", name, " (env ", env_var, ")");
}

bool ParseBool(absl::string_view text, bool* out) {
  std::string lower = absl::AsciiStrToLower(text);
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") {
    *out = true;
    return true;
  }
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off") {
    *out = false;
    return true;
  }
  return false;
}

bool ValidServiceName(absl::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> ProcessEnv(const std::string& name) {
  // getenv is not thread-safe against setenv; options are read in main before threads start.
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

OptionParser::OptionParser(std::string program, std::string description)
    : program_(std::move(program)), description_(std::move(description)) {}

void OptionParser::Add(absl::string_view name, absl::string_view env_var, absl::string_view help,
                       Kind kind, void* target, std::string default_text) {
  std::string normalized = NormalizeName(name);
  if (Find(normalized) != nullptr || target == nullptr) {
    std::fprintf(stderr, "OptionParser: option --%s registered twice or without a target\n",
                 normalized.c_str());
    std::abort();
  }
  options_.push_back(Option{std::move(normalized), std::string(env_var), std::string(help), kind,
                            target, std::move(default_text), DurationLimit::kAny});
}

void OptionParser::AddString(absl::string_view name, absl::string_view env_var,
                             absl::string_view help, std::string* target) {
  Add(name, env_var, help, Kind::kString, target, absl::StrCat("\"", *target, "\""));
}

void OptionParser::AddInt(absl::string_view name, absl::string_view env_var, absl::string_view help,
                          int* target) {
  Add(name, env_var, help, Kind::kInt, target, absl::StrCat(*target));
}

void OptionParser::AddAddress(absl::string_view name, absl::string_view env_var,
                              absl::string_view help, std::string* target) {
  Add(name, env_var, help, Kind::kAddress, target, absl::StrCat("\"", *target, "\""));
}

void OptionParser::AddDuration(absl::string_view name, absl::string_view env_var,
                               absl::string_view help, absl::Duration* target,
                               DurationLimit limit) {
  Add(name, env_var, help, Kind::kDuration, target, absl::FormatDuration(*target));
  options_.back().limit = limit;
}

void OptionParser::AddBool(absl::string_view name, absl::string_view env_var,
                           absl::string_view help, bool* target) {
  Add(name, env_var, help, Kind::kBool, target, *target ? "true" : "false");
}

const OptionParser::Option* OptionParser::Find(absl::string_view name) const {
  for (const Option& option : options_) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

absl::Status OptionParser::Apply(const Option& option, absl::string_view value,
                                 absl::string_view source) const {
  auto invalid = [&](absl::string_view expected) {
    return absl::InvalidArgumentError(absl::StrCat("invalid value \"", value, "\" ", source,
                                                   " for ", Describe(option.name, option.env_var),
                                                   ": ", expected));
  };
  switch (option.kind) {
    case Kind::kString:
      *static_cast<std::string*>(option.target) = std::string(value);
      return absl::OkStatus();
    case Kind::kAddress: {
      absl::Status address = ParseHostPort(value, "the address");
      if (!address.ok()) return invalid(address.message());
      *static_cast<std::string*>(option.target) = std::string(value);
      return absl::OkStatus();
    }
    case Kind::kInt: {
      int parsed = 0;
      if (!absl::SimpleAtoi(value, &parsed)) return invalid("want a whole number");
      *static_cast<int*>(option.target) = parsed;
      return absl::OkStatus();
    }
    case Kind::kDuration: {
      absl::Duration parsed;
      if (!absl::ParseDuration(value, &parsed) || parsed == absl::InfiniteDuration() ||
          parsed == -absl::InfiniteDuration()) {
        return invalid("want a finite duration such as 500ms, 10s or 1m30s");
      }
      if (option.limit == DurationLimit::kPositive && parsed <= absl::ZeroDuration()) {
        return invalid("must be positive, e.g. 10s");
      }
      if (option.limit == DurationLimit::kNotNegative && parsed < absl::ZeroDuration()) {
        return invalid("must not be negative (0 is allowed)");
      }
      *static_cast<absl::Duration*>(option.target) = parsed;
      return absl::OkStatus();
    }
    case Kind::kBool: {
      bool parsed = false;
      if (!ParseBool(value, &parsed)) return invalid("want true or false");
      *static_cast<bool*>(option.target) = parsed;
      return absl::OkStatus();
    }
  }
  return absl::InternalError("unreachable option kind");
}

absl::Status OptionParser::Parse(int argc, const char* const* argv, const EnvLookup& env) {
  help_requested_ = false;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h" || arg == "-help") {
      help_requested_ = true;
      return absl::OkStatus();
    }
  }

  // First collect the flags (last one wins), then resolve every option: flag, env, default.
  std::map<std::string, std::string> flag_values;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    if (!absl::StartsWith(arg, "--") || arg.size() == 2) {
      return absl::InvalidArgumentError(absl::StrCat(
          "unexpected argument \"", arg, "\": options are written --name=value (see --help)"));
    }
    arg.remove_prefix(2);
    size_t eq = arg.find('=');
    std::string name = NormalizeName(arg.substr(0, eq));
    const Option* option = Find(name);
    if (option == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown flag --", name, " (see --help for the options)"));
    }
    if (eq != absl::string_view::npos) {
      flag_values[name] = std::string(arg.substr(eq + 1));
    } else if (option->kind == Kind::kBool) {
      flag_values[name] = "true";
    } else if (i + 1 < argc) {
      flag_values[name] = argv[++i];
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat(Describe(name, option->env_var), " needs a value: --", name, "=VALUE"));
    }
  }

  for (const Option& option : options_) {
    auto flag = flag_values.find(option.name);
    if (flag != flag_values.end()) {
      absl::Status status = Apply(option, flag->second, "given on the command line");
      if (!status.ok()) return status;
      continue;
    }
    if (option.env_var.empty() || !env) continue;
    std::optional<std::string> value = env(option.env_var);
    if (!value.has_value()) continue;
    absl::Status status =
        Apply(option, *value, absl::StrCat("from environment variable ", option.env_var));
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

std::string OptionParser::Usage() const {
  std::string out = absl::StrCat("Usage: ", program_, " [--name=value ...]\n");
  if (!description_.empty()) absl::StrAppend(&out, "\n", description_, "\n");
  absl::StrAppend(&out,
                  "\nOptions (a flag beats its environment variable, which beats the default):\n");
  for (const Option& option : options_) {
    const char* kind = "";
    switch (option.kind) {
      case Kind::kString:
        kind = "=STRING";
        break;
      case Kind::kAddress:
        kind = "=HOST:PORT";
        break;
      case Kind::kInt:
        kind = "=INT";
        break;
      case Kind::kDuration:
        kind = "=DURATION";
        break;
      case Kind::kBool:
        kind = "[=BOOL]";
        break;
    }
    absl::StrAppend(&out, "  --", option.name, kind);
    if (!option.env_var.empty()) absl::StrAppend(&out, "  (env ", option.env_var, ")");
    absl::StrAppend(&out, "  default ", option.default_text, "\n      ", option.help, "\n");
  }
  return out;
}

void AddServerOptions(OptionParser& parser, ServerOptions* options) {
  parser.AddString("service-name", "SWV_SERVICE_NAME", "name of this process in logs and metrics",
                   &options->service_name);
  parser.AddString("grpc-address", "SWV_GRPC_ADDRESS",
                   "gRPC listen address host:port (port 0 picks a free port)",
                   &options->grpc_address);
  parser.AddString("http-address", "SWV_HTTP_ADDRESS",
                   "HTTP listen address for /metrics, /healthz, /readyz", &options->http_address);
  parser.AddString("database-url", "SWV_DATABASE_URL",
                   "sqlite:PATH or mysql://USER:PASSWORD@HOST:PORT/DATABASE",
                   &options->database_url);
  parser.AddString("migration-database-url", "SWV_MIGRATION_DATABASE_URL",
                   "the schema owner's URL for migrations (empty: --database-url)",
                   &options->migration_database_url);
  parser.AddString("log-level", "SWV_LOG_LEVEL", "debug, info, warn or error", &options->log_level);
  parser.AddDuration("shutdown-grace", "SWV_SHUTDOWN_GRACE",
                     "how long in-flight calls may finish after SIGTERM", &options->shutdown_grace);
  parser.AddInt("http-threads", "SWV_HTTP_THREADS", "worker threads of the HTTP port",
                &options->http_threads);
  parser.AddDuration("readiness-timeout", "SWV_READINESS_TIMEOUT",
                     "how long /readyz waits for the readiness check", &options->readiness_timeout);
  parser.AddString("trusted-keys", "SWV_TRUSTED_KEYS",
                   "token issuers whose calls are accepted: gateway=FILE,service=FILE,staff=FILE "
                   "(Ed25519 public keys, PEM)",
                   &options->trusted_keys);
  parser.AddString("signing-key", "SWV_SIGNING_KEY",
                   "Ed25519 private key (PEM) this process signs its calls to other services with",
                   &options->signing_key);
  parser.AddString("grpc-tls-cert", "SWV_GRPC_TLS_CERT", "certificate (PEM) for mutual TLS on gRPC",
                   &options->tls_cert);
  parser.AddString("grpc-tls-key", "SWV_GRPC_TLS_KEY", "private key (PEM) of --grpc-tls-cert",
                   &options->tls_key);
  parser.AddString("grpc-tls-ca", "SWV_GRPC_TLS_CA",
                   "CA certificate (PEM) that signs every gRPC peer", &options->tls_ca);
  parser.AddString("page-token-secret", "SWV_PAGE_TOKEN_SECRET",
                   "keys the list page tokens; give every replica the same one (at least 16 "
                   "characters). Empty: a random key per process",
                   &options->page_token_secret);
}

absl::Status ParseHostPort(absl::string_view address, absl::string_view what, std::string* host,
                           int* port) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(what, " \"", address, "\" ", why,
                                                   "; want host:port, e.g. 127.0.0.1:50051, "
                                                   "0.0.0.0:0 or [::1]:50051"));
  };
  absl::string_view host_part;
  absl::string_view port_part;
  if (absl::StartsWith(address, "[")) {
    size_t close = address.find(']');
    if (close == absl::string_view::npos || close + 1 >= address.size() ||
        address[close + 1] != ':') {
      return bad("is not host:port");
    }
    host_part = address.substr(1, close - 1);
    port_part = address.substr(close + 2);
  } else {
    size_t colon = address.rfind(':');
    if (colon == absl::string_view::npos) return bad("has no port");
    host_part = address.substr(0, colon);
    port_part = address.substr(colon + 1);
    if (absl::StrContains(host_part, ':')) return bad("needs brackets around an IPv6 host");
  }
  if (host_part.empty()) return bad("has no host");
  int parsed = -1;
  if (port_part.empty() || !absl::SimpleAtoi(port_part, &parsed) || parsed < 0 || parsed > 65535) {
    return bad("has a port outside 0-65535");
  }
  if (host != nullptr) *host = std::string(host_part);
  if (port != nullptr) *port = parsed;
  return absl::OkStatus();
}

absl::Status ValidateServerOptions(const ServerOptions& options) {
  if (!ValidServiceName(options.service_name)) {
    return absl::InvalidArgumentError(
        absl::StrCat(Describe("service-name", "SWV_SERVICE_NAME"), " is \"", options.service_name,
                     "\"; want letters, digits, '-', '_' or '.', e.g. swv-registrations"));
  }
  std::string grpc_host;
  int grpc_port = 0;
  absl::Status status = ParseHostPort(
      options.grpc_address, Describe("grpc-address", "SWV_GRPC_ADDRESS"), &grpc_host, &grpc_port);
  if (!status.ok()) return status;
  std::string http_host;
  int http_port = 0;
  status = ParseHostPort(options.http_address, Describe("http-address", "SWV_HTTP_ADDRESS"),
                         &http_host, &http_port);
  if (!status.ok()) return status;
  if (grpc_port != 0 && grpc_port == http_port) {
    return absl::InvalidArgumentError(
        absl::StrCat(Describe("grpc-address", "SWV_GRPC_ADDRESS"), " and ",
                     Describe("http-address", "SWV_HTTP_ADDRESS"), " use the same port ", grpc_port,
                     "; give them different ports"));
  }
  if (!absl::StartsWith(options.database_url, "sqlite:") &&
      !absl::StartsWith(options.database_url, "mysql://")) {
    // Not echoing the value: a database URL can hold a password.
    return absl::InvalidArgumentError(
        absl::StrCat(Describe("database-url", "SWV_DATABASE_URL"),
                     " must start with sqlite: or mysql://, e.g. sqlite:var/swv.db or "
                     "mysql://USER:PASSWORD@HOST:3306/DATABASE"));
  }
  if (!options.migration_database_url.empty() &&
      !absl::StartsWith(options.migration_database_url, "sqlite:") &&
      !absl::StartsWith(options.migration_database_url, "mysql://")) {
    return absl::InvalidArgumentError(
        absl::StrCat(Describe("migration-database-url", "SWV_MIGRATION_DATABASE_URL"),
                     " must start with sqlite: or mysql://, or be empty"));
  }
  const std::string& level = options.log_level;
  if (level != "debug" && level != "info" && level != "warn" && level != "error") {
    return absl::InvalidArgumentError(absl::StrCat(Describe("log-level", "SWV_LOG_LEVEL"), " is \"",
                                                   level, "\"; want debug, info, warn or error"));
  }
  if (options.shutdown_grace < absl::ZeroDuration() ||
      options.shutdown_grace == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        Describe("shutdown-grace", "SWV_SHUTDOWN_GRACE"), " is ",
        absl::FormatDuration(options.shutdown_grace), "; want a finite duration >= 0, e.g. 10s"));
  }
  if (options.http_threads < 1 || options.http_threads > 1024) {
    return absl::InvalidArgumentError(absl::StrCat(Describe("http-threads", "SWV_HTTP_THREADS"),
                                                   " is ", options.http_threads,
                                                   "; want 1 to 1024"));
  }
  if (options.readiness_timeout <= absl::ZeroDuration() ||
      options.readiness_timeout == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(absl::StrCat(
        Describe("readiness-timeout", "SWV_READINESS_TIMEOUT"), " is ",
        absl::FormatDuration(options.readiness_timeout), "; want a finite duration > 0, e.g. 2s"));
  }
  const int tls_parts =
      !options.tls_cert.empty() + !options.tls_key.empty() + !options.tls_ca.empty();
  if (tls_parts != 0 && tls_parts != 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("mutual TLS needs all of ", Describe("grpc-tls-cert", "SWV_GRPC_TLS_CERT"),
                     ", ", Describe("grpc-tls-key", "SWV_GRPC_TLS_KEY"), " and ",
                     Describe("grpc-tls-ca", "SWV_GRPC_TLS_CA")));
  }
  const bool loopback = grpc_host == "localhost" || grpc_host == "[::1]" || grpc_host == "::1" ||
                        absl::StartsWith(grpc_host, "127.");
  if (tls_parts == 0 && !loopback) {
    return absl::InvalidArgumentError(absl::StrCat(
        Describe("grpc-address", "SWV_GRPC_ADDRESS"), " listens beyond loopback (", grpc_host,
        "): give ", Describe("grpc-tls-cert", "SWV_GRPC_TLS_CERT"), ", ",
        Describe("grpc-tls-key", "SWV_GRPC_TLS_KEY"), " and ",
        Describe("grpc-tls-ca", "SWV_GRPC_TLS_CA"), " so that only authenticated peers connect"));
  }
  if (!options.page_token_secret.empty() &&
      options.page_token_secret.size() < kMinPageTokenSecretLength) {
    // Not echoing the value: it is a secret.
    return absl::InvalidArgumentError(absl::StrCat(
        Describe("page-token-secret", "SWV_PAGE_TOKEN_SECRET"), " is too short; want at least ",
        kMinPageTokenSecretLength, " characters, e.g. from `openssl rand -base64 32`"));
  }
  return absl::OkStatus();
}

void ParseOrExit(OptionParser& parser, int argc, const char* const* argv,
                 const std::function<absl::Status()>& validate, const EnvLookup& env) {
  absl::Status status = parser.Parse(argc, argv, env);
  if (status.ok() && parser.help_requested()) {
    std::fputs(parser.Usage().c_str(), stdout);
    std::exit(0);
  }
  if (status.ok() && validate) status = validate();
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n\n%s", parser.program().c_str(),
                 std::string(status.message()).c_str(), parser.Usage().c_str());
    std::exit(2);
  }
}

}  // namespace swv
