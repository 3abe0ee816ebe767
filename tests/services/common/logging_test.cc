#include "services/common/logging.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/captured_log.h"

namespace swv {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

TEST(FormatLogLineTest, OneJsonObjectPerLine) {
  absl::Time t = absl::FromUnixMillis(1714555800123);  // 2024-05-01T09:30:00.123Z
  std::string line = FormatLogLine(t, LogLevel::kWarn, "swv-test", "say \"hi\"",
                                   {{"port", "50051"}, {"weird\nkey", "v"}});
  EXPECT_EQ(line,
            "{\"ts\":\"2024-05-01T09:30:00.123Z\",\"level\":\"warn\",\"service\":\"swv-test\","
            "\"msg\":\"say \\\"hi\\\"\",\"port\":\"50051\",\"weird\\nkey\":\"v\"}\n");
}

using ::swv::testing::CapturedLog;

TEST(LogTest, LevelFilterAndServiceName) {
  CapturedLog log;
  InitLogging("swv-test", "warn");
  LogDebug("no");
  LogInfo("no");
  LogWarn("yes-warn", {{"k", "v"}});
  LogError("yes-error");
  InitLogging("swv-test", "info");
  std::vector<std::string> lines = log.lines();
  ASSERT_EQ(lines.size(), 2u);
  ASSERT_EQ(lines[0].back(), '\n');
  EXPECT_THAT(lines[0].substr(0, lines[0].size() - 1),
              MatchesRegex(R"(\{"ts":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}Z",)"
                           R"("level":"warn","service":"swv-test","msg":"yes-warn",)"
                           R"("k":"v"\})"));
  EXPECT_THAT(lines[1], HasSubstr("\"level\":\"error\""));
}

TEST(LogTest, ConcurrentLinesStayWhole) {
  CapturedLog log;
  InitLogging("swv-test", "info");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < 200; ++i) LogInfo("tick", {{"thread", std::to_string(t)}});
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::vector<std::string> lines = log.lines();
  ASSERT_EQ(lines.size(), 800u);
  for (const std::string& line : lines) {
    ASSERT_EQ(line.back(), '\n');
    EXPECT_THAT(line.substr(0, line.size() - 1),
                MatchesRegex(R"(\{"ts":"[^"]*","level":"info",)"
                             R"(.*"msg":"tick","thread":"[0-3]"\})"));
  }
}

TEST(ParseLogLevelTest, KnownNamesOnly) {
  LogLevel level;
  EXPECT_TRUE(ParseLogLevel("debug", &level));
  EXPECT_EQ(level, LogLevel::kDebug);
  EXPECT_TRUE(ParseLogLevel("error", &level));
  EXPECT_EQ(level, LogLevel::kError);
  EXPECT_FALSE(ParseLogLevel("INFO", &level));
  EXPECT_FALSE(ParseLogLevel("warning", &level));
}

TEST(FormatLogLineTest, ALineUnderATraceEndsWithItsIds) {
  TraceContext trace{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true};
  std::string line = FormatLogLine(absl::UnixEpoch(), LogLevel::kInfo, "s", "m", {}, &trace);
  EXPECT_THAT(line, HasSubstr(R"("msg":"m","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736",)"
                              R"("span_id":"00f067aa0ba902b7"})"));
}

TEST(LogTest, LinesWrittenWhileATraceIsCurrentCarryIt) {
  CapturedLog log;
  LogInfo("before");
  {
    ScopedTrace trace(TraceContext{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", false});
    LogInfo("during");
  }
  LogInfo("after");
  std::vector<std::string> lines = log.lines();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[0], Not(HasSubstr("trace_id")));
  EXPECT_THAT(lines[1], HasSubstr(R"("trace_id":"4bf92f3577b34da6a3ce929d0e0e4736")"));
  EXPECT_THAT(lines[2], Not(HasSubstr("trace_id")));
}

}  // namespace
}  // namespace swv
