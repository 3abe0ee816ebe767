// Leader/follower batching of concurrent writes. Callers hand their item to Submit; up to
// `max_writers` callers at a time (leaders) each take every item queued so far, up to max_batch,
// and hand them to the batch writer, which writes them (typically in one transaction) and records
// each item's outcome in the item. Every caller returns once its own item was written, by itself
// or by a leader that took it along. Under load many callers share one transaction, and a caller
// alone writes its item at once: nothing waits for a timer. More than one writer lets a batch fill
// and write while another waits for its durable commit (the database merges their flushes).
//
// The items are the callers' own (borrowed for the duration of Submit); the batch writer is
// called by at most max_writers threads at a time, each with its own batch, and must set every
// item's outcome.
//
// Thread-safety: Submit may be called from any number of threads.
#ifndef SWV_STORAGE_WRITE_BATCHER_H_
#define SWV_STORAGE_WRITE_BATCHER_H_

#include <algorithm>
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace swv::storage {

template <typename Item>
class WriteBatcher {
 public:
  // Writes `batch` (oldest first, never empty) and records each item's outcome in it.
  using BatchWriter = std::function<void(const std::vector<Item*>& batch)>;

  WriteBatcher(int max_batch, BatchWriter write, int max_writers = 1)
      : max_batch_(static_cast<size_t>(std::max(1, max_batch))),
        max_writers_(std::max(1, max_writers)),
        write_(std::move(write)) {}

  WriteBatcher(const WriteBatcher&) = delete;
  WriteBatcher& operator=(const WriteBatcher&) = delete;

  // Returns once `item` was written.
  void Submit(Item* item) {
    Entry mine{item};
    std::vector<Entry*> taken;
    {
      absl::MutexLock lock(&mu_);
      queue_.push_back(&mine);
      // Wait while others write; one of them may take this item along. An item taken by another
      // leader is waited for until that leader is done.
      while (!mine.done && (mine.taken || writers_ >= max_writers_)) changed_.Wait(&mu_);
      if (mine.done) return;
      ++writers_;
      const size_t take = std::min(queue_.size(), max_batch_);
      // The oldest first; this caller's item is among them, since it is the oldest not yet taken
      // or behind at most max_batch - 1 others that were.
      auto own = std::find(queue_.begin(), queue_.end(), &mine);
      if (own - queue_.begin() >= static_cast<std::ptrdiff_t>(take)) {
        std::iter_swap(own, queue_.begin());
      }
      taken.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
      for (Entry* entry : taken) entry->taken = true;
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
    }
    std::vector<Item*> batch;
    batch.reserve(taken.size());
    for (Entry* entry : taken) batch.push_back(entry->item);
    write_(batch);
    absl::MutexLock lock(&mu_);
    for (Entry* entry : taken) entry->done = true;
    --writers_;
    changed_.SignalAll();
  }

 private:
  struct Entry {
    Item* item;
    bool taken = false;  // by a leader, which is writing it
    bool done = false;   // written; its outcome is in the item
  };

  const size_t max_batch_;
  const int max_writers_;
  const BatchWriter write_;
  absl::Mutex mu_;
  absl::CondVar changed_;  // a batch finished
  std::vector<Entry*> queue_ ABSL_GUARDED_BY(mu_);
  int writers_ ABSL_GUARDED_BY(mu_) = 0;  // callers writing a batch now
};

}  // namespace swv::storage

#endif  // SWV_STORAGE_WRITE_BATCHER_H_
