#include "lexicon/phrase_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace cronista {
namespace {

std::vector<StrId> Ids(const std::vector<std::string>& words) {
  std::vector<StrId> out;
  for (const auto& w : words) out.push_back(HashString(w));
  return out;
}

TEST(PhraseMatcherTest, LongestLeftmostMatches) {
  PhraseMatcher m;
  m.Add(Ids({"corea"}), 1);
  m.Add(Ids({"corea", "del", "nord"}), 2);
  m.Add(Ids({"nord"}), 3);
  m.Add(Ids({"vladimir", "putin"}), 4);
  m.Add(Ids({"putin"}), 5);
  m.Add(Ids({"putin"}), 6);
  EXPECT_EQ(m.phrases(), 5u);
  auto text = Ids({"vladimir", "putin", "in", "corea", "del", "nord", "e", "corea", "del", "sud"});
  auto found = m.FindAll(text, nullptr);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].begin, 0u);
  EXPECT_EQ(found[0].end, 2u);
  EXPECT_EQ(found[0].payloads, std::vector<uint32_t>{4});
  EXPECT_EQ(found[1].begin, 3u);
  EXPECT_EQ(found[1].end, 6u);
  EXPECT_EQ(found[2].begin, 7u);
  EXPECT_EQ(found[2].end, 8u);  // "corea del sud" is not a phrase: falls back to "corea"
  PhraseMatcher::Match one;
  ASSERT_TRUE(m.LongestAt(text, 1, nullptr, &one));
  EXPECT_EQ(one.payloads, (std::vector<uint32_t>{5, 6}));
}

TEST(PhraseMatcherTest, RejectedPayloadFallsBackToShorterMatch) {
  PhraseMatcher m;
  m.Add(Ids({"corea"}), 1);
  m.Add(Ids({"corea", "del", "nord"}), 2);
  auto text = Ids({"corea", "del", "nord"});
  auto found = m.FindAll(text, [](uint32_t p, size_t, size_t) { return p != 2; });
  ASSERT_EQ(found.size(), 1u);  // "corea", then nothing at "del", nothing at "nord"
  EXPECT_EQ(found[0].end, 1u);
  EXPECT_EQ(found[0].payloads, std::vector<uint32_t>{1});
}

// The trie against a slow, obvious reference: try every phrase at every position.
TEST(PhraseMatcherTest, AgreesWithBruteForceReference) {
  std::mt19937 rng(42);
  std::vector<std::string> vocab = {"a", "b", "c", "d", "e"};
  std::vector<std::vector<StrId>> phrases;
  PhraseMatcher m;
  for (uint32_t p = 0; p < 60; ++p) {
    std::vector<std::string> words(1 + rng() % 4);
    for (auto& w : words) w = vocab[rng() % vocab.size()];
    phrases.push_back(Ids(words));
    m.Add(phrases.back(), p);
  }
  auto accept = [](uint32_t p, size_t begin, size_t) { return (p + begin) % 3 != 0; };
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> words(rng() % 30);
    for (auto& w : words) w = vocab[rng() % vocab.size()];
    auto text = Ids(words);
    for (size_t i = 0; i < text.size(); ++i) {
      size_t best = 0;
      std::vector<uint32_t> best_payloads;
      for (uint32_t p = 0; p < phrases.size(); ++p) {
        const auto& ph = phrases[p];
        if (i + ph.size() > text.size() || !accept(p, i, i + ph.size())) continue;
        if (!std::equal(ph.begin(), ph.end(), text.begin() + i)) continue;
        if (ph.size() > best) {
          best = ph.size();
          best_payloads.clear();
        }
        if (ph.size() == best) best_payloads.push_back(p);
      }
      PhraseMatcher::Match got;
      bool found = m.LongestAt(text, i, accept, &got);
      ASSERT_EQ(found, best > 0);
      if (!found) continue;
      EXPECT_EQ(got.end - got.begin, best);
      std::sort(got.payloads.begin(), got.payloads.end());
      EXPECT_EQ(got.payloads, best_payloads);
    }
  }
}

}  // namespace
}  // namespace cronista
