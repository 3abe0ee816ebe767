// Set-up helpers for fuzz targets that run real services: set-up failures abort with the status
// (a fuzz run without its service would test nothing), and a private in-memory SQLite database.
#ifndef SWV_TESTS_FUZZ_FUZZ_DATABASE_H_
#define SWV_TESTS_FUZZ_FUZZ_DATABASE_H_

#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/database.h"

namespace swv::fuzz {

[[noreturn]] inline void SetupFailed(const absl::Status& status) {
  std::cerr << "fuzz target set-up failed: " << status << std::endl;
  std::abort();
}

inline std::unique_ptr<storage::Database> OpenMemoryDatabase() {
  storage::DatabaseOptions options;
  options.url = "sqlite::memory:";
  absl::StatusOr<std::unique_ptr<storage::Database>> db = storage::OpenDatabase(options);
  if (!db.ok()) SetupFailed(db.status());
  return *std::move(db);
}

}  // namespace swv::fuzz

#endif  // SWV_TESTS_FUZZ_FUZZ_DATABASE_H_
