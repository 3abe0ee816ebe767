// The TLV rules of the decision and after: the decision of the board (with its experts), the
// objection and the renewal of a granted TLV.
#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/tlv.h"
#include "services/registrations/domain/tlv_internal.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr std::size_t kMaxNameLength = 200;

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
  if (!violations.empty()) return violations.ToStatus(kInvalidTlvRequest);

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
  if (!violations.empty()) return violations.ToStatus(kInvalidTlvRequest);
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
  if (!violations.empty()) return violations.ToStatus(kInvalidTlvRequest);
  renewal.status = TlvStatus::kReceived;
  return renewal;
}

}  // namespace swv::registrations
