#include "services/registrations/support/support_proto_mapping.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/proto_enum.h"
#include "services/kernel/time_format.h"
#include "services/registrations/records/grpc_support.h"

namespace swv::registrations {

namespace pb = ::swv::v1;

SchoolProfileInput ProfileInputOf(const pb::SchoolProfile& in) {
  SchoolProfileInput input;
  input.school = in.school();
  input.school_year = in.school_year();
  input.support_level = in.support_level();
  input.offers.assign(in.offers().begin(), in.offers().end());
  input.description = in.description();
  input.adopted_by_mr_on = in.adopted_by_mr_on();
  input.updated_on = in.updated_on();
  if (in.has_published()) input.published = in.published();
  return input;
}

void ToProto(const SchoolProfileView& view, pb::SchoolProfile* out) {
  const SchoolProfileRecord& r = view.stored;
  const ValidSchoolProfile& p = r.profile;
  out->set_name(absl::StrCat("swvs/", r.tenant, "/school-profiles/", r.profile_id));
  out->set_school(p.school.ToString());
  out->set_school_year(FormatSchoolYear(p.school_year));
  out->set_support_level(p.support_level);
  for (const std::string& offer : p.offers) out->add_offers(offer);
  out->set_description(p.description);
  out->set_adopted_by_mr_on(FormatDate(p.adopted_by_mr_on));
  out->set_updated_on(FormatDate(p.updated_on));
  out->set_published(p.published);
  out->set_next_update_due(FormatDate(view.next_update_due));
  out->set_update_overdue(view.update_overdue);
  out->set_adoption_due(FormatDate(view.adoption_due));
  out->set_adoption_overdue(view.adoption_overdue);
  AuditToProto(r, out);
}

void ToProto(const WijkOverviewResult& result, pb::WijkSupportOverview* out) {
  out->set_school_year(FormatSchoolYear(result.school_year));
  for (const WijkSupport& wijk : result.wijken) {
    pb::WijkSupport* w = out->add_wijken();
    w->set_wijk(wijk.wijk);
    w->set_display_name(wijk.display_name);
    w->set_schools_without_profile(wijk.schools_without_profile);
    for (const WijkSchoolSupport& school : wijk.schools) {
      pb::WijkSchoolSupport* s = w->add_schools();
      s->set_school(school.school);
      s->set_display_name(school.display_name);
      s->set_support_level(school.support_level);
      for (const std::string& offer : school.offers) s->add_offers(offer);
      s->set_update_overdue(school.update_overdue);
    }
    for (const WijkOffer& offer : wijk.offers) {
      pb::WijkOffer* o = w->add_offers();
      o->set_offer(offer.offer);
      for (const std::string& school : offer.schools) o->add_schools(school);
      o->set_highest_level(offer.highest_level);
    }
  }
}

WaitingEntryInput WaitingInputOf(const pb::WaitingEntry& in) {
  WaitingEntryInput input;
  input.kind = FromProtoEnum(in.kind(), WaitingKindFromName);
  input.school = in.school();
  input.lvs_pupil_number = in.lvs_pupil_number();
  input.tlv = in.tlv();
  input.receiving_school = in.receiving_school();
  input.organisation = in.organisation();
  input.waiting_since = in.waiting_since();
  input.note = in.note();
  return input;
}

WaitingEndInput WaitingEndOf(const pb::EndWaitingEntryRequest& in) {
  WaitingEndInput input;
  input.ended_on = in.ended_on();
  input.outcome = FromProtoEnum(in.outcome(), WaitingOutcomeFromName);
  input.note = in.note();
  return input;
}

void ToProto(const WaitingEntryView& view, pb::WaitingEntry* out) {
  const WaitingEntryRecord& r = view.stored;
  const ValidWaitingEntry& e = r.entry;
  out->set_name(absl::StrCat("swvs/", r.tenant, "/waiting-entries/", r.entry_id));
  out->set_kind(ProtoEnumOf<pb::WaitingKind>(WaitingKindName(e.kind)));
  out->set_school(e.school.ToString());
  out->set_lvs_pupil_number(e.lvs_pupil_number);
  out->set_pupil_id(r.pupil_id);
  if (!e.tlv_id.empty()) out->set_tlv(absl::StrCat("swvs/", r.tenant, "/tlvs/", e.tlv_id));
  if (e.receiving_school) out->set_receiving_school(e.receiving_school->ToString());
  out->set_organisation(e.organisation);
  out->set_waiting_since(FormatDate(e.waiting_since));
  out->set_note(e.note);
  out->set_status(r.ended ? pb::WAITING_STATUS_ENDED : pb::WAITING_STATUS_WAITING);
  out->set_ended_on(DateOrEmpty(r.ended_on));
  if (r.outcome) out->set_outcome(ProtoEnumOf<pb::WaitingOutcome>(WaitingOutcomeName(*r.outcome)));
  out->set_end_note(r.end_note);
  out->set_days_waiting(view.days_waiting);
  AuditToProto(r, out);
}

void ToProto(const SupportStatistics& stats, pb::SupportCounts* out) {
  out->set_arrangements_applied(stats.applied_in_period);
  out->set_arrangements_decided(stats.decided_in_period);
  out->set_arrangements_decided_within_8_weeks(stats.decided_within_8_weeks);
  out->set_arrangements_granted(stats.granted_in_period);
  out->set_arrangements_refused(stats.refused_in_period);
  out->set_arrangements_granted_amount_cents(stats.granted_amount_cents);
  out->set_arrangements_pending_at_end(stats.pending_at_end);
  out->set_arrangements_overdue_at_end(stats.overdue_at_end);
  out->set_opdc_placements_started(stats.placements_started);
  out->set_opdc_placements_started_extended(stats.placements_started_extended);
  out->set_opdc_extension_share(ExtensionShare(stats));
  out->set_opdc_extensions_in_period(stats.extensions_in_period);
  out->set_opdc_placements_active_at_end(stats.placements_active_at_end);
  out->set_schools_counted(stats.schools_counted);
  out->set_schools_with_profile(stats.schools_with_profile);
  out->set_schools_at_support_level_3_or_higher(stats.schools_at_level_3_or_higher);
  out->set_schools_at_support_level_4(stats.schools_at_level_4);
  out->set_profiles_update_overdue(stats.profiles_update_overdue);
  out->set_profiles_adoption_overdue(stats.profiles_adoption_overdue);
  out->set_pupils_waiting_for_so(stats.pupils_waiting_for_so);
  out->set_pupils_waiting_for_sbo(stats.pupils_waiting_for_sbo);
  out->set_pupils_waiting_for_youth_care(stats.pupils_waiting_for_youth_care);
  out->set_waiting_entries_open_at_end(stats.waiting_open_at_end);
}

}  // namespace swv::registrations
