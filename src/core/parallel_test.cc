#include "core/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

namespace cronista {
namespace {

struct Item {
  int seq = -1;
  int squared = 0;
};

void RunAndCheck(int threads, size_t window, int n) {
  int next = 0;
  std::atomic<int> alive{0}, max_alive{0};
  std::vector<int> seen;
  RunOrdered<Item>(
      threads, window,
      [&](Item* it) {
        if (next == n) return false;
        it->seq = next++;
        int a = ++alive;
        int m = max_alive.load();
        while (a > m && !max_alive.compare_exchange_weak(m, a)) {
        }
        return true;
      },
      [&](Item& it) {
        // Uneven work so that later items often finish first.
        if (it.seq % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
        it.squared = it.seq * it.seq;
      },
      [&](Item& it) {
        EXPECT_EQ(it.squared, it.seq * it.seq);
        seen.push_back(it.seq);
        --alive;
      });
  ASSERT_EQ(static_cast<int>(seen.size()), n);
  for (int i = 0; i < n; ++i) EXPECT_EQ(seen[i], i);
  if (threads > 1) {
    EXPECT_LE(max_alive.load(), static_cast<int>(window));
  }
}

TEST(RunOrderedTest, KeepsInputOrderAndBoundsMemory) {
  RunAndCheck(4, 8, 500);
  RunAndCheck(2, 1, 50);
  RunAndCheck(1, 8, 50);
  RunAndCheck(3, 8, 0);
}

}  // namespace
}  // namespace cronista
