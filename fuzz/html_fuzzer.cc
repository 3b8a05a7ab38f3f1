// libFuzzer target: ParseHtml on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cronista/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cronista::ReaderOptions options;
  options.max_document_bytes = 1 << 20;
  cronista::Document doc;
  cronista::Status st = cronista::ParseHtml(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", options, &doc);
  (void)st;
  return 0;
}
