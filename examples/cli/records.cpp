#include "cli/records.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>

#include "cli/text_literal.hpp"
#include "text/json_plain.hpp"

namespace parole_cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kMaxReason = 300;
constexpr int kMaxDepth = 512;
struct TooDeep {};
constexpr const char* kSourceTag = "@";  // stripped from parole::Error messages below

std::string in_quotes(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  out += s;
  out += '"';
  return out;
}

// What nlohmann/json writes for `value`, compact, invalid UTF-8 replaced; a
// string that needs no escape (most keys, ids and such) is quoted here, in a
// fraction of the time.
std::string json_text(const Json& value) {
  if (value.is_string() && parole::text::verbatim_in_json(value.get_ref<const std::string&>())) {
    return in_quotes(value.get_ref<const std::string&>());
  }
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string json_string(std::string_view s) {
  if (parole::text::verbatim_in_json(s)) return in_quotes(s);
  return Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// At most kMaxReason bytes, cut on a UTF-8 boundary.
std::string shorten(std::string s) {
  if (s.size() <= kMaxReason) return s;
  std::size_t cut = kMaxReason;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0U) == 0x80U) --cut;
  s.resize(cut);
  return s + "…";
}

std::string error_message(const parole::Error& e) {
  std::string what = e.what();
  const std::string tag = std::string(kSourceTag) + ": ";
  if (what.compare(0, tag.size(), tag) == 0) what.erase(0, tag.size());
  return what;
}

// "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..." -> "syntax error ..."
std::string json_reason(const std::string& what) {
  std::string s = what;
  if (!s.empty() && s[0] == '[') {
    const std::size_t close = s.find("] ");
    if (close != std::string::npos) s.erase(0, close + 2);
  }
  const std::size_t colon = s.find(": ");
  if (s.compare(0, 15, "parse error at ") == 0 && colon != std::string::npos) s.erase(0, colon + 2);
  return "invalid JSON: " + s;
}

bool blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
  }
  return true;
}

std::string squeeze(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c != '-' && c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", value);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// `raw` with each invalid byte replaced by U+FFFD (JSON must be valid UTF-8
// to be parsed), as parole::decode does; a BOM left at its start is kept.
std::string replace_invalid(const std::string& raw) {
  parole::DecodeOptions options;
  options.replace_invalid = true;
  const std::size_t bom = parole::utf8_bom_length(raw);
  return raw.substr(0, bom) + parole::decode(raw.substr(bom), "utf-8", options).text;
}

// The offset in `raw` of the byte at `at` in `replaced` (replace_invalid(raw)):
// each U+FFFD that the original does not have stands for one byte.
std::size_t raw_offset(std::string_view raw, std::string_view replaced, std::size_t at) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (j < at && j < replaced.size() && i < raw.size()) {
    const bool replacement = replaced.compare(j, kReplacement.size(), kReplacement) == 0 &&
                             raw.compare(i, kReplacement.size(), kReplacement) != 0;
    j += replacement ? kReplacement.size() : 1;
    ++i;
  }
  return i + (at > j ? at - j : 0);
}

// The column in the line of the byte at `at` in the UTF-8 text converted from
// it (--encoding cp1252, ...): exact when every byte of the line became one
// character (8-bit encodings), else unknown.
std::optional<std::size_t> converted_column(std::string_view text, std::size_t at, std::size_t line_bytes) {
  auto characters = [](std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U ? 1 : 0;
    return n;
  };
  if (characters(text) != line_bytes) return std::nullopt;
  return characters(text.substr(0, std::min(at, text.size()))) + (at > text.size() ? at - text.size() : 0) + 1;
}

std::string too_large(std::size_t size, std::size_t limit) {
  return "text of " + std::to_string(size) + " bytes exceeds the limit of " + std::to_string(limit) +
         " bytes (raise it with --max-bytes)";
}

// The names of the members of parole's output line that a record may not
// have (a field left out of the output may: the id, a text not kept).
std::vector<std::string> reserved_names(const ExtractArgs& args) {
  std::vector<std::string> names;
  for (const char* reserved : {"result", "error", "input"}) {
    if (reserved != args.id_field && (reserved != args.text_field || args.keep_text)) names.emplace_back(reserved);
  }
  return names;
}

// The failure of a record that has one of the `reserved` names; `has(key)`
// tells whether the record has that key.
template <typename Has>
std::optional<Failure> reserved_field(const std::vector<std::string>& reserved, const Has& has) {
  for (const std::string& name : reserved) {
    if (has(name)) {
      return Failure{"schema", "field \"" + name + "\" is reserved for parole's output (rename it)", std::nullopt,
                     std::nullopt};
    }
  }
  return std::nullopt;
}

// The name of a record's document in CSV/TSV rows: its id, a string id
// without its quotes (and escapes; but a string that json_text() wrote
// without a backslash is the string itself).
std::string document_name(const std::string& id_json) {
  if (id_json.empty() || id_json.front() != '"') return id_json;
  if (id_json.find('\\') == std::string::npos) return id_json.substr(1, id_json.size() - 2);
  return Json::parse(id_json).get<std::string>();
}

Json parse_json(const std::string& text) {
  // Serialising the kept fields recurses: refuse deeper nesting than any real record has.
  const Json::parser_callback_t depth_limit = [](int depth, Json::parse_event_t /*event*/, Json& /*parsed*/) {
    if (depth > kMaxDepth) throw TooDeep();
    return true;
  };
  return Json::parse(text, depth_limit);
}

// The record, its text field read apart from the other fields
// (cli/text_literal.hpp) and `line` turned into that text; nothing when the
// line needs the whole reading of nlohmann/json (and is left as it was).
std::optional<Json> parse_apart(std::string& line, const std::string& text_field) {
  const std::optional<LiteralSpan> span = find_text_literal(line, text_field);
  if (!span) return std::nullopt;
  Json record;
  try {
    record = parse_json(without_literal(line, *span));
  } catch (const TooDeep&) {
    return std::nullopt;
  } catch (const Json::exception&) {
    return std::nullopt;
  }
  const auto text = record.find(text_field);
  if (text == record.end() || !text->is_string() || !text->get_ref<const std::string&>().empty()) {
    return std::nullopt;  // not the member that was found: cannot be, but then read it all
  }
  decode_literal_in_place(line, *span);
  text->get_ref<std::string&>() = std::move(line);
  return record;
}

// Parses a record's line into `record`, or says why it is not JSON.
// `raw` is the line as read when its invalid UTF-8 was replaced, else empty.
std::optional<Failure> parse_record(parole::DecodedText& decoded, const std::string& raw, std::size_t line_bytes,
                                    const std::string& text_field, Json& record) {
  if (std::optional<Json> apart = parse_apart(decoded.text, text_field)) {
    record = std::move(*apart);
    return std::nullopt;
  }
  try {
    record = parse_json(decoded.text);
  } catch (const TooDeep&) {
    return Failure{"json", "invalid JSON: nested deeper than " + std::to_string(kMaxDepth) + " levels", std::nullopt,
                   std::nullopt};
  } catch (const Json::parse_error& e) {
    // A column in the line as read, before the BOM was skipped and the bytes were replaced or converted.
    const std::size_t at = e.byte > 0 ? e.byte - 1 : 0;
    std::optional<std::size_t> column;
    if (decoded.encoding == "UTF-8") {
      column = decoded.bom_bytes + (raw.empty() ? at : raw_offset(raw, decoded.text, at)) + 1;
    } else if (auto in_line = converted_column(decoded.text, at, line_bytes - decoded.bom_bytes)) {
      column = decoded.bom_bytes + *in_line;
    }
    return Failure{"json", json_reason(e.what()), std::nullopt, column};
  } catch (const Json::exception& e) {  // e.g. out_of_range.406: a number beyond double
    return Failure{"json", json_reason(e.what()), std::nullopt, std::nullopt};
  }
  return std::nullopt;
}

}  // namespace

Format parse_format(const std::string& name) {
  if (name == "csv") return Format::kCsv;
  if (name == "tsv") return Format::kTsv;
  return Format::kJson;
}

std::string csv_field(std::string_view value) {
  bool quote = false;
  for (char c : value) {
    if (c == ',' || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote && !value.empty() && (value.front() == ' ' || value.back() == ' ')) quote = true;
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string tsv_field(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    switch (c) {
      case '\t':
      case '\n':
      case '\r':
        out.push_back('\\');
        out.push_back(c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string table_header(Format format) {
  return format == Format::kTsv ? "doc\tspeaker\tentity\tkind\ttext\tstart\tend\tconfidence\n"
                                : "doc,speaker,entity,kind,text,start,end,confidence\n";
}

std::string input_json(const parole::DecodedText& decoded, const ExtractArgs& args) {
  const bool converted = squeeze(args.encoding) != "utf8";
  if (!converted && decoded.bom_bytes == 0 && decoded.invalid_bytes == 0) return {};
  Json j;
  j["encoding"] = decoded.encoding;
  if (squeeze(args.encoding) == "auto") j["confidence"] = decoded.confidence;
  j["bom_bytes"] = decoded.bom_bytes;
  j["invalid_bytes"] = decoded.invalid_bytes;
  if (decoded.invalid_bytes > 0) j["first_invalid_offset"] = decoded.first_invalid_offset;
  return j.dump();
}

Processor::Processor(const parole::Extractor& extractor, const ExtractArgs& args, const std::vector<Source>& sources)
    : extractor_(extractor),
      args_(args),
      sources_(sources),
      format_(parse_format(args.format)),
      utf8_(squeeze(args.encoding) == "utf8"),
      id_key_(json_string(args.id_field)),
      reserved_(reserved_names(args)) {}

Outcome Processor::process(Job& job) const {
  Outcome out;
  try {
    out = job.line > 0 ? process_record(job) : process_document(job);
  } catch (const std::bad_alloc&) {
    out = failed(job, "null", {"too_large", "out of memory while processing it", std::nullopt, std::nullopt});
  } catch (const std::exception& e) {  // a bug: still one line for this input, and the run goes on
    out = failed(job, "null", {"internal", std::string("internal error: ") + e.what(), std::nullopt, std::nullopt});
  }
  out.input_bytes = job.input_bytes;
  return out;
}

std::string Processor::where(const Job& job) const {
  std::string w = sources_[job.source].name;
  if (job.line > 0) w += ":" + std::to_string(job.line);
  return w;
}

std::string Processor::error_line(const Job& job, const std::string& id_json, const Failure& failure) const {
  Json err;
  err["file"] = sources_[job.source].name;
  if (job.line > 0) err["line"] = job.line;
  if (failure.column) err["column"] = *failure.column;
  if (failure.offset) err["offset"] = *failure.offset;
  err["code"] = failure.code;
  err["reason"] = shorten(failure.reason);
  std::string line = "{";
  if (job.line > 0) {
    line += id_key_ + ":" + id_json;
  } else {
    line += "\"file\":" + json_string(sources_[job.source].name);
  }
  line += ",\"error\":" + err.dump(-1, ' ', false, Json::error_handler_t::replace) + "}\n";
  return line;
}

Outcome Processor::failed(const Job& job, const std::string& id_json, const Failure& failure) const {
  Outcome out;
  out.error = true;
  if (format_ == Format::kJson) {
    out.text = error_line(job, id_json, failure);
  } else {
    std::string detail = failure.reason;
    if (failure.column) detail += " (column " + std::to_string(*failure.column) + ")";
    out.message = "parole: " + where(job) + ": " + shorten(detail);
  }
  return out;
}

Outcome Processor::done(const Job& job, const std::string& head, const std::string& doc,
                        const parole::Result& result) const {
  Outcome out;
  if (format_ == Format::kJson) {
    constexpr std::string_view kResult = "\"result\":";
    constexpr std::string_view kEnd = "}\n";
    // The head is put before the result's JSON in the JSON's own buffer,
    // which most often has the room: the JSON is moved, not copied anew.
    out.text = parole::to_json(result);
    const std::size_t json_size = out.text.size();
    const std::size_t before = head.size() + kResult.size();
    out.text.resize(before + json_size + kEnd.size());
    char* const line = out.text.data();
    std::memmove(line + before, line, json_size);
    std::memcpy(line, head.data(), head.size());
    std::memcpy(line + head.size(), kResult.data(), kResult.size());
    std::memcpy(line + before + json_size, kEnd.data(), kEnd.size());
    return out;
  }
  const bool tsv = format_ == Format::kTsv;
  const char sep = tsv ? '\t' : ',';
  auto field = [tsv](std::string_view v) { return tsv ? tsv_field(v) : csv_field(v); };
  const std::string doc_field = field(doc);
  for (const parole::Quote& q : result.quotes) {
    std::string& row = out.text;
    row += doc_field;
    row += sep;
    row += q.speaker ? field(q.speaker->name) : std::string();
    row += sep;
    row += q.speaker ? field(q.speaker->entity) : std::string();
    row += sep;
    row += field(q.kind);
    row += sep;
    row += field(q.text);
    row += sep;
    row += std::to_string(q.start);
    row += sep;
    row += std::to_string(q.end);
    row += sep;
    row += number(q.confidence);
    row += '\n';
  }
  if (result.diagnostics.invalid_utf8_bytes > 0) {
    out.message = "parole: warning: " + where(job) + ": " + std::to_string(result.diagnostics.invalid_utf8_bytes) +
                  " byte(s) of invalid UTF-8, the first at byte offset " +
                  std::to_string(result.diagnostics.first_invalid_offset) + " (read as U+FFFD)";
  }
  return out;
}

Outcome Processor::process_record(Job& job) const {
  if (job.failure) return failed(job, "null", *job.failure);
  if (blank(job.bytes)) return failed(job, "null", {"empty", "empty line", std::nullopt, std::nullopt});
  if (std::optional<Outcome> flat = process_flat_record(job)) return std::move(*flat);

  const std::size_t line_bytes = job.bytes.size();
  parole::DecodedText decoded;
  // UTF-8 with invalid bytes: the line as read (after its BOM), whose bytes
  // the JSON error column counts, while the parser reads them replaced.
  std::string raw;
  try {
    parole::DecodeOptions options;
    options.strict = args_.strict_utf8;
    options.source = kSourceTag;
    decoded = parole::decode(std::move(job.bytes), utf8_ ? std::string_view("utf-8") : args_.encoding, options);
    if (decoded.encoding == "UTF-8" && decoded.invalid_bytes > 0) {  // also UTF-8 found by --encoding auto
      raw = std::move(decoded.text);
      decoded.text = replace_invalid(raw);
    }
  } catch (const parole::Error& e) {
    return failed(job, "null", {"encoding", error_message(e), e.offset(), std::nullopt});
  }

  Json record;
  if (std::optional<Failure> failure = parse_record(decoded, raw, line_bytes, args_.text_field, record)) {
    return failed(job, "null", *failure);
  }
  decoded.text.clear();
  decoded.text.shrink_to_fit();
  if (!record.is_object()) {
    return failed(job, "null",
                  {"schema", std::string("not a JSON object but ") + record.type_name(), std::nullopt, std::nullopt});
  }
  const auto id = record.find(args_.id_field);
  const std::string id_json = id == record.end() ? "null" : json_text(*id);
  const auto text_it = record.find(args_.text_field);
  if (text_it == record.end()) {
    return failed(job, id_json, {"schema", "no \"" + args_.text_field + "\" field", std::nullopt, std::nullopt});
  }
  if (!text_it->is_string()) {
    return failed(job, id_json,
                  {"schema", "\"" + args_.text_field + "\" is " + text_it->type_name() + ", not a string", std::nullopt,
                   std::nullopt});
  }

  std::string head;
  if (format_ == Format::kJson) {
    if (std::optional<Failure> reserved =
            reserved_field(reserved_, [&](const std::string& key) { return record.contains(key); })) {
      return failed(job, id_json, *reserved);
    }
    head = "{" + id_key_ + ":" + id_json;
    for (const auto& [key, value] : record.items()) {
      if (key == args_.id_field || (key == args_.text_field && !args_.keep_text)) continue;
      head += ",";
      head += json_string(key);
      head += ":";
      head += json_text(value);
    }
    const std::string input = input_json(decoded, args_);
    if (!input.empty()) head += ",\"input\":" + input;
    head += ",";
  }

  const std::string text = std::move(text_it->get_ref<std::string&>());
  record = Json();
  return process_text(job, id_json, head, text);
}

// A flat record (cli/text_literal.hpp: read_flat_record) in valid UTF-8,
// read without parole::decode() and nlohmann/json: what the general path
// gives for it, for less. Nothing when the line needs the general path.
std::optional<Outcome> Processor::process_flat_record(Job& job) const {
  // (A text field that is also the id field would be echoed decoded.)
  if (!utf8_ || args_.id_field == args_.text_field) return std::nullopt;
  FlatRecord flat;
  if (!read_flat_record(job.bytes, args_.text_field, flat)) return std::nullopt;
  const FlatRecord::Member& text = flat.members[flat.text];
  // A kept text is echoed as written only without escapes (else as nlohmann/json writes it, by the general path).
  if (args_.keep_text && text.value.find('\\') != std::string_view::npos) return std::nullopt;

  const FlatRecord::Member* id = flat.find(args_.id_field);
  const std::string id_json = id == nullptr ? "null" : std::string(id->value);
  std::string head;
  if (format_ == Format::kJson) {
    if (std::optional<Failure> reserved =
            reserved_field(reserved_, [&](const std::string& key) { return flat.find(key) != nullptr; })) {
      return failed(job, id_json, *reserved);
    }
    std::size_t size = 1 + id_key_.size() + 1 + id_json.size() + 1;
    for (std::size_t i = 0; i < flat.size; ++i) size += 4 + flat.members[i].key.size() + flat.members[i].value.size();
    head.reserve(size);
    head += '{';
    head += id_key_;
    head += ':';
    head += id_json;
    for (std::size_t i = 0; i < flat.size; ++i) {
      const FlatRecord::Member& member = flat.members[i];
      if (member.key == args_.id_field || (i == flat.text && !args_.keep_text)) continue;
      head += ",\"";
      head += member.key;
      head += "\":";
      head += member.value;
    }
    head += ',';
  }
  // The members are views into the line: the text is decoded over it last.
  decode_literal_in_place(job.bytes, flat.text_span);
  const std::string line_text = std::move(job.bytes);
  return process_text(job, id_json, head, line_text);
}

// The end of a record's way: its text analysed, its output made.
Outcome Processor::process_text(const Job& job, const std::string& id_json, const std::string& head,
                                const std::string& text) const {
  if (text.size() > args_.max_bytes) {
    return failed(job, id_json, {"too_large", too_large(text.size(), args_.max_bytes), std::nullopt, std::nullopt});
  }
  const parole::Result result = extractor_.extract(text);
  if (result.diagnostics.too_large) {
    return failed(job, id_json, {"too_large", too_large(text.size(), args_.max_bytes), std::nullopt, std::nullopt});
  }
  std::string doc;
  if (format_ != Format::kJson) doc = id_json == "null" ? where(job) : document_name(id_json);
  return done(job, head, doc, result);
}

Outcome Processor::process_document(Job& job) const {
  if (job.failure) return failed(job, {}, *job.failure);
  parole::DecodedText decoded;
  try {
    parole::DecodeOptions options;
    options.strict = args_.strict_utf8;
    options.source = kSourceTag;
    decoded = parole::decode(std::move(job.bytes), args_.encoding, options);
  } catch (const parole::Error& e) {
    return failed(job, {}, {"encoding", error_message(e), e.offset(), std::nullopt});
  }
  if (decoded.text.size() > args_.max_bytes) {
    return failed(job, {}, {"too_large", too_large(decoded.text.size(), args_.max_bytes), std::nullopt, std::nullopt});
  }
  const parole::Result result = extractor_.extract(decoded.text);
  if (result.diagnostics.too_large) {
    return failed(job, {}, {"too_large", too_large(decoded.text.size(), args_.max_bytes), std::nullopt, std::nullopt});
  }
  std::string head;
  const std::string& name = sources_[job.source].name;
  if (format_ == Format::kJson) {
    head = "{\"file\":" + json_string(name);
    const std::string input = input_json(decoded, args_);
    if (!input.empty()) head += ",\"input\":" + input;
    head += ",";
  }
  return done(job, head, name, result);
}

}  // namespace parole_cli
