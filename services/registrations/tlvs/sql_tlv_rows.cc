#include "services/registrations/tlvs/sql_tlv_rows.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/kernel/json.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/records/sql_records.h"

namespace swv::registrations::tlv_sql {

using sql_records::Corrupt;
using sql_records::OptionalDate;
using sql_records::ReadOptionalDate;
using storage::Row;
using storage::Transaction;
using storage::Value;

// Columns of a TLV row after tenant/tlv_id/pupil_id, in the order StateFromRow reads them.
const absl::string_view kStateColumns =
    "referring_school, lvs_pupil_number, receiving_school, receiving_inside_region, kind, "
    "so_category, received_on, status, opp_id, opp_consent_given, parents_view_recorded_on, "
    "parents_view_summary, completed_on, extended, extension_reason, extended_on, decided_on, "
    "decision_number, valid_from, valid_until, return_to_regular_considered, "
    "return_to_regular_note, decision_note, objection_filed_on, objection_note, renews, "
    "renewed_by";
constexpr size_t kStateColumnCount = 27;

namespace {
Value OptionalText(const std::string& text) { return text.empty() ? storage::Null() : Value(text); }
}  // namespace
// Values of kStateColumns, in order.
std::vector<Value> StateValues(const TlvState& s) {
  return {s.referring_school.ToString(),
          s.lvs_pupil_number,
          s.receiving_school.ToString(),
          int64_t{s.receiving_inside_region ? 1 : 0},
          std::string(TlvKindName(s.kind)),
          s.so_category ? Value(std::string(SoCategoryName(*s.so_category))) : storage::Null(),
          FormatDate(s.received_on),
          std::string(TlvStatusName(s.status)),
          s.opp_id,
          int64_t{s.opp_consent_given ? 1 : 0},
          s.parents_view ? Value(FormatDate(s.parents_view->recorded_on)) : storage::Null(),
          s.parents_view ? Value(s.parents_view->summary) : storage::Null(),
          OptionalDate(s.completed_on),
          int64_t{s.extended ? 1 : 0},
          s.extension_reason,
          OptionalDate(s.extended_on),
          OptionalDate(s.decided_on),
          OptionalText(s.decision_number),
          OptionalDate(s.valid_from),
          OptionalDate(s.valid_until),
          int64_t{s.return_to_regular_considered ? 1 : 0},
          s.return_to_regular_note,
          s.decision_note,
          OptionalDate(s.objection_filed_on),
          s.objection_note,
          OptionalText(s.renews),
          OptionalText(s.renewed_by)};
}

// kStateColumns starting at column `c`.
absl::StatusOr<TlvState> StateFromRow(const Row& row, size_t c) {
  TlvState s;
  absl::StatusOr<SchoolCode> referring = ParseSchoolCode("referring_school", row.GetString(c));
  absl::StatusOr<SchoolCode> receiving = ParseSchoolCode("receiving_school", row.GetString(c + 2));
  if (!referring.ok() || !receiving.ok()) return Corrupt(kWhat, "school");
  s.referring_school = *referring;
  s.lvs_pupil_number = row.GetString(c + 1);
  s.receiving_school = *receiving;
  s.receiving_inside_region = row.GetInt(c + 3) != 0;
  absl::optional<TlvKind> kind = TlvKindFromName(row.GetString(c + 4));
  if (!kind) return Corrupt(kWhat, "kind");
  s.kind = *kind;
  if (!row.IsNull(c + 5)) {
    s.so_category = SoCategoryFromName(row.GetString(c + 5));
    if (!s.so_category) return Corrupt(kWhat, "so_category");
  }
  absl::optional<absl::CivilDay> day;
  if (absl::Status st = ReadOptionalDate(kWhat, "received_on", row, c + 6, day); !st.ok() || !day) {
    return Corrupt(kWhat, "received_on");
  }
  s.received_on = *day;
  absl::optional<TlvStatus> status = TlvStatusFromName(row.GetString(c + 7));
  if (!status) return Corrupt(kWhat, "status");
  s.status = *status;
  s.opp_id = row.GetString(c + 8);
  s.opp_consent_given = row.GetInt(c + 9) != 0;
  SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "parents_view_recorded_on", row, c + 10, day));
  if (day) s.parents_view = ParentsView{*day, row.GetString(c + 11)};
  SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "completed_on", row, c + 12, s.completed_on));
  s.extended = row.GetInt(c + 13) != 0;
  s.extension_reason = row.GetString(c + 14);
  SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "extended_on", row, c + 15, s.extended_on));
  SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "decided_on", row, c + 16, s.decided_on));
  s.decision_number = row.GetString(c + 17);
  SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "valid_from", row, c + 18, s.valid_from));
  SWV_RETURN_IF_ERROR(ReadOptionalDate(kWhat, "valid_until", row, c + 19, s.valid_until));
  s.return_to_regular_considered = row.GetInt(c + 20) != 0;
  s.return_to_regular_note = row.GetString(c + 21);
  s.decision_note = row.GetString(c + 22);
  SWV_RETURN_IF_ERROR(
      ReadOptionalDate(kWhat, "objection_filed_on", row, c + 23, s.objection_filed_on));
  s.objection_note = row.GetString(c + 24);
  s.renews = row.GetString(c + 25);
  s.renewed_by = row.GetString(c + 26);
  return s;
}

const std::string& RecordColumns() {
  static const std::string* columns = new std::string(
      absl::StrCat("tenant, tlv_id, pupil_id, ", kStateColumns,
                   ", version, create_time_us, update_time_us, created_by, updated_by, position"));
  return *columns;
}

absl::StatusOr<TlvRecord> RecordFromRow(const Row& row, int64_t* position) {
  TlvRecord r;
  r.tenant = row.GetString(0);
  r.tlv_id = row.GetString(1);
  r.pupil_id = row.GetString(2);
  SWV_ASSIGN_OR_RETURN(TlvState state, StateFromRow(row, 3));
  r.state = std::move(state);
  const size_t c = 3 + kStateColumnCount;
  r.version = row.GetInt(c);
  r.create_time = absl::FromUnixMicros(row.GetInt(c + 1));
  r.update_time = absl::FromUnixMicros(row.GetInt(c + 2));
  r.created_by = row.GetString(c + 3);
  r.updated_by = row.GetString(c + 4);
  if (position != nullptr) *position = row.GetInt(c + 5);
  return r;
}

absl::Status LoadAdvices(Transaction& tx, TlvRecord& r) {
  SWV_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(
          "SELECT expert_name, profession, advised_on, affiliated_school, involved_before FROM "
          "tlv_advices WHERE tenant = ? AND tlv_id = ? ORDER BY ordinal",
          {r.tenant, r.tlv_id}));
  r.state.advices.clear();
  for (const Row& row : rows) {
    ExpertAdvice advice;
    advice.expert_name = row.GetString(0);
    absl::optional<ExpertProfession> profession = ExpertProfessionFromName(row.GetString(1));
    absl::StatusOr<absl::CivilDay> day = ParseDate("advised_on", row.GetString(2));
    if (!profession || !day.ok()) return Corrupt(kWhat, "advice");
    advice.profession = *profession;
    advice.advised_on = *day;
    advice.affiliated_school = row.GetString(3);
    advice.involved_before = row.GetInt(4) != 0;
    r.state.advices.push_back(std::move(advice));
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::optional<TlvRecord>> FindTlv(Transaction& tx, absl::string_view where,
                                                  std::vector<Value> params) {
  SWV_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query(absl::StrCat("SELECT ", RecordColumns(), " FROM tlvs WHERE ", where), params));
  if (rows.empty()) return absl::optional<TlvRecord>();
  SWV_ASSIGN_OR_RETURN(TlvRecord r, RecordFromRow(rows.front()));
  SWV_RETURN_IF_ERROR(LoadAdvices(tx, r));
  return absl::optional<TlvRecord>(std::move(r));
}

namespace {

std::string Snapshot(const TlvRecord& r) {
  const TlvState& s = r.state;
  std::string advices;
  for (const ExpertAdvice& a : s.advices) {
    absl::StrAppend(&advices, advices.empty() ? "" : ",",
                    JsonObject()
                        .String("expertName", a.expert_name)
                        .String("profession", ExpertProfessionName(a.profession))
                        .Date("advisedOn", a.advised_on)
                        .String("affiliatedSchool", a.affiliated_school)
                        .Build());
  }
  return JsonObject()
      .String("referringSchool", s.referring_school.ToString())
      .String("lvsPupilNumber", s.lvs_pupil_number)
      .String("pupilId", r.pupil_id)
      .String("receivingSchool", s.receiving_school.ToString())
      .Bool("receivingInsideRegion", s.receiving_inside_region)
      .String("kind", TlvKindName(s.kind))
      .Raw("soCategory", s.so_category ? JsonQuote(SoCategoryName(*s.so_category)) : "null")
      .Date("receivedOn", s.received_on)
      .String("status", TlvStatusName(s.status))
      .String("opp", s.opp_id)
      .Bool("oppConsentGiven", s.opp_consent_given)
      .Date("parentsViewRecordedOn",
            s.parents_view ? absl::make_optional(s.parents_view->recorded_on) : absl::nullopt)
      .Date("completedOn", s.completed_on)
      .Bool("extended", s.extended)
      .String("extensionReason", s.extension_reason)
      .Date("extendedOn", s.extended_on)
      .Date("decisionDeadline", DecisionDeadline(s))
      .Date("decidedOn", s.decided_on)
      .String("decisionNumber", s.decision_number)
      .Date("validFrom", s.valid_from)
      .Date("validUntil", s.valid_until)
      .Bool("returnToRegularConsidered", s.return_to_regular_considered)
      .Raw("advices", absl::StrCat("[", advices, "]"))
      .Date("objectionFiledOn", s.objection_filed_on)
      .String("renews", s.renews)
      .String("renewedBy", s.renewed_by)
      .Build();
}

}  // namespace

absl::Status InsertChange(Transaction& tx, const TlvRecord& r, absl::string_view action) {
  return InsertRecordChange(tx, kTlvLog,
                            RecordChangeRow{r.tenant, r.tlv_id, r.version, std::string(action),
                                            r.updated_by, r.update_time, "", Snapshot(r)});
}

absl::Status ReplaceAdvices(Transaction& tx, const TlvRecord& r) {
  SWV_RETURN_IF_ERROR(
      tx.Execute("DELETE FROM tlv_advices WHERE tenant = ? AND tlv_id = ?", {r.tenant, r.tlv_id})
          .status());
  int64_t ordinal = 0;
  for (const ExpertAdvice& a : r.state.advices) {
    SWV_RETURN_IF_ERROR(
        tx.Execute(
              "INSERT INTO tlv_advices (tenant, tlv_id, ordinal, expert_name, profession, "
              "advised_on, affiliated_school, involved_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {r.tenant, r.tlv_id, ordinal++, a.expert_name,
               std::string(ExpertProfessionName(a.profession)), FormatDate(a.advised_on),
               a.affiliated_school, int64_t{a.involved_before ? 1 : 0}})
            .status());
  }
  return absl::OkStatus();
}

// Writes r.state over the stored row if it is still at expected_version.
absl::Status WriteState(Transaction& tx, const TlvRecord& r, int64_t expected_version) {
  std::vector<std::string> assignments;
  for (absl::string_view column : absl::StrSplit(kStateColumns, ", ")) {
    assignments.push_back(absl::StrCat(column, " = ?"));
  }
  std::vector<Value> params = StateValues(r.state);
  params.emplace_back(OptionalDate(DecisionDeadline(r.state)));
  params.emplace_back(r.version);
  params.emplace_back(absl::ToUnixMicros(r.update_time));
  params.emplace_back(r.updated_by);
  params.emplace_back(r.tenant);
  params.emplace_back(r.tlv_id);
  params.emplace_back(expected_version);
  SWV_ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute(
          absl::StrCat("UPDATE tlvs SET ", absl::StrJoin(assignments, ", "),
                       ", decision_deadline = ?, version = ?, update_time_us = ?, updated_by = ? "
                       "WHERE tenant = ? AND tlv_id = ? AND version = ?"),
          params));
  if (changed == 1) return absl::OkStatus();
  SWV_ASSIGN_OR_RETURN(auto current,
                       FindTlv(tx, "tenant = ? AND tlv_id = ?", {r.tenant, r.tlv_id}));
  if (!current.has_value())
    return absl::NotFoundError(absl::StrCat("TLV ", r.tlv_id, " not found"));
  return absl::AbortedError(absl::StrCat(
      "TLV ", r.tlv_id, " was changed by someone else (now version ", (current)->version,
      ", expected ", expected_version, "); read it again and retry"));
}

absl::StatusOr<std::string> NextDecisionNumber(Transaction& tx, const std::string& tenant,
                                               int year) {
  SWV_ASSIGN_OR_RETURN(
      int64_t bumped,
      tx.Execute(
          "UPDATE tlv_decision_counters SET last_number = last_number + 1 WHERE tenant = ? AND "
          "year = ?",
          {tenant, int64_t{year}}));
  if (bumped == 0) {
    absl::StatusOr<int64_t> inserted =
        tx.Execute("INSERT INTO tlv_decision_counters (tenant, year, last_number) VALUES (?, ?, 1)",
                   {tenant, int64_t{year}});
    if (!inserted.ok()) return inserted.status();
  }
  SWV_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      tx.Query("SELECT last_number FROM tlv_decision_counters WHERE tenant = ? AND year = ?",
               {tenant, int64_t{year}}));
  if (rows.empty()) return absl::InternalError("decision counter row vanished");
  return absl::StrFormat("%s-%04d-%04d", tenant, year, rows.front().GetInt(0));
}

}  // namespace swv::registrations::tlv_sql
