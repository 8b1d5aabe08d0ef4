// SPDX-License-Identifier: MIT
// Plain POSIX file I/O with the loops written once: an owned descriptor, a
// write of all bytes and a read up to the end of the file, both at an offset
// and both retried on EINTR. Errors: std::system_error with errno and what
// failed ("open", "write", ...), so a caller can name the file and the reason.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

namespace zccsim::sim {

// An open file descriptor, closed once (by close() or the destructor).
class Fd {
 public:
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const noexcept { return fd_; }
  // Closes once; false (errno set) on failure.
  bool close() noexcept;

 private:
  int fd_;
};

// Throws std::system_error(errno, what).
[[noreturn]] void os_failure(const char* what);

// Writes all of [data, data + n) at `offset`.
void write_all(int fd, const char* data, std::size_t n, std::uint64_t offset);

// Reads up to `n` bytes at `offset` (fewer only at the end of the file).
std::size_t read_up_to(int fd, char* data, std::size_t n, std::uint64_t offset);

}  // namespace zccsim::sim
