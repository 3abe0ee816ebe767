#include "services/common/grpc_status.h"

#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/logging.h"
#include "services/kernel/errors.h"
#include "swv/v1/error.pb.h"

namespace swv {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(GrpcStatusTest, OkMapsToOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, ViolationsAndReasonSurviveTheRoundTrip) {
  absl::Status original = InvalidFields(
      "INVALID_REGISTRATION", {{"school.brin", "must be 4 characters"},
                               {"thuiszitter.absence_start", "must not lie in the future"}});
  grpc::Status wire = ToGrpcStatus(original);
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(wire.error_message(), original.message());

  // The details are a standard google.rpc.Status that other tooling can read.
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(wire.error_details()));
  EXPECT_EQ(details.code(), 3);
  ASSERT_EQ(details.details_size(), 2);
  EXPECT_EQ(details.details(0).type_url(), "type.googleapis.com/google.rpc.BadRequest");
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(1).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_REGISTRATION");
  EXPECT_EQ(info.domain(), "swv.passendonderwijs");

  absl::Status back = FromGrpcStatus(wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), original.message());
  EXPECT_EQ(ReasonOf(back), "INVALID_REGISTRATION");
  EXPECT_THAT(
      FieldViolationsOf(back),
      ElementsAre(FieldViolation{"school.brin", "must be 4 characters"},
                  FieldViolation{"thuiszitter.absence_start", "must not lie in the future"}));
}

TEST(GrpcStatusTest, ReasonWithoutFieldKeepsCodeAndMessage) {
  absl::Status original = ErrorWithReason(absl::StatusCode::kFailedPrecondition,
                                          "TLV_ALREADY_DECIDED", "the TLV was decided on 3 May");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_EQ(back.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(back.message(), "the TLV was decided on 3 May");
  EXPECT_EQ(ReasonOf(back), "TLV_ALREADY_DECIDED");
  EXPECT_TRUE(FieldViolationsOf(back).empty());
}

TEST(GrpcStatusTest, ReasonWithFieldOnAnyCode) {
  absl::Status original = ErrorWithReason(absl::StatusCode::kAlreadyExists, "DUPLICATE_REQUEST",
                                          "was already used", "request_id");
  absl::Status back = FromGrpcStatus(ToGrpcStatus(original));
  EXPECT_EQ(back.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(back.message(), original.message());
  EXPECT_EQ(ReasonOf(back), "DUPLICATE_REQUEST");
  EXPECT_THAT(FieldViolationsOf(back),
              ElementsAre(FieldViolation{"request_id", "was already used"}));
}

TEST(GrpcStatusTest, PlainStatusHasNoDetails) {
  grpc::Status wire = ToGrpcStatus(absl::NotFoundError("school 12AB00 not found"));
  EXPECT_EQ(wire.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(wire.error_message(), "school 12AB00 not found");
  EXPECT_TRUE(wire.error_details().empty());
  absl::Status back = FromGrpcStatus(wire);
  EXPECT_EQ(back, absl::NotFoundError("school 12AB00 not found"));
}

TEST(GrpcStatusTest, EveryCanonicalCodeKeepsItsNumber) {
  for (int code = 1; code <= 16; ++code) {
    if (code == 2 || code == 13 || code == 15) continue;  // scrubbed, below
    absl::Status original(static_cast<absl::StatusCode>(code), "m");
    grpc::Status wire = ToGrpcStatus(original);
    EXPECT_EQ(static_cast<int>(wire.error_code()), code);
    EXPECT_EQ(FromGrpcStatus(wire).code(), original.code());
  }
}

TEST(GrpcStatusTest, InternalIsScrubbedAndLogged) {
  std::vector<std::string> lines;
  absl::Mutex mu;
  SetLogSinkForTesting([&](absl::string_view line) {
    absl::MutexLock lock(&mu);
    lines.emplace_back(line);
  });
  absl::Status original =
      ErrorWithReason(absl::StatusCode::kInternal, "DB",
                      "near \"SELEC\": syntax error in SELEC * FROM pupils WHERE id=?");
  grpc::Status wire = ToGrpcStatus(original);
  for (absl::StatusCode code : {absl::StatusCode::kUnknown, absl::StatusCode::kDataLoss}) {
    EXPECT_THAT(ToGrpcStatus(absl::Status(code, "secret path /var/lib")).error_message(),
                Not(HasSubstr("secret")));
  }
  SetLogSinkForTesting(nullptr);

  EXPECT_EQ(wire.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_THAT(wire.error_message(), HasSubstr("internal error (ref "));
  EXPECT_THAT(wire.error_message(), Not(HasSubstr("SELEC")));
  EXPECT_TRUE(wire.error_details().empty());

  ASSERT_GE(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("SELEC * FROM pupils"));
  EXPECT_THAT(lines[0], HasSubstr("\"level\":\"error\""));
  // The client's ref matches the logged one.
  std::string ref = wire.error_message().substr(wire.error_message().find("ref ") + 4, 16);
  EXPECT_THAT(lines[0], HasSubstr("\"ref\":\"" + ref + "\""));
}

TEST(GrpcStatusTest, GarbageDetailsAreIgnored) {
  grpc::Status wire(grpc::StatusCode::INVALID_ARGUMENT, "bad", "\xff\xff not a proto");
  absl::Status back = FromGrpcStatus(wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), "bad");
  EXPECT_TRUE(FieldViolationsOf(back).empty());
}

}  // namespace
}  // namespace swv
