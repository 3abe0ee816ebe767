// Early-return helpers for absl::Status / absl::StatusOr, for code that chains many checked steps
// (the allocation service's money operations). Use only in .cc files: the macros declare locals.
#ifndef SWV_SERVICES_KERNEL_STATUS_MACROS_H_
#define SWV_SERVICES_KERNEL_STATUS_MACROS_H_

#include <utility>

#define SWV_STATUS_CONCAT_INNER(a, b) a##b
#define SWV_STATUS_CONCAT(a, b) SWV_STATUS_CONCAT_INNER(a, b)

// SWV_ASSIGN_OR_RETURN(int64_t x, CheckedAdd(a, b, "total"));
#define SWV_ASSIGN_OR_RETURN(lhs, expr)                          \
  auto SWV_STATUS_CONCAT(swv_status_or_, __LINE__) = (expr);     \
  if (!SWV_STATUS_CONCAT(swv_status_or_, __LINE__).ok())         \
    return SWV_STATUS_CONCAT(swv_status_or_, __LINE__).status(); \
  lhs = *std::move(SWV_STATUS_CONCAT(swv_status_or_, __LINE__))

#define SWV_RETURN_IF_ERROR(expr)                                                 \
  do {                                                                            \
    if (absl::Status swv_status_ = (expr); !swv_status_.ok()) return swv_status_; \
  } while (0)

#endif  // SWV_SERVICES_KERNEL_STATUS_MACROS_H_
