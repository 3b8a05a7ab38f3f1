#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/normalize.h"
#include "text/text_rules.h"

namespace cronista {
namespace {

const TextRules& Rules(const std::string& lang) {
  static const TextRules it = *LoadTextRules(std::string(CRONISTA_SOURCE_DATA_DIR) + "/it", "it");
  static const TextRules en = *LoadTextRules(std::string(CRONISTA_SOURCE_DATA_DIR) + "/en", "en");
  static const TextRules fr = *LoadTextRules(std::string(CRONISTA_SOURCE_DATA_DIR) + "/fr", "fr");
  static const TextRules es = *LoadTextRules(std::string(CRONISTA_SOURCE_DATA_DIR) + "/es", "es");
  static const TextRules none;
  if (lang == "it") return it;
  if (lang == "en") return en;
  if (lang == "fr") return fr;
  if (lang == "es") return es;
  return none;
}

// Checks the invariants every tokenisation must keep: tokens in order, not
// overlapping, inside the text, never containing white space, together
// holding every non-space byte; norm = NormalizeToken(text), lemma = norm.
void CheckInvariants(const Document& doc) {
  uint32_t pos = 0;
  std::string all_tokens, all_nonspace;
  for (const Token& t : doc.tokens) {
    ASSERT_GE(t.start, pos);
    ASSERT_GT(t.length, 0u);
    ASSERT_LE(t.end(), doc.text.size());
    const std::string_view gap = std::string_view(doc.text).substr(pos, t.start - pos);
    for (char c : gap) {
      const auto b = static_cast<unsigned char>(c);
      ASSERT_TRUE(b >= 0x80 || b <= 0x20 || b == 0x7F)
          << "non-space byte skipped before '" << doc.TokenText(t) << "'";
    }
    EXPECT_EQ(doc.TokenNorm(t), NormalizeToken(doc.TokenText(t)));
    EXPECT_EQ(t.lemma, t.norm);
    pos = t.end();
  }
}

Document Tok(const std::string& lang, const std::string& text) {
  Document doc;
  doc.text = text;
  Tokenize(Rules(lang), &doc);
  CheckInvariants(doc);
  return doc;
}

std::vector<std::string> Texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.TokenText(t));
  return out;
}

using V = std::vector<std::string>;

// Flags of the token whose text is `text` (the first one).
uint32_t FlagsOf(const Document& doc, std::string_view text) {
  for (const Token& t : doc.tokens) {
    if (doc.TokenText(t) == text) return t.flags;
  }
  ADD_FAILURE() << "no token '" << text << "'";
  return 0;
}

TEST(TokenizerTest, ItalianElision) {
  EXPECT_EQ(Texts(Tok("it", "l'alleato")), (V{"l'", "alleato"}));
  EXPECT_EQ(Texts(Tok("it", "dell'Occidente")), (V{"dell'", "Occidente"}));
  EXPECT_EQ(Texts(Tok("it", "all'\"operazione militare\"")),
            (V{"all'", "\"", "operazione", "militare", "\""}));
  EXPECT_EQ(Texts(Tok("it", "all’“operazione")), (V{"all’", "“", "operazione"}));
  EXPECT_EQ(Texts(Tok("it", "un’aggressione")), (V{"un’", "aggressione"}));
  EXPECT_EQ(Texts(Tok("it", "l‘attacco")), (V{"l‘", "attacco"}));
  EXPECT_EQ(Texts(Tok("it", "L’Alleato")), (V{"L’", "Alleato"}));
  EXPECT_EQ(Texts(Tok("it", "c'è")), (V{"c'", "è"}));

  Document doc = Tok("it", "dell'Occidente all’“operazione");
  EXPECT_TRUE(doc.tokens[0].has(kTokElision));
  EXPECT_TRUE(doc.tokens[0].has(kTokWord));
  EXPECT_FALSE(doc.tokens[1].has(kTokElision));
  EXPECT_TRUE(doc.tokens[1].has(kTokCapitalised));
  EXPECT_TRUE(doc.tokens[2].has(kTokElision));
  EXPECT_TRUE(doc.tokens[3].has(kTokOpenQuote));
  EXPECT_EQ(doc.TokenNorm(doc.tokens[2]), "all'");

  doc = Tok("it", "L’Alleato");
  EXPECT_EQ(doc.TokenNorm(doc.tokens[0]), "l'");
  EXPECT_EQ(doc.TokenNorm(doc.tokens[1]), "alleato");
}

TEST(TokenizerTest, ApostrophesWithoutElision) {
  // Not an elided form in Italian: stays one word.
  EXPECT_EQ(Texts(Tok("it", "O'Brien")), (V{"O'Brien"}));
  // Words with a final apostrophe.
  EXPECT_EQ(Texts(Tok("it", "un po' di più")), (V{"un", "po'", "di", "più"}));
  EXPECT_EQ(Texts(Tok("it", "E' vero")), (V{"E'", "vero"}));
  // French elision, but aujourd'hui stays whole.
  EXPECT_EQ(Texts(Tok("fr", "l'homme qu'il aujourd'hui")),
            (V{"l'", "homme", "qu'", "il", "aujourd'hui"}));
  // No elision in English.
  EXPECT_EQ(Texts(Tok("en", "l'alleato")), (V{"l'alleato"}));
}

TEST(TokenizerTest, EnglishClitics) {
  EXPECT_EQ(Texts(Tok("en", "Putin's visit")), (V{"Putin", "'s", "visit"}));
  EXPECT_EQ(Texts(Tok("en", "Putin’s visit")), (V{"Putin", "’s", "visit"}));
  EXPECT_EQ(Texts(Tok("en", "don't")), (V{"do", "n't"}));
  EXPECT_EQ(Texts(Tok("en", "can’t")), (V{"ca", "n’t"}));
  EXPECT_EQ(Texts(Tok("en", "they're we've I'll she'd I'm")),
            (V{"they", "'re", "we", "'ve", "I", "'ll", "she", "'d", "I", "'m"}));
  EXPECT_EQ(Texts(Tok("en", "O'Brien rock'n'roll")), (V{"O'Brien", "rock'n'roll"}));
  EXPECT_EQ(Texts(Tok("en", "O'Brien's")), (V{"O'Brien", "'s"}));
  EXPECT_EQ(Texts(Tok("en", "the students' rights")), (V{"the", "students", "'", "rights"}));
  Document doc = Tok("en", "Putin's");
  EXPECT_TRUE(doc.tokens[1].has(kTokClitic));
  EXPECT_FALSE(doc.tokens[0].has(kTokClitic));
  EXPECT_TRUE(doc.tokens[0].has(kTokCapitalised));
  EXPECT_EQ(doc.TokenNorm(doc.tokens[1]), "'s");
  EXPECT_TRUE(Tok("en", "students'").tokens[1].has(kTokClitic));
  // No clitics in Italian.
  EXPECT_EQ(Texts(Tok("it", "Putin's")), (V{"Putin's"}));
}

TEST(TokenizerTest, HyphenatedWords) {
  Document doc = Tok("it", "Kim Jong-un, Sud-est, Russia-Corea del Nord");
  EXPECT_EQ(Texts(doc), (V{"Kim", "Jong-un", ",", "Sud-est", ",", "Russia-Corea", "del", "Nord"}));
  EXPECT_TRUE(FlagsOf(doc, "Jong-un") & kTokHyphenated);
  EXPECT_TRUE(FlagsOf(doc, "Jong-un") & kTokCapitalised);
  EXPECT_TRUE(FlagsOf(doc, "Russia-Corea") & kTokHyphenated);
  EXPECT_FALSE(FlagsOf(doc, "Kim") & kTokHyphenated);
  EXPECT_EQ(Texts(Tok("it", "Russia - Corea")), (V{"Russia", "-", "Corea"}));
  EXPECT_EQ(Texts(Tok("it", "Russia – Corea")), (V{"Russia", "–", "Corea"}));
  EXPECT_EQ(Texts(Tok("it", "Russia–Corea")), (V{"Russia", "–", "Corea"}));
  EXPECT_EQ(Texts(Tok("en", "COVID-19 F-35")), (V{"COVID-19", "F-35"}));
  EXPECT_EQ(Texts(Tok("en", "pre- and post-war")), (V{"pre", "-", "and", "post-war"}));
  EXPECT_TRUE(FlagsOf(Tok("it", "Punct -"), "-") & kTokPunct);
}

TEST(TokenizerTest, NumbersDatesTimesPercentages) {
  Document doc = Tok("it", "2024 1.500 1,500 3,5 3.5 -2 1.500,25");
  EXPECT_EQ(Texts(doc), (V{"2024", "1.500", "1,500", "3,5", "3.5", "-2", "1.500,25"}));
  for (const Token& t : doc.tokens) {
    EXPECT_TRUE(t.has(kTokNumber)) << doc.TokenText(t);
    EXPECT_FALSE(t.has(kTokWord)) << doc.TokenText(t);
  }
  doc = Tok("it", "il 19/6, il 19/06/2024 e il 2024-06-19 alle 14:30 (-3%)");
  EXPECT_EQ(Texts(doc), (V{"il", "19/6", ",", "il", "19/06/2024", "e", "il", "2024-06-19", "alle",
                           "14:30", "(", "-3%", ")"}));
  EXPECT_TRUE(FlagsOf(doc, "19/6") & kTokDate);
  EXPECT_TRUE(FlagsOf(doc, "19/06/2024") & kTokDate);
  EXPECT_TRUE(FlagsOf(doc, "2024-06-19") & kTokDate);
  EXPECT_TRUE(FlagsOf(doc, "14:30") & kTokTime);
  EXPECT_FALSE(FlagsOf(doc, "14:30") & kTokDate);
  EXPECT_TRUE(FlagsOf(doc, "-3%") & kTokPercent);
  doc = Tok("it", "50% 3,5% 50 %");
  EXPECT_EQ(Texts(doc), (V{"50%", "3,5%", "50", "%"}));
  EXPECT_TRUE(FlagsOf(doc, "50%") & kTokPercent);
  EXPECT_TRUE(FlagsOf(doc, "50%") & kTokNumber);
  EXPECT_TRUE(FlagsOf(doc, "3,5%") & kTokPercent);
  EXPECT_FALSE(FlagsOf(doc, "50") & kTokPercent);
  EXPECT_TRUE(FlagsOf(doc, "%") & kTokPunct);
  // Not dates or times.
  doc = Tok("it", "2011-2012 45/99 2:1 25:99");
  EXPECT_FALSE(FlagsOf(doc, "2011-2012") & (kTokDate | kTokNumber));
  EXPECT_FALSE(FlagsOf(doc, "45/99") & kTokDate);
  EXPECT_FALSE(FlagsOf(doc, "25:99") & kTokTime);
  // A period after a number ends a sentence; it is not part of the number.
  EXPECT_EQ(Texts(Tok("it", "nel 2024.")), (V{"nel", "2024", "."}));
  EXPECT_EQ(Texts(Tok("it", "10 - 2")), (V{"10", "-", "2"}));
}

TEST(TokenizerTest, UrlsDomainsAndEmails) {
  Document doc = Tok("it", "Leggi https://www.fanpage.it/esteri/putin?id=3. Oppure www.x.org/a.");
  EXPECT_EQ(Texts(doc), (V{"Leggi", "https://www.fanpage.it/esteri/putin?id=3", ".", "Oppure",
                           "www.x.org/a", "."}));
  EXPECT_TRUE(FlagsOf(doc, "www.x.org/a") & kTokUrl);
  doc = Tok("it", "Entra nel canale WhatsApp di Fanpage.it\n");
  EXPECT_EQ(doc.tokens.size(), 6u);
  EXPECT_EQ(doc.TokenText(doc.tokens.back()), "Fanpage.it");
  EXPECT_TRUE(doc.tokens.back().has(kTokUrl));
  doc = Tok("en", "(see http://bbc.co.uk/news_(x)), and example.com/path.");
  EXPECT_EQ(Texts(doc),
            (V{"(", "see", "http://bbc.co.uk/news_(x)", ")", ",", "and", "example.com/path", "."}));
  doc = Tok("it", "Scrivete a mario.rossi+news@example.co.uk, grazie.");
  EXPECT_EQ(Texts(doc), (V{"Scrivete", "a", "mario.rossi+news@example.co.uk", ",", "grazie", "."}));
  EXPECT_TRUE(FlagsOf(doc, "mario.rossi+news@example.co.uk") & kTokEmail);
  EXPECT_EQ(Texts(Tok("en", "@user a@b")), (V{"@", "user", "a", "@", "b"}));
}

TEST(TokenizerTest, Abbreviations) {
  Document doc = Tok("it", "Il sen. Rossi e la dott.ssa Bianchi, Sen. Verdi.");
  EXPECT_EQ(Texts(doc), (V{"Il", "sen.", "Rossi", "e", "la", "dott.ssa", "Bianchi", ",", "Sen.",
                           "Verdi", "."}));
  EXPECT_TRUE(FlagsOf(doc, "sen.") & kTokAbbrev);
  EXPECT_TRUE(FlagsOf(doc, "Sen.") & kTokAbbrev);
  EXPECT_TRUE(FlagsOf(doc, "dott.ssa") & kTokAbbrev);
  EXPECT_FALSE(FlagsOf(doc, "Verdi") & kTokAbbrev);
  EXPECT_EQ(doc.TokenNorm(doc.tokens[8]), "sen.");

  doc = Tok("en", "Mr. Smith went to the U.S. embassy in Jan. with J. F. Kennedy.");
  EXPECT_EQ(Texts(doc), (V{"Mr.", "Smith", "went", "to", "the", "U.S.", "embassy", "in", "Jan.",
                           "with", "J.", "F.", "Kennedy", "."}));
  for (const char* a : {"Mr.", "U.S.", "Jan.", "J.", "F."}) {
    EXPECT_TRUE(FlagsOf(doc, a) & kTokAbbrev) << a;
  }
  EXPECT_EQ(Texts(Tok("en", "the U.S.A. and e.g. this")),
            (V{"the", "U.S.A.", "and", "e.g.", "this"}));
  // Upper-case entries do not match lower-case words.
  EXPECT_EQ(Texts(Tok("en", "He said no. No. 10 is here.")),
            (V{"He", "said", "no", ".", "No.", "10", "is", "here", "."}));
  EXPECT_EQ(Texts(Tok("en", "a Ph.D. student")), (V{"a", "Ph.D.", "student"}));
  EXPECT_EQ(Texts(Tok("es", "en EE.UU. y")), (V{"en", "EE.UU.", "y"}));
  EXPECT_EQ(Texts(Tok("it", "Enel S.p.A. e p.es. questo")),
            (V{"Enel", "S.p.A.", "e", "p.es.", "questo"}));
  EXPECT_EQ(Texts(Tok("fr", "Mme Dupont et M. Martin")),
            (V{"Mme", "Dupont", "et", "M.", "Martin"}));
  EXPECT_TRUE(FlagsOf(Tok("fr", "Mme Dupont"), "Mme") & kTokAbbrev);
  // Not abbreviations.
  EXPECT_EQ(Texts(Tok("it", "Macron. Poi")), (V{"Macron", ".", "Poi"}));
  EXPECT_EQ(Texts(Tok("it", "egiziane.Il governo")), (V{"egiziane", ".", "Il", "governo"}));
  EXPECT_EQ(Texts(Tok("en", "and so on etc... Then")),
            (V{"and", "so", "on", "etc", "...", "Then"}));
  EXPECT_EQ(Texts(Tok("", "Mr. X. Y")), (V{"Mr", ".", "X.", "Y"}));
}

TEST(TokenizerTest, Punctuation) {
  EXPECT_EQ(Texts(Tok("it", "Davvero?! Sì... no… (forse) [1]; «ok»")),
            (V{"Davvero", "?!", "Sì", "...", "no", "…", "(", "forse", ")", "[", "1", "]", ";", "«",
               "ok", "»"}));
  EXPECT_EQ(Texts(Tok("en", "a--b")), (V{"a", "--", "b"}));
  EXPECT_EQ(Texts(Tok("en", "AT&T and R&D, but A & B")),
            (V{"AT&T", "and", "R&D", ",", "but", "A", "&", "B"}));
  EXPECT_EQ(Texts(Tok("en", "e/o km/h")), (V{"e", "/", "o", "km", "/", "h"}));
}

TEST(TokenizerTest, QuoteMarksOpenAndClose) {
  Document doc = Tok("it", "«Ciao» disse “Se dovessero”, e \"basta\". 'no'");
  std::vector<std::pair<std::string, uint32_t>> quotes;
  for (const Token& t : doc.tokens) {
    if (t.has(kTokQuote)) {
      EXPECT_TRUE(t.has(kTokPunct));
      EXPECT_NE(t.has(kTokOpenQuote), t.has(kTokCloseQuote)) << doc.TokenText(t);
      quotes.emplace_back(std::string(doc.TokenText(t)),
                          t.flags & (kTokOpenQuote | kTokCloseQuote));
    }
  }
  using P = std::pair<std::string, uint32_t>;
  EXPECT_EQ(quotes, (std::vector<P>{{"«", kTokOpenQuote},
                                    {"»", kTokCloseQuote},
                                    {"“", kTokOpenQuote},
                                    {"”", kTokCloseQuote},
                                    {"\"", kTokOpenQuote},
                                    {"\"", kTokCloseQuote},
                                    {"'", kTokOpenQuote},
                                    {"'", kTokCloseQuote}}));
  // German-style marks, decided by context.
  doc = Tok("", "Er sagte „Ja“ und »nein«.");
  EXPECT_TRUE(FlagsOf(doc, "„") & kTokOpenQuote);
  EXPECT_TRUE(FlagsOf(doc, "“") & kTokCloseQuote);
  EXPECT_TRUE(FlagsOf(doc, "»") & kTokOpenQuote);
  EXPECT_TRUE(FlagsOf(doc, "«") & kTokCloseQuote);
  // Straight quotes: nested and after an elision.
  doc = Tok("en", "\"Will you come?\" he asked.");
  EXPECT_TRUE(doc.tokens[0].has(kTokOpenQuote));
  EXPECT_TRUE(doc.tokens[5].has(kTokCloseQuote));
  EXPECT_EQ(doc.TokenText(doc.tokens[5]), "\"");
}

TEST(TokenizerTest, SpaceNewlineParagraphFlags) {
  Document doc = Tok("it", "Titolo\n\nUno due,tre\r\nquattro \u00A0cinque\u2029sei");
  EXPECT_EQ(Texts(doc), (V{"Titolo", "Uno", "due", ",", "tre", "quattro", "cinque", "sei"}));
  auto f = [&](size_t i) { return doc.tokens[i].flags; };
  EXPECT_TRUE(f(0) & kTokSpaceBefore);
  EXPECT_TRUE(f(0) & kTokNewlineBefore);
  EXPECT_TRUE(f(0) & kTokParagraphStart);
  EXPECT_TRUE(f(1) & kTokParagraphStart);
  EXPECT_TRUE(f(2) & kTokSpaceBefore);
  EXPECT_FALSE(f(2) & kTokNewlineBefore);
  EXPECT_FALSE(f(3) & kTokSpaceBefore);
  EXPECT_FALSE(f(4) & kTokSpaceBefore);
  EXPECT_TRUE(f(5) & kTokNewlineBefore);
  EXPECT_FALSE(f(5) & kTokParagraphStart);
  EXPECT_TRUE(f(6) & kTokSpaceBefore);
  EXPECT_FALSE(f(6) & kTokNewlineBefore);
  EXPECT_TRUE(f(7) & kTokParagraphStart);
  // Lines of spaces count as blank lines.
  doc = Tok("it", "a\n  \t\nb");
  EXPECT_TRUE(doc.tokens[1].has(kTokParagraphStart));
}

TEST(TokenizerTest, CaseFlags) {
  Document doc = Tok("it", "Putin NATO a ÉLITE Über x2 G7 É");
  EXPECT_EQ(FlagsOf(doc, "Putin") & (kTokCapitalised | kTokAllCaps), kTokCapitalised);
  EXPECT_EQ(FlagsOf(doc, "NATO") & (kTokCapitalised | kTokAllCaps), kTokCapitalised | kTokAllCaps);
  EXPECT_EQ(FlagsOf(doc, "a") & (kTokCapitalised | kTokAllCaps | kTokWord), kTokWord);
  EXPECT_TRUE(FlagsOf(doc, "ÉLITE") & kTokAllCaps);
  EXPECT_TRUE(FlagsOf(doc, "Über") & kTokCapitalised);
  EXPECT_FALSE(FlagsOf(doc, "É") & kTokAllCaps);  // a single letter
  EXPECT_TRUE(FlagsOf(doc, "G7") & kTokWord);
  EXPECT_FALSE(FlagsOf(doc, "G7") & kTokNumber);
}

TEST(TokenizerTest, OffsetsIndexTheOriginalBytes) {
  const std::string text =
      " date 2024-06 video suggerito\n\nAsse Russia-Corea del Nord: Putin e Kim firmano un patto "
      "di assistenza reciproca in caso di aggressione “Se dovessero far fronte a un’aggressione, "
      "Russia e Nord Corea si presterebbero reciproca assistenza”, le parole del capo del "
      "Cremlino. Entra nel nuovo canale WhatsApp di Fanpage.it\n\nil \"pieno sostegno\" "
      "all’\"operazione militare speciale in Ucraina\". Il Vietnam non ha mai condannato "
      "l‘attacco della Russia all'Ucraina.";
  Document doc = Tok("it", text);
  for (const Token& t : doc.tokens) {
    EXPECT_EQ(doc.TokenText(t), text.substr(t.start, t.length));
  }
  EXPECT_EQ(FlagsOf(doc, "Kim") & kTokCapitalised, kTokCapitalised);
  EXPECT_TRUE(FlagsOf(doc, "l‘") & kTokElision);
  EXPECT_TRUE(FlagsOf(doc, "all’") & kTokElision);
  EXPECT_TRUE(FlagsOf(doc, "Fanpage.it") & kTokUrl);
  EXPECT_TRUE(FlagsOf(doc, "Russia-Corea") & kTokHyphenated);
}

TEST(TokenizerTest, OddInputKeepsInvariants) {
  for (const std::string& text : std::vector<std::string>{"",
                                                          " ",
                                                          "\n\n",
                                                          "a",
                                                          ".",
                                                          "'",
                                                          "’",
                                                          "-",
                                                          "-1",
                                                          "l'",
                                                          "'s",
                                                          "x.",
                                                          "U.",
                                                          "a.b.",
                                                          "http://",
                                                          "www.",
                                                          "@",
                                                          "a@b.c",
                                                          "x@y.com",
                                                          "1/",
                                                          "1.",
                                                          "1,",
                                                          "50%%",
                                                          "\xFF\xFE",
                                                          "abc\xE2\x80",
                                                          "é\xCC\x81",
                                                          "😀👍🏽",
                                                          "👨‍👩‍👧",
                                                          "日本語のテキスト。次の文。",
                                                          "مرحبا بالعالم",
                                                          "Ⅻ ½ km²",
                                                          "a\u00ADb",
                                                          "a\u200Bb",
                                                          "\u00A0x\u00A0",
                                                          std::string("a\0b", 3),
                                                          "((((",
                                                          "\"\"\"\"",
                                                          "'''",
                                                          "....",
                                                          "a-",
                                                          "-a",
                                                          "a--b",
                                                          "O'",
                                                          "l’“",
                                                          "all'\"",
                                                          "po'",
                                                          "1.2.3.4.5",
                                                          "12:34:56",
                                                          "http://x.org/((a)",
                                                          "sen.sen.sen.",
                                                          "U.S.A.B.C.D.E.F.",
                                                          "EE.UU.",
                                                          "J.-C."}) {
    for (const char* lang : {"it", "en", "fr", "es", ""}) {
      SCOPED_TRACE(lang);
      Tok(lang, text);
    }
  }
}

TEST(TokenizerTest, RetokenisingReplacesTokens) {
  Document doc;
  doc.text = "Uno due tre";
  Tokenize(Rules("it"), &doc);
  Tokenize(Rules("it"), &doc);
  EXPECT_EQ(doc.tokens.size(), 3u);
}

}  // namespace
}  // namespace cronista
