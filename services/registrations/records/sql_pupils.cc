#include "services/registrations/records/sql_pupils.h"

#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "services/common/ids.h"
#include "services/kernel/status_macros.h"
#include "storage/bulk.h"
#include "storage/schema.h"

namespace swv::registrations {
namespace {

constexpr absl::string_view kPupilsSchemaV1 = R"sql(
CREATE TABLE IF NOT EXISTS pupils (
  tenant VARCHAR(16) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  create_time_us BIGINT NOT NULL,
  PRIMARY KEY (tenant, pupil_id)
)%TABLE_OPTIONS%;
CREATE TABLE IF NOT EXISTS pupil_school_numbers (
  tenant VARCHAR(16) NOT NULL,
  school VARCHAR(6) NOT NULL,
  lvs_pupil_number VARCHAR(32) NOT NULL,
  pupil_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (tenant, school, lvs_pupil_number)
)%TABLE_OPTIONS%
)sql";

}  // namespace

absl::Status MigratePupilSchema(storage::Database& db) {
  static const std::vector<storage::Migration>* const kMigrations =
      new std::vector<storage::Migration>{
          storage::Dialected(1, "pupils and their school numbers", kPupilsSchemaV1)};
  return storage::ApplyMigrations(db, "pupils", *kMigrations, {{1, "registrations", 1}});
}

absl::StatusOr<std::string> PupilIdFor(storage::Transaction& tx, absl::string_view tenant,
                                       absl::string_view school, absl::string_view lvs_pupil_number,
                                       absl::Time now) {
  const PupilNumber number{std::string(tenant), std::string(school), std::string(lvs_pupil_number),
                           now};
  SWV_ASSIGN_OR_RETURN(std::vector<std::string> ids, PupilIdsFor(tx, {&number, 1}));
  return std::move(ids.front());
}

absl::StatusOr<std::vector<std::string>> PupilIdsFor(storage::Transaction& tx,
                                                     absl::Span<const PupilNumber> numbers) {
  using Key = std::tuple<std::string, std::string, std::string>;
  absl::flat_hash_map<Key, std::string> ids;  // "" until found or created
  std::vector<const PupilNumber*> distinct;
  std::string where;
  std::vector<storage::Value> params;
  for (const PupilNumber& number : numbers) {
    if (!ids.emplace(Key{number.tenant, number.school, number.lvs_pupil_number}, "").second) {
      continue;
    }
    distinct.push_back(&number);
    absl::StrAppend(&where, where.empty() ? "" : " OR ",
                    "(tenant = ? AND school = ? AND lvs_pupil_number = ?)");
    params.insert(params.end(), {number.tenant, number.school, number.lvs_pupil_number});
  }
  if (distinct.empty()) return std::vector<std::string>{};
  SWV_ASSIGN_OR_RETURN(
      std::vector<storage::Row> rows,
      tx.Query(absl::StrCat("SELECT tenant, school, lvs_pupil_number, pupil_id FROM "
                            "pupil_school_numbers WHERE ",
                            where),
               params));
  for (const storage::Row& row : rows) {
    auto found = ids.find(Key{row.GetString(0), row.GetString(1), row.GetString(2)});
    if (found != ids.end()) {
      found->second = row.GetString(3);
    } else if (distinct.size() == 1) {
      // The one number asked for, stored with a difference the collation ignores.
      ids.begin()->second = row.GetString(3);
    } else {
      return absl::AbortedError("a stored pupil number matches only under the collation");
    }
  }
  std::vector<storage::Value> new_pupils, new_numbers;
  for (const PupilNumber* number : distinct) {
    std::string& id = ids[Key{number->tenant, number->school, number->lvs_pupil_number}];
    if (!id.empty()) continue;
    id = RandomId("pl-");
    new_pupils.insert(new_pupils.end(), {number->tenant, id, absl::ToUnixMicros(number->seen)});
    new_numbers.insert(new_numbers.end(),
                       {number->tenant, number->school, number->lvs_pupil_number, id});
  }
  static constexpr absl::string_view kPupilColumns[] = {"tenant", "pupil_id", "create_time_us"};
  static constexpr absl::string_view kNumberColumns[] = {"tenant", "school", "lvs_pupil_number",
                                                         "pupil_id"};
  SWV_RETURN_IF_ERROR(storage::InsertValues(tx, {"pupils", kPupilColumns}, new_pupils).status());
  SWV_RETURN_IF_ERROR(
      storage::InsertValues(tx, {"pupil_school_numbers", kNumberColumns}, new_numbers).status());
  std::vector<std::string> out;
  out.reserve(numbers.size());
  for (const PupilNumber& number : numbers) {
    out.push_back(ids[Key{number.tenant, number.school, number.lvs_pupil_number}]);
  }
  return out;
}

}  // namespace swv::registrations
