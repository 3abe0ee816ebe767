// Leerplicht's own actions on a case: each rule broken once (field, reason) and met once.
#include "services/registrations/domain/leerplicht_action.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/services/registrations/domain/domain_test_helpers.h"

namespace swv::registrations::leerplicht_action_test {
namespace {

const Day kToday(2026, 11, 16);
const Day kAbsenceStart(2026, 10, 1);

LeerplichtActionInput Valid() {
  return {LeerplichtActionKind::kWarning, "2026-11-10", "Schriftelijke waarschuwing", "LP-9"};
}

TEST(LeerplichtActionTest, AnActionIsAppendedAndSetsTheCaseReference) {
  std::vector<LeerplichtAction> actions;
  std::string ref = "old";
  ASSERT_TRUE(RecordLeerplichtAction(CaseStatus::kOpen, kAbsenceStart, Valid(), "partner:GM0606",
                                     kToday, actions, ref)
                  .ok());
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].kind, LeerplichtActionKind::kWarning);
  EXPECT_EQ(actions[0].recorded_by, "partner:GM0606");
  EXPECT_EQ(ref, "LP-9");
  LeerplichtActionInput no_ref = Valid();
  no_ref.municipality_case_ref = "";
  no_ref.taken_on = "";
  ASSERT_TRUE(
      RecordLeerplichtAction(CaseStatus::kOpen, kAbsenceStart, no_ref, "x", kToday, actions, ref)
          .ok());
  EXPECT_EQ(ref, "LP-9");  // kept when the action names none
  EXPECT_EQ(actions[1].taken_on, kToday);
}

TEST(LeerplichtActionTest, EachRuleNamesItsField) {
  struct Case {
    void (*change)(LeerplichtActionInput&);
    const char* field;
    const char* reason;
  };
  const Case cases[] = {
      {[](LeerplichtActionInput& in) { in.kind.reset(); }, "kind", "REQUIRED"},
      {[](LeerplichtActionInput& in) { in.taken_on = "2026-11-17"; }, "taken_on", "DATE_IN_FUTURE"},
      {[](LeerplichtActionInput& in) { in.taken_on = "2026-09-30"; }, "taken_on",
       "ACTION_BEFORE_ABSENCE"},
      {[](LeerplichtActionInput& in) { in.note = std::string(501, 'x'); }, "note", "TOO_LONG"},
      {[](LeerplichtActionInput& in) { in.municipality_case_ref = "a\tb"; },
       "municipality_case_ref", "INVALID_CHARACTERS"},
  };
  for (const Case& c : cases) {
    LeerplichtActionInput in = Valid();
    c.change(in);
    std::vector<LeerplichtAction> actions;
    std::string ref = "old";
    ExpectInvalid(
        RecordLeerplichtAction(CaseStatus::kOpen, kAbsenceStart, in, "x", kToday, actions, ref),
        c.field, c.reason);
    EXPECT_TRUE(actions.empty());
    EXPECT_EQ(ref, "old");
  }
}

TEST(LeerplichtActionTest, AClosedOrFullCaseTakesNoMore) {
  std::vector<LeerplichtAction> actions;
  std::string ref;
  ExpectPrecondition(RecordLeerplichtAction(CaseStatus::kClosed, kAbsenceStart, Valid(), "x",
                                            kToday, actions, ref),
                     "CASE_ALREADY_CLOSED");
  actions.resize(kMaxLeerplichtActions);
  ExpectPrecondition(
      RecordLeerplichtAction(CaseStatus::kOpen, kAbsenceStart, Valid(), "x", kToday, actions, ref),
      "TOO_MANY_ACTIONS");
}

}  // namespace
}  // namespace swv::registrations::leerplicht_action_test
