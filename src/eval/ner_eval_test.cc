#include "eval/ner_eval.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

namespace cronista::eval {
namespace {

using ::testing::HasSubstr;

std::vector<GoldDocument> Kind(const std::string& content) {
  std::istringstream in(content);
  auto r = ReadKind(in, "kind.tsv");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : std::vector<GoldDocument>();
}

std::vector<GoldDocument> Conll(const std::string& content) {
  std::istringstream in(content);
  auto r = ReadConll(in, "eng.testa");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : std::vector<GoldDocument>();
}

std::string TokenText(const GoldDocument& d, size_t k) {
  return d.text.substr(d.tokens[k].start, d.tokens[k].end - d.tokens[k].start);
}

// "TYPE:first..last" for each entity, with the text it covers.
std::vector<std::string> Entities(const GoldDocument& d) {
  std::vector<std::string> out;
  for (const GoldEntity& e : d.entities) {
    uint32_t s = d.tokens[e.token_begin].start, t = d.tokens[e.token_end - 1].end;
    out.push_back(std::string(NerTypeName(e.type)) + ":" + d.text.substr(s, t - s));
  }
  return out;
}

TEST(ReadKindTest, RebuildsTextTokensSentencesAndEntities) {
  auto docs = Kind(
      "La\tO\nsindaca\tO\ndi\tO\nTorino\tB-LOC\nincontra\tO\nGiulia\tB-PER\nBianchi\tI-PER\n.\tO\n"
      "\n"
      "Parla\tO\nl'\tO\nAgenzia\tB-ORG\nSpaziale\tI-ORG\nEuropea\tI-ORG\n.\tO\n");
  ASSERT_EQ(docs.size(), 1u);
  const GoldDocument& d = docs[0];
  EXPECT_EQ(d.text,
            "La sindaca di Torino incontra Giulia Bianchi .\n"
            "Parla l'Agenzia Spaziale Europea .");  // elisions glued, as in real text
  ASSERT_EQ(d.tokens.size(), 14u);
  EXPECT_EQ(TokenText(d, 3), "Torino");
  EXPECT_EQ(d.tokens[3].start, 14u);
  EXPECT_EQ(d.tokens[3].end, 20u);
  EXPECT_EQ(TokenText(d, 8), "Parla");
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.sentences[0].token_begin, 0u);
  EXPECT_EQ(d.sentences[0].token_end, 8u);
  EXPECT_EQ(d.sentences[0].line, 1u);
  EXPECT_EQ(d.sentences[1].token_begin, 8u);
  EXPECT_EQ(d.sentences[1].line, 10u);
  EXPECT_THAT(Entities(d), ::testing::ElementsAre("LOC:Torino", "PER:Giulia Bianchi",
                                                  "ORG:Agenzia Spaziale Europea"));
  EXPECT_EQ(d.id, "kind.tsv#1");
  EXPECT_EQ(d.origin, "kind.tsv:1");
}

TEST(ReadKindTest, AHeadlineAfterAFinishedSentenceStartsADocument) {
  auto docs = Kind(
      "Piove\tO\na\tO\nGenova\tB-LOC\n\n"   // headline
      "Piove\tO\nda\tO\nieri\tO\n.\tO\n\n"  // sentence
      "Ancora\tO\npioggia\tO\n.\tO\n\n"     // sentence
      "Sciopero\tO\ndei\tO\ntreni\tO\n\n"   // headline: a new document
      "Anche\tO\noggi\tO\n\n"               // another line without a full stop
      "I\tO\ntreni\tO\nsi\tO\nfermano\tO\n.\tO\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].sentences.size(), 3u);
  EXPECT_EQ(docs[1].sentences.size(), 3u);
  EXPECT_EQ(docs[1].text, "Sciopero dei treni\nAnche oggi\nI treni si fermano .");
  EXPECT_EQ(docs[1].id, "kind.tsv#2");
  EXPECT_EQ(docs[1].origin, "kind.tsv:14");
  EXPECT_EQ(docs[1].tokens[0].start, 0u);  // offsets start again in each document
}

TEST(ReadKindTest, DocstartLinesWhenPresentAreTheOnlySeparators) {
  auto docs = Kind(
      "-DOCSTART-\tO\n\nTitolo\tO\n\nTesto\tO\n.\tO\n\nAltro\tO\ntitolo\tO\n\n"
      "-DOCSTART-\tO\n\nSecondo\tO\n.\tO\n");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].sentences.size(), 3u);
  EXPECT_EQ(docs[1].text, "Secondo .");
}

TEST(ReadKindTest, ToleratesCarriageReturnsAndIobOne) {
  // An I- tag after O opens an entity; a B- tag always does.
  auto docs = Kind("Visita\tO\r\na\tO\r\nNew\tI-LOC\r\nYork\tI-LOC\r\nBoston\tB-LOC\r\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, "Visita a New York Boston");
  EXPECT_THAT(Entities(docs[0]), ::testing::ElementsAre("LOC:New York", "LOC:Boston"));
}

TEST(ReadKindTest, RejectsMalformedInputNamingTheLine) {
  std::istringstream no_tab("Roma\tB-LOC\n\nRoma B-LOC\n");
  auto r = ReadKind(no_tab, "k.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("k.tsv:3"));

  std::istringstream bad_tag("Roma\tB-CITY\n");
  r = ReadKind(bad_tag, "k.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("k.tsv:1: unknown tag 'B-CITY'"));

  std::istringstream empty("\n\n");
  EXPECT_FALSE(ReadKind(empty, "k.tsv").ok());
}

TEST(ReadConllTest, ReadsIobOneWithDocumentsAndMisc) {
  auto docs = Conll(
      "-DOCSTART- -X- O O\n\n"
      "TENNIS NN I-NP O\n- : O O\n\n"
      "Anna NNP I-NP I-PER\nKarlsson NNP I-NP I-PER\nBerit NNP I-NP B-PER\nand CC O O\n"
      "Lakeside NNP I-NP I-ORG\nRovers NNP I-NP I-ORG\nLondon NNP I-NP I-LOC\n"
      "Swedish JJ I-NP I-MISC\n. . O O\n\n"
      "-DOCSTART- -X- O O\n\n"
      "Oslo NNP I-NP I-LOC\n1996-08-30 CD I-NP O\n");
  ASSERT_EQ(docs.size(), 2u);
  const GoldDocument& d = docs[0];
  EXPECT_EQ(d.text, "TENNIS -\nAnna Karlsson Berit and Lakeside Rovers London Swedish .");
  EXPECT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.sentences[1].line, 6u);
  // Adjacent entities of the same type are told apart by B-; a change of type
  // opens a new entity.
  EXPECT_THAT(Entities(d),
              ::testing::ElementsAre("PER:Anna Karlsson", "PER:Berit", "ORG:Lakeside Rovers",
                                     "LOC:London", "MISC:Swedish"));
  EXPECT_EQ(d.origin, "eng.testa:3");
  EXPECT_EQ(docs[1].text, "Oslo 1996-08-30");
  EXPECT_EQ(docs[1].origin, "eng.testa:18");
  EXPECT_THAT(Entities(docs[1]), ::testing::ElementsAre("LOC:Oslo"));
}

TEST(ReadConllTest, WithoutDocstartTheFileIsOneDocument) {
  auto docs = Conll("A DT O O\n\nB NNP I-NP I-ORG\n");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].sentences.size(), 2u);
}

TEST(ReadConllTest, RejectsMalformedInput) {
  std::istringstream one_column("Paris I-LOC\nParis\n");
  auto r = ReadConll(one_column, "c");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("c:2"));
  std::istringstream bad_tag("Paris NNP I-NP E-LOC\n");
  EXPECT_FALSE(ReadConll(bad_tag, "c").ok());
}

// "Mario Rossi visits Acme Corp in Paris with German friends ."
//  0     6     12     19   24   29 32    38   43     50      58
GoldDocument Sample() {
  auto docs = Conll(
      "Mario NNP I-NP I-PER\nRossi NNP I-NP I-PER\nvisits VBZ I-VP O\nAcme NNP I-NP I-ORG\n"
      "Corp NNP I-NP I-ORG\nin IN I-PP O\nParis NNP I-NP I-LOC\nwith IN I-PP O\n"
      "German JJ I-NP I-MISC\nfriends NNS I-NP O\n. . O O\n");
  EXPECT_EQ(docs.size(), 1u);
  return docs.empty() ? GoldDocument() : docs[0];
}

TEST(AlignSpanTest, OnlyExactTokenBoundariesAlign) {
  GoldDocument d = Sample();
  uint32_t b = 99, e = 99;
  EXPECT_TRUE(AlignSpan(d.tokens, 0, 11, &b, &e));  // Mario Rossi
  EXPECT_EQ(b, 0u);
  EXPECT_EQ(e, 2u);
  EXPECT_TRUE(AlignSpan(d.tokens, 32, 37, &b, &e));  // Paris
  EXPECT_EQ(b, 6u);
  EXPECT_EQ(e, 7u);
  EXPECT_TRUE(AlignSpan(d.tokens, 58, 59, &b, &e));  // the last token
  EXPECT_EQ(b, 10u);
  EXPECT_EQ(e, 11u);
  EXPECT_FALSE(AlignSpan(d.tokens, 1, 11, &b, &e));   // starts inside "Mario"
  EXPECT_FALSE(AlignSpan(d.tokens, 0, 9, &b, &e));    // ends inside "Rossi"
  EXPECT_FALSE(AlignSpan(d.tokens, 0, 12, &b, &e));   // ends on the space
  EXPECT_FALSE(AlignSpan(d.tokens, 6, 6, &b, &e));    // empty
  EXPECT_FALSE(AlignSpan(d.tokens, 58, 70, &b, &e));  // past the end
  EXPECT_FALSE(AlignSpan({}, 0, 1, &b, &e));
}

Prediction Pred(uint32_t start, uint32_t end, NerType type) {
  Prediction p;
  p.start = start;
  p.end = end;
  p.type = type;
  p.kind = type == NerType::kPer ? MentionKind::kPerson : MentionKind::kOrg;
  p.rule = "test";
  return p;
}

TEST(ScoreDocumentTest, ExactSpansAreCorrectAndPredictionsInsideMiscAreIgnored) {
  GoldDocument d = Sample();
  NerScores s;
  std::vector<NerError> errors;
  ScoreDocument(d,
                {Pred(0, 11, NerType::kPer), Pred(19, 28, NerType::kOrg),
                 Pred(32, 37, NerType::kLoc), Pred(43, 49, NerType::kLoc)},
                &s, &errors);
  for (NerType t : {NerType::kPer, NerType::kOrg, NerType::kLoc}) {
    EXPECT_EQ(s.of(t).gold, 1u) << NerTypeName(t);
    EXPECT_EQ(s.of(t).predicted, 1u) << NerTypeName(t);
    EXPECT_EQ(s.of(t).correct, 1u) << NerTypeName(t);
  }
  EXPECT_EQ(s.gold_misc, 1u);
  EXPECT_EQ(s.unscored.in_misc, 1u);
  EXPECT_DOUBLE_EQ(s.micro().f1(), 1.0);
  EXPECT_TRUE(errors.empty());
}

TEST(ScoreDocumentTest, PartialOverlapsAndWrongTypesCountAsBothFalsePositiveAndNegative) {
  GoldDocument d = Sample();
  NerScores s;
  std::vector<NerError> errors;
  ScoreDocument(d,
                {Pred(6, 11, NerType::kPer),    // "Rossi": partial
                 Pred(19, 28, NerType::kOrg),   // "Acme Corp": correct
                 Pred(32, 37, NerType::kOrg),   // "Paris" as ORG: wrong type
                 Pred(13, 18, NerType::kLoc)},  // "isits": not on token boundaries
                &s, &errors);
  EXPECT_EQ(s.of(NerType::kPer).gold, 1u);
  EXPECT_EQ(s.of(NerType::kPer).predicted, 1u);
  EXPECT_EQ(s.of(NerType::kPer).correct, 0u);
  EXPECT_EQ(s.of(NerType::kOrg).predicted, 2u);
  EXPECT_EQ(s.of(NerType::kOrg).correct, 1u);
  EXPECT_DOUBLE_EQ(s.of(NerType::kOrg).precision(), 0.5);
  EXPECT_DOUBLE_EQ(s.of(NerType::kOrg).recall(), 1.0);
  EXPECT_NEAR(s.of(NerType::kOrg).f1(), 2.0 / 3, 1e-12);
  EXPECT_EQ(s.of(NerType::kLoc).gold, 1u);
  EXPECT_EQ(s.of(NerType::kLoc).predicted, 1u);
  EXPECT_EQ(s.of(NerType::kLoc).correct, 0u);
  EXPECT_DOUBLE_EQ(s.of(NerType::kLoc).f1(), 0.0);
  const NerCounts micro = s.micro();
  EXPECT_EQ(micro.gold, 3u);
  EXPECT_EQ(micro.predicted, 4u);
  EXPECT_EQ(micro.correct, 1u);
  EXPECT_DOUBLE_EQ(micro.precision(), 0.25);
  EXPECT_DOUBLE_EQ(micro.recall(), 1.0 / 3);
  EXPECT_NEAR(micro.f1(), 2 * 0.25 / 3 / (0.25 + 1.0 / 3), 1e-12);

  // In text order: FN "Mario Rossi", FP "Rossi", FP "isits", FN "Paris", FP "Paris".
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_FALSE(errors[0].false_positive);
  EXPECT_EQ(errors[0].type, NerType::kPer);
  EXPECT_EQ(errors[0].note, "partial: predicted PER 'Rossi'");
  EXPECT_TRUE(errors[1].false_positive);
  EXPECT_EQ(errors[1].note, "partial: gold PER 'Mario Rossi'; PERSON test");
  EXPECT_TRUE(errors[2].false_positive);
  EXPECT_EQ(errors[2].type, NerType::kLoc);
  EXPECT_THAT(errors[2].note, HasSubstr("not on gold token boundaries"));
  EXPECT_FALSE(errors[3].false_positive);
  EXPECT_EQ(errors[3].type, NerType::kLoc);
  EXPECT_EQ(errors[3].note, "predicted ORG");
  EXPECT_TRUE(errors[4].false_positive);
  EXPECT_EQ(errors[4].type, NerType::kOrg);
  EXPECT_THAT(errors[4].note, HasSubstr("gold LOC"));

  std::string rows = FormatErrors("conll", d, errors);
  EXPECT_THAT(rows, HasSubstr("conll\teng.testa#1\t1\tFN\tPER\tMario Rossi\tpartial: predicted PER "
                              "'Rossi'\t[[Mario Rossi]] visits Acme Corp in"));
  EXPECT_THAT(rows, HasSubstr("\tFP\tORG\tParis\t"));
  EXPECT_THAT(rows, HasSubstr("Corp in [[Paris]] with German friends .\n"));
  EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 5);
}

TEST(ScoreDocumentTest, NoPredictionsGiveZeroesAndEveryGoldEntityMissed) {
  GoldDocument d = Sample();
  NerScores s;
  std::vector<NerError> errors;
  ScoreDocument(d, {}, &s, &errors);
  EXPECT_EQ(s.micro().gold, 3u);
  EXPECT_DOUBLE_EQ(s.micro().precision(), 0.0);
  EXPECT_DOUBLE_EQ(s.micro().recall(), 0.0);
  EXPECT_DOUBLE_EQ(s.micro().f1(), 0.0);
  ASSERT_EQ(errors.size(), 3u);  // MISC is never an error
  EXPECT_EQ(errors[0].note, "missed");

  NerScores total;
  total.Add(s);
  total.Add(s);
  EXPECT_EQ(total.of(NerType::kPer).gold, 2u);
  EXPECT_EQ(total.gold_misc, 2u);
}

TEST(ScoredTypeTest, MapsMentionKindsToGoldTypes) {
  Document doc;
  doc.text = "il presidente russo Putin, i russi, Hamas, l'ONU, la Russia, Ägypten e Roma";
  auto mention = [&](std::string_view text, MentionKind kind) {
    Mention m;
    m.start = static_cast<uint32_t>(doc.text.find(text));
    m.end = m.start + static_cast<uint32_t>(text.size());
    m.kind = kind;
    m.rule = "r";
    return m;
  };
  EXPECT_EQ(ScoredType(doc, mention("Putin", MentionKind::kPerson)), NerType::kPer);
  EXPECT_EQ(ScoredType(doc, mention("ONU", MentionKind::kOrg)), NerType::kOrg);
  EXPECT_EQ(ScoredType(doc, mention("Hamas", MentionKind::kGroup)), NerType::kOrg);
  EXPECT_EQ(ScoredType(doc, mention("Roma", MentionKind::kPlace)), NerType::kLoc);
  EXPECT_EQ(ScoredType(doc, mention("Russia", MentionKind::kCountry)), NerType::kLoc);
  EXPECT_EQ(ScoredType(doc, mention("Ägypten", MentionKind::kCountry)), NerType::kLoc);
  EXPECT_EQ(ScoredType(doc, mention("russi", MentionKind::kCountry)), std::nullopt);
  EXPECT_EQ(ScoredType(doc, mention("il presidente russo", MentionKind::kRole)), std::nullopt);

  doc.mentions = {mention("il presidente russo", MentionKind::kRole),
                  mention("Putin", MentionKind::kPerson), mention("russi", MentionKind::kCountry),
                  mention("Hamas", MentionKind::kGroup)};
  Unscored unscored;
  std::vector<Prediction> p = PredictionsOf(doc, &unscored);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].type, NerType::kPer);
  EXPECT_EQ(doc.text.substr(p[0].start, p[0].end - p[0].start), "Putin");
  EXPECT_EQ(p[1].type, NerType::kOrg);
  EXPECT_EQ(p[1].kind, MentionKind::kGroup);
  EXPECT_EQ(p[1].rule, "r");
  EXPECT_EQ(unscored.role, 1u);
  EXPECT_EQ(unscored.lower_country, 1u);
}

TEST(EvaluateNerTest, CodesEachGoldDocumentWithItsLanguage) {
  PipelineOptions opt;
  opt.data_dir = CRONISTA_SOURCE_DATA_DIR;
  auto pipeline = Pipeline::Create(opt);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  auto docs = Conll(
      "-DOCSTART- -X- O O\n\nMario NNP I-NP I-PER\nRossi NNP I-NP I-PER\nvisits VBZ I-VP O\n"
      "Paris NNP I-NP I-LOC\n. . O O\n\n-DOCSTART- -X- O O\n\nAcme NNP I-NP I-ORG\nwins VBZ O O\n");
  ASSERT_EQ(docs.size(), 2u);
  Document coded = MakeDocument(docs[0], "en");
  EXPECT_EQ(coded.text, docs[0].text);
  EXPECT_EQ(coded.meta.lang, "en");
  EXPECT_TRUE(coded.meta.lang_from_meta);

  NerEvalOptions eopt;
  eopt.errors = true;
  NerResult r = EvaluateNer(**pipeline, docs, "conll", "en", eopt);
  EXPECT_EQ(r.documents, 2u);
  EXPECT_EQ(r.sentences, 2u);
  EXPECT_EQ(r.tokens, 7u);
  EXPECT_EQ(r.failed, 0u);
  const NerCounts micro = r.scores.micro();
  EXPECT_EQ(micro.gold, 3u);
  EXPECT_LE(micro.correct, micro.predicted);
  // Every miss and every false alarm is a row.
  const size_t rows = static_cast<size_t>(std::count(r.errors.begin(), r.errors.end(), '\n'));
  EXPECT_EQ(rows, (micro.gold - micro.correct) + (micro.predicted - micro.correct));

  eopt.limit = 1;
  r = EvaluateNer(**pipeline, docs, "conll", "en", eopt);
  EXPECT_EQ(r.documents, 1u);
  EXPECT_EQ(r.scores.micro().gold, 2u);
}

}  // namespace
}  // namespace cronista::eval
