// What the registrations domain tests share: the checks of the violations in a status (fields,
// code and reason). The "today" of each test file's validations stays in that file.
#ifndef SWV_TESTS_SERVICES_REGISTRATIONS_DOMAIN_DOMAIN_TEST_HELPERS_H_
#define SWV_TESTS_SERVICES_REGISTRATIONS_DOMAIN_DOMAIN_TEST_HELPERS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "tests/testing/field_violations.h"

namespace swv::registrations {

using Day = absl::CivilDay;

using ::swv::testing::FieldsOf;

// Asserts `code`, `reason` and exactly one violation on `field` (none when `field` is empty: a
// refusal of the request as a whole).
inline void ExpectOneViolation(const absl::Status& status, absl::StatusCode code,
                               absl::string_view field, absl::string_view reason) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_EQ(ReasonOf(status), reason) << status;
  if (field.empty()) {
    EXPECT_THAT(FieldsOf(status), ::testing::IsEmpty()) << status;
  } else {
    EXPECT_THAT(FieldsOf(status), ::testing::ElementsAre(std::string(field))) << status;
  }
}

// One violation on `field` with `reason`, INVALID_ARGUMENT.
inline void ExpectInvalid(const absl::Status& status, absl::string_view field,
                          absl::string_view reason) {
  ExpectOneViolation(status, absl::StatusCode::kInvalidArgument, field, reason);
}

// FAILED_PRECONDITION with `reason`.
inline void ExpectPrecondition(const absl::Status& status, absl::string_view reason) {
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(ReasonOf(status), reason) << status;
}

}  // namespace swv::registrations

#endif  // SWV_TESTS_SERVICES_REGISTRATIONS_DOMAIN_DOMAIN_TEST_HELPERS_H_
