#include "services/registrations/domain/leerplicht_action.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr std::size_t kMaxNote = 500;
constexpr std::size_t kMaxCaseRef = 64;

}  // namespace

constexpr EnumName<LeerplichtActionKind> kLeerplichtActionKindNames[] = {
    {LeerplichtActionKind::kConversation, "conversation"},
    {LeerplichtActionKind::kWarning, "warning"},
    {LeerplichtActionKind::kHalt, "halt"},
    {LeerplichtActionKind::kProcesVerbaal, "proces_verbaal"},
    {LeerplichtActionKind::kReferralToCare, "referral_to_care"},
    {LeerplichtActionKind::kExemptionAdvice, "exemption_advice"},
    {LeerplichtActionKind::kOther, "other"},
};

absl::string_view LeerplichtActionKindName(LeerplichtActionKind kind) {
  return NameOf(kLeerplichtActionKindNames, kind);
}

absl::optional<LeerplichtActionKind> LeerplichtActionKindFromName(absl::string_view name) {
  return ValueOf(kLeerplichtActionKindNames, name);
}

bool LeerplichtAction::operator==(const LeerplichtAction& other) const {
  return kind == other.kind && taken_on == other.taken_on && note == other.note &&
         recorded_by == other.recorded_by;
}

absl::Status RecordLeerplichtAction(CaseStatus status, absl::CivilDay absence_start,
                                    const LeerplichtActionInput& input,
                                    absl::string_view recorded_by, absl::CivilDay today,
                                    std::vector<LeerplichtAction>& actions, std::string& case_ref) {
  if (status != CaseStatus::kOpen) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "CASE_ALREADY_CLOSED",
                           "the thuiszitter case is closed");
  }
  if (actions.size() >= kMaxLeerplichtActions) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "TOO_MANY_ACTIONS",
        absl::StrCat("a case keeps at most ", kMaxLeerplichtActions, " leerplicht actions"));
  }
  Violations violations("");
  LeerplichtAction action;
  CheckRequired(violations, "kind", input.kind,
                "conversation, warning, halt, proces_verbaal, referral_to_care, "
                "exemption_advice or other",
                action.kind);
  const absl::string_view taken = absl::StripAsciiWhitespace(input.taken_on);
  if (taken.empty()) {
    action.taken_on = today;
  } else if (CheckDate(violations, "taken_on", taken, today, action.taken_on)) {
    CheckNotBefore(violations, "taken_on", "ACTION_BEFORE_ABSENCE", action.taken_on,
                   "the absence started", absence_start);
  }
  CheckText(violations, "note", input.note, false, kMaxNote, "", action.note,
            /*allow_line_breaks=*/true);
  std::string ref;
  CheckText(violations, "municipality_case_ref", input.municipality_case_ref, false, kMaxCaseRef,
            "", ref);
  if (!violations.empty()) return violations.ToStatus("INVALID_LEERPLICHT_ACTION");
  action.recorded_by = std::string(recorded_by);
  actions.push_back(std::move(action));
  if (!ref.empty()) case_ref = std::move(ref);
  return absl::OkStatus();
}

}  // namespace swv::registrations
