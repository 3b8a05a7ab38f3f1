// End-to-end tests of reading + the pipeline on short articles written for the
// purpose (tests/data/golden/), checked property by property.
#include "cronista/pipeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cronista/reader.h"
#include "test_pipeline.h"

namespace cronista {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

std::vector<Document> CodeFile(const std::string& name) {
  std::vector<Document> docs;
  auto source = DocumentSource::Open({std::string(CRONISTA_TEST_DATA_DIR) + "/golden/" + name}, {});
  EXPECT_TRUE(source.ok()) << source.status().ToString();
  if (!source.ok()) return docs;
  ReadItem item;
  while ((*source)->Next(&item)) {
    EXPECT_TRUE(item.status.ok()) << item.status.ToString();
    EXPECT_TRUE(TestPipeline().Process(&item.doc).ok());
    docs.push_back(std::move(item.doc));
    item = ReadItem();
  }
  return docs;
}

std::vector<std::string> SentenceTexts(const Document& d) {
  std::vector<std::string> out;
  for (const Sentence& s : d.sentences) out.emplace_back(d.SentenceText(s));
  return out;
}

// The token whose text is `text` (the first one), or nullptr.
const Token* Find(const Document& d, std::string_view text) {
  for (const Token& t : d.tokens) {
    if (d.TokenText(t) == text) return &t;
  }
  return nullptr;
}

std::vector<std::string> TokenTexts(const Document& d) {
  std::vector<std::string> out;
  for (const Token& t : d.tokens) out.emplace_back(d.TokenText(t));
  return out;
}

void CheckInvariants(const Document& d) {
  uint32_t prev_end = 0;
  for (const Token& t : d.tokens) {
    EXPECT_GE(t.start, prev_end);
    EXPECT_LE(t.end(), d.text.size());
    EXPECT_GT(t.length, 0u);
    prev_end = t.end();
  }
  uint32_t next_token = 0;
  for (const Sentence& s : d.sentences) {
    EXPECT_EQ(s.token_begin, next_token);
    ASSERT_LT(s.token_begin, s.token_end);
    EXPECT_EQ(s.start, d.tokens[s.token_begin].start);
    EXPECT_EQ(s.end, d.tokens[s.token_end - 1].end());
    EXPECT_TRUE(d.tokens[s.token_begin].has(kTokSentenceStart));
    next_token = s.token_end;
  }
  EXPECT_EQ(next_token, d.tokens.size());
}

TEST(PipelineTest, ItalianHeaderTitleAndMetadata) {
  auto docs = CodeFile("it_quotes.txt");
  ASSERT_EQ(docs.size(), 1u);
  const Document& d = docs[0];
  CheckInvariants(d);
  EXPECT_EQ(d.meta.id, "it_quotes");
  EXPECT_EQ(d.meta.lang, "it");
  EXPECT_EQ(d.meta.date.ToString(), "2024-06-20");
  EXPECT_EQ(d.meta.date.precision, DatePrecision::kDay);
  EXPECT_EQ(d.meta.section, "politica estera");
  EXPECT_EQ(d.meta.title, "Il sen. Bianchi e il dott. Neri a Hanoi");
}

TEST(PipelineTest, ItalianSentencesKeepQuotationsWhole) {
  auto docs = CodeFile("it_quotes.txt");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_THAT(
      SentenceTexts(docs[0]),
      ElementsAre(
          "Il sen. Bianchi e il dott. Neri a Hanoi",
          "Il sen. Mario Bianchi, accompagnato dal dott. Luca Neri e dall'on. Sara Verdi, è "
          "arrivato ieri a Hanoi.",
          "«Siamo qui per l'amicizia tra i nostri popoli», ha detto Bianchi all'agenzia ANSA, "
          "aggiungendo che l'incontro con Kim Jong-un \"non è in programma\".",
          "Secondo l’ambasciatore, l’alleato “più fidato” resta Mosca: “Il presidente ci ha "
          "detto: ‘non vi lasceremo soli’. Lo ripeterà domani”, ha spiegato all’“agenzia di "
          "stampa” locale.",
          "Dell'Occidente, invece, non ha parlato.",
          "Il 3,5% degli elettori, cioè 1.500 persone, ha risposto al sondaggio del 19/6 alle "
          "14:30.",
          "Info: www.esempio.it oppure redazione@esempio.it."));
}

TEST(PipelineTest, ItalianTokens) {
  auto docs = CodeFile("it_quotes.txt");
  ASSERT_EQ(docs.size(), 1u);
  const Document& d = docs[0];
  std::vector<std::string> toks = TokenTexts(d);
  // Elision: article and preposition split off, apostrophe kept with them.
  EXPECT_THAT(toks, Contains("l'"));
  EXPECT_THAT(toks, Contains("amicizia"));
  EXPECT_THAT(toks, Contains("dall'"));
  EXPECT_THAT(toks, Contains("Dell'"));
  EXPECT_THAT(toks, Contains("Occidente"));
  EXPECT_THAT(toks, Contains("all’"));
  EXPECT_THAT(toks, Contains("l’"));
  ASSERT_NE(Find(d, "l’"), nullptr);
  EXPECT_TRUE(Find(d, "l’")->has(kTokElision));
  EXPECT_EQ(d.TokenNorm(*Find(d, "l’")), "l'");
  EXPECT_EQ(d.TokenNorm(*Find(d, "Dell'")), "dell'");
  // all’“agenzia: elided preposition, opening quote, word.
  const Token* all = Find(d, "all’");
  ASSERT_NE(all, nullptr);
  const Token* quote = all + 1;
  EXPECT_EQ(d.TokenText(*quote), "“");
  EXPECT_TRUE(quote->has(kTokQuote) && quote->has(kTokOpenQuote));
  EXPECT_EQ(d.TokenText(*(quote + 1)), "agenzia");
  // Names, abbreviations and numbers.
  ASSERT_NE(Find(d, "Jong-un"), nullptr);
  EXPECT_TRUE(Find(d, "Jong-un")->has(kTokHyphenated));
  for (const char* abbr : {"sen.", "dott.", "on."}) {
    ASSERT_NE(Find(d, abbr), nullptr) << abbr;
    EXPECT_TRUE(Find(d, abbr)->has(kTokAbbrev)) << abbr;
  }
  ASSERT_NE(Find(d, "3,5%"), nullptr);
  EXPECT_TRUE(Find(d, "3,5%")->has(kTokPercent));
  ASSERT_NE(Find(d, "1.500"), nullptr);
  EXPECT_TRUE(Find(d, "1.500")->has(kTokNumber));
  ASSERT_NE(Find(d, "19/6"), nullptr);
  EXPECT_TRUE(Find(d, "19/6")->has(kTokDate));
  ASSERT_NE(Find(d, "14:30"), nullptr);
  EXPECT_TRUE(Find(d, "14:30")->has(kTokTime));
  ASSERT_NE(Find(d, "www.esempio.it"), nullptr);
  EXPECT_TRUE(Find(d, "www.esempio.it")->has(kTokUrl));
  ASSERT_NE(Find(d, "redazione@esempio.it"), nullptr);
  EXPECT_TRUE(Find(d, "redazione@esempio.it")->has(kTokEmail));
  // Quotation marks: « opens, » closes, folded to ASCII for matching.
  ASSERT_NE(Find(d, "«"), nullptr);
  EXPECT_TRUE(Find(d, "«")->has(kTokOpenQuote));
  EXPECT_TRUE(Find(d, "»")->has(kTokCloseQuote));
  EXPECT_EQ(d.TokenNorm(*Find(d, "«")), "\"");
}

TEST(PipelineTest, EnglishSentencesAndTokens) {
  auto docs = CodeFile("en_quotes.txt");
  ASSERT_EQ(docs.size(), 1u);
  const Document& d = docs[0];
  CheckInvariants(d);
  EXPECT_EQ(d.meta.lang, "en");
  EXPECT_EQ(d.meta.date.precision, DatePrecision::kTime);
  EXPECT_EQ(d.meta.section, "world");
  EXPECT_EQ(d.meta.title, "U.S. envoy meets Kim Jong-un's aides");
  std::vector<std::string> s = SentenceTexts(d);
  ASSERT_GE(s.size(), 7u);
  EXPECT_EQ(s[0], "U.S. envoy meets Kim Jong-un's aides");
  EXPECT_EQ(s[1], "Mr. Smith, the U.S. envoy, met North Korean officials in Pyongyang on Jan. 5.");
  EXPECT_EQ(s[2], "\"We are ready to talk,\" he said.");
  EXPECT_EQ(s[3], "\"Are you?\" asked a reporter.");
  EXPECT_EQ(s[4], "'Not today,' an aide replied.");
  EXPECT_EQ(s[s.size() - 2], "Officials didn't comment.");
  EXPECT_EQ(s.back(),
            "Prices rose 2.5% to $1,200 on 2024-06-18; see https://example.org/report?id=7 or "
            "write to press@example.org.");
  std::vector<std::string> toks = TokenTexts(d);
  EXPECT_THAT(toks, Contains("'s"));
  EXPECT_THAT(toks, Contains("n't"));
  EXPECT_THAT(toks, Contains("did"));
  EXPECT_TRUE(Find(d, "Mr.")->has(kTokAbbrev));
  EXPECT_TRUE(Find(d, "U.S.") != nullptr);
  EXPECT_TRUE(Find(d, "2.5%")->has(kTokPercent));
  EXPECT_TRUE(Find(d, "2024-06-18")->has(kTokDate));
  EXPECT_TRUE(Find(d, "https://example.org/report?id=7")->has(kTokUrl));
  EXPECT_TRUE(Find(d, "press@example.org")->has(kTokEmail));
}

TEST(PipelineTest, JsonLinesMetadataAndLanguage) {
  auto docs = CodeFile("mixed.jsonl");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].meta.id, "j1");
  EXPECT_EQ(docs[0].meta.lang, "en");
  EXPECT_TRUE(docs[0].meta.lang_from_meta);
  EXPECT_EQ(docs[0].meta.title, "Talks in Geneva");
  EXPECT_EQ(docs[0].meta.date.ToString(), "2024-03-01");
  EXPECT_EQ(docs[0].sentences.size(), 2u);
  EXPECT_EQ(docs[1].meta.lang, "it");  // identified, not given
  EXPECT_FALSE(docs[1].meta.lang_from_meta);
  EXPECT_EQ(docs[1].sentences.size(), 2u);
}

TEST(PipelineTest, HtmlBodyWithoutBoilerplate) {
  auto docs = CodeFile("article.html");
  ASSERT_EQ(docs.size(), 1u);
  const Document& d = docs[0];
  EXPECT_EQ(d.meta.title, "Ministers meet in Rome");
  EXPECT_EQ(d.meta.date.ToString(), "2024-05-02T10:00:00");
  EXPECT_EQ(d.meta.lang, "en");
  EXPECT_NE(d.text.find("The foreign ministers of Italy and France met in Rome on Thursday."),
            std::string::npos);
  EXPECT_NE(d.text.find("“We agree on Ukraine,” the Italian minister said."), std::string::npos);
  for (const char* junk : {"Home", "Breaking news", "Most read", "Copyright", "tracking"}) {
    EXPECT_EQ(d.text.find(junk), std::string::npos) << junk;
  }
}

}  // namespace
}  // namespace cronista
