// Captures the log lines of this process (logging.h) while alive, from any thread, so that a test
// can look for the lines a request left behind. One at a time per process.
#ifndef SWV_TESTS_TESTING_CAPTURED_LOG_H_
#define SWV_TESTS_TESTING_CAPTURED_LOG_H_

#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/common/logging.h"

namespace swv::testing {

class CapturedLog {
 public:
  CapturedLog() {
    SetLogSinkForTesting([this](absl::string_view line) {
      absl::MutexLock lock(&mu_);
      lines_.emplace_back(line);
    });
  }
  ~CapturedLog() { SetLogSinkForTesting(nullptr); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  std::vector<std::string> lines() {
    absl::MutexLock lock(&mu_);
    return lines_;
  }

  // The lines that contain every one of `parts`.
  std::vector<std::string> With(const std::vector<std::string>& parts) {
    std::vector<std::string> found;
    for (const std::string& line : lines()) {
      bool all = true;
      for (const std::string& part : parts) all = all && absl::StrContains(line, part);
      if (all) found.push_back(line);
    }
    return found;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> lines_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv::testing

#endif  // SWV_TESTS_TESTING_CAPTURED_LOG_H_
