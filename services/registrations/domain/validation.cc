#include "services/registrations/domain/validation.h"

#include <algorithm>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"

namespace swv::registrations {
namespace {

constexpr std::size_t kMaxLvsPupilNumberLength = 32;

bool IsLvsPupilNumberChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

bool IsExactlyNineDigits(absl::string_view s) {
  if (s.size() != 9) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Takes over a parser's result: its value into `out`, or its violations (false).
template <typename T>
bool TakeParsed(Violations& violations, absl::StatusOr<T> parsed, T& out) {
  if (!parsed.ok()) {
    violations.AddStatus(parsed.status());
    return false;
  }
  out = *std::move(parsed);
  return true;
}

}  // namespace

std::int64_t PrintableLength(absl::string_view text) {
  std::int64_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t len = 0;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else {
      return -1;
    }
    if (i + len > text.size()) return -1;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return -1;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Reject overlong forms, surrogates and values beyond Unicode.
    static constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return -1;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return -1;
    ++count;
    i += len;
  }
  return count;
}

std::size_t CodePointCount(absl::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool CheckDate(Violations& violations, absl::string_view field, absl::string_view text,
               absl::CivilDay today, absl::CivilDay& out) {
  absl::CivilDay day;
  if (!CheckAnyDate(violations, field, text, day)) return false;
  if (day > today) {
    violations.Add(
        field, "DATE_IN_FUTURE",
        absl::StrCat("must not be after today (", FormatDate(today), "), got ", FormatDate(day)));
    return false;
  }
  out = day;
  return true;
}

bool CheckDayOrToday(Violations& violations, absl::string_view field, absl::string_view text,
                     absl::CivilDay today, absl::CivilDay& out) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (trimmed.empty()) {
    out = today;
    return true;
  }
  return CheckDate(violations, field, trimmed, today, out);
}

bool CheckAnyDate(Violations& violations, absl::string_view field, absl::string_view text,
                  absl::CivilDay& out) {
  return TakeParsed(violations, ParseDate(violations.Field(field), text), out);
}

bool CheckRequiredPastDate(Violations& violations, absl::string_view field, absl::string_view text,
                           absl::CivilDay today, absl::string_view what, absl::CivilDay& out) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (trimmed.empty()) {
    violations.Add(field, "REQUIRED", absl::StrCat("is required: ", what, ", YYYY-MM-DD"));
    return false;
  }
  return CheckDate(violations, field, trimmed, today, out);
}

bool CheckRequiredAnyDate(Violations& violations, absl::string_view field, absl::string_view text,
                          absl::string_view required_message, absl::CivilDay& out) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (trimmed.empty()) {
    violations.Add(field, "REQUIRED", std::string(required_message));
    return false;
  }
  return CheckAnyDate(violations, field, trimmed, out);
}

bool CheckNotBefore(Violations& violations, absl::string_view field, absl::string_view reason,
                    absl::CivilDay day, absl::string_view first_what, absl::CivilDay first) {
  if (day >= first) return true;
  violations.Add(field, reason,
                 absl::StrCat("must not be before ", first_what, " (", FormatDate(first), "), got ",
                              FormatDate(day)));
  return false;
}

absl::optional<absl::CivilDay> CheckOptionalDateNotBefore(
    Violations& violations, absl::string_view field, absl::string_view text,
    absl::string_view reason, absl::string_view first_what, const absl::CivilDay* first) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  absl::CivilDay day;
  if (trimmed.empty() || !CheckAnyDate(violations, field, trimmed, day) ||
      (first != nullptr && !CheckNotBefore(violations, field, reason, day, first_what, *first))) {
    return absl::nullopt;
  }
  return day;
}

bool CheckSchool(Violations& violations, absl::string_view field, absl::string_view text,
                 absl::string_view what, SchoolCode& out) {
  const absl::string_view school = absl::StripAsciiWhitespace(text);
  if (school.empty()) {
    violations.Add(field, "REQUIRED", absl::StrCat("is required: ", what, ", e.g. \"12AB00\""));
    return false;
  }
  return TakeParsed(violations, ParseSchoolCode(violations.Field(field), school), out);
}

bool CheckLvsPupilNumber(Violations& violations, absl::string_view field, absl::string_view text,
                         std::string& out) {
  const absl::string_view pupil = absl::StripAsciiWhitespace(text);
  if (pupil.empty()) {
    violations.Add(field, "REQUIRED", "is required: the school's own LVS pupil number");
  } else if (pupil.size() > kMaxLvsPupilNumberLength) {
    violations.Add(field, "TOO_LONG",
                   absl::StrCat("must be at most ", kMaxLvsPupilNumberLength, " characters, got ",
                                pupil.size()));
  } else if (!std::all_of(pupil.begin(), pupil.end(), IsLvsPupilNumberChar)) {
    violations.Add(field, "MALFORMED_LVS_PUPIL_NUMBER",
                   "may contain only letters, digits, '.', '_' and '-'");
  } else if (IsExactlyNineDigits(pupil)) {
    // A BSN is exactly 9 digits; this API must not carry BSN or PGN (OSO dossier, AVG).
    violations.Add(field, "LOOKS_LIKE_BSN",
                   "must not be a BSN: exactly 9 digits is refused; send the LVS's own pupil "
                   "number (prefix it if it is 9 plain digits)");
  } else {
    out = std::string(pupil);
    return true;
  }
  return false;
}

bool CheckMunicipality(Violations& violations, absl::string_view field, absl::string_view text,
                       std::string& out) {
  const absl::string_view municipality = absl::StripAsciiWhitespace(text);
  if (municipality.empty()) {
    violations.Add(field, "REQUIRED",
                   "is required: the CBS code of the municipality where the child lives, e.g. "
                   "\"GM0606\"");
    return false;
  }
  return TakeParsed(violations, ParseMunicipalityCode(violations.Field(field), municipality), out);
}

bool CheckCode(Violations& violations, absl::string_view field, absl::string_view text,
               std::size_t max_length, absl::string_view reason, absl::string_view what,
               std::string& out) {
  std::string code = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  if (code.empty()) {
    violations.Add(field, "REQUIRED", absl::StrCat("is required: ", what));
    return false;
  }
  bool valid = code.size() <= max_length;
  for (char c : code)
    valid = valid && (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-');
  if (!valid) {
    violations.Add(field, reason,
                   absl::StrCat("must be 1-", max_length, " letters, digits or hyphens (", what,
                                "), got \"", code, "\""));
    return false;
  }
  out = std::move(code);
  return true;
}

void CheckOptionalPupil(Violations& violations, absl::string_view school_field,
                        absl::string_view school_text, absl::string_view lvs_field,
                        absl::string_view lvs_text, absl::string_view school_what,
                        absl::optional<SchoolCode>& school, std::string& lvs_pupil_number) {
  const bool has_pupil_number = !absl::StripAsciiWhitespace(lvs_text).empty();
  if (!absl::StripAsciiWhitespace(school_text).empty() || has_pupil_number) {
    SchoolCode code;
    if (CheckSchool(violations, school_field, school_text, school_what, code)) school = code;
  }
  if (has_pupil_number) CheckLvsPupilNumber(violations, lvs_field, lvs_text, lvs_pupil_number);
}

bool CheckText(Violations& violations, absl::string_view field, absl::string_view text,
               bool required, std::size_t max_chars, absl::string_view what, std::string& out,
               bool allow_line_breaks) {
  const absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  if (trimmed.empty()) {
    if (required) {
      violations.Add(field, "REQUIRED", absl::StrCat("is required: ", what));
      return false;
    }
    out.clear();
    return true;
  }
  std::int64_t length = 0;
  if (allow_line_breaks) {
    length = static_cast<std::int64_t>(CodePointCount(trimmed));
  } else {
    length = PrintableLength(trimmed);
    if (length < 0) {
      violations.Add(field, "INVALID_CHARACTERS",
                     "must be printable text (valid UTF-8, no control characters)");
      return false;
    }
  }
  if (length > static_cast<std::int64_t>(max_chars)) {
    violations.Add(field, "TOO_LONG",
                   absl::StrCat("must be at most ", max_chars, " characters, got ", length));
    return false;
  }
  out = std::string(trimmed);
  return true;
}

}  // namespace swv::registrations
