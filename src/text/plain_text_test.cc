#include <gtest/gtest.h>

#include <string>

#include "cronista/reader.h"

namespace cronista {
namespace {

struct Parsed {
  Status status;
  Document doc;
};

Parsed Parse(std::string_view bytes, ReaderOptions options = {}) {
  Parsed p;
  p.status = ParsePlainText(bytes, "in.txt", options, &p.doc);
  return p;
}

bool HasWarning(const Document& d, std::string_view code) {
  for (const Warning& w : d.warnings) {
    if (w.code == code) return true;
  }
  return false;
}

TEST(PlainTextTest, HeaderWithMonthDateAndSection) {
  Parsed p = Parse("date 2024-06 video suggerito\n\nAsse Russia-Corea del Nord: testo.\n");
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  const DocumentMeta& m = p.doc.meta;
  EXPECT_EQ(m.date.year, 2024);
  EXPECT_EQ(m.date.month, 6);
  EXPECT_EQ(m.date.precision, DatePrecision::kMonth);
  EXPECT_EQ(m.section, "video suggerito");
  EXPECT_EQ(m.origin, "in.txt");
  // The header and the blank line after it are not part of the text.
  EXPECT_EQ(p.doc.text, "Asse Russia-Corea del Nord: testo.\n");
  EXPECT_EQ(m.body_offset, 30u);
}

TEST(PlainTextTest, HeaderWithLeadingSpaceAndBom) {
  // The seed document's first line starts with a space.
  std::string seed = " date 2024-06 video suggerito\n\nAsse Russia-Corea del Nord.\n";
  Parsed p = Parse(seed);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.date.ToString(), "2024-06");
  EXPECT_EQ(p.doc.meta.section, "video suggerito");
  EXPECT_EQ(p.doc.meta.body_offset, 31u);
  EXPECT_EQ(seed.substr(p.doc.meta.body_offset), p.doc.text);

  p = Parse("\xEF\xBB\xBF\tdate 2024-06-19\nTesto.\n");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.date.ToString(), "2024-06-19");
  EXPECT_EQ(p.doc.meta.section, "");
  EXPECT_EQ(p.doc.text, "Testo.\n");
  EXPECT_EQ(p.doc.meta.body_offset, 3u + 17u);  // BOM + header line
}

TEST(PlainTextTest, AllHeaderKeys) {
  Parsed p = Parse(
      "date 2024-06-19 14:30 esteri\n"
      "title Vertice a Hanoi\n"
      "url https://example.org/a?b=1\n"
      "source Fanpage\n"
      "lang it-IT\n"
      "id art-7\n"
      "section: politica\n"
      "\n\n"
      "Il testo.\n");
  ASSERT_TRUE(p.status.ok());
  const DocumentMeta& m = p.doc.meta;
  EXPECT_EQ(m.date.ToString(), "2024-06-19T14:30:00");
  EXPECT_EQ(m.title, "Vertice a Hanoi");
  EXPECT_EQ(m.url, "https://example.org/a?b=1");
  EXPECT_EQ(m.source, "Fanpage");
  EXPECT_EQ(m.lang, "it");
  EXPECT_TRUE(m.lang_from_meta);
  EXPECT_EQ(m.lang_confidence, 1.0);
  EXPECT_EQ(m.id, "art-7");
  EXPECT_EQ(m.section, "politica");  // the later line wins over "esteri"
  EXPECT_EQ(p.doc.text, "Il testo.\n");
}

TEST(PlainTextTest, HeaderEndsAtTheFirstLineThatIsNotOne) {
  Parsed p = Parse("date 2024\nSome headline here\n\nBody text.\n");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.date.precision, DatePrecision::kYear);
  EXPECT_EQ(p.doc.text, "Some headline here\n\nBody text.\n");
}

TEST(PlainTextTest, LinesThatOnlyLookLikeHeaders) {
  for (const char* text : {
           "date of the summit is not set\n\nBody.\n",  // value is not a date
           "Date 2024-06-19\n\nBody.\n",                // keys are lower case
           "lang is a word\n\nBody.\n",                 // not a language tag
           "url not a link\n\nBody.\n", "id two words\n\nBody.\n", "dates 2024\n\nBody.\n",
           "title\n\nBody.\n",  // no value
       }) {
    Parsed p = Parse(text);
    ASSERT_TRUE(p.status.ok()) << text;
    EXPECT_EQ(p.doc.text, text);
    EXPECT_EQ(p.doc.meta.body_offset, 0u) << text;
    EXPECT_FALSE(p.doc.meta.date.known()) << text;
  }
}

TEST(PlainTextTest, HeadlineBecomesTitleAndStaysInText) {
  std::string bbc =
      "US duo in first spam conviction\n\nA brother and sister in the US have "
      "been convicted of sending spam.\n";
  Parsed p = Parse(bbc);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.title, "US duo in first spam conviction");
  EXPECT_EQ(p.doc.text, bbc);

  p = Parse("date 2024-06-20\n\n\"Siamo pronti\", dice il ministro\r\nIl testo segue.\r\n");
  EXPECT_EQ(p.doc.meta.title, "\"Siamo pronti\", dice il ministro");
  p = Parse("¿Qué pasa en Siria?\nTexto.\n");
  EXPECT_EQ(p.doc.meta.title, "¿Qué pasa en Siria?");
  p = Parse("2024: the year in review\nText.\n");
  EXPECT_EQ(p.doc.meta.title, "2024: the year in review");
}

TEST(PlainTextTest, NotAHeadline) {
  for (const char* text : {
           "A whole sentence that ends with a period.\nMore text.\n",
           "lower case start\nMore text.\n",
           "Only one line, no article after it\n",
           "Headline followed by nothing but blanks\n\n  \n",
           "One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
           "fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two "
           "twenty-three twenty-four twenty-five twenty-six\nText.\n",
           "He said:\nText.\n",
       }) {
    Parsed p = Parse(text);
    ASSERT_TRUE(p.status.ok()) << text;
    EXPECT_EQ(p.doc.meta.title, "") << text;
  }
  // A title from the header is not replaced.
  Parsed p = Parse("title From the header\n\nA headline line\nText.\n");
  EXPECT_EQ(p.doc.meta.title, "From the header");
}

TEST(PlainTextTest, EmptyAndBlankDocuments) {
  for (const char* text : {"", "   \n\t\r\n", "\xEF\xBB\xBF", "date 2024-06 video\n\n"}) {
    Parsed p = Parse(text);
    EXPECT_EQ(p.status.code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(p.status.message(), "in.txt: empty document");
  }
}

TEST(PlainTextTest, NulBytesAreBinary) {
  Parsed p = Parse(std::string("text\0more", 9));
  EXPECT_EQ(p.status.code(), StatusCode::kDataLoss);
  EXPECT_EQ(p.status.message(), "in.txt: contains NUL bytes: binary file?");
}

TEST(PlainTextTest, Utf16IsRefusedWithAHint) {
  Parsed p = Parse(std::string("\xFF\xFEh\0i\0", 6));
  EXPECT_EQ(p.status.code(), StatusCode::kDataLoss);
  EXPECT_NE(p.status.message().find("UTF-16"), std::string::npos);
}

TEST(PlainTextTest, InvalidUtf8IsRepairedWithAWarning) {
  std::string text = "Perch\xE8 no? Il caff\xE8 \xE8 buono. " + std::string(200, 'x') + "\n";
  Parsed p = Parse(text);
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  EXPECT_EQ(p.doc.text.substr(0, 24), "Perch\xEF\xBF\xBD no? Il caff\xEF\xBF\xBD ");
  ASSERT_EQ(p.doc.warnings.size(), 1u);
  EXPECT_EQ(p.doc.warnings[0].code, "invalid_utf8");
  EXPECT_EQ(p.doc.warnings[0].message, "repaired 3 invalid UTF-8 sequences with U+FFFD");
}

TEST(PlainTextTest, MostlyInvalidUtf8IsRejected) {
  std::string latin1;
  for (int i = 0; i < 100; ++i) latin1 += i % 3 == 0 ? "\xE8" : "a";
  Parsed p = Parse(latin1);
  EXPECT_EQ(p.status.code(), StatusCode::kDataLoss);
  EXPECT_EQ(p.status.message(), "in.txt: not UTF-8 text: 34% of bytes invalid");
  ReaderOptions lenient;
  lenient.max_invalid_utf8_ratio = 0.5;
  p = Parse(latin1, lenient);
  EXPECT_TRUE(p.status.ok());
  EXPECT_TRUE(HasWarning(p.doc, "invalid_utf8"));
}

TEST(PlainTextTest, InvalidUtf8InTheHeaderKeepsOffsetsExact) {
  std::string tail(100, 'x');
  std::string src = "title Caff\xE8\n\nBody \xE8." + tail;
  Parsed p = Parse(src);
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.title, "Caff\xEF\xBF\xBD");
  EXPECT_EQ(p.doc.meta.body_offset, 13u);
  EXPECT_EQ(p.doc.text, "Body \xEF\xBF\xBD." + tail);
  EXPECT_EQ(p.doc.warnings.at(0).message, "repaired 2 invalid UTF-8 sequences with U+FFFD");
}

TEST(PlainTextTest, CrLfIsKept) {
  Parsed p = Parse("date 2024\r\n\r\nFirst line.\r\nSecond.\r\n");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.text, "First line.\r\nSecond.\r\n");
}

TEST(PlainTextTest, OversizeIsRejected) {
  ReaderOptions small;
  small.max_document_bytes = 10;
  Parsed p = Parse("eleven byte", small);
  EXPECT_EQ(p.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(p.status.message(),
            "in.txt: document is 11 bytes, over the 10-byte limit (--max-doc-bytes)");
}

}  // namespace
}  // namespace cronista
