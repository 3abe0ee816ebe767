// National identifiers and dates as they arrive from LVSs, CBS files and people: parsed strictly,
// normalised to one stored form, with an INVALID_ARGUMENT (services/kernel/errors.h) naming the
// field and the expected form otherwise.
//
// Pure functions on values; thread-safe. Transport-free: the gRPC adapter passes the request's
// field path (e.g. "thuiszitter.school") as `field`.
#ifndef SWV_SERVICES_KERNEL_IDENTIFIERS_H_
#define SWV_SERVICES_KERNEL_IDENTIFIERS_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace swv {

// A school location (vestiging): BRIN plus a 2-digit vestiging number, together the national
// 6-character vestigingsnummer, e.g. "12AB00".
struct SchoolCode {
  std::string brin;       // 4 upper-case alphanumerics; in practice 2 digits + 2 letters
  std::string vestiging;  // "00".."99"

  std::string ToString() const;  // "12AB00"

  bool operator==(const SchoolCode& other) const {
    return brin == other.brin && vestiging == other.vestiging;
  }
  bool operator!=(const SchoolCode& other) const { return !(*this == other); }
};

// Accepts "12AB00", "12ab00", "12AB 00", "12AB-00" (one space or hyphen between BRIN and
// vestiging), ignoring surrounding whitespace. The BRIN is accepted as any 4 alphanumerics: DUO
// assigns digits+letters today, but we do not want to reject a valid school over that.
// Otherwise INVALID_ARGUMENT, reason "MALFORMED_SCHOOL_CODE".
absl::StatusOr<SchoolCode> ParseSchoolCode(absl::string_view field, absl::string_view text);

// CBS municipality code "GM" + 4 digits, e.g. "GM0606" (Schiedam). Surrounding whitespace is
// trimmed (some CBS files pad codes) and lower case accepted; returns the upper-case form.
// Otherwise INVALID_ARGUMENT, reason "MALFORMED_MUNICIPALITY_CODE".
absl::StatusOr<std::string> ParseMunicipalityCode(absl::string_view field, absl::string_view text);

// SWV codes are written "PO 22.03", "PO 20.01", "PO2401", "po22-03": sector PO or VO, region
// number, sequence number. Returns the canonical stored form "PO2203". Accepted: surrounding
// whitespace, any case, optional spaces after the sector, and at most one '.', '-' or ' ' between
// the two digit pairs. Otherwise INVALID_ARGUMENT, reason "MALFORMED_SWV_CODE".
absl::StatusOr<std::string> CanonicalSwvCode(absl::string_view field, absl::string_view text);

// "PO2203" -> "PO 22.03", the form people know. Input that is not canonical is returned
// unchanged (display must never fail).
std::string DisplaySwvCode(absl::string_view canonical);

// Strict ISO 8601 calendar date "YYYY-MM-DD" that exists (2025-02-30 and 2025-2-3 are rejected;
// no surrounding whitespace, no time part). Otherwise INVALID_ARGUMENT, reason "MALFORMED_DATE".
absl::StatusOr<absl::CivilDay> ParseDate(absl::string_view field, absl::string_view text);

// "2026-03-09".
std::string FormatDate(absl::CivilDay day);

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_IDENTIFIERS_H_
