// Where the records of a gazetteer and their fields are in its JSON text, and
// whether an object repeats a key. nlohmann::json keeps no byte positions and
// silently keeps the last of two equal keys, so the loader (gazetteer.cpp, its
// only user) scans the text again, once nlohmann has accepted it as JSON.
#ifndef PAROLE_ENTITIES_JSON_LAYOUT_HPP
#define PAROLE_ENTITIES_JSON_LAYOUT_HPP

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parole::entities {

struct JsonMember {
  std::string key;
  std::size_t key_offset = 0;
  std::size_t value_offset = 0;
  std::vector<std::size_t> items;  // where each element starts, when the value is an array
};

struct JsonRecordLayout {
  std::size_t offset = 0;  // where the record's value starts
  std::vector<JsonMember> members;
};

struct JsonDuplicateKey {
  std::string key;
  std::size_t offset = 0;        // of the second occurrence
  std::size_t first_offset = 0;  // of the first
};

struct JsonLayout {
  std::size_t root_offset = 0;                 // the top-level value
  std::optional<std::size_t> entities_offset;  // the value of the top-level "entities" key (documents)
  std::vector<JsonRecordLayout> records;       // in order
  std::optional<JsonDuplicateKey> duplicate;   // the earliest repeated key, in any object
};

namespace json_layout_detail {

inline bool ends_token(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case ',':
    case ':':
    case '[':
    case ']':
    case '{':
    case '}':
    case '"':
      return true;
    default:
      return false;
  }
}

// Index of the closing quote of the string that opens at `open`.
inline std::size_t string_end(std::string_view text, std::size_t open) {
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i;
    }
  }
  return text.size();
}

// The key as nlohmann stores it: "a" and "\u0061" are the same key.
inline std::string decode_key(std::string_view token) {
  const std::string_view inner = token.size() >= 2 ? token.substr(1, token.size() - 2) : std::string_view();
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  try {
    return nlohmann::json::parse(token.begin(), token.end()).get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return std::string(inner);
  }
}

}  // namespace json_layout_detail

// `text` must be JSON that nlohmann accepts (a leading UTF-8 byte-order mark
// is skipped, as nlohmann does). Records are the elements of the top-level
// "entities" array of a document, or the top-level value itself for a JSON
// Lines line (`records_at_root`). Iterative: any depth is fine.
inline JsonLayout scan_json(std::string_view text, bool records_at_root) {
  using namespace json_layout_detail;
  // kRecordArray: an array value of a record's member (aliases, roles).
  enum class Role : std::uint8_t { kPlain, kEntities, kRecord, kRecordArray };
  struct Frame {
    bool object;
    Role role;
    bool expect_key;
    std::size_t keys_begin;  // this object's keys in `keys`
  };
  struct Key {
    std::string name;
    std::size_t offset;
  };
  JsonLayout out;
  std::vector<Frame> stack;
  std::vector<Key> keys;  // of the open objects, innermost last

  // A value starts at `at`: note it where it belongs; the role of the
  // container it opens, if it is one.
  auto begin_value = [&](std::size_t at, char c) {
    Role role = Role::kPlain;
    if (stack.empty()) {
      out.root_offset = at;
      if (records_at_root) {
        out.records.push_back({at, {}});
        role = Role::kRecord;
      }
    } else if (stack.back().role == Role::kEntities) {
      out.records.push_back({at, {}});
      role = Role::kRecord;
    } else if (stack.back().role == Role::kRecord && !out.records.back().members.empty()) {
      out.records.back().members.back().value_offset = at;
      role = Role::kRecordArray;
    } else if (stack.back().role == Role::kRecordArray) {
      out.records.back().members.back().items.push_back(at);
    } else if (!records_at_root && stack.size() == 1 && stack.back().object && keys.size() > 0 &&
               keys.back().name == "entities") {
      out.entities_offset = at;
      role = Role::kEntities;
    }
    if (role == Role::kRecord && c != '{') return Role::kPlain;
    if ((role == Role::kEntities || role == Role::kRecordArray) && c != '[') return Role::kPlain;
    return role;
  };
  // At the end of an object: its first repeated key, if earlier than the one found so far.
  auto close_object = [&](std::size_t keys_begin) {
    if (keys.size() - keys_begin < 2) return;
    std::vector<const Key*> sorted;
    for (std::size_t k = keys_begin; k < keys.size(); ++k) sorted.push_back(&keys[k]);
    std::sort(sorted.begin(), sorted.end(), [](const Key* a, const Key* b) {
      return a->name != b->name ? a->name < b->name : a->offset < b->offset;
    });
    for (std::size_t k = 1; k < sorted.size(); ++k) {
      if (sorted[k]->name != sorted[k - 1]->name) continue;
      if (!out.duplicate || sorted[k]->offset < out.duplicate->offset) {
        std::size_t first = k - 1;
        while (first > 0 && sorted[first - 1]->name == sorted[k]->name) --first;
        out.duplicate = JsonDuplicateKey{sorted[k]->name, sorted[k]->offset, sorted[first]->offset};
      }
    }
  };

  std::size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < text.size()) {
    const char c = text[i];
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case ':':
        ++i;
        break;
      case ',':
        if (!stack.empty() && stack.back().object) stack.back().expect_key = true;
        ++i;
        break;
      case '{':
      case '[':
        stack.push_back(Frame{c == '{', begin_value(i, c), c == '{', keys.size()});
        ++i;
        break;
      case '}':
      case ']':
        if (stack.empty()) return out;  // not JSON after all: nothing more to learn
        if (stack.back().object) close_object(stack.back().keys_begin);
        keys.resize(stack.back().keys_begin);
        stack.pop_back();
        ++i;
        break;
      case '"': {
        const std::size_t end = string_end(text, i);
        if (!stack.empty() && stack.back().object && stack.back().expect_key) {
          std::string name = decode_key(text.substr(i, end + 1 - i));
          if (stack.back().role == Role::kRecord) out.records.back().members.push_back(JsonMember{name, i, i, {}});
          keys.push_back(Key{std::move(name), i});
          stack.back().expect_key = false;
        } else {
          begin_value(i, c);
        }
        i = end + 1;
        break;
      }
      default:
        begin_value(i, c);
        while (i < text.size() && !ends_token(text[i])) ++i;
    }
  }
  return out;
}

}  // namespace parole::entities

#endif  // PAROLE_ENTITIES_JSON_LAYOUT_HPP
