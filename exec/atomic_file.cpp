// SPDX-License-Identifier: MIT
#include "atomic_file.hpp"

#include "stop_signal.hpp"
#include "temp_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace zccsim::sim {

void write_file_atomically(const std::filesystem::path& target, std::string_view contents) {
  remove_stale_temp_files(target);  // of processes killed while writing it
  const std::filesystem::path tmp = temp_file_name(target);
  auto fail = [&](const char* what) {
    const std::string msg = std::string("cannot write ") + target.string() + ": " + what + ": " + std::strerror(errno);
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(msg);
  };
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("open");
  const TempFileGuard guard(tmp.c_str());  // a second stop signal removes it
  (void)::flock(fd, LOCK_EX | LOCK_NB);    // tells remove_stale_temp_files it is being written
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      fail("write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail("fsync");
  }
  if (::close(fd) != 0) fail("close");
  if (std::rename(tmp.c_str(), target.c_str()) != 0) fail("rename");
}

}  // namespace zccsim::sim
