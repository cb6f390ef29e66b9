// Loading gazetteers from JSON, JSON Lines and TSV. Every record is validated;
// the first problem throws parole::Error with the file, line, column and byte
// offset of the field at fault (nothing is skipped or overwritten silently).
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

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

// One record and where its fields are: errors point at the field at fault.
struct Site {
  const std::string& source;
  const LineIndex& lines;
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
    const Position pos = lines.at(where);
    throw Error(code, prefix + message, source, pos.line, pos.column, pos.offset);
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
  const Position first = site.lines.at(base + layout.duplicate->first_offset);
  site.fail(Error::Code::kSchema,
            "duplicate key " + in_quotes(layout.duplicate->key) + " in one object (first at line " +
                std::to_string(first.line) + ", column " + std::to_string(first.column) + ")",
            base + layout.duplicate->offset);
}

// Adds records, refusing a second record with an id already loaded.
class Loader {
 public:
  Loader(std::string_view data, const std::string& source, Gazetteer& out)
      : data_(data), source_(source), lines_(data), out_(out) {}

  const LineIndex& lines() const { return lines_; }
  const std::string& source() const { return source_; }
  std::string_view data() const { return data_; }
  Site site(std::size_t offset) const { return Site{source_, lines_, offset, nullptr, false, {}}; }
  void expect(std::size_t records) { first_ids_.reserve(records); }

  void add(EntityRecord rec, const Site& site) {
    const std::size_t at = site.at("id");
    const auto [first, inserted] = first_ids_.emplace(rec.id, at);
    if (!inserted) {
      const Position pos = lines_.at(first->second);
      site.fail(Error::Code::kDuplicateId,
                "duplicate entity id " + in_quotes(rec.id) + " (first defined at line " + std::to_string(pos.line) +
                    ", column " + std::to_string(pos.column) + ")",
                at);
    }
    out_.add(std::move(rec));
  }

 private:
  std::string_view data_;
  const std::string& source_;
  LineIndex lines_;
  Gazetteer& out_;
  std::unordered_map<std::string, std::size_t> first_ids_;
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

void load_json(Loader& loader) {
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

void load_jsonl(Loader& loader) {
  const std::string_view data = loader.data();
  for (const text::TsvRow& row : text::read_tsv(data, false)) {
    const std::string_view line =
        row.fields.size() == 1 ? row.fields[0] : data.substr(row.offset, data.find('\n', row.offset) - row.offset);
    Json obj;
    try {
      obj = Json::parse(line.begin(), line.end());
    } catch (const Json::parse_error& e) {
      const std::size_t column = e.byte == 0 ? 1 : e.byte;
      throw Error(Error::Code::kJsonSyntax, "invalid JSON line", loader.source(), row.line, column,
                  row.offset + column - 1);
    } catch (const Json::exception& e) {
      const std::size_t column = offending_value_offset(line, e.what()) + 1;
      throw Error(Error::Code::kJsonSyntax, std::string("invalid JSON value: ") + e.what(), loader.source(), row.line,
                  column, row.offset + column - 1);
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

void load_tsv(Loader& loader) {
  std::string_view data = loader.data();
  // Spreadsheets and Windows editors start UTF-8 files with a byte-order
  // mark: left in, it would hide the header and turn it into an entity.
  if (data.substr(0, kUtf8Bom.size()) == kUtf8Bom) data.remove_prefix(kUtf8Bom.size());
  const char* const base = loader.data().data();
  auto offset_of = [base](std::string_view field) { return static_cast<std::size_t>(field.data() - base); };
  bool first = true;
  std::vector<JsonMember> members;
  std::vector<std::string_view> aliases;
  const text::TsvTable table = text::read_tsv(data);
  loader.expect(table.size());
  for (const text::TsvRow& row : table) {
    const bool header = first && row.fields.size() >= 3 && row.fields[0] == "id" && row.fields[1] == "type";
    first = false;
    if (header) continue;
    members.clear();
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
    aliases.clear();
    if (row.fields.size() == 4 && !row.fields[3].empty()) {
      aliases = text::split(row.fields[3], '|');
      JsonMember member{"aliases", offset_of(row.fields[3]), offset_of(row.fields[3]), {}};
      for (std::string_view alias : aliases) member.items.push_back(offset_of(alias));
      members.push_back(std::move(member));
    }
    site.members = &members;
    loader.add(record_from_tsv(row, aliases, site), site);
  }
}

Gazetteer::Format format_from_name(const std::string& path) {
  auto ends_with = [&](const std::string& suffix) {
    return path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".jsonl") || ends_with(".ndjson")) return Gazetteer::Format::kJsonLines;
  if (ends_with(".tsv") || ends_with(".tab")) return Gazetteer::Format::kTsv;
  return Gazetteer::Format::kJson;
}

}  // namespace

void Gazetteer::add(EntityRecord record) { records_.push_back(std::move(record)); }

Gazetteer Gazetteer::from_string(std::string_view data, Format format, const std::string& source) {
  if (format == Format::kCompiled || (format == Format::kAuto && entities::is_compiled(data))) {
    return from_compiled(data, source);
  }
  Gazetteer g;
  if (format == Format::kAuto) format = format_from_name(source);
  Loader loader(data, source, g);
  switch (format) {
    case Format::kJsonLines:
      load_jsonl(loader);
      break;
    case Format::kTsv:
      load_tsv(loader);
      break;
    case Format::kJson:
    case Format::kAuto:
    case Format::kCompiled:  // (handled above)
      load_json(loader);
      break;
  }
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

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer instance = [] {
    Gazetteer all;
    std::unordered_map<std::string, std::string> file_of_id;
    for (const char* name :
         {"gazetteer/curated.jsonl", "gazetteer/countries.tsv", "gazetteer/cities.tsv", "gazetteer/regions.tsv",
          "gazetteer/organisations.tsv", "gazetteer/agencies.tsv", "gazetteer/people.jsonl"}) {
      const std::string_view bytes = data::embedded(name);
      if (bytes.empty()) continue;
      const std::string source = std::string("embedded:") + name;
      Gazetteer part = from_string(bytes, Format::kAuto, source);
      for (EntityRecord& rec : part.records_) {
        const auto [first, inserted] = file_of_id.emplace(rec.id, source);
        if (!inserted) {
          throw Error(Error::Code::kDuplicateId,
                      "duplicate entity id " + in_quotes(rec.id) + " (also in " + first->second + ")", source);
        }
        all.add(std::move(rec));
      }
    }
    return all;
  }();
  return instance;
}

}  // namespace parole
