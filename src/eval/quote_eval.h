// Quotation evaluation on PolNeAR (political news attribution relations, in
// brat standoff format). Used by `cronista eval quotes`.
//
// The corpus folder holds text/NAME.txt (an article) and
// attributions/NAME_ANNOTATOR.ann (its attributions). Offsets in .ann files
// count Unicode code points of the text (a byte order mark counts as one);
// they are converted to bytes. Each attribution is an "E" line joining "T"
// spans: Source (absent in Attribution-no-source), Cue, Content and sometimes
// Content2 (the second half of a split quotation); a span may be discontinuous
// ("392 484;485 565"). An article annotated by several annotators is scored
// once, on the first annotation file in name order (the others are counted).
// Articles are coded as English, dated by their name ("nyt_2016-01-29_...").
//
// Gold. As the issue defines it, the gold attributions are those whose content
// (Content and Content2) starts with a quotation mark. Their content is then
// cut into quoted passages, the unit a quote tagger produces, scanning from
// the first to the last byte of the content: an opening mark opens a passage,
// the next closing mark of the same family (double or single) closes it, and
// marks of the other family inside it are words of the quotation; only
// passages opening inside a content fragment count (so `"Judge," Brafman
// said, "I have never..."` is two passages, with the source and cue between
// them left out), and a passage still open when the content ends runs to its
// end ("unclosed"). Double marks: “ ” " „ « » and the doubled apostrophes ''
// and `` of some publishers; single marks: ‘ ’ and ', an apostrophe opening
// only after a non-letter and closing only before one (so "don't" stays a
// word). A gold quote's span is the passage inside its marks, without the
// surrounding white space: the same convention as Quote::start/end.
//
// Predictions. Document::quotes not marked scare (a scare quote says "this is
// no quotation"; they are counted apart, and those lying on a gold quote are
// reported, since they cost recall). A prediction's span is trimmed of white
// space, and of an opening mark at its start together with a closing mark at
// its end, before comparing, so a tagger that includes the marks is scored as
// one that does not. A prediction that touches no gold quote but lies inside
// the content of another attribution (a quoted phrase inside a paraphrase:
// said the plan was "a disaster") is neither right nor wrong under the
// issue's definition: it is not scored and is counted apart.
//
// Matching. Exact: the spans are equal. Overlap: they share a byte. Recall is
// the share of gold quotes with a matching prediction, precision the share of
// predictions matching some gold quote (so two predictions splitting one gold
// quote are both right under overlap, and the gold quote is found once).
//
// Speaker accuracy, among gold quotes found by overlap whose attribution has a
// source: the prediction overlapping the gold quote most is right when its
// speaker mention overlaps the gold source, or its speaker entity has a
// mention that does, or its speaker as written (Quote::speaker_start/end: a
// name or noun phrase the actor stage did not tag, "Brafman said", "a
// spokesman said") overlaps it. Words that are a lone pronoun ("he", "they",
// "I") name no one: they never count and leave the speaker unknown, so a
// tagger cannot score a "he said" by pointing at the "he". Sources that are a
// lone third-person pronoun ("he", "she", "they": a quarter of PolNeAR's
// quoted attributions) name nobody that a mention tagger sees; for them the
// prediction is also right when its speaker (mention, entity or words)
// overlaps the antecedent proxy: the closest source before it in the text
// that is not a pronoun (a proxy, right for most "he said" after a named
// quotation, wrong after a change of speaker, which then lowers the score).
// Figures for pronoun sources are reported apart too; a prediction naming no
// speaker is wrong (and counted as unknown). First- and second-person
// sources ("I said", in a first-person account) refer to the writer, whom no
// mention names: they are not scored, and counted apart.
#ifndef CRONISTA_EVAL_QUOTE_EVAL_H_
#define CRONISTA_EVAL_QUOTE_EVAL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/document.h"
#include "cronista/pipeline.h"
#include "cronista/status.h"

namespace cronista::eval {

// Matches of spans counted from both sides: `gold_found` gold items have a
// matching prediction, `predicted_correct` predictions match some gold item.
// Shared by the quote and time evaluations.
struct SpanCounts {
  size_t gold = 0, gold_found = 0;
  size_t predicted = 0, predicted_correct = 0;

  // 0 when the denominator is 0.
  double precision() const { return predicted ? double(predicted_correct) / predicted : 0; }
  double recall() const { return gold ? double(gold_found) / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  SpanCounts& operator+=(const SpanCounts& o);
};

// Reads a whole gold file into *out, refusing one over 16 MiB (kResourceExhausted);
// messages name the path. Shared by the evaluations.
Status ReadEvalFile(const std::string& path, std::string* out);

// A cell of an errors file: tabs and line breaks become spaces, and text past
// 200 bytes is cut (marked "…"). Shared by the evaluations.
std::string EvalCell(std::string_view s);

// A byte range [start, end) of a text.
struct ByteSpan {
  uint32_t start = 0, end = 0;
};

struct GoldAttribution {
  std::string id;                    // the .ann event id ("E4")
  std::vector<ByteSpan> content;     // Content and Content2 fragments, in text order
  std::vector<ByteSpan> source;      // empty when it has none
  bool quoted = false;               // its content starts with a quotation mark
  bool pronoun_source = false;       // the source is a lone third-person pronoun ("He")
  bool first_person_source = false;  // the source is "I", "me", "we", "us" or "you"
  // For a pronoun source, the closest preceding source that is not a pronoun
  // (empty when none).
  std::vector<ByteSpan> antecedent;
};

struct GoldQuote {
  uint32_t start = 0, end = 0;  // bytes: the quoted words inside the marks, trimmed
  bool single = false;          // delimited by single marks
  bool unclosed = false;        // the content ended before a closing mark
  size_t attribution = 0;       // index into GoldQuoteDocument::attributions
};

struct GoldQuoteDocument {
  std::string id;    // the article's name ("nyt_2016-01-29_it-s-still-bill-but-old-magic-se")
  std::string text;  // the article, as read
  PartialDate date;  // from the name's second field, when it is a date
  std::vector<GoldAttribution> attributions;  // all of them, in file order
  std::vector<GoldQuote> quotes;              // in text order
};

// Builds a gold document, named `id`, from an article and its .ann file.
// Fails (kInvalidArgument, "line N: ..." for the .ann) on invalid UTF-8 in the
// text, a malformed T or E line, offsets past the text or an E line naming a
// missing span. Lines of other kinds (#, A, R) and the continuation lines
// brat writes when a span's text holds a line break are skipped.
Result<GoldQuoteDocument> ParsePolnear(std::string text, std::string_view ann, std::string_view id);

struct QuoteEvalResult {
  size_t documents = 0;                  // articles scored
  size_t extra_annotations = 0;          // further annotators' files, not scored
  size_t attributions = 0;               // all attributions of the scored articles
  size_t quoted_attributions = 0;        // of which gold: content starts with a mark
  size_t quoted_attributions_found = 0;  // with at least one gold quote found (overlap)
  size_t single_quotes = 0;              // gold quotes delimited by single marks
  size_t unclosed_quotes = 0;            // gold quotes cut by the end of their content
  SpanCounts exact, overlap;
  size_t scare = 0;             // predictions marked scare (not scored)
  size_t scare_on_gold = 0;     // of which overlapping a gold quote
  size_t in_other_content = 0;  // predictions inside a non-gold attribution (not scored)
  // Speaker, on gold quotes found by overlap.
  size_t speaker_scored = 0;  // whose attribution has a source
  size_t speaker_correct = 0;
  size_t speaker_unknown = 0;  // the prediction named no speaker mention, entity or words
  size_t speaker_pronoun = 0;  // of speaker_scored, sources that are a lone pronoun
  size_t speaker_pronoun_correct = 0;
  size_t no_source = 0;            // found gold quotes of Attribution-no-source (not scored)
  size_t first_person_source = 0;  // found gold quotes whose source is "I", "we"... (not scored)
  size_t failed = 0;               // documents the Pipeline refused (their gold is missed)
  double seconds = 0;              // reading, coding and scoring, wall clock

  double speaker_accuracy() const {
    return speaker_scored ? double(speaker_correct) / speaker_scored : 0;
  }
  // Files skipped as unreadable or malformed: "PATH: reason".
  std::vector<std::string> bad_files;
  // Rows of the errors file (kQuoteErrorsHeader), one per missed gold quote
  // (FN), prediction matching none (FP), overlap that is not exact (SPAN) and
  // wrong or missing speaker (SPEAKER).
  std::vector<std::string> errors;
};

inline constexpr std::string_view kQuoteErrorsHeader = "document\terror\ttext\tnote";

// Scores the quotes of `doc` (coded from gold.text) against `gold`, adding to
// the counts of `*result` (not `documents`); appends error rows to `*errors`
// when it is not null. Out-of-range spans and indexes in `doc` are tolerated
// (the prediction is scored as far as it can be).
void ScoreQuotes(const GoldQuoteDocument& gold, const Document& doc, QuoteEvalResult* result,
                 std::vector<std::string>* errors);

// Reads the PolNeAR folder `path` (holding text/ and attributions/), codes each
// article as English dated by its name, and scores it. `limit` > 0 scores only
// the first `limit` articles in name order. Fails when the folder has no
// attributions/ or text/; a file that cannot be read or parsed is skipped and
// named in bad_files.
Result<QuoteEvalResult> EvaluateQuotes(const Pipeline& pipeline, const std::string& path,
                                       size_t limit = 0);

}  // namespace cronista::eval

#endif  // CRONISTA_EVAL_QUOTE_EVAL_H_
