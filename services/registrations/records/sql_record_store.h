// RecordStore over SQL for a kind described by an SqlTable: prepared statements only, the table
// and column names coming from the description, never from a request. Thread-safe: it holds
// only the database (not owned, thread-safe) and the description (not owned, read-only).
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORD_STORE_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORD_STORE_H_

#include <algorithm>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/records/sql_records.h"
#include "services/registrations/records/sql_table.h"
#include "storage/bulk.h"
#include "storage/write_batcher.h"

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

  // Concurrent creates of this kind are written together: one transaction and one statement per
  // table for the batch (WriteCreates).
  absl::StatusOr<Created<Record>> Create(const Record& candidate,
                                         absl::string_view request_id) override {
    PendingCreate mine{&candidate, request_id, absl::UnknownError("not written")};
    creates_.Submit(&mine);
    return std::move(mine.result);
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

  absl::StatusOr<std::vector<Record>> ListCovering(absl::string_view tenant,
                                                   absl::CivilDay first_day,
                                                   absl::CivilDay last_day) override {
    if (t_->end_date_column.empty()) return ListUpTo(tenant, last_day);
    const std::string& start = t_->date_column;
    const std::string& end = t_->end_date_column;
    // Dates are stored as ISO text, which orders as the days do.
    return Read(
        absl::StrCat(start, " <= ? AND (", end, " IS NULL OR ", end, " >= ? OR ", start,
                     " >= ?) ORDER BY position"),
        {std::string(tenant), FormatDate(last_day), FormatDate(first_day), FormatDate(first_day)});
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

  // At most this many creates share a transaction; each batch size is its own statement text,
  // so the bound also bounds what the drivers keep prepared.
  static constexpr int kMaxCreateBatch = 8;
  // Batches written at once: one fills and writes while another waits for its durable commit.
  static constexpr int kCreateWriters = 2;

  using RequestKey = std::pair<std::string, std::string>;  // tenant, request_id
  using StoredByRequest = absl::flat_hash_map<RequestKey, Record>;

  struct PendingCreate {
    const Record* candidate;
    absl::string_view request_id;
    absl::StatusOr<Created<Record>> result;
  };

  // How a write learns which request ids were stored before.
  enum class StoredIds {
    kRead,          // read them first, and replay their records
    kLeftToTheKey,  // assume none: the unique key (tenant, request_id) refuses the write if one was
  };

  void WriteCreates(const std::vector<PendingCreate*>& batch) {
    // First as if every request id were new, which saves a read: a request id stored before (a
    // replay, rare) makes the unique key refuse the whole write. Then each create is written
    // alone, reading its request id, so that a create that is refused or loses a race fails or
    // retries only itself.
    std::vector<Created<Record>> written;
    const absl::Status shared = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      return InsertAll(tx, batch, written, StoredIds::kLeftToTheKey);
    });
    if (shared.ok()) {
      for (size_t i = 0; i < batch.size(); ++i) batch[i]->result = std::move(written[i]);
      return;
    }
    if (batch.size() == 1 && !IsConflict(shared)) {
      batch.front()->result = shared;  // e.g. UNAVAILABLE: trying again at once would not help
      return;
    }
    for (PendingCreate* pending : batch) {
      const absl::Status status = CreateWithRetry(*db_, [&](Transaction& tx) -> absl::Status {
        return InsertAll(tx, {pending}, written, StoredIds::kRead);
      });
      if (status.ok()) {
        pending->result = std::move(written.front());
      } else {
        pending->result = status;
      }
    }
  }

  // What another run that reads the stored request ids and pupils can resolve.
  static bool IsConflict(const absl::Status& status) {
    return status.code() == absl::StatusCode::kAlreadyExists ||
           status.code() == absl::StatusCode::kAborted;
  }

  // Stores the batch's records in `tx`, `written` in the batch's order: a record already stored
  // under its request id (or an earlier one of the batch with the same id) comes back unchanged;
  // the others get version 1, their pupil and their first change.
  absl::Status InsertAll(Transaction& tx, const std::vector<PendingCreate*>& batch,
                         std::vector<Created<Record>>& written, StoredIds stored_ids) {
    StoredByRequest stored;
    if (stored_ids == StoredIds::kRead) {
      SWV_ASSIGN_OR_RETURN(stored, StoredRequests(tx, batch));
    }
    const BatchPlan plan = Plan(batch, stored, written);
    if constexpr (kNamesPupil<Record>) {
      SWV_RETURN_IF_ERROR(AssignPupils(tx, plan.fresh, written));
    }
    SWV_RETURN_IF_ERROR(InsertFresh(tx, batch, plan.fresh, written));
    for (const auto& [repeat, first] : plan.repeats) written[repeat].stored = written[first].stored;
    return absl::OkStatus();
  }

  // Which creates of a batch store a record, and which repeat an earlier one's request id.
  struct BatchPlan {
    std::vector<size_t> fresh;
    std::vector<std::pair<size_t, size_t>> repeats;  // (the repeat, the create it repeats)
  };

  // Fills `written`: the records `stored` under their request ids as they are, the fresh ones at
  // version 1 (their pupil still to assign).
  BatchPlan Plan(const std::vector<PendingCreate*>& batch, const StoredByRequest& stored,
                 std::vector<Created<Record>>& written) const {
    written.assign(batch.size(), Created<Record>{});
    BatchPlan plan;
    absl::flat_hash_map<RequestKey, size_t> first;
    for (size_t i = 0; i < batch.size(); ++i) {
      Record r = *batch[i]->candidate;
      if (!batch[i]->request_id.empty()) {
        const RequestKey key{r.tenant, std::string(batch[i]->request_id)};
        if (auto found = stored.find(key); found != stored.end()) {
          written[i].stored = found->second;
          continue;
        }
        if (auto [earlier, added] = first.emplace(key, i); !added) {
          plan.repeats.emplace_back(i, earlier->second);
          continue;
        }
      }
      r.version = 1;
      if constexpr (kIsUpdated<Record>) {
        r.update_time = r.create_time;
        r.updated_by = r.created_by;
      }
      written[i] = Created<Record>{std::move(r), true};
      plan.fresh.push_back(i);
    }
    return plan;
  }

  // The pupil of every fresh record that names one, new pupils stored (sql_pupils.h).
  absl::Status AssignPupils(Transaction& tx, const std::vector<size_t>& fresh,
                            std::vector<Created<Record>>& written) const {
    if (!t_->pupil) return absl::OkStatus();
    std::vector<PupilNumber> numbers;
    std::vector<size_t> numbered;
    for (size_t i : fresh) {
      const Record& r = written[i].stored;
      if (absl::optional<PupilKey> key = t_->pupil(r)) {
        numbers.push_back(PupilNumber{r.tenant, key->school, key->lvs_pupil_number, r.create_time});
        numbered.push_back(i);
      }
    }
    SWV_ASSIGN_OR_RETURN(std::vector<std::string> pupils, PupilIdsFor(tx, numbers));
    for (size_t k = 0; k < numbered.size(); ++k) {
      written[numbered[k]].stored.pupil_id = std::move(pupils[k]);
    }
    return absl::OkStatus();
  }

  // The fresh records and their first changes, one statement per table.
  absl::Status InsertFresh(Transaction& tx, const std::vector<PendingCreate*>& batch,
                           const std::vector<size_t>& fresh,
                           const std::vector<Created<Record>>& written) const {
    std::vector<absl::string_view> names;
    for (const Column<Record>& column : t_->columns) names.push_back(column.name);
    names.push_back("request_id");
    std::vector<Value> values;
    std::vector<RecordChangeRow> changes;
    for (size_t i : fresh) {
      const Record& r = written[i].stored;
      for (const Column<Record>& column : t_->columns) values.push_back(column.write(r));
      const absl::string_view request_id = batch[i]->request_id;
      values.push_back(request_id.empty() ? storage::Null() : Value(std::string(request_id)));
      changes.push_back(RecordChangeRow{r.tenant, t_->Id(r), r.version, t_->create_action,
                                        r.created_by, r.create_time, "", t_->Snapshot(r)});
    }
    SWV_RETURN_IF_ERROR(storage::InsertValues(tx, {t_->table, names}, values).status());
    return InsertRecordChanges(tx, t_->log, changes);
  }

  // The records already stored under the batch's request ids.
  absl::StatusOr<StoredByRequest> StoredRequests(Transaction& tx,
                                                 const std::vector<PendingCreate*>& batch) const {
    StoredByRequest stored;
    std::string where;
    std::vector<Value> params;
    for (const PendingCreate* pending : batch) {
      if (pending->request_id.empty()) continue;
      absl::StrAppend(&where, where.empty() ? "" : " OR ", "(tenant = ? AND request_id = ?)");
      params.insert(params.end(), {pending->candidate->tenant, std::string(pending->request_id)});
    }
    if (where.empty()) return stored;
    SWV_ASSIGN_OR_RETURN(std::vector<storage::Row> rows,
                         tx.Query(absl::StrCat("SELECT ", t_->SelectList(), ", request_id FROM ",
                                               t_->table, " WHERE ", where),
                                  params));
    for (const storage::Row& row : rows) {
      SWV_ASSIGN_OR_RETURN(Record record, t_->FromRow(row));
      RequestKey key{record.tenant, row.GetString(t_->columns.size() + 1)};
      if (batch.size() == 1) {
        // The one id asked for, even where the collation ignores a difference (trailing spaces).
        key.second = std::string(batch.front()->request_id);
      } else if (std::none_of(batch.begin(), batch.end(), [&](const PendingCreate* p) {
                   return p->candidate->tenant == key.first && p->request_id == key.second;
                 })) {
        return absl::AbortedError("a stored request id matches only under the collation");
      }
      stored.emplace(std::move(key), std::move(record));
    }
    return stored;
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
  storage::WriteBatcher<PendingCreate> creates_{
      kMaxCreateBatch, [this](const std::vector<PendingCreate*>& batch) { WriteCreates(batch); },
      kCreateWriters};
};

template <typename Record>
std::unique_ptr<RecordStore<Record>> NewSqlRecordStore(storage::Database* db,
                                                       const SqlTable<Record>* table) {
  return std::make_unique<SqlRecordStore<Record>>(db, table);
}

}  // namespace swv::registrations::sql_records

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_SQL_RECORD_STORE_H_
