#include "quotes/quote_tagger.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <utility>

#include "text/normalize.h"

namespace cronista {

namespace {

// Closed word classes of speech.txt, as bits.
enum WordClass : uint16_t {
  kAux = 1 << 0,
  kFiller = 1 << 1,
  kLink = 1 << 2,
  kPrep = 1 << 3,
  kConj = 1 << 4,
  kDet = 1 << 5,
  kRel = 1 << 6,
  kHe = 1 << 7,   // he, lui
  kShe = 1 << 8,  // she, lei
  kIt = 1 << 9,
  kAgent = 1 << 10,   // the preposition of a passive agent: by, da
  kFemale = 1 << 11,  // a woman's given name or title: Hillary, Mrs., spokeswoman
  kMale = 1 << 12,
  kSub = 1 << 13,  // subordinators: when, quando
};

// What a pronoun or a name says about a person's sex.
enum class Gender : uint8_t { kUnknown, kFemale, kMale };

// Options of a cue entry.
enum CueFlag : uint8_t {
  kNaming = 1 << 0,     // takes an object before the quotation
  kAddressee = 1 << 1,  // the phrase after the verb is the addressee
  kAfterOnly = 1 << 2,  // a cue only right after a quotation
  kPhrase = 1 << 3,     // a phrase naming its speaker after it, not a verb
};

struct CueEntry {
  uint8_t flags = 0;
  std::string source;  // "it/speech.txt:12"
};

// A cue form starting with a given word: the words after it.
struct CueForm {
  std::vector<StrId> rest;
  uint32_t entry = 0;
  uint16_t features = 0;  // VerbFeature bits of the form; 0 for phrases
};

StrId Id(std::string_view word) { return HashString(NormalizeToken(word)); }

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream ss(s);
  std::string w;
  while (ss >> w) out.push_back(w);
  return out;
}

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  while (true) {
    size_t e = s.find(sep, b);
    out.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
    if (e == std::string::npos) break;
    b = e + 1;
  }
  return out;
}

uint16_t FeatureBit(const std::string& name) {
  static const std::unordered_map<std::string, uint16_t> kNames = {
      {"infinitive", kInfinitive}, {"present", kPresent},         {"past", kPast},
      {"imperfect", kImperfect},   {"participle", kParticiple},   {"gerund", kGerund},
      {"future", kFuture},         {"conditional", kConditional}, {"subjunctive", kSubjunctive},
      {"imperative", kImperative},
  };
  auto it = kNames.find(name);
  return it == kNames.end() ? 0 : it->second;
}

// The family of the quotation mark starting at `p` in `text`.
QuoteFamily FamilyAt(std::string_view text, uint32_t p) {
  int32_t i = static_cast<int32_t>(p);
  UChar32 c = 0;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c < 0 ? QuoteFamily::kNone : QuoteMarkFamily(static_cast<char32_t>(c));
}

// The family of two apostrophes in a row (''like this''), beside QuoteFamily.
constexpr int kDoubledApostropheFamily = 100;

bool SingleFamily(QuoteFamily f) {
  return f == QuoteFamily::kSingle || f == QuoteFamily::kStraightSingle ||
         f == QuoteFamily::kSingleGuillemet;
}

}  // namespace

struct QuoteTagger::Tables {
  std::vector<CueEntry> entries;
  // First word of a cue form -> its forms, longest first.
  std::unordered_map<StrId, std::vector<CueForm>> forms;
  std::unordered_map<StrId, uint16_t> classes;
  std::vector<Example> examples;
  bool pro_drop = false;  // subjects may be dropped (Italian)
  StrId comma = Id(","), colon = Id(":"), semicolon = Id(";"), dash = Id("-"), dashes = Id("--"),
        lparen = Id("("), rparen = Id(")"), possessive = Id("'s"), possessive_s = Id("'");

  uint16_t Class(StrId id) const {
    auto it = classes.find(id);
    return it == classes.end() ? 0 : it->second;
  }
};

namespace {

// A cue found in a document: tokens [begin, end).
struct CueHit {
  uint32_t begin = 0, end = 0;
  uint32_t entry = 0;
  uint16_t features = 0;
};

// A quotation, as token indices: its first and last mark tokens, and the
// marks right around the quoted words (the same unless a mark is written with
// two apostrophes, ''like this'').
struct Span {
  uint32_t open = 0, close = 0;
  uint32_t inner_open = 0, inner_close = 0;
};

// How a quotation is attached to a cue.
enum class Attach : uint8_t { kNone, kAfter, kBefore, kColon, kSentence, kNext, kPrevious };

// The kind of words between a cue and the quotation it introduces.
enum class Gap : uint8_t { kNone, kDirect, kLink, kColon, kNaming, kPhrase };

// Where the search for a subject before a verb stopped.
enum class Boundary : uint8_t { kStart, kQuote, kPunct, kRel, kLink, kConj, kVerb };

struct Speaker {
  int32_t mention = -1;
  uint32_t name_begin = 0, name_end = 0;  // tokens naming a speaker with no mention
  const char* how = nullptr;              // nullptr: not found
  bool found() const { return how != nullptr; }
};

struct QuoteInfo {
  Attach attach = Attach::kNone;
  int32_t cue = -1;
  Gap pre_gap = Gap::kNone;
  int32_t pre_cue = -1;
  Speaker speaker;
};

// The per-document work of QuoteTagger::Tag.
class Tagger {
 public:
  Tagger(const QuoteTagger::Tables& t, Document* doc) : t_(t), doc_(*doc), tok_(doc->tokens) {}

  void Run() {
    const size_t n = tok_.size();
    doc_.quotes.clear();
    if (n == 0) return;
    sent_of_.assign(n, 0);
    for (uint32_t s = 0; s < doc_.sentences.size(); ++s) {
      const Sentence& sn = doc_.sentences[s];
      for (uint32_t i = sn.token_begin; i < sn.token_end && i < n; ++i) sent_of_[i] = s;
    }
    mention_at_.assign(n, -1);
    for (uint32_t m = 0; m < doc_.mentions.size(); ++m) {
      const Mention& mn = doc_.mentions[m];
      for (uint32_t i = mn.token_begin; i < mn.token_end && i < n; ++i) mention_at_[i] = m;
    }
    in_quote_.assign(n, 0);
    FindQuotations();
    if (spans_.empty()) return;
    // Words written capitalised after a word or a comma inside a sentence
    // (not after a quotation mark or a colon): names (SubjectName). "I" is
    // no name.
    capitalised_.clear();
    for (uint32_t i = 1; i < n; ++i) {
      if (tok_[i].has(kTokCapitalised) && !SentenceStart(i) && !tok_[i].has(kTokAllCaps) &&
          tok_[i].has(kTokWord) && tok_[i].end() - tok_[i].start > 1 &&
          (IsWord(i - 1) || IsComma(i - 1))) {
        capitalised_.push_back(tok_[i].norm);
      }
    }
    std::sort(capitalised_.begin(), capitalised_.end());
    // Words of places and temporal expressions name no person.
    not_person_.assign(n, 0);
    auto mark = [&](uint32_t start, uint32_t end) {
      auto it = std::lower_bound(tok_.begin(), tok_.end(), start,
                                 [](const Token& t, uint32_t v) { return t.start < v; });
      for (; it != tok_.end() && it->start < end; ++it) not_person_[it - tok_.begin()] = 1;
    };
    for (const Place& p : doc_.places) mark(p.start, p.end);
    for (const TimeExpr& t : doc_.times) mark(t.start, t.end);
    FindCues();
    AttachQuotes();
    ResolveCues();
    AttachInSentence();
    Emit();
  }

 private:
  // ---- tokens ----
  StrId Norm(uint32_t i) const { return tok_[i].norm; }
  uint16_t Class(uint32_t i) const { return t_.Class(tok_[i].norm); }
  bool Is(uint32_t i, uint16_t cls) const { return (Class(i) & cls) != 0; }
  bool IsComma(uint32_t i) const { return Norm(i) == t_.comma; }
  bool IsDash(uint32_t i) const {
    return tok_[i].has(kTokPunct) && (Norm(i) == t_.dash || Norm(i) == t_.dashes);
  }
  bool IsColon(uint32_t i) const { return Norm(i) == t_.colon; }
  bool IsQuoteMark(uint32_t i) const { return tok_[i].has(kTokQuote); }
  // Punctuation that separates phrases: , ; ( ) and dashes.
  bool IsSeparator(uint32_t i) const {
    return IsComma(i) || IsDash(i) || Norm(i) == t_.lparen || Norm(i) == t_.rparen;
  }
  // Punctuation that ends a clause: . ! ? : ;
  bool IsClauseEnd(uint32_t i) const {
    return tok_[i].has(kTokSentenceEnd) || IsColon(i) || Norm(i) == t_.semicolon;
  }
  bool IsWord(uint32_t i) const { return tok_[i].has(kTokWord) || tok_[i].has(kTokNumber); }
  bool SentenceStart(uint32_t i) const { return i == 0 || tok_[i].has(kTokSentenceStart); }
  // A mention usable as the speaker behind a pronoun or a dropped subject.
  bool PersonLike(int32_t m) const {
    if (m < 0) return false;
    MentionKind k = doc_.mentions[m].kind;
    return k == MentionKind::kPerson || k == MentionKind::kRole;
  }
  bool OrgLike(int32_t m) const {
    if (m < 0) return false;
    MentionKind k = doc_.mentions[m].kind;
    return k == MentionKind::kOrg || k == MentionKind::kGroup;
  }
  // Mention m is inside a prepositional phrase: a preposition
  // (after optional determiners) stands right before it.
  bool InPrepPhrase(int32_t m) const {
    int64_t p = static_cast<int64_t>(doc_.mentions[m].token_begin) - 1;
    while (p >= 0 && Is(p, kDet) && !Is(p, kPrep)) --p;
    return p >= 0 && Is(p, kPrep) && mention_at_[p] < 0;
  }

  // ---- quotations ----
  void FindQuotations() {
    struct Open {
      uint32_t tok, inner;
      int family;
    };
    // Two apostrophes in a row make one double mark (''like this'').
    constexpr int kDoubledApostrophe = kDoubledApostropheFamily;
    std::vector<Open> stack;
    const uint32_t n = static_cast<uint32_t>(tok_.size());
    for (uint32_t i = 0; i < n; ++i) {
      const Token& t = tok_[i];
      if (i > 0 && t.has(kTokParagraphStart) && !stack.empty()) {
        // A quotation left open at a paragraph's end goes on when the next
        // paragraph opens with a mark of the same family.
        if (t.has(kTokOpenQuote) && MarkFamily(i, kDoubledApostrophe) == stack[0].family &&
            (stack[0].family == kDoubledApostrophe ||
             !SingleFamily(static_cast<QuoteFamily>(stack[0].family)))) {
          if (stack[0].family == kDoubledApostrophe) ++i;
          stack.resize(1);
          continue;
        }
        stack.clear();
      }
      if (i > 0 && t.has(kTokSentenceStart)) {
        // Single marks are trusted inside one sentence only.
        stack.erase(std::remove_if(stack.begin(), stack.end(),
                                   [](const Open& o) {
                                     return o.family != kDoubledApostrophe &&
                                            SingleFamily(static_cast<QuoteFamily>(o.family));
                                   }),
                    stack.end());
      }
      if (!t.has(kTokQuote)) continue;
      const int f = MarkFamily(i, kDoubledApostrophe);
      const uint32_t last = f == kDoubledApostrophe ? i + 1 : i;  // last token of the mark
      if (t.has(kTokOpenQuote)) {
        stack.push_back({i, last, f});
        i = last;
        continue;
      }
      size_t k = stack.size();
      while (k > 0 && stack[k - 1].family != f) --k;
      if (k == 0) {  // a stray closing mark (or an apostrophe)
        i = last;
        continue;
      }
      if (k == 1 && i > stack[0].inner + 1) {
        const uint32_t open = stack[0].tok;
        // Single quotation marks double as apostrophes: trust them only
        // inside one sentence.
        if (f == kDoubledApostrophe || !SingleFamily(static_cast<QuoteFamily>(f)) ||
            sent_of_[open] == sent_of_[i]) {
          spans_.push_back({open, last, stack[0].inner, i});
        }
      }
      stack.resize(k - 1);
      i = last;
    }
    for (const Span& s : spans_) {
      for (uint32_t i = s.open; i <= s.close; ++i) in_quote_[i] = 1;
    }
  }

  // The family of the mark at token i; `doubled` for two straight apostrophes
  // in a row with the same role.
  int MarkFamily(uint32_t i, int doubled) const {
    const QuoteFamily f = FamilyAt(doc_.text, tok_[i].start);
    if (f == QuoteFamily::kStraightSingle && i + 1 < tok_.size() &&
        tok_[i + 1].start == tok_[i].end() && tok_[i + 1].has(kTokQuote) &&
        (tok_[i + 1].flags & (kTokOpenQuote | kTokCloseQuote)) ==
            (tok_[i].flags & (kTokOpenQuote | kTokCloseQuote)) &&
        FamilyAt(doc_.text, tok_[i + 1].start) == QuoteFamily::kStraightSingle) {
      return doubled;
    }
    return static_cast<int>(f);
  }

  // ---- cues ----
  void FindCues() {
    const size_t n = tok_.size();
    for (uint32_t i = 0; i < n; ++i) {
      if (in_quote_[i] || !tok_[i].has(kTokWord)) continue;
      auto it = t_.forms.find(tok_[i].norm);
      if (it == t_.forms.end()) continue;
      for (const CueForm& f : it->second) {
        const uint32_t end = i + 1 + static_cast<uint32_t>(f.rest.size());
        if (end > n) continue;
        bool ok = true;
        for (size_t k = 0; k < f.rest.size() && ok; ++k) {
          ok = !in_quote_[i + 1 + k] && tok_[i + 1 + k].norm == f.rest[k];
        }
        if (!ok) continue;
        // A phrase needs its speaker right after it ("secondo" is also an
        // ordinal): a mention, a capitalised word or a determiner.
        if ((t_.entries[f.entry].flags & kPhrase) && !PhraseObjectStarts(end)) break;
        cues_.push_back({i, end, f.entry, f.features});
        i = end - 1;
        break;
      }
    }
  }

  bool PhraseObjectStarts(uint32_t i) const {
    if (i >= tok_.size() || in_quote_[i]) return false;
    return mention_at_[i] >= 0 || Is(i, kDet | kHe | kShe | kIt) ||
           (tok_[i].has(kTokCapitalised) && !SentenceStart(i));
  }

  uint8_t Flags(int32_t c) const { return t_.entries[cues_[c].entry].flags; }

  // The cue starting at token i, or -1.
  int32_t CueAt(uint32_t i) const {
    auto it = std::lower_bound(cues_.begin(), cues_.end(), i,
                               [](const CueHit& c, uint32_t v) { return c.begin < v; });
    return it != cues_.end() && it->begin == i ? static_cast<int32_t>(it - cues_.begin()) : -1;
  }
  // The cue ending at token i (exclusive end), or -1.
  int32_t CueEndingAt(uint32_t i) const {
    auto it = std::lower_bound(cues_.begin(), cues_.end(), i,
                               [](const CueHit& c, uint32_t v) { return c.end < v; });
    return it != cues_.end() && it->end == i ? static_cast<int32_t>(it - cues_.begin()) : -1;
  }

  // ---- attachment ----
  void AttachQuotes() {
    info_.assign(spans_.size(), QuoteInfo());
    for (size_t q = 0; q < spans_.size(); ++q) FindCueBefore(q);
    claimed_.assign(cues_.size(), 0);
    for (size_t q = 0; q < spans_.size(); ++q) {
      QuoteInfo& qi = info_[q];
      if (qi.pre_cue >= 0 && qi.pre_gap == Gap::kNaming) claimed_[qi.pre_cue] = 1;
    }
    post_.assign(cues_.size(), 0);
    for (size_t q = 0; q < spans_.size(); ++q) {
      QuoteInfo& qi = info_[q];
      int32_t c = FindCueAfter(q);
      // A cue that introduces the next quotation with "che", a colon or an
      // object ("…", definendo la Russia "…") belongs to that one.
      if (c >= 0 && q + 1 < spans_.size() && info_[q + 1].pre_cue == c &&
          info_[q + 1].pre_gap != Gap::kDirect && info_[q + 1].pre_gap != Gap::kPhrase) {
        c = -1;
      }
      if (c >= 0) {
        qi.attach = Attach::kAfter;
        qi.cue = c;
        post_[c] = 1;
      } else if (qi.pre_cue >= 0) {
        qi.attach = Attach::kBefore;
        qi.cue = qi.pre_cue;
      } else if (qi.pre_gap == Gap::kColon) {
        qi.attach = Attach::kColon;
      }
    }
  }

  // Quotations with no cue of their own take one elsewhere in their sentence
  // (after ResolveCues: a cue with a speaker is preferred).
  void AttachInSentence() {
    for (size_t q = 0; q < spans_.size(); ++q) {
      QuoteInfo& qi = info_[q];
      if (qi.attach != Attach::kNone) continue;
      int32_t c = FindCueInSentence(q);
      if (c >= 0) {
        qi.attach = Attach::kSentence;
        qi.cue = c;
      } else if ((c = FindCueNext(q)) >= 0) {
        qi.attach = Attach::kNext;
        qi.cue = c;
      }
    }
  }

  // A cue opening the sentence after quotation q, behind nothing but clitics
  // and auxiliaries: "…". Lo ha detto Berlusconi; "…". È quanto ha affermato X.
  int32_t FindCueNext(size_t q) const {
    const uint32_t next_sentence = sent_of_[spans_[q].close] + 1;
    if (next_sentence >= doc_.sentences.size()) return -1;
    // Only the quotation and punctuation may stand after it in its sentence.
    const uint32_t b = doc_.sentences[next_sentence].token_begin;
    for (uint32_t i = spans_[q].close + 1; i < b; ++i) {
      if (IsWord(i)) return -1;
    }
    if (tok_[b].has(kTokParagraphStart)) return -1;
    uint32_t i = b;
    while (i < tok_.size() && i < b + 4 && Is(i, kAux | kFiller) && mention_at_[i] < 0) ++i;
    if (i == b) return -1;  // "Lo", "È quanto": something must point back
    const int32_t c = CueAt(i);
    return c >= 0 && !(Flags(c) & kPhrase) ? c : -1;
  }

  // A cue right after quotation q: "…", ha detto X; "…," X said.
  int32_t FindCueAfter(size_t q) const {
    const uint32_t close = spans_[q].close;
    const uint32_t inner = spans_[q].inner_close;
    const uint32_t n = static_cast<uint32_t>(tok_.size());
    uint32_t k = close + 1;
    if (k >= n) return -1;
    if (tok_[k].has(kTokParagraphStart)) return -1;
    uint32_t limit = 14;
    // A quotation ending with a period ended its sentence ("…." He said);
    // after ? and ! a name and its verb may follow ("…!" Trump shouted).
    if (tok_[k].has(kTokSentenceStart) && tok_[k].has(kTokCapitalised) &&
        tok_[inner - 1].has(kTokSentenceEnd)) {
      const std::string_view mark = doc_.TokenText(tok_[inner - 1]);
      if (mark.find_first_of("?!") == std::string_view::npos) return -1;
      limit = 4;
    }
    if (IsComma(k) || IsDash(k)) {
      ++k;
    } else if (!(IsComma(inner - 1) || IsDash(inner - 1) || tok_[inner - 1].has(kTokSentenceEnd))) {
      limit = 4;  // no comma: only a cue close by ("…" ha detto)
    }
    for (uint32_t j = k; j < n && j < k + limit; ++j) {
      if (in_quote_[j] || IsQuoteMark(j) || IsClauseEnd(j)) return -1;
      if (j > k && tok_[j].has(kTokParagraphStart)) return -1;
      // A cue in a subordinate clause ("…," when asked) is not this one's.
      if (Is(j, kSub) && mention_at_[j] < 0) return -1;
      int32_t c = CueAt(j);
      if (c >= 0) return c;
    }
    return -1;
  }

  // A cue right before quotation q (X said: "…"; ha assicurato che "…";
  // definendo la Russia "…"; secondo X, "…"), or a colon with no cue.
  void FindCueBefore(size_t q) {
    QuoteInfo& qi = info_[q];
    const uint32_t open = spans_[q].open;
    if (open == 0) return;
    // Walk left over at most 12 tokens, within the sentence (or into the
    // previous one when a colon ends it), stopping at another quotation.
    uint32_t p = open;  // the token before p is examined
    for (int steps = 0; p > 0 && steps < 12; ++steps) {
      if (SentenceStart(p) && !(p == open && IsColon(p - 1))) break;
      if (in_quote_[p - 1]) break;
      const int32_t c = CueEndingAt(p);
      if (c >= 0) {
        const Gap g = ClassifyGap(c, p, open);
        if (g != Gap::kNone) {
          qi.pre_cue = c;
          qi.pre_gap = g;
        }
        return;
      }
      --p;
    }
    if (IsColon(open - 1) && !in_quote_[open - 1]) qi.pre_gap = Gap::kColon;
  }

  // What stands between cue c and a quotation opening at `open` (tokens
  // [from, open)); kNone when it does not let the cue introduce it.
  Gap ClassifyGap(int32_t c, uint32_t from, uint32_t open) const {
    const uint8_t flags = Flags(c);
    const uint32_t len = open - from;
    if (flags & kPhrase) {
      // secondo X, "…" / according to X: "…"
      if (len < 2) return Gap::kNone;
      const uint32_t last = open - 1;
      return (IsComma(last) || IsColon(last) || IsDash(last)) ? Gap::kPhrase : Gap::kNone;
    }
    if (flags & kAfterOnly) return Gap::kNone;
    // Trailing punctuation and link words, then fillers.
    uint32_t e = open;
    bool colon = false, link = false;
    while (e > from && (IsSeparator(e - 1) || IsColon(e - 1) || Is(e - 1, kLink | kFiller))) {
      if (IsColon(e - 1)) colon = true;
      if (Is(e - 1, kLink)) link = true;
      --e;
    }
    const uint32_t middle = e - from;  // words before them: object, addressee, adverbials
    if (flags & kNaming) {
      // definire X "…", describe X as "…": an object of a few words, no comma.
      for (uint32_t i = from; i < e; ++i) {
        if (!IsWord(i) && !tok_[i].has(kTokElision) && !tok_[i].has(kTokClitic)) return Gap::kNone;
      }
      return middle <= 6 ? Gap::kNaming : Gap::kNone;
    }
    if (middle == 0) return colon ? Gap::kColon : link ? Gap::kLink : Gap::kDirect;
    // said on Sunday that "…"; told reporters: "…"; ha detto Putin: "…"
    if ((colon || link) && middle <= 8) {
      for (uint32_t i = from; i < e; ++i) {
        if (IsQuoteMark(i) || IsClauseEnd(i)) return Gap::kNone;
      }
      return colon ? Gap::kColon : Gap::kLink;
    }
    return Gap::kNone;
  }

  // The nearest cue in the sentence of quotation q with a speaker: before
  // it, else after it; else the nearest cue with none.
  int32_t FindCueInSentence(size_t q) const {
    const Span& s = spans_[q];
    const uint32_t sb = sent_of_[s.open];
    const uint32_t se = sent_of_[s.close];
    int32_t fallback = -1;
    for (int32_t c = static_cast<int32_t>(cues_.size()) - 1; c >= 0; --c) {
      const CueHit& h = cues_[c];
      if (h.begin >= s.open) continue;
      if (sent_of_[h.begin] != sb) break;
      if (claimed_[c] || (Flags(c) & kAfterOnly)) continue;
      if (speakers_[c].found()) return c;
      if (fallback < 0) fallback = c;
    }
    for (size_t c = 0; c < cues_.size(); ++c) {
      const CueHit& h = cues_[c];
      if (h.begin <= s.close) continue;
      if (sent_of_[h.begin] != se) break;
      if (claimed_[c]) continue;
      if (speakers_[c].found()) return static_cast<int32_t>(c);
      if (fallback < 0) fallback = static_cast<int32_t>(c);
    }
    return fallback;
  }

  // ---- speakers ----
  void ResolveCues() {
    speakers_.assign(cues_.size(), Speaker());
    for (size_t c = 0; c < cues_.size(); ++c) speakers_[c] = ResolveCue(c);
  }

  Speaker ResolveCue(size_t c) {
    const CueHit& h = cues_[c];
    const uint8_t flags = Flags(c);
    if (flags & kPhrase) return HeadAfter(h.end, /*skip_first=*/false, "object");
    // The agent of a participle: "as reported by X", "riferito da X".
    if ((h.features & kParticiple) && h.end < tok_.size() && Is(h.end, kAgent) &&
        mention_at_[h.end] < 0) {
      Speaker s = HeadAfter(h.end + 1, /*skip_first=*/false, "agent");
      if (s.found()) return s;
    }
    // A gerund shares the subject of its clause ("…, definendo la Russia").
    const bool gerund = (h.features & kGerund) != 0;
    if (gerund) {
      Speaker s = ClauseSubject(c);
      if (s.found()) return s;
    }
    Boundary b;
    uint32_t rel = 0;
    bool empty = true;
    Speaker s = SubjectBefore(h.begin, &b, &rel, &empty);
    if (s.found()) return s;
    if (b == Boundary::kRel) {
      // "X, che ha detto" / "X, who said": X.
      uint32_t p = rel;
      while (p > 0 && IsComma(p - 1)) --p;
      if (p > 0 && mention_at_[p - 1] >= 0) return {mention_at_[p - 1], 0, 0, "relative"};
    }
    // A verb right after another cue verb shares its subject: "X went on to
    // say", "X began by saying".
    if (b == Boundary::kVerb && c > 0 && speakers_[c - 1].found() &&
        sent_of_[cues_[c - 1].begin] == sent_of_[h.begin]) {
      s = speakers_[c - 1];
      s.how = "clause";
      return s;
    }
    // English puts the subject after the verb behind a comma: "…, said X."
    if (!t_.pro_drop && !post_[c] && !(flags & (kNaming | kAddressee)) &&
        (h.features & (kPast | kPresent)) && h.begin > 0 && !in_quote_[h.begin - 1] &&
        (IsComma(h.begin - 1) || IsDash(h.begin - 1))) {
      s = InvertedAfter(h.end);
      if (s.found()) return s;
    }
    // A subject that names no one ("75 percent of Republicans said"): only a
    // language that drops subjects looks further.
    if (!empty && !t_.pro_drop) return {};
    // The subject after the verb: right after a quotation ("…," said X), or
    // in a language with free subject order a mention ("ha detto Putin").
    if (post_[c] || (t_.pro_drop && !(flags & (kNaming | kAddressee)))) {
      s = HeadAfter(h.end, /*skip_first=*/false, "inverted");
      if (s.found() && (post_[c] || s.mention >= 0)) return s;
    }
    // A verb after a coordinator shares the subject of the clause before.
    if (b == Boundary::kConj || b == Boundary::kPunct) {
      s = ClauseSubject(c);
      if (s.found()) return s;
    }
    if (!t_.pro_drop) return {};
    return Context(h.begin, /*person=*/true, "dropped");
  }

  // The subject before a verb group ending at `verb`. Sets *boundary to where
  // the search stopped (and *rel to a relative pronoun's token).
  Speaker SubjectBefore(uint32_t verb, Boundary* boundary, uint32_t* rel, bool* empty) const {
    uint32_t e = verb;
    while (e > 0 && !in_quote_[e - 1] && !SentenceStart(e) && Is(e - 1, kAux | kFiller) &&
           mention_at_[e - 1] < 0) {
      --e;
    }
    // "X, a former aide, said": a comma before the verb closes an apposition,
    // which may hold relative clauses, other verbs and short titles in
    // quotation marks ("Hemsley, the co-author of "Going Viral," said").
    const bool appositive = e > 0 && !SentenceStart(e) && IsSeparator(e - 1);
    uint32_t s = e;
    int parens = 0;
    *boundary = Boundary::kStart;
    while (s > 0 && !SentenceStart(s) && e - s < 40) {
      const uint32_t p = s - 1;
      if (in_quote_[p] || IsQuoteMark(p)) {
        const int32_t q = SpanEndingAt(p);
        if (appositive && q >= 0 && Words(q) <= 5 && !SentenceStart(spans_[q].open)) {
          s = spans_[q].open;
          continue;
        }
        *boundary = Boundary::kQuote;
        break;
      }
      if (IsColon(p) || Norm(p) == t_.semicolon) {
        *boundary = Boundary::kPunct;
        break;
      }
      if (Norm(p) == t_.rparen) ++parens;
      if (Norm(p) == t_.lparen && parens-- == 0) {
        *boundary = Boundary::kPunct;
        break;
      }
      if (mention_at_[p] < 0) {
        const uint16_t cls = Class(p);
        // "X, che" / "X, who" is a relative clause; "che"/"that" alone a
        // complement clause; "when", "quando" a subordinate one.
        const bool comma_before = p > 0 && IsComma(p - 1);
        const bool relative = (cls & kRel) && (comma_before || !(cls & kLink));
        if (relative && appositive && p + 1 < e) {
          // inside the apposition: go on to its head
        } else if (relative) {
          *boundary = Boundary::kRel;
          *rel = p;
          break;
        } else if (cls & (kLink | kSub)) {
          *boundary = Boundary::kLink;
          break;
        } else if ((cls & kConj) && s == e) {
          *boundary = Boundary::kConj;
          break;
        } else if (!appositive && CueEndingAt(s) >= 0 && s != verb) {
          *boundary = Boundary::kVerb;
          break;
        }
      }
      --s;
    }
    // A comma right before the verb group after a quotation ("…", lo ha
    // definito) leaves no subject.
    while (s < e && (IsSeparator(s) || Is(s, kConj)) && mention_at_[s] < 0) ++s;
    if (s >= e) {
      if (*boundary == Boundary::kQuote) *boundary = Boundary::kPunct;
      *empty = true;
      return {};
    }
    *empty = false;
    return HeadOfSlot(s, e, /*before=*/true);
  }

  // The quotation whose last mark is token i, or -1.
  int32_t SpanEndingAt(uint32_t i) const {
    auto it = std::lower_bound(spans_.begin(), spans_.end(), i,
                               [](const Span& sp, uint32_t v) { return sp.close < v; });
    return it != spans_.end() && it->close == i ? static_cast<int32_t>(it - spans_.begin()) : -1;
  }

  uint32_t Words(size_t q) const {
    uint32_t words = 0;
    for (uint32_t i = spans_[q].inner_open + 1; i < spans_[q].inner_close; ++i) {
      words += IsWord(i) ? 1 : 0;
    }
    return words;
  }

  // The speaker after a cue ending at `from`: "…", ha detto X; secondo X.
  Speaker HeadAfter(uint32_t from, bool skip_first, const char* how) const {
    const uint32_t n = static_cast<uint32_t>(tok_.size());
    uint32_t s = from;
    while (s < n && !in_quote_[s] && Is(s, kAux | kFiller) && mention_at_[s] < 0) ++s;
    uint32_t e = s;
    while (e < n && e - s < 24 && !in_quote_[e] && !IsQuoteMark(e) && !IsClauseEnd(e) &&
           !(e > s && tok_[e].has(kTokSentenceStart)) && !(mention_at_[e] < 0 && Is(e, kLink))) {
      ++e;
    }
    if (e <= s) return {};
    Speaker sp = HeadOfSlot(s, e, /*before=*/false, skip_first);
    if (sp.found() && std::string_view(sp.how) == "subject") sp.how = how;
    return sp;
  }

  // The subject right after a verb that follows a comma ("…, said X.",
  // "…, says a campaign spokesman, who…"): a short phrase ending the clause
  // or closed by a comma or a relative, with no auxiliary, link word or
  // pronoun in it (which would make it a clause: "…, said the plan was…").
  Speaker InvertedAfter(uint32_t from) const {
    const uint32_t n = static_cast<uint32_t>(tok_.size());
    uint32_t s = from;
    while (s < n && !in_quote_[s] && Is(s, kFiller) && mention_at_[s] < 0) ++s;
    uint32_t e = s;
    while (e < n && e - s <= 8 && !in_quote_[e] && !IsQuoteMark(e) && !IsClauseEnd(e) &&
           !(IsSeparator(e) && mention_at_[e] < 0) && !(e > s && tok_[e].has(kTokSentenceStart)) &&
           !(mention_at_[e] < 0 && Is(e, kRel))) {
      if (not_person_[e]) return {};
      if (mention_at_[e] < 0 && (Is(e, kAux | kLink | kSub | kHe | kShe | kIt) || !IsWord(e)) &&
          !tok_[e].has(kTokAbbrev) && Norm(e) != t_.possessive) {
        return {};
      }
      ++e;
    }
    if (e <= s || e - s > 8) return {};
    Speaker sp = NounPhraseHead(s, e, /*before=*/false);
    if (sp.found()) sp.how = "inverted";
    return sp;
  }

  // The head of the noun phrases in tokens [s, e): a subject before its verb
  // (before=true) or after it.
  Speaker HeadOfSlot(uint32_t s, uint32_t e, bool before, bool skip_first = false) const {
    // Segments between separators, outside mentions; those starting with a
    // preposition (after coordinators) are adverbials or addressees.
    struct Seg {
      uint32_t b, e;
    };
    Seg segs[8];
    int nseg = 0;
    uint32_t b = s;
    for (uint32_t i = s; i <= e && nseg < 8; ++i) {
      if (i == e || (IsSeparator(i) && mention_at_[i] < 0)) {
        uint32_t sb = b;
        while (sb < i && Is(sb, kConj) && mention_at_[sb] < 0) ++sb;
        if (sb < i && !(Is(sb, kPrep) && mention_at_[sb] < 0)) {
          segs[nseg++] = {sb, i};
        }
        b = i + 1;
      }
    }
    int first = skip_first ? 1 : 0;
    if (nseg <= first) return {};
    int head;
    if (!before || IsSeparator(e - 1)) {
      head = first;  // "X, a former aide, said" / "said X, the spokesman"
    } else {
      head = nseg - 1;  // "In a statement, the campaign said"
    }
    Speaker sp = NounPhraseHead(segs[head].b, segs[head].e, before);
    // The most specific mention: a person named in apposition to a role.
    const bool weak =
        !sp.found() || sp.mention < 0 || doc_.mentions[sp.mention].kind == MentionKind::kRole;
    if (weak) {
      for (int k = head + 1; k < nseg; ++k) {
        Speaker ap = NounPhraseHead(segs[k].b, segs[k].e, false);
        if (ap.mention >= 0 && doc_.mentions[ap.mention].kind == MentionKind::kPerson) {
          ap.how = "apposition";
          return ap;
        }
      }
    }
    return sp;
  }

  // The head of one noun phrase [b, e): its last mention before any
  // preposition or relative outside mentions, when the mention ends the
  // phrase; a pronoun; else its words when they look like a name or a noun
  // phrase ("a campaign spokesman").
  Speaker NounPhraseHead(uint32_t b, uint32_t e, bool before) const {
    uint32_t te = b;
    while (te < e && !(mention_at_[te] < 0 && te > b && Is(te, kPrep | kRel | kLink))) {
      ++te;
    }
    // Trailing fillers ("Putin also") do not count.
    uint32_t end = te;
    while (end > b && mention_at_[end - 1] < 0 && Is(end - 1, kFiller | kAux)) --end;
    if (end <= b) return {};
    if (mention_at_[end - 1] >= 0) {
      const int32_t m = mention_at_[end - 1];
      if (doc_.mentions[m].token_begin >= b) return {m, 0, 0, "subject"};
    }
    if (end - b == 1 && Is(b, kHe | kShe | kIt) && mention_at_[b] < 0) {
      const Gender g = Is(b, kShe)  ? Gender::kFemale
                       : Is(b, kHe) ? Gender::kMale
                                    : Gender::kUnknown;
      return Context(b, /*person=*/Is(b, kHe | kShe), "pronoun", g);
    }
    // Words with no mention: a determiner or a capitalised word that does
    // not merely start the sentence, at most six words.
    if (end - b > 6) return {};
    bool nominal = Is(b, kDet) && !Is(b, kHe | kShe | kIt);
    for (uint32_t i = b; i < end && !nominal; ++i) {
      nominal = tok_[i].has(kTokCapitalised) && !SentenceStart(i);
    }
    // Any words right before the verb ("federal prosecutors wrote"); a
    // short capitalised name at the start of a sentence ("MacNab says").
    if (before && !t_.pro_drop) {
      nominal = true;
      for (uint32_t i = b; i < end && nominal; ++i) {
        nominal = !Is(i, kAux | kFiller | kHe | kShe | kIt) || Norm(i) == t_.possessive;
      }
    }
    if (!nominal && end - b <= 3) {
      nominal = true;
      for (uint32_t i = b; i < end && nominal; ++i) {
        nominal = tok_[i].has(kTokCapitalised) && Class(i) == 0;
      }
    }
    if (!nominal) return {};
    for (uint32_t i = b; i < end; ++i) {
      if (!IsWord(i) && !tok_[i].has(kTokElision) && !tok_[i].has(kTokClitic) &&
          !tok_[i].has(kTokAbbrev)) {
        return {};
      }
    }
    return {-1, b, end, "subject"};
  }

  // The subject shared by a gerund or coordinated verb: the speaker of the
  // cue before it in its sentence, else the first person, role or
  // organisation of the sentence outside quotations and prepositional
  // phrases.
  Speaker ClauseSubject(size_t c) const {
    const uint32_t sent = sent_of_[cues_[c].begin];
    if (c > 0 && sent_of_[cues_[c - 1].begin] == sent && speakers_[c - 1].found()) {
      Speaker sp = speakers_[c - 1];
      sp.how = "clause";
      return sp;
    }
    const Sentence& sn = doc_.sentences[sent];
    for (uint32_t i = sn.token_begin; i < cues_[c].begin; ++i) {
      const int32_t m = mention_at_[i];
      if (m < 0 && !in_quote_[i] && Is(i, kHe | kShe)) {
        // "She told ABC…, and predicted viewers "…"": the pronoun's referent.
        return Context(i, true, "clause", Is(i, kShe) ? Gender::kFemale : Gender::kMale);
      }
      if (m < 0 || in_quote_[i] || doc_.mentions[m].token_begin != i) continue;
      if ((PersonLike(m) || OrgLike(m)) && !InPrepPhrase(m) && !Modifier(m)) {
        return {m, 0, 0, "clause"};
      }
    }
    return {};
  }

  // The most recent speaker before token `pos` for a dropped subject or a
  // pronoun: walking back over at most six sentences and two paragraph
  // breaks, the first sentence with a speaker (its last cue's) or a
  // compatible mention outside quotations (its first outside prepositional
  // phrases and possessives, else its first). A person of the other sex than
  // `gender` is passed over.
  Speaker Context(uint32_t pos, bool person, const char* how,
                  Gender gender = Gender::kUnknown) const {
    const uint32_t sent = sent_of_[pos];
    int paragraphs = 0;
    auto fits = [&](int32_t m) {
      if (!(person ? PersonLike(m) : OrgLike(m))) return false;
      if (gender == Gender::kUnknown) return true;
      const Gender g = GenderOf(m);
      return g == Gender::kUnknown || g == gender;
    };
    // Cues before pos, most recent first.
    auto cue_it = std::lower_bound(cues_.begin(), cues_.end(), pos,
                                   [](const CueHit& c, uint32_t v) { return c.begin < v; });
    int32_t ci = static_cast<int32_t>(cue_it - cues_.begin()) - 1;
    for (int64_t s = sent; s >= 0 && sent - s <= 6; --s) {
      const Sentence& sn = doc_.sentences[s];
      for (; ci >= 0 && cues_[ci].begin >= sn.token_begin; --ci) {
        const Speaker& sp = speakers_[ci];
        if (!sp.found()) continue;
        if (sp.mention >= 0 ? fits(sp.mention)
                            : person && WrittenPerson(sp.name_begin, sp.name_end, gender)) {
          return {sp.mention, sp.name_begin, sp.name_end, how};
        }
      }
      if (person) {
        // A name with no mention as the sentence's subject: "Fiorina was
        // upfront about her distaste for Donald Trump".
        uint32_t nb = 0, ne = 0;
        if (SubjectName(sn.token_begin, pos, &nb, &ne) && WrittenPerson(nb, ne, gender)) {
          return {-1, nb, ne, how};
        }
      }
      int32_t any = -1;
      const uint32_t end = std::min<uint32_t>(sn.token_end, pos);
      for (uint32_t i = sn.token_begin; i < end; ++i) {
        const int32_t m = mention_at_[i];
        // A sentence about someone already named ("She still lives…") says
        // nothing new: look further back.
        if (m < 0 && any < 0 && !in_quote_[i] && Is(i, kHe | kShe) && person) break;
        if (m < 0 || in_quote_[i] || doc_.mentions[m].token_begin != i || !fits(m)) continue;
        if (!InPrepPhrase(m) && !Modifier(m)) return {m, 0, 0, how};
        if (any < 0) any = m;
      }
      if (any >= 0) return {any, 0, 0, how};
      if (tok_[sn.token_begin].has(kTokParagraphStart) && ++paragraphs > 2) break;
    }
    return {};
  }

  // A name with no mention opening the sentence that starts at token `b`
  // (after coordinators and adverbs), before token `limit`: up to four
  // capitalised words outside the closed classes (a title among them: "Mr.
  // Autor"), followed by a lower-case word or a comma, not a possessive
  // ("Trump's comments"). A name that only starts its sentence must be
  // written capitalised inside a sentence elsewhere in the document, or carry
  // a title, so that "Later" or "Asked" are not taken for one; places and
  // dates never are. Sets [*nb, *ne).
  bool SubjectName(uint32_t b, uint32_t limit, uint32_t* nb, uint32_t* ne) const {
    const uint32_t n = std::min<uint32_t>(limit, static_cast<uint32_t>(tok_.size()));
    uint32_t i = b;
    while (i < n && !in_quote_[i] && mention_at_[i] < 0 && Is(i, kConj | kFiller)) ++i;
    const uint32_t start = i;
    bool titled = false, confirmed = false;
    while (i < n && i - start < 4 && !in_quote_[i] && mention_at_[i] < 0 && !not_person_[i] &&
           tok_[i].has(kTokCapitalised) && IsWord(i)) {
      const uint16_t cls = Class(i);
      if (cls & ~(kFemale | kMale)) break;
      if (cls != 0 && tok_[i].has(kTokAbbrev)) titled = true;  // Mr., Ms.
      if (!confirmed && std::binary_search(capitalised_.begin(), capitalised_.end(), Norm(i))) {
        confirmed = true;
      }
      ++i;
    }
    if (i == start || i >= n || in_quote_[i]) return false;
    if (!(titled || confirmed)) return false;
    const bool lower_word = IsWord(i) && !tok_[i].has(kTokCapitalised) &&
                            Norm(i) != t_.possessive && Norm(i) != t_.possessive_s;
    if (!lower_word && !IsComma(i)) return false;
    *nb = start;
    *ne = i;
    return true;
  }

  // Whether the words [b, e) of a speaker with no mention name a person of a
  // sex compatible with `gender`: a name (capitalised words outside the closed
  // classes, "Brafman", "Mr. Cruz") or a phrase with a word of the female or
  // male lists ("a campaign spokeswoman").
  bool WrittenPerson(uint32_t b, uint32_t e, Gender gender) const {
    if (e <= b) return false;
    bool name = true, marked = false;
    Gender g = Gender::kUnknown;
    for (uint32_t i = b; i < e; ++i) {
      if (not_person_[i]) return false;
      const uint16_t cls = Class(i);
      if (cls & (kFemale | kMale)) {
        marked = true;
        if (g == Gender::kUnknown) g = (cls & kFemale) ? Gender::kFemale : Gender::kMale;
      }
      if (!tok_[i].has(kTokCapitalised) || (cls & ~(kFemale | kMale)) != 0) name = false;
    }
    if (!name && !marked) return false;
    if (g == Gender::kUnknown && b > 0 && !in_quote_[b - 1]) {
      const uint16_t cls = Class(b - 1);  // a title before the name
      g = (cls & kFemale) ? Gender::kFemale : (cls & kMale) ? Gender::kMale : Gender::kUnknown;
    }
    return gender == Gender::kUnknown || g == Gender::kUnknown || g == gender;
  }

  // A possessive mention, which modifies the noun after it: "Trump's
  // campaign".
  bool Modifier(int32_t m) const {
    const uint32_t e = doc_.mentions[m].token_end;
    if (e >= tok_.size() || in_quote_[e]) return false;
    if (Norm(e) == t_.possessive ||
        (Norm(e) == t_.possessive_s && tok_[e].start == tok_[e - 1].end())) {
      return true;
    }
    return false;
  }

  // The sex of the person behind mention m, when its words, its entity's
  // name or a title before it tell: speech.txt's female and male lists.
  Gender GenderOf(int32_t m) const {
    const Mention& mn = doc_.mentions[m];
    auto of_word = [&](StrId id) {
      const uint16_t c = t_.Class(id);
      return (c & kFemale) ? Gender::kFemale : (c & kMale) ? Gender::kMale : Gender::kUnknown;
    };
    if (mn.entity >= 0 && static_cast<size_t>(mn.entity) < doc_.entities.size()) {
      const std::string& name = doc_.entities[mn.entity].name;
      const Gender g = of_word(Id(name.substr(0, name.find(' '))));
      if (g != Gender::kUnknown) return g;
    }
    for (uint32_t i = mn.token_begin; i < mn.token_end && i < tok_.size(); ++i) {
      const Gender g = of_word(Norm(i));
      if (g != Gender::kUnknown) return g;
    }
    if (mn.token_begin > 0) return of_word(Norm(mn.token_begin - 1));
    return Gender::kUnknown;
  }

  // ---- output ----
  void Emit() {
    for (size_t q = 0; q < spans_.size(); ++q) {
      const Span& sp = spans_[q];
      QuoteInfo& qi = info_[q];
      Quote out;
      out.start = tok_[sp.inner_open].end();
      out.end = tok_[sp.inner_close].start;
      const uint32_t words = Words(q);
      const char* attach = "";
      std::string source;
      switch (qi.attach) {
        case Attach::kAfter:
          attach = "cue-after";
          break;
        case Attach::kBefore:
          attach = "cue-before";
          break;
        case Attach::kSentence:
          attach = "cue-sentence";
          break;
        case Attach::kColon:
          attach = "colon";
          break;
        case Attach::kNext:
          attach = "cue-next";
          break;
        default:
          break;
      }
      if (qi.cue >= 0) {
        const CueHit& h = cues_[qi.cue];
        uint32_t b = h.begin;
        if (!(Flags(qi.cue) & kPhrase)) {
          // Auxiliaries join the cue ("ha detto", "ha poi aggiunto").
          uint32_t k = b;
          while (k > 0 && !in_quote_[k - 1] && mention_at_[k - 1] < 0 &&
                 Is(k - 1, kAux | kFiller)) {
            --k;
            if (Is(k, kAux)) b = k;
          }
        }
        out.cue_start = tok_[b].start;
        out.cue_end = tok_[h.end - 1].end();
        qi.speaker = speakers_[qi.cue];
        source = t_.entries[h.entry].source;
      } else if (qi.attach == Attach::kColon) {
        out.cue_start = tok_[sp.open - 1].start;
        out.cue_end = tok_[sp.open - 1].end();
        qi.speaker = ColonSpeaker(sp.open - 1);
      } else if (Standalone(q) || (words > 3 && FollowsQuote(q))) {
        qi.speaker = Previous(q);
        if (qi.speaker.found()) {
          qi.attach = Attach::kPrevious;
          attach = "previous";
        }
      }
      out.scare = words <= 3 && qi.attach != Attach::kAfter && qi.attach != Attach::kBefore &&
                  qi.attach != Attach::kColon && qi.attach != Attach::kNext;
      const Speaker& s = qi.speaker;
      if (s.found()) {
        if (s.mention >= 0) {
          const Mention& m = doc_.mentions[s.mention];
          out.speaker_mention = s.mention;
          out.speaker_entity = m.entity;
          out.speaker_actor = m.actor;
          if (m.entity >= 0 && static_cast<size_t>(m.entity) < doc_.entities.size()) {
            const Entity& en = doc_.entities[m.entity];
            out.speaker_name = en.name;
            if (out.speaker_actor.empty()) out.speaker_actor = en.actor;
          } else {
            out.speaker_name = doc_.text.substr(m.start, m.end - m.start);
          }
          out.speaker_start = m.start;
          out.speaker_end = m.end;
        } else {
          const uint32_t a = tok_[s.name_begin].start, z = tok_[s.name_end - 1].end();
          out.speaker_name = doc_.text.substr(a, z - a);
          out.speaker_start = a;
          out.speaker_end = z;
        }
      }
      if (qi.attach == Attach::kNone) {
        out.rule = "none";
      } else if (qi.attach == Attach::kPrevious) {
        out.rule = "previous";
      } else {
        out.rule = std::string(attach) + ":" + (s.found() ? s.how : "none");
        if (!source.empty()) out.rule += " " + source;
      }
      doc_.quotes.push_back(std::move(out));
    }
  }

  // The speaker of a quotation after a colon with no cue ("Putin: …",
  // "X, an analyst, agreed: …"): the first person, role or organisation of
  // the clause before the colon outside prepositional phrases and
  // possessives; else the subject right before the colon.
  Speaker ColonSpeaker(uint32_t colon) const {
    uint32_t s = colon;
    while (s > 0 && !SentenceStart(s) && !in_quote_[s - 1] && !IsClauseEnd(s - 1)) --s;
    for (uint32_t i = s; i < colon; ++i) {
      const int32_t m = mention_at_[i];
      if (m < 0 || doc_.mentions[m].token_begin != i) continue;
      if ((PersonLike(m) || OrgLike(m)) && !InPrepPhrase(m) && !Modifier(m)) {
        return {m, 0, 0, "subject"};
      }
    }
    Boundary b;
    uint32_t rel = 0;
    bool empty = true;
    return SubjectBefore(colon, &b, &rel, &empty);
  }

  // Quotation q fills its sentences: nothing but punctuation before it in
  // its first sentence and after it in its last.
  bool Standalone(size_t q) const {
    const Span& sp = spans_[q];
    for (uint32_t i = doc_.sentences[sent_of_[sp.open]].token_begin; i < sp.open; ++i) {
      if (IsWord(i)) return false;
    }
    const uint32_t end = doc_.sentences[sent_of_[sp.close]].token_end;
    for (uint32_t i = sp.close + 1; i < end; ++i) {
      if (IsWord(i)) return false;
    }
    return true;
  }

  // Quotation q, with no cue in its sentence, comes in the sentence right
  // after a quotation with a speaker, in the same paragraph: it goes on with
  // the same voice ("…," said X. Y "kind of misspoke. …").
  bool FollowsQuote(size_t q) const {
    if (q == 0 || !info_[q - 1].speaker.found()) return false;
    const uint32_t open = spans_[q].open, prev = spans_[q - 1].close;
    if (sent_of_[open] > sent_of_[prev] + 1) return false;
    for (uint32_t i = prev + 1; i <= open; ++i) {
      if (tok_[i].has(kTokParagraphStart)) return false;
    }
    return true;
  }

  // The speaker of the quotation or cue just before quotation q, within two
  // sentences and one paragraph break.
  Speaker Previous(size_t q) const {
    const uint32_t open = spans_[q].open;
    const uint32_t sent = sent_of_[open];
    int32_t best_pos = -1;
    Speaker best;
    if (q > 0 && info_[q - 1].speaker.found()) {
      best_pos = static_cast<int32_t>(spans_[q - 1].close);
      best = info_[q - 1].speaker;
    }
    auto it = std::lower_bound(cues_.begin(), cues_.end(), open,
                               [](const CueHit& c, uint32_t v) { return c.begin < v; });
    for (int32_t c = static_cast<int32_t>(it - cues_.begin()) - 1; c >= 0; --c) {
      if (static_cast<int32_t>(cues_[c].begin) <= best_pos) break;
      if (speakers_[c].found()) {
        best_pos = static_cast<int32_t>(cues_[c].begin);
        best = speakers_[c];
        break;
      }
    }
    if (best_pos < 0 || sent - sent_of_[best_pos] > 2) return {};
    int paragraphs = 0;
    for (uint32_t i = best_pos + 1; i <= open; ++i) {
      if (tok_[i].has(kTokParagraphStart) && !in_quote_[i]) ++paragraphs;
    }
    if (paragraphs > 1) return {};
    best.how = "previous";
    return best;
  }

  const QuoteTagger::Tables& t_;
  Document& doc_;
  const std::vector<Token>& tok_;
  std::vector<uint32_t> sent_of_;
  std::vector<int32_t> mention_at_;
  std::vector<uint8_t> in_quote_;
  std::vector<Span> spans_;
  std::vector<CueHit> cues_;
  std::vector<QuoteInfo> info_;
  std::vector<uint8_t> claimed_, post_;
  std::vector<Speaker> speakers_;
  std::vector<StrId> capitalised_;   // sorted norms of capitalised words inside sentences
  std::vector<uint8_t> not_person_;  // tokens of places and temporal expressions
};

}  // namespace

QuoteTagger::QuoteTagger(std::unique_ptr<const Tables> tables) : tables_(std::move(tables)) {}
QuoteTagger::~QuoteTagger() = default;

const std::vector<QuoteTagger::Example>& QuoteTagger::examples() const { return tables_->examples; }

Result<std::unique_ptr<QuoteTagger>> QuoteTagger::Load(const std::string& lang_dir,
                                                       const Morphology& morph) {
  const std::string path = lang_dir + "/speech.txt";
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read speech cues " + path);
  std::string lang = lang_dir;
  while (!lang.empty() && lang.back() == '/') lang.pop_back();
  lang = lang.substr(lang.find_last_of('/') + 1);
  const std::string short_path = lang + "/speech.txt";

  auto tables = std::make_unique<Tables>();
  static const std::unordered_map<std::string, uint16_t> kClasses = {
      {"aux", kAux},     {"filler", kFiller}, {"link", kLink}, {"prep", kPrep}, {"conj", kConj},
      {"det", kDet},     {"rel", kRel},       {"he", kHe},     {"she", kShe},   {"it", kIt},
      {"agent", kAgent}, {"female", kFemale}, {"male", kMale}, {"sub", kSub},
  };
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string where = path + ":" + std::to_string(n);
    if (n == 1) {
      if (line.rfind("#! cronista-speech 1", 0) != 0) {
        return Status::InvalidArgument(where + ": expected '#! cronista-speech 1'");
      }
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitOn(line, '\t');
    const std::string& kind = f[0];
    if (f.size() < 2 || f[1].empty()) return Status::InvalidArgument(where + ": no words");
    if (auto it = kClasses.find(kind); it != kClasses.end()) {
      for (const std::string& w : SplitWords(f[1])) tables->classes[Id(w)] |= it->second;
      continue;
    }
    if (kind == "pro-drop") {
      tables->pro_drop = f[1] == "yes";
      continue;
    }
    if (kind != "verb" && kind != "phrase") {
      return Status::InvalidArgument(where + ": unknown kind '" + kind + "'");
    }
    CueEntry entry;
    entry.source = short_path + ":" + std::to_string(n);
    if (kind == "phrase") entry.flags |= kPhrase;
    uint16_t allowed = 0xFFFF;
    std::vector<StrId> excluded;
    if (f.size() > 2 && f[2] != "-" && !f[2].empty()) {
      for (const std::string& opt : SplitOn(f[2], ',')) {
        if (opt == "naming") {
          entry.flags |= kNaming;
        } else if (opt == "addressee") {
          entry.flags |= kAddressee;
        } else if (opt == "after") {
          entry.flags |= kAfterOnly;
        } else if (opt.rfind("forms=", 0) == 0) {
          allowed = 0;
          for (const std::string& name : SplitOn(opt.substr(6), '+')) {
            uint16_t bit = FeatureBit(name);
            if (bit == 0) return Status::InvalidArgument(where + ": unknown form '" + name + "'");
            allowed |= bit;
          }
        } else if (opt.rfind("not=", 0) == 0) {
          for (const std::string& w : SplitOn(opt.substr(4), '+')) excluded.push_back(Id(w));
        } else {
          return Status::InvalidArgument(where + ": unknown option '" + opt + "'");
        }
      }
    }
    if (kind == "phrase" && (entry.flags & (kNaming | kAddressee))) {
      return Status::InvalidArgument(where + ": naming and addressee apply to verbs only");
    }
    const uint32_t index = static_cast<uint32_t>(tables->entries.size());
    auto add_form = [&](const std::string& form, uint16_t features) {
      std::vector<std::string> words = SplitWords(form);
      if (words.empty()) return;
      CueForm cf;
      cf.entry = index;
      cf.features = features;
      for (size_t k = 1; k < words.size(); ++k) cf.rest.push_back(Id(words[k]));
      auto& list = tables->forms[Id(words[0])];
      for (const CueForm& other : list) {
        if (other.rest == cf.rest) return;  // an earlier entry has this form
      }
      list.push_back(std::move(cf));
      std::stable_sort(list.begin(), list.end(), [](const CueForm& a, const CueForm& b) {
        return a.rest.size() > b.rest.size();
      });
    };
    if (kind == "phrase") {
      add_form(f[1], 0);
    } else {
      std::vector<WordForm> forms = morph.VerbForms(f[1]);
      if (forms.empty()) return Status::InvalidArgument(where + ": no forms for '" + f[1] + "'");
      for (const WordForm& wf : forms) {
        // Imperatives alone ("di'") are not cues; neither are excluded forms.
        if ((wf.features & allowed) == 0 || wf.features == kImperative) continue;
        std::vector<std::string> words = SplitWords(wf.form);
        if (words.empty()) continue;
        if (std::find(excluded.begin(), excluded.end(), Id(words[0])) != excluded.end()) continue;
        add_form(wf.form, wf.features);
      }
    }
    tables->entries.push_back(std::move(entry));
    if (f.size() > 3 && !f[3].empty() && f[3] != "-") {
      if (f.size() < 5 || f[4].empty() || f[4] == "-") {
        return Status::InvalidArgument(where + ": an example needs its speaker");
      }
      tables->examples.push_back({short_path + ":" + std::to_string(n), f[3], f[4]});
    }
  }
  if (tables->entries.empty()) return Status::InvalidArgument(path + ": no cues");
  return std::unique_ptr<QuoteTagger>(new QuoteTagger(std::move(tables)));
}

void QuoteTagger::Tag(Document* doc) const {
  Tagger tagger(*tables_, doc);
  tagger.Run();
}

}  // namespace cronista
