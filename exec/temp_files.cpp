// SPDX-License-Identifier: MIT
#include "temp_files.hpp"

#include "stop_signal.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zccsim::sim {

namespace {

// The program a process runs ("" when it cannot be read: gone, or another user's).
std::string program_of(const std::string& proc_exe) {
  std::error_code ec;
  std::string exe = std::filesystem::read_symlink(proc_exe, ec).string();
  if (ec) return {};
  constexpr std::string_view deleted = " (deleted)";  // the binary was rebuilt since it started
  if (exe.size() > deleted.size() && exe.ends_with(deleted)) exe.resize(exe.size() - deleted.size());
  return exe;
}

// True when process `pid` cannot be writing the file any more: it is gone,
// or it runs another program than this one (its pid was reused).
bool writer_gone(pid_t pid) {
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
  const std::string theirs = program_of("/proc/" + std::to_string(pid) + "/exe");
  if (theirs.empty()) return false;  // alive, but whose: leave it
  return theirs != program_of("/proc/self/exe");
}

}  // namespace

std::filesystem::path temp_file_name(const std::filesystem::path& target) {
  return target.string() + ".tmp." + std::to_string(static_cast<long>(::getpid()));
}

std::vector<std::filesystem::path> remove_stale_temp_files(const std::filesystem::path& target) noexcept {
  std::vector<std::filesystem::path> removed;
  try {
    const std::filesystem::path dir = target.parent_path().empty() ? "." : target.parent_path();
    const std::string prefix = target.filename().string() + ".tmp.";
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
      long pid = 0;
      const char* first = name.data() + prefix.size();
      const char* last = name.data() + name.size();
      const auto [end_of_number, err] = std::from_chars(first, last, pid);
      if (err != std::errc() || end_of_number != last || *first < '1' || *first > '9') continue;
      if (pid == static_cast<long>(::getpid()) || !writer_gone(static_cast<pid_t>(pid))) continue;
      // nobody may hold a lock on it (a writer on another host of a shared file system)
      const int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
      if (fd < 0) continue;
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(it->path().c_str()) == 0) removed.push_back(it->path());
      ::close(fd);
    }
  } catch (...) {
    // out of memory while listing: nothing removed is harmless
  }
  return removed;
}

FileLock& FileLock::operator=(FileLock&& o) noexcept {
  if (this != &o) {
    release();
    fd_ = o.fd_;
    remove_ = std::move(o.remove_);
    o.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() { release(); }

void FileLock::release() noexcept {
  if (fd_ < 0) return;
  if (!remove_.empty()) ::unlink(remove_.c_str());  // still locked: nobody else holds this file's lock
  ::close(fd_);                                     // closing releases the flock
  fd_ = -1;
}

FileLock lock_for_update(const std::filesystem::path& target, const std::function<void()>& on_wait) {
  const std::filesystem::path lock = target.string() + ".lock";
  bool told = false;
  for (;;) {
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot create the lock file " + lock.string() + ": " + std::strerror(errno));
    FileLock held(fd, {});
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      if (errno != EWOULDBLOCK && errno != EINTR)
        throw std::runtime_error("cannot lock " + lock.string() + ": " + std::strerror(errno));
      if (!told && on_wait) on_wait();
      told = true;
      if (stop_flag().load())
        throw std::runtime_error("interrupted while waiting for the lock on " + target.string() + "; nothing written");
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    // the lock counts only while its file is still the one at that path (the
    // previous holder removes it when done): otherwise lock the new one
    struct stat mine {};
    struct stat there {};
    if (::fstat(fd, &mine) == 0 && ::stat(lock.c_str(), &there) == 0 && mine.st_dev == there.st_dev &&
        mine.st_ino == there.st_ino) {
      held.remove_when_released(lock);
      return held;
    }
  }
}

std::optional<FileIdentity> file_identity(const std::filesystem::path& path) noexcept {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileIdentity{st.st_dev, st.st_ino, st.st_size, st.st_mtim};
}

}  // namespace zccsim::sim
