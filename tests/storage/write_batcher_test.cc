// The leader/follower batcher under GroupCommit and the record stores' creates: every caller
// returns after its own item was written, batches stay within their bound, and no more batches
// are written at once than allowed.
#include "storage/write_batcher.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace swv::storage {
namespace {

struct Item {
  int value = 0;
  bool written = false;
};

// Writes batches slowly enough that callers queue behind them, and records their sizes and how
// many were written at once.
class SlowWriter {
 public:
  void Write(const std::vector<Item*>& batch) {
    const int now = ++writing_;
    {
      absl::MutexLock lock(&mu_);
      most_at_once_ = std::max(most_at_once_, now);
      sizes_.push_back(static_cast<int>(batch.size()));
    }
    absl::SleepFor(absl::Milliseconds(2));
    for (Item* item : batch) item->written = true;
    --writing_;
  }

  int most_at_once() {
    absl::MutexLock lock(&mu_);
    return most_at_once_;
  }
  std::vector<int> sizes() {
    absl::MutexLock lock(&mu_);
    return sizes_;
  }

 private:
  std::atomic<int> writing_{0};
  absl::Mutex mu_;
  int most_at_once_ ABSL_GUARDED_BY(mu_) = 0;
  std::vector<int> sizes_ ABSL_GUARDED_BY(mu_);
};

// Submits `per_thread` items from each of `threads` threads; true when every caller found its
// own item written when Submit returned.
bool SubmitFromThreads(WriteBatcher<Item>& batcher, int threads, int per_thread) {
  std::atomic<int> unwritten{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t) {
    callers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        Item item{t * per_thread + i};
        batcher.Submit(&item);
        if (!item.written) ++unwritten;
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  return unwritten == 0;
}

TEST(WriteBatcherTest, EveryCallerReturnsAfterItsOwnItemWasWrittenInSharedBatches) {
  SlowWriter writer;
  WriteBatcher<Item> batcher(8, [&](const std::vector<Item*>& batch) { writer.Write(batch); });
  EXPECT_TRUE(SubmitFromThreads(batcher, 12, 20));
  const std::vector<int> sizes = writer.sizes();
  int items = 0;
  for (int size : sizes) items += size;
  EXPECT_EQ(items, 12 * 20);
  EXPECT_LE(*std::max_element(sizes.begin(), sizes.end()), 8);
  EXPECT_GT(*std::max_element(sizes.begin(), sizes.end()), 1) << "no batch was shared";
  EXPECT_EQ(writer.most_at_once(), 1);
}

TEST(WriteBatcherTest, NoMoreBatchesAreWrittenAtOnceThanAllowed) {
  SlowWriter writer;
  WriteBatcher<Item> batcher(
      4, [&](const std::vector<Item*>& batch) { writer.Write(batch); }, /*max_writers=*/2);
  EXPECT_TRUE(SubmitFromThreads(batcher, 12, 20));
  const std::vector<int> sizes = writer.sizes();
  EXPECT_LE(*std::max_element(sizes.begin(), sizes.end()), 4);
  EXPECT_EQ(writer.most_at_once(), 2);
}

TEST(WriteBatcherTest, ACallerAloneWritesItsItemAtOnce) {
  SlowWriter writer;
  WriteBatcher<Item> batcher(8, [&](const std::vector<Item*>& batch) { writer.Write(batch); });
  Item item{1};
  batcher.Submit(&item);
  EXPECT_TRUE(item.written);
  EXPECT_EQ(writer.sizes(), std::vector<int>{1});
}

}  // namespace
}  // namespace swv::storage
