// SupportService: school support profiles, the wijk overview, and the profile and waiting counts
// of the support statistics.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/support/support_service.h"

namespace swv::registrations {
namespace {

// Every profile and entry, whenever last updated: the statistics choose by school year and date.
const absl::CivilDay kLastDay(9999, 12, 31);

absl::Status NoProfiles() {
  return absl::UnimplementedError("this process keeps no school profiles or waiting entries");
}

// Schools that should have a profile: regular and SBO schools inside the region.
std::vector<std::string> ProfileSchools(const std::vector<School>& schools) {
  std::vector<std::string> out;
  for (const School& s : schools) {
    if (s.inside_region && (s.kind == SchoolKind::kRegular || s.kind == SchoolKind::kSbo)) {
      out.push_back(s.code);
    }
  }
  return out;
}

}  // namespace

SchoolProfileView SupportService::ViewOf(SchoolProfileRecord stored) const {
  SchoolProfileView view;
  const absl::CivilDay today = Today();
  view.next_update_due = NextUpdateDue(stored.profile.updated_on);
  view.update_overdue = IsUpdateOverdue(stored.profile.updated_on, today);
  view.adoption_due = AdoptionDue(stored.profile.adopted_by_mr_on);
  view.adoption_overdue = IsAdoptionOverdue(stored.profile.adopted_by_mr_on, today);
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<SchoolProfileView> SupportService::CreateProfile(const Principal& caller,
                                                                absl::string_view swv,
                                                                const SchoolProfileInput& input,
                                                                absl::string_view request_id) {
  if (!has_profiles_) return NoProfiles();
  absl::StatusOr<SchoolProfileRecord> stored =
      profiles_.Create(caller, swv, request_id, [&](SchoolProfileRecord& r) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(r.profile, ValidateSchoolProfile(input, Today()));
        return absl::OkStatus();
      });
  // The unique key (tenant, school, school_year) refused a second profile; a replayed request
  // id by another principal carries its own reason.
  if (absl::IsAlreadyExists(stored.status()) && ReasonOf(stored.status()).empty()) {
    return ErrorWithReason(absl::StatusCode::kAlreadyExists, "SCHOOL_PROFILE_EXISTS",
                           "the school has a profile for this school year: update that one",
                           "profile.school_year");
  }
  if (!stored.ok()) return stored.status();
  return ViewOf(*std::move(stored));
}

absl::StatusOr<SchoolProfileView> SupportService::GetProfile(const Principal& caller,
                                                             absl::string_view swv,
                                                             absl::string_view id) {
  if (!has_profiles_) return NoProfiles();
  SWV_ASSIGN_OR_RETURN(SchoolProfileRecord stored, profiles_.Read(caller, swv, id));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ListResult<SchoolProfileView>> SupportService::ListProfiles(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::string_view school_year) {
  if (!has_profiles_) return NoProfiles();
  absl::optional<SchoolYear> year;
  std::string year_name;
  if (!school_year.empty()) {
    SWV_ASSIGN_OR_RETURN(year, ParseSchoolYear("school_year", school_year));
    year_name = FormatSchoolYear(*year);
  }
  SWV_ASSIGN_OR_RETURN(ListResult<SchoolProfileRecord> page,
                       profiles_.List(caller, swv,
                                      {page_size,
                                       page_token,
                                       school,
                                       {{"school_year", year_name}},
                                       absl::nullopt,
                                       StoredState(year, year_name)}));
  return ViewsOf<SchoolProfileView>(std::move(page),
                                    [this](SchoolProfileRecord r) { return ViewOf(std::move(r)); });
}

absl::StatusOr<SchoolProfileView> SupportService::UpdateProfile(const Principal& caller,
                                                                absl::string_view swv,
                                                                absl::string_view id,
                                                                const SchoolProfileInput& input,
                                                                int64_t expected_version) {
  if (!has_profiles_) return NoProfiles();
  SWV_ASSIGN_OR_RETURN(
      SchoolProfileRecord written,
      profiles_.Change(
          caller, swv, id, expected_version, "updated",
          [&](SchoolProfileRecord& record) -> absl::Status {
            SWV_RETURN_IF_ERROR(access_.WriteRecord(caller, record.tenant, SchoolsOf(record)));
            SWV_ASSIGN_OR_RETURN(record.profile,
                                 ValidateSchoolProfileUpdate(record.profile, input, Today()));
            return absl::OkStatus();
          }));
  return ViewOf(std::move(written));
}

absl::StatusOr<WijkOverviewResult> SupportService::WijkOverview(const Principal& caller,
                                                                absl::string_view swv,
                                                                absl::string_view school_year) {
  if (!has_profiles_) return NoProfiles();
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  SWV_RETURN_IF_ERROR(access_.ListRecords(caller, tenant));
  const absl::CivilDay today = Today();
  WijkOverviewResult result;
  result.school_year = SchoolYearOf(today);
  if (!school_year.empty()) {
    SWV_ASSIGN_OR_RETURN(result.school_year, ParseSchoolYear("school_year", school_year));
  }
  std::vector<School> schools;
  std::vector<Wijk> wijken;
  if (lookups_.schools) {
    SWV_ASSIGN_OR_RETURN(schools, lookups_.schools(tenant));
  }
  if (lookups_.wijken) {
    SWV_ASSIGN_OR_RETURN(wijken, lookups_.wijken(tenant));
  }
  SWV_ASSIGN_OR_RETURN(std::vector<SchoolProfileRecord> all,
                       profiles_.store().ListUpTo(tenant, kLastDay));
  std::vector<ValidSchoolProfile> of_year;
  for (SchoolProfileRecord& r : all) {
    if (r.profile.school_year == result.school_year) of_year.push_back(std::move(r.profile));
  }
  result.wijken = BuildWijkOverview(schools, wijken, of_year, today);
  return result;
}

absl::Status SupportService::CountProfilesAndWaiting(const std::string& tenant, bool by_school,
                                                     SupportStatisticsResult& result) const {
  if (!has_profiles_) return absl::OkStatus();
  std::vector<School> schools;
  if (lookups_.schools) {
    SWV_ASSIGN_OR_RETURN(schools, lookups_.schools(tenant));
  }
  SWV_ASSIGN_OR_RETURN(std::vector<SchoolProfileRecord> profiles,
                       profiles_.store().ListUpTo(tenant, kLastDay));
  std::vector<ProfileFacts> facts;
  for (const SchoolProfileRecord& r : profiles) {
    facts.push_back({r.profile.school.ToString(), r.profile.school_year, r.profile.support_level,
                     r.profile.adopted_by_mr_on, r.profile.updated_on});
  }
  auto key_of = [by_school](const std::string& school) {
    return by_school ? school : std::string();
  };
  CountSchoolProfiles(ProfileSchools(schools), facts, result.as_of, key_of, result.groups);

  SWV_ASSIGN_OR_RETURN(std::vector<WaitingEntryRecord> entries,
                       waiting_.store().ListUpTo(tenant, result.period.last));
  std::vector<WaitingFacts> waits;
  for (const WaitingEntryRecord& r : entries) {
    waits.push_back({key_of(r.entry.school.ToString()), r.pupil_id, r.entry.kind,
                     r.entry.waiting_since, r.ended_on});
  }
  CountWaiting(waits, result.period, Today(), result.groups);
  return absl::OkStatus();
}

}  // namespace swv::registrations
