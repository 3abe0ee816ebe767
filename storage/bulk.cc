// InsertRows: the driver's bulk path when it has one (BulkLoader), else multi-row INSERTs.
#include "storage/bulk.h"

#include <algorithm>
#include <string>
#include <variant>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "storage/driver_internal.h"

namespace swv::storage {
namespace {

bool IsIdentifier(absl::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

absl::StatusOr<int64_t> InsertInStatements(Transaction& tx, const BulkInsert& insert,
                                           absl::Span<const Value> values) {
  const size_t width = insert.columns.size();
  const size_t rows = values.size() / width;
  const size_t per_statement = static_cast<size_t>(std::max<int64_t>(1, insert.rows_per_statement));
  const std::string head = absl::StrCat("INSERT INTO ", insert.table, " (",
                                        absl::StrJoin(insert.columns, ", "), ") VALUES ");
  std::string full_sql;  // the statement of a full batch, built once
  for (size_t first = 0; first < rows; first += per_statement) {
    const size_t count = std::min(rows - first, per_statement);
    if (count == per_statement && full_sql.empty()) {
      full_sql = head + PlaceholderRows(count, width);
    }
    const std::string sql =
        count == per_statement ? full_sql : head + PlaceholderRows(count, width);
    absl::StatusOr<int64_t> done = tx.Execute(sql, values.subspan(first * width, count * width));
    if (!done.ok()) return done.status();
  }
  return static_cast<int64_t>(rows);
}

}  // namespace

std::string PlaceholderRows(size_t rows, size_t columns) {
  std::string group = "(";
  for (size_t i = 0; i < columns; ++i) group += i == 0 ? "?" : ", ?";
  group += ")";
  std::string out;
  out.reserve(rows * (group.size() + 2));
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) out += ", ";
    out += group;
  }
  return out;
}

void AppendLoadDataRow(absl::Span<const Value> row, std::string* out) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out->push_back('\t');
    if (const int64_t* n = std::get_if<int64_t>(&row[i])) {
      absl::StrAppend(out, *n);
    } else if (const std::string* s = std::get_if<std::string>(&row[i])) {
      for (char c : *s) {
        switch (c) {
          case '\\':
            *out += "\\\\";
            break;
          case '\t':
            *out += "\\t";
            break;
          case '\n':
            *out += "\\n";
            break;
          case '\r':
            *out += "\\r";
            break;
          case '\0':
            *out += "\\0";
            break;
          default:
            out->push_back(c);
        }
      }
    } else {
      *out += "\\N";
    }
  }
  out->push_back('\n');
}

namespace {

absl::Status CheckShape(const BulkInsert& insert, absl::Span<const Value> values) {
  if (!IsIdentifier(insert.table) || insert.columns.empty() ||
      !std::all_of(insert.columns.begin(), insert.columns.end(), IsIdentifier)) {
    return absl::InvalidArgumentError("InsertRows: table and columns must be plain identifiers");
  }
  if (values.size() % insert.columns.size() != 0) {
    return absl::InvalidArgumentError(absl::StrCat("InsertRows: ", values.size(),
                                                   " values are not whole rows of ",
                                                   insert.columns.size(), " columns"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> InsertValues(Transaction& tx, const BulkInsert& insert,
                                     absl::Span<const Value> values) {
  if (absl::Status shape = CheckShape(insert, values); !shape.ok()) return shape;
  if (values.empty()) return 0;
  return InsertInStatements(tx, insert, values);
}

absl::StatusOr<int64_t> InsertRows(Transaction& tx, const BulkInsert& insert,
                                   absl::Span<const Value> values) {
  if (absl::Status shape = CheckShape(insert, values); !shape.ok()) return shape;
  if (values.empty()) return 0;
  Transaction* unwrapped = &tx;
  while (auto* wrapper = dynamic_cast<internal::TransactionWrapper*>(unwrapped)) {
    unwrapped = &wrapper->wrapped();
  }
  if (auto* loader = dynamic_cast<internal::BulkLoader*>(unwrapped)) {
    absl::StatusOr<int64_t> loaded = loader->LoadRows(insert.table, insert.columns, values);
    if (!absl::IsUnimplemented(loaded.status())) return loaded;
  }
  return InsertInStatements(tx, insert, values);
}

}  // namespace swv::storage
