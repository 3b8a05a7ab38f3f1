// The analyst's questions over a stored database: filtered events, dyad time
// series, top actors and dyads, quotations by speaker, commitments in force,
// full-text search. Used by `cronista query`, `cronista export` and the HTTP
// API, so all three answer alike. All SQL is parameterised.
#ifndef CRONISTA_STORE_QUERY_H_
#define CRONISTA_STORE_QUERY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/sql.h"

namespace cronista {

// A cell: NULL, integer, real or text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

// A result: column names and rows of cells.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
};

// Which events. Every field is optional; set fields combine with AND.
// Actor codes match as prefixes: "RUS" matches RUS, RUSGOV, RUSMIL.
struct EventFilter {
  std::vector<std::string> actors;      // source OR target starts with any of them
  std::string source, target;           // the dyad, directed unless `undirected`
  bool undirected = false;              // --dyad A,B also matches B -> A
  std::vector<std::string> codes;       // CAMEO code prefixes: "05" (a root), "057"
  std::vector<int> quads;               // QuadClass 1..4
  std::vector<std::string> modalities;  // "asserted", "negated", ...
  std::string lang;                     // of a reporting document
  std::string from, to;                 // YYYY[-MM[-DD]], inclusive, on the event's day
  std::string text;                     // full text over reporting documents
  int64_t doc = 0;                      // reported by this document (documents.id)
  int64_t limit = 100;                  // <= 0: no limit
  int64_t offset = 0;
};

enum class TimeBucket { kDay, kWeek, kMonth };
bool ParseTimeBucket(std::string_view s, TimeBucket* out);

// One row per event: id, date, source, target, code, root, quad, goldstein,
// plover, modality, place, country, lat, lon, num_mentions, num_sources,
// num_articles, sentence (the first report's sentence text), doc (first
// reporting documents.id), rule. Ordered by date then id.
Result<Table> QueryEvents(SqlDatabase& db, const EventFilter& f);
// Number of events matching (ignores limit/offset), for pagination.
Result<int64_t> CountEvents(SqlDatabase& db, const EventFilter& f);

// Time series of the matching events: period (YYYY-MM-DD, YYYY-Www or
// YYYY-MM), events, goldstein_sum, goldstein_mean, quad1..quad4. Events
// dated less precisely than the bucket are left out.
Result<Table> EventSeries(SqlDatabase& db, const EventFilter& f, TimeBucket by);

// Most frequent actors (actor, events, as_source, as_target, goldstein_mean)
// and dyads (source, target, events, cooperation, conflict, goldstein_mean),
// at most `n` rows each, over the matching events. `country_level` cuts
// actor codes to their first three letters.
Result<Table> TopActors(SqlDatabase& db, const EventFilter& f, int n, bool country_level);
Result<Table> TopDyads(SqlDatabase& db, const EventFilter& f, int n, bool country_level);

// Quotations whose speaker's actor code starts with `speaker`, or whose
// speaker name or entity id contains it (case-insensitive); empty: all.
// Columns: speaker_actor, speaker_name, text, scare, date, doc, doc_title,
// sentence, rule. Scare quotes are left out unless `with_scare`.
struct QuoteFilter {
  std::string speaker;
  std::string text;  // full text over the reporting documents
  std::string from, to;
  bool with_scare = false;
  int64_t limit = 100, offset = 0;
};
Result<Table> QueryQuotes(SqlDatabase& db, const QuoteFilter& f);
// Speakers with their number of quotations: speaker_actor, speaker_name, quotes.
Result<Table> QuoteSpeakers(SqlDatabase& db, const QuoteFilter& f, int n);

// Commitments in force on `on` (YYYY-MM-DD): signed on or before it. With
// `party`, those binding that party; with `defend`, who is committed to
// defend that party (the other parties of a mutual defence commitment, or
// the guarantor of a one-sided one). Columns: committed (who is bound),
// parties, type, condition, mutual, date, num_articles, first_doc, sentence.
struct CommitmentFilter {
  std::string on;
  std::string party;
  std::string defend;
  std::string type;
};
Result<Table> CommitmentsInForce(SqlDatabase& db, const CommitmentFilter& f);

// Documents matching a full-text query (empty: all), newest first: id,
// doc_id, title, date, lang, source, url, n_events, n_quotes, snippet.
Result<Table> SearchDocuments(SqlDatabase& db, const std::string& text, int64_t limit,
                              int64_t offset);

// The WHERE clause selecting the events matching `f`, the one used by every
// query here and by the exports: appends " WHERE <conditions>" to *sql (nothing when `f` selects
// every event) and the values of its `?` placeholders to *params, in order.
// The events table must be aliased `e`; the conditions use subqueries over
// event_mentions and documents (and documents_fts on SQLite) for lang, text
// and doc, which must all hold for one and the same report. Ignores limit
// and offset. Actor and code filters are prefixes, matched with range
// comparisons (`e.source >= ? AND e.source < ?`) so that the indexes serve
// them; the upper bound steps '9' to 'A' and carries past 'Z', so that it
// holds under PostgreSQL's linguistic collations too. `from`/`to` accept YYYY-MM-DD, YYYY-MM or
// YYYY (first and last day of the period); actor codes are upper-cased. InvalidArgument for a
// malformed date or code, a QuadClass outside 1..4 or an unknown modality.
Status AppendEventWhere(const EventFilter& f, SqlDialect dialect, std::string* sql,
                        std::vector<SqlValue>* params);

// The same for quotations: table `quotes` aliased `q`, its document `d`
// (joined by the caller: `JOIN documents d ON d.id = q.doc`).
Status AppendQuoteWhere(const QuoteFilter& f, SqlDialect dialect, std::string* sql,
                        std::vector<SqlValue>* params);

// Binds `params` to `?` 1..n of `st`.
void BindParams(SqlStatement& st, const std::vector<SqlValue>& params);

// A free-text query as a safe FTS5 query: each whitespace-separated term in
// double quotes (so punctuation and FTS5 operators are plain text), all
// terms required; a term ending in `*` stays a prefix query. "" for no terms.
std::string ToFts5Query(std::string_view text);
// The same for PostgreSQL's to_tsquery: 'term' & 'term':* (quotes and
// backslashes doubled).
std::string ToTsQuery(std::string_view text);

// YYYY-MM-DD, YYYY-MM or YYYY -> the day numbers (days since 1970-01-01) of
// the period's first and last days. False when malformed.
bool ParseDatePeriod(std::string_view s, int64_t* first, int64_t* last);
// A day number -> year, month, day.
void DayToCivil(int64_t day, int* year, int* month, int* d);

// Places of the matching events, at most `n`, most eventful first: place_id,
// name, country, kind, lat, lon, events, goldstein_mean. Events without a
// place (or without coordinates) are left out.
Result<Table> EventPlaces(SqlDatabase& db, const EventFilter& f, int n);

// How many documents SearchDocuments would list for `text` without a limit.
Result<int64_t> CountDocuments(SqlDatabase& db, const std::string& text);

// Rows in documents and events.
struct DatabaseSummary {
  int64_t documents = 0;
  int64_t events = 0;
};
Result<DatabaseSummary> Summarize(SqlDatabase& db);

// One stored document and its records, each table ordered by idx. Offsets
// (start, end) are byte offsets into `text`, as stored.
struct DocumentRecord {
  // id, doc_id, title, url, source, date, lang, text: one row.
  Table document;
  Table sentences;    // idx, start, end
  Table mentions;     // idx, start, end, text, kind, actor, entity_id, rule
  Table events;       // idx, event, start, end, trigger, code, root, quad, goldstein, plover,
                      // modality, background, source, target, date, place, rule, sentence
  Table quotes;       // idx, start, end, text, scare, speaker_name, speaker_actor, cue, rule
  Table places;       // idx, start, end, name, place_id, country, lat, lon
  Table times;        // idx, start, end, type, value
  Table commitments;  // idx, type, parties, condition, mutual, date, sentence
};
// kNotFound when there is no document `id` (documents.id).
Result<DocumentRecord> FetchDocument(SqlDatabase& db, int64_t id);

// Output formats for a Table.
enum class TableFormat { kTable, kCsv, kJson, kJsonl };
bool ParseTableFormat(std::string_view s, TableFormat* out);
// kTable: aligned columns for a terminal; kCsv: RFC 4180 with a header;
// kJson: an array of objects; kJsonl: one object per line.
std::string FormatTable(const Table& t, TableFormat format);

}  // namespace cronista

#endif  // CRONISTA_STORE_QUERY_H_
