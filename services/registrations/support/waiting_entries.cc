// SupportService: waiting-list entries (a pupil waiting for an SO or SBO place, or for youth
// care).
#include <string>
#include <utility>

#include "services/kernel/errors.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/support/support_service.h"

namespace swv::registrations {
namespace {

absl::Status NoWaitingEntries() {
  return absl::UnimplementedError("this process keeps no school profiles or waiting entries");
}

}  // namespace

WaitingEntryView SupportService::ViewOf(WaitingEntryRecord stored) const {
  WaitingEntryView view;
  view.days_waiting = DaysWaiting(stored.entry.waiting_since, stored.ended_on, Today());
  view.stored = std::move(stored);
  return view;
}

absl::StatusOr<WaitingEntryView> SupportService::CreateWaitingEntry(const Principal& caller,
                                                                    absl::string_view swv,
                                                                    const WaitingEntryInput& input,
                                                                    absl::string_view request_id) {
  if (!has_profiles_) return NoWaitingEntries();
  SWV_ASSIGN_OR_RETURN(
      WaitingEntryRecord stored,
      waiting_.Create(caller, swv, request_id, [&](WaitingEntryRecord& r) -> absl::Status {
        SWV_ASSIGN_OR_RETURN(r.entry, ValidateWaitingEntry(input, Today()));
        if (r.entry.tlv_id.empty() || !lookups_.tlv_kind) return absl::OkStatus();
        // The TLV must be one of this SWV: another SWV's or a missing one reads alike.
        absl::StatusOr<TlvKind> kind = lookups_.tlv_kind(r.tenant, r.entry.tlv_id);
        if (absl::IsNotFound(kind.status())) {
          return InvalidField("waiting_entry.tlv", "TLV_NOT_FOUND", "names no TLV of this SWV");
        }
        if (!kind.ok()) return kind.status();
        return CheckTlvKind(r.entry.kind, *kind);
      }));
  return ViewOf(std::move(stored));
}

absl::StatusOr<WaitingEntryView> SupportService::GetWaitingEntry(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view id) {
  if (!has_profiles_) return NoWaitingEntries();
  SWV_ASSIGN_OR_RETURN(WaitingEntryRecord stored, waiting_.Read(caller, swv, id));
  return ViewOf(std::move(stored));
}

absl::StatusOr<ListResult<WaitingEntryView>> SupportService::ListWaitingEntries(
    const Principal& caller, absl::string_view swv, int page_size, absl::string_view page_token,
    absl::string_view school, absl::optional<bool> ended) {
  if (!has_profiles_) return NoWaitingEntries();
  // Initialised, not assigned: GCC 12 with the sanitizers warns (maybe-uninitialized) on
  // move-assigning a variant into the optional.
  const absl::optional<storage::Value> state =
      ended ? absl::make_optional(storage::Value(int64_t{*ended ? 1 : 0})) : absl::nullopt;
  SWV_ASSIGN_OR_RETURN(ListResult<WaitingEntryRecord> page,
                       waiting_.List(caller, swv,
                                     {page_size,
                                      page_token,
                                      school,
                                      {{"ended", ended ? (*ended ? "true" : "false") : ""}},
                                      absl::nullopt,
                                      state}));
  return ViewsOf<WaitingEntryView>(std::move(page),
                                   [this](WaitingEntryRecord r) { return ViewOf(std::move(r)); });
}

absl::StatusOr<WaitingEntryView> SupportService::EndWaitingEntry(const Principal& caller,
                                                                 absl::string_view swv,
                                                                 absl::string_view id,
                                                                 const WaitingEndInput& input,
                                                                 int64_t expected_version) {
  if (!has_profiles_) return NoWaitingEntries();
  SWV_ASSIGN_OR_RETURN(
      WaitingEntryRecord written,
      waiting_.Change(
          caller, swv, id, expected_version, "ended",
          [&](WaitingEntryRecord& record) -> absl::Status {
            SWV_RETURN_IF_ERROR(access_.WriteRecord(caller, record.tenant, SchoolsOf(record)));
            SWV_ASSIGN_OR_RETURN(
                ValidWaitingEnd end,
                ValidateWaitingEnd(record.ended, record.entry.waiting_since, input, Today()));
            record.ended = true;
            record.ended_on = end.ended_on;
            record.outcome = end.outcome;
            record.end_note = std::move(end.note);
            return absl::OkStatus();
          }));
  return ViewOf(std::move(written));
}

}  // namespace swv::registrations
