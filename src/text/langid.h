// Language identification with CLD2.
#ifndef CRONISTA_TEXT_LANGID_H_
#define CRONISTA_TEXT_LANGID_H_

#include <string>
#include <string_view>

namespace cronista {

struct LanguageGuess {
  std::string lang;         // ISO 639-1 ("it", "en"), "" when unknown
  double confidence = 0.0;  // 0..1: CLD2's share of text in `lang`, halved when unreliable
  bool reliable = false;
};

// Identifies the main language of UTF-8 `text` from its first KiB, reading
// up to 64 KiB when that is inconclusive. Thread-safe.
LanguageGuess IdentifyLanguage(std::string_view text);

}  // namespace cronista

#endif  // CRONISTA_TEXT_LANGID_H_
