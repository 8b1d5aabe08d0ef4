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
#include <cstddef>
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

// Implicit d-ary min-heap operations on a vector (used by DaryHeap and by
// LadderQueue's bottom). Always inlined: they are the inner loops of push and
// pop, and GCC stops inlining them once they have several callers.
namespace detail {
template <unsigned D>
[[gnu::always_inline]] inline void heap_push(std::vector<HeapEntry>& v, const HeapEntry& e) {
  std::size_t i = v.size();
  v.push_back(e);
  while (i > 0) {
    const std::size_t p = (i - 1) / D;
    if (!precedes(e, v[p])) break;
    v[i] = v[p];
    i = p;
  }
  v[i] = e;
}
// Puts e at position i or below, moving smaller children up.
template <unsigned D>
[[gnu::always_inline]] inline void heap_sift_down(std::vector<HeapEntry>& v, std::size_t i,
                                                  const HeapEntry e) noexcept {
  const std::size_t n = v.size();
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
template <unsigned D>
[[gnu::always_inline]] inline void heap_pop(std::vector<HeapEntry>& v) noexcept {
  const HeapEntry last = v.back();
  v.pop_back();
  if (!v.empty()) heap_sift_down<D>(v, 0, last);
}
// Heapifies v in O(n) (Floyd).
template <unsigned D>
void heap_make(std::vector<HeapEntry>& v) noexcept {
  for (std::size_t k = v.size() / D + 1; k-- > 0;)
    if (k * D + 1 < v.size()) heap_sift_down<D>(v, k, v[k]);
}
}  // namespace detail

// Implicit d-ary min-heap in a vector. D = 2 is the binary heap.
template <unsigned D>
class DaryHeap {
  static_assert(D >= 2);

 public:
  void push(const HeapEntry& e) { detail::heap_push<D>(v_, e); }
  const HeapEntry& top() const noexcept { return v_.front(); }
  void pop() { detail::heap_pop<D>(v_); }
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

// The ladder's bottom: the earliest events, fully ordered, in one vector;
// top() is v_[head_]. A batch of a few events (the usual case: one bucket) is
// insertion-sorted into ascending order and consumed by advancing head_, in
// O(1) per pop. A larger batch, or a bottom that gets a push while holding
// kSorted events, becomes a 4-ary heap (head_ = 0) until it runs empty, since
// sorted insertion costs O(n) per push. The size has its own counter:
// computing it from the vector just after a push_back or pop_back can stall
// on store forwarding (GCC loads begin and end as one 16-byte word).
class LadderBottom {
 public:
  static constexpr std::size_t kSorted = 8;  // sorted while at most this many

  const HeapEntry& top() const noexcept { return v_[head_]; }
  std::size_t size() const noexcept { return n_; }
  bool empty() const noexcept { return n_ == 0; }
  void push(const HeapEntry& e) {
    ++n_;
    if (heap_mode_) {
      detail::heap_push<4>(v_, e);
      return;
    }
    if (head_ >= kSorted) compact();  // bounds the consumed prefix
    if (n_ <= kSorted) {              // insert from the back: later events are the common case
      std::size_t i = v_.size();
      v_.push_back(e);
      HeapEntry* const v = v_.data();
      for (; i > head_ && precedes(e, v[i - 1]); --i) v[i] = v[i - 1];
      v[i] = e;
      return;
    }
    compact();  // ascending: already a heap
    heap_mode_ = true;
    detail::heap_push<4>(v_, e);
  }
  void pop() {
    if (--n_ == 0) {
      clear();
    } else if (heap_mode_) {
      detail::heap_pop<4>(v_);
    } else {
      ++head_;
    }
  }
  void clear() noexcept {
    v_.clear();
    head_ = n_ = 0;
    heap_mode_ = false;
  }
  // Takes over all of `entries` (left empty); this must be empty.
  void assign(std::vector<HeapEntry>& entries) {
    v_.swap(entries);
    entries.clear();
    n_ = v_.size();
    if (n_ > kSorted) {
      detail::heap_make<4>(v_);
      heap_mode_ = true;
      return;
    }
    HeapEntry* const v = v_.data();
    for (std::size_t j = 1; j < n_; ++j) {  // insertion sort
      const HeapEntry e = v[j];
      std::size_t i = j;
      for (; i > 0 && precedes(e, v[i - 1]); --i) v[i] = v[i - 1];
      v[i] = e;
    }
  }
  // Moves all entries (in any order) into `out`, leaving this empty.
  void take(std::vector<HeapEntry>& out) {
    compact();
    out.clear();
    out.swap(v_);
    clear();
  }

 private:
  void compact() {
    v_.erase(v_.begin(), v_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
  std::vector<HeapEntry> v_;
  std::size_t head_ = 0, n_ = 0;
  bool heap_mode_ = false;
};

// Ladder queue (Tang, Goh & Thng, ACM TOMACS 15(3), 2005): O(1) amortised
// push and pop, adapting to the time distribution by itself (no resize
// heuristics as in a calendar queue). Three tiers, each holding later events
// than the one below:
//
//  - top: an unsorted vector of every event later than `thr_`;
//  - up to kMaxRungs rungs, each an array of buckets of equal width in time,
//    dealt out from one batch of events: rung 0 from the top when the ladder
//    runs empty, rung r + 1 from an overfull bucket of rung r (or from an
//    overgrown bottom). Buckets are unsorted; a rung's buckets before `cur`
//    have been consumed, and later pushes are dealt into the rest;
//  - bottom (LadderBottom): the earliest events, fully ordered: the bucket
//    consumed last plus pushes that fall before the deepest rung's current
//    bucket. top() is the bottom's minimum.
//
// Which tier and bucket an event goes to depends only on its time, through
// monotone arithmetic (the same on push and when dealing out), so events with
// equal times always share a container and every container holds only events
// later than those below it; ties therefore come out exactly in the (time,
// order) order of `precedes`, which the bottom applies.
// No pathological cases: a bucket whose events all have one time (or that is
// at the depth limit) goes to the bottom whole, which is then a 4-ary heap, so
// the worst case is an ordinary heap's O(log n), never a scan; an event is
// dealt out at most once per rung level, and the bottom is split again only
// after it has doubled. Memory: a 24-byte node per event in a rung, plus
// kBucketsPerEvent 4-byte bucket heads per event dealt out into a rung.
class LadderQueue {
 public:
  void push(const HeapEntry& e) {
    ++size_;
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
    if (--size_ == 0) clear();  // start afresh: everything in the bottom until it grows
    else if (bottom_.empty()) refill();
  }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  void clear() noexcept {
    depth_ = 0;
    thr_ = std::numeric_limits<double>::infinity();
    top_.clear();
    bottom_.clear();
    bottom_limit_ = kBottomMin;
    nodes_.clear();
    free_ = nil;
    size_ = 0;
  }

 private:
  // Tuned with benchmarks/hold_model.cpp and, for kBucketsPerEvent, the
  // national scenario's own sequence of pushes and pops (see RESULTS.md).
  static constexpr unsigned kMaxRungs = 8;
  static constexpr std::size_t kSplit = 32;           // a larger bucket is split into a new rung
  static constexpr std::size_t kBucketsPerEvent = 2;  // a new rung's buckets per event dealt out
  static constexpr std::size_t kBottomMin = 64;       // the bottom is split when larger (and doubled)
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
    double start = 0.0;                // time at the start of bucket 0
    double inv_width = 0.0;            // buckets per unit of time
    double last = 0.0;                 // nb - 1, as a double
    double hi = 0.0;                   // the latest time dealt out when the rung was made
    std::size_t nb = 0;                // buckets in use
    std::size_t cur = 0;               // first bucket not yet consumed
    std::size_t count = 0;             // events in buckets [cur, nb)
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
    const double hi_all = hi;
    if (!(hi - lo < std::numeric_limits<double>::infinity())) {  // infinities: span the finite times
      lo = std::numeric_limits<double>::infinity();
      hi = -lo;
      for (const HeapEntry& e : src) {
        if (!(e.time - e.time == 0.0)) continue;  // not finite
        lo = e.time < lo ? e.time : lo;
        hi = e.time > hi ? e.time : hi;
      }
    }
    if (!(lo < hi)) return false;
    const std::size_t nb = src.size() * kBucketsPerEvent + 1;
    const double inv = static_cast<double>(nb) / (hi - lo);
    if (!(inv < std::numeric_limits<double>::infinity()) || !(inv > 0.0)) return false;
    Rung& g = rungs_[depth_++];
    g.start = lo;
    g.hi = hi_all;
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
        if (top_.size() > kSplit && split(top_)) {
          thr_ = rungs_[0].hi;
          continue;
        }
        thr_ = std::numeric_limits<double>::infinity();  // all in the bottom again
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
      if (g.cur < g.nb && g.heads[g.cur] != nil) __builtin_prefetch(&nodes_[g.heads[g.cur]]);
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
      // A rung whose last bucket is taken routes nothing any more (every
      // index clamps below cur): drop it now, so that a child split from
      // that bucket takes its level instead of stacking below it.
      if (g.cur == g.nb) --depth_;
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
        // Without rungs, the bottom held everything not in the top: events
        // later than the new rung go to the top now.
        if (depth_ == 1) thr_ = rungs_[0].hi;
        refill();
        return;
      }
      bottom_.assign(scratch_);
    }
    bottom_limit_ = bottom_.size() * 2;
  }

  LadderBottom bottom_;
  std::vector<HeapEntry> top_, scratch_;
  std::vector<Node> nodes_;
  Rung rungs_[kMaxRungs];
  double thr_ = std::numeric_limits<double>::infinity();  // later events go to the top
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
  EventHandle push(double time, Priority priority, EventHandler& handler, std::uint32_t tag, std::uint64_t arg) {
    std::uint32_t s;
    if (!free_.empty()) {
      s = free_.back();
      free_.pop_back();
    } else {
      s = static_cast<std::uint32_t>(slots_.size());
      slots_.emplace_back();
      prefetch_ = slots_.size() > kPrefetchSlots;
    }
    Slot& sl = slots_[s];
    sl.handler = &handler;
    sl.arg = arg;
    sl.tag = tag;
    ++sl.generation;  // odd: pending
    heap_.push({time, (static_cast<std::uint64_t>(priority) << 56) | seq_++, s});
    ++live_;
    return {s, sl.generation};
  }

  // True if the event was pending and is now cancelled.
  bool cancel(EventHandle h) noexcept {
    if (!h.valid() || h.slot >= slots_.size()) return false;
    Slot& sl = slots_[h.slot];
    if (!pending(sl) || sl.generation != h.generation) return false;
    ++sl.generation;  // even: the entry stays in the heap until prune() drops it
    --live_;
    return true;
  }

  // Drops cancelled entries at the top; true if a live event remains.
  bool prune() {
    while (!heap_.empty() && !pending(slots_[heap_.top().slot])) {
      free_.push_back(heap_.top().slot);
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
    // The next prune() reads the next top's slot: when there are too many
    // slots for the L1 cache, start fetching it now, so that the handler's
    // work hides the miss (when they all fit, this only costs time).
    if (prefetch_ && !heap_.empty()) __builtin_prefetch(&slots_[heap_.top().slot]);
    Slot& sl = slots_[top.slot];
    const Event ev{top.time, sl.handler, sl.tag, sl.arg};
    ++sl.generation;  // even: free
    --live_;
    free_.push_back(top.slot);
    return ev;
  }

  std::size_t size() const noexcept { return live_; }
  bool empty() const noexcept { return live_ == 0; }
  std::uint64_t scheduled() const noexcept { return seq_; }

 private:
  // 24 bytes. The generation counts the slot's state changes: odd while its
  // event is pending, even once popped or cancelled, so a handle (which
  // carries the odd value) is stale as soon as its event is gone.
  struct Slot {
    EventHandler* handler = nullptr;
    std::uint64_t arg = 0;
    std::uint32_t tag = 0;
    std::uint32_t generation = 0;
  };
  static bool pending(const Slot& sl) noexcept { return (sl.generation & 1U) != 0; }
  static constexpr std::size_t kPrefetchSlots = 2048;  // 48 KiB of slots
  Heap heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t seq_ = 0;
  std::size_t live_ = 0;
  bool prefetch_ = false;
};

}  // namespace zccsim::sim
