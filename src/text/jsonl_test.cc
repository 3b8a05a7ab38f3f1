#include <gtest/gtest.h>

#include <string>

#include "cronista/reader.h"

namespace cronista {
namespace {

struct Parsed {
  Status status;
  Document doc;
};

Parsed Parse(std::string_view line, ReaderOptions options = {}) {
  Parsed p;
  p.doc.meta.id = "feed:1";  // what a source presets
  p.status = ParseJsonLine(line, "feed.jsonl:1", options, &p.doc);
  return p;
}

TEST(JsonLinesTest, KnownFields) {
  Parsed p =
      Parse(R"({"id":"a1","url":"https://x.org/a","title":"Talks","date":"2024-03-01",)"
            R"("lang":"en-GB","source":"Example News","section":"world","text":"Talks resumed."})");
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  const DocumentMeta& m = p.doc.meta;
  EXPECT_EQ(m.id, "a1");
  EXPECT_EQ(m.origin, "feed.jsonl:1");
  EXPECT_EQ(m.url, "https://x.org/a");
  EXPECT_EQ(m.title, "Talks");
  EXPECT_EQ(m.date.ToString(), "2024-03-01");
  EXPECT_EQ(m.lang, "en");
  EXPECT_TRUE(m.lang_from_meta);
  EXPECT_EQ(m.lang_confidence, 1.0);
  EXPECT_EQ(m.source, "Example News");
  EXPECT_EQ(m.section, "world");
  EXPECT_EQ(m.extra_json, "");
  EXPECT_EQ(m.body_offset, 0u);
  EXPECT_EQ(p.doc.text, "Talks resumed.");
  EXPECT_TRUE(p.doc.warnings.empty());
}

TEST(JsonLinesTest, UnknownFieldsPassThroughInOrder) {
  Parsed p =
      Parse(R"({"zeta":1,"text":"Testo.","desk":{"name":"esteri","n":[1,2.5,null]},"alpha":"è"})");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.extra_json,
            R"({"zeta":1,"desk":{"name":"esteri","n":[1,2.5,null]},"alpha":"è"})");
  EXPECT_EQ(p.doc.meta.id, "feed:1");  // no "id": the preset one stays
}

TEST(JsonLinesTest, NumericIdAndNullFields) {
  Parsed p = Parse(R"({"id":42,"title":null,"lang":"","text":"Testo."})");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.id, "42");
  EXPECT_EQ(p.doc.meta.title, "");
  EXPECT_EQ(p.doc.meta.lang, "");
  EXPECT_FALSE(p.doc.meta.lang_from_meta);
}

TEST(JsonLinesTest, BodyAndContentAreTextAliases) {
  Parsed p = Parse(R"({"body":"Dal corpo."})");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.text, "Dal corpo.");
  p = Parse(R"({"text":null,"content":"Dal contenuto."})");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.text, "Dal contenuto.");
  // With "text" present, "body" is just another field.
  p = Parse(R"({"body":"B","text":"T"})");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.text, "T");
  EXPECT_EQ(p.doc.meta.extra_json, R"({"body":"B"})");
}

TEST(JsonLinesTest, BadDateIsAWarningNotAnError) {
  Parsed p = Parse(R"({"date":"19 giugno","text":"Testo."})");
  ASSERT_TRUE(p.status.ok());
  EXPECT_FALSE(p.doc.meta.date.known());
  ASSERT_EQ(p.doc.warnings.size(), 1u);
  EXPECT_EQ(p.doc.warnings[0].code, "bad_date");
  EXPECT_EQ(p.doc.meta.extra_json, R"({"date":"19 giugno"})");
  p = Parse(R"({"date":20240619,"text":"Testo."})");
  EXPECT_EQ(p.doc.meta.date.ToString(), "2024-06-19");
}

TEST(JsonLinesTest, WrongTypesAreKeptAndWarned) {
  Parsed p = Parse(R"({"title":["a"],"lang":"not a tag","text":"Testo."})");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.title, "");
  EXPECT_EQ(p.doc.meta.lang, "");
  EXPECT_EQ(p.doc.meta.extra_json, R"({"title":["a"],"lang":"not a tag"})");
  ASSERT_EQ(p.doc.warnings.size(), 2u);
  EXPECT_EQ(p.doc.warnings[0].code, "bad_field");
}

TEST(JsonLinesTest, ParseErrorNamesLineAndByte) {
  Parsed p = Parse(R"({"id":"x","text": nope})");
  EXPECT_EQ(p.status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(p.status.message().starts_with("feed.jsonl:1: JSON parse error at byte 20: "))
      << p.status.message();
  EXPECT_NE(p.status.message().find("invalid literal"), std::string::npos);
  p = Parse(R"({"text":"unterminated)");
  EXPECT_TRUE(p.status.message().starts_with("feed.jsonl:1: JSON parse error at byte "));
}

TEST(JsonLinesTest, StructuralErrors) {
  Parsed p = Parse(R"(["text"])");
  EXPECT_EQ(p.status.message(), "feed.jsonl:1: JSON line is array, not an object");
  p = Parse(R"({"id":"k9","title":"Only a title"})");
  EXPECT_EQ(p.status.message(), "feed.jsonl:1: no \"text\" field (nor \"body\" or \"content\")");
  EXPECT_EQ(p.doc.meta.id, "k9");  // the failed document is still named
  p = Parse(R"({"text":12})");
  EXPECT_EQ(p.status.message(), "feed.jsonl:1: \"text\" is number, not a string");
  p = Parse(R"({"text":"  \n "})");
  EXPECT_EQ(p.status.message(), "feed.jsonl:1: empty document");
  p = Parse(R"({"text":"a\u0000b"})");
  EXPECT_EQ(p.status.code(), StatusCode::kDataLoss);
}

TEST(JsonLinesTest, InvalidUtf8IsRepaired) {
  Parsed p = Parse("{\"text\":\"Il caff\xE8 \xE8 pronto, dicono tutti in redazione.\"}");
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  EXPECT_EQ(p.doc.text, "Il caff\xEF\xBF\xBD \xEF\xBF\xBD pronto, dicono tutti in redazione.");
  ASSERT_EQ(p.doc.warnings.size(), 1u);
  EXPECT_EQ(p.doc.warnings[0].code, "invalid_utf8");
}

TEST(JsonLinesTest, CrLfAndBom) {
  Parsed p = Parse("\xEF\xBB\xBF{\"text\":\"Testo.\"}\r");
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  EXPECT_EQ(p.doc.text, "Testo.");
}

TEST(JsonLinesTest, OversizeLine) {
  ReaderOptions small;
  small.max_document_bytes = 16;
  Parsed p = Parse(R"({"text":"more than sixteen bytes"})", small);
  EXPECT_EQ(p.status.code(), StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace cronista
