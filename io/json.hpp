// SPDX-License-Identifier: MIT
// JSON documents: nlohmann-json's ordered_json (keys in insertion order), and
// the one way they are written (json_text): indented by 2, numbers in shortest
// round-trip form, NaN and infinities as null, a newline at the end.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace zccsim::models {

using Json = nlohmann::ordered_json;

// The member at a dotted path "a.b.c" of an object, created (in order) where
// missing.
Json& at_path(Json& j, std::string_view dotted);

// The text of j: indented by `indent` (negative: on one line), ending with a
// newline; invalid UTF-8 in strings replaced by U+FFFD.
std::string json_text(const Json& j, int indent = 2);

}  // namespace zccsim::models
