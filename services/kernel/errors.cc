#include "services/kernel/errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/types/optional.h"

namespace swv {
namespace {

// Payload keys. Violations are stored one per line as "field\tdescription"; neither part may
// contain a newline or tab, which we replace by spaces.
constexpr char kViolationsKey[] = "swv.passendonderwijs/field-violations";
constexpr char kReasonKey[] = "swv.passendonderwijs/reason";

std::string Clean(absl::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace

absl::Status InvalidField(absl::string_view field, absl::string_view reason,
                          absl::string_view description) {
  return InvalidFields(reason, {FieldViolation{std::string(field), std::string(description)}});
}

absl::Status InvalidFields(absl::string_view reason,
                           const std::vector<FieldViolation>& violations) {
  return FieldsError(absl::StatusCode::kInvalidArgument, reason, violations);
}

absl::Status FieldsError(absl::StatusCode code, absl::string_view reason,
                         const std::vector<FieldViolation>& violations) {
  std::vector<std::string> parts;
  std::string encoded;
  for (const FieldViolation& v : violations) {
    parts.push_back(absl::StrCat(v.field, ": ", v.description));
    absl::StrAppend(&encoded, Clean(v.field), "\t", Clean(v.description), "\n");
  }
  absl::Status status(code, absl::StrJoin(parts, "; "));
  status.SetPayload(kViolationsKey, absl::Cord(encoded));
  status.SetPayload(kReasonKey, absl::Cord(reason));
  return status;
}

absl::Status ErrorWithReason(absl::StatusCode code, absl::string_view reason,
                             absl::string_view message, absl::string_view field) {
  absl::Status status(code,
                      field.empty() ? std::string(message) : absl::StrCat(field, ": ", message));
  status.SetPayload(kReasonKey, absl::Cord(reason));
  if (!field.empty()) {
    status.SetPayload(kViolationsKey,
                      absl::Cord(absl::StrCat(Clean(field), "\t", Clean(message), "\n")));
  }
  return status;
}

std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status) {
  std::vector<FieldViolation> out;
  absl::optional<absl::Cord> payload = status.GetPayload(kViolationsKey);
  if (!payload.has_value()) return out;
  for (absl::string_view line : absl::StrSplit(std::string(*payload), '\n', absl::SkipEmpty())) {
    std::pair<std::string, std::string> parts = absl::StrSplit(line, absl::MaxSplits('\t', 1));
    out.push_back(FieldViolation{parts.first, parts.second});
  }
  return out;
}

std::string ReasonOf(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kReasonKey);
  return payload.has_value() ? std::string(*payload) : std::string();
}

}  // namespace swv
