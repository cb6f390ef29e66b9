// Interviews in question/answer form: « Q. … » / « R. … » paragraphs, or
// paragraphs opened by a dash alternating a question (ending with ?) and its
// answer. The answers are the interviewee's words although they carry no
// quotation marks; they join the scanned quotes as unmarked quotes, and the
// quotes inside them become their children.
#ifndef PAROLE_QUOTES_INTERVIEW_HPP
#define PAROLE_QUOTES_INTERVIEW_HPP

#include "quotes/lexicon.hpp"
#include "quotes/scanner.hpp"
#include "text/tokens.hpp"

namespace parole::quotes {

// Adds the answers of an interview to `scan` (kept in text order).
void add_interview_answers(const text::Tokens& toks, const Lexicon& lex, ScanResult& scan);

}  // namespace parole::quotes

#endif
