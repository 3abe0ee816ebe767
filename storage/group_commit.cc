#include "storage/group_commit.h"

#include <utility>

namespace swv::storage {

absl::Status GroupCommit::Submit(Write write) {
  Pending mine{std::move(write), absl::OkStatus()};
  batcher_.Submit(&mine);
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
