// Entity recognition evaluation: readers of gold NER files (KIND TSV, CoNLL-2003),
// the alignment of predicted mentions to gold tokens, and exact-span scoring
// per type (PER, ORG, LOC) and micro-averaged. Used by `cronista eval ner`.
//
// Each gold document is rebuilt as text (tokens joined by single spaces, one
// sentence per line) with the byte span of every gold token recorded, coded by
// the Pipeline with its language given by metadata, and its mentions mapped to
// gold types: PERSON → PER; ORG, GROUP → ORG; PLACE → LOC; COUNTRY → LOC when
// its first letter is upper case (so "russo", "russi" are not scored); ROLE is
// not scored. A prediction is correct when its span covers exactly the gold
// tokens of a gold entity of the same type; anything else (another type, a
// partial overlap, boundaries inside a gold token) is a false positive, and the
// gold entity it missed a false negative. Gold MISC entities are not scored,
// and predictions lying inside one are ignored (counted apart).
#ifndef CRONISTA_EVAL_NER_EVAL_H_
#define CRONISTA_EVAL_NER_EVAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/document.h"
#include "cronista/pipeline.h"
#include "cronista/status.h"

namespace cronista::eval {

enum class NerType : uint8_t { kPer = 0, kOrg, kLoc, kMisc };
// PER, ORG and LOC are scored; MISC is read and never scored.
inline constexpr size_t kScoredTypes = 3;

// "PER", "ORG", "LOC", "MISC".
std::string_view NerTypeName(NerType t);

struct GoldToken {
  uint32_t start = 0, end = 0;  // bytes into GoldDocument::text
};

struct GoldSentence {
  uint32_t token_begin = 0, token_end = 0;  // [begin, end) into tokens
  size_t line = 0;                          // line of its first token in the gold file
};

struct GoldEntity {
  uint32_t token_begin = 0, token_end = 0;  // [begin, end) into tokens
  NerType type = NerType::kPer;
};

struct GoldDocument {
  std::string id;      // "<origin>#<n>", n counting documents from 1
  std::string origin;  // "<file>:<line>" of the document's first token
  // The tokens joined by single spaces, one sentence per line.
  std::string text;
  std::vector<GoldToken> tokens;
  std::vector<GoldSentence> sentences;
  std::vector<GoldEntity> entities;  // in text order, not overlapping
};

// Readers. `origin` names the file in ids and messages. Both accept BIO (IOB2)
// and IOB1 tags (an I- tag after O or after another type opens an entity), types
// PER, ORG, LOC and MISC; blank lines end sentences and "-DOCSTART-" lines end
// documents. A malformed line or an unknown tag is an error naming the line.
//
// KIND (Italian Wikinews): "token<TAB>tag" lines. The published files have no
// document markers; when a file has none, a sentence without final punctuation
// (a headline) that follows one with final punctuation starts a new document,
// which rebuilds the articles, though some section headings split one.
Result<std::vector<GoldDocument>> ReadKind(std::istream& in, std::string_view origin);
// CoNLL-2003: "token POS chunk tag" lines (any number of columns separated by
// blanks, the token first and the tag last).
Result<std::vector<GoldDocument>> ReadConll(std::istream& in, std::string_view origin);

// A gold type for a mention, or nullopt when the mention is not scored (ROLE, a
// COUNTRY whose first letter is not upper case).
std::optional<NerType> ScoredType(const Document& doc, const Mention& m);

// Why mentions of the coded documents were not scored.
struct Unscored {
  size_t role = 0;           // ROLE mentions
  size_t lower_country = 0;  // COUNTRY mentions starting lower case (demonyms)
  size_t in_misc = 0;        // predictions inside a gold MISC entity
};

// A mention mapped to a gold type.
struct Prediction {
  uint32_t start = 0, end = 0;  // bytes into the text
  NerType type = NerType::kPer;
  MentionKind kind = MentionKind::kPerson;
  std::string rule;  // Mention::rule, for error reports
};

// The scored mentions of a coded document; those not scored are counted in
// `*unscored` (may be null).
std::vector<Prediction> PredictionsOf(const Document& doc, Unscored* unscored);

// Aligns the byte span [start, end) to gold tokens: true, with the token span
// [*token_begin, *token_end), when `start` is the start of a token and `end`
// the end of a token at or after it; false otherwise (a partial token, an
// empty span). `tokens` are in text order.
bool AlignSpan(const std::vector<GoldToken>& tokens, uint32_t start, uint32_t end,
               uint32_t* token_begin, uint32_t* token_end);

struct NerCounts {
  size_t gold = 0, predicted = 0, correct = 0;

  // 0 when the denominator is 0.
  double precision() const;
  double recall() const;
  double f1() const;
  NerCounts& operator+=(const NerCounts& o);
};

struct NerScores {
  std::array<NerCounts, kScoredTypes> by_type;  // indexed by NerType
  Unscored unscored;
  size_t gold_misc = 0;  // gold MISC entities (not scored)

  const NerCounts& of(NerType t) const { return by_type[static_cast<size_t>(t)]; }
  NerCounts micro() const;
  void Add(const NerScores& o);
};

// A false positive or false negative, for error analysis.
struct NerError {
  bool false_positive = false;
  NerType type = NerType::kPer;  // the predicted type (FP) or the gold type (FN)
  uint32_t start = 0, end = 0;   // bytes into GoldDocument::text
  std::string note;  // what went wrong, e.g. "gold ORG", "partial: gold PER 'Simon Lee'"
};

// Scores the predictions for one gold document (whose text they index) into
// `*scores`; appends the errors to `*errors` when it is not null, false
// negatives and false positives in text order.
void ScoreDocument(const GoldDocument& gold, const std::vector<Prediction>& predicted,
                   NerScores* scores, std::vector<NerError>* errors);

// The header and rows of the errors file: tab-separated, one error a row, with
// the sentence around it and the error marked [[like this]].
inline constexpr std::string_view kErrorsHeader =
    "corpus\tdocument\tline\terror\ttype\ttext\tnote\tcontext\n";
std::string FormatErrors(std::string_view corpus, const GoldDocument& gold,
                         const std::vector<NerError>& errors);

// The Document handed to the Pipeline for a gold document, its language set
// by metadata.
Document MakeDocument(const GoldDocument& gold, std::string_view lang);

struct NerEvalOptions {
  size_t limit = 0;     // documents to evaluate; 0 = all
  bool errors = false;  // fill NerResult::errors
};

struct NerResult {
  size_t documents = 0, sentences = 0, tokens = 0;
  size_t failed = 0;          // documents the Pipeline refused (their gold counts as missed)
  std::string first_failure;  // the message of the first of them
  double seconds = 0;         // coding and scoring, wall clock
  NerScores scores;
  std::string errors;  // rows of the errors file (without the header)
};

// Codes `docs` (the first options.limit of them) with `pipeline` one by one
// and scores them. `corpus` names them in the errors.
NerResult EvaluateNer(const Pipeline& pipeline, const std::vector<GoldDocument>& docs,
                      std::string_view corpus, std::string_view lang,
                      const NerEvalOptions& options);

}  // namespace cronista::eval

#endif  // CRONISTA_EVAL_NER_EVAL_H_
