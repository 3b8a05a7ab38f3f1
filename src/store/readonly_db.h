// Read-only database connections for readers that must never write (the HTTP
// API): a SQLite file opened read-only that must already exist, or a
// PostgreSQL session whose transactions are read-only. Each statement runs
// under a time limit.
#ifndef CRONISTA_STORE_READONLY_DB_H_
#define CRONISTA_STORE_READONLY_DB_H_

#include <memory>
#include <string>

#include "store/sql.h"

namespace cronista {

struct ReadOnlyOptions {
  // A statement running longer than this fails with kResourceExhausted and a
  // message containing "time limit"; 0: no limit.
  int statement_timeout_ms = 10000;
};

// Opens `target` (a SQLite path or a postgresql:// URL, as OpenSqlDatabase)
// for reading only. SQLite: the file must exist (it is never created), is
// opened SQLITE_OPEN_READONLY with query_only on, and changes nothing, not
// even its journal mode; a statement past the time limit is interrupted.
// PostgreSQL: default_transaction_read_only and statement_timeout are set on
// the session. Checks that the database holds cronista's schema at
// kSchemaVersion (without creating the version table, as SchemaVersion
// would). Not thread-safe: one connection per thread.
Result<std::unique_ptr<SqlDatabase>> OpenReadOnlyDatabase(const std::string& target,
                                                          const ReadOnlyOptions& options = {});

// True for a status produced by the time limit above (either backend).
bool IsTimeLimit(const Status& status);

}  // namespace cronista

#endif  // CRONISTA_STORE_READONLY_DB_H_
