// Early-return helpers for absl::Status / absl::StatusOr inside the allocation service, which
// chains many checked money operations. Use only in .cc files of services/allocation.
#ifndef SWV_SERVICES_ALLOCATION_DOMAIN_STATUS_MACROS_H_
#define SWV_SERVICES_ALLOCATION_DOMAIN_STATUS_MACROS_H_

#include <utility>

#define SWV_ALLOC_CONCAT_INNER(a, b) a##b
#define SWV_ALLOC_CONCAT(a, b) SWV_ALLOC_CONCAT_INNER(a, b)

// SWV_ASSIGN_OR_RETURN(int64_t x, CheckedAdd(a, b, "total"));
#define SWV_ASSIGN_OR_RETURN(lhs, expr)                                                  \
  auto SWV_ALLOC_CONCAT(swv_status_or_, __LINE__) = (expr);                              \
  if (!SWV_ALLOC_CONCAT(swv_status_or_, __LINE__).ok())                                  \
    return SWV_ALLOC_CONCAT(swv_status_or_, __LINE__).status();                          \
  lhs = *std::move(SWV_ALLOC_CONCAT(swv_status_or_, __LINE__))

#define SWV_RETURN_IF_ERROR(expr)                                        \
  do {                                                                   \
    if (absl::Status swv_status_ = (expr); !swv_status_.ok()) return swv_status_; \
  } while (0)

#endif  // SWV_SERVICES_ALLOCATION_DOMAIN_STATUS_MACROS_H_
