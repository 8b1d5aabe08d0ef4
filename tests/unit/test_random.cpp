// SPDX-License-Identifier: MIT
// RandomStream: pinned Philox4x64-10 output, stream independence, ranges.
#include "sim/random.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

using zccsim::sim::RandomStream;
using zccsim::sim::stable_hash;

namespace {

std::vector<std::uint64_t> words(RandomStream s, int n) {
  std::vector<std::uint64_t> v;
  for (int i = 0; i < n; ++i) v.push_back(s.next_u64());
  return v;
}

}  // namespace

TEST_CASE("stable_hash is 64-bit FNV-1a", "[random]") {
  STATIC_REQUIRE(stable_hash("") == 0xcbf29ce484222325ULL);
  // published FNV-1a 64 test vectors
  CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(stable_hash("foobar") == 0x85944171f73967e8ULL);
  CHECK(stable_hash("triage") != stable_hash("service"));
}

TEST_CASE("RandomStream matches the Random123 known-answer vector", "[random]") {
  // philox4x64 10, counter 0 0 0 0, key 0 0 (Random123 kat_vectors)
  RandomStream s(std::uint64_t{0}, std::uint64_t{0}, std::uint64_t{0}, std::uint64_t{0});
  CHECK(s.next_u64() == 0x16554d9eca36314cULL);
  CHECK(s.next_u64() == 0xdb20fe9d672d0fdcULL);
  CHECK(s.next_u64() == 0xd7e772cee186176bULL);
  CHECK(s.next_u64() == 0x7e68b68aec7ba23bULL);
}

TEST_CASE("RandomStream output is pinned", "[random]") {
  // Pinned Philox4x64-10 output: these must never change, or every result
  // ever produced by the simulator changes with them.
  RandomStream s(1, 0, "triage", "service");
  CHECK(s.next_u64() == 0xf2b89f74fb12b351ULL);
  CHECK(s.next_u64() == 0x1eb67bb2cb1f8c5dULL);
  CHECK(s.next_u64() == 0xba025ef81aa0511eULL);

  RandomStream n(1, 0, std::uint64_t{11}, std::uint64_t{22});
  CHECK(n.next_u64() == 0x4622197ccafb14f4ULL);
  CHECK(n.next_u64() == 0x59f0d9fb88883a9eULL);
  CHECK(n.next_u64() == 0x812ec3ed20992f2eULL);
}

TEST_CASE("named streams hash their names", "[random]") {
  RandomStream named(5, 2, "triage", "service");
  RandomStream hashed(5, 2, stable_hash("triage"), stable_hash("service"));
  CHECK(words(named, 9) == words(hashed, 9));
}

TEST_CASE("uniform() maps the top 53 bits to the centre of their cell", "[random]") {
  RandomStream s(1, 0, "triage", "service");
  CHECK(s.uniform() == 0.94812962156272351);
  CHECK(s.uniform() == 0.11997197260927644);
  CHECK(s.uniform() == 0.72659867818094992);

  RandomStream a(9, 1, "x", "y"), b(9, 1, "x", "y");
  for (int i = 0; i < 100; ++i) {
    const std::uint64_t w = a.next_u64();
    CHECK(b.uniform() == (static_cast<double>(w >> 11) + 0.5) * 0x1.0p-53);
  }
}

TEST_CASE("uniform() lies in (0, 1) with the right moments", "[random]") {
  RandomStream s(3, 0, "unit", "uniform");
  constexpr int n = 200000;
  double sum = 0.0, sum2 = 0.0, lo = 1.0, hi = 0.0;
  int below_tenth = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum2 += u * u;
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    below_tenth += u < 0.1;
  }
  const double mean = sum / n;
  const double var = sum2 / n - mean * mean;
  CHECK(std::abs(mean - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / n));
  CHECK(std::abs(var - 1.0 / 12.0) < 5.0 * std::sqrt(1.0 / 180.0 / n));  // mu4 - sigma^4 = 1/180
  CHECK(std::abs(below_tenth - 0.1 * n) < 5.0 * std::sqrt(0.09 * n));
  CHECK(lo < 1e-4);
  CHECK(hi > 1.0 - 1e-4);
}

TEST_CASE("same inputs give identical sequences", "[random]") {
  RandomStream a(123, 4, "ambulance", "travel"), b(123, 4, "ambulance", "travel");
  for (int i = 0; i < 1000; ++i) REQUIRE(a.next_u64() == b.next_u64());
  // a copy continues from the same position
  RandomStream c = a;
  for (int i = 0; i < 10; ++i) REQUIRE(a.next_u64() == c.next_u64());
}

TEST_CASE("streams differ in every coordinate", "[random]") {
  const auto base = words(RandomStream(1, 0, "triage", "service"), 8);
  CHECK(words(RandomStream(2, 0, "triage", "service"), 8) != base);  // seed
  CHECK(words(RandomStream(1, 1, "triage", "service"), 8) != base);  // replication
  CHECK(words(RandomStream(1, 0, "triagf", "service"), 8) != base);  // component
  CHECK(words(RandomStream(1, 0, "triage", "servicf"), 8) != base);  // purpose
  CHECK(words(RandomStream(1, 0, "service", "triage"), 8) != base);  // swapped

  // no word shared between the streams: they are not shifted copies
  std::set<std::uint64_t> seen;
  for (std::uint64_t seed = 0; seed < 3; ++seed)
    for (std::uint64_t rep = 0; rep < 3; ++rep)
      for (const char* comp : {"a", "b", "c"})
        for (const char* purp : {"p", "q"})
          for (std::uint64_t w : words(RandomStream(seed, rep, comp, purp), 16)) seen.insert(w);
  CHECK(seen.size() == std::size_t{3 * 3 * 3 * 2 * 16});
}

TEST_CASE("successive blocks differ and draws() counts words", "[random]") {
  RandomStream s(1, 0, "triage", "service");
  CHECK(s.draws() == 0);
  std::set<std::uint64_t> seen;
  for (int i = 1; i <= 13; ++i) {
    seen.insert(s.next_u64());
    CHECK(s.draws() == static_cast<std::uint64_t>(i));
  }
  CHECK(seen.size() == 13u);
  s.uniform();
  s.below(10);
  CHECK(s.draws() == 15u);
}

TEST_CASE("below(n) is the multiply-shift of one word and lies below n", "[random]") {
  for (std::uint64_t n : {std::uint64_t{1}, std::uint64_t{2}, std::uint64_t{3}, std::uint64_t{7}, std::uint64_t{1000},
                          (std::uint64_t{1} << 63) + 5}) {
    RandomStream a(8, 0, "unit", "below"), b(8, 0, "unit", "below");
    for (int i = 0; i < 2000; ++i) {
      const std::uint64_t w = b.next_u64();
      const std::uint64_t v = a.below(n);
      REQUIRE(v < n);
      REQUIRE(v == static_cast<std::uint64_t>((static_cast<unsigned __int128>(w) * n) >> 64));
    }
  }
  // below(6) is fair: each face about 1/6 of the time (5 standard errors)
  RandomStream s(8, 1, "unit", "die");
  constexpr int n = 120000;
  std::array<int, 6> count{};
  for (int i = 0; i < n; ++i) ++count[s.below(6)];
  const double se = std::sqrt(n * (1.0 / 6.0) * (5.0 / 6.0));
  for (int c : count) CHECK(std::abs(c - n / 6.0) < 5.0 * se);
}

TEST_CASE("restart() gives the draws of a stream constructed with the same coordinates", "[random]") {
  RandomStream s(1, 2, 3, 4);
  for (int i = 0; i < 6; ++i) s.next_u64();  // part-way through its second block
  s.restart(7, 8, 9, 10);
  CHECK(s.draws() == 0);
  CHECK(words(s, 9) == words(RandomStream(7, 8, 9, 10), 9));
  s.restart(1, 2, 3, 4);
  CHECK(words(s, 9) == words(RandomStream(1, 2, 3, 4), 9));
}
