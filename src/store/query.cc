#include "store/query.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/dates.h"

namespace cronista {

namespace {

// ---------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01), as stored in `day` columns.

void DaysToCivil(int64_t z, int* year, int* month, int* day) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  *month = m;
  *day = d;
}

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool Digits(std::string_view s, size_t from, size_t n, int* out) {
  if (s.size() < from + n) return false;
  int v = 0;
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// A date as stored or typed: YYYY, YYYY-MM or YYYY-MM-DD, optionally followed
// (stored `time` precision) by a time part. The first and last day of the
// period it names.
struct Period {
  int64_t first = 0, last = 0;
};

bool ParsePeriod(std::string_view s, bool allow_time, Period* out) {
  int y = 0, m = 0, d = 0;
  if (!Digits(s, 0, 4, &y)) return false;
  if (s.size() == 4) {
    *out = {DaysFromCivil(y, 1, 1), DaysFromCivil(y, 12, 31)};
    return true;
  }
  if (s[4] != '-' || !Digits(s, 5, 2, &m) || m < 1 || m > 12) return false;
  if (s.size() == 7) {
    *out = {DaysFromCivil(y, m, 1), DaysFromCivil(y, m, DaysInMonth(y, m))};
    return true;
  }
  if (s.size() < 10 || s[7] != '-' || !Digits(s, 8, 2, &d) || d < 1 || d > DaysInMonth(y, m)) {
    return false;
  }
  if (s.size() > 10 && !(allow_time && s[10] == 'T')) return false;
  int64_t day = DaysFromCivil(y, m, d);
  *out = {day, day};
  return true;
}

Status BadDate(std::string_view what, std::string_view value) {
  return Status::InvalidArgument(std::string(what) + ": '" + std::string(value) +
                                 "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
}

std::string DayLabel(int64_t day) {
  int y = 0, m = 0, d = 0;
  DaysToCivil(day, &y, &m, &d);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Week number w (see kWeekBucket) -> ISO 8601 label "YYYY-Www". The week
// belongs to the year of its Thursday.
std::string WeekLabel(int64_t week) {
  // Its Monday is day week * 7 - 3, its Thursday three days later.
  int64_t thursday = week * 7;
  int y = 0, m = 0, d = 0;
  DaysToCivil(thursday, &y, &m, &d);
  int64_t n = (thursday - DaysFromCivil(y, 1, 1)) / 7 + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", y, static_cast<int>(n));
  return buf;
}

// ---------------------------------------------------------------------------
// SQL text with its parameters, built in order so the `?` and the values
// line up.

struct Sql {
  std::string text;
  std::vector<SqlValue> params;

  Sql& operator<<(std::string_view s) {
    text += s;
    return *this;
  }
  Sql& Param(SqlValue v) {
    text += '?';
    params.push_back(std::move(v));
    return *this;
  }
  Sql& Append(const Sql& o) {
    text += o.text;
    params.insert(params.end(), o.params.begin(), o.params.end());
    return *this;
  }
};

// Conditions joined with AND.
class Conditions {
 public:
  void Add(Sql cond) {
    if (cond.text.empty()) return;
    if (!where_.text.empty()) where_ << " AND ";
    where_ << "(";
    where_.Append(cond);
    where_ << ")";
  }
  bool empty() const { return where_.text.empty(); }
  // " WHERE ..." or "" when there is no condition.
  Sql Where() const {
    Sql out;
    if (!empty()) out << " WHERE ";
    return out.Append(where_);
  }
  // The bare conjunction.
  const Sql& Expr() const { return where_; }
  // " AND ..." after an existing WHERE.
  Sql And() const {
    Sql out;
    if (!empty()) out << " AND ";
    return out.Append(where_);
  }

 private:
  Sql where_;
};

enum class Kind { kInt, kReal, kText };
struct Column {
  const char* name;
  Kind kind;
};

// Runs `q` and reads its rows; the SELECT list matches `columns`.
Result<Table> Fetch(SqlDatabase& db, const Sql& q, const std::vector<Column>& columns) {
  auto st = db.Prepare(q.text);
  if (!st.ok()) return st.status();
  BindParams(**st, q.params);
  Table t;
  for (const Column& c : columns) t.columns.push_back(c.name);
  for (;;) {
    Result<bool> row = (*st)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::vector<SqlValue>& out = t.rows.emplace_back();
    out.reserve(columns.size());
    for (size_t i = 0; i < columns.size(); ++i) {
      int c = static_cast<int>(i);
      if ((*st)->IsNull(c)) {
        out.emplace_back();
      } else if (columns[i].kind == Kind::kInt) {
        out.emplace_back((*st)->Int(c));
      } else if (columns[i].kind == Kind::kReal) {
        out.emplace_back((*st)->Double(c));
      } else {
        out.emplace_back((*st)->Text(c));
      }
    }
  }
  return t;
}

Sql LimitOffset(SqlDialect dialect, int64_t limit, int64_t offset) {
  Sql q;
  if (limit > 0) {
    q << " LIMIT ";
    q.Param(limit);
  } else if (offset > 0 && dialect == SqlDialect::kSqlite) {
    // SQLite has no OFFSET without LIMIT; -1 is its "no limit" (PostgreSQL
    // refuses a negative LIMIT, but takes OFFSET alone).
    q << " LIMIT -1";
  }
  if (offset > 0) {
    q << " OFFSET ";
    q.Param(offset);
  }
  return q;
}

// ---------------------------------------------------------------------------
// Filters.

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The smallest string greater than every string starting with `p`, in an
// alphabet of digits and capital letters (actor and event codes). Stepping
// '9' to 'A' and carrying past 'Z', instead of adding one to the byte, keeps
// the bound right under PostgreSQL's linguistic collations too, which
// ignore punctuation such as ':' and '['. "" when there is none.
std::string Successor(std::string p) {
  while (!p.empty()) {
    unsigned char c = static_cast<unsigned char>(p.back());
    if ((c >= '0' && c < '9') || (c >= 'A' && c < 'Z')) {
      p.back() = static_cast<char>(c + 1);
      return p;
    }
    if (c == '9') {
      p.back() = 'A';
      return p;
    }
    if (c != 'Z' && c != 0xFF) {
      p.back() = static_cast<char>(c + 1);
      return p;
    }
    p.pop_back();
  }
  return p;
}

// `column` starts with `prefix`, as a range the column's index can serve.
Sql PrefixRange(std::string_view column, const std::string& prefix) {
  Sql q;
  if (prefix.empty()) return q;
  q << column << " >= ";
  q.Param(prefix);
  std::string next = Successor(prefix);
  if (!next.empty()) {
    q << " AND " << column << " < ";
    q.Param(next);
  }
  return q;
}

// A code typed by a user: letters and digits only.
Status CheckCode(std::string_view what, std::string_view code) {
  if (code.empty()) return Status::InvalidArgument(std::string(what) + ": empty code");
  for (char c : code) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!ok) {
      return Status::InvalidArgument(std::string(what) + ": '" + std::string(code) +
                                     "' is not a CAMEO code (letters and digits)");
    }
  }
  return Status::Ok();
}

// The full-text expression of the PostgreSQL index (schema.cc), over `d`.
constexpr std::string_view kPgDocVector =
    "to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text)";

// Documents (ids) matching the user's words, as a subquery; the words are
// trimmed and non-empty.
Sql MatchingDocIds(SqlDialect dialect, const std::string& words) {
  Sql q;
  if (dialect == SqlDialect::kSqlite) {
    q << "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ";
    q.Param(ToFts5Query(words));
  } else {
    q << "SELECT d.id FROM documents d WHERE " << kPgDocVector << " @@ to_tsquery('simple', ";
    q.Param(ToTsQuery(words));
    q << ")";
  }
  return q;
}

Status AddDateRange(std::string_view column, const std::string& from, const std::string& to,
                    Conditions* c) {
  if (!from.empty()) {
    Period p;
    if (!ParsePeriod(from, false, &p)) return BadDate("from", from);
    Sql q;
    q << column << " >= ";
    q.Param(p.first);
    c->Add(q);
  }
  if (!to.empty()) {
    Period p;
    if (!ParsePeriod(to, false, &p)) return BadDate("to", to);
    Sql q;
    q << column << " <= ";
    q.Param(p.last);
    c->Add(q);
  }
  return Status::Ok();
}

bool KnownModality(std::string_view m) {
  for (std::string_view k : {"asserted", "negated", "hypothetical", "future", "reported"}) {
    if (m == k) return true;
  }
  return false;
}

// The conditions of an EventFilter over `events e`.
Result<Conditions> EventConditions(SqlDialect dialect, const EventFilter& f) {
  Conditions c;
  if (!f.actors.empty()) {
    Sql any;
    for (size_t i = 0; i < f.actors.size(); ++i) {
      CRONISTA_RETURN_IF_ERROR(CheckCode("actor", f.actors[i]));
      std::string a = Upper(f.actors[i]);
      if (i > 0) any << " OR ";
      any << "(";
      any.Append(PrefixRange("e.source", a));
      any << ") OR (";
      any.Append(PrefixRange("e.target", a));
      any << ")";
    }
    c.Add(any);
  }
  if (!f.source.empty() || !f.target.empty()) {
    if (!f.source.empty()) CRONISTA_RETURN_IF_ERROR(CheckCode("dyad source", f.source));
    if (!f.target.empty()) CRONISTA_RETURN_IF_ERROR(CheckCode("dyad target", f.target));
    std::string s = Upper(f.source), t = Upper(f.target);
    bool sqlite = dialect == SqlDialect::kSqlite;
    auto directed = [sqlite](const std::string& from, const std::string& to) {
      Conditions d;
      d.Add(PrefixRange("e.source", from));
      // With both sides, events_dyad (source, target, day) serves the source
      // range and tests the target in the index before reading the row.
      // SQLite's planner rates events_target (target, day) as good and then
      // reads every row of the target's range, ten times slower on a million
      // events: the unary + keeps the target term off its indexes.
      d.Add(PrefixRange(sqlite && !from.empty() ? "+e.target" : "e.target", to));
      Sql q;
      q << "(";
      q.Append(d.Expr());
      q << ")";
      return q;
    };
    Sql dyad = directed(s, t);
    if (f.undirected && s != t) {
      dyad << " OR ";
      dyad.Append(directed(t, s));
    }
    c.Add(dyad);
  }
  if (!f.codes.empty()) {
    Sql any;
    for (size_t i = 0; i < f.codes.size(); ++i) {
      const std::string& code = f.codes[i];
      bool digits =
          !code.empty() && code.size() <= 4 &&
          std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (!digits) {
        return Status::InvalidArgument("code: '" + code +
                                       "' is not a CAMEO event code (1 to 4 digits)");
      }
      if (i > 0) any << " OR ";
      any << "(";
      any.Append(PrefixRange("e.code", code));
      any << ")";
    }
    c.Add(any);
  }
  if (!f.quads.empty()) {
    Sql in;
    in << "e.quad IN (";
    for (size_t i = 0; i < f.quads.size(); ++i) {
      int quad = f.quads[i];
      if (quad < 1 || quad > 4) {
        return Status::InvalidArgument("quad: " + std::to_string(quad) +
                                       " is not a QuadClass (1 to 4)");
      }
      if (i > 0) in << ", ";
      in.Param(int64_t{quad});
    }
    in << ")";
    c.Add(in);
  }
  if (!f.modalities.empty()) {
    Sql in;
    in << "e.modality IN (";
    for (size_t i = 0; i < f.modalities.size(); ++i) {
      if (!KnownModality(f.modalities[i])) {
        return Status::InvalidArgument(
            "modality: '" + f.modalities[i] +
            "' is not one of asserted, negated, hypothetical, future, reported");
      }
      if (i > 0) in << ", ";
      in.Param(f.modalities[i]);
    }
    in << ")";
    c.Add(in);
  }
  CRONISTA_RETURN_IF_ERROR(AddDateRange("e.day", f.from, f.to, &c));
  // The reporting document: language, words and id must all hold for one
  // and the same report of the event.
  std::string words = Trim(f.text);
  Conditions report;
  if (f.doc != 0) {
    Sql q;
    q << "em.doc = ";
    q.Param(f.doc);
    report.Add(q);
  }
  if (!words.empty()) {
    Sql q;
    q << "em.doc IN (";
    q.Append(MatchingDocIds(dialect, words));
    q << ")";
    report.Add(q);
  }
  if (!f.lang.empty()) {
    Sql q;
    q << "d.lang = ";
    q.Param(f.lang);
    report.Add(q);
  }
  if (!report.empty()) {
    Sql q;
    if (f.doc != 0 || !words.empty()) {
      // The matching reports first: a document id or full text is selective.
      q << "e.id IN (SELECT em.event FROM event_mentions em";
    } else {
      // Correlated: the language is rarely selective, the other filters are.
      q << "EXISTS (SELECT 1 FROM event_mentions em";
    }
    if (!f.lang.empty()) q << " JOIN documents d ON d.id = em.doc";
    q << " WHERE ";
    if (f.doc == 0 && words.empty()) q << "em.event = e.id AND ";
    q.Append(report.Expr());
    q << ")";
    c.Add(q);
  }
  return c;
}

}  // namespace

bool ParseTimeBucket(std::string_view s, TimeBucket* out) {
  if (s == "day") {
    *out = TimeBucket::kDay;
  } else if (s == "week") {
    *out = TimeBucket::kWeek;
  } else if (s == "month") {
    *out = TimeBucket::kMonth;
  } else {
    return false;
  }
  return true;
}

Result<Table> QueryEvents(SqlDatabase& db, const EventFilter& f) {
  auto c = EventConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  // Page first, then fetch the report of only the rows shown. Undated events
  // last in both dialects (SQLite would put NULLs first).
  Sql q;
  q << "SELECT e.id, e.date, e.source, e.target, e.code, e.root, e.quad, e.goldstein, e.plover, "
       "e.modality, e.place_name, e.place_country, e.lat, e.lon, e.num_mentions, e.num_sources, "
       "e.num_articles, s.text, e.first_doc, "
       "(SELECT em.rule FROM event_mentions em WHERE em.doc = e.first_doc AND em.event = e.id "
       "AND em.sentence = e.first_sentence ORDER BY em.idx LIMIT 1) "
       "FROM (SELECT * FROM events e";
  q.Append(c->Where());
  q << " ORDER BY e.day NULLS LAST, e.id";
  q.Append(LimitOffset(db.dialect(), f.limit, f.offset));
  q << ") e LEFT JOIN sentences s ON s.doc = e.first_doc AND s.idx = e.first_sentence "
       "ORDER BY e.day NULLS LAST, e.id";
  return Fetch(
      db, q,
      {{"id", Kind::kInt},          {"date", Kind::kText},        {"source", Kind::kText},
       {"target", Kind::kText},     {"code", Kind::kText},        {"root", Kind::kText},
       {"quad", Kind::kInt},        {"goldstein", Kind::kReal},   {"plover", Kind::kText},
       {"modality", Kind::kText},   {"place", Kind::kText},       {"country", Kind::kText},
       {"lat", Kind::kReal},        {"lon", Kind::kReal},         {"num_mentions", Kind::kInt},
       {"num_sources", Kind::kInt}, {"num_articles", Kind::kInt}, {"sentence", Kind::kText},
       {"doc", Kind::kInt},         {"rule", Kind::kText}});
}

Result<int64_t> CountEvents(SqlDatabase& db, const EventFilter& f) {
  auto c = EventConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  Sql q;
  q << "SELECT COUNT(*) FROM events e";
  q.Append(c->Where());
  auto t = Fetch(db, q, {{"n", Kind::kInt}});
  if (!t.ok()) return t.status();
  return std::get<int64_t>(t->rows.at(0).at(0));
}

Result<Table> EventSeries(SqlDatabase& db, const EventFilter& f, TimeBucket by) {
  auto c = EventConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  // Buckets are computed in SQL on the indexed integer `day`, labelled here.
  // Weeks: day 0 is a Thursday, so (day + 3) counts from a Monday; the floor
  // division is spelled out because both dialects truncate negatives.
  std::string bucket;
  std::string precisions;
  switch (by) {
    case TimeBucket::kDay:
      bucket = "e.day";
      precisions = "'day', 'time'";
      break;
    case TimeBucket::kWeek:
      bucket = "((e.day + 3) - (((e.day + 3) % 7) + 7) % 7) / 7";
      precisions = "'day', 'time'";
      break;
    case TimeBucket::kMonth:
      bucket = "substr(e.date, 1, 7)";
      precisions = "'month', 'day', 'time'";
      break;
  }
  Sql q;
  q << "SELECT " << bucket
    << " AS period, COUNT(*), SUM(e.goldstein), AVG(e.goldstein), "
       "SUM(CASE WHEN e.quad = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN e.quad = 2 THEN 1 ELSE 0 END), "
       "SUM(CASE WHEN e.quad = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN e.quad = 4 THEN 1 ELSE 0 END) "
       "FROM events e WHERE e.day IS NOT NULL AND e.date_precision IN ("
    << precisions << ")";
  q.Append(c->And());
  q << " GROUP BY 1 ORDER BY 1";
  Kind period_kind = by == TimeBucket::kMonth ? Kind::kText : Kind::kInt;
  auto t = Fetch(db, q,
                 {{"period", period_kind},
                  {"events", Kind::kInt},
                  {"goldstein_sum", Kind::kReal},
                  {"goldstein_mean", Kind::kReal},
                  {"quad1", Kind::kInt},
                  {"quad2", Kind::kInt},
                  {"quad3", Kind::kInt},
                  {"quad4", Kind::kInt}});
  if (!t.ok()) return t;
  for (auto& row : t->rows) {
    if (const auto* n = std::get_if<int64_t>(&row[0])) {
      row[0] = by == TimeBucket::kDay ? DayLabel(*n) : WeekLabel(*n);
    }
  }
  return t;
}

Result<Table> TopActors(SqlDatabase& db, const EventFilter& f, int n, bool country_level) {
  auto c = EventConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  std::string src = country_level ? "substr(e.source, 1, 3)" : "e.source";
  std::string tgt = country_level ? "substr(e.target, 1, 3)" : "e.target";
  // One row per (event, actor): the source's, and the target's unless it is
  // the same actor (RUSGOV -> RUSMIL at country level), so `events` counts
  // each event once per actor.
  Sql q;
  q << "SELECT actor, COUNT(*), SUM(s), SUM(t), AVG(g) FROM (SELECT " << src
    << " AS actor, 1 AS s, CASE WHEN " << tgt << " = " << src
    << " THEN 1 ELSE 0 END AS t, e.goldstein AS g FROM events e WHERE e.source <> ''";
  q.Append(c->And());
  q << " UNION ALL SELECT " << tgt << ", 0, 1, e.goldstein FROM events e WHERE e.target <> '' AND "
    << tgt << " <> " << src;
  q.Append(c->And());
  q << ") a GROUP BY actor ORDER BY 2 DESC, actor";
  q.Append(LimitOffset(db.dialect(), n, 0));
  return Fetch(db, q,
               {{"actor", Kind::kText},
                {"events", Kind::kInt},
                {"as_source", Kind::kInt},
                {"as_target", Kind::kInt},
                {"goldstein_mean", Kind::kReal}});
}

Result<Table> TopDyads(SqlDatabase& db, const EventFilter& f, int n, bool country_level) {
  auto c = EventConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  // Grouping by an expression rather than the bare columns: SQLite would
  // otherwise walk events_dyad in order to skip the sort, reading the rows
  // in random order, three times slower than a scan over many events.
  std::string src = country_level ? "substr(e.source, 1, 3)" : "e.source || ''";
  std::string tgt = country_level ? "substr(e.target, 1, 3)" : "e.target || ''";
  Sql q;
  q << "SELECT " << src << ", " << tgt
    << ", COUNT(*), SUM(CASE WHEN e.quad IN (1, 2) THEN 1 ELSE 0 END), "
       "SUM(CASE WHEN e.quad IN (3, 4) THEN 1 ELSE 0 END), AVG(e.goldstein) "
       "FROM events e WHERE e.source <> '' AND e.target <> ''";
  q.Append(c->And());
  q << " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";
  q.Append(LimitOffset(db.dialect(), n, 0));
  return Fetch(db, q,
               {{"source", Kind::kText},
                {"target", Kind::kText},
                {"events", Kind::kInt},
                {"cooperation", Kind::kInt},
                {"conflict", Kind::kInt},
                {"goldstein_mean", Kind::kReal}});
}

namespace {

// The conditions of a QuoteFilter over `quotes q JOIN documents d`.
Result<Conditions> QuoteConditions(SqlDialect dialect, const QuoteFilter& f) {
  Conditions c;
  if (!f.with_scare) c.Add(Sql() << "q.scare = 0");
  std::string speaker = Trim(f.speaker);
  if (!speaker.empty()) {
    // instr/strpos rather than LIKE: no wildcard in the user's text to
    // escape. lower() on both sides, so each backend folds alike.
    std::string_view find = dialect == SqlDialect::kSqlite ? "instr" : "strpos";
    Sql q;
    q << "(";
    q.Append(PrefixRange("q.speaker_actor", Upper(speaker)));
    q << ") OR " << find << "(lower(q.speaker_name), lower(CAST(";
    q.Param(speaker);
    q << " AS TEXT))) > 0 OR " << find << "(lower(q.speaker_entity), lower(CAST(";
    q.Param(speaker);
    q << " AS TEXT))) > 0";
    c.Add(q);
  }
  CRONISTA_RETURN_IF_ERROR(AddDateRange("d.day", f.from, f.to, &c));
  std::string words = Trim(f.text);
  if (!words.empty()) {
    Sql q;
    q << "q.doc IN (";
    q.Append(MatchingDocIds(dialect, words));
    q << ")";
    c.Add(q);
  }
  return c;
}

}  // namespace

void BindParams(SqlStatement& st, const std::vector<SqlValue>& params) {
  for (size_t i = 0; i < params.size(); ++i) {
    int n = static_cast<int>(i + 1);
    const SqlValue& v = params[i];
    if (const auto* x = std::get_if<int64_t>(&v)) {
      st.Bind(n, *x);
    } else if (const auto* d = std::get_if<double>(&v)) {
      st.Bind(n, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      st.Bind(n, std::string_view(*s));
    } else {
      st.BindNull(n);
    }
  }
}

namespace {

// The whitespace-separated terms of a free-text query; `prefix` for a term
// ending in '*' (the '*' removed).
struct Term {
  std::string_view text;
  bool prefix;
};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<Term> Terms(std::string_view text) {
  std::vector<Term> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    std::string_view term = text.substr(start, i - start);
    if (term.empty()) continue;
    bool prefix = term.size() > 1 && term.back() == '*';
    if (prefix) term.remove_suffix(1);
    out.push_back({term, prefix});
  }
  return out;
}

}  // namespace

std::string ToFts5Query(std::string_view text) {
  std::string out;
  for (const Term& t : Terms(text)) {
    if (!out.empty()) out.push_back(' ');
    out.push_back('"');
    for (char c : t.text) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
    if (t.prefix) out.push_back('*');
  }
  return out;
}

std::string ToTsQuery(std::string_view text) {
  std::string out;
  for (const Term& t : Terms(text)) {
    if (!out.empty()) out += " & ";
    out.push_back('\'');
    for (char c : t.text) {
      if (c == '\'' || c == '\\') out.push_back(c);
      out.push_back(c);
    }
    out.push_back('\'');
    if (t.prefix) out += ":*";
  }
  return out;
}

bool ParseDatePeriod(std::string_view s, int64_t* first, int64_t* last) {
  Period p;
  if (!ParsePeriod(s, false, &p)) return false;
  *first = p.first;
  *last = p.last;
  return true;
}

void DayToCivil(int64_t day, int* year, int* month, int* d) { DaysToCivil(day, year, month, d); }

Status AppendEventWhere(const EventFilter& f, SqlDialect dialect, std::string* sql,
                        std::vector<SqlValue>* params) {
  auto c = EventConditions(dialect, f);
  if (!c.ok()) return c.status();
  Sql where = c->Where();
  *sql += where.text;
  params->insert(params->end(), where.params.begin(), where.params.end());
  return Status::Ok();
}

Status AppendQuoteWhere(const QuoteFilter& f, SqlDialect dialect, std::string* sql,
                        std::vector<SqlValue>* params) {
  auto c = QuoteConditions(dialect, f);
  if (!c.ok()) return c.status();
  Sql where = c->Where();
  *sql += where.text;
  params->insert(params->end(), where.params.begin(), where.params.end());
  return Status::Ok();
}

Result<Table> QueryQuotes(SqlDatabase& db, const QuoteFilter& f) {
  auto c = QuoteConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  Sql q;
  q << "SELECT q.speaker_actor, q.speaker_name, q.text, q.scare, d.date, q.doc, d.title, s.text "
       ", q.rule FROM quotes q JOIN documents d ON d.id = q.doc "
       "LEFT JOIN sentences s ON s.doc = q.doc AND s.idx = q.sentence";
  q.Append(c->Where());
  q << " ORDER BY d.day NULLS LAST, q.doc, q.idx";
  q.Append(LimitOffset(db.dialect(), f.limit, f.offset));
  return Fetch(db, q,
               {{"speaker_actor", Kind::kText},
                {"speaker_name", Kind::kText},
                {"text", Kind::kText},
                {"scare", Kind::kInt},
                {"date", Kind::kText},
                {"doc", Kind::kInt},
                {"doc_title", Kind::kText},
                {"sentence", Kind::kText},
                {"rule", Kind::kText}});
}

Result<Table> QuoteSpeakers(SqlDatabase& db, const QuoteFilter& f, int n) {
  auto c = QuoteConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  // A speaker is its entity when known, else its name as written; the name
  // shown is the longest-sorting form, e.g. "Vladimir Putin" over "Putin".
  Sql q;
  q << "SELECT MAX(q.speaker_actor), MAX(q.speaker_name), COUNT(*) "
       "FROM quotes q JOIN documents d ON d.id = q.doc "
       "WHERE COALESCE(NULLIF(q.speaker_entity, ''), NULLIF(q.speaker_name, '')) IS NOT NULL";
  q.Append(c->And());
  q << " GROUP BY COALESCE(NULLIF(q.speaker_entity, ''), NULLIF(q.speaker_name, '')), "
       "COALESCE(q.speaker_actor, '') ORDER BY 3 DESC, 2, 1";
  q.Append(LimitOffset(db.dialect(), n, 0));
  return Fetch(
      db, q,
      {{"speaker_actor", Kind::kText}, {"speaker_name", Kind::kText}, {"quotes", Kind::kInt}});
}

namespace {

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string JoinSpaces(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

// Commitment parties are country-level codes (IGOs keep their whole code):
// "PRK" asks for PRK, "IGO" for every IGO, and "PRKGOV" for PRK.
bool PartyMatches(const std::string& party, const std::string& asked) {
  if (party.compare(0, asked.size(), asked) == 0) return true;
  return asked.size() > 3 && party == asked.substr(0, 3);
}

Sql PartyCondition(const std::string& asked) {
  Sql q;
  q << "EXISTS (SELECT 1 FROM commitment_parties cp WHERE cp.doc = c.doc AND cp.idx = c.idx "
       "AND ((";
  q.Append(PrefixRange("cp.party", asked));
  q << ")";
  if (asked.size() > 3) {
    q << " OR cp.party = ";
    q.Param(asked.substr(0, 3));
  }
  q << "))";
  return q;
}

struct CommitmentRow {
  int64_t doc = 0, idx = 0;
  std::string type, condition, parties, date, sentence;
  bool mutual = false;
  int64_t day = 0;
};

struct CommitmentGroup {
  std::string committed, parties, type, condition, date, sentence;
  bool mutual = false;
  int64_t day = 0, first_doc = 0;
  std::set<int64_t> docs;
};

}  // namespace

Result<Table> CommitmentsInForce(SqlDatabase& db, const CommitmentFilter& f) {
  Conditions c;
  Period on;
  bool has_on = !Trim(f.on).empty();
  if (has_on) {
    if (!ParsePeriod(Trim(f.on), false, &on)) return BadDate("on", f.on);
    // Signed on or before the day asked: a date known only to the month or
    // year counts from the end of that period (certainly signed by then).
    // The index-friendly half here, the period's end below.
    Sql q;
    q << "c.day IS NOT NULL AND c.day <= ";
    q.Param(on.last);
    c.Add(q);
  }
  std::string type = Trim(f.type);
  std::string defend = Upper(Trim(f.defend));
  std::string party = Upper(Trim(f.party));
  if (!defend.empty()) {
    CRONISTA_RETURN_IF_ERROR(CheckCode("defend", defend));
    if (!type.empty() && type != "defence") {
      return Status::InvalidArgument("a commitment to defend is of type 'defence', not '" + type +
                                     "'");
    }
    type = "defence";
    c.Add(PartyCondition(defend));
  }
  if (!party.empty()) {
    CRONISTA_RETURN_IF_ERROR(CheckCode("party", party));
    c.Add(PartyCondition(party));
  }
  if (!type.empty()) {
    Sql q;
    q << "c.type = ";
    q.Param(type);
    c.Add(q);
  }
  Sql q;
  q << "SELECT c.doc, c.idx, c.type, c.condition_text, c.mutual, c.parties, c.date, c.day, "
       "s.text FROM commitments c "
       "LEFT JOIN sentences s ON s.doc = c.doc AND s.idx = c.sentence";
  q.Append(c.Where());
  q << " ORDER BY c.day NULLS LAST, c.doc, c.idx";
  auto rows = Fetch(db, q,
                    {{"doc", Kind::kInt},
                     {"idx", Kind::kInt},
                     {"type", Kind::kText},
                     {"condition", Kind::kText},
                     {"mutual", Kind::kInt},
                     {"parties", Kind::kText},
                     {"date", Kind::kText},
                     {"day", Kind::kInt},
                     {"sentence", Kind::kText}});
  if (!rows.ok()) return rows.status();

  auto text = [](const SqlValue& v) {
    const auto* s = std::get_if<std::string>(&v);
    return s ? *s : std::string();
  };
  auto integer = [](const SqlValue& v) {
    const auto* i = std::get_if<int64_t>(&v);
    return i ? *i : int64_t{0};
  };
  // One group per commitment, however many articles reported it: the same
  // bound parties, the same parties (in any order, the obligor first when
  // one-sided), type and mutuality.
  std::map<std::string, CommitmentGroup> groups;
  std::vector<std::string> order;
  for (const auto& r : rows->rows) {
    CommitmentRow row;
    row.doc = integer(r[0]);
    row.idx = integer(r[1]);
    row.type = text(r[2]);
    row.condition = text(r[3]);
    row.mutual = integer(r[4]) != 0;
    row.parties = text(r[5]);
    row.date = text(r[6]);
    row.day = integer(r[7]);
    row.sentence = text(r[8]);
    if (has_on) {
      Period p;
      if (!ParsePeriod(row.date, true, &p) || p.last > on.last) continue;
    }
    std::vector<std::string> parties = SplitSpaces(row.parties);
    if (parties.empty()) continue;
    // Who is bound: every party of a mutual commitment, the first (the
    // obligor) of a one-sided one.
    std::vector<std::string> bound =
        row.mutual ? parties : std::vector<std::string>{parties.front()};
    std::vector<std::string> committed;
    if (!defend.empty()) {
      // Defended: every party of a mutual commitment, the others of a
      // one-sided one. The defenders are the bound parties other than the
      // one defended.
      bool defended = false;
      for (size_t i = row.mutual ? 0 : 1; i < parties.size(); ++i) {
        defended = defended || PartyMatches(parties[i], defend);
      }
      if (!defended) continue;
      for (const std::string& b : bound) {
        if (!PartyMatches(b, defend)) committed.push_back(b);
      }
    } else {
      committed = bound;
    }
    if (!party.empty() && std::none_of(bound.begin(), bound.end(), [&](const std::string& b) {
          return PartyMatches(b, party);
        })) {
      continue;
    }
    if (committed.empty()) continue;
    std::sort(committed.begin(), committed.end());
    std::vector<std::string> canonical = parties;
    std::sort(canonical.begin() + (row.mutual ? 0 : 1), canonical.end());
    std::string key = JoinSpaces(committed) + "|" + JoinSpaces(canonical) + "|" + row.type + "|" +
                      (row.mutual ? "1" : "0");
    auto [it, added] = groups.try_emplace(key);
    CommitmentGroup& g = it->second;
    if (added) {
      // Rows come earliest first: this one gives the date and first report.
      order.push_back(key);
      g.committed = JoinSpaces(committed);
      g.parties = row.parties;
      g.type = row.type;
      g.mutual = row.mutual;
      g.date = row.date;
      g.day = row.day;
      g.first_doc = row.doc;
      g.sentence = row.sentence;
    } else if (row.date.size() > g.date.size() && !g.date.empty() &&
               row.date.compare(0, g.date.size(), g.date) == 0) {
      // A more precise date inside the earliest one ("2024-06-19" in
      // "2024-06") is the same signing, better known.
      g.parties = row.parties;
      g.date = row.date;
      g.day = row.day;
      g.first_doc = row.doc;
      g.sentence = row.sentence;
    }
    if (g.condition.empty()) g.condition = row.condition;
    g.docs.insert(row.doc);
  }
  Table t;
  t.columns = {"committed", "parties",      "type",      "condition", "mutual",
               "date",      "num_articles", "first_doc", "sentence"};
  for (const std::string& key : order) {
    const CommitmentGroup& g = groups[key];
    auto opt = [](const std::string& s) { return s.empty() ? SqlValue() : SqlValue(s); };
    t.rows.push_back({g.committed, g.parties, g.type, opt(g.condition), int64_t{g.mutual},
                      opt(g.date), static_cast<int64_t>(g.docs.size()), g.first_doc,
                      opt(g.sentence)});
  }
  return t;
}

namespace {

// Text on one line (runs of white space as one space), at most `max` code
// points, the last being "…" when it was cut.
std::string OneLine(std::string_view s, size_t max) {
  std::string out;
  size_t points = 0;
  size_t cut = std::string::npos;  // where the first max - 1 code points end
  bool space = false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v') {
      space = !out.empty();
      continue;
    }
    if (space) {
      if (++points == max) cut = out.size();
      out += ' ';
      space = false;
    }
    if ((c & 0xC0) != 0x80 && ++points == max) cut = out.size();
    out += ch;
  }
  if (points > max) {
    out.resize(cut);
    out += "\u2026";
  }
  return out;
}

}  // namespace

Result<Table> SearchDocuments(SqlDatabase& db, const std::string& text, int64_t limit,
                              int64_t offset) {
  const std::vector<Column> columns = {{"id", Kind::kInt},       {"doc_id", Kind::kText},
                                       {"title", Kind::kText},   {"date", Kind::kText},
                                       {"lang", Kind::kText},    {"source", Kind::kText},
                                       {"url", Kind::kText},     {"n_events", Kind::kInt},
                                       {"n_quotes", Kind::kInt}, {"snippet", Kind::kText}};
  const std::string kFields =
      "d.id, d.doc_id, d.title, d.date, d.lang, d.source, d.url, d.n_events, d.n_quotes";
  const std::string kOrder = " ORDER BY d.day DESC NULLS LAST, d.id DESC";
  std::string words = Trim(text);
  Sql q;
  if (words.empty()) {
    q << "SELECT " << kFields << ", substr(d.text, 1, 200) FROM documents d" << kOrder;
    q.Append(LimitOffset(db.dialect(), limit, offset));
  } else if (db.dialect() == SqlDialect::kSqlite) {
    q << "SELECT " << kFields
      << ", snippet(documents_fts, -1, '[', ']', '\u2026', 16) FROM documents_fts "
         "JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH ";
    q.Param(ToFts5Query(words));
    q << kOrder;
    q.Append(LimitOffset(db.dialect(), limit, offset));
  } else {
    // The headline only for the page shown: it re-parses the whole text.
    q << "SELECT " << kFields << ", ts_headline('simple', d.text, to_tsquery('simple', ";
    q.Param(ToTsQuery(words));
    q << "), 'StartSel=[, StopSel=], MaxWords=16, MinWords=8') FROM (SELECT * FROM documents d "
         "WHERE "
      << kPgDocVector << " @@ to_tsquery('simple', ";
    q.Param(ToTsQuery(words));
    q << ")" << kOrder;
    q.Append(LimitOffset(db.dialect(), limit, offset));
    q << ") d" << kOrder;
  }
  auto t = Fetch(db, q, columns);
  if (!t.ok()) return t;
  for (auto& row : t->rows) {
    if (auto* s = std::get_if<std::string>(&row.back())) *s = OneLine(*s, 160);
  }
  return t;
}

// ---------------------------------------------------------------------------
// Queries for the HTTP API.

namespace {

Result<int64_t> Count(SqlDatabase& db, const Sql& q) {
  auto t = Fetch(db, q, {{"n", Kind::kInt}});
  if (!t.ok()) return t.status();
  if (t->rows.empty() || !std::holds_alternative<int64_t>(t->rows[0][0])) return int64_t{0};
  return std::get<int64_t>(t->rows[0][0]);
}

}  // namespace

Result<Table> EventPlaces(SqlDatabase& db, const EventFilter& f, int n) {
  auto c = EventConditions(db.dialect(), f);
  if (!c.ok()) return c.status();
  // A place is its gazetteer id; its name, country, kind and coordinates are
  // the same on every event placed there.
  Sql q;
  q << "SELECT e.place_id, MAX(e.place_name), MAX(e.place_country), MAX(e.place_kind), "
       "MAX(e.lat), MAX(e.lon), COUNT(*), AVG(e.goldstein) FROM events e "
       "WHERE e.place_id <> '' AND e.lat IS NOT NULL AND e.lon IS NOT NULL";
  q.Append(c->And());
  q << " GROUP BY e.place_id ORDER BY 7 DESC, 1";
  q.Append(LimitOffset(db.dialect(), n, 0));
  return Fetch(db, q,
               {{"place_id", Kind::kText},
                {"name", Kind::kText},
                {"country", Kind::kText},
                {"kind", Kind::kText},
                {"lat", Kind::kReal},
                {"lon", Kind::kReal},
                {"events", Kind::kInt},
                {"goldstein_mean", Kind::kReal}});
}

Result<int64_t> CountDocuments(SqlDatabase& db, const std::string& text) {
  std::string words = Trim(text);
  Sql q;
  if (words.empty()) {
    q << "SELECT COUNT(*) FROM documents";
  } else {
    q << "SELECT COUNT(*) FROM (";
    q.Append(MatchingDocIds(db.dialect(), words));
    q << ") m";
  }
  return Count(db, q);
}

Result<DatabaseSummary> Summarize(SqlDatabase& db) {
  DatabaseSummary s;
  auto docs = Count(db, Sql() << "SELECT COUNT(*) FROM documents");
  if (!docs.ok()) return docs.status();
  auto events = Count(db, Sql() << "SELECT COUNT(*) FROM events");
  if (!events.ok()) return events.status();
  s.documents = *docs;
  s.events = *events;
  return s;
}

Result<DocumentRecord> FetchDocument(SqlDatabase& db, int64_t id) {
  DocumentRecord r;
  struct Part {
    Table* out;
    std::string sql;
    std::vector<Column> columns;
  };
  const std::vector<Part> parts = {
      {&r.document,
       "SELECT id, doc_id, title, url, source, date, lang, text FROM documents WHERE id = ?",
       {{"id", Kind::kInt},
        {"doc_id", Kind::kText},
        {"title", Kind::kText},
        {"url", Kind::kText},
        {"source", Kind::kText},
        {"date", Kind::kText},
        {"lang", Kind::kText},
        {"text", Kind::kText}}},
      {&r.sentences,
       "SELECT idx, start_byte, end_byte FROM sentences WHERE doc = ? ORDER BY idx",
       {{"idx", Kind::kInt}, {"start", Kind::kInt}, {"end", Kind::kInt}}},
      {&r.mentions,
       "SELECT m.idx, m.start_byte, m.end_byte, m.text, m.kind, m.actor, en.entity_id, m.rule "
       "FROM mentions m LEFT JOIN entities en ON en.doc = m.doc AND en.idx = m.entity "
       "WHERE m.doc = ? ORDER BY m.idx",
       {{"idx", Kind::kInt},
        {"start", Kind::kInt},
        {"end", Kind::kInt},
        {"text", Kind::kText},
        {"kind", Kind::kText},
        {"actor", Kind::kText},
        {"entity_id", Kind::kText},
        {"rule", Kind::kText}}},
      {&r.events,
       "SELECT em.idx, em.event, em.trigger_start, em.trigger_end, em.trigger_text, e.code, "
       "e.root, e.quad, e.goldstein, e.plover, em.modality, em.background, e.source, e.target, "
       "e.date, e.place_name, em.rule, em.sentence FROM event_mentions em "
       "JOIN events e ON e.id = em.event WHERE em.doc = ? ORDER BY em.idx",
       {{"idx", Kind::kInt},
        {"event", Kind::kInt},
        {"start", Kind::kInt},
        {"end", Kind::kInt},
        {"trigger", Kind::kText},
        {"code", Kind::kText},
        {"root", Kind::kText},
        {"quad", Kind::kInt},
        {"goldstein", Kind::kReal},
        {"plover", Kind::kText},
        {"modality", Kind::kText},
        {"background", Kind::kInt},
        {"source", Kind::kText},
        {"target", Kind::kText},
        {"date", Kind::kText},
        {"place", Kind::kText},
        {"rule", Kind::kText},
        {"sentence", Kind::kInt}}},
      {&r.quotes,
       "SELECT idx, start_byte, end_byte, text, scare, speaker_name, speaker_actor, cue, rule "
       "FROM quotes WHERE doc = ? ORDER BY idx",
       {{"idx", Kind::kInt},
        {"start", Kind::kInt},
        {"end", Kind::kInt},
        {"text", Kind::kText},
        {"scare", Kind::kInt},
        {"speaker_name", Kind::kText},
        {"speaker_actor", Kind::kText},
        {"cue", Kind::kText},
        {"rule", Kind::kText}}},
      {&r.places,
       "SELECT idx, start_byte, end_byte, name, place_id, country, lat, lon FROM places "
       "WHERE doc = ? ORDER BY idx",
       {{"idx", Kind::kInt},
        {"start", Kind::kInt},
        {"end", Kind::kInt},
        {"name", Kind::kText},
        {"place_id", Kind::kText},
        {"country", Kind::kText},
        {"lat", Kind::kReal},
        {"lon", Kind::kReal}}},
      {&r.times,
       "SELECT idx, start_byte, end_byte, type, value FROM times WHERE doc = ? ORDER BY idx",
       {{"idx", Kind::kInt},
        {"start", Kind::kInt},
        {"end", Kind::kInt},
        {"type", Kind::kText},
        {"value", Kind::kText}}},
      {&r.commitments,
       "SELECT idx, type, parties, condition_text, mutual, date, sentence FROM commitments "
       "WHERE doc = ? ORDER BY idx",
       {{"idx", Kind::kInt},
        {"type", Kind::kText},
        {"parties", Kind::kText},
        {"condition", Kind::kText},
        {"mutual", Kind::kInt},
        {"date", Kind::kText},
        {"sentence", Kind::kInt}}},
  };
  for (const Part& p : parts) {
    // Each query has one parameter: the document.
    Sql q;
    q << p.sql;
    q.params.emplace_back(std::in_place_type<int64_t>, id);
    auto t = Fetch(db, q, p.columns);
    if (!t.ok()) return t.status();
    *p.out = std::move(*t);
    if (p.out == &r.document && r.document.rows.empty()) {
      return Status::NotFound("no document " + std::to_string(id));
    }
  }
  return r;
}

// ---------------------------------------------------------------------------
// Formatting.

bool ParseTableFormat(std::string_view s, TableFormat* out) {
  if (s == "table") {
    *out = TableFormat::kTable;
  } else if (s == "csv") {
    *out = TableFormat::kCsv;
  } else if (s == "json") {
    *out = TableFormat::kJson;
  } else if (s == "jsonl") {
    *out = TableFormat::kJsonl;
  } else {
    return false;
  }
  return true;
}

namespace {

// The shortest text that reads back as the same double, with a decimal point
// so it still reads as a real ("-2.0").
std::string FullDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

// Two decimals at most, for people: 8.0, -2.33, 39.02.
std::string ShortDouble(double v) {
  if (!std::isfinite(v)) return FullDouble(v);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  if (s == "-0.0") s = "0.0";
  return s;
}

std::string CellText(const SqlValue& v, bool full) {
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return full ? FullDouble(*d) : ShortDouble(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return "";
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

nlohmann::ordered_json RowObject(const Table& t, const std::vector<SqlValue>& row) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const SqlValue& v = i < row.size() ? row[i] : SqlValue();
    nlohmann::ordered_json& cell = o[t.columns[i]];
    if (const auto* n = std::get_if<int64_t>(&v)) {
      cell = *n;
    } else if (const auto* d = std::get_if<double>(&v)) {
      // JSON has no NaN or infinity.
      cell = std::isfinite(*d) ? nlohmann::ordered_json(*d) : nlohmann::ordered_json();
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      cell = *s;
    }
  }
  return o;
}

std::string Dump(const nlohmann::ordered_json& j) {
  // Invalid UTF-8 from a database is replaced (U+FFFD), not an exception.
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

constexpr size_t kMaxCell = 60;

}  // namespace

std::string FormatTable(const Table& t, TableFormat format) {
  std::string out;
  switch (format) {
    case TableFormat::kCsv: {
      // RFC 4180: CRLF line ends, fields with a comma, quote or line break
      // quoted, quotes doubled.
      for (size_t i = 0; i < t.columns.size(); ++i) {
        if (i > 0) out += ',';
        out += CsvField(t.columns[i]);
      }
      out += "\r\n";
      for (const auto& row : t.rows) {
        for (size_t i = 0; i < t.columns.size(); ++i) {
          if (i > 0) out += ',';
          if (i < row.size()) out += CsvField(CellText(row[i], true));
        }
        out += "\r\n";
      }
      return out;
    }
    case TableFormat::kJson: {
      if (t.rows.empty()) return "[]\n";
      out = "[\n";
      for (size_t r = 0; r < t.rows.size(); ++r) {
        out += Dump(RowObject(t, t.rows[r]));
        out += r + 1 < t.rows.size() ? ",\n" : "\n";
      }
      out += "]\n";
      return out;
    }
    case TableFormat::kJsonl: {
      for (const auto& row : t.rows) {
        out += Dump(RowObject(t, row));
        out += '\n';
      }
      return out;
    }
    case TableFormat::kTable:
      break;
  }
  // Aligned columns, two spaces apart; numbers right-aligned. Widths count
  // code points; long text is cut so that a row stays on one line.
  size_t ncol = t.columns.size();
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(ncol, 0);
  std::vector<bool> numeric(ncol, false);
  for (size_t i = 0; i < ncol; ++i) width[i] = CodePoints(t.columns[i]);
  for (const auto& row : t.rows) {
    auto& line = cells.emplace_back();
    for (size_t i = 0; i < ncol; ++i) {
      const SqlValue& v = i < row.size() ? row[i] : SqlValue();
      if (std::holds_alternative<int64_t>(v) || std::holds_alternative<double>(v)) {
        numeric[i] = true;
      }
      line.push_back(OneLine(CellText(v, false), kMaxCell));
      width[i] = std::max(width[i], CodePoints(line.back()));
    }
  }
  auto emit = [&](const std::vector<std::string>& line) {
    std::string l;
    for (size_t i = 0; i < ncol; ++i) {
      if (i > 0) l += "  ";
      size_t pad = width[i] - CodePoints(line[i]);
      bool right = numeric[i];
      if (right) l.append(pad, ' ');
      l += line[i];
      if (!right) l.append(pad, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l;
    out += '\n';
  };
  std::vector<std::string> head, rule;
  for (size_t i = 0; i < ncol; ++i) {
    head.push_back(t.columns[i]);
    rule.push_back(std::string(width[i], '-'));
  }
  emit(head);
  emit(rule);
  for (const auto& line : cells) emit(line);
  return out;
}

}  // namespace cronista
