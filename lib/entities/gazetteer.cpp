// Loading gazetteers from JSON, JSON Lines and TSV. Every record is validated;
// the first problem throws parole::Error with the file, line and column.
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_set>

#include "data/embedded.hpp"
#include "entities/compiled.hpp"
#include "parole/parole.hpp"
#include "text/tsv.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxFormBytes = 4096;
// Extra fields are echoed in the output; serialising is recursive, so their
// depth is bounded (the parser itself accepts any depth).
constexpr std::size_t kMaxExtraDepth = 256;

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

Position position_of(std::string_view data, std::size_t offset) {
  Position pos{1, 1, std::min(offset, data.size())};
  for (std::size_t i = 0; i < pos.offset; ++i) {
    if (data[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

[[noreturn]] void fail(Error::Code code, const std::string& message, const std::string& source, const Position& pos) {
  throw Error(code, message, source, pos.line, pos.column, pos.offset);
}

// Byte offsets of the objects of the top-level "entities" array, so that a
// schema error can name the line of the record (nlohmann keeps no positions).
std::vector<std::size_t> entity_object_offsets(std::string_view data) {
  std::vector<std::size_t> offsets;
  int depth = 0;
  bool in_string = false;
  bool entities_array = false;
  std::string last_key;
  std::string current;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        if (depth == 1) last_key = current;
      } else if (depth == 1) {
        current.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      current.clear();
    } else if (c == '{' || c == '[') {
      if (depth == 1 && c == '[') entities_array = last_key == "entities";
      if (depth == 2 && c == '{' && entities_array) offsets.push_back(i);
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return offsets;
}

std::string require_string(const Json& obj, const char* key, bool required, const std::string& source,
                           const Position& pos) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) fail(Error::Code::kSchema, std::string("missing required field \"") + key + "\"", source, pos);
    return {};
  }
  if (!it->is_string()) fail(Error::Code::kSchema, std::string("field \"") + key + "\" must be a string", source, pos);
  std::string value = it->get<std::string>();
  if (required && value.empty()) fail(Error::Code::kSchema, std::string("field \"") + key + "\" is empty", source, pos);
  return value;
}

std::vector<std::string> string_list(const Json& obj, const char* key, const std::string& source, const Position& pos) {
  std::vector<std::string> out;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array())
    fail(Error::Code::kSchema, std::string("field \"") + key + "\" must be an array of strings", source, pos);
  for (const Json& item : *it) {
    if (!item.is_string())
      fail(Error::Code::kSchema, std::string("field \"") + key + "\" must hold only strings", source, pos);
    out.push_back(item.get<std::string>());
  }
  return out;
}

void check_form(const std::string& form, const char* what, const std::string& source, const Position& pos) {
  bool blank = true;
  for (const char c : form) blank = blank && (c == ' ' || c == '\t');
  if (blank) fail(Error::Code::kSchema, std::string("empty ") + what, source, pos);
  if (form.size() > kMaxFormBytes) {
    fail(Error::Code::kTooLarge, std::string(what) + " longer than " + std::to_string(kMaxFormBytes) + " bytes", source,
         pos);
  }
  const text::Utf8Check check = text::check_utf8(form);
  if (check.invalid_bytes > 0) fail(Error::Code::kEncoding, std::string(what) + " is not valid UTF-8", source, pos);
}

EntityRecord record_from_json(const Json& obj, const std::string& source, const Position& pos) {
  if (!obj.is_object()) fail(Error::Code::kSchema, "an entity must be a JSON object", source, pos);
  EntityRecord rec;
  rec.id = require_string(obj, "id", true, source, pos);
  rec.name = require_string(obj, "name", true, source, pos);
  rec.type = require_string(obj, "type", true, source, pos);
  rec.gender = require_string(obj, "gender", false, source, pos);
  if (!rec.gender.empty() && rec.gender != "m" && rec.gender != "f") {
    fail(Error::Code::kSchema, "field \"gender\" must be \"m\" or \"f\"", source, pos);
  }
  rec.aliases = string_list(obj, "aliases", source, pos);
  rec.roles = string_list(obj, "roles", source, pos);
  check_form(rec.name, "name", source, pos);
  for (const std::string& alias : rec.aliases) check_form(alias, "alias", source, pos);
  for (const std::string& role : rec.roles) check_form(role, "role", source, pos);
  for (const auto& [key, value] : obj.items()) {
    if (key == "id" || key == "name" || key == "type" || key == "gender" || key == "aliases" || key == "roles")
      continue;
    if (nesting_depth(value) > kMaxExtraDepth) {
      fail(Error::Code::kSchema,
           "field \"" + key + "\" is nested deeper than " + std::to_string(kMaxExtraDepth) + " levels", source, pos);
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

Json parse_json(std::string_view data, const std::string& source) {
  try {
    return Json::parse(data.begin(), data.end());
  } catch (const Json::parse_error& e) {
    const std::size_t at = e.byte == 0 ? 0 : e.byte - 1;
    std::string message = e.what();
    const std::size_t cut = message.find("syntax error");
    fail(Error::Code::kJsonSyntax, "invalid JSON: " + (cut == std::string::npos ? message : message.substr(cut)),
         source, position_of(data, at));
  } catch (const Json::exception& e) {
    // A value the parser cannot hold (« 1e999 »): nlohmann gives no position,
    // but names the value; the first occurrence is where parsing stopped.
    fail(Error::Code::kJsonSyntax, std::string("invalid JSON value: ") + e.what(), source,
         position_of(data, offending_value_offset(data, e.what())));
  }
}

void load_json(std::string_view data, const std::string& source, Gazetteer& out) {
  const Json doc = parse_json(data, source);
  if (!doc.is_object() || !doc.contains("entities") || !doc["entities"].is_array()) {
    fail(Error::Code::kSchema, "expected an object {\"entities\": [...]}", source, position_of(data, 0));
  }
  const std::vector<std::size_t> offsets = entity_object_offsets(data);
  std::size_t index = 0;
  for (const Json& item : doc["entities"]) {
    const Position pos = position_of(data, index < offsets.size() ? offsets[index] : 0);
    out.add(record_from_json(item, source + " entities[" + std::to_string(index) + "]", pos));
    ++index;
  }
}

void load_jsonl(std::string_view data, const std::string& source, Gazetteer& out) {
  for (const text::TsvRow& row : text::read_tsv(data, false)) {
    const std::string_view line =
        row.fields.size() == 1 ? row.fields[0] : data.substr(row.offset, data.find('\n', row.offset) - row.offset);
    Json obj;
    try {
      obj = Json::parse(line.begin(), line.end());
    } catch (const Json::parse_error& e) {
      const std::size_t column = e.byte == 0 ? 1 : e.byte;
      throw Error(Error::Code::kJsonSyntax, "invalid JSON line", source, row.line, column, row.offset + column - 1);
    } catch (const Json::exception& e) {
      const std::size_t column = offending_value_offset(line, e.what()) + 1;
      throw Error(Error::Code::kJsonSyntax, std::string("invalid JSON value: ") + e.what(), source, row.line, column,
                  row.offset + column - 1);
    }
    out.add(record_from_json(obj, source, Position{row.line, 1, row.offset}));
  }
}

void load_tsv(std::string_view data, const std::string& source, Gazetteer& out) {
  bool first = true;
  for (const text::TsvRow& row : text::read_tsv(data)) {
    const bool header = first && row.fields.size() >= 3 && row.fields[0] == "id" && row.fields[1] == "type";
    first = false;
    if (header) continue;
    const Position pos{row.line, 1, row.offset};
    if (row.fields.size() < 3 || row.fields.size() > 4) {
      fail(Error::Code::kSchema,
           "expected 3 or 4 tab-separated columns: id, type, name, aliases (|-separated); got " +
               std::to_string(row.fields.size()),
           source, pos);
    }
    Json obj = {{"id", row.fields[0]}, {"type", row.fields[1]}, {"name", row.fields[2]}};
    if (row.fields.size() == 4 && !row.fields[3].empty()) {
      Json aliases = Json::array();
      for (std::string_view alias : text::split(row.fields[3], '|')) aliases.push_back(alias);
      obj["aliases"] = aliases;
    }
    out.add(record_from_json(obj, source, pos));
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

void check_unique_ids(const Gazetteer& g, const std::string& source) {
  std::unordered_set<std::string> seen;
  for (const EntityRecord& rec : g.records()) {
    if (!seen.insert(rec.id).second) {
      throw Error(Error::Code::kDuplicateId, "duplicate entity id \"" + rec.id + "\"", source);
    }
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
  switch (format) {
    case Format::kJsonLines:
      load_jsonl(data, source, g);
      break;
    case Format::kTsv:
      load_tsv(data, source, g);
      break;
    case Format::kJson:
    case Format::kAuto:
    case Format::kCompiled:
      load_json(data, source, g);
      break;
  }
  check_unique_ids(g, source);
  return g;
}

Gazetteer Gazetteer::from_file(const std::string& path, Format format) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(Error::Code::kIo, "cannot open gazetteer file", path);
  std::string head(entities::kCompiledMagic.size(), '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  if (format == Format::kCompiled || (format == Format::kAuto && entities::is_compiled(head))) {
    return from_compiled_file(path);
  }
  in.clear();
  in.seekg(0);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw Error(Error::Code::kIo, "cannot read gazetteer file", path);
  return from_string(buffer.str(), format == Format::kAuto ? format_from_name(path) : format, path);
}

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer instance = [] {
    Gazetteer all;
    for (const char* name :
         {"gazetteer/curated.jsonl", "gazetteer/countries.tsv", "gazetteer/cities.tsv", "gazetteer/regions.tsv",
          "gazetteer/organisations.tsv", "gazetteer/agencies.tsv", "gazetteer/people.jsonl"}) {
      const std::string_view bytes = data::embedded(name);
      if (bytes.empty()) continue;
      const Gazetteer part = from_string(bytes, Format::kAuto, std::string("embedded:") + name);
      for (const EntityRecord& rec : part.records()) all.add(rec);
    }
    check_unique_ids(all, "embedded default gazetteer");
    return all;
  }();
  return instance;
}

}  // namespace parole
