// What a test of a refusal asserts on: the field paths a status names, in order. Header-only;
// thread-safe (pure function).
#ifndef SWV_TESTS_TESTING_FIELD_VIOLATIONS_H_
#define SWV_TESTS_TESTING_FIELD_VIOLATIONS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/kernel/errors.h"

namespace swv::testing {

inline std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

}  // namespace swv::testing

#endif  // SWV_TESTS_TESTING_FIELD_VIOLATIONS_H_
