// quote-robustness — issue #4: "no text loses a quote that its gold has
// because a mark elsewhere in the text is broken".
//
//   parole-quote-robustness [--verbose] DIR...
//
// For every NAME.gold.json below the folders, NAME.txt is run once as it is
// (the baseline), then once per edit of one mark of one gold quote: the
// closing mark deleted, doubled, or replaced by the opening one (« … «); the
// opening mark deleted, doubled, or replaced by the closing one (» … »). After
// each edit, every other gold quote that the baseline found and that lies in
// other paragraphs than the broken quote (from its opening to its closing mark)
// must still be found with the same offsets, shifted by the edit when it comes
// after it, and still count as a quote (not a term, still top-level or nested
// as before). Quotes in the broken quote's own paragraphs may change: that is
// what recovery is about.
//
// Not checked: deleting a closing mark that ended its paragraph when the next
// paragraph opens with a mark. The edited text is then exactly the French
// convention for a quote running over several paragraphs (issue #4: no closing
// mark at the end of a paragraph and an opening mark at the start of the next
// one), and reading one quote there is right.
//
// Known failures (kKnown below) are reported but do not fail the run; any
// other failure does (exit 1).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "parole/parole.hpp"
#include "quotes/lexicon.hpp"
#include "quotes/marks.hpp"
#include "text/tokens.hpp"

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool blank(std::string_view s) {
  // ASCII and the no-break spaces that French typography puts inside guillemets.
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
    } else if (s.substr(i, 2) == "\u00A0") {
      i += 2;
    } else if (s.substr(i, 3) == "\u202F" || s.substr(i, 3) == "\u2009") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

struct GoldQuote {
  std::size_t start, end;  // content, as annotated
  bool top_level;
  std::optional<parole::quotes::Mark> open, close;  // the marks around it, when it has them
  std::size_t first_paragraph = 0, last_paragraph = 0;
  std::optional<std::size_t> baseline;  // index of the matching prediction in the baseline run
  std::string text;
};

// Paragraph number of a byte offset, as the tokenizer cuts paragraphs.
std::size_t paragraph_of(const parole::text::Tokens& toks, std::size_t offset) {
  const auto& all = toks.all();
  auto it = std::lower_bound(all.begin(), all.end(), offset,
                             [](const parole::text::Token& t, std::size_t o) { return t.end <= o; });
  if (it == all.end()) return toks.size() == 0 ? 0 : toks.paragraph_start(toks.size() - 1);
  return toks.paragraph_start(static_cast<std::size_t>(it - all.begin()));
}

// The eval's rule (tests/parole_eval.cpp): spans overlapping by at least 80 % of their union.
bool spans_match(std::size_t gs, std::size_t ge, std::size_t ps, std::size_t pe) {
  const std::size_t inter = std::min(ge, pe) > std::max(gs, ps) ? std::min(ge, pe) - std::max(gs, ps) : 0;
  const std::size_t uni = std::max(ge, pe) - std::min(gs, ps);
  return uni > 0 && inter * 5 >= uni * 4;
}

bool counted(const parole::Quote& q) { return q.kind != "term"; }

struct Edit {
  const char* name;
  std::size_t at;  // bytes [at, at + removed) replaced by `inserted`
  std::size_t removed;
  std::string inserted;
};

std::string apply(const std::string& text, const Edit& e) {
  return text.substr(0, e.at) + e.inserted + text.substr(e.at + e.removed);
}

std::vector<Edit> edits_of(const std::string& text, const GoldQuote& q) {
  std::vector<Edit> out;
  const auto bytes = [&](const parole::quotes::Mark& m) { return text.substr(m.offset, m.length); };
  if (q.close) {
    out.push_back({"delete closing mark", q.close->offset, q.close->length, ""});
    out.push_back({"double closing mark", q.close->offset + q.close->length, 0, bytes(*q.close)});
    if (q.open && bytes(*q.open) != bytes(*q.close)) {
      out.push_back({"closing mark replaced by the opening one", q.close->offset, q.close->length, bytes(*q.open)});
    }
  }
  if (q.open) {
    out.push_back({"delete opening mark", q.open->offset, q.open->length, ""});
    out.push_back({"double opening mark", q.open->offset + q.open->length, 0, bytes(*q.open)});
    if (q.close && bytes(*q.open) != bytes(*q.close)) {
      out.push_back({"opening mark replaced by the closing one", q.open->offset, q.open->length, bytes(*q.close)});
    }
  }
  return out;
}

std::string excerpt(const std::string& s) {
  std::string out = s.substr(0, 60);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0U) == 0x80U) out.pop_back();
  if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0U) out.pop_back();
  return out.size() < s.size() ? out + "…" : out;
}

// Deleting the closing mark of a quote that opens its paragraph and is
// followed by an incise that ends it (« … », a-t-elle lancé sous les
// applaudissements. / « … » a indiqué V. Sapounov.): the quote runs to the
// end of the paragraph, and the next paragraph opening with « continues it.
// Telling the incise from quoted words needs the grammar of cues, which runs
// after the scan (grammar.cpp); attribution could split such a run there.
struct Known {
  const char* text;
  std::size_t quote;
  const char* edit;
};
constexpr Known kKnown[] = {
    {"26-pronom-deux-paragraphes-plus-haut.txt", 521, "delete closing mark"},
    {"068-des-scientifiques-russes-affirment-avoir.txt", 381, "delete closing mark"},
    {"073-election-presidentielle-americaine-de-2012.txt", 271, "delete closing mark"},
};

bool known(const std::string& text, std::size_t quote, const std::string& edit) {
  return std::any_of(std::begin(kKnown), std::end(kKnown),
                     [&](const Known& k) { return text == k.text && quote == k.quote && edit == k.edit; });
}

// The closing mark ends its paragraph and the next paragraph opens with a mark.
bool continuation_convention(const parole::text::Tokens& toks, const parole::quotes::MarkFinder& finder,
                             const parole::quotes::Mark& close) {
  const auto& all = toks.all();
  const auto it = std::lower_bound(all.begin(), all.end(), close.offset,
                                   [](const parole::text::Token& t, std::size_t o) { return t.start < o; });
  if (it == all.end() || it->start != close.offset) return false;
  const auto i = static_cast<std::size_t>(it - all.begin());
  if (i + 1 >= toks.size() || toks.paragraph_end(i) != i + 1) return false;
  return toks[i + 1].has(parole::text::kPunct) && finder.is_mark(toks[i + 1].first);
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  std::vector<fs::path> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--verbose" || arg == "-v") {
      verbose = true;
    } else {
      dirs.emplace_back(arg);
    }
  }
  if (dirs.empty()) {
    std::fprintf(stderr, "usage: %s [--verbose] DIR...\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> golds;
  for (const fs::path& dir : dirs) {
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name.size() > 10 && name.compare(name.size() - 10, 10, ".gold.json") == 0) golds.push_back(entry.path());
    }
  }
  std::sort(golds.begin(), golds.end());

  const parole::Extractor extractor;
  const parole::quotes::MarkFinder& finder = parole::quotes::Lexicon::builtin().quote_marks;
  std::size_t runs = 0, checks = 0, failures = 0, known_failures = 0, texts = 0, convention = 0;
  for (const fs::path& gold_path : golds) {
    const Json gold = Json::parse(read_file(gold_path));
    const fs::path text_path = gold_path.parent_path() / gold.value("text", std::string());
    const std::string text = read_file(text_path);
    const std::string label = text_path.filename().string();
    const parole::text::Tokens toks(text);
    const std::vector<parole::quotes::Mark> marks = finder.find_all(text);
    const parole::Result base = extractor.extract(text);

    std::vector<GoldQuote> quotes;
    for (const Json& g : gold.value("quotes", Json::array())) {
      GoldQuote q{g["start"].get<std::size_t>(),
                  g["end"].get<std::size_t>(),
                  g.value("parent", Json()).is_null(),
                  {},
                  {},
                  0,
                  0,
                  {},
                  g.value("text", std::string())};
      // The marks right around the content: only spaces in between.
      for (const parole::quotes::Mark& m : marks) {
        if (m.offset + m.length <= q.start &&
            blank(std::string_view(text).substr(m.offset + m.length, q.start - m.offset - m.length))) {
          q.open = m;
        }
        if (m.offset >= q.end && !q.close && blank(std::string_view(text).substr(q.end, m.offset - q.end))) q.close = m;
      }
      q.first_paragraph = paragraph_of(toks, q.open ? q.open->offset : q.start);
      q.last_paragraph = paragraph_of(toks, q.close ? q.close->offset : q.end > 0 ? q.end - 1 : 0);
      for (std::size_t k = 0; k < base.quotes.size() && !q.baseline; ++k) {
        const parole::Quote& p = base.quotes[k];
        if (counted(p) && spans_match(q.start, q.end, p.start, p.end)) q.baseline = k;
      }
      quotes.push_back(std::move(q));
    }
    ++texts;

    for (std::size_t b = 0; b < quotes.size(); ++b) {
      for (const Edit& edit : edits_of(text, quotes[b])) {
        if (std::string(edit.name) == "delete closing mark" &&
            continuation_convention(toks, finder, *quotes[b].close)) {
          ++convention;
          continue;
        }
        const bool expected = known(label, quotes[b].start, edit.name);
        const std::string edited = apply(text, edit);
        const parole::Result got = extractor.extract(edited);
        ++runs;
        for (std::size_t k = 0; k < quotes.size(); ++k) {
          const GoldQuote& other = quotes[k];
          if (k == b || !other.baseline) continue;
          if (other.last_paragraph >= quotes[b].first_paragraph && other.first_paragraph <= quotes[b].last_paragraph) {
            continue;  // shares a paragraph with the broken quote
          }
          const parole::Quote& want = base.quotes[*other.baseline];
          const auto shift = [&](std::size_t o) {
            return o >= edit.at + edit.removed ? o - edit.removed + edit.inserted.size() : o;
          };
          const std::size_t ws = shift(want.start), we = shift(want.end);
          ++checks;
          const bool found = std::any_of(got.quotes.begin(), got.quotes.end(), [&](const parole::Quote& q) {
            return q.start == ws && q.end == we && counted(q) && q.parent.has_value() == want.parent.has_value();
          });
          if (found) continue;
          ++(expected ? known_failures : failures);
          std::printf("%s %s: %s of the quote @%zu «%s» loses the quote @%zu «%s»\n", expected ? "known" : "FAIL",
                      label.c_str(), edit.name, quotes[b].start, excerpt(quotes[b].text).c_str(), other.start,
                      excerpt(other.text).c_str());
          if (verbose) {
            for (const parole::Quote& q : got.quotes) {
              if (q.end > ws && q.start < we) {
                std::printf("    instead: @%zu-%zu %s%s «%s»\n", q.start, q.end, q.kind.c_str(),
                            q.parent ? " (nested)" : "", excerpt(q.text).c_str());
              }
            }
          }
        }
      }
    }
  }
  std::printf(
      "quote-robustness: %zu texts, %zu edited runs, %zu checks, %zu failures, %zu known failures; %zu edits read "
      "as a quote over several paragraphs (not checked)\n",
      texts, runs, checks, failures, known_failures, convention);
  return failures == 0 ? 0 : 1;
}
