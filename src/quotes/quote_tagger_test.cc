#include "quotes/quote_tagger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cronista/pipeline.h"
#include "lexicon/morphology.h"
#include "test_pipeline.h"

namespace cronista {
namespace {

const std::string kData = CRONISTA_SOURCE_DATA_DIR;
const std::string kTestData = CRONISTA_TEST_DATA_DIR;

// The quote tagger of `lang`, loaded once.
const QuoteTagger& Tagger(const std::string& lang) {
  static std::map<std::string, std::unique_ptr<QuoteTagger>>* taggers =
      new std::map<std::string, std::unique_ptr<QuoteTagger>>();
  auto it = taggers->find(lang);
  if (it != taggers->end()) return *it->second;
  auto morph = Morphology::Load(kData, lang);
  EXPECT_TRUE(morph.ok()) << morph.status().ToString();
  auto tagger = QuoteTagger::Load(kData + "/" + lang, *morph);
  EXPECT_TRUE(tagger.ok()) << tagger.status().ToString();
  if (!tagger.ok()) std::abort();
  auto& slot = (*taggers)[lang];
  slot = std::move(tagger).value();
  return *slot;
}

// Codes `text` in `lang` with the pipeline, then tags its quotations.
Document Code(const std::string& text, const std::string& lang) {
  Document doc;
  doc.text = text;
  doc.meta.lang = lang;
  doc.meta.lang_from_meta = true;
  EXPECT_TRUE(TestPipeline().Process(&doc).ok());
  Tagger(lang).Tag(&doc);
  return doc;
}

Document CodeArticle(const std::string& name, const std::string& lang) {
  Document doc = CodeFile(kTestData + "/quotes/" + name);
  EXPECT_EQ(doc.meta.lang, lang);
  Tagger(lang).Tag(&doc);
  return doc;
}

std::string QuoteText(const Document& doc, const Quote& q) {
  return doc.text.substr(q.start, q.end - q.start);
}

std::string CueText(const Document& doc, const Quote& q) {
  return doc.text.substr(q.cue_start, q.cue_end - q.cue_start);
}

// The quotation starting with `prefix`; fails the test when there is none.
const Quote& Find(const Document& doc, const std::string& prefix) {
  for (const Quote& q : doc.quotes) {
    if (QuoteText(doc, q).rfind(prefix, 0) == 0) return q;
  }
  ADD_FAILURE() << "no quotation starting with '" << prefix << "'";
  static const Quote kNone;
  return kNone;
}

std::string MentionText(const Document& doc, const Quote& q) {
  if (q.speaker_mention < 0) return "";
  const Mention& m = doc.mentions[q.speaker_mention];
  return doc.text.substr(m.start, m.end - m.start);
}

std::string RuleKind(const Quote& q) { return q.rule.substr(0, q.rule.find(' ')); }

// ---- loading ----

class LoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / "quote_tagger_load" / "it";
    std::filesystem::create_directories(dir_);
    auto morph = Morphology::Load(kData, "it");
    ASSERT_TRUE(morph.ok()) << morph.status().ToString();
    morph_ = std::make_unique<Morphology>(std::move(morph).value());
  }
  Status LoadText(const std::string& text) {
    std::ofstream(dir_ / "speech.txt") << text;
    auto t = QuoteTagger::Load(dir_.string(), *morph_);
    return t.status();
  }
  std::filesystem::path dir_;
  std::unique_ptr<Morphology> morph_;
};

TEST_F(LoadTest, MissingFileIsNotFound) {
  auto t = QuoteTagger::Load((dir_ / "nowhere").string(), *morph_);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
}

TEST_F(LoadTest, ErrorsNameFileAndLine) {
  Status st = LoadText("# no header\nverb\tdire\t-\n");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("speech.txt:1"), std::string::npos) << st.message();

  st = LoadText("#! cronista-speech 1\nverb\tdire\tloud\n");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("speech.txt:2"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("loud"), std::string::npos) << st.message();

  st = LoadText("#! cronista-speech 1\nnoun\tdire\t-\n");
  EXPECT_NE(st.message().find("unknown kind"), std::string::npos) << st.message();

  st = LoadText("#! cronista-speech 1\nverb\tdire\tforms=past+loud\n");
  EXPECT_NE(st.message().find("unknown form"), std::string::npos) << st.message();

  st = LoadText("#! cronista-speech 1\nverb\tdire\t-\t\"Sì\", ha detto Putin.\n");
  EXPECT_NE(st.message().find("needs its speaker"), std::string::npos) << st.message();

  st = LoadText("#! cronista-speech 1\nprep\ta di\n");
  EXPECT_NE(st.message().find("no cues"), std::string::npos) << st.message();
}

TEST_F(LoadTest, ExamplesAreKeptWithTheirSource) {
  ASSERT_TRUE(LoadText("#! cronista-speech 1\n# comment\n\nverb\tdire\t-\t\"Sì\", ha detto "
                       "Putin.\tVladimir Putin\nphrase\tsecondo\t-\n")
                  .ok());
  auto t = QuoteTagger::Load(dir_.string(), *morph_);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ((*t)->examples().size(), 1u);
  EXPECT_EQ((*t)->examples()[0].source, "it/speech.txt:4");
  EXPECT_EQ((*t)->examples()[0].speaker, "Vladimir Putin");
}

// Restricted forms: "ha replicato" is a cue, the noun "la replica" is not.
TEST(QuoteTaggerTest, ExcludedFormsAreNotCues) {
  Document doc = Code("\"Sono accuse infondate\", la replica del governo era attesa.", "it");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].cue_end, 0u);
  doc = Code("\"Sono accuse infondate\", ha replicato Peskov.", "it");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(CueText(doc, doc.quotes[0]), "ha replicato");
  EXPECT_EQ(doc.quotes[0].speaker_name, "Dmitry Peskov");
}

// ---- every example of speech.txt ----

void CheckExamples(const std::string& lang) {
  const auto& examples = Tagger(lang).examples();
  EXPECT_GT(examples.size(), 20u);
  for (const auto& ex : examples) {
    SCOPED_TRACE(ex.source + ": " + ex.text);
    Document doc = Code(ex.text, lang);
    ASSERT_EQ(doc.quotes.size(), 1u);
    const Quote& q = doc.quotes[0];
    EXPECT_FALSE(q.scare);
    EXPECT_EQ(q.speaker_name, ex.speaker) << q.rule;
    // The cue is the example's own entry.
    const std::string suffix = " " + ex.source;
    EXPECT_TRUE(q.rule.size() > suffix.size() &&
                q.rule.compare(q.rule.size() - suffix.size(), suffix.size(), suffix) == 0)
        << q.rule;
  }
}

TEST(QuoteTaggerTest, ItalianExamples) { CheckExamples("it"); }
TEST(QuoteTaggerTest, EnglishExamples) { CheckExamples("en"); }

// ---- quotation marks ----

TEST(QuoteTaggerTest, NestedMarksMakeOneQuotation) {
  Document doc = Code("«Ci hanno chiamato “nemici del popolo”», ha detto Lavrov.", "it");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(QuoteText(doc, doc.quotes[0]), "Ci hanno chiamato “nemici del popolo”");
  EXPECT_EQ(doc.quotes[0].speaker_name, "Sergey Lavrov");
  EXPECT_EQ(RuleKind(doc.quotes[0]), "cue-after:inverted");
}

TEST(QuoteTaggerTest, GermanAndSingleMarks) {
  Document doc =
      Code("„Wir bleiben neutral“, ha detto Olaf Scholz. Lo chiamano ‘il cancelliere’.", "it");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(QuoteText(doc, doc.quotes[0]), "Wir bleiben neutral");
  EXPECT_EQ(doc.quotes[0].speaker_name, "Olaf Scholz");
  EXPECT_EQ(QuoteText(doc, doc.quotes[1]), "il cancelliere");
  EXPECT_TRUE(doc.quotes[1].scare);
}

TEST(QuoteTaggerTest, ApostrophesAreNotQuotations) {
  Document doc = Code("L’alleato dell’Occidente ha firmato l‘accordo con l'Ucraina.", "it");
  EXPECT_TRUE(doc.quotes.empty());
}

TEST(QuoteTaggerTest, DoubledApostrophesAreOneMark) {
  Document doc = Code(
      "''It's not a campaign anymore. It's a movement,'' said Ivanka Trump. "
      "The 'word' stays.",
      "en");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(QuoteText(doc, doc.quotes[0]), "It's not a campaign anymore. It's a movement,");
  EXPECT_EQ(doc.quotes[0].speaker_name, "Ivanka Trump");
  EXPECT_EQ(QuoteText(doc, doc.quotes[1]), "word");
}

TEST(QuoteTaggerTest, QuotationGoesOnInTheNextParagraph) {
  Document doc = Code(
      "\"We will stay together. Nobody will divide us.\n\n"
      "\"And we will win,\" Zelensky said.\n\n"
      "\"This one was left open.\n\nThe next paragraph is narration.",
      "en");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(QuoteText(doc, doc.quotes[0]),
            "We will stay together. Nobody will divide us.\n\n\"And we will win,");
  EXPECT_EQ(doc.quotes[0].speaker_name, "Volodymyr Zelensky");
}

TEST(QuoteTaggerTest, SingleMarksStayInOneSentence) {
  Document doc = Code("The '90s were quiet. Nobody 'won' then, he said.", "en");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(QuoteText(doc, doc.quotes[0]), "won");
}

TEST(QuoteTaggerTest, TagReplacesEarlierQuotes) {
  Document doc = Code("\"We are ready,\" Putin said.", "en");
  ASSERT_EQ(doc.quotes.size(), 1u);
  Tagger("en").Tag(&doc);
  EXPECT_EQ(doc.quotes.size(), 1u);
}

// ---- speakers ----

TEST(QuoteTaggerTest, EnglishSubjectForms) {
  Document doc = Code(
      "\"The sanctions failed,\" Sam Nunberg, a former aide to Donald Trump, said on Monday. "
      "\"It is over,\" a campaign spokesman said. "
      "Trump, who has called the deal \"a disaster\", told reporters: \"We will renegotiate it.\" "
      "\"Not now,\" said the spokesman for the Clinton campaign.",
      "en");
  ASSERT_EQ(doc.quotes.size(), 5u);
  EXPECT_EQ(doc.quotes[0].speaker_name, "Sam Nunberg");
  EXPECT_EQ(doc.quotes[1].speaker_name, "a campaign spokesman");
  EXPECT_EQ(doc.quotes[1].speaker_mention, -1);
  EXPECT_EQ(doc.quotes[2].speaker_name, "Donald Trump");  // "a disaster": called, object it
  EXPECT_EQ(RuleKind(doc.quotes[3]), "cue-before:subject");
  EXPECT_EQ(doc.quotes[3].speaker_name, "Donald Trump");
  EXPECT_EQ(doc.quotes[4].speaker_name, "the spokesman");
}

TEST(QuoteTaggerTest, PronounsFollowTheLastSpeakerOfTheirSex) {
  Document doc = Code(
      "Hillary Clinton met Bernie Sanders in Iowa. \"We agree on more than you think,\" she "
      "said.\n\n\"I am not so sure,\" he said.",
      "en");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(doc.quotes[0].speaker_name, "Hillary Clinton");
  EXPECT_EQ(RuleKind(doc.quotes[0]), "cue-after:pronoun");
  EXPECT_EQ(doc.quotes[1].speaker_name, "Bernie Sanders");
}

TEST(QuoteTaggerTest, EnglishDoesNotDropSubjects) {
  // "75 percent of voters" is no one the tagger can name, and English never
  // leaves a subject out: no speaker from the context.
  Document doc = Code(
      "Donald Trump spoke in Ohio. In the poll, 75 percent of voters said \"most "
      "politicians cannot be trusted\".",
      "en");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_NE(doc.quotes[0].speaker_name, "Donald Trump");
}

TEST(QuoteTaggerTest, ItalianAgentAndRelative) {
  Document doc = Code(
      "Il Cremlino, che ha definito il vertice \"un successo per tutti i partecipanti\", "
      "attende. \"I colloqui continueranno a Ginevra\", come riferito da Peskov.",
      "it");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(RuleKind(doc.quotes[0]), "cue-before:relative");
  EXPECT_EQ(doc.quotes[0].speaker_actor, "RUSGOV");
  EXPECT_EQ(doc.quotes[1].speaker_name, "Dmitry Peskov");
  EXPECT_EQ(RuleKind(doc.quotes[1]), "cue-after:agent");
}

TEST(QuoteTaggerTest, WithoutMentionsSpeakersAreWords) {
  PipelineOptions opt;
  opt.data_dir = kData;
  opt.actors = false;
  auto p = Pipeline::Create(opt);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Document doc;
  doc.text = "\"We will win,\" the minister said.";
  doc.meta.lang = "en";
  doc.meta.lang_from_meta = true;
  ASSERT_TRUE((*p)->Process(&doc).ok());
  ASSERT_TRUE(doc.mentions.empty());
  Tagger("en").Tag(&doc);
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker_name, "the minister");
  EXPECT_EQ(doc.quotes[0].speaker_mention, -1);
}

// Codes English `text` without the actor stage: no mentions, so every
// speaker is named by its words.
Document CodeWithoutMentions(const std::string& text) {
  PipelineOptions opt;
  opt.data_dir = kData;
  opt.actors = false;
  auto p = Pipeline::Create(opt);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  Document doc;
  if (!p.ok()) return doc;
  doc.text = text;
  doc.meta.lang = "en";
  doc.meta.lang_from_meta = true;
  EXPECT_TRUE((*p)->Process(&doc).ok());
  EXPECT_TRUE(doc.mentions.empty());
  Tagger("en").Tag(&doc);
  return doc;
}

std::string SpeakerWords(const Document& doc, const Quote& q) {
  return doc.text.substr(q.speaker_start, q.speaker_end - q.speaker_start);
}

TEST(QuoteTaggerTest, SpeakerSpanIsTheMentionOrTheWords) {
  Document doc = Code(
      "\"We will never accept this,\" Putin said. \"It is over,\" a campaign spokesman "
      "said. \"No comment,\" he said.",
      "en");
  ASSERT_EQ(doc.quotes.size(), 3u);
  EXPECT_EQ(SpeakerWords(doc, doc.quotes[0]), "Putin");
  EXPECT_EQ(SpeakerWords(doc, doc.quotes[0]), MentionText(doc, doc.quotes[0]));
  EXPECT_EQ(SpeakerWords(doc, doc.quotes[1]), "a campaign spokesman");
  EXPECT_EQ(doc.quotes[1].speaker_mention, -1);
  // A pronoun's span is its antecedent's: here the spokesman's words.
  EXPECT_EQ(RuleKind(doc.quotes[2]), "cue-after:pronoun");
  EXPECT_EQ(doc.quotes[2].speaker_start, doc.quotes[1].speaker_start);
  EXPECT_EQ(doc.quotes[2].speaker_end, doc.quotes[1].speaker_end);
  // No speaker, no span.
  Document none = Code("Voters call it \"a long and very strange campaign season\".", "en");
  ASSERT_EQ(none.quotes.size(), 1u);
  EXPECT_TRUE(none.quotes[0].speaker_name.empty());
  EXPECT_EQ(none.quotes[0].speaker_start, 0u);
  EXPECT_EQ(none.quotes[0].speaker_end, 0u);
}

TEST(QuoteTaggerTest, NamesWithoutMentions) {
  Document doc = CodeWithoutMentions(
      "The defence lawyer is Zoltan Brafwick. Brafwick was calm after the hearing on Tuesday."
      "\n\n\"It went well,\" he said.\n\n"
      "The \"deeply flawed and rushed plan\" will hurt farmers in the north, said Unruh, a "
      "lawyer.\n\n"
      "\"We lost,\" said Mrs. Kunin. The party \"will need years to rebuild its base.\"\n\n"
      "Tuesday was quiet. \"Not at all,\" he said.");
  ASSERT_EQ(doc.quotes.size(), 5u);
  // "he": the name opening an earlier sentence, written capitalised inside
  // another one ("Zoltan Brafwick").
  EXPECT_EQ(SpeakerWords(doc, doc.quotes[0]), "Brafwick");
  EXPECT_EQ(RuleKind(doc.quotes[0]), "cue-after:pronoun");
  // "…, said X" with no quotation before the comma.
  EXPECT_EQ(SpeakerWords(doc, doc.quotes[1]), "Unruh");
  EXPECT_EQ(RuleKind(doc.quotes[1]), "cue-sentence:inverted");
  EXPECT_EQ(doc.quotes[2].speaker_name, "Mrs. Kunin");
  // A quotation in the next sentence, with no cue of its own, goes on.
  EXPECT_EQ(doc.quotes[3].speaker_name, "Mrs. Kunin");
  EXPECT_EQ(RuleKind(doc.quotes[3]), "previous");
  // "he" passes over Mrs. Kunin and over "Tuesday" (a temporal expression).
  EXPECT_EQ(doc.quotes[4].speaker_name, "Unruh");
  EXPECT_EQ(RuleKind(doc.quotes[4]), "cue-after:pronoun");
}

TEST(QuoteTaggerTest, CueVerbsSharingASubjectAndSubordinateCues) {
  Document doc = CodeWithoutMentions(
      "Byrne went on to say, \"I know this to be true.\"\n\n"
      "Sanders said, \"We will see,\" when asked about the money.");
  ASSERT_EQ(doc.quotes.size(), 2u);
  EXPECT_EQ(doc.quotes[0].speaker_name, "Byrne");
  EXPECT_EQ(RuleKind(doc.quotes[0]), "cue-before:clause");
  // "asked" after "when" belongs to a subordinate clause: the cue is "said".
  EXPECT_EQ(doc.quotes[1].speaker_name, "Sanders");
  EXPECT_EQ(RuleKind(doc.quotes[1]), "cue-before:subject");
}

TEST(QuoteTaggerTest, InvertedSubjectIsAShortPhrase) {
  // After a comma, "said" followed by a clause has no inverted subject.
  Document doc = CodeWithoutMentions(
      "The \"deeply flawed and rushed plan\" will hurt farmers, said the plan would fail.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].speaker_name, "");
}

// ---- whole articles ----

// The phenomena of the project's seed article, in an article of our own.
TEST(QuoteTaggerTest, ItalianArticle) {
  Document doc = CodeArticle("it_patto.txt", "it");
  ASSERT_EQ(doc.quotes.size(), 13u);

  const Quote& title = Find(doc, "Con la Cina");
  EXPECT_EQ(title.speaker_name, "Vladimir Putin");
  EXPECT_EQ(RuleKind(title), "colon:subject");

  // "…", le parole del capo del Cremlino: the role phrase names Putin.
  const Quote& q1 = Find(doc, "Se qualcuno minaccerà");
  EXPECT_FALSE(q1.scare);
  EXPECT_EQ(q1.speaker_name, "Vladimir Putin");
  EXPECT_EQ(q1.speaker_actor, "RUSGOV");
  EXPECT_EQ(MentionText(doc, q1), "capo del Cremlino");
  EXPECT_EQ(CueText(doc, q1), "le parole del");
  EXPECT_EQ(RuleKind(q1), "cue-after:object");
  ASSERT_GE(q1.speaker_entity, 0);
  EXPECT_EQ(doc.entities[q1.speaker_entity].id, "putin_vladimir");

  // "…", lo ha definito: a dropped subject, the last speaker.
  const Quote& q2 = Find(doc, "Una pagina nuova");
  EXPECT_EQ(q2.speaker_name, "Vladimir Putin");
  EXPECT_EQ(CueText(doc, q2), "ha definito");
  EXPECT_EQ(RuleKind(q2), "cue-after:dropped");

  for (const char* scare : {"partenariato strategico", "pressioni esterne"}) {
    const Quote& q = Find(doc, scare);
    EXPECT_TRUE(q.scare) << scare;
    EXPECT_EQ(q.speaker_mention, -1) << scare;
    EXPECT_EQ(q.rule, "none");
  }
  const Quote& welcome = Find(doc, "benvenuto caloroso");
  EXPECT_FALSE(welcome.scare);  // more than three words
  EXPECT_EQ(welcome.speaker_name, "");

  // Short quotations inside reported speech are scare quotes with a speaker.
  const Quote& pillar = Find(doc, "pilastro");
  EXPECT_TRUE(pillar.scare);
  EXPECT_EQ(pillar.speaker_name, "Xi Jinping");
  const Quote& nonstop = Find(doc, "senza sosta");
  EXPECT_TRUE(nonstop.scare);
  EXPECT_EQ(nonstop.speaker_name, "Xi Jinping");

  // definendo la Russia "…": the gerund shares the subject of its sentence.
  const Quote& q3 = Find(doc, "un vicino affidabile");
  EXPECT_FALSE(q3.scare);
  EXPECT_EQ(q3.speaker_name, "Xi Jinping");
  EXPECT_EQ(q3.speaker_actor, "CHNGOV");
  EXPECT_EQ(CueText(doc, q3), "definendo");
  EXPECT_EQ(RuleKind(q3), "cue-before:clause");

  // Ha assicurato però che "…": dropped subject.
  const Quote& q4 = Find(doc, "la Cina non fornirà");
  EXPECT_EQ(q4.speaker_name, "Xi Jinping");
  EXPECT_EQ(RuleKind(q4), "cue-before:dropped");

  // ha detto all'agenzia Tass, il ministro…, Wang Yi: not the agency, and the
  // name in apposition rather than the role.
  for (const char* prefix : {"un'occasione", "preparare il prossimo"}) {
    const Quote& q = Find(doc, prefix);
    EXPECT_EQ(q.speaker_name, "Wang Yi") << prefix;
    EXPECT_EQ(q.speaker_actor, "CHNGOV") << prefix;
    EXPECT_EQ(MentionText(doc, q), "Wang Yi") << prefix;
    ASSERT_GE(q.speaker_mention, 0);
    EXPECT_EQ(doc.mentions[q.speaker_mention].kind, MentionKind::kPerson);
  }
  EXPECT_EQ(RuleKind(Find(doc, "preparare il prossimo")), "cue-after:apposition");

  // "…". Lo ha detto X: the cue opens the next sentence.
  const Quote& next = Find(doc, "Il vertice è stato");
  EXPECT_EQ(next.speaker_name, "Dmitry Peskov");
  EXPECT_EQ(CueText(doc, next), "ha detto");
  EXPECT_EQ(RuleKind(next), "cue-next:inverted");
  EXPECT_EQ(RuleKind(Find(doc, "un'occasione")), "cue-sentence:apposition");
}

TEST(QuoteTaggerTest, EnglishArticle) {
  Document doc = CodeArticle("en_summit.txt", "en");
  ASSERT_EQ(doc.quotes.size(), 11u);
  const Quote& q1 = Find(doc, "If anyone threatens");
  EXPECT_EQ(q1.speaker_name, "Vladimir Putin");
  EXPECT_EQ(CueText(doc, q1), "told");
  EXPECT_EQ(RuleKind(q1), "cue-after:subject");
  const Quote& q2 = Find(doc, "This is a new page");
  EXPECT_EQ(q2.speaker_name, "Vladimir Putin");
  EXPECT_EQ(q2.rule, "previous");
  EXPECT_EQ(q2.cue_end, 0u);
  EXPECT_EQ(Find(doc, "a truly historic").speaker_name, "Vladimir Putin");
  const Quote& pillar = Find(doc, "pillar");
  EXPECT_TRUE(pillar.scare);
  EXPECT_EQ(pillar.speaker_name, "Xi Jinping");
  EXPECT_EQ(Find(doc, "a reliable neighbour").speaker_name, "Xi Jinping");
  EXPECT_EQ(RuleKind(Find(doc, "We will not supply")), "cue-after:inverted");
  EXPECT_EQ(Find(doc, "We will not supply").speaker_name, "Wang Yi");
  EXPECT_EQ(Find(doc, "China will keep").speaker_name, "Wang Yi");
  // A quotation of two paragraphs, attributed after its end.
  const Quote& two = Find(doc, "We have built");
  EXPECT_NE(QuoteText(doc, two).find("It will last for generations"), std::string::npos);
  EXPECT_EQ(two.speaker_name, "Xi Jinping");
  const Quote& she = Find(doc, "Europe will not");
  EXPECT_EQ(she.speaker_name, "Ursula von der Leyen");
  EXPECT_EQ(RuleKind(she), "cue-after:pronoun");
  const Quote& xinhua = Find(doc, "the talks were frank");
  EXPECT_EQ(xinhua.speaker_actor, "CHNMED");
  EXPECT_EQ(CueText(doc, xinhua), "According to");
  const Quote& colon = Find(doc, "The atmosphere");
  EXPECT_EQ(colon.speaker_name, "Dmitry Peskov");
  EXPECT_EQ(RuleKind(colon), "colon:subject");
  EXPECT_EQ(CueText(doc, colon), ":");
}

TEST(QuoteTaggerTest, ConcurrentTaggingGivesTheSameQuotes) {
  Document base = CodeFile(kTestData + "/quotes/it_patto.txt");
  std::vector<Document> docs(4);
  for (Document& d : docs) {
    d.text = base.text;
    d.meta.lang = "it";
    d.meta.lang_from_meta = true;
    ASSERT_TRUE(TestPipeline().Process(&d).ok());
  }
  const QuoteTagger& tagger = Tagger("it");
  std::vector<std::thread> threads;
  for (Document& d : docs) threads.emplace_back([&d, &tagger] { tagger.Tag(&d); });
  for (auto& t : threads) t.join();
  for (const Document& d : docs) {
    ASSERT_EQ(d.quotes.size(), docs[0].quotes.size());
    for (size_t i = 0; i < d.quotes.size(); ++i) {
      EXPECT_EQ(d.quotes[i].start, docs[0].quotes[i].start);
      EXPECT_EQ(d.quotes[i].speaker_name, docs[0].quotes[i].speaker_name);
      EXPECT_EQ(d.quotes[i].rule, docs[0].quotes[i].rule);
    }
  }
}

}  // namespace
}  // namespace cronista
