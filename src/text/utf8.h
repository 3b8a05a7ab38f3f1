// UTF-8 checks and repair for the readers, on top of ICU's UTF-8 macros.
//
// "Invalid" follows the Unicode standard: overlong forms, surrogates (ED A0..BF
// ..) and code points above U+10FFFF are ill-formed. Repair replaces each
// maximal subpart of an ill-formed sequence (Unicode §3.9, the W3C/WHATWG
// practice) with one U+FFFD, so "\xE2\x82" becomes one U+FFFD and "\xC0\xAF"
// two.
#ifndef CRONISTA_TEXT_UTF8_H_
#define CRONISTA_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace cronista {

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct Utf8Scan {
  size_t invalid_sequences = 0;  // replacements a repair would make
  size_t invalid_bytes = 0;      // bytes inside those sequences
  bool valid() const { return invalid_sequences == 0; }
};

Utf8Scan ScanUtf8(std::string_view s);

// `s` with each maximal ill-formed subpart replaced by U+FFFD (EF BF BD).
// Well-formed input comes back unchanged.
std::string RepairUtf8(std::string_view s);

// `s` without a leading byte order mark.
std::string_view StripUtf8Bom(std::string_view s);

// True when `s` (valid UTF-8) holds only Unicode White_Space, or nothing.
bool IsBlankUtf8(std::string_view s);

// The longest prefix of `s` of at most `max_bytes` bytes that does not end in
// the middle of a UTF-8 sequence.
std::string_view TruncateUtf8(std::string_view s, size_t max_bytes);

}  // namespace cronista

#endif  // CRONISTA_TEXT_UTF8_H_
