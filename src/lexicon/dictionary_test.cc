#include "lexicon/dictionary.h"

#include <gtest/gtest.h>

namespace cronista {
namespace {

TEST(DayNumberTest, PadsPartialDates) {
  DayNumber d = 0;
  ASSERT_TRUE(ParseDayNumber("2024-06-19", false, &d));
  EXPECT_EQ(d, 20240619);
  ASSERT_TRUE(ParseDayNumber("2011-12", false, &d));
  EXPECT_EQ(d, 20111200);
  ASSERT_TRUE(ParseDayNumber("2011-12", true, &d));
  EXPECT_EQ(d, 20111299);
  ASSERT_TRUE(ParseDayNumber("2000", true, &d));
  EXPECT_EQ(d, 20009999);
  EXPECT_FALSE(ParseDayNumber("2000-13", false, &d));
  EXPECT_FALSE(ParseDayNumber("20-01", false, &d));
  EXPECT_FALSE(ParseDayNumber("2000-01-", false, &d));
  EXPECT_FALSE(ParseDayNumber("", false, &d));
}

}  // namespace
}  // namespace cronista
