// parole CLI — the text field of a JSON Lines record, read without building
// a JSON tree of it. The text is most of a record's bytes, and nlohmann/json
// reads a string one byte at a time into a token buffer and then copies it
// into the tree: on 20 MB of news articles that was more time than writing
// the whole output. Here the text's string literal is found and checked
// with the rules of nlohmann/json, then decoded in place; the rest of the
// line (the other fields) is still parsed by nlohmann/json, with "" in place
// of the text. Whenever anything is unusual, the caller parses the whole
// line as before, so that errors and their columns come from nlohmann/json.
#ifndef PAROLE_CLI_TEXT_LITERAL_HPP
#define PAROLE_CLI_TEXT_LITERAL_HPP

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parole_cli {

// Where a string literal is in a line: from its opening quote to just past
// its closing quote.
struct LiteralSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The string literal that is the value of the member `field` of the object
// that `line` is, when the line looks like an object with exactly one such
// member, whose value is a valid JSON string, and no key with an escape (so
// that the keys read here are the keys nlohmann/json reads). Nothing
// otherwise. The rest of the line is not validated: the caller parses it.
// `line` must be valid UTF-8 (as parole::decode() gives it, invalid bytes
// replaced): the literal's bytes are not checked again.
std::optional<LiteralSpan> find_text_literal(std::string_view line, std::string_view field);

// `line` with the literal at `span` replaced by "".
std::string without_literal(std::string_view line, LiteralSpan span);

// Turns `line` into the string that its literal at `span` stands for (a
// literal found by find_text_literal), reusing its buffer.
void decode_literal_in_place(std::string& line, LiteralSpan span);

// ---- The common record, read without nlohmann/json at all ------------------
//
// Most records are one flat object: the text, and a few short fields (an id,
// a title, a date) that are plain strings or integers. Such a line is read
// here (its UTF-8 checked whole, then one pass over its JSON), so that it
// needs neither parole::decode() nor nlohmann/json, and its fields are echoed
// as written.
// The reading is exact or nothing: whatever nlohmann/json might read or write
// otherwise (escapes in a field other than the text, a float, a "-0", a key
// given twice, nesting, invalid UTF-8, a BOM...) makes it give up, and the
// caller reads the line as before, errors included.

struct FlatRecord {
  struct Member {
    std::string_view key;    // between its quotes, as written: no escape
    std::string_view value;  // as written: what nlohmann/json writes for it
  };
  static constexpr std::size_t kMaxMembers = 32;  // more: read the line as before
  std::array<Member, kMaxMembers> members;        // in the line's order
  std::size_t size = 0;
  // The text member, whose value is the string literal with its quotes (any
  // valid escape in it, unlike the other members), at `text_span` in the line.
  std::size_t text = 0;
  LiteralSpan text_span;

  const Member* find(std::string_view key) const;
};

// Reads `line` into `record` when it is, in full, one JSON object whose keys
// are distinct strings without escapes, whose member `text_field` is a string
// and whose other members are each a string without escapes, an integer of
// at most 18 digits (not -0), true, false or null; every string well-formed
// UTF-8, JSON whitespace anywhere between tokens. False otherwise.
bool read_flat_record(std::string_view line, std::string_view text_field, FlatRecord& record);

}  // namespace parole_cli

#endif  // PAROLE_CLI_TEXT_LITERAL_HPP
