#include "text/langid.h"

#include <gtest/gtest.h>

namespace cronista {
namespace {

TEST(LangIdTest, ItalianAndEnglishNews) {
  LanguageGuess it = IdentifyLanguage(
      "A Pyongyang il leader russo ha firmato un nuovo accordo con il presidente del Paese "
      "asiatico, che ha offerto il suo pieno sostegno all'operazione militare in Ucraina.");
  EXPECT_EQ(it.lang, "it");
  EXPECT_TRUE(it.reliable);
  EXPECT_GT(it.confidence, 0.8);

  LanguageGuess en = IdentifyLanguage(
      "In Pyongyang the Russian leader signed a new agreement with the president of the Asian "
      "country, who offered his full support for the military operation in Ukraine.");
  EXPECT_EQ(en.lang, "en");
  EXPECT_GT(en.confidence, 0.8);
}

TEST(LangIdTest, NoTextNoLanguage) {
  LanguageGuess g = IdentifyLanguage("12345 67 -- ...");
  EXPECT_EQ(g.lang, "");
  EXPECT_EQ(g.confidence, 0.0);
}

}  // namespace
}  // namespace cronista
