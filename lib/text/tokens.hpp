// Tokenisation of the original bytes: words (letters, digits and marks) and
// single punctuation code points; white space is not a token but is recorded
// on the following token. Each token keeps its exact byte span in the input
// and its folded form (see fold.hpp), so matching never loses offsets.
#ifndef PAROLE_TEXT_TOKENS_HPP
#define PAROLE_TEXT_TOKENS_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace parole::text {

enum TokenFlag : std::uint16_t {
  kWord = 1U << 0U,
  kPunct = 1U << 1U,
  kSpaceBefore = 1U << 2U,      // white space between the previous token and this one
  kLineBefore = 1U << 3U,       // a single line break before it
  kParagraphBefore = 1U << 4U,  // a blank line (or the start of the text) before it; also any
                                // line break of a text with no blank line at all, or of a block
                                // between blank lines that is not hard-wrapped (kWrapColumn)
  kAllUpper = 1U << 5U,         // a word whose letters are all upper case (at least one)
  kCapitalised = 1U << 6U,      // a word whose first letter is upper case
  kHasDigit = 1U << 7U,
  kInvalidUtf8 = 1U << 8U,  // the token holds bytes read as U+FFFD
};

// Sixteen bytes: a text has about one token per five bytes, and the tokens
// of a long document are most of the memory it needs.
struct Token {
  Token(std::uint32_t start_at, std::uint32_t end_at, std::uint32_t folded_at, char32_t first_code_point,
        std::uint16_t token_flags)
      : start(start_at), end(end_at), fstart(folded_at), first(first_code_point), flags(token_flags) {}

  std::uint32_t start;  // byte span in the original input
  std::uint32_t end;
  std::uint32_t fstart;      // where the folded form starts in Tokens::folded; it ends where the next one starts
  std::uint32_t first : 21;  // first code point as written (for punctuation)
  std::uint32_t flags : 11;  // TokenFlag bits

  bool has(TokenFlag f) const { return (flags & f) != 0; }
  bool is_word() const { return has(kWord); }
};
static_assert(sizeof(Token) == 16, "tokens are most of a document's memory");

// Hard-wrapped prose (mail, plain-text books) breaks its lines at 72 to 80
// columns, a few more bytes with accents and no-break spaces: a block between
// blank lines with a line longer than this (counting its line break) is not
// wrapped, and its line breaks are paragraph breaks.
inline constexpr std::size_t kWrapColumn = 120;

struct FoldedChar;  // text/fold.hpp

// The first eight bytes of the `bytes` bytes at `at`, zero-padded past them,
// as the bytes of a native integer would be: one load and a mask, without a
// branch on the length (as good as random for words). Eight bytes must be
// readable at `at`: a folded token's (Tokens::kFoldedPadding), or a padded key's.
inline std::uint64_t padded_head(const char* at, std::size_t bytes) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  static constexpr std::uint64_t kKept[9] = {0,
                                             0xFFULL << 56U,
                                             0xFFFFULL << 48U,
                                             0xFFFFFFULL << 40U,
                                             0xFFFFFFFFULL << 32U,
                                             0xFFFFFFFFFFULL << 24U,
                                             0xFFFFFFFFFFFFULL << 16U,
                                             0xFFFFFFFFFFFFFFULL << 8U,
                                             ~0ULL};
#else
  // The first k bytes of a little-endian word: bits 0 to 8k - 1.
  static constexpr std::uint64_t kKept[9] = {
      0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFFULL, 0xFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFULL, ~0ULL};
#endif
  std::uint64_t head = 0;
  std::memcpy(&head, at, 8);
  return head & kKept[bytes < 8 ? bytes : 8];
}

class Tokens {
 public:
  explicit Tokens(std::string_view input);
  Tokens() = default;
  // Tokenizes `input` in place of the previous text, reusing the memory: for
  // the many short words and names folded one by one when tables are built.
  void assign(std::string_view input);

  std::string_view input() const { return input_; }
  // Every token's folded form, back to back (folded(0), folded(1)...).
  std::string_view folded_text() const { return {folded_.data(), folded_end_}; }
  // Bytes of the input that are not well-formed UTF-8 (each read as U+FFFD),
  // and the offset of the first: the same as check_utf8(), without a second pass.
  std::size_t invalid_bytes() const { return invalid_bytes_; }
  std::size_t first_invalid() const { return first_invalid_; }
  const std::vector<Token>& all() const { return tokens_; }
  std::size_t size() const { return tokens_.size(); }
  const Token& operator[](std::size_t i) const { return tokens_[i]; }
  std::string_view folded(std::size_t i) const {
    const std::uint32_t begin = tokens_[i].fstart;
    const std::uint32_t end = i + 1 < tokens_.size() ? tokens_[i + 1].fstart : folded_end_;
    return {folded_.data() + begin, end - begin};
  }
  // Every folded form is followed by at least kFoldedPadding readable bytes
  // (of the next forms or zeros): a matcher may load eight bytes at once.
  static constexpr std::size_t kFoldedPadding = 8;
  // The first eight bytes of folded(i), zero-padded past its end (padded_head()).
  std::uint64_t folded_head(std::size_t i) const {
    const std::string_view f = folded(i);
    return padded_head(f.data(), f.size());
  }
  std::string_view original(std::size_t i) const {
    const Token& t = tokens_[i];
    return input_.substr(t.start, t.end - t.start);
  }
  // The first token of each paragraph, ascending (the first is 0 when there
  // are tokens): to go paragraph to paragraph without a search each.
  const std::vector<std::uint32_t>& paragraph_starts() const { return paragraphs_; }
  // Index of the first token of the paragraph containing token i, and one past
  // its last token. O(log paragraphs).
  std::size_t paragraph_start(std::size_t i) const;
  std::size_t paragraph_end(std::size_t i) const;
  bool space_after(std::size_t i) const {
    return i + 1 >= tokens_.size() ? true
                                   : (tokens_[i + 1].flags & (kSpaceBefore | kLineBefore | kParagraphBefore)) != 0;
  }
  bool space_before(std::size_t i) const {
    return (tokens_[i].flags & (kSpaceBefore | kLineBefore | kParagraphBefore)) != 0;
  }

 private:
  // Where the tokenizer is: input byte, folded byte, and what comes before
  // the next token.
  struct Cursor {
    std::size_t pos = 0;
    std::size_t folded = 0;
    std::uint16_t pending = kParagraphBefore;  // the start of the text opens a paragraph
    int line_breaks = 0;
    bool in_word = false;
  };
  void open_token(Cursor& c, char32_t first, std::uint16_t flags);
  void note_line_start(std::uint16_t pending);
  void add_line_break(Cursor& c, char32_t cp, std::size_t length);
  bool add_two_byte(Cursor& c, const FoldedChar* chars);
  void add_code_point(Cursor& c);
  void append_fold(Cursor& c, char32_t cp, std::size_t source_length);
  void finish();
  void promote_unwrapped_lines();

  std::string_view input_;
  std::string folded_;  // the folded forms back to back, then kFoldedPadding zeros or more
  std::uint32_t folded_end_ = 0;
  std::string scratch_;  // one code point's folded form, when longer than FoldedChar holds
  std::size_t invalid_bytes_ = 0;
  std::size_t first_invalid_ = 0;
  std::vector<Token> tokens_;
  std::vector<std::uint32_t> paragraphs_;   // first token of each paragraph, ascending
  std::vector<std::uint32_t> line_starts_;  // tokens after a single line break, while tokenizing
  std::vector<std::uint32_t> digit_words_;  // words with a digit, while tokenizing
};

// Folded words of a name or phrase, as the tokenizer would see them.
std::vector<std::string> folded_tokens(std::string_view utf8);
// The same with a tokenizer whose memory is reused from phrase to phrase
// (tables of thousands of phrases).
std::vector<std::string> folded_tokens(Tokens& scratch, std::string_view utf8);

}  // namespace parole::text

#endif
