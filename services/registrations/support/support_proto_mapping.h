// The proto mapping of school support profiles, the wijk overview and waiting-list entries
// (swv.v1.Support): values in, protos out, and the request fields into the domain's inputs. No
// rules here. Free functions; thread-safe.
#ifndef SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_PROTO_MAPPING_H_
#define SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_PROTO_MAPPING_H_

#include "services/registrations/domain/school_profile.h"
#include "services/registrations/domain/support.h"
#include "services/registrations/domain/waiting_list.h"
#include "services/registrations/support/support_service.h"
#include "swv/v1/support.pb.h"

namespace swv::registrations {

SchoolProfileInput ProfileInputOf(const ::swv::v1::SchoolProfile& in);
void ToProto(const SchoolProfileView& view, ::swv::v1::SchoolProfile* out);
void ToProto(const WijkOverviewResult& result, ::swv::v1::WijkSupportOverview* out);

WaitingEntryInput WaitingInputOf(const ::swv::v1::WaitingEntry& in);
WaitingEndInput WaitingEndOf(const ::swv::v1::EndWaitingEntryRequest& in);
void ToProto(const WaitingEntryView& view, ::swv::v1::WaitingEntry* out);

// One group of the support statistics.
void ToProto(const SupportStatistics& stats, ::swv::v1::SupportCounts* out);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_PROTO_MAPPING_H_
