// SPDX-License-Identifier: MIT
// Atomic output: write to a temporary file beside the target, flush, then
// rename over it. An interrupted run never leaves a half-written result.
#pragma once

#include <filesystem>
#include <string_view>

namespace zccsim::sim {

// Throws std::runtime_error naming the path on failure; the target is untouched then.
void write_file_atomically(const std::filesystem::path& target, std::string_view contents);

}  // namespace zccsim::sim
