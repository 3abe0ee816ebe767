// The scope rules (services/common/access_policy.h) with a board's schools and a wijk's schools
// read from a directory repository. The repository is borrowed and must outlive the policy;
// thread-safe as the repository is.
#ifndef SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_ACCESS_H_
#define SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_ACCESS_H_

#include "services/common/access_policy.h"
#include "services/registrations/directory/directory_repository.h"

namespace swv::registrations {

AccessPolicy DirectoryAccessPolicy(DirectoryRepository* directory);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DIRECTORY_DIRECTORY_ACCESS_H_
