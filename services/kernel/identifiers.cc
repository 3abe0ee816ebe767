#include "services/kernel/identifiers.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/kernel/errors.h"

namespace swv {
namespace {

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

bool AllAlnum(absl::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// Parses a run of ASCII digits; the caller has checked AllDigits and that it fits in an int.
int DigitsToInt(absl::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::string SchoolCode::ToString() const { return absl::StrCat(brin, vestiging); }

absl::StatusOr<SchoolCode> ParseSchoolCode(absl::string_view field, absl::string_view text) {
  std::string code(absl::StripAsciiWhitespace(text));
  // People and spreadsheets write "12AB 00" or "12AB-00"; allow exactly one separator there.
  if (code.size() == 7 && (code[4] == ' ' || code[4] == '-')) code.erase(4, 1);
  absl::string_view view(code);
  if (code.size() != 6 || !AllAlnum(view.substr(0, 4)) || !AllDigits(view.substr(4, 2))) {
    return InvalidField(field, "MALFORMED_SCHOOL_CODE",
                        "must be a school location code: BRIN (4 letters or digits) followed by "
                        "a 2-digit vestiging number, e.g. \"12AB00\"");
  }
  return SchoolCode{absl::AsciiStrToUpper(view.substr(0, 4)), std::string(view.substr(4, 2))};
}

absl::StatusOr<std::string> ParseMunicipalityCode(absl::string_view field, absl::string_view text) {
  std::string code = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  absl::string_view view(code);
  if (code.size() != 6 || view.substr(0, 2) != "GM" || !AllDigits(view.substr(2))) {
    return InvalidField(field, "MALFORMED_MUNICIPALITY_CODE",
                        "must be a CBS municipality code: \"GM\" followed by 4 digits, "
                        "e.g. \"GM0606\"");
  }
  return code;
}

absl::StatusOr<std::string> CanonicalSwvCode(absl::string_view field, absl::string_view text) {
  auto malformed = [field]() {
    return InvalidField(field, "MALFORMED_SWV_CODE",
                        "must be an SWV code: \"PO\" or \"VO\" followed by 4 digits, written "
                        "e.g. \"PO 22.03\" or \"PO2203\"");
  };
  std::string upper = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  absl::string_view rest(upper);
  if (rest.size() < 2) return malformed();
  absl::string_view sector = rest.substr(0, 2);
  if (sector != "PO" && sector != "VO") return malformed();
  rest.remove_prefix(2);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() < 4 || !AllDigits(rest.substr(0, 2))) return malformed();
  absl::string_view region = rest.substr(0, 2);
  rest.remove_prefix(2);
  if (rest.front() == '.' || rest.front() == '-' || rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() != 2 || !AllDigits(rest)) return malformed();
  return absl::StrCat(sector, region, rest);
}

std::string DisplaySwvCode(absl::string_view canonical) {
  if (canonical.size() != 6 || (canonical.substr(0, 2) != "PO" && canonical.substr(0, 2) != "VO") ||
      !AllDigits(canonical.substr(2))) {
    return std::string(canonical);
  }
  return absl::StrCat(canonical.substr(0, 2), " ", canonical.substr(2, 2), ".",
                      canonical.substr(4, 2));
}

absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view field, absl::string_view text) {
  auto malformed = [field]() {
    return InvalidField(
        field, "MALFORMED_DATE",
        "must be an existing calendar date written YYYY-MM-DD, e.g. \"2026-03-09\"");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    return malformed();
  }
  const int year = DigitsToInt(text.substr(0, 4));
  const int month = DigitsToInt(text.substr(5, 2));
  const int day = DigitsToInt(text.substr(8, 2));
  // CivilDay normalises out-of-range fields (Feb 30 -> Mar 2); a real date survives unchanged.
  const absl::CivilDay parsed(year, month, day);
  if (parsed.year() != year || parsed.month() != month || parsed.day() != day) return malformed();
  return parsed;
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace swv
