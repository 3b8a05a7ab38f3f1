#include "events/event_coder.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "lexicon/actor_lexicon.h"

namespace cronista {

namespace {

StrId Key(std::string_view word) { return TokenKey(word); }

std::vector<std::string> SplitWords(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

void AddWord(WordSet* set, const std::string& entry) {
  std::vector<std::string> parts = SplitWords(entry, '_');
  if (parts.size() == 1) {
    set->single.insert(Key(parts[0]));
  } else if (parts.size() > 1) {
    std::vector<StrId> seq;
    for (const auto& p : parts) seq.push_back(Key(p));
    set->sequences.push_back(std::move(seq));
  }
}

// What a clause is, for subject finding and modality.
enum class ClauseKind : uint8_t { kMain, kRelative, kSubordinate, kComplement };

const char* ClauseKindName(ClauseKind k) {
  switch (k) {
    case ClauseKind::kMain:
      return "main clause";
    case ClauseKind::kRelative:
      return "relative clause";
    case ClauseKind::kSubordinate:
      return "subordinate clause";
    case ClauseKind::kComplement:
      return "reported-speech clause";
  }
  return "clause";
}

struct Clause {
  int parent = -1;
  ClauseKind kind = ClauseKind::kMain;
  uint32_t begin = 0;            // first token
  uint32_t opener = UINT32_MAX;  // the subordinator/relative token
  bool comma_opened = false;
  bool conditional = false;
  bool reported = false;
  std::vector<int> antecedent;  // mention group before a relative pronoun
  std::vector<int> subject;     // mention group, once found
  bool subject_found = false;   // some subject (actor or not) stands in the clause
};

// A compiled word position: any of these keys.
using KeySet = std::vector<StrId>;

struct CElement {
  PatternElement::Kind kind;
  std::vector<std::vector<KeySet>> alternatives;
  bool adjacent = false;
};

struct CPattern {
  std::string rule, code, paired, display;
  bool noun = false, mutual = false, future = false;
  bool has_target_slot = false, has_source_slot = false;
  std::vector<CElement> before, after;
  int specificity = 0;
};

struct HeadHit {
  uint32_t pattern;
  uint16_t features;
};

bool KeyIn(const KeySet& set, StrId k) { return std::find(set.begin(), set.end(), k) != set.end(); }

std::string Display(const EventPattern& p) {
  std::string out;
  for (size_t i = 0; i < p.heads.size(); ++i) {
    if (i) out += '|';
    if (p.head_kind == HeadKind::kNoun) out += "n:";
    out += p.heads[i];
  }
  auto elems = [&](const std::vector<PatternElement>& v, bool head_after) {
    std::string s;
    for (const auto& e : v) {
      std::string w;
      switch (e.kind) {
        case PatternElement::Kind::kTarget:
          w = "+";
          break;
        case PatternElement::Kind::kSource:
          w = "$";
          break;
        case PatternElement::Kind::kGap:
          w = "*";
          break;
        case PatternElement::Kind::kWords:
          for (size_t a = 0; a < e.alternatives.size(); ++a) {
            if (a) w += '|';
            for (size_t k = 0; k < e.alternatives[a].size(); ++k) {
              if (k) w += '_';
              w += e.alternatives[a][k];
            }
          }
          break;
      }
      s += head_after ? w + " " : " " + w;
    }
    return s;
  };
  return elems(p.before, true) + out + elems(p.after, false);
}

}  // namespace

size_t WordSet::MatchAt(const std::vector<StrId>& keys, size_t i, size_t end) const {
  size_t best = 0;
  for (const auto& seq : sequences) {
    if (seq.size() <= best || i + seq.size() > end) continue;
    bool ok = true;
    for (size_t k = 0; k < seq.size() && ok; ++k) ok = keys[i + k] == seq[k];
    if (ok) best = seq.size();
  }
  if (best == 0 && i < end && single.count(keys[i])) best = 1;
  return best;
}

Result<ClauseGrammar> LoadClauseGrammar(const std::string& path, const Morphology& morph) {
  ClauseGrammar g;
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read clause grammar " + path);
  std::unordered_map<std::string, WordSet*> sets = {
      {"negation", &g.negation},
      {"conditional_openers", &g.conditional_openers},
      {"condition_phrases", &g.condition_phrases},
      {"hypothetical_modals", &g.hypothetical_modals},
      {"future_aux", &g.future_aux},
      {"future_cues", &g.future_cues},
      {"purpose", &g.purpose},
      {"report_cues", &g.report_cues},
      {"subordinators", &g.subordinators},
      {"relatives", &g.relatives},
      {"coordinators", &g.coordinators},
      {"determiners", &g.determiners},
      {"prepositions", &g.prepositions},
      {"agent_preps", &g.agent_preps},
      {"verb_group", &g.verb_group},
      {"reciprocal", &g.reciprocal},
      {"past_cues", &g.past_cues},
      {"pronouns", &g.pronouns},
      {"possessives", &g.possessives},
      {"infinitive_markers", &g.purpose_to},
      {"reflexive", &g.reflexive},
      {"quantities", &g.quantities},
      {"pair_prepositions", &g.pair_prepositions},
      {"locatives", &g.locatives},
  };
  std::unordered_map<std::string, std::unordered_map<StrId, uint16_t>*> lemma_sets = {
      {"speech_lemmas", &g.speech_forms},
      {"passive_lemmas", &g.passive_forms},
      {"aux_lemmas", &g.aux_forms},
  };
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string key, word;
    ss >> key;
    if (key == "pro_drop") {
      ss >> word;
      g.pro_drop = word == "yes";
      continue;
    }
    if (key.rfind("prep:", 0) == 0) {
      StrId base = Key(key.substr(5));
      while (ss >> word) {
        g.preposition_base[Key(word)] = base;
        g.preposition_forms[base].push_back(Key(word));
      }
      continue;
    }
    if (auto it = sets.find(key); it != sets.end()) {
      while (ss >> word) AddWord(it->second, word);
      continue;
    }
    if (auto it = lemma_sets.find(key); it != lemma_sets.end()) {
      while (ss >> word) {
        for (const WordForm& f : morph.VerbForms(word)) (*it->second)[Key(f.form)] |= f.features;
      }
      continue;
    }
    return Status::InvalidArgument(path + ":" + std::to_string(n) + ": unknown key '" + key + "'");
  }
  return g;
}

struct EventCoder::Impl {
  std::vector<CPattern> patterns;
  std::unordered_map<StrId, std::vector<HeadHit>> heads;
  ClauseGrammar g;
  std::shared_ptr<const Codebook> codebook;
  StrId semicolon = Key(";"), colon = Key(":"), comma = Key(","), possessive_s = Key("'s"),
        in_key = Key("in");

  KeySet WordKeys(const std::string& word, const Morphology& morph) const {
    KeySet keys;
    StrId k = Key(word);
    keys.push_back(k);
    if (auto it = g.preposition_forms.find(k); it != g.preposition_forms.end()) {
      for (StrId f : it->second) keys.push_back(f);
      return keys;
    }
    if (g.prepositions.Contains(k) || g.determiners.Contains(k)) return keys;
    for (const std::string& f : morph.NounForms(word)) {
      StrId fk = Key(f);
      if (!KeyIn(keys, fk)) keys.push_back(fk);
    }
    return keys;
  }

  CElement Compile(const PatternElement& e, const Morphology& morph) const {
    CElement c;
    c.kind = e.kind;
    c.adjacent = e.adjacent;
    for (const auto& alt : e.alternatives) {
      std::vector<KeySet> seq;
      for (const auto& w : alt) seq.push_back(WordKeys(w, morph));
      c.alternatives.push_back(std::move(seq));
    }
    return c;
  }

  void CodeSentence(Document* doc, uint32_t si, const std::vector<StrId>& keys,
                    const std::vector<int>& mention_start, const std::vector<int>& mention_of,
                    const std::vector<uint8_t>& quoted, std::vector<int>* last_subject,
                    uint32_t* last_subject_sentence, bool explain) const;
};

EventCoder::~EventCoder() = default;

size_t EventCoder::pattern_count() const { return impl_->patterns.size(); }
size_t EventCoder::head_form_count() const { return impl_->heads.size(); }

Result<std::unique_ptr<EventCoder>> EventCoder::Build(const std::vector<EventPattern>& patterns,
                                                      const Morphology& morph,
                                                      ClauseGrammar grammar,
                                                      std::shared_ptr<const Codebook> codebook) {
  std::unique_ptr<EventCoder> coder(new EventCoder());
  coder->impl_ = std::make_unique<Impl>();
  Impl& im = *coder->impl_;
  im.g = std::move(grammar);
  im.codebook = std::move(codebook);
  im.patterns.reserve(patterns.size());
  for (const EventPattern& p : patterns) {
    bool bad_code = !p.code.empty() && p.code != "---" && im.codebook->Find(p.code) == nullptr;
    bool bad_paired =
        !p.paired.empty() && p.paired != "---" && im.codebook->Find(p.paired) == nullptr;
    if ((bad_code || bad_paired) && p.imported) {
      ++coder->skipped_;
      continue;
    }
    if (bad_code || bad_paired) {
      return Status::InvalidArgument(p.rule + ": unknown CAMEO code '" +
                                     (bad_code ? p.code : p.paired) + "'");
    }
    CPattern c;
    c.rule = p.rule;
    c.code = p.code;
    c.paired = p.paired == "---" ? "" : p.paired;
    c.display = Display(p);
    c.noun = p.head_kind == HeadKind::kNoun;
    c.mutual = p.mutual;
    c.future = p.future;
    for (const auto& e : p.before) c.before.push_back(im.Compile(e, morph));
    for (const auto& e : p.after) {
      c.after.push_back(im.Compile(e, morph));
      if (e.kind == PatternElement::Kind::kTarget) c.has_target_slot = true;
      if (e.kind == PatternElement::Kind::kSource) c.has_source_slot = true;
    }
    for (const auto& e : p.before) {
      if (e.kind == PatternElement::Kind::kTarget) c.has_target_slot = true;
    }
    for (const auto& v : {&c.before, &c.after}) {
      for (const auto& e : *v) {
        if (e.kind == PatternElement::Kind::kWords) {
          c.specificity +=
              2 * static_cast<int>(e.alternatives.empty() ? 1 : e.alternatives[0].size());
        } else if (e.kind != PatternElement::Kind::kGap) {
          c.specificity += 1;
        }
      }
    }
    uint32_t idx = static_cast<uint32_t>(im.patterns.size());
    auto add = [&](const std::string& form, uint16_t features) {
      auto& hits = im.heads[Key(form)];
      for (auto& h : hits) {
        if (h.pattern == idx) {
          h.features |= features;
          return;
        }
      }
      hits.push_back({idx, features});
    };
    for (const std::string& h : p.heads) {
      if (c.noun) {
        for (const std::string& f : morph.NounForms(h)) add(f, 0);
        add(h, 0);
      } else {
        for (const WordForm& f : morph.VerbForms(h)) add(f.form, f.features);
      }
    }
    for (const std::string& f : p.head_forms) add(f, 0);
    im.patterns.push_back(std::move(c));
  }
  return coder;
}

namespace {

// Per-sentence working state of the coder.
struct SentenceState {
  uint32_t b = 0, e = 0;  // token range
  std::vector<int> clause_of;
  std::vector<Clause> clauses;
};

struct MatchResult {
  int score = -1;
  std::vector<int> source, target;  // mention groups from slots
  uint32_t end = 0;                 // one past the last matched token
  bool target_elided = false;       // passive: the + slot stood empty
};

}  // namespace

void EventCoder::Code(Document* doc, bool explain) const {
  doc->events.clear();
  if (doc->sentences.empty() || impl_->patterns.empty()) return;
  const size_t n = doc->tokens.size();
  std::vector<StrId> keys(n);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = doc->tokens[i];
    std::string_view norm = doc->TokenNorm(t);
    bool ascii = std::all_of(norm.begin(), norm.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    keys[i] = ascii ? t.norm : TokenKey(norm);
  }
  std::vector<int> mention_start(n, -1), mention_of(n, -1);
  for (size_t m = 0; m < doc->mentions.size(); ++m) {
    const Mention& mn = doc->mentions[m];
    if (mn.token_begin < n) mention_start[mn.token_begin] = static_cast<int>(m);
    for (uint32_t t = mn.token_begin; t < mn.token_end && t < n; ++t) {
      mention_of[t] = static_cast<int>(m);
    }
  }
  // Tokens inside speech quotations: a quotation that opens a sentence or
  // follows a colon or comma, or a long one (twelve tokens or more). Short
  // quotations inside a clause ("un "nuovo accordo" con") are scare quotes.
  std::vector<uint8_t> quoted(n, 0);
  const StrId colon_key = TokenKey(":"), comma_key = TokenKey(",");
  for (size_t i = 0; i < n; ++i) {
    if (!doc->tokens[i].has(kTokOpenQuote)) continue;
    size_t j = i + 1;
    while (j < n && j < i + 400 && !doc->tokens[j].has(kTokCloseQuote) &&
           !doc->tokens[j].has(kTokOpenQuote)) {
      ++j;
    }
    if (j >= n || !doc->tokens[j].has(kTokCloseQuote)) continue;
    bool opens = i == 0 || doc->tokens[i].has(kTokSentenceStart) ||
                 doc->tokens[i].has(kTokParagraphStart) || keys[i - 1] == colon_key ||
                 keys[i - 1] == comma_key;
    if (opens || j - i > 12) {
      for (size_t k = i + 1; k < j; ++k) quoted[k] = 1;
    }
  }
  std::vector<int> last_subject;
  uint32_t last_subject_sentence = 0;
  for (uint32_t si = 0; si < doc->sentences.size(); ++si) {
    impl_->CodeSentence(doc, si, keys, mention_start, mention_of, quoted, &last_subject,
                        &last_subject_sentence, explain);
  }
}

void EventCoder::Impl::CodeSentence(Document* doc, uint32_t si, const std::vector<StrId>& keys,
                                    const std::vector<int>& mention_start,
                                    const std::vector<int>& mention_of,
                                    const std::vector<uint8_t>& quoted,
                                    std::vector<int>* last_subject, uint32_t* last_subject_sentence,
                                    bool explain) const {
  const Sentence& sent = doc->sentences[si];
  const uint32_t b = sent.token_begin, e = sent.token_end;
  if (e <= b) return;
  const auto& toks = doc->tokens;
  auto is_verb_head = [&](uint32_t i) {
    auto it = heads.find(keys[i]);
    if (it == heads.end()) return false;
    for (const HeadHit& h : it->second) {
      if (!patterns[h.pattern].noun) return true;
    }
    return false;
  };
  auto is_verbish = [&](uint32_t i) {
    StrId k = keys[i];
    return g.aux_forms.count(k) != 0 || g.speech_forms.count(k) != 0 || is_verb_head(i);
  };
  auto is_prep = [&](uint32_t i) {
    return g.prepositions.Contains(keys[i]) || g.preposition_base.count(keys[i]) != 0;
  };

  // ---- Clause analysis --------------------------------------------------
  std::vector<Clause> clauses(1);
  clauses[0].begin = b;
  std::vector<int> clause_of(e - b, 0);
  std::vector<int> stack = {0};
  std::vector<uint8_t> has_verb(1, 0);
  auto push = [&](ClauseKind kind, uint32_t at, bool comma_opened) {
    Clause c;
    c.parent = stack.back();
    c.kind = kind;
    c.begin = at;
    c.opener = at;
    c.comma_opened = comma_opened;
    c.conditional = clauses[stack.back()].conditional;
    c.reported = clauses[stack.back()].reported;
    clauses.push_back(std::move(c));
    has_verb.push_back(0);
    stack.push_back(static_cast<int>(clauses.size()) - 1);
  };
  // The mention group (coordinated mentions) ending just before token `at`.
  auto group_ending_before = [&](uint32_t at) {
    std::vector<int> group;
    int64_t i = static_cast<int64_t>(at) - 1;
    while (i >= b && (toks[i].has(kTokCloseQuote) || keys[i] == comma)) --i;
    while (i >= b && mention_of[i] >= 0) {
      int m = mention_of[i];
      group.insert(group.begin(), m);
      i = static_cast<int64_t>(doc->mentions[m].token_begin) - 1;
      // Role words the actor stage left out ("North Korean leader Kim") may
      // stand between the coordinator and the name.
      if (i >= b && mention_of[i] >= 0) continue;  // adjacent: "Russian President Vladimir Putin"
      int64_t k = i;
      while (k >= b && k > i - 3 && toks[k].has(kTokWord) && !is_verbish(k) &&
             !g.coordinators.Contains(keys[k]) && !is_prep(k) && mention_of[k] < 0) {
        --k;
      }
      if (k >= b && mention_of[k] >= 0 && k < i) {
        i = k;  // "North Korean" + "leader": part of the same participant
        continue;
      }
      if (k >= b && g.coordinators.Contains(keys[k])) i = k;
      while (i >= b && g.determiners.Contains(keys[i])) --i;
      if (i >= b && (g.coordinators.Contains(keys[i]) || keys[i] == comma)) {
        int64_t j = i - 1;
        while (j >= b && g.determiners.Contains(keys[j])) --j;
        if (j >= b && mention_of[j] >= 0) {
          i = j;
          continue;
        }
      }
      break;
    }
    return group;
  };
  // The token before the mention that holds token t, skipping determiners.
  auto prev_token_before_mention = [&](uint32_t t) -> int64_t {
    int64_t q = static_cast<int64_t>(doc->mentions[mention_of[t]].token_begin) - 1;
    while (q >= b && g.determiners.Contains(keys[q])) --q;
    return q;
  };
  for (uint32_t i = b; i < e;) {
    StrId k = keys[i];
    int cur = stack.back();
    // A semicolon, a colon or the edge of a speech quotation ends every open
    // clause; a new top-level clause starts after it ("…", ha detto X).
    bool quote_edge = (i > b && toks[i].has(kTokCloseQuote) && quoted[i - 1]) ||
                      (i > b && i + 1 < e && toks[i].has(kTokOpenQuote) && quoted[i + 1]);
    if (k == semicolon || k == colon || quote_edge) {
      clause_of[i - b] = cur;
      Clause c;
      c.begin = i + 1;
      clauses.push_back(c);
      has_verb.push_back(0);
      stack.assign(1, static_cast<int>(clauses.size()) - 1);
      ++i;
      continue;
    }
    if (k == comma) {
      clause_of[i - b] = cur;
      bool list_comma =
          i > b && mention_of[i - 1] >= 0 && i + 1 < e &&
          (mention_start[i + 1] >= 0 ||
           (i + 2 < e && g.determiners.Contains(keys[i + 1]) && mention_start[i + 2] >= 0));
      if (!list_comma) {
        while (stack.size() > 1) {
          bool was_comma_opened = clauses[stack.back()].comma_opened;
          stack.pop_back();
          if (was_comma_opened) break;
        }
      }
      ++i;
      continue;
    }
    bool after_comma = i > b && keys[i - 1] == comma;
    size_t len = 0;
    if ((len = g.relatives.MatchAt(keys, i, e)) > 0 && i > b) {
      // "che" after a verb introduces a complement, not a relative.
      bool after_verb = is_verbish(i - 1) || (i >= b + 2 && after_comma && is_verbish(i - 2));
      bool after_noun = mention_of[i - (after_comma ? 2 : 1)] >= 0 ||
                        (toks[i - 1].has(kTokWord) && !is_prep(i - 1));
      if (!after_verb && (after_noun || after_comma)) {
        push(ClauseKind::kRelative, i, after_comma);
        clauses.back().antecedent = group_ending_before(i);
        for (size_t q = 0; q < len; ++q) clause_of[i - b + q] = stack.back();
        i += len;
        continue;
      }
    }
    if ((len = g.conditional_openers.MatchAt(keys, i, e)) > 0) {
      push(ClauseKind::kSubordinate, i, after_comma);
      clauses.back().conditional = true;
      for (size_t q = 0; q < len; ++q) clause_of[i - b + q] = stack.back();
      i += len;
      continue;
    }
    if ((len = g.subordinators.MatchAt(keys, i, e)) > 0 && i > b) {
      // Reported speech: a subordinator right after a speech verb ("ha detto che").
      int64_t j = static_cast<int64_t>(i) - 1;
      while (j >= static_cast<int64_t>(b) &&
             (keys[j] == comma || mention_of[j] >= 0 || g.verb_group.Contains(keys[j]))) {
        if (g.speech_forms.count(keys[j])) break;
        --j;
      }
      bool speech = j >= static_cast<int64_t>(b) && g.speech_forms.count(keys[j]) != 0 &&
                    static_cast<int64_t>(i) - j <= 6;
      push(speech ? ClauseKind::kComplement : ClauseKind::kSubordinate, i, after_comma);
      if (speech) clauses.back().reported = true;
      for (size_t q = 0; q < len; ++q) clause_of[i - b + q] = stack.back();
      i += len;
      continue;
    }
    // "between X and Y", "tra X e Y": the coordinator joins the pair.
    bool pair = false;
    if (i > b && mention_of[i - 1] >= 0) {
      int64_t q = prev_token_before_mention(i - 1);
      pair = q >= b && g.pair_prepositions.Contains(keys[q]);
    }
    if (g.coordinators.Contains(k) && has_verb[cur] && !pair) {
      // A coordinator followed by a verb before the next boundary starts a
      // new clause, which keeps the subordinate status of the one it follows.
      bool verb_follows = false;
      for (uint32_t j = i + 1; j < e && j < i + 7; ++j) {
        if (keys[j] == comma || keys[j] == semicolon) break;
        if (is_verbish(j) && mention_of[j] < 0) {
          verb_follows = true;
          break;
        }
      }
      if (verb_follows) {
        Clause c = clauses[cur];
        c.begin = i;
        c.opener = i;
        c.subject.clear();
        c.antecedent.clear();
        c.comma_opened = false;
        c.subject_found = false;
        clauses.push_back(std::move(c));
        has_verb.push_back(0);
        stack.back() = static_cast<int>(clauses.size()) - 1;
        clause_of[i - b] = stack.back();
        ++i;
        continue;
      }
    }
    clause_of[i - b] = cur;
    // A verb form after an article is a noun ("the meeting", "la visita").
    if (mention_of[i] < 0 && is_verb_head(i) && !(i > b && g.determiners.Contains(keys[i - 1]))) {
      has_verb[cur] = 1;
    }
    if (mention_of[i] < 0 && (g.aux_forms.count(k) || g.speech_forms.count(k))) has_verb[cur] = 1;
    ++i;
  }
  auto clause_at = [&](uint32_t t) { return clause_of[t - b]; };
  auto mention_actor = [&](int m) -> const std::string& { return doc->mentions[m].actor; };

  // Mention group starting at token t (coordinated list: "X, Y e Z").
  auto group_from = [&](uint32_t t, int clause, uint32_t* end) {
    std::vector<int> group;
    uint32_t i = t;
    while (i < e && mention_start[i] >= 0 && clause_at(i) == clause) {
      int m = mention_start[i];
      group.push_back(m);
      i = doc->mentions[m].token_end;
      // Apposition or coordination: ", Y", "e Y", "and the Y".
      uint32_t j = i;
      while (j < e && toks[j].has(kTokCloseQuote)) ++j;
      if (j < e && mention_start[j] >= 0) {
        i = j;
        continue;
      }
      if (j < e && (keys[j] == comma || g.coordinators.Contains(keys[j]))) {
        uint32_t k2 = j + 1;
        while (k2 < e && (g.determiners.Contains(keys[k2]) || toks[k2].has(kTokOpenQuote))) ++k2;
        if (k2 < e && mention_start[k2] >= 0) {
          i = k2;
          continue;
        }
      }
      break;
    }
    *end = i;
    return group;
  };

  // The first token before `t` in the same clause skipping determiners and quotes.
  auto prev_content = [&](uint32_t t) -> int64_t {
    int64_t i = static_cast<int64_t>(t) - 1;
    while (i >= b && (g.determiners.Contains(keys[i]) || toks[i].has(kTokQuote))) --i;
    return i;
  };

  // Subject of clause c for a verb whose group starts at vg: the nearest
  // mention group to the left, in the clause, not inside a prepositional phrase.
  auto find_subject = [&](int c, uint32_t vg, bool* explicit_other, std::string* how) {
    *explicit_other = false;
    // A content word right before the verb group that is not in a
    // prepositional phrase is a subject, actor or not.
    if (vg > b && clause_at(vg - 1) == c) {
      uint32_t w = vg - 1;
      if (mention_of[w] < 0 && toks[w].has(kTokWord) && !is_prep(w) &&
          !g.determiners.Contains(keys[w]) && !g.coordinators.Contains(keys[w]) &&
          !g.relatives.Contains(keys[w]) && !g.subordinators.Contains(keys[w]) &&
          !g.pronouns.Contains(keys[w]) && !is_verbish(w) && !toks[w].has(kTokCapitalised)) {
        bool in_pp = false;
        for (int64_t j = static_cast<int64_t>(w) - 1; j >= static_cast<int64_t>(w) - 3 && j >= b;
             --j) {
          if (is_prep(j)) in_pp = true;
        }
        if (!in_pp) *explicit_other = true;
        // "Senior Hungarian and Romanian officials agreed", "a Russian drone
        // hit", "Taiwan's minister visited": the country the noun belongs to
        // acts, as GDELT and PETRARCH code it.
        for (int64_t j = static_cast<int64_t>(w) - 1;
             *explicit_other && j >= b && j >= static_cast<int64_t>(w) - 3; --j) {
          if (clause_at(j) != c || is_verbish(j) || is_prep(j)) break;
          int m = mention_of[j];
          if (m >= 0 && doc->mentions[m].kind == MentionKind::kCountry &&
              !mention_actor(m).empty()) {
            std::vector<int> group = group_ending_before(doc->mentions[m].token_end);
            int64_t before = prev_content(doc->mentions[group.front()].token_begin);
            if (before >= b && is_prep(static_cast<uint32_t>(before))) break;
            *explicit_other = false;
            *how = "country of the subject noun";
            return group;
          }
          if (!toks[j].has(kTokWord) && !(toks[j].has(kTokClitic) && keys[j] == possessive_s)) {
            break;
          }
        }
      }
    }
    for (int64_t i = static_cast<int64_t>(vg) - 1; i >= b && !*explicit_other; --i) {
      int ci = clause_at(i);
      if (ci != c) {
        // Skip nested clauses (their parent chain reaches c); stop elsewhere.
        int p = ci;
        while (p >= 0 && p != c) p = clauses[p].parent;
        if (p != c) break;
        continue;
      }
      if (mention_of[i] < 0) continue;
      int m = mention_of[i];
      const Mention& mn = doc->mentions[m];
      std::vector<int> group = group_ending_before(mn.token_end);
      if (group.empty()) group.push_back(m);
      uint32_t first = doc->mentions[group.front()].token_begin;
      int64_t before = prev_content(first);
      // "Migliaia di israeliani", "thousands of Israelis": a quantity heads the
      // subject, the preposition does not open a prepositional phrase.
      bool quantity = before > b && g.quantities.Contains(keys[before - 1]);
      if (before >= b && is_prep(static_cast<uint32_t>(before)) && clause_at(before) == c &&
          !quantity) {
        i = first;  // inside a prepositional phrase: keep looking left
        continue;
      }
      if (before >= b && toks[before].has(kTokClitic) && keys[before] == possessive_s) {
        i = first;
        continue;
      }
      *how = "subject before the verb";
      return group;
    }
    return std::vector<int>();
  };

  // A possessive among the determiners before a noun ("his first visit").
  auto possessive_before = [&](uint32_t h) {
    for (int64_t i = static_cast<int64_t>(h) - 1; i >= b && i >= static_cast<int64_t>(h) - 4; --i) {
      if (g.possessives.Contains(keys[i])) return true;
      if (!g.determiners.Contains(keys[i]) && !toks[i].has(kTokQuote)) break;
    }
    return false;
  };

  // Mentions of a group as participants: adjacent mentions are one actor
  // ("Bulgarian President" + "Todor Zhivkov"), represented by the one with the
  // most specific code; a person no dictionary codes takes the country named
  // just before the title ("U.S. Secretary of State Warren Christopher").
  auto participants = [&](const std::vector<int>& group) {
    auto better = [&](int a, int c) {
      const std::string& x = mention_actor(a);
      const std::string& y = mention_actor(c);
      return !x.empty() && (y.empty() || x.size() > y.size());
    };
    std::vector<int> out;
    for (int m : group) {
      if (!out.empty() && doc->mentions[out.back()].token_end == doc->mentions[m].token_begin) {
        if (better(m, out.back())) out.back() = m;
        continue;
      }
      out.push_back(m);
    }
    for (int& m : out) {
      const Mention& mn = doc->mentions[m];
      if (!mn.actor.empty() || mn.kind != MentionKind::kPerson) continue;
      for (int64_t j = static_cast<int64_t>(mn.token_begin) - 1;
           j >= b && j >= static_cast<int64_t>(mn.token_begin) - 5; --j) {
        int q = mention_of[j];
        if (q >= 0) {
          if (doc->mentions[q].kind == MentionKind::kCountry && !mention_actor(q).empty()) m = q;
          break;
        }
        if (!toks[j].has(kTokCapitalised) && !is_prep(static_cast<uint32_t>(j))) break;
      }
    }
    return out;
  };

  struct Pending {
    Event ev;
    uint32_t head;
    uint32_t arg_end;  // end of the matched arguments (for background)
    bool noun;
    bool infinitive;
    bool weak_source;  // a noun event's source guessed from context
  };
  std::vector<Pending> pending;

  // Matches the elements after the head of *cur_p, left to right, with bounded
  // skips; defined once per sentence, pointed at each pattern in turn.
  const CPattern* cur_p = nullptr;
  bool cur_pas = false;
  int cur_c = 0;
  std::function<bool(size_t, uint32_t, int, MatchResult&)> rec =
      [&](size_t ei, uint32_t pos, int allowance, MatchResult& mr) -> bool {
    if (ei == cur_p->after.size()) {
      mr.end = pos;
      return true;
    }
    const CElement& el = cur_p->after[ei];
    if (el.kind == PatternElement::Kind::kGap) return rec(ei + 1, pos, 10, mr);
    int allow = el.adjacent ? 0 : allowance;
    if ((el.kind == PatternElement::Kind::kTarget || el.kind == PatternElement::Kind::kSource) &&
        allow <= 3) {
      // A role phrase the actor stage did not code, then its holder in
      // apposition: "con il segretario generale del partito, Nguyen Phu
      // Trong": the slot takes the name after the comma.
      bool near = false;
      for (uint32_t q = pos; q < e && q <= pos + 3 && !near; ++q) {
        near = mention_start[q] >= 0 && !mention_actor(mention_start[q]).empty();
      }
      for (uint32_t q = pos + 1; !near && q + 1 < e && q <= pos + 8; ++q) {
        if (clause_at(q) != cur_c || is_verbish(q)) break;
        if (keys[q] == comma && mention_start[q + 1] >= 0 &&
            !mention_actor(mention_start[q + 1]).empty()) {
          uint32_t end = 0;
          std::vector<int> group = group_from(q + 1, cur_c, &end);
          MatchResult copy = mr;
          (el.kind == PatternElement::Kind::kTarget ? copy.target : copy.source) = group;
          copy.score += 1;
          if (rec(ei + 1, end, 3, copy)) {
            mr = copy;
            return true;
          }
          break;
        }
      }
    }
    for (uint32_t p0 = pos; p0 < e && p0 <= pos + static_cast<uint32_t>(allow); ++p0) {
      if (clause_at(p0) != cur_c) {
        int q = clause_at(p0);
        while (q >= 0 && q != cur_c) q = clauses[q].parent;
        if (q != cur_c) break;
        continue;
      }
      if (el.kind == PatternElement::Kind::kTarget || el.kind == PatternElement::Kind::kSource) {
        if (mention_start[p0] >= 0 && !mention_actor(mention_start[p0]).empty()) {
          uint32_t end = 0;
          std::vector<int> group = group_from(p0, cur_c, &end);
          // The whole coordinated group first, then shorter prefixes, so that
          // "between $ and +" can split "Israel and Hamas".
          for (size_t len = group.size(); len >= 1; --len) {
            MatchResult copy = mr;
            std::vector<int> part(group.begin(), group.begin() + len);
            uint32_t part_end = len == group.size() ? end : doc->mentions[part.back()].token_end;
            (el.kind == PatternElement::Kind::kTarget ? copy.target : copy.source) = part;
            copy.score += 1;
            if (rec(ei + 1, part_end, 3, copy)) {
              mr = copy;
              return true;
            }
          }
        }
      } else {
        for (const auto& alt : el.alternatives) {
          if (p0 + alt.size() > e) continue;
          bool ok = true;
          for (size_t w = 0; w < alt.size() && ok; ++w) {
            ok = KeyIn(alt[w], keys[p0 + w]);
          }
          if (!ok) continue;
          MatchResult copy = mr;
          copy.score += 2 * static_cast<int>(alt.size());
          if (rec(ei + 1, p0 + static_cast<uint32_t>(alt.size()), 3, copy)) {
            mr = copy;
            return true;
          }
        }
      }
      // Skipped tokens may not be actor mentions (except with a gap).
      if (mention_start[p0] >= 0 && allow <= 3 && el.kind == PatternElement::Kind::kWords) {
        break;
      }
    }
    if (el.kind == PatternElement::Kind::kTarget && cur_pas) {
      // Passive: the object slot stands empty; the subject is the target.
      MatchResult copy = mr;
      copy.target_elided = true;
      if (rec(ei + 1, pos, 3, copy)) {
        mr = copy;
        return true;
      }
    }
    return false;
  };
  for (uint32_t h = b; h < e; ++h) {
    auto hit = heads.find(keys[h]);
    if (hit == heads.end() || mention_of[h] >= 0) continue;
    const int c = clause_at(h);
    // Verb group: auxiliaries, clitics, negation and adverbs before the head.
    uint32_t vg = h;
    while (vg > b && clause_at(vg - 1) == c &&
           (g.verb_group.Contains(keys[vg - 1]) || g.aux_forms.count(keys[vg - 1]) ||
            g.negation.Contains(keys[vg - 1]) || g.future_aux.Contains(keys[vg - 1]) ||
            g.hypothetical_modals.Contains(keys[vg - 1])) &&
           mention_of[vg - 1] < 0) {
      --vg;
    }
    bool passive = false;
    // Try every pattern of the head; keep the most specific match.
    const CPattern* best = nullptr;
    MatchResult best_m;
    uint16_t best_features = 0;
    for (const HeadHit& hh : hit->second) {
      const CPattern& p = patterns[hh.pattern];
      bool pas = !p.noun && (hh.features & kParticiple) != 0;
      if (pas) {
        bool aux = false;
        for (uint32_t j = vg; j < h; ++j) {
          if (g.passive_forms.count(keys[j])) aux = true;
        }
        for (uint32_t j = vg; j < h; ++j) {
          if (g.reflexive.Contains(keys[j])) aux = false;  // "si è recato": not passive
        }
        pas = aux;
      }
      if (p.noun && (hh.features != 0)) continue;
      // After an article a verb form is a noun: "la visita", "the attack".
      if (!p.noun && h > b && g.determiners.Contains(keys[h - 1]) &&
          !g.verb_group.Contains(keys[h - 1])) {
        continue;
      }
      MatchResult m;
      m.score = 0;
      // Elements after the head, left to right, with bounded skips.
      cur_p = &p;
      cur_pas = pas;
      cur_c = c;
      if (!rec(0, h + 1, 3, m)) continue;
      // Elements before the head (PETRARCH), right to left.
      bool before_ok = true;
      int64_t pos = static_cast<int64_t>(vg) - 1;
      for (size_t bi = p.before.size(); bi-- > 0 && before_ok;) {
        const CElement& el = p.before[bi];
        if (el.kind != PatternElement::Kind::kWords) continue;  // $ + ^: the subject
        bool found = false;
        for (int64_t q = pos; q >= b && q >= pos - 6 && clause_at(q) == c; --q) {
          for (const auto& alt : el.alternatives) {
            if (q + static_cast<int64_t>(alt.size()) > h) continue;
            bool ok = true;
            for (size_t w = 0; w < alt.size() && ok; ++w) ok = KeyIn(alt[w], keys[q + w]);
            if (ok) {
              found = true;
              m.score += 2 * static_cast<int>(alt.size());
              pos = q - 1;
              break;
            }
          }
          if (found) break;
        }
        before_ok = found;
      }
      if (!before_ok) continue;
      if (best == nullptr || m.score > best_m.score) {
        best = &p;
        best_m = std::move(m);
        best_features = hh.features;
        passive = pas;
      }
    }
    if (best == nullptr || best->code == "---") continue;
    const CPattern& p = *best;
    std::string how_source, how_target;

    // ---- Source -------------------------------------------------------
    std::vector<int> source = best_m.source;
    std::vector<int> target = best_m.target;
    std::vector<int> subject;
    std::string how_subject;
    bool explicit_other = false;
    if (!p.noun) {
      subject = find_subject(c, vg, &explicit_other, &how_subject);
      if (subject.empty() && !explicit_other && vg > b && clause_at(vg - 1) == c &&
          g.pronouns.Contains(keys[vg - 1]) && !last_subject->empty() &&
          si - *last_subject_sentence <= 2) {
        subject = *last_subject;
        how_subject = "pronoun '" + std::string(doc->TokenText(toks[vg - 1])) +
                      "' resolved to the last subject";
      }
      if (subject.empty() && !explicit_other && clauses[c].kind == ClauseKind::kRelative &&
          !clauses[c].antecedent.empty()) {
        subject = clauses[c].antecedent;
        how_subject = "antecedent of the relative pronoun";
      }
      if (subject.empty() && !explicit_other) {
        // Carried from the clause this one depends on, or the previous one.
        for (int q = c - 1; q >= 0 && subject.empty(); --q) {
          if (!clauses[q].subject.empty()) {
            subject = clauses[q].subject;
            how_subject = "subject carried from the previous clause";
          }
          if (clauses[q].subject_found && clauses[q].subject.empty()) break;
        }
      }
      if (subject.empty() && !explicit_other && !last_subject->empty() &&
          si - *last_subject_sentence <= 1 && clauses[c].kind != ClauseKind::kRelative) {
        // Only languages that drop subjects carry them across sentences.
        if (g.pro_drop) {
          subject = *last_subject;
          how_subject = "dropped subject carried from the previous sentence";
        }
      }
      if (!subject.empty()) {
        clauses[c].subject = subject;
        clauses[c].subject_found = true;
      }
      if (passive) {
        // The agent follows "da"/"by"; the grammatical subject is the target.
        std::vector<int> agent;
        for (uint32_t j = h + 1; j < e && j < h + 8 && agent.empty(); ++j) {
          if (clause_at(j) != c) break;
          size_t len = g.agent_preps.MatchAt(keys, j, e);
          if (len == 0) continue;
          uint32_t k2 = j + static_cast<uint32_t>(len);
          while (k2 < e && g.determiners.Contains(keys[k2])) ++k2;
          if (k2 < e && mention_start[k2] >= 0) {
            uint32_t end = 0;
            agent = group_from(k2, c, &end);
          }
        }
        if (!agent.empty() && (best_m.target_elided || target.empty())) {
          if (source.empty()) source = agent;
          target = subject;
          how_source = "passive agent after 'da'/'by'";
          how_target = "passive subject";
        } else if (best_m.target_elided || !p.has_target_slot) {
          continue;  // "X was attacked": no one to code as the source
        } else {
          passive = false;  // the object slot is filled: an active form with "essere"
        }
      }
      if (source.empty()) {
        source = subject;
        how_source = how_subject;
      }
    } else if (source.empty()) {
      // Noun head: possessive, adjacent demonym, nearest person, carried subject.
      int64_t before = prev_content(h);
      if (before > b && toks[before].has(kTokClitic) && mention_of[before - 1] >= 0) {
        source = {mention_of[before - 1]};
        how_source = "possessive before the noun";
      } else if (before >= b && mention_of[before] >= 0 &&
                 doc->mentions[mention_of[before]].kind == MentionKind::kCountry) {
        source = {mention_of[before]};
        how_source = "adjective of nationality before the noun";
      } else if (h + 1 < e && mention_start[h + 1] >= 0 &&
                 doc->mentions[mention_start[h + 1]].kind == MentionKind::kCountry &&
                 (target.empty() || target.front() != mention_start[h + 1])) {
        source = {mention_start[h + 1]};
        how_source = "adjective of nationality after the noun";
      } else if (possessive_before(h) && !last_subject->empty()) {
        source = *last_subject;
        how_source = "possessive resolved to the last subject";
      } else {
        for (int64_t j = static_cast<int64_t>(h) - 1; j >= b && source.empty(); --j) {
          int m = mention_of[j];
          if (m < 0 || mention_actor(m).empty()) continue;
          MentionKind k = doc->mentions[m].kind;
          if (k == MentionKind::kPerson || k == MentionKind::kRole) {
            source = {m};
            how_source = "nearest person before the noun";
          }
        }
        if (source.empty() && !last_subject->empty() && si - *last_subject_sentence <= 1) {
          source = *last_subject;
          how_source = "subject carried from the previous sentence";
        }
      }
    }

    const bool weak_source = p.noun && (how_source == "nearest person before the noun" ||
                                        how_source == "subject carried from the previous sentence");
    // ---- Target -------------------------------------------------------
    const CameoCode* info_code = p.code.empty() ? nullptr : codebook->Find(p.code);
    const bool conflict = info_code != nullptr && info_code->quad == 4;
    if (target.empty() && !p.has_target_slot) {
      for (uint32_t j = best_m.end > h ? h + 1 : h + 1; j < e; ++j) {
        int cj = clause_at(j);
        if (cj != c) {
          int q = cj;
          while (q >= 0 && q != c) q = clauses[q].parent;
          if (q != c) break;
          continue;
        }
        if (mention_start[j] < 0 || mention_actor(mention_start[j]).empty()) continue;
        int64_t pj = prev_content(j);
        if (pj >= b) {
          auto base = g.preposition_base.find(keys[pj]);
          StrId prep = base == g.preposition_base.end() ? keys[pj] : base->second;
          // "in Vietnam": a place, not a target, except for an act of force
          // ("airstrikes in Gaza").
          if (prep == in_key && !conflict) continue;
        }
        if (std::find(source.begin(), source.end(), mention_start[j]) != source.end()) continue;
        uint32_t end = 0;
        target = group_from(j, c, &end);
        how_target = "first actor after the verb";
        break;
      }
    } else if (how_target.empty() && !target.empty()) {
      how_target = "pattern slot +";
    }
    if (how_source.empty() && !source.empty()) how_source = "pattern slot $";
    // Reciprocal: a coordinated subject codes both directions.
    bool reciprocal = p.mutual;
    for (uint32_t j = clauses[c].begin; j < e && !reciprocal; ++j) {
      if (clause_at(j) == c && g.reciprocal.MatchAt(keys, j, e)) reciprocal = true;
    }
    source = participants(source);
    target = participants(target);
    std::vector<std::pair<int, int>> pairs;  // source mention, target mention
    if (reciprocal && source.size() >= 2 && best_m.target.empty() && !passive) {
      target.clear();
      for (int s : source) {
        for (int t : source) {
          if (s != t) pairs.push_back({s, t});
        }
      }
      how_target = "the other member of the coordinated subject (reciprocal action)";
    } else {
      for (int s : source) {
        for (int t : target) pairs.push_back({s, t});
      }
    }
    // A verb event with a subject and no target in reach ("La Corea del Nord
    // ha testato un missile") is coded with an empty target.
    if (pairs.empty() && !p.noun && !source.empty() && target.empty() && !p.has_target_slot &&
        !(reciprocal && source.size() >= 2)) {
      for (int s : source) pairs.push_back({s, -1});
      how_target = "none in the clause";
    }
    if (pairs.empty()) continue;

    // ---- Modality -----------------------------------------------------
    Modality mod = Modality::kAsserted;
    std::string why = "stated as fact";
    bool negated = false, hypothetical = false, future = p.future, reported = false;
    std::string neg_word, hyp_word, fut_word, rep_word;
    for (uint32_t j = vg; j < h; ++j) {
      if (g.negation.Contains(keys[j]) && neg_word.empty()) {
        negated = true;
        neg_word = doc->TokenText(toks[j]);
      }
      if (g.hypothetical_modals.Contains(keys[j])) {
        hypothetical = true;
        hyp_word = doc->TokenText(toks[j]);
      }
      if (g.future_aux.Contains(keys[j])) {
        future = true;
        fut_word = doc->TokenText(toks[j]);
      }
      auto af = g.aux_forms.find(keys[j]);
      if (af != g.aux_forms.end()) {
        if (af->second & kConditional) {
          hypothetical = true;
          hyp_word = doc->TokenText(toks[j]);
        } else if (af->second & kFuture) {
          future = true;
          fut_word = doc->TokenText(toks[j]);
        }
      }
    }
    // A bare infinitive ("a recarsi", "to visit") states no act yet: an
    // intention, a purpose or the content of an invitation.
    bool infinitive = false;
    if (!p.noun) {
      uint16_t fin = kPresent | kPast | kImperfect | kFuture | kConditional | kSubjunctive;
      bool only_inf = (best_features & kInfinitive) && !(best_features & fin);
      bool to_inf = (best_features & kInfinitive) && vg > b && g.purpose_to.Contains(keys[vg - 1]);
      bool aux_before = false;
      for (uint32_t j = vg; j < h; ++j) aux_before = aux_before || g.aux_forms.count(keys[j]);
      infinitive = (only_inf || to_inf) && !aux_before;
      if (infinitive) {
        future = true;
        fut_word = "infinitive '" + std::string(doc->TokenText(toks[h])) + "'";
      }
    }
    if (!p.noun) {
      if (best_features & kConditional) {
        hypothetical = true;
        hyp_word = doc->TokenText(toks[h]);
      } else if ((best_features & kFuture) && !(best_features & (kPresent | kPast))) {
        future = true;
        fut_word = doc->TokenText(toks[h]);
      }
    }
    for (int q = c; q >= 0; q = clauses[q].parent) {
      if (clauses[q].conditional) {
        hypothetical = true;
        if (hyp_word.empty()) hyp_word = "condition clause";
      }
      if (clauses[q].reported) {
        reported = true;
        rep_word = "reported-speech clause";
      }
    }
    // A condition clause attached to this one ("..., if attacked").
    for (const Clause& cl : clauses) {
      bool quote_between = false;
      for (uint32_t j = h + 1; j < cl.opener && j < e; ++j) {
        quote_between = quote_between || toks[j].has(kTokQuote);
      }
      if (cl.parent == c && cl.conditional && cl.kind == ClauseKind::kSubordinate &&
          !clauses[c].conditional && cl.opener > h && !quote_between) {
        hypothetical = true;
        if (hyp_word.empty()) hyp_word = std::string(doc->TokenText(toks[cl.opener]));
      }
    }
    // Condition phrases ("in caso di") govern a noun just before them and
    // anything after them in the clause.
    for (uint32_t j = clauses[c].begin; j < e; ++j) {
      if (clause_at(j) != c) continue;
      size_t len = g.condition_phrases.MatchAt(keys, j, e);
      if (len == 0) continue;
      if (j < h || (p.noun && j > h && j <= h + 4)) {
        hypothetical = true;
        hyp_word = doc->TokenText(toks[j]);
      }
    }
    for (uint32_t j = clauses[c].begin; j < h; ++j) {
      if (clause_at(j) != c) continue;
      if (g.future_cues.MatchAt(keys, j, e)) {
        future = true;
        fut_word = doc->TokenText(toks[j]);
      }
      if (g.report_cues.MatchAt(keys, j, e)) {
        reported = true;
        rep_word = doc->TokenText(toks[j]);
      }
    }
    if (p.noun) {
      int64_t pc = prev_content(h);
      if (pc >= b && g.purpose.Contains(keys[pc])) {
        future = true;
        fut_word = doc->TokenText(toks[pc]);
      }
    }
    // Report cues after the clause ("…, according to X") count as well.
    for (uint32_t j = h + 1; j < e; ++j) {
      if (g.report_cues.MatchAt(keys, j, e) && clause_at(j) == c) {
        reported = true;
        rep_word = doc->TokenText(toks[j]);
      }
    }
    if (quoted[h]) {
      reported = true;
      if (rep_word.empty()) rep_word = "inside a quotation";
    }
    if (negated) {
      mod = Modality::kNegated;
      why = "negation '" + neg_word + "'";
    } else if (hypothetical) {
      mod = Modality::kHypothetical;
      why = "conditional: '" + hyp_word + "'";
    } else if (future) {
      mod = Modality::kFuture;
      why = fut_word.empty() ? "future by the pattern" : "future: '" + fut_word + "'";
    } else if (reported) {
      mod = Modality::kReported;
      why = "reported: " + rep_word;
    }
    bool background = false;
    std::string why_background;
    for (uint32_t j = clauses[c].begin; j < e; ++j) {
      if (clause_at(j) != c) continue;
      if (g.past_cues.MatchAt(keys, j, e)) {
        background = true;
        why_background = "past cue '" + std::string(doc->TokenText(toks[j])) + "'";
      }
      if (toks[j].has(kTokNumber) && doc->meta.date.known() && toks[j].length == 4) {
        int year = std::atoi(std::string(doc->TokenText(toks[j])).c_str());
        if (year >= 1900 && year < doc->meta.date.year && j < h + 6) {
          background = true;
          why_background = "earlier year " + std::to_string(year);
        }
      }
    }

    // ---- Events -------------------------------------------------------
    std::string code = p.code;
    std::string why_code;
    if (mod == Modality::kFuture || mod == Modality::kHypothetical) {
      std::string intent = codebook->IntentFor(code);
      if (!intent.empty()) {
        why_code = "material act " + code + " not yet done: coded as intent " + intent;
        code = intent;
      }
    }
    auto make = [&](int s, int t, const std::string& cd, const std::string& role, bool swapped) {
      const CameoCode* info = codebook->Find(cd);
      if (info == nullptr) return;
      if (s < 0) return;
      const Mention& ms = doc->mentions[s];
      static const Mention kNone;
      const Mention& mt = t >= 0 ? doc->mentions[t] : kNone;
      if (ms.actor.empty() || (t >= 0 && mt.actor.empty())) return;
      if (t >= 0 && (ms.actor == mt.actor || (ms.entity >= 0 && ms.entity == mt.entity))) return;
      Event ev;
      ev.source = {ms.actor, s};
      ev.target = {mt.actor, t};
      ev.code = cd;
      ev.root = info->root;
      ev.quad = info->quad;
      ev.goldstein = info->goldstein;
      ev.plover = info->plover;
      ev.modality = mod;
      ev.background = background;
      ev.sentence = si;
      ev.trigger_start = toks[h].start;
      ev.trigger_end = toks[h].end();
      ev.rule = p.rule;
      if (explain) {
        auto span = [&](const Mention& mm) {
          if (mm.end == 0) return std::string("(none)");
          return "'" + std::string(doc->text.substr(mm.start, mm.end - mm.start)) + "'";
        };
        std::string clause_text;
        uint32_t cb = clauses[c].begin, ce = cb;
        for (uint32_t j = cb; j < e; ++j) {
          if (clause_at(j) == c) ce = j + 1;
        }
        if (ce > cb) {
          clause_text = doc->text.substr(toks[cb].start, toks[ce - 1].end() - toks[cb].start);
        }
        ev.explanation = std::string(ClauseKindName(clauses[c].kind)) + " '" + clause_text +
                         "'; trigger '" + std::string(doc->TokenText(toks[h])) + "'" +
                         (passive ? " (passive)" : "") + "; source " + span(ms) + " (" +
                         (swapped ? how_target : how_source) + "); target " + span(mt) + " (" +
                         (swapped ? how_source : how_target) + "); pattern " + p.rule + " `" +
                         p.display + "` -> " + cd + " " + info->name + role +
                         (why_code.empty() ? "" : "; " + why_code) + "; modality " +
                         std::string(ModalityName(mod)) + " (" + why + ")" +
                         (background ? "; background (" + why_background + ")" : "");
      }
      pending.push_back(
          {std::move(ev), h, std::max(best_m.end, h + 1), p.noun, infinitive, weak_source});
    };
    for (auto [s, t] : pairs) {
      if (!code.empty()) make(s, t, code, "", false);
      if (!p.paired.empty()) make(t, s, p.paired, " (paired code: the target's side)", true);
      if (reciprocal && !target.empty() && !code.empty()) {
        make(t, s, code, " (reciprocal action)", true);
      }
    }
  }
  // An infinitive inside the words another pattern matched ("invito a Kim a
  // recarsi a Mosca", "invited Kim to visit Moscow") is part of that event.
  for (auto& pn : pending) {
    if (!pn.infinitive) continue;
    for (const auto& pv : pending) {
      if (&pv != &pn && pv.head < pn.head && pn.head < pv.arg_end) {
        pn.ev.code.clear();
        break;
      }
    }
  }
  pending.erase(std::remove_if(pending.begin(), pending.end(),
                               [](const Pending& x) { return x.ev.code.empty(); }),
                pending.end());
  // Background: a noun event inside the arguments of a verb event.
  for (auto& pn : pending) {
    if (!pn.noun || pn.ev.background) continue;
    for (auto& pv : pending) {
      if (pv.noun || pv.head >= pn.head) continue;
      if (pv.ev.target.mention < 0 || clause_at(pn.head) != clause_at(pv.head)) continue;
      const Mention& vt = doc->mentions[pv.ev.target.mention];
      // Between the verb and its target ("condemned the attack of Russia"), or
      // sharing the verb's target ("condemned Russia's invasion").
      bool inside = pn.head < vt.token_begin ||
                    (pn.ev.source.mention == pv.ev.target.mention && vt.token_begin > pv.head);
      // Only for criticism or rejection (roots 11, 12) of a conflict act (14-20).
      bool criticism = pv.ev.root == "11" || pv.ev.root == "12";
      if (inside && criticism && pn.ev.quad == 4 && pv.ev.target.mention == pn.ev.target.mention &&
          pn.ev.source.mention >= 0 && pn.ev.source.mention != pv.ev.source.mention) {
        // "condemned Russia's invasion of Ukraine": what is condemned is the
        // invader, the agent of the embedded event, not its victim.
        pv.ev.target = pn.ev.source;
        if (explain) pv.ev.explanation += "; target is the agent of the embedded event";
      }
      bool about_other = pv.ev.root == "10" || pv.ev.root == "11" || pv.ev.root == "12";
      if (inside && pn.weak_source && about_other) {
        // "Biden condemned the attack on Fico": whoever demands, criticises or
        // rejects an act is not its agent, who is unknown here. (Who announces
        // or orders an act is: "annunciato la revoca delle sanzioni".)
        pn.ev.code.clear();
        break;
      }
      if (inside) {
        pn.ev.background = true;
        if (explain) pn.ev.explanation += "; background (inside the object of another event)";
        break;
      }
    }
  }
  pending.erase(std::remove_if(pending.begin(), pending.end(),
                               [](const Pending& x) { return x.ev.code.empty(); }),
                pending.end());
  // Remember the subject for the next sentences: the first clause with an actor subject.
  for (const Clause& cl : clauses) {
    if (!cl.subject.empty()) {
      *last_subject = cl.subject;
      *last_subject_sentence = si;
      break;
    }
  }
  if (last_subject->empty() || *last_subject_sentence != si) {
    // No coded clause: take a mention subject before the first verb of the sentence.
    for (uint32_t i = b; i < e; ++i) {
      if (is_verbish(i) && mention_of[i] < 0 && !quoted[i]) {
        bool other = false;
        std::string how;
        std::vector<int> s = find_subject(clause_at(i), i, &other, &how);
        if (s.empty() && !other && i + 1 < e && mention_start[i + 1] >= 0 &&
            g.speech_forms.count(keys[i])) {
          // "…", told Putin / ha detto Putin: the subject follows the cue.
          uint32_t end = 0;
          s = group_from(i + 1, clause_at(i + 1), &end);
        }
        if (!s.empty() && !mention_actor(s.front()).empty()) {
          *last_subject = s;
          *last_subject_sentence = si;
          break;
        }
        if (other) break;
      }
    }
  }
  // De-duplicate: one event per source, target, code and modality in a sentence.
  for (auto& pn : pending) {
    bool dup = false;
    for (const Event& ev : doc->events) {
      if (ev.sentence == si && ev.source.actor == pn.ev.source.actor &&
          ev.target.actor == pn.ev.target.actor && ev.code == pn.ev.code &&
          ev.modality == pn.ev.modality) {
        dup = true;
        break;
      }
    }
    if (!dup) doc->events.push_back(std::move(pn.ev));
  }
}

void EventCoder::Situate(Document* doc) const {
  if (doc->events.empty()) return;
  const ClauseGrammar& g = impl_->g;
  const auto& toks = doc->tokens;
  // The token that starts at byte `start` (places and times start on tokens).
  auto token_at = [&](uint32_t start) -> int64_t {
    auto it = std::lower_bound(toks.begin(), toks.end(), start,
                               [](const Token& t, uint32_t s) { return t.start < s; });
    return it == toks.end() || it->start != start ? -1 : it - toks.begin();
  };
  auto in_sentence = [&](uint32_t byte, uint32_t si) {
    const Sentence& s = doc->sentences[si];
    return byte >= s.start && byte < s.end;
  };
  auto distance = [](uint32_t a, uint32_t b) { return a > b ? a - b : b - a; };
  for (Event& e : doc->events) {
    // Date: the nearest calendar expression of the sentence.
    e.date = doc->meta.date;
    e.time = -1;
    uint32_t best = UINT32_MAX;
    for (size_t i = 0; i < doc->times.size(); ++i) {
      const TimeExpr& t = doc->times[i];
      if (t.type != TimeType::kDate && t.type != TimeType::kTime) continue;
      if (!in_sentence(t.start, e.sentence)) continue;
      auto date = PartialDate::Parse(t.value);
      if (!date) continue;
      uint32_t d = distance(t.start, e.trigger_start);
      if (d < best) {
        best = d;
        e.date = *date;
        e.time = static_cast<int32_t>(i);
      }
    }
    // Place: after a locative preposition in the sentence, nearest the trigger.
    e.place = -1;
    best = UINT32_MAX;
    for (size_t i = 0; i < doc->places.size(); ++i) {
      const Place& p = doc->places[i];
      if (!in_sentence(p.start, e.sentence)) continue;
      int64_t t = token_at(p.start);
      if (t <= 0) continue;
      int64_t q = t - 1;
      while (q > 0 && (g.determiners.Contains(TokenKey(doc->TokenNorm(toks[q]))) ||
                       toks[q].has(kTokQuote))) {
        --q;
      }
      if (!g.locatives.Contains(TokenKey(doc->TokenNorm(toks[q])))) continue;
      uint32_t d = distance(p.start, e.trigger_start);
      if (d < best) {
        best = d;
        e.place = static_cast<int32_t>(i);
      }
    }
    // A visit happens where the visited actor is.
    if (e.place < 0 && (e.code.rfind("042", 0) == 0 || e.code.rfind("043", 0) == 0)) {
      int32_t visited = e.code.rfind("042", 0) == 0 ? e.target.mention : e.source.mention;
      for (size_t i = 0; i < doc->places.size() && visited >= 0; ++i) {
        if (doc->places[i].mention == visited) e.place = static_cast<int32_t>(i);
      }
    }
    // Narrow a country to the first city of it that the article names.
    if (e.place >= 0 && doc->places[e.place].kind == "country") {
      const std::string& country = doc->places[e.place].country;
      for (size_t i = 0; i < doc->places.size(); ++i) {
        if (doc->places[i].kind == "city" && doc->places[i].country == country) {
          e.place = static_cast<int32_t>(i);
          break;
        }
      }
    }
  }
  // The same event reported twice (a headline and the body) happened in one place.
  for (Event& e : doc->events) {
    if (e.place >= 0) continue;
    for (const Event& o : doc->events) {
      if (o.place < 0 || o.code != e.code) continue;
      std::string a = e.source.actor.substr(0, 3), b = e.target.actor.substr(0, 3);
      std::string c = o.source.actor.substr(0, 3), d = o.target.actor.substr(0, 3);
      if ((a == c && b == d) || (a == d && b == c)) {
        e.place = o.place;
        break;
      }
    }
  }
}

}  // namespace cronista
