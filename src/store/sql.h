// A small SQL connection interface with two backends: SQLite (embedded, the
// default) and PostgreSQL (libpq). The store, queries and exports are written
// once against it. SQL text uses `?` placeholders; the PostgreSQL backend
// rewrites them to $1, $2, ... outside string literals.
#ifndef CRONISTA_STORE_SQL_H_
#define CRONISTA_STORE_SQL_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cronista/status.h"

namespace cronista {

enum class SqlDialect { kSqlite, kPostgres };

// A prepared statement. Bind parameters (1-based), then call Step() until it
// returns false; read columns (0-based) while it returns true. Reset() clears
// the bindings' results so the statement can run again with new bindings.
class SqlStatement {
 public:
  virtual ~SqlStatement() = default;
  virtual void Bind(int i, int64_t v) = 0;
  virtual void Bind(int i, double v) = 0;
  virtual void Bind(int i, std::string_view v) = 0;
  void Bind(int i, const std::string& v) { Bind(i, std::string_view(v)); }
  void Bind(int i, const char* v) { Bind(i, std::string_view(v)); }
  void Bind(int i, int v) { Bind(i, static_cast<int64_t>(v)); }
  void Bind(int i, bool v) { Bind(i, static_cast<int64_t>(v ? 1 : 0)); }
  virtual void BindNull(int i) = 0;
  // Binds NULL for an empty string, else the string.
  void BindText(int i, std::string_view v) {
    if (v.empty()) {
      BindNull(i);
    } else {
      Bind(i, v);
    }
  }
  // Binds an index into a document's records, NULL when negative (none).
  void BindIndex(int i, int64_t v) {
    if (v < 0) {
      BindNull(i);
    } else {
      Bind(i, v);
    }
  }
  // Runs the statement (first call) or advances to the next row. Returns true
  // when a row is available, false when done; errors carry the SQL message.
  virtual Result<bool> Step() = 0;
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Double(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual void Reset() = 0;
  // Runs a statement that returns no rows (or ignores them), then resets it.
  Status Run() {
    for (;;) {
      Result<bool> r = Step();
      if (!r.ok()) {
        Reset();
        return r.status();
      }
      if (!*r) break;
    }
    Reset();
    return Status::Ok();
  }
};

class SqlDatabase {
 public:
  virtual ~SqlDatabase() = default;
  virtual SqlDialect dialect() const = 0;
  // Runs one or more statements without parameters.
  virtual Status Exec(std::string_view sql) = 0;
  virtual Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) = 0;
  // A write transaction. On SQLite it takes the database write lock at once
  // (BEGIN IMMEDIATE), so concurrent writers queue instead of failing.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Where it points, for messages (the path or the URL without password).
  virtual std::string Describe() const = 0;
};

// Opens `target`: a postgresql:// or postgres:// URL (or "host=... dbname=..."
// conninfo when prefixed with "postgresql:") uses PostgreSQL; anything else is
// a SQLite file path, created when missing. SQLite runs in WAL mode with a busy
// timeout, so a second process waits for the lock rather than failing.
Result<std::unique_ptr<SqlDatabase>> OpenSqlDatabase(const std::string& target);

bool IsPostgresTarget(std::string_view target);

// Rewrites `?` placeholders to $1, $2, ... outside quoted literals.
std::string ToDollarPlaceholders(std::string_view sql);

}  // namespace cronista

#endif  // CRONISTA_STORE_SQL_H_
