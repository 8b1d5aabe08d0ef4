// SPDX-License-Identifier: MIT
#include "results_h5.hpp"

#include "exec/file_io.hpp"

#include <hdf5.h>
#include <openssl/evp.h>

#include <boost/locale/utf.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <limits>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zccsim::models::io {

namespace {

// ---------------------------------------------------------------------------
// HDF5 through its C API: every identifier is owned by one Handle, which
// closes it exactly once and never throws. HDF5 prints nothing (auto printing
// is off in every thread that calls in); a failed call becomes one H5Failure
// whose message is the operating system's error where HDF5 names one
// ("No space left on device"), else HDF5's innermost description.

class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() noexcept = default;
  Handle(hid_t id, Closer closer) noexcept : id_(id), closer_(closer) {}
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), closer_(o.closer_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      close();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      closer_ = o.closer_;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { close(); }

  hid_t get() const noexcept { return id_; }
  operator hid_t() const noexcept { return id_; }  // NOLINT(google-explicit-constructor): passed to the C API
  // Closes once (the handle is empty afterwards, whatever HDF5 says); false
  // when HDF5 reported a failure (e.g. a write of cached data that failed).
  bool close() noexcept {
    if (id_ < 0) return true;
    return closer_(std::exchange(id_, H5I_INVALID_HID)) >= 0;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

struct H5Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Auto printing is per thread in a thread-safe HDF5: switched off at every
// entry. The first call also keeps HDF5 from closing files at exit: a file
// whose close failed (a full disk) is left as it is, where HDF5 1.10's exit
// handler would close it again and crash (the writer has removed it anyway).
void quiet_hdf5() noexcept {
  static const bool no_atexit = [] {
    H5dont_atexit();  // before any other HDF5 call (fails harmlessly after one, e.g. by h5py)
    return true;
  }();
  (void)no_atexit;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

// The failure on HDF5's error stack, as one phrase; clears the stack.
std::string hdf5_error(const std::string& what) {
  struct Walk {
    std::string innermost;
    int os_errno = 0;
  } walk;
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* e, void* data) -> herr_t {
        auto* w = static_cast<Walk*>(data);
        if (e == nullptr || e->desc == nullptr) return 0;
        if (n == 0) w->innermost = e->desc;
        // the file drivers say "..., errno = 28, error message = '...'"
        if (const char* p = std::strstr(e->desc, "errno = "); p != nullptr && w->os_errno == 0)
          w->os_errno = std::atoi(p + 8);
        return 0;
      },
      &walk);
  H5Eclear2(H5E_DEFAULT);
  if (walk.os_errno > 0) return std::strerror(walk.os_errno);
  return what + ": " + (walk.innermost.empty() ? std::string("HDF5 error") : walk.innermost);
}

hid_t must(hid_t id, const std::string& what) {
  if (id < 0) throw H5Failure(hdf5_error(what));
  return id;
}

void must_ok(herr_t rc, const std::string& what) {
  if (rc < 0) throw H5Failure(hdf5_error(what));
}

void must_close(Handle& h, const std::string& what) {
  if (!h.close()) throw H5Failure(hdf5_error(what));
}

Handle make_type(hid_t id, const std::string& what) { return {must(id, what), H5Tclose}; }
Handle make_space(hid_t id, const std::string& what) { return {must(id, what), H5Sclose}; }
Handle make_plist(hid_t id, const std::string& what) { return {must(id, what), H5Pclose}; }
Handle make_group_handle(hid_t id, const std::string& what) { return {must(id, what), H5Gclose}; }
Handle make_dataset(hid_t id, const std::string& what) { return {must(id, what), H5Dclose}; }
Handle make_attr(hid_t id, const std::string& what) { return {must(id, what), H5Aclose}; }

bool link_exists(hid_t loc, const char* name) {
  const htri_t r = H5Lexists(loc, name, H5P_DEFAULT);
  must_ok(r < 0 ? -1 : 0, std::string("looking up ") + name);
  return r > 0;
}

bool attr_exists(hid_t obj, const char* name) {
  const htri_t r = H5Aexists(obj, name);
  must_ok(r < 0 ? -1 : 0, std::string("looking up attribute ") + name);
  return r > 0;
}

// ---------------------------------------------------------------------------
// The user block: the first 512 bytes of a file of format zccsim-results-2
// (HDF5 starts after it). Text: the format line, "sha256 " and the SHA-256 of
// every byte after the block as 64 lowercase hex digits, a newline; NUL bytes
// up to 512.

constexpr std::size_t user_block_size = 512;
constexpr std::string_view hdf5_signature = "\x89HDF\r\n\x1a\n";
constexpr std::string_view digest_prefix = "sha256 ";

std::string to_hex(const unsigned char* data, std::size_t n) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += hex[data[i] >> 4];
    out += hex[data[i] & 0x0f];
  }
  return out;
}

using sim::Fd;
using sim::os_failure;
using sim::read_up_to;
using sim::write_all;

// SHA-256 (hex) of bytes [from, end) of the open file; `size` the file's size.
// Errors: std::system_error of the read.
std::string sha256_of_file(int fd, std::uint64_t from, std::uint64_t size) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  std::vector<char> buf(std::size_t{1} << 20);
  for (std::uint64_t at = from; at < size;) {
    const std::size_t n =
        read_up_to(fd, buf.data(), static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), size - at)), at);
    if (n == 0) throw std::runtime_error("the file shrank while it was read");
    if (EVP_DigestUpdate(ctx.get(), buf.data(), n) != 1) throw std::runtime_error("SHA-256 failed (OpenSSL)");
    at += n;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &len) != 1 || len != 32)
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  return to_hex(digest.data(), len);
}

// Copies `from` to a new file `to` (its permissions too). Errors:
// std::system_error with the reason (std::filesystem::copy_file reports a
// failed write as EIO, hiding "No space left on device").
void copy_file(const std::string& from, const std::string& to) {
  Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) os_failure("open");
  struct stat st {};
  if (::fstat(in.get(), &st) != 0) os_failure("stat");
  Fd out(::open(to.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, st.st_mode & 0777));
  if (out.get() < 0) os_failure("create");
  std::vector<char> buf(std::size_t{1} << 20);
  for (std::uint64_t at = 0;;) {
    const std::size_t n = read_up_to(in.get(), buf.data(), buf.size(), at);
    if (n == 0) break;
    write_all(out.get(), buf.data(), n, at);
    at += n;
  }
  if (!out.close()) os_failure("close");
}

// Writes the user block of the closed HDF5 file `tmp` (whose first 512 bytes
// HDF5 left free) and syncs it. Errors: std::system_error.
void seal(const std::string& tmp) {
  Fd fd(::open(tmp.c_str(), O_RDWR | O_CLOEXEC));
  if (fd.get() < 0) os_failure("open");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) os_failure("stat");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  std::string block = std::string(results_format) + "\n" + std::string(digest_prefix) +
                      sha256_of_file(fd.get(), user_block_size, size) + "\n";
  block.resize(user_block_size, '\0');
  write_all(fd.get(), block.data(), block.size(), 0);
  if (::fsync(fd.get()) != 0) os_failure("fsync");
  if (!fd.close()) os_failure("close");
}

struct Corrupt : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Checks the user block and the digest of the file at `path` with plain file
// I/O, before HDF5 sees it. Returns the file's size. Throws Corrupt, or
// std::system_error when the file cannot be read.
std::uint64_t verify_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) os_failure("open");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) os_failure("stat");
  if (S_ISDIR(st.st_mode)) throw Corrupt("it is a directory, not a results file");
  if (!S_ISREG(st.st_mode)) throw Corrupt("not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0) throw Corrupt("empty file, not a results file");
  std::string block(user_block_size, '\0');
  block.resize(read_up_to(fd.get(), block.data(), block.size(), 0));
  const std::string_view b = block;
  if (b.substr(0, hdf5_signature.size()) == hdf5_signature)
    throw Corrupt("a results file of format zccsim-results-1, written before results files carried a checksum "
                  "(zccsim 0.3.0 and older): it cannot be checked, so it is not read; run it again with this zccsim");
  const std::string format_line = std::string(results_format) + "\n";
  if (b.substr(0, format_line.size()) != format_line) {
    if (b.substr(0, 15) == "zccsim-results-")
      throw Corrupt("unsupported results format '" + std::string(b.substr(0, b.find('\n'))).substr(0, 40) +
                    "' (this zccsim reads " + results_format + ")");
    throw Corrupt("not a zccsim results file (no " + std::string(results_format) + " header)");
  }
  if (size < user_block_size + hdf5_signature.size()) throw Corrupt("corrupt results file (truncated)");
  // "sha256 <64 hex>\n", then NUL bytes only
  const std::string_view rest = b.substr(format_line.size());
  const std::size_t hex_end = digest_prefix.size() + 64;
  bool well_formed = rest.size() > hex_end && rest.substr(0, digest_prefix.size()) == digest_prefix &&
                     rest[hex_end] == '\n';
  for (std::size_t i = digest_prefix.size(); well_formed && i < hex_end; ++i)
    well_formed = (rest[i] >= '0' && rest[i] <= '9') || (rest[i] >= 'a' && rest[i] <= 'f');
  for (std::size_t i = hex_end + 1; well_formed && i < rest.size(); ++i) well_formed = rest[i] == '\0';
  if (!well_formed) throw Corrupt("corrupt results file (damaged header block)");
  if (sha256_of_file(fd.get(), user_block_size, size) != rest.substr(digest_prefix.size(), 64))
    throw Corrupt("corrupt results file (checksum mismatch)");
  return size;
}

// ---------------------------------------------------------------------------
// Strings: no NUL (HDF5's strings end at one) and valid UTF-8 (they are stored
// as UTF-8 text; h5py and the report decode them).

// The offset of the first byte that is not part of valid UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or npos.
std::size_t invalid_utf8_at(std::string_view s) {
  using traits = boost::locale::utf::utf_traits<char>;
  const char* p = s.data();
  const char* const end = s.data() + s.size();
  while (p != end) {
    const char* start = p;
    const boost::locale::utf::code_point c = traits::decode(p, end);
    if (c == boost::locale::utf::illegal || c == boost::locale::utf::incomplete)
      return static_cast<std::size_t>(start - s.data());
  }
  return std::string_view::npos;
}

void check_string(const std::string& s, const std::string& what) {
  if (s.find('\0') != std::string::npos)
    throw std::invalid_argument("results file: " + what + " contains a NUL character");
  if (const std::size_t at = invalid_utf8_at(s); at != std::string_view::npos) {
    const std::size_t line_start = s.rfind('\n', at == 0 ? 0 : at - 1);
    const std::size_t line = 1 +
                             static_cast<std::size_t>(std::count(s.begin(), s.begin() + static_cast<long>(at), '\n'));
    const std::size_t column = at - (line_start == std::string::npos || at == 0 ? 0 : line_start + 1) + 1;
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02x", static_cast<unsigned>(static_cast<unsigned char>(s[at])));
    throw std::invalid_argument("results file: " + what + " is not valid UTF-8 (line " + std::to_string(line) +
                                ", column " + std::to_string(column) + ": byte " + byte +
                                "); results files hold UTF-8 text: save the input as UTF-8");
  }
}

void check_strings(const std::vector<std::string>& v, const char* what) {
  for (const auto& s : v) check_string(s, what);
}
// ---------------------------------------------------------------------------
// Validation, before any file is touched.

std::string group_name(const std::string& resource) {
  std::string out;
  for (char c : resource) {
    if (c == '/') out += "__";
    else out += c;
  }
  return out;
}

// Everything but the hourly series and the event log.
void validate_header(const Results& f) {
  check_string(f.model, "model");
  check_string(f.scenario_text, "the scenario text" + (f.scenario_path.empty() ? "" : " of " + f.scenario_path));
  check_string(f.scenario_path, "scenario path");
  check_string(f.version, "version");
  check_string(f.model_version, "model version");
  check_string(f.kpi_table_sha256, "KPI table hash");
  check_string(f.experiment_text, "experiment text");
  check_string(f.shard, "shard");
  check_strings(f.kpi_names, "a KPI name");
  check_strings(f.point_labels, "a point label");
  check_strings(f.point_settings, "point settings");
  check_strings(f.point_scenarios, "a point's scenario");
  if (!f.point_scenarios.empty() && f.point_scenarios.size() != std::max<std::size_t>(f.point_labels.size(), 1))
    throw std::invalid_argument("results file: " + std::to_string(f.point_scenarios.size()) + " point scenarios for " +
                                std::to_string(f.point_labels.size()) + " points");
  if (f.point.size() != f.rows())
    throw std::invalid_argument("results file: " + std::to_string(f.rows()) + " rows but " +
                                std::to_string(f.point.size()) + " point indexes");
  if (f.values.size() != f.rows() * f.kpi_names.size())
    throw std::invalid_argument("results file: " + std::to_string(f.values.size()) + " KPI values for " +
                                std::to_string(f.rows()) + " rows of " + std::to_string(f.kpi_names.size()) +
                                " KPI names");
  if (!f.conservation.empty() && f.conservation.size() != f.rows())
    throw std::invalid_argument("results file: " + std::to_string(f.rows()) + " rows but " +
                                std::to_string(f.conservation.size()) + " conservation rows");
}

// The hourly series, the event log and its name tables.
void validate_details(const Results& f) {
  check_strings(f.detail.log_event_names, "an event name");
  check_strings(f.detail.response_names, "a response name");
  check_strings(f.detail.area_names, "an area name");
  check_strings(f.detail.site_names, "a site name");
  std::set<std::string> seen;
  for (const auto& h : f.detail.hourly) {
    check_string(h.resource, "a resource name");
    check_string(h.kind, "a resource kind");
    const std::string name = group_name(h.resource);
    if (name.empty() || name == "." || name == "..")
      throw std::invalid_argument("results file: invalid hourly resource name '" + h.resource + "'");
    if (!seen.insert(name).second)
      throw std::invalid_argument("results file: hourly resource name '" + h.resource +
                                  "' clashes with another (group " + name + ")");
    if (h.on_duty.size() != h.busy.size() || h.queue.size() != h.busy.size())
      throw std::invalid_argument("results file: hourly series of " + h.resource + " have unequal lengths");
  }
  if (f.detail.hourly.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("results file: too many hourly series");
}

// ---------------------------------------------------------------------------
// Writing.

Handle vlen_string() {
  Handle t = make_type(H5Tcopy(H5T_C_S1), "string type");
  must_ok(H5Tset_size(t, H5T_VARIABLE), "string type");
  must_ok(H5Tset_cset(t, H5T_CSET_UTF8), "string type");
  return t;
}

Handle scalar_space() { return make_space(H5Screate(H5S_SCALAR), "dataspace"); }

Handle simple_space(const std::vector<hsize_t>& dims, const std::vector<hsize_t>* maxdims = nullptr) {
  return make_space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), maxdims ? maxdims->data() : nullptr),
                    "dataspace");
}

// Dataset creation properties without modification times, so the same
// content gives the same bytes.
Handle dataset_plist() {
  Handle p = make_plist(H5Pcreate(H5P_DATASET_CREATE), "dataset properties");
  must_ok(H5Pset_obj_track_times(p, false), "dataset properties");
  return p;
}

void write_string_attr(hid_t obj, const char* name, const std::string& value) {
  const Handle t = vlen_string();
  const Handle s = scalar_space();
  const Handle a = make_attr(H5Acreate2(obj, name, t, s, H5P_DEFAULT, H5P_DEFAULT), std::string("attribute ") + name);
  const char* p = value.c_str();
  must_ok(H5Awrite(a, t, static_cast<const void*>(&p)), std::string("attribute ") + name);
}

void write_scalar_attr(hid_t obj, const char* name, hid_t file_type, hid_t mem_type, const void* value) {
  const Handle s = scalar_space();
  const Handle a =
      make_attr(H5Acreate2(obj, name, file_type, s, H5P_DEFAULT, H5P_DEFAULT), std::string("attribute ") + name);
  must_ok(H5Awrite(a, mem_type, value), std::string("attribute ") + name);
}

Handle make_group(hid_t parent, const char* name, bool track_order = false) {
  const Handle gcpl = make_plist(H5Pcreate(H5P_GROUP_CREATE), "group properties");
  must_ok(H5Pset_obj_track_times(gcpl, false), "group properties");
  if (track_order)
    must_ok(H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "group properties");
  return make_group_handle(H5Gcreate2(parent, name, H5P_DEFAULT, gcpl, H5P_DEFAULT), std::string("group ") + name);
}

void write_string_scalar(hid_t g, const char* name, const std::string& value) {
  const Handle t = vlen_string();
  const Handle s = scalar_space();
  const Handle p = dataset_plist();
  const Handle ds = make_dataset(H5Dcreate2(g, name, t, s, H5P_DEFAULT, p, H5P_DEFAULT), name);
  const char* c = value.c_str();
  must_ok(H5Dwrite(ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, static_cast<const void*>(&c)), name);
}

void write_string_list(hid_t g, const char* name, const std::vector<std::string>& values) {
  const Handle t = vlen_string();
  const Handle s = simple_space({values.size()});
  const Handle p = dataset_plist();
  const Handle ds = make_dataset(H5Dcreate2(g, name, t, s, H5P_DEFAULT, p, H5P_DEFAULT), name);
  if (values.empty()) return;
  std::vector<const char*> c;
  c.reserve(values.size());
  for (const auto& v : values) c.push_back(v.c_str());
  must_ok(H5Dwrite(ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.data()), name);
}

// Chunked and compressed when there is anything to chunk; `unlimited_rows`
// lets a later --append extend dimension 0.
Handle create_dataset(hid_t g, const char* name, hid_t file_type, std::vector<hsize_t> dims, std::size_t element_size,
                      bool unlimited_rows) {
  const Handle p = dataset_plist();
  std::vector<hsize_t> maxdims = dims;
  hsize_t row_elems = 1;
  for (std::size_t i = 1; i < dims.size(); ++i) row_elems *= dims[i];
  if (row_elems > 0 && (unlimited_rows || dims[0] > 0)) {
    // About 64 KiB per chunk, at least one row, at most the rows there are.
    constexpr hsize_t target_bytes = hsize_t{64} * 1024;
    const hsize_t rows = std::max<hsize_t>(1, target_bytes / (row_elems * element_size));
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::min(rows, std::max<hsize_t>(dims[0], 1));
    if (unlimited_rows) maxdims[0] = H5S_UNLIMITED;
    must_ok(H5Pset_chunk(p, static_cast<int>(chunk.size()), chunk.data()), name);
    must_ok(H5Pset_shuffle(p), name);
    must_ok(H5Pset_deflate(p, 4), name);
  }
  const Handle space = simple_space(dims, &maxdims);
  return make_dataset(H5Dcreate2(g, name, file_type, space, H5P_DEFAULT, p, H5P_DEFAULT), name);
}

Handle log_type(bool file) {
  Handle t = make_type(H5Tcreate(H5T_COMPOUND, file ? std::size_t{16} : sizeof(LogRecord)), "event type");
  const auto member = [&](const char* name, std::size_t file_offset, std::size_t mem_offset, hid_t file_type,
                          hid_t mem_type) {
    must_ok(H5Tinsert(t, name, file ? file_offset : mem_offset, file ? file_type : mem_type), "event type");
  };
  member("time", 0, offsetof(LogRecord, time), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
  member("patient", 8, offsetof(LogRecord, patient), H5T_STD_U32LE, H5T_NATIVE_UINT32);
  member("event", 12, offsetof(LogRecord, event), H5T_STD_U8LE, H5T_NATIVE_UINT8);
  member("detail", 13, offsetof(LogRecord, detail), H5T_STD_U8LE, H5T_NATIVE_UINT8);
  member("place", 14, offsetof(LogRecord, place), H5T_STD_U16LE, H5T_NATIVE_UINT16);
  return t;
}

// An empty table of rows, extendable: chunks of about 64 KiB, gzip + shuffle.
// `cols` = 0 for a 1-D dataset.
Handle create_rows_dataset(hid_t g, const char* name, hid_t file_type, hsize_t cols, std::size_t element_size) {
  constexpr hsize_t target_bytes = hsize_t{64} * 1024;
  const hsize_t row_bytes = std::max<hsize_t>(cols, 1) * element_size;
  const hsize_t chunk_rows = std::max<hsize_t>(1, target_bytes / row_bytes);
  const Handle p = dataset_plist();
  std::vector<hsize_t> dims{0}, maxdims{H5S_UNLIMITED}, chunk{chunk_rows};
  if (cols > 0) {
    dims.push_back(cols);
    maxdims.push_back(cols);
    chunk.push_back(cols);
  }
  must_ok(H5Pset_chunk(p, static_cast<int>(chunk.size()), chunk.data()), name);
  must_ok(H5Pset_shuffle(p), name);
  must_ok(H5Pset_deflate(p, 4), name);
  const Handle space = simple_space(dims, &maxdims);
  return make_dataset(H5Dcreate2(g, name, file_type, space, H5P_DEFAULT, p, H5P_DEFAULT), name);
}

// The root attributes, /scenario, /kpis/names, /points and /experiment.
// `complete` stays 0 until the writer finishes.
void write_header(hid_t file, const Results& f) {
  write_string_attr(file, "format", results_format);
  write_string_attr(file, "model", f.model);
  write_string_attr(file, "version", f.version);
  write_string_attr(file, "model_version", f.model_version);
  write_string_attr(file, "kpi_table_sha256", f.kpi_table_sha256);
  write_scalar_attr(file, "seed", H5T_STD_U64LE, H5T_NATIVE_UINT64, &f.seed);
  write_string_attr(file, "scenario_sha256", sha256_hex(f.scenario_text));
  const std::int32_t incomplete = 0;
  write_scalar_attr(file, "complete", H5T_STD_I32LE, H5T_NATIVE_INT32, &incomplete);
  write_string_attr(file, "shard", f.shard);
  {
    const Handle g = make_group(file, "scenario");
    write_string_scalar(g, "text", f.scenario_text);
    write_string_scalar(g, "path", f.scenario_path);
  }
  {
    const Handle g = make_group(file, "kpis");
    write_string_list(g, "names", f.kpi_names);
  }
  {
    const Handle g = make_group(file, "points");
    std::vector<std::string> labels = f.point_labels, settings = f.point_settings;
    if (labels.empty()) labels.emplace_back("run");
    settings.resize(labels.size(), "{}");
    write_string_list(g, "labels", labels);
    write_string_list(g, "settings", settings);
    if (!f.point_scenarios.empty()) write_string_list(g, "scenarios", f.point_scenarios);
    const Handle e = make_group(file, "experiment");
    write_string_scalar(e, "text", f.experiment_text);
  }
}

// /hourly, /events (when there is a log) and /events_meta.
void write_details_h5(hid_t file, const Results& f) {
  {
    const Handle g = make_group(file, "hourly", true);
    write_scalar_attr(g, "replication", H5T_STD_U64LE, H5T_NATIVE_UINT64, &f.detail_replication);
    for (std::size_t i = 0; i < f.detail.hourly.size(); ++i) {
      const HourlySeries& h = f.detail.hourly[i];
      const Handle r = make_group(g, group_name(h.resource).c_str());
      write_string_attr(r, "resource", h.resource);
      write_string_attr(r, "kind", h.kind);
      const auto index = static_cast<std::uint32_t>(i);
      write_scalar_attr(r, "index", H5T_STD_U32LE, H5T_NATIVE_UINT32, &index);
      const std::pair<const char*, const std::vector<float>*> series[] = {
          {"busy", &h.busy}, {"on_duty", &h.on_duty}, {"queue", &h.queue}};
      for (const auto& [name, v] : series) {
        const Handle ds = create_dataset(r, name, H5T_IEEE_F32LE, {v->size()}, sizeof(float), false);
        if (!v->empty()) must_ok(H5Dwrite(ds, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, v->data()), name);
      }
    }
  }
  if (!f.detail.event_log.empty()) {
    const Handle file_type = log_type(true), mem_type = log_type(false);
    const Handle ds = create_dataset(file, "events", file_type, {f.detail.event_log.size()}, 16, true);
    must_ok(H5Dwrite(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, f.detail.event_log.data()), "events");
  }
  {
    const Handle g = make_group(file, "events_meta");
    write_string_list(g, "event_names", f.detail.log_event_names);
    write_string_list(g, "response_names", f.detail.response_names);
    write_string_list(g, "area_names", f.detail.area_names);
    write_string_list(g, "site_names", f.detail.site_names);
  }
}

std::vector<hsize_t> dims_of_space(hid_t space, std::vector<hsize_t>* maxdims = nullptr) {
  const int rank = H5Sget_simple_extent_ndims(space);
  must_ok(rank < 0 ? -1 : 0, "dataspace");
  std::vector<hsize_t> d(static_cast<std::size_t>(rank));
  if (maxdims) maxdims->assign(d.size(), 0);
  if (rank > 0) must_ok(H5Sget_simple_extent_dims(space, d.data(), maxdims ? maxdims->data() : nullptr), "dataspace");
  return d;
}

bool extendable_rows(hid_t ds) {
  const Handle sp = make_space(H5Dget_space(ds), "dataspace");
  std::vector<hsize_t> maxdims;
  const std::vector<hsize_t> dims = dims_of_space(sp, &maxdims);
  return !dims.empty() && maxdims[0] == H5S_UNLIMITED;
}

// ---------------------------------------------------------------------------
// Reading, as untrusted input (even behind the checksum): ranks, dimensions,
// types, element counts and string lengths are checked before anything is
// read, and what is read must be consistent.

[[noreturn]] void bad_file(const std::string& what) { throw Corrupt(what); }

// Limits: one string (a national scenario's text is about 1 MB), entries of a
// string list, hourly series. Arrays are bounded by the file's size: gzip
// packs at most about 1032 bytes into one, so a dataset may not claim more
// than 1100 times the file's size (or 1 MiB).
constexpr std::uint64_t max_string_bytes = std::uint64_t{64} << 20;
constexpr std::uint64_t max_list_entries = std::uint64_t{1} << 24;
constexpr std::uint64_t max_hourly_series = std::uint64_t{1} << 20;

class Reader {
 public:
  explicit Reader(std::uint64_t file_size) : budget_(std::max<std::uint64_t>(file_size, 1 << 20) * 1100) {}

  // Throws unless `n` elements of `size` bytes fit the budget.
  void check_bytes(std::uint64_t n, std::uint64_t size, const std::string& what) const {
    if (size != 0 && n > budget_ / size)
      bad_file(what + " claims " + std::to_string(n) + " elements, more than the file can hold");
  }

  static Handle open_dataset(hid_t g, const char* name, const std::string& what) {
    if (!link_exists(g, name)) bad_file(what + " is missing");
    return make_dataset(H5Dopen2(g, name, H5P_DEFAULT), what);
  }
  static Handle open_group(hid_t g, const char* name) {
    if (!link_exists(g, name)) bad_file(std::string("group ") + name + " is missing");
    return make_group_handle(H5Gopen2(g, name, H5P_DEFAULT), std::string("group ") + name);
  }

  // The dimensions of a simple dataspace of rank `rank`.
  static std::vector<hsize_t> dims_of(hid_t ds, std::size_t rank, const std::string& what) {
    const Handle sp = make_space(H5Dget_space(ds), what);
    if (H5Sget_simple_extent_type(sp) != H5S_SIMPLE) bad_file(what + " is not an array");
    std::vector<hsize_t> d = dims_of_space(sp);
    if (d.size() != rank) bad_file(what + " is not " + std::to_string(rank) + "-D");
    return d;
  }

  // A variable-length string type of the object's type, for reading.
  static Handle string_mem_type(hid_t file_type, const std::string& what) {
    if (H5Tget_class(file_type) != H5T_STRING) bad_file(what + " is not a string");
    if (H5Tis_variable_str(file_type) <= 0) bad_file(what + " is not a variable-length string");
    Handle t = vlen_string();
    const H5T_cset_t cset = H5Tget_cset(file_type);
    if (cset != H5T_CSET_UTF8 && cset != H5T_CSET_ASCII) bad_file(what + " has an unknown character set");
    must_ok(H5Tset_cset(t, cset), what);
    return t;
  }

  static std::string checked_string(const char* p, const std::string& what) {
    if (p == nullptr) return {};
    const std::size_t n = ::strnlen(p, max_string_bytes + 1);
    if (n > max_string_bytes) bad_file(what + " is longer than " + std::to_string(max_string_bytes) + " bytes");
    std::string s(p, n);
    if (const std::size_t at = invalid_utf8_at(s); at != std::string_view::npos)
      bad_file(what + " is not valid UTF-8 (byte " + std::to_string(at) + ")");
    return s;
  }

  static std::string string_attr(hid_t obj, const char* name) {
    const std::string what = std::string("attribute ") + name;
    if (!attr_exists(obj, name)) bad_file(what + " is missing");
    const Handle a = make_attr(H5Aopen(obj, name, H5P_DEFAULT), what);
    const Handle file_type = make_type(H5Aget_type(a), name);
    const Handle t = string_mem_type(file_type, what);
    const Handle sp = make_space(H5Aget_space(a), what);
    if (H5Sget_simple_extent_type(sp) != H5S_SCALAR) bad_file(what + " is not a scalar");
    char* p = nullptr;
    must_ok(H5Aread(a, t, static_cast<void*>(&p)), what);
    const std::unique_ptr<char, void (*)(char*)> owned(p, [](char* q) { H5free_memory(q); });
    return checked_string(p, what);
  }

  // An integer attribute, read as T.
  template <class T>
  static T scalar_attr(hid_t obj, const char* name, hid_t mem_type) {
    const std::string what = std::string("attribute ") + name;
    if (!attr_exists(obj, name)) bad_file(what + " is missing");
    const Handle a = make_attr(H5Aopen(obj, name, H5P_DEFAULT), what);
    const Handle file_type = make_type(H5Aget_type(a), name);
    if (H5Tget_class(file_type) != H5T_INTEGER) bad_file(what + " is not an integer");
    const Handle sp = make_space(H5Aget_space(a), what);
    if (H5Sget_simple_extent_npoints(sp) != 1) bad_file(what + " is not a scalar");
    T v{};
    must_ok(H5Aread(a, mem_type, &v), what);
    return v;
  }

  // The total bytes of a dataset's variable-length strings, checked.
  void check_vlen_size(hid_t ds, hid_t t, hid_t space, std::uint64_t limit, const std::string& what) const {
    hsize_t bytes = 0;
    must_ok(H5Dvlen_get_buf_size(ds, t, space, &bytes), what);
    if (bytes > limit) bad_file(what + " holds " + std::to_string(bytes) + " bytes of text, more than allowed");
    check_bytes(bytes, 1, what);
  }

  std::string string_scalar(hid_t g, const char* name, const std::string& what) const {
    const Handle ds = open_dataset(g, name, what);
    const Handle file_type = make_type(H5Dget_type(ds), what);
    const Handle t = string_mem_type(file_type, what);
    const Handle sp = make_space(H5Dget_space(ds), what);
    if (H5Sget_simple_extent_type(sp) != H5S_SCALAR) bad_file(what + " is not a scalar");
    // (H5Dvlen_get_buf_size of HDF5 1.10 fails on a scalar dataspace: the one
    // string is stored whole in the file, whose size is bounded; its length is
    // checked after reading)
    char* p = nullptr;
    must_ok(H5Dread(ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, static_cast<void*>(&p)), what);
    const std::unique_ptr<char, void (*)(char*)> owned(p, [](char* q) { H5free_memory(q); });
    return checked_string(p, what);
  }

  std::vector<std::string> string_list(hid_t g, const char* name, const std::string& what) const {
    const Handle ds = open_dataset(g, name, what);
    const Handle file_type = make_type(H5Dget_type(ds), what);
    const Handle t = string_mem_type(file_type, what);
    const hsize_t n = dims_of(ds, 1, what)[0];
    if (n > max_list_entries) bad_file(what + " has " + std::to_string(n) + " entries, more than allowed");
    check_bytes(n, sizeof(char*), what);
    std::vector<std::string> out;
    if (n == 0) return out;
    const Handle sp = make_space(H5Dget_space(ds), what);
    check_vlen_size(ds, t, sp, max_string_bytes * 4, what);
    std::vector<char*> p(n, nullptr);
    must_ok(H5Dread(ds, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data()), what);
    struct Reclaim {
      hid_t t, sp;
      std::vector<char*>& p;
      ~Reclaim() {
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(t, sp, H5P_DEFAULT, p.data());
#else
        H5Dvlen_reclaim(t, sp, H5P_DEFAULT, p.data());
#endif
      }
    } reclaim{t, sp, p};
    out.reserve(n);
    for (const char* s : p) out.push_back(checked_string(s, what));
    return out;
  }

  // A 1-D (cols = 0) or rows x cols dataset of numbers of `type_class`, read as `mem_type`.
  template <class T>
  std::vector<T> numbers(hid_t ds, H5T_class_t type_class, hid_t mem_type, std::size_t rank, const std::string& what,
                         std::vector<hsize_t>* dims = nullptr) const {
    const Handle file_type = make_type(H5Dget_type(ds), what);
    if (H5Tget_class(file_type) != type_class)
      bad_file(what + (type_class == H5T_FLOAT ? " is not floating point" : " is not of integers"));
    const std::vector<hsize_t> d = dims_of(ds, rank, what);
    std::uint64_t n = 1;
    for (const hsize_t x : d) {
      if (x != 0 && n > std::numeric_limits<std::uint64_t>::max() / x) bad_file(what + " is too large");
      n *= x;
    }
    check_bytes(n, sizeof(T), what);
    std::vector<T> v(n);
    if (n > 0) must_ok(H5Dread(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), what);
    if (dims) *dims = d;
    return v;
  }

  std::vector<LogRecord> events(hid_t ds) const {
    const Handle file_type = make_type(H5Dget_type(ds), "events");
    if (H5Tget_class(file_type) != H5T_COMPOUND) bad_file("events is not a compound dataset");
    const hsize_t n = dims_of(ds, 1, "events")[0];
    check_bytes(n, sizeof(LogRecord), "events");
    std::vector<LogRecord> v(n);
    const Handle mem_type = log_type(false);
    if (n > 0) must_ok(H5Dread(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()), "events");
    return v;
  }

 private:
  std::uint64_t budget_;
};

void check_unique(const std::vector<std::string>& names, const std::string& what) {
  std::set<std::string_view> seen;
  for (const auto& n : names)
    if (!seen.insert(n).second) bad_file(what + " holds '" + n + "' twice");
}

Results read_h5(const std::string& path, std::uint64_t file_size) {
  const Reader in(file_size);
  Results f;
  const Handle file{must(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open"), H5Fclose};
  const std::string format = Reader::string_attr(file, "format");
  if (format != results_format) bad_file("unsupported format '" + format + "' (expected " + results_format + ")");
  f.model = Reader::string_attr(file, "model");
  f.version = Reader::string_attr(file, "version");
  f.model_version = Reader::string_attr(file, "model_version");
  f.kpi_table_sha256 = Reader::string_attr(file, "kpi_table_sha256");
  f.seed = Reader::scalar_attr<std::uint64_t>(file, "seed", H5T_NATIVE_UINT64);
  f.complete = Reader::scalar_attr<std::int32_t>(file, "complete", H5T_NATIVE_INT32) != 0;
  f.shard = Reader::string_attr(file, "shard");
  const std::string sha = Reader::string_attr(file, "scenario_sha256");
  {
    const Handle g = Reader::open_group(file, "scenario");
    f.scenario_text = in.string_scalar(g, "text", "scenario/text");
    f.scenario_path = in.string_scalar(g, "path", "scenario/path");
  }
  if (sha != sha256_hex(f.scenario_text)) bad_file("scenario_sha256 does not match /scenario/text");
  {
    const Handle g = Reader::open_group(file, "kpis");
    f.kpi_names = in.string_list(g, "names", "kpis/names");
    check_unique(f.kpi_names, "kpis/names");
    std::vector<hsize_t> d;
    {
      const Handle values = Reader::open_dataset(g, "values", "kpis/values");
      f.values = in.numbers<double>(values, H5T_FLOAT, H5T_NATIVE_DOUBLE, 2, "kpis/values", &d);
    }
    if (d[1] != f.kpi_names.size()) bad_file("kpis/values has not one column per KPI name");
    const Handle replication = Reader::open_dataset(g, "replication", "kpis/replication");
    f.replication = in.numbers<std::uint64_t>(replication, H5T_INTEGER, H5T_NATIVE_UINT64, 1, "kpis/replication");
    if (f.replication.size() != d[0]) bad_file("kpis/replication has not one entry per row");
    const Handle point = Reader::open_dataset(g, "point", "kpis/point");
    f.point = in.numbers<std::uint32_t>(point, H5T_INTEGER, H5T_NATIVE_UINT32, 1, "kpis/point");
    if (f.point.size() != d[0]) bad_file("kpis/point has not one entry per row");
    const Handle c = Reader::open_dataset(g, "conservation", "kpis/conservation");
    std::vector<hsize_t> cd;
    const std::vector<std::uint64_t> counts =
        in.numbers<std::uint64_t>(c, H5T_INTEGER, H5T_NATIVE_UINT64, 2, "kpis/conservation", &cd);
    if (cd[0] != d[0] || cd[1] != 3) bad_file("kpis/conservation is not rows x 3");
    f.conservation.resize(cd[0]);
    for (std::size_t r = 0; r < cd[0]; ++r) f.conservation[r] = {counts[3 * r], counts[3 * r + 1], counts[3 * r + 2]};
  }
  {
    const Handle g = Reader::open_group(file, "points");
    f.point_labels = in.string_list(g, "labels", "points/labels");
    f.point_settings = in.string_list(g, "settings", "points/settings");
    if (link_exists(g, "scenarios")) f.point_scenarios = in.string_list(g, "scenarios", "points/scenarios");
    if (f.point_labels.empty()) bad_file("points/labels is empty");
    if (f.point_settings.size() != f.point_labels.size()) bad_file("points/settings has not one entry per point");
    if (!f.point_scenarios.empty() && f.point_scenarios.size() != f.point_labels.size())
      bad_file("points/scenarios has not one entry per point");
    for (std::size_t r = 0; r < f.point.size(); ++r)
      if (f.point[r] >= f.point_labels.size())
        bad_file("kpis/point: row " + std::to_string(r) + " has point " + std::to_string(f.point[r]) + " of " +
                 std::to_string(f.point_labels.size()));
    const Handle e = Reader::open_group(file, "experiment");
    f.experiment_text = in.string_scalar(e, "text", "experiment/text");
  }
  {
    const Handle g = Reader::open_group(file, "hourly");
    f.detail_replication = Reader::scalar_attr<std::uint64_t>(g, "replication", H5T_NATIVE_UINT64);
    H5G_info_t info{};
    must_ok(H5Gget_info(g, &info), "hourly");
    const hsize_t n = info.nlinks;
    if (n > max_hourly_series) bad_file("hourly holds " + std::to_string(n) + " series, more than allowed");
    std::vector<std::pair<std::uint32_t, HourlySeries>> series;
    for (hsize_t i = 0; i < n; ++i) {
      const ssize_t len = H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
      must_ok(len < 0 ? -1 : 0, "hourly");
      if (static_cast<std::uint64_t>(len) > 4096) bad_file("hourly: a group name is too long");
      std::string name(static_cast<std::size_t>(len) + 1, '\0');
      must_ok(
          H5Lget_name_by_idx(g, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT) < 0 ? -1 : 0,
          "hourly");
      name.resize(static_cast<std::size_t>(len));
      const std::string where = "hourly/" + Reader::checked_string(name.c_str(), "an hourly group name");
      const Handle r = Reader::open_group(g, name.c_str());
      HourlySeries h;
      h.resource = Reader::string_attr(r, "resource");
      h.kind = Reader::string_attr(r, "kind");
      const auto index = Reader::scalar_attr<std::uint32_t>(r, "index", H5T_NATIVE_UINT32);
      const std::pair<const char*, std::vector<float>*> columns[] = {
          {"busy", &h.busy}, {"on_duty", &h.on_duty}, {"queue", &h.queue}};
      for (const auto& [column, v] : columns) {
        const Handle ds = Reader::open_dataset(r, column, where + "/" + column);
        *v = in.numbers<float>(ds, H5T_FLOAT, H5T_NATIVE_FLOAT, 1, where + "/" + column);
      }
      if (h.on_duty.size() != h.busy.size() || h.queue.size() != h.busy.size())
        bad_file(where + ": series of unequal lengths");
      series.emplace_back(index, std::move(h));
    }
    std::sort(series.begin(), series.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (series[i].first != i) bad_file("hourly: group indexes are not 0.." + std::to_string(n - 1));
      f.detail.hourly.push_back(std::move(series[i].second));
    }
  }
  if (link_exists(file, "events")) {
    const Handle ds = Reader::open_dataset(file, "events", "events");
    f.detail.event_log = in.events(ds);
    f.detail.has_log = true;
  }
  {
    const Handle g = Reader::open_group(file, "events_meta");
    f.detail.log_event_names = in.string_list(g, "event_names", "events_meta/event_names");
    f.detail.response_names = in.string_list(g, "response_names", "events_meta/response_names");
    f.detail.area_names = in.string_list(g, "area_names", "events_meta/area_names");
    f.detail.site_names = in.string_list(g, "site_names", "events_meta/site_names");
  }
  return f;
}

}  // namespace

// ---------------------------------------------------------------------------
// The streaming writer.

struct ResultsWriter::Impl {
  std::string path, tmp;
  // declared in the order they are opened: destroyed (closed) in reverse
  Handle file;
  Handle kpis;
  Handle values, replication, point;  // values only when there are KPI columns
  Handle conservation;                // rows x 3 (created, ended, in_system)
  hsize_t cols = 0, rows = 0;         // rows in the file (buffered ones not included)
  std::size_t flush_rows = 1;
  std::vector<double> buf_values;
  std::vector<std::uint64_t> buf_replication;
  std::vector<std::uint32_t> buf_point;
  std::vector<std::uint64_t> buf_conservation;
  bool details_written = false, finished = false;
  std::exception_ptr error;  // of accept(), for finish()

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    if (finished || tmp.empty()) return;
    quiet_hdf5();
    close_all();  // each handle once; failures do not matter, the file is thrown away
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
  }

  void close_all() noexcept {
    values.close();
    replication.close();
    point.close();
    conservation.close();
    kpis.close();
    file.close();
  }

  // Runs `f` with HDF5's printing off; HDF5 and file system errors become
  // std::runtime_error naming the target.
  template <class F>
  void guarded(F&& f) {
    if (finished) throw std::logic_error("ResultsWriter: used after finish()");
    quiet_hdf5();
    try {
      f();
    } catch (const H5Failure& e) {
      throw std::runtime_error("cannot write " + path + ": " + e.what());
    } catch (const std::system_error& e) {  // also std::filesystem::filesystem_error
      throw std::runtime_error("cannot write " + path + ": " + e.code().message());
    }
  }

  void open_tables() {
    if (cols > 0) {
      std::array<hsize_t, 2> chunk{};
      const Handle p = make_plist(H5Dget_create_plist(values), "kpis/values");
      if (H5Pget_layout(p) == H5D_CHUNKED) must_ok(H5Pget_chunk(p, 2, chunk.data()) < 0 ? -1 : 0, "kpis/values");
      flush_rows = static_cast<std::size_t>(std::clamp<hsize_t>(chunk[0], 1, 1 << 20));
    } else {
      flush_rows = 4096;
    }
  }

  template <class T>
  static void write_rows(hid_t ds, const std::vector<T>& data, hid_t mem_type, hsize_t first, hsize_t n, hsize_t cols,
                         const char* what) {
    std::vector<hsize_t> size{first + n}, start{first}, count{n};
    if (cols > 0) {
      size.push_back(cols);
      start.push_back(0);
      count.push_back(cols);
    }
    must_ok(H5Dset_extent(ds, size.data()), what);
    const Handle file_space = make_space(H5Dget_space(ds), what);
    must_ok(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), what);
    const Handle mem_space = simple_space(count);
    must_ok(H5Dwrite(ds, mem_type, mem_space, file_space, H5P_DEFAULT, data.data()), what);
  }

  void flush() {
    const auto n = static_cast<hsize_t>(buf_replication.size());
    if (n == 0) return;
    write_rows(replication, buf_replication, H5T_NATIVE_UINT64, rows, n, 0, "kpis/replication");
    write_rows(point, buf_point, H5T_NATIVE_UINT32, rows, n, 0, "kpis/point");
    write_rows(conservation, buf_conservation, H5T_NATIVE_UINT64, rows, n, 3, "kpis/conservation");
    if (cols > 0) write_rows(values, buf_values, H5T_NATIVE_DOUBLE, rows, n, cols, "kpis/values");
    rows += n;
    buf_values.clear();
    buf_replication.clear();
    buf_point.clear();
    buf_conservation.clear();
  }
};

ResultsWriter::ResultsWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ResultsWriter::ResultsWriter(ResultsWriter&&) noexcept = default;
ResultsWriter& ResultsWriter::operator=(ResultsWriter&&) noexcept = default;
ResultsWriter::~ResultsWriter() = default;

namespace {
std::string temporary_name(const std::string& path) {
  return path + ".tmp." + std::to_string(static_cast<long>(::getpid()));
}
}  // namespace

ResultsWriter::ResultsWriter(const std::string& path, const Results& header) {
  try {
    validate_header(header);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("cannot write " + path + ": " + e.what());
  }
  auto w = std::make_unique<Impl>();
  w->path = path;
  w->cols = header.kpi_names.size();
  w->guarded([&] {
    w->tmp = temporary_name(path);
    // the user block (the format and the checksum) is written by finish()
    const Handle fcpl = make_plist(H5Pcreate(H5P_FILE_CREATE), "file properties");
    must_ok(H5Pset_userblock(fcpl, user_block_size), "file properties");
    must_ok(H5Pset_obj_track_times(fcpl, false), "file properties");
    w->file = Handle(must(H5Fcreate(w->tmp.c_str(), H5F_ACC_TRUNC, fcpl, H5P_DEFAULT), "create"), H5Fclose);
    write_header(w->file, header);
    w->kpis = make_group_handle(H5Gopen2(w->file, "kpis", H5P_DEFAULT), "kpis");
    if (w->cols > 0) w->values = create_rows_dataset(w->kpis, "values", H5T_IEEE_F64LE, w->cols, sizeof(double));
    w->replication = create_rows_dataset(w->kpis, "replication", H5T_STD_U64LE, 0, sizeof(std::uint64_t));
    w->point = create_rows_dataset(w->kpis, "point", H5T_STD_U32LE, 0, sizeof(std::uint32_t));
    w->conservation = create_rows_dataset(w->kpis, "conservation", H5T_STD_U64LE, 3, sizeof(std::uint64_t));
    w->open_tables();
  });
  impl_ = std::move(w);
  for (std::size_t r = 0; r < header.rows(); ++r)
    append_row({.point = header.point[r], .replication = header.replication[r]}, header.row(r),
               r < header.conservation.size() ? header.conservation[r] : Conservation{});
}

ResultsWriter ResultsWriter::append_to(const std::string& path) {
  auto w = std::make_unique<Impl>();
  w->path = path;
  w->details_written = true;  // the file has them
  w->guarded([&] {
    w->tmp = temporary_name(path);
    copy_file(path, w->tmp);
    // the copy is what grows: it must be intact before HDF5 opens it
    try {
      verify_file(w->tmp);
    } catch (const Corrupt& e) {
      throw std::runtime_error("cannot append to " + path + ": " + e.what());
    }
    w->file = Handle(must(H5Fopen(w->tmp.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), "open"), H5Fclose);
    if (!attr_exists(w->file, "format") || Reader::string_attr(w->file, "format") != results_format)
      throw std::runtime_error("cannot append to " + path + ": not a " + results_format + " file");
    w->kpis = Reader::open_group(w->file, "kpis");
    w->cols = Reader::dims_of(Reader::open_dataset(w->kpis, "names", "kpis/names"), 1, "kpis/names")[0];
    w->replication = Reader::open_dataset(w->kpis, "replication", "kpis/replication");
    w->point = Reader::open_dataset(w->kpis, "point", "kpis/point");
    w->rows = Reader::dims_of(w->replication, 1, "kpis/replication")[0];
    w->conservation = Reader::open_dataset(w->kpis, "conservation", "kpis/conservation");
    bool ok = extendable_rows(w->replication) && extendable_rows(w->point) && extendable_rows(w->conservation);
    if (w->cols > 0) {
      w->values = Reader::open_dataset(w->kpis, "values", "kpis/values");
      ok = ok && extendable_rows(w->values);
    }
    if (!ok)
      throw std::runtime_error("cannot append to " + path +
                               ": its KPI table cannot grow (not written by a zccsim "
                               "that supports --append); run again without --append");
    w->open_tables();
  });
  return ResultsWriter(std::move(w));
}

void ResultsWriter::append_row(const sim::Task& task, std::span<const double> metrics,
                               const Conservation& conservation) {
  Impl& w = *impl_;
  if (metrics.size() != w.cols)
    throw std::invalid_argument("results file: a KPI row of " + std::to_string(metrics.size()) + " values for " +
                                std::to_string(w.cols) + " KPI names");
  w.guarded([&] {
    w.buf_values.insert(w.buf_values.end(), metrics.begin(), metrics.end());
    w.buf_replication.push_back(task.replication);
    w.buf_point.push_back(task.point);
    w.buf_conservation.insert(w.buf_conservation.end(),
                              {conservation.created, conservation.ended, conservation.in_system});
    if (w.buf_replication.size() >= w.flush_rows) w.flush();
  });
}

void ResultsWriter::accept(std::size_t, const sim::Task& task, sim::TaskResult&& result) {
  if (impl_->error) return;
  try {
    append_row(task, result.metrics, result.conservation);
  } catch (...) {
    impl_->error = std::current_exception();
  }
}

void ResultsWriter::write_details(const Results& f) {
  validate_details(f);
  Impl& w = *impl_;
  if (w.details_written) throw std::logic_error("ResultsWriter: details written twice, or when appending");
  w.guarded([&] { write_details_h5(w.file, f); });
  w.details_written = true;
}

std::uint64_t ResultsWriter::rows() const noexcept { return impl_->rows + impl_->buf_replication.size(); }

void ResultsWriter::finish(bool complete) {
  Impl& w = *impl_;
  if (w.error) std::rethrow_exception(w.error);
  w.guarded([&] {
    w.flush();
    if (w.cols == 0) {  // an empty table cannot be chunked: written whole, now
      if (link_exists(w.kpis, "values")) must_ok(H5Ldelete(w.kpis, "values", H5P_DEFAULT), "kpis/values");
      Handle v = create_dataset(w.kpis, "values", H5T_IEEE_F64LE, {w.rows, 0}, sizeof(double), false);
      must_close(v, "kpis/values");
    }
    if (!w.details_written) write_details_h5(w.file, Results{});
    w.details_written = true;
    {
      const Handle a = make_attr(H5Aopen(w.file, "complete", H5P_DEFAULT), "attribute complete");
      const std::int32_t value = complete ? 1 : 0;
      must_ok(H5Awrite(a, H5T_NATIVE_INT32, &value), "attribute complete");
    }
    // closing writes what HDF5 caches: each close is checked
    must_close(w.values, "kpis/values");
    must_close(w.replication, "kpis/replication");
    must_close(w.point, "kpis/point");
    must_close(w.conservation, "kpis/conservation");
    must_close(w.kpis, "kpis");
    must_close(w.file, "close");
    seal(w.tmp);
    std::filesystem::rename(w.tmp, w.path);
    w.finished = true;
  });
}

void write_results(const std::string& path, const Results& f) {
  validate_details(f);  // the writer validates the header
  ResultsWriter w(path, f);
  w.write_details(f);
  w.finish(f.complete);
}

void check_appendable(const Results& f, const std::string& path, const Results& run) {
  auto refuse = [&](const std::string& why) { throw std::runtime_error("cannot append to " + path + ": " + why); };
  if (!f.shard.empty()) refuse("it holds shard " + f.shard + " of a run; merge the shards first");
  if (f.model != run.model)
    refuse("it holds results of model '" + f.model + "', this scenario is model '" + run.model + "'");
  auto shown = [](const std::string& v) { return v.empty() ? std::string("none (zccsim 0.3 or older)") : v; };
  if (f.model_version != run.model_version)
    refuse("its results come from model version " + shown(f.model_version) + ", this zccsim runs " +
           shown(run.model_version) + " (results of different model versions are not mixed)");
  if (f.kpi_table_sha256 != run.kpi_table_sha256)
    refuse("its KPI table (kpi_table_sha256 " + shown(f.kpi_table_sha256) + ") differs from this zccsim's (" +
           shown(run.kpi_table_sha256) + ")");
  const std::string& experiment_text = run.experiment_text;
  if (f.experiment_text.empty() && !experiment_text.empty())
    refuse("it holds a single run, not a sweep (add to it with zccsim run --append)");
  if (!f.experiment_text.empty() && experiment_text.empty())
    refuse("it holds a sweep of " + std::to_string(f.point_labels.size()) +
           " points (add to it with zccsim sweep EXPERIMENT --append)");
  if (f.experiment_text != experiment_text)
    refuse("it was written by another experiment file (the text in /experiment/text differs)");
  if (f.scenario_text != run.scenario_text)
    refuse("it was written from another scenario (scenario_sha256 " + sha256_hex(f.scenario_text) + " in the file, " +
           sha256_hex(run.scenario_text) + " now)");
  if (f.seed != run.seed)
    refuse("it was run with seed " + std::to_string(f.seed) + ", not " + std::to_string(run.seed));
  if (f.kpi_names != run.kpi_names)
    refuse("its KPIs differ from those of this zccsim (the file was written by " + f.version + ")");
}

Results read_results(const std::string& path) {
  quiet_hdf5();
  try {
    const std::uint64_t size = verify_file(path);
    return read_h5(path, size);
  } catch (const std::system_error& e) {
    throw std::runtime_error("cannot read " + path + ": " + e.code().message());
  } catch (const std::runtime_error& e) {  // Corrupt, H5Failure
    throw std::runtime_error("cannot read " + path + ": " + e.what());
  }
}

// SHA-256 by OpenSSL's EVP interface.
std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &len, EVP_sha256(), nullptr) != 1 || len != 32)
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  return to_hex(digest.data(), len);
}

}  // namespace zccsim::models::io
