#include "lexicon/petrarch_verbs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace cronista {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

const std::string kDataDir = std::string(CRONISTA_TEST_DATA_DIR) + "/petrarch";
const std::string kSmall = kDataDir + "/verbs_small.txt";
const std::string kQuirks = kDataDir + "/verbs_quirks.txt";

// An element as text: "to", "apple|passion fruit" (alternatives, words
// joined by spaces), "+", "$", "^"; a leading '=' marks adjacent elements.
std::string Show(const PatternElement& e) {
  std::string s = e.adjacent ? "=" : "";
  switch (e.kind) {
    case PatternElement::Kind::kTarget:
      return s + "+";
    case PatternElement::Kind::kSource:
      return s + "$";
    case PatternElement::Kind::kGap:
      return s + "^";
    case PatternElement::Kind::kWords:
      break;
  }
  for (size_t i = 0; i < e.alternatives.size(); ++i) {
    if (i > 0) s += "|";
    for (size_t k = 0; k < e.alternatives[i].size(); ++k) {
      if (k > 0) s += " ";
      s += e.alternatives[i][k];
    }
  }
  return s;
}

std::vector<std::string> Show(const std::vector<PatternElement>& elements) {
  std::vector<std::string> out;
  for (const PatternElement& e : elements) out.push_back(Show(e));
  return out;
}

// "verbs_small.txt:N" for the first line of the file that starts with `text`.
std::string RuleOf(const std::string& path, const std::string& text) {
  std::ifstream in(path);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.starts_with(text)) return fs::path(path).filename().string() + ":" + std::to_string(n);
  }
  ADD_FAILURE() << "no line starting with '" << text << "' in " << path;
  return "";
}

std::vector<const EventPattern*> WithRule(const std::vector<EventPattern>& all,
                                          const std::string& rule) {
  std::vector<const EventPattern*> out;
  for (const EventPattern& p : all) {
    if (p.rule == rule) out.push_back(&p);
  }
  return out;
}

class SmallFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status s = LoadPetrarchVerbs(kSmall, &out_, &stats_);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  // The patterns of the line of verbs_small.txt that starts with `text`.
  std::vector<const EventPattern*> At(const std::string& text) {
    return WithRule(out_, RuleOf(kSmall, text));
  }
  std::vector<EventPattern> out_;
  PetrarchVerbStats stats_;
};

TEST_F(SmallFileTest, Counts) {
  EXPECT_EQ(stats_.synonym_sets, 3u);
  EXPECT_EQ(stats_.verb_blocks, 4u);
  EXPECT_EQ(stats_.verbs, 13u);
  EXPECT_EQ(stats_.patterns, 40u);
  EXPECT_EQ(stats_.null_patterns, 4u);
  EXPECT_THAT(stats_.notes, IsEmpty());
  EXPECT_THAT(out_, SizeIs(40));
  int last_line = 0;
  for (const EventPattern& p : out_) {
    ASSERT_TRUE(p.rule.starts_with("verbs_small.txt:")) << p.rule;
    const int line = std::stoi(p.rule.substr(p.rule.find(':') + 1));
    EXPECT_GE(line, last_line) << "patterns come in line order";
    last_line = line;
    EXPECT_EQ(p.head_kind, HeadKind::kVerb);
    EXPECT_FALSE(p.future);
    EXPECT_TRUE(p.example.empty());
  }
}

TEST_F(SmallFileTest, VerbWithItsOwnCodeGetsAHeadOnlyPattern) {
  auto ps = At("SALUTE");
  ASSERT_THAT(ps, SizeIs(1));
  EXPECT_THAT(ps[0]->heads, ElementsAre("salute"));
  EXPECT_THAT(ps[0]->head_forms, IsEmpty());
  EXPECT_EQ(ps[0]->code, "051");
  EXPECT_EQ(ps[0]->paired, "");
  EXPECT_THAT(ps[0]->before, IsEmpty());
  EXPECT_THAT(ps[0]->after, IsEmpty());
  // A "---" block default adds no head-only pattern for the other verbs.
  EXPECT_THAT(At("---  GREET"), IsEmpty());
  EXPECT_THAT(At("GREET"), IsEmpty());
}

TEST_F(SmallFileTest, PatternsApplyToEveryVerbOfTheBlock) {
  auto ps = At("- * (TO +)");
  ASSERT_THAT(ps, SizeIs(2));
  // Single-word verbs, including those listed after the patterns ("NOD {}":
  // a literal form only) and those with their own code.
  EXPECT_THAT(ps[0]->heads, ElementsAre("greet", "wave", "salute"));
  EXPECT_THAT(ps[0]->head_forms, ElementsAre("waves", "waving", "waved", "nod"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("to", "+"));
  EXPECT_EQ(ps[0]->code, "042");
  EXPECT_EQ(ps[0]->paired, "043");
  // The multi-word verb keeps its extra word, adjacent to the verb.
  EXPECT_THAT(ps[1]->heads, ElementsAre("wave"));
  EXPECT_THAT(ps[1]->head_forms, ElementsAre("waves", "waving", "waved"));
  EXPECT_THAT(Show(ps[1]->after), ElementsAre("=at", "to", "+"));
  EXPECT_EQ(ps[1]->code, "042");
  EXPECT_EQ(ps[1]->paired, "043");
}

TEST_F(SmallFileTest, Elements) {
  auto ps = At("- $ * {OLD FRIEND}");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->before), ElementsAre("$"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("old friend"));
  EXPECT_FALSE(ps[0]->mutual);

  // A set: its members, de-duplicated, '_' joining words, trailing '_' dropped.
  ps = At("- * &FRUIT ");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("apple|pear|passion fruit"));
  EXPECT_EQ(ps[0]->code, "071");

  // A set inside a phrase; a group; a slot after the group.
  ps = At("- * (WITH {&FRUIT JUICE}) +");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->after),
              ElementsAre("with", "apple juice|pear juice|passion fruit juice", "+"));
  EXPECT_THAT(Show(ps[1]->after),
              ElementsAre("=at", "with", "apple juice|pear juice|passion fruit juice", "+"));

  ps = At("- * (AT ^) +");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("at", "^", "+"));

  ps = At("- * TAX_FREE");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("tax free"));
}

TEST_F(SmallFileTest, MutualMarker) {
  // Left of the verb '%' stands for the (compound) source, right of it for
  // the target.
  auto ps = At("- % * HANDS");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_TRUE(ps[0]->mutual);
  EXPECT_THAT(Show(ps[0]->before), ElementsAre("$"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("hands"));
  ps = At("- * (FROM ^) %");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_TRUE(ps[1]->mutual);
  EXPECT_THAT(Show(ps[1]->after), ElementsAre("=at", "from", "^", "+"));
}

TEST_F(SmallFileTest, NullAndPairedCodes) {
  auto ps = At("- * (AT ^) +");
  ASSERT_THAT(ps, SizeIs(2));
  for (const EventPattern* p : ps) {
    EXPECT_EQ(p->code, "---");
    EXPECT_EQ(p->paired, "");
  }
  ps = At("- * &VEHICLE ");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_EQ(ps[0]->code, "");  // "[:062]": only the target's paired event
  EXPECT_EQ(ps[0]->paired, "062");
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("cart|hand cart"));
}

TEST_F(SmallFileTest, MultiWordVerbWithItsOwnCode) {
  auto ps = At("+WAVE_AT");
  ASSERT_THAT(ps, SizeIs(1));
  EXPECT_THAT(ps[0]->heads, ElementsAre("wave"));
  EXPECT_THAT(ps[0]->head_forms, ElementsAre("waves", "waving", "waved"));
  EXPECT_THAT(Show(ps[0]->before), IsEmpty());
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("=at"));
  EXPECT_EQ(ps[0]->code, "0312");
}

TEST_F(SmallFileTest, BlockDefaultCode) {
  // The block's code, for the verbs without their own: one pattern for the
  // single-word verbs, one for the multi-word verb.
  auto ps = At("---  BARTER");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(ps[0]->heads, ElementsAre("barter", "swap"));
  EXPECT_THAT(ps[0]->head_forms, ElementsAre("swaps", "swapping", "swapped"));
  EXPECT_THAT(ps[0]->after, IsEmpty());
  EXPECT_EQ(ps[0]->code, "061");
  EXPECT_EQ(ps[0]->paired, "062");
  EXPECT_THAT(ps[1]->heads, ElementsAre("haggle"));
  EXPECT_THAT(ps[1]->head_forms, ElementsAre("haggles", "haggling"));  // ',' ignored
  EXPECT_THAT(Show(ps[1]->after), ElementsAre("=over"));
  EXPECT_EQ(ps[1]->code, "061");

  ps = At("TRUCK");
  ASSERT_THAT(ps, SizeIs(1));
  EXPECT_THAT(ps[0]->heads, ElementsAre("truck"));
  EXPECT_EQ(ps[0]->code, "0614");

  ps = At("- * &FRUIT_BOWL");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(ps[0]->heads, ElementsAre("barter", "swap", "truck"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("platter"));  // the set FRUIT_BOWL
}

TEST_F(SmallFileTest, SetNamesAndUnderscores) {
  // No set FRUIT_SALAD: the set FRUIT, then "salad".
  auto ps = At("- * &FRUIT_SALAD");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("apple salad|pear salad|passion fruit salad"));
  // "&VEHICLE_" is defined with a trailing '_'; "&VEHICLE_*" is the set
  // right before the verb.
  ps = At("- &VEHICLE_*");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->before), ElementsAre("=cart|hand cart"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("in", "exchange"));
}

TEST_F(SmallFileTest, WordsGluedToTheVerb) {
  auto ps = At("- CART_*_WHEELS");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->before), ElementsAre("=cart"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("=wheels"));
  EXPECT_THAT(Show(ps[1]->before), ElementsAre("=cart"));
  EXPECT_THAT(Show(ps[1]->after), ElementsAre("=over", "=wheels"));
  EXPECT_EQ(ps[1]->code, "---");
}

TEST_F(SmallFileTest, MultiWordFormsWithDifferentTails) {
  auto ps = At("- * CROWD");
  ASSERT_THAT(ps, SizeIs(5));
  EXPECT_THAT(ps[0]->heads, ElementsAre("cheer"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("crowd"));
  EXPECT_THAT(ps[1]->heads, ElementsAre("high"));
  EXPECT_THAT(ps[1]->head_forms, IsEmpty());
  EXPECT_THAT(Show(ps[1]->after), ElementsAre("=five", "crowd"));
  const char* tails[] = {"=fives", "=fived", "=fiving"};
  for (int k = 0; k < 3; ++k) {
    const EventPattern* p = ps[2 + k];
    EXPECT_THAT(p->heads, IsEmpty());
    EXPECT_THAT(p->head_forms, ElementsAre("high"));
    EXPECT_THAT(Show(p->after), ElementsAre(tails[k], "crowd"));
    EXPECT_EQ(p->code, "013");
  }
}

TEST_F(SmallFileTest, WordsBeforeTheVerbOfAMultiWordVerb) {
  auto ps = At("---  REPLANT");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(ps[0]->heads, ElementsAre("plant"));
  EXPECT_THAT(Show(ps[0]->before), ElementsAre("=re"));
  EXPECT_EQ(ps[0]->code, "043");
  EXPECT_THAT(ps[1]->heads, ElementsAre("replant"));
  EXPECT_THAT(ps[1]->before, IsEmpty());
  ps = At("- * TREES");
  ASSERT_THAT(ps, SizeIs(2));
  EXPECT_THAT(Show(ps[0]->before), ElementsAre("=re"));
  EXPECT_THAT(Show(ps[0]->after), ElementsAre("trees"));
  EXPECT_EQ(ps[0]->code, "044");
}

TEST(PetrarchVerbsTest, AppendsAndStatsAddUp) {
  std::vector<EventPattern> out(1);
  PetrarchVerbStats stats;
  ASSERT_TRUE(LoadPetrarchVerbs(kSmall, &out, &stats).ok());
  ASSERT_TRUE(LoadPetrarchVerbs(kSmall, &out, &stats).ok());
  EXPECT_THAT(out, SizeIs(81));
  EXPECT_EQ(stats.patterns, 80u);
  EXPECT_EQ(stats.verb_blocks, 8u);
  EXPECT_EQ(stats.synonym_sets, 6u);
  // No stats object needed.
  ASSERT_TRUE(LoadPetrarchVerbs(kSmall, &out).ok());
  EXPECT_THAT(out, SizeIs(121));
}

TEST(PetrarchVerbsTest, QuirksAreRepairedWithANote) {
  std::vector<EventPattern> out;
  PetrarchVerbStats stats;
  Status s = LoadPetrarchVerbs(kQuirks, &out, &stats);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_THAT(stats.notes,
              ElementsAre(HasSubstr("verbs_quirks.txt:9: text after ';' ignored"),
                          HasSubstr(":10: code '0801!' read as '0801'"),
                          HasSubstr(":10: '*' not separated from 'CLUBS'"),
                          HasSubstr(":11: unmatched closing bracket; 'CLUBS)' ignored"),
                          HasSubstr(":12: undefined synonym set &NOSUCHSET; pattern skipped"),
                          HasSubstr(":13: unusual code '12345' kept"),
                          HasSubstr(":14: text after the code ignored: 'extra'"),
                          HasSubstr(":15: '/' read as alternatives"),
                          HasSubstr(":18: verb 'juggle' also in the block at line 8"),
                          HasSubstr(":21: 2 transformation line(s) ('~') ignored")));
  ASSERT_THAT(out, SizeIs(5));
  EXPECT_EQ(out[0].code, "0801");
  EXPECT_THAT(out[0].heads, ElementsAre("juggle"));
  EXPECT_THAT(out[0].head_forms, ElementsAre("juggles", "juggled", "juggling"));
  EXPECT_THAT(Show(out[0].after), ElementsAre("clubs"));
  EXPECT_THAT(Show(out[1].after), ElementsAre("with", "clubs"));
  EXPECT_EQ(out[2].code, "12345");
  EXPECT_EQ(out[3].code, "081");
  EXPECT_THAT(Show(out[4].after), ElementsAre("batons|torches", "with", "club|torch"));
  EXPECT_EQ(stats.verb_blocks, 2u);
  EXPECT_EQ(stats.verbs, 3u);
}

TEST(PetrarchVerbsTest, MissingFile) {
  std::vector<EventPattern> out;
  EXPECT_EQ(LoadPetrarchVerbs(kDataDir + "/no_such_verbs.txt", &out).code(), StatusCode::kNotFound);
}

class PetrarchVerbErrorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("petrarch_verbs_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Loads `text` as "bad.txt" and returns the error message ("" if it loads).
  std::string Load(const std::string& text) {
    const std::string path = (dir_ / "bad.txt").string();
    std::ofstream(path, std::ios::binary) << text;
    std::vector<EventPattern> out;
    Status s = LoadPetrarchVerbs(path, &out);
    if (s.ok()) return "";
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(s.message(), HasSubstr(path));
    return s.message();
  }
  fs::path dir_;
};

TEST_F(PetrarchVerbErrorTest, MalformedLinesNameFileAndLine) {
  const std::string block = "---  ASK  [---]  ---\nASK\n";
  struct Case {
    std::string text, error;
  };
  const Case cases[] = {
      {block + "- * (TO BORDER [010]\n", "bad.txt:3: unterminated '('"},
      {block + "- * {BANNED PARTIES [010]\n", "bad.txt:3: unterminated '{'"},
      {block + "HURRY {HURRIES HURRIED\n", "bad.txt:3: unterminated '{'"},
      {block + "- * (TO (BORDER)) [010]\n", "bad.txt:3: nested '('"},
      {block + "- * {A (B} C) [010]\n", "bad.txt:3: '(' inside '{ }'"},
      {block + "- * {A + B} [010]\n", "bad.txt:3: '+' inside '{ }'"},
      {block + "- * {A B) [010]\n", "bad.txt:3: ')' before '}'"},
      {block + "- * () [010]\n", "bad.txt:3: empty '( )'"},
      {block + "- * {} [010]\n", "bad.txt:3: empty '{ }'"},
      {block + "- A B [010]\n", "bad.txt:3: pattern without '*'"},
      {block + "- * A * [010]\n", "bad.txt:3: two '*'"},
      {block + "- * A\n", "bad.txt:3: pattern without a code"},
      {block + "- * A [ABC]\n", "bad.txt:3: bad code 'ABC'"},
      {block + "- * A [010\n", "bad.txt:3: missing ']'"},
      {block + "- * A [:]\n", "bad.txt:3: empty code"},
      {block + "- * A$B [010]\n", "bad.txt:3: unexpected character in 'A$B'"},
      {block + "- * A&B [010]\n", "bad.txt:3: unexpected '&'"},
      {block + "+ASK_+FOR\n", "bad.txt:3: two '+' in verb"},
      {block + "ASK FOR [010]\n", "bad.txt:3: unexpected text after the verb"},
      {block + "ASK {ASKS} FOR\n", "bad.txt:3: unexpected text after '}'"},
      {"- * A [010]\n", "bad.txt:1: pattern before any verb block"},
      {"ASK\n", "bad.txt:1: verb before any verb block"},
      {"---  [010]  ---\n", "bad.txt:1: verb block without a name"},
      {"&SET\n+A\n\n&SET\n+B\n", "bad.txt:4: synonym set &SET defined twice"},
      {"&SET\n+A{B}\n", "bad.txt:2: unexpected character in set member"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(Load(c.text), HasSubstr(c.error)) << c.text;
  }
  EXPECT_EQ(Load(block + "- * A [010]\n"), "");
}

// The real CAMEO verb dictionary, when the shared data is there
// ($CRONISTA_SHARED_DIR, else ../shared next to the source tree).
TEST(PetrarchVerbsRealFileTest, LoadsTheCameoVerbDictionary) {
  const char* env = std::getenv("CRONISTA_SHARED_DIR");
  const std::string shared = env != nullptr && *env != '\0'
                                 ? std::string(env)
                                 : std::string(CRONISTA_SOURCE_DATA_DIR) + "/../../shared";
  const std::string path = shared + "/dictionaries/petrarch/CAMEO.2.0.txt";
  if (!fs::is_regular_file(path)) GTEST_SKIP() << path << " is absent";
  std::vector<EventPattern> out;
  PetrarchVerbStats stats;
  auto t0 = std::chrono::steady_clock::now();
  Status s = LoadPetrarchVerbs(path, &out, &stats);
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::cout << "[ petrarch ] " << stats.synonym_sets << " synonym sets, " << stats.verb_blocks
            << " verb blocks, " << stats.verbs << " verbs, " << stats.patterns << " patterns ("
            << stats.null_patterns << " null), " << stats.notes.size() << " notes, " << ms.count()
            << " ms\n";
  for (const std::string& n : stats.notes) std::cout << "[ petrarch ]   " << n << "\n";
  EXPECT_GT(stats.patterns, 4000u);
  EXPECT_EQ(out.size(), stats.patterns);
  EXPECT_GT(stats.null_patterns, 100u);
  EXPECT_GT(stats.verb_blocks, 300u);
  EXPECT_GT(stats.verbs, 1000u);
  EXPECT_GT(stats.synonym_sets, 30u);
  EXPECT_LT(stats.notes.size(), 100u);  // repairs are exceptions

  size_t paired = 0, multi_word = 0;
  for (const EventPattern& p : out) {
    ASSERT_TRUE(p.rule.starts_with("CAMEO.2.0.txt:")) << p.rule;
    ASSERT_FALSE(p.heads.empty() && p.head_forms.empty()) << p.rule;
    ASSERT_FALSE(p.code.empty() && p.paired.empty()) << p.rule;
    for (const auto* side : {&p.before, &p.after}) {
      for (const PatternElement& e : *side) {
        if (e.kind != PatternElement::Kind::kWords) continue;
        ASSERT_FALSE(e.alternatives.empty()) << p.rule;
        for (const auto& alt : e.alternatives) {
          ASSERT_FALSE(alt.empty()) << p.rule;
          for (const std::string& w : alt) ASSERT_FALSE(w.empty()) << p.rule;
        }
      }
    }
    if (!p.paired.empty()) ++paired;
    if (!p.after.empty() && p.after[0].adjacent) ++multi_word;
  }
  EXPECT_GT(paired, 100u);
  EXPECT_GT(multi_word, 100u);
}

}  // namespace
}  // namespace cronista
