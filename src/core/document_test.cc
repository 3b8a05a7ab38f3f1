#include "cronista/document.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace cronista {
namespace {

// Parse then ToString, "" when the parse fails.
std::string RoundTrip(std::string_view s) {
  std::optional<PartialDate> d = PartialDate::Parse(s);
  return d ? d->ToString() : "<invalid>";
}

TEST(PartialDateTest, ParsesEachPrecision) {
  std::optional<PartialDate> d = PartialDate::Parse("2024");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 0);
  EXPECT_EQ(d->precision, DatePrecision::kYear);

  d = PartialDate::Parse("2024-06");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 6);
  EXPECT_EQ(d->day, 0);
  EXPECT_EQ(d->precision, DatePrecision::kMonth);

  d = PartialDate::Parse("2024-06-19");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->day, 19);
  EXPECT_EQ(d->precision, DatePrecision::kDay);

  d = PartialDate::Parse("2024-06-19T14:30:05Z");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->hour, 14);
  EXPECT_EQ(d->minute, 30);
  EXPECT_EQ(d->second, 5);
  EXPECT_EQ(d->precision, DatePrecision::kTime);
}

TEST(PartialDateTest, AcceptsTheDocumentedForms) {
  EXPECT_EQ(RoundTrip("2024/06/19"), "2024-06-19");
  EXPECT_EQ(RoundTrip("2024/06"), "2024-06");
  EXPECT_EQ(RoundTrip("20240619"), "2024-06-19");
  EXPECT_EQ(RoundTrip("2024-06-19T14:30"), "2024-06-19T14:30:00");
  EXPECT_EQ(RoundTrip("2024-06-19 14:30:05"), "2024-06-19T14:30:05");
  EXPECT_EQ(RoundTrip("2024-06-19T14:30:05.123+02:00"), "2024-06-19T14:30:05");
  EXPECT_EQ(RoundTrip("2024-06-19T14:30:05-0500"), "2024-06-19T14:30:05");
  EXPECT_EQ(RoundTrip("  2024-6-9 "), "2024-06-09");
  EXPECT_EQ(RoundTrip("2024-02-29"), "2024-02-29");  // leap year
  EXPECT_EQ(RoundTrip("2000-02-29"), "2000-02-29");
}

TEST(PartialDateTest, RejectsInvalidDates) {
  for (const char* bad : {"",
                          "24",
                          "2024-",
                          "2024-13",
                          "2024-00",
                          "2024-02-30",
                          "2023-02-29",
                          "1900-02-29",
                          "2024-04-31",
                          "2024-06-00",
                          "2024-06-19T24:00",
                          "2024-06-19T12:60",
                          "2024-06-19T12:30:61",
                          "2024-06-19T",
                          "2024-06T12:00",
                          "2024-06/19",
                          "0000",
                          "20241301",
                          "2024061",
                          "June 2024",
                          "2024-06-19 video",
                          "2024-06-19T12:30Zx",
                          "2024-06-19T12:30.5",
                          "12/06/2024",
                          "2024-06-19T12:30+25:00"}) {
    EXPECT_FALSE(PartialDate::Parse(bad).has_value()) << bad;
  }
}

TEST(PartialDateTest, ToStringTruncatesToPrecision) {
  PartialDate d;
  EXPECT_EQ(d.ToString(), "");
  EXPECT_FALSE(d.known());
  d = {.year = 2024, .month = 6, .day = 19, .hour = 8, .minute = 5, .second = 0};
  d.precision = DatePrecision::kYear;
  EXPECT_EQ(d.ToString(), "2024");
  d.precision = DatePrecision::kMonth;
  EXPECT_EQ(d.ToString(), "2024-06");
  d.precision = DatePrecision::kDay;
  EXPECT_EQ(d.ToString(), "2024-06-19");
  d.precision = DatePrecision::kTime;
  EXPECT_EQ(d.ToString(), "2024-06-19T08:05:00");
  EXPECT_TRUE(d.known());
}

TEST(PartialDateTest, PrecisionNames) {
  EXPECT_EQ(DatePrecisionName(DatePrecision::kNone), "none");
  EXPECT_EQ(DatePrecisionName(DatePrecision::kYear), "year");
  EXPECT_EQ(DatePrecisionName(DatePrecision::kMonth), "month");
  EXPECT_EQ(DatePrecisionName(DatePrecision::kDay), "day");
  EXPECT_EQ(DatePrecisionName(DatePrecision::kTime), "time");
}

}  // namespace
}  // namespace cronista
