// Statement-level observation of a Database, for metrics: every Query/Execute is reported with an
// operation name derived from the SQL ("select thuiszitter_cases", "insert pupils", "update
// swv_settings", "ddl", "other"), its latency and its outcome code. The names come from our own SQL
// text, never from bound values, so they form a small fixed set fit for a metric label.
//
// ApplyMigrations works on a wrapped Database; its statements run on the driver's session
// underneath and are not reported (they run once, at start).
//
// Thread-safety: the wrapper is as thread-safe as the wrapped Database; the observer is called
// from whichever thread runs the statement and must be thread-safe itself.
#ifndef SWV_STORAGE_OBSERVED_DATABASE_H_
#define SWV_STORAGE_OBSERVED_DATABASE_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/database.h"

namespace swv::storage {

class StatementObserver {
 public:
  virtual ~StatementObserver() = default;
  virtual void OnStatement(absl::string_view operation, absl::Duration latency,
                           absl::StatusCode code) = 0;
};

// "<verb> <first table>" in lower case for SELECT/INSERT/UPDATE/DELETE/REPLACE, "ddl" for schema
// changes, "other" for anything else.
std::string OperationOf(absl::string_view sql);

// Wraps `db`; `observer` is not owned and must outlive the returned Database.
std::unique_ptr<Database> ObserveStatements(std::unique_ptr<Database> db,
                                            StatementObserver* observer);

}  // namespace swv::storage

#endif  // SWV_STORAGE_OBSERVED_DATABASE_H_
