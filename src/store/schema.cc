#include "store/schema.h"

#include <ctime>
#include <string>
#include <vector>

#include "store/dates.h"

namespace cronista {

namespace {

struct Migration {
  int version;
  const char* description;
  // Written for both backends: {ID} is the auto-numbered key, {REF} a key
  // column, {REAL} a floating point column; the rest is common SQL.
  const char* common;
  const char* sqlite_only;
  const char* postgres_only;
};

// Byte offsets (start_byte, end_byte) point into documents.text; `idx`
// columns are the record's index in the document's JSON output, so a row
// can be matched with `cronista code` output.
const Migration kMigrations[] = {
    {1, "documents, sentences, mentions, entities, times, places, events, quotes, commitments",
     R"SQL(
CREATE TABLE documents (
  id {ID},
  hash TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL,
  origin TEXT,
  url TEXT,
  title TEXT,
  source TEXT,
  source_key TEXT NOT NULL,
  section TEXT,
  lang TEXT,
  lang_confidence {REAL},
  date TEXT,
  date_precision TEXT NOT NULL,
  day INTEGER,
  text TEXT NOT NULL,
  n_sentences INTEGER NOT NULL,
  n_mentions INTEGER NOT NULL,
  n_events INTEGER NOT NULL,
  n_quotes INTEGER NOT NULL,
  n_commitments INTEGER NOT NULL,
  warnings TEXT,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_day ON documents (day);
CREATE INDEX documents_doc_id ON documents (doc_id);
CREATE INDEX documents_lang ON documents (lang);

CREATE TABLE sentences (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
);

CREATE TABLE entities (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT,
  PRIMARY KEY (doc, idx)
);
CREATE INDEX entities_entity_id ON entities (entity_id);

CREATE TABLE mentions (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT,
  entity INTEGER,
  rule TEXT,
  PRIMARY KEY (doc, idx)
);
CREATE INDEX mentions_actor ON mentions (actor);

CREATE TABLE times (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  rule TEXT,
  PRIMARY KEY (doc, idx)
);

CREATE TABLE places (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  name TEXT NOT NULL,
  place_id TEXT NOT NULL,
  country TEXT,
  kind TEXT NOT NULL,
  lat {REAL} NOT NULL,
  lon {REAL} NOT NULL,
  mention INTEGER,
  PRIMARY KEY (doc, idx)
);
CREATE INDEX places_place_id ON places (place_id);

CREATE TABLE events (
  id {ID},
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  code TEXT NOT NULL,
  root TEXT NOT NULL,
  quad INTEGER NOT NULL,
  goldstein {REAL} NOT NULL,
  plover TEXT NOT NULL,
  modality TEXT NOT NULL,
  date TEXT,
  date_precision TEXT NOT NULL,
  day INTEGER,
  place_id TEXT NOT NULL,
  place_name TEXT,
  place_country TEXT,
  place_kind TEXT,
  lat {REAL},
  lon {REAL},
  source_name TEXT,
  target_name TEXT,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  first_doc {REF} NOT NULL REFERENCES documents (id),
  first_sentence INTEGER NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX events_dyad ON events (source, target, day);
CREATE INDEX events_target ON events (target, day);
CREATE INDEX events_day ON events (day);
CREATE INDEX events_code ON events (code, day);

CREATE TABLE event_mentions (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  event {REF} NOT NULL REFERENCES events (id),
  sentence INTEGER NOT NULL,
  trigger_start INTEGER NOT NULL,
  trigger_end INTEGER NOT NULL,
  trigger_text TEXT NOT NULL,
  source_mention INTEGER,
  target_mention INTEGER,
  source_text TEXT,
  target_text TEXT,
  modality TEXT NOT NULL,
  background INTEGER NOT NULL,
  time_idx INTEGER,
  place_idx INTEGER,
  rule TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
);
CREATE INDEX event_mentions_event ON event_mentions (event);

CREATE TABLE quotes (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  sentence INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT NOT NULL,
  scare INTEGER NOT NULL,
  cue TEXT,
  speaker_name TEXT,
  speaker_actor TEXT,
  speaker_entity TEXT,
  speaker_mention INTEGER,
  rule TEXT,
  PRIMARY KEY (doc, idx)
);
CREATE INDEX quotes_speaker_actor ON quotes (speaker_actor);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);

CREATE TABLE commitments (
  doc {REF} NOT NULL REFERENCES documents (id),
  idx INTEGER NOT NULL,
  type TEXT NOT NULL,
  condition_text TEXT,
  mutual INTEGER NOT NULL,
  parties TEXT NOT NULL,
  date TEXT,
  date_precision TEXT NOT NULL,
  day INTEGER,
  sentence INTEGER NOT NULL,
  event {REF} REFERENCES events (id),
  rule TEXT,
  PRIMARY KEY (doc, idx)
);

CREATE TABLE commitment_parties (
  doc {REF} NOT NULL,
  idx INTEGER NOT NULL,
  party TEXT NOT NULL,
  PRIMARY KEY (doc, idx, party),
  FOREIGN KEY (doc, idx) REFERENCES commitments (doc, idx)
);
CREATE INDEX commitment_parties_party ON commitment_parties (party);
)SQL",
     R"SQL(
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content='documents', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
)SQL",
     R"SQL(
CREATE INDEX documents_fts ON documents
  USING GIN (to_tsvector('simple', coalesce(title, '') || ' ' || text));
)SQL"},
};

std::string Expand(std::string sql, SqlDialect d) {
  auto replace = [&sql](std::string_view from, std::string_view to) {
    for (size_t p = sql.find(from); p != std::string::npos; p = sql.find(from, p + to.size())) {
      sql.replace(p, from.size(), to);
    }
  };
  bool pg = d == SqlDialect::kPostgres;
  replace("{ID}",
          pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY");
  replace("{REF}", pg ? "BIGINT" : "INTEGER");
  replace("{REAL}", pg ? "DOUBLE PRECISION" : "REAL");
  return sql;
}

}  // namespace

Result<int> SchemaVersion(SqlDatabase& db) {
  CRONISTA_RETURN_IF_ERROR(
      db.Exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
              "description TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  auto st = db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!st.ok()) return st.status();
  auto row = (*st)->Step();
  if (!row.ok()) return row.status();
  return static_cast<int>((*st)->Int(0));
}

Status MigrateSchema(SqlDatabase& db) {
  for (const Migration& m : kMigrations) {
    // Each migration in its own write transaction; the version is re-read
    // inside it, so two processes migrating at once apply it once.
    CRONISTA_RETURN_IF_ERROR(db.Begin());
    Result<int> have = SchemaVersion(db);
    if (!have.ok()) {
      (void)db.Rollback();
      return have.status();
    }
    if (*have > kSchemaVersion) {
      (void)db.Rollback();
      return Status::InvalidArgument(db.Describe() + " has schema version " +
                                     std::to_string(*have) + "; this cronista reads version " +
                                     std::to_string(kSchemaVersion) + ": upgrade cronista");
    }
    if (*have >= m.version) {
      CRONISTA_RETURN_IF_ERROR(db.Commit());
      continue;
    }
    std::string sql = Expand(m.common, db.dialect()) +
                      (db.dialect() == SqlDialect::kSqlite ? m.sqlite_only : m.postgres_only);
    Status s = db.Exec(sql);
    if (s.ok()) {
      auto ins = db.Prepare(
          "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)");
      if (!ins.ok()) {
        s = ins.status();
      } else {
        (*ins)->Bind(1, m.version);
        (*ins)->Bind(2, m.description);
        (*ins)->Bind(3, UtcTimestamp());
        s = (*ins)->Run();
      }
    }
    if (!s.ok()) {
      (void)db.Rollback();
      return Status(s.code(), "migrating " + db.Describe() + " to version " +
                                  std::to_string(m.version) + ": " + s.message());
    }
    CRONISTA_RETURN_IF_ERROR(db.Commit());
  }
  return Status::Ok();
}

}  // namespace cronista
