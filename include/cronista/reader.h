// Readers: turn files, directories, standard input and in-memory bytes into
// Documents, one at a time, with bounded memory per document.
//
// Bad input never stops a batch: each problem is reported for the one
// document it concerns (as a non-OK status naming the document), and reading
// goes on with the next one.
#ifndef CRONISTA_READER_H_
#define CRONISTA_READER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/document.h"
#include "cronista/status.h"

namespace cronista {

enum class InputFormat {
  kAuto,       // from the file extension, else from the content
  kText,       // plain text, optional metadata header lines
  kJsonLines,  // one JSON object per line: id, url, title, date, lang, text, ...
  kHtml,
};

// "auto", "text", "jsonl", "html" <-> InputFormat. Parse returns false on an
// unknown name.
std::string_view InputFormatName(InputFormat f);
bool ParseInputFormat(std::string_view name, InputFormat* out);

struct ReaderOptions {
  // Largest document accepted, in bytes of (decompressed) input. Larger ones
  // are rejected with kResourceExhausted without being held in memory.
  size_t max_document_bytes = 10u << 20;
  InputFormat format = InputFormat::kAuto;
  // Share of invalid UTF-8 bytes above which a document is rejected as binary
  // instead of repaired (repair replaces each bad sequence with U+FFFD).
  double max_invalid_utf8_ratio = 0.05;
};

// One document read, or one document that could not be read. When `status` is
// not OK, `doc.meta.id` and `doc.meta.origin` still name the document.
struct ReadItem {
  Status status;
  Document doc;
};

// Parsers over bytes already in memory (used by the sources below, by the HTTP
// API and by the fuzzers). `origin` names the document in messages. They fill
// `doc` (text, meta, warnings) and return non-OK for input that cannot make a
// document (empty, binary, malformed, oversize). Pass a fresh `doc`; they set
// meta.origin = `origin` and keep a meta.id set beforehand unless the input
// carries one (a JSON "id", a plain-text "id" header line).
//
// Plain text: leading "key value" header lines (keys date, title, url, source,
// lang, id, section; e.g. " date 2024-06 video suggerito", where the words
// after the date become the section) and the blank lines after them are taken
// out: `doc->text` holds the bytes AFTER the header, so offsets index the
// article itself, and meta.body_offset says where it starts in `bytes`. A
// first line that reads as a headline becomes meta.title and stays in the
// text.
Status ParsePlainText(std::string_view bytes, std::string_view origin, const ReaderOptions& options,
                      Document* doc);
Status ParseHtml(std::string_view bytes, std::string_view origin, const ReaderOptions& options,
                 Document* doc);
Status ParseJsonLine(std::string_view line, std::string_view origin, const ReaderOptions& options,
                     Document* doc);

// Reads a sequence of inputs in order. Each input is a file, a directory
// (walked recursively in sorted order; hidden files skipped) or "-" for
// standard input. ".gz" files and gzip-compressed standard input are
// decompressed on the fly. Not thread-safe; use from one thread.
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // Fails only when an input does not exist at all (a usage error); problems
  // inside inputs are reported per document by Next().
  static Result<std::unique_ptr<DocumentSource>> Open(const std::vector<std::string>& inputs,
                                                      const ReaderOptions& options);
  // Fills `item` with the next document or per-document error; returns false
  // once every input is exhausted.
  virtual bool Next(ReadItem* item) = 0;
};

}  // namespace cronista

#endif  // CRONISTA_READER_H_
