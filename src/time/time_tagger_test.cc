#include "time/time_tagger.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "cronista/pipeline.h"

namespace cronista {
namespace {

// Tokens and sentences only: the time tagger needs nothing else.
const Pipeline& TextPipeline() {
  static const Pipeline* p = [] {
    PipelineOptions opt;
    opt.data_dir = CRONISTA_SOURCE_DATA_DIR;
    opt.actors = false;
    opt.events = false;
    auto r = Pipeline::Create(opt);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    return std::move(r).value().release();
  }();
  return *p;
}

const TimeTagger& Tagger(const std::string& lang) {
  static const TimeTagger* it = nullptr;
  static const TimeTagger* en = nullptr;
  const TimeTagger*& t = lang == "it" ? it : en;
  if (t == nullptr) {
    auto r = TimeTagger::Load(std::string(CRONISTA_SOURCE_DATA_DIR) + "/" + lang);
    if (!r.ok()) {
      ADD_FAILURE() << r.status().ToString();
      std::abort();
    }
    t = std::move(r).value().release();
  }
  return *t;
}

Document Tag(const std::string& lang, const std::string& text, const std::string& date,
             const TimeTagger* tagger = nullptr) {
  Document doc;
  doc.text = text;
  doc.meta.lang = lang;
  doc.meta.lang_from_meta = true;
  if (!date.empty()) {
    auto d = PartialDate::Parse(date);
    EXPECT_TRUE(d.has_value()) << date;
    if (d) doc.meta.date = *d;
  }
  EXPECT_TRUE(TextPipeline().Process(&doc).ok());
  (tagger ? *tagger : Tagger(lang)).Tag(&doc);
  return doc;
}

struct Found {
  std::string text, type, value;
};

std::vector<Found> Times(const Document& doc) {
  std::vector<Found> out;
  for (const TimeExpr& t : doc.times) {
    out.push_back(
        {doc.text.substr(t.start, t.end - t.start), std::string(TimeTypeName(t.type)), t.value});
  }
  return out;
}

std::string Show(const Document& doc) {
  std::string s;
  for (const Found& f : Times(doc)) s += "[" + f.text + "|" + f.type + "|" + f.value + "] ";
  return s;
}

// The expression whose text is `text`, or a failure.
const TimeExpr* Find(const Document& doc, const std::string& text) {
  for (const TimeExpr& t : doc.times) {
    if (doc.text.compare(t.start, t.end - t.start, text) == 0) return &t;
  }
  ADD_FAILURE() << "no time expression '" << text << "' in: " << Show(doc);
  return nullptr;
}

void ExpectTime(const Document& doc, const std::string& text, TimeType type,
                const std::string& value) {
  const TimeExpr* t = Find(doc, text);
  if (t == nullptr) return;
  EXPECT_EQ(TimeTypeName(t->type), TimeTypeName(type)) << text;
  EXPECT_EQ(t->value, value) << text;
}

// Every example written in the rule files yields its value (article date
// 2024-06-19).
class DataExamples : public ::testing::TestWithParam<const char*> {};

TEST_P(DataExamples, EveryExampleYieldsItsValue) {
  const std::string lang = GetParam();
  const TimeTagger& tagger = Tagger(lang);
  ASSERT_GT(tagger.rule_count(), 50u);
  ASSERT_GT(tagger.examples().size(), 30u);
  for (const TimeTagger::Example& ex : tagger.examples()) {
    Document doc = Tag(lang, ex.text, "2024-06-19");
    bool found = false;
    for (const TimeExpr& t : doc.times) found |= t.value == ex.value;
    EXPECT_TRUE(found) << "data/" << lang << "/time.txt:" << ex.line << ": '" << ex.text
                       << "' should give " << ex.value << ", got " << Show(doc);
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, DataExamples, ::testing::Values("it", "en"));

TEST(TimeTaggerItalian, AbsoluteDates) {
  Document doc = Tag("it",
                     "Il vertice del 19 giugno 2024 era previsto per giugno 2024. Il 19/6 "
                     "ha firmato; nel 2024 tornerà, e l'11 settembre 2001 resta una data.",
                     "2024-06-19");
  ExpectTime(doc, "19 giugno 2024", TimeType::kDate, "2024-06-19");
  ExpectTime(doc, "giugno 2024", TimeType::kDate, "2024-06");
  ExpectTime(doc, "Il 19/6", TimeType::kDate, "2024-06-19");
  ExpectTime(doc, "2024", TimeType::kDate, "2024");
  ExpectTime(doc, "l'11 settembre 2001", TimeType::kDate, "2001-09-11");
  const TimeExpr* t = Find(doc, "19 giugno 2024");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->precision, DatePrecision::kDay);
  EXPECT_EQ(t->rule.rfind("data/it/time.txt:", 0), 0u) << t->rule;
}

TEST(TimeTaggerItalian, RelativeToADayAnchor) {
  // 2024-06-19 is a Wednesday.
  Document doc = Tag("it",
                     "Ieri Putin è arrivato, oggi firma e domani riparte. Lunedì aveva "
                     "parlato, lunedì prossimo tornerà. La settimana scorsa era a Mosca, il "
                     "mese prossimo a Pechino. Tre giorni fa ha chiamato; tra tre giorni "
                     "partirà.",
                     "2024-06-19");
  ExpectTime(doc, "Ieri", TimeType::kDate, "2024-06-18");
  ExpectTime(doc, "oggi", TimeType::kDate, "2024-06-19");
  ExpectTime(doc, "domani", TimeType::kDate, "2024-06-20");
  ExpectTime(doc, "Lunedì", TimeType::kDate, "2024-06-17");
  ExpectTime(doc, "lunedì prossimo", TimeType::kDate, "2024-06-24");
  ExpectTime(doc, "La settimana scorsa", TimeType::kDate, "2024-W24");
  ExpectTime(doc, "il mese prossimo", TimeType::kDate, "2024-07");
  ExpectTime(doc, "Tre giorni fa", TimeType::kDate, "2024-06-16");
  ExpectTime(doc, "tra tre giorni", TimeType::kDate, "2024-06-22");
}

TEST(TimeTaggerItalian, MonthPrecisionAnchorKeepsWhatIsKnown) {
  // The seed article is dated 2024-06: a day word resolves to the month.
  Document doc = Tag("it",
                     "Ieri Putin è arrivato a Pyongyang; lunedì aveva parlato. Il mese "
                     "scorso era a Pechino, l'anno prossimo andrà a Hanoi.",
                     "2024-06");
  const TimeExpr* ieri = Find(doc, "Ieri");
  ASSERT_NE(ieri, nullptr);
  EXPECT_EQ(ieri->value, "2024-06");
  EXPECT_EQ(ieri->precision, DatePrecision::kMonth);
  ExpectTime(doc, "lunedì", TimeType::kDate, "2024-06");
  ExpectTime(doc, "Il mese scorso", TimeType::kDate, "2024-05");
  ExpectTime(doc, "l'anno prossimo", TimeType::kDate, "2025");
}

TEST(TimeTaggerItalian, WithoutAnArticleDateRelativeValuesAreEmpty) {
  Document doc = Tag("it", "Ieri ha firmato. Il 19 giugno partirà. Nel 2024 tornerà.", "");
  ExpectTime(doc, "Ieri", TimeType::kDate, "");
  ExpectTime(doc, "Il 19 giugno", TimeType::kDate, "XXXX-06-19");
  ExpectTime(doc, "2024", TimeType::kDate, "2024");
  EXPECT_EQ(Find(doc, "Ieri")->precision, DatePrecision::kNone);
}

TEST(TimeTaggerItalian, DurationsSetsAndTimes) {
  Document doc = Tag("it",
                     "Ha governato per tre anni; un ragazzo di 24 anni. Si riuniscono ogni "
                     "anno, ogni lunedì. Alle 10 il vertice, alle 10:30 la firma, alle "
                     "15.45 la conferenza. Stamattina è partito, ieri sera era a cena.",
                     "2024-06-19");
  ExpectTime(doc, "tre anni", TimeType::kDuration, "P3Y");
  ExpectTime(doc, "24 anni", TimeType::kDuration, "P24Y");
  ExpectTime(doc, "ogni anno", TimeType::kSet, "P1Y");
  ExpectTime(doc, "ogni lunedì", TimeType::kSet, "XXXX-WXX-1");
  ExpectTime(doc, "10", TimeType::kTime, "2024-06-19T10:00");
  ExpectTime(doc, "10:30", TimeType::kTime, "2024-06-19T10:30");
  ExpectTime(doc, "15.45", TimeType::kTime, "2024-06-19T15:45");
  ExpectTime(doc, "Stamattina", TimeType::kTime, "2024-06-19TMO");
  ExpectTime(doc, "ieri sera", TimeType::kTime, "2024-06-18TEV");
  const TimeExpr* t = Find(doc, "10:30");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->precision, DatePrecision::kTime);
}

TEST(TimeTaggerItalian, NumbersAloneAreNotTimes) {
  Document doc =
      Tag("it", "Le 10 regioni hanno votato 3,5 milioni di euro per 1.500 case.", "2024-06-19");
  EXPECT_TRUE(doc.times.empty()) << Show(doc);
}

TEST(TimeTaggerEnglish, BriefExamples) {
  Document doc = Tag("en",
                     "On June 19, 2024 Putin landed. He arrived yesterday and left today; "
                     "he returns tomorrow. On Tuesday he met Kim. Last month he was in "
                     "Beijing and next year he goes to Hanoi. Two days ago talks began. "
                     "He ruled for five years. They meet weekly. The signing was at 3 p.m., "
                     "the toast at 10:30.",
                     "2024-06-19");
  ExpectTime(doc, "June 19, 2024", TimeType::kDate, "2024-06-19");
  ExpectTime(doc, "yesterday", TimeType::kDate, "2024-06-18");
  ExpectTime(doc, "today", TimeType::kDate, "2024-06-19");
  ExpectTime(doc, "tomorrow", TimeType::kDate, "2024-06-20");
  ExpectTime(doc, "Tuesday", TimeType::kDate, "2024-06-18");
  ExpectTime(doc, "Last month", TimeType::kDate, "2024-05");
  ExpectTime(doc, "next year", TimeType::kDate, "2025");
  ExpectTime(doc, "Two days ago", TimeType::kDate, "2024-06-17");
  ExpectTime(doc, "five years", TimeType::kDuration, "P5Y");
  ExpectTime(doc, "weekly", TimeType::kSet, "P1W");
  ExpectTime(doc, "3 p.m.", TimeType::kTime, "2024-06-19T15:00");
  ExpectTime(doc, "10:30", TimeType::kTime, "2024-06-19T10:30");
}

TEST(TimeTaggerEnglish, WeekdaysLookBackUnlessNextOrFuture) {
  // 2024-06-19 is a Wednesday.
  Document doc = Tag("en",
                     "Talks ended on Friday. They resume next Friday. The vote was held "
                     "Wednesday. Officials said Monday that the summit will open on "
                     "Thursday.",
                     "2024-06-19");
  ASSERT_EQ(doc.times.size(), 5u) << Show(doc);
  EXPECT_EQ(doc.times[0].value, "2024-06-14");  // Friday: the last one
  EXPECT_EQ(doc.times[1].value, "2024-06-21");  // next Friday
  EXPECT_EQ(doc.times[2].value, "2024-06-19");  // Wednesday: the article's day
  EXPECT_EQ(doc.times[3].value, "2024-06-17");  // said Monday
  EXPECT_EQ(doc.times[4].value, "2024-06-20");  // will open on Thursday
}

TEST(TimeTaggerEnglish, TimeBankConventions) {
  Document doc = Tag("en",
                     "Prices are falling now. In the past two months, stocks plunged; the "
                     "past year was hard. A 30-year bond rose. Sales rose in the first half "
                     "of 1990.",
                     "1989-10-26");
  ExpectTime(doc, "now", TimeType::kDate, "PRESENT_REF");
  ExpectTime(doc, "the past two months", TimeType::kDuration, "P2M");
  ExpectTime(doc, "the past year", TimeType::kDate, "1988");
  ExpectTime(doc, "30-year", TimeType::kDuration, "P30Y");  // "A" stays out of the compound
  ExpectTime(doc, "the first half of 1990", TimeType::kDate, "1990-H1");
}

TEST(TimeTaggerEnglish, AYearEarlierRefersToTheQuarterJustNamed) {
  Document doc = Tag("en",
                     "Third-quarter profit rose 5% to $10 million from $9 million a year "
                     "earlier. Revenue rose in the quarter.",
                     "1989-10-26");
  ExpectTime(doc, "Third-quarter", TimeType::kDate, "1989-Q3");
  ExpectTime(doc, "a year earlier", TimeType::kDate, "1988-Q3");
  ExpectTime(doc, "the quarter", TimeType::kDate, "1989-Q3");
  // Without a quarter named, the year before the article's.
  Document plain = Tag("en", "Profit rose from $9 million a year ago.", "1989-10-26");
  ExpectTime(plain, "a year ago", TimeType::kDate, "1988");
}

TEST(TimeTaggerEnglish, MonthsTakeTheArticlesYear) {
  Document doc = Tag("en",
                     "Profit fell in April. In December it recovered. The plan takes effect "
                     "June 1 and will end in February.",
                     "1989-10-26");
  ExpectTime(doc, "April", TimeType::kDate, "1989-04");
  ExpectTime(doc, "December", TimeType::kDate, "1989-12");
  ExpectTime(doc, "June 1", TimeType::kDate, "1989-06-01");
  ExpectTime(doc, "February", TimeType::kDate, "1990-02");  // "will end in February"
  Document jan = Tag("en", "Sales peaked in December.", "1990-01-15");
  ExpectTime(jan, "December", TimeType::kDate, "1989-12");
}

TEST(TimeTaggerEnglish, ModifiersJoinTheExpression) {
  Document doc = Tag("en",
                     "Earlier this year the bank cut rates; by the end of 1990 it expects "
                     "more, in the mid-1990s even more, for at least 30 days or so.",
                     "1989-10-26");
  ExpectTime(doc, "Earlier this year", TimeType::kDate, "1989");
  ExpectTime(doc, "the end of 1990", TimeType::kDate, "1990");
  ExpectTime(doc, "the mid-1990s", TimeType::kDate, "199");
  ExpectTime(doc, "at least 30 days or so", TimeType::kDuration, "P30D");
}

TEST(TimeTaggerEnglish, SpokenNumbersAndYears) {
  Document doc = Tag("en",
                     "In the last twenty four hours, and since nineteen ninety-six, the "
                     "index fell for twenty-six weeks.",
                     "1998-01-08");
  ExpectTime(doc, "the last twenty four hours", TimeType::kDuration, "PT24H");
  ExpectTime(doc, "nineteen ninety-six", TimeType::kDate, "1996");
  ExpectTime(doc, "twenty-six weeks", TimeType::kDuration, "P26W");
}

TEST(TimeTaggerEnglish, MayAndMarchNeedACapital) {
  Document doc = Tag("en", "Troops may march in May. They march on March 3.", "2024-06-19");
  ASSERT_EQ(doc.times.size(), 2u) << Show(doc);
  EXPECT_EQ(doc.times[0].value, "2024-05");
  EXPECT_EQ(doc.times[1].value, "2024-03-03");
}

TEST(TimeTaggerEnglish, ExpressionsAreOrderedAndDisjoint) {
  Document doc = Tag("en",
                     "On Friday, Oct. 13, 1989, at 5 p.m. EST, three weeks after the vote "
                     "of Sept. 22, the market fell for two days.",
                     "1989-10-16");
  ASSERT_GE(doc.times.size(), 4u) << Show(doc);
  for (size_t i = 1; i < doc.times.size(); ++i) {
    EXPECT_LE(doc.times[i - 1].end, doc.times[i].start) << Show(doc);
  }
  ExpectTime(doc, "Friday, Oct. 13, 1989", TimeType::kDate, "1989-10-13");
  ExpectTime(doc, "Sept. 22", TimeType::kDate, "1989-09-22");
  ExpectTime(doc, "two days", TimeType::kDuration, "P2D");
}

TEST(TimeTaggerRules, OddInputsAndAnchors) {
  EXPECT_TRUE(Tag("en", "", "2024-06-19").times.empty());
  EXPECT_TRUE(Tag("en", "-- ... ''' 1/2/3/4/5 99999999999/1 12:99 -", "2024-06-19").times.empty());
  // A year-precision anchor: "last month" cannot be known, "next year" can.
  Document year = Tag("en", "Last month was hard; next year will be better.", "2024");
  ExpectTime(year, "Last month", TimeType::kDate, "2024");
  ExpectTime(year, "next year", TimeType::kDate, "2025");
  // A leap day moved by a year.
  Document leap = Tag("en", "A year earlier, on Feb. 29, 2024, it fell.", "2025-03-01");
  ExpectTime(leap, "Feb. 29, 2024", TimeType::kDate, "2024-02-29");
  Document bad = Tag("en", "On Feb. 30, 2023 nothing happened.", "2024-06-19");
  for (const TimeExpr& t : bad.times) EXPECT_NE(t.value, "2023-02-30") << Show(bad);
}

TEST(TimeTaggerRules, FromTextRulesAndTies) {
  auto t = TimeTagger::FromText(
      "#! cronista-time 1\n"
      "relday -1 yesterday\n"
      "unit day day|days\n"
      "number 2 two\n"
      "DATE RELDAY = date\n"
      "DATE yesterday = ref PAST_REF  # same length, later line: loses\n"
      "DURATION NUM UNIT = duration\n"
      "DATE [in] NUM UNIT = date sign=1\n",
      "test/time.txt");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  Document doc = Tag("en", "Yesterday, in two days, for two days.", "2024-06-19", t->get());
  ASSERT_EQ(doc.times.size(), 3u) << Show(doc);
  EXPECT_EQ(doc.times[0].value, "2024-06-18");
  EXPECT_EQ(doc.times[0].rule, "test/time.txt:5");
  // Context words stay outside the span.
  EXPECT_EQ(doc.text.substr(doc.times[1].start, doc.times[1].end - doc.times[1].start), "two days");
  EXPECT_EQ(doc.times[1].value, "2024-06-21");
  EXPECT_EQ(doc.times[2].value, "P2D");
}

TEST(TimeTaggerRules, MalformedFilesNameTheLine) {
  struct Case {
    const char* text;
    const char* where;
  };
  const Case cases[] = {
      {"# no header\n", "x/time.txt:1:"},
      {"#! cronista-time 1\nmonth 13 smarch\n", "x/time.txt:2:"},
      {"#! cronista-time 1\nDATE FOO = date\n", "x/time.txt:2:"},
      {"#! cronista-time 1\n\nDATE yesterday = frobnicate\n", "x/time.txt:3:"},
      {"#! cronista-time 1\nDATE a [b] c = date\n", "x/time.txt:2:"},
      {"#! cronista-time 1\nDURATION a = date\n", "x/time.txt:2:"},
      {"#! cronista-time 1\nDATE now = ref PRESENT_REF ex: now\n", "x/time.txt:2:"},
      {"#! cronista-time 1\nbogus line\n", "x/time.txt:2:"},
  };
  for (const Case& c : cases) {
    auto t = TimeTagger::FromText(c.text, "x/time.txt");
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(t.status().message().find(c.where), std::string::npos) << t.status().message();
  }
  auto missing = TimeTagger::Load("/nonexistent/xx");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(DateOfTimex, CalendarPointsOnly) {
  auto date = [](TimeType type, const std::string& value) {
    TimeExpr t;
    t.type = type;
    t.value = value;
    return DateOfTimex(t);
  };
  auto day = date(TimeType::kDate, "2024-06-19");
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->ToString(), "2024-06-19");
  EXPECT_EQ(day->precision, DatePrecision::kDay);
  EXPECT_EQ(date(TimeType::kDate, "2024-06")->ToString(), "2024-06");
  EXPECT_EQ(date(TimeType::kDate, "2024")->precision, DatePrecision::kYear);
  auto time = date(TimeType::kTime, "2024-06-19T10:30");
  ASSERT_TRUE(time.has_value());
  EXPECT_EQ(time->precision, DatePrecision::kTime);
  EXPECT_EQ(time->hour, 10);
  EXPECT_EQ(time->minute, 30);
  EXPECT_EQ(date(TimeType::kTime, "2024-06-19TMO")->precision, DatePrecision::kDay);
  EXPECT_EQ(date(TimeType::kTime, "2024-06-XXT10:00")->ToString(), "2024-06");
  // 2024-W25 is 17-23 June: the month holds it; W22 (27 May - 2 June)
  // straddles two months: the year.
  EXPECT_EQ(date(TimeType::kDate, "2024-W25")->ToString(), "2024-06");
  EXPECT_EQ(date(TimeType::kDate, "2024-W22")->ToString(), "2024");
  EXPECT_EQ(date(TimeType::kDate, "2024-W24-WE")->ToString(), "2024-06");
  EXPECT_EQ(date(TimeType::kDate, "2024-Q2")->ToString(), "2024");
  EXPECT_EQ(date(TimeType::kDate, "2023-SU")->ToString(), "2023");
  EXPECT_EQ(date(TimeType::kDate, "2023-WI")->ToString(), "2023");
  EXPECT_FALSE(date(TimeType::kDate, "PAST_REF").has_value());
  EXPECT_FALSE(date(TimeType::kDate, "199").has_value());
  EXPECT_FALSE(date(TimeType::kDate, "XXXX-06-19").has_value());
  EXPECT_FALSE(date(TimeType::kDate, "2024-02-30").has_value());
  EXPECT_FALSE(date(TimeType::kDuration, "P3Y").has_value());
  EXPECT_FALSE(date(TimeType::kSet, "2024").has_value());
}

}  // namespace
}  // namespace cronista
