// The TLV rules one by one (application, completion, deadline, decision, objection, renewal,
// statistics): each broken rule gives its own code, field and reason. Pure functions, no database.
#include <map>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/directory.h"
#include "services/registrations/domain/opp.h"
#include "services/registrations/domain/tlv.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::tlv_domain_test {
namespace {

constexpr absl::CivilDay kToday(2026, 11, 16);

// ---- TLV ----------------------------------------------------------------------------------------

TlvApplicationInput ValidApplication() {
  TlvApplicationInput in;
  in.referring_school = "12AB00";
  in.lvs_pupil_number = "LVS-1";
  in.receiving_school = "78GH00";
  in.kind = TlvKind::kSo;
  in.so_category = SoCategory::kMidden;
  in.received_on = "2026-09-15";
  return in;
}

School DirectorySchool(const std::string& code, SchoolKind kind, bool inside) {
  School s;
  s.code = code;
  s.kind = kind;
  s.inside_region = inside;
  return s;
}

TlvState Received() {
  TlvState state = *ValidateTlvApplication(ValidApplication(), kToday);
  School referring = DirectorySchool("12AB00", SchoolKind::kRegular, true);
  School receiving = DirectorySchool("78GH00", SchoolKind::kSo, true);
  EXPECT_TRUE(CheckTlvSchools(state, &referring, &receiving).ok());
  return state;
}

TlvState Complete(bool extended = false) {
  TlvState state = Received();
  AttachedOpp opp{"opp-1", true, ParentalConsent::kGiven};
  EXPECT_TRUE(
      ApplyComplete(state, TlvCompleteInput{"2026-09-29", "opp-1", "", ""}, &opp, kToday).ok());
  if (extended) {
    EXPECT_TRUE(
        ApplyExtend(state, TlvExtendInput{"2026-11-05", "second advice later"}, kToday).ok());
  }
  return state;
}

TlvDecideInput ValidDecision() {
  TlvDecideInput in;
  in.decided_on = "2026-11-02";
  in.outcome = TlvOutcome::kGranted;
  in.return_to_regular_considered = true;
  ExpertAdviceInput first;
  first.expert_name = "drs. A. de Vries";
  first.profession = ExpertProfession::kOrthopedagoog;
  first.advised_on = "2026-10-10";
  ExpertAdviceInput second;
  second.expert_name = "B. Jansen";
  second.profession = ExpertProfession::kArts;
  second.advised_on = "2026-10-20";
  second.affiliated_school = "99ZZ00";  // linked to an unrelated school: fine
  in.advices = {first, second};
  return in;
}

TEST(TlvRules, ApplicationRules) {
  TlvApplicationInput in = ValidApplication();
  in.so_category.reset();
  ExpectInvalid(ValidateTlvApplication(in, kToday).status(), "tlv.so_category", "REQUIRED");
  in = ValidApplication();
  in.kind = TlvKind::kSbo;
  ExpectInvalid(ValidateTlvApplication(in, kToday).status(), "tlv.so_category",
                "SO_CATEGORY_FOR_SBO");
  in.so_category.reset();
  EXPECT_TRUE(ValidateTlvApplication(in, kToday).ok());
  in = ValidApplication();
  in.received_on = "2026-11-17";
  ExpectInvalid(ValidateTlvApplication(in, kToday).status(), "tlv.received_on", "DATE_IN_FUTURE");
  in = ValidApplication();
  in.kind.reset();
  ExpectInvalid(ValidateTlvApplication(in, kToday).status(), "tlv.kind", "REQUIRED");
}

TEST(TlvRules, SchoolsComeFromTheDirectory) {
  TlvState state = *ValidateTlvApplication(ValidApplication(), kToday);
  School referring = DirectorySchool("12AB00", SchoolKind::kRegular, true);
  School sbo = DirectorySchool("78GH00", SchoolKind::kSbo, true);
  ExpectInvalid(CheckTlvSchools(state, &referring, &sbo), "tlv.receiving_school",
                "RECEIVING_SCHOOL_KIND_MISMATCH");
  ExpectInvalid(CheckTlvSchools(state, &referring, nullptr), "tlv.receiving_school",
                "UNKNOWN_SCHOOL");
  School so = DirectorySchool("78GH00", SchoolKind::kSo, true);
  ExpectInvalid(CheckTlvSchools(state, nullptr, &so), "tlv.referring_school", "UNKNOWN_SCHOOL");
  School outside = DirectorySchool("12AB00", SchoolKind::kRegular, false);
  School so_outside = DirectorySchool("78GH00", SchoolKind::kSo, false);
  ExpectInvalid(CheckTlvSchools(state, &outside, &so_outside), "tlv.referring_school",
                "REFERRING_SCHOOL_OUTSIDE_REGION");
  ASSERT_TRUE(CheckTlvSchools(state, &referring, &so_outside).ok());
  EXPECT_FALSE(state.receiving_inside_region);
}

TEST(TlvRules, CompleteNeedsAnOppOfThePupil) {
  TlvState state = Received();
  AttachedOpp consented{"opp-1", true, ParentalConsent::kGiven};
  ExpectInvalid(ApplyComplete(state, TlvCompleteInput{"2026-09-29", "", "", ""}, nullptr, kToday),
                "opp", "OPP_REQUIRED");
  ExpectInvalid(
      ApplyComplete(state, TlvCompleteInput{"2026-09-29", "opp-x", "", ""}, nullptr, kToday), "opp",
      "UNKNOWN_OPP");
  AttachedOpp other{"opp-2", false, ParentalConsent::kGiven};
  ExpectInvalid(
      ApplyComplete(state, TlvCompleteInput{"2026-09-29", "opp-2", "", ""}, &other, kToday), "opp",
      "OPP_OF_OTHER_PUPIL");
  ExpectInvalid(
      ApplyComplete(state, TlvCompleteInput{"2026-09-14", "opp-1", "", ""}, &consented, kToday),
      "completed_on", "COMPLETE_BEFORE_RECEIVED");
  EXPECT_EQ(state.status, TlvStatus::kReceived);  // failed attempts change nothing
  ASSERT_TRUE(
      ApplyComplete(state, TlvCompleteInput{"2026-09-29", "opp-1", "", ""}, &consented, kToday)
          .ok());
  EXPECT_EQ(state.status, TlvStatus::kComplete);
  EXPECT_TRUE(state.opp_consent_given);
  ExpectPrecondition(
      ApplyComplete(state, TlvCompleteInput{"2026-09-29", "opp-1", "", ""}, &consented, kToday),
      "TLV_NOT_AWAITING_COMPLETION");
}

TEST(TlvRules, WithoutConsentTheParentsViewIsRequired) {
  for (ParentalConsent consent : {ParentalConsent::kRefused, ParentalConsent::kNotAsked}) {
    TlvState state = Received();
    AttachedOpp opp{"opp-1", true, consent};
    ExpectInvalid(
        ApplyComplete(state, TlvCompleteInput{"2026-09-29", "opp-1", "", ""}, &opp, kToday),
        "parents_view", "PARENTS_VIEW_REQUIRED");
    ExpectInvalid(ApplyComplete(state, TlvCompleteInput{"2026-09-29", "opp-1", "2026-09-28", ""},
                                &opp, kToday),
                  "parents_view.summary", "REQUIRED");
    ASSERT_TRUE(ApplyComplete(state,
                              TlvCompleteInput{"2026-09-29", "opp-1", "2026-09-28",
                                               "Parents prefer SBO over SO."},
                              &opp, kToday)
                    .ok());
    EXPECT_FALSE(state.opp_consent_given);
    ASSERT_TRUE(state.parents_view.has_value());
    EXPECT_EQ(state.parents_view->recorded_on, absl::CivilDay(2026, 9, 28));
  }
}

TEST(TlvRules, DeadlineIsSixWeeksPlusFourWhenExtendedOnce) {
  TlvState state = Complete();
  EXPECT_EQ(*DecisionDeadline(state), absl::CivilDay(2026, 11, 10));
  EXPECT_FALSE(IsTlvOverdue(state, absl::CivilDay(2026, 11, 10)));
  EXPECT_TRUE(IsTlvOverdue(state, absl::CivilDay(2026, 11, 11)));
  ExpectInvalid(ApplyExtend(state, TlvExtendInput{"2026-11-05", ""}, kToday), "reason", "REQUIRED");
  ExpectInvalid(ApplyExtend(state, TlvExtendInput{"2026-11-11", "late"}, kToday), "extended_on",
                "EXTENSION_AFTER_DEADLINE");
  ExpectInvalid(ApplyExtend(state, TlvExtendInput{"2026-09-28", "early"}, kToday), "extended_on",
                "EXTENSION_BEFORE_COMPLETE");
  ASSERT_TRUE(
      ApplyExtend(state, TlvExtendInput{"2026-11-10", "waiting for the arts"}, kToday).ok());
  EXPECT_EQ(*DecisionDeadline(state), absl::CivilDay(2026, 12, 8));
  ExpectPrecondition(ApplyExtend(state, TlvExtendInput{"2026-11-10", "again"}, kToday),
                     "ALREADY_EXTENDED");
  TlvState received = Received();
  ExpectPrecondition(ApplyExtend(received, TlvExtendInput{"2026-11-10", "x"}, kToday),
                     "TLV_NOT_COMPLETE");
}

TEST(TlvRules, DecisionNeedsACompleteApplication) {
  TlvState state = Received();
  ExpectPrecondition(ApplyDecision(state, ValidDecision(), TlvPolicy{}, kToday),
                     "TLV_NOT_COMPLETE");
}

TEST(TlvRules, ValidDecisionGrantsForTwoSchoolYears) {
  TlvState state = Complete();
  ASSERT_TRUE(ApplyDecision(state, ValidDecision(), TlvPolicy{}, kToday).ok());
  EXPECT_EQ(state.status, TlvStatus::kGranted);
  EXPECT_EQ(*state.valid_from, absl::CivilDay(2026, 11, 2));
  EXPECT_EQ(*state.valid_until, absl::CivilDay(2028, 7, 31));
  EXPECT_EQ(state.advices.size(), 2u);
  EXPECT_EQ(*DaysToComplete(state), 14);
  EXPECT_EQ(*DaysToDecision(state), 34);
  EXPECT_FALSE(IsTlvDecidedLate(state));
  ExpectPrecondition(ApplyDecision(state, ValidDecision(), TlvPolicy{}, kToday),
                     "TLV_ALREADY_DECIDED");
}

TEST(TlvRules, ExpertAdviceRules) {
  struct Case {
    void (*breaks)(TlvDecideInput&);
    std::string field;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {[](TlvDecideInput& in) { in.advices.pop_back(); }, "advices", "TOO_FEW_ADVICES"},
      {[](TlvDecideInput& in) { in.advices[0].profession = ExpertProfession::kPedagoog; },
       "advices[0].profession", "FIRST_ADVISER_PROFESSION"},
      {[](TlvDecideInput& in) { in.advices[1].profession = ExpertProfession::kPsycholoog; },
       "advices[1].profession", "SECOND_ADVISER_PROFESSION"},
      {[](TlvDecideInput& in) { in.advices[1].affiliated_school = "12ab00"; },
       "advices[1].affiliated_school", "EXPERT_LINKED_TO_SCHOOL"},
      {[](TlvDecideInput& in) { in.advices[0].affiliated_school = "78GH00"; },
       "advices[0].affiliated_school", "EXPERT_LINKED_TO_SCHOOL"},
      {[](TlvDecideInput& in) { in.advices[1].involved_before = true; },
       "advices[1].involved_before", "EXPERT_INVOLVED_BEFORE"},
      {[](TlvDecideInput& in) { in.advices[1].expert_name = " DRS.  a. de vries"; },
       "advices[1].expert_name", "SAME_EXPERT_TWICE"},
      {[](TlvDecideInput& in) { in.advices[1].expert_name = ""; }, "advices[1].expert_name",
       "REQUIRED"},
      {[](TlvDecideInput& in) { in.advices[1].profession.reset(); }, "advices[1].profession",
       "REQUIRED"},
      {[](TlvDecideInput& in) { in.advices[0].advised_on = "2026-09-01"; }, "advices[0].advised_on",
       "ADVICE_BEFORE_APPLICATION"},
      {[](TlvDecideInput& in) { in.advices[0].advised_on = "2026-11-03"; }, "advices[0].advised_on",
       "ADVICE_AFTER_DECISION"},
      {[](TlvDecideInput& in) { in.return_to_regular_considered = false; },
       "return_to_regular_considered", "RETURN_TO_REGULAR_NOT_CONSIDERED"},
      {[](TlvDecideInput& in) { in.outcome.reset(); }, "outcome", "REQUIRED"},
      {[](TlvDecideInput& in) { in.decided_on = "2026-09-28"; }, "decided_on",
       "DECISION_BEFORE_COMPLETE"},
      {[](TlvDecideInput& in) { in.valid_until = "2026-11-01"; }, "valid_until",
       "VALID_UNTIL_BEFORE_FROM"},
      {[](TlvDecideInput& in) { in.valid_from = "2026-09-01"; }, "valid_from",
       "VALID_FROM_BEFORE_APPLICATION"},
      {[](TlvDecideInput& in) {
         in.outcome = TlvOutcome::kRefused;
         in.valid_until = "2027-07-31";
       },
       "valid_until", "VALIDITY_FOR_REFUSAL"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.reason);
    TlvState state = Complete();
    TlvDecideInput input = ValidDecision();
    c.breaks(input);
    ExpectInvalid(ApplyDecision(state, input, TlvPolicy{}, kToday), c.field, c.reason);
    EXPECT_EQ(state.status, TlvStatus::kComplete);
  }
}

TEST(TlvRules, SoCategoryMayChangeAtDecisionButNeverForSbo) {
  TlvState state = Complete();
  TlvDecideInput input = ValidDecision();
  input.so_category = SoCategory::kHoog;
  ASSERT_TRUE(ApplyDecision(state, input, TlvPolicy{}, kToday).ok());
  EXPECT_EQ(state.so_category, SoCategory::kHoog);

  TlvState sbo = Complete();
  sbo.kind = TlvKind::kSbo;
  sbo.so_category.reset();
  ExpectInvalid(ApplyDecision(sbo, input, TlvPolicy{}, kToday), "so_category",
                "SO_CATEGORY_FOR_SBO");
}

TEST(TlvRules, RefusalHasNoValidity) {
  TlvState state = Complete();
  TlvDecideInput input = ValidDecision();
  input.outcome = TlvOutcome::kRefused;
  ASSERT_TRUE(ApplyDecision(state, input, TlvPolicy{}, kToday).ok());
  EXPECT_EQ(state.status, TlvStatus::kRefused);
  EXPECT_FALSE(state.valid_until.has_value());
}

TEST(TlvRules, ObjectionRules) {
  TlvState state = Complete();
  ExpectPrecondition(ApplyObjection(state, TlvObjectionInput{"2026-11-05", ""}, kToday),
                     "TLV_NOT_DECIDED");
  ASSERT_TRUE(ApplyDecision(state, ValidDecision(), TlvPolicy{}, kToday).ok());
  ExpectInvalid(ApplyObjection(state, TlvObjectionInput{"2026-11-01", ""}, kToday), "filed_on",
                "OBJECTION_BEFORE_DECISION");
  ASSERT_TRUE(
      ApplyObjection(state, TlvObjectionInput{"2026-11-05", "parents object"}, kToday).ok());
  ExpectPrecondition(ApplyObjection(state, TlvObjectionInput{"2026-11-06", ""}, kToday),
                     "OBJECTION_ALREADY_RECORDED");
}

TEST(TlvRules, RenewalBeforeExpiryOnly) {
  TlvState state = Complete();
  TlvApplicationInput renewal;
  renewal.received_on = "2026-11-10";
  ExpectPrecondition(ValidateRenewal(state, renewal, kToday).status(),
                     "ONLY_GRANTED_TLV_RENEWABLE");
  TlvDecideInput decision = ValidDecision();
  decision.valid_until = "2026-11-09";
  ASSERT_TRUE(ApplyDecision(state, decision, TlvPolicy{}, kToday).ok());
  ExpectInvalid(ValidateRenewal(state, renewal, kToday).status(), "received_on",
                "RENEWAL_AFTER_EXPIRY");
  renewal.received_on = "2026-11-09";
  absl::StatusOr<TlvState> renewed = ValidateRenewal(state, renewal, kToday);
  ASSERT_TRUE(renewed.ok()) << renewed.status();
  EXPECT_EQ(renewed->status, TlvStatus::kReceived);
  EXPECT_EQ(renewed->so_category, SoCategory::kMidden);
  state.renewed_by = "tlv-2";
  ExpectPrecondition(ValidateRenewal(state, renewal, kToday).status(), "ALREADY_RENEWED");
}

TEST(TlvRules, SchoolYearsRunFromAugustToJuly) {
  EXPECT_EQ(EndOfSchoolYears(absl::CivilDay(2026, 11, 20), 2), absl::CivilDay(2028, 7, 31));
  EXPECT_EQ(EndOfSchoolYears(absl::CivilDay(2027, 7, 31), 2), absl::CivilDay(2028, 7, 31));
  EXPECT_EQ(EndOfSchoolYears(absl::CivilDay(2027, 8, 1), 2), absl::CivilDay(2029, 7, 31));
  EXPECT_EQ(EndOfSchoolYears(absl::CivilDay(2026, 8, 1), 1), absl::CivilDay(2027, 7, 31));
  TlvState state = Complete();
  ASSERT_TRUE(ApplyDecision(state, ValidDecision(), TlvPolicy{3}, kToday).ok());
  EXPECT_EQ(*state.valid_until, absl::CivilDay(2029, 7, 31));
  EXPECT_EQ(ReasonOf(TlvPolicy{0}.Validate()), "OUT_OF_RANGE");
  EXPECT_EQ(ReasonOf(TlvPolicy{9}.Validate()), "OUT_OF_RANGE");
  EXPECT_TRUE(TlvPolicy{8}.Validate().ok());
}

TEST(TlvStatisticsRules, NearestRankPercentiles) {
  EXPECT_EQ(NearestRankPercentile({7}, 25), 7);
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4}, 25), 1);     // rank ceil(1.0) = 1
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4}, 50), 2);     // rank 2
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4}, 75), 3);     // rank 3
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4, 5}, 25), 2);  // rank ceil(1.25) = 2
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4, 5}, 50), 3);  // rank ceil(2.5) = 3
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4, 5}, 75), 4);  // rank ceil(3.75) = 4
  EXPECT_EQ(NearestRankPercentile({1, 2, 3, 4, 5}, 100), 5);
  DurationPercentiles p = PercentilesOf({40, 10, 30, 20});
  EXPECT_EQ(p.count, 4);
  EXPECT_EQ(p.p25, 10);
  EXPECT_EQ(p.p50, 20);
  EXPECT_EQ(p.p75, 30);
  EXPECT_EQ(PercentilesOf({}).count, 0);
}

TEST(TlvStatisticsRules, CountsByEventDateInThePeriod) {
  TlvState decided_late = Complete();  // complete 2026-09-29, deadline 2026-11-10
  TlvDecideInput decision = ValidDecision();
  decision.decided_on = "2026-11-12";
  ASSERT_TRUE(ApplyDecision(decided_late, decision, TlvPolicy{}, kToday).ok());
  TlvState open_overdue = Complete();
  TlvState received = Received();
  const DayRange period{absl::CivilDay(2026, 10, 1), absl::CivilDay(2026, 12, 31)};
  TlvStatistics stats =
      ComputeTlvStatistics({decided_late, open_overdue, received}, {}, period, kToday);
  EXPECT_EQ(stats.received, 0);   // all received 2026-09-15, before the period
  EXPECT_EQ(stats.completed, 0);  // completed 2026-09-29
  EXPECT_EQ(stats.decided, 1);
  EXPECT_EQ(stats.decided_late, 1);
  EXPECT_EQ(stats.granted_so_midden, 1);
  EXPECT_EQ(stats.open_now, 2);
  EXPECT_EQ(stats.overdue_now, 1);
  EXPECT_EQ(stats.complete_to_decision.p50, 44);
}

// Each application counts in its referring school's group, each OPP in its school's; a group is
// the same figures as the totals over its own members, and groups without members are absent.
TEST(TlvStatisticsRules, GroupsCountEachApplicationAndOppOnce) {
  TlvState from_a = Complete();  // referring 12AB00; overdue as of today
  TlvState from_b = Received();
  from_b.referring_school = *ParseSchoolCode("school", "13AB00");
  TlvState unknown = Received();
  unknown.referring_school = *ParseSchoolCode("school", "99ZZ00");
  ValidOpp opp;
  opp.school = *ParseSchoolCode("school", "13AB00");
  opp.drawn_up_on = absl::CivilDay(2026, 10, 1);
  opp.start_date = absl::CivilDay(2026, 10, 1);
  const DayRange period{absl::CivilDay(2026, 1, 1), absl::CivilDay(2026, 12, 31)};
  auto board_of = [](const SchoolCode& school) -> std::string {
    if (school.ToString() == "12AB00") return "B1";
    if (school.ToString() == "13AB00") return "B2";
    return "";  // not in the directory
  };
  std::map<std::string, TlvStatistics> groups =
      ComputeTlvStatisticsByGroup({from_a, from_b, unknown}, {opp}, board_of, period, kToday);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[""].received, 1);
  EXPECT_EQ(groups["B1"].received, 1);
  EXPECT_EQ(groups["B1"].completed, 1);
  EXPECT_EQ(groups["B1"].overdue_now, 1);
  EXPECT_EQ(groups["B1"].received_to_complete.count, 1);
  EXPECT_EQ(groups["B1"].opps_active_now, 0);
  EXPECT_EQ(groups["B2"].received, 1);
  EXPECT_EQ(groups["B2"].completed, 0);
  EXPECT_EQ(groups["B2"].opps_active_now, 1);
  const TlvStatistics b2 = ComputeTlvStatistics({from_b}, {opp}, period, kToday);
  EXPECT_EQ(groups["B2"].open_now, b2.open_now);
  EXPECT_EQ(groups["B2"].opps_active_now, b2.opps_active_now);
  const TlvStatistics all = ComputeTlvStatistics({from_a, from_b, unknown}, {opp}, period, kToday);
  EXPECT_EQ(groups[""].received + groups["B1"].received + groups["B2"].received, all.received);
  EXPECT_EQ(groups["B1"].open_now + groups["B2"].open_now + groups[""].open_now, all.open_now);
  EXPECT_TRUE(ComputeTlvStatisticsByGroup({}, {}, board_of, period, kToday).empty());
}

}  // namespace
}  // namespace swv::registrations::tlv_domain_test
