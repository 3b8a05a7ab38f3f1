#include "actors/actor_tagger.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace cronista {

namespace {

using EntryType = ActorLexicon::EntryType;

bool IsCountryCode(const ActorLexicon& lex, const std::string& code) {
  return code.size() >= 3 && lex.countries().by_cameo.count(code.substr(0, 3)) != 0;
}

// One dictionary match, with its payloads sorted by type.
struct Item {
  size_t begin = 0, end = 0;
  std::vector<uint32_t> actors, shorts, agents;
  bool discard = false;
};

class Tagger {
 public:
  Tagger(const ActorLexicon& lex, Document* doc)
      : lex_(lex), doc_(*doc), day_(ResolutionDay(*doc)) {}

  void Run() {
    keys_.resize(doc_.tokens.size());
    for (size_t i = 0; i < doc_.tokens.size(); ++i) {
      const Token& t = doc_.tokens[i];
      std::string_view norm = doc_.TokenNorm(t);
      // Without diacritics to strip, the key is the norm's own id.
      bool ascii = std::all_of(norm.begin(), norm.end(),
                               [](char c) { return static_cast<unsigned char>(c) < 0x80; });
      keys_[i] = ascii ? t.norm : TokenKey(norm);
    }
    covered_.assign(doc_.tokens.size(), false);
    for (const Sentence& s : doc_.sentences) {
      TagSentence(s);
      TagNames(s);
    }
    // A short name met before the full name (a headline's "Kim", then "Kim
    // Jong-un" in the text) is that person once the full name appears.
    for (const auto& [index, candidates] : pending_shorts_) {
      Mention& m = doc_.mentions[index];
      for (uint32_t a : candidates) {
        auto e = entity_index_.find(lex_.actors()[a].entity);
        if (e == entity_index_.end()) continue;
        m.entity = e->second;
        m.actor = doc_.entities[e->second].actor;
        m.rule = lex_.actors()[a].rule + ":short";
        break;
      }
    }
    DropUnusedEntities();
    std::sort(doc_.mentions.begin(), doc_.mentions.end(),
              [](const Mention& a, const Mention& b) { return a.token_begin < b.token_begin; });
    // A role phrase right before a name is that person's title: "North Korean
    // leader Kim Jong-un", "il presidente To Lam".
    for (size_t i = 0; i + 1 < doc_.mentions.size(); ++i) {
      Mention& role = doc_.mentions[i];
      const Mention& next = doc_.mentions[i + 1];
      if (role.kind == MentionKind::kRole && role.entity < 0 && next.kind == MentionKind::kPerson &&
          next.token_begin == role.token_end) {
        role.entity = next.entity;
      }
    }
    for (Mention& m : doc_.mentions) {
      if (m.kind == MentionKind::kRole && m.entity < 0 && bodies_.count(m.token_begin)) {
        m.kind = MentionKind::kOrg;
      }
    }
  }

 private:
  // Entities left without mentions (a provisional "name:Kim" relinked to
  // Kim Jong-un) are removed, and mention indexes renumbered.
  void DropUnusedEntities() {
    std::vector<int> remap(doc_.entities.size(), -1);
    for (const Mention& m : doc_.mentions) {
      if (m.entity >= 0) remap[m.entity] = 0;
    }
    std::vector<Entity> kept;
    for (size_t i = 0; i < doc_.entities.size(); ++i) {
      if (remap[i] < 0) continue;
      remap[i] = static_cast<int>(kept.size());
      kept.push_back(std::move(doc_.entities[i]));
    }
    for (Mention& m : doc_.mentions) {
      if (m.entity >= 0) m.entity = remap[m.entity];
    }
    doc_.entities = std::move(kept);
  }

  std::vector<Item> Match(const Sentence& s) {
    std::span<const StrId> keys(keys_.data() + s.token_begin, s.token_end - s.token_begin);
    auto accept = [&](uint32_t payload, size_t b, size_t e) {
      return lex_.CaseOk(lex_.entry(payload), doc_, s.token_begin + b, e - b);
    };
    std::vector<Item> items;
    for (const auto& m : lex_.matcher().FindAll(keys, accept)) {
      Item it;
      it.begin = s.token_begin + m.begin;
      it.end = s.token_begin + m.end;
      for (uint32_t p : m.payloads) {
        const auto& e = lex_.entry(p);
        switch (e.type) {
          case EntryType::kActor:
            it.actors.push_back(e.index);
            break;
          case EntryType::kShortName:
            it.shorts.push_back(e.index);
            break;
          case EntryType::kAgent:
            it.agents.push_back(e.index);
            break;
          case EntryType::kDiscard:
            it.discard = true;
            break;
        }
      }
      items.push_back(std::move(it));
    }
    return items;
  }

  const ActorSpec* CountryActor(const Item& it) const {
    for (uint32_t a : it.actors) {
      const ActorSpec& s = lex_.actors()[a];
      if (s.kind == MentionKind::kCountry || s.kind == MentionKind::kPlace ||
          (s.subkind == "metonym" && IsCountryCode(lex_, s.code))) {
        return &s;
      }
    }
    return nullptr;
  }

  // A country from context for "il Paese asiatico": the most recent country
  // entity whose regions include `region`, or any most recent country.
  std::string CountryFromContext(const std::string& region) const {
    for (auto it = doc_.mentions.rbegin(); it != doc_.mentions.rend(); ++it) {
      if (it->kind != MentionKind::kCountry && it->kind != MentionKind::kPlace) continue;
      if (it->actor.size() != 3) continue;
      auto c = lex_.countries().by_cameo.find(it->actor);
      if (c == lex_.countries().by_cameo.end()) continue;
      const auto& regions = c->second.regions;
      if (region.empty() || std::find(regions.begin(), regions.end(), region) != regions.end()) {
        return it->actor;
      }
    }
    return "";
  }

  int EntityFor(const std::string& id, const std::string& name, MentionKind kind,
                const std::string& actor) {
    auto it = entity_index_.find(id);
    if (it != entity_index_.end()) return it->second;
    int idx = static_cast<int>(doc_.entities.size());
    doc_.entities.push_back(Entity{id, name, kind, actor});
    entity_index_.emplace(id, idx);
    return idx;
  }

  void Emit(size_t begin, size_t end, MentionKind kind, const std::string& actor, int entity,
            const std::string& rule) {
    Mention m;
    m.token_begin = static_cast<uint32_t>(begin);
    m.token_end = static_cast<uint32_t>(end);
    m.start = doc_.tokens[begin].start;
    m.end = doc_.tokens[end - 1].end();
    m.kind = kind;
    m.actor = actor;
    m.entity = entity;
    m.rule = rule;
    if (kind == MentionKind::kPerson && entity >= 0 && end - begin >= 2) {
      surnames_[keys_[end - 1]] = entity;  // the latest person with that surname
    }
    doc_.mentions.push_back(std::move(m));
    for (size_t i = begin; i < end; ++i) covered_[i] = true;
  }

  int PersonEntity(uint32_t actor_index) {
    const ActorSpec& a = lex_.actors()[actor_index];
    return EntityFor(a.entity, a.name, MentionKind::kPerson, lex_.CodeAt(a, day_));
  }

  // The most recent person entity mentioned with `code` (epithet coreference:
  // "il leader russo" after "Vladimir Putin").
  int RecentPersonWithCode(const std::string& code) const {
    for (auto it = doc_.mentions.rbegin(); it != doc_.mentions.rend(); ++it) {
      if (it->entity < 0) continue;
      const Entity& e = doc_.entities[it->entity];
      if (e.kind == MentionKind::kPerson && e.actor == code) return it->entity;
    }
    return -1;
  }

  // Role phrase: agent + country. Office holders come from the dictionary at
  // the article's date, else from the most recent person with that code.
  // Whether the role word ending at agent_end is singular: after a
  // singular determiner (languages that list them) and without a plural ending.
  bool Singular(size_t role_begin, size_t agent_end) const {
    const ActorGrammar& g = lex_.grammar();
    if (!g.singular_determiners.empty() &&
        (role_begin == 0 || !Has(g.singular_determiners, role_begin - 1))) {
      return false;
    }
    std::string_view last = doc_.TokenNorm(doc_.tokens[agent_end - 1]);
    for (const std::string& suffix : g.plural_suffixes) {
      if (last.size() > suffix.size() + 2 && last.ends_with(suffix) && !last.ends_with("ss") &&
          !last.ends_with("us")) {
        return false;
      }
    }
    return true;
  }

  void EmitRole(size_t begin, size_t end, size_t agent_end, const AgentSpec& agent,
                const std::string& country, const std::string& fallback_code,
                const std::string& rule) {
    std::string code = country;
    if (!agent.sector.empty()) {
      code += agent.sector;
    } else if (fallback_code.size() > 3) {
      code = fallback_code;
    }
    int entity = -1;
    bool singular = Singular(begin, agent_end);
    if (singular && !agent.office.empty()) {
      // Offices that news names interchangeably, most usual first.
      static const std::vector<std::vector<std::string>> kEquivalent = {
          {"president", "head_of_state", "supreme_leader", "monarch"},
          {"prime_minister", "head_of_government", "chancellor"}};
      std::vector<std::string> offices = {agent.office};
      for (const auto& group : kEquivalent) {
        if (std::find(group.begin(), group.end(), agent.office) != group.end()) offices = group;
      }
      std::vector<uint32_t> holders;
      for (const std::string& office : offices) {
        for (uint32_t h : lex_.Holders(code, office, day_)) holders.push_back(h);
      }
      // A holder already named in the article is the one meant; otherwise the
      // holder of the most usual office.
      for (auto m = doc_.mentions.rbegin(); m != doc_.mentions.rend() && entity < 0; ++m) {
        if (m->entity < 0) continue;
        for (uint32_t h : holders) {
          if (lex_.actors()[h].entity == doc_.entities[m->entity].id) entity = m->entity;
        }
      }
      // Otherwise the holder of the most usual office, when only one holds it.
      for (size_t o = 0; o < offices.size() && entity < 0; ++o) {
        std::vector<uint32_t> h = lex_.Holders(code, offices[o], day_);
        if (h.size() == 1) entity = PersonEntity(h[0]);
        if (!h.empty()) break;
      }
    }
    // "il leader russo", "il capo del Cremlino": the most recent person with
    // that code. Role words without an office ("governo", "army") name bodies.
    if (entity < 0 && singular && !agent.office.empty() && code.size() > 3) {
      entity = RecentPersonWithCode(code);
    }
    // Without an office and a person, the phrase may name a body ("il governo
    // tedesco", "l'esercito israeliano"): decided once titles are linked.
    if (agent.office.empty() && entity < 0) bodies_.insert(static_cast<uint32_t>(begin));
    Emit(begin, end, MentionKind::kRole, code, entity, rule);
  }

  // Tries to read a role phrase starting with the agent item items[i].
  // Returns the number of items consumed (0 when it is no role phrase).
  size_t TryRoleAfterAgent(const std::vector<Item>& items, size_t i) {
    const Item& it = items[i];
    const AgentSpec& agent = lex_.agents()[it.agents[0]];
    std::string rule = agent.rule;
    if (i + 1 < items.size()) {
      const Item& next = items[i + 1];
      const ActorSpec* c = CountryActor(next);
      // "il presidente russo", "il ministro degli Esteri cinese".
      if (c && next.begin == it.end && c->subkind == "demonym" && IsCountryCode(lex_, c->code)) {
        EmitRole(it.begin, next.end, it.end, agent, c->code.substr(0, 3), c->code,
                 rule + "+" + c->rule);
        return 2;
      }
      // "il presidente della Russia", "il capo del Cremlino", "President of France".
      size_t gap = next.begin - it.end;
      bool ofs = gap >= 1 && gap <= 2;
      for (size_t k = it.end; ofs && k < next.begin; ++k) {
        ofs = lex_.grammar().of.count(keys_[k]) != 0;
      }
      if (c && ofs && IsCountryCode(lex_, c->code)) {
        EmitRole(it.begin, next.end, it.end, agent, c->code.substr(0, 3), c->code,
                 rule + "+" + c->rule);
        return 2;
      }
    }
    // "il presidente del Paese asiatico": agent, of, country noun, ..., region.
    size_t k = it.end;
    if (k < doc_.tokens.size() && lex_.grammar().of.count(keys_[k])) {
      ++k;
      if (k < doc_.tokens.size() && lex_.grammar().country_nouns.count(keys_[k])) {
        size_t noun_end = k + 1;
        std::string region;
        size_t consumed_items = 1, end = noun_end;
        for (size_t j = i + 1; j < items.size() && items[j].begin <= noun_end + 3; ++j) {
          const ActorSpec* c = CountryActor(items[j]);
          if (c && !IsCountryCode(lex_, c->code)) {
            region = c->code;
            consumed_items = j - i + 1;
            end = items[j].end;
            break;
          }
        }
        std::string country = CountryFromContext(region);
        if (!country.empty()) {
          EmitRole(it.begin, end, it.end, agent, country, "", rule + "+context");
          return consumed_items;
        }
      }
    }
    return 0;
  }

  void TagSentence(const Sentence& s) {
    std::vector<Item> items = Match(s);
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      if (it.discard && it.actors.empty() && it.shorts.empty()) continue;
      if (!it.agents.empty() && it.actors.empty() && it.shorts.empty()) {
        size_t used = TryRoleAfterAgent(items, i);
        if (used > 0) {
          i += used - 1;
        } else if (const AgentSpec& agent = lex_.agents()[it.agents[0]];
                   agent.office.empty() && it.begin > s.token_begin &&
                   doc_.tokens[it.begin].has(kTokCapitalised)) {
          // A body named with capitals ("il Ministero degli Esteri", "la
          // Guardia Costiera") is an organisation, of no known country.
          std::string text(std::string_view(doc_.text).substr(
              doc_.tokens[it.begin].start,
              doc_.tokens[it.end - 1].end() - doc_.tokens[it.begin].start));
          Emit(it.begin, it.end, MentionKind::kOrg, "",
               EntityFor("name:" + text, text, MentionKind::kOrg, ""), agent.rule);
        } else {
          // A role word alone ("President To Lam") is no name itself.
          for (size_t k = it.begin; k < it.end; ++k) covered_[k] = true;
        }
        continue;
      }
      // "the Russian President", "North Korean leader".
      if (!it.actors.empty() && i + 1 < items.size() && items[i + 1].begin == it.end &&
          !items[i + 1].agents.empty() && items[i + 1].actors.empty()) {
        const ActorSpec* c = CountryActor(it);
        if (c && c->subkind == "demonym" && IsCountryCode(lex_, c->code)) {
          const AgentSpec& agent = lex_.agents()[items[i + 1].agents[0]];
          EmitRole(it.begin, items[i + 1].end, items[i + 1].end, agent, c->code.substr(0, 3),
                   c->code, c->rule + "+" + agent.rule);
          ++i;
          continue;
        }
      }
      if (!it.actors.empty()) {
        EmitActor(it);
      } else if (!it.shorts.empty()) {
        EmitShortName(it, s);
      }
    }
  }

  void EmitActor(const Item& it) {
    // Prefer people over other readings of the same phrase, then the first.
    uint32_t chosen = it.actors[0];
    for (uint32_t a : it.actors) {
      if (lex_.actors()[a].kind == MentionKind::kPerson) {
        chosen = a;
        break;
      }
    }
    const ActorSpec& a = lex_.actors()[chosen];
    if (a.kind == MentionKind::kPerson) {
      int e = PersonEntity(chosen);
      Emit(it.begin, it.end, a.kind, doc_.entities[e].actor, e, a.rule);
      return;
    }
    // "Mario Ferrari" is a person, not the company: a one-word organisation
    // right after a given name is left to the name heuristics.
    if (a.kind == MentionKind::kOrg && it.end - it.begin == 1 && it.begin > 0 &&
        !covered_[it.begin - 1] && doc_.tokens[it.begin - 1].has(kTokCapitalised) &&
        lex_.IsGivenName(keys_[it.begin - 1])) {
      return;
    }
    int e = EntityFor(a.entity, a.name, a.kind, a.code);
    Emit(it.begin, it.end, a.kind, a.code, e, a.rule);
  }

  void EmitShortName(const Item& it, const Sentence& s) {
    if ((it.begin > 0 && (UnknownCapitalised(it.begin - 1, s) || IsInitial(it.begin - 1))) ||
        UnknownCapitalised(it.end, s)) {
      return;
    }
    // Someone already named in the document wins ("Putin" after "Vladimir
    // Putin"), then the only candidate in office at the date.
    std::optional<uint32_t> chosen;
    for (auto m = doc_.mentions.rbegin(); m != doc_.mentions.rend() && !chosen; ++m) {
      if (m->entity < 0) continue;
      for (uint32_t a : it.shorts) {
        if (lex_.actors()[a].entity == doc_.entities[m->entity].id) chosen = a;
      }
    }
    if (!chosen) {
      std::vector<uint32_t> in_office;
      for (uint32_t a : it.shorts) {
        if (lex_.RoleAt(lex_.actors()[a], day_)) in_office.push_back(a);
      }
      if (in_office.size() == 1) chosen = in_office[0];
    }
    if (!chosen) {
      // Several people share the name and none is the one: still a person.
      std::string text(std::string_view(doc_.text).substr(
          doc_.tokens[it.begin].start,
          doc_.tokens[it.end - 1].end() - doc_.tokens[it.begin].start));
      int e = SurnameEntity(it.end - 1);
      if (e < 0) e = EntityFor("name:" + text, text, MentionKind::kPerson, "");
      pending_shorts_.push_back({doc_.mentions.size(), it.shorts});
      Emit(it.begin, it.end, MentionKind::kPerson, doc_.entities[e].actor, e,
           "heuristic:ambiguous-short-name");
      return;
    }
    int e = PersonEntity(*chosen);
    Emit(it.begin, it.end, MentionKind::kPerson, doc_.entities[e].actor, e,
         lex_.actors()[*chosen].rule + ":short");
  }

  bool IsName(size_t i) const {
    const Token& t = doc_.tokens[i];
    if (covered_[i] || !t.has(kTokWord) || t.has(kTokUrl) || t.has(kTokEmail)) return false;
    if (Has(lex_.grammar().not_names, i)) return false;
    if (!t.has(kTokCapitalised) && !t.has(kTokAllCaps)) return false;
    // An initial ("P." in "P. Simmons") is part of a name; other abbreviations
    // ("Mr.", "Gen.") are titles.
    return !t.has(kTokAbbrev) || IsInitial(i);
  }

  bool IsInitial(size_t i) const {
    std::string_view text = doc_.TokenText(doc_.tokens[i]);
    return text.size() == 2 && text[1] == '.' && text[0] >= 'A' && text[0] <= 'Z';
  }

  // A sentence mostly in capitals is a headline: its capitalised words say
  // nothing about names.
  bool ShoutedSentence(const Sentence& s) const {
    size_t words = 0, caps = 0;
    for (size_t i = s.token_begin; i < s.token_end; ++i) {
      if (!doc_.tokens[i].has(kTokWord)) continue;
      ++words;
      if (doc_.tokens[i].has(kTokAllCaps)) ++caps;
    }
    return words >= 3 && caps * 2 > words;
  }

  // Whether token i is a capitalised word outside any match: a short name
  // next to one is part of someone else's full name ("Paul Johnson").
  bool UnknownCapitalised(size_t i, const Sentence& s) const {
    if (i < s.token_begin || i >= s.token_end) return false;
    const Token& t = doc_.tokens[i];
    return !covered_[i] && t.has(kTokWord) && t.has(kTokCapitalised) && !t.has(kTokAbbrev) &&
           !Has(lex_.grammar().function_words, i);
  }

  bool Has(const std::unordered_set<StrId>& set, size_t i) const {
    return i < keys_.size() && set.count(keys_[i]) != 0;
  }

  // A PERSON entity whose name ends with the word at token i ("Bianchi" after
  // "Mario Bianchi"), or -1.
  int SurnameEntity(size_t i) const {
    auto it = surnames_.find(keys_[i]);
    return it == surnames_.end() ? -1 : it->second;
  }

  // The code of a role phrase in apposition: "l'ambasciatore del Vietnam in
  // Russia, Dang Minh Koi" -> VNMGOV. Looks back from the comma at `comma`.
  std::string AppositionCode(size_t comma, size_t sentence_begin) const {
    for (auto m = doc_.mentions.rbegin(); m != doc_.mentions.rend(); ++m) {
      if (m->token_end > comma) continue;
      if (m->token_end + 4 < comma || m->token_begin < sentence_begin) break;
      if (m->kind == MentionKind::kRole) return m->actor;
    }
    return "";
  }

  // "di Cattenom, Civaux e Penly": a word after a comma or conjunction that
  // follows a place mention is a place.
  bool CoordinatedWithPlace(size_t i, size_t sentence_begin) const {
    if (i == sentence_begin || !Has(lex_.grammar().conjunctions, i - 1)) return false;
    for (auto m = doc_.mentions.rbegin(); m != doc_.mentions.rend(); ++m) {
      if (m->token_end + 1 != i) continue;
      return m->kind == MentionKind::kPlace;
    }
    return false;
  }

  // Capitalised names that no dictionary knows become PERSON, ORG or PLACE
  // mentions from context cues.
  // "Ministero degli Esteri", "università di Nottingham", "Nordic Council of
  // Ministers": an organisation word joined to capitalised names, directly or
  // through "of" words.
  void TagOrgPhrases(const Sentence& s) {
    const ActorGrammar& g = lex_.grammar();
    for (size_t i = s.token_begin; i < s.token_end; ++i) {
      bool place = Has(g.place_words, i);
      if (covered_[i] || (!place && !Has(g.org_words, i))) continue;
      size_t begin = i;
      // Capitalised names right before the org word belong to it ("Nordic Council").
      while (begin > s.token_begin && IsName(begin - 1) && !Has(g.function_words, begin - 1)) {
        --begin;
      }
      size_t end = i + 1;
      for (;;) {
        if (end < s.token_end && IsName(end)) {
          ++end;
        } else if (end + 1 < s.token_end && Has(g.of, end) && IsName(end + 1)) {
          end += 2;
        } else {
          break;
        }
      }
      bool capital_head = doc_.tokens[i].has(kTokCapitalised);
      if (end - begin < 2 || (!capital_head && end == i + 1)) continue;
      std::string text(std::string_view(doc_.text).substr(
          doc_.tokens[begin].start, doc_.tokens[end - 1].end() - doc_.tokens[begin].start));
      MentionKind kind = place ? MentionKind::kPlace : MentionKind::kOrg;
      Emit(begin, end, kind, "", EntityFor("name:" + text, text, kind, ""),
           place ? "heuristic:place-phrase" : "heuristic:org-phrase");
      i = end - 1;
    }
  }

  void TagNames(const Sentence& s) {
    const ActorGrammar& g = lex_.grammar();
    if (ShoutedSentence(s)) return;
    TagOrgPhrases(s);
    for (size_t i = s.token_begin; i < s.token_end;) {
      if (!IsName(i)) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < s.token_end && IsName(j)) ++j;
      size_t b = i;
      i = j;
      bool at_start =
          b == s.token_begin ||
          (b > s.token_begin && doc_.tokens[b - 1].has(kTokOpenQuote) && b - 1 == s.token_begin);
      while (b < j && at_start && Has(g.function_words, b)) {
        ++b;
        at_start = false;
      }
      if (b == j) continue;
      size_t n = j - b;
      bool title = b > s.token_begin && Has(g.titles, b - 1);
      bool given = lex_.IsGivenName(keys_[b]);
      bool org = false;
      for (size_t k = b; k < j; ++k) org = org || Has(g.org_words, k);
      bool place_prep = b > s.token_begin && Has(g.place_preps, b - 1);
      std::string code;
      if (b > s.token_begin && doc_.TokenNorm(doc_.tokens[b - 1]) == ",") {
        code = AppositionCode(b - 1, s.token_begin);
      }
      std::string text(std::string_view(doc_.text).substr(
          doc_.tokens[b].start, doc_.tokens[j - 1].end() - doc_.tokens[b].start));
      if (n == 1 && !title && code.empty()) {
        // An unknown acronym ("FIFA", "PACE") names an organisation.
        std::string_view word = doc_.TokenText(doc_.tokens[b]);
        if (doc_.tokens[b].has(kTokAllCaps) && word.size() >= 2 && word.size() <= 6) {
          Emit(b, j, MentionKind::kOrg, "", EntityFor("name:" + text, text, MentionKind::kOrg, ""),
               "heuristic:acronym");
          continue;
        }
        int e = SurnameEntity(b);
        if (e < 0 && CoordinatedWithPlace(b, s.token_begin)) {
          Emit(b, j, MentionKind::kPlace, "",
               EntityFor("name:" + text, text, MentionKind::kPlace, ""), "heuristic:coordination");
          continue;
        }
        if (e >= 0) {
          Emit(b, j, MentionKind::kPerson, doc_.entities[e].actor, e, "heuristic:surname");
        } else if (place_prep && !at_start) {
          Emit(b, j, MentionKind::kPlace, "",
               EntityFor("name:" + text, text, MentionKind::kPlace, ""), "heuristic:preposition");
        }
        continue;
      }
      if (org && !title) {
        Emit(b, j, MentionKind::kOrg, "", EntityFor("name:" + text, text, MentionKind::kOrg, ""),
             "heuristic:org-word");
        continue;
      }
      const char* rule = title           ? "heuristic:title"
                         : !code.empty() ? "heuristic:apposition"
                         : given         ? "heuristic:given-name"
                                         : "heuristic:capitalised";
      if (at_start && !title && !given) continue;  // "Asse Russia-Corea": a headline's words
      if (!title && !given && code.empty() && !g.capitalised_person && !place_prep) continue;
      if (place_prep && !title && !given && code.empty()) {
        Emit(b, j, MentionKind::kPlace, "",
             EntityFor("name:" + text, text, MentionKind::kPlace, ""), "heuristic:preposition");
        continue;
      }
      Emit(b, j, MentionKind::kPerson, code,
           EntityFor("name:" + text, text, MentionKind::kPerson, code), rule);
    }
  }

  const ActorLexicon& lex_;
  Document& doc_;
  DayNumber day_;
  std::vector<StrId> keys_;
  std::vector<bool> covered_;
  std::unordered_map<std::string, int> entity_index_;
  std::unordered_map<StrId, int> surnames_;
  // First tokens of role mentions that name a body unless linked to a person
  // (mentions never overlap, so the first token identifies one).
  std::unordered_set<uint32_t> bodies_;
  // Short names no one could be chosen for yet: mention index, candidates.
  std::vector<std::pair<size_t, std::vector<uint32_t>>>
      pending_shorts_;  // last word of a person's name -> entity
};

}  // namespace

DayNumber ResolutionDay(const Document& doc) {
  const PartialDate& d = doc.meta.date;
  switch (d.precision) {
    case DatePrecision::kNone:
      return 99991231;  // only roles still open
    case DatePrecision::kYear:
      return d.year * 10000 + 701;
    case DatePrecision::kMonth:
      return d.year * 10000 + d.month * 100 + 15;
    case DatePrecision::kDay:
    case DatePrecision::kTime:
      return d.year * 10000 + d.month * 100 + d.day;
  }
  return 99991231;
}

void TagActors(const ActorLexicon& lexicon, Document* doc) {
  doc->mentions.clear();
  doc->entities.clear();
  Tagger(lexicon, doc).Run();
}

}  // namespace cronista
