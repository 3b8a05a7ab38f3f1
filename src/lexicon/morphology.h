// Verb and noun inflection for event-pattern heads (docs/event-patterns.md).
//
// Italian and English rules are built in; the irregular verbs of each language
// come from data/<lang>/verbs.txt, whose header comment documents its format.
// Every form is lower case and NFC (precomposed accented vowels).
//
// Italian (VerbForms): the regular -are/-ere/-ire conjugations (-ire verbs take
// -isc- unless verbs.txt says otherwise), with the spelling rules of -care/-gare
// (cerchi, cercherà), -ciare/-giare (comincerà) and -iare (studi, but invii);
// every simple tense and mood; the past participle in four forms (firmato/a/i/e);
// and infinitive and gerund with an attached clitic (firmarlo, firmandolo).
// Reflexive lemmas (recarsi) inflect as their base verb (reca, recato) plus the
// enclitic forms (recarsi, recandosi).
//
// English (VerbForms): base, -s, past, past participle and -ing, with the
// spelling rules for -e, -y, -ie, -c and final-consonant doubling.
//
// Thread-safe: a loaded Morphology is immutable, and copies share its tables.
#ifndef CRONISTA_LEXICON_MORPHOLOGY_H_
#define CRONISTA_LEXICON_MORPHOLOGY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/status.h"

namespace cronista {

// What a verb form can be. A form reached by several paradigm cells carries
// all of their bits ("firmaste": kPast | kSubjunctive | kImperfect).
//
// Italian: the present subjunctive is kSubjunctive alone; the imperfect
// subjunctive is kSubjunctive | kImperfect. The imperative's third persons are
// the subjunctive's, so those forms carry both bits.
// English: the base form is kInfinitive | kPresent | kImperative (just
// kInfinitive | kImperative for "be"), the -s form kPresent, the -ing form
// kGerund; English has no kFuture, kConditional or kSubjunctive forms.
enum VerbFeature : uint16_t {
  kInfinitive = 1 << 0,
  kPresent = 1 << 1,
  kPast = 1 << 2,  // English past, Italian passato remoto
  kImperfect = 1 << 3,
  kParticiple = 1 << 4,  // past participle
  kGerund = 1 << 5,      // also English -ing
  kFuture = 1 << 6,
  kConditional = 1 << 7,
  kSubjunctive = 1 << 8,
  kImperative = 1 << 9,
  kEnclitic = 1 << 10,  // form carries an attached clitic: firmarlo, definendola
};

struct WordForm {
  std::string form;
  uint16_t features;
};

class Morphology {
 public:
  // Reads data/<lang>/verbs.txt (irregular verbs) under data_dir; rules for
  // "it" and "en" are built in, and their verbs.txt must exist. Any other
  // language loads with no rules and no irregulars (its verbs.txt, if any, is
  // not read): VerbForms then returns just the lemma (kInfinitive) and
  // NounForms the word. Errors name the file and line.
  static Result<Morphology> Load(const std::string& data_dir, std::string_view lang);

  // Every inflected form of a verb lemma, lower case, NFC, with its features
  // (a form reached by several paradigm cells gets the OR of their features; no
  // duplicate forms). The first form is the lemma itself (for Italian
  // reflexives: the base infinitive, "recare" for "recarsi"). A lemma of
  // several words ("carry out", "mettere_in_atto") inflects its first word and
  // keeps the rest. Unknown shapes (an Italian word not ending in -are, -ere,
  // -ire, -rre or a reflexive of those) give just the lemma as kInfinitive.
  // Empty input gives no forms.
  std::vector<WordForm> VerbForms(std::string_view lemma) const;

  // Singular and plural of a singular noun (Italian also feminine/masculine
  // adjective forms for -o/-a/-e words: "russo" -> russi, russa, russe). The
  // word itself comes first; no duplicates. Invariable words (città, crisi,
  // film; English sheep, news, and plurals such as "talks") give just the word.
  // A phrase of several words is returned unchanged.
  std::vector<std::string> NounForms(std::string_view word) const;

  const std::string& lang() const;

  struct Tables;  // defined in morphology.cc

 private:
  explicit Morphology(std::shared_ptr<const Tables> tables) : tables_(std::move(tables)) {}
  std::shared_ptr<const Tables> tables_;
};

}  // namespace cronista

#endif  // CRONISTA_LEXICON_MORPHOLOGY_H_
