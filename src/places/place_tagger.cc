#include "places/place_tagger.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <span>
#include <sstream>
#include <tuple>

#include "lexicon/actor_lexicon.h"
#include "lexicon/cronista_dicts.h"
#include "text/normalize.h"

namespace cronista {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kPlaceNamesMagic = "#! cronista-place-names 1";

// A three-letter code packed into an integer; 0 for shorter strings. Actor
// codes start with their country ("RUSGOV" -> "RUS").
uint32_t PackCode(std::string_view code) {
  if (code.size() < 3) return 0;
  return uint32_t{static_cast<uint8_t>(code[0])} | uint32_t{static_cast<uint8_t>(code[1])} << 8 |
         uint32_t{static_cast<uint8_t>(code[2])} << 16;
}

uint64_t SequenceHash(std::span<const StrId> keys) {
  uint64_t h = 0x9E3779B97F4A7C15ull;
  for (StrId k : keys) {
    h = (h ^ k) * 0xff51afd7ed558ccdull;
    h ^= h >> 33;
  }
  return h;
}

// One (name, place) pair: distinct per place and token sequence.
uint64_t NameKey(uint64_t sequence, uint32_t place) {
  return sequence ^ ((uint64_t{place} + 1) * 0xc4ceb9fe1a85ec53ull);
}

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == s.npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == s.npos ? s.npos : pos - start));
    if (pos == s.npos) break;
    start = pos + 1;
  }
  return out;
}

// The words of the `key word word ...` lines of `path` (a closed-list file
// such as clause_grammar.txt), by key, as token keys. Each word is one token
// as written in text ("nell'"); multi-word entries ("da_parte_di") are
// skipped. A missing file gives none.
std::unordered_map<std::string, std::vector<StrId>> ReadWordLists(const std::string& path) {
  std::unordered_map<std::string, std::vector<StrId>> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string key, word;
    ss >> key;
    std::vector<StrId>& words = out[key];
    while (ss >> word) {
      if (word.find('_') == std::string::npos) words.push_back(TokenKey(NormalizeToken(word)));
    }
  }
  return out;
}

// Reads data/<lang>/place_names.tsv (docs/gazetteer.md) and calls
// fn(place, name, remove) for every name of every line. A missing file adds
// nothing.
template <typename Fn>
Status ReadPlaceNames(const std::string& path, const Gazetteer& g, Fn fn) {
  std::ifstream in(path);
  if (!in) return Status::Ok();
  std::string line;
  int n = 0;
  auto bad = [&](const std::string& what) {
    return Status::InvalidArgument(path + ":" + std::to_string(n) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1) {
      if (line != kPlaceNamesMagic) {
        return bad("want first line '" + std::string(kPlaceNamesMagic) + "'");
      }
      continue;
    }
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() < 2 || f.size() > 3) return bad("want id, names, example (tab-separated)");
    std::string id(Trim(f[0]));
    int32_t place = g.Find(id);
    if (place < 0) return bad("unknown gazetteer id '" + id + "'");
    for (std::string_view name : Split(f[1], '|')) {
      name = Trim(name);
      bool remove = !name.empty() && name[0] == '!';
      if (remove) name = Trim(name.substr(1));
      if (name.empty()) return bad("empty name");
      fn(static_cast<uint32_t>(place), name, remove);
    }
  }
  return Status::Ok();
}

// One name of one place, tokenised.
struct NameRecord {
  uint32_t place;
  PhraseTokens tokens;
  bool preferred;  // main name, or first of names_<lang>
};

}  // namespace

// A stretch of tokens that names a place, and the places it may name.
struct PlaceTagger::Site {
  uint32_t begin = 0, end = 0;  // tokens
  int32_t mention = -1;
  int32_t own = -1;        // country of the mention's actor code; -1 when none
  bool own_only = false;   // a COUNTRY mention: a place of its own country or none
  bool no_cities = false;  // "in the X": a country or a division ("the Vatican"), not a city
  uint32_t cand_begin = 0, cand_end = 0;  // into Run::cands_
};

// A place a site may name; `preferred`: by its main or preferred name.
struct PlaceTagger::Candidate {
  uint32_t place = 0;
  bool preferred = false;
};

Result<std::unique_ptr<PlaceTagger>> PlaceTagger::Build(std::shared_ptr<const Gazetteer> gazetteer,
                                                        const std::string& data_dir,
                                                        const std::string& lang,
                                                        const TextRules& rules) {
  if (gazetteer == nullptr) return Status::InvalidArgument("PlaceTagger::Build: no gazetteer");
  std::unique_ptr<PlaceTagger> t(new PlaceTagger());
  t->gazetteer_ = gazetteer;
  t->rules_ = rules;
  const Gazetteer& g = *gazetteer;
  const std::string lang_dir = data_dir + "/" + lang;

  // Closed word lists of the language: the actor grammar's, and the clause
  // grammar's prepositions and determiners.
  auto grammar = LoadActorGrammar(lang_dir + "/actor_grammar.txt");
  if (!grammar.ok()) return grammar.status();
  auto clause = ReadWordLists(lang_dir + "/clause_grammar.txt");
  t->cues_ = grammar->place_preps;
  for (const char* key : {"locatives", "prepositions"}) {
    t->cues_.insert(clause[key].begin(), clause[key].end());
  }
  // "of" words that are prepositions (not English "the" and "'s"): cues, and
  // joints of two names into one.
  std::unordered_set<StrId> prepositions(clause["prepositions"].begin(),
                                         clause["prepositions"].end());
  for (StrId k : grammar->of) {
    if (prepositions.count(k)) t->of_.insert(k);
  }
  t->cues_.insert(t->of_.begin(), t->of_.end());
  t->determiners_.insert(clause["determiners"].begin(), clause["determiners"].end());
  t->articles_ = grammar->singular_determiners;
  t->function_words_ = grammar->function_words;
  t->function_words_.insert(grammar->singular_determiners.begin(),
                            grammar->singular_determiners.end());
  t->not_places_ = grammar->function_words;
  t->not_places_.insert(grammar->not_names.begin(), grammar->not_names.end());

  // Countries: CAMEO codes of actors -> gazetteer countries.
  CountryTable countries;
  auto loaded = LoadCountries(data_dir + "/common/countries.tsv");
  if (loaded.ok()) {
    countries = std::move(loaded).value();
  } else if (loaded.status().code() != StatusCode::kNotFound) {
    return loaded.status();
  }
  for (const auto& [cameo, info] : countries.by_cameo) {
    int32_t c = g.CountryIndex(info.alpha3);
    if (c >= 0) t->country_by_cameo_[PackCode(cameo)] = static_cast<uint16_t>(c);
  }
  for (size_t c = 0; c < g.country_count(); ++c) {
    t->country_by_cameo_.emplace(PackCode(g.country_code(c)), static_cast<uint16_t>(c));
  }

  // 1. The gazetteer's names; 2. place_names.tsv.
  std::vector<NameRecord> records;
  records.reserve(g.size() * 2);
  auto add = [&](uint32_t place, std::string_view name, bool preferred) {
    PhraseTokens pt = TokenizePhrase(name, rules, /*with_case=*/true);
    if (!pt.keys.empty()) records.push_back({place, std::move(pt), preferred});
  };
  for (uint32_t i = 0; i < g.size(); ++i) {
    std::string_view main = g.place(i).name;
    add(i, main, true);
    std::span<const std::string_view> names = g.Names(i, lang);
    for (size_t k = 0; k < names.size(); ++k) {
      if (names[k] != main) add(i, names[k], k == 0);
    }
  }
  std::unordered_set<uint64_t> removed;
  CRONISTA_RETURN_IF_ERROR(ReadPlaceNames(lang_dir + "/place_names.tsv", g,
                                          [&](uint32_t place, std::string_view name, bool remove) {
                                            if (!remove) return add(place, name, false);
                                            PhraseTokens pt = TokenizePhrase(name, rules, false);
                                            removed.insert(NameKey(SequenceHash(pt.keys), place));
                                          }));
  if (!removed.empty()) {
    std::erase_if(records, [&](const NameRecord& r) {
      return removed.count(NameKey(SequenceHash(r.tokens.keys), r.place)) != 0;
    });
  }

  // 3. The actor stage's country and capital names.
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_name;
  for (const NameRecord& r : records) by_name[SequenceHash(r.tokens.keys)].push_back(r.place);
  DictionarySet dicts;
  if (!countries.by_cameo.empty()) {
    CRONISTA_RETURN_IF_ERROR(AddCldrCountryNames(countries, lang, &dicts));
  }
  std::error_code ec;
  if (fs::exists(lang_dir + "/actors.tsv", ec)) {
    CRONISTA_RETURN_IF_ERROR(LoadActorPhrases(lang_dir + "/actors.tsv", &dicts));
  }
  for (const ActorSpec& a : dicts.actors) {
    bool capital = a.subkind == "capital";
    if ((!capital && a.subkind != "country") || a.code.size() != 3) continue;
    auto c = t->country_by_cameo_.find(PackCode(a.code));
    if (c == t->country_by_cameo_.end()) continue;
    int32_t target = capital ? g.Capital(c->second) : g.CountryPlace(c->second);
    if (target < 0) continue;
    for (const std::string& phrase : a.phrases) {
      PhraseTokens pt = TokenizePhrase(phrase, rules, /*with_case=*/true);
      if (pt.keys.empty()) continue;
      uint64_t h = SequenceHash(pt.keys);
      if (removed.count(NameKey(h, target))) continue;
      // Already the name of the target, or of a place of its country that
      // is not the country itself: a city ("Tel Aviv", "Gaza") or, for a
      // country name, a division ("Inghilterra").
      bool named = false;
      if (auto it = by_name.find(h); it != by_name.end()) {
        for (uint32_t q : it->second) {
          const GazetteerPlace& p = g.place(q);
          named = named || q == static_cast<uint32_t>(target) ||
                  (p.country == c->second &&
                   (p.kind == PlaceKind::kCity || (!capital && p.kind == PlaceKind::kAdmin1)));
        }
      }
      if (!named) records.push_back({static_cast<uint32_t>(target), std::move(pt), false});
    }
  }

  // Compile: one payload per distinct (place, token sequence), with the
  // loosest case of its spellings ("USA" and "Usa").
  std::unordered_map<uint64_t, uint32_t> entry_of;
  entry_of.reserve(records.size() * 2);
  auto compile = [&](uint32_t place, std::span<const StrId> keys, std::span<const uint8_t> req,
                     bool after_article, bool preferred) {
    uint64_t mask = 0;
    for (size_t i = 0; i < keys.size() && i < 32; ++i) {
      if (t->function_words_.count(keys[i]) == 0) mask |= uint64_t{req[i]} << (2 * i);
    }
    uint64_t key = NameKey(SequenceHash(keys) ^ (after_article ? 1 : 0), place);
    auto [it, added] = entry_of.emplace(key, static_cast<uint32_t>(t->entries_.size()));
    if (!added) {
      t->entries_[it->second].preferred |= preferred;
      uint64_t& old = t->entries_[it->second].case_mask;
      uint64_t loose = 0;
      for (size_t i = 0; i < 32; ++i) {
        loose |= std::min((old >> (2 * i)) & 3, (mask >> (2 * i)) & 3) << (2 * i);
      }
      old = loose;
      return;
    }
    t->entries_.push_back({place, after_article, preferred, mask});
    t->matcher_.Add(keys, it->second);
    t->max_tokens_ = std::max(t->max_tokens_, keys.size());
  };
  for (const NameRecord& r : records) {
    std::span<const StrId> keys = r.tokens.keys;
    std::span<const uint8_t> req = r.tokens.case_req;
    compile(r.place, keys, req, false, r.preferred);
    if (keys.size() >= 2 && t->articles_.count(keys[0])) {
      compile(r.place, keys.subspan(1), req.subspan(1), true, r.preferred);
    }
  }
  return t;
}

std::vector<int32_t> PlaceTagger::Candidates(std::string_view name) const {
  std::vector<int32_t> out;
  PhraseTokens pt = TokenizePhrase(name, rules_, false);
  PhraseMatcher::Match m;
  size_t n = pt.keys.size();
  if (n == 0 || !matcher_.LongestAt(
                    pt.keys, 0, [n](uint32_t, size_t, size_t e) { return e == n; }, &m)) {
    return out;
  }
  for (uint32_t q : m.payloads) out.push_back(static_cast<int32_t>(entries_[q].place));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The work of one Tag call: finds the sites, then resolves each.
class PlaceTagger::Run {
 public:
  Run(const PlaceTagger& t, Document* doc) : t_(t), g_(*t.gazetteer_), doc_(*doc) {}

  void Go() {
    FindSites();
    if (sites_.empty()) return;
    Context();
    for (const Site& s : sites_) {
      int32_t best = Resolve(s);
      if (best < 0) continue;
      const GazetteerPlace& p = g_.place(best);
      // A division found by its preposition alone must be in a country the
      // document names: "nel Nord del Paese" is not Haiti's Nord, "in the
      // North East" not Ghana's North East Region.
      if (s.mention < 0 && p.kind == PlaceKind::kAdmin1 && !country_ctx_[p.country]) {
        continue;
      }
      Place out;
      out.start = doc_.tokens[s.begin].start;
      out.end = doc_.tokens[s.end - 1].end();
      out.mention = s.mention;
      out.name = std::string(p.name);
      out.id = std::string(p.id);
      out.country = g_.country_code(p.country);
      out.kind = std::string(PlaceKindName(p.kind));
      out.lat = p.lat;
      out.lon = p.lon;
      doc_.places.push_back(std::move(out));
    }
  }

 private:
  StrId Key(size_t i) const { return TokenKey(doc_.TokenNorm(doc_.tokens[i])); }

  bool CapitalisedWord(size_t i) const {
    const Token& tok = doc_.tokens[i];
    return tok.has(kTokWord) && (tok.has(kTokCapitalised) || tok.has(kTokAllCaps));
  }

  bool CaseOk(uint64_t mask, size_t begin, size_t n) const {
    for (size_t i = 0; i < n && i < 32; ++i) {
      uint64_t req = (mask >> (2 * i)) & 3;
      if (req == 0) continue;
      const Token& tok = doc_.tokens[begin + i];
      if (tok.has(kTokAllCaps)) continue;
      if (req == 2 || !tok.has(kTokCapitalised)) return false;
    }
    return true;
  }

  // Whether a name ending before token `end` goes on: a capitalised word
  // follows ("New York" in "New York Times"), or an "of" word and a
  // capitalised word ("Palma" in "Palma di Montechiaro").
  bool Continues(size_t end, size_t sentence_end) const {
    if (end >= sentence_end) return false;
    if (CapitalisedWord(end)) return true;
    return end + 1 < sentence_end && CapitalisedWord(end + 1) && t_.of_.count(Key(end)) != 0;
  }

  int32_t CountryOfCode(std::string_view code) const {
    auto it = t_.country_by_cameo_.find(PackCode(code));
    return it == t_.country_by_cameo_.end() ? -1 : it->second;
  }

  // The longest name starting at token `begin` that ends at or after
  // `min_end`, within [begin, limit). `untagged`: no mention covers it, so a
  // preposition (cues_) must come before it, directly or through an article
  // ("of the Russian Federation"). A name that ends after `min_end` must not
  // go on (Continues), nor, with `check_end`, any name; nor may it end inside
  // a mention (from `first_mention` on).
  bool MatchAt(size_t begin, size_t limit, size_t min_end, size_t sentence_begin,
               size_t sentence_end, bool untagged, bool check_end, PhraseMatcher::Match* match,
               size_t first_mention = SIZE_MAX) {
    if (limit <= begin || limit < min_end) return false;
    StrId prev = begin > sentence_begin ? Key(begin - 1) : kNoStr;
    bool after_article = prev != kNoStr && t_.articles_.count(prev) != 0;
    bool after_cue = prev != kNoStr && t_.cues_.count(prev) != 0;
    via_article_ = false;
    if (!after_cue && prev != kNoStr && begin > sentence_begin + 1 &&
        t_.determiners_.count(prev) != 0) {
      after_cue = via_article_ = t_.cues_.count(Key(begin - 2)) != 0;
    }
    if (untagged && !after_cue && !after_article) return false;
    keys_.clear();
    for (size_t i = begin; i < limit; ++i) keys_.push_back(Key(i));
    const auto& mentions = doc_.mentions;
    auto accept = [&](uint32_t payload, size_t, size_t e) {
      const Entry& entry = t_.entries_[payload];
      size_t end = begin + e;
      if (end < min_end) return false;
      if (entry.after_article ? !after_article : (untagged && !after_cue)) return false;
      if (!CaseOk(entry.case_mask, begin, e)) return false;
      if (untagged && e == 1 && t_.not_places_.count(keys_[0])) return false;
      if ((untagged || check_end || end > min_end) && Continues(end, sentence_end)) return false;
      for (size_t k = first_mention; k < mentions.size() && mentions[k].token_begin < end; ++k) {
        if (end < mentions[k].token_end) return false;
      }
      return true;
    };
    return t_.matcher_.LongestAt(keys_, 0, accept, match);
  }

  void AddSite(size_t begin, const PhraseMatcher::Match& m, int32_t mention, int32_t own,
               bool own_only, bool no_cities = false) {
    Site s;
    s.begin = static_cast<uint32_t>(begin);
    s.end = static_cast<uint32_t>(begin + m.end);
    s.mention = mention;
    s.own = own;
    s.own_only = own_only;
    s.no_cities = no_cities;
    s.cand_begin = static_cast<uint32_t>(cands_.size());
    for (uint32_t q : m.payloads) {
      const Entry& e = t_.entries_[q];
      auto it = std::find_if(cands_.begin() + s.cand_begin, cands_.end(),
                             [&](const Candidate& c) { return c.place == e.place; });
      if (it == cands_.end()) {
        cands_.push_back({e.place, e.preferred});
      } else {
        it->preferred |= e.preferred;
      }
    }
    s.cand_end = static_cast<uint32_t>(cands_.size());
    sites_.push_back(s);
  }

  // One pass over the tokens, left to right: PLACE and COUNTRY mentions,
  // country-coded ORG mentions, heuristic PERSON mentions that are place
  // names after a preposition, and capitalised names outside mentions or
  // inside ROLE mentions.
  void FindSites() {
    const auto& toks = doc_.tokens;
    const auto& mentions = doc_.mentions;
    const size_t n = toks.size(), nm = mentions.size();
    size_t mp = 0;  // first mention that ends after i
    PhraseMatcher::Match match;
    size_t i = 0;
    for (const Sentence& s : doc_.sentences) {
      i = std::max<size_t>(i, s.token_begin);
      while (i < s.token_end) {
        while (mp < nm && mentions[mp].token_end <= i) ++mp;
        size_t bound = mp < nm ? mentions[mp].token_begin : n;  // end of the free stretch
        if (bound <= i) {
          const Mention& m = mentions[mp];
          if (m.kind == MentionKind::kRole) {
            // "il premier della Repubblica Ceca": names inside a role are free.
            bound = m.token_end;
          } else {
            size_t end = m.token_begin == i ? TryMention(mp, s) : 0;
            i = std::max<size_t>(m.token_end, end);
            continue;
          }
        }
        if (i > s.token_begin && CapitalisedWord(i)) {
          size_t limit = std::min({static_cast<size_t>(s.token_end), bound, i + t_.max_tokens_});
          bool found = false;
          size_t begin = i;
          // "in the Hague", "a l'Aia": a name that starts with a function word.
          if (i >= s.token_begin + 2 && !CapitalisedWord(i - 1) &&
              (mp == 0 || mentions[mp - 1].token_end < i ||
               mentions[mp - 1].kind == MentionKind::kRole) &&
              (sites_.empty() || sites_.back().end < i) && t_.function_words_.count(Key(i - 1))) {
            begin = i - 1;
            found = MatchAt(begin, limit, i + 1, s.token_begin, s.token_end, /*untagged=*/true,
                            /*check_end=*/true, &match);
          }
          if (!found) {
            begin = i;
            found = MatchAt(begin, limit, i + 1, s.token_begin, s.token_end, /*untagged=*/true,
                            /*check_end=*/true, &match);
          }
          if (found) {
            AddSite(begin, match, -1, -1, false, via_article_);
            i = begin + match.end;
            continue;
          }
        }
        ++i;
      }
    }
  }

  // Tries the mention `mp`, which starts a stretch in sentence `s`; returns
  // the end of the site it adds, 0 when none.
  size_t TryMention(size_t mp, const Sentence& s) {
    const auto& mentions = doc_.mentions;
    const Mention& m = mentions[mp];
    const size_t i = m.token_begin;
    int32_t own = CountryOfCode(m.actor);
    PhraseMatcher::Match match;
    switch (m.kind) {
      case MentionKind::kPlace:
      case MentionKind::kCountry: {
        // A COUNTRY mention names a place of its own country ("German" DEU is
        // not the Isle of Man's German parish) or, coded with a region or
        // bloc ("Western" WST, "Occidente"), none.
        bool country = m.kind == MentionKind::kCountry;
        if (country && own < 0 && !m.actor.empty()) return 0;
        // The name may run on over free words and whole PLACE and COUNTRY
        // mentions ("Rio" + "de Janeiro", "Judea" + "and" + "Samaria").
        size_t limit = std::min<size_t>(std::max(s.token_end, m.token_end), i + t_.max_tokens_);
        for (size_t k = mp + 1; k < mentions.size() && mentions[k].token_begin < limit; ++k) {
          if (mentions[k].kind != MentionKind::kPlace &&
              mentions[k].kind != MentionKind::kCountry) {
            limit = mentions[k].token_begin;
          }
        }
        // A mention the actor stage coded is trusted to end where it ends; a
        // heuristic one ("Palma" of "Palma di Montechiaro") not.
        if (!MatchAt(i, limit, m.token_end, s.token_begin, s.token_end, /*untagged=*/false,
                     /*check_end=*/m.actor.empty(), &match, mp + 1)) {
          return 0;
        }
        AddSite(i, match, static_cast<int32_t>(mp), own, country && own >= 0);
        return i + match.end;
      }
      case MentionKind::kOrg:
        // "the Vatican" (VAT): an organisation named by a place of its country.
        if (own < 0 || !MatchAt(i, m.token_end, m.token_end, s.token_begin, s.token_end,
                                /*untagged=*/false, /*check_end=*/false, &match)) {
          return 0;
        }
        AddSite(i, match, static_cast<int32_t>(mp), own, true);
        return i + match.end;
      case MentionKind::kPerson:
        // "la giunta di Reggio Emilia": a capitalised pair the actor stage
        // took for a person by default is a place name after a preposition.
        if (!m.actor.empty() || m.rule.rfind("heuristic:", 0) != 0 ||
            !MatchAt(i, m.token_end, m.token_end, s.token_begin, s.token_end,
                     /*untagged=*/true, /*check_end=*/true, &match)) {
          return 0;
        }
        AddSite(i, match, -1, -1, false, via_article_);
        return i + match.end;
      default:
        return 0;
    }
  }

  // Countries and divisions the document names: every mention's actor code,
  // and every mention's place whose candidates all lie in one country (or
  // are one division). Names found by a preposition alone are weaker evidence
  // and add none.
  void Context() {
    country_ctx_.assign(g_.country_count(), 0);
    for (const Mention& m : doc_.mentions) {
      int32_t c = CountryOfCode(m.actor);
      if (c >= 0) country_ctx_[c] = 1;
    }
    for (const Site& s : sites_) {
      // A COUNTRY mention's country is its actor code, counted above.
      if (s.mention < 0 || s.own_only) continue;
      const GazetteerPlace& first = g_.place(cands_[s.cand_begin].place);
      bool one_country = true;
      for (uint32_t k = s.cand_begin + 1; k < s.cand_end; ++k) {
        one_country = one_country && g_.place(cands_[k].place).country == first.country;
      }
      if (one_country) country_ctx_[first.country] = 1;
      if (s.cand_end - s.cand_begin == 1 && first.kind == PlaceKind::kAdmin1) {
        admin1_ctx_.push_back(static_cast<int32_t>(cands_[s.cand_begin].place));
      }
    }
  }

  // The preferred candidate of `s` (see the header); -1 when none.
  int32_t Resolve(const Site& s) const {
    std::span<const Candidate> cands(cands_.data() + s.cand_begin, s.cand_end - s.cand_begin);
    // A division that shares its name with a city of its country gives way to it.
    auto absorbed = [&](const GazetteerPlace& p) {
      if (p.kind != PlaceKind::kAdmin1) return false;
      for (const Candidate& o : cands) {
        const GazetteerPlace& city = g_.place(o.place);
        if (city.kind == PlaceKind::kCity && city.country == p.country) return true;
      }
      return false;
    };
    auto score = [&](const Candidate& c) {
      const GazetteerPlace& p = g_.place(c.place);
      bool in_division = p.admin1 >= 0 && std::find(admin1_ctx_.begin(), admin1_ctx_.end(),
                                                    p.admin1) != admin1_ctx_.end();
      return std::make_tuple(in_division, s.own >= 0 && p.country == s.own,
                             p.kind == PlaceKind::kCountry, country_ctx_[p.country] != 0,
                             c.preferred, p.kind == PlaceKind::kAdmin1, p.capital, p.population,
                             -static_cast<int64_t>(c.place));
    };
    const Candidate* best = nullptr;
    for (const Candidate& c : cands) {
      if (absorbed(g_.place(c.place))) continue;
      if (s.own_only && g_.place(c.place).country != s.own) continue;
      if (s.no_cities && g_.place(c.place).kind == PlaceKind::kCity) continue;
      if (best == nullptr || score(c) > score(*best)) best = &c;
    }
    return best == nullptr ? -1 : static_cast<int32_t>(best->place);
  }

  const PlaceTagger& t_;
  const Gazetteer& g_;
  Document& doc_;
  std::vector<Site> sites_;
  std::vector<Candidate> cands_;
  std::vector<StrId> keys_;
  bool via_article_ = false;  // the last MatchAt found its preposition behind an article
  std::vector<uint8_t> country_ctx_;
  std::vector<int32_t> admin1_ctx_;
};

void PlaceTagger::Tag(Document* doc) const {
  doc->places.clear();
  if (doc->tokens.empty() || max_tokens_ == 0) return;
  Run(*this, doc).Go();
}

}  // namespace cronista
