// The two SqlDatabase backends behind OpenSqlDatabase (sql.h). Private to
// src/store: everything else opens databases through OpenSqlDatabase.
#ifndef CRONISTA_STORE_SQL_BACKENDS_H_
#define CRONISTA_STORE_SQL_BACKENDS_H_

#include <memory>
#include <string>
#include <string_view>

#include "store/sql.h"

namespace cronista {

// How a backend opens a database. The defaults are those of
// OpenSqlDatabase; OpenReadOnlyDatabase (readonly_db.h) sets all three.
struct OpenOptions {
  // Refuse every write. SQLite: opened SQLITE_OPEN_READONLY with query_only
  // on, journal mode left alone, transactions BEGIN DEFERRED. PostgreSQL:
  // default_transaction_read_only on the session.
  bool read_only = false;
  // A statement running longer than this many milliseconds fails. SQLite:
  // interrupted, kResourceExhausted with kTimeLimitWords in the message (and
  // the busy timeout is this limit); PostgreSQL: statement_timeout (SQLSTATE
  // 57014). 0: no limit (SQLite's busy timeout stays 60 s).
  int timeout_ms = 0;
  // SQLite: create the file when missing. When false a missing file is
  // kNotFound and a directory kInvalidArgument, before anything is opened.
  bool create = true;
};

// In the message of a SQLite statement stopped by OpenOptions::timeout_ms.
inline constexpr std::string_view kTimeLimitWords = "over the statement time limit";

// A SQLite file (sqlite_db.cc). By default: created when missing; WAL,
// foreign keys on, 60 s busy timeout.
Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(const std::string& path,
                                                        const OpenOptions& options = {});

// A PostgreSQL server: `conninfo` is a postgresql:// URL or a libpq
// "host=... dbname=..." string (postgres_db.cc).
Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(const std::string& conninfo,
                                                          const OpenOptions& options = {});

// OpenSqlDatabase (sql.h) with options.
Result<std::unique_ptr<SqlDatabase>> OpenSqlDatabase(const std::string& target,
                                                     const OpenOptions& options);

// ToDollarPlaceholders, also storing the number of placeholders in `*count`.
std::string ToDollarPlaceholders(std::string_view sql, int* count);

// The start of a statement for error messages, on one line (both backends).
std::string SqlSnippet(std::string_view sql);

}  // namespace cronista

#endif  // CRONISTA_STORE_SQL_BACKENDS_H_
