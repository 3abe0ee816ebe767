// The tables of school support profiles and waiting-list entries and how their records are
// stored in them (schema component "support", version 3).
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/record_changes.h"
#include "services/registrations/records/sql_record_store.h"
#include "services/registrations/records/sql_table.h"
#include "services/registrations/support/profile_repository.h"
#include "services/registrations/support/support_repository.h"

namespace swv::registrations {
namespace {

using sql_records::Columns;
using sql_records::NewSqlRecordStore;
using sql_records::SqlTable;

constexpr absl::string_view kProfileTables = R"sql(
CREATE TABLE IF NOT EXISTS school_profiles (
  %RECORD_KEY(profile_id)%,
  school VARCHAR(6) NOT NULL,
  school_year CHAR(9) NOT NULL,
  support_level INT NOT NULL,
  offers TEXT NOT NULL,
  description TEXT NOT NULL,
  adopted_by_mr_on CHAR(10) NOT NULL,
  updated_on CHAR(10) NOT NULL,
  published INT NOT NULL,
  %RECORD_META%,
  %RECORD_UNIQUE(school_profiles, profile_id)%,
  CONSTRAINT school_profiles_school_year UNIQUE (tenant, school, school_year)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS waiting_entries (
  %RECORD_KEY(entry_id)%,
  kind VARCHAR(16) NOT NULL,
  %PUPIL_COLUMNS%,
  tlv_id VARCHAR(40) NOT NULL,
  receiving_school VARCHAR(6) NOT NULL,
  organisation VARCHAR(32) NOT NULL,
  waiting_since CHAR(10) NOT NULL,
  note TEXT NOT NULL,
  ended INT NOT NULL,
  ended_on CHAR(10) NULL,
  outcome VARCHAR(16) NOT NULL,
  end_note TEXT NOT NULL,
  %RECORD_META%,
  %RECORD_UNIQUE(waiting_entries, entry_id)%
)%TABLE_OPTIONS%;
CREATE INDEX IF NOT EXISTS waiting_entries_since ON waiting_entries (tenant, waiting_since)
)sql";

// Offers are stored as ",dyslexie,gedrag," (codes never hold a comma).
storage::Value OffersValue(const SchoolProfileRecord& r) {
  if (r.profile.offers.empty()) return storage::Value(std::string());
  return storage::Value(absl::StrCat(",", absl::StrJoin(r.profile.offers, ","), ","));
}
bool ReadOffers(const storage::Row& row, size_t i, SchoolProfileRecord& r) {
  r.profile.offers = absl::StrSplit(row.GetString(i), ',', absl::SkipEmpty());
  return true;
}

const SqlTable<SchoolProfileRecord>& Profiles() {
  static const auto* const kTable = SqlTable<SchoolProfileRecord>::New(
      {"school_profiles",
       "school profile",
       {kSupportChangesTable, kSchoolProfileKind, kSchoolProfileKind},
       "recorded"},
      Columns<SchoolProfileRecord>(
          "profile_id", [](auto& r) -> auto& { return r.profile_id; })
          .School(
              "school", [](auto& r) -> auto& { return r.profile.school; })
          .Custom(
              "school_year",
              [](const SchoolProfileRecord& r) {
                return storage::Value(FormatSchoolYear(r.profile.school_year));
              },
              [](const storage::Row& row, size_t i, SchoolProfileRecord& r) {
                absl::StatusOr<SchoolYear> year = ParseSchoolYear("school_year", row.GetString(i));
                if (year.ok()) r.profile.school_year = *year;
                return year.ok();
              })
          .AsState()
          .Int(
              "support_level", [](auto& r) -> auto& { return r.profile.support_level; })
          .Custom("offers", OffersValue, ReadOffers)
          .Text(
              "description", [](auto& r) -> auto& { return r.profile.description; })
          .Day(
              "adopted_by_mr_on", [](auto& r) -> auto& { return r.profile.adopted_by_mr_on; })
          .Day(
              "updated_on", [](auto& r) -> auto& { return r.profile.updated_on; })
          .AsListDate()
          .Flag(
              "published", [](auto& r) -> auto& { return r.profile.published; })
          .UpdateAudit());
  return *kTable;
}

const SqlTable<WaitingEntryRecord>& Entries() {
  static const auto* const kTable = SqlTable<WaitingEntryRecord>::New(
      {"waiting_entries",
       "waiting entry",
       {kSupportChangesTable, kWaitingEntryKind, kWaitingEntryKind},
       "registered"},
      Columns<WaitingEntryRecord>(
          "entry_id", [](auto& r) -> auto& { return r.entry_id; })
          .Named(
              "kind", [](auto& r) -> auto& { return r.entry.kind; }, WaitingKindName,
              WaitingKindFromName)
          .Pupil(
              [](auto& r) -> auto& { return r.entry.school; },
              [](auto& r) -> auto& { return r.entry.lvs_pupil_number; })
          .Text(
              "tlv_id", [](auto& r) -> auto& { return r.entry.tlv_id; })
          .OptionalSchool(
              "receiving_school", [](auto& r) -> auto& { return r.entry.receiving_school; })
          .Text(
              "organisation", [](auto& r) -> auto& { return r.entry.organisation; })
          .Day(
              "waiting_since", [](auto& r) -> auto& { return r.entry.waiting_since; })
          .AsListDate()
          .Text(
              "note", [](auto& r) -> auto& { return r.entry.note; })
          .Flag(
              "ended", [](auto& r) -> auto& { return r.ended; })
          .AsState()
          .OptionalDay(
              "ended_on", [](auto& r) -> auto& { return r.ended_on; })
          .Custom(
              "outcome",
              [](const WaitingEntryRecord& r) {
                return storage::Value(std::string(r.outcome ? WaitingOutcomeName(*r.outcome) : ""));
              },
              [](const storage::Row& row, size_t i, WaitingEntryRecord& r) {
                r.outcome.reset();
                if (row.GetString(i).empty()) return true;
                r.outcome = WaitingOutcomeFromName(row.GetString(i));
                return r.outcome.has_value();
              })
          .Text(
              "end_note", [](auto& r) -> auto& { return r.end_note; })
          .UpdateAudit());
  return *kTable;
}

}  // namespace

absl::string_view ProfileTablesSchema() { return kProfileTables; }

ProfileStores NewSqlProfileStores(storage::Database* db) {
  return {NewSqlRecordStore(db, &Profiles()), NewSqlRecordStore(db, &Entries())};
}

}  // namespace swv::registrations
