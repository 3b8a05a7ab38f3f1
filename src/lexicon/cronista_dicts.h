// Loaders for cronista's own dictionary files (docs/actor-dictionaries.md) and
// for country names from ICU's CLDR data.
#ifndef CRONISTA_LEXICON_CRONISTA_DICTS_H_
#define CRONISTA_LEXICON_CRONISTA_DICTS_H_

#include <map>
#include <string>
#include <vector>

#include "cronista/status.h"
#include "lexicon/dictionary.h"

namespace cronista {

struct CountryInfo {
  std::string alpha2, alpha3, cameo;
  std::vector<std::string> regions;  // CAMEO region codes
};

// Countries by CAMEO code, from data/common/countries.tsv.
struct CountryTable {
  std::map<std::string, CountryInfo> by_cameo;
  std::map<std::string, std::string> cameo_by_alpha2;
};

Result<CountryTable> LoadCountries(const std::string& path);

// data/common/people/*.tsv: one kPerson ActorSpec per person.
Status LoadPeople(const std::string& dir, DictionarySet* out);
// data/<lang>/actors.tsv.
Status LoadActorPhrases(const std::string& path, DictionarySet* out);
// data/<lang>/roles.tsv.
Status LoadRolePhrases(const std::string& path, DictionarySet* out);
// Inflection rules from data/<lang>/inflections.txt: for phrases of `kind`
// whose last word ends in `ending`, the forms with each replacement.
struct InflectionRule {
  std::string kind, ending;
  std::vector<std::string> replacements;
};
Result<std::vector<InflectionRule>> LoadInflections(const std::string& path);
// Adds the generated forms of every actor phrase of a kind with rules
// ("nordcoreano" -> "nordcoreana", "nordcoreani", "nordcoreane").
void Inflect(const std::vector<InflectionRule>& rules, DictionarySet* dicts);

// data/common/regions.tsv names in `lang` ("en" or "it" columns).
Status LoadRegions(const std::string& path, const std::string& lang, DictionarySet* out);
// CLDR's name of every country in `lang` (ICU display names), as kCountry
// actors with their CAMEO codes.
Status AddCldrCountryNames(const CountryTable& countries, const std::string& lang,
                           DictionarySet* out);

// Everything for one language: people, CLDR country names, regions,
// data/common/actors.tsv (names alike in every language), and
// data/<lang>/actors.tsv and roles.tsv when present. `data_dir` is the root
// data folder.
Status LoadLanguageDictionaries(const std::string& data_dir, const std::string& lang,
                                const CountryTable& countries, DictionarySet* out);

}  // namespace cronista

#endif  // CRONISTA_LEXICON_CRONISTA_DICTS_H_
