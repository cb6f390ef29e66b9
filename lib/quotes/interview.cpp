#include "quotes/interview.hpp"

#include <algorithm>

namespace parole::quotes {
namespace {

constexpr std::size_t kMinTurns = 2;  // questions and answers needed to call it an interview

enum class Role { kNone, kQuestion, kAnswer, kDash };

struct Paragraph {
  std::size_t first;    // first token
  std::size_t last;     // last token
  std::size_t content;  // first token after the marker
  std::size_t ordinal;  // the paragraph's rank in the text
  Role role;
};

bool is_dash(const text::Token& t) {
  return t.has(text::kPunct) && (t.first == 0x2014 || t.first == 0x2013 || t.first == '-');
}

Role marker(const text::Tokens& toks, const Lexicon& lex, std::size_t i, std::size_t* content) {
  if (is_dash(toks[i])) {
    *content = i + 1;
    return Role::kDash;
  }
  const bool* found = lex.interview_markers.find(toks.original(i));
  if (found == nullptr || i + 1 >= toks.size()) return Role::kNone;
  const text::Token& after = toks[i + 1];
  if (!after.has(text::kPunct) || !(after.first == '.' || after.first == ':' || is_dash(after))) return Role::kNone;
  *content = i + 2;
  return *found ? Role::kAnswer : Role::kQuestion;
}

// The paragraphs that open with a marker (a dash, a question or an answer
// marker), with their rank among all paragraphs: the others play no part.
// Paragraph to paragraph through the tokens' paragraph starts, not token by
// token (nor a search for each paragraph's end: a novel has a hundred
// thousand); no vector for a text without markers.
std::vector<Paragraph> marked_paragraphs(const text::Tokens& toks, const Lexicon& lex) {
  std::vector<Paragraph> out;
  const std::vector<std::uint32_t>& starts = toks.paragraph_starts();
  std::size_t ordinal = 0;
  for (std::size_t p = 0; p < starts.size(); ++p) {
    const std::size_t first = starts[p];
    const std::size_t next = p + 1 < starts.size() ? starts[p + 1] : toks.size();
    if (next <= first) continue;  // (no paragraph is empty; were one, it would not count)
    std::size_t content = first;
    const Role role = marker(toks, lex, first, &content);
    if (role != Role::kNone) out.push_back(Paragraph{first, next - 1, content, ordinal, role});
    ++ordinal;
  }
  return out;
}

bool ends_with_question(const text::Tokens& toks, const Paragraph& p) {
  return toks[p.last].has(text::kPunct) && toks[p.last].first == '?';
}

std::vector<Paragraph> answers(const text::Tokens& toks, const std::vector<Paragraph>& paras) {
  std::size_t questions = 0;
  std::size_t replies = 0;
  for (const Paragraph& p : paras) {
    questions += p.role == Role::kQuestion ? 1 : 0;
    replies += p.role == Role::kAnswer ? 1 : 0;
  }
  std::vector<Paragraph> out;
  if (questions >= kMinTurns && replies >= kMinTurns) {
    for (const Paragraph& p : paras) {
      if (p.role == Role::kAnswer && p.content <= p.last) out.push_back(p);
    }
    return out;
  }
  // Dash interviews: a dash paragraph ending with « ? » then its answer (the
  // paragraph right after it).
  std::size_t dash_questions = 0;
  for (std::size_t k = 0; k + 1 < paras.size(); ++k) {
    const Paragraph& q = paras[k];
    const Paragraph& a = paras[k + 1];
    if (a.ordinal == q.ordinal + 1 && q.role == Role::kDash && a.role == Role::kDash && ends_with_question(toks, q) &&
        !ends_with_question(toks, a) && a.content <= a.last) {
      ++dash_questions;
      out.push_back(a);
    }
  }
  if (dash_questions < kMinTurns) out.clear();
  return out;
}

}  // namespace

void add_interview_answers(const text::Tokens& toks, const Lexicon& lex, ScanResult& scan) {
  const std::vector<Paragraph> marked = marked_paragraphs(toks, lex);
  if (marked.size() < kMinTurns) return;  // two answers at least, each a marked paragraph
  const std::vector<Paragraph> found = answers(toks, marked);
  if (found.empty()) return;
  std::vector<ScannedQuote> merged;
  std::vector<std::size_t> new_index(scan.quotes.size());
  std::size_t next_answer = 0;
  std::optional<std::size_t> current_answer;
  std::size_t current_last = 0;
  auto push_answer = [&](const Paragraph& p) {
    ScannedQuote q;
    q.open = p.first;
    q.first = p.content;
    q.last = p.last;
    q.interview = true;
    current_answer = merged.size();
    current_last = p.last;
    merged.push_back(q);
  };
  for (std::size_t k = 0; k < scan.quotes.size(); ++k) {
    const ScannedQuote& q = scan.quotes[k];
    while (next_answer < found.size() && found[next_answer].first <= q.open) push_answer(found[next_answer++]);
    ScannedQuote copy = q;
    if (copy.parent) {
      copy.parent = new_index[*copy.parent];
    } else if (current_answer && q.open <= current_last) {
      copy.parent = current_answer;
    }
    new_index[k] = merged.size();
    merged.push_back(copy);
  }
  while (next_answer < found.size()) push_answer(found[next_answer++]);
  scan.quotes = std::move(merged);
}

}  // namespace parole::quotes
