#include "services/common/db_metrics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "prometheus/text_serializer.h"

namespace swv {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(DatabaseMetricsTest, CountsLatencyPerOperationAndErrorsByCode) {
  prometheus::Registry registry;
  DatabaseMetrics metrics(registry);
  metrics.OnStatement("insert pupils", absl::Milliseconds(2), absl::StatusCode::kOk);
  metrics.OnStatement("insert pupils", absl::Milliseconds(3), absl::StatusCode::kAlreadyExists);
  metrics.OnStatement("ping", absl::Seconds(3), absl::StatusCode::kUnavailable);

  const std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  EXPECT_THAT(text,
              HasSubstr("swv_db_statement_duration_seconds_count{operation=\"insert pupils\"} 2"));
  EXPECT_THAT(text, HasSubstr("swv_db_statement_duration_seconds_count{operation=\"ping\"} 1"));
  EXPECT_THAT(
      text,
      HasSubstr(
          "swv_db_statement_errors_total{code=\"ALREADY_EXISTS\",operation=\"insert pupils\"} 1"));
  EXPECT_THAT(
      text, HasSubstr("swv_db_statement_errors_total{code=\"UNAVAILABLE\",operation=\"ping\"} 1"));
  EXPECT_THAT(text, Not(HasSubstr("code=\"OK\"")));
}

}  // namespace
}  // namespace swv
