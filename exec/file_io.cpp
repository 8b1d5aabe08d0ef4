// SPDX-License-Identifier: MIT
#include "file_io.hpp"

#include <cerrno>
#include <system_error>

#include <unistd.h>

namespace zccsim::sim {

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

bool Fd::close() noexcept { return ::close(std::exchange(fd_, -1)) == 0; }

void os_failure(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

namespace {

// Moves n bytes at `offset` with `op` (pread or pwrite) until all are moved,
// or, for a read, the end of the file; returns the bytes moved.
template <class Byte, class Op>
std::size_t transfer(int fd, Byte* data, std::size_t n, std::uint64_t offset, Op op, const char* what) {
  std::size_t done = 0;
  while (done < n) {
    const ssize_t k = op(fd, data + done, n - done, static_cast<off_t>(offset + done));
    if (k < 0) {
      if (errno == EINTR) continue;
      os_failure(what);
    }
    if (k == 0) break;  // the end of the file (a read; pwrite of > 0 bytes returns > 0 or fails)
    done += static_cast<std::size_t>(k);
  }
  return done;
}

}  // namespace

void write_all(int fd, const char* data, std::size_t n, std::uint64_t offset) {
  transfer(
      fd, data, n, offset, [](int f, const char* d, std::size_t m, off_t o) { return ::pwrite(f, d, m, o); }, "write");
}

std::size_t read_up_to(int fd, char* data, std::size_t n, std::uint64_t offset) {
  return transfer(
      fd, data, n, offset, [](int f, char* d, std::size_t m, off_t o) { return ::pread(f, d, m, o); }, "read");
}

}  // namespace zccsim::sim
