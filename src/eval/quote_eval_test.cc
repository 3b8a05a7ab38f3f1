#include "eval/quote_eval.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_pipeline.h"

namespace cronista::eval {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kDir = std::string(CRONISTA_TEST_DATA_DIR) + "/eval/polnear";
const std::string kArticle = "usa-today_2016-05-02_cafe-owners-cheer-the-bridge-plan";

GoldQuoteDocument ReadArticle() {
  std::string text, ann;
  EXPECT_TRUE(ReadEvalFile(kDir + "/text/" + kArticle + ".txt", &text).ok());
  EXPECT_TRUE(ReadEvalFile(kDir + "/attributions/" + kArticle + "_4e07.ann", &ann).ok());
  auto r = ParsePolnear(std::move(text), ann, kArticle);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : GoldQuoteDocument();
}

std::string Text(const std::string& text, uint32_t start, uint32_t end) {
  return text.substr(start, end - start);
}

std::vector<std::string> Quotes(const GoldQuoteDocument& d) {
  std::vector<std::string> out;
  for (const GoldQuote& q : d.quotes) out.push_back(Text(d.text, q.start, q.end));
  return out;
}

// Byte range of the first `what` in `text`.
ByteSpan Find(const std::string& text, const std::string& what) {
  const size_t i = text.find(what);
  EXPECT_NE(i, std::string::npos) << what;
  return {static_cast<uint32_t>(i), static_cast<uint32_t>(i + what.size())};
}

// A gold document from inline text and .ann content.
GoldQuoteDocument Parse(const std::string& text, const std::string& ann) {
  auto r = ParsePolnear(text, ann, "test_2016-01-01_x");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : GoldQuoteDocument();
}

TEST(ParsePolnearTest, QuotedAttributionsAreCutIntoPassagesInsideTheMarks) {
  GoldQuoteDocument d = ReadArticle();
  EXPECT_EQ(d.id, kArticle);
  EXPECT_EQ(d.date.ToString(), "2016-05-02");
  ASSERT_EQ(d.attributions.size(), 5u);
  EXPECT_EQ(d.attributions[0].id, "E1");
  // Content starting with a mark: E1 (“), E2 (“, with Content2), E4 ('').
  // E3 ("the plan was “a fantasy”") and E5 start with a word.
  std::vector<bool> quoted;
  for (const GoldAttribution& a : d.attributions) quoted.push_back(a.quoted);
  EXPECT_THAT(quoted, ElementsAre(true, true, false, true, false));
  // Code point offsets became byte offsets: the text has é, “ and ” before
  // most spans.
  EXPECT_THAT(Quotes(d),
              ElementsAre("We will rebuild the bridge before winter. Traffic will flow "
                          "again.",
                          "It is a promise,", "and we keep our promises.", "The money is there,"));
  ASSERT_EQ(d.quotes.size(), 4u);
  EXPECT_EQ(d.quotes[0].attribution, 0u);
  EXPECT_EQ(d.quotes[1].attribution, 1u);
  EXPECT_EQ(d.quotes[2].attribution, 1u);
  EXPECT_EQ(d.quotes[3].attribution, 3u);
  EXPECT_FALSE(d.quotes[0].single);
  EXPECT_FALSE(d.quotes[0].unclosed);
  // Sources, pronouns and the antecedent proxy.
  const GoldAttribution& e1 = d.attributions[0];
  ASSERT_EQ(e1.source.size(), 1u);
  EXPECT_EQ(Text(d.text, e1.source[0].start, e1.source[0].end), "Mayor Ana Ruiz");
  EXPECT_FALSE(e1.pronoun_source);
  const GoldAttribution& e2 = d.attributions[1];
  EXPECT_TRUE(e2.pronoun_source);
  ASSERT_EQ(e2.antecedent.size(), 1u);
  EXPECT_EQ(Text(d.text, e2.antecedent[0].start, e2.antecedent[0].end), "Mayor Ana Ruiz");
  // "he" in E5 comes after Tom Bell's source.
  const GoldAttribution& e5 = d.attributions[4];
  EXPECT_TRUE(e5.pronoun_source);
  ASSERT_EQ(e5.antecedent.size(), 1u);
  EXPECT_EQ(Text(d.text, e5.antecedent[0].start, e5.antecedent[0].end),
            "Tom Bell, the city treasurer");
}

TEST(ParsePolnearTest, MarksApostrophesNestingAndUnclosedPassages) {
  // Offsets count code points: “ is one.
  const std::string text = "‘Don't go,’ Ann said. \"We 'won' it,\" Bo said. “One. “Two, Kim said.";
  // Code points: ‘Don't go,’ = 0..11; "We 'won' it," = 22..36; “One. “Two = 46..56.
  const std::string ann =
      "T1\tSource 12 15\tAnn\n"
      "T2\tContent 0 11\t‘Don't go,’\n"
      "E1\tAttribution:T3 Content:T2 Source:T1\n"
      "T3\tAttribution 16 20\tsaid\n"
      "T4\tContent 22 36\t\"We 'won' it,\"\n"
      "E2\tAttribution-no-source:T3 Content:T4\n"
      "T5\tContent 46 56\t“One. “Two\n"
      "T6\tSource 58 61\tKim\n"
      "E3\tAttribution:T3 Content:T5 Source:T6\n";
  GoldQuoteDocument d = Parse(text, ann);
  // The apostrophe of "Don't" neither closes nor opens; single marks inside a
  // double quotation are its words; an opening mark inside an open passage is
  // a word too, and the passage runs to the content's end.
  EXPECT_THAT(Quotes(d), ElementsAre("Don't go,", "We 'won' it,", "One. “Two"));
  ASSERT_EQ(d.quotes.size(), 3u);
  EXPECT_TRUE(d.quotes[0].single);
  EXPECT_FALSE(d.quotes[1].single);
  EXPECT_TRUE(d.quotes[2].unclosed);
  EXPECT_TRUE(d.attributions[1].source.empty());
}

TEST(ParsePolnearTest, FirstPersonSourcesAreNotPronounsWithAntecedents) {
  const std::string text = "Bo spoke. “Yes,” I said.";
  const std::string ann =
      "T1\tSource 17 18\tI\nT2\tContent 10 16\t“Yes,”\nE1\tAttribution:T2 Content:T2 "
      "Source:T1\nT3\tSource 0 2\tBo\nE2\tAttribution:T3 Content:T3 Source:T3\n";
  GoldQuoteDocument d = Parse(text, ann);
  ASSERT_EQ(d.attributions.size(), 2u);
  EXPECT_TRUE(d.attributions[0].first_person_source);
  EXPECT_FALSE(d.attributions[0].pronoun_source);
  EXPECT_TRUE(d.attributions[0].antecedent.empty());
}

TEST(ParsePolnearTest, RejectsMalformedFilesNamingTheLine) {
  const std::string text = "Ann said: “Hi.”";
  auto past = ParsePolnear(text, "T1\tContent 10 99\t“Hi.”\n", "a");
  ASSERT_FALSE(past.ok());
  EXPECT_THAT(past.status().message(), AllOf(StartsWith("line 1:"), HasSubstr("past the text")));
  auto missing = ParsePolnear(text, "T1\tContent 10 15\t“Hi.”\nE1\tContent:T1 Source:T9\n", "b");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), AllOf(StartsWith("line 2:"), HasSubstr("T9")));
  auto bad_span = ParsePolnear(text, "T1\tContent ten 15\tx\n", "c");
  ASSERT_FALSE(bad_span.ok());
  EXPECT_THAT(bad_span.status().message(), HasSubstr("malformed span"));
  auto reversed = ParsePolnear(text, "T1\tContent 12 10\tx\n", "d");
  EXPECT_FALSE(reversed.ok());
  auto binary = ParsePolnear("Ann \xFF said", "", "e");
  ASSERT_FALSE(binary.ok());
  EXPECT_THAT(binary.status().message(), HasSubstr("UTF-8"));
  // Blank lines, notes, relations and a last line without a newline are fine.
  auto ok =
      ParsePolnear(text, "\n#1\tAnnotatorNotes T1\tx\r\nR1\tr\nT1\tContent 10 15\t“Hi.”", "f");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->attributions.empty());
}

// A coded document for the test article: its mentions and the quotes a tagger
// could have found.
Document Coded(const GoldQuoteDocument& gold) {
  Document doc;
  doc.text = gold.text;
  const ByteSpan ruiz = Find(doc.text, "Mayor Ana Ruiz"), bell = Find(doc.text, "Tom Bell");
  doc.mentions.push_back({});
  doc.mentions.back().start = ruiz.start;
  doc.mentions.back().end = ruiz.end;
  doc.mentions.back().entity = 0;
  doc.mentions.push_back({});
  doc.mentions.back().start = bell.start;
  doc.mentions.back().end = bell.end;
  doc.mentions.back().entity = 1;
  auto quote = [&](const std::string& what, int32_t mention, int32_t entity, bool scare) {
    const ByteSpan s = Find(doc.text, what);
    Quote q;
    q.start = s.start;
    q.end = s.end;
    q.speaker_mention = mention;
    q.speaker_entity = entity;
    q.speaker_name = mention == 1 ? "Tom Bell" : mention == 0 ? "Ana Ruiz" : "";
    q.scare = scare;
    q.rule = "test";
    doc.quotes.push_back(q);
  };
  // Exact; the speaker only as an entity, whose mention is the gold source.
  quote("We will rebuild the bridge before winter. Traffic will flow again.", -1, 0, false);
  // Overlapping, not exact (no comma); the pronoun source's antecedent.
  quote("It is a promise", 0, 0, false);
  // Marked scare on a gold quote: not scored, and that gold quote is missed.
  quote("and we keep our promises.", -1, -1, true);
  // With its marks (trimmed, so exact); the wrong speaker.
  quote("''The money is there,''", 0, 0, false);
  // Inside a paraphrase's content: not scored.
  quote("a fantasy", -1, -1, false);
  // Nowhere near an attribution: a false positive.
  quote("Café owners", -1, -1, false);
  return doc;
}

TEST(ScoreQuotesTest, ExactAndOverlapMatchingAndSpeakers) {
  const GoldQuoteDocument gold = ReadArticle();
  const Document doc = Coded(gold);
  QuoteEvalResult r;
  std::vector<std::string> errors;
  ScoreQuotes(gold, doc, &r, &errors);
  EXPECT_EQ(r.attributions, 5u);
  EXPECT_EQ(r.quoted_attributions, 3u);
  EXPECT_EQ(r.quoted_attributions_found, 3u);
  EXPECT_EQ(r.scare, 1u);
  EXPECT_EQ(r.scare_on_gold, 1u);
  EXPECT_EQ(r.in_other_content, 1u);
  // Gold 4: found exactly 2 (E1, E4), by overlap 3 (and "It is a promise").
  EXPECT_EQ(r.exact.gold, 4u);
  EXPECT_EQ(r.exact.gold_found, 2u);
  EXPECT_EQ(r.overlap.gold_found, 3u);
  // Scored predictions 4: E1's, "It is a promise", E4's, "Café owners".
  EXPECT_EQ(r.exact.predicted, 4u);
  EXPECT_EQ(r.exact.predicted_correct, 2u);
  EXPECT_EQ(r.overlap.predicted_correct, 3u);
  EXPECT_DOUBLE_EQ(r.overlap.precision(), 0.75);
  EXPECT_DOUBLE_EQ(r.overlap.recall(), 0.75);
  EXPECT_DOUBLE_EQ(r.exact.f1(), 0.5);
  // Speakers: right by entity (E1), by antecedent (E2), wrong (E4).
  EXPECT_EQ(r.speaker_scored, 3u);
  EXPECT_EQ(r.speaker_correct, 2u);
  EXPECT_EQ(r.speaker_pronoun, 1u);
  EXPECT_EQ(r.speaker_pronoun_correct, 1u);
  EXPECT_EQ(r.speaker_unknown, 0u);
  EXPECT_NEAR(r.speaker_accuracy(), 2.0 / 3, 1e-9);
  const std::string id = kArticle + "\t";
  EXPECT_THAT(errors, ElementsAre(id + "SPAN\tIt is a promise,\tpredicted 'It is a promise'",
                                  id + "FN\tand we keep our promises.\tmarked scare: 'and we "
                                       "keep our promises.'; source 'she'",
                                  id + "SPEAKER\tThe money is there,\tgold 'Tom Bell, the city "
                                       "treasurer'; predicted 'Ana Ruiz' (mention 'Mayor Ana "
                                       "Ruiz') test",
                                  id + "FP\tCafé owners\tno gold quote; speaker ? test"));
}

TEST(ScoreQuotesTest, SpeakersAsWrittenCountWhenTheyOverlapTheSource) {
  const GoldQuoteDocument gold = ReadArticle();
  Document doc;
  doc.text = gold.text;
  auto quote = [&](const std::string& what, const std::string& speaker) {
    const ByteSpan s = Find(doc.text, what);
    Quote q;
    q.start = s.start;
    q.end = s.end;
    if (!speaker.empty()) {
      const ByteSpan w = Find(doc.text, speaker);
      q.speaker_start = w.start;
      q.speaker_end = w.end;
      q.speaker_name = speaker;
    }
    q.rule = "test";
    doc.quotes.push_back(q);
  };
  quote("We will rebuild the bridge before winter.", "Ana Ruiz");  // inside the source
  quote("It is a promise,", "she");                                // a lone pronoun names no one
  quote("The money is there,", "the city treasurer");
  QuoteEvalResult r;
  std::vector<std::string> errors;
  ScoreQuotes(gold, doc, &r, &errors);
  EXPECT_EQ(r.speaker_scored, 3u);
  EXPECT_EQ(r.speaker_correct, 2u);
  EXPECT_EQ(r.speaker_unknown, 1u);
  EXPECT_EQ(r.speaker_pronoun_correct, 0u);
  EXPECT_THAT(errors, Contains(HasSubstr("gold 'she' (antecedent 'Mayor Ana Ruiz'); predicted no "
                                         "speaker test")));

  // A pronoun source is right when the speaker's words are its antecedent's;
  // words elsewhere are wrong, and a span past the text is ignored.
  doc.quotes[1].speaker_start = doc.quotes[0].speaker_start;
  doc.quotes[1].speaker_end = doc.quotes[0].speaker_end;
  const ByteSpan critics = Find(doc.text, "Critics");
  doc.quotes[2].speaker_start = critics.start;
  doc.quotes[2].speaker_end = critics.end;
  doc.quotes[0].speaker_start = 10'000;
  doc.quotes[0].speaker_end = 10'005;
  QuoteEvalResult r2;
  errors.clear();
  ScoreQuotes(gold, doc, &r2, &errors);
  EXPECT_EQ(r2.speaker_correct, 1u);
  EXPECT_EQ(r2.speaker_pronoun_correct, 1u);
  EXPECT_EQ(r2.speaker_unknown, 1u);
  EXPECT_THAT(errors, Contains(HasSubstr("predicted 'the city treasurer' (words 'Critics') test")));
}

TEST(ScoreQuotesTest, NoPredictionsMissEverythingAndBadIndexesAreTolerated) {
  const GoldQuoteDocument gold = ReadArticle();
  Document doc;
  doc.text = gold.text;
  QuoteEvalResult r;
  ScoreQuotes(gold, doc, &r, nullptr);
  EXPECT_EQ(r.overlap.gold, 4u);
  EXPECT_EQ(r.overlap.gold_found, 0u);
  EXPECT_EQ(r.overlap.predicted, 0u);
  EXPECT_EQ(r.overlap.f1(), 0.0);
  EXPECT_EQ(r.speaker_scored, 0u);

  // A speaker mention out of range and a span past the text.
  Quote q;
  const ByteSpan s = Find(doc.text, "It is a promise,");
  q.start = s.start;
  q.end = s.end;
  q.speaker_mention = 7;
  doc.quotes.push_back(q);
  q.start = 10'000;
  q.end = 20'000;
  doc.quotes.push_back(q);
  QuoteEvalResult r2;
  std::vector<std::string> errors;
  ScoreQuotes(gold, doc, &r2, &errors);
  EXPECT_EQ(r2.exact.gold_found, 1u);
  EXPECT_EQ(r2.speaker_scored, 1u);
  EXPECT_EQ(r2.speaker_unknown, 1u);
  EXPECT_EQ(r2.speaker_correct, 0u);
  EXPECT_EQ(r2.overlap.predicted, 2u);
  EXPECT_THAT(errors, Contains(HasSubstr("predicted no speaker")));
}

TEST(EvaluateQuotesTest, CodesEachArticleOnceAndNamesBadFiles) {
  auto r = EvaluateQuotes(TestPipeline(), kDir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->documents, 1u);
  EXPECT_EQ(r->extra_annotations, 1u);  // the empty second annotator's file
  EXPECT_EQ(r->attributions, 5u);
  EXPECT_EQ(r->exact.gold, 4u);
  EXPECT_EQ(r->failed, 0u);
  ASSERT_EQ(r->bad_files.size(), 1u);
  EXPECT_THAT(r->bad_files[0], AllOf(HasSubstr("breitbart_2016-01-04_broken-offsets_6b86.ann"),
                                     HasSubstr("past the text")));
  // Every gold quote missed is an FN row, every prediction matching none an FP.
  const size_t fn = std::count_if(r->errors.begin(), r->errors.end(), [](const std::string& e) {
    return e.find("\tFN\t") != std::string::npos;
  });
  EXPECT_EQ(fn, r->overlap.gold - r->overlap.gold_found);
  EXPECT_LE(r->overlap.predicted_correct, r->overlap.predicted);

  auto limited = EvaluateQuotes(TestPipeline(), kDir, 1);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->documents, 1u);
  EXPECT_EQ(limited->bad_files.size(), 1u);  // the broken article comes first by name

  auto missing = EvaluateQuotes(TestPipeline(), kDir + "/text");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("not a PolNeAR folder"));
}

}  // namespace
}  // namespace cronista::eval
