// The base of the tests of stores over the support area's tables: a scratch database per dialect
// with the pupils and support schemas migrated, and an arrangement to create.
#ifndef SWV_TESTS_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SCHEMA_TEST_H_
#define SWV_TESTS_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SCHEMA_TEST_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "services/registrations/records/sql_pupils.h"
#include "services/registrations/support/support_repository.h"
#include "tests/testing/scratch_database.h"

namespace swv::registrations {

class SupportSchemaTest : public swv::testing::DialectTest {
 protected:
  // A derived SetUp calls this first, and returns when IsSkipped() || HasFatalFailure().
  void SetUp() override {
    DialectTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(MigratePupilSchema(db()).ok());
    ASSERT_TRUE(MigrateSupportSchema(db()).ok());
  }

  // A decided-nothing-yet arrangement of school 12AB00's pupil `lvs_pupil_number`.
  static ArrangementRecord Candidate(absl::string_view id,
                                     absl::string_view lvs_pupil_number = "LVS-7") {
    ArrangementRecord a;
    a.tenant = "PO2203";
    a.arrangement_id = std::string(id);
    a.application.target = ArrangementTarget::kPupil;
    a.application.school = *ParseSchoolCode("school", "12AB00");
    a.application.lvs_pupil_number = std::string(lvs_pupil_number);
    a.application.description = "extra begeleiding";
    a.application.applied_on = absl::CivilDay(2026, 9, 1);
    a.create_time = absl::FromUnixMicros(1'000'000);
    a.created_by = "school:12AB00";
    return a;
  }
};

}  // namespace swv::registrations

#endif  // SWV_TESTS_SERVICES_REGISTRATIONS_SUPPORT_SUPPORT_SCHEMA_TEST_H_
