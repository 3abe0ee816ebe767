// swv-load: drives a realistic mix through the gateway's REST API at a fixed open-loop rate for a
// fixed time, then prints throughput, p50/p99/p999 latency per kind of request, errors by status
// and the services' peak memory (VmHWM from /proc/<pid>/status). See docs/benchmarks.md.
//
//   swv-load --gateway=http://127.0.0.1:8080 --school-secret=S --partner-secret=P --office-secret=O
//            [--rate=50] [--duration=30s] [--workers=12] [--pids=1,2,3 | --process-names=...]
//
// The mix (request k of the run is of kind k % 100):
//   20%  school report     LVS reports a thuiszitter (POST .../thuiszitters, school credential)
//   10%  school close      LVS closes a case it reported in this run (POST .../closure); a report
//                          when none is open yet
//   40%  partner status    leerplicht asks for the cases of its municipality (GET .../thuiszitters,
//                          partner credential)
//   30%  office reads      SWV office: goal statuses of this year, the case list, the schools
//                          (GET, office credential), in turn
//
// Open loop: request k is due at start + k / rate, whether or not earlier ones have finished; its
// latency runs from that due time (so a stalled server shows up as latency, not as a lower send
// rate). Workers bound the requests in flight; when all are busy, requests start late, and the
// tool says how many started more than 10 ms after they were due.
//
// Exit status: 0, or 1 when more than --max-error-percent of the requests failed, 2 for bad flags.
#include <dirent.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "services/common/clock.h"
#include "services/common/options.h"
#include "tools/bench/bench_support.h"

namespace {

using swv::bench::LatencyRecorder;

struct LoadOptions {
  std::string gateway = "http://127.0.0.1:8080";
  std::string swv = "PO2203";
  std::string school = "21AB00";        // in the school credential's scope
  std::string municipality = "GM0119";  // in the partner credential's scope
  std::string school_secret;            // env SWV_LOAD_SCHOOL_SECRET
  std::string partner_secret;           // env SWV_LOAD_PARTNER_SECRET
  std::string office_secret;            // env SWV_LOAD_OFFICE_SECRET
  int rate = 50;                        // requests per second
  absl::Duration duration = absl::Seconds(30);
  // Requests in flight at most; each worker holds one keep-alive connection. Keep it below the
  // gateway's --listen-threads (16): a keep-alive connection holds a listener thread, and the
  // connections beyond them wait up to the keep-alive timeout (5 s) (docs/benchmarks.md).
  int workers = 12;
  absl::Duration timeout = absl::Seconds(10);  // per request
  std::string pids;                            // comma list of service pids for peak memory
  std::string process_names = "swv-registrations,swv-allocation,swv-monitoring,swv-gateway";
  int max_error_percent = 1;
};

absl::Status Validate(const LoadOptions& o, std::string* host, int* port) {
  absl::string_view rest = o.gateway;
  if (!absl::ConsumePrefix(&rest, "http://")) {
    return absl::InvalidArgumentError(
        "--gateway must be http://host:port (plain HTTP on loopback)");
  }
  absl::ConsumeSuffix(&rest, "/");
  if (absl::Status parsed = swv::ParseHostPort(rest, "--gateway", host, port); !parsed.ok())
    return parsed;
  if (*port == 0) return absl::InvalidArgumentError("--gateway needs a port");
  if (o.school_secret.empty() || o.partner_secret.empty() || o.office_secret.empty()) {
    return absl::InvalidArgumentError(
        "--school-secret, --partner-secret and --office-secret (SWV_LOAD_*_SECRET) are required");
  }
  if (o.rate < 1 || o.rate > 100000)
    return absl::InvalidArgumentError("--rate must be 1..100000 per second");
  if (o.duration < absl::Seconds(1) || o.duration > absl::Hours(24)) {
    return absl::InvalidArgumentError("--duration must be 1s..24h");
  }
  if (o.workers < 1 || o.workers > 4096)
    return absl::InvalidArgumentError("--workers must be 1..4096");
  if (o.timeout <= absl::ZeroDuration())
    return absl::InvalidArgumentError("--timeout must be positive");
  if (o.max_error_percent < 0 || o.max_error_percent > 100) {
    return absl::InvalidArgumentError("--max-error-percent must be 0..100");
  }
  for (absl::string_view pid : absl::StrSplit(o.pids, ',', absl::SkipEmpty())) {
    int value = 0;
    if (!absl::SimpleAtoi(pid, &value) || value <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("--pids: \"", pid, "\" is not a process id"));
    }
  }
  return absl::OkStatus();
}

enum Kind { kReport, kClose, kPartner, kOffice, kKinds };
constexpr const char* kKindNames[kKinds] = {"school report", "school close", "partner status",
                                            "office reads"};

Kind KindOf(int64_t k) {
  const int slot = static_cast<int>(k % 100);
  if (slot < 20) return kReport;
  if (slot < 30) return kClose;
  if (slot < 70) return kPartner;
  return kOffice;
}

// Cases this run reported and has not closed yet (closing needs one).
class OpenCases {
 public:
  void Push(std::string name) {
    absl::MutexLock lock(&mu_);
    names_.push_back(std::move(name));
  }
  bool Pop(std::string* name) {
    absl::MutexLock lock(&mu_);
    if (names_.empty()) return false;
    *name = std::move(names_.front());
    names_.pop_front();
    return true;
  }

 private:
  absl::Mutex mu_;
  std::deque<std::string> names_ ABSL_GUARDED_BY(mu_);
};

// The "name" of a created case from its JSON ({"name": "swvs/PO2203/thuiszitters/tz-..", ...}).
std::string NameFromJson(const std::string& body) {
  const std::string key = "\"name\":";
  size_t at = body.find(key);
  if (at == std::string::npos) return "";
  size_t open = body.find('"', at + key.size());
  size_t close = open == std::string::npos ? open : body.find('"', open + 1);
  if (close == std::string::npos) return "";
  return body.substr(open + 1, close - open - 1);
}

class LoadRun {
 public:
  LoadRun(const LoadOptions& o, const std::string& host, int port)
      : o_(o), host_(host), port_(port) {
    run_id_ = absl::StrCat(absl::ToUnixSeconds(absl::Now()));
    const absl::CivilDay today = absl::ToCivilDay(absl::Now(), swv::DutchTimeZone());
    today_ = absl::FormatCivilTime(today);
    absence_start_ = absl::FormatCivilTime(today - 40);
    year_ = static_cast<int>(today.year());
  }

  void Run() {
    const int64_t total = static_cast<int64_t>(o_.rate * absl::ToDoubleSeconds(o_.duration));
    const double interval_ns = 1e9 / o_.rate;
    std::atomic<int64_t> next{0};
    const int64_t start = swv::bench::MonotonicNanos();
    std::vector<std::thread> workers;
    for (int w = 0; w < o_.workers; ++w) {
      workers.emplace_back([&] {
        httplib::Client client(host_, port_);
        client.set_keep_alive(true);
        client.set_tcp_nodelay(true);  // else a POST's body waits for the delayed ACK (~40 ms)
        client.set_read_timeout(absl::ToChronoSeconds(o_.timeout));
        client.set_connection_timeout(absl::ToChronoSeconds(o_.timeout));
        for (int64_t k = next++; k < total; k = next++) {
          const int64_t due = start + static_cast<int64_t>(k * interval_ns);
          int64_t now = swv::bench::MonotonicNanos();
          if (due > now) {
            std::this_thread::sleep_for(std::chrono::nanoseconds(due - now));
          } else if (now - due > 10'000'000) {
            ++late_;
          }
          Kind kind = KindOf(k);
          std::string outcome = Send(client, k, &kind);
          const double micros = (swv::bench::MonotonicNanos() - due) / 1e3;
          recorders_[kind].Add(micros, outcome);
          all_.Add(micros, outcome);
        }
      });
    }
    for (std::thread& worker : workers) worker.join();
    seconds_ = (swv::bench::MonotonicNanos() - start) / 1e9;
  }

  void Print() const {
    std::printf("swv-load: %d req/s for %s against %s, %d workers\n", o_.rate,
                absl::FormatDuration(o_.duration).c_str(), o_.gateway.c_str(), o_.workers);
    std::printf("%-16s %8s %8s %8s %10s %10s %10s\n", "kind", "sent", "ok", "errors", "p50 ms",
                "p99 ms", "p999 ms");
    for (int kind = 0; kind < kKinds; ++kind) PrintRow(kKindNames[kind], recorders_[kind]);
    PrintRow("all", all_);
    std::printf(
        "throughput: %.1f req/s completed (%lld in %.2f s); %lld started more than 10 ms late\n",
        all_.count() / seconds_, static_cast<long long>(all_.count()), seconds_,
        static_cast<long long>(late_.load()));
    std::vector<std::string> errors;
    for (const auto& [outcome, n] : all_.Outcomes()) {
      if (outcome != "ok") errors.push_back(absl::StrCat(outcome, ": ", n));
    }
    std::printf("errors by status: %s\n",
                errors.empty() ? "none" : absl::StrJoin(errors, ", ").c_str());
  }

  double error_percent() const {
    return all_.count() == 0 ? 100.0 : 100.0 * all_.errors() / all_.count();
  }

 private:
  static void PrintRow(const char* name, const LatencyRecorder& recorder) {
    std::vector<double> sorted = recorder.SortedLatencies();
    std::printf("%-16s %8lld %8lld %8lld %10.2f %10.2f %10.2f\n", name,
                static_cast<long long>(recorder.count()),
                static_cast<long long>(recorder.count() - recorder.errors()),
                static_cast<long long>(recorder.errors()), swv::bench::Quantile(sorted, 0.5) / 1e3,
                swv::bench::Quantile(sorted, 0.99) / 1e3,
                swv::bench::Quantile(sorted, 0.999) / 1e3);
  }

  static std::string Outcome(const httplib::Result& result, int expected_low = 200) {
    if (!result) return absl::StrCat("connection ", httplib::to_string(result.error()));
    if (result->status >= expected_low && result->status < 300) return "ok";
    return absl::StrCat("HTTP ", result->status);
  }

  httplib::Headers Bearer(const std::string& secret) const {
    return {{"Authorization", absl::StrCat("Bearer ", secret)}};
  }

  std::string Send(httplib::Client& client, int64_t k, Kind* kind) {
    const std::string base = absl::StrCat("/api/v1/swvs/", o_.swv);
    std::string name;
    if (*kind == kClose && !open_.Pop(&name)) *kind = kReport;
    switch (*kind) {
      case kReport: {
        const std::string body = absl::StrFormat(
            R"({"school": "%s", "lvsPupilNumber": "LOAD-%s-%d", "residenceMunicipality": "%s",)"
            R"( "absenceKind": "ABSENCE_KIND_RELATIVE", "absenceStart": "%s",)"
            R"( "cause": "THUISZITTER_CAUSE_WAITING_FOR_CARE"})",
            o_.school, run_id_, k, o_.municipality, absence_start_);
        auto result =
            client.Post(absl::StrCat(base, "/thuiszitters?requestId=load-", run_id_, "-", k),
                        Bearer(o_.school_secret), body, "application/json");
        std::string outcome = Outcome(result);
        if (outcome == "ok") {
          std::string created = NameFromJson(result->body);
          if (!created.empty()) open_.Push(created);
        }
        return outcome;
      }
      case kClose: {
        const std::string body = absl::StrFormat(
            R"json({"closedOn": "%s", "reason": "school resumed (load test)"})json", today_);
        return Outcome(client.Post(absl::StrCat("/api/v1/", name, "/closure"),
                                   Bearer(o_.school_secret), body, "application/json"));
      }
      case kPartner:
        return Outcome(
            client.Get(absl::StrCat(base, "/thuiszitters?pageSize=50"), Bearer(o_.partner_secret)));
      case kOffice:
      case kKinds:
        break;
    }
    switch ((k / 100) % 3) {
      case 0:
        return Outcome(client.Get(absl::StrCat(base, "/goal-statuses?year=", year_),
                                  Bearer(o_.office_secret)));
      case 1:
        return Outcome(
            client.Get(absl::StrCat(base, "/thuiszitters?pageSize=50"), Bearer(o_.office_secret)));
      default:
        return Outcome(client.Get(absl::StrCat(base, "/schools"), Bearer(o_.office_secret)));
    }
  }

  const LoadOptions& o_;
  const std::string host_;
  const int port_;
  std::string run_id_, today_, absence_start_;
  int year_ = 0;
  OpenCases open_;
  LatencyRecorder recorders_[kKinds];
  LatencyRecorder all_;
  std::atomic<int64_t> late_{0};
  double seconds_ = 0;
};

// Pids whose /proc/<pid>/comm is `name` (the kernel keeps 15 characters of it).
std::vector<int> PidsByName(const std::string& name) {
  std::vector<int> pids;
  DIR* proc = opendir("/proc");
  if (proc == nullptr) return pids;
  const std::string comm_name = name.substr(0, 15);
  while (dirent* entry = readdir(proc)) {
    int pid = 0;
    if (!absl::SimpleAtoi(entry->d_name, &pid)) continue;
    FILE* f = std::fopen(absl::StrCat("/proc/", pid, "/comm").c_str(), "r");
    if (f == nullptr) continue;
    char buffer[64] = {0};
    const bool read = std::fgets(buffer, sizeof buffer, f) != nullptr;
    std::fclose(f);
    if (read && absl::StripTrailingAsciiWhitespace(buffer) == comm_name) pids.push_back(pid);
  }
  closedir(proc);
  std::sort(pids.begin(), pids.end());
  return pids;
}

std::string CommOf(int pid) {
  FILE* f = std::fopen(absl::StrCat("/proc/", pid, "/comm").c_str(), "r");
  if (f == nullptr) return "?";
  char buffer[64] = {0};
  const bool read = std::fgets(buffer, sizeof buffer, f) != nullptr;
  std::fclose(f);
  return read ? std::string(absl::StripTrailingAsciiWhitespace(buffer)) : "?";
}

void PrintPeakMemory(const LoadOptions& o) {
  std::vector<int> pids;
  for (absl::string_view pid : absl::StrSplit(o.pids, ',', absl::SkipEmpty())) {
    int value = 0;
    if (absl::SimpleAtoi(pid, &value)) pids.push_back(value);
  }
  if (pids.empty()) {
    for (absl::string_view name : absl::StrSplit(o.process_names, ',', absl::SkipEmpty())) {
      for (int pid : PidsByName(std::string(name))) pids.push_back(pid);
    }
  }
  std::printf("peak memory (VmHWM):");
  if (pids.empty()) std::printf(" no service process found");
  for (int pid : pids) {
    const int64_t kb = swv::bench::ProcStatusKb(pid, "VmHWM");
    if (kb < 0) {
      std::printf("  %d gone", pid);
    } else {
      std::printf("  %s[%d] %.1f MB", CommOf(pid).c_str(), pid, kb / 1024.0);
    }
  }
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  LoadOptions o;
  swv::OptionParser parser("swv-load", "Open-loop REST load on the gateway with a realistic mix.");
  parser.AddString("gateway", "SWV_LOAD_GATEWAY", "gateway base URL, http://host:port", &o.gateway);
  parser.AddString("swv", "", "SWV code of the credentials", &o.swv);
  parser.AddString("school", "", "school code in the school credential's scope", &o.school);
  parser.AddString("municipality", "", "municipality in the partner credential's scope",
                   &o.municipality);
  parser.AddString("school-secret", "SWV_LOAD_SCHOOL_SECRET",
                   "bearer secret of a school credential", &o.school_secret);
  parser.AddString("partner-secret", "SWV_LOAD_PARTNER_SECRET",
                   "bearer secret of a partner credential", &o.partner_secret);
  parser.AddString("office-secret", "SWV_LOAD_OFFICE_SECRET",
                   "bearer secret of an office credential", &o.office_secret);
  parser.AddInt("rate", "", "requests per second (open loop)", &o.rate);
  parser.AddDuration("duration", "", "how long to send", &o.duration);
  parser.AddInt("workers", "", "requests in flight at most", &o.workers);
  parser.AddDuration("timeout", "", "per-request timeout", &o.timeout);
  parser.AddString("pids", "", "comma list of service pids whose peak memory to print", &o.pids);
  parser.AddString("process-names", "", "without --pids: service process names to look up",
                   &o.process_names);
  parser.AddInt("max-error-percent", "", "exit 1 above this share of failed requests",
                &o.max_error_percent);
  std::string host;
  int port = 0;
  swv::ParseOrExit(parser, argc, argv, [&] { return Validate(o, &host, &port); });
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  LoadRun run(o, host, port);
  run.Run();
  run.Print();
  PrintPeakMemory(o);
  if (run.error_percent() > o.max_error_percent) {
    std::printf("swv-load: %.2f%% of the requests failed (more than --max-error-percent=%d)\n",
                run.error_percent(), o.max_error_percent);
    return 1;
  }
  return 0;
}
