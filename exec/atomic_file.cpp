// SPDX-License-Identifier: MIT
#include "atomic_file.hpp"

#include "file_io.hpp"
#include "stop_signal.hpp"
#include "temp_files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

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
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) fail("open");
  const TempFileGuard guard(tmp.c_str());      // a second stop signal removes it
  (void)::flock(fd.get(), LOCK_EX | LOCK_NB);  // tells remove_stale_temp_files it is being written
  try {
    write_all(fd.get(), contents.data(), contents.size(), 0);
  } catch (const std::system_error& e) {
    errno = e.code().value();
    fail("write");
  }
  if (::fsync(fd.get()) != 0) fail("fsync");
  if (!fd.close()) fail("close");
  if (std::rename(tmp.c_str(), target.c_str()) != 0) fail("rename");
}

}  // namespace zccsim::sim
