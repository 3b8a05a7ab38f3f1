// A PETRARCH/TABARI dictionary file in memory, split into lines: the common
// first step of the actor, agent, discard and verb loaders.
#ifndef CRONISTA_LEXICON_PETRARCH_SOURCE_H_
#define CRONISTA_LEXICON_PETRARCH_SOURCE_H_

#include <string>
#include <string_view>
#include <vector>

#include "cronista/status.h"

namespace cronista {

struct PetrarchSource {
  std::string path;  // as given: for error messages
  std::string name;  // file name: for rules and notes
  std::string text;
  std::vector<std::string_view> lines;  // into text, without line ends

  // "path:12: " for line index 11.
  std::string Where(size_t index) const { return path + ":" + std::to_string(index + 1) + ": "; }
  // "name:12".
  std::string Rule(size_t index) const { return name + ":" + std::to_string(index + 1); }
};

// Reads `path` into `*f`. Invalid UTF-8 is repaired with U+FFFD and a note
// ("<name>: invalid UTF-8 replaced with U+FFFD") is appended to `*notes` when
// given; a byte-order mark is skipped.
Status ReadPetrarchSource(const std::string& path, PetrarchSource* f,
                          std::vector<std::string>* notes);

}  // namespace cronista

#endif  // CRONISTA_LEXICON_PETRARCH_SOURCE_H_
