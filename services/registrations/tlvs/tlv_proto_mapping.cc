#include "services/registrations/tlvs/tlv_proto_mapping.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/proto_enum.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/grpc_support.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;

void ToProto(const DurationPercentiles& p, pb::DurationPercentiles* out) {
  out->set_count(p.count);
  out->set_p25_days(p.p25);
  out->set_p50_days(p.p50);
  out->set_p75_days(p.p75);
}

void ToProto(const std::string& key, const PlacementCounts& c, pb::PlacementCounts* out) {
  out->set_key(key);
  out->set_extra_support_pupils(c.extra_support_pupils);
  out->set_served_at_first_school(c.served_at_first_school);
  out->set_served_in_same_wijk(c.served_in_same_wijk);
  out->set_served_elsewhere(c.served_elsewhere);
  out->set_so_profile_pupils(c.so_profile_pupils);
  out->set_so_profile_at_mdo_inside_region(c.so_profile_at_mdo_inside_region);
}

}  // namespace

OppInput OppInputFromProto(const pb::Opp& in) {
  OppInput input;
  input.school = in.school();
  input.lvs_pupil_number = in.lvs_pupil_number();
  input.drawn_up_on = in.drawn_up_on();
  input.start_date = in.start_date();
  input.end_date = in.end_date();
  input.enrolment_date = in.enrolment_date();
  input.consent = FromProtoEnum(in.consent(), ParentalConsentFromName);
  input.consent_date = in.consent_date();
  input.last_evaluated_on = in.last_evaluated_on();
  if (in.has_so_tlv_profile()) input.so_tlv_profile = in.so_tlv_profile();
  return input;
}

void ToProto(const OppView& view, pb::Opp* out) {
  const OppRecord& r = view.stored;
  const ValidOpp& o = r.opp;
  out->set_name(absl::StrCat("swvs/", r.tenant, "/opps/", r.opp_id));
  out->set_school(o.school.ToString());
  out->set_lvs_pupil_number(o.lvs_pupil_number);
  out->set_pupil_id(r.pupil_id);
  out->set_drawn_up_on(FormatDate(o.drawn_up_on));
  out->set_start_date(FormatDate(o.start_date));
  out->set_end_date(DateOrEmpty(o.end_date));
  out->set_enrolment_date(DateOrEmpty(o.enrolment_date));
  out->set_consent(ProtoEnumOf<pb::ParentalConsent>(ParentalConsentName(o.consent)));
  out->set_consent_date(DateOrEmpty(o.consent_date));
  out->set_last_evaluated_on(DateOrEmpty(o.last_evaluated_on));
  if (o.so_tlv_profile) out->set_so_tlv_profile(*o.so_tlv_profile);
  out->set_evaluation_due(FormatDate(view.evaluation_due));
  out->set_evaluation_overdue(view.evaluation_overdue);
  out->set_drawn_up_late(view.drawn_up_late);
  AuditToProto(r, out);
}

OsoImportInput OsoImportFromProto(const pb::ImportOsoDossierRequest& in) {
  OsoImportInput input;
  input.school = in.school();
  input.dossier_xml = in.dossier_xml();
  if (in.application() == pb::OSO_APPLICATION_TLV) input.application = OsoApplicationKind::kTlv;
  if (in.application() == pb::OSO_APPLICATION_ARRANGEMENT) {
    input.application = OsoApplicationKind::kArrangement;
  }
  input.tlv_kind = FromProtoEnum(in.tlv_kind(), TlvKindFromName);
  input.so_category = FromProtoEnum(in.so_category(), SoCategoryFromName);
  input.receiving_school = in.receiving_school();
  input.arrangement_description = in.arrangement_description();
  return input;
}

void ToProto(const OsoDossierRecord& r, pb::OsoDossier* out) {
  out->set_name(absl::StrCat("swvs/", r.tenant, "/oso-dossiers/", r.dossier_id));
  out->set_school(r.school);
  out->set_lvs_pupil_number(r.lvs_pupil_number);
  out->set_pupil_id(r.pupil_id);
  out->set_profile(r.profile);
  out->set_opp(absl::StrCat("swvs/", r.tenant, "/opps/", r.opp_id));
  if (!r.tlv_id.empty()) out->set_tlv(absl::StrCat("swvs/", r.tenant, "/tlvs/", r.tlv_id));
  if (!r.arrangement_id.empty()) {
    out->set_arrangement(absl::StrCat("swvs/", r.tenant, "/arrangements/", r.arrangement_id));
  }
  out->set_consent(ProtoEnumOf<pb::ParentalConsent>(ParentalConsentName(r.consent)));
  out->set_parents_view_recorded_on(DateOrEmpty(r.parents_view_recorded_on));
  out->set_parents_view_summary(r.parents_view_summary);
  out->set_receive_time(Rfc3339(r.receive_time));
  out->set_received_by(r.received_by);
}

void WithDocumentToProto(const OsoDossierRecord& r, pb::OsoDossier* out) {
  ToProto(r, out);
  out->set_dossier_xml(r.xml);
}

TlvApplicationInput TlvApplicationFromProto(const pb::Tlv& in) {
  TlvApplicationInput input;
  input.referring_school = in.referring_school();
  input.lvs_pupil_number = in.lvs_pupil_number();
  input.receiving_school = in.receiving_school();
  input.kind = FromProtoEnum(in.kind(), TlvKindFromName);
  input.so_category = FromProtoEnum(in.so_category(), SoCategoryFromName);
  input.received_on = in.received_on();
  return input;
}

void ToProto(const TlvView& view, pb::Tlv* out) {
  const TlvRecord& r = view.stored;
  const TlvState& s = r.state;
  const std::string prefix = absl::StrCat("swvs/", r.tenant);
  out->set_name(absl::StrCat(prefix, "/tlvs/", r.tlv_id));
  out->set_referring_school(s.referring_school.ToString());
  out->set_lvs_pupil_number(s.lvs_pupil_number);
  out->set_pupil_id(r.pupil_id);
  out->set_receiving_school(s.receiving_school.ToString());
  out->set_receiving_school_inside_region(s.receiving_inside_region);
  out->set_kind(ProtoEnumOf<pb::TlvKind>(TlvKindName(s.kind)));
  out->set_so_category(
      ProtoEnumOf<pb::SoCategory>(s.so_category ? SoCategoryName(*s.so_category) : ""));
  out->set_received_on(FormatDate(s.received_on));
  out->set_status(ProtoEnumOf<pb::TlvStatus>(TlvStatusName(s.status)));
  if (!s.opp_id.empty()) out->set_opp(absl::StrCat(prefix, "/opps/", s.opp_id));
  out->set_opp_consent_given(s.opp_consent_given);
  if (s.parents_view) {
    out->mutable_parents_view()->set_recorded_on(FormatDate(s.parents_view->recorded_on));
    out->mutable_parents_view()->set_summary(s.parents_view->summary);
  }
  out->set_completed_on(DateOrEmpty(s.completed_on));
  out->set_extended(s.extended);
  out->set_extension_reason(s.extension_reason);
  out->set_extended_on(DateOrEmpty(s.extended_on));
  out->set_decision_deadline(DateOrEmpty(view.deadline));
  out->set_overdue(view.overdue);
  out->set_decided_on(DateOrEmpty(s.decided_on));
  out->set_decided_late(view.decided_late);
  out->set_decision_number(s.decision_number);
  out->set_valid_from(DateOrEmpty(s.valid_from));
  out->set_valid_until(DateOrEmpty(s.valid_until));
  out->set_return_to_regular_considered(s.return_to_regular_considered);
  out->set_return_to_regular_note(s.return_to_regular_note);
  out->set_decision_note(s.decision_note);
  for (const ExpertAdvice& a : s.advices) {
    pb::ExpertAdvice* advice = out->add_advices();
    advice->set_expert_name(a.expert_name);
    advice->set_profession(ProtoEnumOf<pb::ExpertProfession>(ExpertProfessionName(a.profession)));
    advice->set_advised_on(FormatDate(a.advised_on));
    advice->set_affiliated_school(a.affiliated_school);
    advice->set_involved_before(a.involved_before);
  }
  out->set_objection_filed_on(DateOrEmpty(s.objection_filed_on));
  out->set_objection_note(s.objection_note);
  if (!s.renews.empty()) out->set_renews(absl::StrCat(prefix, "/tlvs/", s.renews));
  if (!s.renewed_by.empty()) out->set_renewed_by(absl::StrCat(prefix, "/tlvs/", s.renewed_by));
  out->set_days_to_complete(view.days_to_complete.value_or(-1));
  out->set_days_to_decision(view.days_to_decision.value_or(-1));
  AuditToProto(r, out);
}

TlvDecideInput TlvDecisionFromProto(const pb::DecideTlvRequest& request) {
  TlvDecideInput input;
  input.decided_on = request.decided_on();
  if (request.outcome() == pb::TLV_OUTCOME_GRANTED) input.outcome = TlvOutcome::kGranted;
  if (request.outcome() == pb::TLV_OUTCOME_REFUSED) input.outcome = TlvOutcome::kRefused;
  input.valid_from = request.valid_from();
  input.valid_until = request.valid_until();
  input.so_category = FromProtoEnum(request.so_category(), SoCategoryFromName);
  input.return_to_regular_considered = request.return_to_regular_considered();
  input.return_to_regular_note = request.return_to_regular_note();
  input.decision_note = request.decision_note();
  for (const pb::ExpertAdvice& a : request.advices()) {
    ExpertAdviceInput advice;
    advice.expert_name = a.expert_name();
    advice.profession = FromProtoEnum(a.profession(), ExpertProfessionFromName);
    advice.advised_on = a.advised_on();
    advice.affiliated_school = a.affiliated_school();
    advice.involved_before = a.involved_before();
    input.advices.push_back(std::move(advice));
  }
  return input;
}

namespace {

void ToProto(const DayRange& period, const TlvStatistics& s, pb::TlvStatistics* out) {
  PeriodToProto(period, out);
  out->set_received(s.received);
  out->set_completed(s.completed);
  out->set_decided(s.decided);
  out->set_granted(s.granted);
  out->set_refused(s.refused);
  out->set_decided_within_deadline(s.decided_within_deadline);
  out->set_decided_late(s.decided_late);
  out->set_open_now(s.open_now);
  out->set_overdue_now(s.overdue_now);
  ToProto(s.received_to_complete, out->mutable_received_to_complete());
  ToProto(s.complete_to_decision, out->mutable_complete_to_decision());
  out->set_granted_sbo(s.granted_sbo);
  out->set_granted_so_laag(s.granted_so_laag);
  out->set_granted_so_midden(s.granted_so_midden);
  out->set_granted_so_hoog(s.granted_so_hoog);
  out->set_granted_receiving_inside_region(s.granted_receiving_inside_region);
  out->set_granted_receiving_outside_region(s.granted_receiving_outside_region);
  out->set_objections(s.objections);
  out->set_renewals_received(s.renewals_received);
  out->set_opps_active_now(s.opps_active_now);
  out->set_opps_evaluation_overdue_now(s.opps_evaluation_overdue_now);
  out->set_opps_drawn_up_late(s.opps_drawn_up_late);
}

}  // namespace

void ToProto(const TlvStatisticsResult& result, pb::TlvStatistics* out) {
  ToProto(result.period, result.statistics, out);
  for (const auto& [key, statistics] : result.groups) {
    pb::TlvStatistics* group = out->add_groups();
    ToProto(result.period, statistics, group);
    group->set_key(key);
  }
}

TlvGrouping GroupingOf(pb::TlvGrouping group_by) {
  switch (group_by) {
    case pb::TLV_GROUPING_SCHOOL:
      return TlvGrouping::kSchool;
    case pb::TLV_GROUPING_WIJK:
      return TlvGrouping::kWijk;
    case pb::TLV_GROUPING_BOARD:
      return TlvGrouping::kBoard;
    default:
      return TlvGrouping::kNone;
  }
}

void ToProto(const PlacementStatisticsResult& result, pb::PlacementStatistics* out) {
  PeriodToProto(result.period, out);
  out->set_as_of(FormatDate(result.as_of));
  ToProto("", result.statistics.total, out->mutable_total());
  for (const auto& [school, counts] : result.statistics.by_first_school) {
    ToProto(school, counts, out->add_schools());
  }
}

}  // namespace swv::registrations
