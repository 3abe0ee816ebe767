// A throwaway OAuth party for tests: an RSA key that signs client assertions or access tokens as
// any issuer, and self-signed certificates for TLS client authentication.
#ifndef SWV_TESTS_SERVICES_GATEWAY_OAUTH_TEST_ISSUER_H_
#define SWV_TESTS_SERVICES_GATEWAY_OAUTH_TEST_ISSUER_H_

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/common/ids.h"
#include "services/gateway/oauth/jose.h"
#include "services/kernel/json.h"

namespace swv::gateway::testing {

class TestIssuer {
 public:
  TestIssuer() : key_(*oauth::RsaKey::Generate()) {}

  const oauth::RsaKey& key() const { return key_; }
  std::string Jwks(const std::string& kid = "test-key") const {
    oauth::KeySet keys;
    keys.Add(kid, key_);
    return keys.ToJson();
  }

  // A JWT with these claims (a JSON object), signed with this key.
  std::string Sign(const std::string& claims_json, const std::string& kid = "test-key",
                   const std::string& alg = "RS256") const {
    absl::StatusOr<std::string> token = oauth::SignJws(claims_json, key_, kid, "JWT", alg);
    EXPECT_TRUE(token.ok()) << token.status();
    return token.ok() ? *token : "";
  }

  // A private_key_jwt client assertion of `client` for `audience`, valid for `lifetime`.
  std::string Assertion(const std::string& client, const std::string& audience, absl::Time now,
                        absl::Duration lifetime = absl::Minutes(1)) const {
    return Sign(JsonObject()
                    .String("iss", client)
                    .String("sub", client)
                    .String("aud", audience)
                    .Int("iat", absl::ToUnixSeconds(now))
                    .Int("exp", absl::ToUnixSeconds(now + lifetime))
                    .String("jti", RandomId("jti-"))
                    .Build());
  }

  // A self-signed certificate of this key (PEM), for TLS client authentication.
  std::string Certificate(const std::string& common_name) const {
    X509* certificate = X509_new();
    X509_set_version(certificate, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate), 3600L * 24 * 365);
    X509_set_pubkey(certificate, key_.pkey());
    X509_NAME* name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(certificate, name);
    X509_sign(certificate, key_.pkey(), EVP_sha256());
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, certificate);
    char* data = nullptr;
    long length = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<size_t>(length));
    BIO_free(bio);
    X509_free(certificate);
    return pem;
  }

 private:
  oauth::RsaKey key_;
};

}  // namespace swv::gateway::testing

#endif  // SWV_TESTS_SERVICES_GATEWAY_OAUTH_TEST_ISSUER_H_
