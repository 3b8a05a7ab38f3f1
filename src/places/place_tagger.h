// PlaceTagger: resolves the place names of a document in the gazetteer and
// fills Document::places with ids, countries and coordinates.
//
// Names. For one language the tagger compiles, into one PhraseMatcher over
// token keys (the actor stage's TokenKey: norm without diacritics, tokenised
// with the language's TextRules):
//   1. every place's main name and its names_<lang> (data/common/gazetteer.tsv);
//   2. the additions and removals of data/<lang>/place_names.tsv;
//   3. the country names the actor stage knows, so that a COUNTRY mention and
//      its place agree: CLDR's names in the language and data/<lang>/actors.tsv
//      phrases of kind `country` ("Nord Corea", "USA") go to the country;
//      phrases of kind `capital` ("Mascate") go to its capital city. A phrase
//      that already names a city of that country ("Tel Aviv", "Gaza") or, for
//      a country phrase, a division of it ("Inghilterra") is left to that
//      place, and a name removed by place_names.tsv is not added back.
// Each name keeps the case it is written with: a capitalised word must be
// capitalised in the text (or all capitals), so the demonym "argentina" is not
// the country "Argentina"; articles and other function words
// (data/<lang>/actor_grammar.txt) match in any case ("the Hague"). A name that
// starts with an article ("L'Aia", "La Spezia") also matches without it right
// after an article or an articulated preposition ("all'Aia", "della Spezia").
//
// Mentions. A PLACE or COUNTRY mention of the actor stage is a place when its
// tokens, from its first, are a gazetteer name of the language: the whole
// mention, or more when the name runs on over free words and whole PLACE or
// COUNTRY mentions ("Rio" + "de Janeiro", "Trinidad" + "and" + "Tobago"). A
// COUNTRY mention names a place of its own country (its actor code) or none:
// demonyms ("russo", "Russian", "German") name no place (not the Isle of
// Man's German parish), nor regions and blocs ("Occidente", "Western" WST).
// An ORG mention coded with a country is a place of that country when its
// whole text is a name ("the Vatican" VAT). The Place links the mention.
//
// Free names. A capitalised name that no mention covers, or that lies inside
// a ROLE mention ("il premier della Repubblica Ceca"), is a place when a
// preposition comes right before it, or a preposition and an article ("of
// the Russian Federation": then a country or division, not a city, as in
// "the Mercedes driver"), and the name does not go on: no capitalised word
// right after it, directly or after an "of" word ("nella Crimea", "la
// battaglia di Bakhmut", "the port of Odesa"; not "in New York Times", "a
// Palma di Montechiaro"). So is a heuristic PERSON mention of the actor stage
// (no actor code) whose whole text is such a name ("la giunta di Reggio
// Emilia"). Their Place has mention -1. The prepositions are data:
// actor_grammar.txt place_preps and the `of` words that are prepositions (not
// English "the", "'s"), clause_grammar.txt locatives and prepositions; the
// articles are clause_grammar.txt determiners. A free name of a division
// must lie in a country the document names, so that "nel Nord del Paese" is
// not Haiti's Nord département, nor "in the North East" Ghana's region. A mention's name must
// not go on either when it runs past the mention, or when the mention has no
// actor code (a heuristic mention: "Palma" before "di Montechiaro").
//
// Ambiguity ("Georgia", "Victoria", "Athens", "Mosca" the city and the
// oblast). First a city drops the divisions of its own country that share its
// name: the city is what the press means by "Moscow", "Hanoi", "Pyongyang",
// "New York", "Washington". Then the first rule that separates the candidates
// wins:
//   1. a city in a division the document names ("San Jose" before
//      "California");
//   2. the country of the mention's own actor code (the actor stage coded
//      "Gaza" PSE: not Mozambique's Gaza province);
//   3. a country over a division or city ("Georgia");
//   4. a place in a country the document names: any mention's actor code
//      ("Putin" RUSGOV names Russia), any mention's place whose candidates
//      all lie in one country;
//   5. a place named by its main name or its preferred name in the language
//      over one for which the name is an alternative ("Scozia" is Scotland
//      before Nova Scotia);
//   6. a division over a city ("Victoria", the Australian state);
//   7. a capital over other cities;
//   8. the larger population; 9. file order.
// Context (4) comes before capitals (7): "Athens" in an article that names
// only the United States is Athens, Georgia; with Greece named too, the
// capital. Local evidence (1) comes before the actor stage's code, which
// knows a name, not its context.
//
// Immutable once built; Tag is thread-safe.
#ifndef CRONISTA_PLACES_PLACE_TAGGER_H_
#define CRONISTA_PLACES_PLACE_TAGGER_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"
#include "lexicon/phrase_matcher.h"
#include "places/gazetteer.h"
#include "text/text_rules.h"

namespace cronista {

class PlaceTagger {
 public:
  // Compiles the names of language `lang` (see above) with the tokenisation
  // `rules` of the language. `data_dir` is the root data folder; the files of
  // data/<lang>/ that it reads are optional. Errors: a malformed
  // place_names.tsv (naming file and line: wrong field count, an id the
  // gazetteer lacks, an empty name), countries.tsv, actors.tsv or
  // actor_grammar.txt.
  static Result<std::unique_ptr<PlaceTagger>> Build(std::shared_ptr<const Gazetteer> gazetteer,
                                                    const std::string& data_dir,
                                                    const std::string& lang,
                                                    const TextRules& rules);

  // Replaces doc->places with the document's places, in text order, not
  // overlapping. Requires tokens, sentences and mentions (actor stage); run
  // it before EventCoder::Situate, which reads the places.
  void Tag(Document* doc) const;

  // The places `name` may name, as gazetteer indexes in file order (before
  // any preference; case is not checked). For tests and tools.
  std::vector<int32_t> Candidates(std::string_view name) const;

  const Gazetteer& gazetteer() const { return *gazetteer_; }
  // Names compiled (distinct place and token sequence pairs).
  size_t name_count() const { return entries_.size(); }

 private:
  PlaceTagger() = default;
  struct Entry {
    uint32_t place;
    bool after_article;  // the name without its leading article: only after an article
    bool preferred;      // the place's main name or its preferred name in the language
    uint64_t case_mask;  // 2 bits per token: 0 any, 1 capitalised, 2 all capitals
  };
  struct Site;
  struct Candidate;
  class Run;

  std::shared_ptr<const Gazetteer> gazetteer_;
  TextRules rules_;
  PhraseMatcher matcher_;
  std::vector<Entry> entries_;
  size_t max_tokens_ = 0;  // longest name, in tokens
  // Token keys: words a place name may follow (prepositions); articles and
  // articulated prepositions; function words (matched in any case); words
  // never a place on their own (function words, month and day names).
  std::unordered_set<StrId> cues_, articles_, function_words_, not_places_;
  // Articles and other determiners (clause_grammar.txt): "of the X".
  std::unordered_set<StrId> determiners_;
  // "of" words that join two names into one ("Palma di Montechiaro").
  std::unordered_set<StrId> of_;
  // CAMEO country code (3 letters packed in an int) -> gazetteer country.
  std::unordered_map<uint32_t, uint16_t> country_by_cameo_;
};

}  // namespace cronista

#endif  // CRONISTA_PLACES_PLACE_TAGGER_H_
