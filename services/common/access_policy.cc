#include "services/common/access_policy.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/kernel/status_macros.h"

namespace swv {
namespace {

// Which calls reach this far is the declarations' business (access.h); here only what "all" means.
bool Unscoped(const Principal& principal) {
  return principal.kind == PrincipalKind::kStaff || principal.kind == PrincipalKind::kOffice ||
         principal.kind == PrincipalKind::kService;
}

std::string Upper(absl::string_view value) {
  return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(value));
}

}  // namespace

AccessPolicy::AccessPolicy(BoardOfSchool board_of_school, SchoolsInWijk schools_in_wijk)
    : board_of_school_(std::move(board_of_school)), schools_in_wijk_(std::move(schools_in_wijk)) {}

AccessPolicy AccessPolicy::WithBoards(std::map<std::string, std::string> board_of_school) {
  return AccessPolicy(
      [boards = std::move(board_of_school)](
          const std::string&, const std::string& school) -> absl::StatusOr<std::string> {
        auto it = boards.find(school);
        return it == boards.end() ? std::string() : it->second;
      });
}

absl::Status AccessPolicy::TenantWide(const Principal& principal, absl::string_view tenant) const {
  SWV_RETURN_IF_ERROR(CheckTenant(principal, tenant));
  if (Unscoped(principal)) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("tenant-wide data is the SWV office's; a ",
                                                  PrincipalKindName(principal.kind),
                                                  " principal may not use it"));
}

absl::Status AccessPolicy::OwnBoard(const Principal& principal, absl::string_view tenant,
                                    absl::string_view board) const {
  if (principal.kind != PrincipalKind::kBoard) return TenantWide(principal, tenant);
  SWV_RETURN_IF_ERROR(CheckTenant(principal, tenant));
  return InScopeOf(principal, board) ? absl::OkStatus() : NotVisibleError();
}

absl::StatusOr<bool> AccessPolicy::OwnsSchool(const Principal& principal, absl::string_view tenant,
                                              const std::string& school) const {
  switch (principal.kind) {
    case PrincipalKind::kStaff:
    case PrincipalKind::kOffice:
    case PrincipalKind::kService:
      return true;
    case PrincipalKind::kSchool:
      return InScopeOf(principal, school);
    case PrincipalKind::kBoard: {
      if (!board_of_school_ || school.empty()) return false;
      SWV_ASSIGN_OR_RETURN(std::string board,
                           board_of_school_(CanonicalTenant(tenant), Upper(school)));
      return !board.empty() && InScopeOf(principal, board);
    }
    case PrincipalKind::kPartner:
    case PrincipalKind::kYouthCare:
    case PrincipalKind::kOps:
      return false;
  }
  return false;
}

absl::Status AccessPolicy::ReadWijkRecord(const Principal& principal, absl::string_view tenant,
                                          const std::string& wijk) const {
  SWV_RETURN_IF_ERROR(CheckTenant(principal, tenant));
  if (Unscoped(principal)) return absl::OkStatus();
  if (!schools_in_wijk_ || wijk.empty()) return NotVisibleError();
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> schools,
                       schools_in_wijk_(CanonicalTenant(tenant), wijk));
  for (const std::string& school : schools) {
    SWV_ASSIGN_OR_RETURN(bool owned, OwnsSchool(principal, tenant, school));
    if (owned) return absl::OkStatus();
  }
  return NotVisibleError();
}

absl::Status AccessPolicy::ReadRecord(const Principal& principal, absl::string_view tenant,
                                      const std::vector<std::string>& schools) const {
  SWV_RETURN_IF_ERROR(CheckTenant(principal, tenant));
  if (Unscoped(principal)) return absl::OkStatus();
  for (const std::string& school : schools) {
    if (school.empty()) continue;
    SWV_ASSIGN_OR_RETURN(bool owned, OwnsSchool(principal, tenant, school));
    if (owned) return absl::OkStatus();
  }
  return NotVisibleError();
}

absl::Status AccessPolicy::WriteRecord(const Principal& principal, absl::string_view tenant,
                                       const std::vector<std::string>& schools) const {
  SWV_RETURN_IF_ERROR(CheckMayWrite(principal));
  return ReadRecord(principal, tenant, schools);
}

absl::Status AccessPolicy::WriteMunicipalityRecord(const Principal& principal,
                                                   absl::string_view tenant,
                                                   const std::vector<std::string>& schools,
                                                   const std::string& municipality) const {
  if (principal.kind != PrincipalKind::kPartner) return WriteRecord(principal, tenant, schools);
  SWV_RETURN_IF_ERROR(CheckTenant(principal, tenant));
  return CheckMunicipalityScope(principal, municipality);
}

absl::Status AccessPolicy::ListRecords(const Principal& principal, absl::string_view tenant) const {
  SWV_RETURN_IF_ERROR(CheckTenant(principal, tenant));
  if (principal.kind == PrincipalKind::kPartner || principal.kind == PrincipalKind::kYouthCare ||
      principal.kind == PrincipalKind::kOps) {
    return absl::PermissionDeniedError(absl::StrCat("a ", PrincipalKindName(principal.kind),
                                                    " principal may not list these records"));
  }
  return absl::OkStatus();
}

absl::Status AccessPolicy::ReadThuiszitter(const Principal& principal, absl::string_view tenant,
                                           const std::string& school,
                                           const std::string& municipality,
                                           const std::vector<std::string>& consented) const {
  if (principal.kind != PrincipalKind::kPartner && principal.kind != PrincipalKind::kYouthCare) {
    return ReadRecord(principal, tenant, {school});
  }
  SWV_RETURN_IF_ERROR(CheckTenant(principal, tenant));
  SWV_RETURN_IF_ERROR(CheckMunicipalityScope(principal, municipality));
  if (principal.kind == PrincipalKind::kYouthCare &&
      std::find(consented.begin(), consented.end(), principal.organisation) == consented.end()) {
    return NotVisibleError();
  }
  return absl::OkStatus();
}

absl::Status AccessPolicy::ListThuiszitters(const Principal& principal,
                                            absl::string_view tenant) const {
  if (principal.kind != PrincipalKind::kPartner && principal.kind != PrincipalKind::kYouthCare) {
    return ListRecords(principal, tenant);
  }
  return CheckTenant(principal, tenant);
}

}  // namespace swv
