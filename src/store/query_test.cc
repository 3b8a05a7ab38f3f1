// The analyst's queries (query.h) over a small database built here with plain
// INSERTs, on SQLite and, when a test server is configured, on PostgreSQL:
// both backends must give exactly the same answers.
#include "store/query.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pg_test_db.h"
#include "store/schema.h"
#include "store/sql.h"

namespace cronista {
namespace {

using Ids = std::vector<int64_t>;
using Row = std::vector<SqlValue>;

enum class Backend { kSqlite, kPostgres };

std::string BackendName(const testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

SqlValue Null() { return SqlValue(); }
SqlValue I(int64_t v) { return SqlValue(v); }
SqlValue D(double v) { return SqlValue(v); }
SqlValue S(const char* v) { return SqlValue(std::string(v)); }
// Text or NULL for nullptr.
SqlValue T(const char* v) { return v == nullptr ? SqlValue() : SqlValue(std::string(v)); }

// An event row, with the few columns the tests vary.
struct Ev {
  int64_t id;
  const char* source;
  const char* target;
  const char* code;
  int quad;
  double goldstein;
  const char* modality;
  const char* date;       // nullptr: undated
  const char* precision;  // none, year, month, day, time
  int64_t day;            // ignored when undated
  int64_t doc;
  int64_t sentence;
};

// Days since 1970-01-01, written out so the fixture does not trust the code
// under test.
constexpr int64_t kDay19691228 = -4;
constexpr int64_t kDay19691231 = -1;
constexpr int64_t kDay20200101 = 18262;
constexpr int64_t kDay20201231 = 18627;
constexpr int64_t kDay20210101 = 18628;
constexpr int64_t kDay20231231 = 19722;
constexpr int64_t kDay20240101 = 19723;
constexpr int64_t kDay20240601 = 19875;
constexpr int64_t kDay20240619 = 19893;
constexpr int64_t kDay20241230 = 20087;

class QueryTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres) {
      pg_ = std::make_unique<ScratchPostgresDb>();
      if (pg_->skipped()) GTEST_SKIP() << pg_->skip_reason();
      ASSERT_TRUE(pg_->status().ok()) << pg_->status().ToString();
      target_ = pg_->url();
    } else {
      static std::atomic<int> counter{0};
      dir_ = std::filesystem::temp_directory_path() /
             ("cronista-query-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      target_ = (dir_ / "q.db").string();
    }
    auto db = OpenSqlDatabase(target_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    ASSERT_TRUE(MigrateSchema(*db_).ok());
    BuildFixture();
  }

  void TearDown() override {
    db_.reset();
    pg_.reset();
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
  }

  bool sqlite() const { return GetParam() == Backend::kSqlite; }

  void Run(const std::string& sql, const std::vector<SqlValue>& params) {
    auto st = db_->Prepare(sql);
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    for (size_t i = 0; i < params.size(); ++i) {
      int n = static_cast<int>(i + 1);
      const SqlValue& v = params[i];
      if (const auto* x = std::get_if<int64_t>(&v)) {
        (*st)->Bind(n, *x);
      } else if (const auto* d = std::get_if<double>(&v)) {
        (*st)->Bind(n, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        (*st)->Bind(n, *s);
      } else {
        (*st)->BindNull(n);
      }
    }
    Status s = (*st)->Run();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  void Doc(int64_t id, const char* title, const char* date, const char* precision, SqlValue day,
           const char* lang, const std::vector<const char*>& sentences) {
    std::string text;
    for (const char* s : sentences) {
      if (!text.empty()) text += ' ';
      text += s;
    }
    Run("INSERT INTO documents (id, hash, doc_id, origin, url, title, source, source_key, "
        "section, lang, lang_confidence, date, date_precision, day, text, n_sentences, "
        "n_mentions, n_events, n_quotes, n_commitments, warnings, ingested_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, 1.0, ?, ?, ?, ?, ?, 0, 0, 0, 0, NULL, "
        "'2024-07-01T00:00:00Z')",
        {I(id), S(("hash" + std::to_string(id)).c_str()), S(("d" + std::to_string(id)).c_str()),
         S("test"), S(("https://example.org/" + std::to_string(id)).c_str()), S(title),
         S("Example News"), S("source:Example News"), S(lang), T(date), S(precision), day,
         SqlValue(text), I(static_cast<int64_t>(sentences.size()))});
    if (sqlite()) {
      Run("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
          {I(id), S(title), SqlValue(text)});
    }
    size_t start = 0;
    for (size_t i = 0; i < sentences.size(); ++i) {
      size_t end = start + std::string(sentences[i]).size();
      Run("INSERT INTO sentences (doc, idx, start_byte, end_byte, text) VALUES (?, ?, ?, ?, ?)",
          {I(id), I(static_cast<int64_t>(i)), I(static_cast<int64_t>(start)),
           I(static_cast<int64_t>(end)), S(sentences[i])});
      start = end + 1;
    }
  }

  void Event(const Ev& e, int64_t num_articles = 1) {
    std::string code = e.code;
    Run("INSERT INTO events (id, source, target, code, root, quad, goldstein, plover, modality, "
        "date, date_precision, day, place_id, place_name, place_country, place_kind, lat, lon, "
        "source_name, target_name, num_mentions, num_sources, num_articles, first_doc, "
        "first_sentence, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'X', ?, ?, ?, ?, '', NULL, "
        "NULL, NULL, NULL, NULL, NULL, NULL, ?, ?, ?, ?, ?, '2024-07-01T00:00:00Z')",
        {I(e.id), S(e.source), S(e.target), S(e.code), SqlValue(code.substr(0, 2)), I(e.quad),
         D(e.goldstein), S(e.modality), T(e.date), S(e.precision),
         e.date == nullptr ? Null() : I(e.day), I(num_articles), I(num_articles), I(num_articles),
         I(e.doc), I(e.sentence)});
    Mention(e.doc, e.id, e.sentence, e.modality);
  }

  void Mention(int64_t doc, int64_t event, int64_t sentence, const char* modality) {
    int64_t idx = next_mention_[doc]++;
    Run("INSERT INTO event_mentions (doc, idx, event, sentence, trigger_start, trigger_end, "
        "trigger_text, source_mention, target_mention, source_text, target_text, modality, "
        "background, time_idx, place_idx, rule) VALUES (?, ?, ?, ?, 0, 1, 'x', NULL, NULL, NULL, "
        "NULL, ?, 0, NULL, NULL, ?)",
        {I(doc), I(idx), I(event), I(sentence), S(modality),
         S(("en/events/test.txt:" + std::to_string(event)).c_str())});
  }

  void Quote(int64_t doc, int64_t idx, int64_t sentence, const char* text, bool scare,
             const char* name, const char* actor, const char* entity) {
    Run("INSERT INTO quotes (doc, idx, sentence, start_byte, end_byte, text, scare, cue, "
        "speaker_name, speaker_actor, speaker_entity, speaker_mention, rule) VALUES "
        "(?, ?, ?, 0, 1, ?, ?, NULL, ?, ?, ?, NULL, 'test')",
        {I(doc), I(idx), I(sentence), S(text), I(scare ? 1 : 0), T(name), T(actor), T(entity)});
  }

  void Commitment(int64_t doc, const char* type, const char* condition, bool mutual,
                  const std::vector<const char*>& parties, const char* date, const char* precision,
                  int64_t day, int64_t sentence) {
    std::string joined;
    for (const char* p : parties) joined += (joined.empty() ? "" : " ") + std::string(p);
    Run("INSERT INTO commitments (doc, idx, type, condition_text, mutual, parties, date, "
        "date_precision, day, sentence, event, rule) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, NULL, "
        "'test')",
        {I(doc), S(type), T(condition), I(mutual ? 1 : 0), SqlValue(joined), S(date), S(precision),
         I(day), I(sentence)});
    for (const char* p : parties) {
      Run("INSERT INTO commitment_parties (doc, idx, party) VALUES (?, 0, ?)", {I(doc), S(p)});
    }
  }

  void BuildFixture() {
    Doc(1, "Putin visits Pyongyang", "2024-06-19", "day", I(kDay20240619), "en",
        {"Vladimir Putin arrived in Pyongyang for Putin's first visit in 24 years.",
         "Putin and Kim Jong Un signed a treaty on mutual defence.",
         "\"We will help each other,\" Putin said."});
    Doc(2, "Accordo Russia-Corea", "2024-06", "month", I(kDay20240601), "it",
        {"Il presidente russo ha firmato un accordo con Kim.",
         "\u00ABÈ un'alleanza\u00BB, ha detto Kim."});
    Doc(3, "New Year fighting", "2024-01-01", "day", I(kDay20240101), "en",
        {"Russian forces shelled Ukrainian positions on New Year's Day.",
         "The United States did not criticise Russia."});
    Doc(4, "Old news", "2020-12-31", "day", I(kDay20201231), "en",
        {"China's leaders may meet Russia's president.", "A \u00ABhistoric\u00BB day, perché?"});
    Doc(5, "Undated", nullptr, "none", Null(), "en", {"North Korea made a statement."});

    // id source target code quad goldstein modality date precision day doc sentence
    Event({1, "RUSGOV", "PRK", "042", 1, 1.9, "asserted", "2024-06-19", "day", kDay20240619, 1, 0},
          2);
    Mention(2, 1, 0, "asserted");  // the visit, also reported by document 2
    Event({2, "RUSGOV", "PRKGOV", "057", 1, 8.0, "asserted", "2024-06-19", "day", kDay20240619, 1,
           1});
    Event({3, "PRKGOV", "RUSGOV", "057", 1, 8.0, "asserted", "2024-06-19", "day", kDay20240619, 1,
           1});
    Event({4, "RUSMIL", "UKRMIL", "190", 4, -10.0, "asserted", "2024-01-01", "day", kDay20240101, 3,
           0});
    Event({5, "USA", "RUS", "111", 3, -2.0, "negated", "2024-01-01", "day", kDay20240101, 3, 1});
    Event({6, "RUS", "PRK", "036", 1, 4.0, "hypothetical", "2024-06", "month", kDay20240601, 2, 0});
    Event({7, "CHN", "RUSGOV", "036", 1, 4.0, "hypothetical", "2020-12-31", "day", kDay20201231, 4,
           0});
    Event({8, "RUS", "CHN", "043", 1, 2.8, "asserted", "2021-01-01", "day", kDay20210101, 4, 0});
    Event({9, "PRK", "", "010", 1, 0.0, "asserted", nullptr, "none", 0, 5, 0});
    Event({10, "UKR", "RUS", "190", 4, -10.0, "asserted", "2023-12-31", "day", kDay20231231, 3, 0});
    Event({11, "GBR", "USA", "042", 1, 1.9, "asserted", "1969-12-31", "day", kDay19691231, 4, 1});
    Event({12, "USA", "GBR", "043", 1, 2.8, "asserted", "1969-12-28", "day", kDay19691228, 4, 1});
    Event({13, "CHN", "USA", "111", 3, -2.0, "asserted", "2024", "year", kDay20240101, 4, 1});
    Event({14, "FRAGOV", "FRAMIL", "042", 1, 1.9, "asserted", "2024-12-30", "day", kDay20241230, 4,
           1});

    Quote(1, 0, 2, "We will help each other", false, "Vladimir Putin", "RUSGOV", "putin_vladimir");
    Quote(1, 1, 1, "mutual defence", true, nullptr, nullptr, nullptr);
    Quote(2, 0, 1, "È un'alleanza", false, "Kim Jong Un", "PRKGOV", "kim_jong_un");
    Quote(3, 0, 0, "We will respond", false, "Putin", "RUSGOV", "putin_vladimir");
    Quote(5, 0, 0, "Nothing to add", false, nullptr, nullptr, nullptr);

    Commitment(1, "defence", "armed attack on a party", true, {"RUS", "PRK"}, "2024-06-19", "day",
               kDay20240619, 1);
    Commitment(2, "defence", nullptr, true, {"PRK", "RUS"}, "2024-06", "month", kDay20240601, 0);
    Commitment(3, "defence", nullptr, false, {"USA", "JPN", "KOR"}, "2023-12-31", "day",
               kDay20231231, 1);
    Commitment(4, "non-aggression", nullptr, true, {"CHN", "RUS"}, "2020", "year", kDay20200101, 0);
  }

  Ids EventIds(const EventFilter& f) {
    auto t = QueryEvents(*db_, f);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    Ids out;
    if (!t.ok()) return out;
    EXPECT_EQ(t->columns.size(), 20u);
    for (const auto& row : t->rows) out.push_back(std::get<int64_t>(row[0]));
    return out;
  }

  Ids DocIds(const std::string& text, int64_t limit = 100, int64_t offset = 0) {
    auto t = SearchDocuments(*db_, text, limit, offset);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    Ids out;
    if (!t.ok()) return out;
    for (const auto& row : t->rows) out.push_back(std::get<int64_t>(row[0]));
    return out;
  }

  // Rows as text, "a|b|c", for compact comparison.
  static std::vector<std::string> Lines(const Table& t) {
    std::vector<std::string> out;
    for (const auto& row : t.rows) {
      std::string l;
      for (size_t i = 0; i < row.size(); ++i) {
        if (i > 0) l += '|';
        const SqlValue& v = row[i];
        if (const auto* n = std::get_if<int64_t>(&v)) {
          l += std::to_string(*n);
        } else if (const auto* d = std::get_if<double>(&v)) {
          char buf[32];
          std::snprintf(buf, sizeof buf, "%g", *d);
          l += buf;
        } else if (const auto* s = std::get_if<std::string>(&v)) {
          l += *s;
        } else {
          l += "NULL";
        }
      }
      out.push_back(l);
    }
    return out;
  }

  std::vector<std::string> Series(const EventFilter& f, TimeBucket by) {
    auto t = EventSeries(*db_, f, by);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? Lines(*t) : std::vector<std::string>{};
  }

  std::vector<std::string> InForce(const CommitmentFilter& f, bool with_sentence = false) {
    auto t = CommitmentsInForce(*db_, f);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (!t.ok()) return {};
    if (!with_sentence) {
      for (auto& row : t->rows) row.pop_back();
    }
    return Lines(*t);
  }

  std::vector<std::string> QuoteTexts(const QuoteFilter& f) {
    auto t = QueryQuotes(*db_, f);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    std::vector<std::string> out;
    if (!t.ok()) return out;
    for (const auto& row : t->rows) out.push_back(std::get<std::string>(row[2]));
    return out;
  }

  std::unique_ptr<ScratchPostgresDb> pg_;
  std::filesystem::path dir_;
  std::string target_;
  std::unique_ptr<SqlDatabase> db_;
  std::map<int64_t, int64_t> next_mention_;
};

TEST_P(QueryTest, AllEventsByDateThenIdUndatedLast) {
  EventFilter f;
  EXPECT_EQ(EventIds(f), (Ids{12, 11, 7, 8, 10, 4, 5, 13, 6, 1, 2, 3, 14, 9}));
  auto n = CountEvents(*db_, f);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 14);
}

TEST_P(QueryTest, EventRowColumns) {
  EventFilter f;
  f.doc = 1;
  f.codes = {"042"};
  auto t = QueryEvents(*db_, f);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->columns, (std::vector<std::string>{
                            "id",          "date",         "source",    "target", "code",
                            "root",        "quad",         "goldstein", "plover", "modality",
                            "place",       "country",      "lat",       "lon",    "num_mentions",
                            "num_sources", "num_articles", "sentence",  "doc",    "rule"}));
  EXPECT_EQ(Lines(*t), (std::vector<std::string>{
                           "1|2024-06-19|RUSGOV|PRK|042|04|1|1.9|X|asserted|NULL|NULL|NULL|NULL|2|"
                           "2|2|Vladimir Putin arrived in Pyongyang for Putin's first visit in 24 "
                           "years.|1|en/events/test.txt:1"}));
}

TEST_P(QueryTest, ActorPrefixesMatchSourceOrTarget) {
  EventFilter f;
  f.actors = {"RUS"};
  EXPECT_EQ(EventIds(f), (Ids{7, 8, 10, 4, 5, 6, 1, 2, 3}));
  f.actors = {"rusgov"};  // codes are case-insensitive
  EXPECT_EQ(EventIds(f), (Ids{7, 1, 2, 3}));
  f.actors = {"RU"};
  EXPECT_EQ(EventIds(f), (Ids{7, 8, 10, 4, 5, 6, 1, 2, 3}));
  f.actors = {"GBR", "FRA"};
  EXPECT_EQ(EventIds(f), (Ids{12, 11, 14}));
  f.actors = {"RUSGOVX"};
  EXPECT_EQ(EventIds(f), Ids{});
  f.actors = {"RUS GOV"};
  EXPECT_FALSE(QueryEvents(*db_, f).ok());
}

TEST_P(QueryTest, DyadsDirectedAndUndirected) {
  EventFilter f;
  f.source = "RUS";
  f.target = "PRK";
  EXPECT_EQ(EventIds(f), (Ids{6, 1, 2}));
  f.undirected = true;
  EXPECT_EQ(EventIds(f), (Ids{6, 1, 2, 3}));
  f = EventFilter();
  f.source = "CHN";  // a source alone: any target
  EXPECT_EQ(EventIds(f), (Ids{7, 13}));
  f = EventFilter();
  f.target = "USA";
  f.undirected = true;  // USA on either side
  EXPECT_EQ(EventIds(f), (Ids{12, 11, 5, 13}));
}

TEST_P(QueryTest, CodesQuadsModalities) {
  EventFilter f;
  f.codes = {"05"};
  EXPECT_EQ(EventIds(f), (Ids{2, 3}));
  f.codes = {"04"};
  EXPECT_EQ(EventIds(f), (Ids{12, 11, 8, 1, 14}));
  f.codes = {"19", "111"};
  EXPECT_EQ(EventIds(f), (Ids{10, 4, 5, 13}));
  f.codes = {"09"};  // the last digit: the bound must not be "0:"
  EXPECT_EQ(EventIds(f), Ids{});
  f.codes = {"0"};
  EXPECT_EQ(EventIds(f), (Ids{12, 11, 7, 8, 6, 1, 2, 3, 14, 9}));
  f = EventFilter();
  f.quads = {4};
  EXPECT_EQ(EventIds(f), (Ids{10, 4}));
  f.quads = {3, 4};
  EXPECT_EQ(EventIds(f), (Ids{10, 4, 5, 13}));
  f = EventFilter();
  f.modalities = {"negated", "hypothetical"};
  EXPECT_EQ(EventIds(f), (Ids{7, 5, 6}));
  f = EventFilter();
  f.actors = {"RUS"};
  f.quads = {1};
  f.modalities = {"asserted"};
  EXPECT_EQ(EventIds(f), (Ids{8, 1, 2, 3}));
}

TEST_P(QueryTest, BadFiltersAreInvalidArgument) {
  for (int quad : {0, 5}) {
    EventFilter f;
    f.quads = {quad};
    auto t = QueryEvents(*db_, f);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  }
  EventFilter f;
  f.modalities = {"maybe"};
  EXPECT_EQ(QueryEvents(*db_, f).status().code(), StatusCode::kInvalidArgument);
  for (const char* d : {"2024-13-01", "2024-02-30", "24-06-01", "2024-06-01x", "yesterday"}) {
    f = EventFilter();
    f.from = d;
    EXPECT_EQ(CountEvents(*db_, f).status().code(), StatusCode::kInvalidArgument) << d;
  }
  f = EventFilter();
  f.codes = {"0a"};
  EXPECT_EQ(EventSeries(*db_, f, TimeBucket::kMonth).status().code(), StatusCode::kInvalidArgument);
  CommitmentFilter c;
  c.on = "2024-06-31";
  EXPECT_EQ(CommitmentsInForce(*db_, c).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(QueryTest, LanguageDocumentAndDates) {
  EventFilter f;
  f.lang = "it";  // document 2 reports events 1 and 6
  EXPECT_EQ(EventIds(f), (Ids{6, 1}));
  f = EventFilter();
  f.doc = 2;
  EXPECT_EQ(EventIds(f), (Ids{6, 1}));
  f = EventFilter();
  f.from = "2024-01-01";
  f.to = "2024-06-30";
  EXPECT_EQ(EventIds(f), (Ids{4, 5, 13, 6, 1, 2, 3}));
  f.from = "2024-06";  // a month: from its first day to its last
  f.to = "2024-06";
  EXPECT_EQ(EventIds(f), (Ids{6, 1, 2, 3}));
  f.from = "1969";
  f.to = "1969";
  EXPECT_EQ(EventIds(f), (Ids{12, 11}));
  f.from = "2024-06-20";
  f.to = "";
  EXPECT_EQ(EventIds(f), (Ids{14}));
}

TEST_P(QueryTest, FullTextOverReportingDocuments) {
  EventFilter f;
  f.text = "pyongyang";
  EXPECT_EQ(EventIds(f), (Ids{1, 2, 3}));
  f.text = "Pyongyang!!";
  EXPECT_EQ(EventIds(f), (Ids{1, 2, 3}));
  f.text = "kim";  // documents 1 and 2
  EXPECT_EQ(EventIds(f), (Ids{6, 1, 2, 3}));
  f.text = "kim \"OR\" putin";
  EXPECT_EQ(EventIds(f), Ids{});
  f.text = "   ";  // no words: no filter
  EXPECT_EQ(EventIds(f).size(), 14u);
}

TEST_P(QueryTest, Pagination) {
  EventFilter f;
  f.limit = 3;
  f.offset = 2;
  EXPECT_EQ(EventIds(f), (Ids{7, 8, 10}));
  f.offset = 12;
  EXPECT_EQ(EventIds(f), (Ids{14, 9}));
  f.limit = 0;  // no limit
  f.offset = 10;
  EXPECT_EQ(EventIds(f), (Ids{2, 3, 14, 9}));
  f.offset = 0;
  EXPECT_EQ(EventIds(f).size(), 14u);
  f.limit = 1;
  f.actors = {"RUS"};
  auto n = CountEvents(*db_, f);  // ignores limit and offset
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 9);
}

TEST_P(QueryTest, MonthlyDyadSeries) {
  EventFilter f;
  f.source = "RUS";
  f.target = "PRK";
  EXPECT_EQ(Series(f, TimeBucket::kMonth),
            (std::vector<std::string>{"2024-06|3|13.9|4.63333|3|0|0|0"}));
  f.modalities = {"asserted"};
  EXPECT_EQ(Series(f, TimeBucket::kMonth),
            (std::vector<std::string>{"2024-06|2|9.9|4.95|2|0|0|0"}));
  auto t = EventSeries(*db_, f, TimeBucket::kMonth);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->columns,
            (std::vector<std::string>{"period", "events", "goldstein_sum", "goldstein_mean",
                                      "quad1", "quad2", "quad3", "quad4"}));
}

TEST_P(QueryTest, MonthSeriesLeavesOutYearDates) {
  EventFilter f;
  f.actors = {"CHN"};
  // Event 13 is dated 2024 only: in no month.
  EXPECT_EQ(Series(f, TimeBucket::kMonth),
            (std::vector<std::string>{"2020-12|1|4|4|1|0|0|0", "2021-01|1|2.8|2.8|1|0|0|0"}));
}

TEST_P(QueryTest, IsoWeeksAcrossYearBoundaries) {
  EventFilter f;
  // 1969-12-28 is a Sunday (1969-W52); 1969-12-31 lies in 1970-W01 (day
  // numbers below zero); 2020-12-31 and 2021-01-01 in 2020-W53; 2023-12-31
  // (Sunday) in 2023-W52; 2024-01-01 starts 2024-W01; 2024-12-30 is in
  // 2025-W01. The month-, year- and un-dated events are left out.
  EXPECT_EQ(
      Series(f, TimeBucket::kWeek),
      (std::vector<std::string>{"1969-W52|1|2.8|2.8|1|0|0|0", "1970-W01|1|1.9|1.9|1|0|0|0",
                                "2020-W53|2|6.8|3.4|2|0|0|0", "2023-W52|1|-10|-10|0|0|0|1",
                                "2024-W01|2|-12|-6|0|0|1|1", "2024-W25|3|17.9|5.96667|3|0|0|0",
                                "2025-W01|1|1.9|1.9|1|0|0|0"}));
}

TEST_P(QueryTest, DailySeries) {
  EventFilter f;
  f.from = "2023-12-31";
  f.to = "2024-01-01";
  EXPECT_EQ(Series(f, TimeBucket::kDay), (std::vector<std::string>{"2023-12-31|1|-10|-10|0|0|0|1",
                                                                   "2024-01-01|2|-12|-6|0|0|1|1"}));
}

TEST_P(QueryTest, TopActors) {
  EventFilter f;
  auto t = TopActors(*db_, f, 100, false);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->columns, (std::vector<std::string>{"actor", "events", "as_source", "as_target",
                                                  "goldstein_mean"}));
  std::vector<std::string> lines = Lines(*t);
  ASSERT_EQ(lines.size(), 12u);
  EXPECT_EQ(std::vector<std::string>(lines.begin(), lines.begin() + 7),
            (std::vector<std::string>{"RUS|4|2|2|-1.3", "RUSGOV|4|2|2|5.475", "USA|4|2|2|0.175",
                                      "CHN|3|2|1|1.6", "PRK|3|1|2|1.96667", "GBR|2|1|1|2.35",
                                      "PRKGOV|2|1|1|8"}));
  t = TopActors(*db_, f, 7, true);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  // At country level FRAGOV -> FRAMIL is one event for FRA, as source and
  // as target.
  EXPECT_EQ(Lines(*t), (std::vector<std::string>{
                           "RUS|9|5|4|0.744444", "PRK|5|2|3|4.38", "USA|4|2|2|0.175",
                           "CHN|3|2|1|1.6", "GBR|2|1|1|2.35", "UKR|2|1|1|-10", "FRA|1|1|1|1.9"}));
  f.actors = {"FRA"};
  EXPECT_EQ(Lines(*TopActors(*db_, f, 10, false)),
            (std::vector<std::string>{"FRAGOV|1|1|0|1.9", "FRAMIL|1|0|1|1.9"}));
}

TEST_P(QueryTest, TopDyads) {
  EventFilter f;
  auto t = TopDyads(*db_, f, 3, true);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->columns, (std::vector<std::string>{"source", "target", "events", "cooperation",
                                                  "conflict", "goldstein_mean"}));
  EXPECT_EQ(Lines(*t), (std::vector<std::string>{"RUS|PRK|3|3|0|4.63333", "CHN|RUS|1|1|0|4",
                                                 "CHN|USA|1|0|1|-2"}));
  f.quads = {3, 4};
  t = TopDyads(*db_, f, 10, false);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Lines(*t), (std::vector<std::string>{"CHN|USA|1|0|1|-2", "RUSMIL|UKRMIL|1|0|1|-10",
                                                 "UKR|RUS|1|0|1|-10", "USA|RUS|1|0|1|-2"}));
  // Event 9 has no target: no dyad.
  f = EventFilter();
  f.actors = {"PRK"};
  t = TopDyads(*db_, f, 10, true);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(Lines(*t), (std::vector<std::string>{"RUS|PRK|3|3|0|4.63333", "PRK|RUS|1|1|0|8"}));
}

TEST_P(QueryTest, QuotesBySpeaker) {
  QuoteFilter f;
  EXPECT_EQ(QuoteTexts(f), (std::vector<std::string>{"We will respond", "È un'alleanza",
                                                     "We will help each other", "Nothing to add"}));
  f.with_scare = true;
  EXPECT_EQ(QuoteTexts(f).size(), 5u);
  f = QuoteFilter();
  f.speaker = "rus";  // actor code prefix
  EXPECT_EQ(QuoteTexts(f),
            (std::vector<std::string>{"We will respond", "We will help each other"}));
  f.speaker = "PUTIN";  // name or entity, case-insensitive
  EXPECT_EQ(QuoteTexts(f),
            (std::vector<std::string>{"We will respond", "We will help each other"}));
  f.speaker = "jong";
  EXPECT_EQ(QuoteTexts(f), (std::vector<std::string>{"È un'alleanza"}));
  f.speaker = "50%_";
  EXPECT_EQ(QuoteTexts(f), std::vector<std::string>{});
  f = QuoteFilter();
  f.text = "pyongyang";
  EXPECT_EQ(QuoteTexts(f), (std::vector<std::string>{"We will help each other"}));
  f = QuoteFilter();
  f.from = "2024-06-01";
  EXPECT_EQ(QuoteTexts(f), (std::vector<std::string>{"È un'alleanza", "We will help each other"}));
  f.limit = 1;
  f.offset = 1;
  EXPECT_EQ(QuoteTexts(f), (std::vector<std::string>{"We will help each other"}));

  f = QuoteFilter();
  f.speaker = "kim";
  auto t = QueryQuotes(*db_, f);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->columns, (std::vector<std::string>{"speaker_actor", "speaker_name", "text", "scare",
                                                  "date", "doc", "doc_title", "sentence", "rule"}));
  EXPECT_EQ(Lines(*t), (std::vector<std::string>{
                           "PRKGOV|Kim Jong Un|È un'alleanza|0|2024-06|2|Accordo Russia-Corea|"
                           "\u00ABÈ un'alleanza\u00BB, ha detto Kim.|test"}));
}

TEST_P(QueryTest, QuoteSpeakers) {
  QuoteFilter f;
  auto t = QuoteSpeakers(*db_, f, 10);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->columns, (std::vector<std::string>{"speaker_actor", "speaker_name", "quotes"}));
  // Both forms of Putin's name are one entity.
  EXPECT_EQ(Lines(*t),
            (std::vector<std::string>{"RUSGOV|Vladimir Putin|2", "PRKGOV|Kim Jong Un|1"}));
  EXPECT_EQ(Lines(*QuoteSpeakers(*db_, f, 1)),
            (std::vector<std::string>{"RUSGOV|Vladimir Putin|2"}));
}

TEST_P(QueryTest, CommittedToDefend) {
  CommitmentFilter f;
  f.defend = "PRK";
  f.on = "2024-07-01";
  // Two articles report the treaty: the month-dated one gives way to the
  // exact date inside it.
  EXPECT_EQ(InForce(f, true),
            (std::vector<std::string>{"RUS|RUS PRK|defence|armed attack on a party|1|2024-06-19|2|"
                                      "1|Putin and Kim Jong Un signed a treaty on mutual "
                                      "defence."}));
  f.on = "2024-06-30";
  EXPECT_EQ(
      InForce(f),
      (std::vector<std::string>{"RUS|RUS PRK|defence|armed attack on a party|1|2024-06-19|2|1"}));
  // Before the end of June, only the article that knows the day counts.
  f.on = "2024-06-19";
  EXPECT_EQ(
      InForce(f),
      (std::vector<std::string>{"RUS|RUS PRK|defence|armed attack on a party|1|2024-06-19|1|1"}));
  f.on = "2024-06-18";
  EXPECT_EQ(InForce(f), std::vector<std::string>{});
  f.on = "2024-07-01";
  f.defend = "PRKGOV";  // the country of a government
  EXPECT_EQ(InForce(f).size(), 1u);
  f.defend = "RUS";
  EXPECT_EQ(
      InForce(f),
      (std::vector<std::string>{"PRK|RUS PRK|defence|armed attack on a party|1|2024-06-19|2|1"}));
}

TEST_P(QueryTest, OneSidedDefence) {
  CommitmentFilter f;
  f.on = "2024-01-01";
  for (const char* who : {"JPN", "KOR"}) {
    f.defend = who;
    EXPECT_EQ(InForce(f),
              (std::vector<std::string>{"USA|USA JPN KOR|defence|NULL|0|2023-12-31|1|3"}))
        << who;
  }
  f.defend = "USA";  // the guarantor is not defended
  EXPECT_EQ(InForce(f), std::vector<std::string>{});
  f.defend = "JPN";
  f.on = "2023-12-30";
  EXPECT_EQ(InForce(f), std::vector<std::string>{});
}

TEST_P(QueryTest, CommitmentsInForceByPartyAndType) {
  CommitmentFilter f;
  f.on = "2024-07-01";
  EXPECT_EQ(InForce(f), (std::vector<std::string>{
                            "CHN RUS|CHN RUS|non-aggression|NULL|1|2020|1|4",
                            "USA|USA JPN KOR|defence|NULL|0|2023-12-31|1|3",
                            "PRK RUS|RUS PRK|defence|armed attack on a party|1|2024-06-19|2|1"}));
  f.party = "RUS";
  EXPECT_EQ(InForce(f).size(), 2u);
  f.party = "JPN";  // protected, not bound
  EXPECT_EQ(InForce(f), std::vector<std::string>{});
  f.party = "USA";
  EXPECT_EQ(InForce(f).size(), 1u);
  f.party = "";
  f.type = "non-aggression";
  EXPECT_EQ(InForce(f),
            (std::vector<std::string>{"CHN RUS|CHN RUS|non-aggression|NULL|1|2020|1|4"}));
  // A year-dated commitment counts from the end of that year.
  f.on = "2020-12-30";
  EXPECT_EQ(InForce(f), std::vector<std::string>{});
  f.on = "2020-12-31";
  EXPECT_EQ(InForce(f).size(), 1u);
  f = CommitmentFilter();  // no date: every commitment ever reported
  EXPECT_EQ(InForce(f).size(), 3u);
  auto t = CommitmentsInForce(*db_, f);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->columns,
            (std::vector<std::string>{"committed", "parties", "type", "condition", "mutual", "date",
                                      "num_articles", "first_doc", "sentence"}));
}

TEST_P(QueryTest, SearchDocuments) {
  EXPECT_EQ(DocIds(""), (Ids{1, 2, 3, 4, 5}));  // newest first, undated last
  EXPECT_EQ(DocIds("", 2, 1), (Ids{2, 3}));
  EXPECT_EQ(DocIds("putin"), (Ids{1}));
  EXPECT_EQ(DocIds("KIM"), (Ids{1, 2}));
  EXPECT_EQ(DocIds("kim", 1, 1), (Ids{2}));
  // Punctuation and FTS5 syntax in the user's words are plain text.
  EXPECT_EQ(DocIds("Kim)"), (Ids{1, 2}));
  EXPECT_EQ(DocIds("\"kim\""), (Ids{1, 2}));
  EXPECT_EQ(DocIds("-kim"), (Ids{1, 2}));
  EXPECT_EQ(DocIds("putin's"), (Ids{1}));
  EXPECT_EQ(DocIds("kim AND"), (Ids{1}));  // "and" is a word to find
  EXPECT_EQ(DocIds("NEAR(kim"), Ids{});
  EXPECT_EQ(DocIds("*"), Ids{});
  EXPECT_EQ(DocIds("\""), Ids{});
  EXPECT_EQ(DocIds("kim OR putin"), Ids{});
  EXPECT_EQ(DocIds("title:kim"), Ids{});
  EXPECT_EQ(DocIds("russia corea"), (Ids{2}));  // the title counts

  auto t = SearchDocuments(*db_, "pyongyang", 10, 0);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->columns, (std::vector<std::string>{"id", "doc_id", "title", "date", "lang", "source",
                                                  "url", "n_events", "n_quotes", "snippet"}));
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(t->rows[0][1]), "d1");
  std::string snippet = std::get<std::string>(t->rows[0][9]);
  EXPECT_NE(snippet.find("[Pyongyang]"), std::string::npos) << snippet;
  t = SearchDocuments(*db_, "", 10, 4);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(t->rows[0][9]), "North Korea made a statement.");
}

TEST_P(QueryTest, SearchFoldsDiacriticsOnSqlite) {
  if (!sqlite()) GTEST_SKIP() << "PostgreSQL's 'simple' configuration keeps accents";
  EXPECT_EQ(DocIds("PERCHE"), (Ids{4}));
}

INSTANTIATE_TEST_SUITE_P(Backends, QueryTest, testing::Values(Backend::kSqlite, Backend::kPostgres),
                         BackendName);

// ---------------------------------------------------------------------------
// FormatTable

Table Sample() {
  Table t;
  t.columns = {"id", "name", "score", "note"};
  t.rows.push_back({int64_t{1}, std::string("Ünïcode"), 1.25, SqlValue()});
  t.rows.push_back({int64_t{22}, std::string("a,b \"q\""), -2.0, std::string("line\nbreak")});
  t.rows.push_back({int64_t{333}, std::string("x"), 2.0 / 3.0, std::string("")});
  return t;
}

TEST(QueryFormatTest, Csv) {
  EXPECT_EQ(FormatTable(Sample(), TableFormat::kCsv),
            "id,name,score,note\r\n"
            "1,Ünïcode,1.25,\r\n"
            "22,\"a,b \"\"q\"\"\",-2.0,\"line\nbreak\"\r\n"
            "333,x,0.6666666666666666,\r\n");
  Table empty;
  empty.columns = {"a"};
  EXPECT_EQ(FormatTable(empty, TableFormat::kCsv), "a\r\n");
}

TEST(QueryFormatTest, Json) {
  EXPECT_EQ(FormatTable(Sample(), TableFormat::kJson),
            "[\n"
            "{\"id\":1,\"name\":\"Ünïcode\",\"score\":1.25,\"note\":null},\n"
            "{\"id\":22,\"name\":\"a,b \\\"q\\\"\",\"score\":-2.0,\"note\":\"line\\nbreak\"},\n"
            "{\"id\":333,\"name\":\"x\",\"score\":0.6666666666666666,\"note\":\"\"}\n"
            "]\n");
  Table empty;
  empty.columns = {"a"};
  EXPECT_EQ(FormatTable(empty, TableFormat::kJson), "[]\n");
  EXPECT_EQ(FormatTable(empty, TableFormat::kJsonl), "");
}

TEST(QueryFormatTest, Jsonl) {
  Table t;
  t.columns = {"b", "a"};  // column order kept
  t.rows.push_back({std::string("bad \xFF byte"), std::nan("")});
  EXPECT_EQ(FormatTable(t, TableFormat::kJsonl), "{\"b\":\"bad \xEF\xBF\xBD byte\",\"a\":null}\n");
}

TEST(QueryFormatTest, AlignedTable) {
  // Widths count code points; numbers are right-aligned; a line break in a
  // cell becomes a space; trailing spaces are trimmed.
  EXPECT_EQ(FormatTable(Sample(), TableFormat::kTable),
            " id  name     score  note\n"
            "---  -------  -----  ----------\n"
            "  1  Ünïcode   1.25\n"
            " 22  a,b \"q\"   -2.0  line break\n"
            "333  x         0.67\n");
}

TEST(QueryFormatTest, LongCellsAreCutInTablesOnly) {
  Table t;
  t.columns = {"text"};
  std::string long_text;
  for (int i = 0; i < 30; ++i) long_text += "àb";
  long_text += "END";
  t.rows.push_back({long_text});
  std::string table = FormatTable(t, TableFormat::kTable);
  std::string cell = table.substr(table.rfind('\n', table.size() - 2) + 1);
  cell.pop_back();
  // 59 code points then the ellipsis.
  std::string expected;
  for (int i = 0; i < 29; ++i) expected += "àb";
  expected += "à\u2026";
  EXPECT_EQ(cell, expected);
  EXPECT_NE(FormatTable(t, TableFormat::kCsv).find("END"), std::string::npos);
  EXPECT_NE(FormatTable(t, TableFormat::kJson).find("END"), std::string::npos);
}

TEST(QueryFormatTest, ParseNames) {
  TableFormat f;
  EXPECT_TRUE(ParseTableFormat("jsonl", &f));
  EXPECT_EQ(f, TableFormat::kJsonl);
  EXPECT_FALSE(ParseTableFormat("xml", &f));
  TimeBucket b;
  EXPECT_TRUE(ParseTimeBucket("week", &b));
  EXPECT_EQ(b, TimeBucket::kWeek);
  EXPECT_FALSE(ParseTimeBucket("year", &b));
}

}  // namespace
}  // namespace cronista
