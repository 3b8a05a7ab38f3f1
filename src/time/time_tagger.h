// The time tagger: finds temporal expressions (dates, times, durations, sets)
// and normalises them to TIMEX3 values (TimeML / TimeBank conventions),
// anchoring relative ones to the article's date.
//
// Method. Each language's rules (data/<lang>/time.txt; the format is
// documented in the header of data/en/time.txt) compile into one trie over
// pattern elements: literal words (token keys) and word classes (MONTH,
// WEEKDAY, UNIT, NUM, ...). Per sentence the tagger classifies every token
// once (an open-addressing lookup of its key; digits parsed by hand;
// hyphenated words such as "third-quarter" split into their parts), then
// walks the trie from each position, leftmost-longest, the earlier rule
// winning a tie. The rule's action builds the value from what the classes
// captured: calendar arithmetic on the anchor (the article's date at its
// precision) or, for anaphoric rules ("a year earlier", "the quarter"), on
// the last date the text named (within five sentences). No regular expression
// runs, and nothing is allocated, per token.
//
// Choices:
//   - A relative expression resolves to the finest granularity that both the
//     expression and the anchor know: with an article dated 2024-06 (month
//     precision), "ieri" / "yesterday" / "lunedì" give "2024-06" (precision
//     month), while "il mese scorso" gives "2024-05". Without an article date,
//     relative expressions are found but their value is "".
//   - A bare weekday is the closest such day on or before the article's date
//     (news report the past; "Friday" in a Friday paper is that day), unless
//     a future cue of the language comes just before it ("will resume on
//     Friday", "si terrà venerdì"); "scorso/last" gives the strict past,
//     "prossimo/next/coming" the strict future.
//   - A month or day without a year takes the article's year (TimeBank's
//     practice), except when that lies more than ten months ahead (December
//     named in February is last December) or over a month past after a
//     future cue; "last June" / "giugno scorso" is the latest before the
//     article's month.
#ifndef CRONISTA_TIME_TIME_TAGGER_H_
#define CRONISTA_TIME_TIME_TAGGER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"

namespace cronista {

class TimeTagger {
 public:
  // Compiles `lang_dir`/time.txt (lang_dir is data/<lang>). NotFound when the
  // file does not exist; InvalidArgument, naming file and line, when it is
  // malformed.
  static Result<std::unique_ptr<TimeTagger>> Load(const std::string& lang_dir);
  // Compiles rules given as text; `name` ("data/en/time.txt") prefixes error
  // messages and the rule ids written to TimeExpr::rule.
  static Result<std::unique_ptr<TimeTagger>> FromText(std::string_view text,
                                                      const std::string& name);
  ~TimeTagger();

  // Fills doc->times (replacing what was there), in text order, not
  // overlapping. Requires tokens and sentences; relative expressions resolve
  // against doc->meta.date with its precision. Thread-safe: the rules are
  // only read.
  void Tag(Document* doc) const;

  // An example carried by a rule line ("ex: TEXT -> VALUE"), to be tagged
  // with the article date 2024-06-19 and to yield VALUE.
  struct Example {
    int line = 0;
    std::string text, value;
  };
  const std::vector<Example>& examples() const;
  size_t rule_count() const;

  struct Rules;  // the compiled rules (time_tagger.cc)

 private:
  TimeTagger();
  std::unique_ptr<Rules> rules_;
};

// The PartialDate a DATE or TIME value denotes: "2024-06-19" (day),
// "2024-06-19T10:30" (time), "2024-06" (month), "2024" (year); a week, a
// weekend, a quarter, a half or a season give the smallest month or year that
// holds them ("2024-W25" → 2024-06, "2024-Q2" → 2024). nullopt for durations,
// sets, and values that are not calendar points ("PAST_REF", "199",
// "XXXX-06-19").
std::optional<PartialDate> DateOfTimex(const TimeExpr& t);

}  // namespace cronista

#endif  // CRONISTA_TIME_TIME_TAGGER_H_
