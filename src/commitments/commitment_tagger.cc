#include "commitments/commitment_tagger.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/actor_lexicon.h"
#include "text/normalize.h"
#include "text/text_rules.h"
#include "text/tokenizer.h"

namespace cronista {

namespace {

constexpr std::string_view kFormatLine = "#! cronista-commitments 1";
// A `*` element of a phrase skips up to this many tokens.
constexpr uint32_t kMaxGap = 6;
// A negator cancels a type cue that starts at most this many tokens after it.
constexpr uint32_t kNegatorReach = 3;
// A speculative word makes an anchor unreal when it ends at most this many
// tokens before the trigger.
constexpr uint32_t kSpeculativeReach = 4;

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Words separated by spaces, empty ones dropped.
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::string_view w : Split(s, ' ')) {
    if (!Trim(w).empty()) out.push_back(Trim(w));
  }
  return out;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool IsSecurityType(std::string_view t) {
  return t == "defence" || t == "offence" || t == "neutrality" || t == "non-aggression" ||
         t == "consultation";
}

bool IsType(std::string_view t) {
  return IsSecurityType(t) || t == "cooperation" || t == "partnership";
}

bool IsCode(std::string_view c) {
  return c.size() >= 2 && c.size() <= 4 &&
         std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

enum class CueKind : uint8_t { kType, kCondition, kMutual, kNegator, kSpeculative };
enum class Role : uint8_t { kAgreement, kObligation };

// One alternative of a phrase element: consecutive token keys, or (when
// `prefix` is set) one token whose normalised form starts with `prefix`.
struct Alternative {
  std::vector<StrId> keys;
  std::string prefix;
};

struct Element {
  bool gap = false;  // `*`: skip 0..kMaxGap tokens
  std::vector<Alternative> alternatives;
};

struct Cue {
  CueKind kind = CueKind::kType;
  std::vector<Element> elements;
  std::string type;                   // kType; the implied type of a kCondition
  int strength = 1;                   // kType: 2 strong, 1 weak
  bool mutual_when_cosigned = false;  // kType flag `mutual`
  bool needs_condition = false;       // kType flag `needs-condition`
  bool agreement_only = false;        // kSpeculative scope `agreement`
  std::string condition;              // kCondition: the canonical condition
  std::string rule;
};

struct AnchorSpec {
  Role role = Role::kAgreement;
  std::string type;  // default type the code itself implies; "" when none
  std::string rule;
};

// A cue found in a sentence: tokens [begin, end).
struct Hit {
  uint32_t cue = 0;
  uint32_t begin = 0, end = 0;
  bool cancelled = false;
};

// An event that may carry a commitment, with its parties at country level.
struct Anchor {
  uint32_t event = 0;
  const AnchorSpec* spec = nullptr;
  std::string source, target;
  uint32_t trigger = 0;  // token index
};

// A commitment being assembled from the evidence of one or more sentences.
struct Pending {
  Commitment c;
  std::string key;  // sorted parties + type
  int score = -1;
  int agreement_event = -1;         // first signing event in the merged evidence
  bool best_has_agreement = false;  // the chosen sentence has a signing
  std::string condition_rule, best_condition, any_condition, any_condition_rule;
  std::vector<std::string> obligors;  // parties found taking a one-way obligation
};

}  // namespace

struct CommitmentTagger::Impl {
  std::string lang;
  std::vector<Cue> cues;
  std::unordered_map<std::string, AnchorSpec> anchors;
  // Cues by the keys their first element may start with; cues whose first
  // element has a prefix alternative are tried at every token.
  std::unordered_map<StrId, std::vector<uint32_t>> by_first_key;
  std::vector<uint32_t> scan_always;
  std::vector<std::string> speculative_endings;
  std::unordered_set<std::string> excluded_sectors;  // "MED": a news agency signs nothing
  std::unordered_set<std::string> countries;         // CAMEO country codes; empty: any
  std::vector<Example> examples;

  Status Parse(std::string_view text, const std::string& file, const TextRules& rules);
  Status ParsePhrase(std::string_view phrase, const TextRules& rules,
                     std::vector<Element>* out) const;
  std::string PartyCode(const std::string& actor) const;
  // End of the shortest match of cue elements [e, ..) starting at token
  // `pos` and ending by `end`; -1 when none.
  int64_t MatchFrom(const Cue& cue, size_t e, uint32_t pos, uint32_t end,
                    const std::vector<StrId>& keys, const Document& doc) const;
  void FindHits(const Document& doc, uint32_t begin, uint32_t end, const std::vector<StrId>& keys,
                std::vector<Hit>* hits) const;
};

CommitmentTagger::CommitmentTagger() : impl_(std::make_unique<Impl>()) {}
CommitmentTagger::~CommitmentTagger() = default;

const std::vector<CommitmentTagger::Example>& CommitmentTagger::examples() const {
  return impl_->examples;
}

size_t CommitmentTagger::cue_count() const { return impl_->cues.size(); }

Status CommitmentTagger::Impl::ParsePhrase(std::string_view phrase, const TextRules& rules,
                                           std::vector<Element>* out) const {
  for (std::string_view word : Words(phrase)) {
    Element el;
    if (word == "*") {
      if (out->empty()) return Status::InvalidArgument("a phrase cannot start with '*'");
      el.gap = true;
      out->push_back(std::move(el));
      continue;
    }
    for (std::string_view alt : Split(word, '|')) {
      if (alt.empty())
        return Status::InvalidArgument("empty alternative in '" + std::string(word) + "'");
      Alternative a;
      if (alt.size() > 1 && alt.back() == '*') {
        a.prefix = NormalizeToken(alt.substr(0, alt.size() - 1));
      } else {
        // Tokenised as text is, so "un'aggressione" is the two tokens the
        // tokenizer makes of it; '_' joins words of one alternative.
        Document d;
        d.text = std::string(alt);
        std::replace(d.text.begin(), d.text.end(), '_', ' ');
        Tokenize(rules, &d);
        for (const Token& t : d.tokens) a.keys.push_back(TokenKey(d.TokenNorm(t)));
        if (a.keys.empty()) {
          return Status::InvalidArgument("alternative '" + std::string(alt) + "' has no token");
        }
      }
      el.alternatives.push_back(std::move(a));
    }
    out->push_back(std::move(el));
  }
  if (out->empty()) return Status::InvalidArgument("empty phrase");
  if (out->back().gap) return Status::InvalidArgument("a phrase cannot end with '*'");
  return Status::Ok();
}

Status CommitmentTagger::Impl::Parse(std::string_view text, const std::string& file,
                                     const TextRules& rules) {
  int line_no = 0;
  bool header = false;
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    std::string rule = file + ":" + std::to_string(line_no);
    auto error = [&](const std::string& m) { return Status::InvalidArgument(rule + ": " + m); };
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.rfind("#!", 0) == 0) {
      if (Trim(line) != kFormatLine) {
        return error("unknown format line (expected '" + std::string(kFormatLine) + "')");
      }
      header = true;
      continue;
    }
    // A comment starts with '#' at the start of the line or after a space/TAB.
    size_t hash = line.find('#');
    while (hash != std::string_view::npos && hash > 0 && line[hash - 1] != ' ' &&
           line[hash - 1] != '\t') {
      hash = line.find('#', hash + 1);
    }
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    if (Trim(line).empty()) continue;
    if (!header) return error("missing '" + std::string(kFormatLine) + "' first line");
    std::vector<std::string_view> fields = Split(line, '\t');
    if (fields.size() < 3 || fields.size() > 4) {
      return error("expected 3 or 4 TAB-separated fields, found " + std::to_string(fields.size()));
    }
    std::string_view kind = Trim(fields[0]);
    std::vector<std::string_view> attrs = Words(fields[1]);
    std::string_view what = Trim(fields[2]);
    if (attrs.empty()) return error("empty attribute field (write '-')");
    std::string condition;

    if (kind == "anchor") {
      AnchorSpec spec;
      spec.rule = rule;
      if (attrs[0] == "agreement") {
        spec.role = Role::kAgreement;
      } else if (attrs[0] == "obligation") {
        spec.role = Role::kObligation;
      } else {
        return error("anchor role must be agreement or obligation");
      }
      if (attrs.size() > 2) return error("anchor takes a role and at most one type");
      if (attrs.size() == 2) {
        if (!IsType(attrs[1])) return error("unknown type '" + std::string(attrs[1]) + "'");
        spec.type = std::string(attrs[1]);
      }
      if (!IsCode(what)) return error("bad CAMEO code '" + std::string(what) + "'");
      if (!anchors.emplace(std::string(what), spec).second) {
        return error("code " + std::string(what) + " listed twice");
      }
    } else if (kind == "excluded_sector") {
      if (attrs.size() != 1 || attrs[0] != "-") return error("attributes must be '-'");
      for (std::string_view e : Split(what, '|')) {
        if (Trim(e).size() != 3) return error("a sector code has three letters");
        excluded_sectors.emplace(Trim(e));
      }
    } else if (kind == "speculative_ending") {
      if (attrs.size() != 1 || attrs[0] != "-") return error("attributes must be '-'");
      for (std::string_view e : Split(what, '|')) {
        if (Trim(e).empty()) return error("empty ending");
        speculative_endings.push_back(NormalizeToken(Trim(e)));
      }
    } else {
      Cue cue;
      cue.rule = rule;
      if (kind == "type") {
        cue.kind = CueKind::kType;
        if (attrs.size() < 2 || !IsType(attrs[0]) || (attrs[1] != "strong" && attrs[1] != "weak")) {
          return error("type attributes are 'TYPE strong|weak [mutual] [needs-condition]'");
        }
        cue.type = std::string(attrs[0]);
        cue.strength = attrs[1] == "strong" ? 2 : 1;
        for (size_t i = 2; i < attrs.size(); ++i) {
          if (attrs[i] == "mutual") {
            cue.mutual_when_cosigned = true;
          } else if (attrs[i] == "needs-condition") {
            cue.needs_condition = true;
          } else {
            return error("unknown flag '" + std::string(attrs[i]) + "'");
          }
        }
      } else if (kind == "condition") {
        cue.kind = CueKind::kCondition;
        if (attrs.size() < 2 || !IsType(attrs[0])) {
          return error("condition attributes are 'TYPE canonical condition text'");
        }
        cue.type = std::string(attrs[0]);
        for (size_t i = 1; i < attrs.size(); ++i) {
          if (i > 1) cue.condition += ' ';
          cue.condition += attrs[i];
        }
        condition = cue.condition;
      } else if (kind == "mutual" || kind == "negator") {
        cue.kind = kind == "mutual" ? CueKind::kMutual : CueKind::kNegator;
        if (attrs.size() != 1 || attrs[0] != "-") return error("attributes must be '-'");
      } else if (kind == "speculative") {
        cue.kind = CueKind::kSpeculative;
        if (attrs.size() != 1 || (attrs[0] != "all" && attrs[0] != "agreement")) {
          return error("speculative scope must be all or agreement");
        }
        cue.agreement_only = attrs[0] == "agreement";
      } else {
        return error("unknown kind '" + std::string(kind) + "'");
      }
      Status st = ParsePhrase(what, rules, &cue.elements);
      if (!st.ok()) return error(std::string(st.message()));
      uint32_t index = static_cast<uint32_t>(cues.size());
      const Element& first = cue.elements.front();
      bool keyed = std::all_of(first.alternatives.begin(), first.alternatives.end(),
                               [](const Alternative& a) { return a.prefix.empty(); });
      if (keyed) {
        for (const Alternative& a : first.alternatives) {
          std::vector<uint32_t>& list = by_first_key[a.keys.front()];
          if (list.empty() || list.back() != index) list.push_back(index);
        }
      } else {
        scan_always.push_back(index);
      }
      cues.push_back(std::move(cue));
    }

    if (fields.size() == 4) {
      std::string_view ex = Trim(fields[3]);
      size_t arrow = ex.rfind(" => ");
      if (arrow == std::string_view::npos) return error("example must end with '=> EXPECTED'");
      Example e;
      e.rule = rule;
      e.sentence = std::string(Trim(ex.substr(0, arrow)));
      e.expect = std::string(Trim(ex.substr(arrow + 4)));
      e.condition = condition;
      std::vector<std::string_view> w = Words(e.expect);
      bool ok =
          (w.size() == 1 && w[0] == "none") || (w.size() >= 4 && IsType(w[w.size() - 2]) &&
                                                (w.back() == "mutual" || w.back() == "one-way"));
      if (!ok) return error("example must end with '=> none' or '=> P1 P2 TYPE mutual|one-way'");
      examples.push_back(std::move(e));
    }
  }
  if (!header && line_no > 0 && !Trim(text).empty()) {
    return Status::InvalidArgument(file + ": missing '" + std::string(kFormatLine) + "'");
  }
  return Status::Ok();
}

Result<std::unique_ptr<CommitmentTagger>> CommitmentTagger::Load(const std::string& lang_dir) {
  namespace fs = std::filesystem;
  std::unique_ptr<CommitmentTagger> tagger(new CommitmentTagger());
  Impl& impl = *tagger->impl_;
  fs::path dir(lang_dir);
  impl.lang = dir.filename().string();
  if (impl.lang.empty()) impl.lang = dir.parent_path().filename().string();

  std::ifstream countries(dir / ".." / "common" / "countries.tsv");
  std::string line;
  while (countries && std::getline(countries, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() >= 4 && Trim(f[3]).size() == 3) impl.countries.emplace(Trim(f[3]));
  }

  fs::path path = dir / "commitments.txt";
  std::error_code ec;
  if (!fs::exists(path, ec)) return tagger;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  auto rules = LoadTextRules(lang_dir, impl.lang);
  if (!rules.ok()) return rules.status();
  CRONISTA_RETURN_IF_ERROR(impl.Parse(ss.str(), impl.lang + "/commitments.txt", *rules));
  return tagger;
}

std::string CommitmentTagger::Impl::PartyCode(const std::string& actor) const {
  if (actor.size() < 3) return "";
  // IGO codes name the organisation after the prefix: keep them whole.
  if (actor.compare(0, 3, "IGO") == 0) return actor;
  std::string code = actor.substr(0, 3);
  if (!countries.empty() && countries.count(code) == 0) return "";
  if (actor.size() >= 6 && excluded_sectors.count(actor.substr(3, 3)) != 0) return "";
  return code;
}

int64_t CommitmentTagger::Impl::MatchFrom(const Cue& cue, size_t e, uint32_t pos, uint32_t end,
                                          const std::vector<StrId>& keys,
                                          const Document& doc) const {
  if (e == cue.elements.size()) return pos;
  const Element& el = cue.elements[e];
  if (el.gap) {
    for (uint32_t k = 0; k <= kMaxGap && pos + k < end; ++k) {
      int64_t r = MatchFrom(cue, e + 1, pos + k, end, keys, doc);
      if (r >= 0) return r;
    }
    return -1;
  }
  for (const Alternative& a : el.alternatives) {
    uint32_t next;
    if (!a.prefix.empty()) {
      if (pos >= end || !doc.TokenNorm(doc.tokens[pos]).starts_with(a.prefix)) continue;
      next = pos + 1;
    } else {
      if (pos + a.keys.size() > end) continue;
      bool same = true;
      for (size_t i = 0; i < a.keys.size() && same; ++i) same = keys[pos + i] == a.keys[i];
      if (!same) continue;
      next = pos + static_cast<uint32_t>(a.keys.size());
    }
    int64_t r = MatchFrom(cue, e + 1, next, end, keys, doc);
    if (r >= 0) return r;
  }
  return -1;
}

void CommitmentTagger::Impl::FindHits(const Document& doc, uint32_t begin, uint32_t end,
                                      const std::vector<StrId>& keys,
                                      std::vector<Hit>* hits) const {
  hits->clear();
  auto try_cue = [&](uint32_t c, uint32_t pos) {
    int64_t r = MatchFrom(cues[c], 0, pos, end, keys, doc);
    if (r > static_cast<int64_t>(pos)) hits->push_back({c, pos, static_cast<uint32_t>(r), false});
  };
  for (uint32_t pos = begin; pos < end; ++pos) {
    auto it = by_first_key.find(keys[pos]);
    if (it != by_first_key.end()) {
      for (uint32_t c : it->second) try_cue(c, pos);
    }
    for (uint32_t c : scan_always) try_cue(c, pos);
  }
}

void CommitmentTagger::Tag(Document* doc) const {
  doc->commitments.clear();
  const Impl& im = *impl_;
  if (im.anchors.empty() || doc->events.empty()) return;

  std::vector<Pending> pending;
  std::vector<StrId> keys;
  std::vector<Hit> hits;
  std::vector<Anchor> anchors;
  const std::vector<Token>& toks = doc->tokens;

  for (size_t ev = 0; ev < doc->events.size();) {
    const uint32_t sentence = doc->events[ev].sentence;
    size_t ev_end = ev;
    while (ev_end < doc->events.size() && doc->events[ev_end].sentence == sentence) ++ev_end;
    if (sentence >= doc->sentences.size()) break;
    const Sentence& s = doc->sentences[sentence];

    // 1. Anchors of this sentence.
    anchors.clear();
    for (size_t i = ev; i < ev_end; ++i) {
      const Event& e = doc->events[i];
      auto spec = im.anchors.find(e.code);
      if (spec == im.anchors.end() || e.modality == Modality::kNegated) continue;
      Anchor a;
      a.event = static_cast<uint32_t>(i);
      a.spec = &spec->second;
      a.source = im.PartyCode(e.source.actor);
      a.target = im.PartyCode(e.target.actor);
      if (a.source.empty() || a.target.empty() || a.source == a.target) continue;
      auto t = std::lower_bound(toks.begin() + s.token_begin, toks.begin() + s.token_end,
                                e.trigger_start,
                                [](const Token& tok, uint32_t off) { return tok.start < off; });
      a.trigger = static_cast<uint32_t>(t - toks.begin());
      if (a.trigger >= s.token_end) continue;
      anchors.push_back(std::move(a));
    }
    ev = ev_end;
    if (anchors.empty()) continue;

    // 2. Cues of this sentence.
    keys.resize(toks.size());
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
      std::string_view norm = doc->TokenNorm(toks[i]);
      keys[i] = IsAscii(norm) ? toks[i].norm : TokenKey(norm);
    }
    im.FindHits(*doc, s.token_begin, s.token_end, keys, &hits);
    // A negator inside a type cue ("patto di non aggressione") is the cue's
    // own word; any other cancels the type cues right after it.
    for (Hit& n : hits) {
      if (im.cues[n.cue].kind != CueKind::kNegator) continue;
      for (const Hit& h : hits) {
        if (im.cues[h.cue].kind == CueKind::kType && h.begin <= n.begin && n.end <= h.end) {
          n.cancelled = true;
        }
      }
    }
    for (Hit& h : hits) {
      if (im.cues[h.cue].kind != CueKind::kType) continue;
      for (const Hit& n : hits) {
        if (im.cues[n.cue].kind == CueKind::kNegator && !n.cancelled && n.end <= h.begin &&
            n.end + kNegatorReach >= h.begin) {
          h.cancelled = true;
        }
      }
    }
    bool any_condition = false;
    for (const Hit& h : hits) any_condition |= im.cues[h.cue].kind == CueKind::kCondition;

    // 3. Modality: drop anchors that are not (yet) binding.
    auto real = [&](const Anchor& a) {
      const Event& e = doc->events[a.event];
      bool agreement = a.spec->role == Role::kAgreement;
      for (const Hit& h : hits) {
        const Cue& c = im.cues[h.cue];
        if (c.kind == CueKind::kSpeculative && (!c.agreement_only || agreement) &&
            h.end <= a.trigger && h.end + kSpeculativeReach >= a.trigger) {
          return false;
        }
      }
      if (e.modality == Modality::kAsserted || e.modality == Modality::kReported) return true;
      if (!agreement) return any_condition;
      if (e.modality != Modality::kHypothetical) return false;
      std::string_view trig = doc->TokenNorm(toks[a.trigger]);
      for (const std::string& end : im.speculative_endings) {
        if (trig.size() > end.size() && trig.ends_with(end)) return false;
      }
      for (const Hit& h : hits) {
        if (im.cues[h.cue].kind == CueKind::kCondition && h.begin > a.trigger) return true;
      }
      return false;
    };
    anchors.erase(
        std::remove_if(anchors.begin(), anchors.end(), [&](const Anchor& a) { return !real(a); }),
        anchors.end());
    if (anchors.empty()) continue;

    // 4. Groups: anchors linked by a shared party.
    std::vector<int> group(anchors.size());
    for (size_t i = 0; i < anchors.size(); ++i) group[i] = static_cast<int>(i);
    auto shares = [](const Anchor& x, const Anchor& y) {
      return x.source == y.source || x.source == y.target || x.target == y.source ||
             x.target == y.target;
    };
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < anchors.size(); ++i) {
        for (size_t j = i + 1; j < anchors.size(); ++j) {
          if (group[i] != group[j] && shares(anchors[i], anchors[j])) {
            int from = std::max(group[i], group[j]), to = std::min(group[i], group[j]);
            for (int& g : group) {
              if (g == from) g = to;
            }
            changed = true;
          }
        }
      }
    }
    // Each cue goes to the group of the nearest trigger (the earlier on a tie).
    std::vector<int> hit_group(hits.size(), -1);
    for (size_t h = 0; h < hits.size(); ++h) {
      uint32_t best = UINT32_MAX;
      for (size_t i = 0; i < anchors.size(); ++i) {
        uint32_t t = anchors[i].trigger;
        uint32_t d = t < hits[h].begin  ? hits[h].begin - t
                     : t >= hits[h].end ? t - hits[h].end + 1
                                        : 0;
        if (d < best) {
          best = d;
          hit_group[h] = group[i];
        }
      }
    }

    // 5. One candidate commitment per group.
    for (size_t g = 0; g < anchors.size(); ++g) {
      if (group[g] != static_cast<int>(g)) continue;
      const Hit* cond = nullptr;
      const Hit* marker = nullptr;
      for (size_t h = 0; h < hits.size(); ++h) {
        if (hit_group[h] != static_cast<int>(g)) continue;
        CueKind k = im.cues[hits[h].cue].kind;
        if (k == CueKind::kCondition && cond == nullptr) cond = &hits[h];
        if (k == CueKind::kMutual && marker == nullptr) marker = &hits[h];
      }
      struct Candidate {
        std::string_view type;
        int strength = 0;
        uint32_t pos = 0;
        bool explicit_type = false, cue_mutual = false;
        const std::string* rule = nullptr;
      };
      Candidate best;
      auto consider = [&](const Candidate& c) {
        if (c.type.empty()) return;
        bool better = best.type.empty();
        if (!better && IsSecurityType(c.type) != IsSecurityType(best.type)) {
          better = IsSecurityType(c.type);
        } else if (!better && c.strength != best.strength) {
          better = c.strength > best.strength;
        } else if (!better) {
          better = c.pos < best.pos;
        }
        if (better) best = c;
      };
      for (size_t h = 0; h < hits.size(); ++h) {
        const Cue& c = im.cues[hits[h].cue];
        if (hit_group[h] != static_cast<int>(g) || c.kind != CueKind::kType || hits[h].cancelled) {
          continue;
        }
        if (c.needs_condition && cond == nullptr && marker == nullptr) continue;
        consider({c.type, c.strength, hits[h].begin, true, c.mutual_when_cosigned, &c.rule});
      }
      if (cond != nullptr) {
        const Cue& c = im.cues[cond->cue];
        consider({c.type, 1, cond->begin, false, false, &c.rule});
      }
      bool agreement = false, fwd = false, back = false, oblig_fwd = false, oblig_back = false;
      int first_agreement = -1;
      const Anchor* first_obligation = nullptr;
      std::vector<std::string> parties;
      const Anchor* first = nullptr;
      for (size_t i = 0; i < anchors.size(); ++i) {
        if (group[i] != static_cast<int>(g)) continue;
        const Anchor& a = anchors[i];
        if (first == nullptr) first = &a;
        consider({a.spec->type, 1, a.trigger, false, false, &a.spec->rule});
        for (const std::string* p : {&a.source, &a.target}) {
          if (std::find(parties.begin(), parties.end(), *p) == parties.end()) {
            parties.push_back(*p);
          }
        }
        bool is_agreement = a.spec->role == Role::kAgreement;
        if (is_agreement) {
          agreement = true;
          if (first_agreement < 0) first_agreement = static_cast<int>(a.event);
        } else if (first_obligation == nullptr) {
          first_obligation = &a;
        }
        // Directions relative to the group's first anchor.
        bool forward = a.source == first->source || a.target == first->target;
        (forward ? fwd : back) = true;
        if (!is_agreement) (forward ? oblig_fwd : oblig_back) = true;
      }
      if (best.type.empty()) continue;

      Commitment c;
      c.type = std::string(best.type);
      c.mutual = marker != nullptr || (fwd && back && best.cue_mutual) || (oblig_fwd && oblig_back);
      const Anchor& obligor = first_obligation != nullptr ? *first_obligation : *first;
      if (!c.mutual) {
        // The obliged party first.
        auto it = std::find(parties.begin(), parties.end(), obligor.source);
        std::rotate(parties.begin(), it, it + 1);
      }
      c.parties = parties;
      c.condition = cond != nullptr ? im.cues[cond->cue].condition : "";
      c.sentence = sentence;
      c.event = first_agreement >= 0 ? first_agreement : static_cast<int32_t>(first->event);
      c.rule = *best.rule;
      if (cond != nullptr && &im.cues[cond->cue].rule != best.rule) {
        c.rule += "+" + im.cues[cond->cue].rule;
      }
      if (marker != nullptr) c.rule += "+" + im.cues[marker->cue].rule;
      int facets =
          int{best.explicit_type} + int{cond != nullptr} + int{marker != nullptr} + int{agreement};
      int score = facets * 4 + best.strength;

      std::vector<std::string> sorted = parties;
      std::sort(sorted.begin(), sorted.end());
      std::string key;
      for (const std::string& p : sorted) key += p + " ";
      key += c.type;
      auto it = std::find_if(pending.begin(), pending.end(),
                             [&](const Pending& p) { return p.key == key; });
      if (it == pending.end()) {
        pending.push_back(Pending{});
        it = pending.end() - 1;
        it->key = key;
      }
      Pending& p = *it;
      if (p.agreement_event < 0) p.agreement_event = first_agreement;
      if (!c.mutual &&
          std::find(p.obligors.begin(), p.obligors.end(), obligor.source) == p.obligors.end()) {
        p.obligors.push_back(obligor.source);
      }
      if (p.any_condition.empty() && !c.condition.empty()) {
        p.any_condition = c.condition;
        p.any_condition_rule = im.cues[cond->cue].rule;
      }
      bool mutual = p.c.mutual || c.mutual;
      if (score > p.score) {
        p.score = score;
        p.c = std::move(c);
        p.best_has_agreement = first_agreement >= 0;
      }
      p.c.mutual = mutual;
    }
  }

  // 6. Merge: conditions and mutuality from the other sentences; drop
  // partnerships that name a treaty with a security commitment.
  for (Pending& p : pending) {
    if (p.c.condition.empty() && !p.any_condition.empty()) {
      p.c.condition = p.any_condition;
      p.c.rule += "+" + p.any_condition_rule;
    }
    if (p.obligors.size() > 1) p.c.mutual = true;
    // The signing of the chosen sentence, else the first signing elsewhere.
    if (!p.best_has_agreement && p.agreement_event >= 0) p.c.event = p.agreement_event;
    const Event& e = doc->events[p.c.event];
    p.c.date = e.date.known() ? e.date : doc->meta.date;
  }
  auto parties_key = [](const Pending& p) { return p.key.substr(0, p.key.rfind(' ') + 1); };
  for (const Pending& p : pending) {
    bool covered = p.c.type == "partnership" &&
                   std::any_of(pending.begin(), pending.end(), [&](const Pending& q) {
                     return IsSecurityType(q.c.type) && parties_key(q) == parties_key(p);
                   });
    if (!covered) doc->commitments.push_back(p.c);
  }
  std::stable_sort(
      doc->commitments.begin(), doc->commitments.end(),
      [](const Commitment& a, const Commitment& b) { return a.sentence < b.sentence; });
}

}  // namespace cronista
