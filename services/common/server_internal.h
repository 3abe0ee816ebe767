// Internals of the service runtime shared by its files (server.cc, server_stop.cc): the state of
// /readyz.
#ifndef SWV_SERVICES_COMMON_SERVER_INTERNAL_H_
#define SWV_SERVICES_COMMON_SERVER_INTERNAL_H_

#include <functional>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "services/common/server.h"

namespace swv {

// State of /readyz, shared with the detached check threads so they never touch a destroyed
// runtime.
struct ServiceRuntime::Readiness {
  struct Probe {
    absl::Mutex mu;
    bool done ABSL_GUARDED_BY(mu) = false;
    absl::Status status ABSL_GUARDED_BY(mu);
  };
  absl::Mutex mu;
  std::function<absl::Status()> check ABSL_GUARDED_BY(mu);
  std::shared_ptr<Probe> in_flight ABSL_GUARDED_BY(mu);
  int running ABSL_GUARDED_BY(mu) = 0;
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_SERVER_INTERNAL_H_
