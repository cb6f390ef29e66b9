// Finding quotations: a single pass over the quote marks with a stack of open
// quotes, the mark pairs taken from data (lexicon quote_pairs). The marks are
// found in the bytes by a prefilter (marks.hpp) and the scan jumps from one to
// the next (and to paragraph starts while a quote is open) instead of visiting
// every token. Linear in the input whatever the marks: every mark is pushed and
// popped at most once.
//
// Recovery rules, in the order they apply:
// * a quote left open at the end of a paragraph continues when the next
//   paragraph starts with one of its pair's `reopen` marks (French
//   convention), and is closed at the end of its paragraph otherwise; only a
//   quote that opened its paragraph or followed a colon continues, with no
//   quote opened inside it still open (a fragment of the writer's sentence
//   left open lost its closing mark, and the next paragraph's quote is its own);
// * a closing mark that matches a quote deeper in the stack closes it, and the
//   quotes opened inside it end just before it;
// * a closing mark that matches no open quote is ignored (stray, e.g. »»);
// * an opening mark right after the same opening mark is one mark («« );
// * an opening mark of the innermost open quote that is followed by
//   punctuation or the end of the paragraph closes it (« … « used as a closer);
// * a doubled straight mark (word"". or ""word) is read as one mark;
// * guillemets are reversed (» … «) in a document when most of its glued
//   guillemets say so, not on the strength of its first one alone.
#ifndef PAROLE_QUOTES_SCANNER_HPP
#define PAROLE_QUOTES_SCANNER_HPP

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "quotes/lexicon.hpp"
#include "text/tokens.hpp"

namespace parole::quotes {

inline constexpr std::size_t kNoToken = static_cast<std::size_t>(-1);

struct ScannedQuote {
  std::size_t open = kNoToken;   // token of the opening mark
  std::size_t close = kNoToken;  // token of the closing mark; kNoToken when recovered
  std::size_t first = 0;         // content tokens [first, last]; first > last when empty
  std::size_t last = 0;
  std::optional<std::size_t> parent;  // index in the result of the enclosing quote
  std::size_t pair = 0;               // index into Lexicon::quote_pairs
  bool paragraphs = false;            // runs over several paragraphs
  bool recovered = false;             // closed by a recovery rule
  bool interview = false;             // an interview answer, without marks (see interview.hpp)
};

struct ScanResult {
  std::vector<ScannedQuote> quotes;  // in order of their opening marks
  std::size_t unclosed = 0;
  std::size_t stray_closing = 0;
};

ScanResult scan_quotes(const text::Tokens& toks, const Lexicon& lex);

// The code points the scanner reacts to: every opening, closing and reopening
// mark of the pairs, and « » (the reversed-guillemet test reads them). The
// Lexicon's MarkFinder is built from them.
std::u32string scanned_code_points(const std::vector<QuotePair>& pairs);

}  // namespace parole::quotes

#endif
