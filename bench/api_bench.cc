// Load check of a running `cronista serve`: N requests over the API's
// endpoints (and the dashboard page) from C concurrent clients, each with
// its own connection. Reports errors (transport failures, unexpected status,
// bodies that are not JSON), requests/s and latency percentiles; exits 1 on
// any error, 2 on bad usage.
//
// Usage: api_bench --url http://127.0.0.1:8080 [--requests 2000] [--clients 32]
//                  [--no-keep-alive]
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Target {
  std::string path;
  int status;  // expected
};

int Usage() {
  std::fprintf(stderr,
               "usage: api_bench --url http://HOST:PORT [--requests N] [--clients C] "
               "[--no-keep-alive]\n");
  return 2;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  long requests = 2000;
  int clients = 32;
  bool keep_alive = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (a == "--url" && (v = next())) {
      url = v;
    } else if (a == "--requests" && (v = next())) {
      requests = std::atol(v);
    } else if (a == "--clients" && (v = next())) {
      clients = std::atoi(v);
    } else if (a == "--no-keep-alive") {
      keep_alive = false;
    } else {
      return Usage();
    }
  }
  if (url.empty() || requests < 1 || clients < 1) return Usage();

  // A document to open, from the server itself.
  std::string doc_path;
  {
    httplib::Client cli(url);
    cli.set_connection_timeout(5, 0);
    cli.set_read_timeout(30, 0);
    auto r = cli.Get("/api/documents?limit=1");
    if (!r || r->status != 200) {
      std::fprintf(stderr, "api_bench: GET %s/api/documents failed: %s\n", url.c_str(),
                   r ? std::to_string(r->status).c_str() : httplib::to_string(r.error()).c_str());
      return 1;
    }
    auto j = nlohmann::json::parse(r->body, nullptr, false);
    if (j.is_object() && j.contains("rows") && !j["rows"].empty()) {
      doc_path = "/api/documents/" + std::to_string(j["rows"][0]["id"].get<long long>());
    }
  }
  std::vector<Target> targets = {
      {"/api/health", 200},
      {"/api/events", 200},
      {"/api/events?actor=RUS&limit=20", 200},
      {"/api/events?quad=1,2&modality=asserted&limit=100&offset=10", 200},
      {"/api/events?source=RUS&target=PRK&undirected=1", 200},
      {"/api/events?q=putin", 200},
      {"/api/series", 200},
      {"/api/series?by=week&actor=RUS", 200},
      {"/api/series?by=day&modality=all", 200},
      {"/api/actors?n=20", 200},
      {"/api/actors?n=20&country_level=1", 200},
      {"/api/dyads?n=50", 200},
      {"/api/places?n=500", 200},
      {"/api/quotes", 200},
      {"/api/speakers?n=20", 200},
      {"/api/commitments?on=2030-01-01", 200},
      {"/api/documents", 200},
      {"/api/documents?q=summit", 200},
      {"/api/events?from=2024-13-01", 400},
      {"/api/nowhere", 404},
      {"/", 200},
  };
  if (!doc_path.empty()) {
    targets.push_back({doc_path, 200});
    targets.push_back({doc_path, 200});
  }

  std::atomic<long> next{0};
  std::atomic<long> errors{0};
  std::mutex mu;
  std::vector<double> latencies;
  std::map<std::string, long> error_kinds;
  latencies.reserve(static_cast<size_t>(requests));
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      httplib::Client cli(url);
      cli.set_keep_alive(keep_alive);
      cli.set_connection_timeout(10, 0);
      cli.set_read_timeout(60, 0);
      std::vector<double> mine;
      for (long i = next++; i < requests; i = next++) {
        const Target& t = targets[static_cast<size_t>(i) % targets.size()];
        auto s = std::chrono::steady_clock::now();
        auto r = cli.Get(t.path);
        mine.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s)
                .count());
        std::string error;
        if (!r) {
          error = "transport: " + httplib::to_string(r.error());
        } else if (r->status != t.status) {
          error = "status " + std::to_string(r->status) + " for " + t.path;
        } else if (t.path.starts_with("/api/") &&
                   nlohmann::json::parse(r->body, nullptr, false).is_discarded()) {
          error = "not JSON: " + t.path;
        }
        if (!error.empty()) {
          ++errors;
          std::lock_guard<std::mutex> lock(mu);
          ++error_kinds[error];
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("api_bench: %ld requests, %d clients%s, %zu endpoints: %ld errors\n", requests,
              clients, keep_alive ? " (keep-alive)" : " (a connection per request)", targets.size(),
              errors.load());
  std::printf(
      "api_bench: %.2f s, %.0f requests/s; latency ms p50 %.2f  p90 %.2f  p99 %.2f  "
      "max %.2f\n",
      seconds, static_cast<double>(requests) / seconds, Percentile(latencies, 0.5),
      Percentile(latencies, 0.9), Percentile(latencies, 0.99), Percentile(latencies, 1.0));
  for (const auto& [what, n] : error_kinds) {
    std::printf("api_bench: error x%ld: %s\n", n, what.c_str());
  }
  return errors > 0 ? 1 : 0;
}
