// What leerplicht (the municipality's attendance officer) does on a thuiszitter case, recorded by
// leerplicht itself: its own actions under the Leerplichtwet and its own case reference. Seed 004
// asks for cooperation between school, SWV and the child's municipality on every case; the
// municipality's steps are its own to report (the partner write of issue 16). The SWV and the
// school see them; leerplicht sees its own in its minimal view.
//
// Pure functions of their arguments; "today" is a parameter. Errors: INVALID_ARGUMENT with one
// FieldViolation per broken rule, all at once (top-level field names of the request);
// FAILED_PRECONDITION for a closed case. Thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_LEERPLICHT_ACTION_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_LEERPLICHT_ACTION_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/types/optional.h"
#include "services/registrations/domain/thuiszitter.h"

namespace swv::registrations {

enum class LeerplichtActionKind {
  kConversation,     // gesprek met ouders en leerling
  kWarning,          // waarschuwing
  kHalt,             // Halt-verwijzing
  kProcesVerbaal,    // proces-verbaal
  kReferralToCare,   // verwijzing naar zorg of jeugdhulp
  kExemptionAdvice,  // advies gevraagd over vrijstelling
  kOther,
};

// Stored names: "conversation", "warning", "halt", "proces_verbaal", "referral_to_care",
// "exemption_advice", "other"; "unknown" outside the enum. Exact parsing as in thuiszitter.h.
absl::string_view LeerplichtActionKindName(LeerplichtActionKind kind);
absl::optional<LeerplichtActionKind> LeerplichtActionKindFromName(absl::string_view name);

inline constexpr std::size_t kMaxLeerplichtActions = 50;

struct LeerplichtActionInput {
  absl::optional<LeerplichtActionKind> kind;
  std::string taken_on;  // ISO date; empty = today
  std::string note;      // optional
  // Optional: leerplicht's own case reference, replacing the one stored when given.
  std::string municipality_case_ref;
};

struct LeerplichtAction {
  LeerplichtActionKind kind = LeerplichtActionKind::kOther;
  absl::CivilDay taken_on;
  std::string note;
  std::string recorded_by;

  bool operator==(const LeerplichtAction& other) const;
};

// Appends the action to `actions` (and sets `case_ref` when the input names one). Rules:
//  - the case must be open ("CASE_ALREADY_CLOSED", FAILED_PRECONDITION) and keep at most
//    kMaxLeerplichtActions ("TOO_MANY_ACTIONS", FAILED_PRECONDITION).
//  - kind: required ("REQUIRED").
//  - taken_on: optional (today), not after today, not before the absence started
//    ("ACTION_BEFORE_ABSENCE").
//  - note: optional, at most 500 characters, line breaks allowed ("TOO_LONG").
//  - municipality_case_ref: optional, as on the report (64 printable characters).
// Several reasons give "INVALID_LEERPLICHT_ACTION". Nothing changes on an error.
absl::Status RecordLeerplichtAction(CaseStatus status, absl::CivilDay absence_start,
                                    const LeerplichtActionInput& input,
                                    absl::string_view recorded_by, absl::CivilDay today,
                                    std::vector<LeerplichtAction>& actions, std::string& case_ref);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_LEERPLICHT_ACTION_H_
