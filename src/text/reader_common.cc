#include "text/reader_common.h"

#include <cmath>

namespace cronista {

namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || (c >= '0' && c <= '9'); }

std::string Prefix(std::string_view origin) { return std::string(origin) + ": "; }

}  // namespace

Status OversizeError(std::string_view origin, size_t size, size_t limit) {
  return Status::ResourceExhausted(Prefix(origin) + "document is " + std::to_string(size) +
                                   " bytes, over the " + std::to_string(limit) +
                                   "-byte limit (--max-doc-bytes)");
}

Status OversizeStreamError(std::string_view origin, size_t limit) {
  return Status::ResourceExhausted(Prefix(origin) + "document is over the " +
                                   std::to_string(limit) + "-byte limit (--max-doc-bytes)");
}

Status EmptyDocumentError(std::string_view origin) {
  return Status::InvalidArgument(Prefix(origin) + "empty document");
}

Result<Utf8Scan> CheckTextBytes(std::string_view bytes, std::string_view origin,
                                const ReaderOptions& options) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return Status::DataLoss(Prefix(origin) +
                            "UTF-16 text (byte order mark) is not supported: convert it to UTF-8");
  }
  if (bytes.find('\0') != std::string_view::npos) {
    return Status::DataLoss(Prefix(origin) + "contains NUL bytes: binary file?");
  }
  Utf8Scan scan = ScanUtf8(bytes);
  if (!bytes.empty() && static_cast<double>(scan.invalid_bytes) >
                            options.max_invalid_utf8_ratio * static_cast<double>(bytes.size())) {
    double percent =
        100.0 * static_cast<double>(scan.invalid_bytes) / static_cast<double>(bytes.size());
    long shown = std::lround(percent);
    if (shown == 0) shown = 1;  // never claim "0%" for a rejected document
    return Status::DataLoss(Prefix(origin) + "not UTF-8 text: " + std::to_string(shown) +
                            "% of bytes invalid");
  }
  return scan;
}

std::string RepairText(std::string_view bytes, const Utf8Scan& scan, Document* doc) {
  if (scan.valid()) return std::string(bytes);
  size_t n = scan.invalid_sequences;
  doc->AddWarning("invalid_utf8", "repaired " + std::to_string(n) + " invalid UTF-8 sequence" +
                                      (n == 1 ? "" : "s") + " with U+FFFD");
  return RepairUtf8(bytes);
}

std::optional<std::string> LanguageFromTag(std::string_view tag) {
  tag = TrimAscii(tag);
  size_t n = 0;
  while (n < tag.size() && IsAsciiAlpha(tag[n])) ++n;
  if (n < 2 || n > 3) return std::nullopt;
  // Subtags after the primary one: "-GB", "_BR", "-Latn-RS".
  for (size_t i = n; i < tag.size(); ++i) {
    if (!IsAsciiAlnum(tag[i]) && tag[i] != '-' && tag[i] != '_') return std::nullopt;
  }
  if (n < tag.size() && tag[n] != '-' && tag[n] != '_') return std::nullopt;
  std::string lang(tag.substr(0, n));
  for (char& c : lang) c = static_cast<char>(c | 0x20);
  return lang;
}

std::string_view TrimAscii(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace cronista
