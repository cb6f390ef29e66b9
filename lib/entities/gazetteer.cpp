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
#include "entities/loader.hpp"
#include "entities/quick_reader.hpp"
#include "parole/parole.hpp"
#include "text/tsv.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

using Json = nlohmann::json;
using entities::form_ok;
using entities::IdIndex;
using entities::in_quotes;
using entities::JsonLayout;
using entities::JsonMember;
using entities::kMaxExtraDepth;
using entities::Loader;
using entities::nesting_depth;
using entities::Position;
using entities::QuickReader;
using entities::Site;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

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

void Gazetteer::add(EntityRecord record) {
  if (compiled_) {
    records_ = compiled_->records->all();
    compiled_.reset();
  }
  records_.push_back(std::move(record));
}

const std::vector<EntityRecord>& Gazetteer::records() const { return compiled_ ? compiled_->records->all() : records_; }

std::size_t Gazetteer::size() const noexcept { return compiled_ ? compiled_->records->size() : records_.size(); }

Gazetteer Gazetteer::from_string(std::string_view data, Format format, const std::string& source) {
  if (format == Format::kCompiled || (format == Format::kAuto && entities::is_compiled(data))) {
    return from_compiled(entities::FileBytes::copy_of(data), source);
  }
  Gazetteer g;
  if (format == Format::kAuto) format = format_from_name(source);
  load_text(data, format, source, g.records_);
  g.source_ = source;
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
  static const Gazetteer& instance = *new Gazetteer([] {  // never destroyed, as Lexicon::builtin()
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
  }());
  return instance;
}

}  // namespace parole
