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

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace zccsim::sim {

class Simulation;

// What runs first at the same instant: lower runs earlier.
enum class Priority : std::uint8_t {
  observe = 0,   // observers sampling the state before anything changes at this instant
  system = 5,    // warm-up resets, schedule changes
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
  // Non-short-circuit form: compiles to flag arithmetic, not two branches.
  return (a.time < b.time) | ((a.time == b.time) & (a.order < b.order));
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
    sift_up(i, e);
  }
  const HeapEntry& top() const noexcept { return v_.front(); }
  // Bottom-up delete-min (Wegener 1993): the hole at the root goes down to a
  // leaf along the smallest children, without comparing against the element
  // that fills it (the old last leaf, which usually belongs near the bottom
  // anyway); that element is then sifted up from there.
  void pop() {
    const std::size_t n = v_.size() - 1;  // size after the pop
    if (n == 0) {
      v_.pop_back();
      return;
    }
    const HeapEntry last = v_[n];
    v_.pop_back();
    HeapEntry* const v = v_.data();
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * D + 1;
      std::size_t best;
      if (first + D <= n) {
        best = min_child(v, first);
      } else if (first < n) {  // the last, partly filled family: leaves only
        best = first;
        for (std::size_t c = first + 1; c < n; ++c)
          if (precedes(v[c], v[best])) best = c;
        v[i] = v[best];
        i = best;
        break;
      } else {
        break;
      }
      v[i] = v[best];
      i = best;
    }
    sift_up(i, last);
  }
  std::size_t size() const noexcept { return v_.size(); }
  bool empty() const noexcept { return v_.empty(); }
  void clear() noexcept { v_.clear(); }

  // Bulk operations (used by LadderQueue): swap in a whole batch of entries
  // and heapify it in O(n); swap the entries out (any order) leaving this empty.
  void assign(std::vector<HeapEntry>& entries) {
    v_.swap(entries);
    entries.clear();
    const std::size_t n = v_.size();
    if (n < 2) return;
    for (std::size_t k = (n - 2) / D + 1; k-- > 0;) sift_down(k);
  }
  void take(std::vector<HeapEntry>& out) noexcept {
    out.clear();
    out.swap(v_);
  }

 private:
  // Index of the smallest of the D children starting at `first`.
  static std::size_t min_child(const HeapEntry* v, std::size_t first) noexcept {
    if constexpr (D == 4) {  // a tournament of independent comparisons (cmov, no branches)
      const std::size_t a = first + static_cast<std::size_t>(precedes(v[first + 1], v[first]));
      const std::size_t b = first + 2 + static_cast<std::size_t>(precedes(v[first + 3], v[first + 2]));
      return precedes(v[b], v[a]) ? b : a;
    } else {
      std::size_t best = first;
      for (std::size_t c = first + 1; c < first + D; ++c)
        if (precedes(v[c], v[best])) best = c;
      return best;
    }
  }
  void sift_up(std::size_t i, const HeapEntry& e) noexcept {
    HeapEntry* const v = v_.data();
    while (i > 0) {
      const std::size_t p = (i - 1) / D;
      if (!precedes(e, v[p])) break;
      v[i] = v[p];
      i = p;
    }
    v[i] = e;
  }
  void sift_down(std::size_t i) noexcept {
    HeapEntry* const v = v_.data();
    const std::size_t n = v_.size();
    const HeapEntry e = v[i];
    for (;;) {
      const std::size_t first = i * D + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + D < n ? first + D : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (precedes(v[c], v[best])) best = c;
      if (!precedes(v[best], e)) break;
      v[i] = v[best];
      i = best;
    }
    v[i] = e;
  }
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

// Ladder queue (Tang, Goh & Thng, ACM TOMACS 15(3), 2005): O(1) amortised
// push and pop for any time distribution, without the resizing heuristics of
// a calendar queue. Three tiers, each holding later events than the one below:
//
//  - top: an unsorted vector of everything later than `thr_`;
//  - up to kMaxRungs rungs, each an array of buckets of equal width (in
//    time) dealt out from one source: rung 0 from the top when the ladder runs
//    empty, rung r + 1 from one overfull bucket of rung r (or from an
//    overgrown bottom). Buckets are unsorted; a rung's buckets before `cur`
//    have been consumed;
//  - bottom: a 4-ary heap holding the earliest events (the contents of the
//    bucket consumed last, plus later pushes that fall before the current
//    bucket of the deepest rung). top() is bottom's top.
//
// Which tier and bucket an event goes to depends only on its time, through the
// same monotone arithmetic on push and on redistribution, so events with equal
// times always share a container and ties come out in exactly the (time,
// order) order of `precedes` (the bottom heap does the final ordering).
// Robustness: a bucket whose events all have the same time, or that cannot be
// split further (depth limit), simply goes to the bottom heap, so the worst
// case degrades to an ordinary heap (O(log n)), never to a scan; every event
// is redistributed at most once per rung level, and the bottom is re-split
// only after it has doubled, so the extra work per event stays bounded.
class LadderQueue {
 public:
  void push(const HeapEntry& e) {
    if (size_++ == 0) {  // empty: start afresh, the first event is the minimum
      depth_ = 0;
      thr_ = e.time;
      bottom_.push(e);
      bottom_limit_ = kBottomMin;
      return;
    }
    if (e.time > thr_) {
      top_.push_back(e);
      return;
    }
    for (unsigned r = 0; r < depth_; ++r) {
      Rung& g = rungs_[r];
      const std::size_t b = g.index(e.time);
      if (b >= g.cur) {  // else: before this rung's current bucket, go deeper
        g.heads[b] = new_node(e, g.heads[b]);
        ++g.count;
        return;
      }
    }
    bottom_.push(e);
    if (bottom_.size() > bottom_limit_) split_bottom();
  }
  const HeapEntry& top() const noexcept { return bottom_.top(); }
  void pop() {
    bottom_.pop();
    if (--size_ != 0 && bottom_.empty()) refill();
  }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  void clear() noexcept {
    depth_ = 0;
    top_.clear();
    bottom_.clear();
    nodes_.clear();
    free_ = nil;
    size_ = 0;
  }

 private:
#ifndef LQ_SPLIT
#define LQ_SPLIT 32
#define LQ_NUM 4
#define LQ_DEN 1
#endif
  static constexpr unsigned kMaxRungs = 8;
  static constexpr std::size_t kSplit = LQ_SPLIT;       // a bucket larger than this is split into a rung
  static constexpr std::size_t kBottomMin = 64;   // the bottom is split when larger (and doubled)
  static constexpr std::uint32_t nil = std::numeric_limits<std::uint32_t>::max();

  // Buckets are singly linked lists of nodes in one pool (the link sits in
  // HeapEntry's padding), so a bucket costs 4 bytes and a push one node.
  struct Node {
    double time;
    std::uint64_t order;
    std::uint32_t slot;
    std::uint32_t next;
  };
  struct Rung {
    double start = 0.0;      // time at the start of bucket 0
    double inv_width = 0.0;  // buckets per unit of time
    double last = 0.0;       // nb - 1, as a double
    std::size_t nb = 0;      // buckets in use
    std::size_t cur = 0;     // first bucket not yet consumed
    std::size_t count = 0;   // events in buckets [cur, nb)
    std::vector<std::uint32_t> heads;  // first node of each bucket, or nil
    // Monotone (non-decreasing) in t, NaN-safe, always in [0, nb).
    std::size_t index(double t) const noexcept {
      const double d = (t - start) * inv_width;
      if (!(d >= 1.0)) return 0;
      if (d >= last) return nb - 1;
      return static_cast<std::size_t>(d);
    }
  };

  std::uint32_t new_node(const HeapEntry& e, std::uint32_t next) {
    std::uint32_t k = free_;
    if (k != nil) {
      free_ = nodes_[k].next;
      nodes_[k] = {e.time, e.order, e.slot, next};
    } else {
      k = static_cast<std::uint32_t>(nodes_.size());
      nodes_.push_back({e.time, e.order, e.slot, next});
    }
    return k;
  }

  // Deals `src` out into a new deepest rung spanning its times and clears it;
  // false (src untouched) if the times cannot be split (all equal, no usable range).
  bool split(std::vector<HeapEntry>& src) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const HeapEntry& e : src) {
      lo = e.time < lo ? e.time : lo;
      hi = e.time > hi ? e.time : hi;
    }
    if (!(hi - lo < std::numeric_limits<double>::infinity())) {  // infinities (or NaN): span the finite ones
      lo = std::numeric_limits<double>::infinity();
      hi = -lo;
      for (const HeapEntry& e : src) {
        if (!(e.time - e.time == 0.0)) continue;  // not finite
        lo = e.time < lo ? e.time : lo;
        hi = e.time > hi ? e.time : hi;
      }
    }
    if (!(lo < hi)) return false;
    const std::size_t nb = src.size() * LQ_NUM / LQ_DEN + 1;
    const double inv = static_cast<double>(nb) / (hi - lo);
    if (!(inv < std::numeric_limits<double>::infinity()) || !(inv > 0.0)) return false;
    Rung& g = rungs_[depth_++];
    g.start = lo;
    g.inv_width = inv;
    g.nb = nb;
    g.last = static_cast<double>(nb - 1);
    g.cur = 0;
    g.count = src.size();
    if (g.heads.size() < nb) g.heads.resize(nb);
    std::fill_n(g.heads.begin(), nb, nil);
    for (const HeapEntry& e : src) {
      std::uint32_t& h = g.heads[g.index(e.time)];
      h = new_node(e, h);
    }
    src.clear();
    return true;
  }

  // Moves the next batch of events into the (empty) bottom; size_ > 0.
  void refill() {
    for (;;) {
      if (depth_ == 0) {  // everything left is in the top
        double m = -std::numeric_limits<double>::infinity();
        for (const HeapEntry& e : top_) m = e.time > m ? e.time : m;
        thr_ = m;
        if (top_.size() > kSplit && split(top_)) continue;
        fill_bottom(top_);
        return;
      }
      Rung& g = rungs_[depth_ - 1];
      if (g.count == 0) {
        --depth_;
        continue;
      }
      while (g.heads[g.cur] == nil) ++g.cur;
      std::uint32_t k = g.heads[g.cur];
      g.heads[g.cur++] = nil;
      scratch_.clear();
      while (k != nil) {
        const Node& nd = nodes_[k];
        scratch_.push_back({nd.time, nd.order, nd.slot});
        const std::uint32_t next = nd.next;
        nodes_[k].next = free_;
        free_ = k;
        k = next;
      }
      g.count -= scratch_.size();
      if (scratch_.size() > kSplit && depth_ < kMaxRungs && split(scratch_)) continue;
      fill_bottom(scratch_);
      return;
    }
  }
  void fill_bottom(std::vector<HeapEntry>& src) {
    bottom_.assign(src);
    bottom_limit_ = bottom_.size() * 2 > kBottomMin ? bottom_.size() * 2 : kBottomMin;
  }
  // The bottom has grown past its limit (pushes before the deepest rung's
  // current bucket): deal it out into a new rung, or double the limit.
  void split_bottom() {
    if (depth_ < kMaxRungs) {
      bottom_.take(scratch_);
      if (split(scratch_)) {
        refill();
        return;
      }
      bottom_.assign(scratch_);
    }
    bottom_limit_ = bottom_.size() * 2;
  }

  DaryHeap<4> bottom_;
  std::vector<HeapEntry> top_, scratch_;
  std::vector<Node> nodes_;
  Rung rungs_[kMaxRungs];
  double thr_ = 0.0;  // events later than this go to the top
  std::size_t size_ = 0, bottom_limit_ = kBottomMin;
  std::uint32_t free_ = nil;
  unsigned depth_ = 0;
};

using DefaultEventHeap = LadderQueue;

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
    // The next pop reads the next top's slot: start fetching it now, so the
    // handler's work hides the cache miss.
    if (!heap_.empty()) __builtin_prefetch(&slots_[heap_.top().slot]);
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
