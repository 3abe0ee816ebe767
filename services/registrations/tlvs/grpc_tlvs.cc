#include "services/registrations/tlvs/grpc_tlvs.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_handler.h"
#include "services/common/grpc_principal.h"
#include "services/common/grpc_status.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/grpc_support.h"

namespace swv::registrations {
namespace {

namespace pb = ::swv::v1;
using grpc_support::ParseResourceName;
using grpc_support::SwvOfParent;

std::string DateOrEmpty(const absl::optional<absl::CivilDay>& day) {
  return day ? FormatDate(*day) : "";
}

absl::optional<ParentalConsent> ConsentFromProto(pb::ParentalConsent c) {
  switch (c) {
    case pb::PARENTAL_CONSENT_NOT_ASKED:
      return ParentalConsent::kNotAsked;
    case pb::PARENTAL_CONSENT_GIVEN:
      return ParentalConsent::kGiven;
    case pb::PARENTAL_CONSENT_REFUSED:
      return ParentalConsent::kRefused;
    default:
      return absl::nullopt;
  }
}
pb::ParentalConsent ConsentToProto(ParentalConsent c) {
  switch (c) {
    case ParentalConsent::kNotAsked:
      return pb::PARENTAL_CONSENT_NOT_ASKED;
    case ParentalConsent::kGiven:
      return pb::PARENTAL_CONSENT_GIVEN;
    case ParentalConsent::kRefused:
      return pb::PARENTAL_CONSENT_REFUSED;
  }
  return pb::PARENTAL_CONSENT_UNSPECIFIED;
}
absl::optional<TlvKind> KindFromProto(pb::TlvKind k) {
  switch (k) {
    case pb::TLV_KIND_SBO:
      return TlvKind::kSbo;
    case pb::TLV_KIND_SO:
      return TlvKind::kSo;
    default:
      return absl::nullopt;
  }
}
pb::TlvKind KindToProto(TlvKind k) {
  return k == TlvKind::kSbo ? pb::TLV_KIND_SBO : pb::TLV_KIND_SO;
}
absl::optional<SoCategory> CategoryFromProto(pb::SoCategory c) {
  switch (c) {
    case pb::SO_CATEGORY_LAAG:
      return SoCategory::kLaag;
    case pb::SO_CATEGORY_MIDDEN:
      return SoCategory::kMidden;
    case pb::SO_CATEGORY_HOOG:
      return SoCategory::kHoog;
    default:
      return absl::nullopt;
  }
}
pb::SoCategory CategoryToProto(absl::optional<SoCategory> c) {
  if (!c) return pb::SO_CATEGORY_UNSPECIFIED;
  switch (*c) {
    case SoCategory::kLaag:
      return pb::SO_CATEGORY_LAAG;
    case SoCategory::kMidden:
      return pb::SO_CATEGORY_MIDDEN;
    case SoCategory::kHoog:
      return pb::SO_CATEGORY_HOOG;
  }
  return pb::SO_CATEGORY_UNSPECIFIED;
}
absl::optional<TlvStatus> StatusFromProto(pb::TlvStatus s) {
  switch (s) {
    case pb::TLV_STATUS_RECEIVED:
      return TlvStatus::kReceived;
    case pb::TLV_STATUS_COMPLETE:
      return TlvStatus::kComplete;
    case pb::TLV_STATUS_GRANTED:
      return TlvStatus::kGranted;
    case pb::TLV_STATUS_REFUSED:
      return TlvStatus::kRefused;
    default:
      return absl::nullopt;
  }
}
pb::TlvStatus StatusToProto(TlvStatus s) {
  switch (s) {
    case TlvStatus::kReceived:
      return pb::TLV_STATUS_RECEIVED;
    case TlvStatus::kComplete:
      return pb::TLV_STATUS_COMPLETE;
    case TlvStatus::kGranted:
      return pb::TLV_STATUS_GRANTED;
    case TlvStatus::kRefused:
      return pb::TLV_STATUS_REFUSED;
  }
  return pb::TLV_STATUS_UNSPECIFIED;
}
absl::optional<ExpertProfession> ProfessionFromProto(pb::ExpertProfession p) {
  switch (p) {
    case pb::EXPERT_PROFESSION_ORTHOPEDAGOOG:
      return ExpertProfession::kOrthopedagoog;
    case pb::EXPERT_PROFESSION_PSYCHOLOOG:
      return ExpertProfession::kPsycholoog;
    case pb::EXPERT_PROFESSION_KINDER_JEUGDPSYCHOLOOG:
      return ExpertProfession::kKinderJeugdpsycholoog;
    case pb::EXPERT_PROFESSION_PEDAGOOG:
      return ExpertProfession::kPedagoog;
    case pb::EXPERT_PROFESSION_KINDERPSYCHIATER:
      return ExpertProfession::kKinderpsychiater;
    case pb::EXPERT_PROFESSION_MAATSCHAPPELIJK_WERKER:
      return ExpertProfession::kMaatschappelijkWerker;
    case pb::EXPERT_PROFESSION_ARTS:
      return ExpertProfession::kArts;
    default:
      return absl::nullopt;
  }
}
pb::ExpertProfession ProfessionToProto(ExpertProfession p) {
  switch (p) {
    case ExpertProfession::kOrthopedagoog:
      return pb::EXPERT_PROFESSION_ORTHOPEDAGOOG;
    case ExpertProfession::kPsycholoog:
      return pb::EXPERT_PROFESSION_PSYCHOLOOG;
    case ExpertProfession::kKinderJeugdpsycholoog:
      return pb::EXPERT_PROFESSION_KINDER_JEUGDPSYCHOLOOG;
    case ExpertProfession::kPedagoog:
      return pb::EXPERT_PROFESSION_PEDAGOOG;
    case ExpertProfession::kKinderpsychiater:
      return pb::EXPERT_PROFESSION_KINDERPSYCHIATER;
    case ExpertProfession::kMaatschappelijkWerker:
      return pb::EXPERT_PROFESSION_MAATSCHAPPELIJK_WERKER;
    case ExpertProfession::kArts:
      return pb::EXPERT_PROFESSION_ARTS;
  }
  return pb::EXPERT_PROFESSION_UNSPECIFIED;
}

OppInput OppInputFrom(const pb::Opp& in) {
  OppInput input;
  input.school = in.school();
  input.lvs_pupil_number = in.lvs_pupil_number();
  input.drawn_up_on = in.drawn_up_on();
  input.start_date = in.start_date();
  input.end_date = in.end_date();
  input.enrolment_date = in.enrolment_date();
  input.consent = ConsentFromProto(in.consent());
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
  out->set_consent(ConsentToProto(o.consent));
  out->set_consent_date(DateOrEmpty(o.consent_date));
  out->set_last_evaluated_on(DateOrEmpty(o.last_evaluated_on));
  if (o.so_tlv_profile) out->set_so_tlv_profile(*o.so_tlv_profile);
  out->set_evaluation_due(FormatDate(view.evaluation_due));
  out->set_evaluation_overdue(view.evaluation_overdue);
  out->set_drawn_up_late(view.drawn_up_late);
  out->set_version(r.version);
  out->set_create_time(Rfc3339(r.create_time));
  out->set_update_time(Rfc3339(r.update_time));
  out->set_created_by(r.created_by);
  out->set_updated_by(r.updated_by);
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
  out->set_kind(KindToProto(s.kind));
  out->set_so_category(CategoryToProto(s.so_category));
  out->set_received_on(FormatDate(s.received_on));
  out->set_status(StatusToProto(s.status));
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
    advice->set_profession(ProfessionToProto(a.profession));
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
  out->set_version(r.version);
  out->set_create_time(Rfc3339(r.create_time));
  out->set_update_time(Rfc3339(r.update_time));
  out->set_created_by(r.created_by);
  out->set_updated_by(r.updated_by);
}

void ToProto(const DurationPercentiles& p, pb::DurationPercentiles* out) {
  out->set_count(p.count);
  out->set_p25_days(p.p25);
  out->set_p50_days(p.p50);
  out->set_p75_days(p.p75);
}

}  // namespace

grpc::Status GrpcTlvs::CreateOpp(grpc::ServerContext* context, const pb::CreateOppRequest* request,
                                 pb::Opp* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    SWV_ASSIGN_OR_RETURN(OppView view, opps_->Create(caller, swv, OppInputFrom(request->opp()),
                                                     request->request_id()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::GetOpp(grpc::ServerContext* context, const pb::GetOppRequest* request,
                              pb::Opp* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opps"));
    SWV_ASSIGN_OR_RETURN(OppView view, opps_->Get(caller, name.first, name.second));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::ListOpps(grpc::ServerContext* context, const pb::ListOppsRequest* request,
                                pb::ListOppsResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    SWV_ASSIGN_OR_RETURN(
        OppListResult result,
        opps_->List(caller, swv, request->page_size(), request->page_token(), request->school()));
    for (const OppView& view : result.opps) ToProto(view, response->add_opps());
    response->set_next_page_token(result.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::UpdateOpp(grpc::ServerContext* context, const pb::UpdateOppRequest* request,
                                 pb::Opp* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("opp.name", request->opp().name(), "opps"));
    SWV_ASSIGN_OR_RETURN(
        OppView view, opps_->Update(caller, name.first, name.second, OppInputFrom(request->opp()),
                                    request->opp().version(), request->reason()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::ListOppVersions(grpc::ServerContext* context,
                                       const pb::ListOppVersionsRequest* request,
                                       pb::ListOppVersionsResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "opps"));
    SWV_ASSIGN_OR_RETURN(std::vector<RecordChange> versions,
                         opps_->Versions(caller, name.first, name.second));
    for (const RecordChange& v : versions) {
      pb::OppVersion* out = response->add_versions();
      out->set_version(v.version);
      out->set_action(v.action);
      out->set_actor(v.actor);
      out->set_time(Rfc3339(v.time));
      out->set_reason(v.reason);
      out->set_snapshot_json(v.snapshot_json);
    }
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::CreateTlv(grpc::ServerContext* context, const pb::CreateTlvRequest* request,
                                 pb::Tlv* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    const pb::Tlv& in = request->tlv();
    TlvApplicationInput input;
    input.referring_school = in.referring_school();
    input.lvs_pupil_number = in.lvs_pupil_number();
    input.receiving_school = in.receiving_school();
    input.kind = KindFromProto(in.kind());
    input.so_category = CategoryFromProto(in.so_category());
    input.received_on = in.received_on();
    SWV_ASSIGN_OR_RETURN(TlvView view, tlvs_->Create(caller, swv, input, request->request_id()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::GetTlv(grpc::ServerContext* context, const pb::GetTlvRequest* request,
                              pb::Tlv* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
    SWV_ASSIGN_OR_RETURN(TlvView view, tlvs_->Get(caller, name.first, name.second));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::ListTlvs(grpc::ServerContext* context, const pb::ListTlvsRequest* request,
                                pb::ListTlvsResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    TlvListRequest list;
    list.swv = swv;
    list.page_size = request->page_size();
    list.page_token = request->page_token();
    list.status = StatusFromProto(request->status());
    list.overdue_only = request->overdue_only();
    SWV_ASSIGN_OR_RETURN(TlvListResult result, tlvs_->List(caller, list));
    for (const TlvView& view : result.tlvs) ToProto(view, response->add_tlvs());
    response->set_next_page_token(result.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::CompleteTlv(grpc::ServerContext* context,
                                   const pb::CompleteTlvRequest* request, pb::Tlv* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
    TlvCompleteInput input;
    input.completed_on = request->completed_on();
    input.parents_view_recorded_on = request->parents_view().recorded_on();
    input.parents_view_summary = request->parents_view().summary();
    SWV_ASSIGN_OR_RETURN(TlvView view,
                         tlvs_->Complete(caller, name.first, name.second, request->opp(),
                                         std::move(input), request->expected_version()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::ExtendTlv(grpc::ServerContext* context, const pb::ExtendTlvRequest* request,
                                 pb::Tlv* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
    SWV_ASSIGN_OR_RETURN(TlvView view,
                         tlvs_->Extend(caller, name.first, name.second,
                                       TlvExtendInput{request->extended_on(), request->reason()},
                                       request->expected_version()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::DecideTlv(grpc::ServerContext* context, const pb::DecideTlvRequest* request,
                                 pb::Tlv* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
    TlvDecideInput input;
    input.decided_on = request->decided_on();
    if (request->outcome() == pb::TLV_OUTCOME_GRANTED) input.outcome = TlvOutcome::kGranted;
    if (request->outcome() == pb::TLV_OUTCOME_REFUSED) input.outcome = TlvOutcome::kRefused;
    input.valid_from = request->valid_from();
    input.valid_until = request->valid_until();
    input.so_category = CategoryFromProto(request->so_category());
    input.return_to_regular_considered = request->return_to_regular_considered();
    input.return_to_regular_note = request->return_to_regular_note();
    input.decision_note = request->decision_note();
    for (const pb::ExpertAdvice& a : request->advices()) {
      ExpertAdviceInput advice;
      advice.expert_name = a.expert_name();
      advice.profession = ProfessionFromProto(a.profession());
      advice.advised_on = a.advised_on();
      advice.affiliated_school = a.affiliated_school();
      advice.involved_before = a.involved_before();
      input.advices.push_back(std::move(advice));
    }
    SWV_ASSIGN_OR_RETURN(TlvView view, tlvs_->Decide(caller, name.first, name.second, input,
                                                     request->expected_version()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::RecordTlvObjection(grpc::ServerContext* context,
                                          const pb::RecordTlvObjectionRequest* request,
                                          pb::Tlv* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
    SWV_ASSIGN_OR_RETURN(TlvView view, tlvs_->RecordObjection(
                                           caller, name.first, name.second,
                                           TlvObjectionInput{request->filed_on(), request->note()},
                                           request->expected_version()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::RenewTlv(grpc::ServerContext* context, const pb::RenewTlvRequest* request,
                                pb::Tlv* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
    TlvApplicationInput input;
    input.received_on = request->received_on();
    input.receiving_school = request->receiving_school();
    input.so_category = CategoryFromProto(request->so_category());
    SWV_ASSIGN_OR_RETURN(
        TlvView view, tlvs_->Renew(caller, name.first, name.second, input, request->request_id()));
    ToProto(view, response);
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::ListTlvHistory(grpc::ServerContext* context,
                                      const pb::ListTlvHistoryRequest* request,
                                      pb::ListTlvHistoryResponse* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(auto name, ParseResourceName("name", request->name(), "tlvs"));
    SWV_ASSIGN_OR_RETURN(std::vector<RecordChange> changes,
                         tlvs_->History(caller, name.first, name.second));
    for (const RecordChange& change : changes) {
      pb::TlvChange* out = response->add_changes();
      out->set_version(change.version);
      out->set_action(change.action);
      out->set_actor(change.actor);
      out->set_time(Rfc3339(change.time));
      out->set_snapshot_json(change.snapshot_json);
    }
    return absl::OkStatus();
  });
}

grpc::Status GrpcTlvs::GetTlvStatistics(grpc::ServerContext* context,
                                        const pb::GetTlvStatisticsRequest* request,
                                        pb::TlvStatistics* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    TlvStatisticsRequest query{
        swv, request->from(), request->to(), request->board(), request->school(), request->wijk()};
    SWV_ASSIGN_OR_RETURN(TlvStatisticsResult result, tlvs_->Statistics(caller, query));
    const TlvStatistics& s = result.statistics;
    response->set_from(FormatDate(result.period.first));
    response->set_to(FormatDate(result.period.last));
    response->set_received(s.received);
    response->set_completed(s.completed);
    response->set_decided(s.decided);
    response->set_granted(s.granted);
    response->set_refused(s.refused);
    response->set_decided_within_deadline(s.decided_within_deadline);
    response->set_decided_late(s.decided_late);
    response->set_open_now(s.open_now);
    response->set_overdue_now(s.overdue_now);
    ToProto(s.received_to_complete, response->mutable_received_to_complete());
    ToProto(s.complete_to_decision, response->mutable_complete_to_decision());
    response->set_granted_sbo(s.granted_sbo);
    response->set_granted_so_laag(s.granted_so_laag);
    response->set_granted_so_midden(s.granted_so_midden);
    response->set_granted_so_hoog(s.granted_so_hoog);
    response->set_granted_receiving_inside_region(s.granted_receiving_inside_region);
    response->set_granted_receiving_outside_region(s.granted_receiving_outside_region);
    response->set_objections(s.objections);
    response->set_renewals_received(s.renewals_received);
    response->set_opps_active_now(s.opps_active_now);
    response->set_opps_evaluation_overdue_now(s.opps_evaluation_overdue_now);
    response->set_opps_drawn_up_late(s.opps_drawn_up_late);
    return absl::OkStatus();
  });
}

namespace {

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

grpc::Status GrpcTlvs::GetPlacementStatistics(grpc::ServerContext* context,
                                              const pb::GetPlacementStatisticsRequest* request,
                                              pb::PlacementStatistics* response) {
  return ServeCall(context, [&](const Principal& caller) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(std::string swv, SwvOfParent("parent", request->parent()));
    SWV_ASSIGN_OR_RETURN(PlacementStatisticsResult result,
                         tlvs_->PlacementStatisticsOf(caller, swv, request->from(), request->to()));
    response->set_from(FormatDate(result.period.first));
    response->set_to(FormatDate(result.period.last));
    response->set_as_of(FormatDate(result.as_of));
    ToProto("", result.statistics.total, response->mutable_total());
    for (const auto& [school, counts] : result.statistics.by_first_school) {
      ToProto(school, counts, response->add_schools());
    }
    return absl::OkStatus();
  });
}

}  // namespace swv::registrations
