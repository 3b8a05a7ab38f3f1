#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <cstdint>

namespace cronista {

namespace {

// ASCII lower-casing plus ` → '.
constexpr std::array<char, 128> MakeAsciiFold() {
  std::array<char, 128> t{};
  for (int i = 0; i < 128; ++i) t[i] = static_cast<char>(i);
  for (int i = 'A'; i <= 'Z'; ++i) t[i] = static_cast<char>(i - 'A' + 'a');
  t['`'] = '\'';
  return t;
}
constexpr std::array<char, 128> kAsciiFold = MakeAsciiFold();

void AppendUtf8(char32_t c, std::string* out) {
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, static_cast<UChar32>(c), err);
  if (err) {
    out->append("\xEF\xBF\xBD");
    return;
  }
  out->append(buf, static_cast<size_t>(n));
}

// Code points below this bound are NFC-stable on their own, and their full
// case folding equals the simple one except for the few handled by the slow
// path (see LatinFastPath). Combining marks start at U+0300.
constexpr char32_t kLatinFastBound = 0x250;

// Fast path for text made of ASCII, Latin-1 and Latin Extended-A/B letters
// plus the typographic characters we fold. Returns false (leaving `out` in an
// unspecified state) when ICU is needed.
bool LatinFastPath(std::string_view bytes, std::string* out) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t n = static_cast<int32_t>(bytes.size());
  int32_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      out->push_back(kAsciiFold[s[i]]);
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
    if (const char* rep = TypographicFold(static_cast<char32_t>(c))) {
      out->append(rep);
      continue;
    }
    if (static_cast<char32_t>(c) >= kLatinFastBound) return false;
    // Full folding differs from simple folding here.
    if (c == 0xDF || c == 0x130 || c == 0x149 || c == 0x1F0) return false;
    AppendUtf8(static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)), out);
  }
  return true;
}

void SlowPath(std::string_view bytes, std::string* out) {
  icu::UnicodeString u;
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t n = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (const char* rep = TypographicFold(static_cast<char32_t>(c))) {
      for (const char* p = rep; *p; ++p) u.append(static_cast<UChar>(*p));
      continue;
    }
    u.append(c);
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    u.foldCase(U_FOLD_CASE_DEFAULT);
  } else {
    icu::UnicodeString t = nfc->normalize(u, status);
    t.foldCase(U_FOLD_CASE_DEFAULT);
    // Case folding can produce denormalised sequences (rarely).
    if (U_SUCCESS(status) && !nfc->isNormalized(t, status)) t = nfc->normalize(t, status);
    u = std::move(t);
  }
  out->clear();
  u.toUTF8String(*out);
}

}  // namespace

const char* TypographicFold(char32_t c) {
  if (c < 0x80) return c == U'`' ? "'" : nullptr;
  switch (c) {
    case 0x2019:  // ’
    case 0x2018:  // ‘
    case 0x201B:  // ‛
    case 0x201A:  // ‚
    case 0x2032:  // ′
    case 0x00B4:  // ´
    case 0x02BC:  // ʼ
    case 0x2039:  // ‹
    case 0x203A:  // ›
    case 0x275B:  // ❛
    case 0x275C:  // ❜
    case 0xFF07:  // ＇
      return "'";
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0x2033:  // ″
    case 0x301D:  // 〝
    case 0x301E:  // 〞
    case 0xFF02:  // ＂
    case 0x275D:  // ❝
    case 0x275E:  // ❞
      return "\"";
    case 0x2010:  // ‐
    case 0x2011:  // ‑
    case 0x2012:  // ‒
    case 0x2013:  // –
    case 0x2014:  // —
    case 0x2015:  // ―
    case 0x2212:  // −
    case 0xFE58:  // ﹘
    case 0xFE63:  // ﹣
    case 0xFF0D:  // －
      return "-";
    case 0x2026:  // …
      return "...";
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return " ";
    case 0x00AD:  // soft hyphen
    case 0x200B:  // zero-width space
    case 0x2060:  // word joiner
    case 0xFEFF:  // BOM
      return "";
    default:
      if (c >= 0x2000 && c <= 0x200A) return " ";
      return nullptr;
  }
}

void NormalizeTokenTo(std::string_view bytes, std::string* out) {
  out->clear();
  size_t i = 0;
  // ASCII fast path, the common case.
  for (; i < bytes.size(); ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0x80) break;
    out->push_back(kAsciiFold[b]);
  }
  if (i == bytes.size()) return;
  out->clear();
  if (LatinFastPath(bytes, out)) return;
  SlowPath(bytes, out);
}

std::string NormalizeToken(std::string_view bytes) {
  std::string out;
  NormalizeTokenTo(bytes, &out);
  return out;
}

bool IsQuoteMark(char32_t c) { return QuoteMarkFamily(c) != QuoteFamily::kNone; }

QuoteFamily QuoteMarkFamily(char32_t c) {
  switch (c) {
    case U'"':
    case 0xFF02:
      return QuoteFamily::kStraightDouble;
    case U'\'':
      return QuoteFamily::kStraightSingle;
    case 0x00AB:
    case 0x00BB:
      return QuoteFamily::kGuillemet;
    case 0x2039:
    case 0x203A:
      return QuoteFamily::kSingleGuillemet;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x301D:
    case 0x301E:
    case 0x275D:
    case 0x275E:
      return QuoteFamily::kDouble;
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x275B:
    case 0x275C:
      return QuoteFamily::kSingle;
    default:
      return QuoteFamily::kNone;
  }
}

QuoteRole ClassifyQuoteMark(char32_t c) {
  switch (c) {
    case 0x00AB:  // «
    case 0x2039:  // ‹
    case 0x201C:  // “
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2018:  // ‘
    case 0x201A:  // ‚
    case 0x201B:  // ‛
    case 0x301D:  // 〝
    case 0x275B:  // ❛
    case 0x275D:  // ❝
      return QuoteRole::kOpening;
    case 0x00BB:  // »
    case 0x203A:  // ›
    case 0x201D:  // ”
    case 0x2019:  // ’
    case 0x301E:  // 〞
    case 0x275C:  // ❜
    case 0x275E:  // ❞
      return QuoteRole::kClosing;
    case U'"':
    case U'\'':
    case 0xFF02:
      return QuoteRole::kAmbiguous;
    default:
      return QuoteRole::kNone;
  }
}

bool IsDash(char32_t c) {
  return IsHyphen(c) || (c >= 0x2012 && c <= 0x2015) || c == 0x2212 || c == 0x2E3A || c == 0x2E3B ||
         c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

bool IsSpace(char32_t c) {
  if (c < 0x80) return c == U' ' || (c >= U'\t' && c <= U'\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF || c == 0x200B;
}

}  // namespace cronista
