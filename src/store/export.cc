#include "store/export.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "cronista/document.h"

namespace cronista {

namespace {

using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------
// Dates

std::string Pad(int v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<size_t>(width) - s.size(), '0');
  return s;
}

// The digits of an ISO date or timestamp ("2024-06-19T10:02:03Z",
// "2024-06"), completed to YYYYMMDDHHMMSS (month and day 01, time 000000).
// "" when it does not start with a year.
std::string CompactTimestamp(std::string_view iso) {
  std::string digits;
  for (char c : iso) {
    if (c >= '0' && c <= '9') digits.push_back(c);
    if (digits.size() == 14) break;
  }
  if (digits.size() < 4) return "";
  static const char kFill[] = "00000101000000";  // "YYYY" then MM DD hh mm ss
  for (size_t i = digits.size(); i < 14; ++i) digits.push_back(kFill[i]);
  if (digits.compare(4, 2, "00") == 0) digits.replace(4, 2, "01");
  if (digits.compare(6, 2, "00") == 0) digits.replace(6, 2, "01");
  return digits;
}

// ---------------------------------------------------------------------------
// Text

// A field of a tab-separated line: control characters (tab, newline...) and
// Unicode line and paragraph separators (U+0085, U+2028, U+2029) become
// spaces, so a line never breaks and a field never splits.
void AppendTsvField(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      out->push_back(' ');
    } else if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      out->push_back(' ');
      ++i;
    } else if (c == 0xe2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xa8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xa9)) {
      out->push_back(' ');
      i += 2;
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
}

// A part of a GKG Quotations block: as a TSV field, and the field's own
// delimiters, '|' between the parts of a block and '#' between blocks,
// become spaces.
std::string GkgBlockText(std::string_view s) {
  std::string out;
  AppendTsvField(s, &out);
  for (char& c : out) {
    if (c == '|' || c == '#') c = ' ';
  }
  return out;
}

// An RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, with
// quotes doubled.
void AppendCsvField(std::string_view s, std::string* out) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string FormatFixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s == "-0.0" || s == "-0.0000" || s == "-0") s.erase(0, 1);
  return s;
}

// The shortest text that reads back as `v`.
std::string FormatShortest(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// ---------------------------------------------------------------------------
// SQL

std::string JoinConditions(const std::vector<std::string>& conds, std::string_view op) {
  std::string out;
  for (const std::string& c : conds) {
    if (!out.empty()) out += op;
    out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Streaming

// A SELECT run in keyset-paged batches. `select` is the statement up to its
// FROM/JOIN clauses, `where` " WHERE ..." or "", `keys` the ordering key
// columns, which must also be the first result columns (integers).
struct PagedSelect {
  std::string select;
  std::string where;
  std::vector<SqlValue> params;
  std::vector<std::string> keys;
  int64_t limit = 0;  // <= 0: all
  int64_t offset = 0;
  int64_t batch = 0;  // <= 0: one statement
};

// `on_row` may set *stop to end the export early.
Status RunPaged(SqlDatabase& db, const PagedSelect& q,
                const std::function<Status(SqlStatement&, bool* stop)>& on_row) {
  const bool sqlite = db.dialect() == SqlDialect::kSqlite;
  std::vector<int64_t> last(q.keys.size(), 0);
  int64_t written = 0;
  bool stop = false;
  for (bool first = true;; first = false) {
    std::string sql = q.select + q.where;
    std::vector<SqlValue> params = q.params;
    if (!first) {
      // (k1 > ?) or (k1 > ? OR (k1 = ? AND k2 > ?)).
      std::string cond;
      if (q.keys.size() == 1) {
        cond = q.keys[0] + " > ?";
        params.push_back(last[0]);
      } else {
        cond = "(" + q.keys[0] + " > ? OR (" + q.keys[0] + " = ? AND " + q.keys[1] + " > ?))";
        params.push_back(last[0]);
        params.push_back(last[0]);
        params.push_back(last[1]);
      }
      sql += (q.where.empty() ? " WHERE " : " AND ") + cond;
    }
    sql += " ORDER BY " + JoinConditions(q.keys, ", ");
    int64_t want = -1;  // rows asked of this statement; -1: all
    if (q.limit > 0) want = q.limit - written;
    if (q.batch > 0) want = want < 0 ? q.batch : std::min(want, q.batch);
    if (want >= 0) {
      sql += " LIMIT ?";
      params.push_back(want);
    }
    if (first && q.offset > 0) {
      if (want < 0 && sqlite) sql += " LIMIT -1";
      sql += " OFFSET ?";
      params.push_back(q.offset);
    }
    auto st = db.Prepare(sql);
    if (!st.ok()) return st.status();
    BindParams(**st, params);
    int64_t n = 0;
    for (;;) {
      Result<bool> row = (*st)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      for (size_t k = 0; k < last.size(); ++k) last[k] = (*st)->Int(static_cast<int>(k));
      CRONISTA_RETURN_IF_ERROR(on_row(**st, &stop));
      if (stop) return Status::Ok();
      ++n;
    }
    written += n;
    if (want < 0 || n < want) return Status::Ok();
    if (q.limit > 0 && written >= q.limit) return Status::Ok();
  }
}

// Collects output and hands it to the stream in large writes.
class LineSink {
 public:
  explicit LineSink(std::ostream& out) : out_(out) { buf_.reserve(kFlushAt + 4096); }
  std::string& buffer() { return buf_; }
  Status MaybeFlush() { return buf_.size() >= kFlushAt ? Flush() : Status::Ok(); }
  Status Flush() {
    if (!buf_.empty()) out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
    if (!out_) return Status::IoError("error writing the export");
    return Status::Ok();
  }

 private:
  static constexpr size_t kFlushAt = 64 * 1024;
  std::ostream& out_;
  std::string buf_;
};

// ---------------------------------------------------------------------------
// Events

// The columns of the event SELECT, in order.
enum EventCol {
  kId,
  kSource,
  kTarget,
  kCode,
  kRoot,
  kQuad,
  kGoldstein,
  kPlover,
  kModality,
  kDate,
  kDatePrecision,
  kDay,
  kPlaceId,
  kPlaceName,
  kPlaceCountry,
  kPlaceKind,
  kLat,
  kLon,
  kSourceName,
  kTargetName,
  kNumMentions,
  kNumSources,
  kNumArticles,
  kFirstDoc,
  kFirstSentence,
  kAddedAt,
  kDocId,
  kDocUrl,
  kDocTitle,
  kDocSource,
  kDocLang,
  kDocDate,
  kSentenceText,
  kLeadSentence,
  kTriggerText,
  kSourceText,
  kTargetText,
  kRule,
};

// The first report: the lowest-numbered report of the event in its first
// document. The lead: the earliest sentence of any report (IsRootEvent).
// `+m2.doc` keeps SQLite on the event index: by (doc, idx) it would read
// every report of the document.
constexpr const char* kEventSelect =
    "SELECT e.id, e.source, e.target, e.code, e.root, e.quad, e.goldstein, e.plover, "
    "e.modality, e.date, e.date_precision, e.day, e.place_id, e.place_name, e.place_country, "
    "e.place_kind, e.lat, e.lon, e.source_name, e.target_name, e.num_mentions, e.num_sources, "
    "e.num_articles, e.first_doc, e.first_sentence, e.added_at, d.doc_id, d.url, d.title, "
    "d.source, d.lang, d.date, s.text, "
    "(SELECT MIN(lm.sentence) FROM event_mentions lm WHERE lm.event = e.id), "
    "fm.trigger_text, fm.source_text, fm.target_text, fm.rule "
    "FROM events e "
    "LEFT JOIN documents d ON d.id = e.first_doc "
    "LEFT JOIN sentences s ON s.doc = e.first_doc AND s.idx = e.first_sentence "
    "LEFT JOIN event_mentions fm ON fm.doc = e.first_doc AND fm.idx = "
    "(SELECT MIN(m2.idx) FROM event_mentions m2 WHERE m2.event = e.id AND +m2.doc = e.first_doc)";

// A report is in the lead when it is in one of its document's first three
// sentences: the title and the opening paragraph, usually.
constexpr int64_t kLeadSentences = 3;

std::string Text(SqlStatement& r, int col) { return r.IsNull(col) ? "" : r.Text(col); }
std::string IntText(SqlStatement& r, int col) {
  return r.IsNull(col) ? "" : std::to_string(r.Int(col));
}

// The event's day as year, month, day; false when undated.
bool EventDay(SqlStatement& r, int* y, int* m, int* d) {
  if (!r.IsNull(kDay)) {
    DayToCivil(r.Int(kDay), y, m, d);
    return true;
  }
  // A date without a day number (not written by cronista's ingest).
  std::string date = Text(r, kDate);
  int64_t first = 0, last = 0;
  if (date.size() >= 4 &&
      ParseDatePeriod(date.substr(0, std::min<size_t>(date.size(), 10)), &first, &last)) {
    DayToCivil(first, y, m, d);
    return true;
  }
  return false;
}

std::string SourceUrl(SqlStatement& r) {
  std::string url = Text(r, kDocUrl);
  return url.empty() ? Text(r, kDocId) : url;
}

void AppendActorColumns(const std::string& code, const std::string& name, std::string* line) {
  GdeltActorAttributes a = SplitCameoActor(code);
  for (const std::string* v : std::initializer_list<const std::string*>{
           &code, &name, &a.country, &a.known_group, &a.ethnic, &a.religion1, &a.religion2,
           &a.type1, &a.type2, &a.type3}) {
    AppendTsvField(*v, line);
    line->push_back('\t');
  }
}

// GDELT's geographic resolution: 1 country, 2 US state, 3 US city, 4 world
// city, 5 world state (ADM1).
int GdeltGeoType(const std::string& kind, const std::string& country) {
  const bool us = country == "USA";
  if (kind == "country") return 1;
  if (kind == "admin1") return us ? 2 : 5;
  if (kind == "city") return us ? 3 : 4;
  return 0;
}

// "adm1:US.CA" -> "USCA": ISO alpha-2 and GeoNames' admin1 code, GDELT's
// ADM1Code shape (and its value for US states).
std::string Adm1Code(const std::string& place_id) {
  if (place_id.rfind("adm1:", 0) != 0) return "";
  std::string out;
  for (char c : place_id.substr(5)) {
    if (c != '.') out.push_back(c);
  }
  return out;
}

// "geonames:1871859" -> "1871859".
std::string GeoNamesId(const std::string& place_id) {
  size_t colon = place_id.find(':');
  return colon == std::string::npos ? place_id : place_id.substr(colon + 1);
}

void AppendEmptyGeo(std::string* line) { *line += "0\t\t\t\t\t\t\t\t"; }

void AppendGdeltRow(SqlStatement& r, std::string* line) {
  auto field = [line](std::string_view v) {
    AppendTsvField(v, line);
    line->push_back('\t');
  };
  field(IntText(r, kId));
  int y = 0, m = 0, d = 0;
  if (EventDay(r, &y, &m, &d)) {
    field(Pad(y, 4) + Pad(m, 2) + Pad(d, 2));
    field(Pad(y, 4) + Pad(m, 2));
    field(Pad(y, 4));
    // GDELT's FractionDate: YYYY + ((month - 1) * 30 + day) / 365.
    field(FormatFixed(y + ((m - 1) * 30 + d) / 365.0, 4));
  } else {
    *line += "\t\t\t\t";
  }
  AppendActorColumns(Text(r, kSource), Text(r, kSourceName), line);
  AppendActorColumns(Text(r, kTarget), Text(r, kTargetName), line);
  field(!r.IsNull(kLeadSentence) && r.Int(kLeadSentence) < kLeadSentences ? "1" : "0");
  const std::string code = Text(r, kCode);
  std::string root = Text(r, kRoot);
  if (root.empty()) root = code.substr(0, 2);
  field(code);
  field(code.substr(0, 3));
  field(root);
  field(IntText(r, kQuad));
  field(r.IsNull(kGoldstein) ? "" : FormatFixed(r.Double(kGoldstein), 1));
  field(IntText(r, kNumMentions));
  field(IntText(r, kNumSources));
  field(IntText(r, kNumArticles));
  field("");             // AvgTone: not computed
  AppendEmptyGeo(line);  // Actor1Geo
  AppendEmptyGeo(line);  // Actor2Geo
  const std::string place_id = Text(r, kPlaceId);
  const std::string kind = Text(r, kPlaceKind);
  const std::string country = Text(r, kPlaceCountry);
  const int geo_type = place_id.empty() ? 0 : GdeltGeoType(kind, country);
  if (geo_type == 0) {
    AppendEmptyGeo(line);
  } else {
    field(std::to_string(geo_type));
    field(Text(r, kPlaceName));
    field(country);
    const std::string adm1 = kind == "country" ? country : Adm1Code(place_id);
    field(adm1);
    field("");  // ADM2Code
    field(r.IsNull(kLat) ? "" : FormatFixed(r.Double(kLat), 4));
    field(r.IsNull(kLon) ? "" : FormatFixed(r.Double(kLon), 4));
    field(kind == "city" ? GeoNamesId(place_id) : adm1);
  }
  field(CompactTimestamp(Text(r, kAddedAt)));
  AppendTsvField(SourceUrl(r), line);
  line->push_back('\n');
}

// PLOVER's `mode` from our modality (docs/exports.md).
std::string PloverMode(const std::string& modality) {
  if (modality == "asserted" || modality == "reported") return "";
  return modality;
}

Json NullableText(SqlStatement& r, int col) {
  if (r.IsNull(col)) return nullptr;
  return r.Text(col);
}

void AppendPloverRow(SqlStatement& r, std::string* line) {
  Json j;
  j["id"] = IntText(r, kId);
  int y = 0, m = 0, d = 0;
  if (EventDay(r, &y, &m, &d)) {
    j["date"] = Pad(y, 4) + "-" + Pad(m, 2) + "-" + Pad(d, 2);
  } else {
    j["date"] = nullptr;
  }
  j["actor"] = Text(r, kSource);
  j["recipient"] = Text(r, kTarget);
  j["event"] = Text(r, kPlover);
  const std::string modality = Text(r, kModality);
  j["mode"] = PloverMode(modality);
  j["context"] = Json::array();
  j["event_text"] = Text(r, kSentenceText);
  Json info;
  info["doc_id"] = Text(r, kDocId);
  info["url"] = NullableText(r, kDocUrl);
  info["title"] = NullableText(r, kDocTitle);
  info["source"] = NullableText(r, kDocSource);
  info["lang"] = NullableText(r, kDocLang);
  info["date"] = NullableText(r, kDocDate);
  info["sentence"] = r.IsNull(kFirstSentence) ? Json(nullptr) : Json(r.Int(kFirstSentence));
  info["trigger"] = NullableText(r, kTriggerText);
  info["rule"] = NullableText(r, kRule);
  j["text_info"] = std::move(info);
  // cronista's own fields.
  j["actor_name"] = Text(r, kSourceName);
  j["recipient_name"] = Text(r, kTargetName);
  j["actor_text"] = Text(r, kSourceText);
  j["recipient_text"] = Text(r, kTargetText);
  j["code"] = Text(r, kCode);
  j["root"] = Text(r, kRoot);
  j["quad"] = r.Int(kQuad);
  j["goldstein"] = r.Double(kGoldstein);
  j["modality"] = modality;
  j["date_precision"] = Text(r, kDatePrecision);
  const std::string place_id = Text(r, kPlaceId);
  if (place_id.empty()) {
    j["location"] = nullptr;
  } else {
    Json loc;
    loc["id"] = place_id;
    loc["name"] = Text(r, kPlaceName);
    loc["country"] = Text(r, kPlaceCountry);
    loc["kind"] = Text(r, kPlaceKind);
    loc["lat"] = r.IsNull(kLat) ? Json(nullptr) : Json(r.Double(kLat));
    loc["lon"] = r.IsNull(kLon) ? Json(nullptr) : Json(r.Double(kLon));
    j["location"] = std::move(loc);
  }
  j["num_mentions"] = r.Int(kNumMentions);
  j["num_sources"] = r.Int(kNumSources);
  j["num_articles"] = r.Int(kNumArticles);
  *line += j.dump(-1, ' ', false, Json::error_handler_t::replace);
  line->push_back('\n');
}

constexpr const char* kCsvColumns[] = {
    "id",           "date",         "date_precision", "source",        "source_name", "target",
    "target_name",  "code",         "root",           "quad",          "goldstein",   "plover",
    "modality",     "place_id",     "place_name",     "place_country", "place_kind",  "lat",
    "lon",          "num_mentions", "num_sources",    "num_articles",  "is_root",     "doc",
    "doc_id",       "doc_url",      "doc_title",      "doc_source",    "doc_lang",    "doc_date",
    "sentence_idx", "sentence",     "trigger",        "source_text",   "target_text", "rule",
    "added_at",
};

void AppendCsvRow(SqlStatement& r, std::string* line) {
  bool first = true;
  auto field = [&](std::string_view v) {
    if (!first) line->push_back(',');
    first = false;
    AppendCsvField(v, line);
  };
  auto real = [&](int col) { field(r.IsNull(col) ? "" : FormatShortest(r.Double(col))); };
  field(IntText(r, kId));
  field(Text(r, kDate));
  field(Text(r, kDatePrecision));
  field(Text(r, kSource));
  field(Text(r, kSourceName));
  field(Text(r, kTarget));
  field(Text(r, kTargetName));
  field(Text(r, kCode));
  field(Text(r, kRoot));
  field(IntText(r, kQuad));
  real(kGoldstein);
  field(Text(r, kPlover));
  field(Text(r, kModality));
  field(Text(r, kPlaceId));
  field(Text(r, kPlaceName));
  field(Text(r, kPlaceCountry));
  field(Text(r, kPlaceKind));
  real(kLat);
  real(kLon);
  field(IntText(r, kNumMentions));
  field(IntText(r, kNumSources));
  field(IntText(r, kNumArticles));
  field(!r.IsNull(kLeadSentence) && r.Int(kLeadSentence) < kLeadSentences ? "1" : "0");
  field(IntText(r, kFirstDoc));
  field(Text(r, kDocId));
  field(Text(r, kDocUrl));
  field(Text(r, kDocTitle));
  field(Text(r, kDocSource));
  field(Text(r, kDocLang));
  field(Text(r, kDocDate));
  field(IntText(r, kFirstSentence));
  field(Text(r, kSentenceText));
  field(Text(r, kTriggerText));
  field(Text(r, kSourceText));
  field(Text(r, kTargetText));
  field(Text(r, kRule));
  field(Text(r, kAddedAt));
  *line += "\r\n";
}

// ---------------------------------------------------------------------------
// Quotations

enum QuoteCol {
  kQDoc,
  kQIdx,
  kQSentence,
  kQStart,
  kQEnd,
  kQText,
  kQScare,
  kQCue,
  kQSpeakerName,
  kQSpeakerActor,
  kQSpeakerEntity,
  kQRule,
  kQDocId,
  kQUrl,
  kQDate,
  kQSource,
};

constexpr const char* kQuoteSelect =
    "SELECT q.doc, q.idx, q.sentence, q.start_byte, q.end_byte, q.text, q.scare, q.cue, "
    "q.speaker_name, q.speaker_actor, q.speaker_entity, q.rule, d.doc_id, d.url, d.date, "
    "d.source FROM quotes q JOIN documents d ON d.id = q.doc";

std::string QuoteDocIdentifier(SqlStatement& r) {
  std::string url = Text(r, kQUrl);
  return url.empty() ? Text(r, kQDocId) : url;
}

// One document of the gkg-quotes format, built up quote by quote.
struct GkgDocument {
  int64_t doc = -1;
  std::string date, source, identifier, quotations, speakers;
};

void AppendGkgDocument(const GkgDocument& g, std::string* line) {
  for (const std::string* v : {&g.date, &g.source, &g.identifier, &g.quotations}) {
    AppendTsvField(*v, line);
    line->push_back('\t');
  }
  AppendTsvField(g.speakers, line);
  line->push_back('\n');
}

}  // namespace

bool ParseExportFormat(std::string_view s, ExportFormat* out) {
  for (ExportFormat f : {ExportFormat::kGdelt, ExportFormat::kPlover, ExportFormat::kCsv,
                         ExportFormat::kQuotes, ExportFormat::kGkgQuotes}) {
    if (s == ExportFormatName(f)) {
      *out = f;
      return true;
    }
  }
  return false;
}

std::string_view ExportFormatName(ExportFormat f) {
  switch (f) {
    case ExportFormat::kGdelt:
      return "gdelt";
    case ExportFormat::kPlover:
      return "plover";
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kQuotes:
      return "quotes";
    case ExportFormat::kGkgQuotes:
      return "gkg-quotes";
  }
  return "";
}

bool IsQuoteFormat(ExportFormat f) {
  return f == ExportFormat::kQuotes || f == ExportFormat::kGkgQuotes;
}

const std::array<std::string_view, kGdeltEventColumns>& GdeltEventColumnNames() {
  static const std::array<std::string_view, kGdeltEventColumns> kNames = {
      "GlobalEventID",
      "Day",
      "MonthYear",
      "Year",
      "FractionDate",
      "Actor1Code",
      "Actor1Name",
      "Actor1CountryCode",
      "Actor1KnownGroupCode",
      "Actor1EthnicCode",
      "Actor1Religion1Code",
      "Actor1Religion2Code",
      "Actor1Type1Code",
      "Actor1Type2Code",
      "Actor1Type3Code",
      "Actor2Code",
      "Actor2Name",
      "Actor2CountryCode",
      "Actor2KnownGroupCode",
      "Actor2EthnicCode",
      "Actor2Religion1Code",
      "Actor2Religion2Code",
      "Actor2Type1Code",
      "Actor2Type2Code",
      "Actor2Type3Code",
      "IsRootEvent",
      "EventCode",
      "EventBaseCode",
      "EventRootCode",
      "QuadClass",
      "GoldsteinScale",
      "NumMentions",
      "NumSources",
      "NumArticles",
      "AvgTone",
      "Actor1Geo_Type",
      "Actor1Geo_FullName",
      "Actor1Geo_CountryCode",
      "Actor1Geo_ADM1Code",
      "Actor1Geo_ADM2Code",
      "Actor1Geo_Lat",
      "Actor1Geo_Long",
      "Actor1Geo_FeatureID",
      "Actor2Geo_Type",
      "Actor2Geo_FullName",
      "Actor2Geo_CountryCode",
      "Actor2Geo_ADM1Code",
      "Actor2Geo_ADM2Code",
      "Actor2Geo_Lat",
      "Actor2Geo_Long",
      "Actor2Geo_FeatureID",
      "ActionGeo_Type",
      "ActionGeo_FullName",
      "ActionGeo_CountryCode",
      "ActionGeo_ADM1Code",
      "ActionGeo_ADM2Code",
      "ActionGeo_Lat",
      "ActionGeo_Long",
      "ActionGeo_FeatureID",
      "DATEADDED",
      "SOURCEURL",
  };
  return kNames;
}

GdeltActorAttributes SplitCameoActor(std::string_view code) {
  // CAMEO's sector prefixes (an actor with no country), agent types,
  // religions and regions (data/common/regions.tsv).
  static const std::vector<std::string_view> kSectors = {"IGO", "NGO", "IMG", "MNC"};
  static const std::vector<std::string_view> kTypes = {
      "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF",
      "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB",
      "LEG", "MED", "REF", "MOD", "RAD", "SET", "IGO", "NGO", "IMG", "MNC"};
  static const std::vector<std::string_view> kReligions = {
      "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ",
      "HIN", "HSD", "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG",
      "PRO", "SFI", "SHI", "SHN", "SIK", "SUN", "TAO", "UDX", "ZRO"};
  static const std::vector<std::string_view> kRegions = {
      "WST", "EUR", "EEU", "WEU", "CEU", "BLK", "SCN", "MDT", "CAU",
      "CAS", "ASA", "SAS", "SEA", "EIN", "MEA", "PGS", "ARB", "AFR",
      "NAF", "WAF", "CFR", "EAF", "SAF", "NMR", "LAM", "SAM", "CRB"};
  auto in = [](const std::vector<std::string_view>& set, std::string_view c) {
    return std::find(set.begin(), set.end(), c) != set.end();
  };
  GdeltActorAttributes a;
  auto add_type = [&a](std::string_view c) {
    for (std::string* slot : {&a.type1, &a.type2, &a.type3}) {
      if (slot->empty()) {
        *slot = std::string(c);
        return;
      }
    }
  };
  auto add_religion = [&a](std::string_view c) {
    for (std::string* slot : {&a.religion1, &a.religion2}) {
      if (slot->empty()) {
        *slot = std::string(c);
        return;
      }
    }
  };
  for (size_t i = 0; i < code.size(); i += 3) {
    std::string_view c = code.substr(i, 3);
    if (i == 0) {
      // SHN is both Saint Helena and Shinto: first, it is the country.
      if (in(kSectors, c) || in(kTypes, c)) {
        add_type(c);
      } else if (in(kReligions, c) && c != "SHN") {
        add_religion(c);
      } else {
        a.country = std::string(c);
      }
    } else if (in(kTypes, c)) {
      add_type(c);
    } else if (in(kReligions, c)) {
      add_religion(c);
    } else if (a.country.empty() && in(kRegions, c)) {
      a.country = std::string(c);
    } else if (a.known_group.empty()) {
      a.known_group = std::string(c);
    }
  }
  return a;
}

Result<int64_t> ExportEvents(SqlDatabase& db, const EventFilter& f, const ExportOptions& options,
                             std::ostream& out) {
  if (IsQuoteFormat(options.format)) {
    return Status::InvalidArgument("--format " + std::string(ExportFormatName(options.format)) +
                                   " exports quotations, not events");
  }
  PagedSelect q;
  q.select = kEventSelect;
  CRONISTA_RETURN_IF_ERROR(AppendEventWhere(f, db.dialect(), &q.where, &q.params));
  q.keys = {"e.id"};
  q.limit = f.limit;
  q.offset = f.offset;
  q.batch = options.batch_rows > 0                  ? options.batch_rows
            : db.dialect() == SqlDialect::kPostgres ? 10000
                                                    : 0;
  LineSink sink(out);
  std::string& buf = sink.buffer();
  if (options.format == ExportFormat::kGdelt && options.header) {
    for (std::string_view name : GdeltEventColumnNames()) {
      buf += name;
      buf.push_back('\t');
    }
    buf.back() = '\n';
  } else if (options.format == ExportFormat::kCsv) {
    bool first = true;
    for (const char* name : kCsvColumns) {
      if (!first) buf.push_back(',');
      first = false;
      buf += name;
    }
    buf += "\r\n";
  }
  int64_t rows = 0;
  Status s = RunPaged(db, q, [&](SqlStatement& r, bool*) -> Status {
    switch (options.format) {
      case ExportFormat::kGdelt:
        AppendGdeltRow(r, &buf);
        break;
      case ExportFormat::kPlover:
        AppendPloverRow(r, &buf);
        break;
      default:
        AppendCsvRow(r, &buf);
        break;
    }
    ++rows;
    return sink.MaybeFlush();
  });
  Status flushed = sink.Flush();
  if (!s.ok()) return s;
  if (!flushed.ok()) return flushed;
  return rows;
}

Result<int64_t> ExportQuotes(SqlDatabase& db, const QuoteFilter& f, const ExportOptions& options,
                             std::ostream& out) {
  if (!IsQuoteFormat(options.format)) {
    return Status::InvalidArgument("--format " + std::string(ExportFormatName(options.format)) +
                                   " exports events, not quotations");
  }
  const bool per_doc = options.format == ExportFormat::kGkgQuotes;
  PagedSelect q;
  q.select = kQuoteSelect;
  CRONISTA_RETURN_IF_ERROR(AppendQuoteWhere(f, db.dialect(), &q.where, &q.params));
  q.keys = {"q.doc", "q.idx"};
  // Per document, the limit counts documents: it is applied while writing.
  q.limit = per_doc ? 0 : f.limit;
  q.offset = per_doc ? 0 : f.offset;
  q.batch = options.batch_rows > 0                  ? options.batch_rows
            : db.dialect() == SqlDialect::kPostgres ? 10000
                                                    : 0;
  LineSink sink(out);
  std::string& buf = sink.buffer();
  if (options.header) {
    buf += per_doc
               ? "DATE\tSourceCommonName\tDocumentIdentifier\tQuotations\tSpeakers\n"
               : "DATE\tDocumentIdentifier\tOffset\tLength\tVerb\tQuote\tSpeaker\tSpeakerActor\n";
  }
  int64_t rows = 0;
  int64_t docs_seen = 0;  // gkg-quotes: documents started, offset included
  GkgDocument g;
  auto finish_doc = [&]() {
    if (g.doc < 0) return;
    if (docs_seen > f.offset) {
      AppendGkgDocument(g, &buf);
      ++rows;
    }
    g = GkgDocument();
  };
  bool enough = false;  // gkg-quotes: f.limit documents written
  Status s = RunPaged(db, q, [&](SqlStatement& r, bool* stop) -> Status {
    const int64_t start = r.Int(kQStart);
    const int64_t length = r.Int(kQEnd) - start;
    if (!per_doc) {
      const std::string fields[] = {CompactTimestamp(Text(r, kQDate)),
                                    QuoteDocIdentifier(r),
                                    std::to_string(start),
                                    std::to_string(length),
                                    Text(r, kQCue),
                                    Text(r, kQText),
                                    Text(r, kQSpeakerName),
                                    Text(r, kQSpeakerActor)};
      for (const std::string& v : fields) {
        AppendTsvField(v, &buf);
        buf.push_back('\t');
      }
      buf.back() = '\n';
      ++rows;
      return sink.MaybeFlush();
    }
    const int64_t doc = r.Int(kQDoc);
    if (doc != g.doc) {
      finish_doc();
      CRONISTA_RETURN_IF_ERROR(sink.MaybeFlush());
      if (f.limit > 0 && rows >= f.limit) {
        enough = *stop = true;
        return Status::Ok();
      }
      g.doc = doc;
      ++docs_seen;
      g.date = CompactTimestamp(Text(r, kQDate));
      g.source = Text(r, kQSource);
      g.identifier = QuoteDocIdentifier(r);
    }
    // GKG V2.1 Quotations: Offset|Length|Verb|Quote blocks joined by '#'.
    if (!g.quotations.empty()) g.quotations.push_back('#');
    g.quotations += std::to_string(start) + "|" + std::to_string(length) + "|" +
                    GkgBlockText(Text(r, kQCue)) + "|" + GkgBlockText(Text(r, kQText));
    if (!g.speakers.empty()) g.speakers.push_back('#');
    g.speakers += std::to_string(start) + "|" + GkgBlockText(Text(r, kQSpeakerName)) + "|" +
                  GkgBlockText(Text(r, kQSpeakerActor));
    return Status::Ok();
  });
  if (s.ok() && per_doc && !enough) finish_doc();
  Status flushed = sink.Flush();
  if (!s.ok()) return s;
  if (!flushed.ok()) return flushed;
  return rows;
}

}  // namespace cronista
