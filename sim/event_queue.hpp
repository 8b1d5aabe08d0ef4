// SPDX-License-Identifier: MIT
// The future-event set. Events are ordered by the key (time, priority,
// sequence); the sequence number is monotone, so ties are broken the same way
// on every run. Cancellation is O(1) through a handle: the event's slot is
// marked dead and skipped when it reaches the top.
//
// The ordering structure is a template parameter satisfying `EventHeap`, so it
// can be swapped; benchmarks/hold_model.cpp compares the implementations and
// DefaultEventHeap names the winner (see benchmarks/RESULTS.md).
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace zccsim::sim {

class Simulation;

// What runs first at the same instant: lower runs earlier.
enum class Priority : std::uint8_t {
  system = 0,    // warm-up resets, schedule changes
  release = 10,  // a server freed / next in queue served, before new seizes
  normal = 20,
  arrival = 30,
  late = 40,
};

// Receives events. One virtual call per event; no allocation per event.
class EventHandler {
 public:
  virtual void handle(Simulation& sim, std::uint32_t tag, std::uint64_t arg) = 0;

 protected:
  ~EventHandler() = default;
};

struct EventHandle {
  std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t generation = 0;
  bool valid() const noexcept { return slot != std::numeric_limits<std::uint32_t>::max(); }
};

// What the ordering structures hold: the key and the slot of the payload.
struct HeapEntry {
  double time;
  std::uint64_t order;  // priority << 56 | sequence
  std::uint32_t slot;
};

inline bool precedes(const HeapEntry& a, const HeapEntry& b) noexcept {
  return a.time < b.time || (a.time == b.time && a.order < b.order);
}

template <class H>
concept EventHeap = requires(H h, const H ch, HeapEntry e) {
  h.push(e);
  { ch.top() } -> std::convertible_to<const HeapEntry&>;
  h.pop();
  { ch.size() } -> std::convertible_to<std::size_t>;
  { ch.empty() } -> std::convertible_to<bool>;
  h.clear();
};

// Implicit d-ary min-heap in a vector. D = 2 is the binary heap.
template <unsigned D>
class DaryHeap {
  static_assert(D >= 2);

 public:
  void push(const HeapEntry& e) {
    std::size_t i = v_.size();
    v_.push_back(e);
    while (i > 0) {
      const std::size_t p = (i - 1) / D;
      if (!precedes(e, v_[p])) break;
      v_[i] = v_[p];
      i = p;
    }
    v_[i] = e;
  }
  const HeapEntry& top() const noexcept { return v_.front(); }
  void pop() {
    const HeapEntry last = v_.back();
    v_.pop_back();
    const std::size_t n = v_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * D + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + D < n ? first + D : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (precedes(v_[c], v_[best])) best = c;
      if (!precedes(v_[best], last)) break;
      v_[i] = v_[best];
      i = best;
    }
    v_[i] = last;
  }
  std::size_t size() const noexcept { return v_.size(); }
  bool empty() const noexcept { return v_.empty(); }
  void clear() noexcept { v_.clear(); }

 private:
  std::vector<HeapEntry> v_;
};

using BinaryHeap = DaryHeap<2>;
using QuaternaryHeap = DaryHeap<4>;

// Pairing heap (Fredman et al. 1986) with nodes in a vector and a free list;
// two-pass pairing on delete-min.
class PairingHeap {
 public:
  void push(const HeapEntry& e) {
    const std::uint32_t n = alloc(e);
    root_ = root_ == nil ? n : meld(root_, n);
    ++size_;
  }
  const HeapEntry& top() const noexcept { return nodes_[root_].e; }
  void pop() {
    const std::uint32_t old = root_;
    root_ = merge_pairs(nodes_[old].child);
    nodes_[old].sibling = free_;
    free_ = old;
    --size_;
  }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  void clear() noexcept {
    nodes_.clear();
    root_ = free_ = nil;
    size_ = 0;
  }

 private:
  static constexpr std::uint32_t nil = std::numeric_limits<std::uint32_t>::max();
  struct Node {
    HeapEntry e;
    std::uint32_t child, sibling;
  };
  std::uint32_t alloc(const HeapEntry& e) {
    if (free_ != nil) {
      const std::uint32_t n = free_;
      free_ = nodes_[n].sibling;
      nodes_[n] = {e, nil, nil};
      return n;
    }
    nodes_.push_back({e, nil, nil});
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }
  std::uint32_t meld(std::uint32_t a, std::uint32_t b) noexcept {
    if (precedes(nodes_[b].e, nodes_[a].e)) std::swap(a, b);
    nodes_[b].sibling = nodes_[a].child;
    nodes_[a].child = b;
    return a;
  }
  std::uint32_t merge_pairs(std::uint32_t first) {
    if (first == nil) return nil;
    // first pass: meld pairs left to right, pushing results on a stack
    scratch_.clear();
    while (first != nil) {
      const std::uint32_t a = first;
      const std::uint32_t b = nodes_[a].sibling;
      if (b == nil) {
        nodes_[a].sibling = nil;
        scratch_.push_back(a);
        break;
      }
      first = nodes_[b].sibling;
      nodes_[a].sibling = nodes_[b].sibling = nil;
      scratch_.push_back(meld(a, b));
    }
    // second pass: meld right to left
    std::uint32_t r = scratch_.back();
    for (std::size_t i = scratch_.size() - 1; i-- > 0;) r = meld(scratch_[i], r);
    return r;
  }
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> scratch_;
  std::uint32_t root_ = nil, free_ = nil;
  std::size_t size_ = 0;
};

using DefaultEventHeap = QuaternaryHeap;

// A scheduled event as handed to the caller of pop().
struct Event {
  double time;
  EventHandler* handler;
  std::uint32_t tag;
  std::uint64_t arg;
};

// The future-event set proper: ordering structure + payload slots.
template <EventHeap Heap = DefaultEventHeap>
class FutureEventSet {
 public:
  EventHandle push(double time, Priority priority, EventHandler& handler, std::uint32_t tag,
                   std::uint64_t arg) {
    std::uint32_t s;
    if (!free_.empty()) {
      s = free_.back();
      free_.pop_back();
    } else {
      s = static_cast<std::uint32_t>(slots_.size());
      slots_.emplace_back();
    }
    Slot& sl = slots_[s];
    sl.handler = &handler;
    sl.arg = arg;
    sl.tag = tag;
    sl.live = true;
    heap_.push({time, (static_cast<std::uint64_t>(priority) << 56) | seq_++, s});
    ++live_;
    return {s, sl.generation};
  }

  // True if the event was pending and is now cancelled.
  bool cancel(EventHandle h) noexcept {
    if (!h.valid() || h.slot >= slots_.size()) return false;
    Slot& sl = slots_[h.slot];
    if (!sl.live || sl.generation != h.generation) return false;
    sl.live = false;
    --live_;
    return true;
  }

  // Drops cancelled entries at the top; true if a live event remains.
  bool prune() {
    while (!heap_.empty() && !slots_[heap_.top().slot].live) {
      release_slot(heap_.top().slot);
      heap_.pop();
    }
    return !heap_.empty();
  }

  // Time of the next live event; call prune() first.
  double next_time() const noexcept { return heap_.top().time; }

  // Removes and returns the next live event; call prune() first.
  Event pop() {
    const HeapEntry top = heap_.top();
    heap_.pop();
    Slot& sl = slots_[top.slot];
    const Event ev{top.time, sl.handler, sl.tag, sl.arg};
    sl.live = false;
    --live_;
    release_slot(top.slot);
    return ev;
  }

  std::size_t size() const noexcept { return live_; }
  bool empty() const noexcept { return live_ == 0; }
  std::uint64_t scheduled() const noexcept { return seq_; }

 private:
  struct Slot {
    EventHandler* handler = nullptr;
    std::uint64_t arg = 0;
    std::uint32_t tag = 0;
    std::uint32_t generation = 0;
    bool live = false;
  };
  void release_slot(std::uint32_t s) {
    ++slots_[s].generation;
    free_.push_back(s);
  }
  Heap heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace zccsim::sim
