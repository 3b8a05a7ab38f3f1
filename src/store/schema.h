// The database schema, as numbered migrations (docs/schema.md).
#ifndef CRONISTA_STORE_SCHEMA_H_
#define CRONISTA_STORE_SCHEMA_H_

#include "store/sql.h"

namespace cronista {

// The schema version this build writes and reads.
inline constexpr int kSchemaVersion = 1;

// Brings the database to kSchemaVersion, applying each missing migration in
// its own transaction. Fails, changing nothing, when the database is newer
// than this build.
Status MigrateSchema(SqlDatabase& db);

// The schema version a database is at (0 when empty).
Result<int> SchemaVersion(SqlDatabase& db);

}  // namespace cronista

#endif  // CRONISTA_STORE_SCHEMA_H_
