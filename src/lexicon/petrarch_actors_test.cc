#include "lexicon/petrarch_actors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace cronista {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string kDataDir = std::string(CRONISTA_TEST_DATA_DIR) + "/petrarch";

const ActorSpec* FindActor(const DictionarySet& d, const std::string& entity) {
  for (const ActorSpec& a : d.actors) {
    if (a.entity == entity) return &a;
  }
  return nullptr;
}

const AgentSpec* FindAgent(const DictionarySet& d, const std::string& phrase) {
  for (const AgentSpec& a : d.agents) {
    if (!a.phrases.empty() && a.phrases[0] == phrase) return &a;
  }
  return nullptr;
}

bool Dated(const ActorSpec& a, const std::string& code, DayNumber start, DayNumber end) {
  for (const DatedCode& dc : a.dated) {
    if (dc.code == code && dc.start == start && dc.end == end && dc.office.empty()) return true;
  }
  return false;
}

// A scratch file under the test's temporary directory.
class PetrarchFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("petrarch_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  fs::path dir_;
};

TEST(PetrarchDateTest, InfersTheCentury) {
  DayNumber d = 0;
  ASSERT_TRUE(ParsePetrarchDate("670101", &d));
  EXPECT_EQ(d, 19670101);
  ASSERT_TRUE(ParsePetrarchDate("120507", &d));
  EXPECT_EQ(d, 20120507);
  ASSERT_TRUE(ParsePetrarchDate("300615", &d));  // 00-30: 21st century
  EXPECT_EQ(d, 20300615);
  ASSERT_TRUE(ParsePetrarchDate("310101", &d));  // 31-99: 20th
  EXPECT_EQ(d, 19310101);
  ASSERT_TRUE(ParsePetrarchDate("19270101", &d));
  EXPECT_EQ(d, 19270101);
  ASSERT_TRUE(ParsePetrarchDate("000229", &d));
  EXPECT_EQ(d, 20000229);
  EXPECT_FALSE(ParsePetrarchDate("010229", &d));  // 2001 is not a leap year
  EXPECT_FALSE(ParsePetrarchDate("991301", &d));
  EXPECT_FALSE(ParsePetrarchDate("990100", &d));
  EXPECT_FALSE(ParsePetrarchDate("12345", &d));
  EXPECT_FALSE(ParsePetrarchDate("2004017", &d));
  EXPECT_FALSE(ParsePetrarchDate("12a456", &d));
  EXPECT_FALSE(ParsePetrarchDate("", &d));
}

TEST(PetrarchPhraseTest, PlainLowerCaseText) {
  EXPECT_EQ(PetrarchPhraseToText("VLADIMIR_V._PUTIN_"), "vladimir v. putin");
  EXPECT_EQ(PetrarchPhraseToText("SUPREME_PEOPLE _COURT  "), "supreme people court");
  EXPECT_EQ(PetrarchPhraseToText("_LEADING_"), "leading");
  EXPECT_EQ(PetrarchPhraseToText("US_PREsident George Bush"), "us president george bush");
  EXPECT_EQ(PetrarchPhraseToText("RECEP_TAYYIP_ERDO\xC4\x9E"
                                 "AN"),
            "recep tayyip erdo\xC4\x9F"
            "an");
  EXPECT_EQ(PetrarchPhraseToText("Z\x1AZ"), "zz");  // control characters dropped
  EXPECT_EQ(PetrarchPhraseToText("__"), "");
}

TEST(PetrarchActorsTest, BlocksSynonymsAndCodes) {
  DictionarySet d;
  PetrarchLoadStats stats;
  ASSERT_TRUE(LoadPetrarchActors(kDataDir + "/sample.actors.txt", &d, &stats).ok());
  ASSERT_EQ(d.actors.size(), 10u);
  EXPECT_EQ(stats.actors, 10u);
  EXPECT_EQ(stats.files, 1u);

  // Head + synonyms, two synonyms on one line, duplicates dropped.
  const ActorSpec* c = FindActor(d, "petrarch:FREEDONIA");
  ASSERT_NE(c, nullptr);
  EXPECT_THAT(c->phrases, ElementsAre("freedonia", "freedonian", "republic of freedonia",
                                      "free donia", "freedonia republic"));
  EXPECT_EQ(c->kind, MentionKind::kCountry);
  EXPECT_EQ(c->code, "FRD");
  EXPECT_TRUE(c->dated.empty());
  EXPECT_EQ(c->name, "Freedonia");
  EXPECT_EQ(c->rule, "sample.actors.txt:4");
  EXPECT_FALSE(c->case_from_phrase);

  // '<' ends the day before; '>' starts on the day.
  const ActorSpec* s = FindActor(d, "petrarch:SYLVANIA");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->kind, MentionKind::kCountry);
  EXPECT_EQ(s->code, "");
  ASSERT_EQ(s->dated.size(), 2u);
  EXPECT_TRUE(Dated(*s, "SYLOCC", kDawnOfTime, 19901231));
  EXPECT_TRUE(Dated(*s, "SYL", 19910101, kEndOfTime));

  // A person: dated codes on their own lines, century inferred, "> date"
  // with a blank, and an undated code as the default.
  const ActorSpec* p = FindActor(d, "petrarch:RUFUS_T._FIREFLY");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, MentionKind::kPerson);
  EXPECT_EQ(p->name, "Rufus T. Firefly");
  EXPECT_THAT(p->phrases, ElementsAre("rufus t. firefly", "firefly", "president firefly"));
  EXPECT_EQ(p->code, "FRDELI");
  ASSERT_EQ(p->dated.size(), 3u);
  EXPECT_TRUE(Dated(*p, "FRDELI", 19450101, 19981231));
  EXPECT_TRUE(Dated(*p, "FRDGOV", 19990101, 20051231));
  EXPECT_TRUE(Dated(*p, "FRDGOV", 20300615, kEndOfTime));
  EXPECT_EQ(p->rule, "sample.actors.txt:14");

  // Consecutive heads without codes share the codes that follow.
  const ActorSpec* t = FindActor(d, "petrarch:AMBASSADOR_TRENTINO");
  ASSERT_NE(t, nullptr);
  EXPECT_THAT(t->phrases, ElementsAre("ambassador trentino", "trentino of sylvania"));
  EXPECT_TRUE(Dated(*t, "SYLGOV", 19851201, 20011130));
  EXPECT_EQ(t->kind, MentionKind::kPerson);
  EXPECT_EQ(FindActor(d, "petrarch:TRENTINO_OF_SYLVANIA"), nullptr);

  // Single-line entries.
  const ActorSpec* igo = FindActor(d, "petrarch:LEAGUE_OF_SMALL_NATIONS");
  ASSERT_NE(igo, nullptr);
  EXPECT_EQ(igo->kind, MentionKind::kOrg);
  EXPECT_EQ(igo->code, "IGOLSN");
  EXPECT_EQ(igo->rule, "sample.actors.txt:26");
  const ActorSpec* mnc = FindActor(d, "petrarch:MARX_BROTHERS_TRADING_COMPANY");
  ASSERT_NE(mnc, nullptr);
  EXPECT_EQ(mnc->code, "MNCFRD");  // the text after the code is ignored
  const ActorSpec* null_code = FindActor(d, "petrarch:HAIL_FREEDONIA");
  ASSERT_NE(null_code, nullptr);
  EXPECT_EQ(null_code->code, "");
  EXPECT_TRUE(null_code->dated.empty());
  const ActorSpec* rebels = FindActor(d, "petrarch:FREEDONIAN_LIBERATION_FRONT");
  ASSERT_NE(rebels, nullptr);
  EXPECT_EQ(rebels->kind, MentionKind::kGroup);
  EXPECT_THAT(rebels->phrases, ElementsAre("freedonian liberation front", "flf"));
  const ActorSpec* navy = FindActor(d, "petrarch:NAVY_OF_FREEDONIA");
  ASSERT_NE(navy, nullptr);
  EXPECT_EQ(navy->kind, MentionKind::kOrg);
  EXPECT_EQ(navy->code, "FRDMIL");

  // An unreadable date drops its code (with a note), not the actor.
  const ActorSpec* ch = FindActor(d, "petrarch:CHICOLINI");
  ASSERT_NE(ch, nullptr);
  EXPECT_TRUE(ch->dated.empty());
  EXPECT_EQ(ch->code, "FRDELI");
  EXPECT_EQ(ch->kind, MentionKind::kPerson);

  ASSERT_EQ(stats.notes.size(), 2u);
  EXPECT_THAT(stats.notes[0], HasSubstr("sample.actors.txt:27: text after the codes ignored"));
  EXPECT_THAT(stats.notes[1], HasSubstr("sample.actors.txt:32: unreadable date '9901011'"));
}

TEST(PetrarchActorsTest, AppendsToWhatIsThere) {
  DictionarySet d;
  d.actors.emplace_back();
  ASSERT_TRUE(LoadPetrarchActors(kDataDir + "/sample.actors.txt", &d).ok());
  EXPECT_EQ(d.actors.size(), 11u);
}

TEST(PetrarchActorsTest, MalformedFileNamesTheLine) {
  DictionarySet d;
  Status s = LoadPetrarchActors(kDataDir + "/malformed/bad.actors.txt", &d);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("bad.actors.txt:6: missing ']'"));
}

TEST_F(PetrarchFileTest, ActorErrors) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"+SYNONYM_\n", "x.actors.txt:1: synonym before any actor name"},
      {"# comment\n\t[FRD]\n", "x.actors.txt:2: code before any actor name"},
      {"A_ [FRD]\nB_ [frd]\n", "x.actors.txt:2: bad code 'frd'"},
      {"A_ [FRD 1999-01-01]\n", "x.actors.txt:1: bad date restriction '1999-01-01'"},
      {"A_ [FRD >99x]\n", "x.actors.txt:1: bad date restriction '>99x'"},
      {"A_ [FRD <>990101]\n", "x.actors.txt:1: bad date restriction '<>990101'"},
      {"A_ []\n", "x.actors.txt:1: empty code"},
      {"A_ [FRD [USA]\n", "x.actors.txt:1: missing ']'"},
      {"A_ [FRD]\n+ \n", "x.actors.txt:2: empty phrase"},
      {"A_ +  [FRD]\n", "x.actors.txt:1: empty phrase"},
  };
  for (const Case& c : cases) {
    DictionarySet d;
    Status s = LoadPetrarchActors(Write("x.actors.txt", c.text), &d);
    EXPECT_FALSE(s.ok()) << c.text;
    EXPECT_THAT(s.message(), HasSubstr(c.error)) << c.text;
  }
  DictionarySet d;
  EXPECT_EQ(LoadPetrarchActors((dir_ / "missing.actors.txt").string(), &d).code(),
            StatusCode::kNotFound);
}

TEST_F(PetrarchFileTest, ActorRepairsAndEdgeCases) {
  DictionarySet d;
  PetrarchLoadStats stats;
  std::string path = Write("x.actors.txt",
                           "\xEF\xBB\xBFONE_ [AAAGOV 2004017-20061201]\r\n"  // PETRARCH's yyyymmd
                           "TWO_ [AAAGOV 1920030320-20060520]\n"             // stray prefix
                           "THREE_ [AAAGOV 20121207-20120802]\n"             // empty range
                           "FOUR_ [AAAGOV 19820101]\n"                       // bare date: from
                           "FIVE_ [AAAGOV <000101] [AAAGOV  >  000101] [---]\n"
                           "LAST_WITHOUT_CODE_\n");
  ASSERT_TRUE(LoadPetrarchActors(path, &d, &stats).ok());
  // THREE_ lost its only code and LAST_WITHOUT_CODE_ never had one: skipped.
  ASSERT_EQ(d.actors.size(), 4u);
  EXPECT_TRUE(Dated(d.actors[0], "AAAGOV", 20040107, 20061201));
  EXPECT_TRUE(Dated(d.actors[1], "AAAGOV", 20030320, 20060520));
  EXPECT_TRUE(Dated(d.actors[2], "AAAGOV", 19820101, kEndOfTime));
  EXPECT_TRUE(Dated(d.actors[3], "AAAGOV", kDawnOfTime, 19991231));
  EXPECT_TRUE(Dated(d.actors[3], "AAAGOV", 20000101, kEndOfTime));
  EXPECT_EQ(d.actors[3].code, "");
  EXPECT_EQ(d.actors[0].rule, "x.actors.txt:1");
  EXPECT_EQ(d.actors[0].phrases[0], "one");
  ASSERT_EQ(stats.notes.size(), 6u);
  EXPECT_THAT(stats.notes[0], HasSubstr("x.actors.txt:1: date '2004017'"));
  EXPECT_THAT(stats.notes[1], HasSubstr("x.actors.txt:2: date '1920030320'"));
  EXPECT_THAT(stats.notes[2], HasSubstr("x.actors.txt:3: empty date range"));
  EXPECT_THAT(stats.notes[3], HasSubstr("x.actors.txt:3: actor 'THREE_' has no usable code"));
  EXPECT_THAT(stats.notes[4], HasSubstr("x.actors.txt:4: bare date"));
  EXPECT_THAT(stats.notes[5], HasSubstr("x.actors.txt:6: actor 'LAST_WITHOUT_CODE_' has no code"));
}

TEST(PetrarchAgentsTest, PluralsAndSubstitutions) {
  DictionarySet d;
  PetrarchLoadStats stats;
  ASSERT_TRUE(LoadPetrarchAgents(kDataDir + "/sample.agents.txt", &d, &stats).ok());
  ASSERT_EQ(d.agents.size(), 13u);
  auto phrases = [&](const std::string& first) {
    const AgentSpec* a = FindAgent(d, first);
    return a == nullptr ? std::vector<std::string>{"<missing>"} : a->phrases;
  };
  EXPECT_THAT(phrases("goatherd"), ElementsAre("goatherd", "goatherds"));
  EXPECT_THAT(phrases("heiress"), ElementsAre("heiress", "heiresses"));
  EXPECT_THAT(phrases("deputy"), ElementsAre("deputy", "deputies"));
  EXPECT_THAT(phrases("attorney general"), ElementsAre("attorney general", "attorneys general"));
  EXPECT_THAT(phrases("constabulary"), ElementsAre("constabulary"));
  EXPECT_THAT(phrases("militiaman"), ElementsAre("militiaman", "militiamen"));
  EXPECT_THAT(phrases("human rights activists"), ElementsAre("human rights activists"));
  EXPECT_THAT(phrases("congressman"),
              ElementsAre("congressman", "congressmen", "congresswoman", "congresswomen"));
  EXPECT_THAT(phrases("department of defence"),
              ElementsAre("department of defence", "departments of defence", "office of defence",
                          "offices of defence"));

  const AgentSpec* a = FindAgent(d, "goatherd");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->sector, "AGR");
  EXPECT_EQ(a->office, "");
  EXPECT_EQ(a->rule, "sample.agents.txt:6");
  EXPECT_FALSE(a->case_from_phrase);
  EXPECT_EQ(FindAgent(d, "department of defence")->sector, "GOVMIL");
  EXPECT_EQ(FindAgent(d, "peacekeeper")->sector, "IGO");  // "[IGO~]"
  EXPECT_EQ(FindAgent(d, "buddhist scholar")->sector, "BUDEDU");
  EXPECT_EQ(FindAgent(d, "environment agency")->sector, "ENV");  // "[~ENV}"
  EXPECT_EQ(FindAgent(d, "radical preacher")->sector, "");       // no code
  EXPECT_EQ(stats.agents, 13u);
  EXPECT_EQ(stats.notes.size(), 2u);
}

TEST_F(PetrarchFileTest, AgentErrors) {
  struct Case {
    const char* text;
    const char* error;
  };
  const Case cases[] = {
      {"A [~GOV]\n!X! B [~GOV]\n", "x.agents.txt:2: undefined substitution set !X!"},
      {"!X = A, B\n", "x.agents.txt:1: bad substitution set name '!X'"},
      {"!X! = A, , B\n", "x.agents.txt:1: empty value in substitution set !X!"},
      {"!X! = A\n!X! = B\n", "x.agents.txt:2: substitution set !X! defined twice"},
      {"A {AS [~GOV]\n", "x.agents.txt:1: missing '}'"},
      {"A {AS} B [~GOV]\n", "x.agents.txt:1: unexpected text after '}'"},
      {"A [GOV]\n", "x.agents.txt:1: agent code 'GOV' must start or end with '~'"},
      {"A [~gov]\n", "x.agents.txt:1: bad agent code '~gov'"},
      {"A [~GOV\n", "x.agents.txt:1: missing ']'"},
      {"A!X [~GOV]\n", "x.agents.txt:1: unmatched '!'"},
      {"{AS} [~GOV]\n", "x.agents.txt:1: missing phrase"},
  };
  for (const Case& c : cases) {
    DictionarySet d;
    Status s = LoadPetrarchAgents(Write("x.agents.txt", c.text), &d);
    EXPECT_FALSE(s.ok()) << c.text;
    EXPECT_THAT(s.message(), HasSubstr(c.error)) << c.text;
  }
}

TEST(PetrarchDiscardsTest, StoryAndSentenceLevel) {
  DictionarySet d;
  PetrarchLoadStats stats;
  ASSERT_TRUE(LoadPetrarchDiscards(kDataDir + "/sample.discards.txt", &d, &stats).ok());
  EXPECT_THAT(d.discards,
              ElementsAre("bird flu", "+world cup", "+grand prix", "chess olympiad", "1899"));
  EXPECT_EQ(stats.discards, 5u);
  EXPECT_EQ(stats.story_discards, 2u);
}

TEST_F(PetrarchFileTest, DiscardErrors) {
  DictionarySet d;
  Status s = LoadPetrarchDiscards(Write("x.discards.txt", "BIRD FLU\nRUSSIA_ [RUS]\n"), &d);
  EXPECT_THAT(s.message(), HasSubstr("x.discards.txt:2: unexpected bracket"));
  s = LoadPetrarchDiscards(Write("x.discards.txt", "BIRD FLU\n+  # nothing\n"), &d);
  EXPECT_THAT(s.message(), HasSubstr("x.discards.txt:2: empty discard"));
}

TEST_F(PetrarchFileTest, Directory) {
  DictionarySet d;
  PetrarchLoadStats stats;
  // The test folder: three dictionaries; malformed/ is not read.
  ASSERT_TRUE(LoadPetrarchDirectory(kDataDir, &d, &stats).ok());
  EXPECT_EQ(stats.files, 3u);
  EXPECT_EQ(d.actors.size(), 10u);
  EXPECT_EQ(d.agents.size(), 13u);
  EXPECT_EQ(d.discards.size(), 5u);

  Write("CAMEO.verbs.txt", "whatever\n");
  Status s = LoadPetrarchDirectory(dir_.string(), &d);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("no PETRARCH dictionaries"));
  EXPECT_EQ(LoadPetrarchDirectory((dir_ / "nowhere").string(), &d).code(), StatusCode::kNotFound);
  // An error in any file stops the load and names it.
  Write("My.Actors.txt", "A_ [AAA]\n+B_\n\t[AAA >1x]\n");
  s = LoadPetrarchDirectory(dir_.string(), &d);
  EXPECT_THAT(s.message(), HasSubstr("My.Actors.txt:3: bad date restriction"));
}

// The real Phoenix dictionaries, when ../shared is there.
TEST(PetrarchRealFilesTest, LoadsThePhoenixDictionaries) {
  const std::string dir =
      std::string(CRONISTA_SOURCE_DATA_DIR) + "/../../shared/dictionaries/petrarch";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " is absent";
  DictionarySet d;
  PetrarchLoadStats stats;
  auto t0 = std::chrono::steady_clock::now();
  Status s = LoadPetrarchDirectory(dir, &d, &stats);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::cout << "[ petrarch ] " << stats.files << " files, " << stats.actors << " actors ("
            << stats.actor_phrases << " phrases, " << stats.dated_codes << " dated codes), "
            << stats.agents << " agents (" << stats.agent_phrases << " phrases), " << stats.discards
            << " discards, " << stats.notes.size() << " notes, " << ms.count() << " ms\n";
  EXPECT_EQ(stats.files, 5u);
  EXPECT_GT(d.actors.size(), 10000u);
  EXPECT_GT(d.agents.size(), 1000u);
  EXPECT_GT(d.discards.size(), 300u);
  EXPECT_LT(stats.notes.size(), 100u);  // repairs are exceptions

  const ActorSpec* putin = nullptr;
  for (const ActorSpec& a : d.actors) {
    if (std::find(a.phrases.begin(), a.phrases.end(), "vladimir putin") != a.phrases.end() &&
        a.kind == MentionKind::kPerson) {
      putin = &a;
      break;
    }
  }
  ASSERT_NE(putin, nullptr);
  bool gov_2001 = false;
  for (const DatedCode& dc : putin->dated) {
    if (dc.code == "RUSGOV" && dc.start <= 20010101 && 20010101 <= dc.end) gov_2001 = true;
  }
  EXPECT_TRUE(gov_2001);

  size_t countries = 0;
  for (const ActorSpec& a : d.actors) {
    if (a.kind == MentionKind::kCountry) ++countries;
    ASSERT_FALSE(a.phrases.empty()) << a.rule;
    for (const DatedCode& dc : a.dated) ASSERT_LE(dc.start, dc.end) << a.rule;
  }
  EXPECT_GT(countries, 150u);
}

}  // namespace
}  // namespace cronista
