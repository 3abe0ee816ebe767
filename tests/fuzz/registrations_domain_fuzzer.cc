// Fuzzes every validator of the registrations domain (services/registrations/domain). The first
// line of an input names the validator, the following lines are its fields in the order of the
// input struct (see each case below and the seeds in registrations_domain/corpus). "Today" is
// fixed at 2026-11-20 so a found input replays the same way.
//
// Beyond "no crash, no UB": refusals have the documented shape (CheckRefusal), and normalised
// values read back the same (school codes, SWV codes, dates, a thuiszitter report).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/opp.h"
#include "services/registrations/domain/register.h"
#include "services/registrations/domain/reporting.h"
#include "services/registrations/domain/support.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/domain/tlv.h"
#include "tests/fuzz/fuzz_input.h"

namespace swv::registrations {
namespace {

using fuzz::CheckRefusal;
using fuzz::FuzzLines;

const absl::CivilDay kToday(2026, 11, 20);

// A day-valued argument of a rule (not a field the client sends): a date, else `fallback`.
absl::CivilDay DayOr(const std::string& text, absl::CivilDay fallback) {
  absl::StatusOr<absl::CivilDay> day = ParseDate("fuzz", text);
  return day.ok() ? *day : fallback;
}

absl::optional<CaseStatus> NextStatus(FuzzLines& in) { return in.NextEnum(CaseStatusFromName); }

void Identifiers(FuzzLines& in) {
  const std::string school = in.Next();
  if (absl::StatusOr<SchoolCode> code = ParseSchoolCode("school", school); code.ok()) {
    absl::StatusOr<SchoolCode> again = ParseSchoolCode("school", code->ToString());
    SWV_FUZZ_CHECK(again.ok() && *again == *code, "school code does not read back: " + school);
  } else {
    CheckRefusal(code.status(), "ParseSchoolCode");
  }
  const std::string municipality = in.Next();
  if (absl::StatusOr<std::string> code = ParseMunicipalityCode("m", municipality); code.ok()) {
    absl::StatusOr<std::string> again = ParseMunicipalityCode("m", *code);
    SWV_FUZZ_CHECK(again.ok() && *again == *code,
                   "municipality does not read back: " + municipality);
  } else {
    CheckRefusal(code.status(), "ParseMunicipalityCode");
  }
  const std::string swv = in.Next();
  if (absl::StatusOr<std::string> code = CanonicalSwvCode("swv", swv); code.ok()) {
    absl::StatusOr<std::string> again = CanonicalSwvCode("swv", DisplaySwvCode(*code));
    SWV_FUZZ_CHECK(again.ok() && *again == *code,
                   "SWV code does not read back from its display form: " + swv);
  } else {
    CheckRefusal(code.status(), "CanonicalSwvCode");
    DisplaySwvCode(swv);  // must not fail on anything
  }
  const std::string date = in.Next();
  if (absl::StatusOr<absl::CivilDay> day = ParseDate("date", date); day.ok()) {
    SWV_FUZZ_CHECK(FormatDate(*day) == date, "a strict date formats differently: " + date);
  } else {
    CheckRefusal(day.status(), "ParseDate");
  }
  CheckRefusal(ParseQuarter("quarter", in.Next(), kToday).status(), "ParseQuarter");
  const std::string from = in.Next();
  CheckRefusal(ValidatePeriod(from, in.Next(), kToday).status(), "ValidatePeriod");
}

void Thuiszitter(FuzzLines& in) {
  ThuiszitterReport report;
  report.school = in.Next();
  report.lvs_pupil_number = in.Next();
  report.residence_municipality = in.Next();
  report.absence_kind = in.NextEnum(AbsenceKindFromName);
  report.absence_start = in.Next();
  report.reported_on = in.Next();
  report.cause = in.NextEnum(ThuiszitterCauseFromName);
  report.municipality_case_ref = in.Next();
  ThuiszitterPolicy policy;
  policy.report_within_days = static_cast<int>(in.NextIntOr(2) % 1000);
  absl::StatusOr<ValidThuiszitterReport> valid = ValidateThuiszitterReport(report, kToday, policy);
  if (!valid.ok()) {
    if (valid.status().code() != absl::StatusCode::kInternal || policy.Validate().ok()) {
      CheckRefusal(valid.status(), "ValidateThuiszitterReport");
    }
    return;
  }
  // The stored form is accepted again and gives the same values.
  ThuiszitterReport stored;
  stored.school = valid->school ? valid->school->ToString() : "";
  stored.lvs_pupil_number = valid->lvs_pupil_number;
  stored.residence_municipality = valid->residence_municipality;
  stored.absence_kind = valid->absence_kind;
  stored.absence_start = FormatDate(valid->absence_start);
  stored.reported_on = FormatDate(valid->reported_on);
  stored.cause = valid->cause;
  stored.municipality_case_ref = valid->municipality_case_ref;
  absl::StatusOr<ValidThuiszitterReport> again = ValidateThuiszitterReport(stored, kToday, policy);
  SWV_FUZZ_CHECK(again.ok() && *again == *valid,
                 "a valid report does not validate the same way twice");
  const ThuiszitterCategory category =
      CategoryOf(valid->absence_kind, valid->absence_start, kToday);
  const ThuiszitterFlags flags =
      FlagsOf(CaseStatus::kOpen, valid->absence_start, valid->reported_on, kToday);
  SWV_FUZZ_CHECK(
      valid->absence_kind != AbsenceKind::kRelative ||
          flags.past_three_months == (category == ThuiszitterCategory::kRelativeOver3Months),
      "the three-month flag and the category run on different clocks");
  SWV_FUZZ_CHECK(DaysAbsent(valid->absence_start, kToday) >= 28, "a valid report is under 4 weeks");
}

void Close(FuzzLines& in, bool record) {
  const absl::optional<CaseStatus> status = NextStatus(in);
  const absl::CivilDay started = DayOr(in.Next(), absl::CivilDay(2026, 9, 1));
  CloseInput input;
  input.closed_on = in.Next();
  input.reason = in.Rest();
  const CaseStatus current = status.value_or(CaseStatus::kOpen);
  CheckRefusal(record ? ValidateRecordClose(current, started, input, kToday).status()
                      : ValidateClose(current, started, input, kToday).status(),
               record ? "ValidateRecordClose" : "ValidateClose");
}

void Plan(FuzzLines& in) {
  const absl::optional<CaseStatus> status = NextStatus(in);
  const absl::CivilDay absence_start = DayOr(in.Next(), absl::CivilDay(2026, 9, 1));
  PlanInput input;
  input.agreed_on = in.Next();
  input.responsible_name = in.Next();
  input.responsible_role = in.Next();
  input.responsible_organisation = in.Next();
  input.parents_involved = in.NextBool();
  input.expected_resumption = in.Next();
  input.description = in.Rest();
  CheckRefusal(
      ValidatePlan(status.value_or(CaseStatus::kOpen), absence_start, input, kToday).status(),
      "ValidatePlan");
}

void Exemption(FuzzLines& in) {
  ExemptionInput input;
  input.residence_municipality = in.Next();
  input.school = in.Next();
  input.lvs_pupil_number = in.Next();
  input.start_date = in.Next();
  input.end_date = in.Next();
  input.swv_involved = in.NextOptionalBool();
  CheckRefusal(ValidateExemption(input, kToday).status(), "ValidateExemption");
}

void Monitorkind(FuzzLines& in) {
  MonitorkindInput input;
  input.school = in.Next();
  input.lvs_pupil_number = in.Next();
  input.residence_municipality = in.Next();
  input.reason = in.NextEnum(MonitorkindReasonFromName);
  input.at_home_since = in.Next();
  input.registered_on = in.Next();
  CheckRefusal(ValidateMonitorkind(input, kToday).status(), "ValidateMonitorkind");
}

void Opp(FuzzLines& in) {
  OppInput input;
  input.school = in.Next();
  input.lvs_pupil_number = in.Next();
  input.drawn_up_on = in.Next();
  input.start_date = in.Next();
  input.end_date = in.Next();
  input.enrolment_date = in.Next();
  input.consent = in.NextEnum(ParentalConsentFromName);
  input.consent_date = in.Next();
  input.last_evaluated_on = in.Next();
  absl::StatusOr<ValidOpp> opp = ValidateOpp(input, kToday);
  if (!opp.ok()) return CheckRefusal(opp.status(), "ValidateOpp");
  EvaluationDue(*opp);
  IsEvaluationOverdue(*opp, kToday);
  IsDrawnUpLate(*opp);
  ComputeTlvStatistics({}, {*opp}, DayRange{absl::CivilDay(2026, 1, 1), kToday}, kToday);
}

void Arrangement(FuzzLines& in) {
  ArrangementApplication application;
  application.target = in.NextEnum(ArrangementTargetFromName);
  application.school = in.Next();
  application.lvs_pupil_number = in.Next();
  application.wijk = in.Next();
  application.applied_on = in.Next();
  application.description = in.Next();
  absl::StatusOr<ValidArrangementApplication> valid =
      ValidateArrangementApplication(application, kToday);
  CheckRefusal(valid.status(), "ValidateArrangementApplication");
  // The decision on it (or on a pending arrangement applied on 2026-10-01).
  const absl::optional<ArrangementStatus> status = in.NextEnum(ArrangementStatusFromName);
  ArrangementDecisionInput decision;
  const std::string outcome = in.Next();
  if (outcome == "granted") decision.outcome = ArrangementOutcome::kGranted;
  if (outcome == "refused") decision.outcome = ArrangementOutcome::kRefused;
  decision.decided_on = in.Next();
  decision.amount_cents = in.NextIntOr(0);
  decision.period_start = in.Next();
  decision.period_end = in.Next();
  decision.note = in.Rest();
  const absl::CivilDay applied_on = valid.ok() ? valid->applied_on : absl::CivilDay(2026, 10, 1);
  absl::StatusOr<ValidArrangementDecision> decided = ValidateArrangementDecision(
      status.value_or(ArrangementStatus::kPending), applied_on, decision, kToday);
  CheckRefusal(decided.status(), "ValidateArrangementDecision");
  if (decided.ok()) {
    SupportStatistics stats;
    // One bounded amount always fits: counting it must not fail.
    absl::Status counted =
        CountArrangement(ArrangementFacts{"12AB00", applied_on, decided->decided_on,
                                          decided->outcome, decided->amount_cents},
                         DayRange{absl::CivilDay(2026, 1, 1), kToday}, kToday, stats);
    SWV_FUZZ_CHECK(counted.ok(), "CountArrangement: " + counted.ToString());
  }
}

void Opdc(FuzzLines& in) {
  OpdcPlacementInput placement;
  placement.school = in.Next();
  placement.lvs_pupil_number = in.Next();
  placement.opdc = in.Next();
  placement.start_date = in.Next();
  placement.planned_end = in.Next();
  absl::StatusOr<ValidOpdcPlacement> valid = ValidateOpdcPlacement(placement);
  CheckRefusal(valid.status(), "ValidateOpdcPlacement");
  const absl::CivilDay start = valid.ok() ? valid->start_date : absl::CivilDay(2026, 9, 1);
  const absl::CivilDay planned_end = valid.ok() ? valid->planned_end : absl::CivilDay(2027, 2, 28);
  const bool ended = in.NextBool();
  const bool extended = in.NextBool();
  OpdcExtensionInput extension;
  extension.new_end = in.Next();
  extension.extended_on = in.Next();
  extension.reason = in.Next();
  CheckRefusal(
      ValidateOpdcExtension(ended, extended, start, planned_end, extension, kToday).status(),
      "ValidateOpdcExtension");
  OpdcEndInput end;
  end.ended_on = in.Next();
  end.reason = in.Rest();
  CheckRefusal(ValidateOpdcEnd(ended, start, end, kToday).status(), "ValidateOpdcEnd");
}

void Directory(FuzzLines& in) {
  BoardRow board{in.Next(), in.Next()};
  absl::StatusOr<Board> valid_board = ValidateBoard("boards[0].", board);
  CheckRefusal(valid_board.status(), "ValidateBoard");
  WijkRow wijk;
  wijk.code = in.Next();
  wijk.display_name = in.Next();
  wijk.municipality = in.Next();
  absl::StatusOr<Wijk> valid_wijk = ValidateWijk("wijken[0].", wijk);
  CheckRefusal(valid_wijk.status(), "ValidateWijk");
  KnownCodes known;
  if (valid_board.ok()) known.boards.insert(valid_board->code);
  if (valid_wijk.ok()) known.wijken.insert(valid_wijk->code);
  SchoolRow school;
  school.code = in.Next();
  school.display_name = in.Next();
  school.board = in.Next();
  school.wijk = in.Next();
  school.municipality = in.Next();
  school.kind = in.NextEnum(SchoolKindFromName);
  school.inside_region = in.NextBool();
  CheckRefusal(ValidateSchool("schools[0].", school, known).status(), "ValidateSchool");
}

TlvApplicationInput NextApplication(FuzzLines& in) {
  TlvApplicationInput application;
  application.referring_school = in.Next();
  application.lvs_pupil_number = in.Next();
  application.receiving_school = in.Next();
  application.kind = in.NextEnum(TlvKindFromName);
  application.so_category = in.NextEnum(SoCategoryFromName);
  application.received_on = in.Next();
  return application;
}

// The life of one application: apply, schools, complete, extend, decide, object, renew. Every
// step runs on the state so far, whether or not the previous one was accepted, so wrong-state
// refusals are reached as well.
void Tlv(FuzzLines& in) {
  absl::StatusOr<TlvState> applied = ValidateTlvApplication(NextApplication(in), kToday);
  CheckRefusal(applied.status(), "ValidateTlvApplication");
  TlvState state = applied.ok() ? *applied : TlvState{};
  if (!applied.ok()) state.received_on = absl::CivilDay(2026, 9, 1);

  School referring;
  referring.code = state.referring_school.ToString();
  referring.inside_region = in.NextBool();
  School receiving;
  receiving.code = state.receiving_school.ToString();
  receiving.kind = in.NextEnum(SchoolKindFromName).value_or(SchoolKind::kSbo);
  CheckRefusal(CheckTlvSchools(state, &referring, &receiving), "CheckTlvSchools");

  TlvCompleteInput complete;
  complete.completed_on = in.Next();
  complete.opp = in.Next();
  complete.parents_view_recorded_on = in.Next();
  complete.parents_view_summary = in.Next();
  AttachedOpp opp;
  opp.opp_id = complete.opp;
  opp.same_pupil = in.NextBool();
  opp.consent = in.NextEnum(ParentalConsentFromName).value_or(ParentalConsent::kNotAsked);
  CheckRefusal(ApplyComplete(state, complete, complete.opp.empty() ? nullptr : &opp, kToday),
               "ApplyComplete");

  TlvExtendInput extend;
  extend.extended_on = in.Next();
  extend.reason = in.Next();
  if (!extend.extended_on.empty()) CheckRefusal(ApplyExtend(state, extend, kToday), "ApplyExtend");

  TlvDecideInput decide;
  decide.decided_on = in.Next();
  const std::string outcome = in.Next();
  if (outcome == "granted") decide.outcome = TlvOutcome::kGranted;
  if (outcome == "refused") decide.outcome = TlvOutcome::kRefused;
  decide.valid_from = in.Next();
  decide.valid_until = in.Next();
  decide.so_category = in.NextEnum(SoCategoryFromName);
  decide.return_to_regular_considered = in.NextBool();
  decide.return_to_regular_note = in.Next();
  decide.decision_note = in.Next();
  const int64_t advices = in.NextIntOr(2);
  for (int64_t i = 0; i < advices && i < 8; ++i) {
    ExpertAdviceInput advice;
    advice.expert_name = in.Next();
    advice.profession = in.NextEnum(ExpertProfessionFromName);
    advice.advised_on = in.Next();
    advice.affiliated_school = in.Next();
    advice.involved_before = in.NextBool();
    decide.advices.push_back(advice);
  }
  TlvPolicy policy;
  policy.validity_school_years = static_cast<int>(in.NextIntOr(2) % 100);
  if (policy.Validate().ok())
    CheckRefusal(ApplyDecision(state, decide, policy, kToday), "ApplyDecision");

  TlvObjectionInput objection;
  objection.filed_on = in.Next();
  objection.note = in.Next();
  if (!objection.filed_on.empty())
    CheckRefusal(ApplyObjection(state, objection, kToday), "ApplyObjection");

  CheckRefusal(ValidateRenewal(state, NextApplication(in), kToday).status(), "ValidateRenewal");

  DecisionDeadline(state);
  IsTlvOverdue(state, kToday);
  IsTlvDecidedLate(state);
  DaysToComplete(state);
  DaysToDecision(state);
  ComputeTlvStatistics({state}, {}, DayRange{absl::CivilDay(2026, 1, 1), kToday}, kToday);
}

// The Inspectie export over one fuzzed case and exemption (CSV quoting of free text).
void Export(FuzzLines& in) {
  ThuiszitterFacts c;
  c.school = in.Next();
  c.residence_municipality = in.Next();
  c.absence_start = DayOr(in.Next(), absl::CivilDay(2026, 8, 1));
  c.reported_on = DayOr(in.Next(), absl::CivilDay(2026, 9, 1));
  if (const std::string closed = in.Next(); !closed.empty()) c.closed_on = DayOr(closed, kToday);
  ExemptionFacts e;
  e.school = in.Next();
  e.residence_municipality = in.Next();
  e.start_date = DayOr(in.Next(), absl::CivilDay(2026, 8, 1));
  absl::StatusOr<DayRange> quarter = ParseQuarter("quarter", in.Next(), kToday);
  if (!quarter.ok()) return;
  GroupStatistics group;
  CountThuiszitter(c, *quarter, kToday, group);
  CountExemption(e, *quarter, group);
  InspectieRegister exported = BuildInspectieRegister({c}, {e}, *quarter, kToday);
  SWV_FUZZ_CHECK(exported.row_count <= 2, "more export rows than records");
}

}  // namespace
}  // namespace swv::registrations

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace swv::registrations;
  swv::fuzz::FuzzLines in(data, size);
  const std::string selector = in.Next();
  if (selector == "identifiers")
    Identifiers(in);
  else if (selector == "thuiszitter")
    Thuiszitter(in);
  else if (selector == "close")
    Close(in, /*record=*/false);
  else if (selector == "record_close")
    Close(in, /*record=*/true);
  else if (selector == "plan")
    Plan(in);
  else if (selector == "exemption")
    Exemption(in);
  else if (selector == "monitorkind")
    Monitorkind(in);
  else if (selector == "opp")
    Opp(in);
  else if (selector == "arrangement")
    Arrangement(in);
  else if (selector == "opdc")
    Opdc(in);
  else if (selector == "directory")
    Directory(in);
  else if (selector == "tlv")
    Tlv(in);
  else if (selector == "export")
    Export(in);
  return 0;
}
