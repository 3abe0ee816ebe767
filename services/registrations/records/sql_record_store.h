// RecordStore over SQL for a kind described by an SqlTable: prepared statements only, the table
// and column names coming from the description, never from a request. Thread-safe: it holds
// only the database (not owned, thread-safe) and the description (not owned, read-only).
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORD_STORE_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORD_STORE_H_

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/records/sql_records.h"
#include "services/registrations/records/sql_table.h"

namespace swv::registrations::sql_records {

// After an UPDATE ... WHERE version = expected changed `changed` rows: OK for one; else NOT_FOUND
// when the record is gone, ABORTED naming the version someone else wrote.
absl::Status CheckUpdated(Transaction& tx, absl::string_view table, absl::string_view id_column,
                          absl::string_view what, absl::string_view tenant, absl::string_view id,
                          int64_t changed, int64_t expected_version);

// Records that change after they are created carry their last update (records.h).
template <typename Record>
inline constexpr bool kIsUpdated = std::is_base_of_v<VersionedRecord, Record>;

// Records about one pupil carry its id; a record kept for a whole wijk names none.
template <typename Record, typename = void>
inline constexpr bool kNamesPupil = false;
template <typename Record>
inline constexpr bool kNamesPupil<Record, std::void_t<decltype(std::declval<Record&>().pupil_id)>> =
    true;

template <typename Record>
class SqlRecordStore final : public RecordStore<Record> {
 public:
  SqlRecordStore(storage::Database* db, const SqlTable<Record>* table)
      : db_(db),
        t_(table),
        select_(absl::StrCat("SELECT ", t_->SelectList(), " FROM ", t_->table,
                             " WHERE tenant = ? AND ")) {}

  absl::StatusOr<Created<Record>> Create(const Record& candidate,
                                         absl::string_view request_id) override {
    Created<Record> result;
    const absl::Status status = CreateWithRetry(*db_, [&](Transaction& tx) -> absl::Status {
      result = Created<Record>{};
      if (!request_id.empty()) {
        SWV_ASSIGN_OR_RETURN(
            std::vector<Record> existing,
            Query(tx, "request_id = ?", {candidate.tenant, std::string(request_id)}));
        if (!existing.empty()) {
          result.stored = std::move(existing.front());
          return absl::OkStatus();
        }
      }
      SWV_ASSIGN_OR_RETURN(result.stored, Insert(tx, candidate, request_id));
      result.created = true;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return result;
  }

  absl::StatusOr<Record> Get(absl::string_view tenant, absl::string_view id) override {
    SWV_ASSIGN_OR_RETURN(std::vector<Record> found, Read(absl::StrCat(t_->id_column(), " = ?"),
                                                         {std::string(tenant), std::string(id)}));
    if (found.empty()) return absl::NotFoundError(absl::StrCat(t_->what, " ", id, " not found"));
    return std::move(found.front());
  }

  absl::StatusOr<RecordPage<Record>> List(const RecordQuery& query) override {
    std::string where = "position > ?";
    std::vector<Value> params = {query.tenant, query.after_position};
    AppendSchoolFilter(query.filter, "school", &where, &params, t_->residence_column,
                       t_->wijk_column, t_->consent_column);
    if (query.residence) {
      absl::StrAppend(&where, " AND ", t_->residence_column, " = ?");
      params.emplace_back(*query.residence);
    }
    if (query.state) {
      absl::StrAppend(&where, " AND ", t_->state_column, " = ?");
      params.push_back(*query.state);
    }
    params.emplace_back(int64_t{query.page_size} + 1);
    SWV_ASSIGN_OR_RETURN(
        std::vector<Record> rows,
        Read(absl::StrCat(where, " ORDER BY position LIMIT ?"), std::move(params)));
    return PagedRecords(std::move(rows), query.page_size);
  }

  absl::StatusOr<std::vector<Record>> ListUpTo(absl::string_view tenant,
                                               absl::CivilDay last_day) override {
    return Read(absl::StrCat(t_->date_column, " <= ? ORDER BY position"),
                {std::string(tenant), FormatDate(last_day)});
  }

  absl::StatusOr<Record> Update(const Record& updated, int64_t expected_version,
                                absl::string_view action, absl::string_view reason) override {
    if constexpr (!kIsUpdated<Record>) {
      return absl::FailedPreconditionError(absl::StrCat("a stored ", t_->what, " is not updated"));
    } else {
      return UpdateStored(updated, expected_version, action, reason);
    }
  }

  absl::StatusOr<std::vector<RecordChange>> History(absl::string_view tenant,
                                                    absl::string_view id) override {
    return ListRecordChanges(*db_, t_->log, tenant, id);
  }

 private:
  absl::StatusOr<Record> UpdateStored(const Record& updated, int64_t expected_version,
                                      absl::string_view action, absl::string_view reason) {
    Record r = updated;
    r.version = expected_version + 1;
    std::vector<std::string> set;
    std::vector<Value> params;
    for (const Column<Record>& column : t_->columns) {
      if (!column.updatable) continue;
      set.push_back(absl::StrCat(column.name, " = ?"));
      params.push_back(column.write(r));
    }
    const std::string id = t_->Id(r);
    params.insert(params.end(), {r.tenant, id, expected_version});
    const std::string sql =
        absl::StrCat("UPDATE ", t_->table, " SET ", absl::StrJoin(set, ", "),
                     " WHERE tenant = ? AND ", t_->id_column(), " = ? AND version = ?");
    const absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(int64_t changed, tx.Execute(sql, params));
      SWV_RETURN_IF_ERROR(CheckUpdated(tx, t_->table, t_->id_column(), t_->what, r.tenant, id,
                                       changed, expected_version));
      return Log(tx, r, action, reason, r.updated_by, r.update_time);
    });
    if (!status.ok()) return status;
    return r;
  }

  absl::StatusOr<Record> Insert(Transaction& tx, Record r, absl::string_view request_id) {
    r.version = 1;
    if constexpr (kIsUpdated<Record>) {
      r.update_time = r.create_time;
      r.updated_by = r.created_by;
    }
    if constexpr (kNamesPupil<Record>) {
      if (t_->pupil) {
        if (absl::optional<PupilKey> key = t_->pupil(r)) {
          SWV_ASSIGN_OR_RETURN(r.pupil_id, PupilIdFor(tx, r.tenant, key->school,
                                                      key->lvs_pupil_number, r.create_time));
        }
      }
    }
    std::vector<std::string> names;
    std::vector<Value> params;
    for (const Column<Record>& column : t_->columns) {
      names.push_back(column.name);
      params.push_back(column.write(r));
    }
    names.push_back("request_id");
    params.push_back(request_id.empty() ? storage::Null() : Value(std::string(request_id)));
    std::vector<std::string> marks(names.size(), "?");
    SWV_RETURN_IF_ERROR(
        tx.Execute(absl::StrCat("INSERT INTO ", t_->table, " (", absl::StrJoin(names, ", "),
                                ") VALUES (", absl::StrJoin(marks, ", "), ")"),
                   params)
            .status());
    SWV_RETURN_IF_ERROR(Log(tx, r, t_->create_action, "", r.created_by, r.create_time));
    return r;
  }

  absl::Status Log(Transaction& tx, const Record& r, absl::string_view action,
                   absl::string_view reason, const std::string& actor, absl::Time time) {
    return InsertRecordChange(tx, t_->log,
                              RecordChangeRow{r.tenant, t_->Id(r), r.version, std::string(action),
                                              actor, time, std::string(reason), t_->Snapshot(r)});
  }

  // The tenant's records matching `where` (after "tenant = ? AND "); `params` start with the
  // tenant.
  absl::StatusOr<std::vector<Record>> Query(Transaction& tx, absl::string_view where,
                                            const std::vector<Value>& params) const {
    return storage::QueryAll<Record>(tx, absl::StrCat(select_, where), params,
                                     [this](const Row& row) { return t_->FromRow(row); });
  }
  absl::StatusOr<std::vector<Record>> Read(absl::string_view where, std::vector<Value> params) {
    std::vector<Record> out;
    const absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(out, Query(tx, where, params));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return out;
  }

  storage::Database* db_;      // not owned
  const SqlTable<Record>* t_;  // not owned
  const std::string select_;   // "SELECT <every column> FROM <table> WHERE tenant = ? AND "
};

template <typename Record>
std::unique_ptr<RecordStore<Record>> NewSqlRecordStore(storage::Database* db,
                                                       const SqlTable<Record>* table) {
  return std::make_unique<SqlRecordStore<Record>>(db, table);
}

}  // namespace swv::registrations::sql_records

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORD_STORE_H_
