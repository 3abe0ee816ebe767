// Internals of the TLV rules shared by their files (tlv.cc, tlv_decision.cc): the combined reason
// of a refused request, the note limit and the small checks. Not for use outside the domain.
#ifndef SWV_SERVICES_REGISTRATIONS_DOMAIN_TLV_INTERNAL_H_
#define SWV_SERVICES_REGISTRATIONS_DOMAIN_TLV_INTERNAL_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/kernel/errors.h"
#include "services/registrations/domain/tlv.h"
#include "services/registrations/domain/validation.h"

namespace swv::registrations {

inline constexpr absl::string_view kInvalidTlvRequest = "INVALID_TLV_REQUEST";
inline constexpr std::size_t kMaxNoteLength = 2000;

inline absl::Status WrongState(absl::string_view reason, absl::string_view message) {
  return ErrorWithReason(absl::StatusCode::kFailedPrecondition, reason, message);
}

inline absl::string_view StatusWord(TlvStatus status) { return TlvStatusName(status); }

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_DOMAIN_TLV_INTERNAL_H_
