// SPDX-License-Identifier: MIT
// Temporary files and locks around the outputs (atomic_file.hpp, the results
// file): every output X is written to "X.tmp.<pid>" and renamed over X.
//
//  * A writer holds an exclusive flock on its temporary file while it writes
//    (HDF5 does so itself on the files it creates and opens for writing).
//  * A process killed with SIGKILL (or by a power cut) leaves its temporary
//    file behind. remove_stale_temp_files(X), called before X is written,
//    removes "X.tmp.<pid>" when nobody holds a lock on it and process <pid>
//    is gone or is another program (its pid was reused). A temporary file of
//    a live zccsim, or one somebody holds a lock on, is left alone.
//  * lock_for_update(X) serialises read-modify-rename updates of X (--append)
//    with an exclusive flock on the sidecar "X.lock" (X itself is replaced by
//    the rename, so a lock on it would not outlive the update; and HDF5 locks
//    X when it reads it). A second updater waits. The holder removes X.lock
//    while it still holds the lock, so none is left behind; a waiter that
//    then gets the lock of the removed file sees that it is no longer the
//    file at X.lock and locks the new one, so one updater at a time holds
//    the lock of the file X.lock names.
#pragma once

#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace zccsim::sim {

// "<target>.tmp.<this process's pid>"
std::filesystem::path temp_file_name(const std::filesystem::path& target);

// Removes the stale temporary files of `target` (see above); returns those it
// removed. Never throws (a directory it cannot read has nothing to remove).
std::vector<std::filesystem::path> remove_stale_temp_files(const std::filesystem::path& target) noexcept;

// An exclusive flock held on an open file for the object's lifetime; when it
// names a path, that file is removed (while still locked) when it ends.
class FileLock {
 public:
  FileLock() = default;
  FileLock(int fd, std::filesystem::path remove) noexcept : fd_(fd), remove_(std::move(remove)) {}
  FileLock(FileLock&& o) noexcept : fd_(o.fd_), remove_(std::move(o.remove_)) { o.fd_ = -1; }
  FileLock& operator=(FileLock&& o) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();
  bool held() const noexcept { return fd_ >= 0; }
  void remove_when_released(std::filesystem::path p) noexcept { remove_ = std::move(p); }

 private:
  void release() noexcept;
  int fd_ = -1;
  std::filesystem::path remove_;
};

// Takes the lock "<target>.lock" (created if missing; removed when released). When another process
// holds it, calls on_wait() once and waits; gives up (throwing
// std::runtime_error) if a stop signal arrives meanwhile (stop_signal.hpp).
// Throws std::runtime_error naming the lock file when it cannot be created.
FileLock lock_for_update(const std::filesystem::path& target, const std::function<void()>& on_wait);

// What identifies a file's contents cheaply: device, inode, size, mtime.
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  timespec mtime{};
  bool operator==(const FileIdentity& o) const noexcept {
    return device == o.device && inode == o.inode && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
           mtime.tv_nsec == o.mtime.tv_nsec;
  }
};
// nullopt when the file cannot be stat'ed (missing).
std::optional<FileIdentity> file_identity(const std::filesystem::path& path) noexcept;

}  // namespace zccsim::sim
