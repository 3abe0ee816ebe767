#include "services/common/options.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace swv {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// A fake environment.
EnvLookup Env(std::map<std::string, std::string> vars) {
  return [vars](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

absl::Status Parse(OptionParser& parser, std::vector<const char*> args,
                   std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), "prog");
  return parser.Parse(static_cast<int>(args.size()), args.data(), Env(std::move(env)));
}

struct Fixture {
  ServerOptions options;
  int workers = 4;
  bool verbose = false;
  OptionParser parser{"prog", "A test program."};
  Fixture() {
    AddServerOptions(parser, &options);
    parser.AddInt("workers", "SWV_WORKERS", "worker count", &workers);
    parser.AddBool("verbose", "SWV_VERBOSE", "chatty", &verbose);
  }
};

TEST(OptionParserTest, DefaultsStayWhenNothingGiven) {
  Fixture f;
  ASSERT_TRUE(Parse(f.parser, {}).ok());
  EXPECT_EQ(f.options.grpc_address, "127.0.0.1:50051");
  EXPECT_EQ(f.options.http_address, "127.0.0.1:9464");
  EXPECT_EQ(f.options.database_url, "sqlite:var/swv.db");
  EXPECT_EQ(f.options.log_level, "info");
  EXPECT_EQ(f.options.shutdown_grace, absl::Seconds(10));
  EXPECT_EQ(f.workers, 4);
  EXPECT_FALSE(f.verbose);
  EXPECT_FALSE(f.parser.help_requested());
}

TEST(OptionParserTest, FlagBeatsEnvBeatsDefault) {
  Fixture f;
  ASSERT_TRUE(Parse(f.parser, {"--grpc-address=0.0.0.0:1"},
                    {{"SWV_GRPC_ADDRESS", "10.0.0.1:2"}, {"SWV_HTTP_ADDRESS", "10.0.0.1:3"}})
                  .ok());
  EXPECT_EQ(f.options.grpc_address, "0.0.0.0:1");   // flag
  EXPECT_EQ(f.options.http_address, "10.0.0.1:3");  // env
  EXPECT_EQ(f.options.log_level, "info");           // default
}

TEST(OptionParserTest, AcceptsSpaceSeparatedValuesUnderscoresAndLastWins) {
  Fixture f;
  ASSERT_TRUE(Parse(f.parser, {"--log-level", "debug", "--shutdown_grace=1m30s", "--workers", "7",
                               "--workers=9"})
                  .ok());
  EXPECT_EQ(f.options.log_level, "debug");
  EXPECT_EQ(f.options.shutdown_grace, absl::Seconds(90));
  EXPECT_EQ(f.workers, 9);
}

TEST(OptionParserTest, Bools) {
  Fixture f;
  ASSERT_TRUE(Parse(f.parser, {"--verbose"}).ok());
  EXPECT_TRUE(f.verbose);
  ASSERT_TRUE(Parse(f.parser, {"--verbose=false"}).ok());
  EXPECT_FALSE(f.verbose);
  ASSERT_TRUE(Parse(f.parser, {}, {{"SWV_VERBOSE", "yes"}}).ok());
  EXPECT_TRUE(f.verbose);
  absl::Status status = Parse(f.parser, {"--verbose=perhaps"});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), AllOf(HasSubstr("--verbose"), HasSubstr("SWV_VERBOSE")));
}

TEST(OptionParserTest, EnvDurationAndInt) {
  Fixture f;
  ASSERT_TRUE(
      Parse(f.parser, {}, {{"SWV_SHUTDOWN_GRACE", "250ms"}, {"SWV_HTTP_THREADS", "3"}}).ok());
  EXPECT_EQ(f.options.shutdown_grace, absl::Milliseconds(250));
  EXPECT_EQ(f.options.http_threads, 3);
}

TEST(OptionParserTest, AddressesAndDurationLimitsAreCheckedAsTheyAreRead) {
  OptionParser parser("swv-test", "");
  std::string target = "127.0.0.1:50051";
  absl::Duration deadline = absl::Seconds(10);
  absl::Duration max_age = absl::Minutes(5);
  parser.AddAddress("peer-target", "SWV_PEER_TARGET", "the peer", &target);
  parser.AddDuration("deadline", "SWV_DEADLINE", "a deadline", &deadline,
                     OptionParser::DurationLimit::kPositive);
  parser.AddDuration("max-age", "SWV_MAX_AGE", "an age", &max_age,
                     OptionParser::DurationLimit::kNotNegative);
  ASSERT_TRUE(Parse(parser, {"--peer-target=[::1]:50052", "--deadline=2s", "--max-age=0"}).ok());
  EXPECT_EQ(target, "[::1]:50052");
  EXPECT_EQ(deadline, absl::Seconds(2));
  EXPECT_EQ(max_age, absl::ZeroDuration());

  absl::Status bad_target = Parse(parser, {}, {{"SWV_PEER_TARGET", "peer-without-port"}});
  EXPECT_EQ(bad_target.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_target.message(), AllOf(HasSubstr("--peer-target"), HasSubstr("SWV_PEER_TARGET"),
                                          HasSubstr("peer-without-port"), HasSubstr("host:port")));
  absl::Status zero_deadline = Parse(parser, {"--deadline=0s"});
  EXPECT_EQ(zero_deadline.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(zero_deadline.message(), AllOf(HasSubstr("--deadline"), HasSubstr("positive")));
  absl::Status negative_age = Parse(parser, {"--max-age=-1s"});
  EXPECT_EQ(negative_age.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(negative_age.message(), AllOf(HasSubstr("--max-age"), HasSubstr("negative")));
  EXPECT_THAT(parser.Usage(), HasSubstr("--peer-target=HOST:PORT"));
}

TEST(OptionParserTest, HelpIsReportedNotAnError) {
  Fixture f;
  ASSERT_TRUE(Parse(f.parser, {"--bogus", "--help"}).ok());
  EXPECT_TRUE(f.parser.help_requested());
  std::string usage = f.parser.Usage();
  EXPECT_THAT(usage, AllOf(HasSubstr("--grpc-address"), HasSubstr("SWV_GRPC_ADDRESS"),
                           HasSubstr("127.0.0.1:50051"), HasSubstr("--workers"),
                           HasSubstr("A test program.")));
}

struct ErrorCase {
  std::vector<const char*> args;
  std::map<std::string, std::string> env;
  std::vector<std::string> must_mention;
};

TEST(OptionParserTest, EveryErrorNamesTheFlagAndEnvVar) {
  std::vector<ErrorCase> cases = {
      {{"--nope=1"}, {}, {"--nope"}},
      {{"--workers=ten"}, {}, {"--workers", "SWV_WORKERS", "ten"}},
      {{"--workers=99999999999"}, {}, {"--workers", "SWV_WORKERS"}},
      {{}, {{"SWV_WORKERS", "1.5"}}, {"--workers", "SWV_WORKERS", "environment"}},
      {{"--shutdown-grace=10"}, {}, {"--shutdown-grace", "SWV_SHUTDOWN_GRACE"}},
      {{"--shutdown-grace=inf"}, {}, {"--shutdown-grace", "SWV_SHUTDOWN_GRACE"}},
      {{}, {{"SWV_READINESS_TIMEOUT", "soon"}}, {"--readiness-timeout", "SWV_READINESS_TIMEOUT"}},
      {{"--grpc-address"}, {}, {"--grpc-address", "SWV_GRPC_ADDRESS", "needs a value"}},
      {{"positional"}, {}, {"positional"}},
  };
  for (const ErrorCase& c : cases) {
    Fixture f;
    absl::Status status = Parse(f.parser, c.args, c.env);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
    for (const std::string& word : c.must_mention) {
      EXPECT_THAT(std::string(status.message()), HasSubstr(word));
    }
  }
}

ServerOptions Valid() {
  ServerOptions options;
  options.service_name = "swv-test";
  return options;
}

TEST(ValidateServerOptionsTest, DefaultsWithANameAreValid) {
  EXPECT_TRUE(ValidateServerOptions(Valid()).ok());
  ServerOptions options = Valid();
  options.grpc_address = "[::1]:0";
  options.http_address = "0.0.0.0:0";
  options.database_url = "mysql://u:p@db:3306/swv";
  options.shutdown_grace = absl::ZeroDuration();
  EXPECT_TRUE(ValidateServerOptions(options).ok());
}

TEST(ValidateServerOptionsTest, RejectsEachBadValueNamingTheOption) {
  struct Case {
    std::function<void(ServerOptions&)> mutate;
    std::string must_mention;
  };
  std::vector<Case> cases = {
      {[](ServerOptions& o) { o.service_name = ""; }, "SWV_SERVICE_NAME"},
      {[](ServerOptions& o) { o.service_name = "bad name"; }, "--service-name"},
      {[](ServerOptions& o) { o.grpc_address = "localhost"; }, "--grpc-address"},
      {[](ServerOptions& o) { o.grpc_address = "localhost:65536"; }, "SWV_GRPC_ADDRESS"},
      {[](ServerOptions& o) { o.grpc_address = ":50051"; }, "--grpc-address"},
      {[](ServerOptions& o) { o.grpc_address = "::1:50051"; }, "brackets"},
      {[](ServerOptions& o) { o.http_address = "127.0.0.1:-1"; }, "--http-address"},
      {[](ServerOptions& o) { o.http_address = "127.0.0.1:x"; }, "SWV_HTTP_ADDRESS"},
      {[](ServerOptions& o) { o.http_address = "127.0.0.1:50051"; }, "same port"},
      {[](ServerOptions& o) { o.database_url = "postgres://x"; }, "--database-url"},
      {[](ServerOptions& o) { o.log_level = "verbose"; }, "--log-level"},
      {[](ServerOptions& o) { o.shutdown_grace = absl::Seconds(-1); }, "--shutdown-grace"},
      {[](ServerOptions& o) { o.http_threads = 0; }, "--http-threads"},
      {[](ServerOptions& o) { o.readiness_timeout = absl::ZeroDuration(); }, "--readiness-timeout"},
      {[](ServerOptions& o) { o.page_token_secret = "short"; }, "--page-token-secret"},
  };
  for (const Case& c : cases) {
    ServerOptions options = Valid();
    c.mutate(options);
    absl::Status status = ValidateServerOptions(options);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.must_mention;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.must_mention));
  }
}

TEST(ValidateServerOptionsTest, DatabaseUrlIsNotEchoed) {
  ServerOptions options = Valid();
  options.database_url = "postgres://user:secret@db/x";
  absl::Status status = ValidateServerOptions(options);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), ::testing::Not(HasSubstr("secret")));
}

TEST(ParseHostPortTest, SplitsHostAndPort) {
  std::string host;
  int port = -1;
  ASSERT_TRUE(ParseHostPort("[::1]:8080", "x", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseHostPort("localhost:0", "x", &host, &port).ok());
  EXPECT_EQ(host, "localhost");
  EXPECT_EQ(port, 0);
}

void RunMain(const char* flag) {
  ServerOptions options;
  options.service_name = "swv-test";
  OptionParser parser("swv-test", "");
  AddServerOptions(parser, &options);
  const char* argv[] = {"swv-test", flag};
  ParseOrExit(
      parser, 2, argv, [&] { return ValidateServerOptions(options); }, Env({}));
}

TEST(ParseOrExitTest, BadConfigurationExitsWithCode2AndSaysWhatToFix) {
  EXPECT_EXIT(RunMain("--log-level=loud"), ::testing::ExitedWithCode(2), "swv-test: .*--log-level");
  EXPECT_EXIT(RunMain("--bogus"), ::testing::ExitedWithCode(2), "unknown flag --bogus");
}

TEST(ParseOrExitTest, HelpExitsZero) {
  EXPECT_EXIT(RunMain("--help"), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace swv
