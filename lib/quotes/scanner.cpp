#include "quotes/scanner.hpp"

#include <algorithm>

namespace parole::quotes {
namespace {

// Quotes nested deeper than this are read as plain text. Real texts rarely go
// past 3; the bound keeps the output linear for hostile input.
constexpr std::size_t kMaxDepth = 8;

bool is_closing_context(const text::Tokens& toks, std::size_t i) {
  if (i + 1 >= toks.size()) return true;
  const text::Token& next = toks[i + 1];
  if (next.has(text::kParagraphBefore)) return true;
  if (next.is_word()) return false;
  switch (next.first) {
    case '.':
    case ',':
    case ';':
    case ':':
    case '!':
    case '?':
    case ')':
    case 0x2026:
      return true;
    default:
      return false;
  }
}

// Straight marks carry no direction: an opener has space (or an opening
// bracket) before it and a word right after it.
bool looks_like_opener(const text::Tokens& toks, std::size_t i) {
  const bool space_before = i == 0 || toks.space_before(i) || toks[i - 1].first == '(' || toks[i - 1].first == '[';
  const bool space_after = toks.space_after(i);
  if (space_before != space_after) return space_before;
  return !is_closing_context(toks, i);
}

class Scanner {
 public:
  Scanner(const text::Tokens& toks, const Lexicon& lex)
      : toks_(toks), lex_(lex), open_count_(lex.quote_pairs.size(), 0), active_(lex.quote_pairs.size(), true) {
    const bool reversed = reversed_guillemets();
    for (std::size_t p = 0; p < lex.quote_pairs.size(); ++p) {
      const QuotePair::When when = lex.quote_pairs[p].when;
      active_[p] = when == QuotePair::When::kAlways || (when == QuotePair::When::kReversed) == reversed;
    }
  }

  ScanResult run() {
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (!stack_.empty() && toks_[i].has(text::kParagraphBefore) && paragraph_break(i)) continue;
      if (toks_[i].has(text::kPunct)) mark(i);
    }
    close_all(toks_.size());
    return std::move(result_);
  }

 private:
  struct Open {
    std::size_t quote;  // index in result_.quotes
    std::size_t pair;
  };

  // Guillemets printed the other way round (»…«, glued to the words as those
  // outlets print them): the document's first guillemet is » with a word right
  // after it, and the next « has a word or punctuation right before it.
  bool reversed_guillemets() const {
    std::size_t first = toks_.size();
    for (std::size_t i = 0; i < toks_.size() && first == toks_.size(); ++i) {
      if (!toks_[i].has(text::kPunct)) continue;
      if (toks_[i].first == 0xAB) return false;
      if (toks_[i].first == 0xBB) first = i;
    }
    if (first + 1 >= toks_.size() || toks_.space_after(first) || !toks_[first + 1].is_word()) return false;
    for (std::size_t i = first + 1; i < toks_.size(); ++i) {
      if (toks_[i].has(text::kPunct) && toks_[i].first == 0xAB) return !toks_.space_before(i);
    }
    return false;
  }

  // Returns true when token i was consumed as a continuation mark.
  bool paragraph_break(std::size_t i) {
    const QuotePair& outer = lex_.quote_pairs[stack_.front().pair];
    if (toks_[i].has(text::kPunct) && outer.reopen.find(toks_[i].first) != std::u32string::npos) {
      // Only the outermost quote goes on; quotes opened inside it end with the paragraph.
      while (stack_.size() > 1) {
        ++result_.unclosed;
        finish(i, kNoToken, true);
      }
      result_.quotes[stack_.front().quote].paragraphs = true;
      return true;
    }
    close_all(i);
    return false;
  }

  void mark(std::size_t i) {
    const char32_t cp = toks_[i].first;
    std::optional<std::size_t> opens;
    bool closes_any = false;
    for (std::size_t p = 0; p < lex_.quote_pairs.size(); ++p) {
      const QuotePair& pair = lex_.quote_pairs[p];
      if (!active_[p]) continue;
      if (pair.open == cp && !opens) opens = p;
      if (pair.close == cp) closes_any = true;
    }
    if (!opens && !closes_any) return;
    if (closes_any && try_close(i, cp)) return;
    if (opens) {
      open(i, *opens);
      return;
    }
    ++result_.stray_closing;
  }

  bool try_close(std::size_t i, char32_t cp) {
    if (!stack_.empty()) {
      const QuotePair& top = lex_.quote_pairs[stack_.back().pair];
      if (top.close == cp && (top.open != cp || !looks_like_opener(toks_, i))) {
        finish(i, i, false);
        return true;
      }
    }
    // A closer for a quote deeper in the stack ends the quotes opened inside it.
    for (std::size_t p = 0; p < lex_.quote_pairs.size(); ++p) {
      const QuotePair& pair = lex_.quote_pairs[p];
      if (!active_[p] || pair.close != cp || open_count_[p] == 0 || pair.open == cp) continue;
      while (stack_.back().pair != p) {
        ++result_.unclosed;
        finish(i, kNoToken, true);
      }
      finish(i, i, false);
      return true;
    }
    return false;
  }

  void open(std::size_t i, std::size_t pair) {
    const QuotePair& mark = lex_.quote_pairs[pair];
    if (mark.open == mark.close && !looks_like_opener(toks_, i)) {
      ++result_.stray_closing;
      return;
    }
    if (!stack_.empty()) {
      ScannedQuote& top = result_.quotes[stack_.back().quote];
      const bool same_mark = toks_[top.open].first == mark.open;
      // «« is one mark; « … « used as a closer ends the quote.
      if (same_mark && top.first == i && !toks_.space_before(i)) {
        top.first = i + 1;
        return;
      }
      if (same_mark && is_closing_context(toks_, i)) {
        ++result_.unclosed;
        finish(i, i, true);
        return;
      }
    }
    if (stack_.size() >= kMaxDepth) return;  // bounds the output: text is copied once per level
    ScannedQuote q;
    q.open = i;
    q.first = i + 1;
    q.pair = pair;
    if (!stack_.empty()) q.parent = stack_.back().quote;
    stack_.push_back(Open{result_.quotes.size(), pair});
    ++open_count_[pair];
    result_.quotes.push_back(q);
  }

  // Ends the innermost quote with content up to (not including) token `end`.
  void finish(std::size_t end, std::size_t close_token, bool recovered) {
    const Open top = stack_.back();
    stack_.pop_back();
    --open_count_[top.pair];
    ScannedQuote& q = result_.quotes[top.quote];
    q.close = close_token;
    q.last = end - 1;  // end > q.open, so an empty quote gets last < first
    q.recovered = recovered;
  }

  // Closes every open quote at the end of the paragraph before token `next`.
  void close_all(std::size_t next) {
    while (!stack_.empty()) {
      ++result_.unclosed;
      finish(next, kNoToken, true);
    }
  }

  const text::Tokens& toks_;
  const Lexicon& lex_;
  std::vector<std::size_t> open_count_;
  std::vector<bool> active_;  // pairs in use for this document
  std::vector<Open> stack_;
  ScanResult result_;
};

}  // namespace

ScanResult scan_quotes(const text::Tokens& toks, const Lexicon& lex) {
  ScanResult result = Scanner(toks, lex).run();
  // Drop quotes with no content (« »), re-pointing parents.
  std::vector<std::size_t> new_index(result.quotes.size(), kNoToken);
  std::vector<ScannedQuote> kept;
  for (std::size_t k = 0; k < result.quotes.size(); ++k) {
    ScannedQuote q = result.quotes[k];
    if (q.first > q.last) continue;
    if (q.parent) {
      std::optional<std::size_t> parent = q.parent;
      while (parent && new_index[*parent] == kNoToken) parent = result.quotes[*parent].parent;
      q.parent = parent ? std::optional<std::size_t>(new_index[*parent]) : std::nullopt;
    }
    new_index[k] = kept.size();
    kept.push_back(q);
  }
  result.quotes = std::move(kept);
  return result;
}

}  // namespace parole::quotes
