// Which pupil-level records a query reads, by the school they are kept for. Statistics narrow by a
// board, school or wijk of the directory; lists narrow by the caller's reach too, in the query and
// before paging (sql_records::AppendSchoolFilter), so that a page holds as many rows as the
// caller may see and the number of pages tells nothing about other schools' records.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_SCHOOL_FILTER_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_SCHOOL_FILTER_H_

#include <string>
#include <vector>

#include "absl/types/optional.h"

namespace swv::registrations {

// The records a scoped principal may read (AccessPolicy::ReadRecord and ReadThuiszitter as a
// query): those kept for one of `schools`, or for a school the directory of `tenant` lists under
// one of `boards`, or (thuiszitter cases) of a child living in one of `municipalities`. Empty
// lists reach nothing.
struct Reach {
  std::string tenant;
  std::vector<std::string> schools;
  std::vector<std::string> boards;
  std::vector<std::string> municipalities;
  // Youth care: only cases whose standing consents name this organisation.
  std::string consented_to;
};

struct SchoolFilter {
  absl::optional<std::string> board;
  absl::optional<std::string> school;
  absl::optional<std::string> wijk;
  absl::optional<Reach> reach;  // nullopt: the whole tenant (the office, staff)
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_SCHOOL_FILTER_H_
