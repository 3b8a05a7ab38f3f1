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
#include <unordered_map>
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
  struct EdgeKey {
    uint32_t node;
    StrId key;
    bool operator==(const EdgeKey& o) const { return node == o.node && key == o.key; }
  };
  struct EdgeHash {
    size_t operator()(const EdgeKey& e) const {
      return static_cast<size_t>(e.key ^ (uint64_t{e.node} * 0x9E3779B97F4A7C15ull));
    }
  };
  uint32_t Child(uint32_t node, StrId key) const;

  std::unordered_map<EdgeKey, uint32_t, EdgeHash> edges_;
  std::vector<std::vector<Payload>> payloads_{1};  // per node; node 0 is the root
  size_t phrases_ = 0;
};

}  // namespace cronista

#endif  // CRONISTA_LEXICON_PHRASE_MATCHER_H_
