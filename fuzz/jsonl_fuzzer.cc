// libFuzzer target: ParseJsonLine on each line of arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cronista/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cronista::ReaderOptions options;
  options.max_document_bytes = 1 << 20;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty()) {
    size_t nl = input.find('\n');
    std::string_view line = input.substr(0, nl);
    cronista::Document doc;
    cronista::Status st = cronista::ParseJsonLine(line, "fuzz:1", options, &doc);
    (void)st;
    input.remove_prefix(nl == std::string_view::npos ? input.size() : nl + 1);
  }
  return 0;
}
