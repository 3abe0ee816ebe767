#include "services/monitoring/domain/indicators.h"

#include <algorithm>
#include <functional>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/kernel/enum_names.h"

namespace swv::monitoring {
namespace {

const std::vector<Level> kAllLevels = {Level::kSwv, Level::kWijk, Level::kBoard, Level::kSchool};

IndicatorResult NoData(std::string reason) {
  return IndicatorResult{absl::nullopt, std::move(reason)};
}
IndicatorResult Value(Quantity q) { return IndicatorResult{q, ""}; }

IndicatorResult Share(int64_t part, int64_t whole, absl::string_view empty_reason) {
  if (whole <= 0) return NoData(std::string(empty_reason));
  return Value(PercentOf(part, whole));
}

IndicatorResult Percentile(const DayPercentiles& p, int which, absl::string_view empty_reason) {
  if (p.count <= 0) return NoData(std::string(empty_reason));
  const int64_t days = which == 25 ? p.p25 : (which == 50 ? p.p50 : p.p75);
  return Value(Quantity::Exact(days * kE4));
}

using Formula = std::function<IndicatorResult(const IndicatorInputs&)>;

struct Entry {
  IndicatorDefinition definition;
  Formula formula;
};

const std::vector<Entry>& Table() {
  static const std::vector<Entry>* table = [] {
    auto* t = new std::vector<Entry>;
    auto add = [t](IndicatorDefinition d, Formula f) {
      t->push_back(Entry{std::move(d), std::move(f)});
    };
    // --- TLV ---------------------------------------------------------------------------------
    add({"tlv_decided_within_deadline_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kTlv},
         false,
         "TLV applications decided in the period on or before their deadline (6 weeks from "
         "complete, +4 when extended) / all decided in the period"},
        [](const IndicatorInputs& in) {
          return Share(in.tlv->decided_within_deadline, in.tlv->decided,
                       "no TLV decided in the period");
        });
    for (int p : {25, 50, 75}) {
      add({absl::StrCat("tlv_received_to_complete_p", p, "_days"),
           Unit::kDays,
           kAllLevels,
           {Input::kTlv},
           false,
           absl::StrCat("P", p,
                        " (nearest rank) of days from received to complete, over the "
                        "applications completed in the period")},
          [p](const IndicatorInputs& in) {
            return Percentile(in.tlv->received_to_complete, p,
                              "no TLV application completed in the period");
          });
      add({absl::StrCat("tlv_complete_to_decision_p", p, "_days"),
           Unit::kDays,
           kAllLevels,
           {Input::kTlv},
           false,
           absl::StrCat("P", p,
                        " (nearest rank) of days from complete to decision, over the "
                        "applications decided in the period")},
          [p](const IndicatorInputs& in) {
            return Percentile(in.tlv->complete_to_decision, p, "no TLV decided in the period");
          });
    }
    add({"tlv_requests_per_1000_pupils_rolling_12m",
         Unit::kPer1000Pupils,
         kAllLevels,
         {Input::kTlvRolling, Input::kPupils},
         false,
         "TLV applications received in the 12 months up to the period's end per 1,000 pupils"},
        [](const IndicatorInputs& in) {
          if (in.pupils->total() <= 0) return NoData("no pupil count for the year");
          return Value(PerThousand(*in.tlv_received_rolling_12_months, in.pupils->total()));
        });
    add({"special_education_inside_region_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kTlv},
         false,
         "TLVs granted in the period whose receiving S(B)O school lies inside the region / all "
         "granted"},
        [](const IndicatorInputs& in) {
          const int64_t all =
              in.tlv->granted_receiving_inside_region + in.tlv->granted_receiving_outside_region;
          return Share(in.tlv->granted_receiving_inside_region, all,
                       "no TLV granted in the period");
        });
    add({"special_education_outside_region_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kTlv},
         false,
         "TLVs granted in the period whose receiving S(B)O school lies outside the region / all "
         "granted"},
        [](const IndicatorInputs& in) {
          const int64_t all =
              in.tlv->granted_receiving_inside_region + in.tlv->granted_receiving_outside_region;
          return Share(in.tlv->granted_receiving_outside_region, all,
                       "no TLV granted in the period");
        });
    // --- Thuiszitters and exemptions -----------------------------------------------------------
    add({"thuiszitters_no_suitable_school_place",
         Unit::kCount,
         kAllLevels,
         {Input::kRegister},
         false,
         "thuiszitter cases open at any time in the period, whenever reported, whose cause is "
         "\"no suitable school place\""},
        [](const IndicatorInputs& in) {
          return Value(Quantity::Exact(in.register_counts->open_no_suitable_school_place * kE4));
        });
    add({"thuiszitters_per_1000_pupils",
         Unit::kPer1000Pupils,
         kAllLevels,
         {Input::kRegister, Input::kPupils},
         false,
         "thuiszitter cases open at the period's end per 1,000 pupils"},
        [](const IndicatorInputs& in) {
          if (in.pupils->total() <= 0) return NoData("no pupil count for the year");
          return Value(PerThousand(in.register_counts->open_at_end, in.pupils->total()));
        });
    add({"thuiszitter_average_duration_days",
         Unit::kDays,
         kAllLevels,
         {Input::kRegister},
         false,
         "over the cases reported in the period: days from the start of absence to closing (or "
         "to the period's end when still open), averaged"},
        [](const IndicatorInputs& in) {
          if (in.register_counts->reported <= 0)
            return NoData("no thuiszitter reported in the period");
          return Value(
              Average(in.register_counts->duration_days_total, in.register_counts->reported));
        });
    add({"thuiszitters_open_past_one_month",
         Unit::kCount,
         kAllLevels,
         {Input::kRegister},
         false,
         "cases open at the period's end more than one month after the report"},
        [](const IndicatorInputs& in) {
          return Value(Quantity::Exact(in.register_counts->open_past_one_month * kE4));
        });
    add({"thuiszitters_open_past_three_months",
         Unit::kCount,
         kAllLevels,
         {Input::kRegister},
         false,
         "cases open at the period's end with the child more than three months at home "
         "(Thuiszitterspact)"},
        [](const IndicatorInputs& in) {
          return Value(Quantity::Exact(in.register_counts->open_past_three_months * kE4));
        });
    add({"exemptions_with_swv_involvement_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kRegister},
         false,
         "exemptions (art. 5 onder a) in force in the period with SWV involvement / all"},
        [](const IndicatorInputs& in) {
          return Share(in.register_counts->exemptions_with_swv_involvement,
                       in.register_counts->exemptions, "no exemption in force in the period");
        });
    // --- Arrangements and OPDC ---------------------------------------------------------------
    add({"arrangements_decided_within_8_weeks_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kSupport},
         false,
         "arrangement applications decided in the period within 8 weeks / all decided"},
        [](const IndicatorInputs& in) {
          return Share(in.support->arrangements_decided_within_8_weeks,
                       in.support->arrangements_decided, "no arrangement decided in the period");
        });
    add({"opdc_extension_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kSupport},
         false,
         "OPDC placements started in the period that were extended / all started"},
        [](const IndicatorInputs& in) {
          return Share(in.support->opdc_started_extended, in.support->opdc_started,
                       "no OPDC placement started in the period");
        });
    // --- School support profiles and waiting lists ---------------------------------------------
    const std::vector<Level> kSchoolGroups = {Level::kSwv, Level::kWijk, Level::kBoard};
    add({"schools_at_support_level_3_share",
         Unit::kPercent,
         kSchoolGroups,
         {Input::kSupport},
         false,
         "schools whose support profile in force at the period's end is at support level 3 or 4 "
         "/ the directory's regular and SBO schools inside the region (and any other school with "
         "a profile)"},
        [](const IndicatorInputs& in) {
          return Share(in.support->schools_at_support_level_3_or_higher,
                       in.support->schools_counted, "no school to count");
        });
    add({"schools_at_support_level_4_share",
         Unit::kPercent,
         kSchoolGroups,
         {Input::kSupport},
         false,
         "schools whose support profile in force at the period's end is at support level 4 / the "
         "same schools as schools_at_support_level_3_share"},
        [](const IndicatorInputs& in) {
          return Share(in.support->schools_at_support_level_4, in.support->schools_counted,
                       "no school to count");
        });
    add({"school_profiles_update_overdue",
         Unit::kCount,
         kAllLevels,
         {Input::kSupport},
         false,
         "support profiles in force at the period's end whose October update is overdue"},
        [](const IndicatorInputs& in) {
          return Value(Quantity::Exact(in.support->profiles_update_overdue * kE4));
        });
    const std::vector<std::pair<const char*, int64_t SupportAggregate::*>> kWaiting = {
        {"so", &SupportAggregate::pupils_waiting_for_so},
        {"sbo", &SupportAggregate::pupils_waiting_for_sbo},
        {"youth_care", &SupportAggregate::pupils_waiting_for_youth_care}};
    for (const auto& [kind, field] : kWaiting) {
      add({absl::StrCat("pupils_waiting_for_", kind),
           Unit::kCount,
           kAllLevels,
           {Input::kSupport},
           false,
           absl::StrCat("pupils on the ", kind,
                        " waiting list at any time in the period (waiting since on or before its "
                        "end, not ended on or before its first day), under the school of their "
                        "entry")},
          [field = field](const IndicatorInputs& in) {
            return Value(Quantity::Exact(in.support.value().*field * kE4));
          });
    }
    // --- Placements (where pupils are served) ------------------------------------------------
    add({"extra_support_served_in_own_wijk_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kPlacement},
         false,
         "pupils with extra support in the period (running OPP or valid granted TLV) served at the "
         "end at their first school or another school of its wijk / all such pupils, by first "
         "school"},
        [](const IndicatorInputs& in) {
          return Share(in.placement->served_at_first_school + in.placement->served_in_same_wijk,
                       in.placement->extra_support_pupils,
                       "no pupil with extra support in the period");
        });
    add({"so_profile_at_mdo_inside_region_share",
         Unit::kPercent,
         kAllLevels,
         {Input::kPlacement},
         false,
         "pupils with an SO-TLV profile in the period (valid granted SO TLV, or OPP marked "
         "so_tlv_profile) educated at the end at an MDO facility inside the region / all such "
         "pupils, by first school"},
        [](const IndicatorInputs& in) {
          return Share(in.placement->so_profile_at_mdo_inside_region,
                       in.placement->so_profile_pupils,
                       "no pupil with an SO-TLV profile in the period");
        });
    // --- Participation ---------------------------------------------------------------------
    add({"sbo_participation",
         Unit::kPercent,
         kAllLevels,
         {Input::kPupils},
         true,
         "SBO pupils / (SBO + regular pupils) on the count date"},
        [](const IndicatorInputs& in) {
          return Share(in.pupils->sbo, in.pupils->sbo + in.pupils->regular,
                       "no pupil count for the year");
        });
    add({"so_participation",
         Unit::kPercent,
         kAllLevels,
         {Input::kPupils},
         true,
         "SO pupils / (SO + regular pupils) on the count date"},
        [](const IndicatorInputs& in) {
          return Share(in.pupils->so, in.pupils->so + in.pupils->regular,
                       "no pupil count for the year");
        });
    add({"special_education_participation",
         Unit::kPercent,
         kAllLevels,
         {Input::kPupils},
         true,
         "(SBO + SO pupils) / (SBO + SO + regular pupils) on the count date"},
        [](const IndicatorInputs& in) {
          return Share(in.pupils->sbo + in.pupils->so, in.pupils->total(),
                       "no pupil count for the year");
        });
    // --- Spending accounts -------------------------------------------------------------------
    add({"spending_accounts_on_time_share",
         Unit::kPercent,
         {Level::kSwv, Level::kBoard},
         {Input::kSpendingAccounts},
         false,
         "boards whose spending account of the previous year arrived before 1 February / all "
         "boards"},
        [](const IndicatorInputs& in) {
          return Share(in.spending_accounts->on_time, in.spending_accounts->boards,
                       "no board in the directory");
        });
    std::sort(t->begin(), t->end(),
              [](const Entry& a, const Entry& b) { return a.definition.name < b.definition.name; });
    return t;
  }();
  return *table;
}

bool Has(const IndicatorInputs& in, Input input) {
  switch (input) {
    case Input::kTlv:
      return in.tlv.has_value();
    case Input::kTlvRolling:
      return in.tlv_received_rolling_12_months.has_value();
    case Input::kRegister:
      return in.register_counts.has_value();
    case Input::kSupport:
      return in.support.has_value();
    case Input::kPlacement:
      return in.placement.has_value();
    case Input::kPupils:
      return in.pupils.has_value();
    case Input::kSpendingAccounts:
      return in.spending_accounts.has_value();
  }
  return false;
}

constexpr EnumName<Input> kInputNames[] = {
    {Input::kTlv, "TLV statistics"},
    {Input::kTlvRolling, "TLV statistics of the last 12 months"},
    {Input::kRegister, "register statistics"},
    {Input::kSupport, "support statistics"},
    {Input::kPlacement, "placement statistics"},
    {Input::kPupils, "pupil counts (allocation calculation)"},
    {Input::kSpendingAccounts, "spending accounts"},
};

const char* InputName(Input input) { return NameOf(kInputNames, input, "input"); }

}  // namespace

const std::vector<IndicatorDefinition>& Indicators() {
  static const std::vector<IndicatorDefinition>* definitions = [] {
    auto* d = new std::vector<IndicatorDefinition>;
    for (const Entry& e : Table()) d->push_back(e.definition);
    return d;
  }();
  return *definitions;
}

const IndicatorDefinition* FindIndicator(absl::string_view name) {
  for (const IndicatorDefinition& d : Indicators()) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

IndicatorResult ComputeIndicator(absl::string_view name, const IndicatorInputs& inputs) {
  for (const Entry& e : Table()) {
    if (e.definition.name != name) continue;
    for (Input input : e.definition.inputs) {
      if (!Has(inputs, input)) return NoData(absl::StrCat(InputName(input), " not available"));
    }
    return e.formula(inputs);
  }
  return NoData(absl::StrCat("unknown indicator \"", name, "\""));
}

}  // namespace swv::monitoring
