// Page tokens: bound to the list, the filters and the caller; sealed; shared by replicas that
// share the secret.
#include "services/common/page_token.h"

#include <string>

#include "absl/strings/escaping.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv {
namespace {

Principal Board(const std::string& board, const std::string& id = "board:PO2203:cr-1") {
  Principal p;
  p.id = id;
  p.kind = PrincipalKind::kBoard;
  p.tenant = "PO2203";
  p.scope = {board};
  return p;
}

PageBinding Cases(const Principal& caller, const std::string& school = "") {
  PageBinding binding("thuiszitters", "PO2203", caller);
  binding.Filter("school", school);
  return binding;
}

void ExpectRefused(const absl::StatusOr<std::string>& decoded) {
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReasonOf(decoded.status()), "INVALID_PAGE_TOKEN");
  ASSERT_EQ(FieldViolationsOf(decoded.status()).size(), 1u);
  EXPECT_EQ(FieldViolationsOf(decoded.status())[0].field, "page_token");
}

TEST(PageTokenTest, DecodesOnlyWithTheSameBinding) {
  const std::string token = Cases(Board("B1")).Encode("42");
  EXPECT_EQ(*Cases(Board("B1")).Decode(token), "42");
  ExpectRefused(Cases(Board("B2")).Decode(token));
  ExpectRefused(Cases(Board("B1", "board:PO2203:cr-2")).Decode(token));
  ExpectRefused(Cases(Board("B1"), "12AB00").Decode(token));
  ExpectRefused(PageBinding("exemptions", "PO2203", Board("B1")).Decode(token));
  ExpectRefused(
      PageBinding("thuiszitters", "PO2204", Board("B1")).Filter("school", "").Decode(token));
}

TEST(PageTokenTest, RefusesAlteredAndForgedTokensAndHidesThePosition) {
  const std::string token = Cases(Board("B1")).Encode("42");
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token, &raw));
  EXPECT_EQ(raw.find("42"), std::string::npos);
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string altered = raw;
    altered[i] ^= 0x01;
    ExpectRefused(Cases(Board("B1")).Decode(absl::WebSafeBase64Escape(altered)));
  }
  ExpectRefused(Cases(Board("B1")).Decode(absl::WebSafeBase64Escape("v1:42")));
  ExpectRefused(Cases(Board("B1")).Decode("not base64!"));
  ExpectRefused(Cases(Board("B1")).Decode(""));
}

// Two replicas configured with one secret derive one key; another secret refuses the token.
TEST(PageTokenTest, ReplicasWithTheSameSecretAcceptEachOthersTokens) {
  ConfigurePageTokenSecret("replica secret, at least 16 characters");
  const std::string token = Cases(Board("B1")).Encode("7");
  ConfigurePageTokenSecret("another secret, at least 16 characters");
  ExpectRefused(Cases(Board("B1")).Decode(token));
  ConfigurePageTokenSecret("replica secret, at least 16 characters");
  EXPECT_EQ(*Cases(Board("B1")).Decode(token), "7");
}

}  // namespace
}  // namespace swv
