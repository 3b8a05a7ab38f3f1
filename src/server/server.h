// The HTTP API and dashboard server behind `cronista serve` (docs/api.md):
// read-only JSON queries over a stored database, POST /api/code when allowed,
// and the dashboard's files, embedded in the binary.
#ifndef CRONISTA_SERVER_SERVER_H_
#define CRONISTA_SERVER_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/pipeline.h"
#include "cronista/status.h"
#include "store/sql.h"

namespace cronista::server {

// Opens a database connection; called once per connection the server needs
// (one per worker thread at most).
using DatabaseFactory = std::function<Result<std::unique_ptr<SqlDatabase>>()>;

struct ServerOptions {
  // A SQLite path or a postgresql:// URL, opened read-only
  // (OpenReadOnlyDatabase). Ignored when `open_database` is set.
  std::string db;
  DatabaseFactory open_database;
  // POST /api/code codes posted articles with `pipeline` (not owned; must
  // outlive the server). Without it the endpoint answers 403.
  bool allow_code = false;
  const Pipeline* pipeline = nullptr;
  // Access-Control-Allow-Origin for /api/ responses; empty: no CORS headers.
  std::string cors_origin;
  // Worker threads, each serving one connection at a time.
  int threads = 16;
  // Largest request body accepted (413 beyond).
  size_t max_body_bytes = 1u << 20;
  // Socket read and write timeout, and the time limit of each SQL statement.
  int timeout_seconds = 10;
  // Prints server errors (5xx) to stderr.
  bool log_errors = true;
};

class ApiServer {
 public:
  // Opens a first connection to check the database (it must exist and hold
  // cronista's schema); fails without serving anything otherwise.
  static Result<std::unique_ptr<ApiServer>> Create(const ServerOptions& options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds host:port; port 0 picks a free port. Returns the port bound.
  Result<int> Bind(const std::string& host, int port);
  // Serves on the bound socket until Stop(). Blocks.
  Status Listen();
  // Makes Listen() return, from any thread (also before Listen() started).
  void Stop();

 private:
  ApiServer() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// For each byte offset 0..text.size() of UTF-8 `text`, the UTF-16 code-unit
// offset of the same place (what JavaScript string indices count). An offset
// inside a code point maps to that code point's start; an invalid byte counts
// as one unit (it is output as U+FFFD).
std::vector<uint32_t> Utf16Offsets(std::string_view text);

// True for a loopback host: 127.0.0.0/8, ::1, localhost.
bool IsLoopbackHost(const std::string& host);

}  // namespace cronista::server

#endif  // CRONISTA_SERVER_SERVER_H_
