// Waiting-list rules: each broken once (field, reason) and met once; the end of a wait; who counts
// in a period (a child who waited in March and was placed in May counts for the half year).
#include "services/registrations/domain/waiting_list.h"

#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::waiting_list_test {
namespace {

using ::testing::ElementsAre;

const Day kToday(2026, 11, 16);

WaitingEntryInput So() {
  WaitingEntryInput e;
  e.kind = WaitingKind::kSo;
  e.school = "12AB00";
  e.lvs_pupil_number = "LVS-7";
  e.tlv = "swvs/PO2203/tlvs/tlv-abc123";
  e.receiving_school = "99ZZ00";
  e.waiting_since = "2026-09-01";
  return e;
}

WaitingEntryInput YouthCare() {
  WaitingEntryInput e;
  e.kind = WaitingKind::kYouthCare;
  e.school = "12AB00";
  e.lvs_pupil_number = "LVS-7";
  e.organisation = "mevis";
  e.waiting_since = "2026-09-01";
  return e;
}

TEST(WaitingEntry, ValidEntriesOfEveryKind) {
  absl::StatusOr<ValidWaitingEntry> so = ValidateWaitingEntry(So(), kToday);
  ASSERT_TRUE(so.ok()) << so.status();
  EXPECT_EQ(so->tlv_id, "tlv-abc123");
  EXPECT_EQ(so->receiving_school->ToString(), "99ZZ00");
  WaitingEntryInput sbo = So();
  sbo.kind = WaitingKind::kSbo;
  sbo.tlv = "tlv-def456";
  ASSERT_TRUE(ValidateWaitingEntry(sbo, kToday).ok());
  absl::StatusOr<ValidWaitingEntry> care = ValidateWaitingEntry(YouthCare(), kToday);
  ASSERT_TRUE(care.ok()) << care.status();
  EXPECT_EQ(care->organisation, "MEVIS");
}

TEST(WaitingEntry, EachRuleOnItsField) {
  auto check = [](WaitingEntryInput base, auto mutate, absl::string_view field,
                  absl::string_view reason) {
    mutate(base);
    ExpectInvalid(ValidateWaitingEntry(base, kToday).status(), field, reason);
  };
  check(
      So(),
      [](auto& e) {
        e.kind.reset();
        e.tlv = "";
        e.receiving_school = "";
      },
      "waiting_entry.kind", "REQUIRED");
  check(
      So(), [](auto& e) { e.school = "nope"; }, "waiting_entry.school", "MALFORMED_SCHOOL_CODE");
  check(
      So(), [](auto& e) { e.lvs_pupil_number = "123456789"; }, "waiting_entry.lvs_pupil_number",
      "LOOKS_LIKE_BSN");
  check(
      So(), [](auto& e) { e.tlv = ""; }, "waiting_entry.tlv", "REQUIRED");
  check(
      So(), [](auto& e) { e.tlv = "tl-1"; }, "waiting_entry.tlv", "MALFORMED_TLV");
  check(
      So(), [](auto& e) { e.tlv = "swvs/PO2203/opps/tlv-1"; }, "waiting_entry.tlv",
      "MALFORMED_TLV");
  check(
      So(), [](auto& e) { e.receiving_school = ""; }, "waiting_entry.receiving_school", "REQUIRED");
  check(
      So(), [](auto& e) { e.organisation = "MEVIS"; }, "waiting_entry.organisation",
      "NOT_FOR_KIND");
  check(
      YouthCare(), [](auto& e) { e.organisation = ""; }, "waiting_entry.organisation", "REQUIRED");
  check(
      YouthCare(), [](auto& e) { e.organisation = "M"; }, "waiting_entry.organisation",
      "MALFORMED_ORGANISATION");
  check(
      YouthCare(), [](auto& e) { e.tlv = "tlv-1"; }, "waiting_entry.tlv", "NOT_FOR_KIND");
  check(
      YouthCare(), [](auto& e) { e.receiving_school = "99ZZ00"; }, "waiting_entry.receiving_school",
      "NOT_FOR_KIND");
  check(
      So(), [](auto& e) { e.waiting_since = ""; }, "waiting_entry.waiting_since", "REQUIRED");
  check(
      So(), [](auto& e) { e.waiting_since = "2026-11-17"; }, "waiting_entry.waiting_since",
      "DATE_IN_FUTURE");
  check(
      So(), [](auto& e) { e.note = std::string(501, 'x'); }, "waiting_entry.note", "TOO_LONG");
}

TEST(WaitingEntry, AllViolationsAtOnce) {
  WaitingEntryInput e = So();
  e.tlv = "";
  e.waiting_since = "2026-13-01";
  absl::Status status = ValidateWaitingEntry(e, kToday).status();
  EXPECT_EQ(ReasonOf(status), "INVALID_WAITING_ENTRY");
  EXPECT_THAT(FieldsOf(status), ElementsAre("waiting_entry.tlv", "waiting_entry.waiting_since"));
}

TEST(WaitingEntry, TheTlvMustBeOfTheEntrysKind) {
  EXPECT_TRUE(CheckTlvKind(WaitingKind::kSo, TlvKind::kSo).ok());
  EXPECT_TRUE(CheckTlvKind(WaitingKind::kSbo, TlvKind::kSbo).ok());
  ExpectInvalid(CheckTlvKind(WaitingKind::kSo, TlvKind::kSbo), "waiting_entry.tlv",
                "TLV_KIND_MISMATCH");
  ExpectInvalid(CheckTlvKind(WaitingKind::kSbo, TlvKind::kSo), "waiting_entry.tlv",
                "TLV_KIND_MISMATCH");
}

TEST(WaitingEnd, Rules) {
  const Day since(2026, 9, 1);
  WaitingEndInput end{"", WaitingOutcome::kPlaced, ""};
  absl::StatusOr<ValidWaitingEnd> ok = ValidateWaitingEnd(false, since, end, kToday);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->ended_on, kToday);
  ExpectPrecondition(ValidateWaitingEnd(true, since, end, kToday).status(), "WAITING_ENTRY_ENDED");
  end.ended_on = "2026-08-31";
  ExpectInvalid(ValidateWaitingEnd(false, since, end, kToday).status(), "ended_on",
                "END_BEFORE_START");
  end.ended_on = "2026-11-17";
  ExpectInvalid(ValidateWaitingEnd(false, since, end, kToday).status(), "ended_on",
                "DATE_IN_FUTURE");
  end.ended_on = "2026-10-01";
  end.outcome.reset();
  ExpectInvalid(ValidateWaitingEnd(false, since, end, kToday).status(), "outcome", "REQUIRED");
  end.outcome = WaitingOutcome::kWithdrawn;
  end.note = std::string(501, 'x');
  ExpectInvalid(ValidateWaitingEnd(false, since, end, kToday).status(), "note", "TOO_LONG");
}

TEST(WaitingList, DaysWaiting) {
  EXPECT_EQ(DaysWaiting(Day(2026, 9, 1), absl::nullopt, Day(2026, 9, 11)), 10);
  EXPECT_EQ(DaysWaiting(Day(2026, 9, 1), Day(2026, 9, 5), Day(2026, 9, 11)), 4);
}

TEST(WaitingList, APupilPlacedBeforeThePeriodEndStillCounts) {
  // Waited from March, placed in May: on the list of the first half year.
  std::vector<WaitingFacts> entries = {
      {"12AB00", "pl-1", WaitingKind::kSo, Day(2026, 3, 2), Day(2026, 5, 11)},
      // The same pupil twice on the SO list of one school: one pupil.
      {"12AB00", "pl-1", WaitingKind::kSo, Day(2026, 5, 20), absl::nullopt},
      {"12AB00", "pl-2", WaitingKind::kSbo, Day(2026, 6, 1), absl::nullopt},
      // Placed on the first day of the period: no waiting day in it.
      {"12AB00", "pl-3", WaitingKind::kSbo, Day(2025, 11, 1), Day(2026, 1, 1)},
      // Starts after the period.
      {"12AB00", "pl-4", WaitingKind::kSo, Day(2026, 7, 1), absl::nullopt},
      {"34CD00", "pl-5", WaitingKind::kYouthCare, Day(2026, 2, 1), Day(2026, 2, 20)}};
  std::map<std::string, SupportStatistics> stats;
  CountWaiting(entries, DayRange{Day(2026, 1, 1), Day(2026, 6, 30)}, kToday, stats);
  EXPECT_EQ(stats["12AB00"].pupils_waiting_for_so, 1);
  EXPECT_EQ(stats["12AB00"].pupils_waiting_for_sbo, 1);
  EXPECT_EQ(stats["12AB00"].waiting_open_at_end, 2);
  EXPECT_EQ(stats["34CD00"].pupils_waiting_for_youth_care, 1);
  EXPECT_EQ(stats["34CD00"].waiting_open_at_end, 0);
}

TEST(WaitingList, StoredNames) {
  for (WaitingKind k : {WaitingKind::kSo, WaitingKind::kSbo, WaitingKind::kYouthCare}) {
    EXPECT_EQ(WaitingKindFromName(WaitingKindName(k)), k);
  }
  for (WaitingOutcome o :
       {WaitingOutcome::kPlaced, WaitingOutcome::kWithdrawn, WaitingOutcome::kOther}) {
    EXPECT_EQ(WaitingOutcomeFromName(WaitingOutcomeName(o)), o);
  }
  EXPECT_FALSE(WaitingKindFromName("vso").has_value());
}

}  // namespace
}  // namespace swv::registrations::waiting_list_test
