#include "services/common/principal.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"

namespace swv {
namespace {

// "staff" names an unscoped caller in logs; it is never read from the wire (ParsePrincipalKind).
constexpr EnumName<PrincipalKind> kKindNames[] = {
    {PrincipalKind::kStaff, "staff"},     {PrincipalKind::kSchool, "school"},
    {PrincipalKind::kBoard, "board"},     {PrincipalKind::kOffice, "office"},
    {PrincipalKind::kPartner, "partner"}, {PrincipalKind::kYouthCare, "youth_care"},
    {PrincipalKind::kOps, "ops"},         {PrincipalKind::kService, "service"}};

}  // namespace

absl::Status NotVisibleError() {
  return absl::NotFoundError("the resource does not exist or is not visible to this principal");
}

bool InScopeOf(const Principal& principal, absl::string_view code) {
  std::string wanted = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code));
  return std::find(principal.scope.begin(), principal.scope.end(), wanted) != principal.scope.end();
}

const char* PrincipalKindName(PrincipalKind kind) { return NameOf(kKindNames, kind, "staff"); }

bool ParsePrincipalKind(absl::string_view text, PrincipalKind* kind) {
  absl::optional<PrincipalKind> parsed = ValueOf(kKindNames, text);
  if (!parsed || *parsed == PrincipalKind::kStaff) return false;
  *kind = *parsed;
  return true;
}

Principal ServicePrincipal(absl::string_view name) {
  Principal principal;
  principal.id = absl::StrCat("service:", name);
  principal.kind = PrincipalKind::kService;
  return principal;
}

std::map<std::string, std::string> PrincipalToMetadata(const Principal& principal) {
  std::map<std::string, std::string> out;
  out[kPrincipalKey] = principal.id;
  if (principal.kind == PrincipalKind::kStaff) return out;
  out[kPrincipalKindKey] = PrincipalKindName(principal.kind);
  out[kTenantKey] = principal.tenant;
  out[kScopeKey] = absl::StrJoin(principal.scope, ",");
  if (!principal.organisation.empty()) out[kOrganisationKey] = principal.organisation;
  return out;
}

absl::StatusOr<Principal> PrincipalFromMetadata(
    const std::map<std::string, std::string>& metadata) {
  auto value = [&metadata](const char* key) -> std::string {
    auto it = metadata.find(key);
    return it == metadata.end() ? std::string() : it->second;
  };
  Principal principal;
  principal.id = value(kPrincipalKey);
  if (principal.id.empty()) {
    return absl::UnauthenticatedError("the call carries no principal (metadata x-swv-principal)");
  }
  std::string kind = value(kPrincipalKindKey);
  if (kind.empty()) return principal;  // staff on the trusted network
  if (!ParsePrincipalKind(kind, &principal.kind)) {
    return absl::InvalidArgumentError("unknown principal kind in x-swv-principal-kind");
  }
  principal.tenant = CanonicalTenant(value(kTenantKey));
  if (principal.kind == PrincipalKind::kService) return principal;  // any SWV
  if (principal.tenant.empty()) {
    return absl::InvalidArgumentError("a scoped principal needs x-swv-tenant");
  }
  for (absl::string_view part : absl::StrSplit(value(kScopeKey), ',', absl::SkipWhitespace())) {
    principal.scope.push_back(absl::AsciiStrToUpper(absl::StripAsciiWhitespace(part)));
  }
  principal.organisation = absl::AsciiStrToUpper(value(kOrganisationKey));
  if (principal.kind == PrincipalKind::kYouthCare && principal.organisation.empty()) {
    return absl::InvalidArgumentError("a youth_care principal needs x-swv-organisation");
  }
  return principal;
}

std::string CanonicalTenant(absl::string_view swv) {
  std::string out;
  for (char c : swv) {
    if (c == ' ' || c == '.' || c == '-') continue;
    out.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

absl::Status CheckTenant(const Principal& principal, absl::string_view tenant) {
  if (principal.kind == PrincipalKind::kStaff || principal.kind == PrincipalKind::kService) {
    return absl::OkStatus();
  }
  if (principal.tenant != CanonicalTenant(tenant)) return NotVisibleError();
  return absl::OkStatus();
}

absl::Status CheckSchoolScope(const Principal& principal, absl::string_view school,
                              absl::string_view board_of_school) {
  switch (principal.kind) {
    case PrincipalKind::kStaff:
    case PrincipalKind::kOffice:
    case PrincipalKind::kService:
      return absl::OkStatus();
    case PrincipalKind::kSchool:
      return InScopeOf(principal, school) ? absl::OkStatus() : NotVisibleError();
    case PrincipalKind::kBoard:
      return !board_of_school.empty() && InScopeOf(principal, board_of_school) ? absl::OkStatus()
                                                                               : NotVisibleError();
    case PrincipalKind::kPartner:
    case PrincipalKind::kYouthCare:
    case PrincipalKind::kOps:
      return NotVisibleError();
  }
  return NotVisibleError();
}

absl::Status CheckMunicipalityScope(const Principal& principal, absl::string_view municipality) {
  switch (principal.kind) {
    case PrincipalKind::kStaff:
    case PrincipalKind::kOffice:
      return absl::OkStatus();
    case PrincipalKind::kPartner:
    case PrincipalKind::kYouthCare:
      return InScopeOf(principal, municipality) ? absl::OkStatus() : NotVisibleError();
    default:
      return NotVisibleError();
  }
}

absl::Status CheckMayWrite(const Principal& principal) {
  if (principal.kind == PrincipalKind::kPartner || principal.kind == PrincipalKind::kYouthCare ||
      principal.kind == PrincipalKind::kOps || principal.kind == PrincipalKind::kService) {
    return absl::PermissionDeniedError(
        absl::StrCat("a ", PrincipalKindName(principal.kind), " principal may not write"));
  }
  return absl::OkStatus();
}

absl::Status RequireActor(absl::string_view actor) {
  if (actor.empty() || actor.size() > kMaxActorLength) {
    return ErrorWithReason(absl::StatusCode::kUnauthenticated, "NO_PRINCIPAL",
                           "the caller is not identified");
  }
  return absl::OkStatus();
}

}  // namespace swv
