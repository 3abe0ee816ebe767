// The write the fault tests put under load: a school reports a thuiszitter case, through the
// gateway's REST API (with an Idempotency-Key) or over gRPC (with a request_id), and the count
// afterwards: is every acknowledged report in the database?
//
// Thread-safety: a RestReporter / GrpcReporter is used by one writer thread at a time; the free
// functions are thread-compatible.
#ifndef SWV_TESTS_FAULTS_THUISZITTER_WRITES_H_
#define SWV_TESTS_FAULTS_THUISZITTER_WRITES_H_

#include <grpcpp/grpcpp.h>
#include <httplib.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "swv/v1/registrations.grpc.pb.h"
#include "tests/faults/fault_harness.h"

namespace swv::faults {

inline constexpr char kSwv[] = "PO2203";
// The school that reports, and the municipality its pupils live in.
inline constexpr char kSchool[] = "12AB00";
inline constexpr char kMunicipality[] = "GM0606";

// A valid report of a relative absence that started 40 days ago, for LVS pupil `pupil`.
std::string ReportJson(const std::string& pupil);
::swv::v1::ReportThuiszitterRequest ReportRequest(const std::string& pupil,
                                                  const std::string& request_id);

// A year configuration for PATCH /api/v1/swvs/PO2203/years/{year}/config with `reserve` cents in
// reserve, sent with the version read before (0 for the first).
std::string YearConfigJson(int64_t reserve, int64_t version);

// gRPC metadata of an SWV office principal (what the gateway sends for an office credential).
void AddOfficeMetadata(grpc::ClientContext& context);

// POST /api/v1/swvs/PO2203/thuiszitters through a gateway with a bearer credential. 201 with a
// name is acknowledged; 503 with an application/problem+json body is refused; anything else bad.
class RestReporter {
 public:
  RestReporter(int gateway_port, std::string token, absl::Duration timeout = absl::Seconds(15));
  WriteOutcome Report(const std::string& key);

 private:
  httplib::Client client_;
  std::string token_;
};

// ReportThuiszitter over gRPC. OK is acknowledged, UNAVAILABLE refused, anything else bad.
class GrpcReporter {
 public:
  explicit GrpcReporter(const std::string& target, absl::Duration deadline = absl::Seconds(15));
  WriteOutcome Report(const std::string& key);

 private:
  std::unique_ptr<::swv::v1::Registrations::Stub> stub_;
  absl::Duration deadline_;
};

// The last segment of a resource name ("swvs/PO2203/thuiszitters/tz-1" -> "tz-1").
std::string IdOf(const std::string& name);

// What the database holds for the acknowledged writes among `outcomes`.
struct AckCheck {
  int acknowledged = 0;
  int found = 0;                     // acknowledged and stored under the same id
  std::vector<std::string> missing;  // key -> id not stored (the first few)
  int stored_total = 0;              // rows of these writers, acknowledged or not
  int duplicate_keys = 0;            // request ids stored more than once
};

// Reads request_id and case_id of every case whose request_id starts with one of `prefixes`
// from `database` (the registrations database) as root, and compares.
absl::StatusOr<AckCheck> CheckAcknowledged(MariaDb& db, const std::string& database,
                                           const std::vector<std::string>& prefixes,
                                           const std::vector<WriteOutcome>& outcomes);

}  // namespace swv::faults

#endif  // SWV_TESTS_FAULTS_THUISZITTER_WRITES_H_
