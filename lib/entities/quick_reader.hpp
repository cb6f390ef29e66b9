// The quick path of gazetteer loading: records read straight from JSON text
// into EntityRecord, without a document tree; anything it does not take is
// read again by gazetteer.cpp's checked path, which says what is wrong and
// where. Internal to lib/entities/gazetteer.cpp.
#ifndef PAROLE_ENTITIES_QUICK_READER_HPP
#define PAROLE_ENTITIES_QUICK_READER_HPP

#include <algorithm>
#include <cstddef>
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/forms.hpp"
#include "entities/json_layout.hpp"
#include "entities/loader.hpp"
#include "parole/parole.hpp"

namespace parole::entities {

// Extra fields are echoed in the output; serialising is recursive, so their
// depth is bounded (the parser itself accepts any depth).
constexpr std::size_t kMaxExtraDepth = 256;

// Depth of a JSON value, without recursion.
inline std::size_t nesting_depth(const nlohmann::json& root) {
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

// Whether a name, alias, role, id or type passes check_form, for the quick
// paths, which leave every explanation to the checks above.
inline bool form_ok(std::string_view form) { return check_form(form).problem == FormProblem::kNone; }

// check_forms() and the gender rule, without a word of why.
inline bool record_ok(const EntityRecord& rec) {
  if (!form_ok(rec.id) || !form_ok(rec.type) || !form_ok(rec.name) || !valid_gender(rec.gender)) return false;
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
  std::optional<nlohmann::json> parsed_value() {
    const std::string_view value = in_.value_text();
    if (value.empty()) return std::nullopt;
    try {
      nlohmann::json parsed = nlohmann::json::parse(value.begin(), value.end());
      if (parsed.is_structured() && scan_json(value, false).duplicate) return std::nullopt;
      return parsed;
    } catch (const nlohmann::json::exception&) {
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
    const std::optional<nlohmann::json> value = parsed_value();
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

  JsonCursor in_;
  std::vector<std::string_view> keys_;    // of the record being read
  std::deque<std::string> decoded_keys_;  // its keys with escapes
  std::vector<std::string_view> items_;   // of the list being read
  std::deque<std::string> decoded_items_;
};

}  // namespace parole::entities

#endif
