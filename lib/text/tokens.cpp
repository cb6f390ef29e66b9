#include "text/tokens.hpp"

#include <algorithm>

#include "text/fold.hpp"
#include "text/utf8.hpp"

namespace parole::text {
namespace {

// HTML character references left in scraped text (« &laquo;Oui&raquo; »,
// « &quot; », « &#171; »): read as the character they stand for, so quotes and
// spaces work, while offsets keep pointing at the reference in the input.
bool html_reference(std::string_view s, std::size_t pos, Decoded* out) {
  struct Named {
    std::string_view name;
    char32_t cp;
  };
  static constexpr Named kNamed[] = {
      {"quot", '"'},     {"laquo", 0xAB},    {"raquo", 0xBB},    {"ldquo", 0x201C},  {"rdquo", 0x201D},
      {"bdquo", 0x201E}, {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"lsquo", 0x2018},  {"rsquo", 0x2019},
      {"apos", '\''},    {"nbsp", 0xA0},     {"amp", '&'},       {"hellip", 0x2026}, {"ndash", 0x2013},
      {"mdash", 0x2014}, {"thinsp", 0x2009}, {"eacute", 0xE9},   {"egrave", 0xE8},   {"agrave", 0xE0},
  };
  constexpr std::size_t kLongest = 10;
  const std::size_t semi = s.substr(pos, kLongest).find(';');
  if (semi == std::string_view::npos || semi < 2) return false;
  const std::string_view body = s.substr(pos + 1, semi - 1);
  char32_t cp = 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return false;
    for (const char c : digits) {
      const int v = c >= '0' && c <= '9'          ? c - '0'
                    : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                  : -1;
      if (v < 0) return false;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v);
      if (cp > 0x10FFFF) return false;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  } else {
    const auto* found =
        std::find_if(std::begin(kNamed), std::end(kNamed), [&](const Named& n) { return n.name == body; });
    if (found == std::end(kNamed)) return false;
    cp = found->cp;
  }
  *out = Decoded{cp, static_cast<std::uint8_t>(semi + 1), true};
  return true;
}

// Classes of the ASCII bytes that make words: one table load per byte in the hot loop.
enum AsciiWord : std::uint8_t { kAsciiLower = 1, kAsciiUpper = 2, kAsciiDigit = 4 };

struct AsciiWordTable {
  std::uint8_t cls[256] = {};
  constexpr AsciiWordTable() {
    for (int c = 'a'; c <= 'z'; ++c) cls[c] = kAsciiLower;
    for (int c = 'A'; c <= 'Z'; ++c) cls[c] = kAsciiUpper;
    for (int c = '0'; c <= '9'; ++c) cls[c] = kAsciiDigit;
  }
};
constexpr AsciiWordTable kAsciiWord;

}  // namespace

// The hot loop of every extraction: runs of ASCII letters and digits (most of
// French text) are copied in bulk; any other code point takes the general path
// through classify() and append_folded().
Tokens::Tokens(std::string_view input) : input_(input) {
  folded_.reserve(input.size());
  tokens_.reserve(input.size() / 5 + 1);
  std::uint16_t pending = kParagraphBefore;  // the start of the text opens a paragraph
  int line_breaks = 0;
  bool in_word = false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  const std::size_t n = input.size();
  for (std::size_t pos = 0; pos < n;) {
    if (kAsciiWord.cls[bytes[pos]] != 0) {
      std::size_t stop = pos;
      unsigned seen = 0;
      for (; stop < n && kAsciiWord.cls[bytes[stop]] != 0; ++stop) seen |= kAsciiWord.cls[bytes[stop]];
      add_ascii_run(pos, stop, seen, pending, line_breaks, in_word);
      pos = stop;
      continue;
    }
    if (bytes[pos] == ' ') {
      in_word = false;
      pending |= kSpaceBefore;
      ++pos;
      continue;
    }
    pos = add_code_point(pos, pending, line_breaks, in_word);
  }
  // Texts without blank lines put one paragraph per line.
  bool blank_lines = false;
  for (std::size_t i = 1; i < tokens_.size() && !blank_lines; ++i) blank_lines = tokens_[i].has(kParagraphBefore);
  if (!blank_lines) {
    for (Token& tok : tokens_) {
      if (tok.flags & kLineBefore)
        tok.flags = static_cast<std::uint16_t>((tok.flags & ~kLineBefore) | kParagraphBefore);
    }
  }
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].has(kParagraphBefore)) paragraphs_.push_back(static_cast<std::uint32_t>(i));
  }
  // A word with no letters at all (digits only) is not "all upper".
  for (Token& tok : tokens_) {
    if (tok.is_word() && (tok.flags & kAllUpper) && tok.flags & kHasDigit) {
      bool letter = false;
      for (std::uint32_t i = tok.fstart; i < tok.fend && !letter; ++i) {
        letter = !(folded_[i] >= '0' && folded_[i] <= '9');
      }
      if (!letter) tok.flags &= static_cast<std::uint16_t>(~(kAllUpper | kCapitalised));
    }
  }
}

void Tokens::add_ascii_run(std::size_t pos, std::size_t stop, unsigned seen, std::uint16_t& pending, int& line_breaks,
                           bool& in_word) {
  if (!in_word) {
    start_token(pos, static_cast<char32_t>(input_[pos]), static_cast<std::uint16_t>(pending | kWord), pending,
                line_breaks);
    if (kAsciiWord.cls[static_cast<unsigned char>(input_[pos])] == kAsciiUpper) {
      tokens_.back().flags |= kCapitalised | kAllUpper;
    }
  }
  Token& tok = tokens_.back();
  const std::size_t fold_at = folded_.size();
  folded_.append(input_.data() + pos, stop - pos);
  if ((seen & kAsciiUpper) != 0) {
    for (std::size_t i = fold_at; i < folded_.size(); ++i) {
      if (folded_[i] >= 'A' && folded_[i] <= 'Z') folded_[i] = static_cast<char>(folded_[i] + ('a' - 'A'));
    }
  }
  if ((seen & kAsciiLower) != 0) tok.flags &= static_cast<std::uint16_t>(~kAllUpper);
  if ((seen & kAsciiDigit) != 0) tok.flags |= kHasDigit;
  tok.end = static_cast<std::uint32_t>(stop);
  tok.fend = static_cast<std::uint32_t>(folded_.size());
  in_word = true;
}

void Tokens::start_token(std::size_t at, char32_t first, std::uint16_t flags, std::uint16_t& pending,
                         int& line_breaks) {
  const auto where = static_cast<std::uint32_t>(at);
  const auto fold_at = static_cast<std::uint32_t>(folded_.size());
  tokens_.push_back(Token{where, where, fold_at, fold_at, first, flags});
  pending = 0;
  line_breaks = 0;
}

std::size_t Tokens::add_code_point(std::size_t pos, std::uint16_t& pending, int& line_breaks, bool& in_word) {
  Decoded d = decode_at(input_, pos);
  if (d.code_point == '&') html_reference(input_, pos, &d);
  const CharInfo info = classify(d.code_point);
  const std::size_t at = pos;
  pos += d.length;
  switch (info.cls) {
    case CharClass::kIgnorable:
      if (in_word) tokens_.back().end = static_cast<std::uint32_t>(pos);
      return pos;
    case CharClass::kSpace:
      in_word = false;
      pending |= kSpaceBefore;
      return pos;
    case CharClass::kLineBreak:
      in_word = false;
      // \r\n counts once.
      if (!(d.code_point == '\n' && at > 0 && input_[at - 1] == '\r')) ++line_breaks;
      pending |= line_breaks >= 2 ? kParagraphBefore : kLineBefore;
      return pos;
    case CharClass::kWord:
    case CharClass::kPunct:
      break;
  }
  const bool word = info.cls == CharClass::kWord;
  if (!(word && in_word)) {
    start_token(at, d.code_point, static_cast<std::uint16_t>(pending | (word ? kWord : kPunct)), pending, line_breaks);
    if (word && info.upper) tokens_.back().flags |= kCapitalised | kAllUpper;
  }
  Token& tok = tokens_.back();
  if (word && info.lower) tok.flags &= static_cast<std::uint16_t>(~kAllUpper);
  if (!d.valid) tok.flags |= kInvalidUtf8;
  append_folded(folded_, d.code_point);
  tok.end = static_cast<std::uint32_t>(pos);
  tok.fend = static_cast<std::uint32_t>(folded_.size());
  in_word = word;
  return pos;
}

std::size_t Tokens::paragraph_start(std::size_t i) const {
  const auto it = std::upper_bound(paragraphs_.begin(), paragraphs_.end(), static_cast<std::uint32_t>(i));
  return it == paragraphs_.begin() ? 0 : *(it - 1);
}

std::size_t Tokens::paragraph_end(std::size_t i) const {
  const auto it = std::upper_bound(paragraphs_.begin(), paragraphs_.end(), static_cast<std::uint32_t>(i));
  return it == paragraphs_.end() ? tokens_.size() : *it;
}

std::vector<std::string> folded_tokens(std::string_view utf8) {
  const Tokens toks(utf8);
  std::vector<std::string> out;
  out.reserve(toks.size());
  for (std::size_t i = 0; i < toks.size(); ++i) out.emplace_back(toks.folded(i));
  return out;
}

}  // namespace parole::text
