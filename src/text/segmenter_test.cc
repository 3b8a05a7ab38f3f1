#include "text/segmenter.h"

#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "text/text_rules.h"
#include "text/tokenizer.h"

namespace cronista {
namespace {

struct Lang {
  TextRules rules;
  std::unique_ptr<SentenceSegmenter> segmenter;
};

const Lang& GetLang(const std::string& lang) {
  static std::map<std::string, std::unique_ptr<Lang>> cache;
  auto it = cache.find(lang);
  if (it != cache.end()) return *it->second;
  auto l = std::make_unique<Lang>();
  auto rules = LoadTextRules(std::string(CRONISTA_SOURCE_DATA_DIR) + "/" + lang, lang);
  EXPECT_TRUE(rules.ok()) << rules.status().ToString();
  l->rules = *rules;
  auto seg = SentenceSegmenter::Create(l->rules);
  EXPECT_TRUE(seg.ok()) << seg.status().ToString();
  l->segmenter = std::move(seg).value();
  return *(cache[lang] = std::move(l));
}

// Sentences cover every token once, in order; byte ranges match the tokens;
// sentence-start flags sit exactly on first tokens.
void CheckInvariants(const Document& doc) {
  uint32_t next = 0;
  std::vector<bool> first(doc.tokens.size(), false);
  for (const Sentence& s : doc.sentences) {
    ASSERT_EQ(s.token_begin, next);
    ASSERT_LT(s.token_begin, s.token_end);
    ASSERT_LE(s.token_end, doc.tokens.size());
    EXPECT_EQ(s.start, doc.tokens[s.token_begin].start);
    EXPECT_EQ(s.end, doc.tokens[s.token_end - 1].end());
    first[s.token_begin] = true;
    next = s.token_end;
  }
  ASSERT_EQ(next, doc.tokens.size());
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    EXPECT_EQ(doc.tokens[i].has(kTokSentenceStart), first[i]) << i;
  }
}

Document Segment(const std::string& lang, const std::string& text) {
  const Lang& l = GetLang(lang);
  Document doc;
  doc.text = text;
  Tokenize(l.rules, &doc);
  l.segmenter->Segment(&doc);
  CheckInvariants(doc);
  return doc;
}

std::vector<std::string> Sentences(const std::string& lang, const std::string& text) {
  Document doc = Segment(lang, text);
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.SentenceText(s));
  return out;
}

using V = std::vector<std::string>;

TEST(SegmenterTest, Abbreviations) {
  EXPECT_EQ(Sentences("it", "Il sen. Rossi ha parlato. Poi è uscito."),
            (V{"Il sen. Rossi ha parlato.", "Poi è uscito."}));
  EXPECT_EQ(Sentences("en", "Mr. Smith went to the U.S. embassy. He left."),
            (V{"Mr. Smith went to the U.S. embassy.", "He left."}));
  EXPECT_EQ(Sentences("it", "Ha incontrato Macron. Poi è partito per Roma."),
            (V{"Ha incontrato Macron.", "Poi è partito per Roma."}));
  EXPECT_EQ(Sentences("it", "Parla l'on. Rossi. Poi tocca alla dott.ssa Bianchi. Fine."),
            (V{"Parla l'on. Rossi.", "Poi tocca alla dott.ssa Bianchi.", "Fine."}));
  EXPECT_EQ(Sentences("it", "Il Sen.  Rossi ha parlato."), (V{"Il Sen.  Rossi ha parlato."}));
  EXPECT_EQ(Sentences("en", "J. F. Kennedy was shot in Dallas. It was 1963."),
            (V{"J. F. Kennedy was shot in Dallas.", "It was 1963."}));
  EXPECT_EQ(Sentences("en", "Gen. Smith and Lt. Col. Jones met on Jan. 5. They agreed."),
            (V{"Gen. Smith and Lt. Col. Jones met on Jan. 5.", "They agreed."}));
  EXPECT_EQ(Sentences("en", "He said no. Then he left."), (V{"He said no.", "Then he left."}));
}

TEST(SegmenterTest, SentenceFinalAbbreviations) {
  EXPECT_EQ(Sentences("en", "We bought apples, pears, etc. Then we left."),
            (V{"We bought apples, pears, etc.", "Then we left."}));
  EXPECT_EQ(Sentences("en", "Apples, pears, etc. are fruit."),
            (V{"Apples, pears, etc. are fruit."}));
  EXPECT_EQ(Sentences("it", "Mele, pere ecc. Poi basta."), (V{"Mele, pere ecc.", "Poi basta."}));
  Document doc = Segment("en", "We bought apples, pears, etc. Then we left.");
  EXPECT_TRUE(doc.tokens[doc.sentences[0].token_end - 1].has(kTokSentenceEnd));
}

TEST(SegmenterTest, QuotationContinuingTheSentenceIsOneSentence) {
  // As in the seed article, plus a full stop inside the quotation.
  const std::string seed_like =
      "Putin e Kim firmano un patto di assistenza reciproca in caso di aggressione “Se "
      "dovessero far fronte a un’aggressione, Russia e Nord Corea si presterebbero reciproca "
      "assistenza”, le parole del capo del Cremlino a margine della prima visita. “Un nuovo "
      "accordo di natura difensiva e pacifica”, lo ha definito.";
  EXPECT_EQ(Sentences("it", seed_like).size(), 2u);
  EXPECT_EQ(Sentences("it",
                      "Il Cremlino: “Se dovessero attaccarci. Noi risponderemo”, le parole del "
                      "capo del Cremlino. Poi è partito."),
            (V{"Il Cremlino: “Se dovessero attaccarci. Noi risponderemo”, le parole del capo del "
               "Cremlino.",
               "Poi è partito."}));
  EXPECT_EQ(Sentences("en", "\"Will you come?\" he asked."), (V{"\"Will you come?\" he asked."}));
  EXPECT_EQ(Sentences("en", "“Will you come?” he asked. She nodded."),
            (V{"“Will you come?” he asked.", "She nodded."}));
  EXPECT_EQ(Sentences("en", "\"We will win!\" Trump said. Nobody laughed."),
            (V{"\"We will win!\" Trump said.", "Nobody laughed."}));
  EXPECT_EQ(Sentences("it", "«Basta!» Ha detto il ministro. Poi è uscito."),
            (V{"«Basta!» Ha detto il ministro.", "Poi è uscito."}));
  EXPECT_EQ(Sentences("en", "\"I am here. I will stay,\" he said. Then he left."),
            (V{"\"I am here. I will stay,\" he said.", "Then he left."}));
}

TEST(SegmenterTest, QuotationOfSeveralSentencesThenNewSentence) {
  EXPECT_EQ(Sentences("en", "\"I am here. I will stay.\" Then he left."),
            (V{"\"I am here.", "I will stay.\"", "Then he left."}));
  EXPECT_EQ(Sentences("it", "Ha detto: «Non lo so. Vedremo.» Poi se n'è andato."),
            (V{"Ha detto: «Non lo so.", "Vedremo.»", "Poi se n'è andato."}));
}

TEST(SegmenterTest, NestedQuotations) {
  EXPECT_EQ(Sentences("it",
                      "Il ministro ha detto: «Quando il presidente ha dichiarato “Non cederemo. "
                      "Mai.” eravamo tutti presenti». Poi se n'è andato."),
            (V{"Il ministro ha detto: «Quando il presidente ha dichiarato “Non cederemo. Mai.” "
               "eravamo tutti presenti».",
               "Poi se n'è andato."}));
  EXPECT_EQ(
      Sentences("it",
                "«Mi ha detto “Vattene. Subito.” e io sono andato. Era tardi» racconta "
                "Rossi. Fine."),
      (V{"«Mi ha detto “Vattene. Subito.” e io sono andato. Era tardi» racconta Rossi.", "Fine."}));
}

TEST(SegmenterTest, UnclosedQuoteDoesNotSwallowTheArticle) {
  EXPECT_EQ(Sentences("it",
                      "Ha detto \"non lo so. Prima frase. Seconda frase. Terza frase. Quarta "
                      "frase.\n\nNuovo paragrafo. Altra frase."),
            (V{"Ha detto \"non lo so.", "Prima frase.", "Seconda frase.", "Terza frase.",
               "Quarta frase.", "Nuovo paragrafo.", "Altra frase."}));
  // A quotation holding too many sentences is not trusted.
  EXPECT_EQ(Sentences("it", "Disse: \"Uno. Due. Tre. Quattro. Cinque.\" e poi andò via.").size(),
            5u);
  std::string long_quote = "Disse: “Inizio.";
  for (int i = 0; i < 200; ++i) long_quote += " parola";
  long_quote += ". Fine”, disse.";
  EXPECT_EQ(Sentences("it", long_quote).size(), 2u);
}

TEST(SegmenterTest, ParagraphsHeadlinesAndLines) {
  EXPECT_EQ(Sentences("it", "Titolo senza punto\n\nIl testo comincia qui. Seconda frase."),
            (V{"Titolo senza punto", "Il testo comincia qui.", "Seconda frase."}));
  EXPECT_EQ(Sentences("it", "Asse Russia-Corea del Nord\nPutin e Kim firmano un patto."),
            (V{"Asse Russia-Corea del Nord", "Putin e Kim firmano un patto."}));
  EXPECT_EQ(Sentences("it", "Il presidente ha detto che\nla guerra finirà presto."),
            (V{"Il presidente ha detto che\nla guerra finirà presto."}));
  EXPECT_EQ(Sentences("it", "Fine della frase.\nnuova riga minuscola."),
            (V{"Fine della frase.", "nuova riga minuscola."}));
  EXPECT_EQ(Sentences("en", "A headline\r\n\r\nBody text here"),
            (V{"A headline", "Body text here"}));
  Document doc = Segment("it", "Titolo\n\nTesto. Altro!");
  ASSERT_EQ(doc.sentences.size(), 3u);
  EXPECT_FALSE(doc.tokens[0].has(kTokSentenceEnd));
  EXPECT_TRUE(doc.tokens[2].has(kTokSentenceEnd));
  EXPECT_TRUE(doc.tokens[4].has(kTokSentenceEnd));
}

TEST(SegmenterTest, OtherCorrections) {
  EXPECT_EQ(Sentences("it", "Sono arrivate le forze egiziane.Il governo tace."),
            (V{"Sono arrivate le forze egiziane.", "Il governo tace."}));
  EXPECT_EQ(Sentences("it", "Che fare? si chiede il ministro. Nessuno risponde."),
            (V{"Che fare? si chiede il ministro.", "Nessuno risponde."}));
  EXPECT_EQ(Sentences("it", "Visita Fanpage.it per altro. Grazie."),
            (V{"Visita Fanpage.it per altro.", "Grazie."}));
  EXPECT_EQ(Sentences("it", "Leggi https://x.org/a?id=3 Oppure https://x.org/b! Poi basta."),
            (V{"Leggi https://x.org/a?id=3 Oppure https://x.org/b!", "Poi basta."}));
  EXPECT_EQ(Sentences("it", "Davvero?! Sì... Forse… Vedremo. 2024. Fine."),
            (V{"Davvero?!", "Sì...", "Forse… Vedremo.", "2024.", "Fine."}));
  EXPECT_EQ(Sentences("en", "It rose 3.5% in 2024. Then it fell."),
            (V{"It rose 3.5% in 2024.", "Then it fell."}));
}

TEST(SegmenterTest, SentenceEndFlagBeforeClosingQuote) {
  Document doc = Segment("en", "He said: \"Go.\" She went.");
  ASSERT_EQ(doc.sentences.size(), 2u);
  // Tokens: He said : " Go . " She went .
  EXPECT_TRUE(doc.tokens[5].has(kTokSentenceEnd));
  EXPECT_FALSE(doc.tokens[6].has(kTokSentenceEnd));
  EXPECT_TRUE(doc.tokens[9].has(kTokSentenceEnd));
}

TEST(SegmenterTest, EmptyAndBlankDocuments) {
  EXPECT_TRUE(Sentences("it", "").empty());
  EXPECT_TRUE(Sentences("it", " \n\n\t ").empty());
  EXPECT_EQ(Sentences("it", "x"), (V{"x"}));
  EXPECT_EQ(Sentences("", "No rules at all. Still works."),
            (V{"No rules at all.", "Still works."}));
}

TEST(SegmenterTest, ResegmentingReplacesSentences) {
  const Lang& l = GetLang("it");
  Document doc;
  doc.text = "Uno. Due.";
  Tokenize(l.rules, &doc);
  l.segmenter->Segment(&doc);
  l.segmenter->Segment(&doc);
  EXPECT_EQ(doc.sentences.size(), 2u);
  CheckInvariants(doc);
}

TEST(SegmenterTest, ConcurrentUseGivesSameResults) {
  const Lang& l = GetLang("it");
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += "Il sen. Rossi ha detto: “Non lo so. Vedremo”, poi è uscito. Frase " +
            std::to_string(i) + "!\n";
  }
  Document reference;
  reference.text = text;
  Tokenize(l.rules, &reference);
  l.segmenter->Segment(&reference);
  ASSERT_EQ(reference.sentences.size(), 100u);
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        Document doc;
        doc.text = text;
        Tokenize(l.rules, &doc);
        l.segmenter->Segment(&doc);
        if (doc.sentences.size() != reference.sentences.size()) return;
        for (size_t i = 0; i < doc.sentences.size(); ++i) {
          if (doc.sentences[i].start != reference.sentences[i].start ||
              doc.sentences[i].end != reference.sentences[i].end) {
            return;
          }
        }
      }
      ok[t] = 1;
    });
  }
  for (std::thread& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(ok[t], 1) << t;
}

// Segment() shows ICU only windows around candidate terminators; on text
// where no correction rule applies, its boundaries must be exactly those of
// ICU run over the whole text.
TEST(SegmenterTest, WindowsAgreeWithIcuOnTheWholeText) {
  TextRules rules;  // no abbreviations, so no filter and no abbreviation rule
  rules.lang = "en";
  auto seg = SentenceSegmenter::Create(rules);
  ASSERT_TRUE(seg.ok());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> icu_bi(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  const std::vector<std::string> words = {"the", "Army", "went",  "3.5",  "1,000",          "2024",
                                          "x",   "Rome", "città", "ÉTAT", "www.x.org/a?b=1"};
  const std::vector<std::string> stops = {".", "!", "?", "...", "…", ".)", "?!", ".,", ":"};
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int sentences = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < sentences; ++i) {
      const int n = 1 + static_cast<int>(rng() % 5);
      for (int j = 0; j < n; ++j) {
        text += words[rng() % words.size()];
        text += rng() % 4 == 0 ? ", " : " ";
      }
      text.pop_back();
      text += stops[rng() % stops.size()];
      text += " ";  // ("word.Next" would trigger the glued full stop rule)
      // The next sentence starts capitalised or with a number (a lower-case
      // word after ? or ! would trigger a correction rule).
      text += rng() % 2 == 0 ? "Next" : "42";
      text += rng() % 2 == 0 ? " one. " : " ";
    }
    Document doc;
    doc.text = text;
    Tokenize(rules, &doc);
    (*seg)->Segment(&doc);
    std::set<uint32_t> ours, icu;
    for (const Sentence& s : doc.sentences) {
      if (s.token_begin > 0) ours.insert(s.start);
    }
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
    icu_bi->setText(&ut, status);
    size_t k = 0;
    for (int32_t b = icu_bi->next(); b != icu::BreakIterator::DONE; b = icu_bi->next()) {
      while (k < doc.tokens.size() && doc.tokens[k].start < static_cast<uint32_t>(b)) ++k;
      // Boundaries inside tokens (the "?" in a URL) do not count.
      if (k > 0 && k < doc.tokens.size() && doc.tokens[k - 1].end() <= static_cast<uint32_t>(b)) {
        icu.insert(doc.tokens[k].start);
      }
    }
    utext_close(&ut);
    ASSERT_EQ(ours, icu) << text;
  }
}

TEST(SegmenterTest, SegmentersComeAndGo) {
  // Thread-local iterator caches must not confuse a new segmenter with a
  // destroyed one.
  for (int i = 0; i < 20; ++i) {
    TextRules rules = GetLang(i % 2 ? "it" : "en").rules;
    auto seg = SentenceSegmenter::Create(rules);
    ASSERT_TRUE(seg.ok());
    Document doc;
    doc.text = "Mr. Smith listens. Il Sen. Rossi parla.";
    Tokenize(rules, &doc);
    (*seg)->Segment(&doc);
    EXPECT_EQ(doc.sentences.size(), 2u);
  }
}

}  // namespace
}  // namespace cronista
