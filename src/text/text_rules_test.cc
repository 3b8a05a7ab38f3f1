#include "text/text_rules.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace cronista {
namespace {

namespace fs = std::filesystem;

std::string LangDir(const std::string& lang) {
  return std::string(CRONISTA_SOURCE_DATA_DIR) + "/" + lang;
}

// A scratch language folder, removed at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    path_ = fs::temp_directory_path() /
            ("cronista_text_rules_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(path_ / name, std::ios::binary) << content;
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

TEST(TextRulesTest, LoadsItalian) {
  auto rules = LoadTextRules(LangDir("it"), "it");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->lang, "it");
  EXPECT_TRUE(rules->split_elision);
  EXPECT_TRUE(rules->clitic_suffixes.empty());
  for (const char* a : {"sen.", "dott.", "dott.ssa", "prof.", "on.",  "avv.", "ing.",  "gen.",
                        "col.", "magg.", "pag.",     "ecc.",  "cfr.", "sig.", "sigg.", "p.es.",
                        "a.c.", "d.c.",  "s.p.a.",   "n.",    "art.", "c.d."}) {
    EXPECT_TRUE(rules->IsAbbreviation(a)) << a;
  }
  EXPECT_GE(rules->abbreviations.size(), 50u);
  EXPECT_EQ(rules->sentence_final_abbreviations.count("ecc."), 1u);
  EXPECT_EQ(rules->sentence_final_abbreviations.count("sen."), 0u);
  EXPECT_EQ(rules->cased_abbreviations.count("sen."), 0u);
  EXPECT_EQ(rules->elision_prefixes.count("dell"), 1u);
  EXPECT_EQ(rules->apostrophe_words.count("po'"), 1u);
  EXPECT_EQ(rules->quote_cues.count("detto"), 1u);
}

TEST(TextRulesTest, LoadsEnglish) {
  auto rules = LoadTextRules(LangDir("en"), "en");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_FALSE(rules->split_elision);
  EXPECT_EQ(rules->clitic_suffixes,
            (std::vector<std::string>{"'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}));
  for (const char* a :
       {"mr.",  "mrs.", "dr.",  "u.s.",  "jan.", "sept.", "gov.", "sen.", "rep.", "gen.", "lt.",
        "col.", "st.",  "inc.", "corp.", "ltd.", "co.",   "no.",  "vs.",  "etc.", "ph.d."}) {
    EXPECT_TRUE(rules->IsAbbreviation(a)) << a;
  }
  EXPECT_GE(rules->abbreviations.size(), 50u);
  EXPECT_EQ(rules->cased_abbreviations.count("no."), 1u);
  EXPECT_EQ(rules->sentence_final_abbreviations.count("etc."), 1u);
  EXPECT_EQ(rules->abbreviation_prefixes.count("ph."), 1u);
  EXPECT_EQ(rules->quote_cues.count("said"), 1u);
}

TEST(TextRulesTest, LoadsFrenchAndSpanish) {
  auto fr = LoadTextRules(LangDir("fr"), "fr");
  ASSERT_TRUE(fr.ok()) << fr.status().ToString();
  EXPECT_TRUE(fr->split_elision);
  EXPECT_TRUE(fr->IsAbbreviation("m."));
  EXPECT_TRUE(fr->IsAbbreviation("mme"));
  EXPECT_GT(fr->max_plain_abbreviation_length, 0u);
  auto es = LoadTextRules(LangDir("es"), "es");
  ASSERT_TRUE(es.ok()) << es.status().ToString();
  EXPECT_FALSE(es->split_elision);
  EXPECT_TRUE(es->IsAbbreviation("sr."));
  EXPECT_TRUE(es->IsAbbreviation("ee.uu."));
  EXPECT_EQ(es->abbreviation_prefixes.count("ee."), 1u);
}

TEST(TextRulesTest, MissingFolderGivesDefaults) {
  auto rules = LoadTextRules("/nonexistent/cronista/xx", "xx");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->lang, "xx");
  EXPECT_TRUE(rules->abbreviations.empty());
  EXPECT_FALSE(rules->split_elision);
  EXPECT_TRUE(rules->clitic_suffixes.empty());
}

TEST(TextRulesTest, MissingFileGivesDefaultsForItsPart) {
  ScratchDir dir;
  dir.Write("tokenizer.txt", "elision yes\n");
  auto rules = LoadTextRules(dir.path(), "xx");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_TRUE(rules->split_elision);
  EXPECT_TRUE(rules->abbreviations.empty());
}

TEST(TextRulesTest, CommentsBlankLinesAndOptions) {
  ScratchDir dir;
  dir.Write("abbreviations.txt",
            "\xEF\xBB\xBF# comment\n\nMr.\r\nsen.   # senatore\netc.\tmay-end\nNo.\n");
  dir.Write("tokenizer.txt",
            "# c\nelision no\nclitics 's n’t\nclitics 're\nquote_cues Said\n"
            "apostrophe_words po’\nelision_prefixes l' dell\n");
  auto rules = LoadTextRules(dir.path(), "xx");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->abbreviations.size(), 4u);
  EXPECT_TRUE(rules->IsAbbreviation("mr."));
  EXPECT_TRUE(rules->IsAbbreviation("sen."));
  EXPECT_TRUE(rules->IsAbbreviation("etc."));
  EXPECT_EQ(rules->abbreviations_as_written,
            (std::vector<std::string>{"Mr.", "sen.", "etc.", "No."}));
  EXPECT_EQ(rules->sentence_final_abbreviations.count("etc."), 1u);
  EXPECT_EQ(rules->cased_abbreviations.count("no."), 1u);
  EXPECT_EQ(rules->cased_abbreviations.count("sen."), 0u);
  EXPECT_EQ(rules->clitic_suffixes, (std::vector<std::string>{"'s", "n't", "'re"}));
  EXPECT_EQ(rules->quote_cues.count("said"), 1u);
  EXPECT_EQ(rules->apostrophe_words.count("po'"), 1u);
  EXPECT_EQ(rules->elision_prefixes.count("l"), 1u);
  EXPECT_EQ(rules->elision_prefixes.count("dell"), 1u);
}

TEST(TextRulesTest, SpellingsWithBothCasesAreNotCased) {
  TextRules rules;
  rules.AddAbbreviation("Sen.");
  EXPECT_EQ(rules.cased_abbreviations.count("sen."), 1u);
  rules.AddAbbreviation("sen.");
  EXPECT_EQ(rules.cased_abbreviations.count("sen."), 0u);
  rules.AddAbbreviation("Sen.");
  EXPECT_EQ(rules.cased_abbreviations.count("sen."), 0u);
}

TEST(TextRulesTest, UnknownKeyNamesFileAndLine) {
  ScratchDir dir;
  dir.Write("tokenizer.txt", "# settings\nelision yes\nfoo bar\n");
  auto rules = LoadTextRules(dir.path(), "xx");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(rules.status().message().find("tokenizer.txt:3: unknown key 'foo'"), std::string::npos)
      << rules.status().message();
}

TEST(TextRulesTest, MalformedValuesAreErrors) {
  struct Case {
    const char* file;
    const char* content;
    const char* expected;
  };
  for (const Case& c : {
           Case{"tokenizer.txt", "elision maybe\n", "tokenizer.txt:1:"},
           Case{"tokenizer.txt", "elision\n", "tokenizer.txt:1:"},
           Case{"tokenizer.txt", "\nclitics s\n", "tokenizer.txt:2:"},
           Case{"tokenizer.txt", "clitics\n", "tokenizer.txt:1:"},
           Case{"tokenizer.txt", "apostrophe_words po\n", "tokenizer.txt:1:"},
           Case{"abbreviations.txt", "Mr.\nsen. senatore\n", "abbreviations.txt:2:"},
           Case{"abbreviations.txt", "...\n", "abbreviations.txt:1:"},
       }) {
    ScratchDir dir;
    dir.Write(c.file, c.content);
    auto rules = LoadTextRules(dir.path(), "xx");
    ASSERT_FALSE(rules.ok()) << c.content;
    EXPECT_NE(rules.status().message().find(c.expected), std::string::npos)
        << rules.status().message();
  }
}

}  // namespace
}  // namespace cronista
