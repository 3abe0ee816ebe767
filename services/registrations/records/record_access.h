// The steps every registrations service takes with a pupil-level record kind, written once: a
// write's tenant, a new record stamped and stored once per request id, a read within the caller's
// reach, a page of a list, an update at the version the caller read, and the history. The kind's
// rules (validation, what an update changes) stay in the service that uses it.
//
// `SchoolsOf(const Record&)` (found next to the record type) names the schools a record belongs
// to, which the access policy judges. Who may read one is `MayRead` below: by those schools,
// unless the record kind declares its own rule next to its type (thuiszitter cases: partners by
// the child's municipality). Holds pointers it does not own; const and thread-safe as long as the
// store, the policy and the clock are.
#ifndef SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_ACCESS_H_
#define SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_ACCESS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/optional.h"
#include "services/common/access_policy.h"
#include "services/common/clock.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/common/page_token.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/domain/thuiszitter.h"
#include "services/registrations/records/record_store.h"
#include "services/registrations/records/request_support.h"

namespace swv::registrations {

// How an update request names what ReadForUpdate checks: the field of the record's name, the
// field of the version the client read, and the record in a version mismatch ("the OPP is at").
struct UpdateNaming {
  absl::string_view name_field = "name";
  absl::string_view version_field = "expected_version";
  absl::string_view what = "record";
};

// A list request as the client sent it.
struct ListRequest {
  int page_size = 0;
  absl::string_view page_token;
  // The school to narrow to, as the client wrote it; nullopt where the list takes none.
  absl::optional<absl::string_view> school;
  // Further filters by name and canonical value, bound into the page token; "" when not set.
  std::vector<std::pair<absl::string_view, absl::string_view>> filters;
  // The child's municipality to narrow to, as the client wrote it; nullopt where the list takes
  // none.
  absl::optional<absl::string_view> residence;
  absl::optional<storage::Value> state;  // the stored state the filters ask for
};

// The stored state a list filter asks for (its canonical `name`), when the client set one.
template <typename Filter>
absl::optional<storage::Value> StoredState(const absl::optional<Filter>& filter,
                                           absl::string_view name) {
  if (!filter) return absl::nullopt;
  return storage::Value(std::string(name));
}

// Who may read one record and who may list the kind: by default the schools the record is kept
// for. A kind with another rule declares non-template overloads next to its type; they win over
// these, found by argument-dependent lookup.
template <typename Record>
absl::Status MayRead(const AccessPolicy& access, const Principal& caller, const Record& record) {
  return access.ReadRecord(caller, record.tenant, SchoolsOf(record));
}
template <typename Record>
absl::Status MayList(const AccessPolicy& access, const Principal& caller, absl::string_view tenant,
                     const Record* /*kind*/) {
  return access.ListRecords(caller, tenant);
}
// The rows a list of the kind holds for the caller: its reach over pupil-level records (ReachOf)
// unless the kind declares another (school profiles, public documents: the whole tenant).
template <typename Record>
absl::optional<Reach> ListReach(const Principal& caller, absl::string_view tenant,
                                const Record* /*kind*/) {
  return ReachOf(caller, tenant);
}

// Who may write one record: by default the schools it is kept for (WriteRecord). A kind that
// leerplicht keeps too declares `PartnersWrite` true and its own `MayWrite` next to its type.
template <typename Record>
absl::Status MayWrite(const AccessPolicy& access, const Principal& caller, const Record& record) {
  return access.WriteRecord(caller, record.tenant, SchoolsOf(record));
}
template <typename Record>
constexpr bool PartnersWrite(const Record* /*kind*/) {
  return false;
}

// The change of a Close: a record with a status, `closed_on` and `close_reason` (a thuiszitter
// case, a monitorkind) closed as its validated close says; the validation's error changes nothing.
template <typename Record>
absl::Status ApplyClose(absl::StatusOr<ValidClose> close, Record& record) {
  if (!close.ok()) return close.status();
  record.status = CaseStatus::kClosed;
  record.closed_on = close->closed_on;
  record.close_reason = std::move(close->reason);
  return absl::OkStatus();
}

// A page of stored records as the views a service answers with (`view_of(Record) -> View`).
template <typename View, typename Record, typename ViewOf>
ListResult<View> ViewsOf(ListResult<Record> page, ViewOf view_of) {
  ListResult<View> result;
  for (Record& record : page.records) result.records.push_back(view_of(std::move(record)));
  result.next_page_token = std::move(page.next_page_token);
  return result;
}

// A kind's names: its list in page tokens ("arrangements"), and the field and prefix of the id a
// new record gets ("ar-" + random).
template <typename Record>
struct RecordNames {
  absl::string_view list;
  std::string Record::*id;
  absl::string_view id_prefix;
};

template <typename Record>
class RecordAccess {
 public:
  RecordAccess(RecordStore<Record>* store, const AccessPolicy* access, const Clock* clock,
               const RecordNames<Record>& names)
      : store_(store),
        access_(access),
        clock_(clock),
        list_(names.list),
        id_(names.id),
        id_prefix_(names.id_prefix) {}

  // The start of a create: the SWV in "parent" and a well-formed request id.
  absl::StatusOr<std::string> CreateTenant(const Principal& caller, absl::string_view swv,
                                           absl::string_view request_id) const {
    SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv, kPartnersWrite));
    SWV_RETURN_IF_ERROR(CheckRequestId(request_id));
    return tenant;
  }

  // Stores `candidate` (tenant, id and fields set) as the caller's, once per request id.
  absl::StatusOr<Record> Create(const Principal& caller, Record candidate,
                                absl::string_view request_id) const {
    SWV_RETURN_IF_ERROR(MayWrite(*access_, caller, candidate));
    candidate.create_time = clock_->Now();
    candidate.created_by = caller.id;
    SWV_ASSIGN_OR_RETURN(Created<Record> created, store_->Create(candidate, request_id));
    SWV_RETURN_IF_ERROR(CheckReplay(created, caller.id));
    return std::move(created.stored);
  }

  // A create whole: the tenant, the kind's fields set by `fill` (`absl::Status(Record&)`, which
  // validates; its error stores nothing), a new id, and the record stored as Create does.
  template <typename Fill>
  absl::StatusOr<Record> Create(const Principal& caller, absl::string_view swv,
                                absl::string_view request_id, Fill fill) const {
    Record candidate;
    SWV_ASSIGN_OR_RETURN(candidate.tenant, CreateTenant(caller, swv, request_id));
    SWV_RETURN_IF_ERROR(fill(candidate));
    candidate.*id_ = RandomId(id_prefix_);
    return Create(caller, std::move(candidate), request_id);
  }

  // The record `id` of the SWV in "name", when the caller may read it.
  absl::StatusOr<Record> Read(const Principal& caller, absl::string_view swv,
                              absl::string_view id) const {
    SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
    SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
    return Visible(caller, tenant, id);
  }

  // The record an update starts from: one the caller may write, at `expected_version` (0: any).
  absl::StatusOr<Record> ReadForUpdate(const Principal& caller, absl::string_view swv,
                                       absl::string_view id, int64_t expected_version,
                                       const UpdateNaming& naming = {}) const {
    SWV_ASSIGN_OR_RETURN(std::string tenant,
                         WriteTenant(caller, naming.name_field, swv, kPartnersWrite));
    SWV_ASSIGN_OR_RETURN(Record stored, Visible(caller, tenant, id));
    SWV_RETURN_IF_ERROR(MayWrite(*access_, caller, stored));
    SWV_RETURN_IF_ERROR(
        CheckVersion(naming.what, expected_version, stored.version, naming.version_field));
    return stored;
  }

  // Stores `updated` (read with ReadForUpdate at `read_version`, then changed) as the caller's.
  absl::StatusOr<Record> Update(const Principal& caller, Record updated, int64_t read_version,
                                absl::string_view action, absl::string_view reason = "") const {
    updated.update_time = clock_->Now();
    updated.updated_by = caller.id;
    return store_->Update(updated, read_version, action, reason);
  }

  // One page of the records of the SWV in "parent" that the caller may read.
  absl::StatusOr<ListResult<Record>> List(const Principal& caller, absl::string_view swv,
                                          const ListRequest& request) const {
    SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("parent", swv));
    SWV_RETURN_IF_ERROR(MayList(*access_, caller, tenant, static_cast<const Record*>(nullptr)));
    RecordQuery query;
    query.tenant = tenant;
    query.filter.reach = ListReach(caller, tenant, static_cast<const Record*>(nullptr));
    query.state = request.state;
    PageBinding binding(list_, tenant, caller);
    if (request.school) {
      if (!request.school->empty()) {
        SWV_ASSIGN_OR_RETURN(SchoolCode code, ParseSchoolCode("school", *request.school));
        query.filter.school = code.ToString();
      }
      binding.Filter("school", query.filter.school.value_or(""));
    }
    if (request.residence) {
      if (!request.residence->empty()) {
        SWV_ASSIGN_OR_RETURN(query.residence,
                             ParseMunicipalityCode("residence_municipality", *request.residence));
      }
      binding.Filter("residence_municipality", query.residence.value_or(""));
    }
    for (const auto& [name, value] : request.filters) binding.Filter(name, value);
    SWV_RETURN_IF_ERROR(CheckPaging(binding, request.page_size, request.page_token,
                                    &query.page_size, &query.after_position));
    SWV_ASSIGN_OR_RETURN(RecordPage<Record> page, store_->List(query));
    return ListResultOf(std::move(page), binding);
  }

  // An update whole: the record as ReadForUpdate reads it, changed by `change` (the kind's rule:
  // `absl::Status(Record&)`; its error stores nothing), stored at the version read as `action`.
  template <typename ChangeFn>
  absl::StatusOr<Record> Change(const Principal& caller, absl::string_view swv,
                                absl::string_view id, int64_t expected_version,
                                absl::string_view action, ChangeFn change,
                                const UpdateNaming& naming = {}) const {
    SWV_ASSIGN_OR_RETURN(Record record, ReadForUpdate(caller, swv, id, expected_version, naming));
    const int64_t read_version = record.version;
    SWV_RETURN_IF_ERROR(change(record));
    return Update(caller, std::move(record), read_version, action);
  }

  // The history of a record. It holds earlier states and free text, so it follows the schools'
  // rule even where the kind lets partners read the record itself.
  absl::StatusOr<std::vector<RecordChange>> History(const Principal& caller, absl::string_view swv,
                                                    absl::string_view id) const {
    SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
    SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
    SWV_ASSIGN_OR_RETURN(Record stored, store_->Get(tenant, id));
    SWV_RETURN_IF_ERROR(access_->ReadRecord(caller, tenant, SchoolsOf(stored)));
    return store_->History(tenant, id);
  }

  RecordStore<Record>& store() const { return *store_; }

 private:
  absl::StatusOr<Record> Visible(const Principal& caller, absl::string_view tenant,
                                 absl::string_view id) const {
    SWV_ASSIGN_OR_RETURN(Record stored, store_->Get(tenant, id));
    SWV_RETURN_IF_ERROR(MayRead(*access_, caller, stored));
    return stored;
  }

  static constexpr bool kPartnersWrite = PartnersWrite(static_cast<const Record*>(nullptr));

  RecordStore<Record>* store_;  // not owned
  const AccessPolicy* access_;  // not owned
  const Clock* clock_;          // not owned
  std::string list_;
  std::string Record::*id_;
  std::string id_prefix_;
};

}  // namespace swv::registrations

#endif  // SWV_SERVICES_REGISTRATIONS_RECORDS_RECORD_ACCESS_H_
