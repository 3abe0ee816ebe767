// The service-side authorization rules (defence in depth behind swv-gateway, DESIGN.md "Gateway",
// docs/gateway.md "Authorization"): what a Principal (principal.h) may read and write. Every
// service applies these in its service layer; the gRPC adapters only turn call metadata into a
// Principal (grpc_principal.h).
//
//   office, staff   everything of its own tenant (staff: every tenant)
//   school          pupil-level records kept for one of its school locations
//   board           pupil-level records of the schools the directory lists under its board
//   partner         only the minimal thuiszitter view of children living in its municipalities;
//                   never a write, never another kind of record
//   ops             no pupil-level data, no tenant data
//
// Answers: NOT_FOUND for a record out of scope (the same message as a missing record, so ids
// cannot be probed) and for anything of another tenant; PERMISSION_DENIED for what a role may
// never do whatever the record (a partner or ops writing or listing OPPs, a school reading
// tenant-wide statistics).
//
// Thread-safe after construction (const methods); the board lookup must be thread-safe itself.
#ifndef SWV_SERVICES_COMMON_ACCESS_POLICY_H_
#define SWV_SERVICES_COMMON_ACCESS_POLICY_H_

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/principal.h"
#include "services/kernel/status_macros.h"

namespace swv {

// The board code a school location belongs to in the directory of `tenant` ("" when the school is
// unknown or has no board). Errors (e.g. the database is down) are passed on.
using BoardOfSchool = std::function<absl::StatusOr<std::string>(const std::string& tenant,
                                                                const std::string& school)>;
// The school locations the directory of `tenant` lists in a wijk (none when the wijk is unknown).
using SchoolsInWijk = std::function<absl::StatusOr<std::vector<std::string>>(
    const std::string& tenant, const std::string& wijk)>;

class AccessPolicy {
 public:
  // Without a board lookup a board principal sees no school's records; without a wijk lookup
  // only the office sees a wijk's records.
  explicit AccessPolicy(BoardOfSchool board_of_school = {}, SchoolsInWijk schools_in_wijk = {});
  // A lookup over a fixed map school code -> board code (upper case), e.g. read once per call from
  // a remote directory.
  static AccessPolicy WithBoards(std::map<std::string, std::string> board_of_school);

  // Tenant-wide data (settings, statistics, exports, boards and wijken, allocation configuration
  // and calculations, goal definitions' writes, reports): the office of the tenant and staff.
  absl::Status TenantWide(const Principal& principal, absl::string_view tenant) const;

  // A board's own records (its statement, its spending account): that board (another board's:
  // NOT_FOUND, as if missing) and whoever reaches the whole tenant (TenantWide).
  absl::Status OwnBoard(const Principal& principal, absl::string_view tenant,
                        absl::string_view board) const;

  // Reading one pupil-level record kept for `schools` (empty codes ignored; in scope when any one
  // is). A record that names no school is the office's.
  absl::Status ReadRecord(const Principal& principal, absl::string_view tenant,
                          const std::vector<std::string>& schools) const;
  // Reading a record kept for a whole wijk (a wijkarrangement, 000): the office, and the schools
  // and boards with a school in that wijk (the wijk steering of 002: its boards and schools
  // monitor it). NOT_FOUND for the others, as a missing record.
  absl::Status ReadWijkRecord(const Principal& principal, absl::string_view tenant,
                              const std::string& wijk) const;
  // Writing one (creating, or changing an existing record): partners and ops never
  // (PERMISSION_DENIED), others as ReadRecord.
  absl::Status WriteRecord(const Principal& principal, absl::string_view tenant,
                           const std::vector<std::string>& schools) const;
  // Writing a record about a child of `municipality` that leerplicht keeps too (a thuiszitter
  // case, an exemption): a leerplicht partner for the children of its own municipalities (its
  // legal task; NOT_FOUND for another's, as a missing record), the others as WriteRecord.
  absl::Status WriteMunicipalityRecord(const Principal& principal, absl::string_view tenant,
                                       const std::vector<std::string>& schools,
                                       const std::string& municipality) const;
  // Listing pupil-level records: the tenant's principals except partners and ops. The list's
  // query then reads only the rows ReadRecord would allow, before paging (registrations:
  // ReachOf), so that a page is never short by hidden rows.
  absl::Status ListRecords(const Principal& principal, absl::string_view tenant) const;

  // Thuiszitter cases: partners by the child's residence municipality; youth care by it too, and
  // only while its organisation is among `consented` (the organisations the parents' standing
  // consents name); the rest as ReadRecord.
  absl::Status ReadThuiszitter(const Principal& principal, absl::string_view tenant,
                               const std::string& school, const std::string& municipality,
                               const std::vector<std::string>& consented = {}) const;
  // Listing them: as ListRecords, and partners too (the query reads the rows ReadThuiszitter
  // would allow).
  absl::Status ListThuiszitters(const Principal& principal, absl::string_view tenant) const;

  // Is this school location one of the principal's (school: in its scope; board: under its board;
  // office/staff: yes; partner/ops: no)? For rows that are not records, e.g. goal statuses.
  absl::StatusOr<bool> OwnsSchool(const Principal& principal, absl::string_view tenant,
                                  const std::string& school) const;

 private:
  BoardOfSchool board_of_school_;
  SchoolsInWijk schools_in_wijk_;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_ACCESS_POLICY_H_
