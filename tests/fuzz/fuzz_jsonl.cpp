// libFuzzer target: the JSON Lines reader of `parole extract --jsonl`, i.e.
// the CLI's own code (examples/cli, library parole_cli_records): LineReader
// cuts the input into lines, Processor::process turns each line into its
// output line, error line or CSV/TSV rows.
//
// The first byte of the input chooses the options, the rest is the file:
//   bit 0 --strict-utf8          bit 1 --keep-text
//   bit 2 tiny limits: --max-bytes 64, lines over 200 bytes are too long
//   bits 3-4 output: 0 or 1 JSON, 2 CSV, 3 TSV
//   bit 6 a 7-byte read buffer (lines straddle refills)
//   bits 5 and 7: 0 neither, 1 --encoding cp1252, 2 --id-field doc --text-field
//   body, 3 --encoding auto (detected line by line)
// ('@' is the CLI's defaults with a tiny buffer; seeds start with a letter.)
//
// Checked, and aborting when violated:
//   * the lines are exactly those of the input (split on \n, one \r before it
//     dropped, a last line without \n kept), every byte is consumed, a line
//     is too long exactly when it is over the limit;
//   * every line gives exactly one output line (JSON), or rows and/or one
//     message (CSV/TSV); never an "internal" error;
//   * a JSON output line is valid JSON (UTF-8), one object, the id field
//     first, "result" or "error" (with this file, this line, a known code
//     and a reason), never both;
//   * on valid UTF-8 lines in UTF-8 mode, the outcome is the one the README
//     documents for what the line holds (an independent parse here): the
//     error code, or the id and the other fields echoed in their order and
//     values, and quotes whose offsets point into the record's text;
//   * CSV/TSV rows have 8 fields, the document name, integer offsets.
// Built with -fsanitize=fuzzer it is a fuzzer (scripts/fuzz.sh); otherwise
// replay_main.cpp runs it over the seed corpus as a plain test.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/common.hpp"
#include "cli/inputs.hpp"
#include "cli/records.hpp"
#include "parole/parole.hpp"
#include "utf8_check.hpp"

namespace {

using Json = nlohmann::ordered_json;
using parole_cli::Job;
using parole_cli::LineReader;
using parole_cli::Outcome;

constexpr const char* kFile = "fuzz.jsonl";
std::size_t g_size = 0;  // of the current input, for messages

[[noreturn]] void violated(const char* what, std::uint64_t line, const std::string& detail = {}) {
  std::fprintf(stderr, "fuzz_jsonl: contract violated: %s (line %llu of an input of %zu bytes) %s\n", what,
               static_cast<unsigned long long>(line), g_size, detail.substr(0, 2000).c_str());
  std::abort();
}

#define PAROLE_FUZZ_CHECK(cond, line, detail)     \
  do {                                            \
    if (!(cond)) violated(#cond, (line), detail); \
  } while (0)

const parole::Extractor& extractor() {
  static const parole::Extractor instance;
  return instance;
}

struct Settings {
  parole_cli::ExtractArgs args;
  parole_cli::Format format = parole_cli::Format::kJson;
  std::size_t max_line = 0;
  std::size_t buffer = 0;
};

Settings settings(std::uint8_t bits) {
  Settings s;
  s.args.strict_utf8 = (bits & 1U) != 0;
  s.args.keep_text = (bits & 2U) != 0;
  const bool tiny = (bits & 4U) != 0;
  s.args.max_bytes = tiny ? 64 : std::size_t{64} << 20U;
  s.max_line = tiny ? 200 : 2 * s.args.max_bytes + (std::size_t{1} << 20U);  // as extract.cpp
  const unsigned format = (bits >> 3U) & 3U;
  s.args.format = format == 2 ? "csv" : format == 3 ? "tsv" : "json";
  s.format = parole_cli::parse_format(s.args.format);
  s.buffer = (bits & 64U) != 0 ? 7 : 65536;
  const bool bit5 = (bits & 32U) != 0;
  const bool bit7 = (bits & 128U) != 0;
  s.args.encoding = bit5 ? (bit7 ? "auto" : "cp1252") : "utf-8";
  if (bit7 && !bit5) {
    s.args.id_field = "doc";
    s.args.text_field = "body";
  }
  s.args.jsonl = true;
  return s;
}

// The input as the CLI reads it: through a file descriptor.
int input_fd(std::string_view bytes) {
  static const int fd = memfd_create("fuzz_jsonl", MFD_CLOEXEC);
  if (fd < 0 || ftruncate(fd, 0) != 0 ||
      pwrite(fd, bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size()) || lseek(fd, 0, SEEK_SET) != 0) {
    std::perror("fuzz_jsonl: memfd");
    std::abort();
  }
  return fd;
}

struct Line {
  std::string_view bytes;  // without \n and one \r before it
  std::size_t raw = 0;     // length before dropping the \r
  bool newline = false;
};

std::vector<Line> expected_lines(std::string_view file) {
  std::vector<Line> lines;
  std::size_t from = 0;
  while (from < file.size()) {
    const std::size_t nl = file.find('\n', from);
    Line l;
    l.newline = nl != std::string_view::npos;
    l.raw = (l.newline ? nl : file.size()) - from;
    l.bytes = file.substr(from, l.raw);
    if (!l.bytes.empty() && l.bytes.back() == '\r') l.bytes.remove_suffix(1);
    lines.push_back(l);
    from += l.raw + (l.newline ? 1 : 0);
  }
  return lines;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos; }

// What the README says a valid UTF-8 line gives, parsed here independently.
struct Expected {
  std::string code;                   // an error code, or empty for a result
  Json record;                        // when the line is a JSON object
  std::optional<std::size_t> column;  // of a JSON syntax error
};

// The blank test comes before the byte-order mark is skipped: a line of a
// BOM alone is not blank but empty JSON.
Expected expect(std::string_view line, std::size_t bom, const Settings& s) {
  if (blank(line)) return {"empty", {}, std::nullopt};
  line.remove_prefix(bom);
  Json record;
  struct TooDeep {};  // as the CLI: the depth is refused as soon as it is reached
  try {
    const Json::parser_callback_t depth = [](int d, Json::parse_event_t /*event*/, Json& /*parsed*/) {
      if (d > 512) throw TooDeep();
      return true;
    };
    record = Json::parse(line.begin(), line.end(), depth);
  } catch (const TooDeep&) {
    return {"json", {}, std::nullopt};
  } catch (const Json::parse_error& e) {
    return {"json", {}, e.byte};
  } catch (const Json::exception&) {
    return {"json", {}, std::nullopt};
  }
  if (!record.is_object()) return {"schema", {}, std::nullopt};
  const parole_cli::ExtractArgs& a = s.args;
  const auto text = record.find(a.text_field);
  if (text == record.end() || !text->is_string()) return {"schema", record, std::nullopt};
  if (s.format == parole_cli::Format::kJson) {
    for (const char* reserved : {"result", "error", "input"}) {
      if (reserved != a.id_field && (reserved != a.text_field || a.keep_text) && record.contains(reserved))
        return {"schema", record, std::nullopt};
    }
  }
  if (text->get_ref<const std::string&>().size() > a.max_bytes) return {"too_large", record, std::nullopt};
  return {"", record, std::nullopt};
}

void check_json_line(const Outcome& out, const Job& job, std::string_view line, bool too_long, const Settings& s) {
  const std::uint64_t n = job.line;
  const std::string& text = out.text;
  PAROLE_FUZZ_CHECK(!text.empty() && text.back() == '\n' && text.find('\n') == text.size() - 1, n, text);
  PAROLE_FUZZ_CHECK(out.message.empty(), n, out.message);
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::exception& e) {
    violated("output line is not valid JSON", n, std::string(e.what()) + ": " + text);
  }
  PAROLE_FUZZ_CHECK(doc.is_object() && !doc.empty() && doc.begin().key() == s.args.id_field, n, text);
  const bool has_result = doc.contains("result");
  const bool has_error = doc.contains("error");
  PAROLE_FUZZ_CHECK(has_result != has_error && out.error == has_error, n, text);
  if (has_error) {
    const Json& err = doc["error"];
    PAROLE_FUZZ_CHECK(err["file"] == kFile && err["line"] == n, n, text);
    const std::string code = err.value("code", "");
    PAROLE_FUZZ_CHECK(
        code == "json" || code == "schema" || code == "empty" || code == "encoding" || code == "too_large", n, text);
    PAROLE_FUZZ_CHECK(err["reason"].is_string() && !err["reason"].get<std::string>().empty(), n, text);
    if (err.contains("offset")) PAROLE_FUZZ_CHECK(err["offset"].get<std::size_t>() <= line.size(), n, text);
    // The column counts the bytes of the line as read, whatever was replaced or skipped.
    if (err.contains("column")) {
      const std::size_t column = err["column"].get<std::size_t>();
      PAROLE_FUZZ_CHECK(code == "json" && column >= 1 && column <= line.size() + 1, n, text);
    }
    if (code != "schema" && code != "too_large") PAROLE_FUZZ_CHECK(doc.begin().value().is_null(), n, text);
  } else {
    const Json& result = doc["result"];
    PAROLE_FUZZ_CHECK(result.is_object() && result.contains("quotes") && result.contains("entities"), n, text);
  }
  const std::string last = has_result ? "result" : "error";
  PAROLE_FUZZ_CHECK(std::prev(doc.end()).key() == last, n, text);
  if (too_long) {
    PAROLE_FUZZ_CHECK(has_error && doc["error"]["code"] == "too_large", n, text);
    return;
  }
  // What the line holds decides the outcome (UTF-8 lines that need no
  // repair; other encodings and invalid bytes change the text first).
  const std::size_t bom = line.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (s.args.encoding != "utf-8" || !parole_fuzz::valid_utf8(line)) return;
  const Expected want = expect(line, bom, s);
  if (!want.code.empty()) {
    PAROLE_FUZZ_CHECK(has_error && doc["error"]["code"] == want.code, n, want.code + " expected: " + text);
    if (want.column) {
      PAROLE_FUZZ_CHECK(doc["error"].value("column", std::size_t{0}) == bom + *want.column, n,
                        std::to_string(bom + *want.column) + " expected as column: " + text);
    }
  } else {
    PAROLE_FUZZ_CHECK(has_result, n, "a result expected: " + text);
  }
  if (!want.record.is_object()) return;
  const Json& id = doc.begin().value();
  const auto want_id = want.record.find(s.args.id_field);
  PAROLE_FUZZ_CHECK(want_id == want.record.end() ? id.is_null() : id == *want_id, n, text);
  if (!has_result) return;
  // The other fields, in their order, with their values; then "input" (a BOM), then "result".
  std::vector<std::string> keys{s.args.id_field};
  for (const auto& [key, value] : want.record.items()) {
    if (key == s.args.id_field || (key == s.args.text_field && !s.args.keep_text)) continue;
    keys.push_back(key);
    PAROLE_FUZZ_CHECK(doc.contains(key) && doc[key] == value, n, key + ": " + text);
  }
  if (bom) keys.emplace_back("input");
  keys.emplace_back("result");
  std::vector<std::string> got;
  for (const auto& item : doc.items()) got.push_back(item.key());
  PAROLE_FUZZ_CHECK(got == keys, n, text);
  const std::string& input = want.record[s.args.text_field].get_ref<const std::string&>();
  for (const Json& q : doc["result"]["quotes"]) {
    const std::size_t start = q["start"].get<std::size_t>();
    const std::size_t end = q["end"].get<std::size_t>();
    PAROLE_FUZZ_CHECK(start <= end && end <= input.size() && input.compare(start, end - start, q["text"]) == 0, n,
                      text);
  }
}

// One CSV row (RFC 4180) from `rows` at `pos`; false when it is malformed.
bool csv_row(const std::string& rows, std::size_t& pos, std::vector<std::string>& fields) {
  fields.assign(1, std::string());
  while (pos < rows.size()) {
    const char c = rows[pos];
    if (c == '"' && fields.back().empty()) {
      for (++pos;; ++pos) {
        if (pos >= rows.size()) return false;
        if (rows[pos] == '"') {
          if (pos + 1 < rows.size() && rows[pos + 1] == '"') {
            fields.back().push_back('"');
            ++pos;
          } else {
            break;
          }
        } else {
          fields.back().push_back(rows[pos]);
        }
      }
      ++pos;
      if (pos < rows.size() && rows[pos] != ',' && rows[pos] != '\n') return false;
      continue;
    }
    ++pos;
    if (c == '\n') return true;
    if (c == ',') {
      fields.emplace_back();
    } else {
      if (c == '"' || c == '\r') return false;  // a bare quote or CR must be in a quoted field
      fields.back().push_back(c);
    }
  }
  return false;  // every row ends with \n
}

void check_table(const Outcome& out, const Job& job, const std::optional<Json>& id, const Settings& s) {
  const std::uint64_t n = job.line;
  const std::string where = std::string(kFile) + ":" + std::to_string(n);
  if (out.error) {
    PAROLE_FUZZ_CHECK(out.text.empty(), n, out.text);
    PAROLE_FUZZ_CHECK(out.message.rfind("parole: " + where + ": ", 0) == 0, n, out.message);
    return;
  }
  if (!out.message.empty()) PAROLE_FUZZ_CHECK(out.message.rfind("parole: warning: " + where, 0) == 0, n, out.message);
  std::string doc = where;
  if (id && id->is_string()) {
    doc = id->get<std::string>();
  } else if (id && !id->is_null()) {
    doc = id->dump();
  }
  std::size_t pos = 0;
  std::vector<std::string> fields;
  while (pos < out.text.size()) {
    if (s.format == parole_cli::Format::kCsv) {
      PAROLE_FUZZ_CHECK(csv_row(out.text, pos, fields), n, out.text);
    } else {
      const std::size_t end = out.text.find('\n', pos);
      PAROLE_FUZZ_CHECK(end != std::string::npos, n, out.text);
      const std::string row = out.text.substr(pos, end - pos);
      pos = end + 1;
      PAROLE_FUZZ_CHECK(row.find('\r') == std::string::npos, n, row);
      fields.clear();
      for (std::size_t from = 0;;) {
        const std::size_t tab = row.find('\t', from);
        fields.push_back(row.substr(from, tab == std::string::npos ? std::string::npos : tab - from));
        if (tab == std::string::npos) break;
        from = tab + 1;
      }
    }
    PAROLE_FUZZ_CHECK(fields.size() == 8, n, out.text);
    if (s.format == parole_cli::Format::kCsv && id) {
      PAROLE_FUZZ_CHECK(fields[0] == doc, n, fields[0] + " is not " + doc);
    }
    for (const std::size_t k : {5, 6}) {
      PAROLE_FUZZ_CHECK(!fields[k].empty() && fields[k].find_first_not_of("0123456789") == std::string::npos, n,
                        out.text);
    }
    PAROLE_FUZZ_CHECK(std::stoull(fields[5]) <= std::stoull(fields[6]), n, out.text);
    const double confidence = std::strtod(fields[7].c_str(), nullptr);
    PAROLE_FUZZ_CHECK(confidence >= 0.0 && confidence <= 1.0, n, out.text);
  }
}

// The id of a valid UTF-8 record, to find the document name in CSV/TSV rows;
// nothing when the bytes are changed before parsing.
std::optional<Json> record_id(std::string_view line, const Settings& s) {
  if (s.args.encoding != "utf-8" || !parole_fuzz::valid_utf8(line)) return std::nullopt;
  if (line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // the CLI's decoding skips one
  try {
    const Json record = Json::parse(line.begin(), line.end(), nullptr, true, false);
    if (!record.is_object()) return Json();
    const auto id = record.find(s.args.id_field);
    return id == record.end() ? Json() : *id;
  } catch (const Json::exception&) {
    return Json();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  g_size = size;
  const Settings s = settings(data[0]);
  const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::vector<parole_cli::Source> sources{{"fuzz.jsonl", kFile}};
  const parole_cli::Processor processor(extractor(), s.args, sources);
  const std::vector<Line> lines = expected_lines(file);

  // The reading loop of extract.cpp (run_batch), one job per line.
  LineReader reader(input_fd(file), s.max_line, s.buffer);
  std::size_t consumed_total = 0;
  std::uint64_t n = 0;
  while (true) {
    Job job;
    job.line = n + 1;
    const LineReader::Status status = reader.next(job.bytes, job.input_bytes);
    if (status == LineReader::Status::kEnd) break;
    PAROLE_FUZZ_CHECK(status != LineReader::Status::kError, job.line, "read error");
    PAROLE_FUZZ_CHECK(n < lines.size(), job.line, "more lines read than the input has");
    const Line& want = lines[n];
    ++n;
    consumed_total += job.input_bytes;
    PAROLE_FUZZ_CHECK(job.input_bytes == want.raw + (want.newline ? 1 : 0), n, "bytes consumed");
    const bool too_long = want.raw > s.max_line;
    PAROLE_FUZZ_CHECK((status == LineReader::Status::kTooLong) == too_long, n, "too long or not");
    if (too_long) {
      job.failure = parole_cli::Failure{"too_large", "line too long", std::nullopt, std::nullopt};
    } else {
      PAROLE_FUZZ_CHECK(job.bytes == want.bytes, n, "line bytes");
    }
    const std::optional<Json> id = too_long ? std::optional<Json>() : record_id(want.bytes, s);
    const Outcome out = processor.process(job);
    const std::string internal = "parole: " + std::string(kFile) + ":" + std::to_string(n) + ": internal error";
    PAROLE_FUZZ_CHECK(out.message.rfind(internal, 0) != 0, n, out.message);
    if (s.format == parole_cli::Format::kJson) {
      check_json_line(out, job, want.bytes, too_long, s);
    } else {
      check_table(out, job, id, s);
    }
  }
  PAROLE_FUZZ_CHECK(n == lines.size(), n, "fewer lines read than the input has");
  PAROLE_FUZZ_CHECK(consumed_total == file.size(), n, "not every byte consumed");
  return 0;
}
