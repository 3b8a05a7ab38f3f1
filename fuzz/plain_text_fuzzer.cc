// libFuzzer target: ParsePlainText on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cronista/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cronista::ReaderOptions options;
  options.max_document_bytes = 1 << 20;
  cronista::Document doc;
  cronista::Status st = cronista::ParsePlainText(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", options, &doc);
  if (st.ok() && doc.meta.body_offset > size) __builtin_trap();  // offsets stay in the source
  return 0;
}
