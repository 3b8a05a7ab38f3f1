// Storing coded documents: `cronista ingest` writes each document with its
// sentences, mentions, entities, times, places, quotes, commitments and events
// in one transaction, so a killed process leaves either all of a document or
// none of it. A document already stored (same content hash) is skipped, which
// makes re-running an ingest safe. Events reported more than once are stored
// once, with every report linked to it (docs/schema.md).
#ifndef CRONISTA_STORE_STORE_H_
#define CRONISTA_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "cronista/document.h"
#include "store/dates.h"
#include "store/sql.h"

namespace cronista {

struct StoreOptions {
  // Two reports of an event with the same source, target, code, modality and
  // place are one event when their day-precision dates are at most this many
  // days apart. Dates known only to the month or year must be equal.
  int dedup_window_days = 0;
  // Documents are committed in groups of up to this many, or after this many
  // milliseconds, whichever comes first; each document is still all or
  // nothing (a savepoint), and a killed process loses at most the open group,
  // which a re-run stores again. 1: one transaction per document.
  int batch_documents = 1;
  int batch_ms = 250;
};

// What adding one document did.
struct AddResult {
  bool stored = false;    // false: an identical document was already stored
  int64_t doc = 0;        // documents.id (of the existing one when not stored)
  int new_events = 0;     // events rows created
  int merged_events = 0;  // reports added to events already stored
};

class Store {
 public:
  // Opens (creating when missing) the database at `target` (a SQLite path or
  // a postgresql:// URL) and brings its schema up to date.
  static Result<std::unique_ptr<Store>> Open(const std::string& target,
                                             const StoreOptions& options = {});
  ~Store();

  // Stores a coded document, all or nothing. Safe to call from one thread at
  // a time; several processes may add to the same database at once. With
  // batching, the document is durable after the next Flush() (or a later
  // Add that closes the group).
  Result<AddResult> Add(const Document& doc);
  // Commits the open group of documents, if any. Called by the destructor.
  Status Flush();

  SqlDatabase& db() { return *db_; }

 private:
  Store(std::unique_ptr<SqlDatabase> db, const StoreOptions& options);
  Status Prepare();
  Result<AddResult> AddInTransaction(const Document& doc, const std::string& hash);

  std::unique_ptr<SqlDatabase> db_;
  StoreOptions options_;
  bool in_batch_ = false;
  int batch_size_ = 0;
  int64_t batch_started_ms_ = 0;
  struct Statements;
  std::unique_ptr<Statements> st_;
};

// The identity of an article: SHA-256 (hex) of its URL, title, date and text.
// The same article read twice, from any path, has the same hash.
std::string DocumentHash(const Document& doc);

}  // namespace cronista

#endif  // CRONISTA_STORE_STORE_H_
