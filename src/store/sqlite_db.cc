// The SQLite backend of SqlDatabase (sql.h), on the C API.
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "store/sql_backends.h"

namespace cronista {

namespace {

// True for what may follow the one statement given to Prepare.
bool OnlySpaceOrComments(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ';') {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      size_t nl = s.find('\n', i);
      i = nl == std::string_view::npos ? s.size() : nl + 1;
    } else {
      return false;
    }
  }
  return true;
}

StatusCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_ERROR:       // bad SQL, missing table or column
    case SQLITE_CONSTRAINT:  // unique, foreign key, NOT NULL
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_MISUSE:
      return StatusCode::kInvalidArgument;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kDataLoss;
    case SQLITE_BUSY:  // the 60 s busy timeout ran out
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_NOMEM:
    case SQLITE_TOOBIG:
    case SQLITE_INTERRUPT:  // the statement time limit
      return StatusCode::kResourceExhausted;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return StatusCode::kIoError;
    default:
      return StatusCode::kInternal;
  }
}

// "PATH: message (in: SQL...)".
Status Error(int rc, const std::string& path, std::string_view message, std::string_view sql) {
  std::string m = path + ": " + std::string(message);
  if (!sql.empty()) m += " (in: " + SqlSnippet(sql) + ")";
  return Status(CodeFor(rc), m);
}

using Clock = std::chrono::steady_clock;

// The statement time limit (OpenOptions::timeout_ms), shared by a connection
// and its statements: the deadline of the statement running.
struct TimeLimit {
  int timeout_ms = 0;
  Clock::time_point deadline = Clock::time_point::max();
  bool timed_out = false;
};

// Called by SQLite every few thousand VM steps: non-zero interrupts.
int Progress(void* arg) {
  TimeLimit* t = static_cast<TimeLimit*>(arg);
  if (Clock::now() > t->deadline) {
    t->timed_out = true;
    return 1;
  }
  return 0;
}

class SqliteStatement : public SqlStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string path,
                  std::shared_ptr<TimeLimit> limit)
      : db_(db), stmt_(stmt), path_(std::move(path)), limit_(std::move(limit)) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void Bind(int i, int64_t v) override { Check(sqlite3_bind_int64(stmt_, i, v)); }
  void Bind(int i, double v) override { Check(sqlite3_bind_double(stmt_, i, v)); }
  void Bind(int i, std::string_view v) override {
    // A string_view may point into the caller's temporaries: let SQLite copy.
    Check(sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  void BindNull(int i) override { Check(sqlite3_bind_null(stmt_, i)); }

  Result<bool> Step() override {
    if (!error_.ok()) return error_;
    // sqlite3_step after SQLITE_DONE would silently run the statement again;
    // the interface promises false until Reset(), as the PostgreSQL backend.
    if (done_) return false;
    if (limit_ && !started_) {
      started_ = true;
      limit_->timed_out = false;
      limit_->deadline = Clock::now() + std::chrono::milliseconds(limit_->timeout_ms);
    }
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
      has_row_ = true;
      return true;
    }
    has_row_ = false;
    done_ = true;
    if (rc == SQLITE_DONE) return false;
    if (limit_ && (rc & 0xff) == SQLITE_INTERRUPT && limit_->timed_out) {
      error_ = Status::ResourceExhausted(path_ + ": query " + std::string(kTimeLimitWords) + " (" +
                                         std::to_string(limit_->timeout_ms) + " ms)");
      return error_;
    }
    error_ = Error(rc, path_, sqlite3_errmsg(db_), sqlite3_sql(stmt_));
    return error_;
  }

  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  std::string ColumnName(int col) const override {
    const char* name = sqlite3_column_name(stmt_, col);
    return name ? name : "";
  }
  bool IsNull(int col) const override {
    return !has_row_ || sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  int64_t Int(int col) const override { return has_row_ ? sqlite3_column_int64(stmt_, col) : 0; }
  double Double(int col) const override {
    return has_row_ ? sqlite3_column_double(stmt_, col) : 0.0;
  }
  std::string Text(int col) const override {
    if (!has_row_) return "";
    // column_text before column_bytes, so the size is that of the UTF-8 form.
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    if (p == nullptr) return "";
    return std::string(reinterpret_cast<const char*>(p),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }

  void Reset() override {
    // sqlite3_reset repeats the last step's error; Step() already reported it.
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    has_row_ = false;
    done_ = false;
    started_ = false;
    error_ = Status::Ok();
  }

 private:
  // Bind has no Status in the interface: keep the first failure (a bad index)
  // for Step(), which reports it (or its own error) until Reset().
  void Check(int rc) {
    if (rc != SQLITE_OK && error_.ok()) {
      error_ = Error(rc, path_, std::string("binding a parameter: ") + sqlite3_errstr(rc),
                     sqlite3_sql(stmt_));
    }
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string path_;                  // a copy: a statement may outlive its database
  std::shared_ptr<TimeLimit> limit_;  // null: no time limit
  bool has_row_ = false;
  bool done_ = false;
  bool started_ = false;  // the deadline is set
  Status error_;
};

class SqliteDatabase : public SqlDatabase {
 public:
  SqliteDatabase(sqlite3* db, std::string path, bool read_only, std::shared_ptr<TimeLimit> limit)
      : db_(db), path_(std::move(path)), read_only_(read_only), limit_(std::move(limit)) {}
  // close_v2: should a statement outlive us, SQLite closes once it is finalized.
  ~SqliteDatabase() override { sqlite3_close_v2(db_); }

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

  Status Exec(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc == SQLITE_OK) return Status::Ok();
    Status st = Error(rc, path_, err ? err : sqlite3_errmsg(db_), sql);
    sqlite3_free(err);
    return st;
  }

  Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(stmt);
      return Error(rc, path_, sqlite3_errmsg(db_), sql);
    }
    if (stmt == nullptr) {  // only whitespace or comments
      return Status::InvalidArgument(path_ + ": empty SQL statement");
    }
    // SQLite would silently ignore a second statement; PostgreSQL refuses it.
    if (!OnlySpaceOrComments(sql.substr(static_cast<size_t>(tail - sql.data())))) {
      sqlite3_finalize(stmt);
      return Error(SQLITE_ERROR, path_, "more than one statement to prepare", sql);
    }
    return std::unique_ptr<SqlStatement>(new SqliteStatement(db_, stmt, path_, limit_));
  }

  // IMMEDIATE takes the write lock now, waiting up to the busy timeout, so
  // two writers queue here instead of one failing later on lock upgrade.
  // Read-only: a transaction only reads (a consistent snapshot).
  Status Begin() override { return Exec(read_only_ ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE"); }
  Status Commit() override { return Exec("COMMIT"); }
  Status Rollback() override {
    // Some errors (disk full, I/O) already rolled the transaction back.
    if (sqlite3_get_autocommit(db_)) return Status::Ok();
    return Exec("ROLLBACK");
  }
  std::string Describe() const override { return path_; }

 private:
  sqlite3* db_;
  std::string path_;
  bool read_only_;
  // Registered with the progress handler; statements hold it too, as the
  // handle may outlive this object (close_v2).
  std::shared_ptr<TimeLimit> limit_;
};

}  // namespace

std::string SqlSnippet(std::string_view sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= 120) {
      out += "...";
      break;
    }
  }
  return out;
}

Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(const std::string& path,
                                                        const OpenOptions& options) {
  if (!options.create) {
    std::error_code ec;
    auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st)) {
      return Status::NotFound("no database at " + path +
                              " (create one with: cronista ingest --db " + path + " ARTICLES...)");
    }
    if (std::filesystem::is_directory(st)) {
      return Status::InvalidArgument(path + " is a directory, not a database");
    }
  }
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status st = Error(rc, path,
                      std::string("cannot open SQLite database: ") +
                          (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)),
                      "");
    sqlite3_close_v2(db);
    return st;
  }
  sqlite3_extended_result_codes(db, 1);
  // Before the pragmas: switching to WAL needs a lock another process may hold.
  // A writer holds the lock briefly per document: wait for it rather than fail.
  sqlite3_busy_timeout(db, options.timeout_ms > 0 ? options.timeout_ms : 60 * 1000);
  std::shared_ptr<TimeLimit> limit;
  if (options.timeout_ms > 0) {
    limit = std::make_shared<TimeLimit>();
    limit->timeout_ms = options.timeout_ms;
    sqlite3_progress_handler(db, 4000, Progress, limit.get());
  }
  auto out = std::make_unique<SqliteDatabase>(db, path, options.read_only, limit);
  if (options.read_only) {
    // Changes nothing, not even the journal mode.
    CRONISTA_RETURN_IF_ERROR(out->Exec("PRAGMA query_only = ON"));
    return std::unique_ptr<SqlDatabase>(std::move(out));
  }
  // WAL: readers never block the writer, and a killed writer leaves only an
  // uncommitted tail that the next open discards. NORMAL is durable to
  // process crashes in WAL mode (only a power loss may lose the last commits).
  // The first statement also reads the header, so a file that is not a
  // database fails here rather than at first use.
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
    Status st = out->Exec(pragma);
    if (!st.ok()) {
      return Status(st.code(), "cannot open SQLite database " + st.message());
    }
  }
  return std::unique_ptr<SqlDatabase>(std::move(out));
}

}  // namespace cronista
