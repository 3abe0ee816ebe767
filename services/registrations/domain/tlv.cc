// The TLV rules up to the decision: the names, the policy, the application, completion and the
// extension of the term. The decision, objection and renewal are in tlv_decision.cc; what is
// derived from a TLV and the statistics in tlv_statistics.cc.
#include "services/registrations/domain/tlv.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/tlv_internal.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr int kMaxValiditySchoolYears = 8;
constexpr std::size_t kMaxReasonLength = 500;

// The deadline without the extension: what an extension must be announced before.
absl::CivilDay FirstDeadline(absl::CivilDay completed_on) {
  return completed_on + kDecisionTermDays;
}

}  // namespace

// ---- Names
// ---------------------------------------------------------------------------------------

constexpr EnumName<TlvKind> kTlvKindNames[] = {
    {TlvKind::kSbo, "sbo"},
    {TlvKind::kSo, "so"},
};

absl::string_view TlvKindName(TlvKind kind) { return NameOf(kTlvKindNames, kind); }

absl::optional<TlvKind> TlvKindFromName(absl::string_view name) {
  return ValueOf(kTlvKindNames, name);
}

constexpr EnumName<SoCategory> kSoCategoryNames[] = {
    {SoCategory::kLaag, "laag"},
    {SoCategory::kMidden, "midden"},
    {SoCategory::kHoog, "hoog"},
};

absl::string_view SoCategoryName(SoCategory category) { return NameOf(kSoCategoryNames, category); }

absl::optional<SoCategory> SoCategoryFromName(absl::string_view name) {
  return ValueOf(kSoCategoryNames, name);
}

constexpr EnumName<TlvStatus> kTlvStatusNames[] = {
    {TlvStatus::kReceived, "received"},
    {TlvStatus::kComplete, "complete"},
    {TlvStatus::kGranted, "granted"},
    {TlvStatus::kRefused, "refused"},
};

absl::string_view TlvStatusName(TlvStatus status) { return NameOf(kTlvStatusNames, status); }

absl::optional<TlvStatus> TlvStatusFromName(absl::string_view name) {
  return ValueOf(kTlvStatusNames, name);
}

constexpr EnumName<ExpertProfession> kExpertProfessionNames[] = {
    {ExpertProfession::kOrthopedagoog, "orthopedagoog"},
    {ExpertProfession::kPsycholoog, "psycholoog"},
    {ExpertProfession::kKinderJeugdpsycholoog, "kinder_jeugdpsycholoog"},
    {ExpertProfession::kPedagoog, "pedagoog"},
    {ExpertProfession::kKinderpsychiater, "kinderpsychiater"},
    {ExpertProfession::kMaatschappelijkWerker, "maatschappelijk_werker"},
    {ExpertProfession::kArts, "arts"},
};

absl::string_view ExpertProfessionName(ExpertProfession profession) {
  return NameOf(kExpertProfessionNames, profession);
}

absl::optional<ExpertProfession> ExpertProfessionFromName(absl::string_view name) {
  return ValueOf(kExpertProfessionNames, name);
}

bool IsFirstAdviserProfession(ExpertProfession profession) {
  return profession == ExpertProfession::kOrthopedagoog ||
         profession == ExpertProfession::kPsycholoog;
}

bool IsSecondAdviserProfession(ExpertProfession profession) {
  switch (profession) {
    case ExpertProfession::kKinderJeugdpsycholoog:
    case ExpertProfession::kPedagoog:
    case ExpertProfession::kKinderpsychiater:
    case ExpertProfession::kMaatschappelijkWerker:
    case ExpertProfession::kArts:
      return true;
    default:
      return false;
  }
}

absl::Status TlvPolicy::Validate() const {
  if (validity_school_years < 1 || validity_school_years > kMaxValiditySchoolYears) {
    return InvalidField("tlv_validity_school_years", "OUT_OF_RANGE",
                        absl::StrCat("must be between 1 and ", kMaxValiditySchoolYears,
                                     " school years, got ", validity_school_years));
  }
  return absl::OkStatus();
}

absl::CivilDay EndOfSchoolYears(absl::CivilDay from, int school_years) {
  const int first_year_start =
      from.month() >= 8 ? static_cast<int>(from.year()) : static_cast<int>(from.year()) - 1;
  return absl::CivilDay(first_year_start + school_years, 7, 31);
}

// ---- Application
// ---------------------------------------------------------------------------------

namespace {

// Kind and category together: SO needs a category, SBO has none.
void CheckKindAndCategory(Violations& violations, absl::optional<TlvKind> kind,
                          absl::optional<SoCategory> category, TlvState& state) {
  if (!kind) {
    violations.Add("kind", "REQUIRED", "is required: SBO or SO");
    return;
  }
  state.kind = *kind;
  if (*kind == TlvKind::kSo && !category) {
    violations.Add("so_category", "REQUIRED",
                   "is required for an SO TLV: laag (1), midden (2) or hoog (3)");
  } else if (*kind == TlvKind::kSbo && category) {
    violations.Add("so_category", "SO_CATEGORY_FOR_SBO",
                   "must be empty for an SBO TLV: only SO has funding categories");
  } else {
    state.so_category = category;
  }
}

}  // namespace

absl::StatusOr<TlvState> ValidateTlvApplication(const TlvApplicationInput& input,
                                                absl::CivilDay today) {
  Violations violations("tlv.");
  TlvState state;
  CheckSchool(violations, "referring_school", input.referring_school,
              "the school applying for the TLV", state.referring_school);
  CheckLvsPupilNumber(violations, "lvs_pupil_number", input.lvs_pupil_number,
                      state.lvs_pupil_number);
  CheckSchool(violations, "receiving_school", input.receiving_school,
              "the S(B)O school that would receive the pupil", state.receiving_school);
  CheckKindAndCategory(violations, input.kind, input.so_category, state);
  CheckRequiredPastDate(violations, "received_on", input.received_on, today,
                        "the day the SWV received the application", state.received_on);
  if (!violations.empty()) return violations.ToStatus(kInvalidTlvRequest);
  state.status = TlvStatus::kReceived;
  return state;
}

absl::Status CheckTlvSchools(TlvState& state, const School* referring, const School* receiving) {
  Violations violations("tlv.");
  if (referring == nullptr) {
    violations.Add(
        "referring_school", "UNKNOWN_SCHOOL",
        absl::StrCat("school ", state.referring_school.ToString(), " is not in the directory"));
  } else if (!referring->inside_region) {
    violations.Add("referring_school", "REFERRING_SCHOOL_OUTSIDE_REGION",
                   absl::StrCat("school ", referring->code,
                                " lies outside the region: the TLV is issued by the SWV of the "
                                "referring school"));
  }
  if (receiving == nullptr) {
    violations.Add(
        "receiving_school", "UNKNOWN_SCHOOL",
        absl::StrCat("school ", state.receiving_school.ToString(), " is not in the directory"));
  } else {
    const SchoolKind wanted = state.kind == TlvKind::kSbo ? SchoolKind::kSbo : SchoolKind::kSo;
    if (receiving->kind != wanted) {
      violations.Add(
          "receiving_school", "RECEIVING_SCHOOL_KIND_MISMATCH",
          absl::StrCat("school ", receiving->code, " is a ", SchoolKindName(receiving->kind),
                       " school; an ", TlvKindName(state.kind), " TLV needs an ",
                       SchoolKindName(wanted), " school"));
    } else {
      state.receiving_inside_region = receiving->inside_region;
    }
  }
  if (!violations.empty()) return violations.ToStatus(kInvalidTlvRequest);
  return absl::OkStatus();
}

// ---- Complete
// ------------------------------------------------------------------------------------

absl::Status ApplyComplete(TlvState& state, const TlvCompleteInput& input, const AttachedOpp* opp,
                           absl::CivilDay today) {
  if (state.status != TlvStatus::kReceived) {
    return WrongState("TLV_NOT_AWAITING_COMPLETION",
                      absl::StrCat("the application is ", StatusWord(state.status),
                                   "; only a received application can become complete"));
  }
  Violations violations("");
  absl::CivilDay completed_on;
  if (CheckRequiredPastDate(violations, "completed_on", input.completed_on, today,
                            "the day the application became complete", completed_on) &&
      completed_on < state.received_on) {
    violations.Add("completed_on", "COMPLETE_BEFORE_RECEIVED",
                   absl::StrCat("must not be before the application was received (",
                                FormatDate(state.received_on), ")"));
  }
  bool needs_parents_view = false;
  if (Blank(input.opp)) {
    violations.Add("opp", "OPP_REQUIRED",
                   "is required: an application is complete only with the pupil's OPP attached");
  } else if (opp == nullptr) {
    violations.Add("opp", "UNKNOWN_OPP", absl::StrCat("OPP ", input.opp, " does not exist"));
  } else if (!opp->same_pupil) {
    violations.Add("opp", "OPP_OF_OTHER_PUPIL", "belongs to another pupil than the application");
  } else {
    needs_parents_view = opp->consent != ParentalConsent::kGiven;
  }
  absl::optional<ParentsView> view;
  if (needs_parents_view) {
    if (Blank(input.parents_view_recorded_on) && Blank(input.parents_view_summary)) {
      violations.Add("parents_view", "PARENTS_VIEW_REQUIRED",
                     "is required: the parents did not consent to the OPP's handelingsdeel, so "
                     "their view (zienswijze) must be recorded before the application is complete");
    } else {
      ParentsView recorded;
      const bool date_ok = CheckRequiredPastDate(
          violations, "parents_view.recorded_on", input.parents_view_recorded_on, today,
          "the day the parents' view was recorded", recorded.recorded_on);
      const bool text_ok = CheckText(violations, "parents_view.summary", input.parents_view_summary,
                                     /*required=*/true, kMaxNoteLength,
                                     "a summary of the parents' view", recorded.summary,
                                     /*allow_line_breaks=*/true);
      if (date_ok && text_ok) view = recorded;
    }
  }
  if (!violations.empty()) return violations.ToStatus(kInvalidTlvRequest);
  state.status = TlvStatus::kComplete;
  state.completed_on = completed_on;
  state.opp_id = opp->opp_id;
  state.opp_consent_given = !needs_parents_view;
  state.parents_view = view;
  return absl::OkStatus();
}

// ---- Extend
// --------------------------------------------------------------------------------------

absl::Status ApplyExtend(TlvState& state, const TlvExtendInput& input, absl::CivilDay today) {
  if (state.status == TlvStatus::kReceived) {
    return WrongState("TLV_NOT_COMPLETE",
                      "the decision term runs from the day the application is complete; it "
                      "cannot be extended before that");
  }
  if (IsDecided(state)) {
    return WrongState("TLV_ALREADY_DECIDED", "the application has been decided");
  }
  if (state.extended) {
    return WrongState("ALREADY_EXTENDED",
                      "the decision term can be extended only once (by 4 weeks)");
  }
  Violations violations("");
  absl::CivilDay extended_on;
  if (CheckRequiredPastDate(violations, "extended_on", input.extended_on, today,
                            "the day the extension was decided", extended_on)) {
    if (extended_on < *state.completed_on) {
      violations.Add("extended_on", "EXTENSION_BEFORE_COMPLETE",
                     absl::StrCat("must not be before the application was complete (",
                                  FormatDate(*state.completed_on), ")"));
    } else if (extended_on > FirstDeadline(*state.completed_on)) {
      violations.Add("extended_on", "EXTENSION_AFTER_DEADLINE",
                     absl::StrCat("must be on or before the 6-week deadline (",
                                  FormatDate(FirstDeadline(*state.completed_on)),
                                  "): an expired term cannot be extended"));
    }
  }
  std::string reason;
  CheckText(violations, "reason", input.reason, /*required=*/true, kMaxReasonLength,
            "why the term is extended", reason, /*allow_line_breaks=*/true);
  if (!violations.empty()) return violations.ToStatus(kInvalidTlvRequest);
  state.extended = true;
  state.extended_on = extended_on;
  state.extension_reason = std::move(reason);
  return absl::OkStatus();
}

}  // namespace swv::registrations
