#include "services/allocation/domain/year_config.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/allocation/domain/calculation.h"
#include "services/allocation/domain/money.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"

namespace swv::allocation {
namespace {

// Amounts are bounded by the system-wide kMaxAmountCents (services/common/money.h); per-pupil
// amounts and rates more tightly, since they are multiplied by pupil counts.
constexpr int64_t kMaxPerPupilCents = 10'000'000;  // EUR 100,000 per pupil

std::string Trimmed(const std::string& text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

class Checker {
 public:
  void Add(std::string field, std::string reason, std::string description) {
    reasons_.insert(reason);
    violations_.push_back(FieldViolation{std::move(field), std::move(description)});
  }

  // A required, non-negative amount at most `max`.
  void Amount(const absl::optional<int64_t>& value, const std::string& field, int64_t max) {
    if (!value) {
      Add(field, "REQUIRED", "is required (0 is a valid value; a missing value is not)");
    } else {
      OptionalAmount(*value, field, max);
    }
  }

  void OptionalAmount(int64_t value, const std::string& field, int64_t max) {
    if (value < 0) {
      Add(field, "NEGATIVE_AMOUNT", "must not be negative");
    } else if (value > max) {
      Add(field, kAmountOutOfRange,
          max == kMaxAmountCents ? AmountBoundRule()
                                 : absl::StrCat("must be at most ", max, " cents"));
    }
  }

  // A list entry's code: trimmed in place, well-formed (Code) and not used before in the list.
  void UniqueCode(std::string& code, const std::string& field, std::set<std::string>& seen) {
    code = Trimmed(code);
    Code(code, field);
    if (!seen.insert(code).second) Add(field, "DUPLICATE", "appears twice");
  }

  void Code(const std::string& code, const std::string& field) {
    bool ok = !code.empty() && code.size() <= 32;
    for (char c : code) {
      if (!(absl::ascii_islower(static_cast<unsigned char>(c)) ||
            absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
        ok = false;
      }
    }
    if (!ok) Add(field, "MALFORMED_CODE", "must be 1-32 characters of a-z, 0-9, '_' and '-'");
  }

  // Directory codes (wijk, board): letters, digits and '-'.
  void DirectoryCode(const std::string& code, const std::string& field, size_t max_length) {
    bool ok = !code.empty() && code.size() <= max_length;
    for (char c : code) {
      if (!(absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-')) ok = false;
    }
    if (!ok) {
      Add(field, "MALFORMED_CODE",
          absl::StrCat("must be 1-", max_length, " characters of A-Z, a-z, 0-9 and '-'"));
    }
  }

  absl::Status Result() const {
    if (violations_.empty()) return absl::OkStatus();
    return InvalidFields(reasons_.size() == 1 ? *reasons_.begin() : "INVALID_YEAR_CONFIG",
                         violations_);
  }

 private:
  std::vector<FieldViolation> violations_;
  std::set<std::string> reasons_;
};

bool Printable(absl::string_view text) {
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

// The vangnet fields: all or nothing (see YearConfig::vangnet_october_date).
void CheckVangnet(YearConfig& config, Checker& check) {
  config.vangnet_october_date = Trimmed(config.vangnet_october_date);
  config.vangnet_february_date = Trimmed(config.vangnet_february_date);
  if (config.vangnet_october_date.empty() && config.vangnet_february_date.empty() &&
      !config.vangnet_sbo_amount_cents && !config.vangnet_so_cat1_amount_cents &&
      !config.vangnet_so_cat2_amount_cents && !config.vangnet_so_cat3_amount_cents) {
    return;  // no vangnet this year
  }
  absl::optional<absl::CivilDay> days[2];
  const std::pair<const std::string*, const char*> dates[2] = {
      {&config.vangnet_october_date, "config.vangnet_october_date"},
      {&config.vangnet_february_date, "config.vangnet_february_date"}};
  for (int i = 0; i < 2; ++i) {
    const auto& [date, field] = dates[i];
    if (date->empty()) {
      check.Add(field, "REQUIRED",
                "is required for the vangnet: the 1 October and 1 February count dates whose "
                "growth it pays");
      continue;
    }
    absl::StatusOr<absl::CivilDay> day = ParseDate(field, *date);
    if (!day.ok()) {
      check.Add(field, "MALFORMED_DATE", "must be a date \"YYYY-MM-DD\"");
    } else {
      days[i] = *day;
    }
  }
  if (days[1] && days[1]->year() != config.year - 1 && days[1]->year() != config.year) {
    check.Add("config.vangnet_february_date", "COUNT_DATE_OUT_OF_RANGE",
              absl::StrCat("must lie in ", config.year - 1, " or ", config.year,
                           ": the peildatum 1 February of the growth paid in ", config.year));
  } else if (days[0] && days[1] && !(*days[0] < *days[1])) {
    check.Add("config.vangnet_october_date", "VANGNET_DATES_OUT_OF_ORDER",
              "must lie before config.vangnet_february_date: the vangnet pays the growth from the "
              "October count to the February count");
  }
  check.Amount(config.vangnet_sbo_amount_cents, "config.vangnet_sbo_amount_cents",
               kMaxPerPupilCents);
  check.Amount(config.vangnet_so_cat1_amount_cents, "config.vangnet_so_cat1_amount_cents",
               kMaxPerPupilCents);
  check.Amount(config.vangnet_so_cat2_amount_cents, "config.vangnet_so_cat2_amount_cents",
               kMaxPerPupilCents);
  check.Amount(config.vangnet_so_cat3_amount_cents, "config.vangnet_so_cat3_amount_cents",
               kMaxPerPupilCents);
}

}  // namespace

bool YearConfig::operator==(const YearConfig& o) const {
  auto same_factors = [](const std::vector<WijkFactor>& a, const std::vector<WijkFactor>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].code != b[i].code || a[i].weight_bp != b[i].weight_bp ||
          a[i].values.size() != b[i].values.size()) {
        return false;
      }
      for (size_t j = 0; j < a[i].values.size(); ++j) {
        if (a[i].values[j].wijk != b[i].values[j].wijk ||
            a[i].values[j].value != b[i].values[j].value) {
          return false;
        }
      }
    }
    return true;
  };
  auto same_extras = [](const std::vector<PerPupilAmount>& a,
                        const std::vector<PerPupilAmount>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].code != b[i].code || a[i].description != b[i].description ||
          a[i].amount_cents != b[i].amount_cents) {
        return false;
      }
    }
    return true;
  };
  auto same_penvoerders = [](const std::vector<Penvoerder>& a, const std::vector<Penvoerder>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].wijk != b[i].wijk || a[i].board != b[i].board) return false;
    }
    return true;
  };
  return year == o.year && count_date == o.count_date &&
         basis_amount_per_pupil_cents == o.basis_amount_per_pupil_cents &&
         basis_school_kinds == o.basis_school_kinds &&
         same_extras(extra_per_pupil_amounts, o.extra_per_pupil_amounts) &&
         indexation_bp == o.indexation_bp && hb_budget_cents == o.hb_budget_cents &&
         hb_collective_share == o.hb_collective_share && wijk_pot_cents == o.wijk_pot_cents &&
         same_factors(wijk_factors, o.wijk_factors) &&
         same_penvoerders(penvoerders, o.penvoerders) && sbo_rate_cents == o.sbo_rate_cents &&
         sbo_threshold_bp == o.sbo_threshold_bp && so_cat1_rate_cents == o.so_cat1_rate_cents &&
         so_cat2_rate_cents == o.so_cat2_rate_cents && so_cat3_rate_cents == o.so_cat3_rate_cents &&
         light_support_income_cents == o.light_support_income_cents &&
         heavy_support_income_cents == o.heavy_support_income_cents &&
         other_income_cents == o.other_income_cents && reserve_cents == o.reserve_cents &&
         reserve_signal_bp == o.reserve_signal_bp &&
         reserve_signal_minimum_cents == o.reserve_signal_minimum_cents &&
         vangnet_october_date == o.vangnet_october_date &&
         vangnet_february_date == o.vangnet_february_date &&
         vangnet_sbo_amount_cents == o.vangnet_sbo_amount_cents &&
         vangnet_so_cat1_amount_cents == o.vangnet_so_cat1_amount_cents &&
         vangnet_so_cat2_amount_cents == o.vangnet_so_cat2_amount_cents &&
         vangnet_so_cat3_amount_cents == o.vangnet_so_cat3_amount_cents;
}

bool HasVangnet(const YearConfig& config) {
  return !config.vangnet_october_date.empty() && !config.vangnet_february_date.empty();
}

bool ReceivesBasis(const YearConfig& config, SchoolKind kind) {
  if (config.basis_school_kinds.empty()) return kind == SchoolKind::kRegular;
  for (const std::string& name : config.basis_school_kinds) {
    if (SchoolKindFromName(name) == kind) return true;
  }
  return false;
}

absl::StatusOr<int64_t> IndexedAmount(int64_t amount_cents, int64_t indexation_bp) {
  return MulDivRounded(amount_cents, 10000 + indexation_bp, 10000, "indexed per-pupil amount");
}

absl::StatusOr<YearConfig> ValidateYearConfig(const YearConfig& input) {
  YearConfig config = input;
  Checker check;
  if (config.year < 2000 || config.year > 2100) {
    check.Add("config.year", "OUT_OF_RANGE", "must be a calendar year between 2000 and 2100");
  }
  config.count_date = Trimmed(config.count_date);
  if (config.count_date.empty()) {
    check.Add("config.count_date", "REQUIRED",
              "is required: the pupil count date, e.g. \"2025-02-01\" for funding year 2026");
  } else {
    absl::StatusOr<absl::CivilDay> day = ParseDate("config.count_date", config.count_date);
    if (!day.ok()) {
      check.Add("config.count_date", "MALFORMED_DATE", "must be a date \"YYYY-MM-DD\"");
    } else if (day->year() != config.year - 1 && day->year() != config.year) {
      check.Add(
          "config.count_date", "COUNT_DATE_OUT_OF_RANGE",
          absl::StrCat("must lie in ", config.year - 1, " or ", config.year, ": funding year ",
                       config.year, " counts pupils on 1 February ", config.year - 1));
    }
  }
  check.Amount(config.basis_amount_per_pupil_cents, "config.basis_amount_per_pupil_cents",
               kMaxPerPupilCents);
  if (config.basis_school_kinds.empty()) {
    config.basis_school_kinds.push_back(std::string(SchoolKindName(SchoolKind::kRegular)));
  }
  std::set<std::string> basis_kinds;
  for (size_t i = 0; i < config.basis_school_kinds.size(); ++i) {
    std::string& kind = config.basis_school_kinds[i];
    const std::string field = absl::StrCat("config.basis_school_kinds[", i, "]");
    kind = Trimmed(kind);
    if (!SchoolKindFromName(kind)) {
      check.Add(field, "UNKNOWN_SCHOOL_KIND",
                absl::StrCat("\"", kind,
                             "\" is not a school kind of the directory; basisondersteuning goes to "
                             "the kinds listed here, each one of regular, sbo, so, opdc, mdo"));
    } else if (!basis_kinds.insert(kind).second) {
      check.Add(field, "DUPLICATE", "appears twice");
    }
  }
  std::set<std::string> extra_codes;
  for (size_t i = 0; i < config.extra_per_pupil_amounts.size(); ++i) {
    PerPupilAmount& extra = config.extra_per_pupil_amounts[i];
    const std::string prefix = absl::StrCat("config.extra_per_pupil_amounts[", i, "]");
    check.UniqueCode(extra.code, prefix + ".code", extra_codes);
    if (extra.description.size() > 200) {
      check.Add(prefix + ".description", "TOO_LONG", "must be at most 200 characters");
    } else if (!Printable(extra.description)) {
      check.Add(prefix + ".description", "INVALID_CHARACTERS",
                "must not contain control characters");
    }
    check.Amount(extra.amount_cents, prefix + ".amount_cents", kMaxPerPupilCents);
  }
  if (!config.indexation_bp) config.indexation_bp = 0;
  if (*config.indexation_bp < -5000 || *config.indexation_bp > 5000) {
    check.Add("config.indexation_bp", "OUT_OF_RANGE",
              "must be between -5000 and 5000 basis points (-50% .. +50%)");
  }
  check.Amount(config.hb_budget_cents, "config.hb_budget_cents", kMaxAmountCents);
  if (!config.hb_collective_share) config.hb_collective_share = kDefaultHbCollectiveShare;
  const Fraction& share = *config.hb_collective_share;
  if (share.denominator <= 0 || share.denominator > 1'000'000 || share.numerator < 0 ||
      share.numerator > share.denominator) {
    check.Add("config.hb_collective_share", "INVALID_SHARE",
              "must be a fraction between 0 and 1 with a denominator of 1 to 1000000, e.g. 1/4");
  }
  check.Amount(config.wijk_pot_cents, "config.wijk_pot_cents", kMaxAmountCents);
  if (config.wijk_factors.empty()) {
    config.wijk_factors.push_back(WijkFactor{std::string(kPupilsFactor), 10000, {}});
  }
  std::set<std::string> factor_codes;
  int64_t weight_sum = 0;
  for (size_t i = 0; i < config.wijk_factors.size(); ++i) {
    WijkFactor& factor = config.wijk_factors[i];
    const std::string prefix = absl::StrCat("config.wijk_factors[", i, "]");
    check.UniqueCode(factor.code, prefix + ".code", factor_codes);
    if (factor.weight_bp <= 0 || factor.weight_bp > 10000) {
      check.Add(prefix + ".weight_bp", "OUT_OF_RANGE", "must be 1-10000 basis points of the pot");
    } else {
      weight_sum += factor.weight_bp;
    }
    if (factor.code == kPupilsFactor && !factor.values.empty()) {
      check.Add(prefix + ".values", "VALUES_NOT_ALLOWED",
                "must be empty: the pupils factor takes its values from the pupil counts");
    }
    std::set<std::string> wijken;
    for (size_t j = 0; j < factor.values.size(); ++j) {
      WijkFactorValue& value = factor.values[j];
      const std::string value_prefix = absl::StrCat(prefix, ".values[", j, "]");
      value.wijk = Trimmed(value.wijk);
      check.DirectoryCode(value.wijk, value_prefix + ".wijk", 32);
      if (!wijken.insert(value.wijk).second) {
        check.Add(value_prefix + ".wijk", "DUPLICATE", "appears twice in this factor");
      }
      check.OptionalAmount(value.value, value_prefix + ".value", 1'000'000'000);
    }
    std::sort(factor.values.begin(), factor.values.end(),
              [](const WijkFactorValue& a, const WijkFactorValue& b) { return a.wijk < b.wijk; });
  }
  if (weight_sum != 10000 && factor_codes.size() == config.wijk_factors.size()) {
    check.Add("config.wijk_factors", "WEIGHTS_NOT_100_PERCENT",
              absl::StrCat("weights must add up to 10000 basis points (100% of the pot); they add "
                           "up to ",
                           weight_sum));
  }
  std::set<std::string> penvoerder_wijken;
  for (size_t i = 0; i < config.penvoerders.size(); ++i) {
    Penvoerder& penvoerder = config.penvoerders[i];
    const std::string prefix = absl::StrCat("config.penvoerders[", i, "]");
    penvoerder.wijk = Trimmed(penvoerder.wijk);
    penvoerder.board = Trimmed(penvoerder.board);
    check.DirectoryCode(penvoerder.wijk, prefix + ".wijk", 32);
    check.DirectoryCode(penvoerder.board, prefix + ".board", 16);
    if (!penvoerder_wijken.insert(penvoerder.wijk).second) {
      check.Add(prefix + ".wijk", "DUPLICATE", "a wijk has one penvoerder per year");
    }
  }
  check.Amount(config.sbo_rate_cents, "config.sbo_rate_cents", kMaxPerPupilCents);
  if (!config.sbo_threshold_bp) config.sbo_threshold_bp = 0;
  if (*config.sbo_threshold_bp < 0 || *config.sbo_threshold_bp > 10000) {
    check.Add("config.sbo_threshold_bp", "OUT_OF_RANGE",
              "must be 0-10000 basis points of the SWV's pupils (200 = the state funds SBO up to "
              "2%; 0 = the SWV pays every SBO pupil)");
  }
  check.Amount(config.so_cat1_rate_cents, "config.so_cat1_rate_cents", kMaxPerPupilCents);
  check.Amount(config.so_cat2_rate_cents, "config.so_cat2_rate_cents", kMaxPerPupilCents);
  check.Amount(config.so_cat3_rate_cents, "config.so_cat3_rate_cents", kMaxPerPupilCents);
  check.Amount(config.light_support_income_cents, "config.light_support_income_cents",
               kMaxAmountCents);
  check.Amount(config.heavy_support_income_cents, "config.heavy_support_income_cents",
               kMaxAmountCents);
  if (!config.other_income_cents) config.other_income_cents = 0;
  check.OptionalAmount(*config.other_income_cents, "config.other_income_cents", kMaxAmountCents);
  // The reserve is equity on the balance sheet: it may be negative (a deficit), but it must be
  // given, since the reserve check is part of every calculation.
  if (!config.reserve_cents) {
    check.Add("config.reserve_cents", "REQUIRED",
              "is required: the SWV's reserve on the balance sheet");
  } else if (!WithinAmountBound(*config.reserve_cents)) {
    check.Add("config.reserve_cents", kAmountOutOfRange,
              absl::StrCat(AmountBoundRule(), " either way: beyond any plausible reserve"));
  }
  if (!config.reserve_signal_bp) config.reserve_signal_bp = kDefaultReserveSignalBp;
  if (*config.reserve_signal_bp < 0 || *config.reserve_signal_bp > 10000) {
    check.Add("config.reserve_signal_bp", "OUT_OF_RANGE", "must be 0-10000 basis points");
  }
  if (!config.reserve_signal_minimum_cents) {
    config.reserve_signal_minimum_cents = kDefaultReserveSignalMinimumCents;
  }
  check.OptionalAmount(*config.reserve_signal_minimum_cents, "config.reserve_signal_minimum_cents",
                       kMaxAmountCents);
  CheckVangnet(config, check);
  SWV_RETURN_IF_ERROR(check.Result());

  std::sort(config.basis_school_kinds.begin(), config.basis_school_kinds.end());
  auto by_code = [](const auto& a, const auto& b) { return a.code < b.code; };
  std::sort(config.extra_per_pupil_amounts.begin(), config.extra_per_pupil_amounts.end(), by_code);
  std::sort(config.wijk_factors.begin(), config.wijk_factors.end(), by_code);
  std::sort(config.penvoerders.begin(), config.penvoerders.end(),
            [](const Penvoerder& a, const Penvoerder& b) { return a.wijk < b.wijk; });
  return config;
}

}  // namespace swv::allocation
