// The proto mapping of swv.v1.Allocation for the gRPC adapter: year configurations, count sets,
// calculations, board statements, spending accounts and pupil counts, proto in and proto out. No
// rules here; pure functions.
#ifndef SWV_SERVICES_ALLOCATION_ALLOCATION_PROTO_MAPPING_H_
#define SWV_SERVICES_ALLOCATION_ALLOCATION_PROTO_MAPPING_H_

#include <string>
#include <vector>

#include "services/allocation/allocation_service.h"
#include "swv/v1/allocation.pb.h"

namespace swv::allocation {

// The settable fields of a YearConfig message, for funding year `year`.
YearConfig ConfigFromProto(const swv::v1::YearConfig& in, int year);
void ToProto(const YearConfigRecord& record, swv::v1::YearConfig* out);

std::vector<CountRow> RowsFromProto(
    const google::protobuf::RepeatedPtrField<swv::v1::CountRow>& in);
void ToProto(const CountSetRecord& set, swv::v1::CountSet* out);

// "swvs/{swv}/years/{year}/calculations/{id}".
std::string CalculationName(const CalculationRecord& r);
void ToProto(const CalculationRecord& r, swv::v1::Calculation* out);
void ToProto(const CalculationView& view, swv::v1::Calculation* out);
// All but the name, which the request gives.
void ToProto(const StatementView& view, swv::v1::BoardStatement* out);
// The CSV exports, named after what they hold ("allocation-PO2203-2026-c1.csv").
void ToProto(const CalculationView& view, swv::v1::CsvDocument* out);
void ToProto(const StatementView& view, swv::v1::CsvDocument* out);

SpendingAccountInput SpendingAccountFromProto(const swv::v1::SpendingAccount& in);
void ToProto(const SpendingAccountView& view, swv::v1::SpendingAccount* out);

// Empty when the year has no calculation.
void ToProto(const SchoolPupilCountsView& view, swv::v1::SchoolPupilCounts* out);

}  // namespace swv::allocation

#endif  // SWV_SERVICES_ALLOCATION_ALLOCATION_PROTO_MAPPING_H_
