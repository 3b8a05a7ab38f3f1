// Internal entry to the document sources, for tests and fuzzers: the same as
// DocumentSource::Open but with standard input replaced by any stream.
#ifndef CRONISTA_TEXT_READER_SOURCE_H_
#define CRONISTA_TEXT_READER_SOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include "cronista/reader.h"
#include "text/reader_stream.h"

namespace cronista {

// Like DocumentSource::Open(inputs, options); the input "-" reads
// `standard_input` (once: a second "-" finds it at its end).
Result<std::unique_ptr<DocumentSource>> OpenDocumentSource(
    const std::vector<std::string>& inputs, const ReaderOptions& options,
    std::unique_ptr<ByteStream> standard_input);

}  // namespace cronista

#endif  // CRONISTA_TEXT_READER_SOURCE_H_
