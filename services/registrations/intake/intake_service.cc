#include "services/registrations/intake/intake_service.h"

#include <algorithm>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/access_policy.h"
#include "services/common/digest.h"
#include "services/common/idempotency.h"
#include "services/common/ids.h"
#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/kernel/status_macros.h"
#include "services/registrations/directory/directory_access.h"
#include "services/registrations/intake/oso_dossier.h"
#include "services/registrations/opps/opp_service.h"
#include "services/registrations/records/request_support.h"
#include "services/registrations/support/support_service.h"
#include "services/registrations/tlvs/tlv_service.h"

namespace swv::registrations {
namespace {

constexpr absl::string_view kSupport = "/dossier/huidigeschool/leerling/onderwijsondersteuning";
constexpr absl::string_view kLeerlingId = "/dossier/huidigeschool/leerling/leerlingid";

// Where a record's field came from: an element of the dossier (a path starting with "/") or a
// field of the request.
using Origins = std::map<std::string, std::string>;

const Origins& OppOrigins() {
  static const Origins* const kOrigins =
      new Origins{{"opp.school", "/dossier/huidigeschool/brincode"},
                  {"opp.lvs_pupil_number", std::string(kLeerlingId)},
                  {"opp.drawn_up_on", absl::StrCat(kSupport, "/opp/opp_ingangdatum")},
                  {"opp.start_date", absl::StrCat(kSupport, "/opp/opp_ingangdatum")},
                  {"opp.end_date", absl::StrCat(kSupport, "/opp/opp_einddatum")},
                  {"opp.consent", "/dossier/inzage/akkoord"},
                  {"opp.consent_date", "/dossier/inzage/inzagedatum"}};
  return *kOrigins;
}

const Origins& ApplicationOrigins() {
  static const Origins* const kOrigins =
      new Origins{{"tlv.referring_school", "school"},
                  {"tlv.lvs_pupil_number", std::string(kLeerlingId)},
                  {"tlv.receiving_school", "receiving_school"},
                  {"tlv.kind", "tlv_kind"},
                  {"tlv.so_category", "so_category"},
                  {"arrangement.school", "school"},
                  {"arrangement.lvs_pupil_number", std::string(kLeerlingId)},
                  {"arrangement.description", "arrangement_description"}};
  return *kOrigins;
}

// A record's refusal in the names of the request: an element of the dossier becomes
// "dossier_xml" with the element's path before the rule; other fields are renamed.
absl::Status InRequestNames(const absl::Status& status, const Origins& origins) {
  std::vector<FieldViolation> violations = FieldViolationsOf(status);
  if (status.ok() || violations.empty()) return status;
  for (FieldViolation& v : violations) {
    auto it = origins.find(v.field);
    if (it == origins.end()) continue;
    if (it->second.front() == '/') {
      v.description = absl::StrCat(it->second, ": ", v.description);
      v.field = "dossier_xml";
    } else {
      v.field = it->second;
    }
  }
  return FieldsError(status.code(), ReasonOf(status), violations);
}

absl::Status MissingInDossier(absl::string_view path, absl::string_view rule) {
  return InvalidField("dossier_xml", "MISSING_ELEMENT", absl::StrCat(path, ": missing; ", rule));
}

// The OPP as the dossier describes it, with the parents' consent from inzage/akkoord on
// inzagedatum; `record` gets the consent and the parents' view.
absl::StatusOr<OppInput> OppOf(const OsoDossier& d, OsoDossierRecord& record) {
  if (!d.opp) {
    return MissingInDossier(absl::StrCat(kSupport, "/opp"),
                            "an application to the SWV needs the pupil's OPP (004)");
  }
  OppInput opp;
  opp.school = d.school.ToString();
  opp.lvs_pupil_number = d.leerlingid;
  // The gegevensset has no day the plan was drawn up: it existed when it started, or at the
  // latest when the dossier was exported.
  opp.drawn_up_on = FormatDate(std::min(d.opp->ingangdatum, d.export_date));
  opp.start_date = FormatDate(d.opp->ingangdatum);
  if (d.opp->einddatum) opp.end_date = FormatDate(*d.opp->einddatum);
  opp.consent = ParentalConsent::kNotAsked;
  const absl::optional<OsoAnswer> akkoord = d.inzage ? d.inzage->akkoord : absl::nullopt;
  if (akkoord == OsoAnswer::kJa || akkoord == OsoAnswer::kNee) {
    if (!d.inzage->inzagedatum) {
      return MissingInDossier("/dossier/inzage/inzagedatum",
                              "the day the parents saw the dossier dates their answer in akkoord");
    }
    opp.consent = akkoord == OsoAnswer::kJa ? ParentalConsent::kGiven : ParentalConsent::kRefused;
    opp.consent_date = FormatDate(*d.inzage->inzagedatum);
    if (akkoord == OsoAnswer::kNee && !d.inzage->reden_niet_akkoord.empty()) {
      record.parents_view_recorded_on = d.inzage->inzagedatum;
      record.parents_view_summary = d.inzage->reden_niet_akkoord;
    }
  }
  record.consent = *opp.consent;
  return opp;
}

// Without a request id, the same dossier sent again by the same principal for the same
// application is the same request: its key is a digest of all of them.
std::string ContentKey(const Principal& caller, const OsoImportInput& in) {
  const std::string material = absl::StrCat(
      caller.id, "\n", in.school, "\n", in.application ? static_cast<int>(*in.application) : -1,
      "\n", in.tlv_kind ? TlvKindName(*in.tlv_kind) : "", "\n",
      in.so_category ? SoCategoryName(*in.so_category) : "", "\n", in.receiving_school, "\n",
      in.arrangement_description, "\n", in.dossier_xml);
  return absl::StrCat("oso-sha256:", absl::BytesToHexString(Sha256(material)));
}

absl::Status CheckApplication(const OsoImportInput& input) {
  if (!input.application) {
    return InvalidField("application", "REQUIRED",
                        "say what the dossier is sent for: a TLV or an arrangement");
  }
  if (*input.application == OsoApplicationKind::kTlv && !input.arrangement_description.empty()) {
    return InvalidField("arrangement_description", "NOT_APPLICABLE",
                        "only for an arrangement application");
  }
  if (*input.application == OsoApplicationKind::kArrangement &&
      (input.tlv_kind || input.so_category || !input.receiving_school.empty())) {
    return InvalidField(input.tlv_kind      ? "tlv_kind"
                        : input.so_category ? "so_category"
                                            : "receiving_school",
                        "NOT_APPLICABLE", "only for a TLV application");
  }
  return absl::OkStatus();
}

}  // namespace

OsoIntakeService::OsoIntakeService(storage::Database* db, const Clock* clock)
    : db_(db),
      clock_(clock),
      directory_(NewSqlDirectoryRepository(db)),
      access_(DirectoryAccessPolicy(directory_.get())) {}

absl::StatusOr<OsoDossierRecord> OsoIntakeService::Get(const Principal& caller,
                                                       absl::string_view swv,
                                                       absl::string_view dossier_id) const {
  SWV_ASSIGN_OR_RETURN(std::string tenant, CanonicalSwvCode("name", swv));
  SWV_RETURN_IF_ERROR(CheckTenant(caller, tenant));
  OsoDossierRecord record;
  SWV_RETURN_IF_ERROR(db_->InTransaction([&](storage::Transaction& tx) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(record, GetOsoDossier(tx, tenant, dossier_id));
    return absl::OkStatus();
  }));
  SWV_RETURN_IF_ERROR(access_.ReadRecord(caller, tenant, {record.school}));
  return record;
}

absl::StatusOr<OsoDossierRecord> OsoIntakeService::Import(
    const Principal& caller, absl::string_view swv, const OsoImportInput& input,
    absl::string_view client_request_id) const {
  SWV_ASSIGN_OR_RETURN(std::string tenant, WriteTenant(caller, "parent", swv));
  SWV_RETURN_IF_ERROR(CheckRequestId(client_request_id));
  const std::string request_id =
      client_request_id.empty() ? ContentKey(caller, input) : std::string(client_request_id);
  SWV_ASSIGN_OR_RETURN(SchoolCode school, ParseSchoolCode("school", input.school));
  SWV_RETURN_IF_ERROR(CheckApplication(input));
  SWV_ASSIGN_OR_RETURN(OsoDossier dossier, ParseOsoDossier(input.dossier_xml));
  OsoDossierRecord candidate;
  SWV_ASSIGN_OR_RETURN(OppInput opp_input, OppOf(dossier, candidate));
  candidate.tenant = tenant;
  candidate.school = dossier.school.ToString();
  candidate.lvs_pupil_number = dossier.leerlingid;
  candidate.profile = std::string(OsoProfileName(dossier.profile));
  candidate.xml = input.dossier_xml;
  candidate.received_by = caller.id;
  const absl::CivilDay today = DutchToday(*clock_);

  OsoDossierRecord result;
  auto work = [&](storage::Transaction& tx) -> absl::Status {
    SWV_ASSIGN_OR_RETURN(absl::optional<OsoDossierRecord> earlier,
                         FindOsoDossier(tx, tenant, request_id));
    if (earlier) {
      SWV_RETURN_IF_ERROR(CheckReplayAuthor(earlier->received_by, caller.id));
      result = *std::move(earlier);
      return absl::OkStatus();
    }
    // The services of each record, on repositories inside this transaction.
    TransactionDatabase db(tx);
    std::unique_ptr<DirectoryRepository> directory = NewSqlDirectoryRepository(&db);
    const AccessPolicy access = DirectoryAccessPolicy(directory.get());
    // The sender's own school first (out of reach reads as missing), then the dossier's.
    SWV_RETURN_IF_ERROR(access.WriteRecord(caller, tenant, {school.ToString()}));
    if (dossier.school != school) {
      return InvalidField("dossier_xml", "SCHOOL_MISMATCH",
                          absl::StrCat("/dossier/huidigeschool/brincode: the dossier is of school ",
                                       dossier.school.ToString(), ", not of ", school.ToString(),
                                       " that sends it"));
    }
    OppStores opps = NewSqlOppStores(&db);
    OppService opp_service(opps.records.get(), clock_, access);
    absl::StatusOr<OppView> opp = opp_service.Create(caller, tenant, opp_input, "");
    SWV_RETURN_IF_ERROR(InRequestNames(opp.status(), OppOrigins()));
    OsoDossierRecord record = candidate;
    record.opp_id = opp->stored.opp_id;
    record.pupil_id = opp->stored.pupil_id;
    if (*input.application == OsoApplicationKind::kTlv) {
      std::unique_ptr<TlvRepository> tlvs = NewSqlTlvRepository(&db);
      TlvService tlv_service(tlvs.get(), &opps, directory.get(), clock_, access);
      TlvApplicationInput application{record.school,          record.lvs_pupil_number,
                                      input.receiving_school, input.tlv_kind,
                                      input.so_category,      FormatDate(today)};
      absl::StatusOr<TlvView> tlv = tlv_service.Create(caller, tenant, application, "");
      SWV_RETURN_IF_ERROR(InRequestNames(tlv.status(), ApplicationOrigins()));
      record.tlv_id = tlv->stored.tlv_id;
    } else {
      const SupportStores stores = NewSqlSupportStores(&db);
      SupportService support(stores, clock_, access);
      ArrangementApplication application{ArrangementTarget::kPupil,     record.school,
                                         record.lvs_pupil_number,       "",
                                         input.arrangement_description, FormatDate(today)};
      absl::StatusOr<ArrangementView> arrangement =
          support.CreateArrangement(caller, tenant, application, "");
      SWV_RETURN_IF_ERROR(InRequestNames(arrangement.status(), ApplicationOrigins()));
      record.arrangement_id = arrangement->stored.arrangement_id;
    }
    record.dossier_id = RandomId("oso-");
    record.receive_time = clock_->Now();
    SWV_RETURN_IF_ERROR(InsertOsoDossier(tx, record, request_id));
    result = std::move(record);
    return absl::OkStatus();
  };
  absl::Status status = db_->InTransaction(work);
  // Two sends of one request at once: the second finds the first once it has committed.
  if (absl::IsAlreadyExists(status)) status = db_->InTransaction(work);
  SWV_RETURN_IF_ERROR(status);
  return result;
}

}  // namespace swv::registrations
