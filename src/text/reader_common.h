// Checks and messages shared by the readers (plain text, JSON Lines, HTML and
// the document sources). Every message starts with the document's origin, so
// it can be printed alone.
#ifndef CRONISTA_TEXT_READER_COMMON_H_
#define CRONISTA_TEXT_READER_COMMON_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "cronista/document.h"
#include "cronista/reader.h"
#include "cronista/status.h"
#include "text/utf8.h"

namespace cronista {

// kResourceExhausted for a document of known size over the limit:
// "<origin>: document is 52428800 bytes, over the 10485760-byte limit
// (--max-doc-bytes)".
Status OversizeError(std::string_view origin, size_t size, size_t limit);
// The same for a stream whose size is unknown: "<origin>: document is over the
// 10485760-byte limit (--max-doc-bytes)".
Status OversizeStreamError(std::string_view origin, size_t limit);
// kInvalidArgument "<origin>: empty document".
Status EmptyDocumentError(std::string_view origin);

// Checks that `bytes` (without BOM) can be text: no NUL bytes, not UTF-16,
// and no more invalid UTF-8 than options.max_invalid_utf8_ratio allows
// (kDataLoss otherwise). On success returns the UTF-8 scan, for RepairText.
Result<Utf8Scan> CheckTextBytes(std::string_view bytes, std::string_view origin,
                                const ReaderOptions& options);

// `bytes` as valid UTF-8: unchanged when `scan` found nothing to repair,
// else repaired. A repair adds the "invalid_utf8" warning to `doc`, counting
// `scan.invalid_sequences`.
std::string RepairText(std::string_view bytes, const Utf8Scan& scan, Document* doc);

// An ISO 639 language code from a tag such as "it", "en-GB", "pt_BR", "ITA":
// the primary subtag, lower-cased. nullopt when `tag` is not shaped like one.
std::optional<std::string> LanguageFromTag(std::string_view tag);

// `s` without leading and trailing ASCII white space.
std::string_view TrimAscii(std::string_view s);

}  // namespace cronista

#endif  // CRONISTA_TEXT_READER_COMMON_H_
