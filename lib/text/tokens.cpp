#include "text/tokens.hpp"

#include <algorithm>

#include "text/fold.hpp"
#include "text/utf8.hpp"

namespace parole::text {
namespace {

// What the tokenizer does with each byte value, decided once from
// classify() and append_folded() so that the fast path agrees with the
// general one: ASCII letters and digits (folded by a table), plain spaces,
// one-byte punctuation; everything else (non-ASCII, line breaks, '&' of HTML
// references, control characters) takes the general path.
enum ByteClass : std::uint8_t {
  kSlow = 0,
  kLowerLetter = 1,
  kUpperLetter = 2,
  kDigit = 4,
  kWordMask = kLowerLetter | kUpperLetter | kDigit,
  kAsciiSpace = 8,
  kAsciiPunct = 16,
};

struct ByteTable {
  std::uint8_t cls[256] = {};
  char fold[256] = {};
  ByteTable() {
    for (int b = 0; b < 0x80; ++b) {
      const auto cp = static_cast<char32_t>(b);
      const CharInfo info = classify(cp);
      std::string folded;
      append_folded(folded, cp);
      if (info.cls == CharClass::kWord && folded.size() == 1) {
        cls[b] = b >= '0' && b <= '9' ? kDigit : info.upper ? kUpperLetter : kLowerLetter;
      } else if (info.cls == CharClass::kSpace && b == ' ') {
        cls[b] = kAsciiSpace;
      } else if (info.cls == CharClass::kPunct && folded.size() == 1 && b != '&') {
        cls[b] = kAsciiPunct;
      }
      if (folded.size() == 1) fold[b] = folded[0];
    }
  }
};

const ByteTable& byte_table() {
  static const ByteTable table;
  return table;
}

}  // namespace

// The hot loop of every extraction. Invariant: folded_ always has room for
// the rest of the input folded byte for byte (ASCII folds to one byte); the
// general path grows it when a code point folds longer than it is written.
Tokens::Tokens(std::string_view input) : input_(input) {
  const ByteTable& table = byte_table();
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  const std::size_t n = input.size();
  folded_.resize(n);
  tokens_.reserve(n / 4 + 1);
  Cursor c;
  while (c.pos < n) {
    const unsigned char b = bytes[c.pos];
    const std::uint8_t cls = table.cls[b];
    if ((cls & kWordMask) != 0) {
      if (!c.in_word) {
        open_token(c, b,
                   static_cast<std::uint16_t>(kWord | ((cls & kUpperLetter) != 0 ? kCapitalised | kAllUpper : 0)));
      }
      unsigned seen = 0;
      std::size_t pos = c.pos;
      char* out = folded_.data() + c.folded;
      for (std::uint8_t k = cls; (k & kWordMask) != 0; k = pos < n ? table.cls[bytes[pos]] : 0) {
        seen |= k;
        *out++ = table.fold[bytes[pos++]];
      }
      Token& tok = tokens_.back();
      if ((seen & kLowerLetter) != 0) tok.flags &= static_cast<std::uint16_t>(~kAllUpper);
      if ((seen & kDigit) != 0 && (tok.flags & kHasDigit) == 0) {
        tok.flags |= kHasDigit;
        digit_words_.push_back(static_cast<std::uint32_t>(tokens_.size() - 1));
      }
      c.folded += pos - c.pos;
      c.pos = pos;
      tok.end = static_cast<std::uint32_t>(pos);
      tok.fend = static_cast<std::uint32_t>(c.folded);
      c.in_word = true;
    } else if (cls == kAsciiSpace) {
      c.in_word = false;
      c.pending |= kSpaceBefore;
      ++c.pos;
    } else if (cls == kAsciiPunct) {
      open_token(c, b, kPunct);
      folded_[c.folded++] = table.fold[b];
      ++c.pos;
      tokens_.back().end = static_cast<std::uint32_t>(c.pos);
      tokens_.back().fend = static_cast<std::uint32_t>(c.folded);
      c.in_word = false;
    } else {
      add_code_point(c);
    }
  }
  folded_.resize(c.folded);
  finish();
}

void Tokens::open_token(Cursor& c, char32_t first, std::uint16_t flags) {
  const auto at = static_cast<std::uint32_t>(c.pos);
  const auto fold_at = static_cast<std::uint32_t>(c.folded);
  const auto index = static_cast<std::uint32_t>(tokens_.size());
  if ((c.pending & kParagraphBefore) != 0) paragraphs_.push_back(index);
  if ((c.pending & kLineBefore) != 0) line_starts_.push_back(index);
  tokens_.push_back(Token{at, at, fold_at, fold_at, first, static_cast<std::uint16_t>(c.pending | flags)});
  c.pending = 0;
  c.line_breaks = 0;
}

void Tokens::add_code_point(Cursor& c) {
  Decoded d = decode_at(input_, c.pos);
  if (!d.valid && invalid_bytes_++ == 0) first_invalid_ = c.pos;
  if (d.code_point == '&') html_reference(input_, c.pos, &d);
  const CharInfo info = classify(d.code_point);
  const std::size_t at = c.pos;
  switch (info.cls) {
    case CharClass::kIgnorable:
      c.pos += d.length;
      if (c.in_word) tokens_.back().end = static_cast<std::uint32_t>(c.pos);
      return;
    case CharClass::kSpace:
      c.pos += d.length;
      c.in_word = false;
      c.pending |= kSpaceBefore;
      return;
    case CharClass::kLineBreak:
      c.pos += d.length;
      c.in_word = false;
      // \r\n counts once.
      if (!(d.code_point == '\n' && at > 0 && input_[at - 1] == '\r')) ++c.line_breaks;
      c.pending |= c.line_breaks >= 2 ? kParagraphBefore : kLineBefore;
      return;
    case CharClass::kWord:
    case CharClass::kPunct:
      break;
  }
  const bool word = info.cls == CharClass::kWord;
  if (!(word && c.in_word)) {
    open_token(c, d.code_point, word ? kWord : kPunct);
    if (word && info.upper) tokens_.back().flags |= kCapitalised | kAllUpper;
  }
  c.pos += d.length;
  Token& tok = tokens_.back();
  if (word && info.lower) tok.flags &= static_cast<std::uint16_t>(~kAllUpper);
  if (!d.valid) tok.flags |= kInvalidUtf8;
  scratch_.clear();
  append_folded(scratch_, d.code_point);
  // Keep room for the rest of the input, byte for byte.
  const std::size_t needed = c.folded + scratch_.size() + (input_.size() - c.pos);
  if (needed > folded_.size()) folded_.resize(std::max(needed, folded_.size() + folded_.size() / 2));
  std::copy(scratch_.begin(), scratch_.end(), folded_.begin() + static_cast<std::ptrdiff_t>(c.folded));
  c.folded += scratch_.size();
  tok.end = static_cast<std::uint32_t>(c.pos);
  tok.fend = static_cast<std::uint32_t>(c.folded);
  c.in_word = word;
}

void Tokens::finish() {
  // Texts without blank lines put one paragraph per line (the first token
  // opens a paragraph whatever comes before it).
  if (paragraphs_.size() <= 1 && !line_starts_.empty()) {
    for (const std::uint32_t i : line_starts_) {
      Token& tok = tokens_[i];
      tok.flags = static_cast<std::uint16_t>((tok.flags & ~kLineBefore) | kParagraphBefore);
      if (i != 0) paragraphs_.push_back(i);
    }
  }
  line_starts_ = {};
  // A word with no letters at all (digits only) is not "all upper".
  for (const std::uint32_t i : digit_words_) {
    Token& tok = tokens_[i];
    if ((tok.flags & kAllUpper) != 0) {
      bool letter = false;
      for (std::uint32_t k = tok.fstart; k < tok.fend && !letter; ++k) {
        letter = !(folded_[k] >= '0' && folded_[k] <= '9');
      }
      if (!letter) tok.flags &= static_cast<std::uint16_t>(~(kAllUpper | kCapitalised));
    }
  }
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
