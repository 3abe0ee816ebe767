// SqlAllocationRepository: The year configurations (alloc_year_configs): stored as one
// "key<TAB>value..." text per version.
#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "services/allocation/allocation_repository.h"
#include "services/allocation/sql_allocation_repository_internal.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/kernel/time_format.h"

namespace swv::allocation::sql_internal {
namespace {

// The optional whole numbers of a configuration: a "key<TAB>number" line each when set, in this
// order (EncodeConfig writes the other single lines between them).
struct NumberLine {
  absl::string_view key;
  absl::optional<int64_t> YearConfig::*field;
};
constexpr NumberLine kNumberLines[] = {
    {"basis", &YearConfig::basis_amount_per_pupil_cents},
    {"indexation_bp", &YearConfig::indexation_bp},
    {"hb_budget", &YearConfig::hb_budget_cents},
    {"wijk_pot", &YearConfig::wijk_pot_cents},
    {"sbo_rate", &YearConfig::sbo_rate_cents},
    {"sbo_threshold_bp", &YearConfig::sbo_threshold_bp},
    {"so_cat1_rate", &YearConfig::so_cat1_rate_cents},
    {"so_cat2_rate", &YearConfig::so_cat2_rate_cents},
    {"so_cat3_rate", &YearConfig::so_cat3_rate_cents},
    {"light_income", &YearConfig::light_support_income_cents},
    {"heavy_income", &YearConfig::heavy_support_income_cents},
    {"other_income", &YearConfig::other_income_cents},
    {"reserve", &YearConfig::reserve_cents},
    {"reserve_signal_bp", &YearConfig::reserve_signal_bp},
    {"reserve_signal_minimum", &YearConfig::reserve_signal_minimum_cents},
    {"vangnet_sbo", &YearConfig::vangnet_sbo_amount_cents},
    {"vangnet_so_cat1", &YearConfig::vangnet_so_cat1_amount_cents},
    {"vangnet_so_cat2", &YearConfig::vangnet_so_cat2_amount_cents},
    {"vangnet_so_cat3", &YearConfig::vangnet_so_cat3_amount_cents},
};

const NumberLine* FindNumberLine(absl::string_view key) {
  for (const NumberLine& line : kNumberLines) {
    if (line.key == key) return &line;
  }
  return nullptr;
}

// The configuration as stored: one "key<TAB>value..." line per field. Validation forbids control
// characters in free text, so tabs and newlines cannot occur inside values.
std::string EncodeConfig(const YearConfig& c) {
  std::vector<std::string> lines;
  size_t next_number = 0;
  // The number lines not yet written, up to and including `last`.
  auto numbers_through = [&](absl::string_view last) {
    while (next_number < std::size(kNumberLines)) {
      const NumberLine& line = kNumberLines[next_number++];
      if (const absl::optional<int64_t>& value = c.*line.field) {
        lines.push_back(absl::StrCat(line.key, "\t", *value));
      }
      if (line.key == last) return;
    }
  };
  lines.push_back(absl::StrCat("year\t", c.year));
  lines.push_back(absl::StrCat("count_date\t", c.count_date));
  numbers_through("basis");
  if (!c.basis_school_kinds.empty()) {
    lines.push_back(
        absl::StrCat("basis_school_kinds\t", absl::StrJoin(c.basis_school_kinds, "\t")));
  }
  numbers_through("hb_budget");
  if (c.hb_collective_share) {
    lines.push_back(absl::StrCat("hb_share\t", c.hb_collective_share->numerator, "\t",
                                 c.hb_collective_share->denominator));
  }
  numbers_through("reserve_signal_minimum");
  if (!c.vangnet_october_date.empty() || !c.vangnet_february_date.empty()) {
    lines.push_back(
        absl::StrCat("vangnet_dates\t", c.vangnet_october_date, "\t", c.vangnet_february_date));
  }
  numbers_through("vangnet_so_cat3");
  for (const PerPupilAmount& extra : c.extra_per_pupil_amounts) {
    lines.push_back(absl::StrCat("extra\t", extra.code, "\t", extra.amount_cents.value_or(0), "\t",
                                 extra.description));
  }
  for (const WijkFactor& factor : c.wijk_factors) {
    lines.push_back(absl::StrCat("factor\t", factor.code, "\t", factor.weight_bp));
    for (const WijkFactorValue& value : factor.values) {
      lines.push_back(
          absl::StrCat("factor_value\t", factor.code, "\t", value.wijk, "\t", value.value));
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
    if (const NumberLine* number_line = FindNumberLine(key)) {
      ok = set(&(c.*number_line->field));
    } else if (key == "year") {
      ok = number(1, &a);
      c.year = static_cast<int>(a);
    } else if (key == "count_date" && f.size() == 2) {
      c.count_date = f[1];
    } else if (key == "basis_school_kinds" && f.size() >= 2) {
      c.basis_school_kinds.assign(f.begin() + 1, f.end());
    } else if (key == "hb_share") {
      ok = number(1, &a) && number(2, &b);
      c.hb_collective_share = Fraction{a, b};
    } else if (key == "vangnet_dates" && f.size() == 3) {
      c.vangnet_october_date = f[1];
      c.vangnet_february_date = f[2];
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

}  // namespace

absl::StatusOr<absl::optional<YearConfigRecord>> SqlAllocationRepository::GetYearConfig(
    absl::string_view tenant, int year, int64_t version) {
  std::vector<Value> params = {std::string(tenant), int64_t{year}};
  std::string sql =
      "SELECT version, config_text, update_time_us, updated_by FROM alloc_year_configs "
      "WHERE tenant = ? AND year = ?";
  ReadOneVersion(version, &sql, &params);
  return storage::ReadFirst<YearConfigRecord>(
      *db_, sql, params, [&](const Row& row) -> absl::StatusOr<YearConfigRecord> {
        YearConfigRecord record;
        record.tenant = std::string(tenant);
        record.version = row.GetInt(0);
        SWV_ASSIGN_OR_RETURN(record.config, DecodeConfig(row.GetString(1)));
        record.update_time = FromMicros(row.GetInt(2));
        record.updated_by = row.GetString(3);
        return record;
      });
}

absl::StatusOr<YearConfigRecord> SqlAllocationRepository::PutYearConfig(
    const YearConfigRecord& record, int64_t expected_version) {
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
        .Execute(
            "INSERT INTO alloc_year_configs (tenant, year, version, config_text, "
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

}  // namespace swv::allocation::sql_internal
