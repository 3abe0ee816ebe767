#include "storage/observed_database.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "storage/driver_internal.h"

namespace swv::storage {
namespace {

// The identifier after `keyword` (e.g. the table after FROM), without quotes.
std::string WordAfter(const std::vector<std::string>& words, absl::string_view keyword) {
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == keyword) {
      std::string table = words[i + 1];
      table.erase(std::remove(table.begin(), table.end(), '`'), table.end());
      size_t end = table.find_first_of("(,;");
      return end == std::string::npos ? table : table.substr(0, end);
    }
  }
  return "unknown";
}

class ObservedTransaction final : public Transaction, public internal::TransactionWrapper {
 public:
  ObservedTransaction(Transaction& inner, StatementObserver* observer)
      : inner_(inner), observer_(observer) {}

  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql,
                                         absl::Span<const Value> params) override {
    const absl::Time start = absl::Now();
    absl::StatusOr<std::vector<Row>> rows = inner_.Query(sql, params);
    observer_->OnStatement(OperationOf(sql), absl::Now() - start, rows.status().code());
    return rows;
  }
  absl::StatusOr<int64_t> Execute(absl::string_view sql, absl::Span<const Value> params) override {
    const absl::Time start = absl::Now();
    absl::StatusOr<int64_t> affected = inner_.Execute(sql, params);
    observer_->OnStatement(OperationOf(sql), absl::Now() - start, affected.status().code());
    return affected;
  }
  absl::StatusOr<int64_t> LastInsertId() override { return inner_.LastInsertId(); }
  Dialect dialect() const override { return inner_.dialect(); }
  Transaction& wrapped() override { return inner_; }

 private:
  Transaction& inner_;
  StatementObserver* observer_;
};

class ObservedDatabase final : public Database {
 public:
  ObservedDatabase(std::unique_ptr<Database> inner, StatementObserver* observer)
      : inner_(std::move(inner)), observer_(observer) {}

  absl::Status InTransaction(absl::FunctionRef<absl::Status(Transaction&)> work) override {
    return inner_->InTransaction([&](Transaction& tx) {
      ObservedTransaction observed(tx, observer_);
      return work(observed);
    });
  }
  absl::Status Ping() override {
    const absl::Time start = absl::Now();
    absl::Status status = inner_->Ping();
    observer_->OnStatement("ping", absl::Now() - start, status.code());
    return status;
  }
  Dialect dialect() const override { return inner_->dialect(); }

 private:
  std::unique_ptr<Database> inner_;
  StatementObserver* observer_;
};

}  // namespace

std::string OperationOf(absl::string_view sql) {
  std::vector<std::string> words;
  for (absl::string_view word :
       absl::StrSplit(sql, absl::ByAnyChar(" \n\t\r"), absl::SkipEmpty())) {
    words.push_back(absl::AsciiStrToLower(word));
    if (words.size() > 64) break;  // the table is named early; long statements need no more
  }
  if (words.empty()) return "other";
  const std::string& verb = words[0];
  if (verb == "select") return absl::StrCat("select ", WordAfter(words, "from"));
  if (verb == "insert" || verb == "replace")
    return absl::StrCat(verb, " ", WordAfter(words, "into"));
  if (verb == "update")
    return absl::StrCat("update ", words.size() > 1 ? WordAfter(words, "update") : "unknown");
  if (verb == "delete") return absl::StrCat("delete ", WordAfter(words, "from"));
  if (verb == "create" || verb == "alter" || verb == "drop") return "ddl";
  return "other";
}

std::unique_ptr<Database> ObserveStatements(std::unique_ptr<Database> db,
                                            StatementObserver* observer) {
  return std::make_unique<ObservedDatabase>(std::move(db), observer);
}

}  // namespace swv::storage
