// PhraseMatcher: a dictionary of multi-token phrases compiled into a trie over
// interned token keys, for longest-match lookup in running text.
//
// Phrases and text are both sequences of StrIds (token keys); matching
// compares integers only. Each phrase carries one or more payloads (indexes
// into the caller's entry table); a caller-supplied predicate may reject a
// payload at a given position (case rules, dates), in which case shorter
// matches are considered.
#ifndef CRONISTA_LEXICON_PHRASE_MATCHER_H_
#define CRONISTA_LEXICON_PHRASE_MATCHER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "cronista/strings.h"

namespace cronista {

class PhraseMatcher {
 public:
  using Payload = uint32_t;
  // Decides whether `payload` may match the text span [begin, end).
  using Accept = std::function<bool(Payload payload, size_t begin, size_t end)>;

  struct Match {
    size_t begin = 0, end = 0;      // token span [begin, end)
    std::vector<Payload> payloads;  // the accepted payloads of the phrase
  };

  // Adds a phrase; an empty phrase is ignored. The same phrase may be added
  // with several payloads. Not thread-safe; build before sharing.
  void Add(std::span<const StrId> phrase, Payload payload);

  // The longest phrase starting at keys[i] with at least one accepted payload.
  // Returns false when none. Thread-safe once building is over.
  bool LongestAt(std::span<const StrId> keys, size_t i, const Accept& accept, Match* match) const;

  // Leftmost-longest matches over the whole sequence, not overlapping.
  std::vector<Match> FindAll(std::span<const StrId> keys, const Accept& accept) const;

  size_t phrases() const { return phrases_; }
  size_t nodes() const { return payloads_.size(); }

 private:
  // Edges live in one open-addressing table keyed by (parent node, token
  // key): a lookup is a multiply, a mask and usually one probe.
  struct Edge {
    StrId key = kNoStr;  // kNoStr marks an empty slot
    uint32_t node = 0;   // parent
    uint32_t child = 0;
  };
  static size_t Slot(uint32_t node, StrId key) {
    return static_cast<size_t>(
        (key ^ (uint64_t{node} * 0x9E3779B97F4A7C15ull)) * 0xff51afd7ed558ccdull >> 17);
  }
  uint32_t Child(uint32_t node, StrId key) const;
  void InsertEdge(uint32_t node, StrId key, uint32_t child);

  std::vector<Edge> edges_;  // size a power of two, at most half full
  size_t edge_count_ = 0;
  std::vector<std::vector<Payload>> payloads_{1};  // per node; node 0 is the root
  size_t phrases_ = 0;
};

}  // namespace cronista

#endif  // CRONISTA_LEXICON_PHRASE_MATCHER_H_
