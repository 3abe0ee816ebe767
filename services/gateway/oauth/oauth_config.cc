#include "services/gateway/oauth/oauth_config.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/common/file_text.h"
#include "services/common/ids.h"

namespace swv::gateway::oauth {
namespace {

absl::StatusOr<RsaKey> LoadOrCreateKey(const std::string& path, bool* created) {
  if (absl::optional<std::string> pem = ReadWholeFile(path)) {
    absl::StatusOr<RsaKey> key = RsaKey::FromPrivatePem(*pem);
    if (!key.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("--oauth-signing-key ", path, ": ",
                                                     key.status().message(),
                                                     " (an RSA private key, PEM)"));
    }
    return key;
  }
  absl::StatusOr<RsaKey> key = RsaKey::Generate();
  if (!key.ok()) return key.status();
  // Written aside and renamed into place, so a gateway starting at the same moment reads a whole
  // key or none; readable by the gateway's user only.
  std::error_code error;
  std::filesystem::path target(path);
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  const std::string aside = absl::StrCat(path, ".", RandomId(""), ".tmp");
  const mode_t previous = umask(077);
  std::ofstream out(aside, std::ios::binary | std::ios::trunc);
  out << key->PrivatePem();
  out.close();
  umask(previous);
  if (!out || std::rename(aside.c_str(), path.c_str()) != 0) {
    std::remove(aside.c_str());
    return absl::InvalidArgumentError(
        absl::StrCat("--oauth-signing-key ", path,
                     " does not exist and cannot be created; give an existing "
                     "RSA private key (PEM) or a writable path"));
  }
  *created = true;
  return key;
}

}  // namespace

std::string IssuerFromFlags(const OAuthFlags& flags, bool tls, const std::string& listen_address) {
  if (flags.issuer == "none") return "";
  std::string issuer = flags.issuer.empty()
                           ? absl::StrCat(tls ? "https://" : "http://", listen_address)
                           : flags.issuer;
  while (absl::EndsWith(issuer, "/")) issuer.pop_back();
  return issuer;
}

absl::StatusOr<OAuthOptions> BuildOAuthOptions(const OAuthFlags& flags, bool tls,
                                               const std::string& listen_address,
                                               bool* created_key) {
  OAuthOptions options;
  options.token_lifetime = flags.token_lifetime;
  if (flags.token_lifetime < absl::Minutes(1) || flags.token_lifetime > absl::Hours(1)) {
    return absl::InvalidArgumentError(
        "--oauth-token-lifetime must lie between 1m and 1h (access tokens are short-lived)");
  }
  options.issuer = IssuerFromFlags(flags, tls, listen_address);
  if (!options.issuer.empty()) {
    if (!absl::StartsWith(options.issuer, "https://") &&
        !absl::StartsWith(options.issuer, "http://")) {
      return absl::InvalidArgumentError(
          "--oauth-issuer must be the gateway's public URL, e.g. https://api.swv.example, or none");
    }
    absl::StatusOr<RsaKey> key = LoadOrCreateKey(flags.signing_key_file, created_key);
    if (!key.ok()) return key.status();
    options.signing_key = *std::move(key);
  }
  options.audience =
      !flags.audience.empty() ? flags.audience : absl::StrCat(options.issuer, "/api/v1");
  if (options.issuer.empty() && flags.audience.empty() && !flags.trusted_issuers.empty()) {
    return absl::InvalidArgumentError(
        "--oauth-audience is required with --oauth-issuer=none: the aud the identity provider "
        "puts in tokens for this API");
  }
  for (absl::string_view entry : absl::StrSplit(flags.trusted_issuers, ',', absl::SkipEmpty())) {
    size_t eq = entry.rfind('=');
    TrustedIssuer trusted;
    if (eq == absl::string_view::npos || eq == 0 || eq + 1 == entry.size()) {
      return absl::InvalidArgumentError(
          "--oauth-trusted-issuers takes ISSUER=JWKS_FILE pairs, separated by commas");
    }
    trusted.issuer = std::string(absl::StripAsciiWhitespace(entry.substr(0, eq)));
    std::string file(absl::StripAsciiWhitespace(entry.substr(eq + 1)));
    absl::optional<std::string> jwks = ReadWholeFile(file);
    if (!jwks) {
      return absl::InvalidArgumentError(
          absl::StrCat("--oauth-trusted-issuers: cannot read the JWK Set file ", file));
    }
    absl::StatusOr<KeySet> keys = KeySet::FromJson(*jwks);
    if (!keys.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--oauth-trusted-issuers: ", file, ": ", keys.status().message()));
    }
    if (trusted.issuer == options.issuer) {
      return absl::InvalidArgumentError("--oauth-trusted-issuers names this gateway's own issuer");
    }
    trusted.keys = *std::move(keys);
    options.trusted.push_back(std::move(trusted));
  }
  return options;
}

}  // namespace swv::gateway::oauth
