// Read-only connections (readonly_db.h): the backends of OpenSqlDatabase,
// opened with OpenOptions for reading only under a statement time limit.
#include "store/readonly_db.h"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "store/schema.h"
#include "store/sql_backends.h"

namespace cronista {

Result<std::unique_ptr<SqlDatabase>> OpenReadOnlyDatabase(const std::string& target,
                                                          const ReadOnlyOptions& options) {
  OpenOptions open;
  open.read_only = true;
  open.timeout_ms = options.statement_timeout_ms;
  open.create = false;
  // Not OpenSqlDatabase for a SQLite path: an empty one is "no database at".
  auto opened =
      IsPostgresTarget(target) ? OpenSqlDatabase(target, open) : OpenSqliteDatabase(target, open);
  if (!opened.ok()) return opened.status();
  std::unique_ptr<SqlDatabase> db = std::move(*opened);
  // The schema, read without creating anything (SchemaVersion would create
  // the version table). A file that is not a database fails here too.
  auto st = db->Prepare("SELECT MAX(version) FROM schema_migrations");
  Result<bool> row = st.ok() ? (*st)->Step() : Result<bool>(st.status());
  if (!row.ok() || !*row || (*st)->IsNull(0)) {
    std::string why = row.ok() ? "" : " (" + row.status().message() + ")";
    return Status::InvalidArgument(db->Describe() + " is not a cronista database" + why);
  }
  int64_t version = (*st)->Int(0);
  if (version != kSchemaVersion) {
    return Status::InvalidArgument(
        db->Describe() + " has schema version " + std::to_string(version) +
        "; this cronista reads version " + std::to_string(kSchemaVersion) +
        (version > kSchemaVersion ? ": upgrade cronista" : ": run cronista ingest to upgrade it"));
  }
  return db;
}

bool IsTimeLimit(const Status& status) {
  const std::string& m = status.message();
  return m.find(kTimeLimitWords) != std::string::npos ||
         m.find("[SQLSTATE 57014]") != std::string::npos;
}

}  // namespace cronista
