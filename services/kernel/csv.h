// Writing CSV (RFC 4180) for the reports and exports of every area: the one rule for quoting a
// field and ending a record. Pure functions; thread-safe.
#ifndef SWV_SERVICES_KERNEL_CSV_H_
#define SWV_SERVICES_KERNEL_CSV_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace swv {

// One field: as it is, or, when it holds a comma, a double quote or a line break, in double quotes
// with each double quote doubled.
std::string CsvField(absl::string_view field);

// Appends one record to `out`: the fields as CsvField, separated by ',' and ended by "\r\n".
void AppendCsvRow(std::string* out, absl::Span<const std::string> fields);
// The same for fields the caller holds elsewhere (no copies: large exports append many rows).
void AppendCsvRow(std::string* out, absl::Span<const absl::string_view> fields);

}  // namespace swv

#endif  // SWV_SERVICES_KERNEL_CSV_H_
