#include "services/registrations/domain/tlv.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr absl::string_view kCombinedReason = "INVALID_TLV_REQUEST";
constexpr int kMaxValiditySchoolYears = 8;
constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxReasonLength = 500;
constexpr std::size_t kMaxNoteLength = 2000;

bool Blank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

absl::Status WrongState(absl::string_view reason, absl::string_view message) {
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, reason, message);
}

absl::string_view StatusWord(TlvStatus status) { return TlvStatusName(status); }

// The deadline without the extension: what an extension must be announced before.
absl::CivilDay FirstDeadline(absl::CivilDay completed_on) {
  return completed_on + kDecisionTermDays;
}

}  // namespace

// ---- Names
// ---------------------------------------------------------------------------------------

absl::string_view TlvKindName(TlvKind kind) {
  switch (kind) {
    case TlvKind::kSbo:
      return "sbo";
    case TlvKind::kSo:
      return "so";
  }
  return "unknown";
}
absl::optional<TlvKind> TlvKindFromName(absl::string_view name) {
  for (TlvKind k : {TlvKind::kSbo, TlvKind::kSo}) {
    if (TlvKindName(k) == name) return k;
  }
  return absl::nullopt;
}
absl::string_view SoCategoryName(SoCategory category) {
  switch (category) {
    case SoCategory::kLaag:
      return "laag";
    case SoCategory::kMidden:
      return "midden";
    case SoCategory::kHoog:
      return "hoog";
  }
  return "unknown";
}
absl::optional<SoCategory> SoCategoryFromName(absl::string_view name) {
  for (SoCategory c : {SoCategory::kLaag, SoCategory::kMidden, SoCategory::kHoog}) {
    if (SoCategoryName(c) == name) return c;
  }
  return absl::nullopt;
}
absl::string_view TlvStatusName(TlvStatus status) {
  switch (status) {
    case TlvStatus::kReceived:
      return "received";
    case TlvStatus::kComplete:
      return "complete";
    case TlvStatus::kGranted:
      return "granted";
    case TlvStatus::kRefused:
      return "refused";
  }
  return "unknown";
}
absl::optional<TlvStatus> TlvStatusFromName(absl::string_view name) {
  for (TlvStatus s :
       {TlvStatus::kReceived, TlvStatus::kComplete, TlvStatus::kGranted, TlvStatus::kRefused}) {
    if (TlvStatusName(s) == name) return s;
  }
  return absl::nullopt;
}
absl::string_view ExpertProfessionName(ExpertProfession profession) {
  switch (profession) {
    case ExpertProfession::kOrthopedagoog:
      return "orthopedagoog";
    case ExpertProfession::kPsycholoog:
      return "psycholoog";
    case ExpertProfession::kKinderJeugdpsycholoog:
      return "kinder_jeugdpsycholoog";
    case ExpertProfession::kPedagoog:
      return "pedagoog";
    case ExpertProfession::kKinderpsychiater:
      return "kinderpsychiater";
    case ExpertProfession::kMaatschappelijkWerker:
      return "maatschappelijk_werker";
    case ExpertProfession::kArts:
      return "arts";
  }
  return "unknown";
}
absl::optional<ExpertProfession> ExpertProfessionFromName(absl::string_view name) {
  for (ExpertProfession p : {ExpertProfession::kOrthopedagoog, ExpertProfession::kPsycholoog,
                             ExpertProfession::kKinderJeugdpsycholoog, ExpertProfession::kPedagoog,
                             ExpertProfession::kKinderpsychiater,
                             ExpertProfession::kMaatschappelijkWerker, ExpertProfession::kArts}) {
    if (ExpertProfessionName(p) == name) return p;
  }
  return absl::nullopt;
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
  if (!violations.empty()) return violations.ToStatus(kCombinedReason);
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
  if (!violations.empty()) return violations.ToStatus(kCombinedReason);
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
  if (!violations.empty()) return violations.ToStatus(kCombinedReason);
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
  if (!violations.empty()) return violations.ToStatus(kCombinedReason);
  state.extended = true;
  state.extended_on = extended_on;
  state.extension_reason = std::move(reason);
  return absl::OkStatus();
}

// ---- Decide
// --------------------------------------------------------------------------------------

namespace {

std::string NormalisedName(absl::string_view name) {
  std::string out;
  bool space = false;
  for (char c : absl::StripAsciiWhitespace(name)) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

absl::Status ApplyDecision(TlvState& state, const TlvDecideInput& input, const TlvPolicy& policy,
                           absl::CivilDay today) {
  if (state.status == TlvStatus::kReceived) {
    return WrongState("TLV_NOT_COMPLETE",
                      "the application is not complete yet (OPP and parents' consent or view "
                      "missing); it can be decided only once complete");
  }
  if (IsDecided(state)) {
    return WrongState("TLV_ALREADY_DECIDED",
                      absl::StrCat("the application was decided on ", FormatDate(*state.decided_on),
                                   " (", state.decision_number, ")"));
  }
  Violations violations("");
  absl::CivilDay decided_on;
  bool decided_ok = CheckRequiredPastDate(violations, "decided_on", input.decided_on, today,
                                          "the day of the decision", decided_on);
  if (decided_ok && decided_on < *state.completed_on) {
    violations.Add("decided_on", "DECISION_BEFORE_COMPLETE",
                   absl::StrCat("must not be before the application was complete (",
                                FormatDate(*state.completed_on), ")"));
    decided_ok = false;
  }
  if (!input.outcome) violations.Add("outcome", "REQUIRED", "is required: granted or refused");
  if (!input.return_to_regular_considered) {
    violations.Add("return_to_regular_considered", "RETURN_TO_REGULAR_NOT_CONSIDERED",
                   "must be true: return to regular education is considered at every TLV");
  }
  std::string return_note;
  CheckText(violations, "return_to_regular_note", input.return_to_regular_note,
            /*required=*/false, kMaxNoteLength, "", return_note, /*allow_line_breaks=*/true);
  std::string decision_note;
  CheckText(violations, "decision_note", input.decision_note, /*required=*/false, kMaxNoteLength,
            "", decision_note, /*allow_line_breaks=*/true);

  // Expert advices.
  std::vector<ExpertAdvice> advices;
  if (input.advices.size() < 2) {
    violations.Add("advices", "TOO_FEW_ADVICES",
                   absl::StrCat("need at least two written expert advices (an orthopedagoog or "
                                "psycholoog, and a second expert), got ",
                                input.advices.size()));
  }
  std::set<std::string> seen_names;
  for (std::size_t i = 0; i < input.advices.size(); ++i) {
    const ExpertAdviceInput& in = input.advices[i];
    const std::string field = absl::StrCat("advices[", i, "].");
    ExpertAdvice advice;
    bool ok =
        CheckText(violations, absl::StrCat(field, "expert_name"), in.expert_name,
                  /*required=*/true, kMaxNameLength, "who gave the advice", advice.expert_name);
    if (ok && !seen_names.insert(NormalisedName(advice.expert_name)).second) {
      violations.Add(absl::StrCat(field, "expert_name"), "SAME_EXPERT_TWICE",
                     absl::StrCat(advice.expert_name,
                                  " already gave an advice: each advice must be another expert's "
                                  "own"));
      ok = false;
    }
    if (!in.profession) {
      violations.Add(absl::StrCat(field, "profession"), "REQUIRED",
                     "is required: the expert's profession");
      ok = false;
    } else {
      advice.profession = *in.profession;
      if (i == 0 && !IsFirstAdviserProfession(advice.profession)) {
        violations.Add(absl::StrCat(field, "profession"), "FIRST_ADVISER_PROFESSION",
                       absl::StrCat("the first advice must be by an orthopedagoog or a "
                                    "psycholoog, got ",
                                    ExpertProfessionName(advice.profession)));
        ok = false;
      }
      if (i == 1 && !IsSecondAdviserProfession(advice.profession)) {
        violations.Add(absl::StrCat(field, "profession"), "SECOND_ADVISER_PROFESSION",
                       absl::StrCat("the second advice must be by a kinder-/jeugdpsycholoog, "
                                    "pedagoog, kinderpsychiater, maatschappelijk werker or arts, "
                                    "got ",
                                    ExpertProfessionName(advice.profession)));
        ok = false;
      }
    }
    const std::string date_field = absl::StrCat(field, "advised_on");
    if (CheckRequiredPastDate(violations, date_field, in.advised_on, today,
                              "the day of the written advice", advice.advised_on)) {
      if (advice.advised_on < state.received_on) {
        violations.Add(date_field, "ADVICE_BEFORE_APPLICATION",
                       absl::StrCat("must not be before the application was received (",
                                    FormatDate(state.received_on), ")"));
        ok = false;
      } else if (decided_ok && advice.advised_on > decided_on) {
        violations.Add(date_field, "ADVICE_AFTER_DECISION",
                       absl::StrCat("must not be after the decision (", FormatDate(decided_on),
                                    "): the decision rests on the advice"));
        ok = false;
      }
    } else {
      ok = false;
    }
    if (!Blank(in.affiliated_school)) {
      SchoolCode affiliated;
      if (CheckSchool(violations, absl::StrCat(field, "affiliated_school"), in.affiliated_school,
                      "", affiliated)) {
        if (affiliated == state.referring_school || affiliated == state.receiving_school) {
          violations.Add(
              absl::StrCat(field, "affiliated_school"), "EXPERT_LINKED_TO_SCHOOL",
              absl::StrCat("the expert is linked to school ", affiliated.ToString(), ", the ",
                           affiliated == state.referring_school ? "referring" : "receiving",
                           " school: advisers must be independent of both"));
          ok = false;
        }
        advice.affiliated_school = affiliated.ToString();
      } else {
        ok = false;
      }
    }
    if (in.involved_before) {
      violations.Add(absl::StrCat(field, "involved_before"), "EXPERT_INVOLVED_BEFORE",
                     "an expert involved in the case before cannot advise on it");
      ok = false;
    }
    if (ok) advices.push_back(advice);
  }

  // Validity and category.
  absl::optional<absl::CivilDay> valid_from;
  absl::optional<absl::CivilDay> valid_until;
  absl::optional<SoCategory> category = state.so_category;
  if (input.outcome == TlvOutcome::kGranted) {
    absl::CivilDay from = decided_on;
    bool from_ok = decided_ok;
    if (!Blank(input.valid_from)) {
      from_ok = CheckAnyDate(violations, "valid_from", absl::StripAsciiWhitespace(input.valid_from),
                             from);
      if (from_ok && from < state.received_on) {
        violations.Add("valid_from", "VALID_FROM_BEFORE_APPLICATION",
                       absl::StrCat("must not be before the application was received (",
                                    FormatDate(state.received_on), ")"));
        from_ok = false;
      }
    }
    if (from_ok) {
      valid_from = from;
      if (Blank(input.valid_until)) {
        valid_until = EndOfSchoolYears(from, policy.validity_school_years);
      } else {
        absl::CivilDay until;
        if (CheckAnyDate(violations, "valid_until", absl::StripAsciiWhitespace(input.valid_until),
                         until)) {
          if (until < from) {
            violations.Add("valid_until", "VALID_UNTIL_BEFORE_FROM",
                           absl::StrCat("must not be before valid_from (", FormatDate(from), ")"));
          } else {
            valid_until = until;
          }
        }
      }
    }
    if (input.so_category) {
      if (state.kind == TlvKind::kSbo) {
        violations.Add("so_category", "SO_CATEGORY_FOR_SBO",
                       "must be empty for an SBO TLV: only SO has funding categories");
      } else {
        category = input.so_category;
      }
    }
  } else if (input.outcome == TlvOutcome::kRefused) {
    if (!Blank(input.valid_from) || !Blank(input.valid_until)) {
      violations.Add(Blank(input.valid_from) ? "valid_until" : "valid_from", "VALIDITY_FOR_REFUSAL",
                     "must be empty when the TLV is refused");
    }
  }
  if (!violations.empty()) return violations.ToStatus(kCombinedReason);

  state.status = *input.outcome == TlvOutcome::kGranted ? TlvStatus::kGranted : TlvStatus::kRefused;
  state.decided_on = decided_on;
  state.valid_from = valid_from;
  state.valid_until = valid_until;
  state.so_category = category;
  state.return_to_regular_considered = true;
  state.return_to_regular_note = std::move(return_note);
  state.decision_note = std::move(decision_note);
  state.advices = std::move(advices);
  return absl::OkStatus();
}

// ---- Objection, renewal -------------------------------------------------------------------------

absl::Status ApplyObjection(TlvState& state, const TlvObjectionInput& input, absl::CivilDay today) {
  if (!IsDecided(state)) {
    return WrongState("TLV_NOT_DECIDED",
                      "an objection (bezwaar) is against a decision; there is "
                      "none yet");
  }
  if (state.objection_filed_on) {
    return WrongState("OBJECTION_ALREADY_RECORDED",
                      absl::StrCat("an objection filed on ", FormatDate(*state.objection_filed_on),
                                   " is already recorded"));
  }
  Violations violations("");
  absl::CivilDay filed_on;
  if (CheckRequiredPastDate(violations, "filed_on", input.filed_on, today,
                            "the day the objection was filed", filed_on) &&
      filed_on < *state.decided_on) {
    violations.Add(
        "filed_on", "OBJECTION_BEFORE_DECISION",
        absl::StrCat("must not be before the decision (", FormatDate(*state.decided_on), ")"));
  }
  std::string note;
  CheckText(violations, "note", input.note, /*required=*/false, kMaxNoteLength, "", note,
            /*allow_line_breaks=*/true);
  if (!violations.empty()) return violations.ToStatus(kCombinedReason);
  state.objection_filed_on = filed_on;
  state.objection_note = std::move(note);
  return absl::OkStatus();
}

absl::StatusOr<TlvState> ValidateRenewal(const TlvState& granted, const TlvApplicationInput& input,
                                         absl::CivilDay today) {
  if (granted.status != TlvStatus::kGranted) {
    return WrongState("ONLY_GRANTED_TLV_RENEWABLE",
                      absl::StrCat("only a granted TLV can be renewed; this one is ",
                                   StatusWord(granted.status)));
  }
  if (!granted.renewed_by.empty()) {
    return WrongState("ALREADY_RENEWED",
                      absl::StrCat("this TLV is already renewed by ", granted.renewed_by));
  }
  Violations violations("");
  TlvState renewal;
  renewal.referring_school = granted.referring_school;
  renewal.lvs_pupil_number = granted.lvs_pupil_number;
  renewal.kind = granted.kind;
  renewal.so_category = granted.so_category;
  renewal.receiving_school = granted.receiving_school;
  if (!Blank(input.receiving_school)) {
    CheckSchool(violations, "receiving_school", input.receiving_school, "",
                renewal.receiving_school);
  }
  if (input.so_category) {
    if (granted.kind == TlvKind::kSbo) {
      violations.Add("so_category", "SO_CATEGORY_FOR_SBO",
                     "must be empty for an SBO TLV: only SO has funding categories");
    } else {
      renewal.so_category = input.so_category;
    }
  }
  if (CheckRequiredPastDate(violations, "received_on", input.received_on, today,
                            "the day the renewal was received", renewal.received_on) &&
      granted.valid_until && renewal.received_on > *granted.valid_until) {
    violations.Add("received_on", "RENEWAL_AFTER_EXPIRY",
                   absl::StrCat("the TLV expired on ", FormatDate(*granted.valid_until),
                                "; a herindicatie must be applied for before that, after it a new "
                                "application is needed"));
  }
  if (!violations.empty()) return violations.ToStatus(kCombinedReason);
  renewal.status = TlvStatus::kReceived;
  return renewal;
}

// ---- Derived
// -------------------------------------------------------------------------------------

absl::optional<absl::CivilDay> DecisionDeadline(const TlvState& state) {
  if (!state.completed_on) return absl::nullopt;
  return *state.completed_on + kDecisionTermDays + (state.extended ? kExtensionDays : 0);
}

bool IsDecided(const TlvState& state) {
  return state.status == TlvStatus::kGranted || state.status == TlvStatus::kRefused;
}

TlvOverdueCriteria OverdueAsOf(absl::CivilDay today) {
  return TlvOverdueCriteria{TlvStatus::kComplete, today};
}

bool IsTlvOverdue(const TlvState& state, absl::CivilDay today) {
  const TlvOverdueCriteria overdue = OverdueAsOf(today);
  absl::optional<absl::CivilDay> deadline = DecisionDeadline(state);
  return state.status == overdue.status && deadline && *deadline < overdue.deadline_before;
}

bool IsTlvDecidedLate(const TlvState& state) {
  absl::optional<absl::CivilDay> deadline = DecisionDeadline(state);
  return IsDecided(state) && deadline && state.decided_on && *state.decided_on > *deadline;
}

absl::optional<int> DaysToComplete(const TlvState& state) {
  if (!state.completed_on) return absl::nullopt;
  return static_cast<int>(*state.completed_on - state.received_on);
}

absl::optional<int> DaysToDecision(const TlvState& state) {
  if (!state.completed_on || !state.decided_on) return absl::nullopt;
  return static_cast<int>(*state.decided_on - *state.completed_on);
}

// ---- Statistics
// ----------------------------------------------------------------------------------

int NearestRankPercentile(const std::vector<int>& sorted_values, int p) {
  const std::size_t n = sorted_values.size();
  // ceil(p * n / 100) in integers; at least rank 1.
  std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;
  if (rank < 1) rank = 1;
  if (rank > n) rank = n;
  return sorted_values[rank - 1];
}

DurationPercentiles PercentilesOf(std::vector<int> values) {
  DurationPercentiles out;
  out.count = static_cast<int>(values.size());
  if (values.empty()) return out;
  std::sort(values.begin(), values.end());
  out.p25 = NearestRankPercentile(values, 25);
  out.p50 = NearestRankPercentile(values, 50);
  out.p75 = NearestRankPercentile(values, 75);
  return out;
}

TlvStatistics ComputeTlvStatistics(const std::vector<TlvState>& tlvs,
                                   const std::vector<ValidOpp>& opps, DayRange period,
                                   absl::CivilDay today) {
  TlvStatistics stats;
  std::vector<int> to_complete;
  std::vector<int> to_decision;
  for (const TlvState& t : tlvs) {
    if (period.Contains(t.received_on)) {
      ++stats.received;
      if (!t.renews.empty()) ++stats.renewals_received;
    }
    if (t.completed_on && period.Contains(*t.completed_on)) {
      ++stats.completed;
      to_complete.push_back(*DaysToComplete(t));
    }
    if (IsDecided(t) && t.decided_on && period.Contains(*t.decided_on)) {
      ++stats.decided;
      if (IsTlvDecidedLate(t)) {
        ++stats.decided_late;
      } else {
        ++stats.decided_within_deadline;
      }
      to_decision.push_back(*DaysToDecision(t));
      if (t.status == TlvStatus::kGranted) {
        ++stats.granted;
        if (t.kind == TlvKind::kSbo) {
          ++stats.granted_sbo;
        } else if (t.so_category == SoCategory::kLaag) {
          ++stats.granted_so_laag;
        } else if (t.so_category == SoCategory::kMidden) {
          ++stats.granted_so_midden;
        } else if (t.so_category == SoCategory::kHoog) {
          ++stats.granted_so_hoog;
        }
        if (t.receiving_inside_region) {
          ++stats.granted_receiving_inside_region;
        } else {
          ++stats.granted_receiving_outside_region;
        }
      } else {
        ++stats.refused;
      }
    }
    if (t.objection_filed_on && period.Contains(*t.objection_filed_on)) ++stats.objections;
    // Applications registered with a future-dated... cannot exist (received_on <= today), so every
    // undecided application is open now.
    if (!IsDecided(t)) {
      ++stats.open_now;
      if (IsTlvOverdue(t, today)) ++stats.overdue_now;
    }
  }
  stats.received_to_complete = PercentilesOf(std::move(to_complete));
  stats.complete_to_decision = PercentilesOf(std::move(to_decision));
  for (const ValidOpp& opp : opps) {
    if (IsOppActive(opp, today)) ++stats.opps_active_now;
    if (IsEvaluationOverdue(opp, today)) ++stats.opps_evaluation_overdue_now;
    if (period.Contains(opp.drawn_up_on) && IsDrawnUpLate(opp)) ++stats.opps_drawn_up_late;
  }
  return stats;
}

}  // namespace swv::registrations
