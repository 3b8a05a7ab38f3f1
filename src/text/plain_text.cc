// ParsePlainText: plain-text articles with optional metadata header lines.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cronista/reader.h"
#include "text/reader_common.h"
#include "text/utf8.h"

namespace cronista {

namespace {

// A headline is at most this long (and at most one line).
constexpr size_t kMaxTitleWords = 25;
constexpr size_t kMaxTitleBytes = 200;

bool IsBlankChar(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// The line starting at `pos` (without its '\n') and where the next one starts.
struct Line {
  std::string_view text;
  size_t next = 0;
  bool has_newline = false;
};

Line LineAt(std::string_view s, size_t pos) {
  size_t nl = s.find('\n', pos);
  if (nl == std::string_view::npos) return {s.substr(pos), s.size(), false};
  return {s.substr(pos, nl - pos), nl + 1, true};
}

bool IsBlankLine(std::string_view line) { return TrimAscii(line).empty(); }

// Splits off the first word of `s` (which has no leading blanks): returns it
// and leaves the rest, without leading blanks, in `*rest`.
std::string_view FirstWord(std::string_view s, std::string_view* rest) {
  size_t n = 0;
  while (n < s.size() && !IsBlankChar(s[n])) ++n;
  std::string_view word = s.substr(0, n);
  s.remove_prefix(n);
  while (!s.empty() && IsBlankChar(s.front())) s.remove_prefix(1);
  *rest = s;
  return word;
}

bool HasBlank(std::string_view s) {
  for (char c : s) {
    if (IsBlankChar(c)) return true;
  }
  return false;
}

bool LooksLikeUrl(std::string_view s) {
  return !HasBlank(s) && (s.find("://") != std::string_view::npos || s.starts_with("www."));
}

// The value of a `date` header: a date, or a date and a time of day written
// with a space ("2024-06-19 14:30"), then an optional section. Returns false
// when the value does not start with a date.
bool ApplyDateValue(std::string_view value, DocumentMeta* meta) {
  std::string_view rest;
  std::string_view first = FirstWord(value, &rest);
  std::string_view after_time;
  std::string_view time = FirstWord(rest, &after_time);
  std::optional<PartialDate> date;
  if (!time.empty() && time.find(':') != std::string_view::npos) {
    date = PartialDate::Parse(std::string(first) + " " + std::string(time));
    if (date) rest = after_time;
  }
  if (!date) date = PartialDate::Parse(first);
  if (!date) return false;
  meta->date = *date;
  if (!rest.empty()) meta->section = RepairUtf8(rest);
  return true;
}

// Applies `line` to `meta` when it is a header line: "key value" (or "key:
// value") with one of the keys below, after optional blanks. Only values of
// the right shape count: a date for `date`, a language tag for `lang`, a URL
// for `url`, one word for `id`. Returns false, changing nothing, otherwise.
bool ApplyHeaderLine(std::string_view line, DocumentMeta* meta) {
  line = TrimAscii(line);
  size_t key_end = 0;
  while (key_end < line.size() && line[key_end] >= 'a' && line[key_end] <= 'z') ++key_end;
  std::string_view key = line.substr(0, key_end);
  std::string_view value = line.substr(key_end);
  if (value.starts_with(':')) value.remove_prefix(1);
  if (value.empty() || !IsBlankChar(value.front())) return false;
  value = TrimAscii(value);
  if (value.empty()) return false;

  if (key == "date") return ApplyDateValue(value, meta);
  if (key == "lang") {
    std::optional<std::string> lang = LanguageFromTag(value);
    if (!lang) return false;
    meta->lang = *lang;
    meta->lang_from_meta = true;
    meta->lang_confidence = 1.0;
    return true;
  }
  if (key == "url") {
    if (!LooksLikeUrl(value)) return false;
    meta->url = RepairUtf8(value);
    return true;
  }
  if (key == "id") {
    if (HasBlank(value)) return false;
    meta->id = RepairUtf8(value);
    return true;
  }
  std::string* field = key == "title"     ? &meta->title
                       : key == "source"  ? &meta->source
                       : key == "section" ? &meta->section
                                          : nullptr;
  if (field == nullptr) return false;
  *field = RepairUtf8(value);
  return true;
}

// Reads the header lines at the top of `s` into `meta`; returns the length of
// the header and of the blank lines after it (0 when there is no header).
size_t ParseHeader(std::string_view s, DocumentMeta* meta) {
  size_t pos = 0;
  while (pos < s.size()) {
    Line line = LineAt(s, pos);
    if (!ApplyHeaderLine(line.text, meta)) break;
    pos = line.next;
  }
  if (pos == 0) return 0;
  while (pos < s.size()) {
    Line line = LineAt(s, pos);
    if (!IsBlankLine(line.text)) break;
    pos = line.next;
  }
  return pos;
}

// Whether code point `c` may start a headline: an upper-case or title-case
// letter, a letter of a script without case, a digit, a quotation mark, or
// Spanish opening ¿ ¡.
bool CanStartTitle(UChar32 c) {
  int8_t type = u_charType(c);
  return type == U_UPPERCASE_LETTER || type == U_TITLECASE_LETTER || type == U_OTHER_LETTER ||
         type == U_DECIMAL_DIGIT_NUMBER || u_hasBinaryProperty(c, UCHAR_QUOTATION_MARK) ||
         c == 0xBF || c == 0xA1;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool blank = IsBlankChar(c);
    if (!blank && !in_word) ++words;
    in_word = !blank;
  }
  return words;
}

// The first non-blank line of `text` when it reads as a headline: short, on a
// line of its own with more text after it, starting like a headline and not
// ending like a sentence. Empty otherwise.
std::string_view DetectTitle(std::string_view text) {
  Line line = LineAt(text, 0);
  while (line.has_newline && IsBlankLine(line.text)) line = LineAt(text, line.next);
  if (!line.has_newline || IsBlankUtf8(text.substr(line.next))) return {};
  std::string_view title = TrimAscii(line.text);
  if (title.empty() || title.size() > kMaxTitleBytes || CountWords(title) > kMaxTitleWords) {
    return {};
  }
  char last = title.back();
  if (last == '.' || last == ',' || last == ';' || last == ':') return {};
  UChar32 first;
  int32_t i = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(title.data()), i, static_cast<int32_t>(title.size()),
          first);
  if (first < 0 || !CanStartTitle(first)) return {};
  return title;
}

}  // namespace

Status ParsePlainText(std::string_view bytes, std::string_view origin, const ReaderOptions& options,
                      Document* doc) {
  doc->meta.origin = std::string(origin);
  if (bytes.size() > options.max_document_bytes) {
    return OversizeError(origin, bytes.size(), options.max_document_bytes);
  }
  std::string_view raw = StripUtf8Bom(bytes);
  Result<Utf8Scan> scan = CheckTextBytes(raw, origin, options);
  if (!scan.ok()) return scan.status();

  // The header is found in the raw bytes so that body_offset counts source
  // bytes. Repair never crosses a '\n', so repairing header values and body
  // separately gives the same text as repairing the whole.
  size_t header = ParseHeader(raw, &doc->meta);
  doc->meta.body_offset = (bytes.size() - raw.size()) + header;
  doc->text = RepairText(raw.substr(header), *scan, doc);
  if (IsBlankUtf8(doc->text)) return EmptyDocumentError(origin);
  if (doc->meta.title.empty()) doc->meta.title = std::string(DetectTitle(doc->text));
  return Status::Ok();
}

}  // namespace cronista
