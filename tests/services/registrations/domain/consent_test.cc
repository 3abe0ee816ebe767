// The consent rules: each broken once (code, field, reason) and met once.
#include "services/registrations/domain/consent.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/kernel/errors.h"

namespace swv::registrations::consent_test {
namespace {

const absl::CivilDay kToday(2026, 11, 16);
const absl::CivilDay kAbsenceStart(2026, 10, 1);

ConsentInput Valid(const std::string& organisation = "mevis") {
  return {organisation, "2026-11-10", "beide ouders", "status en plan van de casus"};
}

TEST(ConsentTest, AValidConsentIsNormalised) {
  absl::StatusOr<Consent> consent = ValidateConsent(Valid(" mevis "), {}, kAbsenceStart, kToday);
  ASSERT_TRUE(consent.ok()) << consent.status();
  EXPECT_EQ(consent->organisation, "MEVIS");
  EXPECT_EQ(consent->given_on, absl::CivilDay(2026, 11, 10));
  EXPECT_TRUE(consent->standing());
}

TEST(ConsentTest, EachFieldRuleNamesItsField) {
  struct Case {
    ConsentInput input;
    const char* field;
    const char* reason;
  } cases[] = {
      {{"", "2026-11-10", "ouders", "status"}, "consent.organisation", "REQUIRED"},
      {{"M", "2026-11-10", "ouders", "status"}, "consent.organisation", "MALFORMED_ORGANISATION"},
      {{"ME VIS", "2026-11-10", "ouders", "status"},
       "consent.organisation",
       "MALFORMED_ORGANISATION"},
      {{"MEVIS", "", "ouders", "status"}, "consent.given_on", "REQUIRED"},
      {{"MEVIS", "10-11-2026", "ouders", "status"}, "consent.given_on", "MALFORMED_DATE"},
      {{"MEVIS", "2026-11-17", "ouders", "status"}, "consent.given_on", "DATE_IN_FUTURE"},
      {{"MEVIS", "2026-09-30", "ouders", "status"}, "consent.given_on", "CONSENT_BEFORE_ABSENCE"},
      {{"MEVIS", "2026-11-10", "", "status"}, "consent.given_by", "REQUIRED"},
      {{"MEVIS", "2026-11-10", "ouders", std::string(301, 'x')}, "consent.covers", "TOO_LONG"},
  };
  for (const Case& c : cases) {
    absl::Status status = ValidateConsent(c.input, {}, kAbsenceStart, kToday).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.field << " " << c.reason;
    EXPECT_EQ(ReasonOf(status), c.reason) << status;
    ASSERT_EQ(FieldViolationsOf(status).size(), 1u) << status;
    EXPECT_EQ(FieldViolationsOf(status)[0].field, c.field);
  }
}

TEST(ConsentTest, OneStandingConsentPerOrganisationAndABoundedList) {
  Consent mevis = *ValidateConsent(Valid(), {}, kAbsenceStart, kToday);
  mevis.consent_id = "cs-1";
  absl::Status twice = ValidateConsent(Valid(), {mevis}, kAbsenceStart, kToday).status();
  EXPECT_EQ(twice.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(twice), "CONSENT_ALREADY_GIVEN");
  EXPECT_TRUE(ValidateConsent(Valid("jeugdteam"), {mevis}, kAbsenceStart, kToday).ok());
  // After a withdrawal the parents may consent again.
  std::vector<Consent> consents = {mevis};
  ASSERT_TRUE(WithdrawConsent(consents, "cs-1", "", "office:PO2203", kToday).ok());
  EXPECT_TRUE(ValidateConsent(Valid(), consents, kAbsenceStart, kToday).ok());
  std::vector<Consent> full(kMaxConsentsPerCase, consents[0]);
  EXPECT_EQ(ReasonOf(ValidateConsent(Valid(), full, kAbsenceStart, kToday).status()),
            "TOO_MANY_CONSENTS");
}

TEST(ConsentTest, WithdrawalsAndTheOrganisationsThatMayRead) {
  Consent mevis = *ValidateConsent(Valid(), {}, kAbsenceStart, kToday);
  mevis.consent_id = "cs-1";
  Consent team = *ValidateConsent(Valid("jeugdteam"), {}, kAbsenceStart, kToday);
  team.consent_id = "cs-2";
  std::vector<Consent> consents = {mevis, team};
  EXPECT_THAT(ConsentedOrganisations(consents), ::testing::ElementsAre("JEUGDTEAM", "MEVIS"));

  EXPECT_EQ(WithdrawConsent(consents, "cs-9", "", "x", kToday).code(), absl::StatusCode::kNotFound);
  absl::Status early = WithdrawConsent(consents, "cs-1", "2026-11-09", "x", kToday);
  EXPECT_EQ(ReasonOf(early), "WITHDRAWAL_BEFORE_CONSENT") << early;
  EXPECT_EQ(ReasonOf(WithdrawConsent(consents, "cs-1", "2026-11-20", "x", kToday)),
            "DATE_IN_FUTURE");
  EXPECT_TRUE(consents[0].standing());  // refused withdrawals change nothing

  ASSERT_TRUE(WithdrawConsent(consents, "cs-1", "2026-11-12", "school:12AB00", kToday).ok());
  EXPECT_EQ(consents[0].withdrawn_on, absl::CivilDay(2026, 11, 12));
  EXPECT_EQ(consents[0].withdrawn_by, "school:12AB00");
  EXPECT_THAT(ConsentedOrganisations(consents), ::testing::ElementsAre("JEUGDTEAM"));
  EXPECT_EQ(ReasonOf(WithdrawConsent(consents, "cs-1", "", "x", kToday)),
            "CONSENT_ALREADY_WITHDRAWN");
}

}  // namespace
}  // namespace swv::registrations::consent_test
