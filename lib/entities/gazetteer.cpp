// Loading gazetteers from JSON, JSON Lines and TSV. Every record is validated;
// the first problem throws parole::Error with the file, line, column and byte
// offset of the field at fault (nothing is skipped or overwritten silently).
#include <algorithm>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "data/embedded.hpp"
#include "entities/compiled.hpp"
#include "entities/forms.hpp"
#include "entities/json_layout.hpp"
#include "parole/parole.hpp"
#include "text/tsv.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

using Json = nlohmann::json;
using entities::JsonLayout;
using entities::JsonMember;

// Extra fields are echoed in the output; serialising is recursive, so their
// depth is bounded (the parser itself accepts any depth).
constexpr std::size_t kMaxExtraDepth = 256;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// Depth of a JSON value, without recursion.
std::size_t nesting_depth(const nlohmann::json& root) {
  std::size_t deepest = 0;
  std::vector<std::pair<const nlohmann::json*, std::size_t>> stack{{&root, 1}};
  while (!stack.empty()) {
    const auto [value, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (deepest > kMaxExtraDepth) return deepest;
    if (value->is_structured()) {
      for (const auto& child : *value) stack.emplace_back(&child, depth + 1);
    }
  }
  return deepest;
}

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

std::string in_quotes(std::string_view key) { return "\"" + std::string(key) + "\""; }

// A required field given but empty, in JSON or TSV.
void require_filled(std::string_view value, const char* key, const Site& site) {
  if (value.empty()) site.fail(Error::Code::kSchema, "field " + in_quotes(key) + " is empty", site.at(key));
}

std::string require_string(const Json& obj, const char* key, bool required, const Site& site) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) site.fail(Error::Code::kSchema, "missing required field " + in_quotes(key), site.offset);
    return {};
  }
  if (!it->is_string())
    site.fail(Error::Code::kSchema, "field " + in_quotes(key) + " must be a string, not " + it->type_name(),
              site.at(key));
  std::string value = it->get<std::string>();
  if (required) require_filled(value, key, site);
  return value;
}

std::vector<std::string> string_list(const Json& obj, const char* key, const Site& site) {
  std::vector<std::string> out;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) {
    site.fail(Error::Code::kSchema,
              "field " + in_quotes(key) + " must be an array of strings, not " + std::string(it->type_name()),
              site.at(key));
  }
  for (const Json& item : *it) {
    if (!item.is_string()) {
      site.fail(Error::Code::kSchema,
                "field " + in_quotes(key) + " must hold only strings, not " + std::string(item.type_name()),
                site.at_item(key, out.size()));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// The rules of entities/forms.hpp, as a positioned error. `what` names the
// field; `item` numbers an element of a list from 1 (0: not a list). The
// label is only written out for an error: a gazetteer has many aliases.
void check_form(const std::string& form, const char* what, std::size_t item, const Site& site, std::size_t where) {
  const entities::FormCheck check = entities::check_form(form);
  if (check.problem == entities::FormProblem::kNone) return;
  const std::string label = item == 0 ? std::string(what) : std::string(what) + " " + std::to_string(item);
  switch (check.problem) {
    case entities::FormProblem::kNone:
      return;
    case entities::FormProblem::kBlank:
      site.fail(Error::Code::kSchema, "empty " + label, where);
    case entities::FormProblem::kTooLong:
      site.fail(Error::Code::kTooLarge,
                label + " of " + std::to_string(form.size()) + " bytes is longer than " +
                    std::to_string(entities::kMaxFormBytes) + " bytes",
                where);
    case entities::FormProblem::kNotUtf8:
      site.fail(Error::Code::kEncoding, label + " is not valid UTF-8", site.verbatim ? where + check.at : where);
    case entities::FormProblem::kControl: {
      static const char* const kHex = "0123456789ABCDEF";
      const auto c = static_cast<unsigned char>(form[check.at]);
      std::string message = label + " contains the control character U+00";
      message += kHex[c >> 4U];
      message += kHex[c & 0xFU];
      site.fail(Error::Code::kSchema, message, site.verbatim ? where + check.at : where);
    }
  }
}

void check_forms(const EntityRecord& rec, const Site& site) {
  check_form(rec.id, "id", 0, site, site.at("id"));
  check_form(rec.type, "type", 0, site, site.at("type"));
  check_form(rec.name, "name", 0, site, site.at("name"));
  for (std::size_t i = 0; i < rec.aliases.size(); ++i) {
    check_form(rec.aliases[i], "alias", i + 1, site, site.at_item("aliases", i));
  }
  for (std::size_t i = 0; i < rec.roles.size(); ++i) {
    check_form(rec.roles[i], "role", i + 1, site, site.at_item("roles", i));
  }
}

EntityRecord record_from_json(const Json& obj, const Site& site) {
  if (!obj.is_object())
    site.fail(Error::Code::kSchema, std::string("an entity must be a JSON object, not ") + obj.type_name(),
              site.offset);
  EntityRecord rec;
  rec.id = require_string(obj, "id", true, site);
  rec.name = require_string(obj, "name", true, site);
  rec.type = require_string(obj, "type", true, site);
  rec.gender = require_string(obj, "gender", false, site);
  if (!entities::valid_gender(rec.gender)) {
    site.fail(Error::Code::kSchema, "field \"gender\" must be \"m\" or \"f\"", site.at("gender"));
  }
  rec.aliases = string_list(obj, "aliases", site);
  rec.roles = string_list(obj, "roles", site);
  check_forms(rec, site);
  for (const auto& [key, value] : obj.items()) {
    if (key == "id" || key == "name" || key == "type" || key == "gender" || key == "aliases" || key == "roles")
      continue;
    if (nesting_depth(value) > kMaxExtraDepth) {
      site.fail(Error::Code::kSchema,
                "field " + in_quotes(key) + " is nested deeper than " + std::to_string(kMaxExtraDepth) + " levels",
                site.at(key));
    }
    rec.extra.emplace(key, value.dump());
  }
  return rec;
}

// Offset of the value quoted in a nlohmann message (« … parsing '1e999' »), 0 if not found.
std::size_t offending_value_offset(std::string_view data, const std::string& message) {
  const std::size_t open = message.rfind("parsing '");
  if (open == std::string::npos) return 0;
  const std::size_t from = open + 9;
  const std::size_t close = message.find('\'', from);
  if (close == std::string::npos || close == from) return 0;
  const std::size_t at = data.find(message.substr(from, close - from));
  return at == std::string_view::npos ? 0 : at;
}

// nlohmann keeps the last of two equal keys: that would drop a field (or a
// whole "entities" list) silently.
void check_duplicate_keys(const JsonLayout& layout, const Site& site, std::size_t base) {
  if (!layout.duplicate) return;
  const Position first = site.source.at(base + layout.duplicate->first_offset);
  site.fail(Error::Code::kSchema,
            "duplicate key " + in_quotes(layout.duplicate->key) + " in one object (first at line " +
                std::to_string(first.line) + ", column " + std::to_string(first.column) + ")",
            base + layout.duplicate->offset);
}

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

// Whether a name, alias, role, id or type passes check_form, for the quick
// paths, which leave every explanation to the checks above.
bool form_ok(std::string_view form) { return entities::check_form(form).problem == entities::FormProblem::kNone; }

// check_forms() and the gender rule, without a word of why.
bool record_ok(const EntityRecord& rec) {
  if (!form_ok(rec.id) || !form_ok(rec.type) || !form_ok(rec.name) || !entities::valid_gender(rec.gender)) return false;
  for (const std::string& alias : rec.aliases) {
    if (!form_ok(alias)) return false;
  }
  for (const std::string& role : rec.roles) {
    if (!form_ok(role)) return false;
  }
  return true;
}

// Reads the records of a gazetteer's JSON straight into EntityRecord: one
// pass over the text, no document tree, no second scan for positions (most
// of the loading time of the embedded gazetteer went there). It only says
// whether it could: what it does not take (anything wrong, and whatever it
// is unsure of) the loader reads again with nlohmann::json and the checks
// above, which say what is wrong and where. So it must take nothing they
// refuse, and read everything it takes as they do; values it has no use for
// (extra fields, other keys of a document) are read by nlohmann::json.
class QuickReader {
 public:
  // One JSON Lines line: one record.
  bool line(std::string_view text, EntityRecord& rec, std::size_t& id_at) {
    in_.start(text);
    return record(rec, id_at) && in_.at_end();
  }
  // A document {"entities": [...]}: its records, added to the loader.
  bool document(std::string_view text, Loader& loader) {
    in_.start(text);
    if (!in_.open('{')) return false;
    std::vector<std::string_view> keys;
    std::deque<std::string> decoded;  // keys with escapes
    bool records = false;
    do {
      keys.emplace_back();
      if (!key(keys.back(), decoded) || repeated(keys)) return false;
      if (keys.back() != "entities") {
        if (!parsed_value()) return false;
        continue;
      }
      records = true;
      if (!in_.open('[')) return false;
      if (in_.closes(']')) continue;
      do {
        EntityRecord& rec = loader.next();
        std::size_t id_at = 0;
        if (!record(rec, id_at)) {
          loader.discard();
          return false;
        }
        if (!loader.accept(id_at)) return false;
      } while (in_.comma());
      if (!in_.closes(']')) return false;
    } while (in_.comma());
    return in_.closes('}') && in_.at_end() && records;
  }

 private:
  // A key (viewed in the text, or decoded into `decoded`), its colon and the space around.
  bool key(std::string_view& out, std::deque<std::string>& decoded) {
    in_.skip_space();
    if (!in_.plain_string(out)) {
      decoded.emplace_back();
      if (!in_.escaped_string(decoded.back())) return false;
      out = decoded.back();
    }
    return in_.open(':');
  }
  // Whether the last key is one of the others (the checks name the first repeat).
  static bool repeated(const std::vector<std::string_view>& keys) {
    return std::find(keys.begin(), keys.end() - 1, keys.back()) != keys.end() - 1;
  }
  // A list of strings (aliases, roles), or null for none: read first, then
  // copied into a list of the right size.
  bool strings(std::vector<std::string>& out) {
    if (in_.null()) return true;
    if (!in_.open('[')) return false;
    items_.clear();
    decoded_items_.clear();
    if (!in_.closes(']')) {
      do {
        items_.emplace_back();
        if (!in_.plain_string(items_.back())) {
          decoded_items_.emplace_back();
          if (!in_.escaped_string(decoded_items_.back())) return false;
          items_.back() = decoded_items_.back();
        }
      } while (in_.comma());
      if (!in_.closes(']')) return false;
    }
    out.assign(items_.begin(), items_.end());
    return true;
  }
  // A value nlohmann::json reads whole, without a repeated key inside.
  std::optional<Json> parsed_value() {
    const std::string_view value = in_.value_text();
    if (value.empty()) return std::nullopt;
    try {
      Json parsed = Json::parse(value.begin(), value.end());
      if (parsed.is_structured() && entities::scan_json(value, false).duplicate) return std::nullopt;
      return parsed;
    } catch (const Json::exception&) {
      return std::nullopt;
    }
  }
  // An extra field's value as record_from_json keeps it (dump()): a string
  // without escapes is its own text.
  bool extra_value(std::string& out) {
    const std::size_t from = in_.pos();
    std::string_view plain;
    if (in_.plain_string(plain)) {
      out.assign(in_.text().substr(from, in_.pos() - from));
      return true;
    }
    const std::optional<Json> value = parsed_value();
    if (!value || nesting_depth(*value) > kMaxExtraDepth) return false;
    out = value->dump();
    return true;
  }

  // A record object: record_from_json's fields, with its rules (record_ok).
  bool record(EntityRecord& rec, std::size_t& id_at) {
    if (!in_.open('{') || in_.closes('}')) return false;  // (no id)
    keys_.clear();
    decoded_keys_.clear();
    bool id = false;
    bool name = false;
    bool type = false;
    do {
      keys_.emplace_back();
      if (!key(keys_.back(), decoded_keys_) || repeated(keys_)) return false;
      const std::string_view k = keys_.back();
      if (k == "id") {
        id_at = in_.pos();
        if (!in_.string(rec.id)) return false;  // null too: the id is required
        id = true;
      } else if (k == "name") {
        if (!in_.string(rec.name)) return false;
        name = true;
      } else if (k == "type") {
        if (!in_.string(rec.type)) return false;
        type = true;
      } else if (k == "gender") {
        if (!in_.null() && !in_.string(rec.gender)) return false;
      } else if (k == "aliases") {
        if (!strings(rec.aliases)) return false;
      } else if (k == "roles") {
        if (!strings(rec.roles)) return false;
      } else {
        std::string value;
        if (!extra_value(value)) return false;
        rec.extra.emplace(k, std::move(value));
      }
    } while (in_.comma());
    return in_.closes('}') && id && name && type && record_ok(rec);
  }

  entities::JsonCursor in_;
  std::vector<std::string_view> keys_;    // of the record being read
  std::deque<std::string> decoded_keys_;  // its keys with escapes
  std::vector<std::string_view> items_;   // of the list being read
  std::deque<std::string> decoded_items_;
};

Json parse_json(std::string_view data, const Loader& loader) {
  try {
    return Json::parse(data.begin(), data.end());
  } catch (const Json::parse_error& e) {
    const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
    std::string message = e.what();
    const std::size_t cut = message.find("syntax error");
    loader.site(0).fail(Error::Code::kJsonSyntax,
                        "invalid JSON: " + (cut == std::string::npos ? message : message.substr(cut)), at);
  } catch (const Json::exception& e) {
    // A value the parser cannot hold (« 1e999 »): nlohmann gives no position,
    // but names the value; the first occurrence is where parsing stopped.
    loader.site(0).fail(Error::Code::kJsonSyntax, std::string("invalid JSON value: ") + e.what(),
                        offending_value_offset(data, e.what()));
  }
}

// A JSON document read by nlohmann::json and checked record by record, every
// problem positioned: what QuickReader leaves.
void load_json_checked(Loader& loader) {
  const std::string_view data = loader.data();
  const Json doc = parse_json(data, loader);
  const JsonLayout layout = entities::scan_json(data, false);
  check_duplicate_keys(layout, loader.site(0), 0);
  if (!doc.is_object() || !doc.contains("entities")) {
    loader.site(0).fail(Error::Code::kSchema, "expected an object {\"entities\": [...]}", layout.root_offset);
  }
  if (!doc["entities"].is_array()) {
    loader.site(0).fail(Error::Code::kSchema,
                        std::string("\"entities\" must be an array, not ") + doc["entities"].type_name(),
                        layout.entities_offset.value_or(layout.root_offset));
  }
  std::size_t index = 0;
  for (const Json& item : doc["entities"]) {
    Site site = loader.site(layout.root_offset);
    if (index < layout.records.size()) {  // always, as both read the same valid JSON
      site.offset = layout.records[index].offset;
      site.members = &layout.records[index].members;
    }
    site.prefix = "entities[" + std::to_string(index) + "]: ";
    loader.add(record_from_json(item, site), site);
    ++index;
  }
}

// Debug builds read again the checked way what a quick path took, and stop
// if the two disagree: a quick path must take nothing that the checks
// refuse, and read what it takes as they do. `from`: the first record the
// quick path added.
template <typename ReadChecked>
void check_agrees([[maybe_unused]] const Loader& loader, [[maybe_unused]] std::size_t from,
                  [[maybe_unused]] ReadChecked read_checked) {
#ifndef NDEBUG
  std::vector<EntityRecord> checked;
  Loader again(loader.data(), loader.source().name(), checked);
  try {
    read_checked(again);
  } catch (const Error& e) {
    throw std::logic_error(std::string("gazetteer: a quick path took what the checks refuse: ") + e.what());
  }
  bool same = checked.size() == loader.size() - from;
  for (std::size_t i = 0; same && i < checked.size(); ++i) {
    const EntityRecord& a = checked[i];
    const EntityRecord& b = loader[from + i];
    same = a.id == b.id && a.name == b.name && a.type == b.type && a.aliases == b.aliases && a.gender == b.gender &&
           a.roles == b.roles && a.extra == b.extra;
  }
  if (!same)
    throw std::logic_error("gazetteer: a quick path read records otherwise than the checks, in " +
                           loader.source().name());
#endif
}

void load_json(Loader& loader) {
  QuickReader reader;
  if (reader.document(loader.data(), loader)) {
    check_agrees(loader, 0, [](Loader& again) { load_json_checked(again); });
    return;
  }
  loader.reset();
  load_json_checked(loader);
}

// One JSON Lines line read by nlohmann::json and checked, every problem
// positioned: what QuickReader leaves.
void load_jsonl_line_checked(Loader& loader, const text::TsvRow& row, std::string_view line) {
  Json obj;
  try {
    obj = Json::parse(line.begin(), line.end());
  } catch (const Json::parse_error& e) {
    const std::size_t column = e.byte == 0 ? 1 : e.byte;
    throw Error(Error::Code::kJsonSyntax, "invalid JSON line", loader.source().name(), row.line, column,
                row.offset + column - 1);
  } catch (const Json::exception& e) {
    const std::size_t column = offending_value_offset(line, e.what()) + 1;
    throw Error(Error::Code::kJsonSyntax, std::string("invalid JSON value: ") + e.what(), loader.source().name(),
                row.line, column, row.offset + column - 1);
  }
  JsonLayout layout = entities::scan_json(line, true);
  check_duplicate_keys(layout, loader.site(row.offset), row.offset);
  Site site = loader.site(row.offset + layout.root_offset);
  if (!layout.records.empty()) {
    for (JsonMember& m : layout.records.front().members) {
      m.value_offset += row.offset;
      for (std::size_t& item : m.items) item += row.offset;
    }
    site.members = &layout.records.front().members;
  }
  loader.add(record_from_json(obj, site), site);
}

void load_jsonl(Loader& loader) {
  const std::string_view data = loader.data();
  loader.expect(text::count_line_feeds(data) + 1);
  QuickReader reader;
  text::for_each_row(data, false, [&](const text::TsvRow& row) {
    const std::string_view line =
        row.fields.size() == 1 ? row.fields[0] : data.substr(row.offset, data.find('\n', row.offset) - row.offset);
    EntityRecord& rec = loader.next();
    std::size_t id_at = 0;
    if (reader.line(line, rec, id_at)) {
      if (loader.accept(row.offset + id_at)) {
        check_agrees(loader, loader.size() - 1, [&](Loader& again) { load_jsonl_line_checked(again, row, line); });
        return;
      }
    } else {
      loader.discard();
    }
    load_jsonl_line_checked(loader, row, line);
  });
}

// A TSV row holds strings only: record_from_json's checks that apply to it,
// in its order (so the same first error), without a JSON object per row.
EntityRecord record_from_tsv(const text::TsvRow& row, const std::vector<std::string_view>& aliases, const Site& site) {
  EntityRecord rec;
  rec.id = row.fields[0];
  rec.type = row.fields[1];
  rec.name = row.fields[2];
  require_filled(rec.id, "id", site);
  require_filled(rec.name, "name", site);
  require_filled(rec.type, "type", site);
  rec.aliases.assign(aliases.begin(), aliases.end());
  check_forms(rec, site);
  return rec;
}

// A TSV row checked field by field, every problem positioned: the rows
// add_tsv_row() does not take.
void load_tsv_row_checked(Loader& loader, const text::TsvRow& row) {
  const char* const base = loader.data().data();
  auto offset_of = [base](std::string_view field) { return static_cast<std::size_t>(field.data() - base); };
  std::vector<JsonMember> members;
  std::vector<std::string_view> aliases;
  Site site = loader.site(offset_of(row.fields[0]));
  site.verbatim = true;
  if (row.fields.size() < 3 || row.fields.size() > 4) {
    site.fail(Error::Code::kSchema,
              "expected 3 or 4 tab-separated columns: id, type, name, aliases (|-separated); got " +
                  std::to_string(row.fields.size()),
              site.offset);
  }
  for (std::size_t i = 0; i < 3; ++i) {
    static const char* const kKeys[] = {"id", "type", "name"};
    members.push_back(JsonMember{kKeys[i], offset_of(row.fields[i]), offset_of(row.fields[i]), {}});
  }
  if (row.fields.size() == 4 && !row.fields[3].empty()) {
    aliases = text::split(row.fields[3], '|');
    JsonMember member{"aliases", offset_of(row.fields[3]), offset_of(row.fields[3]), {}};
    for (std::string_view alias : aliases) member.items.push_back(offset_of(alias));
    members.push_back(std::move(member));
  }
  site.members = &members;
  loader.add(record_from_tsv(row, aliases, site), site);
}

// A valid row (the rest is left to load_tsv_row_checked), built in place.
// `aliases`: reused from row to row.
bool add_tsv_row(Loader& loader, const text::TsvRow& row, std::vector<std::string_view>& aliases) {
  if (row.fields.size() < 3 || row.fields.size() > 4) return false;
  aliases.clear();
  if (row.fields.size() == 4 && !row.fields[3].empty()) {
    const std::string_view list = row.fields[3];
    for (std::size_t from = 0;;) {
      const std::size_t bar = list.find('|', from);
      aliases.push_back(list.substr(from, bar == std::string_view::npos ? std::string_view::npos : bar - from));
      if (bar == std::string_view::npos) break;
      from = bar + 1;
    }
  }
  if (!form_ok(row.fields[0]) || !form_ok(row.fields[1]) || !form_ok(row.fields[2])) return false;
  for (const std::string_view alias : aliases) {
    if (!form_ok(alias)) return false;
  }
  EntityRecord& rec = loader.next();
  rec.id = row.fields[0];
  rec.type = row.fields[1];
  rec.name = row.fields[2];
  rec.aliases.assign(aliases.begin(), aliases.end());
  return loader.accept(static_cast<std::size_t>(row.fields[0].data() - loader.data().data()));
}

void load_tsv(Loader& loader) {
  std::string_view data = loader.data();
  // Spreadsheets and Windows editors start UTF-8 files with a byte-order
  // mark: left in, it would hide the header and turn it into an entity.
  if (data.substr(0, kUtf8Bom.size()) == kUtf8Bom) data.remove_prefix(kUtf8Bom.size());
  bool first = true;
  std::vector<std::string_view> aliases;
  loader.expect(text::count_line_feeds(data) + 1);
  text::for_each_row(data, true, [&](const text::TsvRow& row) {
    const bool header = first && row.fields.size() >= 3 && row.fields[0] == "id" && row.fields[1] == "type";
    first = false;
    if (header) return;
    if (add_tsv_row(loader, row, aliases)) {
      check_agrees(loader, loader.size() - 1, [&](Loader& again) { load_tsv_row_checked(again, row); });
    } else {
      load_tsv_row_checked(loader, row);
    }
  });
}

Gazetteer::Format format_from_name(const std::string& path) {
  auto ends_with = [&](const std::string& suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".jsonl") || ends_with(".ndjson")) return Gazetteer::Format::kJsonLines;
  if (ends_with(".tsv") || ends_with(".tab")) return Gazetteer::Format::kTsv;
  return Gazetteer::Format::kJson;
}

// The records of JSON, JSON Lines or TSV data, appended to `out`.
void load_text(std::string_view data, Gazetteer::Format format, const std::string& source,
               std::vector<EntityRecord>& out) {
  Loader loader(data, source, out);
  switch (format) {
    case Gazetteer::Format::kJsonLines:
      load_jsonl(loader);
      break;
    case Gazetteer::Format::kTsv:
      load_tsv(loader);
      break;
    case Gazetteer::Format::kJson:
    case Gazetteer::Format::kAuto:
    case Gazetteer::Format::kCompiled:  // (handled by the caller)
      load_json(loader);
      break;
  }
}

}  // namespace

void Gazetteer::add(EntityRecord record) { records_.push_back(std::move(record)); }

Gazetteer Gazetteer::from_string(std::string_view data, Format format, const std::string& source) {
  if (format == Format::kCompiled || (format == Format::kAuto && entities::is_compiled(data))) {
    return from_compiled(data, source);
  }
  Gazetteer g;
  if (format == Format::kAuto) format = format_from_name(source);
  load_text(data, format, source, g.records_);
  return g;
}

Gazetteer Gazetteer::from_file(const std::string& path, Format format) {
  // A folder opens, then reads as nothing: it would pass for an empty or
  // malformed file.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw Error(Error::Code::kIo, "is a folder, not a gazetteer file", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Code::kIo, "cannot open gazetteer file", path);
  if (format == Format::kAuto) {
    std::string head(entities::kCompiledMagic.size(), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (entities::is_compiled(head)) format = Format::kCompiled;
    in.clear();
    in.seekg(0);
  }
  // Mapped, not read: compiled tables are large and used as they are.
  if (format == Format::kCompiled) return from_compiled_file(path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(Error::Code::kIo, "cannot read gazetteer file", path);
  return from_string(buffer.str(), format == Format::kAuto ? format_from_name(path) : format, path);
}

// The parts are read straight into one list (no record copied or moved);
// an id may appear in one part only.
const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer instance = [] {
    Gazetteer all;
    constexpr const char* kParts[] = {
        "gazetteer/curated.jsonl",     "gazetteer/countries.tsv", "gazetteer/cities.tsv",  "gazetteer/regions.tsv",
        "gazetteer/organisations.tsv", "gazetteer/agencies.tsv",  "gazetteer/people.jsonl"};
    std::size_t lines = 0;  // a record per line at most: room for all at once
    for (const char* name : kParts) {
      const std::string_view bytes = data::embedded(name);
      lines += text::count_line_feeds(bytes) + 1;
    }
    all.records_.reserve(lines);
    IdIndex ids(all.records_);
    ids.reserve(lines);
    std::vector<std::pair<std::size_t, std::string>> parts;  // first record, source
    for (const char* name : kParts) {
      const std::string_view bytes = data::embedded(name);
      if (bytes.empty()) continue;
      parts.emplace_back(all.records_.size(), std::string("embedded:") + name);
      const std::string& source = parts.back().second;
      // Text, named by extension: what from_string(bytes, kAuto, source) reads.
      load_text(bytes, format_from_name(source), source, all.records_);
      for (std::size_t i = parts.back().first; i < all.records_.size(); ++i) {
        const std::size_t earlier = ids.insert(i);
        if (earlier == IdIndex::kNone) continue;
        const auto part = std::upper_bound(parts.begin(), parts.end(), earlier,
                                           [](std::size_t index, const auto& p) { return index < p.first; }) -
                          1;
        throw Error(Error::Code::kDuplicateId,
                    "duplicate entity id " + in_quotes(all.records_[i].id) + " (also in " + part->second + ")", source);
      }
    }
    return all;
  }();
  return instance;
}

}  // namespace parole
