// How one record kind of registrations is stored, described once: its table, and for every column
// the record field it holds. From that one description come the column list a query reads, the
// row reader, the INSERT and UPDATE parameters, and the JSON snapshot kept in the change log
// (every stored field but the tenant, the id and the audit fields, keyed by the column name in
// lowerCamelCase). The SQL record store (sql_record_store.h) runs the statements.
//
// A description is built once at start-up and then only read: safe to share between threads.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_TABLE_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_TABLE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/json.h"
#include "services/registrations/records/record_changes.h"
#include "storage/database.h"

namespace swv::registrations::sql_records {

// One stored column: how its field is written as a statement parameter and read back from a row.
template <typename Record>
struct Column {
  std::string name;
  std::function<storage::Value(const Record&)> write;
  std::function<bool(const storage::Row&, size_t, Record&)> read;  // false: stored value invalid
  bool boolean = false;     // an INT 0/1 that the snapshot writes as false/true
  bool in_snapshot = true;  // false for the tenant, the id and the audit fields
  bool updatable = true;    // false for what an update never changes (tenant, id, creation)
};

// Where a pupil-level record names its pupil: the school and the LVS number the pupil id is
// resolved from when the record is created.
struct PupilKey {
  std::string school;
  std::string lvs_pupil_number;
};

// The whole-column codecs; `Field` is `[](auto& r) -> auto& { return r.some.field; }`, so one
// accessor serves both reading (into a record) and writing (from a const record).
template <typename Record>
class Columns {
 public:
  // Every table starts with the tenant and the record's id.
  template <typename Field>
  Columns(absl::string_view id_column, Field id) {
    Text(
        "tenant", [](auto& r) -> auto& { return r.tenant; });
    Text(id_column, id);
    for (Column<Record>& key : columns_) key.in_snapshot = key.updatable = false;
  }

  template <typename Field>
  Columns& Text(absl::string_view name, Field field) {
    return Add(
        name, [field](const Record& r) { return storage::Value(std::string(field(r))); },
        [field](const storage::Row& row, size_t i, Record& r) {
          field(r) = row.GetString(i);
          return true;
        });
  }
  template <typename Field>
  Columns& Int(absl::string_view name, Field field) {
    return Add(
        name, [field](const Record& r) { return storage::Value(int64_t{field(r)}); },
        [field](const storage::Row& row, size_t i, Record& r) {
          field(r) = row.GetInt(i);
          return true;
        });
  }
  template <typename Field>
  Columns& Flag(absl::string_view name, Field field) {
    Add(
        name, [field](const Record& r) { return storage::Value(int64_t{field(r) ? 1 : 0}); },
        [field](const storage::Row& row, size_t i, Record& r) {
          field(r) = row.GetInt(i) != 0;
          return true;
        });
    columns_.back().boolean = true;
    return *this;
  }
  // NULL when unknown.
  template <typename Field>
  Columns& OptionalFlag(absl::string_view name, Field field) {
    Add(
        name,
        [field](const Record& r) {
          return field(r) ? storage::Value(int64_t{*field(r) ? 1 : 0}) : storage::Null();
        },
        [field](const storage::Row& row, size_t i, Record& r) {
          field(r).reset();
          if (!row.IsNull(i)) field(r) = row.GetInt(i) != 0;
          return true;
        });
    columns_.back().boolean = true;
    return *this;
  }
  // A civil date as ISO text (CHAR(10)), so that dates compare as text in SQL.
  template <typename Field>
  Columns& Day(absl::string_view name, Field field) {
    return Add(
        name, [field](const Record& r) { return storage::Value(FormatDate(field(r))); },
        [field, column = std::string(name)](const storage::Row& row, size_t i, Record& r) {
          absl::StatusOr<absl::CivilDay> day = ParseDate(column, row.GetString(i));
          if (day.ok()) field(r) = *day;
          return day.ok();
        });
  }
  template <typename Field>
  Columns& OptionalDay(absl::string_view name, Field field) {
    return Add(
        name, [field](const Record& r) { return DayValue(field(r)); },
        [field, column = std::string(name)](const storage::Row& row, size_t i, Record& r) {
          field(r).reset();
          if (row.IsNull(i)) return true;
          absl::StatusOr<absl::CivilDay> day = ParseDate(column, row.GetString(i));
          if (day.ok()) field(r) = *day;
          return day.ok();
        });
  }
  template <typename Field>
  Columns& School(absl::string_view name, Field field) {
    return Add(
        name, [field](const Record& r) { return storage::Value(field(r).ToString()); },
        [field](const storage::Row& row, size_t i, Record& r) {
          absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", row.GetString(i));
          if (code.ok()) field(r) = *code;
          return code.ok();
        });
  }
  // "" when absent.
  template <typename Field>
  Columns& OptionalSchool(absl::string_view name, Field field) {
    return Add(
        name,
        [field](const Record& r) {
          return storage::Value(field(r) ? field(r)->ToString() : std::string());
        },
        [field](const storage::Row& row, size_t i, Record& r) {
          field(r).reset();
          if (row.GetString(i).empty()) return true;
          absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", row.GetString(i));
          if (code.ok()) field(r) = *code;
          return code.ok();
        });
  }
  // An enum stored by its name: `to_name(value)` and `from_name(text)` (nullopt: unknown name).
  template <typename Field, typename ToName, typename FromName>
  Columns& Named(absl::string_view name, Field field, ToName to_name, FromName from_name) {
    return Add(
        name,
        [field, to_name](const Record& r) {
          return storage::Value(std::string(to_name(field(r))));
        },
        [field, from_name](const storage::Row& row, size_t i, Record& r) {
          auto value = from_name(row.GetString(i));
          if (value) field(r) = *value;
          return value.has_value();
        });
  }
  // A column whose field needs more than one codec (a part of an optional decision).
  Columns& Custom(absl::string_view name, std::function<storage::Value(const Record&)> write,
                  std::function<bool(const storage::Row&, size_t, Record&)> read) {
    return Add(name, std::move(write), std::move(read));
  }

  // The audit fields of a record that is never updated: version, create time and creator.
  Columns& CreateAudit() {
    Int(
        "version", [](auto& r) -> auto& { return r.version; });
    Micros(
        "create_time_us", [](auto& r) -> auto& { return r.create_time; }, false);
    Text(
        "created_by", [](auto& r) -> auto& { return r.created_by; });
    columns_.back().updatable = false;
    return Audit(3);
  }
  // The audit fields of a record that is updated: as CreateAudit, and last update and updater.
  Columns& UpdateAudit() {
    CreateAudit();
    Micros(
        "update_time_us", [](auto& r) -> auto& { return r.update_time; }, true);
    Text(
        "updated_by", [](auto& r) -> auto& { return r.updated_by; });
    return Audit(2);
  }

  // The pupil a pupil-level record is about: `pupil_id` (resolved when the record is created),
  // the school (a SchoolCode, or an absl::optional of one: "" when absent) and the LVS number.
  // The record names its pupil when it has both a school and an LVS number.
  template <typename SchoolField, typename LvsField>
  Columns& Pupil(SchoolField school, LvsField lvs) {
    Text(
        "pupil_id", [](auto& r) -> auto& { return r.pupil_id; });
    if constexpr (std::is_same_v<std::decay_t<decltype(school(std::declval<Record&>()))>,
                                 SchoolCode>) {
      School("school", school);
    } else {
      OptionalSchool("school", school);
    }
    Text("lvs_pupil_number", lvs);
    pupil_ = [school, lvs](const Record& r) -> absl::optional<PupilKey> {
      const std::string code = SchoolText(school(r));
      if (code.empty() || lvs(r).empty()) return absl::nullopt;
      return PupilKey{code, lvs(r)};
    };
    return *this;
  }

  // How a record that closes ends: `closed_on` (its end day, NULL while it runs: the column
  // ListCovering compares, see AsEndDate) and `close_reason`.
  template <typename DayField, typename ReasonField>
  Columns& Closing(DayField closed_on, ReasonField close_reason) {
    OptionalDay("closed_on", closed_on).AsEndDate();
    return Text("close_reason", close_reason);
  }

  // What the last column is to the record store: the day ListUpTo compares with its last day, the
  // day a record ends (closed, ended; NULL while it runs), which ListCovering compares with a
  // period's first day, the state a list narrows by, the child's municipality a partner's reach and
  // a residence filter are about, the wijk of a record kept for a whole wijk (reached by the wijk's
  // schools).
  Columns& AsListDate() { return Mark(&date_column_); }
  Columns& AsEndDate() { return Mark(&end_date_column_); }
  Columns& AsState() { return Mark(&state_column_); }
  Columns& AsResidence() { return Mark(&residence_column_); }
  Columns& AsWijk() { return Mark(&wijk_column_); }
  // The organisations a youth-care reach needs a standing consent of (",MEVIS,").
  Columns& AsConsent() { return Mark(&consent_column_); }

  std::vector<Column<Record>> Build() { return std::move(columns_); }
  const std::function<absl::optional<PupilKey>(const Record&)>& pupil() const { return pupil_; }
  const std::string& date_column() const { return date_column_; }
  const std::string& end_date_column() const { return end_date_column_; }
  const std::string& state_column() const { return state_column_; }
  const std::string& residence_column() const { return residence_column_; }
  const std::string& wijk_column() const { return wijk_column_; }
  const std::string& consent_column() const { return consent_column_; }

 private:
  static storage::Value DayValue(const absl::optional<absl::CivilDay>& day) {
    return day ? storage::Value(FormatDate(*day)) : storage::Null();
  }
  template <typename Field>
  void Micros(absl::string_view name, Field field, bool updatable) {
    Add(
        name, [field](const Record& r) { return storage::Value(absl::ToUnixMicros(field(r))); },
        [field](const storage::Row& row, size_t i, Record& r) {
          field(r) = absl::FromUnixMicros(row.GetInt(i));
          return true;
        });
    columns_.back().updatable = updatable;
  }
  static std::string SchoolText(const SchoolCode& code) { return code.ToString(); }
  static std::string SchoolText(const absl::optional<SchoolCode>& code) {
    return code ? code->ToString() : std::string();
  }
  Columns& Mark(std::string* role) {
    *role = columns_.back().name;
    return *this;
  }
  Columns& Audit(size_t last) {
    for (size_t i = columns_.size() - last; i < columns_.size(); ++i) {
      columns_[i].in_snapshot = false;
    }
    return *this;
  }
  Columns& Add(absl::string_view name, std::function<storage::Value(const Record&)> write,
               std::function<bool(const storage::Row&, size_t, Record&)> read) {
    columns_.push_back(Column<Record>{std::string(name), std::move(write), std::move(read)});
    return *this;
  }

  std::vector<Column<Record>> columns_;
  std::function<absl::optional<PupilKey>(const Record&)> pupil_;
  std::string date_column_;
  std::string end_date_column_;
  std::string state_column_;
  std::string residence_column_;
  std::string wijk_column_;
  std::string consent_column_;
};

// One record kind's storage. Records carry tenant, id, version, create_time, created_by,
// pupil_id and position (and update_time, updated_by when updated).
template <typename Record>
struct SqlTable {
  std::string table;
  std::string what;  // in messages: "exemption vr-1 not found"
  ChangeLog log;
  std::vector<Column<Record>> columns;  // from Columns: tenant and id first
  std::string create_action;            // the first change's action: "recorded", "applied", ...
  // The record's pupil, resolved to pupil_id at create; nullopt: the record names none.
  std::function<absl::optional<PupilKey>(const Record&)> pupil;
  std::string date_column;  // what ListUpTo compares with its last day
  // The day the record ends, NULL while it runs; "" where the kind has none.
  std::string end_date_column;
  std::string state_column;  // what a list narrows by, when asked ("status"); "" none
  // The child's municipality, which a partner's reach and a list's residence filter are about;
  // "" where the kind has none (a partner then reaches none of its records).
  std::string residence_column;
  // The wijk of a record kept for a whole wijk, which the schools and boards of that wijk reach;
  // "" where the kind has none.
  std::string wijk_column;
  // The organisations with a standing consent (",MEVIS,"), which a youth-care reach needs; ""
  // where the kind has none (youth care then reaches none of its records).
  std::string consent_column;
  // The snapshot where a kind keeps an older nested layout; else the stored fields as above.
  std::function<std::string(const Record&)> own_snapshot;

  // What names a kind besides its columns: the table, the kind in messages, its change log and
  // the action of its first change.
  struct Names {
    std::string table;
    std::string what;
    ChangeLog log;
    std::string create_action;
  };
  // The description of a kind from its names and its columns (with their roles and pupil);
  // `own_snapshot` where the kind keeps an older snapshot layout. Built once, never freed.
  static const SqlTable* New(Names names, Columns<Record> columns,
                             std::function<std::string(const Record&)> own_snapshot = nullptr) {
    auto pupil = columns.pupil();
    std::string date = columns.date_column(), end_date = columns.end_date_column(),
                state = columns.state_column(), residence = columns.residence_column(),
                wijk = columns.wijk_column(), consent = columns.consent_column();
    return new SqlTable{std::move(names.table),
                        std::move(names.what),
                        std::move(names.log),
                        columns.Build(),
                        std::move(names.create_action),
                        std::move(pupil),
                        std::move(date),
                        std::move(end_date),
                        std::move(state),
                        std::move(residence),
                        std::move(wijk),
                        std::move(consent),
                        std::move(own_snapshot)};
  }

  const std::string& id_column() const { return columns[1].name; }
  // Every column, then position; each prefixed with `table_alias` ("o.") where a query joins.
  std::string SelectList(absl::string_view table_alias = "") const;
  absl::StatusOr<Record> FromRow(const storage::Row& row) const;
  std::string Snapshot(const Record& record) const;
  std::string Id(const Record& record) const {
    return std::get<std::string>(columns[1].write(record));
  }
};

// JSON of the snapshot fields; defined here so that SqlTable stays a header-only template.
std::string SnapshotOf(const std::vector<std::pair<std::string, storage::Value>>& fields,
                       const std::vector<bool>& boolean);

template <typename Record>
std::string SqlTable<Record>::SelectList(absl::string_view table_alias) const {
  std::string list;
  for (const Column<Record>& column : columns) {
    absl::StrAppend(&list, table_alias, column.name, ", ");
  }
  return absl::StrCat(list, table_alias, "position");
}

template <typename Record>
absl::StatusOr<Record> SqlTable<Record>::FromRow(const storage::Row& row) const {
  Record record;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (!columns[i].read(row, i, record)) {
      return absl::InternalError(
          absl::StrCat("stored ", what, " has an invalid ", columns[i].name));
    }
  }
  record.position = row.GetInt(columns.size());
  return record;
}

template <typename Record>
std::string SqlTable<Record>::Snapshot(const Record& record) const {
  if (own_snapshot) return own_snapshot(record);
  std::vector<std::pair<std::string, storage::Value>> fields;
  std::vector<bool> boolean;
  for (const Column<Record>& column : columns) {
    if (!column.in_snapshot) continue;
    fields.emplace_back(JsonName(column.name), column.write(record));
    boolean.push_back(column.boolean);
  }
  return SnapshotOf(fields, boolean);
}

}  // namespace swv::registrations::sql_records

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_TABLE_H_
