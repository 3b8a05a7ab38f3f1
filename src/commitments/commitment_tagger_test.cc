// Commitment tagging: the data files' own examples, short articles written for
// the purpose (tests/data/commitments/), the seed article when the shared
// folder is there, and the modality rules on events changed by hand.
#include "commitments/commitment_tagger.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cronista/pipeline.h"
#include "test_pipeline.h"

namespace cronista {
namespace {

namespace fs = std::filesystem;

const CommitmentTagger& Tagger(const std::string& lang) {
  static auto* taggers = [] {
    auto* m = new std::map<std::string, std::unique_ptr<CommitmentTagger>>();
    for (const char* l : {"it", "en"}) {
      auto t = CommitmentTagger::Load(std::string(CRONISTA_SOURCE_DATA_DIR) + "/" + l);
      if (!t.ok()) {
        ADD_FAILURE() << t.status().ToString();
        std::abort();
      }
      (*m)[l] = std::move(t).value();
    }
    return m;
  }();
  return *taggers->at(lang);
}

// Runs the pipeline over `text` (language and date given) without tagging.
Document Process(const std::string& text, const std::string& lang,
                 const std::string& date = "2024-06-19") {
  Document d;
  d.text = text;
  d.meta.lang = lang;
  d.meta.lang_from_meta = true;
  d.meta.lang_confidence = 1.0;
  d.meta.date = PartialDate::Parse(date).value();
  EXPECT_TRUE(TestPipeline().Process(&d).ok());
  return d;
}

Document Code(const std::string& text, const std::string& lang,
              const std::string& date = "2024-06-19") {
  Document d = Process(text, lang, date);
  Tagger(lang).Tag(&d);
  return d;
}

Document CodeArticle(const std::string& name) {
  Document d = CodeFile(std::string(CRONISTA_TEST_DATA_DIR) + "/commitments/" + name);
  Tagger(d.meta.lang).Tag(&d);
  return d;
}

// "RUS PRK defence mutual": the form of the data files' examples.
std::string Describe(const Commitment& c) {
  std::string s;
  for (const std::string& p : c.parties) s += p + " ";
  return s + c.type + (c.mutual ? " mutual" : " one-way");
}

std::string DescribeAll(const Document& d) {
  std::string s;
  for (const Commitment& c : d.commitments) {
    s += "[" + Describe(c) + " | " + c.condition + " | s" + std::to_string(c.sentence) + " | " +
         c.rule + "] ";
  }
  return s.empty() ? "none" : s;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(CommitmentTaggerTest, LoadsBothLanguages) {
  for (const char* lang : {"it", "en"}) {
    EXPECT_GT(Tagger(lang).cue_count(), 40u) << lang;
    EXPECT_GT(Tagger(lang).examples().size(), 10u) << lang;
  }
}

// Every example of data/<lang>/commitments.txt codes to what it says.
void CheckExamples(const std::string& lang) {
  for (const CommitmentTagger::Example& ex : Tagger(lang).examples()) {
    SCOPED_TRACE(ex.rule + ": " + ex.sentence);
    Document d = Code(ex.sentence, lang);
    if (ex.expect == "none") {
      EXPECT_TRUE(d.commitments.empty()) << DescribeAll(d);
      continue;
    }
    ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
    EXPECT_EQ(Describe(d.commitments[0]), ex.expect);
    if (!ex.condition.empty()) {
      EXPECT_EQ(d.commitments[0].condition, ex.condition);
    }
    // Every commitment names the rules that gave it.
    EXPECT_NE(d.commitments[0].rule.find(lang + "/commitments.txt:"), std::string::npos);
  }
}

TEST(CommitmentTaggerTest, ItalianDataExamples) { CheckExamples("it"); }
TEST(CommitmentTaggerTest, EnglishDataExamples) { CheckExamples("en"); }

// The seed's phenomena in an article of our own: a headline and a body that
// both report the pact, a quotation with the conditional obligation, an
// "alleanza" inside praise, and a cooperation that is no agreement.
void ExpectOneDefencePact(const Document& d, const std::string& date) {
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  const Commitment& c = d.commitments[0];
  EXPECT_EQ(Sorted(c.parties), (std::vector<std::string>{"PRK", "RUS"}));
  EXPECT_EQ(c.type, "defence");
  EXPECT_EQ(c.condition, "armed attack on a party");
  EXPECT_TRUE(c.mutual);
  EXPECT_EQ(c.date.ToString(), date);
  ASSERT_GE(c.event, 0);
  ASSERT_LT(static_cast<size_t>(c.event), d.events.size());
  EXPECT_EQ(d.events[c.event].code, "057");
  ASSERT_LT(c.sentence, d.sentences.size());
}

TEST(CommitmentTaggerTest, ItalianDefencePactArticle) {
  Document d = CodeArticle("it_patto_difesa.txt");
  ExpectOneDefencePact(d, "2024-06");
  EXPECT_EQ(d.commitments[0].date.precision, DatePrecision::kMonth);
  // The headline: the first sentence with the strongest evidence.
  EXPECT_EQ(d.commitments[0].sentence, 0u);
}

TEST(CommitmentTaggerTest, EnglishDefencePactArticle) {
  Document d = CodeArticle("en_mutual_defence.txt");
  ExpectOneDefencePact(d, "2024-06-19");
  // The body sentence says everything (signing, type, condition, "each
  // other"); the headline lacks the condition, which is merged anyway.
  std::string_view s = d.SentenceText(d.sentences[d.commitments[0].sentence]);
  EXPECT_NE(s.find("each other if either country is attacked"), std::string_view::npos) << s;
}

// A trade agreement is cooperation; a signing that did not happen and one that
// might happen bind nobody.
void ExpectTradeOnly(const Document& d, const std::vector<std::string>& parties) {
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(Sorted(d.commitments[0].parties), parties);
  EXPECT_EQ(d.commitments[0].type, "cooperation");
  EXPECT_TRUE(d.commitments[0].mutual);
  EXPECT_EQ(d.commitments[0].condition, "");
  // The events the negative cases rest on are there.
  bool negated = false, hypothetical = false;
  for (const Event& e : d.events) {
    if (e.code != "057") continue;
    negated |= e.modality == Modality::kNegated;
    hypothetical |= e.modality == Modality::kHypothetical;
  }
  EXPECT_TRUE(negated);
  EXPECT_TRUE(hypothetical);
}

TEST(CommitmentTaggerTest, ItalianTradeAgreementIsCooperation) {
  ExpectTradeOnly(CodeArticle("it_accordo_commerciale.txt"), {"ITA", "JPN"});
}

TEST(CommitmentTaggerTest, EnglishTradeDealIsCooperation) {
  ExpectTradeOnly(CodeArticle("en_trade_deal.txt"), {"AUS", "JPN"});
}

// "X promised to defend Y" binds X only: one-way, the obliged party first.
void ExpectOneWay(const Document& d, const std::vector<std::string>& parties) {
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].parties, parties);
  EXPECT_EQ(d.commitments[0].type, "defence");
  EXPECT_FALSE(d.commitments[0].mutual);
  EXPECT_EQ(d.commitments[0].condition, "armed attack on a party");
}

TEST(CommitmentTaggerTest, ItalianOneWayPledge) {
  ExpectOneWay(CodeArticle("it_impegno_unilaterale.txt"), {"FRA", "GRC"});
}

TEST(CommitmentTaggerTest, EnglishOneWayPledge) {
  ExpectOneWay(CodeArticle("en_one_way.txt"), {"USA", "PHL"});
}

// The seed article of the issue, read from the shared folder when present.
TEST(CommitmentTaggerTest, SeedArticle) {
  fs::path seed = fs::path(CRONISTA_SOURCE_DATA_DIR) / ".." / ".." / "shared" / "seeds" /
                  "000_20bd3aca1793c53b.txt";
  if (!fs::exists(seed)) GTEST_SKIP() << "no shared seed at " << seed;
  Document d = CodeFile(seed.string());
  Tagger("it").Tag(&d);
  ExpectOneDefencePact(d, "2024-06");
  EXPECT_EQ(d.commitments[0].parties, (std::vector<std::string>{"RUS", "PRK"}));
}

// Modality decides, on the same sentence with its events changed by hand.
TEST(CommitmentTaggerTest, SigningModality) {
  Document base = Process("Russia e Bielorussia hanno firmato un patto di difesa.", "it");
  ASSERT_EQ(base.events.size(), 2u);
  struct Case {
    Modality m;
    size_t expected;
  };
  for (Case c :
       {Case{Modality::kAsserted, 1}, Case{Modality::kReported, 1}, Case{Modality::kNegated, 0},
        Case{Modality::kFuture, 0}, Case{Modality::kHypothetical, 0}}) {
    Document d = Process(base.text, "it");
    for (Event& e : d.events) e.modality = c.m;
    Tagger("it").Tag(&d);
    EXPECT_EQ(d.commitments.size(), c.expected) << ModalityName(c.m) << ": " << DescribeAll(d);
  }
}

TEST(CommitmentTaggerTest, HypotheticalSigningWithConditionalContent) {
  // The hypothesis is the pact's content ("if either is attacked"): kept.
  Document d =
      Code("Russia and Belarus signed a pact to help each other if either is attacked.", "en");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.events[d.commitments[0].event].modality, Modality::kHypothetical);
  // The signing itself is hypothetical: dropped, condition or not.
  EXPECT_TRUE(Code("Russia and China would sign a defence pact if the West attacked.", "en")
                  .commitments.empty());
  EXPECT_TRUE(Code("Russia e Cina firmerebbero un patto di difesa se l'Occidente attaccasse.", "it")
                  .commitments.empty());
}

TEST(CommitmentTaggerTest, ObligationModality) {
  // Without a condition, a hypothetical promise is speculation.
  Document d = Process("La Francia si è impegnata a difendere la Grecia.", "it");
  ASSERT_FALSE(d.events.empty());
  for (Event& e : d.events) e.modality = Modality::kHypothetical;
  Tagger("it").Tag(&d);
  EXPECT_TRUE(d.commitments.empty()) << DescribeAll(d);
  // With one, it is the conditional obligation itself.
  d = Process("La Francia si è impegnata a difendere la Grecia in caso di aggressione.", "it");
  ASSERT_FALSE(d.events.empty());
  for (Event& e : d.events) e.modality = Modality::kHypothetical;
  Tagger("it").Tag(&d);
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].condition, "armed attack on a party");
  // A speculative word before the trigger undoes even a conditional one.
  EXPECT_TRUE(Code("La Russia potrebbe fornire assistenza militare alla Corea del Nord in caso di "
                   "attacco.",
                   "it")
                  .commitments.empty());
  // Aid promised without a condition is not an alliance.
  EXPECT_TRUE(Code("La Russia ha promesso aiuti militari alla Siria.", "it").commitments.empty());
}

TEST(CommitmentTaggerTest, ObligationsBothWaysAreMutual) {
  Document d = Process("La Francia si è impegnata a difendere la Grecia.", "it");
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].code, "0334");
  Tagger("it").Tag(&d);
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_FALSE(d.commitments[0].mutual);
  EXPECT_EQ(d.commitments[0].event, 0);  // no signing: the obligation itself
  // The same obligation taken by the other party too.
  Event back = d.events[0];
  std::swap(back.source, back.target);
  d.events.push_back(back);
  Tagger("it").Tag(&d);
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_TRUE(d.commitments[0].mutual);
  // A co-signed agreement alone does not make a one-way cue mutual.
  d.events[1].code = "057";
  d.events[0].code = "057";
  Tagger("it").Tag(&d);
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_FALSE(d.commitments[0].mutual);
}

TEST(CommitmentTaggerTest, NegatedCueIsIgnored) {
  Document d =
      Code("Russia and North Korea signed a partnership that is not a military alliance.", "en");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].type, "partnership");
  // "non" inside "patto di non aggressione" is the cue's own word.
  d = Code(
      "Russia e Bielorussia hanno firmato un patto di non aggressione e di cooperazione "
      "economica.",
      "it");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].type, "non-aggression");
}

TEST(CommitmentTaggerTest, MergesAcrossSentences) {
  // The partnership names the treaty that holds the defence clause.
  Document d = Code(
      "Russia and North Korea signed a mutual defence pact. Russia and North Korea also signed a "
      "strategic partnership agreement.",
      "en");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].type, "defence");
  // A trade agreement is a commitment of its own.
  d = Code(
      "Russia and North Korea signed a mutual defence pact. Russia and North Korea also signed a "
      "trade agreement. Russia and North Korea signed a mutual defence treaty.",
      "en");
  ASSERT_EQ(d.commitments.size(), 2u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].type, "defence");
  EXPECT_EQ(d.commitments[0].sentence, 0u);
  EXPECT_EQ(d.commitments[1].type, "cooperation");
  // One-way pledges by each party in different sentences make it mutual.
  d = Code("France pledged to defend Greece. Greece pledged to defend France if it is attacked.",
           "en");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_TRUE(d.commitments[0].mutual);
  EXPECT_EQ(d.commitments[0].sentence, 1u);
}

TEST(CommitmentTaggerTest, Parties) {
  // Three signatories, one treaty.
  Document d = Code("Russia, Belarus and Kazakhstan signed a collective defence treaty.", "en");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].parties, (std::vector<std::string>{"RUS", "BLR", "KAZ"}));
  // A news agency that reports the signing is no party to it.
  d = Code("According to Yonhap, Russia and North Korea signed a mutual defence treaty.", "en");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(Sorted(d.commitments[0].parties), (std::vector<std::string>{"PRK", "RUS"}));
  // IGOs keep their whole code.
  d = Code("Ukraine and NATO signed a security agreement.", "en");
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(Sorted(d.commitments[0].parties), (std::vector<std::string>{"IGOWSTNAT", "UKR"}));
}

TEST(CommitmentTaggerTest, DateFromTheSigningEvent) {
  Document d = Process("Russia e Bielorussia hanno firmato un patto di difesa.", "it", "2024-06");
  ASSERT_FALSE(d.events.empty());
  Tagger("it").Tag(&d);
  ASSERT_EQ(d.commitments.size(), 1u);
  EXPECT_EQ(d.commitments[0].date.ToString(), "2024-06");  // the article's date
  for (Event& e : d.events) e.date = PartialDate::Parse("2024-06-19").value();
  Tagger("it").Tag(&d);
  ASSERT_EQ(d.commitments.size(), 1u);
  EXPECT_EQ(d.commitments[0].date.ToString(), "2024-06-19");
}

TEST(CommitmentTaggerTest, TagReplacesAndNeedsEvents) {
  Document d = Process("Russia e Bielorussia hanno firmato un patto di difesa.", "it");
  d.commitments.push_back(Commitment{});
  d.events.clear();
  Tagger("it").Tag(&d);
  EXPECT_TRUE(d.commitments.empty());
}

// A language folder "xx" with the given commitments.txt (none when `content`
// is null) and the Italian tokeniser rules, next to a common/ folder; removed
// at the end of its scope.
class TempLanguage {
 public:
  explicit TempLanguage(const char* content) {
    static int n = 0;
    root_ = fs::temp_directory_path() /
            ("cronista_commitments_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    fs::create_directories(root_ / "xx");
    fs::create_directories(root_ / "common");
    if (content != nullptr) std::ofstream(root_ / "xx" / "commitments.txt") << content;
    fs::copy_file(fs::path(CRONISTA_SOURCE_DATA_DIR) / "it" / "tokenizer.txt",
                  root_ / "xx" / "tokenizer.txt");
  }
  ~TempLanguage() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string dir() const { return (root_ / "xx").string(); }

 private:
  fs::path root_;
};

TEST(CommitmentTaggerTest, MissingFileRecordsNothing) {
  auto t = CommitmentTagger::Load(TempLanguage(nullptr).dir());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ((*t)->cue_count(), 0u);
  Document d = Process("Russia e Bielorussia hanno firmato un patto di difesa.", "it");
  (*t)->Tag(&d);
  EXPECT_TRUE(d.commitments.empty());
}

TEST(CommitmentTaggerTest, LoadErrorsNameFileAndLine) {
  struct Case {
    const char* content;
    const char* where;
  };
  const Case cases[] = {
      {"type\tdefence strong\tpatto\n", "xx/commitments.txt:1: missing"},
      {"#! cronista-commitments 2\n", "xx/commitments.txt:1: unknown format"},
      {"#! cronista-commitments 1\n# c\nfoo\t-\tbar\n", "xx/commitments.txt:3: unknown kind"},
      {"#! cronista-commitments 1\ntype\tdefense strong\tpatto\n", "xx/commitments.txt:2"},
      {"#! cronista-commitments 1\ntype\tdefence strong\tpatto\tesempio\n",
       "xx/commitments.txt:2: example"},
      {"#! cronista-commitments 1\ntype\tdefence strong\t* patto\n", "xx/commitments.txt:2"},
      {"#! cronista-commitments 1\nanchor\tagreement\t05x\n", "xx/commitments.txt:2: bad CAMEO"},
      {"#! cronista-commitments 1\ncondition\tdefence\tin caso di\n", "xx/commitments.txt:2"},
      {"#! cronista-commitments 1\ntype\tdefence strong\n", "xx/commitments.txt:2: expected 3"},
  };
  for (const Case& c : cases) {
    auto t = CommitmentTagger::Load(TempLanguage(c.content).dir());
    ASSERT_FALSE(t.ok()) << c.content;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(t.status().message().find(c.where), std::string::npos)
        << t.status().ToString() << " does not contain " << c.where;
  }
}

TEST(CommitmentTaggerTest, PhraseSyntax) {
  // Alternatives, '_' sequences, prefixes and gaps, tokenised like text.
  TempLanguage lang(
      "#! cronista-commitments 1\n"
      "anchor\tagreement\t057\n"
      "type\tdefence strong mutual\tpatto|accordo_quadro di|per difend*\n"
      "condition\tdefence armed attack on a party\tin_caso_di * un'aggressione\n");
  auto t = CommitmentTagger::Load(lang.dir());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ((*t)->cue_count(), 2u);
  Document d = Process(
      "Russia e Bielorussia hanno firmato un accordo quadro per difendersi in caso di "
      "improvvisa e brutale un'aggressione.",
      "it");
  ASSERT_FALSE(d.events.empty());
  (*t)->Tag(&d);
  ASSERT_EQ(d.commitments.size(), 1u) << DescribeAll(d);
  EXPECT_EQ(d.commitments[0].condition, "armed attack on a party");
  EXPECT_EQ(d.commitments[0].rule, "xx/commitments.txt:3+xx/commitments.txt:4");
}

}  // namespace
}  // namespace cronista
