#include "services/common/page_token.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/common/logging.h"
#include "services/kernel/errors.h"

namespace swv {
namespace {

constexpr size_t kKeySize = 32;    // AES-256
constexpr size_t kNonceSize = 12;  // the GCM standard nonce
constexpr size_t kTagSize = 16;
constexpr char kFormat = 'A';  // first byte of every token, sealed along with the binding
constexpr char kKeyLabel[] = "swv page tokens v1";

using Key = std::array<unsigned char, kKeySize>;

struct KeyState {
  absl::Mutex mu;
  Key key ABSL_GUARDED_BY(mu);
  bool have_key ABSL_GUARDED_BY(mu) = false;
  bool configured ABSL_GUARDED_BY(mu) = false;
  bool warned ABSL_GUARDED_BY(mu) = false;
};

KeyState& State() {
  static KeyState* state = new KeyState();
  return *state;
}

Key CurrentKey() {
  KeyState& state = State();
  absl::MutexLock lock(&state.mu);
  if (!state.have_key) {
    if (RAND_bytes(state.key.data(), kKeySize) != 1) std::abort();  // no key, no safe tokens
    state.have_key = true;
  }
  if (!state.configured && !state.warned) {
    state.warned = true;
    LogWarn(
        "page tokens are sealed with a random key of this process; they fail on other "
        "replicas and after a restart: set --page-token-secret (SWV_PAGE_TOKEN_SECRET)");
  }
  return state.key;
}

struct CipherDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using Cipher = std::unique_ptr<EVP_CIPHER_CTX, CipherDeleter>;

const unsigned char* Bytes(absl::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// nonce | ciphertext | tag. Aborts when OpenSSL fails: a list must not end early or go unsealed.
std::string Seal(const Key& key, absl::string_view aad, absl::string_view plain) {
  std::string out(kNonceSize + plain.size() + kTagSize, '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(&out[0]);
  auto* body = nonce + kNonceSize;
  Cipher ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  if (RAND_bytes(nonce, kNonceSize) != 1 || !ctx ||
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), body, &len, Bytes(plain), static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), body + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, body + plain.size()) != 1) {
    std::abort();
  }
  return out;
}

bool Open(const Key& key, absl::string_view aad, absl::string_view sealed, std::string* plain) {
  if (sealed.size() < kNonceSize + kTagSize) return false;
  const unsigned char* nonce = Bytes(sealed);
  absl::string_view body = sealed.substr(kNonceSize, sealed.size() - kNonceSize - kTagSize);
  std::string tag(sealed.substr(sealed.size() - kTagSize));
  plain->assign(body.size(), '\0');
  auto* out = reinterpret_cast<unsigned char*>(&(*plain)[0]);
  Cipher ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  return ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), nonce) == 1 &&
         EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) ==
             1 &&
         EVP_DecryptUpdate(ctx.get(), out, &len, Bytes(body), static_cast<int>(body.size())) == 1 &&
         EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, &tag[0]) == 1 &&
         EVP_DecryptFinal_ex(ctx.get(), out + len, &len) == 1;
}

std::string Aad(absl::string_view bound) { return absl::StrCat(std::string(1, kFormat), bound); }

absl::Status InvalidToken() {
  return InvalidField("page_token", "INVALID_PAGE_TOKEN",
                      "is not a token this list returned for these filters and this caller; "
                      "start again without one");
}

}  // namespace

void ConfigurePageTokenSecret(absl::string_view secret) {
  if (secret.empty()) return;
  Key key;
  unsigned int len = 0;
  // HMAC as a key derivation: every replica with the same secret gets the same key.
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), Bytes(kKeyLabel),
       sizeof(kKeyLabel) - 1, key.data(), &len);
  KeyState& state = State();
  absl::MutexLock lock(&state.mu);
  state.key = key;
  state.have_key = true;
  state.configured = true;
}

PageBinding::PageBinding(absl::string_view list, absl::string_view tenant,
                         const Principal& caller) {
  Append(list);
  Append(tenant);
  Append(caller.id);
  Append(PrincipalKindName(caller.kind));
  Append(caller.tenant);
  // The reach is the scope as a set: the same codes in another order reach the same rows.
  std::vector<std::string> scope = caller.scope;
  std::sort(scope.begin(), scope.end());
  Append(absl::StrCat(scope.size()));
  for (const std::string& code : scope) Append(code);
}

PageBinding& PageBinding::Filter(absl::string_view name, absl::string_view value) {
  Append(name);
  Append(value);
  return *this;
}

void PageBinding::Append(absl::string_view part) {
  absl::StrAppend(&bound_, part.size(), ":", part, ";");
}

std::string PageBinding::Encode(absl::string_view position) const {
  return absl::WebSafeBase64Escape(
      absl::StrCat(std::string(1, kFormat), Seal(CurrentKey(), Aad(bound_), position)));
}

absl::StatusOr<std::string> PageBinding::Decode(absl::string_view token) const {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.empty() || raw[0] != kFormat) {
    return InvalidToken();
  }
  std::string position;
  if (!Open(CurrentKey(), Aad(bound_), absl::string_view(raw).substr(1), &position) ||
      position.empty()) {
    return InvalidToken();
  }
  return position;
}

}  // namespace swv
