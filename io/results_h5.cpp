// SPDX-License-Identifier: MIT
#include "results_h5.hpp"

#include <H5Cpp.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <unistd.h>

namespace zccsim::models::io {

namespace {

// ---------------------------------------------------------------------------
// HDF5 errors: no printing; the innermost message of the first failure is kept
// for the std::runtime_error. Restores the previous handler on destruction.

class ErrorCapture {
 public:
  ErrorCapture() {
    H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
    H5Eset_auto2(H5E_DEFAULT, &ErrorCapture::on_error, this);
  }
  ~ErrorCapture() { H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_); }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

  // "<what the C++ API says>: <innermost HDF5 message>".
  std::string describe(const H5::Exception& e) const {
    std::string s = e.getDetailMsg();
    if (!first_.empty()) s += (s.empty() ? "" : ": ") + first_;
    return s.empty() ? "HDF5 error" : s;
  }

 private:
  static herr_t on_error(hid_t stack, void* self) {
    auto* capture = static_cast<ErrorCapture*>(self);
    if (!capture->first_.empty()) return 0;
    H5Ewalk2(stack, H5E_WALK_UPWARD, &ErrorCapture::on_record, capture);
    return 0;
  }
  static herr_t on_record(unsigned n, const H5E_error2_t* err, void* self) {
    // Upward: record 0 is the most specific one.
    if (n == 0 && err != nullptr && err->desc != nullptr) static_cast<ErrorCapture*>(self)->first_ = err->desc;
    return 0;
  }

  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
  std::string first_;
};

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

void check_string(const std::string& s, const char* what) {
  if (s.find('\0') != std::string::npos)
    throw std::invalid_argument(std::string("results file: ") + what + " contains a NUL character");
}

void check_strings(const std::vector<std::string>& v, const char* what) {
  for (const auto& s : v) check_string(s, what);
}

// Everything but the hourly series and the event log.
void validate_header(const Results& f) {
  check_string(f.model, "model");
  check_string(f.scenario_text, "scenario text");
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

H5::StrType vlen_string() {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

// Object creation properties without modification times, so the same content
// gives the same bytes.
template <class Plist>
Plist no_times(Plist p) {
  H5Pset_obj_track_times(p.getId(), false);
  return p;
}

void write_string_attr(H5::H5Object& obj, const char* name, const std::string& value) {
  const H5::StrType t = vlen_string();
  H5::Attribute a = obj.createAttribute(name, t, H5::DataSpace(H5S_SCALAR));
  a.write(t, value);
}

template <class T>
void write_scalar_attr(H5::H5Object& obj, const char* name, const H5::PredType& file_type, const H5::PredType& mem_type,
                       T value) {
  H5::Attribute a = obj.createAttribute(name, file_type, H5::DataSpace(H5S_SCALAR));
  a.write(mem_type, &value);
}

// The C++ API of HDF5 1.10 has no group creation property list: create with
// the C API, then open.
H5::Group make_group(H5::Group& parent, const char* name, bool track_order = false) {
  const hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
  if (gcpl < 0) throw H5::PropListIException("H5Pcreate", "cannot create a group creation property list");
  H5Pset_obj_track_times(gcpl, false);
  if (track_order) H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
  const hid_t gid = H5Gcreate2(parent.getId(), name, H5P_DEFAULT, gcpl, H5P_DEFAULT);
  H5Pclose(gcpl);
  if (gid < 0) throw H5::GroupIException("H5Gcreate2", std::string("cannot create group ") + name);
  H5Gclose(gid);
  return parent.openGroup(name);
}

void write_string_scalar(H5::Group& g, const char* name, const std::string& value) {
  const H5::StrType t = vlen_string();
  H5::DataSet ds = g.createDataSet(name, t, H5::DataSpace(H5S_SCALAR), no_times(H5::DSetCreatPropList()));
  ds.write(value, t);
}

void write_string_list(H5::Group& g, const char* name, const std::vector<std::string>& values) {
  const H5::StrType t = vlen_string();
  const hsize_t n = values.size();
  H5::DataSet ds = g.createDataSet(name, t, H5::DataSpace(1, &n), no_times(H5::DSetCreatPropList()));
  if (values.empty()) return;
  std::vector<const char*> p;
  p.reserve(values.size());
  for (const auto& s : values) p.push_back(s.c_str());
  ds.write(p.data(), t);
}

// Chunked and compressed when there is anything to chunk; `unlimited_rows`
// lets a later --append extend dimension 0.
H5::DataSet create_dataset(H5::Group& g, const char* name, const H5::DataType& file_type, std::vector<hsize_t> dims,
                           std::size_t element_size, bool unlimited_rows) {
  H5::DSetCreatPropList p = no_times(H5::DSetCreatPropList());
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
    p.setChunk(static_cast<int>(chunk.size()), chunk.data());
    p.setShuffle();
    p.setDeflate(4);
  }
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data(), maxdims.data());
  return g.createDataSet(name, file_type, space, p);
}

H5::CompType log_file_type() {
  H5::CompType t(std::size_t{16});
  t.insertMember("time", 0, H5::PredType::IEEE_F64LE);
  t.insertMember("patient", 8, H5::PredType::STD_U32LE);
  t.insertMember("event", 12, H5::PredType::STD_U8LE);
  t.insertMember("detail", 13, H5::PredType::STD_U8LE);
  t.insertMember("place", 14, H5::PredType::STD_U16LE);
  return t;
}

H5::CompType log_mem_type() {
  H5::CompType t(sizeof(LogRecord));
  t.insertMember("time", offsetof(LogRecord, time), H5::PredType::NATIVE_DOUBLE);
  t.insertMember("patient", offsetof(LogRecord, patient), H5::PredType::NATIVE_UINT32);
  t.insertMember("event", offsetof(LogRecord, event), H5::PredType::NATIVE_UINT8);
  t.insertMember("detail", offsetof(LogRecord, detail), H5::PredType::NATIVE_UINT8);
  t.insertMember("place", offsetof(LogRecord, place), H5::PredType::NATIVE_UINT16);
  return t;
}

// An empty table of rows, extendable: chunks of about 64 KiB, gzip + shuffle.
// `cols` = 0 for a 1-D dataset.
H5::DataSet create_rows_dataset(H5::Group& g, const char* name, const H5::DataType& file_type, hsize_t cols,
                                std::size_t element_size) {
  constexpr hsize_t target_bytes = hsize_t{64} * 1024;
  const hsize_t row_bytes = std::max<hsize_t>(cols, 1) * element_size;
  const hsize_t chunk_rows = std::max<hsize_t>(1, target_bytes / row_bytes);
  H5::DSetCreatPropList p = no_times(H5::DSetCreatPropList());
  std::vector<hsize_t> dims{0}, maxdims{H5S_UNLIMITED}, chunk{chunk_rows};
  if (cols > 0) {
    dims.push_back(cols);
    maxdims.push_back(cols);
    chunk.push_back(cols);
  }
  p.setChunk(static_cast<int>(chunk.size()), chunk.data());
  p.setShuffle();
  p.setDeflate(4);
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data(), maxdims.data());
  return g.createDataSet(name, file_type, space, p);
}

// The root attributes, /scenario, /kpis/names, /points and /experiment.
// `complete` stays 0 until the writer finishes.
void write_header(H5::H5File& file, const Results& f) {
  write_string_attr(file, "format", results_format);
  write_string_attr(file, "model", f.model);
  write_string_attr(file, "version", f.version);
  write_string_attr(file, "model_version", f.model_version);
  write_string_attr(file, "kpi_table_sha256", f.kpi_table_sha256);
  write_scalar_attr(file, "seed", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, f.seed);
  write_string_attr(file, "scenario_sha256", sha256_hex(f.scenario_text));
  write_scalar_attr(file, "complete", H5::PredType::STD_I32LE, H5::PredType::NATIVE_INT32, std::int32_t{0});
  write_string_attr(file, "shard", f.shard);
  {
    H5::Group g = make_group(file, "scenario");
    write_string_scalar(g, "text", f.scenario_text);
    write_string_scalar(g, "path", f.scenario_path);
  }
  {
    H5::Group g = make_group(file, "kpis");
    write_string_list(g, "names", f.kpi_names);
  }
  {
    H5::Group g = make_group(file, "points");
    std::vector<std::string> labels = f.point_labels, settings = f.point_settings;
    if (labels.empty()) labels.emplace_back("run");
    settings.resize(labels.size(), "{}");
    write_string_list(g, "labels", labels);
    write_string_list(g, "settings", settings);
    if (!f.point_scenarios.empty()) write_string_list(g, "scenarios", f.point_scenarios);
    H5::Group e = make_group(file, "experiment");
    write_string_scalar(e, "text", f.experiment_text);
  }
}

// /hourly, /events (when there is a log) and /events_meta.
void write_details_h5(H5::H5File& file, const Results& f) {
  {
    H5::Group g = make_group(file, "hourly", true);
    write_scalar_attr(g, "replication", H5::PredType::STD_U64LE, H5::PredType::NATIVE_UINT64, f.detail_replication);
    for (std::size_t i = 0; i < f.detail.hourly.size(); ++i) {
      const HourlySeries& h = f.detail.hourly[i];
      H5::Group r = make_group(g, group_name(h.resource).c_str());
      write_string_attr(r, "resource", h.resource);
      write_string_attr(r, "kind", h.kind);
      write_scalar_attr(r, "index", H5::PredType::STD_U32LE, H5::PredType::NATIVE_UINT32,
                        static_cast<std::uint32_t>(i));
      const std::pair<const char*, const std::vector<float>*> series[] = {
          {"busy", &h.busy}, {"on_duty", &h.on_duty}, {"queue", &h.queue}};
      for (const auto& [name, v] : series) {
        H5::DataSet ds = create_dataset(r, name, H5::PredType::IEEE_F32LE, {v->size()}, sizeof(float), false);
        if (!v->empty()) ds.write(v->data(), H5::PredType::NATIVE_FLOAT);
      }
    }
  }
  if (!f.detail.event_log.empty()) {
    H5::DataSet ds = create_dataset(file, "events", log_file_type(), {f.detail.event_log.size()}, 16, true);
    ds.write(f.detail.event_log.data(), log_mem_type());
  }
  {
    H5::Group g = make_group(file, "events_meta");
    write_string_list(g, "event_names", f.detail.log_event_names);
    write_string_list(g, "response_names", f.detail.response_names);
    write_string_list(g, "area_names", f.detail.area_names);
    write_string_list(g, "site_names", f.detail.site_names);
  }
}

bool extendable_rows(const H5::DataSet& ds) {
  const H5::DataSpace sp = ds.getSpace();
  const int rank = sp.getSimpleExtentNdims();
  if (rank < 1) return false;
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank)), maxdims(static_cast<std::size_t>(rank));
  sp.getSimpleExtentDims(dims.data(), maxdims.data());
  return maxdims[0] == H5S_UNLIMITED;
}

void sync_file(const std::string& file_name) {
  const int fd = ::open(file_name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open for fsync");
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    throw std::system_error(err, std::generic_category(), "fsync");
  }
  ::close(fd);
}

// ---------------------------------------------------------------------------
// Reading.

[[noreturn]] void bad_file(const std::string& what) { throw std::runtime_error(what); }

H5::StrType mem_string_type(const H5::StrType& file_type) {
  if (!file_type.isVariableStr()) bad_file("expected variable-length strings");
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(file_type.getCset());
  return t;
}

std::string read_string_attr(const H5::H5Object& obj, const char* name) {
  H5::Attribute a = obj.openAttribute(name);
  if (a.getTypeClass() != H5T_STRING) bad_file(std::string("attribute ") + name + " is not a string");
  const H5::StrType t = mem_string_type(a.getStrType());
  std::string s;
  a.read(t, s);
  return s;
}

template <class T>
T read_scalar_attr(const H5::H5Object& obj, const char* name, const H5::PredType& mem_type) {
  H5::Attribute a = obj.openAttribute(name);
  if (a.getSpace().getSimpleExtentNpoints() != 1) bad_file(std::string("attribute ") + name + " is not a scalar");
  T v{};
  a.read(mem_type, &v);
  return v;
}

std::vector<hsize_t> dims_of(const H5::DataSet& ds) {
  const H5::DataSpace sp = ds.getSpace();
  std::vector<hsize_t> d(static_cast<std::size_t>(sp.getSimpleExtentNdims()));
  if (!d.empty()) sp.getSimpleExtentDims(d.data());
  return d;
}

std::vector<hsize_t> dims_of(const H5::DataSet& ds, std::size_t rank, const std::string& what) {
  std::vector<hsize_t> d = dims_of(ds);
  if (d.size() != rank) bad_file(what + " is not " + std::to_string(rank) + "-D");
  return d;
}

std::string read_string_scalar(const H5::Group& g, const char* name) {
  H5::DataSet ds = g.openDataSet(name);
  if (ds.getTypeClass() != H5T_STRING) bad_file(std::string(name) + " is not a string");
  const H5::StrType t = mem_string_type(ds.getStrType());
  std::string s;
  ds.read(s, t);
  return s;
}

std::vector<std::string> read_string_list(const H5::Group& g, const char* name) {
  H5::DataSet ds = g.openDataSet(name);
  if (ds.getTypeClass() != H5T_STRING) bad_file(std::string(name) + " is not a string list");
  const H5::StrType t = mem_string_type(ds.getStrType());
  const hsize_t n = dims_of(ds, 1, name)[0];
  std::vector<std::string> out;
  if (n == 0) return out;
  std::vector<char*> p(n, nullptr);
  ds.read(p.data(), t);
  out.reserve(n);
  for (char* s : p) out.emplace_back(s != nullptr ? s : "");
  H5::DataSet::vlenReclaim(p.data(), t, ds.getSpace());
  return out;
}

template <class T>
std::vector<T> read_vector(const H5::DataSet& ds, const H5::DataType& mem_type, const std::string& what) {
  const hsize_t n = dims_of(ds, 1, what)[0];
  std::vector<T> v(n);
  if (n > 0) ds.read(v.data(), mem_type);
  return v;
}

Results read_h5(const std::string& path) {
  Results f;
  H5::H5File file(path, H5F_ACC_RDONLY);
  if (!file.attrExists("format")) bad_file("not a zccsim results file (no format attribute)");
  const std::string format = read_string_attr(file, "format");
  if (format != results_format) bad_file("unsupported format '" + format + "' (expected " + results_format + ")");
  f.model = read_string_attr(file, "model");
  f.version = read_string_attr(file, "version");
  // files of zccsim 0.3 have neither: "" (--append and merge refuse them)
  if (file.attrExists("model_version")) f.model_version = read_string_attr(file, "model_version");
  if (file.attrExists("kpi_table_sha256")) f.kpi_table_sha256 = read_string_attr(file, "kpi_table_sha256");
  f.seed = read_scalar_attr<std::uint64_t>(file, "seed", H5::PredType::NATIVE_UINT64);
  f.complete = read_scalar_attr<std::int32_t>(file, "complete", H5::PredType::NATIVE_INT32) != 0;
  f.shard = read_string_attr(file, "shard");
  const std::string sha = read_string_attr(file, "scenario_sha256");
  {
    H5::Group g = file.openGroup("scenario");
    f.scenario_text = read_string_scalar(g, "text");
    f.scenario_path = read_string_scalar(g, "path");
  }
  if (sha != sha256_hex(f.scenario_text)) bad_file("scenario_sha256 does not match /scenario/text");
  {
    H5::Group g = file.openGroup("kpis");
    f.kpi_names = read_string_list(g, "names");
    H5::DataSet values = g.openDataSet("values");
    const std::vector<hsize_t> d = dims_of(values, 2, "kpis/values");
    if (d[1] != f.kpi_names.size()) bad_file("kpis/values has not one column per KPI name");
    f.values.resize(d[0] * d[1]);
    if (!f.values.empty()) values.read(f.values.data(), H5::PredType::NATIVE_DOUBLE);
    f.replication =
        read_vector<std::uint64_t>(g.openDataSet("replication"), H5::PredType::NATIVE_UINT64, "kpis/replication");
    if (f.replication.size() != d[0]) bad_file("kpis/replication has not one entry per row");
    f.point = read_vector<std::uint32_t>(g.openDataSet("point"), H5::PredType::NATIVE_UINT32, "kpis/point");
    if (f.point.size() != d[0]) bad_file("kpis/point has not one entry per row");
    if (g.nameExists("conservation")) {
      H5::DataSet c = g.openDataSet("conservation");
      const std::vector<hsize_t> cd = dims_of(c, 2, "kpis/conservation");
      if (cd[0] != d[0] || cd[1] != 3) bad_file("kpis/conservation is not rows x 3");
      std::vector<std::uint64_t> counts(cd[0] * 3);
      if (!counts.empty()) c.read(counts.data(), H5::PredType::NATIVE_UINT64);
      f.conservation.resize(cd[0]);
      for (std::size_t r = 0; r < cd[0]; ++r) f.conservation[r] = {counts[3 * r], counts[3 * r + 1], counts[3 * r + 2]};
    }
  }
  {
    H5::Group g = file.openGroup("points");
    f.point_labels = read_string_list(g, "labels");
    f.point_settings = read_string_list(g, "settings");
    if (g.nameExists("scenarios")) f.point_scenarios = read_string_list(g, "scenarios");
    f.experiment_text = read_string_scalar(file.openGroup("experiment"), "text");
  }
  {
    H5::Group g = file.openGroup("hourly");
    f.detail_replication = read_scalar_attr<std::uint64_t>(g, "replication", H5::PredType::NATIVE_UINT64);
    const hsize_t n = g.getNumObjs();
    std::vector<std::pair<std::uint32_t, HourlySeries>> series;
    for (hsize_t i = 0; i < n; ++i) {
      const std::string name = g.getObjnameByIdx(i);
      H5::Group r = g.openGroup(name);
      HourlySeries h;
      h.resource = read_string_attr(r, "resource");
      h.kind = read_string_attr(r, "kind");
      const auto index = read_scalar_attr<std::uint32_t>(r, "index", H5::PredType::NATIVE_UINT32);
      h.busy = read_vector<float>(r.openDataSet("busy"), H5::PredType::NATIVE_FLOAT, name + "/busy");
      h.on_duty = read_vector<float>(r.openDataSet("on_duty"), H5::PredType::NATIVE_FLOAT, name + "/on_duty");
      h.queue = read_vector<float>(r.openDataSet("queue"), H5::PredType::NATIVE_FLOAT, name + "/queue");
      series.emplace_back(index, std::move(h));
    }
    std::sort(series.begin(), series.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (series[i].first != i) bad_file("hourly: group indexes are not 0.." + std::to_string(n - 1));
      f.detail.hourly.push_back(std::move(series[i].second));
    }
  }
  if (file.nameExists("events")) {
    H5::DataSet ds = file.openDataSet("events");
    if (ds.getTypeClass() != H5T_COMPOUND) bad_file("events is not a compound dataset");
    f.detail.event_log = read_vector<LogRecord>(ds, log_mem_type(), "events");
    f.detail.has_log = true;
  }
  if (file.nameExists("events_meta")) {
    H5::Group g = file.openGroup("events_meta");
    f.detail.log_event_names = read_string_list(g, "event_names");
    f.detail.response_names = read_string_list(g, "response_names");
    f.detail.area_names = read_string_list(g, "area_names");
    f.detail.site_names = read_string_list(g, "site_names");
  }
  file.close();
  return f;
}

}  // namespace

// ---------------------------------------------------------------------------
// The streaming writer.

struct ResultsWriter::Impl {
  std::string path, tmp;
  H5::H5File file;
  H5::Group kpis;
  H5::DataSet values, replication, point;  // values only when there are KPI columns
  H5::DataSet conservation;                // rows x 3 (created, ended, in_system)
  hsize_t cols = 0, rows = 0;              // rows in the file (buffered ones not included)
  std::size_t flush_rows = 1;
  std::vector<double> buf_values;
  std::vector<std::uint64_t> buf_replication;
  std::vector<std::uint32_t> buf_point;
  std::vector<std::uint64_t> buf_conservation;
  bool details_written = false, finished = false;
  std::exception_ptr error;  // of accept(), for finish()

  ~Impl() {
    if (finished || tmp.empty()) return;
    {
      ErrorCapture quiet;
      try {
        values.close();
        replication.close();
        point.close();
        conservation.close();
        kpis.close();
        file.close();
      } catch (...) {  // the file is being thrown away
      }
    }
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
  }

  // Runs `f` with HDF5's printing off; HDF5 and file system errors become
  // std::runtime_error naming the target.
  template <class F>
  void guarded(F&& f) {
    if (finished) throw std::logic_error("ResultsWriter: used after finish()");
    ErrorCapture errors;
    try {
      f();
    } catch (const H5::Exception& e) {
      throw std::runtime_error("cannot write " + path + ": " + errors.describe(e));
    } catch (const std::system_error& e) {  // also std::filesystem::filesystem_error
      throw std::runtime_error("cannot write " + path + ": " + e.code().message());
    }
  }

  void open_tables() {
    if (cols > 0) {
      std::array<hsize_t, 2> chunk{};
      const H5::DSetCreatPropList p = values.getCreatePlist();
      if (p.getLayout() == H5D_CHUNKED) p.getChunk(2, chunk.data());
      flush_rows = static_cast<std::size_t>(std::max<hsize_t>(chunk[0], 1));
    } else {
      flush_rows = 4096;
    }
  }

  template <class T>
  static void write_rows(H5::DataSet& ds, const std::vector<T>& data, const H5::PredType& mem_type, hsize_t first,
                         hsize_t n, hsize_t cols) {
    std::vector<hsize_t> size{first + n}, start{first}, count{n};
    if (cols > 0) {
      size.push_back(cols);
      start.push_back(0);
      count.push_back(cols);
    }
    ds.extend(size.data());
    H5::DataSpace file_space = ds.getSpace();
    file_space.selectHyperslab(H5S_SELECT_SET, count.data(), start.data());
    const H5::DataSpace mem_space(static_cast<int>(count.size()), count.data());
    ds.write(data.data(), mem_type, mem_space, file_space);
  }

  void flush() {
    const auto n = static_cast<hsize_t>(buf_replication.size());
    if (n == 0) return;
    write_rows(replication, buf_replication, H5::PredType::NATIVE_UINT64, rows, n, 0);
    write_rows(point, buf_point, H5::PredType::NATIVE_UINT32, rows, n, 0);
    write_rows(conservation, buf_conservation, H5::PredType::NATIVE_UINT64, rows, n, 3);
    if (cols > 0) write_rows(values, buf_values, H5::PredType::NATIVE_DOUBLE, rows, n, cols);
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
  validate_header(header);
  auto w = std::make_unique<Impl>();
  w->path = path;
  w->cols = header.kpi_names.size();
  w->guarded([&] {
    w->tmp = temporary_name(path);
    w->file = H5::H5File(w->tmp, H5F_ACC_TRUNC, no_times(H5::FileCreatPropList()));
    write_header(w->file, header);
    w->kpis = w->file.openGroup("kpis");
    if (w->cols > 0)
      w->values = create_rows_dataset(w->kpis, "values", H5::PredType::IEEE_F64LE, w->cols, sizeof(double));
    w->replication = create_rows_dataset(w->kpis, "replication", H5::PredType::STD_U64LE, 0, sizeof(std::uint64_t));
    w->point = create_rows_dataset(w->kpis, "point", H5::PredType::STD_U32LE, 0, sizeof(std::uint32_t));
    w->conservation = create_rows_dataset(w->kpis, "conservation", H5::PredType::STD_U64LE, 3, sizeof(std::uint64_t));
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
    std::filesystem::copy_file(path, w->tmp, std::filesystem::copy_options::overwrite_existing);
    w->file = H5::H5File(w->tmp, H5F_ACC_RDWR);
    if (!w->file.attrExists("format") || read_string_attr(w->file, "format") != results_format)
      throw std::runtime_error("cannot append to " + path + ": not a " + results_format + " file");
    w->kpis = w->file.openGroup("kpis");
    w->cols = dims_of(w->kpis.openDataSet("names"), 1, "kpis/names")[0];
    w->replication = w->kpis.openDataSet("replication");
    w->point = w->kpis.openDataSet("point");
    w->rows = dims_of(w->replication, 1, "kpis/replication")[0];
    if (!w->kpis.nameExists("conservation"))
      throw std::runtime_error("cannot append to " + path + ": it has no conservation counts (written by zccsim 0.3)");
    w->conservation = w->kpis.openDataSet("conservation");
    bool ok = extendable_rows(w->replication) && extendable_rows(w->point) && extendable_rows(w->conservation);
    if (w->cols > 0) {
      w->values = w->kpis.openDataSet("values");
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
      if (w.kpis.nameExists("values")) w.kpis.unlink("values");
      create_dataset(w.kpis, "values", H5::PredType::IEEE_F64LE, {w.rows, 0}, sizeof(double), false);
    }
    if (!w.details_written) write_details_h5(w.file, Results{});
    w.details_written = true;
    {
      H5::Attribute a = w.file.openAttribute("complete");
      const std::int32_t value = complete ? 1 : 0;
      a.write(H5::PredType::NATIVE_INT32, &value);
    }
    w.values.close();
    w.replication.close();
    w.point.close();
    w.conservation.close();
    w.kpis.close();
    w.file.close();
    sync_file(w.tmp);
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
  ErrorCapture errors;
  try {
    return read_h5(path);
  } catch (const H5::Exception& e) {
    throw std::runtime_error("cannot read " + path + ": " + errors.describe(e));
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("cannot read " + path + ": " + e.what());
  }
}

// SHA-256 by OpenSSL's EVP interface.
std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &len, EVP_sha256(), nullptr) != 1 || len != 32)
    throw std::runtime_error("SHA-256 failed (OpenSSL)");
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(std::size_t{2} * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0x0f];
  }
  return out;
}

}  // namespace zccsim::models::io
