// PostgreSQL in tests: the server ctest starts for the fixture "pg"
// (tests/pg_server.sh, CMakeLists.txt), and scratch databases on it so tests
// running in parallel never see each other's tables.
//
// ctest gives every gtest whose full name contains "Postgres" the fixture and
// CRONISTA_TEST_PG_URL_FILE, the file holding the server's URL. Without that
// variable (the test binary run by hand) such tests skip:
//
//   ScratchPostgresDb pg;
//   if (pg.skipped()) GTEST_SKIP() << pg.skip_reason();
//   ASSERT_TRUE(pg.status().ok()) << pg.status().ToString();
//   auto db = OpenSqlDatabase(pg.url());
#ifndef CRONISTA_TESTS_PG_TEST_DB_H_
#define CRONISTA_TESTS_PG_TEST_DB_H_

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>

#include "cronista/status.h"
#include "store/sql.h"

namespace cronista {

inline constexpr const char* kPgUrlFileEnv = "CRONISTA_TEST_PG_URL_FILE";

// The test server's URL; empty with `*why` set when no server is configured.
// A configured but missing file is an error (the fixture failed), not a skip.
inline Result<std::string> PostgresTestUrl(std::string* why) {
  const char* file = std::getenv(kPgUrlFileEnv);
  if (file == nullptr || *file == '\0') {
    *why = std::string(kPgUrlFileEnv) +
           " is not set: no PostgreSQL test server (ctest starts one, see tests/pg_server.sh)";
    return std::string();
  }
  std::ifstream in(file);
  std::string url;
  if (!in || !std::getline(in, url) || url.empty()) {
    return Status::NotFound(std::string("no PostgreSQL test server URL in ") + file +
                            " (did the pg_server_start test fail?)");
  }
  return url;
}

// `url` with its database replaced by `dbname` (URL form: scheme://host/db?...).
inline std::string WithDatabase(const std::string& url, const std::string& dbname) {
  size_t scheme = url.find("://");
  size_t slash = scheme == std::string::npos ? std::string::npos : url.find('/', scheme + 3);
  if (slash == std::string::npos) return url;
  size_t end = url.find('?', slash);
  return url.substr(0, slash + 1) + dbname + (end == std::string::npos ? "" : url.substr(end));
}

// An empty database of its own on the test server, dropped on destruction
// (with any connection still open to it).
class ScratchPostgresDb {
 public:
  ScratchPostgresDb() {
    Result<std::string> base = PostgresTestUrl(&skip_reason_);
    if (!base.ok()) {
      status_ = base.status();
      return;
    }
    if (base->empty()) return;
    base_ = *base;
    static std::atomic<int> counter{0};
    name_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000);
    auto admin = OpenSqlDatabase(base_);
    if (!admin.ok()) {
      status_ = admin.status();
      return;
    }
    status_ = (*admin)->Exec("CREATE DATABASE " + name_);
    if (status_.ok()) url_ = WithDatabase(base_, name_);
  }
  ~ScratchPostgresDb() {
    if (url_.empty()) return;
    auto admin = OpenSqlDatabase(base_);
    if (admin.ok()) (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  ScratchPostgresDb(const ScratchPostgresDb&) = delete;
  ScratchPostgresDb& operator=(const ScratchPostgresDb&) = delete;

  bool skipped() const { return !skip_reason_.empty(); }
  const std::string& skip_reason() const { return skip_reason_; }
  // Not OK when a server is configured but the database could not be made.
  const Status& status() const { return status_; }
  // The scratch database's URL (empty unless status() is OK and not skipped).
  const std::string& url() const { return url_; }
  const std::string& name() const { return name_; }

 private:
  std::string skip_reason_;
  Status status_;
  std::string base_;
  std::string name_;
  std::string url_;
};

}  // namespace cronista

#endif  // CRONISTA_TESTS_PG_TEST_DB_H_
