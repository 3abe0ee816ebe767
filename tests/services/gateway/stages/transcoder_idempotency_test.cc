// The transcoding stage's Idempotency-Key: it becomes the request_id, unless the body names
// another one.
#include "gtest/gtest.h"
#include "services/gateway/transcoder.h"
#include "services/kernel/errors.h"
#include "swv/v1/registrations.pb.h"

namespace swv::gateway {
namespace {

TEST(TranscodingStageTest, IdempotencyKeyBecomesTheRequestId) {
  swv::v1::ReportThuiszitterRequest request;
  EXPECT_TRUE(ApplyIdempotencyKey("  key-1 ", &request).ok());
  EXPECT_EQ(request.request_id(), "key-1");
  EXPECT_TRUE(ApplyIdempotencyKey("key-1", &request).ok());  // the same twice: fine
  absl::Status conflict = ApplyIdempotencyKey("key-2", &request);
  EXPECT_EQ(ReasonOf(conflict), "CONFLICTING_REQUEST_ID");
  EXPECT_EQ(FieldViolationsOf(conflict).at(0).field, "Idempotency-Key");
  swv::v1::GetThuiszitterRequest get;  // no request_id: ignored
  EXPECT_TRUE(ApplyIdempotencyKey("key-1", &get).ok());
}

}  // namespace
}  // namespace swv::gateway
