// SQL implementation of DirectoryRepository. All statements are prepared with bound values; the
// only text built at run time is the number of `?` in an IN list and the choice among fixed
// filter fragments.
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/directory/directory_repository.h"
#include "services/registrations/records/sql_records.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr absl::string_view kDirectorySchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS dir_boards (
  tenant VARCHAR(16) NOT NULL,
  code VARCHAR(16) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  version BIGINT NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, code)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS dir_wijken (
  tenant VARCHAR(16) NOT NULL,
  code VARCHAR(32) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  municipality VARCHAR(6) NOT NULL,
  version BIGINT NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, code)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS dir_schools (
  tenant VARCHAR(16) NOT NULL,
  code VARCHAR(6) NOT NULL,
  display_name VARCHAR(200) NOT NULL,
  board VARCHAR(16) NOT NULL,
  wijk VARCHAR(32) NOT NULL,
  municipality VARCHAR(6) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  inside_region INT NOT NULL,
  version BIGINT NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, code)
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS dir_schools_board ON dir_schools (tenant, board, code);
CREATE INDEX IF NOT EXISTS dir_schools_wijk ON dir_schools (tenant, wijk, code)
)sql";

// A directory table described once, so the upsert logic exists once for all three.
struct TableSpec {
  absl::string_view table;
  std::vector<absl::string_view> data_columns;  // after tenant and code
};

const TableSpec& BoardsTable() {
  static const TableSpec* spec = new TableSpec{"dir_boards", {"display_name"}};
  return *spec;
}
const TableSpec& WijkenTable() {
  static const TableSpec* spec = new TableSpec{"dir_wijken", {"display_name", "municipality"}};
  return *spec;
}
const TableSpec& SchoolsTable() {
  static const TableSpec* spec = new TableSpec{
      "dir_schools", {"display_name", "board", "wijk", "municipality", "kind", "inside_region"}};
  return *spec;
}

// One row to upsert: its code and its data values in TableSpec order.
struct KeyedValues {
  std::string code;
  std::vector<Value> data;
};

std::string AsText(const Value& value) {
  if (const int64_t* i = std::get_if<int64_t>(&value)) return absl::StrCat(*i);
  if (const std::string* s = std::get_if<std::string>(&value)) return *s;
  return "";
}

std::string Placeholders(size_t n) {
  std::vector<absl::string_view> marks(n, "?");
  return absl::StrJoin(marks, ", ");
}

absl::StatusOr<std::vector<UpsertOutcome>> UpsertChunk(Transaction& tx, const TableSpec& spec,
                                                       const std::string& tenant,
                                                       const std::vector<KeyedValues>& rows,
                                                       const std::string& actor, int64_t now_us) {
  std::vector<UpsertOutcome> outcomes;
  if (rows.empty()) return outcomes;
  // One read for the whole chunk: what is stored for these codes now.
  std::vector<Value> params = {tenant};
  for (const KeyedValues& row : rows) params.emplace_back(row.code);
  SWV_ASSIGN_OR_RETURN(
      std::vector<Row> existing,
      tx.Query(absl::StrCat("SELECT code, ", absl::StrJoin(spec.data_columns, ", "), " FROM ",
                            spec.table, " WHERE tenant = ? AND code IN (",
                            Placeholders(rows.size()), ")"),
               params));
  std::map<std::string, const Row*> stored;
  for (const Row& row : existing) stored[row.GetString(0)] = &row;

  std::vector<std::string> assignments;
  for (absl::string_view column : spec.data_columns)
    assignments.push_back(absl::StrCat(column, " = ?"));
  const std::string update_sql = absl::StrCat(
      "UPDATE ", spec.table, " SET ", absl::StrJoin(assignments, ", "),
      ", version = version + 1, update_time_us = ?, updated_by = ? WHERE tenant = ? AND code = ?");
  const std::string insert_sql = absl::StrCat(
      "INSERT INTO ", spec.table, " (tenant, code, ", absl::StrJoin(spec.data_columns, ", "),
      ", version, update_time_us, updated_by) VALUES (?, ?, ",
      Placeholders(spec.data_columns.size()), ", 1, ?, ?)");

  for (const KeyedValues& row : rows) {
    auto it = stored.find(row.code);
    if (it == stored.end()) {
      std::vector<Value> values = {tenant, row.code};
      values.insert(values.end(), row.data.begin(), row.data.end());
      values.emplace_back(now_us);
      values.emplace_back(actor);
      SWV_RETURN_IF_ERROR(tx.Execute(insert_sql, values).status());
      outcomes.push_back(UpsertOutcome::kCreated);
      continue;
    }
    bool same = true;
    for (size_t i = 0; i < row.data.size(); ++i) {
      same = same && it->second->GetString(i + 1) == AsText(row.data[i]);
    }
    if (same) {
      outcomes.push_back(UpsertOutcome::kUnchanged);
      continue;
    }
    std::vector<Value> values = row.data;
    values.emplace_back(now_us);
    values.emplace_back(actor);
    values.emplace_back(tenant);
    values.emplace_back(row.code);
    SWV_RETURN_IF_ERROR(tx.Execute(update_sql, values).status());
    outcomes.push_back(UpsertOutcome::kUpdated);
  }
  return outcomes;
}

KeyedValues ValuesOf(const Board& b) { return {b.code, {b.display_name}}; }
KeyedValues ValuesOf(const Wijk& w) { return {w.code, {w.display_name, w.municipality}}; }
KeyedValues ValuesOf(const School& s) {
  return {s.code,
          {s.display_name, s.board, s.wijk, s.municipality, std::string(SchoolKindName(s.kind)),
           int64_t{s.inside_region ? 1 : 0}}};
}

RowMeta MetaFrom(const Row& row, size_t first) {
  return RowMeta{row.GetInt(first), absl::FromUnixMicros(row.GetInt(first + 1)),
                 row.GetString(first + 2)};
}

constexpr absl::string_view kMetaColumns = "version, update_time_us, updated_by";

absl::StatusOr<StoredSchool> SchoolFromRow(const Row& row) {
  StoredSchool s;
  s.school.code = row.GetString(0);
  s.school.display_name = row.GetString(1);
  s.school.board = row.GetString(2);
  s.school.wijk = row.GetString(3);
  s.school.municipality = row.GetString(4);
  absl::optional<SchoolKind> kind = SchoolKindFromName(row.GetString(5));
  if (!kind) return absl::InternalError("stored school has an invalid kind");
  s.school.kind = *kind;
  s.school.inside_region = row.GetInt(6) != 0;
  s.meta = MetaFrom(row, 7);
  return s;
}

constexpr absl::string_view kSchoolColumns =
    "code, display_name, board, wijk, municipality, kind, inside_region, version, "
    "update_time_us, updated_by";

class SqlDirectoryRepository final : public DirectoryRepository {
 public:
  explicit SqlDirectoryRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<std::vector<UpsertOutcome>> UpsertBoards(absl::string_view tenant,
                                                          const std::vector<Board>& rows,
                                                          absl::string_view actor,
                                                          absl::Time now) override {
    return Upsert(BoardsTable(), tenant, rows, actor, now);
  }
  absl::StatusOr<std::vector<UpsertOutcome>> UpsertWijken(absl::string_view tenant,
                                                          const std::vector<Wijk>& rows,
                                                          absl::string_view actor,
                                                          absl::Time now) override {
    return Upsert(WijkenTable(), tenant, rows, actor, now);
  }
  absl::StatusOr<std::vector<UpsertOutcome>> UpsertSchools(absl::string_view tenant,
                                                           const std::vector<School>& rows,
                                                           absl::string_view actor,
                                                           absl::Time now) override {
    return Upsert(SchoolsTable(), tenant, rows, actor, now);
  }

  absl::StatusOr<KnownCodes> KnownBoardsAndWijken(absl::string_view tenant) override {
    KnownCodes known;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      known = KnownCodes{};
      absl::StatusOr<std::vector<Row>> boards =
          tx.Query("SELECT code FROM dir_boards WHERE tenant = ?", {std::string(tenant)});
      if (!boards.ok()) return boards.status();
      for (const Row& row : *boards) known.boards.insert(row.GetString(0));
      absl::StatusOr<std::vector<Row>> wijken =
          tx.Query("SELECT code FROM dir_wijken WHERE tenant = ?", {std::string(tenant)});
      if (!wijken.ok()) return wijken.status();
      for (const Row& row : *wijken) known.wijken.insert(row.GetString(0));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return known;
  }

  absl::StatusOr<std::vector<StoredBoard>> ListBoards(const DirectoryQuery& query) override {
    return storage::ReadAll<StoredBoard>(
        *db_,
        absl::StrCat("SELECT code, display_name, ", kMetaColumns,
                     " FROM dir_boards WHERE tenant = ? AND code > ? ORDER BY code LIMIT ?"),
        {query.tenant, query.after_code, int64_t{query.page_size} + 1},
        [](const Row& row) -> absl::StatusOr<StoredBoard> {
          return StoredBoard{Board{row.GetString(0), row.GetString(1)}, MetaFrom(row, 2)};
        });
  }

  absl::StatusOr<std::vector<StoredWijk>> ListWijken(const DirectoryQuery& query) override {
    return storage::ReadAll<StoredWijk>(
        *db_,
        absl::StrCat("SELECT code, display_name, municipality, ", kMetaColumns,
                     " FROM dir_wijken WHERE tenant = ? AND code > ? ORDER BY code LIMIT ?"),
        {query.tenant, query.after_code, int64_t{query.page_size} + 1},
        [](const Row& row) -> absl::StatusOr<StoredWijk> {
          return StoredWijk{Wijk{row.GetString(0), row.GetString(1), row.GetString(2)},
                            MetaFrom(row, 3)};
        });
  }

  absl::StatusOr<std::vector<StoredSchool>> ListSchools(const DirectoryQuery& query) override {
    std::string where = "tenant = ? AND code > ?";
    std::vector<Value> params = {query.tenant, query.after_code};
    if (query.board) {
      where += " AND board = ?";
      params.emplace_back(*query.board);
    }
    if (query.wijk) {
      where += " AND wijk = ?";
      params.emplace_back(*query.wijk);
    }
    if (query.kind) {
      where += " AND kind = ?";
      params.emplace_back(std::string(SchoolKindName(*query.kind)));
    }
    SchoolFilter reach;
    reach.reach = query.reach;
    sql_records::AppendSchoolFilter(reach, "code", &where, &params);
    params.emplace_back(int64_t{query.page_size} + 1);
    return storage::ReadAll<StoredSchool>(
        *db_,
        absl::StrCat("SELECT ", kSchoolColumns, " FROM dir_schools WHERE ", where,
                     " ORDER BY code LIMIT ?"),
        std::move(params), SchoolFromRow);
  }

  absl::StatusOr<absl::optional<StoredSchool>> FindSchool(absl::string_view tenant,
                                                          absl::string_view code) override {
    SWV_ASSIGN_OR_RETURN(std::vector<StoredSchool> found,
                         storage::ReadAll<StoredSchool>(
                             *db_,
                             absl::StrCat("SELECT ", kSchoolColumns,
                                          " FROM dir_schools WHERE tenant = ? AND code = ?"),
                             {std::string(tenant), std::string(code)}, SchoolFromRow));
    if (found.empty()) return absl::nullopt;
    return std::move(found.front());
  }

 private:
  template <typename T>
  absl::StatusOr<std::vector<UpsertOutcome>> Upsert(const TableSpec& spec, absl::string_view tenant,
                                                    const std::vector<T>& rows,
                                                    absl::string_view actor, absl::Time now) {
    std::vector<KeyedValues> values;
    values.reserve(rows.size());
    for (const T& row : rows) values.push_back(ValuesOf(row));
    const std::string tenant_text(tenant);
    const std::string actor_text(actor);
    // Two replicas inserting the same new code at once: the loser fails on the primary key and
    // runs the chunk again, now seeing the winner's row (and updating or leaving it).
    std::vector<UpsertOutcome> outcomes;
    const absl::Status status =
        sql_records::CreateWithRetry(*db_, [&](Transaction& tx) -> absl::Status {
          SWV_ASSIGN_OR_RETURN(outcomes, UpsertChunk(tx, spec, tenant_text, values, actor_text,
                                                     absl::ToUnixMicros(now)));
          return absl::OkStatus();
        });
    if (!status.ok()) return status;
    return outcomes;
  }

  storage::Database* db_;  // not owned
};

}  // namespace

absl::Status MigrateDirectorySchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "directory: boards, wijken, schools", kDirectorySchemaV1)};
  return storage::ApplyMigrations(db, "directory", *kMigrations);
}

std::unique_ptr<DirectoryRepository> NewSqlDirectoryRepository(storage::Database* db) {
  return std::make_unique<SqlDirectoryRepository>(db);
}

}  // namespace swv::registrations
