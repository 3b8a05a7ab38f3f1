// ActorLexicon: the actor dictionaries of one language compiled into a phrase
// matcher over token keys, with the indexes the actor tagger needs (office
// holders by date, country regions). Immutable once built; shared by threads.
#ifndef CRONISTA_LEXICON_ACTOR_LEXICON_H_
#define CRONISTA_LEXICON_ACTOR_LEXICON_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"
#include "lexicon/cronista_dicts.h"
#include "lexicon/dictionary.h"
#include "lexicon/phrase_matcher.h"
#include "text/text_rules.h"

namespace cronista {

// The matching key of a token: its norm without diacritics ("Élysée" and
// "Elysee" match alike).
StrId TokenKey(std::string_view norm);

// Small closed word lists that drive the actor grammar, from
// data/<lang>/actor_grammar.txt (see docs/actor-dictionaries.md).
struct ActorGrammar {
  std::unordered_set<StrId> of;              // "del", "della", "of": role OF country
  std::unordered_set<StrId> country_nouns;   // "paese", "country": "il Paese asiatico"
  std::unordered_set<StrId> titles;          // "sig.", "Mr.": a name follows
  std::unordered_set<StrId> place_preps;     // "a", "in", "at": a place may follow
  std::unordered_set<StrId> function_words;  // capitalised at sentence start only
  std::unordered_set<StrId> org_words;       // "Partito", "Ministry": a name is an ORG
  // Words before a role phrase that make it singular ("il", "del"): only a
  // singular role phrase names a person. Empty: number is not checked this way.
  std::unordered_set<StrId> singular_determiners;
  // "e", "and", ",": a name coordinated with a place is a place too.
  std::unordered_set<StrId> conjunctions;
  // "provincia", "district": joined to a name, a place ("provincia di Milano").
  std::unordered_set<StrId> place_words;
  // Capitalised words that are never names ("June", "Thursday").
  std::unordered_set<StrId> not_names;
  // Whether a run of two or more capitalised words with no other cue is taken
  // for a person ("capitalised_person yes").
  bool capitalised_person = true;
  // Endings of plural role words ("s": "officials"), checked on the role word.
  std::vector<std::string> plural_suffixes;
};

class ActorLexicon {
 public:
  enum class EntryType : uint8_t { kActor, kShortName, kAgent, kDiscard };
  struct Entry {
    EntryType type;
    uint32_t index;      // into actors() or agents()
    uint64_t case_mask;  // 2 bits per phrase token: 0 any, 1 capitalised, 2 all caps
  };

  // Compiles `dicts` with the tokenisation `rules` of the language.
  static Result<std::unique_ptr<ActorLexicon>> Build(DictionarySet dicts, const TextRules& rules,
                                                     const CountryTable& countries,
                                                     ActorGrammar grammar);

  const PhraseMatcher& matcher() const { return matcher_; }
  const Entry& entry(uint32_t payload) const { return entries_[payload]; }
  const std::vector<ActorSpec>& actors() const { return dicts_.actors; }
  const std::vector<AgentSpec>& agents() const { return dicts_.agents; }
  const CountryTable& countries() const { return countries_; }
  const ActorGrammar& grammar() const { return grammar_; }
  // First names of known people ("vladimir"), as keys: a capitalised pair
  // starting with one is probably a person.
  bool IsGivenName(StrId key) const { return given_names_.count(key) != 0; }

  // Whether the case of the text tokens [begin, begin+n) satisfies `e`.
  bool CaseOk(const Entry& e, const Document& doc, size_t begin, size_t n) const;

  // The role of `a` in force on day `d`, or nullptr. When several are, the
  // most senior office wins.
  const DatedCode* RoleAt(const ActorSpec& a, DayNumber d) const;
  // The code of `a` on day `d`: the role in force, else its undated code.
  std::string CodeAt(const ActorSpec& a, DayNumber d) const;
  // People (indexes into actors()) holding `office` with code `code` on day d.
  std::vector<uint32_t> Holders(const std::string& code, const std::string& office,
                                DayNumber d) const;

  size_t size() const { return entries_.size(); }

 private:
  ActorLexicon() = default;
  DictionarySet dicts_;
  CountryTable countries_;
  ActorGrammar grammar_;
  PhraseMatcher matcher_;
  std::vector<Entry> entries_;
  std::unordered_set<StrId> given_names_;
  // "RUSGOV|president" -> people who held it at some time.
  std::unordered_map<std::string, std::vector<uint32_t>> office_index_;
};

// Reads data/<lang>/actor_grammar.txt (missing file: empty lists).
Result<ActorGrammar> LoadActorGrammar(const std::string& path);

// Tokenises `phrase` with `rules` and returns the keys of its tokens, and for
// each token whether it is capitalised / all capitals.
struct PhraseTokens {
  std::vector<StrId> keys;
  std::vector<uint8_t> case_req;  // 0 any, 1 capitalised, 2 all caps
};
PhraseTokens TokenizePhrase(std::string_view phrase, const TextRules& rules, bool with_case);

}  // namespace cronista

#endif  // CRONISTA_LEXICON_ACTOR_LEXICON_H_
