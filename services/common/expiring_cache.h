// A bounded map of values that expire: what a principal token signer or verifier has already
// done, kept until the token expires (principal_token.h), and an SWV's reporting policy, kept for
// a bounded time (ThuiszitterService::kPolicyKept). Above `capacity` entries the expired
// ones are dropped, and if none had expired, all of them: the cache only saves work, so losing
// an entry costs one recomputation, never a wrong answer.
//
// Thread-safety: safe for concurrent use (one absl::Mutex around the map).
#ifndef SWV_SERVICES_COMMON_EXPIRING_CACHE_H_
#define SWV_SERVICES_COMMON_EXPIRING_CACHE_H_

#include <cstddef>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/optional.h"

namespace swv {

template <typename Value>
class ExpiringCache {
 public:
  struct Entry {
    Value value;
    absl::Time expires;
  };

  explicit ExpiringCache(size_t capacity) : capacity_(capacity) {}
  ExpiringCache(const ExpiringCache&) = delete;
  ExpiringCache& operator=(const ExpiringCache&) = delete;

  // A copy of what is stored for `key`, unless it expires at or before `now`.
  absl::optional<Entry> Get(absl::string_view key, absl::Time now) const {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.expires <= now) return absl::nullopt;
    return it->second;
  }

  void Put(std::string key, Value value, absl::Time expires, absl::Time now) {
    PutUnlessNewer(std::move(key), std::move(value), expires, now,
                   [](const Value&, const Value&) { return false; });
  }

  // Put, unless what is stored for `key`, expired or not, is newer than `value` by
  // `is_newer(stored, value)`: a reader that read before a writer stored must not replace what
  // the writer stored.
  template <typename IsNewer>
  void PutUnlessNewer(std::string key, Value value, absl::Time expires, absl::Time now,
                      IsNewer is_newer) {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && is_newer(it->second.value, value)) return;
    if (entries_.size() >= capacity_) {
      absl::erase_if(entries_, [now](const auto& entry) { return entry.second.expires <= now; });
      if (entries_.size() >= capacity_) entries_.clear();
    }
    entries_.insert_or_assign(std::move(key), Entry{std::move(value), expires});
  }

  size_t size() const {
    absl::MutexLock lock(&mu_);
    return entries_.size();
  }

 private:
  const size_t capacity_;
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace swv

#endif  // SWV_SERVICES_COMMON_EXPIRING_CACHE_H_
