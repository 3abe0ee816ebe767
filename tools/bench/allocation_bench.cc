// allocation_bench: a national-scale allocation year, end to end through the gRPC API, on SQLite
// and on MariaDB, with a baseline measured in the same run.
//
//   allocation_bench [--schools=7000] [--boards=1000] [--wijken=700] [--rows=1500000]
//                    [--chunk=5000] [--dialects=sqlite,mysql] [--batched=true]
//   MariaDB: SWV_TEST_MYSQL_URL (e.g. from tools/mariadb-test-server.sh); a fresh database is
//   created inside it and dropped afterwards.
//
// The data set: 7,000 school locations under 1,000 boards (the national order of magnitude for
// primary education), 700 wijken. The count file has one row per enrolled pupil (line = the row
// number of an anonymised DUO pupil-level extract, count 1): 1.5 million rows is about the
// number of primary pupils in the Netherlands (~1.45 million), i.e. the largest file an SWV
// service would ever be sent. Every 25th school is an SBO location (a third of its pupils with a
// TLV), every 40th an SO location outside the region (pupils in TLV categories 1/2/3).
//
// Printed per database: import time and rows/s (client-streamed, chunks of --chunk rows), the
// BASELINE (the same rows into a table of the same shape by the database's bulk path: LOAD DATA
// LOCAL INFILE on MariaDB, durable commits as the server is configured; batched INSERTs on
// SQLite; the mean of a run before the import and one after it) and the ratio import/baseline,
// the earlier baseline of bare 500-row INSERTs through the same driver with its ratio (unless
// --batched=false), the time of the
// calculation, the read of its per-school counts from the totals stored at import against the
// BASELINE of a recount of the rows, the time of a board statement (a recomputation from stored
// inputs), and the peak RSS (VmHWM from /proc/self/status) after each phase.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "services/allocation/allocation_app.h"
#include "services/allocation/domain/money.h"
#include "services/common/clock.h"
#include "services/common/logging.h"
#include "services/common/options.h"
#include "services/common/principal.h"
#include "services/common/server.h"
#include "storage/bulk.h"
#include "storage/reads.h"
#include "swv/v1/allocation.grpc.pb.h"
#include "tests/testing/scratch_database.h"
#include "tests/testing/test_identity.h"
#include "tools/bench/synthetic_swv.h"

namespace {

namespace pb = ::swv::v1;
using swv::allocation::DirectoryBoard;
using swv::allocation::DirectorySchool;
using swv::allocation::SchoolKind;

struct Sizes {
  int schools = 7000;
  int boards = 1000;
  int wijken = 700;
  int rows = 1'500'000;
  int chunk = 5000;
};

std::string ProcStatus(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) == 0) {
      return std::string(absl::StripAsciiWhitespace(line.substr(std::string(key).size())));
    }
  }
  return "?";
}

// Starts VmHWM afresh (Linux: "5" to /proc/self/clear_refs resets the peak RSS).
void ResetPeakMemory() { std::ofstream("/proc/self/clear_refs") << "5"; }

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

using swv::bench::BoardCode;
using swv::bench::SchoolCode;
using swv::bench::WijkCode;

SchoolKind KindOf(int school) {
  if (school % 40 == 39) return SchoolKind::kSo;
  if (school % 25 == 24) return SchoolKind::kSbo;
  return SchoolKind::kRegular;
}

void Directory(const Sizes& s, std::vector<DirectoryBoard>* boards,
               std::vector<DirectorySchool>* schools) {
  for (int b = 0; b < s.boards; ++b)
    boards->push_back({BoardCode(b), absl::StrCat("Stichting ", b)});
  for (int i = 0; i < s.schools; ++i) {
    SchoolKind kind = KindOf(i);
    bool inside = kind != SchoolKind::kSo;
    schools->push_back({SchoolCode(i), inside ? BoardCode(i % s.boards) : "",
                        inside ? WijkCode(i % s.wijken) : "", kind, inside});
  }
}

// Row r of the synthetic pupil-level file.
struct GeneratedRow {
  std::string school;
  std::string line;
  int64_t sbo = 0, so1 = 0, so2 = 0, so3 = 0;
};

GeneratedRow RowAt(const Sizes& s, int r) {
  GeneratedRow row;
  const int school = r % s.schools;
  row.school = SchoolCode(school);
  row.line = absl::StrFormat("p%07d", r);
  const SchoolKind kind = KindOf(school);
  if (kind == SchoolKind::kSbo && r % 3 == 0) row.sbo = 1;
  if (kind == SchoolKind::kSo) {
    if (r % 3 == 0)
      row.so1 = 1;
    else if (r % 3 == 1)
      row.so2 = 1;
    else
      row.so3 = 1;
  }
  return row;
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("x-swv-principal", "office:PO9999");
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(30));
  return context;
}

absl::Status CreateRowsTable(swv::storage::Database& db, absl::string_view table) {
  return db.InTransaction([&](swv::storage::Transaction& tx) {
    return tx
        .Execute(absl::StrCat(
            "CREATE TABLE ", table,
            " (tenant VARCHAR(16) NOT NULL, count_date CHAR(10) NOT NULL, version BIGINT NOT "
            "NULL, school CHAR(6) NOT NULL, line VARCHAR(40) NOT NULL, pupils BIGINT NOT NULL, "
            "sbo_pupils BIGINT NOT NULL, so_cat1_pupils BIGINT NOT NULL, so_cat2_pupils BIGINT NOT "
            "NULL, so_cat3_pupils BIGINT NOT NULL, PRIMARY KEY (tenant, count_date, version, "
            "school, line))",
            db.dialect() == swv::storage::Dialect::kMysql
                ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin"
                : ""))
        .status();
  });
}

void AppendRowValues(const Sizes& s, int r, std::vector<swv::storage::Value>* values) {
  GeneratedRow row = RowAt(s, r);
  values->insert(values->end(),
                 {std::string("PO9999"), std::string("2025-02-01"), int64_t{1}, row.school,
                  row.line, int64_t{1}, row.sbo, row.so1, row.so2, row.so3});
}

// The BASELINE: the same rows into a table of the same shape (`table`) by the database's own bulk
// path, LOAD DATA LOCAL INFILE on MariaDB (storage::InsertRows; 25,000 rows per statement and
// commit, so the values in memory stay bounded; the server loads 5,000 to 200,000 rows per
// statement at the same speed), batched INSERTs on SQLite.
absl::Status LoadDataBaseline(swv::storage::Database& db, const Sizes& s, absl::string_view table,
                              double* seconds) {
  if (absl::Status created = CreateRowsTable(db, table); !created.ok()) return created;
  static constexpr absl::string_view kColumns[] = {
      "tenant", "count_date", "version",        "school",         "line",
      "pupils", "sbo_pupils", "so_cat1_pupils", "so_cat2_pupils", "so_cat3_pupils"};
  constexpr int kPerStatement = 25'000;
  std::vector<swv::storage::Value> values;
  auto start = std::chrono::steady_clock::now();
  for (int first = 0; first < s.rows; first += kPerStatement) {
    values.clear();
    for (int r = first; r < std::min(s.rows, first + kPerStatement); ++r) {
      AppendRowValues(s, r, &values);
    }
    absl::Status status = db.InTransaction([&](swv::storage::Transaction& tx) {
      return swv::storage::InsertRows(tx, {table, kColumns}, values).status();
    });
    if (!status.ok()) return status;
  }
  *seconds = Seconds(start);
  return absl::OkStatus();
}

// The earlier baseline, kept for comparison: bare multi-row INSERTs of 500 rows, 5,000 rows per
// transaction, through the same driver.
absl::Status InsertBaseline(swv::storage::Database& db, const Sizes& s, double* seconds) {
  if (absl::Status created = CreateRowsTable(db, "bench_baseline_rows"); !created.ok()) {
    return created;
  }
  constexpr int kPerStatement = 500, kPerTransaction = 5000;
  std::string group = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  auto start = std::chrono::steady_clock::now();
  for (int first = 0; first < s.rows; first += kPerTransaction) {
    const int end = std::min(s.rows, first + kPerTransaction);
    absl::Status status = db.InTransaction([&](swv::storage::Transaction& tx) -> absl::Status {
      for (int from = first; from < end; from += kPerStatement) {
        const int to = std::min(end, from + kPerStatement);
        std::string sql = "INSERT INTO bench_baseline_rows VALUES ";
        std::vector<swv::storage::Value> params;
        for (int r = from; r < to; ++r) {
          if (r > from) sql += ", ";
          sql += group;
          AppendRowValues(s, r, &params);
        }
        absl::Status done = tx.Execute(sql, params).status();
        if (!done.ok()) return done;
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
  }
  *seconds = Seconds(start);
  return absl::OkStatus();
}

// The calculation's BASELINE: the per-school sums of the imported set read from the totals stored
// at import (what CreateCalculation reads) and recounted from its rows (what it would read without
// them), each the best of three reads, through the same driver.
absl::Status CountReads(swv::storage::Database& db, int64_t version, double* totals_seconds,
                        double* recount_seconds) {
  const std::vector<swv::storage::Value> key = {std::string("PO9999"), std::string("2025-02-01"),
                                                version};
  const struct {
    const char* sql;
    double* seconds;
  } reads[] = {
      {"SELECT school, pupils, sbo_pupils, so_cat1_pupils, so_cat2_pupils, so_cat3_pupils FROM "
       "alloc_school_counts WHERE tenant = ? AND count_date = ? AND version = ? ORDER BY school",
       totals_seconds},
      {"SELECT school, SUM(pupils), SUM(sbo_pupils), SUM(so_cat1_pupils), SUM(so_cat2_pupils), "
       "SUM(so_cat3_pupils) FROM alloc_count_rows WHERE tenant = ? AND count_date = ? AND "
       "version = ? GROUP BY school ORDER BY school",
       recount_seconds},
  };
  for (const auto& read : reads) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto start = std::chrono::steady_clock::now();
      absl::StatusOr<std::vector<std::string>> schools = swv::storage::ReadAll<std::string>(
          db, read.sql, key, [](const swv::storage::Row& row) { return row.GetString(0); });
      if (!schools.ok()) return schools.status();
      const double seconds = Seconds(start);
      if (attempt == 0 || seconds < *read.seconds) *read.seconds = seconds;
    }
  }
  return absl::OkStatus();
}

absl::Status Run(swv::storage::Dialect dialect, const Sizes& s, bool batched) {
  const std::string name = swv::testing::DialectName(dialect);
  auto scratch = swv::testing::ScratchDatabase::Create(dialect);
  if (!scratch.ok()) return scratch.status();
  swv::InMemoryDirectoryClient directory;
  std::vector<DirectoryBoard> boards;
  std::vector<DirectorySchool> schools;
  Directory(s, &boards, &schools);
  directory.Set("PO9999", boards, schools);
  swv::FakeClock clock(
      absl::FromCivil(absl::CivilSecond(2026, 3, 1, 10, 0, 0), swv::DutchTimeZone()));
  auto app = swv::allocation::AllocationApp::Create(&(*scratch)->db(), &directory, &clock);
  if (!app.ok()) return app.status();
  swv::Principal office;  // staff on the trusted network, as swvctl
  office.id = "office:PO9999";
  auto config = (*app)->service().UpdateYearConfig(
      office, "PO9999", swv::bench::SyntheticYearConfig(2026, s.wijken, s.boards), 0);
  if (!config.ok()) return config.status();

  swv::ServerOptions options;

  swv::testing::TrustTestIdentity(&options);
  options.service_name = "allocation-bench";
  options.grpc_address = "127.0.0.1:0";
  options.http_address = "127.0.0.1:0";
  options.log_level = "warn";
  swv::ServiceRuntime runtime(options);
  for (grpc::Service* service : (*app)->grpc_services()) runtime.AddService(service);
  if (absl::Status started = runtime.Start(); !started.ok()) return started;
  grpc::ChannelArguments arguments;
  arguments.SetMaxSendMessageSize(64 << 20);
  auto stub = pb::Allocation::NewStub(swv::testing::TestChannels().Open(
      absl::StrCat("127.0.0.1:", runtime.grpc_port()), arguments));

  // The baseline runs before the import and after it (the mean is the baseline), so neither
  // side alone meets a warmer or fuller server.
  double load_before = 0, load_after = 0, insert_seconds = 0;
  if (absl::Status done = LoadDataBaseline((*scratch)->db(), s, "bench_load_before", &load_before);
      !done.ok()) {
    return done;
  }
  ResetPeakMemory();  // the import's VmHWM is its own, not the baseline's values
  std::printf("[%s] %d schools, %d boards, %d wijken, %d count rows, chunks of %d\n", name.c_str(),
              s.schools, s.boards, s.wijken, s.rows, s.chunk);
  // Import, streamed.
  auto start = std::chrono::steady_clock::now();
  pb::CountSet set;
  {
    auto context = Context();
    auto writer = stub->StreamImportCounts(context.get(), &set);
    for (int first = 0; first < s.rows; first += s.chunk) {
      pb::ImportCountsChunk chunk;
      if (first == 0) {
        chunk.set_parent("swvs/PO9999/count-dates/2025-02-01");
        chunk.set_request_id("bench-import");
        chunk.set_source("synthetic national pupil-level file");
      }
      for (int r = first; r < std::min(s.rows, first + s.chunk); ++r) {
        GeneratedRow row = RowAt(s, r);
        pb::CountRow* out = chunk.add_counts();
        out->set_school(row.school);
        out->set_line(row.line);
        out->set_pupils(1);
        out->set_sbo_pupils(row.sbo);
        out->set_so_cat1_pupils(row.so1);
        out->set_so_cat2_pupils(row.so2);
        out->set_so_cat3_pupils(row.so3);
      }
      if (!writer->Write(chunk)) break;
    }
    writer->WritesDone();
    grpc::Status status = writer->Finish();
    if (!status.ok()) return absl::InternalError(absl::StrCat("import: ", status.error_message()));
  }
  const double import_seconds = Seconds(start);
  std::printf(
      "[%s] import:      %8.2f s  %9.0f rows/s  (%lld rows, %lld schools, %lld pupils)  "
      "VmHWM %s\n",
      name.c_str(), import_seconds, s.rows / import_seconds,
      static_cast<long long>(set.row_count()), static_cast<long long>(set.school_count()),
      static_cast<long long>(set.total_pupils()), ProcStatus("VmHWM:").c_str());

  // Calculation.
  start = std::chrono::steady_clock::now();
  pb::CreateCalculationRequest create;
  create.set_parent("swvs/PO9999/years/2026");
  pb::Calculation calculation;
  grpc::Status status = stub->CreateCalculation(Context().get(), create, &calculation);
  if (!status.ok()) return absl::InternalError(absl::StrCat("calculate: ", status.error_message()));
  std::printf(
      "[%s] calculate:   %8.3f s  (%d boards, %d wijken, paid to boards EUR %s)  VmHWM %s\n",
      name.c_str(), Seconds(start), calculation.boards_size(), calculation.wijken_size(),
      swv::allocation::FormatEuro(calculation.paid_to_boards_cents()).c_str(),
      ProcStatus("VmHWM:").c_str());
  double totals_seconds = 0, recount_seconds = 0;
  if (absl::Status read =
          CountReads((*scratch)->db(), set.version(), &totals_seconds, &recount_seconds);
      !read.ok()) {
    return read;
  }
  std::printf(
      "[%s] counts:      %8.4f s  stored totals (%lld schools, what calculate reads) vs "
      "BASELINE %.4f s  recount of the %lld rows\n",
      name.c_str(), totals_seconds, static_cast<long long>(set.school_count()), recount_seconds,
      static_cast<long long>(set.row_count()));
  start = std::chrono::steady_clock::now();
  pb::GetBoardStatementRequest statement_request;
  statement_request.set_name(
      absl::StrCat(calculation.name(), "/boards/", BoardCode(0), "/statement"));
  pb::CsvDocument csv;
  status = stub->ExportBoardStatement(Context().get(), statement_request, &csv);
  if (!status.ok()) return absl::InternalError(absl::StrCat("statement: ", status.error_message()));
  std::printf(
      "[%s] statement:   %8.2f s  (one board, recomputed from stored inputs, %zu bytes CSV)\n",
      name.c_str(), Seconds(start), csv.content().size());
  runtime.Shutdown();

  if (absl::Status done = LoadDataBaseline((*scratch)->db(), s, "bench_load_after", &load_after);
      !done.ok()) {
    return done;
  }
  const double load_seconds = (load_before + load_after) / 2;
  const char* bulk_path = dialect == swv::storage::Dialect::kMysql
                              ? "LOAD DATA LOCAL INFILE, 25000 rows per statement and commit"
                              : "batched INSERTs, the driver's bulk path";
  std::printf(
      "[%s] BASELINE:    %8.2f s  %9.0f rows/s  (%s; before the import %.2f s, after %.2f s)\n",
      name.c_str(), load_seconds, s.rows / load_seconds, bulk_path, load_before, load_after);
  if (!batched) {
    std::printf("[%s] import / baseline = %.2f (import at %.2f x the baseline's rows/s)\n",
                name.c_str(), import_seconds / load_seconds, load_seconds / import_seconds);
    return absl::OkStatus();
  }
  if (absl::Status done = InsertBaseline((*scratch)->db(), s, &insert_seconds); !done.ok()) {
    return done;
  }
  std::printf("[%s] batched:     %8.2f s  %9.0f rows/s  (bare 500-row INSERTs, same driver)\n",
              name.c_str(), insert_seconds, s.rows / insert_seconds);
  std::printf(
      "[%s] import / baseline = %.2f (import at %.2f x the baseline's rows/s)   VmHWM %s  "
      "VmRSS %s\n",
      name.c_str(), import_seconds / load_seconds, load_seconds / import_seconds,
      ProcStatus("VmHWM:").c_str(), ProcStatus("VmRSS:").c_str());
  const char* baseline_name = dialect == swv::storage::Dialect::kMysql ? "LOAD DATA" : "bulk path";
  std::printf(
      "RATIO bulk import / %s (%s) = %6.2f  (%.2f s / %.2f s, %d rows; %.0f vs %.0f rows/s)\n",
      baseline_name, name.c_str(), import_seconds / load_seconds, import_seconds, load_seconds,
      s.rows, s.rows / import_seconds, s.rows / load_seconds);
  std::printf("RATIO bulk import / bare batched insert (%s) = %6.2f  (%.2f s / %.2f s, %d rows)\n",
              name.c_str(), import_seconds / insert_seconds, import_seconds, insert_seconds,
              s.rows);
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  Sizes sizes;
  std::string dialects = "sqlite,mysql";
  swv::OptionParser parser("allocation_bench",
                           "National-scale allocation benchmark on SQLite and MariaDB.");
  parser.AddInt("schools", "", "school locations", &sizes.schools);
  parser.AddInt("boards", "", "boards", &sizes.boards);
  parser.AddInt("wijken", "", "wijken", &sizes.wijken);
  parser.AddInt("rows", "", "count rows to import", &sizes.rows);
  parser.AddInt("chunk", "", "rows per streamed chunk", &sizes.chunk);
  parser.AddString("dialects", "", "comma-separated: sqlite, mysql", &dialects);
  bool batched = true;
  parser.AddBool("batched", "", "also time the earlier baseline, bare 500-row INSERTs", &batched);
  swv::ParseOrExit(parser, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows up line by line in a pipe
  swv::InitLogging("allocation-bench", "warn");
  std::printf("allocation_bench  VmHWM at start %s\n", ProcStatus("VmHWM:").c_str());
  int failures = 0;
  for (absl::string_view dialect : absl::StrSplit(dialects, ',')) {
    swv::storage::Dialect d =
        dialect == "mysql" ? swv::storage::Dialect::kMysql : swv::storage::Dialect::kSqlite;
    if (d == swv::storage::Dialect::kMysql && swv::testing::MysqlTestUrl().empty()) {
      std::printf("[mysql] skipped: SWV_TEST_MYSQL_URL is not set\n");
      continue;
    }
    absl::Status status = Run(d, sizes, batched);
    if (!status.ok()) {
      std::fprintf(stderr, "[%s] failed: %s\n", std::string(dialect).c_str(),
                   status.ToString().c_str());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
