// Reading a fuzz input as a sequence of text lines, so seed corpora are readable and editable by
// hand (tests/fuzz/<target>/corpus/*): line i is field i of whatever the target builds. Lines are
// split on '\n' only; every other byte (CR, NUL, invalid UTF-8) stays in the field, which is what
// the validators must survive. Reading past the end gives empty strings.
//
// Not thread-safe (one per fuzz input); borrows the input bytes.
#ifndef SWV_TESTS_FUZZ_FUZZ_INPUT_H_
#define SWV_TESTS_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/kernel/errors.h"

namespace swv::fuzz {

class FuzzLines {
 public:
  FuzzLines(const uint8_t* data, size_t size) : rest_(reinterpret_cast<const char*>(data), size) {}

  bool done() const { return rest_.empty(); }

  // The next line without its '\n'.
  std::string Next() {
    size_t end = rest_.find('\n');
    if (end == absl::string_view::npos) end = rest_.size();
    std::string line(rest_.substr(0, end));
    rest_.remove_prefix(end == rest_.size() ? end : end + 1);
    return line;
  }

  // Everything not read yet, newlines included (a body, a file).
  std::string Rest() {
    std::string out(rest_);
    rest_ = absl::string_view();
    return out;
  }

  // "1" or "true" (anything else is false).
  bool NextBool() {
    const std::string line = Next();
    return line == "1" || line == "true";
  }

  // An absent answer is "" (nullopt); anything else is a bool as NextBool.
  absl::optional<bool> NextOptionalBool() {
    const std::string line = Next();
    if (line.empty()) return absl::nullopt;
    return line == "1" || line == "true";
  }

  // A decimal int64 or nullopt when the line is not one.
  absl::optional<int64_t> NextInt() {
    int64_t value = 0;
    if (!absl::SimpleAtoi(Next(), &value)) return absl::nullopt;
    return value;
  }

  int64_t NextIntOr(int64_t fallback) { return NextInt().value_or(fallback); }

  // An enum by its stored name (`parse` is one of the domain's *FromName functions).
  template <typename Parse>
  auto NextEnum(Parse parse) -> decltype(parse(absl::string_view())) {
    return parse(Next());
  }

 private:
  absl::string_view rest_;
};

// A broken invariant: print what broke and abort, so libFuzzer records the input as a crash.
[[noreturn]] inline void Fail(const std::string& what) {
  std::cerr << "fuzz invariant broken: " << what << std::endl;
  std::abort();
}

#define SWV_FUZZ_CHECK(condition, what)        \
  do {                                         \
    if (!(condition)) ::swv::fuzz::Fail(what); \
  } while (0)

// What every validator promises (services/kernel/errors.h): bad input is refused with
// INVALID_ARGUMENT naming at least one field, or with FAILED_PRECONDITION / OUT_OF_RANGE carrying
// a reason; never another code, never an unnamed field.
inline void CheckRefusal(const absl::Status& status, const std::string& what) {
  if (status.ok()) return;
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument: {
      const std::vector<FieldViolation> violations = FieldViolationsOf(status);
      SWV_FUZZ_CHECK(!violations.empty(),
                     what + ": INVALID_ARGUMENT without a field: " + status.ToString());
      for (const FieldViolation& v : violations) {
        SWV_FUZZ_CHECK(!v.field.empty(),
                       what + ": violation without a field: " + status.ToString());
      }
      SWV_FUZZ_CHECK(!ReasonOf(status).empty(), what + ": no reason: " + status.ToString());
      return;
    }
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      SWV_FUZZ_CHECK(!ReasonOf(status).empty(), what + ": no reason: " + status.ToString());
      return;
    default:
      Fail(what + ": unexpected status " + status.ToString());
  }
}

// For rules that guard computations rather than check a request (money arithmetic, splits): the
// refusal carries a reason and one of those codes, but need not name a request field.
inline void CheckRuleRefusal(const absl::Status& status, const std::string& what) {
  if (status.ok()) return;
  const absl::StatusCode code = status.code();
  SWV_FUZZ_CHECK(code == absl::StatusCode::kInvalidArgument ||
                     code == absl::StatusCode::kOutOfRange ||
                     code == absl::StatusCode::kFailedPrecondition,
                 what + ": unexpected status " + status.ToString());
  SWV_FUZZ_CHECK(!ReasonOf(status).empty(), what + ": no reason: " + status.ToString());
}

}  // namespace swv::fuzz

#endif  // SWV_TESTS_FUZZ_FUZZ_INPUT_H_
