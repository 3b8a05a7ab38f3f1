#include "text/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.h"

namespace cronista {

namespace {

// What a character is, for the scanner.
enum Kind : uint8_t {
  kSpace,     // white space and control characters
  kUpper,     // upper- or title-case letter
  kLower,     // lower-case letter
  kLetter,    // other letter (Lm, Lo)
  kDigit,     // decimal digit
  kNumOther,  // Nl, No (², ½, Ⅻ): word characters, neither letters nor digits
  kMark,      // combining mark
  kFormat,    // Cf (soft hyphen, joiners): kept inside a word
  kOther,     // punctuation, symbols, invalid bytes
};

inline bool IsWordKind(Kind k) { return k >= kUpper && k <= kMark; }
inline bool IsLetterKind(Kind k) { return k == kUpper || k == kLower || k == kLetter; }

constexpr std::array<Kind, 128> MakeAsciiKinds() {
  std::array<Kind, 128> t{};
  for (int i = 0; i < 128; ++i) t[i] = kOther;
  for (int i = 0; i < 0x20; ++i) t[i] = kSpace;
  t[0x7F] = kSpace;
  t[' '] = kSpace;
  for (int i = 'A'; i <= 'Z'; ++i) t[i] = kUpper;
  for (int i = 'a'; i <= 'z'; ++i) t[i] = kLower;
  for (int i = '0'; i <= '9'; ++i) t[i] = kDigit;
  return t;
}
constexpr std::array<Kind, 128> kAsciiKinds = MakeAsciiKinds();

Kind KindOfNonAscii(UChar32 c);
inline Kind KindOf(UChar32 c) {
  if (c >= 0 && c < 0x80) return kAsciiKinds[c];
  // Latin-1 letters, frequent in Western European text.
  if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) return c < 0xDF ? kUpper : kLower;
  return KindOfNonAscii(c);
}

Kind KindOfNonAscii(UChar32 c) {
  if (c < 0) return kOther;
  if (IsApostrophe(static_cast<char32_t>(c))) return kOther;  // ʼ is a letter (Lm)
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      return kUpper;
    case U_LOWERCASE_LETTER:
      return kLower;
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
      return kDigit;
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return kNumOther;
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
      return kMark;
    case U_FORMAT_CHAR:
      return IsSpace(static_cast<char32_t>(c)) ? kSpace : kFormat;
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR:
      return kSpace;
    default:
      return kOther;
  }
}

// Generic top-level domains recognised at the end of a bare domain
// (any two-letter ending counts as a country code).
constexpr std::string_view kGenericTlds[] = {"com", "org",  "net", "edu", "gov",  "int",
                                             "mil", "info", "biz", "eu",  "news", "online"};

constexpr std::string_view kUrlPrefixes[] = {"http://", "https://", "ftp://", "www."};

bool AsciiIEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

inline bool IsAsciiAlnum(uint8_t b) {
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}
inline bool IsAsciiAlpha(uint8_t b) { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'); }

// Numeric flags of a token made of digits and connectors (no letters):
// numbers, dates, times, percentages.
uint32_t NumericFlags(std::string_view t) {
  bool percent = false, sign = false;
  if (!t.empty() && t.back() == '%') {
    percent = true;
    t.remove_suffix(1);
  }
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
    sign = true;
    t.remove_prefix(1);
  } else if (t.substr(0, 3) == "\xE2\x88\x92") {  // −
    sign = true;
    t.remove_prefix(3);
  }
  constexpr int kMaxGroups = 8;
  int len[kMaxGroups] = {}, val[kMaxGroups] = {};
  int groups = 1;
  char sep = 0;
  bool mixed = false, ascii = true;
  for (char ch : t) {
    if (ch >= '0' && ch <= '9') {
      if (groups <= kMaxGroups) {
        ++len[groups - 1];
        if (val[groups - 1] < 100000) val[groups - 1] = val[groups - 1] * 10 + (ch - '0');
      }
    } else if (ch == '.' || ch == ',' || ch == '/' || ch == ':' || ch == '-') {
      if (sep == 0) {
        sep = ch;
      } else if (sep != ch) {
        mixed = true;
      }
      ++groups;
    } else {
      ascii = false;
    }
  }
  if (!ascii) return kTokNumber;  // other scripts' digits
  auto day_month = [&](int a, int b) { return a >= 1 && a <= 31 && b >= 1 && b <= 12; };
  if (!mixed && !sign && !percent && groups <= kMaxGroups) {
    switch (sep) {
      case '/':
        if ((groups == 2 || groups == 3) && len[0] <= 2 && len[1] <= 2 &&
            (groups == 2 || len[2] == 2 || len[2] == 4) &&
            (day_month(val[0], val[1]) || day_month(val[1], val[0]))) {
          return kTokDate;
        }
        return kTokNumber;  // a fraction
      case ':':
        if ((groups == 2 || groups == 3) && len[0] <= 2 && val[0] <= 24 && len[1] == 2 &&
            val[1] <= 59 && (groups == 2 || (len[2] == 2 && val[2] <= 59))) {
          return kTokTime;
        }
        return 0;  // a score, a ratio
      case '-':
        if (groups == 3 && len[0] == 4 && len[1] <= 2 && len[2] <= 2 && day_month(val[2], val[1])) {
          return kTokDate;
        }
        return 0;  // a range
      case '.':
        if (groups == 3 && len[0] <= 2 && len[1] <= 2 && len[2] == 4 && day_month(val[0], val[1])) {
          return kTokDate;
        }
        break;
      default:
        break;
    }
  }
  if (sep == '/' || sep == ':' || sep == '-') return 0;
  if (mixed) {
    // 1.500,25 and 1,500.25 only.
    for (char ch : t) {
      if (ch == '/' || ch == ':' || ch == '-') return 0;
    }
  }
  return percent ? kTokNumber | kTokPercent : static_cast<uint32_t>(kTokNumber);
}

// What the scanner learns about a word while reading it.
struct Piece {
  size_t start = 0;
  int letters = 0, uppers = 0, digits = 0;
  bool first_letter_seen = false, first_upper = false;
  bool last_is_letter = false;
  bool period = false, comma = false, hyphen = false, slash = false, colon = false;
  bool apostrophe = false, other_connector = false, percent = false;
  bool initialism = true;  // every '.'-separated segment is one letter
  int seg_chars = 0;

  void Add(Kind k) {
    if (k == kMark) return;
    ++seg_chars;
    last_is_letter = IsLetterKind(k);
    if (last_is_letter) {
      ++letters;
      if (k == kUpper) ++uppers;
      if (!first_letter_seen) {
        first_letter_seen = true;
        first_upper = k == kUpper;
      }
    } else {
      initialism = false;
      if (k == kDigit) ++digits;
    }
  }
  // `count` ASCII lower-case letters.
  void AddLowerRun(int count) {
    if (!first_letter_seen) {
      first_letter_seen = true;
      first_upper = false;
    }
    letters += count;
    seg_chars += count;
    last_is_letter = true;
  }
  void Connector(UChar32 c) {
    if (c == '.') {
      if (seg_chars != 1) initialism = false;
      period = true;
    } else {
      initialism = false;
      if (c == ',') {
        comma = true;
      } else if (c == '/') {
        slash = true;
      } else if (c == ':') {
        colon = true;
      } else if (IsHyphen(static_cast<char32_t>(c))) {
        hyphen = true;
      } else if (IsApostrophe(static_cast<char32_t>(c))) {
        apostrophe = true;
      } else {
        other_connector = true;
      }
    }
    seg_chars = 0;
  }
  // Flags from letters and connectors.
  uint32_t WordFlags() const {
    uint32_t f = 0;
    if (letters > 0) {
      f |= kTokWord;
      if (first_upper) f |= kTokCapitalised;
      if (letters >= 2 && uppers == letters) f |= kTokAllCaps;
    }
    if (hyphen) f |= kTokHyphenated;
    return f;
  }
};

// A per-thread cache from a token's bytes to its interned norm, valid during
// one Tokenize() call: slots carry the call's generation, and the bytes are
// compared at the slot's offset in the current text. Frequent tokens skip
// normalisation and the string store.
struct NormCacheSlot {
  uint32_t start = 0;
  uint32_t tag = 0;  // generation << 8 | length
  StrId id = kNoStr;
};
constexpr int kNormCacheBits = 12;
constexpr size_t kNormCacheMaxLength = 48;
constexpr uint32_t kNormCacheGenerations = 1u << 24;

inline uint64_t Load64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint32_t Load32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// A quick hash of 1..kNormCacheMaxLength bytes (collisions only cost a miss).
inline uint64_t QuickHash(const uint8_t* p, size_t n) {
  uint64_t a, b;
  if (n >= 8) {
    a = Load64(p);
    b = Load64(p + n - 8);
  } else if (n >= 4) {
    a = Load32(p);
    b = Load32(p + n - 4);
  } else {
    a = p[0];
    b = (static_cast<uint64_t>(p[n / 2]) << 8) | p[n - 1];
  }
  const uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ n) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 29);
}

// Equality of two byte ranges of length n >= 1, inline for short ones.
inline bool SameBytes(const uint8_t* a, const uint8_t* b, size_t n) {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return Load64(a) == Load64(b) && Load64(a + n - 8) == Load64(b + n - 8);
  }
  if (n >= 4) return Load32(a) == Load32(b) && Load32(a + n - 4) == Load32(b + n - 4);
  return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

constexpr std::array<bool, 256> MakeAsciiLower() {
  std::array<bool, 256> t{};
  for (int i = 'a'; i <= 'z'; ++i) t[i] = true;
  return t;
}
constexpr std::array<bool, 256> kAsciiLower = MakeAsciiLower();

// How many of the 8 bytes at `p` are ASCII lower-case letters before the
// first that is not (SWAR, no branch per byte).
inline size_t LowerRun8(const uint8_t* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const uint64_t v = Load64(p);
  const uint64_t x = v & ~kHigh;                       // bytes <= 0x7F: no carries below
  const uint64_t ge_a = x + (0x80 - 'a') * kOnes;      // high bit set when byte >= 'a'
  const uint64_t gt_z = x + (0x80 - 'z' - 1) * kOnes;  // high bit set when byte > 'z'
  const uint64_t lower = ge_a & ~gt_z & ~v & kHigh;
  const uint64_t other = ~lower & kHigh;
  if (other == 0) return 8;
  static_assert(std::endian::native == std::endian::little);
  return static_cast<size_t>(std::countr_zero(other)) / 8;
}

inline bool IsEmailLocal(uint8_t b) {
  return IsAsciiAlnum(b) || b == '.' || b == '_' || b == '%' || b == '+' || b == '-';
}

constexpr uint32_t kSpaceFlags = kTokSpaceBefore | kTokNewlineBefore | kTokParagraphStart;

class Scanner {
 public:
  Scanner(const TextRules& rules, Document* doc, size_t n)
      : rules_(rules), doc_(doc), s_(reinterpret_cast<const uint8_t*>(doc->text.data())), n_(n) {
    thread_local std::vector<NormCacheSlot> cache(size_t{1} << kNormCacheBits);
    thread_local uint32_t generation = 0;
    if (++generation == kNormCacheGenerations) {
      std::fill(cache.begin(), cache.end(), NormCacheSlot());
      generation = 1;
    }
    cache_ = cache.data();
    generation_ = generation;
    for (const std::string& c : rules.clitic_suffixes) {
      if (c == "'s") possessive_ = true;
    }
  }

  void Run() {
    pending_ = kSpaceFlags;
    int newlines = 0;
    size_t i = 0;
    while (i < n_) {
      const uint8_t b = s_[i];
      if (b < 0x80) {
        if (kAsciiKinds[b] == kSpace) {
          pending_ |= kTokSpaceBefore;
          if (b == '\n' || b == '\v') {
            ++newlines;
          } else if (b == '\r') {
            ++newlines;
            if (i + 1 < n_ && s_[i + 1] == '\n') ++i;
          } else if (b == '\f') {
            newlines += 2;
          }
          ++i;
          continue;
        }
      } else {
        size_t j = i;
        const UChar32 c = Decode(j);
        if (KindOf(c) == kSpace) {
          pending_ |= kTokSpaceBefore;
          if (c == 0x2028 || c == 0x85) ++newlines;
          if (c == 0x2029) newlines += 2;
          i = j;
          continue;
        }
      }
      if (newlines >= 1) pending_ |= kTokNewlineBefore;
      if (newlines >= 2) pending_ |= kTokParagraphStart;
      newlines = 0;
      i = ScanChunk(i);
    }
  }

 private:
  UChar32 Decode(size_t& i) const {
    const uint8_t b = s_[i];
    if (b < 0x80) {
      ++i;
      return b;
    }
    UChar32 c;
    U8_NEXT(s_, i, n_, c);
    return c;
  }
  UChar32 Peek(size_t i) const { return Decode(i); }
  bool SpaceOrEndAt(size_t i) const { return i >= n_ || KindOf(Peek(i)) == kSpace; }

  // Decodes the code point ending at `i` (not before `start`), moving `i` to
  // its first byte. An invalid sequence gives a negative value and one byte.
  UChar32 DecodeBefore(size_t start, size_t& i) const {
    size_t b = i - 1;
    while (b > start && i - b < 4 && U8_IS_TRAIL(s_[b])) --b;
    size_t j = b;
    const UChar32 c = Decode(j);
    if (j == i) {
      i = b;
      return c;
    }
    --i;
    return -1;
  }

  // End of the run of non-space characters containing `i`.
  size_t ChunkEnd(size_t i) const {
    while (i < n_) {
      size_t j = i;
      if (KindOf(Decode(j)) == kSpace) break;
      i = j;
    }
    return i;
  }

  std::string_view Text(size_t start, size_t end) const {
    return std::string_view(reinterpret_cast<const char*>(s_) + start, end - start);
  }

  StrId InternNorm(size_t start, size_t end) {
    NormalizeTokenTo(Text(start, end), &norm_);
    return doc_->strings.Intern(norm_);
  }

  void Emit(size_t start, size_t end, uint32_t flags) {
    const size_t len = end - start;
    StrId id;
    if (len <= kNormCacheMaxLength) {
      const uint8_t* p = s_ + start;
      NormCacheSlot& slot = cache_[QuickHash(p, len) >> (64 - kNormCacheBits)];
      const uint32_t tag = generation_ << 8 | static_cast<uint32_t>(len);
      if (slot.tag == tag && SameBytes(s_ + slot.start, p, len)) {
        id = slot.id;
      } else {
        id = InternNorm(start, end);
        slot.start = static_cast<uint32_t>(start);
        slot.tag = tag;
        slot.id = id;
      }
    } else {
      id = InternNorm(start, end);
    }
    Token t;
    t.start = static_cast<uint32_t>(start);
    t.length = static_cast<uint32_t>(len);
    t.norm = id;
    t.lemma = id;
    t.flags = flags | pending_;
    pending_ = 0;
    doc_->tokens.push_back(t);
  }

  // Scans the tokens of the chunk starting at `cs`; returns its end.
  size_t ScanChunk(size_t cs) {
    size_t p = cs;
    while (p < n_) {
      size_t q = p;
      const UChar32 c = Decode(q);
      const Kind k = KindOf(c);
      if (k == kSpace) break;
      if (IsWordKind(k)) {
        p = ScanWord(p, p);
        continue;
      }
      if (c == '@') {
        if (size_t e = EmailAround(cs, p)) {
          p = e;
          continue;
        }
      }
      if ((c == '-' || c == '+' || c == 0x2212) && q < n_ && KindOf(Peek(q)) == kDigit &&
          SignContext(p, cs)) {
        p = ScanWord(p, q);
        continue;
      }
      if (IsQuoteMark(static_cast<char32_t>(c))) {
        EmitQuote(p, q, c);
        p = q;
        continue;
      }
      if (c == '.' || c == '!' || c == '?') {
        while (q < n_ && (s_[q] == '.' || s_[q] == '!' || s_[q] == '?')) ++q;
      } else if (c == '-') {
        while (q < n_ && s_[q] == '-') ++q;
      } else if (c >= 0x80) {
        q = AbsorbCombining(q);
      }
      Emit(p, q, kTokPunct);
      p = q;
    }
    return p;
  }

  // Combining marks, variation selectors, emoji modifiers and ZWJ sequences
  // after a symbol belong to it.
  size_t AbsorbCombining(size_t q) const {
    while (q < n_) {
      size_t j = q;
      const UChar32 c = Decode(j);
      if (c == 0x200D && j < n_) {
        Decode(j);
        q = j;
      } else if (c >= 0x80 && (KindOf(c) == kMark || (c >= 0x1F3FB && c <= 0x1F3FF))) {
        q = j;
      } else {
        break;
      }
    }
    return q;
  }

  // A sign belongs to the number after it at the start of a chunk or right
  // after an opening bracket or quote.
  bool SignContext(size_t p, size_t cs) const {
    if (p == cs) return true;
    if (doc_->tokens.empty()) return false;
    const Token& last = doc_->tokens.back();
    if (last.end() != p) return false;
    if (last.has(kTokOpenQuote)) return true;
    const uint8_t b = s_[last.start];
    return last.length == 1 && (b == '(' || b == '[');
  }

  // An e-mail address around the '@' at `at` (its local part starting in
  // this chunk, already tokenised): replaces the local part's tokens with
  // one e-mail token and returns its end; else 0.
  size_t EmailAround(size_t cs, size_t at) {
    size_t ls = at;
    while (ls > cs && IsEmailLocal(s_[ls - 1])) --ls;
    while (ls < at && !IsAsciiAlnum(s_[ls])) ++ls;
    if (ls == at) return 0;
    const size_t d = at + 1;
    size_t e = d;
    while (e < n_ && (IsAsciiAlnum(s_[e]) || s_[e] == '.' || s_[e] == '-')) ++e;
    while (e > d && (s_[e - 1] == '.' || s_[e - 1] == '-')) --e;
    size_t last_dot = 0;
    for (size_t k = d; k < e; ++k) {
      if (s_[k] == '.') last_dot = k;
    }
    if (last_dot <= d || e - last_dot < 3) return 0;
    for (size_t k = last_dot + 1; k < e; ++k) {
      if (!IsAsciiAlpha(s_[k])) return 0;
    }
    std::vector<Token>& tokens = doc_->tokens;
    size_t first = tokens.size();
    while (first > 0 && tokens[first - 1].start >= ls) --first;
    if (first == tokens.size() || tokens[first].start != ls) return 0;
    if (first > 0 && tokens[first - 1].end() > ls) return 0;
    pending_ = tokens[first].flags & kSpaceFlags;
    tokens.resize(first);
    Emit(ls, e, kTokEmail | kTokWord);
    return e;
  }

  // True when the previous token leaves an opening context for a quote mark
  // at `p`: start of text, white space, an opening bracket, quote or dash,
  // or an elided article (all'"operazione).
  bool OpeningContext(size_t p) const {
    if (doc_->tokens.empty() || (pending_ & kTokSpaceBefore)) return true;
    const Token& last = doc_->tokens.back();
    if (last.end() != p) return true;
    if (last.flags & (kTokOpenQuote | kTokElision)) return true;
    size_t j = last.start;
    const UChar32 c = Decode(j);
    if (j != last.end()) return false;
    return c == '(' || c == '[' || c == '{' || c == '/' || IsDash(static_cast<char32_t>(c));
  }

  // True when what follows a quote mark ending at `q` suits a closing mark.
  bool ClosingContext(size_t q) const {
    if (q >= n_) return true;
    const UChar32 c = Peek(q);
    if (c < 0x80) {
      return c >= 0 &&
             (kAsciiKinds[c] == kSpace || std::strchr(",.;:!?)]}", static_cast<int>(c)) != nullptr);
    }
    return KindOf(c) == kSpace || IsQuoteMark(static_cast<char32_t>(c)) ||
           IsDash(static_cast<char32_t>(c)) || c == 0x2026;
  }

  void EmitQuote(size_t p, size_t q, UChar32 c) {
    const bool opening_ctx = OpeningContext(p);
    const bool can_open = opening_ctx && !SpaceOrEndAt(q);
    const bool can_close = !opening_ctx && ClosingContext(q);
    bool open;
    if (can_open != can_close) {
      open = can_open;
    } else {
      // No help from the context: the mark's own shape decides; straight
      // marks close (an opening one would have had an opening context).
      open = ClassifyQuoteMark(static_cast<char32_t>(c)) == QuoteRole::kOpening;
    }
    Emit(p, q, kTokPunct | kTokQuote | (open ? kTokOpenQuote : kTokCloseQuote));
  }

  // Folds [start, end) into key_ (no allocation for short keys).
  void FoldKey(size_t start, size_t end) { NormalizeTokenTo(Text(start, end), &key_); }

  bool IsElisionPrefix(const Piece& w, size_t end) {
    if (w.letters == 0 || w.digits > 0 || w.period || w.comma || w.hyphen || w.slash || w.colon ||
        w.apostrophe || w.other_connector) {
      return false;
    }
    if (rules_.elision_prefixes.empty()) return w.letters <= 8;
    FoldKey(w.start, end);
    return rules_.elision_prefixes.count(key_) != 0;
  }

  // key_ holds a folded abbreviation candidate.
  bool KeyIsAbbreviation(bool first_upper) const {
    if (rules_.abbreviations.count(key_) == 0) return false;
    return first_upper || rules_.cased_abbreviations.count(key_) == 0;
  }

  // If [start, end) ends with the folded clitic `suffix` (ASCII; its
  // apostrophe matches any apostrophe character), returns where it starts;
  // else npos.
  size_t MatchSuffix(size_t start, size_t end, std::string_view suffix) const {
    size_t e = end;
    for (size_t k = suffix.size(); k-- > 0;) {
      if (e <= start) return std::string_view::npos;
      const char ch = suffix[k];
      if (ch == '\'') {
        size_t b = e;
        const UChar32 c = DecodeBefore(start, b);
        if (c < 0 || !IsApostrophe(static_cast<char32_t>(c))) return std::string_view::npos;
        e = b;
      } else {
        uint8_t b = s_[e - 1];
        if (b >= 'A' && b <= 'Z') b = static_cast<uint8_t>(b - 'A' + 'a');
        if (b != static_cast<uint8_t>(ch)) return std::string_view::npos;
        --e;
      }
    }
    return e;
  }

  // Flags of a word re-read from the text (after a clitic split).
  uint32_t RescanWordFlags(size_t start, size_t end) const {
    Piece w;
    for (size_t i = start; i < end;) {
      const UChar32 c = Decode(i);
      const Kind k = KindOf(c);
      if (IsWordKind(k)) {
        w.Add(k);
      } else if (k != kFormat) {
        w.Connector(c);
      }
    }
    return w.WordFlags();
  }

  // http://, https://, ftp:// or www. at `p`: returns the URL's end, else 0.
  size_t UrlAt(size_t p) const {
    const uint8_t b = s_[p];
    if (b != 'h' && b != 'H' && b != 'w' && b != 'W' && b != 'f' && b != 'F') return 0;
    const std::string_view rest = Text(p, std::min(n_, p + 9));
    size_t prefix = 0;
    for (std::string_view pre : kUrlPrefixes) {
      if (rest.size() > pre.size() && AsciiIEquals(rest.substr(0, pre.size()), pre)) {
        prefix = pre.size();
        break;
      }
    }
    if (prefix == 0 || !IsAsciiAlnum(static_cast<uint8_t>(rest[prefix]))) return 0;
    return TrimUrl(p + prefix, ChunkEnd(p + prefix));
  }

  // End of a URL running to `ce` at most, without trailing punctuation and
  // unbalanced closing brackets.
  size_t TrimUrl(size_t body, size_t ce) const {
    int open_paren = 0, close_paren = 0;
    for (size_t i = body; i < ce; ++i) {
      open_paren += s_[i] == '(';
      close_paren += s_[i] == ')';
    }
    size_t e = ce;
    while (e > body) {
      size_t b = e;
      const UChar32 c = DecodeBefore(body, b);
      bool trim = false;
      if (c == ')') {
        trim = close_paren > open_paren;
        if (trim) --close_paren;
      } else if (c < 0x80) {
        trim = c >= 0 && std::strchr(".,;:!?\"'>]}*", static_cast<int>(c)) != nullptr;
      } else {
        trim = IsQuoteMark(static_cast<char32_t>(c)) || c == 0x2026;
      }
      if (!trim) break;
      e = b;
    }
    return e;
  }

  // A bare domain: ASCII labels joined by periods, the first of two or more
  // characters, ending in a two-letter or generic top-level domain.
  bool IsDomainLike(size_t start, size_t end) const {
    const std::string_view t = Text(start, end);
    const size_t last_dot = t.rfind('.');
    if (last_dot == std::string_view::npos) return false;
    const size_t first_dot = t.find('.');
    if (first_dot < 2) return false;
    for (char ch : t) {
      const auto b = static_cast<uint8_t>(ch);
      if (!IsAsciiAlnum(b) && b != '.' && b != '-') return false;
    }
    const std::string_view tld = t.substr(last_dot + 1);
    for (char ch : tld) {
      if (!IsAsciiAlpha(static_cast<uint8_t>(ch))) return false;
    }
    if (tld.size() == 2) return true;
    for (std::string_view g : kGenericTlds) {
      if (AsciiIEquals(g, tld)) return true;
    }
    return false;
  }

  // Scans a word starting at `p` (at `tok_start` when a sign precedes it),
  // emitting one token or several (elision, clitics). Returns where
  // scanning continues.
  size_t ScanWord(size_t tok_start, size_t p) {
    if (tok_start == p) {
      if (size_t e = UrlAt(p)) {
        Emit(p, e, kTokUrl | kTokWord);
        return e;
      }
    }
    Piece w;
    w.start = tok_start;
    size_t q = p;
    Kind prev = kOther;  // kind of the last word character (marks aside)
    while (q < n_) {
      // Most word characters are ASCII lower-case letters.
      size_t r = q;
      while (r + 8 <= n_) {
        const size_t run = LowerRun8(s_ + r);
        r += run;
        if (run < 8) break;
      }
      if (r + 8 > n_) {
        while (r < n_ && kAsciiLower[s_[r]]) ++r;
      }
      if (r != q) {
        w.AddLowerRun(static_cast<int>(r - q));
        prev = kLower;
        q = r;
        if (q >= n_) break;
      }
      size_t q2 = q;
      const UChar32 c = Decode(q2);
      const Kind k = KindOf(c);
      if (IsWordKind(k)) {
        w.Add(k);
        if (k != kMark) prev = k;
        q = q2;
        continue;
      }
      if (c == '%' && prev == kDigit && w.letters == 0) {
        w.percent = true;
        q = q2;
        break;
      }
      if (k == kSpace || q2 >= n_) break;
      size_t q3 = q2;
      const UChar32 n = Decode(q3);
      const Kind nk = KindOf(n);
      if (k == kFormat) {
        if (!IsWordKind(nk)) break;
        q = q2;
        continue;
      }
      bool join = false;
      if (c == '.') {
        join = (prev == kDigit && nk == kDigit) ||
               (IsLetterKind(prev) && IsLetterKind(nk) && (nk == kLower || w.seg_chars == 1));
        if (!join && IsLetterKind(prev) && IsLetterKind(nk) &&
            !rules_.abbreviation_prefixes.empty()) {
          // "EE.UU.", "Ph.D.": the beginning of a listed abbreviation.
          FoldKey(w.start, q2);
          join = rules_.abbreviation_prefixes.count(key_) != 0;
        }
      } else if (c == ',' || c == '/' || c == ':') {
        join = prev == kDigit && nk == kDigit;
      } else if (IsHyphen(static_cast<char32_t>(c))) {
        join = IsWordKind(prev) && IsWordKind(nk);
      } else if (c == '&') {
        join = prev == kUpper && nk == kUpper;
      } else if (IsApostrophe(static_cast<char32_t>(c)) && IsLetterKind(prev)) {
        const bool next_letter = IsLetterKind(nk);
        if (rules_.split_elision && (next_letter || IsQuoteMark(static_cast<char32_t>(n))) &&
            IsElisionPrefix(w, q)) {
          Emit(w.start, q2, kTokElision | w.WordFlags());
          if (!next_letter) return q2;
          w = Piece();
          w.start = q2;
          q = q2;
          prev = kOther;
          continue;
        }
        join = next_letter;
      }
      if (!join) break;
      w.Connector(c);
      q = q2;
    }
    return FinishWord(w, q);
  }

  size_t FinishWord(Piece& w, size_t end) {
    uint32_t flags = w.WordFlags();
    bool abbrev = false;
    if (end < n_ && w.letters > 0 && w.last_is_letter) {
      const uint8_t b = s_[end];
      if (b == '.') {
        // A period after a word: abbreviation or initial?
        if (w.digits == 0 && !(end + 1 < n_ && s_[end + 1] == '.')) {
          if (w.initialism && w.seg_chars == 1 && (w.period || w.uppers == 1)) {
            abbrev = true;
          } else if (!rules_.abbreviations.empty()) {
            FoldKey(w.start, end);
            key_.push_back('.');
            abbrev = KeyIsAbbreviation(w.first_upper);
          }
          if (abbrev) ++end;
        }
      } else if (b == '\'' || b == 0xE2 || b == 0xCA) {
        size_t a = end;
        const UChar32 c = Decode(a);
        if (IsApostrophe(static_cast<char32_t>(c))) {
          // A final apostrophe: po', E', or an English plural possessive.
          if (!rules_.apostrophe_words.empty()) {
            FoldKey(w.start, a);
            if (rules_.apostrophe_words.count(key_) != 0) {
              Emit(w.start, a, flags);
              return a;
            }
          }
          if (possessive_ && (s_[end - 1] == 's' || s_[end - 1] == 'S') &&
              (a >= n_ || !IsLetterKind(KindOf(Peek(a))))) {
            Emit(w.start, end, flags);
            Emit(end, a, kTokClitic);
            return a;
          }
        }
      }
    }
    if (!abbrev && w.letters > 0 && !rules_.abbreviations.empty() &&
        (w.period || (end - w.start <= rules_.max_plain_abbreviation_length + 2 &&
                      rules_.plain_abbreviation_initials.test(s_[w.start])))) {
      // Abbreviations without a final period: dott.ssa, Mme.
      FoldKey(w.start, end);
      abbrev = KeyIsAbbreviation(w.first_upper);
    }
    if (abbrev) {
      Emit(w.start, end, flags | kTokAbbrev);
      return end;
    }
    if (w.apostrophe && !rules_.clitic_suffixes.empty()) {
      for (const std::string& suffix : rules_.clitic_suffixes) {
        const size_t cut = MatchSuffix(w.start, end, suffix);
        if (cut == std::string_view::npos || cut == w.start) continue;
        const uint32_t head = RescanWordFlags(w.start, cut);
        if (!(head & kTokWord)) continue;
        Emit(w.start, cut, head);
        Emit(cut, end, kTokClitic | kTokWord);
        return end;
      }
    }
    if (w.period && w.letters > 0 && IsDomainLike(w.start, end)) {
      flags |= kTokUrl;
      if (end + 1 < n_ && s_[end] == '/' && !SpaceOrEndAt(end + 1)) {
        end = TrimUrl(end, ChunkEnd(end));
      }
    } else if (w.digits > 0 && w.letters == 0) {
      flags |= NumericFlags(Text(w.start, end));
    }
    Emit(w.start, end, flags);
    return end;
  }

  const TextRules& rules_;
  Document* doc_;
  const uint8_t* s_;
  const size_t n_;
  NormCacheSlot* cache_ = nullptr;
  uint32_t generation_ = 0;
  uint32_t pending_ = 0;  // space/newline/paragraph flags for the next token
  bool possessive_ = false;
  std::string norm_, key_;
};

}  // namespace

void Tokenize(const TextRules& rules, Document* doc) {
  doc->tokens.clear();
  size_t n = doc->text.size();
  constexpr size_t kMax = std::numeric_limits<uint32_t>::max();
  if (n > kMax) {
    n = kMax;
    doc->AddWarning("text_too_long", "text longer than 4 GiB; tokenised up to 4 GiB");
  }
  doc->tokens.reserve(n / 4 + 8);
  Scanner scanner(rules, doc, n);
  scanner.Run();
}

}  // namespace cronista
