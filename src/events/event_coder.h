// The event coder: splits each sentence into clauses, finds each clause's
// subject, verb group and objects with a shallow, explainable method, matches
// the event patterns of the language, and writes CAMEO events with their
// modality into Document::events. docs/event-patterns.md describes the method.
#ifndef CRONISTA_EVENTS_EVENT_CODER_H_
#define CRONISTA_EVENTS_EVENT_CODER_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"
#include "events/codebook.h"
#include "events/event_patterns.h"
#include "lexicon/morphology.h"

namespace cronista {

// A set of words and word sequences, compared on token keys (TokenKey).
struct WordSet {
  std::unordered_set<StrId> single;
  std::vector<std::vector<StrId>> sequences;
  // Length of the entry matching at keys[i..end) (longest), 0 when none.
  size_t MatchAt(const std::vector<StrId>& keys, size_t i, size_t end) const;
  bool Contains(StrId key) const { return single.count(key) != 0; }
};

// Closed word lists from data/<lang>/clause_grammar.txt.
struct ClauseGrammar {
  WordSet negation, conditional_openers, condition_phrases, hypothetical_modals, future_aux,
      future_cues, purpose, report_cues, subordinators, relatives, coordinators, determiners,
      prepositions, agent_preps, verb_group, reciprocal, past_cues, pronouns, possessives,
      purpose_to,         // infinitive markers before a bare verb ("to"); key infinitive_markers
      reflexive,          // reflexive clitics: "si è recato" is not a passive
      quantities,         // "migliaia (di)", "thousands (of)": head a subject
      pair_prepositions,  // "between", "tra": "between X and Y" is one phrase
      locatives;          // "a", "in", "at": a place after them is where it happened
  // Forms of the verbs of *_lemmas keys, by key, with their features.
  std::unordered_map<StrId, uint16_t> speech_forms, passive_forms, aux_forms;
  // Articulated prepositions: key of a form -> keys of its base ("alla" -> "a").
  std::unordered_map<StrId, StrId> preposition_base;
  // Whether subjects are dropped and carried across sentences (Italian).
  bool pro_drop = false;
  // Base preposition -> all its forms.
  std::unordered_map<StrId, std::vector<StrId>> preposition_forms;
};

Result<ClauseGrammar> LoadClauseGrammar(const std::string& path, const Morphology& morph);

class EventCoder {
 public:
  // Compiles `patterns` (cronista's and/or PETRARCH's) for one language.
  // Patterns with codes missing from the codebook are an error.
  static Result<std::unique_ptr<EventCoder>> Build(const std::vector<EventPattern>& patterns,
                                                   const Morphology& morph, ClauseGrammar grammar,
                                                   std::shared_ptr<const Codebook> codebook);
  ~EventCoder();

  // Fills doc->events. Requires tokens, sentences and mentions. Fills each
  // event's explanation when `explain`. Thread-safe.
  void Code(Document* doc, bool explain = false) const;

  // Dates and places the events of `doc` (run after Code, once doc->times and
  // doc->places are filled): each event gets the nearest calendar time
  // expression of its sentence, else the article's date, and the place after a
  // locative preposition in its sentence ("A Pyongyang il leader russo ha
  // firmato"), else, for visits, the place visited; a country is narrowed to
  // the first city of that country the article names; an event without a place
  // takes the place of the same event (code and parties) reported elsewhere in
  // the article.
  void Situate(Document* doc) const;

  size_t pattern_count() const;
  size_t head_form_count() const;
  // Imported patterns skipped for a code missing from the codebook.
  size_t skipped_patterns() const { return skipped_; }

 private:
  EventCoder() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
  size_t skipped_ = 0;
};

}  // namespace cronista

#endif  // CRONISTA_EVENTS_EVENT_CODER_H_
