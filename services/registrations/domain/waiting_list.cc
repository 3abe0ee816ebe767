#include "services/registrations/domain/waiting_list.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/kernel/enum_names.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/consent.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {
namespace {

constexpr size_t kMaxTlvId = 40;

bool IsTlvId(absl::string_view id) {
  if (!absl::StartsWith(id, "tlv-") || id.size() <= 4 || id.size() > kMaxTlvId) return false;
  for (char c : id.substr(4)) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c)) return false;
  }
  return true;
}

// The id in "swvs/{swv}/tlvs/{id}" or the bare id; "" when neither.
std::string TlvIdOf(absl::string_view text) {
  const size_t slash = text.rfind('/');
  if (slash != absl::string_view::npos) {
    if (!absl::StartsWith(text, "swvs/") ||
        text.substr(0, slash).find("/tlvs") == absl::string_view::npos) {
      return "";
    }
    text = text.substr(slash + 1);
  }
  return IsTlvId(text) ? std::string(text) : "";
}

void NotForKind(Violations& v, absl::string_view field, absl::string_view kind) {
  v.Add(field, "NOT_FOR_KIND", absl::StrCat("must be empty for a ", kind, " waiting entry"));
}

}  // namespace

constexpr EnumName<WaitingKind> kWaitingKindNames[] = {
    {WaitingKind::kSo, "so"},
    {WaitingKind::kSbo, "sbo"},
    {WaitingKind::kYouthCare, "youth_care"},
};

absl::string_view WaitingKindName(WaitingKind kind) {
  return NameOf(kWaitingKindNames, kind, "so");
}

absl::optional<WaitingKind> WaitingKindFromName(absl::string_view name) {
  return ValueOf(kWaitingKindNames, name);
}

constexpr EnumName<WaitingOutcome> kWaitingOutcomeNames[] = {
    {WaitingOutcome::kPlaced, "placed"},
    {WaitingOutcome::kWithdrawn, "withdrawn"},
    {WaitingOutcome::kOther, "other"},
};

absl::string_view WaitingOutcomeName(WaitingOutcome outcome) {
  return NameOf(kWaitingOutcomeNames, outcome, "other");
}

absl::optional<WaitingOutcome> WaitingOutcomeFromName(absl::string_view name) {
  return ValueOf(kWaitingOutcomeNames, name);
}

absl::StatusOr<ValidWaitingEntry> ValidateWaitingEntry(const WaitingEntryInput& input,
                                                       absl::CivilDay today) {
  Violations v("waiting_entry.");
  ValidWaitingEntry out;
  CheckRequired(v, "kind", input.kind, "SO, SBO or YOUTH_CARE", out.kind);
  CheckSchool(v, "school", input.school, "the pupil's school location", out.school);
  CheckLvsPupilNumber(v, "lvs_pupil_number", input.lvs_pupil_number, out.lvs_pupil_number);
  const absl::string_view tlv = absl::StripAsciiWhitespace(input.tlv);
  const absl::string_view receiving = absl::StripAsciiWhitespace(input.receiving_school);
  const std::string organisation =
      absl::AsciiStrToUpper(absl::StripAsciiWhitespace(input.organisation));
  if (input.kind && *input.kind != WaitingKind::kYouthCare) {
    const absl::string_view kind = WaitingKindName(*input.kind);
    if (tlv.empty()) {
      v.Add("tlv", "REQUIRED", absl::StrCat("is required: the ", kind, " TLV of the pupil"));
    } else {
      out.tlv_id = TlvIdOf(tlv);
      if (out.tlv_id.empty()) {
        v.Add("tlv", "MALFORMED_TLV",
              absl::StrCat("must be a TLV id \"tlv-...\" or \"swvs/{swv}/tlvs/{id}\", got \"", tlv,
                           "\""));
      }
    }
    SchoolCode school;
    if (CheckSchool(v, "receiving_school", receiving, "the S(B)O school waited for", school)) {
      out.receiving_school = school;
    }
    if (!organisation.empty()) NotForKind(v, "organisation", kind);
  } else if (input.kind) {
    if (organisation.empty()) {
      v.Add("organisation", "REQUIRED",
            "is required: the youth-care organisation waited for, e.g. \"MEVIS\"");
    } else if (!IsOrganisationCode(organisation)) {
      v.Add("organisation", "MALFORMED_ORGANISATION",
            absl::StrCat("must be 2-32 of [A-Z0-9-], got \"", input.organisation, "\""));
    } else {
      out.organisation = organisation;
    }
    if (!tlv.empty()) NotForKind(v, "tlv", "youth care");
    if (!receiving.empty()) NotForKind(v, "receiving_school", "youth care");
  }
  CheckRequiredPastDate(v, "waiting_since", input.waiting_since, today, "the first day of the wait",
                        out.waiting_since);
  CheckText(v, "note", input.note, false, kMaxWaitingNote, "a note", out.note,
            /*allow_line_breaks=*/true);
  if (!v.empty()) return v.ToStatus("INVALID_WAITING_ENTRY");
  return out;
}

absl::Status CheckTlvKind(WaitingKind kind, TlvKind tlv_kind) {
  const bool matches = (kind == WaitingKind::kSo && tlv_kind == TlvKind::kSo) ||
                       (kind == WaitingKind::kSbo && tlv_kind == TlvKind::kSbo);
  if (matches) return absl::OkStatus();
  return InvalidField(
      "waiting_entry.tlv", "TLV_KIND_MISMATCH",
      absl::StrCat("is an ", TlvKindName(tlv_kind), " TLV; a ", WaitingKindName(kind),
                   " waiting entry needs an ", WaitingKindName(kind), " TLV"));
}

absl::StatusOr<ValidWaitingEnd> ValidateWaitingEnd(bool ended, absl::CivilDay waiting_since,
                                                   const WaitingEndInput& input,
                                                   absl::CivilDay today) {
  if (ended) {
    return ErrorWithReason(absl::StatusCode::kFailedPrecondition, "WAITING_ENTRY_ENDED",
                           "the wait has already ended");
  }
  Violations v("");
  ValidWaitingEnd out{today, WaitingOutcome::kPlaced, ""};
  const bool given = !absl::StripAsciiWhitespace(input.ended_on).empty();
  if (!given || CheckDate(v, "ended_on", input.ended_on, today, out.ended_on)) {
    CheckNotBefore(v, "ended_on", "END_BEFORE_START", out.ended_on, "waiting_since", waiting_since);
  }
  CheckRequired(v, "outcome", input.outcome, "PLACED, WITHDRAWN or OTHER", out.outcome);
  CheckText(v, "note", input.note, false, kMaxWaitingNote, "a note", out.note,
            /*allow_line_breaks=*/true);
  if (!v.empty()) return v.ToStatus("INVALID_WAITING_END");
  return out;
}

int DaysWaiting(absl::CivilDay waiting_since, const absl::optional<absl::CivilDay>& ended_on,
                absl::CivilDay today) {
  const absl::CivilDay end = ended_on ? *ended_on : today;
  return end > waiting_since ? static_cast<int>(end - waiting_since) : 0;
}

bool WaitedIn(absl::CivilDay waiting_since, const absl::optional<absl::CivilDay>& ended_on,
              absl::CivilDay first, absl::CivilDay last) {
  return waiting_since <= last && (!ended_on || *ended_on > first) &&
         (!ended_on || *ended_on > waiting_since);
}

void CountWaiting(const std::vector<WaitingFacts>& entries, const DayRange& period,
                  absl::CivilDay today, std::map<std::string, SupportStatistics>& stats) {
  const absl::CivilDay end = std::min(period.last, today);
  std::set<std::tuple<std::string, WaitingKind, std::string>> counted;
  for (const WaitingFacts& e : entries) {
    if (WaitedIn(e.waiting_since, e.ended_on, end, end)) ++stats[e.key].waiting_open_at_end;
    if (!WaitedIn(e.waiting_since, e.ended_on, period.first, end)) continue;
    if (!counted.insert({e.key, e.kind, e.pupil_id}).second) continue;
    SupportStatistics& s = stats[e.key];
    switch (e.kind) {
      case WaitingKind::kSo:
        ++s.pupils_waiting_for_so;
        break;
      case WaitingKind::kSbo:
        ++s.pupils_waiting_for_sbo;
        break;
      case WaitingKind::kYouthCare:
        ++s.pupils_waiting_for_youth_care;
        break;
    }
  }
}

}  // namespace swv::registrations
