// For tests/faults only: the process-layer helpers (fault_process.cc) that the sandbox, its MariaDB
// and its services (fault_harness.cc) use too.
#ifndef SWV_TESTS_FAULTS_FAULT_PROCESS_INTERNAL_H_
#define SWV_TESTS_FAULTS_FAULT_PROCESS_INTERNAL_H_

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace swv::faults::internal {

// fork + exec with the given standard descriptors (-1: /dev/null). Everything else is closed in
// the child. `die_with_parent`: PR_SET_PDEATHSIG=SIGKILL. `own_session`: setsid (the watchdog).
absl::StatusOr<pid_t> ForkExec(std::vector<std::string> argv, int in_fd, int out_fd, int err_fd,
                               bool die_with_parent, bool own_session);

// The file from byte `offset` on; empty when it cannot be read.
std::string ReadFile(const std::string& path, size_t offset = 0);

// The size of the file, 0 when it cannot be read.
size_t FileSize(const std::string& path);

// The last `lines` non-empty lines of `text`.
std::string Tail(const std::string& text, int lines);

}  // namespace swv::faults::internal

#endif  // SWV_TESTS_FAULTS_FAULT_PROCESS_INTERNAL_H_
