// Pupil counts per school location per count date, as an LVS or a DUO extract delivers them.
//
// One row = (school, line, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils).
// `line` is an optional sub-key of the source file (an age group, a leerjaar, or the row number of
// an anonymised pupil-level DUO extract); a school's count is the sum of its rows. The TLV columns
// count pupils with a TLV on the count date at that location: SBO pupils, and SO pupils per
// funding category 1/2/3, as DUO's count files give them per location. Taking them from the count
// rows (instead of from registrations' TLV records) keeps allocation independent of the
// registrations service's data and matches what DUO deducts (docs/allocation.md).
//
// Pure values and validation; thread-safe.
#ifndef SWV_SERVICES_ALLOCATION_DOMAIN_COUNTS_H_
#define SWV_SERVICES_ALLOCATION_DOMAIN_COUNTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/types/optional.h"
#include "absl/types/span.h"

namespace swv::allocation {

struct CountRow {
  std::string school;  // "12AB00"; "12ab 00" is accepted and normalised
  std::string line;    // optional
  absl::optional<int64_t> pupils;
  int64_t sbo_pupils = 0;
  int64_t so_cat1_pupils = 0;
  int64_t so_cat2_pupils = 0;
  int64_t so_cat3_pupils = 0;
};

struct ValidCountRow {
  std::string school;
  std::string line;
  int64_t pupils = 0;
  int64_t sbo_pupils = 0;
  int64_t so_cat1_pupils = 0;
  int64_t so_cat2_pupils = 0;
  int64_t so_cat3_pupils = 0;
};

// A school's count on a count date: the sums of its rows.
struct SchoolCount {
  std::string school;
  int64_t pupils = 0;
  int64_t sbo_pupils = 0;
  int64_t so_cat1_pupils = 0;
  int64_t so_cat2_pupils = 0;
  int64_t so_cat3_pupils = 0;
};

// At most this many pupils on one row (the largest Dutch primary school has about 1,500).
inline constexpr int64_t kMaxPupilsPerRow = 100'000;
// At most this many violations are reported for one batch; the rest are counted in the message.
inline constexpr size_t kMaxReportedViolations = 100;

// Validates a batch of rows whose first row is row `first_index` of the whole import (so a
// streamed import reports "counts[120345].pupils"). INVALID_ARGUMENT with every violation (up to
// kMaxReportedViolations), field paths "counts[<i>].<field>". Reasons: "REQUIRED" (school,
// pupils), "MALFORMED_SCHOOL_CODE", "MALFORMED_LINE" (at most 40 of [A-Za-z0-9 ._-]),
// "NEGATIVE_COUNT", "OUT_OF_RANGE" (more than kMaxPupilsPerRow), "TLV_PUPILS_EXCEED_TOTAL"
// (sbo + so pupils more than pupils), "DUPLICATE_ROW" (same school and line twice in the batch);
// mixed reasons give "INVALID_COUNTS". An empty batch is valid.
absl::StatusOr<std::vector<ValidCountRow>> ValidateCountRows(absl::Span<const CountRow> rows,
                                                             int64_t first_index);

// Refuses the rows of a batch (the first is row `first_index` of the import) whose school the
// SWV's directory does not list (`directory`: its school codes), so that an import stores nothing
// a calculation would later refuse: FAILED_PRECONDITION "SCHOOL_NOT_IN_DIRECTORY", naming each
// such row "counts[<i>].school" (up to kMaxReportedViolations). OK when every school is known.
absl::Status CheckSchoolsInDirectory(absl::Span<const ValidCountRow> rows, int64_t first_index,
                                     const absl::flat_hash_set<std::string>& directory);

// Adds `row` to its school's sums (`total` is that school's; its code is set from the row).
void AddToSchoolCount(const ValidCountRow& row, SchoolCount& total);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_DOMAIN_COUNTS_H_
