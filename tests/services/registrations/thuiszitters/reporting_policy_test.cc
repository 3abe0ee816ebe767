// The reporting policy a report is validated under (ThuiszitterService::kPolicyKept): a change
// applies at once through the replica that made it, and through every other replica within the
// bound. Two RegistrationsApps on one database are two replicas.
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/registrations/registrations_app.h"
#include "tests/testing/scratch_database.h"

namespace swv::registrations {
namespace {

class ReportingPolicyTest : public swv::testing::DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (std::unique_ptr<RegistrationsApp>* replica : {&a_, &b_}) {
      absl::StatusOr<std::unique_ptr<RegistrationsApp>> app =
          RegistrationsApp::Create(&db(), &clock_);
      ASSERT_TRUE(app.ok()) << app.status();
      *replica = *std::move(app);
    }
  }

  // The deadline of a new report through `replica`.
  absl::CivilDay DeadlineOfANewReport(RegistrationsApp& replica) {
    return DeadlineOfANewReport(replica.thuiszitters());
  }
  absl::CivilDay DeadlineOfANewReport(ThuiszitterService& service) {
    ThuiszitterReport report;
    report.school = "21AB00";
    report.lvs_pupil_number = absl::StrCat("LVS-", ++reports_);
    report.residence_municipality = "GM0119";
    report.absence_kind = AbsenceKind::kRelative;
    report.absence_start = "2026-10-01";
    report.cause = ThuiszitterCause::kWaitingForCare;
    absl::StatusOr<ThuiszitterView> view = service.Report(staff_, "PO2203", report, "");
    EXPECT_TRUE(view.ok()) << view.status();
    return view.ok() ? view->stored.report.report_deadline : absl::CivilDay();
  }

  FakeClock clock_{absl::FromCivil(absl::CivilSecond(2026, 12, 7, 10, 0, 0), DutchTimeZone())};
  const Principal staff_ = [] {
    Principal staff;
    staff.id = "staff:office";
    return staff;
  }();
  int reports_ = 0;
  std::unique_ptr<RegistrationsApp> a_, b_;
};

TEST_P(ReportingPolicyTest, AChangeAppliesAtOnceHereAndWithinTheBoundOnAnotherReplica) {
  const absl::CivilDay two_days = DeadlineOfANewReport(*a_);
  EXPECT_EQ(DeadlineOfANewReport(*b_), two_days);

  ThuiszitterPolicy five;
  five.report_within_days = 5;
  ASSERT_TRUE(b_->thuiszitters().UpdateSettings(staff_, "PO2203", five, 0).ok());
  EXPECT_EQ(DeadlineOfANewReport(*b_), two_days + 3);
  // The other replica may still use what it read, for at most kPolicyKept.
  EXPECT_EQ(DeadlineOfANewReport(*a_), two_days);
  clock_.Advance(ThuiszitterService::kPolicyKept);
  EXPECT_EQ(DeadlineOfANewReport(*a_), two_days + 3);
}

// Settings whose next read, once asked, returns and then waits until released: a report that read
// the settings is held before it keeps what it read.
class HeldSettings : public ThuiszitterRepository {
 public:
  explicit HeldSettings(ThuiszitterRepository* stored) : stored_(stored) {}

  void HoldNextRead() { hold_next_ = true; }
  absl::Notification read, released;

  absl::StatusOr<SwvSettingsRecord> GetSettings(absl::string_view tenant) override {
    absl::StatusOr<SwvSettingsRecord> settings = stored_->GetSettings(tenant);
    if (hold_next_.exchange(false)) {
      read.Notify();
      released.WaitForNotification();
    }
    return settings;
  }
  absl::StatusOr<std::vector<std::string>> ListTenants() override { return stored_->ListTenants(); }
  absl::StatusOr<SwvSettingsRecord> PutSettings(const SwvSettingsRecord& settings,
                                                int64_t expected_version) override {
    return stored_->PutSettings(settings, expected_version);
  }

 private:
  ThuiszitterRepository* stored_;
  std::atomic<bool> hold_next_{false};
};

TEST_P(ReportingPolicyTest, AReportThatReadBeforeAChangeDoesNotKeepTheOldPolicy) {
  const absl::CivilDay two_days = DeadlineOfANewReport(*a_);
  std::unique_ptr<ThuiszitterRepository> stored = NewSqlThuiszitterRepository(&db());
  HeldSettings settings(stored.get());
  std::unique_ptr<RecordStore<ThuiszitterCase>> cases = NewSqlCaseStore(&db());
  ThuiszitterService replica(cases.get(), &settings, &clock_, AccessPolicy());

  settings.HoldNextRead();
  std::thread slow_report([&] { DeadlineOfANewReport(replica); });
  settings.read.WaitForNotification();
  ThuiszitterPolicy five;
  five.report_within_days = 5;
  ASSERT_TRUE(replica.UpdateSettings(staff_, "PO2203", five, 0).ok());
  settings.released.Notify();
  slow_report.join();

  EXPECT_EQ(DeadlineOfANewReport(replica), two_days + 3);
}

INSTANTIATE_TEST_SUITE_P(Dialects, ReportingPolicyTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::registrations
