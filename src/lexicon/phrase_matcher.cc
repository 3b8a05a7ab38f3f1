#include "lexicon/phrase_matcher.h"

namespace cronista {

namespace {
constexpr uint32_t kNoNode = 0;  // the root is never anyone's child
}  // namespace

uint32_t PhraseMatcher::Child(uint32_t node, StrId key) const {
  if (edges_.empty()) return kNoNode;
  size_t mask = edges_.size() - 1;
  for (size_t i = Slot(node, key) & mask;; i = (i + 1) & mask) {
    const Edge& e = edges_[i];
    if (e.key == kNoStr) return kNoNode;
    if (e.key == key && e.node == node) return e.child;
  }
}

void PhraseMatcher::InsertEdge(uint32_t node, StrId key, uint32_t child) {
  if ((edge_count_ + 1) * 2 > edges_.size()) {
    std::vector<Edge> old = std::move(edges_);
    edges_.assign(old.empty() ? 1024 : old.size() * 2, Edge());
    edge_count_ = 0;
    for (const Edge& e : old) {
      if (e.key != kNoStr) InsertEdge(e.node, e.key, e.child);
    }
  }
  size_t mask = edges_.size() - 1;
  size_t i = Slot(node, key) & mask;
  while (edges_[i].key != kNoStr) i = (i + 1) & mask;
  edges_[i] = Edge{key, node, child};
  ++edge_count_;
}

void PhraseMatcher::Add(std::span<const StrId> phrase, Payload payload) {
  if (phrase.empty()) return;
  uint32_t node = 0;
  for (StrId key : phrase) {
    uint32_t next = Child(node, key);
    if (next == kNoNode) {
      next = static_cast<uint32_t>(payloads_.size());
      payloads_.emplace_back();
      InsertEdge(node, key, next);
    }
    node = next;
  }
  auto& p = payloads_[node];
  if (p.empty()) ++phrases_;
  for (Payload q : p) {
    if (q == payload) return;
  }
  p.push_back(payload);
}

bool PhraseMatcher::LongestAt(std::span<const StrId> keys, size_t i, const Accept& accept,
                              Match* match) const {
  uint32_t node = 0;
  bool found = false;
  std::vector<Payload> accepted;
  for (size_t j = i; j < keys.size(); ++j) {
    node = Child(node, keys[j]);
    if (node == kNoNode) break;
    const auto& p = payloads_[node];
    if (p.empty()) continue;
    accepted.clear();
    for (Payload q : p) {
      if (!accept || accept(q, i, j + 1)) accepted.push_back(q);
    }
    if (!accepted.empty()) {
      found = true;
      match->begin = i;
      match->end = j + 1;
      match->payloads = accepted;
    }
  }
  return found;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::FindAll(std::span<const StrId> keys,
                                                         const Accept& accept) const {
  std::vector<Match> out;
  Match m;
  for (size_t i = 0; i < keys.size();) {
    if (LongestAt(keys, i, accept, &m)) {
      out.push_back(m);
      i = m.end;
    } else {
      ++i;
    }
  }
  return out;
}

}  // namespace cronista
