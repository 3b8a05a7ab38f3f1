// Per-language rules for tokenisation and sentence segmentation, loaded from
// data/<lang>/ (see docs/dictionaries.md). Immutable once loaded; safe to read
// from many threads.
#ifndef CRONISTA_TEXT_TEXT_RULES_H_
#define CRONISTA_TEXT_TEXT_RULES_H_

#include <bitset>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "cronista/status.h"

namespace cronista {

struct TextRules {
  std::string lang;  // "it", "en", ... ; "" for the language-neutral defaults
  // Abbreviations that end in a period and do not end a sentence, stored
  // case-folded with their final period: "sen.", "dott.", "mr.", "u.s.".
  // Also holds the folded forms of abbreviations without a final period
  // ("dott.ssa", "mme"). Fill through AddAbbreviation() so that the derived
  // sets below stay consistent.
  std::unordered_set<std::string> abbreviations;
  // Split elided articles/prepositions off the next word: "l'alleato" ->
  // "l'" + "alleato" (Italian, French).
  bool split_elision = false;
  // Clitic suffixes split off the preceding word, folded: "'s", "n't", "'re".
  std::vector<std::string> clitic_suffixes;

  // --- Extensions (see docs/dictionaries.md) ---

  // Abbreviations exactly as written in abbreviations.txt ("Mr.", "sen."), in
  // file order; the segmenter derives its case variants from these.
  std::vector<std::string> abbreviations_as_written;
  // Folded abbreviations written with an upper-case initial ("No.", "St.",
  // "Co."): they only match tokens that start with an upper-case letter, so
  // "no." at the end of "He said no." stays a word and a period.
  std::unordered_set<std::string> cased_abbreviations;
  // Folded abbreviations marked `may-end` ("etc.", "ecc.", "inc."): kept as
  // one token, but a sentence may end after them (when ICU says so).
  std::unordered_set<std::string> sentence_final_abbreviations;
  // Folded beginnings of abbreviations with inner periods, up to and with
  // each inner period ("ee." for "EE.UU.", "ph." for "Ph.D."): lets the
  // tokenizer keep "EE.UU." together although "EE.U" alone would split.
  std::unordered_set<std::string> abbreviation_prefixes;
  // Longest folded abbreviation without any period ("mme"), in bytes; 0 when
  // there are none; and the first bytes such an abbreviation may start with
  // in the text ('M' for "Mme", both 'a' and 'A' for a lower-case entry).
  // Let the tokenizer skip look-ups for most words.
  size_t max_plain_abbreviation_length = 0;
  std::bitset<256> plain_abbreviation_initials;
  // Folded elided forms, without the apostrophe ("l", "dell", "qu"). Empty
  // with split_elision: every letter sequence before an apostrophe elides.
  std::unordered_set<std::string> elision_prefixes;
  // Folded words that keep a final apostrophe: "po'", "e'", "perche'".
  std::unordered_set<std::string> apostrophe_words;
  // Folded words that signal that a quotation continues its sentence:
  // "said", "detto", "dice" (`"Will you come?" he asked` is one sentence).
  std::unordered_set<std::string> quote_cues;

  // Adds an abbreviation as written ("Mr.", "sen.", "dott.ssa"). `may_end`:
  // the abbreviation often ends a sentence (see sentence_final_abbreviations).
  void AddAbbreviation(std::string_view as_written, bool may_end = false);

  bool IsAbbreviation(std::string_view folded_with_period) const {
    return abbreviations.count(std::string(folded_with_period)) != 0;
  }
};

// Loads data/<lang>/abbreviations.txt and data/<lang>/tokenizer.txt from
// `lang_dir`. A missing folder gives the language-neutral defaults, and so
// does a missing file for its part; a present but malformed file is an error
// naming the file and line ("…/tokenizer.txt:3: unknown key 'foo'").
Result<TextRules> LoadTextRules(const std::string& lang_dir, const std::string& lang);

}  // namespace cronista

#endif  // CRONISTA_TEXT_TEXT_RULES_H_
