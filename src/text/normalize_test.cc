#include "text/normalize.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>

namespace cronista {
namespace {

// The obvious reference: typographic folding, then ICU NFC and full case
// folding, with no fast path.
std::string Reference(char32_t c) {
  if (const char* rep = TypographicFold(c)) return rep;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString u = nfc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  u.foldCase(U_FOLD_CASE_DEFAULT);
  u = nfc->normalize(u, status);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Utf8(char32_t c) {
  std::string out;
  icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(out);
  return out;
}

TEST(NormalizeTest, AsciiLowerCases) {
  EXPECT_EQ(NormalizeToken("Putin"), "putin");
  EXPECT_EQ(NormalizeToken("NATO"), "nato");
  EXPECT_EQ(NormalizeToken("2024-06-19"), "2024-06-19");
  EXPECT_EQ(NormalizeToken("`"), "'");
  EXPECT_EQ(NormalizeToken(""), "");
}

TEST(NormalizeTest, TypographicFolding) {
  EXPECT_EQ(NormalizeToken("L’Alleato"), "l'alleato");
  EXPECT_EQ(NormalizeToken("l‘"), "l'");
  EXPECT_EQ(NormalizeToken("«"), "\"");
  EXPECT_EQ(NormalizeToken("»"), "\"");
  EXPECT_EQ(NormalizeToken("“"), "\"");
  EXPECT_EQ(NormalizeToken("”"), "\"");
  EXPECT_EQ(NormalizeToken("„"), "\"");
  EXPECT_EQ(NormalizeToken("″"), "\"");
  EXPECT_EQ(NormalizeToken("‹"), "'");
  EXPECT_EQ(NormalizeToken("›"), "'");
  EXPECT_EQ(NormalizeToken("–"), "-");
  EXPECT_EQ(NormalizeToken("—"), "-");
  EXPECT_EQ(NormalizeToken("―"), "-");
  EXPECT_EQ(NormalizeToken("−"), "-");
  EXPECT_EQ(NormalizeToken("Jong‑un"), "jong-un");
  EXPECT_EQ(NormalizeToken("…"), "...");
  EXPECT_EQ(NormalizeToken("a\u00A0b"), "a b");
  EXPECT_EQ(NormalizeToken("ʼs"), "'s");
  EXPECT_EQ(NormalizeToken("´"), "'");
  EXPECT_EQ(NormalizeToken("co\u00ADoperation"), "cooperation");  // soft hyphen
}

TEST(NormalizeTest, NfcAndFullCaseFolding) {
  EXPECT_EQ(NormalizeToken("e\u0301"), "\u00E9");  // NFD e + acute -> é
  EXPECT_EQ(NormalizeToken("E\u0301"), "\u00E9");
  EXPECT_EQ(NormalizeToken("PERCHÉ"), "perché");
  EXPECT_EQ(NormalizeToken("Città"), "città");
  EXPECT_EQ(NormalizeToken("Straße"), "strasse");
  EXPECT_EQ(NormalizeToken("ΣΊΣΥΦΟΣ"), "σίσυφοσ");
  EXPECT_EQ(NormalizeToken("Москва"), "москва");
  EXPECT_EQ(NormalizeToken("ＡＢＣ"), "ａｂｃ");  // no compatibility folding
  EXPECT_EQ(NormalizeToken("\xFF"), "\uFFFD");    // invalid UTF-8
}

// The Latin fast path must agree with ICU for every code point it handles,
// alone and between ASCII letters.
TEST(NormalizeTest, LatinFastPathMatchesIcu) {
  for (char32_t c = 0x80; c < 0x300; ++c) {
    if (u_charType(static_cast<UChar32>(c)) == U_UNASSIGNED) continue;
    const std::string expected = Reference(c);
    EXPECT_EQ(NormalizeToken(Utf8(c)), expected) << "U+" << std::hex << static_cast<uint32_t>(c);
    EXPECT_EQ(NormalizeToken("A" + Utf8(c) + "b"), "a" + expected + "b")
        << "U+" << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(NormalizeTest, NormalizeTokenToReusesBuffer) {
  std::string buf = "leftover";
  NormalizeTokenTo("Roma", &buf);
  EXPECT_EQ(buf, "roma");
  NormalizeTokenTo("Città", &buf);
  EXPECT_EQ(buf, "città");
  NormalizeTokenTo("Σ", &buf);
  EXPECT_EQ(buf, "σ");
}

TEST(NormalizeTest, QuoteMarks) {
  for (char32_t c :
       {U'"', U'\'', U'«', U'»', U'“', U'”', U'„', U'‟', U'‘', U'’', U'‚', U'‛', U'‹', U'›'}) {
    EXPECT_TRUE(IsQuoteMark(c)) << "U+" << std::hex << static_cast<uint32_t>(c);
  }
  EXPECT_FALSE(IsQuoteMark(U'a'));
  EXPECT_FALSE(IsQuoteMark(U'-'));
  EXPECT_EQ(ClassifyQuoteMark(U'«'), QuoteRole::kOpening);
  EXPECT_EQ(ClassifyQuoteMark(U'»'), QuoteRole::kClosing);
  EXPECT_EQ(ClassifyQuoteMark(U'“'), QuoteRole::kOpening);
  EXPECT_EQ(ClassifyQuoteMark(U'”'), QuoteRole::kClosing);
  EXPECT_EQ(ClassifyQuoteMark(U'"'), QuoteRole::kAmbiguous);
  EXPECT_EQ(ClassifyQuoteMark(U'x'), QuoteRole::kNone);
  EXPECT_EQ(QuoteMarkFamily(U'„'), QuoteMarkFamily(U'“'));
  EXPECT_NE(QuoteMarkFamily(U'«'), QuoteMarkFamily(U'“'));
}

TEST(NormalizeTest, CharacterClasses) {
  EXPECT_TRUE(IsApostrophe(U'’'));
  EXPECT_TRUE(IsApostrophe(U'‘'));
  EXPECT_TRUE(IsApostrophe(U'ʼ'));
  EXPECT_FALSE(IsApostrophe(U'"'));
  EXPECT_TRUE(IsHyphen(U'-'));
  EXPECT_FALSE(IsHyphen(U'–'));
  EXPECT_TRUE(IsDash(U'–'));
  EXPECT_TRUE(IsDash(U'—'));
  EXPECT_TRUE(IsSpace(U'\u00A0'));
  EXPECT_TRUE(IsSpace(U'\u3000'));
  EXPECT_TRUE(IsSpace(U'\uFEFF'));
  EXPECT_FALSE(IsSpace(U'a'));
  EXPECT_TRUE(IsLineBreak(U'\u2029'));
}

}  // namespace
}  // namespace cronista
