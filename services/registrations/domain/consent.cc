#include "services/registrations/domain/consent.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {

bool IsOrganisationCode(absl::string_view code) {
  if (code.size() < 2 || code.size() > 32) return false;
  for (char c : code) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-') {
      return false;
    }
  }
  return true;
}

absl::StatusOr<Consent> ValidateConsent(const ConsentInput& input,
                                        const std::vector<Consent>& existing,
                                        absl::CivilDay absence_start, absl::CivilDay today) {
  Violations violations("consent.");
  Consent out;
  out.organisation = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(input.organisation));
  if (out.organisation.empty()) {
    violations.Add("organisation", "REQUIRED",
                   "is required: the youth-care organisation's code, e.g. MEVIS");
  } else if (!IsOrganisationCode(out.organisation)) {
    violations.Add("organisation", "MALFORMED_ORGANISATION",
                   "must be 2-32 letters, digits or hyphens, e.g. MEVIS");
  }
  if (CheckRequiredPastDate(violations, "given_on", input.given_on, today,
                            "the day the parents gave their consent", out.given_on)) {
    CheckNotBefore(violations, "given_on", "CONSENT_BEFORE_ABSENCE", out.given_on,
                   "the absence started", absence_start);
  }
  CheckText(violations, "given_by", input.given_by, true, kMaxConsentTextLength,
            "who gave the consent, e.g. \"beide ouders\"", out.given_by);
  CheckText(violations, "covers", input.covers, true, kMaxConsentTextLength,
            "what may be shared, e.g. \"status en plan van de casus\"", out.covers);
  if (!violations.empty()) return violations.ToStatus("INVALID_CONSENT");
  for (const Consent& consent : existing) {
    if (consent.standing() && consent.organisation == out.organisation) {
      return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "CONSENT_ALREADY_GIVEN",
                             absl::StrCat("a consent for ", out.organisation, " stands (",
                                          consent.consent_id, "); withdraw it first"));
    }
  }
  if (existing.size() >= kMaxConsentsPerCase) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "TOO_MANY_CONSENTS",
                           absl::StrCat("a case keeps at most ", kMaxConsentsPerCase, " consents"));
  }
  return out;
}

absl::Status WithdrawConsent(std::vector<Consent>& consents, absl::string_view consent_id,
                             absl::string_view withdrawn_on, absl::string_view actor,
                             absl::CivilDay today) {
  auto it = std::find_if(consents.begin(), consents.end(),
                         [&](const Consent& c) { return c.consent_id == consent_id; });
  if (it == consents.end()) {
    return absl::NotFoundError("the resource does not exist or is not visible to this principal");
  }
  if (!it->standing()) {
    return ErrorWithReason(
        absl::StatusCode::kFailedPrecondition, "CONSENT_ALREADY_WITHDRAWN",
        absl::StrCat("the consent was withdrawn on ", FormatDate(*it->withdrawn_on)));
  }
  absl::CivilDay day = today;
  if (!absl::StripAsciiWhitespace(withdrawn_on).empty()) {
    Violations violations("");
    if (CheckDate(violations, "withdrawn_on", absl::StripAsciiWhitespace(withdrawn_on), today,
                  day)) {
      CheckNotBefore(violations, "withdrawn_on", "WITHDRAWAL_BEFORE_CONSENT", day,
                     "the consent was given", it->given_on);
    }
    if (!violations.empty()) return violations.ToStatus("INVALID_WITHDRAWAL");
  }
  it->withdrawn_on = day;
  it->withdrawn_by = std::string(actor);
  return absl::OkStatus();
}

std::vector<std::string> ConsentedOrganisations(const std::vector<Consent>& consents) {
  std::vector<std::string> organisations;
  for (const Consent& consent : consents) {
    if (consent.standing()) organisations.push_back(consent.organisation);
  }
  std::sort(organisations.begin(), organisations.end());
  organisations.erase(std::unique(organisations.begin(), organisations.end()), organisations.end());
  return organisations;
}

}  // namespace swv::registrations
