#include "entities/compiled.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <type_traits>
#include <unordered_map>

#include "entities/forms.hpp"
#include "entities/records.hpp"
#include "text/utf8.hpp"

namespace parole::entities {
namespace {

constexpr std::uint32_t kByteOrderMark = 0x01020304U;
constexpr std::size_t kHeaderBytes = 32;  // magic, version, byte order, payload size, checksum
constexpr std::uint64_t kMaxCount = std::uint64_t{1} << 40U;

}  // namespace

// Four independent lanes of eight bytes, combined at the end: one lane's
// multiply waits for the one before, four keep the multiplier busy (a 100 MB
// file is checked in about 8 ms instead of 25).
std::uint64_t checksum(std::string_view data) {
  constexpr std::uint64_t kPrime = 0x100000001B3ULL;
  std::uint64_t lanes[4] = {0xCBF29CE484222325ULL ^ data.size(), 0x84222325CBF29CE4ULL, 0x9E3779B97F4A7C15ULL,
                            0xD6E8FEB86659FD93ULL};
  const auto mix = [](std::uint64_t h, std::uint64_t w) {
    h = (h ^ w) * kPrime;
    return h ^ (h >> 29U);
  };
  std::size_t i = 0;
  for (; i + 32 <= data.size(); i += 32) {
    for (std::size_t lane = 0; lane < 4; ++lane) {
      std::uint64_t w = 0;
      std::memcpy(&w, data.data() + i + 8 * lane, 8);
      lanes[lane] = mix(lanes[lane], w);
    }
  }
  std::uint64_t h = lanes[0];
  for (std::size_t lane = 1; lane < 4; ++lane) h = mix(h, lanes[lane]);
  for (; i < data.size(); ++i) h = (h ^ static_cast<unsigned char>(data[i])) * kPrime;
  return h;
}

namespace {

class Writer {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put(std::string_view s) {
    put<std::uint64_t>(s.size());
    out_.append(s);
    pad();
  }
  template <typename T>
  void put_array(ArrayView<T> v) {
    put<std::uint64_t>(v.size());
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    pad();
  }
  void put_strings(const std::vector<std::string>& v) {
    put<std::uint64_t>(v.size());
    for (const std::string& s : v) put(std::string_view(s));
  }
  std::string& bytes() { return out_; }

 private:
  void pad() { out_.append((8 - out_.size() % 8) % 8, '\0'); }
  std::string out_;
};

// Every read is bounds-checked: a short or altered file gives an Error at the
// byte where it goes wrong, never a read past the end.
class Reader {
 public:
  Reader(std::string_view data, std::size_t base, const std::string& source)
      : data_(data), base_(base), source_(source) {}

  template <typename T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, data_.data() + pos_, sizeof value);
    pos_ += sizeof value;
    return value;
  }
  std::uint64_t count(std::size_t element_bytes) {
    const auto n = get<std::uint64_t>();
    if (n > kMaxCount || n * element_bytes > data_.size() - pos_) fail("count past the end of the file");
    return n;
  }
  // An array where it lies (the data must outlive the view).
  template <typename T>
  ArrayView<T> array() {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= 8);
    const std::uint64_t n = count(sizeof(T));
    const char* at = data_.data() + pos_;
    // Sections are 8-byte aligned in the file, and the file in memory.
    if (reinterpret_cast<std::uintptr_t>(at) % alignof(T) != 0) fail("array not aligned in memory");
    pos_ += n * sizeof(T);
    skip_pad();
    return ArrayView<T>(reinterpret_cast<const T*>(at), n);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
  }
  std::string_view view() {
    const std::uint64_t n = count(1);
    const std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    skip_pad();
    return s;
  }
  // An array left where it is: its offset in the file and its element count.
  template <typename T>
  std::pair<std::size_t, std::uint64_t> skip_array() {
    const std::uint64_t n = count(sizeof(T));
    const std::size_t at = offset();
    pos_ += n * sizeof(T);
    skip_pad();
    return {at, n};
  }
  bool at_end() const { return pos_ == data_.size(); }
  std::size_t offset() const { return base_ + pos_; }
  [[noreturn]] void fail(const std::string& what) const { fail_at(offset(), what); }
  [[noreturn]] void fail_at(std::size_t offset, const std::string& what) const {
    throw Error(Error::Code::kSchema, "compiled gazetteer: " + what, source_, 0, 0, offset);
  }

 private:
  void need(std::size_t n) const {
    if (data_.size() - pos_ < n) fail("file cut short");
  }
  void skip_pad() {
    const std::size_t pad = (8 - pos_ % 8) % 8;
    need(pad);
    pos_ += pad;
  }

  std::string_view data_;
  std::size_t base_;
  const std::string& source_;
  std::size_t pos_ = 0;
};

void put_record(Writer& w, const EntityRecord& r) {
  w.put(std::string_view(r.id));
  w.put(std::string_view(r.name));
  w.put(std::string_view(r.type));
  w.put(std::string_view(r.gender));
  w.put_strings(r.aliases);
  w.put_strings(r.roles);
  w.put<std::uint64_t>(r.extra.size());
  for (const auto& [key, value] : r.extra) {
    w.put(std::string_view(key));
    w.put(std::string_view(value));
  }
}

// Keys are not forms (no length or blank rule), but text all the same.
bool valid_extra(std::string_view key, std::string_view value) {
  return !key.empty() && check_text(key).problem == FormProblem::kNone && text::check_utf8(value).invalid_bytes == 0;
}

// The rules of the text loaders (entities/forms.hpp), so that a compiled file
// cannot bring in what a JSON or TSV one could not: what is wrong with the
// record that `r` is at (put_record's layout), or nullptr. Reads past it.
// The compiler checks each record as written, the loader as read.
const char* invalid_record(Reader& r) {
  const auto bad = [](std::string_view s) { return check_form(s).problem != FormProblem::kNone; };
  if (bad(r.view())) return "id blank, too long, not UTF-8 or with a control character";
  if (bad(r.view())) return "name blank, too long, not UTF-8 or with a control character";
  if (bad(r.view())) return "type blank, too long, not UTF-8 or with a control character";
  if (!valid_gender(r.view())) return "gender other than m or f";
  for (int list = 0; list < 2; ++list) {  // aliases, roles
    for (std::uint64_t n = r.count(8); n > 0; --n) {
      if (bad(r.view())) return "alias or role blank, too long, not UTF-8 or with a control character";
    }
  }
  for (std::uint64_t n = r.count(16); n > 0; --n) {
    const std::string_view key = r.view();
    if (!valid_extra(key, r.view())) return "extra field not UTF-8";
  }
  return nullptr;
}

// Record index + 1 in the slot of each id (CompiledRecords::find), 0 in the
// others: twice as many slots as records or more, a power of two.
std::vector<std::uint32_t> id_slots(const std::vector<EntityRecord>& records) {
  std::size_t size = 2;
  while (size < 2 * records.size()) size *= 2;
  std::vector<std::uint32_t> slots(size, 0);
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::size_t k = CompiledRecords::id_hash(records[i].id) & (size - 1);
    while (slots[k] != 0) k = (k + 1) & (size - 1);
    slots[k] = static_cast<std::uint32_t>(i + 1);
  }
  return slots;
}

bool power_of_two(std::size_t n) { return n != 0 && (n & (n - 1)) == 0; }

// Slots in range and one empty at least (a probe for an absent id ends).
bool valid_id_table(std::string_view bytes, std::size_t at, std::uint64_t slots, std::size_t records) {
  if (!power_of_two(slots)) return false;
  bool empty = false;
  for (std::uint64_t k = 0; k < slots; ++k) {
    std::uint32_t value = 0;
    std::memcpy(&value, bytes.data() + at + k * sizeof value, sizeof value);
    if (value > records) return false;
    empty = empty || value == 0;
  }
  return empty;
}

// The invariants find() relies on to stay in bounds.
const char* inconsistency(const Matcher::TableViews& t, std::size_t records) {
  const std::size_t tokens = t.token_offsets.size();
  const std::size_t nodes = t.end_offsets.empty() ? 0 : t.end_offsets.size() - 1;
  if (!power_of_two(t.token_slots.size()) || t.token_slots.size() < 2 * tokens) return "token slots";
  if (!power_of_two(t.token_filter.size())) return "token filter";
  for (const ArrayView<std::uint64_t>* filter : {&t.lower_start_filter, &t.capital_start_filter, &t.edge_filter}) {
    if (!power_of_two(filter->size())) return "filter size";
  }
  if (!power_of_two(t.edge_keys.size()) || t.edge_children.size() != t.edge_keys.size()) return "edge slots";
  if (t.root_children.size() != tokens + 1 || nodes == 0) return "node count";
  std::uint32_t previous = 0;
  for (const std::uint32_t end : t.token_offsets) {
    if (end < previous || end > t.token_text.size()) return "token offsets";
    previous = end;
  }
  std::size_t used = 0;
  for (const Matcher::TokenSlot& slot : t.token_slots) {
    if (slot.id > tokens) return "token slot id";
    if (slot.id == 0) continue;
    ++used;
    const std::uint32_t begin = slot.id == 1 ? 0 : t.token_offsets[slot.id - 2];
    if (t.token_offsets[slot.id - 1] - begin != slot.bytes) return "token slot length";
  }
  if (used == t.token_slots.size()) return "token slots full";
  std::uint32_t previous_start = 0;
  for (const std::uint32_t id : t.lower_start_ids) {
    if (id <= previous_start || id > tokens) return "lower-case start id";
    previous_start = id;
  }
  std::size_t edges = 0;
  for (std::size_t i = 0; i < t.edge_keys.size(); ++i) {
    if (t.edge_keys[i] == 0) continue;
    ++edges;
    const std::uint64_t node = t.edge_keys[i] >> 32U;
    const std::uint64_t token = t.edge_keys[i] & 0xFFFFFFFFU;
    if (node >= nodes || token == 0 || token > tokens || t.edge_children[i] >= nodes) return "edge";
  }
  if (edges == t.edge_keys.size()) return "edge slots full";
  for (const std::uint32_t child : t.root_children) {
    if (child != Matcher::kNoNode && child >= nodes) return "root edge";
  }
  previous = 0;
  for (const std::uint32_t end : t.end_offsets) {
    if (end < previous || end > t.ends.size()) return "form ends";
    previous = end;
  }
  if (t.end_offsets.front() != 0) return "form ends";
  for (const Matcher::FormEnd& end : t.ends) {
    if (end.entity >= records) return "form entity";
  }
  return nullptr;
}

}  // namespace

bool is_compiled(std::string_view data) { return data.substr(0, kCompiledMagic.size()) == kCompiledMagic; }

std::uint64_t forms_fingerprint(const std::vector<EntityRecord>& records) {
  std::string forms = std::to_string(records.size());
  for (const EntityRecord& r : records) {
    forms += '\x01';
    forms += r.id;
    forms += '\0';
    forms += r.name;
    for (const std::string& alias : r.aliases) {
      forms += '\0';
      forms += alias;
    }
  }
  return checksum(forms);
}

DefaultPart builtin_forms() {
  static const DefaultPart forms{Gazetteer::builtin().size(), forms_fingerprint(Gazetteer::builtin().records())};
  return forms;
}

std::string serialize(const std::vector<EntityRecord>& records, const Matcher& matcher, DefaultPart defaults) {
  if (records.size() >= 0xFFFFFFFFULL) throw Error(Error::Code::kTooLarge, "cannot compile: more than 2^32 entities");
  Writer payload;
  payload.put<std::uint64_t>(records.size());
  std::unordered_map<std::string_view, std::size_t> seen;
  static const std::string kWritten = "the record being compiled";
  for (const EntityRecord& r : records) {
    const std::size_t at = payload.bytes().size();
    put_record(payload, r);
    Reader written(std::string_view(payload.bytes()).substr(at), 0, kWritten);
    if (const char* what = invalid_record(written)) {
      throw Error(Error::Code::kSchema, "cannot compile entity \"" + r.id + "\": " + what);
    }
    if (!seen.emplace(r.id, 0).second)
      throw Error(Error::Code::kDuplicateId, "cannot compile: entity id \"" + r.id + "\" twice");
  }
  const std::vector<std::uint32_t> ids = id_slots(records);
  payload.put_array(ArrayView<std::uint32_t>(ids));
  payload.put(defaults.records);
  payload.put(defaults.fingerprint);
  const Matcher::TableViews& t = matcher.table_views();
  payload.put(std::string_view(t.token_text));
  payload.put_array(t.token_offsets);
  payload.put_array(t.token_slots);
  payload.put_array(t.lower_start_ids);
  payload.put_array(t.token_filter);
  payload.put_array(t.lower_start_filter);
  payload.put_array(t.capital_start_filter);
  payload.put_array(t.root_children);
  payload.put_array(t.edge_keys);
  payload.put_array(t.edge_children);
  payload.put_array(t.edge_filter);
  payload.put_array(t.end_offsets);
  payload.put_array(t.ends);
  payload.put<std::uint64_t>(t.form_count);

  Writer file;
  file.bytes() += kCompiledMagic;
  file.put(kCompiledVersion);
  file.put(kByteOrderMark);
  file.put<std::uint64_t>(payload.bytes().size());
  file.put(checksum(payload.bytes()));
  file.bytes() += payload.bytes();
  return std::move(file.bytes());
}

Compiled deserialize(const std::shared_ptr<const FileBytes>& file, const std::string& source) {
  const std::string_view data = file->bytes();
  Reader header(data.substr(0, kHeaderBytes), 0, source);
  if (!is_compiled(data)) header.fail("not a compiled parole gazetteer (no PAROLEGZ header)");
  header.get<std::uint64_t>();  // the magic
  const auto version = header.get<std::uint32_t>();
  if (version != kCompiledVersion) {
    header.fail("format version " + std::to_string(version) + ", this parole reads version " +
                std::to_string(kCompiledVersion) + ": compile it again with this version");
  }
  if (header.get<std::uint32_t>() != kByteOrderMark) header.fail("compiled on a machine of the other byte order");
  const auto size = header.get<std::uint64_t>();
  const auto sum = header.get<std::uint64_t>();
  const std::string_view payload = data.substr(kHeaderBytes);
  if (payload.size() != size) header.fail("file cut short or extended (payload size differs from the header)");
  if (checksum(payload) != sum) header.fail("checksum mismatch: the file is damaged");

  // The records are checked where they lie, and left there (CompiledRecords).
  Reader r(payload, kHeaderBytes, source);
  const std::uint64_t records = r.count(8);
  if (records >= 0xFFFFFFFFULL) r.fail("more than 2^32 entities");
  std::vector<std::uint64_t> starts;
  starts.reserve(records);
  for (std::uint64_t i = 0; i < records; ++i) {
    starts.push_back(r.offset());
    if (const char* what = invalid_record(r)) r.fail_at(starts.back(), what);
  }
  const auto [id_table, slots] = r.skip_array<std::uint32_t>();
  if (!valid_id_table(data, id_table, slots, records)) r.fail_at(id_table, "inconsistent id table");
  Compiled out;
  out.records = std::make_shared<const CompiledRecords>(file, std::move(starts), id_table, slots);
  out.defaults.records = r.get<std::uint64_t>();
  out.defaults.fingerprint = r.get<std::uint64_t>();
  if (out.defaults.records >= 0xFFFFFFFFULL - records) r.fail("more than 2^32 entities");
  Matcher::TableViews t;
  t.token_text = r.view();
  t.token_offsets = r.array<std::uint32_t>();
  t.token_slots = r.array<Matcher::TokenSlot>();
  t.lower_start_ids = r.array<std::uint32_t>();
  t.token_filter = r.array<std::uint64_t>();
  t.lower_start_filter = r.array<std::uint64_t>();
  t.capital_start_filter = r.array<std::uint64_t>();
  t.root_children = r.array<std::uint32_t>();
  t.edge_keys = r.array<std::uint64_t>();
  t.edge_children = r.array<std::uint32_t>();
  t.edge_filter = r.array<std::uint64_t>();
  t.end_offsets = r.array<std::uint32_t>();
  t.ends = r.array<Matcher::FormEnd>();
  t.form_count = r.get<std::uint64_t>();
  if (!r.at_end()) r.fail("data after the tables");
  if (const char* what = inconsistency(t, out.records->size() + out.defaults.records)) {
    header.fail(std::string("inconsistent tables (") + what + ")");
  }
  out.matcher = std::make_shared<const Matcher>(file, t);
  return out;
}

}  // namespace parole::entities

namespace parole {

Gazetteer Gazetteer::from_compiled(const std::shared_ptr<const entities::FileBytes>& file, const std::string& source) {
  Gazetteer g;
  g.compiled_ = std::make_shared<const entities::Compiled>(entities::deserialize(file, source));
  g.source_ = source;
  return g;
}

// Mapped rather than read: the records stay in the file until a document
// names them, and the tables are copied once, straight from the page cache.
Gazetteer Gazetteer::from_compiled_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(Error::Code::kIo, "cannot open gazetteer file: " + std::string(std::strerror(errno)), path);
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size == 0) {
    ::close(fd);
    return from_compiled(entities::FileBytes::copy_of({}), path);
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED)
    throw Error(Error::Code::kIo, "cannot map gazetteer file: " + std::string(std::strerror(errno)), path);
  return from_compiled(entities::FileBytes::mapped(map, size), path);
}

void Gazetteer::save_compiled(const std::string& path, DefaultForms default_forms) const {
  const entities::DefaultPart builtin = entities::builtin_forms();
  const bool included = default_forms == DefaultForms::kIncluded;
  std::string bytes;
  if (compiled_ && (compiled_->defaults.records == 0) != included &&
      (!included || compiled_->defaults.fingerprint == builtin.fingerprint)) {
    bytes = entities::serialize(compiled_->records->all(), *compiled_->matcher, compiled_->defaults);
  } else if (included) {
    const std::vector<EntityRecord>& own = records();
    entities::RecordStore forms;
    forms.add_borrowed(own);
    forms.add_borrowed(Gazetteer::builtin().records());
    bytes = entities::serialize(own, entities::Matcher(forms), builtin);
  } else {
    bytes = entities::serialize(records(), entities::Matcher(records()), {});
  }
  // Written beside, then renamed over the file: a process that has the old
  // file mapped keeps reading it, where rewriting it in place would cut the
  // mapping short under that process (SIGBUS).
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
    const std::string why = std::strerror(errno);
    std::remove(temporary.c_str());
    throw Error(Error::Code::kIo, "cannot write compiled gazetteer: " + why, path);
  }
  out.close();
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    std::remove(temporary.c_str());
    throw Error(Error::Code::kIo, "cannot write compiled gazetteer: " + why, path);
  }
}

}  // namespace parole
