// The proto mapping of swv.v1.Tlvs (OPPs, TLVs, their statistics) for the gRPC adapter: proto in,
// service input out, and service values back to protos. No rules here; pure functions.
#ifndef SWV_SERVICES_REGISTRATIONS_TLVS_TLV_PROTO_MAPPING_H_
#define SWV_SERVICES_REGISTRATIONS_TLVS_TLV_PROTO_MAPPING_H_

#include "services/registrations/intake/intake_service.h"
#include "services/registrations/opps/opp_service.h"
#include "services/registrations/tlvs/tlv_service.h"
#include "swv/v1/tlv.pb.h"

namespace swv::registrations {

OppInput OppInputFromProto(const swv::v1::Opp& in);
void ToProto(const OppView& view, swv::v1::Opp* out);

// The fields of a new TLV application (CreateTlv).
TlvApplicationInput TlvApplicationFromProto(const swv::v1::Tlv& in);
OsoImportInput OsoImportFromProto(const swv::v1::ImportOsoDossierRequest& in);
// Without the XML (the import's answer); WithDocumentToProto with it (GetOsoDossier).
void ToProto(const OsoDossierRecord& record, swv::v1::OsoDossier* out);
void WithDocumentToProto(const OsoDossierRecord& record, swv::v1::OsoDossier* out);
TlvDecideInput TlvDecisionFromProto(const swv::v1::DecideTlvRequest& request);
void ToProto(const TlvView& view, swv::v1::Tlv* out);

void ToProto(const TlvStatisticsResult& result, swv::v1::TlvStatistics* out);
// An unknown grouping reads as none, as GetRegisterStatistics does.
TlvGrouping GroupingOf(swv::v1::TlvGrouping group_by);
void ToProto(const PlacementStatisticsResult& result, swv::v1::PlacementStatistics* out);

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_TLVS_TLV_PROTO_MAPPING_H_
