// Token normalisation and the character classes shared by the tokenizer and
// the sentence segmenter.
//
// A normalised form is what dictionaries match against: Unicode NFC, full case
// folding, and typographic folding of quotes, apostrophes, dashes, ellipsis and
// no-break spaces to their ASCII counterparts. The original text is never
// touched; tokens keep byte offsets into it.
//
// All functions here are pure and thread-safe.
#ifndef CRONISTA_TEXT_NORMALIZE_H_
#define CRONISTA_TEXT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace cronista {

// The normalised form of a token's UTF-8 bytes:
//   - typographic folding: ’ ‘ ‛ ′ ` ´ ʼ → '   “ ” „ ‟ « » ″ 〝 〞 ＂ → "   ‹ › ‚ → '
//     ‐ ‑ ‒ – — ― − → -   … → ...   no-break and other fixed-width spaces → space;
//     soft hyphen, zero-width space/joiners and BOM are dropped;
//   - Unicode NFC;
//   - full case folding (ß → ss, İ → i̇, Σ → σ).
// Pure ASCII input never reaches ICU (lower-casing and ` → ' only). Invalid
// UTF-8 sequences become U+FFFD.
std::string NormalizeToken(std::string_view bytes);

// As NormalizeToken, writing into `*out` (cleared first). Reusing one buffer
// avoids an allocation per token.
void NormalizeTokenTo(std::string_view bytes, std::string* out);

// Typographic folding of one code point (without case folding): returns the
// ASCII replacement ("'", "\"", "-", "...", " "), "" for code points that are
// dropped, or nullptr when `c` is kept as is.
const char* TypographicFold(char32_t c);

// Quotation marks: " ' « » “ ” „ ‟ ‘ ’ ‚ ‛ ‹ › 〝 〞 ＂ ❛ ❜ ❝ ❞.
bool IsQuoteMark(char32_t c);

// What a quotation mark says by itself about its role; context decides for
// kAmbiguous marks and may override the others (German „…“, »…«).
enum class QuoteRole { kNone, kOpening, kClosing, kAmbiguous };
QuoteRole ClassifyQuoteMark(char32_t c);

// Families of quotation marks that pair with each other: a closing mark closes
// the nearest open mark of the same family.
enum class QuoteFamily {
  kNone,
  kGuillemet,        // « »
  kSingleGuillemet,  // ‹ ›
  kDouble,           // “ ” „ ‟ 〝 〞 ❝ ❞
  kSingle,           // ‘ ’ ‚ ‛ ❛ ❜
  kStraightDouble,   // " ＂
  kStraightSingle,   // '
};
QuoteFamily QuoteMarkFamily(char32_t c);

// Characters used as an apostrophe between letters: ' ’ ‘ ʼ.
inline bool IsApostrophe(char32_t c) {
  return c == U'\'' || c == U'\u2019' || c == U'\u2018' || c == U'\u02BC';
}

// Word-internal hyphens: - ‐ ‑ (not dashes).
inline bool IsHyphen(char32_t c) { return c == U'-' || c == U'\u2010' || c == U'\u2011'; }

// Dashes used as punctuation: ‒ – — ― − and the hyphens above.
bool IsDash(char32_t c);

// White space for tokenisation: Unicode White_Space plus BOM and zero-width
// space (which separate nothing visible but must not glue tokens).
bool IsSpace(char32_t c);

// Line breaks: LF, CR, VT, FF, NEL, LS, PS.
inline bool IsLineBreak(char32_t c) {
  return c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' || c == U'\u0085' || c == U'\u2028' ||
         c == U'\u2029';
}

}  // namespace cronista

#endif  // CRONISTA_TEXT_NORMALIZE_H_
