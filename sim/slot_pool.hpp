// SPDX-License-Identifier: MIT
// Records in a vector with a free list: stable indices, no allocation once
// warm, memory bounded by the most records alive at once.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace zccsim::sim {

template <class T>
class SlotPool {
 public:
  // Index of a fresh record, value-initialised.
  std::uint32_t acquire() {
    std::uint32_t id;
    if (!free_.empty()) {
      id = free_.back();
      free_.pop_back();
      // value-initialised in place (a temporary would be zeroed and copied)
      std::destroy_at(&items_[id]);
      std::construct_at(&items_[id]);
    } else {
      id = static_cast<std::uint32_t>(items_.size());
      items_.emplace_back();
    }
    return id;
  }
  // The record may be read until the next acquire().
  void release(std::uint32_t id) { free_.push_back(id); }

  T& operator[](std::uint32_t id) noexcept { return items_[id]; }
  const T& operator[](std::uint32_t id) const noexcept { return items_[id]; }
  std::size_t live() const noexcept { return items_.size() - free_.size(); }

 private:
  std::vector<T> items_;
  std::vector<std::uint32_t> free_;
};

}  // namespace zccsim::sim
