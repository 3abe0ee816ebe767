// Building blocks of the registration rules: collecting all violations of one request, and the
// field checks that several record kinds share (school code, LVS pupil number, municipality, dates,
// free text). Every check names the field with the collector's prefix and a fixed reason, so one
// rule gives one reason wherever it applies. Pure functions on values; thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_VALIDATION_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_VALIDATION_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"

namespace swv::registrations {

// Collects the violations of one request, remembering the reasons so that the final status can
// carry the shared reason or, when they differ, a combined one.
class Violations {
 public:
  explicit Violations(absl::string_view prefix) : prefix_(prefix) {}

  void Add(absl::string_view field, absl::string_view reason, std::string description) {
    violations_.push_back(FieldViolation{absl::StrCat(prefix_, field), std::move(description)});
    AddReason(reason);
  }

  // Takes over the violations of a status from a parser (already named with the full field).
  void AddStatus(const absl::Status& status) {
    for (FieldViolation& v : FieldViolationsOf(status)) violations_.push_back(std::move(v));
    AddReason(ReasonOf(status));
  }

  bool empty() const { return violations_.empty(); }

  // The full field path, e.g. "thuiszitter.absence_start", as the parsers need it.
  std::string Field(absl::string_view field) const { return absl::StrCat(prefix_, field); }

  absl::Status ToStatus(absl::string_view combined_reason) const {
    return InvalidFields(mixed_ ? combined_reason : absl::string_view(reason_), violations_);
  }

 private:
  void AddReason(absl::string_view reason) {
    if (reason_.empty() && !mixed_) {
      reason_ = std::string(reason);
    } else if (reason != reason_) {
      mixed_ = true;
    }
  }

  std::string prefix_;
  std::vector<FieldViolation> violations_;
  std::string reason_;
  bool mixed_ = false;
};

// True when `text` holds nothing but ASCII whitespace: a required free-text field left blank.
inline bool Blank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

// The longest reason given when a case or a register record is closed, in characters.
inline constexpr std::size_t kMaxCloseReasonLength = 500;

// Number of Unicode code points, or -1 when `text` is not valid UTF-8 or contains a control
// character (C0, DEL or C1). Used for "printable text up to N characters" rules: storage limits
// are in characters, and control characters have no place in a reference shown to people.
std::int64_t PrintableLength(absl::string_view text);

// Code points, counting every byte that does not continue a UTF-8 sequence (the transport
// already guarantees valid UTF-8 for proto strings; this only has to count right for it).
std::size_t CodePointCount(absl::string_view text);

// Parses a date field into `out` and checks it is not after `today`; returns false (with a
// violation added: "MALFORMED_DATE" or "DATE_IN_FUTURE") otherwise. `text` must be non-empty.
bool CheckDate(Violations& violations, absl::string_view field, absl::string_view text,
               absl::CivilDay today, absl::CivilDay& out);

// An optional date not after today: `today` when blank (after trimming), else CheckDate.
bool CheckDayOrToday(Violations& violations, absl::string_view field, absl::string_view text,
                     absl::CivilDay today, absl::CivilDay& out);

// As CheckDate, but the date may lie in the future (a planned end, an agreed period).
bool CheckAnyDate(Violations& violations, absl::string_view field, absl::string_view text,
                  absl::CivilDay& out);

// A required date not after today: "REQUIRED" when empty (after trimming), else CheckDate.
// `what` completes "is required: " in the message.
bool CheckRequiredPastDate(Violations& violations, absl::string_view field, absl::string_view text,
                           absl::CivilDay today, absl::string_view what, absl::CivilDay& out);

// A required date that may lie in the future: "REQUIRED" with `required_message` (the whole
// description, e.g. "is required: the first day of the support") when empty after trimming, else
// CheckAnyDate.
bool CheckRequiredAnyDate(Violations& violations, absl::string_view field, absl::string_view text,
                          absl::string_view required_message, absl::CivilDay& out);

// Whether `day` is not before `first`; otherwise adds `reason` on `field`: "must not be before
// <first_what> (<first>), got <day>".
bool CheckNotBefore(Violations& violations, absl::string_view field, absl::string_view reason,
                    absl::CivilDay day, absl::string_view first_what, absl::CivilDay first);

// An optional date that may lie in the future: nullopt when blank, malformed, or (when `first` is
// known, i.e. not null) before *first (CheckNotBefore).
absl::optional<absl::CivilDay> CheckOptionalDateNotBefore(
    Violations& violations, absl::string_view field, absl::string_view text,
    absl::string_view reason, absl::string_view first_what, const absl::CivilDay* first);

// A required choice or yes/no that arrives unset when the client left it out: copied into `out`,
// or "REQUIRED" with `what` completing "is required: ". Returns whether it was given.
template <typename T>
bool CheckRequired(Violations& violations, absl::string_view field, const absl::optional<T>& value,
                   absl::string_view what, T& out) {
  if (!value.has_value()) {
    violations.Add(field, "REQUIRED", absl::StrCat("is required: ", what));
    return false;
  }
  out = *value;
  return true;
}

// A required school location code ("REQUIRED", "MALFORMED_SCHOOL_CODE").
bool CheckSchool(Violations& violations, absl::string_view field, absl::string_view text,
                 absl::string_view what, SchoolCode& out);

// The LVS's own pupil number: required ("REQUIRED"), at most 32 characters ("TOO_LONG"), only
// [A-Za-z0-9._-] ("MALFORMED_LVS_PUPIL_NUMBER"), not exactly 9 digits ("LOOKS_LIKE_BSN"): a BSN is
// 9 digits and this API must not carry BSN/PGN (OSO dossier, AVG data minimisation).
bool CheckLvsPupilNumber(Violations& violations, absl::string_view field, absl::string_view text,
                         std::string& out);

// A directory code (board or wijk), trimmed and upper-cased: "REQUIRED" (completed by `what`)
// when blank, `reason` unless 1-`max_length` letters, digits or hyphens.
bool CheckCode(Violations& violations, absl::string_view field, absl::string_view text,
               std::size_t max_length, absl::string_view reason, absl::string_view what,
               std::string& out);

// A pupil named optionally, by the school that knows it and the LVS number there: both may be
// blank; an LVS number needs its school ("REQUIRED" on `school_field`), and each is checked as
// CheckSchool and CheckLvsPupilNumber when given. `school_what` completes the REQUIRED message.
void CheckOptionalPupil(Violations& violations, absl::string_view school_field,
                        absl::string_view school_text, absl::string_view lvs_field,
                        absl::string_view lvs_text, absl::string_view school_what,
                        absl::optional<SchoolCode>& school, std::string& lvs_pupil_number);

// A required CBS municipality code ("REQUIRED", "MALFORMED_MUNICIPALITY_CODE").
bool CheckMunicipality(Violations& violations, absl::string_view field, absl::string_view text,
                       std::string& out);

// Free text, trimmed: required when `required` ("REQUIRED"), at most `max_chars` code points
// ("TOO_LONG"), printable ("INVALID_CHARACTERS") unless `allow_line_breaks` (then only
// CodePointCount is checked: a note may span lines).
bool CheckText(Violations& violations, absl::string_view field, absl::string_view text,
               bool required, std::size_t max_chars, absl::string_view what, std::string& out,
               bool allow_line_breaks = false);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_VALIDATION_H_
