// libFuzzer target: the stream path of the readers. The input is decompressed
// directly, then read as standard input by a DocumentSource (which sniffs
// gzip and the format), so both the gzip decoder and the sources are fuzzed.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "cronista/reader.h"
#include "text/gzip.h"
#include "text/reader_source.h"
#include "text/reader_stream.h"

namespace {

constexpr size_t kLimit = 1 << 20;

std::unique_ptr<cronista::ByteStream> Bytes(const uint8_t* data, size_t size) {
  return std::make_unique<cronista::StringByteStream>(
      std::string(reinterpret_cast<const char*>(data), size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cronista::BufferedReader gunzip(std::make_unique<cronista::GzipByteStream>(Bytes(data, size)));
  std::string out;
  cronista::Status st = gunzip.ReadAtMost(kLimit, &out);
  if (out.size() > kLimit + 1) __builtin_trap();  // the bound holds

  cronista::ReaderOptions options;
  options.max_document_bytes = kLimit;
  auto source = cronista::OpenDocumentSource({"-"}, options, Bytes(data, size));
  if (!source.ok()) __builtin_trap();  // "-" always exists
  cronista::ReadItem item;
  while ((*source)->Next(&item)) {
    if (item.doc.text.size() > kLimit) __builtin_trap();
  }
  return 0;
}
