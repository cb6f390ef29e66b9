#include "text/tokens.hpp"

#include <algorithm>
#include <cstring>

#include "text/fold.hpp"
#include "text/sse2.hpp"
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
  kAsciiLineBreak = 32,
};

struct ByteTable {
  std::uint8_t cls[256] = {};
  char fold[256] = {};
  bool simd_agrees =
      true;  // ASCII words are [A-Za-z0-9], [a-z] lower case, folded to lower case, as ascii_word_run() assumes
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
      } else if (info.cls == CharClass::kLineBreak) {
        cls[b] = kAsciiLineBreak;
      }
      if (folded.size() == 1) fold[b] = folded[0];
      const bool letter = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
      const bool simd_word = letter || (b >= '0' && b <= '9');
      const bool simd_lower = letter && (b & 0x20) != 0;
      if (simd_word != ((cls[b] & kWordMask) != 0) || (simd_word && fold[b] != (letter ? (b | 0x20) : b)) ||
          simd_lower != (cls[b] == kLowerLetter)) {
        simd_agrees = false;
      }
    }
  }
};

const ByteTable& byte_table() {
  static const ByteTable table;
  return table;
}

// A run of ASCII letters and digits from `pos`, folded into `out` (letters
// lower-cased, as the table does); returns where the run ends and adds
// kLowerLetter / kDigit to `seen` when it has them. Sixteen bytes at a time
// where SSE2 is there: words end at unpredictable lengths, and a branch per
// byte costs more than the rest of the tokenizer. May write up to 16 bytes
// past the run into `out`, which the caller has room for.
std::size_t ascii_word_run(const ByteTable& table, const unsigned char* bytes, std::size_t pos, std::size_t n,
                           char*& out, unsigned& seen) {
#if defined(__SSE2__)
  if (table.simd_agrees) {
    const __m128i case_bit = _mm_set1_epi8(0x20);
    while (pos + 16 <= n) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + pos));
      // With the case bit set, upper-case letters read as lower-case ones
      // and nothing else does: one range test for both, and the folded byte
      // is the byte with that bit set for letters only.
      const __m128i letter = sse2::bytes_in_range(_mm_or_si128(v, case_bit), 'a', 26);
      const __m128i digit = sse2::bytes_in_range(v, '0', 10);
      const auto word = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit)));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_or_si128(v, _mm_and_si128(letter, case_bit)));
      const unsigned run = word == 0xFFFFU ? 16 : static_cast<unsigned>(__builtin_ctz(~word));
      const unsigned in_run = (1U << run) - 1;
      // A lower-case letter has the case bit (bit 5) set: shifted to bit 7, where movemask reads it.
      const auto lower = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(letter, _mm_slli_epi16(v, 2))));
      if ((lower & in_run) != 0) seen |= kLowerLetter;
      if ((static_cast<unsigned>(_mm_movemask_epi8(digit)) & in_run) != 0) seen |= kDigit;
      pos += run;
      out += run;
      if (run < 16) return pos;
    }
  }
#endif
  for (std::uint8_t k = 0; pos < n && ((k = table.cls[bytes[pos]]) & kWordMask) != 0; ++pos) {
    seen |= k;
    *out++ = table.fold[bytes[pos]];
  }
  return pos;
}

}  // namespace

// Small and called for every token: inline, with the rare line starts out of line.
inline void Tokens::open_token(Cursor& c, char32_t first, std::uint16_t flags) {
  if ((c.pending & (kParagraphBefore | kLineBefore)) != 0) note_line_start(c.pending);
  const auto at = static_cast<std::uint32_t>(c.pos);
  // Built in place: a Token assembled elsewhere and copied would be read
  // back whole from smaller stores, a stall on every token.
  tokens_.emplace_back(at, at, static_cast<std::uint32_t>(c.folded), first,
                       static_cast<std::uint16_t>(c.pending | flags));
  c.pending = 0;
  c.line_breaks = 0;
}

// A line break of `length` bytes at the cursor: \r\n counts once, two make a paragraph.
inline void Tokens::add_line_break(Cursor& c, char32_t cp, std::size_t length) {
  if (!(cp == '\n' && c.pos > 0 && input_[c.pos - 1] == '\r')) ++c.line_breaks;
  c.pending |= c.line_breaks >= 2 ? kParagraphBefore : kLineBefore;
  c.in_word = false;
  c.pos += length;
}

void Tokens::note_line_start(std::uint16_t pending) {
  const auto index = static_cast<std::uint32_t>(tokens_.size());
  if ((pending & kParagraphBefore) != 0) paragraphs_.push_back(index);
  if ((pending & kLineBefore) != 0) line_starts_.push_back(index);
}

// The hot loop of every extraction. Invariant: folded_ always has room for
// the rest of the input folded byte for byte (ASCII folds to one byte) plus
// kFoldedPadding; append_fold() grows it when a code point folds longer than
// it is written.
Tokens::Tokens(std::string_view input) { assign(input); }

void Tokens::assign(std::string_view input) {
  input_ = input;
  folded_end_ = 0;
  invalid_bytes_ = 0;
  first_invalid_ = 0;
  tokens_.clear();
  paragraphs_.clear();
  line_starts_.clear();
  digit_words_.clear();
  const ByteTable& table = byte_table();
  const FoldedChar* chars = folded_chars();
  const auto* bytes = reinterpret_cast<const unsigned char*>(input.data());
  const std::size_t n = input.size();
  folded_.resize(n + kFoldedPadding);
  tokens_.reserve(n / 4 + 16);  // French news: one token per 4.6 bytes; untouched capacity costs no memory
  // A line of news is rarely under 64 bytes: these seldom grow either (and
  // a gazetteer's or the lexicon's words, folded one by one, allocate none).
  paragraphs_.reserve(n / 64);
  line_starts_.reserve(n / 64);
  digit_words_.reserve(n / 64);
  Cursor c;
  while (c.pos < n) {
    const unsigned char b = bytes[c.pos];
    const std::uint8_t cls = table.cls[b];
    if ((cls & kWordMask) != 0) {
      if (!c.in_word) {
        open_token(c, b,
                   static_cast<std::uint16_t>(kWord | ((cls & kUpperLetter) != 0 ? kCapitalised | kAllUpper : 0)));
      }
      // The word's ASCII letters and digits, and the two-byte letters that
      // fold to at most two bytes (é, ç, ö...), without leaving the loop.
      unsigned seen = 0;
      std::size_t pos = c.pos;
      char* out = folded_.data() + c.folded;
      for (;;) {
        pos = ascii_word_run(table, bytes, pos, n, out, seen);
        const char32_t cp = pos < n ? two_byte_at(input, pos) : 0;
        if (cp == 0) break;
        const FoldedChar& f = chars[cp];
        if (f.info.cls != CharClass::kWord || f.length > 2) break;
        if (f.info.lower) seen |= kLowerLetter;
        std::memcpy(out, f.bytes, 2);  // within the padding when it folds shorter
        out += f.length;
        pos += 2;
      }
      Token& tok = tokens_.back();
      if ((seen & kLowerLetter) != 0) tok.flags &= ~kAllUpper;
      if ((seen & kDigit) != 0 && (tok.flags & kHasDigit) == 0) {
        tok.flags |= kHasDigit;
        digit_words_.push_back(static_cast<std::uint32_t>(tokens_.size() - 1));
      }
      c.folded = static_cast<std::size_t>(out - folded_.data());
      c.pos = pos;
      tok.end = static_cast<std::uint32_t>(pos);
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
      c.in_word = false;
    } else if (cls == kAsciiLineBreak) {
      add_line_break(c, b, 1);
    } else if (!add_two_byte(c, chars)) {
      add_code_point(c);
    }
  }
  folded_end_ = static_cast<std::uint32_t>(c.folded);
  std::fill(folded_.begin() + static_cast<std::ptrdiff_t>(c.folded), folded_.end(), '\0');
  finish();
}

// A well-formed two-byte letter, punctuation mark or space whose folded form
// has at most two bytes (« à », « », the no-break space), added as
// add_code_point() adds it, without its general decoding; false for any
// other code point.
bool Tokens::add_two_byte(Cursor& c, const FoldedChar* chars) {
  const char32_t cp = two_byte_at(input_, c.pos);
  if (cp == 0) return false;
  const FoldedChar& f = chars[cp];
  if (f.info.cls == CharClass::kSpace) {
    c.pos += 2;
    c.in_word = false;
    c.pending |= kSpaceBefore;
    return true;
  }
  if ((f.info.cls != CharClass::kWord && f.info.cls != CharClass::kPunct) || f.length > 2) return false;
  const bool word = f.info.cls == CharClass::kWord;
  if (!(word && c.in_word)) {
    open_token(c, cp, word ? kWord : kPunct);
    if (word && f.info.upper) tokens_.back().flags |= kCapitalised | kAllUpper;
  }
  c.pos += 2;
  Token& tok = tokens_.back();
  if (word && f.info.lower) tok.flags &= ~kAllUpper;
  std::memcpy(folded_.data() + c.folded, f.bytes, 2);  // the input's two bytes have their room
  c.folded += f.length;
  tok.end = static_cast<std::uint32_t>(c.pos);
  c.in_word = word;
  return true;
}

void Tokens::add_code_point(Cursor& c) {
  Decoded d = decode_at(input_, c.pos);
  if (!d.valid && invalid_bytes_++ == 0) first_invalid_ = c.pos;
  if (d.code_point == '&') html_reference(input_, c.pos, &d);
  const CharInfo info = classify(d.code_point);
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
      add_line_break(c, d.code_point, d.length);
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
  if (word && info.lower) tok.flags &= ~kAllUpper;
  if (!d.valid) tok.flags |= kInvalidUtf8;
  append_fold(c, d.code_point, d.length);
  tok.end = static_cast<std::uint32_t>(c.pos);
  c.in_word = word;
}

// The folded form of cp, read from `source_length` bytes of the input, at the
// end of folded_.
void Tokens::append_fold(Cursor& c, char32_t cp, std::size_t source_length) {
  const FoldedChar* f = cp < kFoldTableLimit ? &folded_chars()[cp] : nullptr;
  std::string_view folded;
  if (f != nullptr && f->length != FoldedChar::kLongFold) {
    folded = std::string_view(f->bytes, f->length);
  } else {
    scratch_.clear();
    append_folded(scratch_, cp);
    folded = scratch_;
  }
  if (folded.size() > source_length) {
    // Keep room for the rest of the input, byte for byte, and the padding.
    const std::size_t needed = c.folded + folded.size() + (input_.size() - c.pos) + kFoldedPadding;
    if (needed > folded_.size()) folded_.resize(std::max(needed, folded_.size() + folded_.size() / 2));
  }
  std::copy(folded.begin(), folded.end(), folded_.begin() + static_cast<std::ptrdiff_t>(c.folded));
  c.folded += folded.size();
}

// Where a single line break is a paragraph break. A text without blank lines
// puts one paragraph per line. A text with blank lines may still do so in
// places: a novel printed one paragraph per line has a blank line only between
// chapters. Only hard-wrapped prose breaks lines inside a paragraph, and
// wrapping never leaves a line longer than kWrapColumn bytes; so a block
// between blank lines that has a longer line puts one paragraph per line too.
void Tokens::promote_unwrapped_lines() {
  if (line_starts_.empty()) return;
  const std::size_t text_end = input_.size();
  const auto start_of = [&](std::uint32_t token) -> std::size_t {
    return token < tokens_.size() ? tokens_[token].start : text_end;
  };
  const bool every_line = paragraphs_.size() <= 1;
  // The promoted line starts are gathered at the front of line_starts_
  // (never past the one being read), then merged into paragraphs_: most
  // documents promote none, and allocate nothing here.
  std::size_t promoted = 0;
  std::size_t next_line = 0;
  for (std::size_t p = 0; p < paragraphs_.size(); ++p) {
    const std::uint32_t block = paragraphs_[p];
    const std::uint32_t block_end =
        p + 1 < paragraphs_.size() ? paragraphs_[p + 1] : static_cast<std::uint32_t>(tokens_.size());
    const std::size_t first_line = next_line;
    while (next_line < line_starts_.size() && line_starts_[next_line] < block_end) ++next_line;
    if (first_line == next_line) continue;
    bool unwrapped = every_line;
    std::size_t line = start_of(block);
    for (std::size_t k = first_line; k <= next_line && !unwrapped; ++k) {
      const std::size_t line_end = start_of(k < next_line ? line_starts_[k] : block_end);
      unwrapped = line_end - line > kWrapColumn;
      line = line_end;
    }
    if (!unwrapped) continue;
    for (std::size_t k = first_line; k < next_line; ++k) {
      Token& tok = tokens_[line_starts_[k]];
      tok.flags = static_cast<std::uint16_t>((tok.flags & ~kLineBefore) | kParagraphBefore);
      if (line_starts_[k] != block) line_starts_[promoted++] = line_starts_[k];  // a blank line after a line break
    }
  }
  if (promoted == 0) return;
  std::vector<std::uint32_t> merged(paragraphs_.size() + promoted);
  std::merge(paragraphs_.begin(), paragraphs_.end(), line_starts_.begin(),
             line_starts_.begin() + static_cast<std::ptrdiff_t>(promoted), merged.begin());
  paragraphs_.swap(merged);
}

void Tokens::finish() {
  promote_unwrapped_lines();
  line_starts_.clear();
  // A word with no letters at all (digits only) is not "all upper".
  for (const std::uint32_t i : digit_words_) {
    Token& tok = tokens_[i];
    if ((tok.flags & kAllUpper) != 0) {
      bool letter = false;
      for (const char ch : folded(i)) letter = letter || !(ch >= '0' && ch <= '9');
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

std::vector<std::string> folded_tokens(Tokens& scratch, std::string_view utf8) {
  scratch.assign(utf8);
  std::vector<std::string> out;
  out.reserve(scratch.size());
  for (std::size_t i = 0; i < scratch.size(); ++i) out.emplace_back(scratch.folded(i));
  return out;
}

std::vector<std::string> folded_tokens(std::string_view utf8) {
  Tokens toks;
  return folded_tokens(toks, utf8);
}

}  // namespace parole::text
