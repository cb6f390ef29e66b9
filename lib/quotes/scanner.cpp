#include "quotes/scanner.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "quotes/marks.hpp"

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
bool looks_like_opener_alone(const text::Tokens& toks, std::size_t i) {
  const bool space_before = i == 0 || toks.space_before(i) || toks[i - 1].first == '(' || toks[i - 1].first == '[';
  const bool space_after = toks.space_after(i);
  if (space_before != space_after) return space_before;
  return !is_closing_context(toks, i);
}

// A doubled straight mark (word"". or ""word) is one mark, read from the space
// around the pair: alone, the first " of word"". has a mark after it, not
// punctuation, and would open a quote that swallows the next paragraphs. A
// pair open on both sides (space, bracket or punctuation: "" or ("")) is an
// empty quote, read mark by mark.
// The walk is bounded, so long runs stay linear.
bool looks_like_opener(const text::Tokens& toks, std::size_t i) {
  constexpr std::size_t kMaxRun = 8;
  const auto same = [&](std::size_t k) { return toks[k].has(text::kPunct) && toks[k].first == toks[i].first; };
  std::size_t first = i;
  std::size_t last = i;
  while (first > 0 && i - first < kMaxRun && !toks.space_before(first) && same(first - 1)) --first;
  while (last + 1 < toks.size() && last - i < kMaxRun && !toks.space_after(last) && same(last + 1)) ++last;
  if (first == last) return looks_like_opener_alone(toks, i);
  const bool space_before =
      first == 0 || toks.space_before(first) || toks[first - 1].first == '(' || toks[first - 1].first == '[';
  const bool space_after = toks.space_after(last);
  if (space_before && (space_after || is_closing_context(toks, last))) return looks_like_opener_alone(toks, i);
  if (space_before != space_after) return space_before;
  return !is_closing_context(toks, last);
}

// The tokens of the quote marks, in order, as a stream: the byte prefilter
// finds the marks in the input (marks.hpp), and a search over the token starts
// that begins at an interpolated guess (tokens are a few bytes long, evenly
// enough) gives each one's index in a few probes, while the token is then hot
// in the cache for the scanner. A '&' is checked on its token, which knows what
// the HTML reference there stands for.
class MarkTokens {
 public:
  MarkTokens(const text::Tokens& toks, const MarkFinder& finder)
      : all_(toks.all()),
        text_(toks.input()),
        finder_(finder),
        cursor_(finder, text_),
        tokens_per_byte_(text_.empty() ? 0 : (all_.size() << 16U) / text_.size()) {}

  // The next mark's token, or the number of tokens at the end.
  std::size_t next() {
    const std::size_t n = all_.size();
    if (started_) {
      // The tokens right after the last mark first, as a plain walk would:
      // dense marks (« « « …) are found there, without the byte path.
      const std::size_t near = std::min(n, t_ + 1 + kNear);
      for (std::size_t k = t_ + 1; k < near; ++k) {
        if (is_mark_token(all_[k])) return t_ = k;
      }
      if (near == n) return t_ = n;
      t_ = near - 1;
      cursor_ = MarkFinder::Cursor(finder_, text_, all_[near].start);
    }
    started_ = true;
    Mark m;
    for (std::size_t pos = cursor_.next(); pos < text_.size(); pos = cursor_.next()) {
      if (text_[pos] != '&' && !finder_.mark_at(text_, pos, &m)) continue;
      t_ = token_at_or_after(pos);
      if (t_ == n) break;
      if (all_[t_].start == pos && is_mark_token(all_[t_])) return t_;
    }
    return t_ = n;
  }

 private:
  static constexpr std::size_t kNear = 4;

  bool is_mark_token(const text::Token& tok) const { return tok.has(text::kPunct) && finder_.is_mark(tok.first); }

  // The first token from t_ on whose start is >= pos.
  std::size_t token_at_or_after(std::size_t pos) const {
    const std::size_t n = all_.size();
    if (t_ >= n || all_[t_].start >= pos) return t_;
    // Dense marks (« « « …) are next to each other: the next tokens first.
    for (std::size_t k = t_ + 1; k < std::min(n, t_ + 4); ++k) {
      if (all_[k].start >= pos) return k;
    }
    // Else guess from the document's tokens per byte (16.16 fixed point), then
    // gallop from the guess towards the answer: forward, or back (never before t_).
    const std::size_t ahead = ((pos - all_[t_].start) * tokens_per_byte_) >> 16U;
    const std::size_t guess = std::min(n - 1, t_ + 1 + ahead);
    std::size_t lo = 0;  // the answer is in [lo, hi]: all_[lo - 1].start < pos, all_[hi].start >= pos (or hi == n)
    std::size_t hi = 0;
    if (all_[guess].start < pos) {
      std::size_t below = guess;
      std::size_t probe = below + 1;
      for (std::size_t step = 1; probe < n && all_[probe].start < pos; step *= 2) {
        below = probe;
        probe = below + 2 * step;
      }
      lo = below + 1;
      hi = std::min(probe, n);
    } else {
      std::size_t above = guess;  // > t_, since all_[t_].start < pos
      for (std::size_t step = 1;; step *= 2) {
        const std::size_t probe = above > t_ + step ? above - step : t_;
        if (all_[probe].start < pos) {
          lo = probe + 1;
          break;
        }
        above = probe;
      }
      hi = above;
    }
    const auto first = all_.begin();
    return static_cast<std::size_t>(
        std::lower_bound(first + static_cast<std::ptrdiff_t>(lo), first + static_cast<std::ptrdiff_t>(hi), pos,
                         [](const text::Token& tok, std::size_t p) { return tok.start < p; }) -
        first);
  }

  const std::vector<text::Token>& all_;
  std::string_view text_;
  const MarkFinder& finder_;
  MarkFinder::Cursor cursor_;
  std::size_t tokens_per_byte_;  // 16.16 fixed point, at most 1.0: a token has a byte at least
  std::size_t t_ = 0;            // the last mark's token: every later mark is after it
  bool started_ = false;         // t_ is a mark's token
};

class Scanner {
 public:
  Scanner(const text::Tokens& toks, const Lexicon& lex)
      : toks_(toks), lex_(lex), pairs_(pair_states(lex.quote_pairs.size())) {}
  Scanner(const Scanner&) = delete;  // pairs_ may point into the object
  Scanner& operator=(const Scanner&) = delete;

  ScanResult run() {
    const bool reversed = reversed_guillemets();
    for (std::size_t p = 0; p < lex_.quote_pairs.size(); ++p) {
      const QuotePair::When when = lex_.quote_pairs[p].when;
      pairs_[p].active = when == QuotePair::When::kAlways || (when == QuotePair::When::kReversed) == reversed;
    }
    // Only marks and, while a quote is open, paragraph starts change the
    // state: jump from one to the next instead of visiting every token.
    std::size_t last = 0;  // the last token handled
    if (voted_all_) {
      for (std::size_t k = 0; k < voted_count_; ++k) {
        const std::size_t i = voted_[k];
        if (!paragraph_breaks(last, i)) mark(i);
        last = i;
      }
    } else {
      MarkTokens marks(toks_, lex_.quote_marks);
      for (std::size_t i = marks.next(); i < toks_.size(); i = marks.next()) {
        if (!paragraph_breaks(last, i)) mark(i);
        last = i;
      }
    }
    paragraph_breaks(last, toks_.size());
    close_all(toks_.size());
    return std::move(result_);
  }

 private:
  struct Open {
    std::size_t quote;  // index in result_.quotes
    std::size_t pair;
  };

  // Guillemets printed the other way round (»…«, glued to the words as those
  // outlets print them): each guillemet glued on one side only votes, « glued
  // to the word after it or » glued to the word before it for the usual way,
  // » glued to the word after it or « glued to the word before it for the
  // reversed one (spaced guillemets vote nothing). The reversed way needs two
  // votes and twice as many as the usual way: a vote of the document rather
  // than its first guillemet alone, so that one broken or odd mark does not
  // turn every other quote of the text inside out. The first kVotes votes
  // decide: a long text stops early.
  // The marks seen are kept (voted_) when they are all the text's and few: the
  // scan then reads them from there instead of searching the bytes again.
  bool reversed_guillemets() {
    constexpr int kVotes = 32;
    int usual = 0;
    int reversed = 0;
    MarkTokens marks(toks_, lex_.quote_marks);
    std::size_t i = marks.next();
    for (; i < toks_.size() && usual + reversed < kVotes; i = marks.next()) {
      if (voted_count_ < kVotedMarks) voted_[voted_count_] = i;
      ++voted_count_;
      const char32_t cp = toks_[i].first;
      if (cp != 0xAB && cp != 0xBB) continue;
      const bool word_before = i > 0 && !toks_.space_before(i) && toks_[i - 1].is_word();
      const bool word_after = i + 1 < toks_.size() && !toks_.space_after(i) && toks_[i + 1].is_word();
      if (word_before == word_after) continue;
      ((cp == 0xAB) == word_after ? usual : reversed) += 1;
    }
    voted_all_ = i >= toks_.size() && voted_count_ <= kVotedMarks;
    return reversed >= 2 && reversed > 2 * usual;
  }

  // The paragraph starts after token `last` up to token `upto` (a mark, or the
  // end), while a quote is open. Returns true when `upto` was consumed as a
  // continuation mark. Between two marks that is one step: the first start
  // closes every quote unless it is a reopening mark, and a mark is `upto`.
  bool paragraph_breaks(std::size_t last, std::size_t upto) {
    for (std::size_t from = last; !stack_.empty();) {
      const std::size_t paragraph = toks_.paragraph_end(from);  // the first paragraph start after `from`
      if (paragraph >= toks_.size() || paragraph > upto) return false;
      if (paragraph_break(paragraph) && paragraph == upto) return true;
      from = paragraph;
    }
    return false;
  }

  // Whether a quote opened at token `open` may run on into the next paragraph:
  // quotes of several paragraphs start a paragraph or follow a colon. A
  // fragment opened inside the writer's sentence (« a dénoncé « un abandon »)
  // and left open at the end of its paragraph lost its closing mark: it ends
  // there, and a next paragraph that opens with a mark starts a quote of its own.
  bool may_run_on(std::size_t open) const {
    return toks_[open].has(text::kParagraphBefore) ||
           (open > 0 && toks_[open - 1].has(text::kPunct) && toks_[open - 1].first == ':');
  }

  // Returns true when token i was consumed as a continuation mark.
  bool paragraph_break(std::size_t i) {
    const QuotePair& outer = lex_.quote_pairs[stack_.front().pair];
    if (toks_[i].has(text::kPunct) && outer.reopen.find(toks_[i].first) != std::u32string::npos && stack_.size() == 1 &&
        may_run_on(result_.quotes[stack_.front().quote].open)) {
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
      if (!pairs_[p].active) continue;
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
      if (!pairs_[p].active || pair.close != cp || pairs_[p].open_count == 0 || pair.open == cp) continue;
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
    ++pairs_[pair].open_count;
    result_.quotes.push_back(q);
  }

  // Ends the innermost quote with content up to (not including) token `end`.
  void finish(std::size_t end, std::size_t close_token, bool recovered) {
    const Open top = stack_.back();
    stack_.pop_back();
    --pairs_[top.pair].open_count;
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
  // Per quote pair: its quotes open, and whether it is in use for this
  // document. In the object for the lexicon's few pairs: no allocation per document.
  struct PairState {
    std::size_t open_count = 0;
    bool active = true;
  };
  static constexpr std::size_t kInlinePairs = 16;
  PairState* pair_states(std::size_t n) {
    if (n <= kInlinePairs) return inline_pairs_.data();
    heap_pairs_.resize(n);
    return heap_pairs_.data();
  }
  std::array<PairState, kInlinePairs> inline_pairs_{};
  std::vector<PairState> heap_pairs_;
  PairState* pairs_;
  static constexpr std::size_t kVotedMarks = 64;
  std::array<std::size_t, kVotedMarks> voted_{};  // the first marks' tokens, in order
  std::size_t voted_count_ = 0;                   // marks the vote saw
  bool voted_all_ = false;                        // voted_ holds every mark of the text
  std::vector<Open> stack_;
  ScanResult result_;
};

}  // namespace

std::u32string scanned_code_points(const std::vector<QuotePair>& pairs) {
  std::u32string out = U"\u00AB\u00BB";
  for (const QuotePair& p : pairs) {
    out.push_back(p.open);
    out.push_back(p.close);
    out += p.reopen;
  }
  return out;
}

ScanResult scan_quotes(const text::Tokens& toks, const Lexicon& lex) {
  ScanResult result = Scanner(toks, lex).run();
  // Nothing to drop, the usual case: no copy.
  if (std::none_of(result.quotes.begin(), result.quotes.end(), [](const ScannedQuote& q) { return q.first > q.last; }))
    return result;
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
