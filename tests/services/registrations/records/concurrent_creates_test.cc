// Concurrent creates of one kind share a transaction (SqlRecordStore::WriteCreates) and keep
// every rule of a create alone: a request id replays the record stored under it, also when it
// was stored earlier in the same batch (a batch holding a replay is written create by create);
// creates naming the same new pupil get the same pupil; a known pupil keeps its id; every record
// gets its first change.
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/registrations/records/sql_record_store.h"
#include "tests/services/registrations/support/support_schema_test.h"

namespace swv::registrations {
namespace {

// A database whose transactions wait while the gate is closed (as a slow durable commit would),
// so that the creates that come meanwhile queue; it counts the transactions begun.
class GatedDatabase final : public storage::Database {
 public:
  explicit GatedDatabase(storage::Database* inner) : inner_(inner) {}

  absl::Status InTransaction(absl::FunctionRef<absl::Status(storage::Transaction&)> work) override {
    {
      absl::MutexLock lock(&mu_);
      ++begun_;
      ++waiting_;
      mu_.Await(absl::Condition(
          +[](bool* open) { return *open; }, &open_));
      --waiting_;
    }
    return inner_->InTransaction(work);
  }
  absl::Status Ping() override { return inner_->Ping(); }
  storage::Dialect dialect() const override { return inner_->dialect(); }

  void Close() {
    absl::MutexLock lock(&mu_);
    open_ = false;
  }
  void Open() {
    absl::MutexLock lock(&mu_);
    open_ = true;
  }
  // Blocks until `n` transactions wait at the closed gate.
  void AwaitWaiting(int n) {
    absl::MutexLock lock(&mu_);
    std::pair<int*, int> want{&waiting_, n};
    mu_.Await(absl::Condition(
        +[](std::pair<int*, int>* w) { return *w->first >= w->second; }, &want));
  }
  int begun() {
    absl::MutexLock lock(&mu_);
    return begun_;
  }

 private:
  storage::Database* inner_;
  absl::Mutex mu_;
  bool open_ ABSL_GUARDED_BY(mu_) = true;
  int waiting_ ABSL_GUARDED_BY(mu_) = 0;
  int begun_ ABSL_GUARDED_BY(mu_) = 0;
};

class ConcurrentCreatesTest : public SupportSchemaTest {
 protected:
  void SetUp() override {
    SupportSchemaTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    gated_ = std::make_unique<GatedDatabase>(&db());
    stores_ = NewSqlSupportStores(gated_.get());
  }

  RecordStore<ArrangementRecord>& arrangements() { return *stores_.arrangements; }

  std::unique_ptr<GatedDatabase> gated_;
  SupportStores stores_;
};

TEST_P(ConcurrentCreatesTest, QueuedCreatesShareOneTransactionAndKeepTheRulesOfACreateAlone) {
  absl::StatusOr<Created<ArrangementRecord>> old =
      arrangements().Create(Candidate("ar-old", "LVS-7"), "req-old");
  ASSERT_TRUE(old.ok()) << old.status();

  // Two creates hold both writers at the closed gate; the six after them queue.
  struct Call {
    std::string id, lvs, request_id;
    absl::StatusOr<Created<ArrangementRecord>> result = absl::UnknownError("not run");
  };
  std::vector<Call> calls = {{"ar-a", "LVS-100", "req-a"},  {"ar-b", "LVS-101", "req-b"},
                             {"ar-c", "LVS-200", "req-c"},  {"ar-d", "LVS-200", "req-d"},
                             {"ar-x", "LVS-300", "req-x"},  {"ar-e1", "LVS-400", "req-e"},
                             {"ar-e2", "LVS-401", "req-e"}, {"ar-f", "LVS-7", ""}};
  gated_->Close();
  const int begun_before = gated_->begun();
  std::vector<std::thread> threads;
  auto start = [&](size_t i) {
    threads.emplace_back([&, i] {
      calls[i].result =
          arrangements().Create(Candidate(calls[i].id, calls[i].lvs), calls[i].request_id);
    });
  };
  start(0);
  start(1);
  gated_->AwaitWaiting(2);
  for (size_t i = 2; i < calls.size(); ++i) start(i);
  absl::SleepFor(absl::Milliseconds(300));  // the six queue behind the two writers
  gated_->Open();
  for (std::thread& thread : threads) thread.join();
  for (const Call& call : calls) ASSERT_TRUE(call.result.ok()) << call.id << call.result.status();

  EXPECT_EQ(gated_->begun() - begun_before, 3) << "the six queued creates did not share one";

  auto stored = [&](size_t i) -> const ArrangementRecord& { return calls[i].result->stored; };
  // A new pupil named twice in the batch is one pupil; a known pupil keeps its id.
  EXPECT_EQ(stored(2).pupil_id, stored(3).pupil_id);
  EXPECT_NE(stored(2).pupil_id, stored(0).pupil_id);
  EXPECT_EQ(stored(7).pupil_id, old->stored.pupil_id);
  // A request id used twice in the batch stores one record, which both callers get.
  EXPECT_NE(calls[5].result->created, calls[6].result->created);
  EXPECT_EQ(stored(5).arrangement_id, stored(6).arrangement_id);
  const std::string lost = stored(5).arrangement_id == "ar-e1" ? "ar-e2" : "ar-e1";
  EXPECT_EQ(arrangements().Get("PO2203", lost).status().code(), absl::StatusCode::kNotFound);
  // Every new record is stored at version 1 with its first change.
  for (const std::string id : {"ar-a", "ar-b", "ar-c", "ar-d", "ar-x", "ar-f"}) {
    absl::StatusOr<ArrangementRecord> read = arrangements().Get("PO2203", id);
    ASSERT_TRUE(read.ok()) << id << read.status();
    EXPECT_EQ(read->version, 1);
    absl::StatusOr<std::vector<RecordChange>> history = arrangements().History("PO2203", id);
    ASSERT_TRUE(history.ok()) << id << history.status();
    EXPECT_EQ(history->size(), 1u) << id;
  }
  EXPECT_EQ(arrangements().Get("PO2203", "ar-c")->pupil_id, stored(2).pupil_id);
}

TEST_P(ConcurrentCreatesTest, ARequestIdStoredBeforeIsReplayedAlsoInABatch) {
  absl::StatusOr<Created<ArrangementRecord>> old =
      arrangements().Create(Candidate("ar-old", "LVS-7"), "req-old");
  ASSERT_TRUE(old.ok()) << old.status();
  // The batch is written as if its request ids were new; the unique key refuses it, and each
  // create is then written alone, reading its request id.
  gated_->Close();
  const int begun_before = gated_->begun();
  std::vector<absl::StatusOr<Created<ArrangementRecord>>> results(4, absl::UnknownError("not run"));
  const std::vector<std::pair<std::string, std::string>> creates = {
      {"ar-1", "req-1"}, {"ar-2", "req-2"}, {"ar-x", "req-old"}, {"ar-3", "req-3"}};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < creates.size(); ++i) {
    if (i == 2) gated_->AwaitWaiting(2);
    threads.emplace_back([&, i] {
      results[i] = arrangements().Create(Candidate(creates[i].first, absl::StrCat("LVS-", i)),
                                         creates[i].second);
    });
  }
  absl::SleepFor(absl::Milliseconds(300));
  gated_->Open();
  for (std::thread& thread : threads) thread.join();
  // Two writers, the refused batch, and its two creates alone.
  EXPECT_EQ(gated_->begun() - begun_before, 5);
  for (const auto& result : results) ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_FALSE(results[2]->created);
  EXPECT_EQ(results[2]->stored.arrangement_id, "ar-old");
  EXPECT_EQ(arrangements().Get("PO2203", "ar-x").status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(results[3]->created);
  EXPECT_TRUE(arrangements().Get("PO2203", "ar-3").ok());
  // Alone, too, a replay is found.
  absl::StatusOr<Created<ArrangementRecord>> again =
      arrangements().Create(Candidate("ar-y", "LVS-9"), "req-old");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->stored.arrangement_id, "ar-old");
}

TEST_P(ConcurrentCreatesTest, ABatchThatFailsIsWrittenCreateByCreate) {
  // Two queued creates of the same id: the shared INSERT fails on the primary key, so each is
  // tried alone, and only the second is refused.
  gated_->Close();
  std::vector<absl::StatusOr<Created<ArrangementRecord>>> results(4, absl::UnknownError("not run"));
  const std::vector<std::string> ids = {"ar-1", "ar-2", "ar-same", "ar-same"};
  std::vector<std::thread> threads;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i == 2) gated_->AwaitWaiting(2);
    threads.emplace_back([&, i] {
      results[i] = arrangements().Create(Candidate(ids[i], absl::StrCat("LVS-", i)), "");
    });
  }
  absl::SleepFor(absl::Milliseconds(300));
  gated_->Open();
  for (std::thread& thread : threads) thread.join();
  EXPECT_TRUE(results[0].ok());
  EXPECT_TRUE(results[1].ok());
  EXPECT_NE(results[2].ok(), results[3].ok());
  const auto& refused = results[2].ok() ? results[3] : results[2];
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists) << refused.status();
  EXPECT_TRUE(arrangements().Get("PO2203", "ar-same").ok());
}

INSTANTIATE_TEST_SUITE_P(Dialects, ConcurrentCreatesTest, SWV_DIALECTS);

}  // namespace
}  // namespace swv::registrations
