#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "cronista/reader.h"

namespace cronista {
namespace {

struct Parsed {
  Status status;
  Document doc;
};

Parsed Parse(std::string_view html, ReaderOptions options = {}) {
  Parsed p;
  p.status = ParseHtml(html, "page.html", options, &p.doc);
  return p;
}

constexpr std::string_view kNewsPage = R"(<!DOCTYPE html>
<html lang="it-IT">
<head>
  <meta charset="utf-8">
  <title>Esteri | Vertice a Hanoi - Giornale</title>
  <meta property="og:title" content="Vertice a Hanoi">
  <meta property="og:site_name" content="Giornale">
  <meta property="article:published_time" content="2024-06-20T08:15:00+02:00">
  <link rel="canonical" href="https://giornale.example/esteri/hanoi">
  <style>body { color: red }</style>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/esteri">Esteri</a></nav>
  <header>Ultime notizie: banner</header>
  <article>
    <h1>Vertice   a Hanoi</h1>
    <p>Il presidente &egrave; arrivato
       ieri a <b>Hanoi</b>.</p>
    <figure><img src="a.jpg"><figcaption>Foto: agenzia</figcaption></figure>
    <h2>Le reazioni</h2>
    <p>&laquo;Siamo qui per l&rsquo;amicizia&raquo;, ha detto.<br>Seconda riga.</p>
    <form><input name="q"><button>Cerca</button></form>
    <script>var tracking = 1;</script>
  </article>
  <aside>Pi&ugrave; letti: gossip</aside>
  <footer>Copyright 2024 Giornale</footer>
</body>
</html>
)";

TEST(HtmlTest, ArticleWithoutBoilerplate) {
  Parsed p = Parse(kNewsPage);
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  EXPECT_EQ(p.doc.text,
            "Vertice a Hanoi\n\n"
            "Il presidente è arrivato ieri a Hanoi.\n\n"
            "Le reazioni\n\n"
            "«Siamo qui per l’amicizia», ha detto.\nSeconda riga.");
  const DocumentMeta& m = p.doc.meta;
  EXPECT_EQ(m.title, "Vertice a Hanoi");
  EXPECT_EQ(m.url, "https://giornale.example/esteri/hanoi");
  EXPECT_EQ(m.source, "Giornale");
  EXPECT_EQ(m.date.ToString(), "2024-06-20T08:15:00");
  EXPECT_EQ(m.lang, "it");
  EXPECT_TRUE(m.lang_from_meta);
  EXPECT_EQ(m.origin, "page.html");
  EXPECT_EQ(m.body_offset, 0u);
}

TEST(HtmlTest, TitleFallsBackToTitleThenH1) {
  Parsed p = Parse(
      "<html><head><title> Solo\n il titolo </title></head>"
      "<body><h1>Il titolo H1</h1><p>Testo.</p></body></html>");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.title, "Solo il titolo");
  p = Parse("<html><body><h1>Il titolo H1</h1><p>Testo.</p></body></html>");
  EXPECT_EQ(p.doc.meta.title, "Il titolo H1");
}

TEST(HtmlTest, MainWhenNoArticle) {
  Parsed p = Parse(
      "<html><body><div>Menu laterale</div><main><p>Il corpo.</p></main>"
      "<div>Altro</div></body></html>");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.text, "Il corpo.");
}

TEST(HtmlTest, ElementWithMostParagraphTextOtherwise) {
  Parsed p = Parse(
      "<html><body>"
      "<div id=side><p>Breve.</p></div>"
      "<div id=story><p>Primo paragrafo dell'articolo.</p><p>Secondo paragrafo.</p></div>"
      "<div id=foot><p>Note legali.</p></div>"
      "</body></html>");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.text, "Primo paragrafo dell'articolo.\n\nSecondo paragrafo.");
}

TEST(HtmlTest, DateFromTimeElement) {
  Parsed p = Parse(
      "<html><body><article><time datetime=\"2024-06-19\">ieri</time>"
      "<p>Testo.</p></article></body></html>");
  ASSERT_TRUE(p.status.ok());
  EXPECT_EQ(p.doc.meta.date.ToString(), "2024-06-19");
  EXPECT_EQ(p.doc.meta.date.precision, DatePrecision::kDay);
}

TEST(HtmlTest, BadDateIsAWarning) {
  Parsed p = Parse(
      "<html><head><meta name=\"pubdate\" content=\"ieri sera\"></head>"
      "<body><p>Testo.</p></body></html>");
  ASSERT_TRUE(p.status.ok());
  EXPECT_FALSE(p.doc.meta.date.known());
  ASSERT_EQ(p.doc.warnings.size(), 1u);
  EXPECT_EQ(p.doc.warnings[0].code, "bad_date");
}

TEST(HtmlTest, DeclaredCharsetIsDecoded) {
  Parsed p = Parse(
      "<html><head><meta charset=\"ISO-8859-1\"></head>"
      "<body><p>Perch\xE8 \x93s\xEC\x94.</p></body></html>");
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  EXPECT_EQ(p.doc.text, "Perchè “sì”.");  // windows-1252, as browsers read it
  EXPECT_TRUE(p.doc.warnings.empty());
}

TEST(HtmlTest, PageWithoutTextIsEmpty) {
  Parsed p = Parse("<html><body><nav>Solo menu</nav><script>x()</script></body></html>");
  EXPECT_EQ(p.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.status.message(), "page.html: empty document (no article text in the HTML)");
}

TEST(HtmlTest, DeepNestingIsRefusedQuickly) {
  std::string deep = "<html><body>";
  for (int i = 0; i < 200000; ++i) deep += "<div>";
  deep += "x";
  auto start = std::chrono::steady_clock::now();
  Parsed p = Parse(deep);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(p.status.code(), StatusCode::kResourceExhausted);
  EXPECT_LT(seconds, 5.0);
}

TEST(HtmlTest, ElementBombIsStoppedByTheMemoryBudget) {
  // Formatting elements left open are re-created in every later block: a
  // few hundred kilobytes would make gigabytes of parse tree.
  std::string bomb = "<html><body><div>";
  for (int i = 0; i < 1000; ++i) bomb += "<b id=" + std::to_string(i) + ">";
  bomb += "</div>";
  for (int i = 0; i < 20000; ++i) bomb += "<div>x</div>";
  Parsed p = Parse(bomb);
  EXPECT_EQ(p.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(p.status.message(), "page.html: HTML parse tree over the 256 MiB memory limit");
}

TEST(HtmlTest, DeepNestingInsideSvgCounts) {
  std::string deep = "<html><body><svg>";
  for (int i = 0; i < 100000; ++i) deep += "<source>";
  EXPECT_EQ(Parse(deep).status.code(), StatusCode::kResourceExhausted);
}

TEST(HtmlTest, ModeratelyNestedPageIsFine) {
  std::string nested = "<html><body>";
  for (int i = 0; i < 2000; ++i) nested += "<div>";
  nested += "<p>In fondo.</p>";
  Parsed p = Parse(nested);
  ASSERT_TRUE(p.status.ok()) << p.status.ToString();
  EXPECT_EQ(p.doc.text, "In fondo.");
}

TEST(HtmlTest, OversizeAndBinary) {
  ReaderOptions small;
  small.max_document_bytes = 8;
  EXPECT_EQ(Parse("<html>long</html>", small).status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Parse(std::string("<html>\0</html>", 14)).status.code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace cronista
