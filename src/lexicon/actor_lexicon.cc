#include "lexicon/actor_lexicon.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fstream>
#include <sstream>

#include "text/normalize.h"
#include "text/tokenizer.h"

namespace cronista {

namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Lower is more senior: the office that names a person's code when several
// roles are in force at once.
int OfficeRank(const std::string& office) {
  static const char* kOrder[] = {"head_of_state",
                                 "president",
                                 "monarch",
                                 "supreme_leader",
                                 "head_of_government",
                                 "prime_minister",
                                 "chancellor",
                                 "secretary_general",
                                 "vice_president",
                                 "deputy_prime_minister",
                                 "foreign_minister",
                                 "defence_minister",
                                 "interior_minister",
                                 "finance_minister",
                                 "justice_minister",
                                 "minister",
                                 "head_of_organisation",
                                 "speaker",
                                 "chief_of_staff",
                                 "military_commander",
                                 "intelligence_chief",
                                 "central_bank_governor",
                                 "ambassador",
                                 "envoy",
                                 "spokesperson"};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (office == kOrder[i]) return static_cast<int>(i);
  }
  return 100;
}

uint64_t CaseMask(const std::vector<uint8_t>& req) {
  uint64_t mask = 0;
  for (size_t i = 0; i < req.size() && i < 32; ++i) mask |= uint64_t{req[i]} << (2 * i);
  return mask;
}

}  // namespace

StrId TokenKey(std::string_view norm) {
  if (IsAscii(norm)) return HashString(norm);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return HashString(norm);
  icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(norm), status);
  if (U_FAILURE(status)) return HashString(norm);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) stripped.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  stripped.toUTF8String(out);
  return HashString(out);
}

PhraseTokens TokenizePhrase(std::string_view phrase, const TextRules& rules, bool with_case) {
  Document d;
  d.text = std::string(phrase);
  Tokenize(rules, &d);
  PhraseTokens out;
  for (const Token& t : d.tokens) {
    out.keys.push_back(TokenKey(d.TokenNorm(t)));
    uint8_t req = 0;
    if (with_case) {
      if (t.has(kTokAllCaps)) {
        req = 2;
      } else if (t.has(kTokCapitalised)) {
        req = 1;
      }
    }
    out.case_req.push_back(req);
  }
  return out;
}

Result<ActorGrammar> LoadActorGrammar(const std::string& path) {
  ActorGrammar g;
  std::ifstream in(path);
  if (!in) return g;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string key, word;
    ss >> key;
    std::unordered_set<StrId>* set = key == "of"                     ? &g.of
                                     : key == "country_nouns"        ? &g.country_nouns
                                     : key == "titles"               ? &g.titles
                                     : key == "place_preps"          ? &g.place_preps
                                     : key == "function_words"       ? &g.function_words
                                     : key == "org_words"            ? &g.org_words
                                     : key == "singular_determiners" ? &g.singular_determiners
                                     : key == "conjunctions"         ? &g.conjunctions
                                     : key == "place_words"          ? &g.place_words
                                     : key == "not_names"            ? &g.not_names
                                                                     : nullptr;
    if (key == "capitalised_person") {
      ss >> word;
      if (word != "yes" && word != "no") {
        return Status::InvalidArgument(path + ":" + std::to_string(n) +
                                       ": capitalised_person takes yes or no");
      }
      g.capitalised_person = word == "yes";
      continue;
    }
    if (key == "plural_suffixes") {
      while (ss >> word) g.plural_suffixes.push_back(word);
      continue;
    }
    if (set == nullptr) {
      if (key.empty()) continue;
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": unknown key '" + key +
                                     "'");
    }
    // Each word is one token as it appears in text ("dell'", "mr."), so it is
    // normalised whole rather than tokenised on its own.
    while (ss >> word) set->insert(TokenKey(NormalizeToken(word)));
  }
  return g;
}

Result<std::unique_ptr<ActorLexicon>> ActorLexicon::Build(DictionarySet dicts,
                                                          const TextRules& rules,
                                                          const CountryTable& countries,
                                                          ActorGrammar grammar) {
  std::unique_ptr<ActorLexicon> lex(new ActorLexicon());
  lex->dicts_ = std::move(dicts);
  lex->countries_ = countries;
  lex->grammar_ = std::move(grammar);
  auto add = [&](std::string_view phrase, EntryType type, uint32_t index, bool with_case) {
    PhraseTokens t = TokenizePhrase(phrase, rules, with_case);
    if (t.keys.empty()) return;
    uint32_t payload = static_cast<uint32_t>(lex->entries_.size());
    lex->entries_.push_back(Entry{type, index, CaseMask(t.case_req)});
    lex->matcher_.Add(t.keys, payload);
  };
  const auto& actors = lex->dicts_.actors;
  for (uint32_t i = 0; i < actors.size(); ++i) {
    const ActorSpec& a = actors[i];
    for (const std::string& p : a.phrases) add(p, EntryType::kActor, i, a.case_from_phrase);
    for (const std::string& p : a.short_phrases) {
      add(p, EntryType::kShortName, i, a.case_from_phrase);
    }
    if (a.kind == MentionKind::kPerson) {
      PhraseTokens t = TokenizePhrase(a.name, rules, false);
      if (t.keys.size() >= 2) lex->given_names_.insert(t.keys[0]);
      for (const DatedCode& dc : a.dated) {
        if (dc.office.empty()) continue;
        auto& holders = lex->office_index_[dc.code + "|" + dc.office];
        if (holders.empty() || holders.back() != i) holders.push_back(i);
      }
    }
  }
  const auto& agents = lex->dicts_.agents;
  for (uint32_t i = 0; i < agents.size(); ++i) {
    for (const std::string& p : agents[i].phrases) {
      add(p, EntryType::kAgent, i, agents[i].case_from_phrase);
    }
  }
  for (uint32_t i = 0; i < lex->dicts_.discards.size(); ++i) {
    add(lex->dicts_.discards[i], EntryType::kDiscard, i, false);
  }
  return lex;
}

bool ActorLexicon::CaseOk(const Entry& e, const Document& doc, size_t begin, size_t n) const {
  for (size_t i = 0; i < n && i < 32; ++i) {
    uint8_t req = (e.case_mask >> (2 * i)) & 3;
    if (req == 0) continue;
    const Token& t = doc.tokens[begin + i];
    if (req == 2 && !t.has(kTokAllCaps)) return false;
    if (req == 1 && !t.has(kTokCapitalised) && !t.has(kTokAllCaps)) return false;
  }
  return true;
}

const DatedCode* ActorLexicon::RoleAt(const ActorSpec& a, DayNumber d) const {
  const DatedCode* best = nullptr;
  for (const DatedCode& dc : a.dated) {
    if (d < dc.start || d > dc.end) continue;
    if (best == nullptr || OfficeRank(dc.office) < OfficeRank(best->office)) best = &dc;
  }
  return best;
}

std::string ActorLexicon::CodeAt(const ActorSpec& a, DayNumber d) const {
  const DatedCode* r = RoleAt(a, d);
  return r ? r->code : a.code;
}

std::vector<uint32_t> ActorLexicon::Holders(const std::string& code, const std::string& office,
                                            DayNumber d) const {
  std::vector<uint32_t> out;
  auto it = office_index_.find(code + "|" + office);
  if (it == office_index_.end()) return out;
  for (uint32_t i : it->second) {
    for (const DatedCode& dc : dicts_.actors[i].dated) {
      if (dc.code == code && dc.office == office && d >= dc.start && d <= dc.end) {
        out.push_back(i);
        break;
      }
    }
  }
  return out;
}

}  // namespace cronista
