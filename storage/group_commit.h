// Group commit (storage/write_batcher.h): concurrent callers whose writes may share a transaction
// hand them to Submit. One
// caller at a time (the leader) writes every write queued so far in one transaction, so under load
// many callers share one durable commit instead of waiting for a commit each. Every caller returns
// once its own write committed or failed: as durable as a transaction of its own. When a shared
// transaction fails and held more than one write, each is tried again alone, so a bad write fails
// only its own caller.
//
// For appends that need no answer but their status (the gateway's access log: a durable commit per
// partner read was the cost of those reads; docs/benchmarks.md).
//
// Thread-safety: Submit may be called from any number of threads. The database is borrowed and
// must outlive this object.
#ifndef SWV_STORAGE_GROUP_COMMIT_H_
#define SWV_STORAGE_GROUP_COMMIT_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "storage/database.h"
#include "storage/write_batcher.h"

namespace swv::storage {

class GroupCommit {
 public:
  // A write: statements on the transaction it is given. It may run more than once (a retried or
  // shared transaction), so it must only write.
  using Write = std::function<absl::Status(Transaction&)>;

  // At most `max_batch` writes share one transaction.
  explicit GroupCommit(Database* db, int max_batch = 256)
      : db_(db),
        batcher_(max_batch, [this](const std::vector<Pending*>& batch) { WriteBatch(batch); }) {}

  absl::Status Submit(Write write);

  // Transactions committed or tried so far (for tests and benchmarks).
  int64_t transactions() const;

 private:
  struct Pending {
    Write write;
    absl::Status status;
  };
  // Writes `batch` and records each write's outcome in it.
  void WriteBatch(const std::vector<Pending*>& batch);

  Database* const db_;
  WriteBatcher<Pending> batcher_;
  mutable absl::Mutex mu_;
  int64_t transactions_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace swv::storage

#endif  // SWV_STORAGE_GROUP_COMMIT_H_
