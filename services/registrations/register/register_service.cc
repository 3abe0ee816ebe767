#include "services/registrations/register/register_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {

RegisterService::RegisterService(const RegisterStores& stores, const Clock* clock,
                                 AccessPolicy access)
    : clock_(clock),
      access_(std::move(access)),
      exemptions_(stores.exemptions.get(), &access_, clock,
                  {"exemptions", &ExemptionRecord::exemption_id, "vr-"}),
      monitorkinderen_(stores.monitorkinderen.get(), &access_, clock,
                       {"monitorkinderen", &MonitorkindRecord::monitorkind_id, "mk-"}) {}

absl::CivilDay RegisterService::Today() const { return DutchToday(*clock_); }

absl::StatusOr<ExemptionRecord> RegisterService::RecordExemption(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 const ExemptionInput& input,
                                                                 absl::string_view request_id) {
  return exemptions_.Create(caller, swv, request_id, [&](ExemptionRecord& r) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(r.exemption, ValidateExemption(input, Today()));
    return absl::OkStatus();
  });
}

absl::StatusOr<ListResult<ExemptionRecord>> RegisterService::ListExemptions(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token) {
  return exemptions_.List(caller, swv,
                          {page_size, page_token, absl::nullopt, {}, absl::nullopt, absl::nullopt});
}

absl::StatusOr<MonitorkindRecord> RegisterService::RegisterMonitorkind(
    const Principal& caller, absl::string_view swv, const MonitorkindInput& input,
    absl::string_view request_id) {
  return monitorkinderen_.Create(
      caller, swv, request_id, [&](MonitorkindRecord& r) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(r.monitorkind, ValidateMonitorkind(input, Today()));
        return absl::OkStatus();
      });
}

absl::StatusOr<ListResult<MonitorkindRecord>> RegisterService::ListMonitorkinderen(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::optional<CaseStatus> status) {
  const absl::string_view name = status ? CaseStatusName(*status) : "";
  return monitorkinderen_.List(caller, swv,
                               {page_size,
                                page_token,
                                absl::nullopt,
                                {{"status", name}},
                                absl::nullopt,
                                StoredState(status, name)});
}

absl::StatusOr<MonitorkindRecord> RegisterService::CloseMonitorkind(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    absl::string_view id,
                                                                    const CloseInput& input,
                                                                    int64_t expected_version) {
  return monitorkinderen_.Change(
      caller, swv, id, expected_version, "closed", [&](MonitorkindRecord& record) {
        return ApplyClose(
            ValidateRecordClose(record.status, record.monitorkind.at_home_since, input, Today()),
            record);
      });
}

}  // namespace swv::registrations
