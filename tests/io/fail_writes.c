// SPDX-License-Identifier: MIT
// LD_PRELOAD shim for tests/io/full_disk.sh: a full disk without root or a
// tmpfs. After ZCCSIM_FAIL_AFTER bytes have been written to regular files (0
// by default), write, pwrite, writev, sendfile, copy_file_range, fsync and
// fdatasync fail with ENOSPC ("No space left on device"), the way a full
// file system fails them. Writes to anything but a regular file (a terminal,
// a pipe) pass untouched. Without ZCCSIM_FAIL_AFTER nothing fails and, at
// exit, "fail_writes: N bytes" (the bytes written to regular files) goes to
// stderr: the test measures a command's writes, then fails it at chosen points.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long long budget = -1;  // bytes still allowed; -1 = not read yet
static long long written = 0;  // bytes allowed so far
static const long long unlimited = 1LL << 62;

static long long remaining(void) {
  if (budget < 0) {
    const char* s = getenv("ZCCSIM_FAIL_AFTER");
    budget = s ? atoll(s) : unlimited;
    if (budget < 0) budget = 0;
  }
  return budget;
}

__attribute__((destructor)) static void report(void) {
  if (getenv("ZCCSIM_FAIL_AFTER") == NULL) fprintf(stderr, "fail_writes: %lld bytes\n", written);
}

static int regular(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// How much of `n` bytes to fd may be written: n when fd is not a regular
// file, else what the budget allows (0: fail with ENOSPC).
static size_t allowed(int fd, size_t n) {
  if (!regular(fd) || n == 0) return n;
  const long long left = remaining();
  const size_t k = (long long)n < left ? n : (size_t)left;
  budget = left - (long long)k;
  written += (long long)k;
  return k;
}

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

ssize_t write(int fd, const void* buf, size_t n) {
  const size_t k = allowed(fd, n);
  if (k == 0 && n > 0) return errno = ENOSPC, -1;
  return REAL(write)(fd, buf, k);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t off) {
  const size_t k = allowed(fd, n);
  if (k == 0 && n > 0) return errno = ENOSPC, -1;
  return REAL(pwrite)(fd, buf, k, off);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off_t off) {
  const size_t k = allowed(fd, n);
  if (k == 0 && n > 0) return errno = ENOSPC, -1;
  return REAL(pwrite64)(fd, buf, k, off);
}

ssize_t writev(int fd, const struct iovec* iov, int cnt) {
  size_t n = 0;
  for (int i = 0; i < cnt; ++i) n += iov[i].iov_len;
  if (regular(fd) && n > 0) {  // all or nothing: simpler than a partial vector
    if ((long long)n > remaining()) return budget = 0, errno = ENOSPC, -1;
    budget -= (long long)n;
    written += (long long)n;
  }
  return REAL(writev)(fd, iov, cnt);
}

ssize_t sendfile(int out, int in, off_t* off, size_t n) {
  const size_t k = allowed(out, n);
  if (k == 0 && n > 0) return errno = ENOSPC, -1;
  return REAL(sendfile)(out, in, off, k);
}

ssize_t sendfile64(int out, int in, off_t* off, size_t n) {
  const size_t k = allowed(out, n);
  if (k == 0 && n > 0) return errno = ENOSPC, -1;
  return REAL(sendfile64)(out, in, off, k);
}

ssize_t copy_file_range(int in, off_t* in_off, int out, off_t* out_off, size_t n, unsigned flags) {
  const size_t k = allowed(out, n);
  if (k == 0 && n > 0) return errno = ENOSPC, -1;
  return REAL(copy_file_range)(in, in_off, out, out_off, k, flags);
}

int fsync(int fd) {
  if (regular(fd) && remaining() == 0) return errno = ENOSPC, -1;
  return REAL(fsync)(fd);
}

int fdatasync(int fd) {
  if (regular(fd) && remaining() == 0) return errno = ENOSPC, -1;
  return REAL(fdatasync)(fd);
}
