#include "tools/admin/admin_cli.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "services/common/clock.h"
#include "services/common/file_text.h"
#include "services/common/principal.h"
#include "services/gateway/oauth/jose.h"
#include "services/kernel/errors.h"

namespace swv::admin {
namespace {

// "--name=value" / "--name value" into a map; positional arguments into `positional`.
bool ParseFlags(const std::vector<std::string>& args, size_t from,
                std::map<std::string, std::string>* flags, std::vector<std::string>* positional,
                std::string* error) {
  for (size_t i = from; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (!absl::ConsumePrefix(&arg, "--")) {
      positional->push_back(std::string(arg));
      continue;
    }
    size_t eq = arg.find('=');
    if (eq != absl::string_view::npos) {
      (*flags)[std::string(arg.substr(0, eq))] = std::string(arg.substr(eq + 1));
    } else if (i + 1 < args.size()) {
      (*flags)[std::string(arg)] = args[++i];
    } else {
      *error = absl::StrCat("--", arg, " needs a value");
      return false;
    }
  }
  return true;
}

std::string FormatExpiry(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M %Z", t, DutchTimeZone());
}

// The credential spec of `issue` (an API key) or `register-client` (an OAuth client) from the
// flags: 0, or the exit code after saying what is wrong on `err`.
int SpecFromFlags(std::map<std::string, std::string>& flags,
                  const std::vector<std::string>& positional, bool client, std::ostream& err,
                  gateway::CredentialSpec* spec) {
  if (!ParsePrincipalKind(flags["kind"], &spec->kind)) {
    err << "swv-admin: --kind must be school, board, office, partner, youth_care or ops\n";
    return 2;
  }
  if (!positional.empty()) {
    err << "swv-admin: this command takes only flags, not \"" << positional[0] << "\"\n" << Usage();
    return 2;
  }
  static const char* kKnown[] = {"kind",           "swv",          "schools", "board",
                                 "municipalities", "legal-ground", "expires", "name",
                                 "organisation"};
  static const char* kClientOnly[] = {"auth",   "public-key", "certificate",
                                      "issuer", "subject",    "scopes"};
  for (const auto& [flag, value] : flags) {
    bool known = std::find(std::begin(kKnown), std::end(kKnown), flag) != std::end(kKnown) ||
                 (client && std::find(std::begin(kClientOnly), std::end(kClientOnly), flag) !=
                                std::end(kClientOnly));
    if (!known) {
      err << "swv-admin: unknown flag --" << flag << "\n" << Usage();
      return 2;
    }
  }
  spec->tenant = flags["swv"];
  spec->legal_ground = flags["legal-ground"];
  spec->display_name = flags["name"];
  spec->organisation = flags["organisation"];
  const bool by_municipality =
      spec->kind == PrincipalKind::kPartner || spec->kind == PrincipalKind::kYouthCare;
  std::string scope = spec->kind == PrincipalKind::kSchool  ? flags["schools"]
                      : spec->kind == PrincipalKind::kBoard ? flags["board"]
                      : by_municipality                     ? flags["municipalities"]
                                                            : "";
  spec->scope = absl::StrSplit(scope, ',', absl::SkipWhitespace());
  absl::StatusOr<absl::Time> expires = ParseExpiry(flags["expires"]);
  if (!expires.ok()) {
    err << "swv-admin: --expires: " << expires.status().message() << "\n";
    return 2;
  }
  spec->expires = *expires;
  if (!client) return 0;
  if (!gateway::ParseClientAuth(flags["auth"], &spec->auth) ||
      spec->auth == gateway::ClientAuth::kApiKey) {
    err << "swv-admin: --auth must be private_key_jwt, tls_client_auth or external\n";
    return 2;
  }
  spec->oauth_scopes = absl::StrSplit(flags["scopes"], ',', absl::SkipWhitespace());
  spec->external_issuer = flags["issuer"];
  spec->external_subject = flags["subject"];
  const char* file_flag = spec->auth == gateway::ClientAuth::kPrivateKeyJwt   ? "public-key"
                          : spec->auth == gateway::ClientAuth::kTlsClientAuth ? "certificate"
                                                                              : nullptr;
  if (file_flag == nullptr) return 0;
  absl::optional<std::string> text = ReadWholeFile(flags[file_flag]);
  if (!text) {
    err << "swv-admin: --" << file_flag << ": cannot read \"" << flags[file_flag] << "\"\n";
    return 2;
  }
  if (spec->auth == gateway::ClientAuth::kPrivateKeyJwt) {
    spec->public_key_pem = *text;
    return 0;
  }
  absl::StatusOr<std::string> thumbprint = gateway::oauth::PemCertificateThumbprint(*text);
  if (!thumbprint.ok()) {
    err << "swv-admin: --certificate: " << thumbprint.status().message() << "\n";
    return 2;
  }
  spec->certificate_sha256 = *thumbprint;
  return 0;
}

}  // namespace

std::string Usage() {
  return "usage:\n"
         "  swv-admin [--database-url=URL] issue --kind=school|board|office|partner|youth_care|ops "
         "--swv=CODE\n"
         "      [--schools=12AB00,34CD01] [--board=CODE] [--municipalities=GM0606,GM0622]\n"
         "      [--organisation=MEVIS (youth_care: the code the parents' consents name)]\n"
         "      [--legal-ground=TEXT] --expires=YYYY-MM-DD|RFC3339 --name=TEXT\n"
         "  swv-admin [--database-url=URL] register-client (the same flags) \n"
         "      --auth=private_key_jwt --public-key=CLIENT_PUBLIC_KEY.pem\n"
         "    | --auth=tls_client_auth --certificate=CLIENT_CERTIFICATE.pem\n"
         "    | --auth=external --issuer=URL --subject=CLIENT_ID_AT_THE_ISSUER\n"
         "      [--scopes=swv:read,swv:write]\n"
         "  swv-admin [--database-url=URL] list\n"
         "  swv-admin [--database-url=URL] revoke TOKEN_ID\n"
         "The database URL defaults to $SWV_DATABASE_URL, else sqlite:var/gateway.db (the "
         "gateway's).\n";
}

absl::StatusOr<absl::Time> ParseExpiry(absl::string_view text) {
  absl::CivilDay day;
  if (absl::ParseCivilTime(text, &day)) {
    return absl::FromCivil(absl::CivilSecond(day + 1), DutchTimeZone());
  }
  absl::Time t;
  std::string error;
  if (absl::ParseTime(absl::RFC3339_full, text, &t, &error)) return t;
  return InvalidField("expires", "MALFORMED_DATE", "a date YYYY-MM-DD or an RFC 3339 time");
}

int RunAdminCommand(const std::vector<std::string>& args, gateway::GatewayStore& store,
                    std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << Usage();
    return 2;
  }
  std::map<std::string, std::string> flags;
  std::vector<std::string> positional;
  std::string error;
  if (!ParseFlags(args, 1, &flags, &positional, &error)) {
    err << "swv-admin: " << error << "\n" << Usage();
    return 2;
  }
  const std::string& command = args[0];

  if (command == "issue" || command == "register-client") {
    const bool client = command == "register-client";
    gateway::CredentialSpec spec;
    if (int code = SpecFromFlags(flags, positional, client, err, &spec); code != 0) return code;
    absl::StatusOr<gateway::IssuedCredential> issued = store.Issue(spec);
    if (!issued.ok()) {
      err << "swv-admin: cannot " << (client ? "register" : "issue") << ": "
          << issued.status().message() << "\n";
      return 1;
    }
    const gateway::Credential& c = issued->credential;
    out << (client ? "client_id:  " : "token id:   ") << c.token_id << "\n"
        << "principal:  " << c.ToPrincipal().id << "\n"
        << "expires:    " << FormatExpiry(c.spec.expires) << "\n";
    if (client) {
      out << "auth:       " << gateway::ClientAuthName(c.spec.auth) << "\n"
          << "scopes:     " << absl::StrJoin(c.spec.oauth_scopes, " ") << "\n";
    } else {
      out << "secret (shown once, store it in the client's secret store):\n"
          << issued->secret << "\n";
    }
    return 0;
  }

  if (command == "list") {
    absl::StatusOr<std::vector<gateway::Credential>> list = store.ListCredentials();
    if (!list.ok()) {
      err << "swv-admin: " << list.status().message() << "\n";
      return 1;
    }
    for (const gateway::Credential& c : *list) {
      out << c.token_id << "\t" << PrincipalKindName(c.spec.kind) << "\t" << c.spec.tenant << "\t"
          << absl::StrJoin(c.spec.scope, ",") << "\t" << FormatExpiry(c.spec.expires) << "\t"
          << (c.revoked ? "revoked" : "active") << "\t" << c.spec.display_name << "\n";
    }
    return 0;
  }

  if (command == "revoke") {
    if (positional.size() != 1) {
      err << "swv-admin: revoke takes one TOKEN_ID\n" << Usage();
      return 2;
    }
    absl::Status status = store.Revoke(positional[0]);
    if (!status.ok()) {
      err << "swv-admin: " << status.message() << "\n";
      return 1;
    }
    out << "revoked " << positional[0] << "\n";
    return 0;
  }

  err << "swv-admin: unknown command \"" << command << "\"\n" << Usage();
  return 2;
}

}  // namespace swv::admin
