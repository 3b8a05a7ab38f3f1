// Temporal expression evaluation on TimeML files (TimeBank 1.2's *.tml).
// Used by `cronista eval time`.
//
// A TimeML file is XML: a DCT element holding the document creation time (a
// TIMEX3 with functionInDocument="CREATION_TIME") and a TEXT element whose
// words carry inline TIMEX3 (tid, type, value), EVENT and SIGNAL tags. The
// reader is a small scanner, not a general XML parser: it strips every tag
// inside TEXT, decodes the five predefined entities and character references,
// skips comments and copies CDATA, and records the byte span of each TIMEX3 in
// the stripped text. The DCT is the anchor, not a gold expression: its value
// dates the document (Document::meta.date); without a DCT element, the first
// TIMEX3 outside TEXT whose functionInDocument is CREATION_TIME serves.
//
// Each document's stripped text is coded as English. Gold: every TIMEX3 in
// TEXT with a non-empty span (an empty, non-consuming one is counted apart);
// predicted: Document::times. Detection is scored strict (equal byte spans)
// and relaxed (the spans share a byte), from both sides as in TempEval-3:
// recall is the share of gold expressions with a matching prediction,
// precision the share of predictions matching some gold expression. On gold
// expressions found by relaxed matching, paired with the prediction
// overlapping them most, type accuracy compares TimeTypeName with the gold
// type and value accuracy compares the TIMEX3 values as strings (so "P1D"
// and "P24H" differ, as in TempEval-3).
#ifndef CRONISTA_EVAL_TIME_EVAL_H_
#define CRONISTA_EVAL_TIME_EVAL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/document.h"
#include "cronista/pipeline.h"
#include "cronista/status.h"
#include "eval/quote_eval.h"  // SpanCounts

namespace cronista::eval {

struct GoldTimex {
  uint32_t start = 0, end = 0;  // bytes into TimeMlDocument::text
  std::string tid;              // "t85"
  std::string type;             // "DATE", "TIME", "DURATION", "SET" as written
  std::string value;            // "1998-01-08", "P1D", "PRESENT_REF"
};

struct TimeMlDocument {
  std::string id;                  // DOCID, else the name it was read as
  std::string text;                // TEXT with the tags stripped
  std::string dct_value;           // the creation time's TIMEX3 value ("" when none)
  PartialDate dct;                 // parsed from it (unknown when it is not a date)
  std::vector<GoldTimex> timexes;  // non-empty ones, in text order
  size_t empty_timexes = 0;        // TIMEX3 tags in TEXT spanning no text
};

// Reads a TimeML file; `name` names it in messages and is the id when the
// file has no DOCID. Fails (kInvalidArgument) when there is no TEXT element,
// a tag is not closed, a TIMEX3 closes without opening or stays open, or the
// text is not UTF-8.
Result<TimeMlDocument> ParseTimeMl(std::string_view xml, std::string_view name);

struct TimeEvalResult {
  size_t documents = 0;  // files scored
  size_t no_dct = 0;     // of which without a usable creation time
  size_t failed = 0;     // documents the Pipeline refused (their gold is missed)
  size_t empty_timexes = 0;
  SpanCounts strict, relaxed;
  size_t type_correct = 0, value_correct = 0;  // among relaxed.gold_found
  // Gold expressions and those found (relaxed) per gold type, indexed by
  // TimeType; gold types outside the four are counted in other_type.
  std::array<size_t, 4> gold_by_type{}, found_by_type{};
  size_t other_type = 0;
  double seconds = 0;  // reading, coding and scoring, wall clock

  double type_accuracy() const {
    return relaxed.gold_found ? double(type_correct) / relaxed.gold_found : 0;
  }
  double value_accuracy() const {
    return relaxed.gold_found ? double(value_correct) / relaxed.gold_found : 0;
  }
  // Files skipped as unreadable or malformed: "PATH: reason".
  std::vector<std::string> bad_files;
  // Rows of the errors file (kTimeErrorsHeader): missed gold expressions (FN),
  // predictions matching none (FP), relaxed but not strict matches (SPAN),
  // wrong type (TYPE) and wrong value (VALUE).
  std::vector<std::string> errors;
};

inline constexpr std::string_view kTimeErrorsHeader = "document\terror\ttext\tgold\tpredicted";

// Scores `predicted` (coded from gold.text) against `gold`, adding to the
// counts of `*result` (not `documents`); appends error rows to `*errors` when
// it is not null. Spans past the text are clamped.
void ScoreTimes(const TimeMlDocument& gold, const std::vector<TimeExpr>& predicted,
                TimeEvalResult* result, std::vector<std::string>* errors);

// Reads every *.tml file of `dir` in name order (the first `limit` when
// `limit` > 0), codes its text as English dated by its DCT, and scores it.
// Fails when `dir` is not a folder or holds no .tml file; a file that cannot
// be read or parsed is skipped and named in bad_files.
Result<TimeEvalResult> EvaluateTimes(const Pipeline& pipeline, const std::string& dir,
                                     size_t limit = 0);

}  // namespace cronista::eval

#endif  // CRONISTA_EVAL_TIME_EVAL_H_
