// SPDX-License-Identifier: MIT
#include "json.hpp"

namespace zccsim::models {

Json& at_path(Json& j, std::string_view dotted) {
  Json* at = &j;
  for (std::size_t start = 0;;) {
    const std::size_t dot = dotted.find('.', start);
    at = &(*at)[std::string(dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start))];
    if (dot == std::string_view::npos) return *at;
    start = dot + 1;
  }
}

std::string json_text(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace zccsim::models
