#include "cronista/strings.h"

#include <cstring>

namespace cronista {

namespace {
constexpr size_t kBlockBytes = 16 * 1024;
constexpr size_t kMinSlots = 64;
}  // namespace

StrId HashString(std::string_view s) {
  // 64-bit FNV-1a over 8-byte words, then a murmur-style finaliser to spread
  // the bits. Not cryptographic; ids only need to be well spread.
  uint64_t h = 0xcbf29ce484222325ull ^ s.size();
  const char* p = s.data();
  size_t n = s.size();
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x100000001b3ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  h = (h ^ tail) * 0x100000001b3ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h == kNoStr ? 1 : h;
}

const StringStore::Slot* StringStore::Find(StrId id) const {
  if (slots_.empty() || id == kNoStr) return nullptr;
  size_t mask = slots_.size() - 1;
  for (size_t i = id & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == id) return &slot;
    if (slot.id == kNoStr) return nullptr;
  }
}

void StringStore::Grow(size_t min_slots) {
  size_t n = kMinSlots;
  while (n < min_slots) n *= 2;
  if (n <= slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(n, Slot());
  size_t mask = n - 1;
  for (const Slot& slot : old) {
    if (slot.id == kNoStr) continue;
    size_t i = slot.id & mask;
    while (slots_[i].id != kNoStr) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void StringStore::Reserve(size_t n) { Grow(n * 2); }

const char* StringStore::Store(std::string_view s) {
  if (s.size() > kBlockBytes / 4) {  // large strings get a block of their own
    blocks_.emplace_back(new char[s.size()]);
    std::memcpy(blocks_.back().get(), s.data(), s.size());
    const char* p = blocks_.back().get();
    // Keep the current small-string block last.
    if (blocks_.size() > 1) std::swap(blocks_.back(), blocks_[blocks_.size() - 2]);
    return p;
  }
  if (blocks_.empty() || block_used_ + s.size() > block_size_) {
    blocks_.emplace_back(new char[kBlockBytes]);
    block_used_ = 0;
    block_size_ = kBlockBytes;
  }
  char* p = blocks_.back().get() + block_used_;
  std::memcpy(p, s.data(), s.size());
  block_used_ += s.size();
  return p;
}

StrId StringStore::Intern(std::string_view s) {
  StrId id = HashString(s);
  if ((size_ + 1) * 2 > slots_.size()) Grow((size_ + 1) * 2);
  size_t mask = slots_.size() - 1;
  size_t i = id & mask;
  while (slots_[i].id != kNoStr) {
    if (slots_[i].id == id) return id;
    i = (i + 1) & mask;
  }
  slots_[i] = Slot{id, Store(s), static_cast<uint32_t>(s.size())};
  ++size_;
  return id;
}

std::string_view StringStore::Lookup(StrId id) const {
  const Slot* slot = Find(id);
  return slot ? std::string_view(slot->data, slot->length) : std::string_view();
}

}  // namespace cronista
