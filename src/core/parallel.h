// Ordered parallel processing of a stream: items are produced and consumed on
// the calling thread, in production order, and worked on by a pool of threads.
#ifndef CRONISTA_CORE_PARALLEL_H_
#define CRONISTA_CORE_PARALLEL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace cronista {

// Calls produce(&item) until it returns false; runs work(item) on `threads`
// workers (inline when threads <= 1); calls consume(item) on the calling thread
// in the order the items were produced. At most `max_in_flight` items are alive
// at once, which bounds memory. `work` must be safe to call concurrently on
// different items.
template <typename T>
void RunOrdered(int threads, size_t max_in_flight, const std::function<bool(T*)>& produce,
                const std::function<void(T&)>& work, const std::function<void(T&)>& consume) {
  if (threads <= 1) {
    T item;
    while (produce(&item)) {
      work(item);
      consume(item);
      item = T();
    }
    return;
  }
  struct Slot {
    T item;
    bool done = false;
  };
  std::mutex mu;
  std::condition_variable work_ready, slot_done;
  std::deque<Slot*> todo;
  bool closing = false;

  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) {
    pool.emplace_back([&] {
      for (;;) {
        Slot* slot;
        {
          std::unique_lock<std::mutex> lock(mu);
          work_ready.wait(lock, [&] { return closing || !todo.empty(); });
          if (todo.empty()) return;
          slot = todo.front();
          todo.pop_front();
        }
        work(slot->item);
        {
          std::lock_guard<std::mutex> lock(mu);
          slot->done = true;
        }
        slot_done.notify_all();
      }
    });
  }

  if (max_in_flight < 1) max_in_flight = 1;
  std::deque<std::unique_ptr<Slot>> window;  // in production order
  bool more = true;
  while (more || !window.empty()) {
    while (more && window.size() < max_in_flight) {
      auto slot = std::make_unique<Slot>();
      if (!produce(&slot->item)) {
        more = false;
        break;
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        todo.push_back(slot.get());
      }
      work_ready.notify_one();
      window.push_back(std::move(slot));
    }
    if (window.empty()) break;
    {
      std::unique_lock<std::mutex> lock(mu);
      slot_done.wait(lock, [&] { return window.front()->done; });
    }
    consume(window.front()->item);
    window.pop_front();
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    closing = true;
  }
  work_ready.notify_all();
  for (auto& t : pool) t.join();
}

}  // namespace cronista

#endif  // CRONISTA_CORE_PARALLEL_H_
