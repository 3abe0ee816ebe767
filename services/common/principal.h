// Who is calling, as the gateway tells a backend service in the call metadata, and the
// service-side re-check of the gateway's authorization (defence in depth, DESIGN.md "Gateway").
//
// Metadata written by swv-gateway on every backend call (all lower-case ASCII keys):
//   x-swv-principal       display id, also the actor in history rows: "school:12AB00:cr-…",
//                         "partner:GM0606:cr-…", "office:PO2203:cr-…"
//   x-swv-principal-kind  school | board | office | partner | ops
//   x-swv-tenant          canonical SWV code, e.g. "PO2203"
//   x-swv-scope           comma list: school codes (school), the board code (board), municipality
//                         codes (partner, youth_care); empty for office and ops
//   x-swv-organisation    youth_care only: the organisation the consents name, e.g. "MEVIS"
//
// A call carrying only x-swv-principal (SWV staff tools such as swvctl --actor, which reach the
// gRPC port directly on the trusted network) is an unscoped staff principal: the checks below
// pass for it. A call carrying a kind must carry a well-formed tenant and scope.
//
// Every check answers NOT_FOUND when the principal may not see the record, so that a service
// answers exactly as if the record did not exist (ids cannot be probed), and PERMISSION_DENIED
// only for things a role may never do (a partner writing).
//
// Transport-free and thread-safe: values in, values out.
#ifndef SWV_SERVICES_COMMON_PRINCIPAL_H_
#define SWV_SERVICES_COMMON_PRINCIPAL_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace swv {

inline constexpr char kPrincipalKey[] = "x-swv-principal";
inline constexpr char kPrincipalKindKey[] = "x-swv-principal-kind";
inline constexpr char kTenantKey[] = "x-swv-tenant";
inline constexpr char kScopeKey[] = "x-swv-scope";
inline constexpr char kOrganisationKey[] = "x-swv-organisation";

enum class PrincipalKind {
  kStaff,      // direct gRPC caller on the trusted network; no scope restrictions
  kSchool,     // an LVS of one or more school locations
  kBoard,      // a school board: its own schools
  kOffice,     // the SWV office: its whole tenant
  kPartner,    // leerplicht of a municipality (a legal task): minimal thuiszitter view
  kYouthCare,  // a youth-care organisation: the minimal view of consented cases only
  kOps,        // operations reader: no pupil data at all
  kService,    // another service of this system (allocation, monitoring): any SWV, reads only what
               // the access declarations grant it (directory data, aggregates); no tenant
};

// "staff", "school", "board", "office", "partner", "youth_care", "ops", "service".
const char* PrincipalKindName(PrincipalKind kind);
// Inverse of PrincipalKindName; false for anything else ("staff" is not accepted from the wire).
bool ParsePrincipalKind(absl::string_view text, PrincipalKind* kind);

struct Principal {
  std::string id;  // the display id (x-swv-principal)
  PrincipalKind kind = PrincipalKind::kStaff;
  std::string tenant;              // canonical SWV code; empty for staff
  std::vector<std::string> scope;  // schools, the board, or municipalities (upper case)
  std::string organisation = "";   // youth_care: its organisation code (upper case)

  bool operator==(const Principal& other) const {
    return id == other.id && kind == other.kind && tenant == other.tenant && scope == other.scope &&
           organisation == other.organisation;
  }
};

// A service of this system calling another one ("service:swv-monitoring").
Principal ServicePrincipal(absl::string_view name);

// The metadata entries for a principal (the four keys above; kind/tenant/scope omitted for staff).
std::map<std::string, std::string> PrincipalToMetadata(const Principal& principal);

// Reads the keys above. UNAUTHENTICATED when x-swv-principal is missing or empty;
// INVALID_ARGUMENT when a kind is present but unknown, or the tenant is missing.
absl::StatusOr<Principal> PrincipalFromMetadata(const std::map<std::string, std::string>& metadata);

// "PO 22.03", "po22-03", "PO2203" -> "PO2203": upper case without spaces, dots and hyphens.
std::string CanonicalTenant(absl::string_view swv);

// The answer to a principal that may not see a record: NOT_FOUND with the same body as for a
// missing record, so that the two cannot be told apart.
absl::Status NotVisibleError();

// Whether `code` (any case, surrounding whitespace ignored) is one of the principal's scope codes.
bool InScopeOf(const Principal& principal, absl::string_view code);

// NOT_FOUND unless the principal belongs to this tenant (staff: always OK).
absl::Status CheckTenant(const Principal& principal, absl::string_view tenant);

// May this principal see/write records of this school location ("12AB00")?
// school: the school is in its scope. board: `board_of_school` (the school's board code from the
// directory, which the service looks up) equals its board. office/staff: OK. partner/ops: NOT_FOUND
// (they have no school scope; partners use CheckMunicipalityScope on the minimal view).
absl::Status CheckSchoolScope(const Principal& principal, absl::string_view school,
                              absl::string_view board_of_school = "");

// Partners: the child's residence municipality is one of theirs. office/staff: OK. Others:
// NOT_FOUND (schools and boards are scoped by school, not by residence).
absl::Status CheckMunicipalityScope(const Principal& principal, absl::string_view municipality);

// PERMISSION_DENIED for partners and ops readers, which may never write.
absl::Status CheckMayWrite(const Principal& principal);

// The longest principal id a service takes as the author of a write (history rows, created_by).
inline constexpr size_t kMaxActorLength = 128;

// UNAUTHENTICATED with reason NO_PRINCIPAL when the author of a write is not named (or its id is
// longer than kMaxActorLength): one reason for this condition in every service.
absl::Status RequireActor(absl::string_view actor);

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_PRINCIPAL_H_
