// SQL implementation of TlvRepository and its schema component "tlv".
//
// Decision numbers with several replicas: the number comes from a counter row per (tenant, year)
// that is incremented with "UPDATE ... SET last_number = last_number + 1" inside the same
// transaction that writes the decision. The UPDATE takes the row's write lock (InnoDB; SQLite
// transactions are serial anyway), so concurrent deciders on any replica queue behind each other
// and each reads its own increment; a rolled-back decision (version mismatch, failure) rolls its
// increment back too, so numbers have no gaps. The first decision of a year inserts the row; two
// replicas racing on that insert collide on the primary key (ALREADY_EXISTS) and the loser runs
// its whole transaction again. A unique key on (tenant, decision_number) guards the result.
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/records/sql_records.h"
#include "services/registrations/tlvs/sql_tlv_rows.h"
#include "services/registrations/tlvs/tlv_repository.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

using namespace tlv_sql;  // NOLINT: the row helpers written for this repository
using sql_records::Corrupt;
using sql_records::CreateWithRetry;
using sql_records::OptionalDate;
using sql_records::ReadOptionalDate;
using storage::Row;
using storage::Transaction;
using storage::Value;

constexpr absl::string_view kTlvSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS tlvs (
  %RECORD_KEY(tlv_id)%,
  pupil_id VARCHAR(40) NOT NULL,
  referring_school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  receiving_school VARCHAR(6) NOT NULL,
  receiving_inside_region INT NOT NULL,
  kind VARCHAR(8) NOT NULL,
  so_category VARCHAR(8) NULL,
  received_on CHAR(10) NOT NULL,
  status VARCHAR(16) NOT NULL,
  opp_id VARCHAR(40) NOT NULL,
  opp_consent_given INT NOT NULL,
  parents_view_recorded_on CHAR(10) NULL,
  parents_view_summary TEXT NULL,
  completed_on CHAR(10) NULL,
  extended INT NOT NULL,
  extension_reason TEXT NOT NULL,
  extended_on CHAR(10) NULL,
  decision_deadline CHAR(10) NULL,
  decided_on CHAR(10) NULL,
  decision_number VARCHAR(40) NULL,
  valid_from CHAR(10) NULL,
  valid_until CHAR(10) NULL,
  return_to_regular_considered INT NOT NULL,
  return_to_regular_note TEXT NOT NULL,
  decision_note TEXT NOT NULL,
  objection_filed_on CHAR(10) NULL,
  objection_note TEXT NOT NULL,
  renews VARCHAR(40) NULL,
  renewed_by VARCHAR(40) NULL,
  %RECORD_META%,
  CONSTRAINT tlvs_tlv_id UNIQUE (tenant, tlv_id),
  CONSTRAINT tlvs_request_id UNIQUE (tenant, request_id),
  CONSTRAINT tlvs_decision_number UNIQUE (tenant, decision_number),
  CONSTRAINT tlvs_renews UNIQUE (tenant, renews)
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS tlvs_status ON tlvs (tenant, status, position);
CREATE TABLE IF NOT EXISTS tlv_advices (
  tenant VARCHAR(16) NOT NULL,
  tlv_id VARCHAR(40) NOT NULL,
  ordinal INT NOT NULL,
  expert_name VARCHAR(200) NOT NULL,
  profession VARCHAR(32) NOT NULL,
  advised_on CHAR(10) NOT NULL,
  affiliated_school VARCHAR(6) NOT NULL,
  involved_before INT NOT NULL,
  PRIMARY KEY (tenant, tlv_id, ordinal)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS tlv_changes (
  tenant VARCHAR(16) NOT NULL,
  tlv_id VARCHAR(40) NOT NULL,
  version BIGINT NOT NULL,
  action VARCHAR(32) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  time_us BIGINT NOT NULL,
  snapshot_json TEXT NOT NULL,
  PRIMARY KEY (tenant, tlv_id, version)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS tlv_decision_counters (
  tenant VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  last_number BIGINT NOT NULL,
  PRIMARY KEY (tenant, year)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS tlv_settings (
  tenant VARCHAR(16) NOT NULL PRIMARY KEY,
  validity_school_years INT NOT NULL,
  version BIGINT NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL
)%TABLE_OPTIONS%
)sql";

// Version 1 also created the OPP tables and version 2 altered them; the component "opp"
// (opps/sql_opp_repository.cc) adopted both, so fresh databases get them there.
constexpr absl::string_view kMovedToOpp = "-- moved to component opp";

class SqlTlvRepository final : public TlvRepository {
 public:
  explicit SqlTlvRepository(storage::Database* db) : db_(db) {}

  absl::StatusOr<CreateTlvResult> CreateTlv(const TlvRecord& candidate,
                                            absl::string_view request_id,
                                            const TlvRecord* renewed) override {
    CreateTlvResult result;
    const absl::Status status = CreateWithRetry(*db_, [&](Transaction& tx) -> absl::Status {
      result = CreateTlvResult{};
      if (!request_id.empty()) {
        auto existing = FindTlv(tx, "tenant = ? AND request_id = ?",
                                {candidate.tenant, std::string(request_id)});
        if (!existing.ok()) return existing.status();
        if (existing->has_value()) {
          result.stored = **existing;
          return absl::OkStatus();
        }
      }
      TlvRecord r = candidate;
      if (r.pupil_id.empty()) {
        absl::StatusOr<std::string> pupil_id =
            PupilIdFor(tx, r.tenant, r.state.referring_school.ToString(), r.state.lvs_pupil_number,
                       r.create_time);
        if (!pupil_id.ok()) return pupil_id.status();
        r.pupil_id = *pupil_id;
      }
      r.version = 1;
      r.update_time = r.create_time;
      r.updated_by = r.created_by;
      std::vector<Value> params = {r.tenant, r.tlv_id, r.pupil_id};
      for (Value& v : StateValues(r.state)) params.push_back(std::move(v));
      params.emplace_back(OptionalDate(DecisionDeadline(r.state)));
      params.emplace_back(request_id.empty() ? storage::Null() : Value(std::string(request_id)));
      params.emplace_back(r.version);
      params.emplace_back(absl::ToUnixMicros(r.create_time));
      params.emplace_back(absl::ToUnixMicros(r.update_time));
      params.emplace_back(r.created_by);
      params.emplace_back(r.updated_by);
      std::vector<absl::string_view> marks(params.size(), "?");
      absl::StatusOr<int64_t> inserted =
          tx.Execute(absl::StrCat("INSERT INTO tlvs (tenant, tlv_id, pupil_id, ", kStateColumns,
                                  ", decision_deadline, request_id, version, create_time_us, "
                                  "update_time_us, created_by, updated_by) VALUES (",
                                  absl::StrJoin(marks, ", "), ")"),
                     params);
      if (!inserted.ok()) return inserted.status();
      SWV_RETURN_IF_ERROR(InsertChange(tx, r, "received"));
      if (renewed != nullptr) {
        TlvRecord old = *renewed;
        old.state.renewed_by = r.tlv_id;
        old.version = renewed->version + 1;
        old.update_time = r.create_time;
        old.updated_by = r.created_by;
        SWV_RETURN_IF_ERROR(WriteState(tx, old, renewed->version));
        SWV_RETURN_IF_ERROR(InsertChange(tx, old, "renewed"));
      }
      result.stored = std::move(r);
      result.created = true;
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return result;
  }

  absl::StatusOr<TlvRecord> GetTlv(absl::string_view tenant, absl::string_view tlv_id) override {
    absl::optional<TlvRecord> found;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      auto r = FindTlv(tx, "tenant = ? AND tlv_id = ?", {std::string(tenant), std::string(tlv_id)});
      if (!r.ok()) return r.status();
      found = *std::move(r);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    if (!found) return absl::NotFoundError(absl::StrCat("TLV ", tlv_id, " not found"));
    return *std::move(found);
  }

  absl::StatusOr<absl::optional<TlvRecord>> FindByRequestId(absl::string_view tenant,
                                                            absl::string_view request_id) override {
    absl::optional<TlvRecord> found;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      auto r = FindTlv(tx, "tenant = ? AND request_id = ?",
                       {std::string(tenant), std::string(request_id)});
      if (!r.ok()) return r.status();
      found = *std::move(r);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return found;
  }

  absl::StatusOr<TlvPage> ListTlvs(const TlvQuery& query) override {
    std::string where = "tenant = ? AND position > ?";
    std::vector<Value> params = {query.tenant, query.after_position};
    if (query.status) {
      where += " AND status = ?";
      params.emplace_back(std::string(TlvStatusName(*query.status)));
    }
    if (query.overdue) {
      // The domain's overdue criteria (OverdueAsOf); ISO dates compare as text.
      where += " AND status = ? AND decision_deadline < ?";
      params.emplace_back(std::string(TlvStatusName(query.overdue->status)));
      params.emplace_back(FormatDate(query.overdue->deadline_before));
    }
    sql_records::AppendSchoolFilter(query.filter, "referring_school", &where, &params);
    params.emplace_back(int64_t{query.page_size} + 1);
    const std::string sql = absl::StrCat("SELECT ", RecordColumns(), " FROM tlvs WHERE ", where,
                                         " ORDER BY position LIMIT ?");
    TlvPage page;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      page = TlvPage{};
      SWV_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(sql, params));
      int64_t position = 0;
      for (const Row& row : rows) {
        if (static_cast<int>(page.tlvs.size()) == query.page_size) {
          page.next_position = position;
          break;
        }
        SWV_ASSIGN_OR_RETURN(TlvRecord r, RecordFromRow(row, &position));
        SWV_RETURN_IF_ERROR(LoadAdvices(tx, r));
        page.tlvs.push_back(std::move(r));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return page;
  }

  absl::StatusOr<TlvRecord> UpdateTlv(const TlvRecord& updated, int64_t expected_version,
                                      absl::string_view action,
                                      bool assign_decision_number) override {
    TlvRecord r;
    // A second attempt when the first decision of a year lost the counter-row insert race.
    const absl::Status status = CreateWithRetry(*db_, [&](Transaction& tx) -> absl::Status {
      r = updated;
      r.version = expected_version + 1;
      if (assign_decision_number) {
        if (!r.state.decided_on) return absl::InternalError("decision without decided_on");
        absl::StatusOr<std::string> number =
            NextDecisionNumber(tx, r.tenant, static_cast<int>(r.state.decided_on->year()));
        if (!number.ok()) return number.status();
        r.state.decision_number = *number;
      }
      SWV_RETURN_IF_ERROR(WriteState(tx, r, expected_version));
      SWV_RETURN_IF_ERROR(ReplaceAdvices(tx, r));
      return InsertChange(tx, r, action);
    });
    if (!status.ok()) return status;
    return r;
  }

  absl::StatusOr<std::vector<RecordChange>> ListChanges(absl::string_view tenant,
                                                        absl::string_view tlv_id) override {
    return ListRecordChanges(*db_, kTlvLog, tenant, tlv_id);
  }

  absl::StatusOr<std::vector<TlvState>> TlvsForStatistics(absl::string_view tenant,
                                                          const SchoolFilter& filter) override {
    std::string columns;
    for (absl::string_view column : absl::StrSplit(kStateColumns, ", ")) {
      absl::StrAppend(&columns, columns.empty() ? "" : ", ", "t.", column);
    }
    std::string sql =
        absl::StrCat("SELECT ", columns,
                     " FROM tlvs t LEFT JOIN dir_schools s ON s.tenant = t.tenant AND "
                     "s.code = t.referring_school WHERE t.tenant = ?");
    std::vector<Value> params = {std::string(tenant)};
    sql_records::AppendSchoolFilter(filter, "t.referring_school", &sql, &params);
    return storage::ReadAll<TlvState>(*db_, sql, std::move(params),
                                      [](const Row& row) { return StateFromRow(row, 0); });
  }

  absl::StatusOr<std::vector<TlvPlacement>> GrantedTlvPlacements(absl::string_view tenant,
                                                                 absl::CivilDay from,
                                                                 absl::CivilDay last) override {
    std::vector<TlvPlacement> out;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      out.clear();
      // ISO dates compare as text.
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query(
              "SELECT pupil_id, referring_school, receiving_school, kind, received_on, valid_from, "
              "valid_until FROM tlvs WHERE tenant = ? AND status = ? AND valid_from IS NOT NULL "
              "AND valid_from <= ? AND (valid_until IS NULL OR valid_until >= ?) "
              "ORDER BY position",
              {std::string(tenant), std::string(TlvStatusName(TlvStatus::kGranted)),
               FormatDate(last), FormatDate(from)}));
      for (const Row& row : rows) {
        TlvPlacement p;
        p.pupil_id = row.GetString(0);
        p.referring_school = row.GetString(1);
        p.receiving_school = row.GetString(2);
        absl::optional<TlvKind> kind = TlvKindFromName(row.GetString(3));
        absl::StatusOr<absl::CivilDay> received = ParseDate("received_on", row.GetString(4));
        absl::StatusOr<absl::CivilDay> valid_from = ParseDate("valid_from", row.GetString(5));
        if (!kind) return Corrupt(kWhat, "kind");
        if (!received.ok()) return Corrupt(kWhat, "received_on");
        if (!valid_from.ok()) return Corrupt(kWhat, "valid_from");
        p.kind = *kind;
        p.received_on = *received;
        p.valid_from = *valid_from;
        if (!row.IsNull(6)) {
          absl::StatusOr<absl::CivilDay> until = ParseDate("valid_until", row.GetString(6));
          if (!until.ok()) return Corrupt(kWhat, "valid_until");
          p.valid_until = *until;
        }
        out.push_back(std::move(p));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return out;
  }

  absl::StatusOr<TlvPolicyRecord> GetPolicy(absl::string_view tenant) override {
    TlvPolicyRecord record;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      record = TlvPolicyRecord{};
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query(
              "SELECT validity_school_years, version, update_time_us, updated_by FROM tlv_settings "
              "WHERE tenant = ?",
              {std::string(tenant)}));
      if (rows.empty()) return absl::OkStatus();
      const Row& row = rows.front();
      record.policy.validity_school_years = static_cast<int>(row.GetInt(0));
      record.version = row.GetInt(1);
      record.update_time = absl::FromUnixMicros(row.GetInt(2));
      record.updated_by = row.GetString(3);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return record;
  }

  absl::StatusOr<TlvPolicyRecord> PutPolicy(absl::string_view tenant, const TlvPolicy& policy,
                                            absl::string_view actor, absl::Time now) override {
    const std::string tenant_text(tenant);
    const std::string actor_text(actor);
    const absl::Status status = CreateWithRetry(*db_, [&](Transaction& tx) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(
          int64_t changed,
          tx.Execute("UPDATE tlv_settings SET validity_school_years = ?, version = version + 1, "
                     "update_time_us = ?, updated_by = ? WHERE tenant = ?",
                     {int64_t{policy.validity_school_years}, absl::ToUnixMicros(now), actor_text,
                      tenant_text}));
      if (changed == 1) return absl::OkStatus();
      return tx
          .Execute(
              "INSERT INTO tlv_settings (tenant, validity_school_years, version, "
              "update_time_us, updated_by) VALUES (?, ?, 1, ?, ?)",
              {tenant_text, int64_t{policy.validity_school_years}, absl::ToUnixMicros(now),
               actor_text})
          .status();
    });
    if (!status.ok()) return status;
    return GetPolicy(tenant);
  }

 private:
  storage::Database* db_;  // not owned
};

}  // namespace

absl::Status MigrateTlvSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "OPPs, TLVs, expert advices, history, decision counters, settings",
                             kTlvSchemaV1),
          storage::Dialected(2, "OPP: SO-TLV profile", kMovedToOpp),
          storage::Dialected(
              3, "the change log in the layout of every record kind",
              ChangeLogLayoutMigration("tlv_changes", "tlv_id", kTlvLog.record_kind, true, true))};
  return storage::ApplyMigrations(db, "tlv", *kMigrations);
}

std::unique_ptr<TlvRepository> NewSqlTlvRepository(storage::Database* db) {
  return std::make_unique<SqlTlvRepository>(db);
}

}  // namespace swv::registrations
