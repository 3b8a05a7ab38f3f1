#include "text/utf8.h"

#include <gtest/gtest.h>

namespace cronista {
namespace {

constexpr std::string_view kFffd = "\xEF\xBF\xBD";

TEST(Utf8Test, ValidTextIsUntouched) {
  std::string_view s = "Perché è già così: “ciao” — 한국어 𝄞";
  EXPECT_TRUE(ScanUtf8(s).valid());
  EXPECT_EQ(RepairUtf8(s), s);
  EXPECT_TRUE(ScanUtf8("").valid());
}

TEST(Utf8Test, ReplacesEachMaximalSubpart) {
  // A truncated three-byte sequence is one subpart: one U+FFFD.
  EXPECT_EQ(RepairUtf8("a\xE2\x82z"), "a" + std::string(kFffd) + "z");
  Utf8Scan scan = ScanUtf8("a\xE2\x82z");
  EXPECT_EQ(scan.invalid_sequences, 1u);
  EXPECT_EQ(scan.invalid_bytes, 2u);
  // An overlong '/' is two subparts.
  EXPECT_EQ(RepairUtf8("\xC0\xAF"), std::string(kFffd) + std::string(kFffd));
  // A surrogate (U+D800) is ill-formed: three subparts.
  EXPECT_EQ(ScanUtf8("\xED\xA0\x80").invalid_sequences, 3u);
  // Above U+10FFFF.
  EXPECT_FALSE(ScanUtf8("\xF4\x90\x80\x80").valid());
  // Latin-1 "è" between ASCII.
  EXPECT_EQ(RepairUtf8("perch\xE8 no"), "perch" + std::string(kFffd) + " no");
  // A lone continuation byte and a truncated sequence at the end.
  EXPECT_EQ(RepairUtf8("\x80x\xF0\x9F"), std::string(kFffd) + "x" + std::string(kFffd));
}

TEST(Utf8Test, Bom) {
  EXPECT_EQ(StripUtf8Bom("\xEF\xBB\xBFtext"), "text");
  EXPECT_EQ(StripUtf8Bom("text"), "text");
}

TEST(Utf8Test, Blank) {
  EXPECT_TRUE(IsBlankUtf8(""));
  EXPECT_TRUE(IsBlankUtf8(" \t\r\n\xC2\xA0\xE2\x80\x83"));  // NBSP, em space
  EXPECT_FALSE(IsBlankUtf8("  x "));
  EXPECT_FALSE(IsBlankUtf8("\xFF"));
}

TEST(Utf8Test, TruncateKeepsWholeCharacters) {
  EXPECT_EQ(TruncateUtf8("abc", 10), "abc");
  EXPECT_EQ(TruncateUtf8("aèb", 2), "a");  // "è" is 2 bytes
  EXPECT_EQ(TruncateUtf8("aèb", 3), "aè");
  EXPECT_EQ(TruncateUtf8("𝄞", 3), "");
}

}  // namespace
}  // namespace cronista
