// SPDX-License-Identifier: MIT
// A fresh empty directory for a test, removed with its contents at scope exit.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <system_error>

#include <unistd.h>

namespace zccsim::test {

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("zccsim-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  // The names of the entries in the directory.
  std::set<std::string> names() const {
    std::set<std::string> s;
    for (const auto& e : std::filesystem::directory_iterator(path_)) s.insert(e.path().filename().string());
    return s;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace zccsim::test
