#include "services/allocation/allocation_proto_mapping.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/proto_enum.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/time_format.h"

namespace swv::allocation {
namespace {

namespace pb = ::swv::v1;

constexpr char kCsvContentType[] = "text/csv; charset=utf-8; header=present";

absl::optional<int64_t> OptionalOf(bool has, int64_t value) {
  return has ? absl::optional<int64_t>(value) : absl::nullopt;
}

void BoardToProto(const BoardTotal& b, pb::BoardTotal* out) {
  out->set_board(b.board);
  out->set_display_name(b.display_name);
  out->set_pupils(b.pupils);
  out->set_basis_cents(b.basis_cents);
  out->set_extra_cents(b.extra_cents);
  out->set_hb_cents(b.hb_cents);
  out->set_wijk_cents(b.wijk_cents);
  out->set_total_cents(b.total_cents);
  out->set_vangnet_cents(b.vangnet_cents);
}

void LineToProto(const ResultLine& line, pb::ResultLine* out) {
  out->set_section(line.section);
  out->set_item(line.item);
  out->set_board(line.board);
  out->set_wijk(line.wijk);
  out->set_school(line.school);
  out->set_quantity(line.quantity);
  if (line.has_rate) out->set_rate_cents(line.rate_cents);
  if (line.has_share) {
    out->mutable_share()->set_numerator(line.share_numerator);
    out->mutable_share()->set_denominator(line.share_denominator);
  }
  out->set_amount_cents(line.amount_cents);
  out->set_formula(line.formula);
}

}  // namespace

YearConfig ConfigFromProto(const pb::YearConfig& in, int year) {
  YearConfig c;
  c.year = year;
  c.count_date = in.count_date();
  c.basis_amount_per_pupil_cents =
      OptionalOf(in.has_basis_amount_per_pupil_cents(), in.basis_amount_per_pupil_cents());
  c.basis_school_kinds.assign(in.basis_school_kinds().begin(), in.basis_school_kinds().end());
  for (const pb::PerPupilAmount& extra : in.extra_per_pupil_amounts()) {
    c.extra_per_pupil_amounts.push_back(
        PerPupilAmount{extra.code(), extra.description(),
                       OptionalOf(extra.has_amount_cents(), extra.amount_cents())});
  }
  c.indexation_bp = OptionalOf(in.has_indexation_bp(), in.indexation_bp());
  c.hb_budget_cents = OptionalOf(in.has_hb_budget_cents(), in.hb_budget_cents());
  if (in.has_hb_collective_share()) {
    c.hb_collective_share =
        Fraction{in.hb_collective_share().numerator(), in.hb_collective_share().denominator()};
  }
  c.wijk_pot_cents = OptionalOf(in.has_wijk_pot_cents(), in.wijk_pot_cents());
  for (const pb::WijkFactor& factor : in.wijk_factors()) {
    WijkFactor f{factor.code(), factor.weight_bp(), {}};
    for (const pb::WijkFactorValue& value : factor.values()) {
      f.values.push_back(WijkFactorValue{value.wijk(), value.value()});
    }
    c.wijk_factors.push_back(std::move(f));
  }
  for (const pb::Penvoerder& penvoerder : in.penvoerders()) {
    c.penvoerders.push_back(Penvoerder{penvoerder.wijk(), penvoerder.board()});
  }
  c.sbo_rate_cents = OptionalOf(in.has_sbo_rate_cents(), in.sbo_rate_cents());
  c.sbo_threshold_bp = OptionalOf(in.has_sbo_threshold_bp(), in.sbo_threshold_bp());
  c.so_cat1_rate_cents = OptionalOf(in.has_so_cat1_rate_cents(), in.so_cat1_rate_cents());
  c.so_cat2_rate_cents = OptionalOf(in.has_so_cat2_rate_cents(), in.so_cat2_rate_cents());
  c.so_cat3_rate_cents = OptionalOf(in.has_so_cat3_rate_cents(), in.so_cat3_rate_cents());
  c.light_support_income_cents =
      OptionalOf(in.has_light_support_income_cents(), in.light_support_income_cents());
  c.heavy_support_income_cents =
      OptionalOf(in.has_heavy_support_income_cents(), in.heavy_support_income_cents());
  c.other_income_cents = OptionalOf(in.has_other_income_cents(), in.other_income_cents());
  c.reserve_cents = OptionalOf(in.has_reserve_cents(), in.reserve_cents());
  c.reserve_signal_bp = OptionalOf(in.has_reserve_signal_bp(), in.reserve_signal_bp());
  c.reserve_signal_minimum_cents =
      OptionalOf(in.has_reserve_signal_minimum_cents(), in.reserve_signal_minimum_cents());
  c.vangnet_october_date = in.vangnet_october_date();
  c.vangnet_february_date = in.vangnet_february_date();
  c.vangnet_sbo_amount_cents =
      OptionalOf(in.has_vangnet_sbo_amount_cents(), in.vangnet_sbo_amount_cents());
  c.vangnet_so_cat1_amount_cents =
      OptionalOf(in.has_vangnet_so_cat1_amount_cents(), in.vangnet_so_cat1_amount_cents());
  c.vangnet_so_cat2_amount_cents =
      OptionalOf(in.has_vangnet_so_cat2_amount_cents(), in.vangnet_so_cat2_amount_cents());
  c.vangnet_so_cat3_amount_cents =
      OptionalOf(in.has_vangnet_so_cat3_amount_cents(), in.vangnet_so_cat3_amount_cents());
  return c;
}

void ToProto(const YearConfigRecord& record, pb::YearConfig* out) {
  const YearConfig& c = record.config;
  out->set_name(absl::StrCat("swvs/", record.tenant, "/years/", c.year, "/config"));
  out->set_count_date(c.count_date);
  auto set = [](const absl::optional<int64_t>& value, auto setter) {
    if (value) setter(*value);
  };
  set(c.basis_amount_per_pupil_cents, [&](int64_t v) { out->set_basis_amount_per_pupil_cents(v); });
  for (const std::string& kind : c.basis_school_kinds) out->add_basis_school_kinds(kind);
  for (const PerPupilAmount& extra : c.extra_per_pupil_amounts) {
    pb::PerPupilAmount* e = out->add_extra_per_pupil_amounts();
    e->set_code(extra.code);
    e->set_description(extra.description);
    if (extra.amount_cents) e->set_amount_cents(*extra.amount_cents);
  }
  set(c.indexation_bp, [&](int64_t v) { out->set_indexation_bp(v); });
  set(c.hb_budget_cents, [&](int64_t v) { out->set_hb_budget_cents(v); });
  if (c.hb_collective_share) {
    out->mutable_hb_collective_share()->set_numerator(c.hb_collective_share->numerator);
    out->mutable_hb_collective_share()->set_denominator(c.hb_collective_share->denominator);
  }
  set(c.wijk_pot_cents, [&](int64_t v) { out->set_wijk_pot_cents(v); });
  for (const WijkFactor& factor : c.wijk_factors) {
    pb::WijkFactor* f = out->add_wijk_factors();
    f->set_code(factor.code);
    f->set_weight_bp(factor.weight_bp);
    for (const WijkFactorValue& value : factor.values) {
      pb::WijkFactorValue* v = f->add_values();
      v->set_wijk(value.wijk);
      v->set_value(value.value);
    }
  }
  for (const Penvoerder& penvoerder : c.penvoerders) {
    pb::Penvoerder* p = out->add_penvoerders();
    p->set_wijk(penvoerder.wijk);
    p->set_board(penvoerder.board);
  }
  set(c.sbo_rate_cents, [&](int64_t v) { out->set_sbo_rate_cents(v); });
  set(c.sbo_threshold_bp, [&](int64_t v) { out->set_sbo_threshold_bp(v); });
  set(c.so_cat1_rate_cents, [&](int64_t v) { out->set_so_cat1_rate_cents(v); });
  set(c.so_cat2_rate_cents, [&](int64_t v) { out->set_so_cat2_rate_cents(v); });
  set(c.so_cat3_rate_cents, [&](int64_t v) { out->set_so_cat3_rate_cents(v); });
  set(c.light_support_income_cents, [&](int64_t v) { out->set_light_support_income_cents(v); });
  set(c.heavy_support_income_cents, [&](int64_t v) { out->set_heavy_support_income_cents(v); });
  set(c.other_income_cents, [&](int64_t v) { out->set_other_income_cents(v); });
  set(c.reserve_cents, [&](int64_t v) { out->set_reserve_cents(v); });
  set(c.reserve_signal_bp, [&](int64_t v) { out->set_reserve_signal_bp(v); });
  set(c.reserve_signal_minimum_cents, [&](int64_t v) { out->set_reserve_signal_minimum_cents(v); });
  out->set_vangnet_october_date(c.vangnet_october_date);
  out->set_vangnet_february_date(c.vangnet_february_date);
  set(c.vangnet_sbo_amount_cents, [&](int64_t v) { out->set_vangnet_sbo_amount_cents(v); });
  set(c.vangnet_so_cat1_amount_cents, [&](int64_t v) { out->set_vangnet_so_cat1_amount_cents(v); });
  set(c.vangnet_so_cat2_amount_cents, [&](int64_t v) { out->set_vangnet_so_cat2_amount_cents(v); });
  set(c.vangnet_so_cat3_amount_cents, [&](int64_t v) { out->set_vangnet_so_cat3_amount_cents(v); });
  out->set_version(record.version);
  out->set_update_time(Rfc3339(record.update_time));
  out->set_updated_by(record.updated_by);
}

std::vector<CountRow> RowsFromProto(const google::protobuf::RepeatedPtrField<pb::CountRow>& in) {
  std::vector<CountRow> rows;
  rows.reserve(in.size());
  for (const pb::CountRow& row : in) {
    CountRow r;
    r.school = row.school();
    r.line = row.line();
    r.pupils = OptionalOf(row.has_pupils(), row.pupils());
    r.sbo_pupils = row.sbo_pupils();
    r.so_cat1_pupils = row.so_cat1_pupils();
    r.so_cat2_pupils = row.so_cat2_pupils();
    r.so_cat3_pupils = row.so_cat3_pupils();
    rows.push_back(std::move(r));
  }
  return rows;
}

void ToProto(const CountSetRecord& set, pb::CountSet* out) {
  out->set_name(
      absl::StrCat("swvs/", set.tenant, "/count-dates/", set.count_date, "/counts/", set.version));
  out->set_count_date(set.count_date);
  out->set_version(set.version);
  out->set_source(set.source);
  out->set_row_count(set.row_count);
  out->set_school_count(set.school_count);
  out->set_total_pupils(set.total_pupils);
  out->set_create_time(Rfc3339(set.create_time));
  out->set_created_by(set.created_by);
  out->set_submission(set.submission);
}

std::string CalculationName(const CalculationRecord& r) {
  return absl::StrCat("swvs/", r.tenant, "/years/", r.year, "/calculations/", r.calculation_id);
}

void ToProto(const CalculationRecord& r, pb::Calculation* out) {
  out->set_name(CalculationName(r));
  out->set_year(r.year);
  out->set_config_version(r.config_version);
  out->set_count_date(r.count_date);
  out->set_count_version(r.count_version);
  out->set_fingerprint(r.fingerprint);
  out->set_create_time(Rfc3339(r.create_time));
  out->set_created_by(r.created_by);
  out->set_rules_version(r.rules_version);
  out->set_vangnet_october_version(r.vangnet_october_version);
  out->set_vangnet_february_version(r.vangnet_february_version);
}

void ToProto(const CalculationView& view, pb::Calculation* out) {
  ToProto(view.record, out);
  const CalculationResult& r = view.result;
  out->set_basis_rate_cents(r.basis_rate_cents);
  out->set_eligible_pupils(r.eligible_pupils);
  out->set_hb_collective_cents(r.hb_collective_cents);
  out->set_hb_boards_cents(r.hb_boards_cents);
  out->set_sbo_pupils(r.sbo_pupils);
  out->set_sbo_transfer_cents(r.sbo_transfer_cents);
  for (int k = 0; k < 3; ++k) {
    out->add_so_pupils(r.so_pupils[k]);
    out->add_so_transfer_cents(r.so_transfer_cents[k]);
  }
  out->set_net_light_support_cents(r.net_light_support_cents);
  out->set_net_heavy_support_cents(r.net_heavy_support_cents);
  out->set_gross_income_cents(r.gross_income_cents);
  out->set_paid_to_boards_cents(r.paid_to_boards_cents);
  out->set_swv_remaining_cents(r.swv_remaining_cents);
  out->set_reserve_cents(r.reserve_cents);
  out->set_reserve_signal_cents(r.reserve_signal_cents);
  out->set_reserve_above_signal(r.reserve_above_signal);
  out->set_vangnet_configured(r.vangnet_configured);
  out->set_vangnet_note(r.vangnet_note);
  if (r.vangnet_configured) {
    for (int64_t pupils : r.vangnet_growth_pupils) out->add_vangnet_growth_pupils(pupils);
  }
  out->set_vangnet_sbo_cents(r.vangnet_sbo_cents);
  out->set_vangnet_so_cents(r.vangnet_so_cents);
  out->set_light_spent_cents(r.light_spent_cents);
  out->set_light_balance_cents(r.light_balance_cents);
  out->set_heavy_spent_cents(r.heavy_spent_cents);
  out->set_heavy_balance_cents(r.heavy_balance_cents);
  out->set_heavy_deficit_cents(r.heavy_deficit_cents);
  out->set_reserve_draw_cents(r.reserve_draw_cents);
  out->set_reserve_after_draw_cents(r.reserve_after_draw_cents);
  out->set_reserve_shortfall_cents(r.reserve_shortfall_cents);
  out->set_reserve_insufficient(r.reserve_insufficient);
  for (const BoardTotal& board : r.boards) BoardToProto(board, out->add_boards());
  for (const WijkTotal& wijk : r.wijken) {
    pb::WijkTotal* w = out->add_wijken();
    w->set_wijk(wijk.wijk);
    w->set_penvoerder(wijk.penvoerder);
    w->set_pupils(wijk.pupils);
    w->set_amount_cents(wijk.amount_cents);
  }
}

void ToProto(const SpendingAccountView& view, pb::SpendingAccount* out) {
  out->set_name(
      absl::StrCat("swvs/", view.tenant, "/years/", view.year, "/spending-accounts/", view.board));
  out->set_board(view.board);
  out->set_status(ProtoEnumOf<pb::SpendingAccountStatus>(SpendingAccountStatusName(view.status)));
  out->set_due_before(FormatDate(view.due_before));
  if (view.record) {
    const SpendingAccountRecord& r = *view.record;
    out->set_received_on(FormatDate(r.account.received_on));
    out->set_basis_spent_cents(r.account.basis_spent_cents);
    out->set_extra_spent_cents(r.account.extra_spent_cents);
    out->set_note(r.account.note);
    out->set_version(r.version);
    out->set_update_time(Rfc3339(r.update_time));
    out->set_updated_by(r.updated_by);
  }
}

void ToProto(const StatementView& view, pb::BoardStatement* out) {
  out->set_year(view.statement.year);
  out->set_count_date(view.statement.count_date);
  BoardToProto(view.statement.totals, out->mutable_totals());
  for (const ResultLine& line : view.statement.lines) LineToProto(line, out->add_lines());
  out->set_fingerprint(view.record.fingerprint);
  out->set_vangnet_configured(view.statement.vangnet_configured);
  out->set_vangnet_note(view.statement.vangnet_note);
}

void ToProto(const CalculationView& view, pb::CsvDocument* out) {
  out->set_filename(absl::StrCat("allocation-", view.record.tenant, "-", view.record.year, "-",
                                 view.record.calculation_id, ".csv"));
  out->set_content_type(kCsvContentType);
  out->set_content(CalculationCsv(view.result));
}

void ToProto(const StatementView& view, pb::CsvDocument* out) {
  out->set_filename(absl::StrCat("statement-", view.record.tenant, "-", view.statement.year, "-",
                                 view.statement.totals.board, ".csv"));
  out->set_content_type(kCsvContentType);
  out->set_content(StatementCsv(view.statement));
}

SpendingAccountInput SpendingAccountFromProto(const pb::SpendingAccount& in) {
  SpendingAccountInput input;
  input.board = in.board();
  input.received_on = in.received_on();
  input.basis_spent_cents = OptionalOf(in.has_basis_spent_cents(), in.basis_spent_cents());
  input.extra_spent_cents = OptionalOf(in.has_extra_spent_cents(), in.extra_spent_cents());
  input.note = in.note();
  return input;
}

void ToProto(const SchoolPupilCountsView& view, pb::SchoolPupilCounts* out) {
  if (!view.calculation) return;
  out->set_calculation(CalculationName(*view.calculation));
  out->set_count_date(view.calculation->count_date);
  out->set_count_version(view.calculation->count_version);
  for (const SchoolPupils& school : view.schools) {
    pb::SchoolPupilCount* count = out->add_schools();
    count->set_school(school.school);
    count->set_regular_pupils(school.regular);
    count->set_sbo_pupils(school.sbo);
    count->set_so_cat1_pupils(school.so[0]);
    count->set_so_cat2_pupils(school.so[1]);
    count->set_so_cat3_pupils(school.so[2]);
  }
}

}  // namespace swv::allocation
