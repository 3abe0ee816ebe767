#include "storage/group_commit.h"

#include <algorithm>
#include <utility>

namespace swv::storage {

absl::Status GroupCommit::Submit(Write write) {
  Pending mine{std::move(write), absl::OkStatus(), false};
  std::vector<Pending*> batch;
  {
    absl::MutexLock lock(&mu_);
    queue_.push_back(&mine);
    // Wait while another caller writes; it may take this write along.
    while (!mine.done && writing_) changed_.Wait(&mu_);
    if (mine.done) return mine.status;
    writing_ = true;
    const size_t take = std::min(queue_.size(), static_cast<size_t>(max_batch_));
    // The oldest first; this caller's write is among them, since it is the oldest not yet taken
    // or behind at most max_batch_ - 1 others that were.
    auto own = std::find(queue_.begin(), queue_.end(), &mine);
    if (own - queue_.begin() >= static_cast<std::ptrdiff_t>(take)) {
      std::iter_swap(own, queue_.begin());
    }
    batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(take));
  }
  WriteBatch(batch);
  absl::MutexLock lock(&mu_);
  for (Pending* pending : batch) pending->done = true;
  writing_ = false;
  changed_.SignalAll();
  return mine.status;
}

void GroupCommit::WriteBatch(const std::vector<Pending*>& batch) {
  int64_t tried = 1;
  absl::Status shared = db_->InTransaction([&](Transaction& tx) -> absl::Status {
    for (Pending* pending : batch) {
      if (absl::Status status = pending->write(tx); !status.ok()) return status;
    }
    return absl::OkStatus();
  });
  if (shared.ok() || batch.size() == 1) {
    for (Pending* pending : batch) pending->status = shared;
  } else {
    for (Pending* pending : batch) {
      pending->status =
          db_->InTransaction([&](Transaction& tx) -> absl::Status { return pending->write(tx); });
      ++tried;
    }
  }
  absl::MutexLock lock(&mu_);
  transactions_ += tried;
}

int64_t GroupCommit::transactions() const {
  absl::MutexLock lock(&mu_);
  return transactions_;
}

}  // namespace swv::storage
