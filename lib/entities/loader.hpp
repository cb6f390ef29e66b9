// Where loaded gazetteer records go and where an error points: the source
// text and its name (lines counted only for an error message), the record
// and field at fault (Site), and the loader that refuses a second record
// with an id already taken. Internal to lib/entities/gazetteer.cpp and its
// quick reader.
#ifndef PAROLE_ENTITIES_LOADER_HPP
#define PAROLE_ENTITIES_LOADER_HPP

#include <algorithm>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/json_layout.hpp"
#include "parole/parole.hpp"

namespace parole::entities {

inline std::string in_quotes(std::string_view key) { return "\"" + std::string(key) + "\""; }

struct Position {
  std::size_t line = 0;
  std::size_t column = 0;
  std::size_t offset = 0;
};

// Where each line starts, so that turning an offset into a line and column
// does not rescan the data (a large JSON gazetteer has one record per line).
class LineIndex {
 public:
  explicit LineIndex(std::string_view data) : size_(data.size()) {
    starts_.push_back(0);
    for (const char* p = data.data(); p != nullptr;) {
      const std::size_t from = static_cast<std::size_t>(p - data.data());
      p = static_cast<const char*>(std::memchr(p, '\n', data.size() - from));
      if (p != nullptr) starts_.push_back(static_cast<std::size_t>(++p - data.data()));
    }
  }
  Position at(std::size_t offset) const {
    offset = std::min(offset, size_);
    const auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
    return {static_cast<std::size_t>(line - starts_.begin()) + 1, offset - *line + 1, offset};
  }

 private:
  std::size_t size_;
  std::vector<std::size_t> starts_;
};

// The text being loaded and its name. Where its lines start is only worked
// out for an error message: valid data never needs it.
class Source {
 public:
  Source(std::string_view data, const std::string& name) : data_(data), name_(name) {}
  std::string_view data() const { return data_; }
  const std::string& name() const { return name_; }
  Position at(std::size_t offset) const {
    if (!lines_) lines_.emplace(data_);
    return lines_->at(offset);
  }

 private:
  std::string_view data_;
  const std::string& name_;
  mutable std::optional<LineIndex> lines_;
};

// One record and where its fields are: errors point at the field at fault.
struct Site {
  const Source& source;
  std::size_t offset = 0;  // of the record
  const std::vector<JsonMember>* members = nullptr;
  // TSV: a field's value is its bytes in the data, so the offset of a bad
  // byte inside it is known exactly; in JSON, escapes break that.
  bool verbatim = false;
  std::string prefix;  // before the message: "entities[3]: " in a JSON document

  const JsonMember* member(std::string_view key) const {
    if (members == nullptr) return nullptr;
    for (const JsonMember& m : *members) {
      if (m.key == key) return &m;
    }
    return nullptr;
  }
  std::size_t at(std::string_view key) const {
    const JsonMember* m = member(key);
    return m != nullptr ? m->value_offset : offset;
  }
  std::size_t at_item(std::string_view key, std::size_t index) const {
    const JsonMember* m = member(key);
    if (m == nullptr) return offset;
    return index < m->items.size() ? m->items[index] : m->value_offset;
  }
  [[noreturn]] void fail(Error::Code code, const std::string& message, std::size_t where) const {
    const Position pos = source.at(where);
    throw Error(code, prefix + message, source.name(), pos.line, pos.column, pos.offset);
  }
};

// The records holding each id, to refuse a second record with an id already
// taken: open addressing over indices into the record vector, which may
// grow meanwhile (an index stays valid), without a copy of any id.
class IdIndex {
 public:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  explicit IdIndex(const std::vector<EntityRecord>& records) : records_(records) {}
  void reserve(std::size_t ids) {
    std::size_t slots = std::max<std::size_t>(slots_.size(), 16);
    while (ids * 2 > slots) slots *= 2;
    if (slots != slots_.size()) rehash(slots);
  }
  // Adds records[index] by its id, unless an earlier record has that id:
  // then its index, and nothing is added; else kNone.
  std::size_t insert(std::size_t index) {
    if ((count_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));
    const std::string& id = records_[index].id;
    for (std::size_t s = hash(id) & (slots_.size() - 1);; s = (s + 1) & (slots_.size() - 1)) {
      if (slots_[s] == 0) {
        slots_[s] = index + 1;
        ++count_;
        return kNone;
      }
      if (records_[slots_[s] - 1].id == id) return slots_[s] - 1;
    }
  }
  void clear() {
    std::fill(slots_.begin(), slots_.end(), 0);
    count_ = 0;
  }

 private:
  static std::size_t hash(std::string_view id) { return std::hash<std::string_view>()(id); }
  void rehash(std::size_t slots) {
    std::vector<std::size_t> old(slots, 0);
    old.swap(slots_);
    for (const std::size_t entry : old) {
      if (entry == 0) continue;
      std::size_t s = hash(records_[entry - 1].id) & (slots_.size() - 1);
      while (slots_[s] != 0) s = (s + 1) & (slots_.size() - 1);
      slots_[s] = entry;
    }
  }

  const std::vector<EntityRecord>& records_;
  std::vector<std::size_t> slots_;  // 1 + index of a record, 0: empty
  std::size_t count_ = 0;
};

// Adds records to `out`, refusing a second record with an id already loaded.
// A record is added whole (add()), or built in place: next() gives a new
// record, accept() keeps it if its id is new, discard() drops it.
class Loader {
 public:
  Loader(std::string_view data, const std::string& name, std::vector<EntityRecord>& out)
      : source_(data, name), out_(out), first_(out.size()), ids_(out) {}

  const Source& source() const { return source_; }
  std::string_view data() const { return source_.data(); }
  Site site(std::size_t offset) const { return Site{source_, offset, nullptr, false, {}}; }
  void expect(std::size_t records) {
    out_.reserve(out_.size() + records);
    id_offsets_.reserve(records);
    ids_.reserve(records);
  }

  void add(EntityRecord rec, const Site& site) {
    const std::size_t at = site.at("id");
    out_.push_back(std::move(rec));
    const std::size_t earlier = ids_.insert(out_.size() - 1);
    if (earlier != IdIndex::kNone) {
      const Position pos = source_.at(id_offsets_[earlier - first_]);
      const std::string message = "duplicate entity id " + in_quotes(out_.back().id) + " (first defined at line " +
                                  std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ")";
      out_.pop_back();
      site.fail(Error::Code::kDuplicateId, message, at);
    }
    id_offsets_.push_back(at);
  }

  EntityRecord& next() { return out_.emplace_back(); }
  // Keeps the record from next(), whose id is at id_offset, if no record
  // has its id yet; else drops it (add() says why).
  bool accept(std::size_t id_offset) {
    if (ids_.insert(out_.size() - 1) != IdIndex::kNone) {
      out_.pop_back();
      return false;
    }
    id_offsets_.push_back(id_offset);
    return true;
  }
  void discard() { out_.pop_back(); }
  // The records added so far, in order.
  std::size_t size() const { return out_.size() - first_; }
  const EntityRecord& operator[](std::size_t i) const { return out_[first_ + i]; }
  // Drops every record added, to load the data again.
  void reset() {
    out_.erase(out_.begin() + static_cast<std::ptrdiff_t>(first_), out_.end());
    id_offsets_.clear();
    ids_.clear();
  }

 private:
  Source source_;
  std::vector<EntityRecord>& out_;
  std::size_t first_;                    // the first record of this data in out_
  std::vector<std::size_t> id_offsets_;  // of each record's id, from first_ on
  IdIndex ids_;
};

}  // namespace parole::entities

#endif
