// The JSON document is written straight into one string: a tree of JSON values
// for a large document costs several times its output in memory and most of
// the run time (measured on 26 MB of text: 84 MB of JSON). nlohmann/json only
// re-indents the compact text when a pretty form is asked for, and checks the
// gazetteer's extra values.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "parole/parole.hpp"
#include "text/json_plain.hpp"
#include "text/utf8.hpp"

namespace parole {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";
constexpr std::size_t kMaxDigits = 20;  // of the largest 64-bit number

// Writes `literal` (a string constant, its length known when compiling: a
// few moves, no call) at `at`, and returns the end of what it wrote.
template <std::size_t N>
char* copy_literal(char* at, const char (&literal)[N]) {
  std::memcpy(at, literal, N - 1);
  return at + N - 1;
}

// The text written so far. Pieces are written through a pointer into a
// small scratch area, and the scratch area is appended to the text when it
// is full: std::string's own appends are calls into the C++ library, each
// with its checks, and most of the pieces of a document are a few bytes long;
// writing into the string itself would need room made by resize(), which
// fills it with zeros first. A writer asks for room for a few pieces at once
// (room()), writes them, and moves the end (advance_to()).
class Writer {
 public:
  // The most room() gives at once.
  static constexpr std::size_t kMaxRoom = 256;

  explicit Writer(std::size_t expected) { text_.reserve(expected); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Room for `n` (at most kMaxRoom) more bytes at the returned pointer, to be followed by advance_to().
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(std::end(scratch_) - end_) < n) flush();
    return end_;
  }
  void advance_to(char* end) { end_ = end; }

  template <std::size_t N>
  void put(const char (&literal)[N]) {
    static_assert(N - 1 <= kMaxRoom, "a literal longer than the room a writer gives");
    advance_to(copy_literal(room(N - 1), literal));
  }
  void put(std::string_view piece) {
    if (piece.size() > kMaxRoom) {
      flush();
      text_.append(piece);
      return;
    }
    if (piece.empty()) return;  // its data() may be null, which memcpy may not be given
    char* const at = room(piece.size());
    std::memcpy(at, piece.data(), piece.size());
    advance_to(at + piece.size());
  }
  void push_back(char c) {
    char* const at = room(1);
    *at = c;
    advance_to(at + 1);
  }

  std::size_t size() const { return text_.size() + pending(); }
  // Everything written, in one piece.
  std::string_view text() {
    flush();
    return text_;
  }
  void clear() {
    text_.clear();
    end_ = scratch_;
  }
  std::string take() {
    flush();
    return std::move(text_);
  }

 private:
  // Under 2 KiB: glibc copies that much with vector moves (above, with rep
  // movsb, which callgrind counts a byte at a time).
  static constexpr std::size_t kScratch = 1024;
  static_assert(kMaxRoom <= kScratch, "room() is made in the scratch area");

  std::size_t pending() const { return static_cast<std::size_t>(end_ - scratch_); }
  void flush() {
    text_.append(scratch_, pending());
    end_ = scratch_;
  }

  std::string text_;
  char scratch_[kScratch];
  char* end_ = scratch_;
};

// The escape of the quote, the backslash or the control character `c`.
void put_escape(Writer& out, unsigned char c) {
  static constexpr std::pair<char, std::string_view> kShort[] = {
      {'"', "\\\""}, {'\\', "\\\\"}, {'\b', "\\b"}, {'\f', "\\f"}, {'\n', "\\n"}, {'\r', "\\r"}, {'\t', "\\t"},
  };
  for (const auto& [plain, escaped] : kShort) {
    if (c == static_cast<unsigned char>(plain)) {
      out.put(escaped);
      return;
    }
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", c);
  out.put(std::string_view(buf));
}

// Copies `s`, 16 bytes long at most, to `to`, with no call: two loads and
// two stores that overlap when the length is not 4, 8 or 16.
void copy_short(char* to, std::string_view s) {
  const char* const from = s.data();
  const std::size_t n = s.size();
  const auto copy = [&](std::size_t at, auto word) {
    std::memcpy(&word, from + at, sizeof word);
    std::memcpy(to + at, &word, sizeof word);
  };
  if (n >= 8) {
    copy(0, std::uint64_t{});
    copy(n - 8, std::uint64_t{});
  } else if (n >= 4) {
    copy(0, std::uint32_t{});
    copy(n - 4, std::uint32_t{});
  } else if (n > 0) {
    to[0] = from[0];
    to[n / 2] = from[n / 2];
    to[n - 1] = from[n - 1];
  }
}

// The string of put_string() once it holds a byte to change: quotes,
// backslashes and control characters escaped; invalid UTF-8 bytes written as
// U+FFFD, each one (the offsets in the document still point at the original
// bytes). What needs no change, valid UTF-8 included, is copied a run at a time.
void put_changed_string(Writer& out, std::string_view s) {
  out.push_back('"');
  std::size_t copied = 0;  // s[copied, pos) is still to be copied as it is
  std::size_t pos = 0;
  while (true) {
    pos = text::skip_json_plain(s, pos);
    if (pos == s.size()) break;
    const auto c = static_cast<unsigned char>(s[pos]);
    std::size_t length = 1;
    if (c >= 0x80) {
      const text::Decoded d = text::decode_at(s, pos);
      if (d.valid) {
        pos += d.length;
        continue;
      }
      length = d.length;
    }
    out.put(s.substr(copied, pos - copied));
    if (c >= 0x80) {
      out.put(kReplacementUtf8);
    } else {
      put_escape(out, c);
    }
    pos += length;
    copied = pos;
  }
  out.put(s.substr(copied, pos - copied));
  out.push_back('"');
}

// A JSON string. Most strings (names, kinds, ids, the words of a quote) need
// no change: one look at all their bytes tells (text::verbatim_in_json), and
// they are copied whole. That is exactly when put_changed_string() would copy
// every byte as it is: decode_at() splits UTF-8 sequences as
// skip_valid_utf8() does.
constexpr std::size_t kShortString = 16;

// put_string() of every string but a short one copied as it is: long
// strings, and strings with a byte to change.
void put_other_string(Writer& out, std::string_view s) {
  if (!text::verbatim_in_json(s)) {
    put_changed_string(out, s);
    return;
  }
  out.push_back('"');
  out.put(s);
  out.push_back('"');
}

// Most strings are short ASCII words ("name", "PERSON", "incise"): their
// check and copy is written where they are written, with no call.
[[gnu::always_inline]] inline void put_string(Writer& out, std::string_view s) {
  if (s.size() <= kShortString && text::verbatim_in_json(s, text::json_short_string_bytes(s))) {
    char* const at = out.room(kShortString + 2);
    at[0] = '"';
    copy_short(at + 1, s);
    at[s.size() + 1] = '"';
    out.advance_to(at + s.size() + 2);
    return;
  }
  put_other_string(out, s);
}

// The two digits of `n` < 100 at `at`.
char* copy_two_digits(char* at, std::size_t n) {
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  std::memcpy(at, kPairs + 2 * n, 2);
  return at + 2;
}

// `n` in decimal at `at` (room for kMaxDigits); the end of what it wrote.
// Offsets into a news article have 1 to 5 digits: those up to 4 are written
// two digits at a time without the digit count std::to_chars works out first.
[[gnu::always_inline]] inline char* copy_number(char* at, std::size_t n) {
  if (n < 10) {
    *at = static_cast<char>('0' + n);
    return at + 1;
  }
  if (n < 100) return copy_two_digits(at, n);
  if (n < 1000) {
    *at = static_cast<char>('0' + n / 100);
    return copy_two_digits(at + 1, n % 100);
  }
  if (n < 10000) return copy_two_digits(copy_two_digits(at, n / 100), n % 100);
  return std::to_chars(at, at + kMaxDigits, n).ptr;
}

void put_number(Writer& out, std::size_t n) { out.advance_to(copy_number(out.room(kMaxDigits), n)); }

// Confidence to three decimals, written as the shortest decimal that reads
// back as that double ("0.95", "1.0"), as JSON libraries print it.
// JSON has no NaN nor infinity: such a confidence, or one too large for
// thousandths in a long long (none the extractor makes; a Result is a plain
// struct that anyone may fill), is written null, as JSON libraries do.
void put_confidence(Writer& out, double value) {
  constexpr double kLargest = 1e15;
  if (!(std::fabs(value) < kLargest)) {
    out.put("null");
    return;
  }
  const long long thousandths = std::llround(value * 1000.0);
  const unsigned long long magnitude = thousandths < 0 ? 0ULL - static_cast<unsigned long long>(thousandths)
                                                       : static_cast<unsigned long long>(thousandths);
  const unsigned long long fraction = magnitude % 1000;
  char* at = out.room(1 + kMaxDigits + 4);
  if (thousandths < 0) *at++ = '-';
  at = copy_number(at, magnitude / 1000);
  *at++ = '.';
  if (fraction % 100 == 0) {  // 0.0, 0.5: one digit, even for a whole number
    *at++ = static_cast<char>('0' + fraction / 100);
  } else if (fraction % 10 == 0) {  // 0.05, 0.95
    at = copy_two_digits(at, fraction / 10);
  } else {  // 0.005, 0.955
    *at++ = static_cast<char>('0' + fraction / 100);
    at = copy_two_digits(at, fraction % 100);
  }
  out.advance_to(at);
}

// `opening` (what comes before the text: a brace, a key, and "text":), then
// the text, start and end of a span: a quote, a mention, its parts, a cue.
template <std::size_t N>
void put_span(Writer& out, const char (&opening)[N], const std::string& text, std::size_t start, std::size_t end) {
  out.put(opening);
  put_string(out, text);
  char* at = out.room(sizeof(",\"start\":,\"end\":") - 1 + 2 * kMaxDigits);
  at = copy_number(copy_literal(at, ",\"start\":"), start);
  at = copy_number(copy_literal(at, ",\"end\":"), end);
  out.advance_to(at);
}

void put_mention(Writer& out, const Mention& m) {
  put_span(out, "{\"text\":", m.text, m.start, m.end);
  out.put(",\"kind\":");
  put_string(out, m.kind);
  if (m.honorific) {
    put_span(out, ",\"honorific\":{\"text\":", m.honorific->text, m.honorific->start, m.honorific->end);
    out.push_back('}');
  }
  if (m.title) {
    put_span(out, ",\"title\":{\"text\":", m.title->text, m.title->start, m.title->end);
    out.push_back('}');
  }
  if (!m.candidates.empty()) {
    out.put(",\"candidates\":[");
    for (std::size_t i = 0; i < m.candidates.size(); ++i) {
      if (i > 0) out.push_back(',');
      put_string(out, m.candidates[i]);
    }
    out.put("],\"resolved_by\":");
    put_string(out, m.resolved_by);
  }
  out.push_back('}');
}

void put_speaker(Writer& out, const Speaker& sp) {
  out.put("{\"name\":");
  put_string(out, sp.name);
  out.put(",\"entity\":");
  if (sp.entity.empty()) {
    out.put("null");
  } else {
    put_string(out, sp.entity);
  }
  out.put(",\"mention\":");
  if (sp.mention) {
    put_mention(out, *sp.mention);
  } else {
    out.put("null");
  }
  out.put(",\"via\":");
  put_string(out, sp.via);
  out.push_back('}');
}

void put_quote(Writer& out, const Quote& q) {
  put_span(out, "{\"text\":", q.text, q.start, q.end);
  out.put(",\"kind\":");
  put_string(out, q.kind);
  out.put(",\"speaker\":");
  if (q.speaker) {
    put_speaker(out, *q.speaker);
  } else {
    out.put("null");
  }
  if (q.cue) {
    put_span(out, ",\"cue\":{\"text\":", q.cue->text, q.cue->start, q.cue->end);
    out.push_back('}');
  } else {
    out.put(",\"cue\":null");
  }
  out.put(",\"confidence\":");
  put_confidence(out, q.confidence);
  if (q.parent) {
    out.put(",\"parent\":");
    put_number(out, *q.parent);
    out.push_back('}');
  } else {
    out.put(",\"parent\":null}");
  }
}

// Deepest nesting of arrays and objects in JSON text (brackets in strings aside).
std::size_t nesting_depth(const std::string& text) {
  std::size_t depth = 0;
  std::size_t deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// A JSON string literal with no escape, control character or invalid UTF-8:
// one that parsing and serialising leaves as it is.
bool plain_string_literal(std::string_view text) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return false;
  const std::string_view inside = text.substr(1, text.size() - 2);
  std::size_t pos = 0;
  while (pos < inside.size()) {
    const auto c = static_cast<unsigned char>(inside[pos]);
    if (text::json_plain(c)) {
      ++pos;
      continue;
    }
    if (c < 0x80) return false;
    const text::Decoded d = text::decode_at(inside, pos);
    if (!d.valid) return false;
    pos += d.length;
  }
  return true;
}

// An extra field. Its text comes from a gazetteer (valid JSON) or from code
// (EntityRecord::extra, anything): a text that is not JSON, or nested too deep
// for a recursive reader downstream, is echoed as a string so that the output
// stays valid JSON.
void put_extra(Writer& out, const std::string& text) {
  if (plain_string_literal(text)) {  // most extras ("wikidata": "Q90"): nlohmann/json would write them back as they are
    out.put(text);
    return;
  }
  constexpr std::size_t kMaxDepth = 256;
  if (nesting_depth(text) <= kMaxDepth) {
    const Json value = Json::parse(text, nullptr, false);
    if (!value.is_discarded()) {
      out.put(value.dump(-1, ' ', false, Json::error_handler_t::replace));
      return;
    }
  }
  put_string(out, text);
}

// The keys of an entity's own fields, which an extra field of the same name does not replace.
bool entity_field(std::string_view key) { return key == "id" || key == "name" || key == "type" || key == "mentions"; }

void put_entity(Writer& out, const Entity& e) {
  if (e.id.empty()) {
    out.put("{\"id\":null");
  } else {
    out.put("{\"id\":");
    put_string(out, e.id);
  }
  out.put(",\"name\":");
  put_string(out, e.name);
  out.put(",\"type\":");
  put_string(out, e.type);
  for (const auto& [key, value] : e.extra) {
    if (entity_field(key)) continue;
    out.push_back(',');
    put_string(out, key);
    out.push_back(':');
    put_extra(out, value);
  }
  out.put(",\"mentions\":[");
  for (std::size_t i = 0; i < e.mentions.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_mention(out, e.mentions[i]);
  }
  out.put("]}");
}

void put_diagnostics(Writer& out, const Diagnostics& d) {
  if (d.too_large) {
    out.put("{\"too_large\":true,\"invalid_utf8_bytes\":");
  } else {
    out.put("{\"too_large\":false,\"invalid_utf8_bytes\":");
  }
  put_number(out, d.invalid_utf8_bytes);
  out.put(",\"unclosed_quotes\":");
  put_number(out, d.unclosed_quotes);
  out.put(",\"stray_closing_marks\":");
  put_number(out, d.stray_closing_marks);
  if (d.invalid_utf8_bytes > 0) {
    out.put(",\"first_invalid_offset\":");
    put_number(out, d.first_invalid_offset);
  }
  out.push_back('}');
}

// The whole document into `out`. `piece_written` is called after each quote
// and entity, so that a caller can hand over what is there; false stops.
template <typename PieceWritten>
bool put_result(Writer& out, const Result& result, const PieceWritten& piece_written) {
  out.put("{\"schema_version\":");
  put_string(out, kJsonSchemaVersion);
  out.put(",\"quotes\":[");
  for (std::size_t i = 0; i < result.quotes.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_quote(out, result.quotes[i]);
    if (!piece_written()) return false;
  }
  out.put("],\"entities\":[");
  for (std::size_t i = 0; i < result.entities.size(); ++i) {
    if (i > 0) out.push_back(',');
    put_entity(out, result.entities[i]);
    if (!piece_written()) return false;
  }
  out.put("],\"diagnostics\":");
  put_diagnostics(out, result.diagnostics);
  out.push_back('}');
  return true;
}

// About the length of the document, read from the sizes of its strings, so
// that its buffer is allocated once: the exact length when no string needs
// an escape and every offset has as many digits as the largest. Below it,
// the buffer grows as needed.
std::size_t expected_size(const Result& result) {
  constexpr auto length = [](std::string_view fixed) { return fixed.size(); };
  std::size_t bytes = length(R"({"schema_version":"","quotes":[],"entities":[],"diagnostics":{"too_large":false,)"
                             R"("invalid_utf8_bytes":,"unclosed_quotes":,"stray_closing_marks":,)"
                             R"("first_invalid_offset":}})") +
                      std::string_view(kJsonSchemaVersion).size() + 4 * kMaxDigits;
  std::size_t numbers = 0;  // offsets and parents
  std::size_t largest = 0;  // the largest end offset
  const auto span = [&](const std::string& text, std::size_t end) {
    bytes += length(R"("text":"","start":,"end":)") + text.size();
    numbers += 2;
    largest = std::max(largest, end);
  };
  const auto mention = [&](const Mention& m) {
    span(m.text, m.end);
    bytes += length(R"({,"kind":""},)") + m.kind.size();
    for (const auto* part : {&m.honorific, &m.title}) {
      if (!*part) continue;
      span((*part)->text, (*part)->end);
      bytes += length(R"(,"honorific":{})");
    }
    if (!m.candidates.empty()) {
      bytes += length(R"(,"candidates":[],"resolved_by":"")") + m.resolved_by.size();
      for (const std::string& id : m.candidates) bytes += length(R"("",)") + id.size();
    }
  };
  for (const Quote& q : result.quotes) {
    span(q.text, q.end);
    bytes += length(R"({,"kind":"","speaker":null,"cue":null,"confidence":0.000,"parent":},)") + q.kind.size();
    numbers += q.parent ? 1 : 0;
    if (q.speaker) {
      bytes += length(R"({"name":"","entity":"","mention":null,"via":""})") + q.speaker->name.size() +
               q.speaker->entity.size() + q.speaker->via.size();
      if (q.speaker->mention) mention(*q.speaker->mention);
    }
    if (q.cue) span(q.cue->text, q.cue->end);
  }
  for (const Entity& e : result.entities) {
    bytes += length(R"({"id":"","name":"","type":"","mentions":[]},)") + e.id.size() + e.name.size() + e.type.size();
    for (const auto& [key, value] : e.extra) bytes += length(R"(,"":)") + key.size() + value.size();
    for (const Mention& m : e.mentions) mention(m);
  }
  std::size_t digits = 1;
  for (std::size_t n = largest; n >= 10; n /= 10) ++digits;
  return bytes + numbers * digits;
}

}  // namespace

bool write_json(const Result& result, const std::function<bool(std::string_view)>& sink) {
  constexpr std::size_t kPiece = std::size_t{1} << 16U;
  Writer out(std::min(expected_size(result), 2 * kPiece));
  const auto flush = [&](bool all) {
    if (out.size() < kPiece && !all) return true;
    const bool written = sink(out.text());
    out.clear();
    return written;
  };
  return put_result(out, result, [&] { return flush(false); }) && flush(true);
}

// Written into the string it returns, allocated once at about its length
// (expected_size()): no buffer of pieces to copy from (and to allocate,
// 128 KiB, for each document of a batch).
std::string to_json(const Result& result, int indent) {
  Writer out(expected_size(result));
  put_result(out, result, [] { return true; });
  if (indent < 0) return out.take();
  return Json::parse(out.text()).dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace parole
