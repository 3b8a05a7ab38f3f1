// Exports of a stored database in the formats analysts already load: the
// GDELT 2.0 event table, PLOVER JSON Lines, CSV, and GKG-style quotations
// (docs/exports.md). Rows are streamed: a SELECT is stepped row by row (on
// PostgreSQL, in keyset-paged batches), and each row is written as soon as it
// is read, so exporting a million events holds one batch at most in memory.
#ifndef CRONISTA_STORE_EXPORT_H_
#define CRONISTA_STORE_EXPORT_H_

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "store/query.h"
#include "store/sql.h"

namespace cronista {

enum class ExportFormat {
  kGdelt,      // GDELT 2.0 event table: 61 tab-separated columns, no quoting
  kPlover,     // PLOVER JSON Lines
  kCsv,        // one row per event, RFC 4180, with a header
  kQuotes,     // one line per quotation, GKG-style, tab-separated
  kGkgQuotes,  // one line per document with GKG V2.1's Quotations field
};

// "gdelt", "plover", "csv", "quotes", "gkg-quotes" <-> ExportFormat.
bool ParseExportFormat(std::string_view s, ExportFormat* out);
std::string_view ExportFormatName(ExportFormat f);
// True for kQuotes and kGkgQuotes (exported with ExportQuotes).
bool IsQuoteFormat(ExportFormat f);

struct ExportOptions {
  ExportFormat format = ExportFormat::kGdelt;
  // A first line with the column names (gdelt, quotes, gkg-quotes). CSV
  // always has its header; PLOVER has none.
  bool header = false;
  // Rows per SELECT. 0: the backend's default (SQLite: one statement stepped
  // to the end; PostgreSQL: 10000, as libpq holds a whole result in memory).
  int64_t batch_rows = 0;
};

// Writes the events matching `f` (ordered by events.id; f.limit <= 0 exports
// all, f.offset skips) in an event format. Returns the number of rows
// written (events; the header is not counted). Fails with InvalidArgument for
// a bad filter or a quotation format, IoError when `out` fails.
Result<int64_t> ExportEvents(SqlDatabase& db, const EventFilter& f, const ExportOptions& options,
                             std::ostream& out);

// Writes the quotations matching `f` (ordered by document then position) in
// a quotation format. Returns the number of lines written: quotations for
// kQuotes, documents for kGkgQuotes.
Result<int64_t> ExportQuotes(SqlDatabase& db, const QuoteFilter& f, const ExportOptions& options,
                             std::ostream& out);

// AppendEventWhere, AppendQuoteWhere, BindParams, ToFts5Query and ToTsQuery
// are declared in store/query.h: one builder for queries, exports and the API.

// The 61 column names of the GDELT 2.0 event table, in order.
inline constexpr int kGdeltEventColumns = 61;
const std::array<std::string_view, kGdeltEventColumns>& GdeltEventColumnNames();

// A CAMEO actor code cut into GDELT's actor attribute columns: "RUSGOV" ->
// country RUS, type1 GOV; "IGOUNOHRI" -> known group UNO, types IGO, HRI;
// "IGOWSTNAT" -> country WST (a CAMEO region), known group NAT, type IGO.
struct GdeltActorAttributes {
  std::string country, known_group, ethnic, religion1, religion2, type1, type2, type3;
};
GdeltActorAttributes SplitCameoActor(std::string_view code);

}  // namespace cronista

#endif  // CRONISTA_STORE_EXPORT_H_
