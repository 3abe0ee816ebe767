#include "services/registrations/tlv_app.h"

#include "services/kernel/status_macros.h"
namespace swv::registrations {

absl::StatusOr<std::unique_ptr<TlvApp>> TlvApp::Create(storage::Database* db, const Clock* clock) {
  SWV_RETURN_IF_ERROR(MigrateDirectorySchema(*db));
  SWV_RETURN_IF_ERROR(MigrateTlvSchema(*db));
  return std::unique_ptr<TlvApp>(new TlvApp(db, clock));
}

TlvApp::TlvApp(storage::Database* db, const Clock* clock)
    : directory_repository_(NewSqlDirectoryRepository(db)),
      opp_stores_(NewSqlOppStores(db)),
      tlv_repository_(NewSqlTlvRepository(db)),
      directory_(directory_repository_.get(), clock, access_policy()),
      opps_(opp_stores_.records.get(), clock, access_policy()),
      tlvs_(tlv_repository_.get(), &opp_stores_, directory_repository_.get(), clock,
            access_policy()),
      grpc_directory_(NewGrpcDirectory(&directory_)),
      grpc_tlvs_(NewGrpcTlvs(&opps_, &tlvs_)) {}

AccessPolicy TlvApp::access_policy() {
  DirectoryRepository* directory = directory_repository_.get();
  return AccessPolicy(
      [directory](const std::string& tenant,
                  const std::string& school) -> absl::StatusOr<std::string> {
        SWV_ASSIGN_OR_RETURN(absl::optional<StoredSchool> found,
                             directory->FindSchool(tenant, school));
        return found.has_value() ? found->school.board : std::string();
      },
      [directory](const std::string& tenant,
                  const std::string& wijk) -> absl::StatusOr<std::vector<std::string>> {
        std::vector<std::string> codes;
        DirectoryQuery query;
        query.tenant = tenant;
        query.wijk = wijk;
        while (true) {
          SWV_ASSIGN_OR_RETURN(std::vector<StoredSchool> page, directory->ListSchools(query));
          for (const StoredSchool& stored : page) codes.push_back(stored.school.code);
          if (static_cast<int>(page.size()) < query.page_size) return codes;
          query.after_code = page.back().school.code;
        }
      });
}

}  // namespace swv::registrations
