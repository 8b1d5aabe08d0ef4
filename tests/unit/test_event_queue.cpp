// SPDX-License-Identifier: MIT
// The future-event set over each heap implementation: order, ties, cancellation.
#include "sim/event_queue.hpp"
#include "sim/random.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <cstdint>
#include <iterator>
#include <set>
#include <tuple>
#include <vector>

using namespace zccsim::sim;

namespace {

class NullHandler final : public EventHandler {
 public:
  void handle(Simulation&, std::uint32_t, std::uint64_t) override {}
};

constexpr Priority priorities[] = {Priority::observe, Priority::system,  Priority::release,
                                   Priority::normal,  Priority::arrival, Priority::late};
constexpr std::uint64_t n_priorities = std::size(priorities);

struct Ref {
  double time;
  int prio;
  std::uint64_t seq;
  auto key() const { return std::tie(time, prio, seq); }
  bool operator<(const Ref& o) const { return key() < o.key(); }
};

template <class F>
Event pop_next(F& fes) {
  REQUIRE(fes.prune());
  return fes.pop();
}

}  // namespace

static_assert(EventHeap<BinaryHeap>);
static_assert(EventHeap<QuaternaryHeap>);
static_assert(EventHeap<PairingHeap>);
static_assert(EventHeap<LadderQueue>);

TEMPLATE_TEST_CASE("pops come out in (time, priority, sequence) order", "[event_queue]", BinaryHeap, QuaternaryHeap,
                   PairingHeap, LadderQueue) {
  FutureEventSet<TestType> fes;
  NullHandler h;
  RandomStream rng(1, 0, "unit", "fes");
  constexpr int n = 10000;
  std::vector<Ref> ref;
  for (int i = 0; i < n; ++i) {
    // few distinct times and priorities: many exact ties
    const double t = static_cast<double>(rng.below(50)) * 0.5;
    const auto p = priorities[rng.below(n_priorities)];
    fes.push(t, p, h, static_cast<std::uint32_t>(i % 7), static_cast<std::uint64_t>(i));
    ref.push_back({t, static_cast<int>(p), static_cast<std::uint64_t>(i)});
  }
  CHECK(fes.size() == static_cast<std::size_t>(n));
  CHECK(fes.scheduled() == static_cast<std::uint64_t>(n));
  std::sort(ref.begin(), ref.end());
  for (const Ref& r : ref) {
    REQUIRE(fes.prune());
    CHECK(fes.next_time() == r.time);
    const Event ev = fes.pop();
    REQUIRE(ev.arg == r.seq);
    CHECK(ev.time == r.time);
    CHECK(ev.tag == static_cast<std::uint32_t>(r.seq % 7));
    CHECK(ev.handler == &h);
  }
  CHECK(fes.empty());
  CHECK_FALSE(fes.prune());
}

TEMPLATE_TEST_CASE("interleaved push, pop and cancel match a reference set", "[event_queue]", BinaryHeap,
                   QuaternaryHeap, PairingHeap, LadderQueue) {
  FutureEventSet<TestType> fes;
  NullHandler h;
  RandomStream rng(2, 0, "unit", "hold");
  std::set<Ref> ref;
  std::vector<std::pair<EventHandle, Ref>> handles;
  std::uint64_t seq = 0;
  double now = 0.0;
  for (int step = 0; step < 20000; ++step) {
    const auto op = rng.below(10);
    if (op < 5 || ref.empty()) {
      const double t = now + static_cast<double>(rng.below(20));
      const auto p = priorities[rng.below(n_priorities)];
      const Ref r{t, static_cast<int>(p), seq};
      handles.push_back({fes.push(t, p, h, 0, seq), r});
      ref.insert(r);
      ++seq;
    } else if (op < 8) {
      const Ref expected = *ref.begin();
      ref.erase(ref.begin());
      const Event ev = pop_next(fes);
      REQUIRE(ev.arg == expected.seq);
      REQUIRE(ev.time == expected.time);
      now = ev.time;
    } else {
      // cancel a random handle ever issued: true exactly if still pending
      auto& [handle, r] = handles[rng.below(handles.size())];
      const bool pending = ref.count(r) == 1;
      REQUIRE(fes.cancel(handle) == pending);
      ref.erase(r);
    }
    REQUIRE(fes.size() == ref.size());
  }
  while (!ref.empty()) {
    REQUIRE(pop_next(fes).arg == ref.begin()->seq);
    ref.erase(ref.begin());
  }
  CHECK_FALSE(fes.prune());
}

TEMPLATE_TEST_CASE("ties at equal time and priority pop in insertion order", "[event_queue]", BinaryHeap,
                   QuaternaryHeap, PairingHeap, LadderQueue) {
  FutureEventSet<TestType> fes;
  NullHandler h;
  // normal and late priorities interleaved at one time, then an earlier event
  for (std::uint64_t i = 0; i < 200; ++i) fes.push(5.0, (i % 2) ? Priority::late : Priority::normal, h, 0, i);
  fes.push(4.0, Priority::late, h, 0, 1000);
  std::vector<std::uint64_t> got;
  while (fes.prune()) got.push_back(fes.pop().arg);
  REQUIRE(got.size() == 201u);
  CHECK(got[0] == 1000u);
  for (std::size_t k = 0; k < 100; ++k) {
    CHECK(got[1 + k] == 2 * k);        // normal, in insertion order
    CHECK(got[101 + k] == 2 * k + 1);  // then late, in insertion order
  }
}

TEMPLATE_TEST_CASE("cancel removes exactly the cancelled event", "[event_queue]", BinaryHeap, QuaternaryHeap,
                   PairingHeap, LadderQueue) {
  FutureEventSet<TestType> fes;
  NullHandler h;
  std::vector<EventHandle> hs;
  for (std::uint64_t i = 0; i < 10; ++i) hs.push_back(fes.push(static_cast<double>(i), Priority::normal, h, 0, i));
  CHECK(fes.size() == 10u);
  CHECK(fes.cancel(hs[0]));  // the top
  CHECK(fes.cancel(hs[4]));  // the middle
  CHECK(fes.cancel(hs[9]));  // the last
  CHECK(fes.size() == 7u);
  CHECK_FALSE(fes.cancel(hs[4]));  // already cancelled
  CHECK(fes.size() == 7u);
  std::vector<std::uint64_t> got;
  while (fes.prune()) got.push_back(fes.pop().arg);
  CHECK(got == std::vector<std::uint64_t>{1, 2, 3, 5, 6, 7, 8});
  CHECK(fes.size() == 0u);
  CHECK(fes.empty());
  // already popped
  CHECK_FALSE(fes.cancel(hs[1]));
  CHECK_FALSE(fes.cancel(EventHandle{}));
  CHECK_FALSE(fes.cancel(EventHandle{12345, 0}));
}

TEMPLATE_TEST_CASE("a recycled slot's old handle cannot cancel the new event", "[event_queue]", BinaryHeap,
                   QuaternaryHeap, PairingHeap, LadderQueue) {
  FutureEventSet<TestType> fes;
  NullHandler h;
  SECTION("slot freed by pop") {
    const EventHandle a = fes.push(1.0, Priority::normal, h, 0, 1);
    REQUIRE(pop_next(fes).arg == 1u);
    const EventHandle b = fes.push(2.0, Priority::normal, h, 0, 2);
    REQUIRE(b.slot == a.slot);  // the slot is reused ...
    CHECK(b.generation != a.generation);
    CHECK_FALSE(fes.cancel(a));  // ... but the old handle is stale
    CHECK(fes.size() == 1u);
    CHECK(pop_next(fes).arg == 2u);
  }
  SECTION("slot freed by pruning a cancelled event") {
    const EventHandle a = fes.push(1.0, Priority::normal, h, 0, 1);
    REQUIRE(fes.cancel(a));
    CHECK_FALSE(fes.prune());
    const EventHandle b = fes.push(2.0, Priority::normal, h, 0, 2);
    REQUIRE(b.slot == a.slot);
    CHECK_FALSE(fes.cancel(a));
    CHECK(fes.size() == 1u);
    CHECK(fes.cancel(b));
    CHECK(fes.empty());
  }
}

TEMPLATE_TEST_CASE("size() counts live events only", "[event_queue]", BinaryHeap, QuaternaryHeap, PairingHeap,
                   LadderQueue) {
  FutureEventSet<TestType> fes;
  NullHandler h;
  CHECK(fes.empty());
  const auto a = fes.push(3.0, Priority::normal, h, 0, 0);
  fes.push(1.0, Priority::normal, h, 0, 1);
  fes.push(2.0, Priority::normal, h, 0, 2);
  CHECK(fes.size() == 3u);
  fes.cancel(a);
  CHECK(fes.size() == 2u);  // the dead entry is still in the heap, not counted
  pop_next(fes);
  CHECK(fes.size() == 1u);
  CHECK_FALSE(fes.empty());
  pop_next(fes);
  CHECK(fes.size() == 0u);
  CHECK(fes.empty());
  CHECK_FALSE(fes.prune());  // drops the cancelled entry
  CHECK(fes.scheduled() == 3u);
}

TEMPLATE_TEST_CASE("heaps order raw entries", "[event_queue]", BinaryHeap, QuaternaryHeap, PairingHeap, LadderQueue) {
  TestType heap;
  RandomStream rng(3, 0, "unit", "heap");
  std::vector<HeapEntry> ref;
  for (std::uint32_t i = 0; i < 3000; ++i) {
    const HeapEntry e{static_cast<double>(rng.below(100)), rng.below(4) << 56 | i, i};
    heap.push(e);
    ref.push_back(e);
  }
  CHECK(heap.size() == 3000u);
  std::sort(ref.begin(), ref.end(), precedes);
  for (const HeapEntry& e : ref) {
    REQUIRE(heap.top().slot == e.slot);
    heap.pop();
  }
  CHECK(heap.empty());
  heap.push({1.0, 0, 7});
  heap.clear();
  CHECK(heap.empty());
  heap.push({2.0, 0, 8});
  CHECK(heap.top().slot == 8u);
}

TEMPLATE_TEST_CASE("hold model under varied time distributions", "[event_queue]", BinaryHeap, QuaternaryHeap,
                   PairingHeap, LadderQueue) {
  // The increment of each new event over the current time, by scenario.
  // Bucket-based structures are sensitive to the shape; heaps are not.
  const auto scenario = GENERATE(0, 1, 2, 3, 4, 5);
  INFO("scenario " << scenario);
  FutureEventSet<TestType> fes;
  NullHandler h;
  RandomStream rng(6, static_cast<std::uint64_t>(scenario), "unit", "shapes");
  auto increment = [&]() -> double {
    const double u = rng.uniform();
    switch (scenario) {
      case 0:
        return -std::log(u);  // exponential
      case 1:
        return u < 0.9 ? 0.001 * u : 1000.0 * u;  // bimodal: near and far
      case 2:
        return 0.0;  // everything at one instant
      case 3:
        return std::floor(3.0 * u);  // few distinct offsets
      case 4:
        return u < 0.01 ? std::numeric_limits<double>::infinity() : u;  // some at infinity
      default:
        return u < 0.5 ? 1e-12 * u : 1e9 * u;  // extreme spread
    }
  };
  std::set<Ref> ref;
  std::vector<std::pair<EventHandle, Ref>> handles;
  std::uint64_t seq = 0;
  double now = 0.0;
  auto push = [&] {
    const double t = now + increment();
    const auto p = priorities[rng.below(n_priorities)];
    const Ref r{t, static_cast<int>(p), seq};
    handles.push_back({fes.push(t, p, h, 0, seq), r});
    ref.insert(r);
    ++seq;
  };
  for (int i = 0; i < 2000; ++i) push();  // a large initial population
  for (int step = 0; step < 12000; ++step) {
    const auto op = rng.below(20);
    if (op < 9) {
      push();
    } else if (op < 19 && !ref.empty()) {
      const Ref expected = *ref.begin();
      ref.erase(ref.begin());
      const Event ev = pop_next(fes);
      REQUIRE(ev.arg == expected.seq);
      REQUIRE(ev.time == expected.time);
      if (std::isfinite(ev.time)) now = ev.time;
    } else if (!handles.empty()) {
      auto& [handle, r] = handles[rng.below(handles.size())];
      REQUIRE(fes.cancel(handle) == (ref.count(r) == 1));
      ref.erase(r);
    }
    REQUIRE(fes.size() == ref.size());
  }
  while (!ref.empty()) {
    const Event ev = pop_next(fes);
    REQUIRE(ev.arg == ref.begin()->seq);
    ref.erase(ref.begin());
  }
  CHECK_FALSE(fes.prune());
  // reusable after running empty
  fes.push(1e6, Priority::normal, h, 0, 42);
  fes.push(5.0, Priority::normal, h, 0, 43);
  CHECK(pop_next(fes).arg == 43u);
  CHECK(pop_next(fes).arg == 42u);
}
