#include "eval/time_eval.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "test_pipeline.h"

namespace cronista::eval {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kDir = std::string(CRONISTA_TEST_DATA_DIR) + "/eval/timeml";

TimeMlDocument ReadTml(const std::string& name) {
  std::string xml;
  EXPECT_TRUE(ReadEvalFile(kDir + "/" + name, &xml).ok());
  auto r = ParseTimeMl(xml, name);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : TimeMlDocument();
}

// "TYPE value 'text'" for each gold expression.
std::vector<std::string> Timexes(const TimeMlDocument& d) {
  std::vector<std::string> out;
  for (const GoldTimex& t : d.timexes) {
    out.push_back(t.type + " " + t.value + " '" + d.text.substr(t.start, t.end - t.start) + "'");
  }
  return out;
}

TEST(ParseTimeMlTest, StripsTagsKeepsSpansAndTakesTheCreationTimeAsAnchor) {
  const TimeMlDocument d = ReadTml("wire_sample_1.tml");
  EXPECT_EQ(d.id, "WIRE19980302.0001");
  EXPECT_EQ(d.dct_value, "1998-03-02");
  EXPECT_EQ(d.dct.ToString(), "1998-03-02");
  // The DCT is not gold; EVENT and SIGNAL tags (one inside a TIMEX3) and a
  // comment are stripped; &amp; decoded.
  EXPECT_THAT(Timexes(d),
              ElementsAre("DATE 1998-03-01 'yesterday'", "DATE 1998-W11 'next week'",
                          "DURATION PT3H 'three hours'", "TIME 1998-03-02T17:00 '5 p.m. today'",
                          "SET P1M 'every month'"));
  EXPECT_EQ(d.timexes[0].tid, "t1");
  EXPECT_THAT(d.text, StartsWith("\nThe ministers met yesterday in Rome & agreed to talk again "
                                 "next week.\nThe talks"));
  EXPECT_EQ(d.text.find("<"), std::string::npos);
  EXPECT_EQ(d.text.find("comment"), std::string::npos);
  EXPECT_EQ(d.empty_timexes, 0u);
}

TEST(ParseTimeMlTest, CharacterReferencesSingleQuotesAndEmptyTimexes) {
  const TimeMlDocument d = ReadTml("wire_sample_2.tml");
  EXPECT_EQ(d.id, "wire_sample_2.tml");  // no DOCID
  EXPECT_FALSE(d.dct.known());
  EXPECT_EQ(d.dct_value, "");
  EXPECT_THAT(Timexes(d),
              ElementsAre("DATE PAST_REF 'years ago'", "DATE XXXX-XX-XX 'on Sundays!'"));
  EXPECT_EQ(d.empty_timexes, 1u);
  EXPECT_NE(d.text.find("The café opened"), std::string::npos);
}

TEST(ParseTimeMlTest, CreationTimeOutsideADctElement) {
  auto r = ParseTimeMl(
      "<TimeML><DATE_TIME><TIMEX3 tid=\"t9\" value=\"2001-05-06\" "
      "functionInDocument=\"CREATION_TIME\">May 6</TIMEX3></DATE_TIME><TEXT>Now &lt;here&gt; "
      "&bogus; & <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"PRESENT_REF\">now</TIMEX3></TEXT>"
      "</TimeML>",
      "x");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->dct_value, "2001-05-06");
  EXPECT_EQ(r->text, "Now <here> &bogus; & now");  // unknown entities stay as written
  EXPECT_THAT(Timexes(*r), ElementsAre("DATE PRESENT_REF 'now'"));
}

TEST(ParseTimeMlTest, RejectsMalformedFilesNamingTheLine) {
  auto no_text = ParseTimeMl("<TimeML><DOCID>x</DOCID></TimeML>", "a.tml");
  ASSERT_FALSE(no_text.ok());
  EXPECT_THAT(no_text.status().message(), HasSubstr("a.tml: no <TEXT>"));
  auto unclosed = ParseTimeMl("<TEXT>\n\n<TIMEX3 tid=\"t7\">May</TEXT>", "b.tml");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_THAT(unclosed.status().message(), AllOf(HasSubstr("b.tml:3:"), HasSubstr("t7")));
  auto stray = ParseTimeMl("<TEXT>May</TIMEX3></TEXT>", "c.tml");
  ASSERT_FALSE(stray.ok());
  EXPECT_THAT(stray.status().message(), HasSubstr("without <TIMEX3>"));
  auto open_tag = ParseTimeMl("<TEXT>May <EVENT eid=\"e1\"</TEXT>", "d.tml");
  ASSERT_FALSE(open_tag.ok());
  EXPECT_THAT(open_tag.status().message(), HasSubstr("d.tml:1: tag not closed"));
  auto cut = ParseTimeMl("<TEXT>May <EVENT eid=\"e1\"", "e.tml");
  EXPECT_FALSE(cut.ok());  // no </TEXT>
  auto comment = ParseTimeMl("<TEXT>May <!-- open</TEXT>", "f.tml");
  ASSERT_FALSE(comment.ok());
  EXPECT_THAT(comment.status().message(), HasSubstr("comment not closed"));
  auto binary = ParseTimeMl("<TEXT>May \xC3</TEXT>", "g.tml");
  ASSERT_FALSE(binary.ok());
  EXPECT_THAT(binary.status().message(), HasSubstr("UTF-8"));
  auto reference = ParseTimeMl("<TEXT>&#xD800;</TEXT>", "h.tml");
  ASSERT_TRUE(reference.ok());
  EXPECT_EQ(reference->text, "&#xD800;");  // a surrogate is no character
}

TimeExpr Expr(const std::string& text, const std::string& what, TimeType type,
              const std::string& value) {
  const size_t i = text.find(what);
  EXPECT_NE(i, std::string::npos) << what;
  TimeExpr t;
  t.start = static_cast<uint32_t>(i);
  t.end = static_cast<uint32_t>(i + what.size());
  t.type = type;
  t.value = value;
  t.rule = "test";
  return t;
}

TEST(ScoreTimesTest, StrictRelaxedTypeAndValue) {
  const TimeMlDocument gold = ReadTml("wire_sample_1.tml");
  const std::string& text = gold.text;
  std::vector<TimeExpr> predicted = {
      Expr(text, "yesterday", TimeType::kDate, "1998-03-01"),     // all right
      Expr(text, "week", TimeType::kDuration, "P1W"),             // relaxed; type, value wrong
      Expr(text, "three hours", TimeType::kDuration, "PT3H"),     // all right
      Expr(text, "5 p.m. today", TimeType::kTime, "1998-03-02"),  // value wrong
      Expr(text, "Rome", TimeType::kDate, ""),                    // false positive
  };
  TimeEvalResult r;
  std::vector<std::string> errors;
  ScoreTimes(gold, predicted, &r, &errors);
  EXPECT_EQ(r.strict.gold, 5u);
  EXPECT_EQ(r.strict.gold_found, 3u);
  EXPECT_EQ(r.relaxed.gold_found, 4u);
  EXPECT_EQ(r.strict.predicted, 5u);
  EXPECT_EQ(r.strict.predicted_correct, 3u);
  EXPECT_EQ(r.relaxed.predicted_correct, 4u);
  EXPECT_DOUBLE_EQ(r.relaxed.precision(), 0.8);
  EXPECT_DOUBLE_EQ(r.relaxed.recall(), 0.8);
  EXPECT_DOUBLE_EQ(r.strict.f1(), 0.6);
  EXPECT_EQ(r.type_correct, 3u);
  EXPECT_EQ(r.value_correct, 2u);
  EXPECT_DOUBLE_EQ(r.type_accuracy(), 0.75);
  EXPECT_DOUBLE_EQ(r.value_accuracy(), 0.5);
  EXPECT_EQ(r.gold_by_type[static_cast<size_t>(TimeType::kDate)], 2u);
  EXPECT_EQ(r.found_by_type[static_cast<size_t>(TimeType::kDate)], 2u);
  EXPECT_EQ(r.gold_by_type[static_cast<size_t>(TimeType::kSet)], 1u);
  EXPECT_EQ(r.found_by_type[static_cast<size_t>(TimeType::kSet)], 0u);
  const std::string id = "WIRE19980302.0001\t";
  EXPECT_THAT(errors,
              ElementsAre(id + "SPAN\tnext week\tDATE 1998-W11\t'week' DURATION P1W test",
                          id + "TYPE\tnext week\tDATE 1998-W11\t'week' DURATION P1W test",
                          id + "VALUE\tnext week\tDATE 1998-W11\t'week' DURATION P1W test",
                          id + "VALUE\t5 p.m. today\tTIME 1998-03-02T17:00\t'5 p.m. today' TIME "
                               "1998-03-02 test",
                          id + "FN\tevery month\tSET P1M\t", id + "FP\tRome\t\tDATE \"\" test"));
}

TEST(ScoreTimesTest, SpansPastTheTextAreClamped) {
  const TimeMlDocument gold = ReadTml("wire_sample_2.tml");
  TimeExpr t;
  t.start = 5'000;
  t.end = 4'000;
  TimeEvalResult r;
  ScoreTimes(gold, {t}, &r, nullptr);
  EXPECT_EQ(r.relaxed.predicted, 1u);
  EXPECT_EQ(r.relaxed.predicted_correct, 0u);
  EXPECT_EQ(r.relaxed.gold_found, 0u);
  EXPECT_EQ(r.empty_timexes, 1u);
}

TEST(EvaluateTimesTest, CodesEachFileDatedByItsDctAndNamesBadFiles) {
  auto r = EvaluateTimes(TestPipeline(), kDir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->documents, 2u);
  EXPECT_EQ(r->no_dct, 1u);
  EXPECT_EQ(r->failed, 0u);
  EXPECT_EQ(r->strict.gold, 7u);
  EXPECT_EQ(r->empty_timexes, 1u);
  ASSERT_EQ(r->bad_files.size(), 1u);
  EXPECT_THAT(r->bad_files[0],
              AllOf(HasSubstr("wire_sample_3_broken.tml:5:"), HasSubstr("not closed")));
  const size_t fn = std::count_if(r->errors.begin(), r->errors.end(), [](const std::string& e) {
    return e.find("\tFN\t") != std::string::npos;
  });
  EXPECT_EQ(fn, r->relaxed.gold - r->relaxed.gold_found);

  auto limited = EvaluateTimes(TestPipeline(), kDir, 1);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->documents, 1u);
  EXPECT_EQ(limited->strict.gold, 5u);

  EXPECT_FALSE(EvaluateTimes(TestPipeline(), kDir + "/README").ok());
  auto empty = EvaluateTimes(TestPipeline(), std::string(CRONISTA_TEST_DATA_DIR) + "/eval");
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.status().message(), HasSubstr("no .tml files"));
}

}  // namespace
}  // namespace cronista::eval
