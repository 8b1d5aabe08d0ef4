// SPDX-License-Identifier: MIT
// A small, deterministic JSON emitter: numbers in shortest round-trip form
// (std::to_chars), NaN and infinities as null, keys in insertion order.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace zccsim::models {

class Json {
 public:
  Json() : v_(nullptr) {}
  Json(double x) : v_(x) {}
  Json(std::int64_t x) : v_(x) {}
  Json(std::uint64_t x) : v_(x) {}  // exact up to 2^64 - 1 (a seed), never through double
  Json(int x) : v_(static_cast<std::int64_t>(x)) {}
  Json(std::string s) : v_(std::move(s)) {}
  Json(const char* s) : v_(std::string(s)) {}
  Json(bool b) : v_(b) {}

  static Json object() {
    Json j;
    j.v_ = Object{};
    return j;
  }
  static Json array() {
    Json j;
    j.v_ = Array{};
    return j;
  }

  // Object member (created, in order, if missing).
  Json& operator[](std::string_view key);
  // Member at a dotted path: "a.b.c".
  Json& at_path(std::string_view dotted);
  void push_back(Json v);

  std::string dump(int indent = 2) const;

 private:
  using Object = std::vector<std::pair<std::string, Json>>;
  using Array = std::vector<Json>;
  void write(std::string& out, int indent, int depth) const;
  std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double, std::string, Object, Array> v_;
};

std::string format_number(double x);

}  // namespace zccsim::models
