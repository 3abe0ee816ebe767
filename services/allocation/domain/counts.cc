#include "services/allocation/domain/counts.h"

#include <limits>
#include <set>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"

namespace swv::allocation {
namespace {

bool ValidLine(absl::string_view line) {
  if (line.size() > 40) return false;
  for (char c : line) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(absl::ascii_isalnum(u) || c == ' ' || c == '.' || c == '_' || c == '-')) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::vector<ValidCountRow>> ValidateCountRows(absl::Span<const CountRow> rows,
                                                             int64_t first_index) {
  std::vector<FieldViolation> violations;
  std::set<std::string> reasons;
  size_t dropped = 0;
  auto add = [&](int64_t index, absl::string_view field, absl::string_view reason,
                 absl::string_view description) {
    reasons.insert(std::string(reason));
    if (violations.size() >= kMaxReportedViolations) {
      ++dropped;
      return;
    }
    violations.push_back(
        FieldViolation{absl::StrCat("counts[", index, "].", field), std::string(description)});
  };
  std::vector<ValidCountRow> valid;
  valid.reserve(rows.size());
  absl::flat_hash_set<std::string> seen;  // school + '\n' + line
  for (size_t i = 0; i < rows.size(); ++i) {
    const CountRow& row = rows[i];
    // The row's number in the whole import, only for messages: it saturates instead of
    // overflowing whatever first_index a caller passes.
    const int64_t offset = static_cast<int64_t>(i);
    const int64_t index = first_index > std::numeric_limits<int64_t>::max() - offset
                              ? std::numeric_limits<int64_t>::max()
                              : first_index + offset;
    ValidCountRow out;
    absl::string_view school = absl::StripAsciiWhitespace(row.school);
    if (school.empty()) {
      add(index, "school", "REQUIRED", "is required: the school location code, e.g. \"12AB00\"");
    } else {
      absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", school);
      if (!code.ok()) {
        add(index, "school", "MALFORMED_SCHOOL_CODE",
            "must be BRIN (4 letters or digits) + 2-digit vestiging, e.g. \"12AB00\"");
      } else {
        out.school = code->ToString();
      }
    }
    out.line = std::string(absl::StripAsciiWhitespace(row.line));
    if (!ValidLine(out.line)) {
      add(index, "line", "MALFORMED_LINE",
          "must be at most 40 of A-Z, a-z, 0-9, space, '.', '_', '-'");
    }
    if (!row.pupils) {
      add(index, "pupils", "REQUIRED", "is required (0 is a valid count; a missing count is not)");
    }
    struct Field {
      const char* name;
      int64_t value;
    };
    const Field fields[] = {{"pupils", row.pupils.value_or(0)},
                            {"sbo_pupils", row.sbo_pupils},
                            {"so_cat1_pupils", row.so_cat1_pupils},
                            {"so_cat2_pupils", row.so_cat2_pupils},
                            {"so_cat3_pupils", row.so_cat3_pupils}};
    bool counts_ok = true;
    for (const Field& field : fields) {
      if (field.value < 0) {
        add(index, field.name, "NEGATIVE_COUNT", "must not be negative");
        counts_ok = false;
      } else if (field.value > kMaxPupilsPerRow) {
        add(index, field.name, "OUT_OF_RANGE",
            absl::StrCat("must be at most ", kMaxPupilsPerRow, " pupils on one row"));
        counts_ok = false;
      }
    }
    if (counts_ok && row.pupils &&
        row.sbo_pupils + row.so_cat1_pupils + row.so_cat2_pupils + row.so_cat3_pupils >
            *row.pupils) {
      add(index, "pupils", "TLV_PUPILS_EXCEED_TOTAL",
          "must be at least the SBO and SO pupils with a TLV on the same row");
    }
    if (!out.school.empty() && !seen.insert(absl::StrCat(out.school, "\n", out.line)).second) {
      add(index, "school", "DUPLICATE_ROW",
          absl::StrCat("school ", out.school, " with line \"", out.line,
                       "\" appears twice; give each row of a school its own line"));
    }
    out.pupils = row.pupils.value_or(0);
    out.sbo_pupils = row.sbo_pupils;
    out.so_cat1_pupils = row.so_cat1_pupils;
    out.so_cat2_pupils = row.so_cat2_pupils;
    out.so_cat3_pupils = row.so_cat3_pupils;
    valid.push_back(std::move(out));
  }
  if (violations.empty()) return valid;
  if (dropped > 0) {
    violations.push_back(FieldViolation{
        "counts", absl::StrCat(dropped, " more violations not listed; fix the ones above first")});
  }
  return InvalidFields(reasons.size() == 1 ? *reasons.begin() : "INVALID_COUNTS", violations);
}

absl::Status CheckSchoolsInDirectory(absl::Span<const ValidCountRow> rows, int64_t first_index,
                                     const absl::flat_hash_set<std::string>& directory) {
  std::vector<FieldViolation> violations;
  size_t unknown = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (directory.contains(rows[i].school)) continue;
    if (++unknown > kMaxReportedViolations) continue;
    violations.push_back(FieldViolation{
        absl::StrCat("counts[", first_index + static_cast<int64_t>(i), "].school"),
        absl::StrCat("school ", rows[i].school,
                     " is not in the SWV's directory; add it there first (nothing was imported)")});
  }
  if (unknown == 0) return absl::OkStatus();
  if (unknown > kMaxReportedViolations) {
    violations.push_back(FieldViolation{
        "counts", absl::StrCat(unknown - kMaxReportedViolations, " more rows not listed")});
  }
  return FieldsError(absl::StatusCode::kFailedPrecondition, "SCHOOL_NOT_IN_DIRECTORY", violations);
}

void AddToSchoolCount(const ValidCountRow& row, SchoolCount& total) {
  total.school = row.school;
  total.pupils += row.pupils;
  total.sbo_pupils += row.sbo_pupils;
  total.so_cat1_pupils += row.so_cat1_pupils;
  total.so_cat2_pupils += row.so_cat2_pupils;
  total.so_cat3_pupils += row.so_cat3_pupils;
}

}  // namespace swv::allocation
