#include "text/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace cronista {

namespace {

// Decodes the sequence starting at s[i]; returns its length in bytes and sets
// `*c` to the code point, or to a negative value for an ill-formed subpart.
// ICU's macro indexes with int32_t, so it sees a window of at most 4 bytes
// (the longest sequence), which keeps any input length safe.
size_t DecodeAt(std::string_view s, size_t i, UChar32* c) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data()) + i;
  const int32_t len = static_cast<int32_t>(std::min<size_t>(s.size() - i, 4));
  int32_t j = 0;
  U8_NEXT(p, j, len, *c);
  return static_cast<size_t>(j);
}

bool IsAscii(char c) { return static_cast<uint8_t>(c) < 0x80; }

}  // namespace

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  size_t i = 0;
  while (i < s.size()) {
    if (IsAscii(s[i])) {
      ++i;
      continue;
    }
    UChar32 c;
    size_t len = DecodeAt(s, i, &c);
    if (c < 0) {
      ++scan.invalid_sequences;
      scan.invalid_bytes += len;
    }
    i += len;
  }
  return scan;
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t ascii = i;
    while (ascii < s.size() && IsAscii(s[ascii])) ++ascii;
    out.append(s.substr(i, ascii - i));
    i = ascii;
    if (i == s.size()) break;
    UChar32 c;
    size_t len = DecodeAt(s, i, &c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string_view StripUtf8Bom(std::string_view s) {
  if (s.starts_with(kUtf8Bom)) s.remove_prefix(kUtf8Bom.size());
  return s;
}

bool IsBlankUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    UChar32 c = static_cast<uint8_t>(s[i]);
    size_t len = IsAscii(s[i]) ? 1 : DecodeAt(s, i, &c);
    if (c < 0 || !u_isUWhiteSpace(c)) return false;
    i += len;
  }
  return true;
}

std::string_view TruncateUtf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t cut = max_bytes;
  // Back up over continuation bytes to the lead byte of the sequence cut.
  while (cut > 0 && (static_cast<uint8_t>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

}  // namespace cronista
