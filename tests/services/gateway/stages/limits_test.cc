// The limits stage alone: body size per route kind, content type, the 429 answer.
#include "services/gateway/stages/limits.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace swv::gateway {
namespace {

TEST(LimitsStageTest, BodySizeIsCheckedAgainstTheRoutesOwnLimit) {
  const BodyLimits limits{100, 1000};
  Route normal;
  Route bulk;
  bulk.bulk = true;
  EXPECT_EQ(CheckBodySize(normal, 100, limits, "/x"), nullptr);
  std::unique_ptr<HttpResponse> refused = CheckBodySize(normal, 101, limits, "/x");
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->status, 413);
  EXPECT_TRUE(absl::StrContains(refused->body, "BODY_TOO_LARGE")) << refused->body;
  EXPECT_TRUE(absl::StrContains(refused->body, "at most 100")) << refused->body;
  EXPECT_EQ(CheckBodySize(bulk, 1000, limits, "/x"), nullptr);
  ASSERT_NE(CheckBodySize(bulk, 1001, limits, "/x"), nullptr);
}

TEST(LimitsStageTest, OnlyJsonBodiesAreTaken) {
  HttpRequest request;
  request.path = "/x";
  EXPECT_EQ(CheckContentType(request), nullptr);  // no body, no check
  request.body = "{}";
  EXPECT_EQ(CheckContentType(request), nullptr);  // no type: read as JSON
  for (const char* type : {"application/json", "application/json; charset=utf-8",
                           "Application/JSON", "application/merge-patch+json"}) {
    request.headers = {{"Content-Type", type}};
    EXPECT_EQ(CheckContentType(request), nullptr) << type;
  }
  for (const char* type : {"text/plain", "application/xml", "multipart/form-data"}) {
    request.headers = {{"Content-Type", type}};
    std::unique_ptr<HttpResponse> refused = CheckContentType(request);
    ASSERT_NE(refused, nullptr) << type;
    EXPECT_EQ(refused->status, 415);
  }
}

TEST(LimitsStageTest, TooManyRequestsSaysWhenToRetryInWholeSeconds) {
  HttpResponse response = TooManyRequests("slow down", absl::Milliseconds(1200), "/x");
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.Header("Retry-After"), "2");
  EXPECT_EQ(TooManyRequests("slow down", absl::Milliseconds(5), "/x").Header("Retry-After"), "1");
}

}  // namespace
}  // namespace swv::gateway
