#include "store/export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pg_test_db.h"
#include "store/schema.h"
#include "store/sql.h"

namespace cronista {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) {
      out.emplace_back();
    } else {
      out.back().push_back(c);
    }
  }
  return out;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out = Split(s, '\n');
  EXPECT_TRUE(out.back().empty()) << "output does not end with a newline";
  out.pop_back();
  return out;
}

// An RFC 4180 reader: rows of fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& s) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      EXPECT_TRUE(field.empty()) << "quote inside an unquoted field";
      quoted = was_quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
      ++i;
    } else {
      EXPECT_NE(c, '\n') << "bare LF outside quotes";
      field.push_back(c);
    }
  }
  EXPECT_FALSE(quoted);
  EXPECT_TRUE(field.empty() && row.empty() && !was_quoted) << "last row without CRLF";
  return rows;
}

// Runs on SQLite, and on PostgreSQL when ctest gives the test server
// (tests/pg_test_db.h: a scratch database of its own, dropped at the end).
class ExportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "Postgres") {
      pg_ = std::make_unique<ScratchPostgresDb>();
      if (pg_->skipped()) GTEST_SKIP() << pg_->skip_reason();
      ASSERT_TRUE(pg_->status().ok()) << pg_->status().ToString();
      auto db = OpenSqlDatabase(pg_->url());
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      db_ = std::move(*db);
    } else {
      dir_ = std::filesystem::temp_directory_path() /
             ("cronista_export_test_" + std::to_string(::getpid()) + "_" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
      std::filesystem::remove_all(dir_);
      std::filesystem::create_directories(dir_);
      auto db = OpenSqlDatabase((dir_ / "t.db").string());
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      db_ = std::move(*db);
    }
    Status s = MigrateSchema(*db_);
    ASSERT_TRUE(s.ok()) << s.ToString();
    Fill();
  }
  void TearDown() override {
    db_.reset();
    pg_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  void Exec(const std::string& sql) {
    Status s = db_->Exec(sql);
    ASSERT_TRUE(s.ok()) << s.ToString() << "\n" << sql;
  }

  void Document(int id, const std::string& doc_id, const std::string& url, const std::string& title,
                const std::string& source, const std::string& lang, const std::string& date,
                const std::string& precision, const std::string& day, const std::string& text) {
    auto st = db_->Prepare(
        "INSERT INTO documents (id, hash, doc_id, url, title, source, source_key, lang, date, "
        "date_precision, day, text, n_sentences, n_mentions, n_events, n_quotes, n_commitments, "
        "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 0, 0, "
        "'2024-07-01T10:20:30Z')");
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    SqlStatement& q = **st;
    q.Bind(1, id);
    q.Bind(2, "hash" + std::to_string(id));
    q.Bind(3, doc_id);
    q.BindText(4, url);
    q.BindText(5, title);
    q.BindText(6, source);
    q.Bind(7, "source:" + source);
    q.BindText(8, lang);
    q.BindText(9, date);
    q.Bind(10, precision);
    if (day.empty()) {
      q.BindNull(11);
    } else {
      q.Bind(11, static_cast<int64_t>(std::stoll(day)));
    }
    q.Bind(12, text);
    ASSERT_TRUE(q.Run().ok());
    if (db_->dialect() != SqlDialect::kSqlite) return;
    auto fts = db_->Prepare("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)");
    ASSERT_TRUE(fts.ok());
    (*fts)->Bind(1, id);
    (*fts)->Bind(2, title);
    (*fts)->Bind(3, text);
    ASSERT_TRUE((*fts)->Run().ok());
  }

  void Sentence(int doc, int idx, const std::string& text) {
    auto st = db_->Prepare(
        "INSERT INTO sentences (doc, idx, start_byte, end_byte, text) VALUES (?, ?, 0, ?, ?)");
    ASSERT_TRUE(st.ok());
    (*st)->Bind(1, doc);
    (*st)->Bind(2, idx);
    (*st)->Bind(3, static_cast<int64_t>(text.size()));
    (*st)->Bind(4, text);
    ASSERT_TRUE((*st)->Run().ok());
  }

  struct Ev {
    int id;
    std::string source, target, code, root;
    int quad;
    double goldstein;
    std::string plover, modality, date, precision;
    std::string day;  // "" for NULL
    std::string place_id, place_name, place_country, place_kind;
    double lat, lon;
    std::string source_name, target_name;
    int mentions, sources, articles, first_doc, first_sentence;
  };

  void Event(const Ev& e) {
    auto st = db_->Prepare(
        "INSERT INTO events (id, source, target, code, root, quad, goldstein, plover, modality, "
        "date, date_precision, day, place_id, place_name, place_country, place_kind, lat, lon, "
        "source_name, target_name, num_mentions, num_sources, num_articles, first_doc, "
        "first_sentence, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?, '2024-07-01T10:20:30Z')");
    ASSERT_TRUE(st.ok()) << st.status().ToString();
    SqlStatement& q = **st;
    int k = 0;
    q.Bind(++k, e.id);
    q.Bind(++k, e.source);
    q.Bind(++k, e.target);
    q.Bind(++k, e.code);
    q.Bind(++k, e.root);
    q.Bind(++k, e.quad);
    q.Bind(++k, e.goldstein);
    q.Bind(++k, e.plover);
    q.Bind(++k, e.modality);
    q.BindText(++k, e.date);
    q.Bind(++k, e.precision);
    if (e.day.empty()) {
      q.BindNull(++k);
    } else {
      q.Bind(++k, static_cast<int64_t>(std::stoll(e.day)));
    }
    q.Bind(++k, e.place_id);
    q.BindText(++k, e.place_name);
    q.BindText(++k, e.place_country);
    q.BindText(++k, e.place_kind);
    if (e.place_id.empty()) {
      q.BindNull(++k);
      q.BindNull(++k);
    } else {
      q.Bind(++k, e.lat);
      q.Bind(++k, e.lon);
    }
    q.BindText(++k, e.source_name);
    q.BindText(++k, e.target_name);
    q.Bind(++k, e.mentions);
    q.Bind(++k, e.sources);
    q.Bind(++k, e.articles);
    q.Bind(++k, e.first_doc);
    q.Bind(++k, e.first_sentence);
    Status s = q.Run();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  void Report(int doc, int idx, int event, int sentence, const std::string& trigger,
              const std::string& source_text, const std::string& target_text,
              const std::string& modality, const std::string& rule) {
    auto st = db_->Prepare(
        "INSERT INTO event_mentions (doc, idx, event, sentence, trigger_start, trigger_end, "
        "trigger_text, source_text, target_text, modality, background, rule) "
        "VALUES (?, ?, ?, ?, 0, 1, ?, ?, ?, ?, 0, ?)");
    ASSERT_TRUE(st.ok());
    SqlStatement& q = **st;
    q.Bind(1, doc);
    q.Bind(2, idx);
    q.Bind(3, event);
    q.Bind(4, sentence);
    q.Bind(5, trigger);
    q.BindText(6, source_text);
    q.BindText(7, target_text);
    q.Bind(8, modality);
    q.Bind(9, rule);
    Status s = q.Run();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  void Quote(int doc, int idx, int start, const std::string& text, bool scare,
             const std::string& cue, const std::string& name, const std::string& actor) {
    auto st = db_->Prepare(
        "INSERT INTO quotes (doc, idx, sentence, start_byte, end_byte, text, scare, cue, "
        "speaker_name, speaker_actor, speaker_entity, rule) "
        "VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, 'test')");
    ASSERT_TRUE(st.ok());
    SqlStatement& q = **st;
    q.Bind(1, doc);
    q.Bind(2, idx);
    q.Bind(3, start);
    q.Bind(4, start + static_cast<int>(text.size()));
    q.Bind(5, text);
    q.Bind(6, scare);
    q.BindText(7, cue);
    q.BindText(8, name);
    q.BindText(9, actor);
    q.BindText(10, name.empty() ? "" : "ent_" + name.substr(0, 3));
    Status s = q.Run();
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // 2024-06-19 is day 19893; 2024-06-01 is 19875; 2024-05-02 is 19845.
  void Fill() {
    Document(1, "pact", "https://example.org/pact", "Putin and Kim sign pact", "Example News", "en",
             "2024-06-19", "day", "19893",
             "Putin and Kim sign pact\n\nPutin and Kim signed a pact in Pyongyang.");
    Document(2, "doc-two", "", "Titolo, con \"virgolette\"\ne a capo", "Il Giornale", "it",
             "2024-06", "month", "19875", "Il Cremlino ha respinto le accuse di Kiev.");
    Document(3, "doc-three", "https://example.org/three", "Talks", "Example News", "en",
             "2024-05-02", "day", "19845", "Officials said talks would not take place.");
    Sentence(1, 0, "Putin and Kim sign pact");
    Sentence(1, 1, "Putin and Kim signed a pact in Pyongyang.");
    Sentence(2, 0, "Il Cremlino ha respinto, \"con forza\",\nle accuse\tdi Kiev.");
    Sentence(3, 4, "Officials said talks would not take place.");
    Event({1,
           "RUSGOV",
           "PRKGOV",
           "057",
           "05",
           1,
           8.0,
           "AGREE",
           "asserted",
           "2024-06-19",
           "day",
           "19893",
           "geonames:1871859",
           "Pyongyang",
           "PRK",
           "city",
           39.019444,
           125.738052,
           "Vladimir Putin",
           "Kim Jong-un",
           2,
           1,
           1,
           1,
           0});
    Event({2,
           "PRKGOV",
           "RUSGOV",
           "057",
           "05",
           1,
           8.0,
           "AGREE",
           "asserted",
           "2024-06-19",
           "day",
           "19893",
           "geonames:1871859",
           "Pyongyang",
           "PRK",
           "city",
           39.019444,
           125.738052,
           "Kim Jong-un",
           "Vladimir Putin",
           1,
           1,
           1,
           1,
           0});
    // Month precision, a name with a tab and a newline, no URL, a country place.
    Event({3,
           "RUSGOV",
           "UKR",
           "111",
           "11",
           3,
           -2.0,
           "ACCUSE",
           "negated",
           "2024-06",
           "month",
           "19875",
           "iso:UKR",
           "Ukraine",
           "UKR",
           "country",
           49.0,
           32.0,
           "il\tCremlino\nrusso",
           "Kiev",
           1,
           1,
           1,
           2,
           0});
    // No date, no place, no target, an IGO source.
    Event({4,      "IGOUNO", "", "010", "01", 1,  0.0, "STATEMENT", "hypothetical",       "",
           "none", "",       "", "",    "",   "", 0,   0,           "the United Nations", "",
           1,      1,        1,  3,     4});
    // A US state, future.
    Event({5,
           "USAGOV",
           "CHN",
           "036",
           "03",
           1,
           4.0,
           "CONSULT",
           "future",
           "2024-05-02",
           "day",
           "19845",
           "adm1:US.CA",
           "California",
           "USA",
           "admin1",
           36.17,
           -119.75,
           "Washington",
           "China",
           1,
           1,
           1,
           3,
           4});
    Report(1, 0, 1, 0, "sign", "Putin", "Kim", "asserted", "en/events/01-05.txt:1276");
    Report(1, 1, 2, 0, "sign", "Kim", "Putin", "asserted", "en/events/01-05.txt:1276");
    Report(1, 2, 1, 1, "signed", "Putin", "Kim", "asserted", "en/events/01-05.txt:1276");
    Report(2, 0, 3, 0, "respinto", "Il Cremlino", "Kiev", "negated", "it/events/06-13.txt:660");
    Report(3, 0, 4, 4, "said", "Officials", "", "hypothetical", "en/events/01-05.txt:10");
    Report(3, 1, 5, 4, "talks", "Officials", "", "future", "en/events/01-05.txt:11");
    Quote(1, 0, 10, "If one of the parties\tis attacked,\nwe help", false, "told", "Vladimir Putin",
          "RUSGOV");
    Quote(1, 1, 80, "comprehensive strategic partnership", true, "", "", "");
    Quote(1, 2, 120, "a truly | breakthrough # document", false, "called", "Vladimir Putin",
          "RUSGOV");
    Quote(2, 0, 5, "Non è vero", false, "ha detto", "Dmitry Peskov", "RUSGOV");
    Quote(3, 0, 0, "We will talk", false, "said", "", "");
  }

  std::string ExportEventsText(const EventFilter& f, ExportFormat format, bool header = false,
                               int64_t batch = 0) {
    ExportOptions o;
    o.format = format;
    o.header = header;
    o.batch_rows = batch;
    std::ostringstream out;
    auto r = ExportEvents(*db_, f, o, out);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return out.str();
  }

  std::string ExportQuotesText(const QuoteFilter& f, ExportFormat format, bool header = false,
                               int64_t batch = 0) {
    ExportOptions o;
    o.format = format;
    o.header = header;
    o.batch_rows = batch;
    std::ostringstream out;
    auto r = ExportQuotes(*db_, f, o, out);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return out.str();
  }

  // The ids of the events matching `f`, through AppendEventWhere.
  std::vector<int64_t> Ids(const EventFilter& f) {
    std::string sql = "SELECT e.id FROM events e";
    std::vector<SqlValue> params;
    Status s = AppendEventWhere(f, db_->dialect(), &sql, &params);
    EXPECT_TRUE(s.ok()) << s.ToString();
    sql += " ORDER BY e.id";
    auto st = db_->Prepare(sql);
    EXPECT_TRUE(st.ok()) << st.status().ToString() << "\n" << sql;
    if (!st.ok()) return {};
    BindParams(**st, params);
    std::vector<int64_t> ids;
    for (;;) {
      auto row = (*st)->Step();
      EXPECT_TRUE(row.ok()) << row.status().ToString();
      if (!row.ok() || !*row) break;
      ids.push_back((*st)->Int(0));
    }
    return ids;
  }

  static EventFilter All() {
    EventFilter f;
    f.limit = 0;
    return f;
  }

  std::filesystem::path dir_;
  std::unique_ptr<ScratchPostgresDb> pg_;
  std::unique_ptr<SqlDatabase> db_;
};

INSTANTIATE_TEST_SUITE_P(Backends, ExportTest, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& info) { return info.param; });

TEST(ExportFormats, Names) {
  ExportFormat f;
  for (const char* name : {"gdelt", "plover", "csv", "quotes", "gkg-quotes"}) {
    ASSERT_TRUE(ParseExportFormat(name, &f)) << name;
    EXPECT_EQ(ExportFormatName(f), name);
  }
  EXPECT_FALSE(ParseExportFormat("json", &f));
  EXPECT_TRUE(IsQuoteFormat(ExportFormat::kGkgQuotes));
  EXPECT_FALSE(IsQuoteFormat(ExportFormat::kCsv));
}

TEST(ExportFormats, GdeltColumnNames) {
  const auto& names = GdeltEventColumnNames();
  ASSERT_EQ(names.size(), 61u);
  std::set<std::string_view> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), 61u);
  EXPECT_EQ(names[0], "GlobalEventID");
  EXPECT_EQ(names[1], "Day");
  EXPECT_EQ(names[4], "FractionDate");
  EXPECT_EQ(names[5], "Actor1Code");
  EXPECT_EQ(names[14], "Actor1Type3Code");
  EXPECT_EQ(names[15], "Actor2Code");
  EXPECT_EQ(names[25], "IsRootEvent");
  EXPECT_EQ(names[26], "EventCode");
  EXPECT_EQ(names[30], "GoldsteinScale");
  EXPECT_EQ(names[34], "AvgTone");
  EXPECT_EQ(names[35], "Actor1Geo_Type");
  EXPECT_EQ(names[43], "Actor2Geo_Type");
  EXPECT_EQ(names[51], "ActionGeo_Type");
  EXPECT_EQ(names[58], "ActionGeo_FeatureID");
  EXPECT_EQ(names[59], "DATEADDED");
  EXPECT_EQ(names[60], "SOURCEURL");
}

TEST(ExportFormats, SplitCameoActor) {
  GdeltActorAttributes a = SplitCameoActor("RUSGOV");
  EXPECT_EQ(a.country, "RUS");
  EXPECT_EQ(a.type1, "GOV");
  EXPECT_EQ(a.known_group, "");
  a = SplitCameoActor("PRK");
  EXPECT_EQ(a.country, "PRK");
  EXPECT_EQ(a.type1, "");
  a = SplitCameoActor("IGOUNOHRI");
  EXPECT_EQ(a.country, "");
  EXPECT_EQ(a.known_group, "UNO");
  EXPECT_EQ(a.type1, "IGO");
  EXPECT_EQ(a.type2, "HRI");
  a = SplitCameoActor("IGOWSTNAT");
  EXPECT_EQ(a.country, "WST");
  EXPECT_EQ(a.known_group, "NAT");
  EXPECT_EQ(a.type1, "IGO");
  a = SplitCameoActor("USAMILREB");
  EXPECT_EQ(a.country, "USA");
  EXPECT_EQ(a.type1, "MIL");
  EXPECT_EQ(a.type2, "REB");
  a = SplitCameoActor("IRQMOSSHI");
  EXPECT_EQ(a.country, "IRQ");
  EXPECT_EQ(a.religion1, "MOS");
  EXPECT_EQ(a.religion2, "SHI");
  a = SplitCameoActor("SHNGOV");  // Saint Helena, not Shinto
  EXPECT_EQ(a.country, "SHN");
  EXPECT_EQ(a.religion1, "");
  a = SplitCameoActor("MED");
  EXPECT_EQ(a.country, "");
  EXPECT_EQ(a.type1, "MED");
  a = SplitCameoActor("");
  EXPECT_EQ(a.country, "");
}

TEST(ExportFormats, Fts5Query) {
  EXPECT_EQ(ToFts5Query("  Putin  Kim "), "\"Putin\" \"Kim\"");
  EXPECT_EQ(ToFts5Query("say \"no\" OR"), "\"say\" \"\"\"no\"\"\" \"OR\"");
  EXPECT_EQ(ToFts5Query("krem*"), "\"krem\"*");
  EXPECT_EQ(ToFts5Query("   "), "");
}

TEST_P(ExportTest, GdeltHas61FieldsAndGdeltValues) {
  std::string text = ExportEventsText(All(), ExportFormat::kGdelt, /*header=*/true);
  std::vector<std::string> lines = Lines(text);
  ASSERT_EQ(lines.size(), 6u);  // header + 5 events
  const auto& names = GdeltEventColumnNames();
  std::vector<std::string> header = Split(lines[0], '\t');
  ASSERT_EQ(header.size(), 61u);
  for (size_t i = 0; i < 61; ++i) EXPECT_EQ(header[i], names[i]);

  std::map<int64_t, std::map<std::string, std::string>> rows;
  for (size_t l = 1; l < lines.size(); ++l) {
    std::vector<std::string> f = Split(lines[l], '\t');
    ASSERT_EQ(f.size(), 61u) << lines[l];
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < 61; ++i) row[std::string(names[i])] = f[i];
    rows[std::stoll(f[0])] = row;
  }
  auto& e1 = rows[1];
  EXPECT_EQ(e1["Day"], "20240619");
  EXPECT_EQ(e1["MonthYear"], "202406");
  EXPECT_EQ(e1["Year"], "2024");
  EXPECT_EQ(e1["FractionDate"], "2024.4630");  // 2024 + (5 * 30 + 19) / 365
  EXPECT_EQ(e1["Actor1Code"], "RUSGOV");
  EXPECT_EQ(e1["Actor1Name"], "Vladimir Putin");
  EXPECT_EQ(e1["Actor1CountryCode"], "RUS");
  EXPECT_EQ(e1["Actor1Type1Code"], "GOV");
  EXPECT_EQ(e1["Actor2Code"], "PRKGOV");
  EXPECT_EQ(e1["Actor2CountryCode"], "PRK");
  EXPECT_EQ(e1["IsRootEvent"], "1");
  EXPECT_EQ(e1["EventCode"], "057");
  EXPECT_EQ(e1["EventBaseCode"], "057");
  EXPECT_EQ(e1["EventRootCode"], "05");
  EXPECT_EQ(e1["QuadClass"], "1");
  EXPECT_EQ(e1["GoldsteinScale"], "8.0");
  EXPECT_EQ(e1["NumMentions"], "2");
  EXPECT_EQ(e1["NumSources"], "1");
  EXPECT_EQ(e1["NumArticles"], "1");
  EXPECT_EQ(e1["AvgTone"], "");
  EXPECT_EQ(e1["Actor1Geo_Type"], "0");
  EXPECT_EQ(e1["Actor1Geo_FullName"], "");
  EXPECT_EQ(e1["Actor2Geo_Type"], "0");
  EXPECT_EQ(e1["ActionGeo_Type"], "4");  // a city outside the US
  EXPECT_EQ(e1["ActionGeo_FullName"], "Pyongyang");
  EXPECT_EQ(e1["ActionGeo_CountryCode"], "PRK");
  EXPECT_EQ(e1["ActionGeo_ADM1Code"], "");
  EXPECT_EQ(e1["ActionGeo_Lat"], "39.0194");
  EXPECT_EQ(e1["ActionGeo_Long"], "125.7381");
  EXPECT_EQ(e1["ActionGeo_FeatureID"], "1871859");
  EXPECT_EQ(e1["DATEADDED"], "20240701102030");
  EXPECT_EQ(e1["SOURCEURL"], "https://example.org/pact");

  auto& e3 = rows[3];
  EXPECT_EQ(e3["Day"], "20240601");  // month precision: the month's first day
  EXPECT_EQ(e3["MonthYear"], "202406");
  EXPECT_EQ(e3["Actor1Name"], "il Cremlino russo");  // tab and newline replaced
  EXPECT_EQ(e3["Actor2Code"], "UKR");
  EXPECT_EQ(e3["Actor2Type1Code"], "");
  EXPECT_EQ(e3["GoldsteinScale"], "-2.0");
  EXPECT_EQ(e3["ActionGeo_Type"], "1");
  EXPECT_EQ(e3["ActionGeo_ADM1Code"], "UKR");
  EXPECT_EQ(e3["ActionGeo_FeatureID"], "UKR");
  EXPECT_EQ(e3["SOURCEURL"], "doc-two");  // no URL: the document id

  auto& e4 = rows[4];
  EXPECT_EQ(e4["Day"], "");
  EXPECT_EQ(e4["FractionDate"], "");
  EXPECT_EQ(e4["Actor1CountryCode"], "");
  EXPECT_EQ(e4["Actor1KnownGroupCode"], "UNO");
  EXPECT_EQ(e4["Actor1Type1Code"], "IGO");
  EXPECT_EQ(e4["Actor2Code"], "");
  EXPECT_EQ(e4["IsRootEvent"], "0");  // reported in sentence 4 only
  EXPECT_EQ(e4["EventBaseCode"], "010");
  EXPECT_EQ(e4["ActionGeo_Type"], "0");
  EXPECT_EQ(e4["ActionGeo_Lat"], "");

  auto& e5 = rows[5];
  EXPECT_EQ(e5["ActionGeo_Type"], "2");  // a US state
  EXPECT_EQ(e5["ActionGeo_ADM1Code"], "USCA");
  EXPECT_EQ(e5["ActionGeo_FeatureID"], "USCA");
  EXPECT_EQ(e5["ActionGeo_CountryCode"], "USA");
}

TEST_P(ExportTest, GdeltWithoutHeader) {
  std::vector<std::string> lines = Lines(ExportEventsText(All(), ExportFormat::kGdelt));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].substr(0, 2), "1\t");
}

TEST_P(ExportTest, PloverLinesAreJsonWithRequiredFields) {
  std::vector<std::string> lines = Lines(ExportEventsText(All(), ExportFormat::kPlover));
  ASSERT_EQ(lines.size(), 5u);
  std::map<std::string, nlohmann::json> by_id;
  for (const std::string& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line);  // throws on invalid JSON
    for (const char* key : {"id", "date", "actor", "event", "recipient", "event_text", "mode",
                            "context", "text_info", "code", "goldstein", "quad"}) {
      EXPECT_TRUE(j.contains(key)) << key << " missing in " << line;
    }
    EXPECT_TRUE(j["id"].is_string());
    EXPECT_TRUE(j["context"].is_array());
    EXPECT_TRUE(j["text_info"].is_object());
    by_id[j["id"].get<std::string>()] = j;
  }
  const nlohmann::json& e1 = by_id["1"];
  EXPECT_EQ(e1["date"], "2024-06-19");
  EXPECT_EQ(e1["actor"], "RUSGOV");
  EXPECT_EQ(e1["recipient"], "PRKGOV");
  EXPECT_EQ(e1["event"], "AGREE");
  EXPECT_EQ(e1["mode"], "");
  EXPECT_EQ(e1["event_text"], "Putin and Kim sign pact");
  EXPECT_EQ(e1["code"], "057");
  EXPECT_EQ(e1["quad"], 1);
  EXPECT_DOUBLE_EQ(e1["goldstein"].get<double>(), 8.0);
  EXPECT_EQ(e1["text_info"]["doc_id"], "pact");
  EXPECT_EQ(e1["text_info"]["url"], "https://example.org/pact");
  EXPECT_EQ(e1["text_info"]["lang"], "en");
  EXPECT_EQ(e1["text_info"]["sentence"], 0);
  EXPECT_EQ(e1["text_info"]["trigger"], "sign");
  EXPECT_EQ(e1["text_info"]["rule"], "en/events/01-05.txt:1276");
  EXPECT_EQ(e1["location"]["name"], "Pyongyang");
  const nlohmann::json& e3 = by_id["3"];
  EXPECT_EQ(e3["date"], "2024-06-01");
  EXPECT_EQ(e3["date_precision"], "month");
  EXPECT_EQ(e3["mode"], "negated");
  EXPECT_EQ(e3["event_text"], "Il Cremlino ha respinto, \"con forza\",\nle accuse\tdi Kiev.");
  EXPECT_TRUE(e3["text_info"]["url"].is_null());
  EXPECT_EQ(by_id["4"]["mode"], "hypothetical");
  EXPECT_TRUE(by_id["4"]["date"].is_null());
  EXPECT_TRUE(by_id["4"]["location"].is_null());
  EXPECT_EQ(by_id["4"]["recipient"], "");
  EXPECT_EQ(by_id["5"]["mode"], "future");
}

TEST_P(ExportTest, CsvQuotesCommasQuotesAndNewlines) {
  std::string text = ExportEventsText(All(), ExportFormat::kCsv);
  std::vector<std::vector<std::string>> rows = ParseCsv(text);
  ASSERT_EQ(rows.size(), 6u);
  const std::vector<std::string>& header = rows[0];
  for (const auto& r : rows) ASSERT_EQ(r.size(), header.size());
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  ASSERT_TRUE(col.count("doc_title") && col.count("sentence") && col.count("source_name"));
  const std::vector<std::string>& e3 = rows[3];
  EXPECT_EQ(e3[col["id"]], "3");
  EXPECT_EQ(e3[col["date"]], "2024-06");
  EXPECT_EQ(e3[col["doc_title"]], "Titolo, con \"virgolette\"\ne a capo");
  EXPECT_EQ(e3[col["sentence"]], "Il Cremlino ha respinto, \"con forza\",\nle accuse\tdi Kiev.");
  EXPECT_EQ(e3[col["source_name"]], "il\tCremlino\nrusso");
  EXPECT_EQ(e3[col["goldstein"]], "-2");
  EXPECT_EQ(e3[col["lat"]], "49");
  EXPECT_EQ(rows[1][col["lon"]], "125.738052");
  EXPECT_EQ(rows[4][col["lat"]], "");
  EXPECT_EQ(rows[1][col["is_root"]], "1");
  // A field that needs no quoting is not quoted.
  EXPECT_NE(text.find("\r\n1,2024-06-19,day,RUSGOV,Vladimir Putin,PRKGOV,"), std::string::npos);
}

TEST_P(ExportTest, QuotesOneLinePerQuotation) {
  QuoteFilter f;
  f.limit = 0;
  std::vector<std::string> lines =
      Lines(ExportQuotesText(f, ExportFormat::kQuotes, /*header=*/true));
  ASSERT_EQ(lines.size(), 5u);  // header + 4 quotes (the scare quote is left out)
  EXPECT_EQ(lines[0],
            "DATE\tDocumentIdentifier\tOffset\tLength\tVerb\tQuote\tSpeaker\tSpeakerActor");
  for (const std::string& l : lines) EXPECT_EQ(Split(l, '\t').size(), 8u) << l;
  std::vector<std::string> q = Split(lines[1], '\t');
  EXPECT_EQ(q[0], "20240619000000");
  EXPECT_EQ(q[1], "https://example.org/pact");
  EXPECT_EQ(q[2], "10");
  EXPECT_EQ(q[3],
            std::to_string(std::string("If one of the parties\tis attacked,\nwe help").size()));
  EXPECT_EQ(q[4], "told");
  EXPECT_EQ(q[5], "If one of the parties is attacked, we help");
  EXPECT_EQ(q[6], "Vladimir Putin");
  EXPECT_EQ(q[7], "RUSGOV");
  q = Split(lines[3], '\t');
  EXPECT_EQ(q[0], "20240601000000");  // a month-precision document date
  EXPECT_EQ(q[1], "doc-two");
  EXPECT_EQ(q[5], "Non è vero");

  f.with_scare = true;
  EXPECT_EQ(Lines(ExportQuotesText(f, ExportFormat::kQuotes)).size(), 5u);
  f.with_scare = false;
  f.speaker = "peskov";
  lines = Lines(ExportQuotesText(f, ExportFormat::kQuotes));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("Dmitry Peskov"), std::string::npos);
  f.speaker = "rus";
  EXPECT_EQ(Lines(ExportQuotesText(f, ExportFormat::kQuotes)).size(), 3u);
  f.speaker.clear();
  f.from = "2024-06";
  f.to = "2024-06-30";
  EXPECT_EQ(Lines(ExportQuotesText(f, ExportFormat::kQuotes)).size(), 3u);
}

TEST_P(ExportTest, GkgQuotesOneLinePerDocument) {
  QuoteFilter f;
  f.limit = 0;
  std::vector<std::string> lines =
      Lines(ExportQuotesText(f, ExportFormat::kGkgQuotes, /*header=*/true));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "DATE\tSourceCommonName\tDocumentIdentifier\tQuotations\tSpeakers");
  std::vector<std::string> d = Split(lines[1], '\t');
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0], "20240619000000");
  EXPECT_EQ(d[1], "Example News");
  EXPECT_EQ(d[2], "https://example.org/pact");
  std::vector<std::string> blocks = Split(d[3], '#');
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0], "10|42|told|If one of the parties is attacked, we help");
  EXPECT_EQ(blocks[1], "120|33|called|a truly   breakthrough   document");
  EXPECT_EQ(d[4], "10|Vladimir Putin|RUSGOV#120|Vladimir Putin|RUSGOV");
  EXPECT_EQ(Split(lines[3], '\t')[4], "0||");

  f.limit = 2;
  lines = Lines(ExportQuotesText(f, ExportFormat::kGkgQuotes, false, /*batch=*/1));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Split(lines[1], '\t')[2], "doc-two");
  f.offset = 1;
  lines = Lines(ExportQuotesText(f, ExportFormat::kGkgQuotes));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Split(lines[0], '\t')[2], "doc-two");
  EXPECT_EQ(Split(lines[1], '\t')[2], "https://example.org/three");
}

TEST_P(ExportTest, BatchesLimitAndOffsetGiveTheSameRows) {
  const std::string whole = ExportEventsText(All(), ExportFormat::kGdelt);
  for (int64_t batch : {1, 2, 3, 100}) {
    EXPECT_EQ(ExportEventsText(All(), ExportFormat::kGdelt, false, batch), whole) << batch;
  }
  std::vector<std::string> lines = Lines(whole);
  EventFilter f = All();
  f.offset = 1;
  f.limit = 3;
  for (int64_t batch : {0, 1, 2, 10}) {
    std::vector<std::string> part = Lines(ExportEventsText(f, ExportFormat::kGdelt, false, batch));
    ASSERT_EQ(part.size(), 3u) << batch;
    EXPECT_EQ(part[0], lines[1]);
    EXPECT_EQ(part[2], lines[3]);
  }
  f.limit = 0;
  f.offset = 4;
  EXPECT_EQ(Lines(ExportEventsText(f, ExportFormat::kGdelt)).size(), 1u);
  QuoteFilter q;
  q.limit = 0;
  q.with_scare = true;
  EXPECT_EQ(ExportQuotesText(q, ExportFormat::kQuotes, true, 1),
            ExportQuotesText(q, ExportFormat::kQuotes, true, 0));
  EXPECT_EQ(ExportQuotesText(q, ExportFormat::kGkgQuotes, true, 1),
            ExportQuotesText(q, ExportFormat::kGkgQuotes, true, 0));
}

TEST_P(ExportTest, EventWhereSelects) {
  using Ids = std::vector<int64_t>;
  EventFilter f = All();
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 3, 4, 5}));
  f.actors = {"rus"};
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 3}));
  f.actors = {"PRK", "IGO"};
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 4}));
  f = All();
  f.source = "RUS";
  f.target = "PRK";
  EXPECT_EQ(this->Ids(f), (Ids{1}));
  f.undirected = true;
  EXPECT_EQ(this->Ids(f), (Ids{1, 2}));
  f = All();
  f.source = "RUS";
  EXPECT_EQ(this->Ids(f), (Ids{1, 3}));
  f = All();
  f.codes = {"05", "11"};
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 3}));
  f.codes = {"0"};
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 4, 5}));
  f = All();
  f.quads = {3};
  EXPECT_EQ(this->Ids(f), (Ids{3}));
  f = All();
  f.modalities = {"asserted", "future"};
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 5}));
  f = All();
  f.from = "2024-06";
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 3}));
  f.to = "2024-06-18";
  EXPECT_EQ(this->Ids(f), (Ids{3}));
  f = All();
  f.to = "2024";
  EXPECT_EQ(this->Ids(f), (Ids{1, 2, 3, 5}));
  f = All();
  f.lang = "it";
  EXPECT_EQ(this->Ids(f), (Ids{3}));
  f = All();
  f.text = "pyongyang";
  EXPECT_EQ(this->Ids(f), (Ids{1, 2}));
  f.text = "accuse OR \"";  // FTS5 syntax is plain text
  EXPECT_EQ(this->Ids(f), (Ids{}));
  f.text = "cremlin*";
  EXPECT_EQ(this->Ids(f), (Ids{3}));
  f.lang = "en";
  EXPECT_EQ(this->Ids(f), (Ids{}));  // lang and text hold for the same report
  f = All();
  f.doc = 3;
  EXPECT_EQ(this->Ids(f), (Ids{4, 5}));
  f.actors = {"USA"};
  EXPECT_EQ(this->Ids(f), (Ids{5}));
}

TEST_P(ExportTest, BadFiltersAreInvalidArguments) {
  std::string sql;
  std::vector<SqlValue> params;
  EventFilter f = All();
  f.from = "2024-13-01";
  EXPECT_EQ(AppendEventWhere(f, SqlDialect::kSqlite, &sql, &params).code(),
            StatusCode::kInvalidArgument);
  f = All();
  f.to = "19 June";
  EXPECT_EQ(AppendEventWhere(f, SqlDialect::kSqlite, &sql, &params).code(),
            StatusCode::kInvalidArgument);
  f = All();
  f.quads = {5};
  EXPECT_EQ(AppendEventWhere(f, SqlDialect::kSqlite, &sql, &params).code(),
            StatusCode::kInvalidArgument);
  f = All();
  f.modalities = {"certain"};
  EXPECT_EQ(AppendEventWhere(f, SqlDialect::kSqlite, &sql, &params).code(),
            StatusCode::kInvalidArgument);
  EXPECT_TRUE(sql.empty());
  EXPECT_TRUE(params.empty());
  std::ostringstream out;
  ExportOptions o;
  o.format = ExportFormat::kQuotes;
  EXPECT_EQ(ExportEvents(*db_, All(), o, out).status().code(), StatusCode::kInvalidArgument);
  o.format = ExportFormat::kCsv;
  EXPECT_EQ(ExportQuotes(*db_, QuoteFilter(), o, out).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ExportFormats, TsQueryWhereUsesTheFtsIndexExpression) {
  std::string sql;
  std::vector<SqlValue> params;
  EventFilter f;
  f.text = "Putin it's krem*";
  ASSERT_TRUE(AppendEventWhere(f, SqlDialect::kPostgres, &sql, &params).ok());
  EXPECT_NE(sql.find("to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text)"),
            std::string::npos);
  ASSERT_EQ(params.size(), 1u);
  EXPECT_EQ(std::get<std::string>(params[0]), "'Putin' & 'it''s' & 'krem':*");
}

TEST_P(ExportTest, WriteFailureIsAnIoError) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  ExportOptions o;
  auto r = ExportEvents(*db_, All(), o, out);
  EXPECT_EQ(r.status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace cronista
