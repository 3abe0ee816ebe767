// Helpers shared by the SQL repositories of registrations (the record store, OPPs, TLVs,
// thuiszitter cases, the directory): reading rows into records, keyset pages, school filters with
// the caller's reach, and create transactions that survive losing a race on a unique key. Only
// for use in those .cc files.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORDS_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORDS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/records.h"
#include "services/registrations/records/school_filter.h"
#include "storage/database.h"
#include "storage/reads.h"

namespace swv::registrations::sql_records {

using storage::Row;
using storage::Transaction;
using storage::Value;

inline Value OptionalDate(const absl::optional<absl::CivilDay>& day) {
  return day ? Value(FormatDate(*day)) : storage::Null();
}

inline absl::Status Corrupt(absl::string_view what, absl::string_view column) {
  return absl::InternalError(absl::StrCat("stored ", what, " has an invalid ", column));
}

inline absl::Status ReadDate(absl::string_view what, absl::string_view column, const Row& row,
                             size_t i, absl::CivilDay& out) {
  absl::StatusOr<absl::CivilDay> day = ParseDate(column, row.GetString(i));
  if (!day.ok()) return Corrupt(what, column);
  out = *day;
  return absl::OkStatus();
}

inline absl::Status ReadOptionalDate(absl::string_view what, absl::string_view column,
                                     const Row& row, size_t i,
                                     absl::optional<absl::CivilDay>& out) {
  out.reset();
  if (row.IsNull(i)) return absl::OkStatus();
  absl::CivilDay day;
  SWV_RETURN_IF_ERROR(ReadDate(what, column, row, i, day));
  out = day;
  return absl::OkStatus();
}

// Runs a create transaction twice at most: a concurrent create with the same request_id (or the
// same new pupil) loses on a unique key, and the second run finds the winner's record.
template <typename Fn>
absl::Status CreateWithRetry(storage::Database& db, Fn&& work) {
  return storage::InTransactionAgainOnConflict(db, 2, work);
}

// " AND column IN (?, ...)"; a list of nothing matches no row.
inline std::string InList(absl::string_view column, const std::vector<std::string>& values,
                          std::vector<Value>* params) {
  if (values.empty()) return "1 = 0";
  std::string sql = absl::StrCat(column, " IN (");
  for (size_t i = 0; i < values.size(); ++i) {
    absl::StrAppend(&sql, i == 0 ? "?" : ", ?");
    params->emplace_back(values[i]);
  }
  return absl::StrCat(sql, ")");
}

// Narrows a query to `filter`: `school_column` is the record's school; board and wijk come from
// the directory row joined as `s` (LEFT JOIN dir_schools s ON ... = school_column). The reach
// reads the directory itself, so lists need no join; `residence_column` (thuiszitter cases) is
// the child's municipality, which a partner's reach is about; `wijk_column` (wijkarrangements)
// is the wijk a record is kept for, which the schools and boards with a school there reach.
inline void AppendSchoolFilter(const SchoolFilter& filter, absl::string_view school_column,
                               std::string* sql, std::vector<Value>* params,
                               absl::string_view residence_column = "",
                               absl::string_view wijk_column = "",
                               absl::string_view consent_column = "") {
  if (filter.school) {
    absl::StrAppend(sql, " AND ", school_column, " = ?");
    params->emplace_back(*filter.school);
  }
  if (filter.board) {
    absl::StrAppend(sql, " AND s.board = ?");
    params->emplace_back(*filter.board);
  }
  if (filter.wijk) {
    absl::StrAppend(sql, " AND s.wijk = ?");
    params->emplace_back(*filter.wijk);
  }
  if (!filter.reach) return;
  const Reach& reach = *filter.reach;
  std::vector<std::string> any;
  if (!reach.schools.empty()) any.push_back(InList(school_column, reach.schools, params));
  if (!reach.boards.empty()) {
    params->emplace_back(reach.tenant);
    any.push_back(absl::StrCat(school_column,
                               " IN (SELECT reach.code FROM dir_schools reach WHERE reach.tenant = "
                               "? AND ",
                               InList("reach.board", reach.boards, params), ")"));
  }
  if (!reach.municipalities.empty() && !residence_column.empty()) {
    any.push_back(InList(residence_column, reach.municipalities, params));
  }
  if (!wijk_column.empty() && (!reach.schools.empty() || !reach.boards.empty())) {
    params->emplace_back(reach.tenant);
    std::vector<std::string> own;
    if (!reach.schools.empty()) own.push_back(InList("w.code", reach.schools, params));
    if (!reach.boards.empty()) own.push_back(InList("w.board", reach.boards, params));
    any.push_back(absl::StrCat(wijk_column,
                               " IN (SELECT w.wijk FROM dir_schools w WHERE w.tenant = ? AND "
                               "w.wijk <> '' AND (",
                               absl::StrJoin(own, " OR "), "))"));
  }
  absl::StrAppend(sql, " AND ",
                  any.empty() ? "1 = 0" : absl::StrCat("(", absl::StrJoin(any, " OR "), ")"));
  // Youth care: the consent column lists the organisations with a standing consent as
  // ",MEVIS,OTHER,"; organisation codes hold no LIKE wildcards (domain/consent.h).
  if (!reach.consented_to.empty()) {
    if (consent_column.empty()) {
      absl::StrAppend(sql, " AND 1 = 0");
    } else {
      absl::StrAppend(sql, " AND ", consent_column, " LIKE ?");
      params->emplace_back(absl::StrCat("%,", reach.consented_to, ",%"));
    }
  }
}

// Rows were read with LIMIT page_size + 1: one more tells another page follows. Records carry
// their storage `position`.
template <typename Record>
RecordPage<Record> PagedRecords(std::vector<Record> rows, int page_size) {
  RecordPage<Record> page;
  if (static_cast<int>(rows.size()) > page_size) {
    rows.resize(page_size);
    page.next_position = rows.back().position;
  }
  page.records = std::move(rows);
  return page;
}

}  // namespace swv::registrations::sql_records

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORDS_H_
