// Reading rows into values, written once for every repository: the rows of one query, each made
// into a value by `from_row` (returning the value, or absl::StatusOr of it when a stored value can
// be invalid). QueryAll runs inside the caller's transaction; ReadAll and ReadFirst run one of
// their own, so that a retried transaction starts again from nothing.
//
// Function templates over their arguments: as thread-safe as the database they are given.
#ifndef SWV_STORAGE_READS_H_
#define SWV_STORAGE_READS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "storage/database.h"

namespace swv::storage {

template <typename T, typename FromRow>
absl::StatusOr<std::vector<T>> QueryAll(Transaction& tx, absl::string_view sql,
                                        const std::vector<Value>& params, FromRow from_row) {
  absl::StatusOr<std::vector<Row>> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<T> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) {
    absl::StatusOr<T> made = from_row(row);
    if (!made.ok()) return made.status();
    out.push_back(*std::move(made));
  }
  return out;
}

template <typename T, typename FromRow>
absl::StatusOr<std::vector<T>> ReadAll(Database& db, absl::string_view sql,
                                       const std::vector<Value>& params, FromRow from_row) {
  absl::StatusOr<std::vector<T>> out;
  absl::Status status = db.InTransaction([&](Transaction& tx) -> absl::Status {
    out = QueryAll<T>(tx, sql, params, from_row);
    return out.status();
  });
  if (!status.ok()) return status;
  return out;
}

// The first row's value; nullopt when the query finds none.
template <typename T, typename FromRow>
absl::StatusOr<absl::optional<T>> ReadFirst(Database& db, absl::string_view sql,
                                            const std::vector<Value>& params, FromRow from_row) {
  absl::StatusOr<std::vector<T>> all = ReadAll<T>(db, sql, params, from_row);
  if (!all.ok()) return all.status();
  if (all->empty()) return absl::nullopt;
  return std::move(all->front());
}

}  // namespace swv::storage

#endif  // SWV_STORAGE_READS_H_
