// Loaders for PETRARCH/TABARI dictionaries (the Phoenix actor, agent and
// discard files) into a DictionarySet. The grammar accepted, and how each
// construct maps onto ActorSpec / AgentSpec / discards, is documented in
// docs/dictionaries.md, section "PETRARCH actor dictionaries".
//
// All functions append to `*out` (never clear it) and are safe to call from
// several threads on different DictionarySets. On error `*out` may hold the
// entries read before the faulty line. Errors name the file and line:
// "…/Phoenix.agents.txt:12: undefined substitution set !PERSN!".
#ifndef CRONISTA_LEXICON_PETRARCH_ACTORS_H_
#define CRONISTA_LEXICON_PETRARCH_ACTORS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/status.h"
#include "lexicon/dictionary.h"

namespace cronista {

// What a load read, and what it had to repair or skip to stay tolerant of the
// quirks of the real files (odd date lengths, text after codes, ...). Counts
// add up over calls that share one stats object.
struct PetrarchLoadStats {
  size_t files = 0;
  size_t actors = 0;          // ActorSpecs appended
  size_t actor_phrases = 0;   // phrases over those actors (after de-duplication)
  size_t dated_codes = 0;     // DatedCodes over those actors
  size_t agents = 0;          // AgentSpecs appended
  size_t agent_phrases = 0;   // phrases over those agents, plurals and substitutions expanded
  size_t discards = 0;        // discard phrases appended (both levels)
  size_t story_discards = 0;  // of which story-level ('+')
  // One line per repair or skipped item: "Phoenix.Countries.actors.txt:2039:
  // date '9008223' unreadable; code ARMUNR dropped".
  std::vector<std::string> notes;
};

// An actor file (`*.actors.txt`): one ActorSpec per actor block. Phrases are
// plain lower-case text ("vladimir putin") with case_from_phrase = false;
// `entity` is "petrarch:" + the head phrase ("petrarch:VLADIMIR_PUTIN"),
// `name` the head in Title Case, `rule` "<file name>:<line of the head>".
Status LoadPetrarchActors(const std::string& path, DictionarySet* out,
                          PetrarchLoadStats* stats = nullptr);

// An agents file: one AgentSpec per entry line, with `!SET!` substitutions and
// plural forms (regular, `{irregular}`, or none with `{}`) expanded into
// phrases; `sector` is the code without its '~' ("GOV", "BUDEDU").
Status LoadPetrarchAgents(const std::string& path, DictionarySet* out,
                          PetrarchLoadStats* stats = nullptr);

// A discards file: each phrase, lower-case, into out->discards. Story-level
// discards (written with a leading '+') keep that '+' ("+world cup") so that
// consumers can tell them from sentence-level ones ("bird flu").
Status LoadPetrarchDiscards(const std::string& path, DictionarySet* out,
                            PetrarchLoadStats* stats = nullptr);

// Every `*.actors.txt`, `*agents*.txt` and `*discards*.txt` file directly in
// `dir` (names compared case-insensitively, loaded in name order: actors,
// then agents, then discards). NotFound when `dir` is not a directory or holds
// none of them. Other files (the CAMEO verb dictionary) are ignored.
Status LoadPetrarchDirectory(const std::string& dir, DictionarySet* out,
                             PetrarchLoadStats* stats = nullptr);

// Exposed for tests. A PETRARCH phrase as plain text: '_' and white space
// separate words, trailing/leading separators dropped, control characters
// removed, then normalised (case-folded) like a token: "VLADIMIR_V._PUTIN_"
// -> "vladimir v. putin".
std::string PetrarchPhraseToText(std::string_view phrase);

// Exposed for tests. A PETRARCH date (yymmdd, 00-30 meaning 20yy and 31-99
// 19yy; or yyyymmdd) as yyyymmdd. False for other forms or impossible dates.
bool ParsePetrarchDate(std::string_view digits, DayNumber* out);

}  // namespace cronista

#endif  // CRONISTA_LEXICON_PETRARCH_ACTORS_H_
