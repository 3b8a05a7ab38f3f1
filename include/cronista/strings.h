// String interning. A StrId is a 64-bit hash of the string's bytes, as in
// spaCy's StringStore: the same string has the same id in every store and in
// every thread, so immutable dictionaries and per-document stores agree on ids
// without sharing mutable state. A StringStore remembers the text behind ids
// it has interned, so they can be printed.
#ifndef CRONISTA_STRINGS_H_
#define CRONISTA_STRINGS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace cronista {

using StrId = uint64_t;
inline constexpr StrId kNoStr = 0;

// Hash of the bytes of `s`; never kNoStr (0 is reserved for "no string").
StrId HashString(std::string_view s);

// Not thread-safe for concurrent Intern(); concurrent Lookup() on a store that
// no longer changes is safe. Strings live in an arena of blocks that never
// move, so views returned by Lookup() stay valid as long as the store lives.
class StringStore {
 public:
  StringStore() = default;
  StringStore(const StringStore&) = delete;
  StringStore& operator=(const StringStore&) = delete;
  StringStore(StringStore&&) = default;
  StringStore& operator=(StringStore&&) = default;

  // Returns the id of `s`, remembering its text.
  StrId Intern(std::string_view s);
  // The text behind `id`, or an empty view when this store never saw it.
  std::string_view Lookup(StrId id) const;
  bool Contains(StrId id) const { return Find(id) != nullptr; }
  size_t size() const { return size_; }
  // Prepares room for about `n` strings.
  void Reserve(size_t n);

 private:
  struct Slot {
    StrId id = kNoStr;  // kNoStr marks an empty slot
    const char* data = nullptr;
    uint32_t length = 0;
  };
  const Slot* Find(StrId id) const;
  void Grow(size_t min_slots);
  const char* Store(std::string_view s);

  std::vector<Slot> slots_;  // open addressing, linear probing, size a power of two
  size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0, block_size_ = 0;
};

}  // namespace cronista

#endif  // CRONISTA_STRINGS_H_
