// Dictionary entries as loaded from any format (cronista's own TSV files, CLDR
// country names, PETRARCH/TABARI dictionaries), before compilation into a
// Lexicon. Plain data.
#ifndef CRONISTA_LEXICON_DICTIONARY_H_
#define CRONISTA_LEXICON_DICTIONARY_H_

#include <climits>
#include <cstdint>
#include <string>
#include <vector>

#include "cronista/document.h"

namespace cronista {

// A date as an integer yyyymmdd, for range checks. Partial dates pad with 00
// for a start and 99 for an end ("2011-12" starts at 20111200, ends at 20111299).
using DayNumber = int32_t;
inline constexpr DayNumber kDawnOfTime = INT32_MIN;
inline constexpr DayNumber kEndOfTime = INT32_MAX;

// A code valid during [start, end] (inclusive), with the office it comes from.
struct DatedCode {
  std::string code;    // CAMEO actor code, e.g. "RUSGOV"
  std::string office;  // office key ("president"), "" when unknown
  DayNumber start = kDawnOfTime, end = kEndOfTime;
};

// One actor: a person, organisation, country, place or group, with all the
// phrases that name it.
struct ActorSpec {
  std::vector<std::string> phrases;  // surface forms as written ("Vladimir Putin")
  // Forms that name the actor only after a full name was seen, or when no
  // other actor shares them ("Putin", "Kim"). People only.
  std::vector<std::string> short_phrases;
  MentionKind kind = MentionKind::kOrg;
  std::string code;              // code independent of date ("RUS", "IGOUNO"); may be ""
  std::vector<DatedCode> dated;  // dated codes (people); they win over `code` when in force
  std::string entity;            // stable id, e.g. "putin_vladimir", "RUS"
  std::string name;              // canonical name
  std::string subkind;           // finer kind from the source: "demonym", "metonym", ...
  char gender = '-';             // 'm', 'f', '-'
  std::string rule;              // provenance: "data/it/actors.tsv:12"
  // Case: phrases written with capitals must match capitalised text, and
  // all-capital words all-capital text (see docs/actor-dictionaries.md).
  // When false (PETRARCH's upper-case dictionaries) any case matches.
  bool case_from_phrase = true;
};

// A sector or role word ("governo" GOV, "presidente" GOV president,
// "esercito" MIL), PETRARCH's "agents".
struct AgentSpec {
  std::vector<std::string> phrases;
  std::string sector;  // three-letter CAMEO sector code; "" when the phrase adds none
  std::string office;  // office key it names the holder of; "" when none
  std::string rule;
  bool case_from_phrase = true;
};

// Everything loaded for one language (plus language-neutral data).
struct DictionarySet {
  std::vector<ActorSpec> actors;
  std::vector<AgentSpec> agents;
  // Phrases whose presence blocks a match (PETRARCH discards): a sentence-level
  // discard suppresses actor matches overlapping it.
  std::vector<std::string> discards;
};

// yyyymmdd of "2024-06-19", "2024-06" or "2024"; `end` pads missing parts with
// 99 instead of 00. Returns false on anything else.
bool ParseDayNumber(std::string_view s, bool end, DayNumber* out);

}  // namespace cronista

#endif  // CRONISTA_LEXICON_DICTIONARY_H_
