#include "services/registrations/directory/directory_access.h"

#include <string>
#include <vector>

#include "services/kernel/status_macros.h"

namespace swv::registrations {

AccessPolicy DirectoryAccessPolicy(DirectoryRepository* directory) {
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
