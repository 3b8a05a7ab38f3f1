// The JSON Lines output of `cronista code`: one object per document. The
// schema is documented and versioned in docs/output.md.
#ifndef CRONISTA_JSON_OUTPUT_H_
#define CRONISTA_JSON_OUTPUT_H_

#include <string>

#include "cronista/document.h"
#include "cronista/status.h"

namespace cronista {

inline constexpr int kOutputSchemaVersion = 1;

struct JsonOptions {
  bool tokens = false;  // include the token list
};

// One line of JSON (no trailing newline) describing a coded document.
std::string DocumentToJson(const Document& doc, const JsonOptions& options);
// One line of JSON for a document that could not be read or coded.
std::string ErrorToJson(const DocumentMeta& meta, const Status& status);

}  // namespace cronista

#endif  // CRONISTA_JSON_OUTPUT_H_
