#include "text/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "text/normalize.h"

namespace cronista {

namespace {

// Boundary strength before a token.
enum Break : uint8_t {
  kNoBreak = 0,
  kSoftBreak = 1,  // proposed by ICU or a rule; corrections may remove it
  kHardBreak = 2,  // paragraph or line break; never removed
};

// Limits on a quotation whose inner boundaries may be removed.
constexpr uint32_t kMaxQuoteBytes = 1000;
constexpr int kMaxQuoteBreaks = 3;
// Tokens after a closing quotation mark searched for a speech cue.
constexpr size_t kCueWindow = 4;
// Tokens without letters read after a candidate terminator before ICU's
// window closes (ICU looks ahead to the next letter).
constexpr size_t kMaxLookahead = 8;
// ICU iterator clones kept per thread (one per segmenter in use).
constexpr size_t kMaxCachedIterators = 8;

std::atomic<uint64_t> next_segmenter_id{1};

UChar32 FirstCodePoint(std::string_view s) {
  if (s.empty()) return -1;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(p, i, static_cast<int32_t>(s.size()), c);
  return c;
}

// Only . ! ? … and their kin.
bool IsTerminalText(std::string_view s) {
  if (s.empty()) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    switch (c) {
      case '.':
      case '!':
      case '?':
      case 0x2026:  // …
      case 0x203C:  // ‼
      case 0x2047:  // ⁇
      case 0x2048:  // ⁈
      case 0x2049:  // ⁉
      case 0x3002:  // 。
      case 0xFF01:  // ！
      case 0xFF1F:  // ？
        break;
      default:
        return false;
    }
  }
  return true;
}

// A token after which ICU may see a sentence boundary: punctuation holding a
// sentence terminator (UAX #29 STerm or ATerm), or an abbreviation.
bool IsCandidate(const std::string& text, const Token& t) {
  if (t.has(kTokAbbrev)) return text[t.end() - 1] == '.';
  if (!t.has(kTokPunct)) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  for (size_t i = t.start; i < t.end();) {
    if (p[i] < 0x80) {
      if (p[i] == '.' || p[i] == '!' || p[i] == '?') return true;
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, t.end(), c);
    if (c < 0) continue;
    const int sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    if (sb == U_SB_STERM || sb == U_SB_ATERM) return true;
  }
  return false;
}

// A word starting with a lower-case letter ("la", "l'", "iPhone").
bool StartsLowerCase(const Document& doc, const Token& t) {
  if (!t.has(kTokWord) || t.has(kTokCapitalised)) return false;
  const auto b = static_cast<unsigned char>(doc.text[t.start]);
  if (b < 0x80) return b >= 'a' && b <= 'z';
  return u_islower(FirstCodePoint(doc.TokenText(t)));
}

bool IsOneOf(std::string_view s, std::string_view set) {
  return s.size() == 1 && set.find(s[0]) != std::string_view::npos;
}

struct CachedIterator {
  uint64_t owner = 0;
  std::unique_ptr<icu::BreakIterator> iterator;
};

}  // namespace

struct SentenceSegmenter::Impl {
  uint64_t id = 0;
  std::unique_ptr<icu::BreakIterator> prototype;
  mutable std::mutex clone_mutex;
  // Norm ids of abbreviations after which a sentence may end, and of cues.
  std::unordered_set<StrId> final_abbreviations;
  std::unordered_set<StrId> cues;

  icu::BreakIterator* Iterator() const;
  bool Continues(const Document& doc, const std::vector<uint8_t>& brk, size_t k) const;
};

icu::BreakIterator* SentenceSegmenter::Impl::Iterator() const {
  thread_local std::vector<CachedIterator> cache;
  for (CachedIterator& c : cache) {
    if (c.owner == id) return c.iterator.get();
  }
  std::unique_ptr<icu::BreakIterator> clone;
  {
    std::lock_guard<std::mutex> lock(clone_mutex);
    clone.reset(prototype->clone());
  }
  if (!clone) return nullptr;
  // Segmenters that went away leave stale clones behind; keep the cache small.
  if (cache.size() >= kMaxCachedIterators) cache.erase(cache.begin());
  cache.push_back({id, std::move(clone)});
  return cache.back().iterator.get();
}

// Does the text from token k on continue the sentence of a quotation that
// closed at token k - 1?
bool SentenceSegmenter::Impl::Continues(const Document& doc, const std::vector<uint8_t>& brk,
                                        size_t k) const {
  const std::vector<Token>& tokens = doc.tokens;
  if (k >= tokens.size() || brk[k] == kHardBreak) return false;
  const Token& t = tokens[k];
  const std::string_view text = doc.TokenText(t);
  if (StartsLowerCase(doc, t)) return true;  // "he asked", "le parole"
  if (IsOneOf(text, ",;:(")) return true;
  if (t.has(kTokPunct) && IsDash(static_cast<char32_t>(FirstCodePoint(text)))) return true;
  // A speech cue, possibly after capitalised words: "Trump said", "Ha detto".
  for (size_t j = k; j < tokens.size() && j < k + kCueWindow; ++j) {
    if (j > k && brk[j] == kHardBreak) break;
    if (cues.count(tokens[j].norm) != 0) return true;
    if (!tokens[j].has(kTokCapitalised)) break;
  }
  return false;
}

SentenceSegmenter::SentenceSegmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SentenceSegmenter::~SentenceSegmenter() = default;

Result<std::unique_ptr<SentenceSegmenter>> SentenceSegmenter::Create(const TextRules& rules) {
  auto impl = std::make_unique<Impl>();
  impl->id = next_segmenter_id.fetch_add(1);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale =
      rules.lang.empty() ? icu::Locale::getRoot() : icu::Locale(rules.lang.c_str());
  std::unique_ptr<icu::BreakIterator> base(
      icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status) || !base) {
    return Status::Internal(std::string("cannot create the ICU sentence iterator: ") +
                            u_errorName(status));
  }
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  if (U_FAILURE(status) || !builder) {
    return Status::Internal(std::string("cannot create the ICU break filter: ") +
                            u_errorName(status));
  }
  // ICU matches a suppressed abbreviation as a suffix of the text before the
  // break, without checking for a word boundary: "on." would suppress the
  // break after "Macron.". So ICU only gets the entries where that cannot
  // misfire (an upper-case initial, or an inner period); the token rule in
  // Segment() handles every abbreviation exactly.
  for (const std::string& written : rules.abbreviations_as_written) {
    if (written.size() < 2 || written.back() != '.') continue;
    const std::string folded = NormalizeToken(written);
    if (rules.sentence_final_abbreviations.count(folded) != 0) continue;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(written);
    const UChar32 first = u.char32At(0);
    const bool inner_period = written.find('.') + 1 < written.size();
    if (u_isupper(first) || u_istitle(first) || inner_period) {
      builder->suppressBreakAfter(u, status);
    }
    if (u_islower(first)) {
      // The sentence-initial spelling: "sen." -> "Sen.".
      icu::UnicodeString cap(u);
      cap.replace(0, U16_LENGTH(first), u_toupper(first));
      builder->suppressBreakAfter(cap, status);
    }
    if (U_FAILURE(status)) {
      return Status::Internal("cannot add abbreviation '" + written +
                              "' to the ICU break filter: " + u_errorName(status));
    }
  }
  impl->prototype.reset(builder->wrapIteratorWithFilter(base.release(), status));
  if (U_FAILURE(status) || !impl->prototype) {
    return Status::Internal(std::string("cannot build the filtered ICU sentence iterator: ") +
                            u_errorName(status));
  }
  for (const std::string& a : rules.sentence_final_abbreviations) {
    impl->final_abbreviations.insert(HashString(a));
  }
  for (const std::string& c : rules.quote_cues) impl->cues.insert(HashString(c));
  return std::unique_ptr<SentenceSegmenter>(new SentenceSegmenter(std::move(impl)));
}

void SentenceSegmenter::Segment(Document* doc) const {
  doc->sentences.clear();
  std::vector<Token>& tokens = doc->tokens;
  const size_t n = tokens.size();
  if (n == 0) return;
  const std::string& text = doc->text;

  // Per-thread scratch space, reused across documents.
  struct Window {
    uint32_t scratch_start;  // offset of the window in `scratch`
    uint32_t text_start;     // offset of the window in the text
    uint32_t length;
    uint32_t first_token;
  };
  struct Quote {
    uint32_t index;       // token index
    uint32_t line_start;  // the first token after the last hard break
  };
  thread_local std::vector<uint8_t> brk;
  thread_local std::string scratch;
  thread_local std::vector<Window> windows;
  thread_local std::vector<uint32_t> icu_breaks;
  thread_local std::vector<Quote> quotes;
  brk.assign(n, kNoBreak);
  scratch.clear();
  windows.clear();
  icu_breaks.clear();
  quotes.clear();

  // 1. One pass over the tokens: line and paragraph breaks, glued full
  // stops, quotation marks, and the windows for ICU.
  //
  // ICU can only break after a sentence terminator (and at line breaks,
  // decided here), and its rules look one character back and forward to the
  // next letter. So instead of the whole text, ICU reads a scratch copy of
  // the windows around candidate tokens (terminal punctuation,
  // abbreviations): from the token before to the first word after, one
  // window per line of the scratch text. Its decisions are the same, at a
  // fraction of the cost, and terminators inside URLs ("?id=3") are never
  // candidates.
  uint32_t line_start = 0;
  size_t window_end = 0;  // tokens before this one are in a window already
  for (size_t k = 0; k < n; ++k) {
    Token& t = tokens[k];
    t.flags &= ~(kTokSentenceStart | kTokSentenceEnd);
    if (k > 0) {
      if (t.has(kTokParagraphStart)) {
        brk[k] = kHardBreak;
      } else if (t.has(kTokNewlineBefore)) {
        // A hard-wrapped line continues when it starts lower case after a
        // line without final punctuation.
        const Token& prev = tokens[k - 1];
        const bool wrapped = StartsLowerCase(*doc, t) && !IsTerminalText(doc->TokenText(prev)) &&
                             !prev.has(kTokCloseQuote);
        brk[k] = wrapped ? kNoBreak : kHardBreak;
      } else if (!t.has(kTokSpaceBefore) && k >= 2 && tokens[k - 1].length == 1 &&
                 text[tokens[k - 1].start] == '.') {
        // "egiziane.Il": a missing space after a full stop.
        const Token& prev = tokens[k - 1];
        const Token& before = tokens[k - 2];
        if (!prev.has(kTokSpaceBefore) && t.has(kTokWord) && t.has(kTokCapitalised) &&
            t.length >= 2 && before.has(kTokWord) && !before.has(kTokAbbrev) &&
            before.length >= 2 && before.end() == prev.start) {
          brk[k] = kSoftBreak;
        }
      }
      if (brk[k] == kHardBreak) line_start = static_cast<uint32_t>(k);
    }
    if (t.has(kTokQuote)) quotes.push_back({static_cast<uint32_t>(k), line_start});
    if (k < window_end || !(t.flags & (kTokPunct | kTokAbbrev)) || !IsCandidate(text, t)) {
      continue;
    }
    const size_t first = (k > 0 && !t.has(kTokNewlineBefore)) ? k - 1 : k;
    size_t last = k;
    size_t look = 0;
    for (size_t j = k + 1; j < n && !tokens[j].has(kTokNewlineBefore) && look < kMaxLookahead;
         ++j) {
      last = j;
      if ((tokens[j].flags & (kTokPunct | kTokAbbrev)) && IsCandidate(text, tokens[j])) {
        look = 0;
      } else if (tokens[j].has(kTokWord)) {
        break;
      } else {
        ++look;
      }
    }
    const uint32_t start = tokens[first].start;
    const uint32_t length = tokens[last].end() - start;
    if (scratch.size() + length + 1 > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      window_end = n;
      continue;
    }
    windows.push_back(
        {static_cast<uint32_t>(scratch.size()), start, length, static_cast<uint32_t>(first)});
    scratch.append(text, start, length);
    scratch.push_back('\n');
    window_end = last + 1;
  }

  // 2. ICU's boundaries.
  icu::BreakIterator* bi = windows.empty() ? nullptr : impl_->Iterator();
  if (bi != nullptr) {
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, scratch.data(), static_cast<int64_t>(scratch.size()), &status);
    if (U_SUCCESS(status)) bi->setText(&ut, status);
    // The iterator keeps a shallow copy of `ut`, pointing into the scratch
    // buffer; it is only read again after the next setText().
    size_t w = 0;
    for (int32_t b = U_SUCCESS(status) ? bi->first() : icu::BreakIterator::DONE;
         b != icu::BreakIterator::DONE; b = bi->next()) {
      const auto pos = static_cast<uint32_t>(b);
      while (w < windows.size() && pos > windows[w].scratch_start + windows[w].length) ++w;
      if (w >= windows.size()) break;
      const Window& win = windows[w];
      // Boundaries at the edges of a window are artefacts of the windowing.
      if (pos <= win.scratch_start || pos >= win.scratch_start + win.length) continue;
      const uint32_t offset = win.text_start + (pos - win.scratch_start);
      size_t t = win.first_token;
      while (t < n && tokens[t].start < offset) ++t;
      // Not inside a token ("?" in a URL), nor where a rule decided already.
      if (t > 0 && t < n && tokens[t - 1].end() <= offset && brk[t] == kNoBreak) {
        brk[t] = kSoftBreak;
        icu_breaks.push_back(static_cast<uint32_t>(t));
      }
    }
    utext_close(&ut);
  }

  // 3. Corrections of ICU's boundaries.
  for (uint32_t k : icu_breaks) {
    const Token& t = tokens[k];
    const Token& prev = tokens[k - 1];
    const std::string_view prev_text = doc->TokenText(prev);
    if (prev.has(kTokAbbrev) && impl_->final_abbreviations.count(prev.norm) == 0) {
      brk[k] = kNoBreak;  // "Mr. Smith", "J. F. Kennedy"
    } else if (IsOneOf(doc->TokenText(t), ",;:)]}")) {
      brk[k] = kNoBreak;
    } else if (prev.has(kTokPunct) && IsTerminalText(prev_text) &&
               prev_text.find('.') == std::string_view::npos && StartsLowerCase(*doc, t)) {
      brk[k] = kNoBreak;  // "Che fare? si chiede"
    }
  }

  // 4. Quotations that continue their sentence.
  struct Open {
    QuoteFamily family;
    uint32_t index;
  };
  thread_local std::vector<Open> stack;
  stack.clear();
  for (const Quote& q : quotes) {
    // Quotations do not cross hard breaks.
    if (!stack.empty() && stack.back().index < q.line_start) stack.clear();
    const size_t k = q.index;
    const Token& t = tokens[k];
    const QuoteFamily family =
        QuoteMarkFamily(static_cast<char32_t>(FirstCodePoint(doc->TokenText(t))));
    if (family == QuoteFamily::kStraightSingle || family == QuoteFamily::kNone) continue;
    if (t.has(kTokOpenQuote)) {
      stack.push_back({family, static_cast<uint32_t>(k)});
      continue;
    }
    size_t j = stack.size();
    while (j > 0 && stack[j - 1].family != family) --j;
    if (j == 0) continue;  // a closing mark without an opening one
    const size_t open = stack[j - 1].index;
    stack.resize(j - 1);
    if (t.end() - tokens[open].start > kMaxQuoteBytes) continue;
    const size_t last = std::min(k + 1, n - 1);
    int soft = 0;
    for (size_t b = open + 1; b <= last; ++b) soft += brk[b] == kSoftBreak;
    if (soft == 0 || soft > kMaxQuoteBreaks || !impl_->Continues(*doc, brk, k + 1)) continue;
    for (size_t b = open + 1; b <= last; ++b) {
      if (brk[b] == kSoftBreak) brk[b] = kNoBreak;
    }
  }

  // 5. The sentences.
  size_t begin = 0;
  for (size_t k = 1; k <= n; ++k) {
    if (k < n && brk[k] == kNoBreak) continue;
    Sentence s;
    s.token_begin = static_cast<uint32_t>(begin);
    s.token_end = static_cast<uint32_t>(k);
    s.start = tokens[begin].start;
    s.end = tokens[k - 1].end();
    doc->sentences.push_back(s);
    tokens[begin].flags |= kTokSentenceStart;
    size_t e = k - 1;
    while (e > begin &&
           (tokens[e].has(kTokCloseQuote) || IsOneOf(doc->TokenText(tokens[e]), ")]}"))) {
      --e;
    }
    const std::string_view last = doc->TokenText(tokens[e]);
    if ((tokens[e].has(kTokPunct) && IsTerminalText(last)) ||
        (tokens[e].has(kTokAbbrev) && !last.empty() && last.back() == '.')) {
      tokens[e].flags |= kTokSentenceEnd;
    }
    begin = k;
  }
}

}  // namespace cronista
