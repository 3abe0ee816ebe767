// SQL implementation of AllocationRepository. Every statement is prepared with `?` placeholders;
// the only SQL assembled at run time is the number of "(?, ...)" groups in a multi-row INSERT.
#include <algorithm>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/allocation/allocation_repository.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"

namespace swv::allocation {
namespace {

using storage::Row;
using storage::Transaction;
using storage::Value;

storage::Migration Dialected(int version, std::string description, absl::string_view sql) {
  storage::Migration migration;
  migration.version = version;
  migration.description = std::move(description);
  migration.sqlite_sql =
      absl::StrReplaceAll(sql, {{"%LONGTEXT%", "TEXT"}, {"%TABLE_OPTIONS%", ""}});
  migration.mysql_sql = absl::StrReplaceAll(
      sql, {{"%LONGTEXT%", "MEDIUMTEXT"},
            {"%TABLE_OPTIONS%", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"}});
  return migration;
}

constexpr absl::string_view kSchemaV1 = R"sql(
CREATE TABLE alloc_year_configs (
  tenant VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  version BIGINT NOT NULL,
  config_text %LONGTEXT% NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, year, version)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_count_sets (
  tenant VARCHAR(16) NOT NULL,
  count_date CHAR(10) NOT NULL,
  version BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  request_id VARCHAR(128) NULL,
  source VARCHAR(200) NOT NULL,
  row_count BIGINT NOT NULL,
  school_count BIGINT NOT NULL,
  total_pupils BIGINT NOT NULL,
  create_time_us BIGINT NOT NULL,
  created_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, count_date, version),
  CONSTRAINT alloc_count_sets_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_count_rows (
  tenant VARCHAR(16) NOT NULL,
  count_date CHAR(10) NOT NULL,
  version BIGINT NOT NULL,
  school CHAR(6) NOT NULL,
  line VARCHAR(40) NOT NULL,
  pupils BIGINT NOT NULL,
  sbo_pupils BIGINT NOT NULL,
  so_cat1_pupils BIGINT NOT NULL,
  so_cat2_pupils BIGINT NOT NULL,
  so_cat3_pupils BIGINT NOT NULL,
  PRIMARY KEY (tenant, count_date, version, school, line)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_school_counts (
  tenant VARCHAR(16) NOT NULL,
  count_date CHAR(10) NOT NULL,
  version BIGINT NOT NULL,
  school CHAR(6) NOT NULL,
  pupils BIGINT NOT NULL,
  sbo_pupils BIGINT NOT NULL,
  so_cat1_pupils BIGINT NOT NULL,
  so_cat2_pupils BIGINT NOT NULL,
  so_cat3_pupils BIGINT NOT NULL,
  PRIMARY KEY (tenant, count_date, version, school)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_calculations (
  tenant VARCHAR(16) NOT NULL,
  calculation_id VARCHAR(40) NOT NULL,
  year INT NOT NULL,
  config_version BIGINT NOT NULL,
  count_date CHAR(10) NOT NULL,
  count_version BIGINT NOT NULL,
  fingerprint CHAR(16) NOT NULL,
  request_id VARCHAR(128) NULL,
  create_time_us BIGINT NOT NULL,
  created_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, calculation_id),
  CONSTRAINT alloc_calculations_request_id UNIQUE (tenant, request_id)
)%TABLE_OPTIONS%;
CREATE INDEX alloc_calculations_year ON alloc_calculations (tenant, year, create_time_us);
CREATE TABLE alloc_calculation_schools (
  tenant VARCHAR(16) NOT NULL,
  calculation_id VARCHAR(40) NOT NULL,
  school CHAR(6) NOT NULL,
  board VARCHAR(16) NOT NULL,
  wijk VARCHAR(32) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  inside_region INT NOT NULL,
  PRIMARY KEY (tenant, calculation_id, school)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_calculation_boards (
  tenant VARCHAR(16) NOT NULL,
  calculation_id VARCHAR(40) NOT NULL,
  board VARCHAR(16) NOT NULL,
  display_name VARCHAR(500) NOT NULL,
  PRIMARY KEY (tenant, calculation_id, board)
)%TABLE_OPTIONS%;
CREATE TABLE alloc_spending_accounts (
  tenant VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  board VARCHAR(16) NOT NULL,
  received_on CHAR(10) NOT NULL,
  basis_spent_cents BIGINT NOT NULL,
  extra_spent_cents BIGINT NOT NULL,
  note VARCHAR(1000) NOT NULL,
  version BIGINT NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, year, board)
)%TABLE_OPTIONS%
)sql";

// Every submitted version of a spending account (alloc_spending_accounts keeps the newest, for the
// list). Accounts submitted before this migration keep only the version that was current then:
// the earlier ones had already been overwritten.
constexpr absl::string_view kSchemaV2 = R"sql(
CREATE TABLE alloc_spending_account_versions (
  tenant VARCHAR(16) NOT NULL,
  year INT NOT NULL,
  board VARCHAR(16) NOT NULL,
  version BIGINT NOT NULL,
  received_on CHAR(10) NOT NULL,
  basis_spent_cents BIGINT NOT NULL,
  extra_spent_cents BIGINT NOT NULL,
  note VARCHAR(1000) NOT NULL,
  update_time_us BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL,
  PRIMARY KEY (tenant, year, board, version)
)%TABLE_OPTIONS%;
INSERT INTO alloc_spending_account_versions (tenant, year, board, version, received_on,
  basis_spent_cents, extra_spent_cents, note, update_time_us, updated_by)
SELECT tenant, year, board, version, received_on, basis_spent_cents, extra_spent_cents, note,
  update_time_us, updated_by FROM alloc_spending_accounts
)sql";

absl::Status Corrupt(absl::string_view what) {
  return absl::InternalError(absl::StrCat("stored allocation data is invalid: ", what));
}

// The configuration as stored: one "key<TAB>value..." line per field. Validation forbids control
// characters in free text, so tabs and newlines cannot occur inside values.
std::string EncodeConfig(const YearConfig& c) {
  std::vector<std::string> lines;
  auto scalar = [&](absl::string_view key, const absl::optional<int64_t>& value) {
    if (value) lines.push_back(absl::StrCat(key, "\t", *value));
  };
  lines.push_back(absl::StrCat("year\t", c.year));
  lines.push_back(absl::StrCat("count_date\t", c.count_date));
  scalar("basis", c.basis_amount_per_pupil_cents);
  scalar("indexation_bp", c.indexation_bp);
  scalar("hb_budget", c.hb_budget_cents);
  if (c.hb_collective_share) {
    lines.push_back(absl::StrCat("hb_share\t", c.hb_collective_share->numerator, "\t",
                                 c.hb_collective_share->denominator));
  }
  scalar("wijk_pot", c.wijk_pot_cents);
  scalar("sbo_rate", c.sbo_rate_cents);
  scalar("so_cat1_rate", c.so_cat1_rate_cents);
  scalar("so_cat2_rate", c.so_cat2_rate_cents);
  scalar("so_cat3_rate", c.so_cat3_rate_cents);
  scalar("light_income", c.light_support_income_cents);
  scalar("heavy_income", c.heavy_support_income_cents);
  scalar("other_income", c.other_income_cents);
  scalar("reserve", c.reserve_cents);
  scalar("reserve_signal_bp", c.reserve_signal_bp);
  scalar("reserve_signal_minimum", c.reserve_signal_minimum_cents);
  for (const PerPupilAmount& extra : c.extra_per_pupil_amounts) {
    lines.push_back(absl::StrCat("extra\t", extra.code, "\t", extra.amount_cents.value_or(0), "\t",
                                 extra.description));
  }
  for (const WijkFactor& factor : c.wijk_factors) {
    lines.push_back(absl::StrCat("factor\t", factor.code, "\t", factor.weight_bp));
    for (const WijkFactorValue& value : factor.values) {
      lines.push_back(absl::StrCat("factor_value\t", factor.code, "\t", value.wijk, "\t", value.value));
    }
  }
  for (const Penvoerder& penvoerder : c.penvoerders) {
    lines.push_back(absl::StrCat("penvoerder\t", penvoerder.wijk, "\t", penvoerder.board));
  }
  return absl::StrJoin(lines, "\n");
}

absl::StatusOr<YearConfig> DecodeConfig(absl::string_view text) {
  YearConfig c;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    auto number = [&](size_t i, int64_t* out) {
      return i < f.size() && absl::SimpleAtoi(f[i], out);
    };
    int64_t a = 0, b = 0;
    const std::string& key = f[0];
    auto set = [&](absl::optional<int64_t>* target) -> bool {
      if (!number(1, &a)) return false;
      *target = a;
      return true;
    };
    bool ok = true;
    if (key == "year") {
      ok = number(1, &a);
      c.year = static_cast<int>(a);
    } else if (key == "count_date" && f.size() == 2) {
      c.count_date = f[1];
    } else if (key == "basis") { ok = set(&c.basis_amount_per_pupil_cents);
    } else if (key == "indexation_bp") { ok = set(&c.indexation_bp);
    } else if (key == "hb_budget") { ok = set(&c.hb_budget_cents);
    } else if (key == "hb_share") {
      ok = number(1, &a) && number(2, &b);
      c.hb_collective_share = Fraction{a, b};
    } else if (key == "wijk_pot") { ok = set(&c.wijk_pot_cents);
    } else if (key == "sbo_rate") { ok = set(&c.sbo_rate_cents);
    } else if (key == "so_cat1_rate") { ok = set(&c.so_cat1_rate_cents);
    } else if (key == "so_cat2_rate") { ok = set(&c.so_cat2_rate_cents);
    } else if (key == "so_cat3_rate") { ok = set(&c.so_cat3_rate_cents);
    } else if (key == "light_income") { ok = set(&c.light_support_income_cents);
    } else if (key == "heavy_income") { ok = set(&c.heavy_support_income_cents);
    } else if (key == "other_income") { ok = set(&c.other_income_cents);
    } else if (key == "reserve") { ok = set(&c.reserve_cents);
    } else if (key == "reserve_signal_bp") { ok = set(&c.reserve_signal_bp);
    } else if (key == "reserve_signal_minimum") { ok = set(&c.reserve_signal_minimum_cents);
    } else if (key == "extra" && f.size() == 4) {
      ok = number(2, &a);
      c.extra_per_pupil_amounts.push_back(PerPupilAmount{f[1], f[3], a});
    } else if (key == "factor" && f.size() == 3) {
      ok = number(2, &a);
      c.wijk_factors.push_back(WijkFactor{f[1], a, {}});
    } else if (key == "factor_value" && f.size() == 4) {
      ok = number(3, &a) && !c.wijk_factors.empty() && c.wijk_factors.back().code == f[1];
      if (ok) c.wijk_factors.back().values.push_back(WijkFactorValue{f[2], a});
    } else if (key == "penvoerder" && f.size() == 3) {
      c.penvoerders.push_back(Penvoerder{f[1], f[2]});
    } else {
      ok = false;
    }
    if (!ok) return Corrupt(absl::StrCat("year configuration line \"", key, "\""));
  }
  return c;
}

// "(?, ?, ?), (?, ?, ?)" for `rows` groups of `columns` placeholders.
std::string Placeholders(size_t rows, size_t columns) {
  std::string group = "(";
  for (size_t i = 0; i < columns; ++i) absl::StrAppend(&group, i == 0 ? "?" : ", ?");
  group += ")";
  std::string out;
  out.reserve(rows * (group.size() + 2));
  for (size_t i = 0; i < rows; ++i) {
    if (i > 0) out += ", ";
    out += group;
  }
  return out;
}

constexpr absl::string_view kCountSetColumns =
    "tenant, count_date, version, status, source, row_count, school_count, total_pupils, "
    "create_time_us, created_by";

CountSetRecord CountSetFromRow(const Row& row) {
  CountSetRecord set;
  set.tenant = row.GetString(0);
  set.count_date = row.GetString(1);
  set.version = row.GetInt(2);
  set.complete = row.GetString(3) == "complete" || row.GetString(3) == "submitted";
  set.submission = row.GetString(3) == "submitted";
  set.source = row.GetString(4);
  set.row_count = row.GetInt(5);
  set.school_count = row.GetInt(6);
  set.total_pupils = row.GetInt(7);
  set.create_time = FromMicros(row.GetInt(8));
  set.created_by = row.GetString(9);
  return set;
}

constexpr absl::string_view kCalculationColumns =
    "tenant, calculation_id, year, config_version, count_date, count_version, fingerprint, "
    "create_time_us, created_by";

CalculationRecord CalculationFromRow(const Row& row) {
  CalculationRecord c;
  c.tenant = row.GetString(0);
  c.calculation_id = row.GetString(1);
  c.year = static_cast<int>(row.GetInt(2));
  c.config_version = row.GetInt(3);
  c.count_date = row.GetString(4);
  c.count_version = row.GetInt(5);
  c.fingerprint = row.GetString(6);
  c.create_time = FromMicros(row.GetInt(7));
  c.created_by = row.GetString(8);
  return c;
}

constexpr absl::string_view kSpendingAccountColumns =
    "board, received_on, basis_spent_cents, extra_spent_cents, note, version, update_time_us, "
    "updated_by";

class SqlAllocationRepository final : public AllocationRepository {
 public:
  SqlAllocationRepository(storage::Database* db, int rows_per_statement, int rows_per_transaction)
      : db_(db),
        rows_per_statement_(static_cast<size_t>(std::max(1, rows_per_statement))),
        rows_per_transaction_(std::max(rows_per_statement_, static_cast<size_t>(std::max(1, rows_per_transaction)))) {}

  absl::StatusOr<absl::optional<YearConfigRecord>> GetYearConfig(absl::string_view tenant, int year,
                                                                 int64_t version) override {
    absl::optional<YearConfigRecord> found;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      found.reset();
      std::vector<Value> params = {std::string(tenant), int64_t{year}};
      std::string sql =
          "SELECT version, config_text, update_time_us, updated_by FROM alloc_year_configs "
          "WHERE tenant = ? AND year = ?";
      if (version > 0) {
        sql += " AND version = ?";
        params.emplace_back(version);
      }
      sql += " ORDER BY version DESC LIMIT 1";
      SWV_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(sql, params));
      if (rows.empty()) return absl::OkStatus();
      YearConfigRecord record;
      record.tenant = std::string(tenant);
      record.version = rows[0].GetInt(0);
      SWV_ASSIGN_OR_RETURN(record.config, DecodeConfig(rows[0].GetString(1)));
      record.update_time = FromMicros(rows[0].GetInt(2));
      record.updated_by = rows[0].GetString(3);
      found = std::move(record);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return found;
  }

  absl::StatusOr<YearConfigRecord> PutYearConfig(const YearConfigRecord& record,
                                                 int64_t expected_version) override {
    YearConfigRecord stored = record;
    stored.version = expected_version + 1;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query("SELECT COALESCE(MAX(version), 0) FROM alloc_year_configs WHERE tenant = ? AND "
                   "year = ?",
                   {stored.tenant, int64_t{stored.config.year}}));
      const int64_t current = rows.empty() ? 0 : rows[0].GetInt(0);
      if (current != expected_version) {
        return absl::AbortedError(absl::StrCat(
            "the configuration of ", stored.config.year, " was changed by someone else (now version ",
            current, ", expected ", expected_version, "); read it again and retry"));
      }
      // A concurrent writer of the same version fails on the primary key (mapped to ABORTED).
      return tx
          .Execute("INSERT INTO alloc_year_configs (tenant, year, version, config_text, "
                   "update_time_us, updated_by) VALUES (?, ?, ?, ?, ?, ?)",
                   {stored.tenant, int64_t{stored.config.year}, stored.version,
                    EncodeConfig(stored.config), ToMicros(stored.update_time), stored.updated_by})
          .status();
    });
    if (absl::IsAlreadyExists(status)) {
      return absl::AbortedError("the configuration was changed by someone else; read and retry");
    }
    if (!status.ok()) return status;
    return stored;
  }

  absl::StatusOr<CountSetRecord> BeginCountSet(const CountSetRecord& candidate,
                                               absl::string_view request_id) override {
    absl::Status last;
    // Two importers of one count date may pick the same next version; the loser retries.
    for (int attempt = 0; attempt < 5; ++attempt) {
      CountSetRecord result;
      last = db_->InTransaction([&](Transaction& tx) -> absl::Status {
        result = candidate;
        if (!request_id.empty()) {
          SWV_ASSIGN_OR_RETURN(
              std::vector<Row> rows,
              tx.Query(absl::StrCat("SELECT ", kCountSetColumns,
                                    " FROM alloc_count_sets WHERE tenant = ? AND request_id = ?"),
                       {candidate.tenant, std::string(request_id)}));
          if (!rows.empty()) {
            result = CountSetFromRow(rows[0]);
            if (result.count_date != candidate.count_date) {
              return ErrorWithReason(absl::StatusCode::kAlreadyExists, "REQUEST_ID_REUSED",
                                     "request_id was used for an import of another count date",
                                     "request_id");
            }
            // Another principal's set is returned untouched: the service refuses the replay, and
            // an import still streaming must not lose its rows to it.
            if (!result.complete && result.created_by == candidate.created_by) {
              if (candidate.create_time - result.create_time < kImportInProgressFor) {
                result.in_progress = true;  // a concurrent retry: leave its rows alone
              } else {
                SWV_RETURN_IF_ERROR(
                    DeleteRows(tx, result.tenant, result.count_date, result.version));
              }
            }
            return absl::OkStatus();
          }
        }
        SWV_ASSIGN_OR_RETURN(
            std::vector<Row> rows,
            tx.Query("SELECT COALESCE(MAX(version), 0) FROM alloc_count_sets WHERE tenant = ? "
                     "AND count_date = ?",
                     {candidate.tenant, candidate.count_date}));
        result.version = (rows.empty() ? 0 : rows[0].GetInt(0)) + 1;
        result.complete = false;
        return tx
            .Execute(absl::StrCat("INSERT INTO alloc_count_sets (", kCountSetColumns,
                                  ", request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {result.tenant, result.count_date, result.version, std::string("importing"),
                      result.source, int64_t{0}, int64_t{0}, int64_t{0},
                      ToMicros(result.create_time), result.created_by,
                      request_id.empty() ? storage::Null() : Value(std::string(request_id))})
            .status();
      });
      if (last.ok()) return result;
      if (!absl::IsAlreadyExists(last) || ReasonOf(last) == "REQUEST_ID_REUSED") return last;
    }
    return last;
  }

  absl::Status AppendCountRows(absl::string_view tenant, absl::string_view count_date,
                               int64_t version, absl::Span<const ValidCountRow> rows) override {
    const std::string tenant_text(tenant), date_text(count_date);
    for (size_t start = 0; start < rows.size(); start += rows_per_transaction_) {
      const size_t end = std::min(rows.size(), start + rows_per_transaction_);
      absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
        for (size_t first = start; first < end; first += rows_per_statement_) {
          const size_t last = std::min(end, first + rows_per_statement_);
          std::vector<Value> params;
          params.reserve((last - first) * 10);
          for (size_t i = first; i < last; ++i) {
            const ValidCountRow& row = rows[i];
            params.emplace_back(tenant_text);
            params.emplace_back(date_text);
            params.emplace_back(version);
            params.emplace_back(row.school);
            params.emplace_back(row.line);
            params.emplace_back(row.pupils);
            params.emplace_back(row.sbo_pupils);
            params.emplace_back(row.so_cat1_pupils);
            params.emplace_back(row.so_cat2_pupils);
            params.emplace_back(row.so_cat3_pupils);
          }
          SWV_RETURN_IF_ERROR(
              tx.Execute(absl::StrCat("INSERT INTO alloc_count_rows (tenant, count_date, version, "
                                      "school, line, pupils, sbo_pupils, so_cat1_pupils, "
                                      "so_cat2_pupils, so_cat3_pupils) VALUES ",
                                      Placeholders(last - first, 10)),
                         params)
                  .status());
        }
        return absl::OkStatus();
      });
      if (absl::IsAlreadyExists(status)) {
        return ErrorWithReason(absl::StatusCode::kInvalidArgument, "DUPLICATE_ROW",
                               "a row for the same school and line was already imported in this "
                               "count set; give each row of a school its own line",
                               "counts");
      }
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<CountSetRecord> CompleteCountSet(absl::string_view tenant,
                                                  absl::string_view count_date, int64_t version,
                                                  bool submission) override {
    CountSetRecord result;
    const std::vector<Value> key = {std::string(tenant), std::string(count_date), version};
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      // Re-runnable: a retried transaction starts from a clean slate.
      SWV_RETURN_IF_ERROR(tx.Execute("DELETE FROM alloc_school_counts WHERE tenant = ? AND "
                                     "count_date = ? AND version = ?",
                                     key)
                              .status());
      SWV_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO alloc_school_counts (tenant, count_date, version, school, "
                     "pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils) "
                     "SELECT tenant, count_date, version, school, SUM(pupils), SUM(sbo_pupils), "
                     "SUM(so_cat1_pupils), SUM(so_cat2_pupils), SUM(so_cat3_pupils) "
                     "FROM alloc_count_rows WHERE tenant = ? AND count_date = ? AND version = ? "
                     "GROUP BY tenant, count_date, version, school",
                     key)
              .status());
      SWV_ASSIGN_OR_RETURN(std::vector<Row> rows,
                           tx.Query("SELECT COUNT(*) FROM alloc_count_rows WHERE tenant = ? AND "
                                    "count_date = ? AND version = ?",
                                    key));
      const int64_t row_count = rows[0].GetInt(0);
      SWV_ASSIGN_OR_RETURN(rows, tx.Query("SELECT COUNT(*), COALESCE(SUM(pupils), 0) FROM "
                                          "alloc_school_counts WHERE tenant = ? AND "
                                          "count_date = ? AND version = ?",
                                          key));
      const int64_t school_count = rows[0].GetInt(0);
      const int64_t total_pupils = rows[0].GetInt(1);
      SWV_ASSIGN_OR_RETURN(
          int64_t changed,
          tx.Execute("UPDATE alloc_count_sets SET status = ?, row_count = ?, "
                     "school_count = ?, total_pupils = ? WHERE tenant = ? AND count_date = ? AND "
                     "version = ?",
                     {std::string(submission ? "submitted" : "complete"), row_count,
                      school_count, total_pupils, key[0], key[1], key[2]}));
      if (changed != 1) return absl::NotFoundError("the count set being imported disappeared");
      SWV_ASSIGN_OR_RETURN(rows, tx.Query(absl::StrCat("SELECT ", kCountSetColumns,
                                                       " FROM alloc_count_sets WHERE tenant = ? "
                                                       "AND count_date = ? AND version = ?"),
                                          key));
      result = CountSetFromRow(rows[0]);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return result;
  }

  absl::Status MergeCountRows(absl::string_view tenant, absl::string_view count_date,
                              int64_t version, int64_t base, int64_t submission) override {
    constexpr absl::string_view kCopy =
        "INSERT INTO alloc_count_rows (tenant, count_date, version, school, line, pupils, "
        "sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils) SELECT tenant, count_date, "
        "?, school, line, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils "
        "FROM alloc_count_rows WHERE tenant = ? AND count_date = ? AND version = ?";
    const std::string t(tenant), d(count_date);
    return db_->InTransaction([&](Transaction& tx) -> absl::Status {
      if (base > 0) {
        SWV_RETURN_IF_ERROR(
            tx.Execute(absl::StrCat(kCopy,
                                    " AND school NOT IN (SELECT school FROM alloc_count_rows "
                                    "WHERE tenant = ? AND count_date = ? AND version = ?)"),
                       {version, t, d, base, t, d, submission})
                .status());
      }
      return tx.Execute(std::string(kCopy), {version, t, d, submission}).status();
    });
  }

  absl::Status AbandonCountSet(absl::string_view tenant, absl::string_view count_date,
                               int64_t version) override {
    return db_->InTransaction([&](Transaction& tx) -> absl::Status {
      SWV_RETURN_IF_ERROR(DeleteRows(tx, std::string(tenant), std::string(count_date), version));
      return tx
          .Execute("DELETE FROM alloc_count_sets WHERE tenant = ? AND count_date = ? AND "
                   "version = ? AND status = 'importing'",
                   {std::string(tenant), std::string(count_date), version})
          .status();
    });
  }

  absl::StatusOr<std::vector<CountSetRecord>> ListCountSets(absl::string_view tenant,
                                                            absl::string_view count_date) override {
    std::vector<CountSetRecord> sets;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      sets.clear();
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query(absl::StrCat("SELECT ", kCountSetColumns,
                                " FROM alloc_count_sets WHERE tenant = ? AND count_date = ? AND "
                                "status IN ('complete', 'submitted') ORDER BY version DESC"),
                   {std::string(tenant), std::string(count_date)}));
      for (const Row& row : rows) sets.push_back(CountSetFromRow(row));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return sets;
  }

  absl::StatusOr<absl::optional<CountSetRecord>> GetCountSet(absl::string_view tenant,
                                                             absl::string_view count_date,
                                                             int64_t version) override {
    absl::optional<CountSetRecord> found;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      found.reset();
      std::vector<Value> params = {std::string(tenant), std::string(count_date)};
      std::string sql = absl::StrCat("SELECT ", kCountSetColumns,
                                     " FROM alloc_count_sets WHERE tenant = ? AND count_date = ? "
                                     "AND status = 'complete'");
      if (version > 0) {
        sql += " AND version = ?";
        params.emplace_back(version);
      }
      sql += " ORDER BY version DESC LIMIT 1";
      SWV_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(sql, params));
      if (!rows.empty()) found = CountSetFromRow(rows[0]);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return found;
  }

  absl::StatusOr<std::vector<SchoolCount>> SchoolCounts(absl::string_view tenant,
                                                        absl::string_view count_date,
                                                        int64_t version) override {
    std::vector<SchoolCount> counts;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      counts.clear();
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query("SELECT school, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, "
                   "so_cat3_pupils FROM alloc_school_counts WHERE tenant = ? AND count_date = ? "
                   "AND version = ? ORDER BY school",
                   {std::string(tenant), std::string(count_date), version}));
      counts.reserve(rows.size());
      for (const Row& row : rows) {
        counts.push_back(SchoolCount{row.GetString(0), row.GetInt(1), row.GetInt(2), row.GetInt(3),
                                     row.GetInt(4), row.GetInt(5)});
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return counts;
  }

  absl::StatusOr<absl::optional<CalculationRecord>> FindCalculationByRequestId(
      absl::string_view tenant, absl::string_view request_id) override {
    return FindCalculation("tenant = ? AND request_id = ?",
                           {std::string(tenant), std::string(request_id)});
  }

  absl::Status CreateCalculation(const CalculationRecord& c, absl::string_view request_id,
                                 absl::Span<const DirectorySchool> schools,
                                 absl::Span<const DirectoryBoard> boards) override {
    return db_->InTransaction([&](Transaction& tx) -> absl::Status {
      SWV_RETURN_IF_ERROR(
          tx.Execute(absl::StrCat("INSERT INTO alloc_calculations (", kCalculationColumns,
                                  ", request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {c.tenant, c.calculation_id, int64_t{c.year}, c.config_version, c.count_date,
                      c.count_version, c.fingerprint, ToMicros(c.create_time), c.created_by,
                      request_id.empty() ? storage::Null() : Value(std::string(request_id))})
              .status());
      for (size_t first = 0; first < schools.size(); first += rows_per_statement_) {
        const size_t last = std::min(schools.size(), first + rows_per_statement_);
        std::vector<Value> params;
        for (size_t i = first; i < last; ++i) {
          const DirectorySchool& s = schools[i];
          params.insert(params.end(), {c.tenant, c.calculation_id, s.code, s.board, s.wijk,
                                       std::string(SchoolKindName(s.kind)),
                                       int64_t{s.inside_region ? 1 : 0}});
        }
        SWV_RETURN_IF_ERROR(
            tx.Execute(absl::StrCat("INSERT INTO alloc_calculation_schools (tenant, "
                                    "calculation_id, school, board, wijk, kind, inside_region) "
                                    "VALUES ",
                                    Placeholders(last - first, 7)),
                       params)
                .status());
      }
      for (size_t first = 0; first < boards.size(); first += rows_per_statement_) {
        const size_t last = std::min(boards.size(), first + rows_per_statement_);
        std::vector<Value> params;
        for (size_t i = first; i < last; ++i) {
          params.insert(params.end(),
                        {c.tenant, c.calculation_id, boards[i].code, boards[i].display_name});
        }
        SWV_RETURN_IF_ERROR(
            tx.Execute(absl::StrCat("INSERT INTO alloc_calculation_boards (tenant, "
                                    "calculation_id, board, display_name) VALUES ",
                                    Placeholders(last - first, 4)),
                       params)
                .status());
      }
      return absl::OkStatus();
    });
  }

  absl::StatusOr<CalculationRecord> GetCalculation(absl::string_view tenant,
                                                   absl::string_view calculation_id) override {
    SWV_ASSIGN_OR_RETURN(absl::optional<CalculationRecord> found,
                         FindCalculation("tenant = ? AND calculation_id = ?",
                                         {std::string(tenant), std::string(calculation_id)}));
    if (!found) {
      return absl::NotFoundError(absl::StrCat("calculation ", calculation_id, " not found"));
    }
    return *std::move(found);
  }

  absl::StatusOr<std::vector<CalculationRecord>> ListCalculations(absl::string_view tenant,
                                                                  int year) override {
    std::vector<CalculationRecord> list;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      list.clear();
      SWV_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          tx.Query(absl::StrCat("SELECT ", kCalculationColumns,
                                " FROM alloc_calculations WHERE tenant = ? AND year = ? "
                                "ORDER BY create_time_us DESC, calculation_id DESC LIMIT 200"),
                   {std::string(tenant), int64_t{year}}));
      for (const Row& row : rows) list.push_back(CalculationFromRow(row));
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return list;
  }

  absl::Status LoadCalculationDirectory(absl::string_view tenant, absl::string_view calculation_id,
                                        std::vector<DirectorySchool>* schools,
                                        std::vector<DirectoryBoard>* boards) override {
    return db_->InTransaction([&](Transaction& tx) -> absl::Status {
      schools->clear();
      boards->clear();
      const std::vector<Value> key = {std::string(tenant), std::string(calculation_id)};
      SWV_ASSIGN_OR_RETURN(std::vector<Row> rows,
                           tx.Query("SELECT school, board, wijk, kind, inside_region FROM "
                                    "alloc_calculation_schools WHERE tenant = ? AND "
                                    "calculation_id = ? ORDER BY school",
                                    key));
      for (const Row& row : rows) {
        schools->push_back(DirectorySchool{row.GetString(0), row.GetString(1), row.GetString(2),
                                           SchoolKindFromName(row.GetString(3)),
                                           row.GetInt(4) != 0});
      }
      SWV_ASSIGN_OR_RETURN(rows, tx.Query("SELECT board, display_name FROM "
                                          "alloc_calculation_boards WHERE tenant = ? AND "
                                          "calculation_id = ? ORDER BY board",
                                          key));
      for (const Row& row : rows) boards->push_back(DirectoryBoard{row.GetString(0), row.GetString(1)});
      return absl::OkStatus();
    });
  }

  absl::StatusOr<SpendingAccountRecord> PutSpendingAccount(
      const SpendingAccountRecord& record) override {
    SpendingAccountRecord stored = record;
    absl::Status status;
    for (int attempt = 0; attempt < 3; ++attempt) {
      status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
        const ValidSpendingAccount& a = stored.account;
        SWV_ASSIGN_OR_RETURN(
            std::vector<Row> rows,
            tx.Query("SELECT version FROM alloc_spending_accounts WHERE tenant = ? AND year = ? "
                     "AND board = ?",
                     {stored.tenant, int64_t{stored.year}, a.board}));
        const std::string received = FormatDate(a.received_on);
        // The version row first: it is keyed by version, so of two concurrent submissions with
        // the same next version one fails here and retries on top of the other.
        auto keep_version = [&]() {
          return tx
              .Execute(
                  "INSERT INTO alloc_spending_account_versions (tenant, year, board, version, "
                  "received_on, basis_spent_cents, extra_spent_cents, note, update_time_us, "
                  "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {stored.tenant, int64_t{stored.year}, a.board, stored.version, received,
                   a.basis_spent_cents, a.extra_spent_cents, a.note, ToMicros(stored.update_time),
                   stored.updated_by})
              .status();
        };
        if (rows.empty()) {
          stored.version = 1;
          SWV_RETURN_IF_ERROR(keep_version());
          return tx
              .Execute("INSERT INTO alloc_spending_accounts (tenant, year, board, received_on, "
                       "basis_spent_cents, extra_spent_cents, note, version, update_time_us, "
                       "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       {stored.tenant, int64_t{stored.year}, a.board, received,
                        a.basis_spent_cents, a.extra_spent_cents, a.note, stored.version,
                        ToMicros(stored.update_time), stored.updated_by})
              .status();
        }
        const int64_t current = rows[0].GetInt(0);
        stored.version = current + 1;
        SWV_RETURN_IF_ERROR(keep_version());
        SWV_ASSIGN_OR_RETURN(
            int64_t changed,
            tx.Execute("UPDATE alloc_spending_accounts SET received_on = ?, basis_spent_cents = ?, "
                       "extra_spent_cents = ?, note = ?, version = ?, update_time_us = ?, "
                       "updated_by = ? WHERE tenant = ? AND year = ? AND board = ? AND version = ?",
                       {received, a.basis_spent_cents, a.extra_spent_cents, a.note, stored.version,
                        ToMicros(stored.update_time), stored.updated_by, stored.tenant,
                        int64_t{stored.year}, a.board, current}));
        if (changed != 1) return absl::AlreadyExistsError("concurrent submission");
        return absl::OkStatus();
      });
      // A concurrent first submission or update: read again and apply on top.
      if (!absl::IsAlreadyExists(status)) break;
    }
    if (!status.ok()) return status;
    return stored;
  }

  absl::StatusOr<std::vector<SpendingAccountRecord>> ListSpendingAccounts(absl::string_view tenant,
                                                                          int year) override {
    return QuerySpendingAccounts(tenant, year,
                                 absl::StrCat("SELECT ", kSpendingAccountColumns,
                                              " FROM alloc_spending_accounts WHERE tenant = ? AND "
                                              "year = ? ORDER BY board"),
                                 {std::string(tenant), int64_t{year}});
  }

  absl::StatusOr<std::vector<SpendingAccountRecord>> ListSpendingAccountVersions(
      absl::string_view tenant, int year, absl::string_view board) override {
    return QuerySpendingAccounts(
        tenant, year,
        absl::StrCat("SELECT ", kSpendingAccountColumns,
                     " FROM alloc_spending_account_versions WHERE tenant = ? AND year = ? AND "
                     "board = ? ORDER BY version DESC"),
        {std::string(tenant), int64_t{year}, std::string(board)});
  }

 private:
  absl::StatusOr<std::vector<SpendingAccountRecord>> QuerySpendingAccounts(
      absl::string_view tenant, int year, const std::string& sql, std::vector<Value> params) {
    std::vector<SpendingAccountRecord> list;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      list.clear();
      SWV_ASSIGN_OR_RETURN(std::vector<Row> rows, tx.Query(sql, params));
      for (const Row& row : rows) {
        SpendingAccountRecord r;
        r.tenant = std::string(tenant);
        r.year = year;
        r.account.board = row.GetString(0);
        absl::StatusOr<absl::CivilDay> day = ParseDate("received_on", row.GetString(1));
        if (!day.ok()) return Corrupt("spending account received_on");
        r.account.received_on = *day;
        r.account.basis_spent_cents = row.GetInt(2);
        r.account.extra_spent_cents = row.GetInt(3);
        r.account.note = row.GetString(4);
        r.version = row.GetInt(5);
        r.update_time = FromMicros(row.GetInt(6));
        r.updated_by = row.GetString(7);
        list.push_back(std::move(r));
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return list;
  }

  static absl::Status DeleteRows(Transaction& tx, const std::string& tenant,
                                 const std::string& count_date, int64_t version) {
    const std::vector<Value> key = {tenant, count_date, version};
    SWV_RETURN_IF_ERROR(tx.Execute("DELETE FROM alloc_count_rows WHERE tenant = ? AND "
                                   "count_date = ? AND version = ?",
                                   key)
                            .status());
    return tx
        .Execute("DELETE FROM alloc_school_counts WHERE tenant = ? AND count_date = ? AND version = ?",
                 key)
        .status();
  }

  absl::StatusOr<absl::optional<CalculationRecord>> FindCalculation(absl::string_view where,
                                                                    std::vector<Value> params) {
    absl::optional<CalculationRecord> found;
    absl::Status status = db_->InTransaction([&](Transaction& tx) -> absl::Status {
      found.reset();
      SWV_ASSIGN_OR_RETURN(std::vector<Row> rows,
                           tx.Query(absl::StrCat("SELECT ", kCalculationColumns,
                                                 " FROM alloc_calculations WHERE ", where),
                                    params));
      if (!rows.empty()) found = CalculationFromRow(rows[0]);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    return found;
  }

  storage::Database* db_;  // not owned
  const size_t rows_per_statement_;
  const size_t rows_per_transaction_;
};

}  // namespace

absl::Status MigrateAllocationSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          Dialected(1,
                    "year configs, count sets and rows, calculations with directory snapshot, "
                    "spending accounts",
                    kSchemaV1),
          Dialected(2, "every version of a spending account", kSchemaV2)};
  return storage::ApplyMigrations(db, "allocation", *kMigrations);
}

std::unique_ptr<AllocationRepository> NewSqlAllocationRepository(storage::Database* db,
                                                                 int rows_per_statement,
                                                                 int rows_per_transaction) {
  return std::make_unique<SqlAllocationRepository>(db, rows_per_statement, rows_per_transaction);
}

}  // namespace swv::allocation
