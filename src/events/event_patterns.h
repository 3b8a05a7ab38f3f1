// Event patterns: the compiled-from-text form shared by cronista's own pattern
// files (data/<lang>/events/*.txt, docs/event-patterns.md) and the PETRARCH
// verb dictionary importer (lexicon/petrarch_verbs.h). The event annotator
// (events/event_coder.h) compiles a vector of these into its matcher.
#ifndef CRONISTA_EVENTS_EVENT_PATTERNS_H_
#define CRONISTA_EVENTS_EVENT_PATTERNS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/status.h"

namespace cronista {

// One element of a pattern other than the head.
struct PatternElement {
  enum class Kind : uint8_t {
    kWords,   // one of `alternatives` (each a sequence of consecutive words)
    kTarget,  // `+`: an actor mention (or coordinated list) = the target
    kSource,  // `$`: an actor mention = the source
    kGap,     // `*` (after the head) or `^` (PETRARCH): up to 10 tokens
  };
  Kind kind = Kind::kWords;
  // For kWords: lower-case words; an alternative of several words must match
  // consecutive tokens ("in_caso_di" -> {"in","caso","di"}).
  std::vector<std::vector<std::string>> alternatives;
  // True when this element must touch its neighbour on the head's side with
  // no intervening token: in `after`, the previous element (or the head); in
  // `before`, the next element (or the head, for the last one). PETRARCH
  // multi-word verbs ("ask for", "re-plant") and glued words ("spy_*").
  bool adjacent = false;
};

enum class HeadKind : uint8_t {
  kVerb,  // heads are verb lemmas, inflected by Morphology::VerbForms
  kNoun,  // heads are noun lemmas, inflected by Morphology::NounForms
};

struct EventPattern {
  std::string rule;  // "it/events/05-cooperate.txt:12", "CAMEO.2.0.txt:3631"
  // CAMEO code ("057"); "---" = a null pattern that blocks coding; "" = only
  // the paired code applies (PETRARCH `[:173]`: the target's act).
  std::string code;
  std::string paired;  // "" or the code the target does back ("043")
  HeadKind head_kind = HeadKind::kVerb;
  // Lemmas, lower case ("firmare", "sign"); may be empty when head_forms
  // lists every form (PETRARCH `KILLED {}`).
  std::vector<std::string> heads;
  std::vector<std::string> head_forms;  // extra literal forms (PETRARCH {..} lists)
  std::vector<PatternElement> before;   // elements before the head, in text order
  std::vector<PatternElement> after;    // elements after the head, in text order
  // Imported from another coder's dictionary: a code missing from cronista's
  // codebook skips the pattern (counted) instead of failing the load.
  bool imported = false;
  bool mutual = false;  // reciprocal action (flag `mutual`, PETRARCH `%`)
  bool future = false;  // flag `future`
  // Example sentence and the expected actor-code prefixes ("" = not given).
  std::string example;
  std::string expect_source;
  std::string expect_target;
};

// Parses one cronista pattern file (format in docs/event-patterns.md).
// `rule_prefix` is prepended to line numbers ("it/events/05-cooperate.txt").
// Errors name the file and line.
Status ParseEventPatterns(std::string_view text, std::string_view rule_prefix,
                          std::vector<EventPattern>* out);

// Every *.txt file in `dir` in name order; rule prefixes are
// "<lang>/events/<file name>".
Status LoadEventPatternDir(const std::string& dir, std::string_view lang,
                           std::vector<EventPattern>* out);

}  // namespace cronista

#endif  // CRONISTA_EVENTS_EVENT_PATTERNS_H_
