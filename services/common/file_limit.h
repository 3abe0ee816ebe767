// Raising this process's open-file limit to what the system allows.
//
// Thread-safety: call once at start-up, before threads that open files or sockets.
#ifndef SWV_SERVICES_COMMON_FILE_LIMIT_H_
#define SWV_SERVICES_COMMON_FILE_LIMIT_H_

#include <sys/resource.h>

namespace swv {

// Sets the soft RLIMIT_NOFILE to the hard one: a process that holds many idle connections (the
// gateway, the benchmark's flood) needs a descriptor for each. Best effort: a failure leaves the
// limit as it was.
inline void RaiseFileLimitToHard() {
  if (rlimit files{}; ::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
}

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_FILE_LIMIT_H_
