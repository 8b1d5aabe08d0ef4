// SPDX-License-Identifier: MIT
#include "json.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace zccsim::models {

std::string format_number(double x) {
  if (!std::isfinite(x)) return "null";
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

Json& Json::operator[](std::string_view key) {
  if (std::holds_alternative<std::nullptr_t>(v_)) v_ = Object{};
  auto* obj = std::get_if<Object>(&v_);
  if (!obj) throw std::logic_error("json: not an object");
  for (auto& [k, v] : *obj)
    if (k == key) return v;
  obj->emplace_back(std::string(key), Json{});
  return obj->back().second;
}

Json& Json::at_path(std::string_view dotted) {
  Json* j = this;
  for (std::size_t start = 0;;) {
    const std::size_t dot = dotted.find('.', start);
    j = &(*j)[dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start)];
    if (dot == std::string_view::npos) return *j;
    start = dot + 1;
  }
}

void Json::push_back(Json v) {
  if (std::holds_alternative<std::nullptr_t>(v_)) v_ = Array{};
  std::get<Array>(v_).push_back(std::move(v));
}

static void write_string(std::string& out, const std::string& s) {
  out += '"';
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void Json::write(std::string& out, int indent, int depth) const {
  const auto newline = [&](int d) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(d), ' ');
  };
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) out += "null";
        else if constexpr (std::is_same_v<T, bool>) out += v ? "true" : "false";
        else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::uint64_t>)
          out += std::to_string(v);
        else if constexpr (std::is_same_v<T, double>) out += format_number(v);
        else if constexpr (std::is_same_v<T, std::string>) write_string(out, v);
        else if constexpr (std::is_same_v<T, Object>) {
          out += '{';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            newline(depth + 1);
            write_string(out, v[i].first);
            out += indent > 0 ? ": " : ":";
            v[i].second.write(out, indent, depth + 1);
          }
          if (!v.empty()) newline(depth);
          out += '}';
        } else {
          out += '[';
          for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += ", ";
            v[i].write(out, indent, depth + 1);
          }
          out += ']';
        }
      },
      v_);
}

std::string Json::dump(int indent) const {
  std::string out;
  write(out, indent, 0);
  out += '\n';
  return out;
}

}  // namespace zccsim::models
