// parole CLI — turning one input (a JSON Lines record or a whole document)
// into its output: a JSON line, CSV/TSV rows, or an error line. Immutable and
// used by every worker thread at once.
#ifndef PAROLE_CLI_RECORDS_HPP
#define PAROLE_CLI_RECORDS_HPP

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/common.hpp"
#include "cli/inputs.hpp"
#include "parole/encoding.hpp"
#include "parole/parole.hpp"

namespace parole_cli {

// Header row of --format csv / tsv.
std::string table_header(Format format);

// One field of a CSV row (RFC 4180 quoting) or of a TSV row (tab, newline,
// carriage return and backslash escaped as backslash t, n, r and a doubled backslash).
std::string csv_field(std::string_view value);
std::string tsv_field(std::string_view value);

class Processor {
 public:
  Processor(const parole::Extractor& extractor, const ExtractArgs& args, const std::vector<Source>& sources);

  // A JSON Lines record (job.line > 0) or a plain-text document.
  Outcome process(Job& job) const;

  // The JSON of an error line, for a record or a document.
  std::string error_line(const Job& job, const std::string& id_json, const Failure& failure) const;

 private:
  Outcome process_record(Job& job) const;
  std::optional<Outcome> process_flat_record(Job& job) const;
  Outcome process_text(const Job& job, const std::string& id_json, const std::string& head,
                       const std::string& text) const;
  Outcome process_document(Job& job) const;
  Outcome failed(const Job& job, const std::string& id_json, const Failure& failure) const;
  // Output of a processed text: `head` is the JSON members before "result"
  // (with their trailing comma) for JSON output; `doc` names the document in
  // CSV/TSV rows.
  Outcome done(const Job& job, const std::string& head, const std::string& doc, const parole::Result& result) const;
  std::string where(const Job& job) const;

  const parole::Extractor& extractor_;
  const ExtractArgs& args_;
  const std::vector<Source>& sources_;
  Format format_;
  bool utf8_;
  std::string id_key_;                 // the --id-field name as a JSON string
  std::vector<std::string> reserved_;  // names of output members that a record may not have
};

// The "input" member of an output line (how the bytes were decoded), or empty
// when the input was plain valid UTF-8 read as such.
std::string input_json(const parole::DecodedText& decoded, const ExtractArgs& args);

Format parse_format(const std::string& name);

}  // namespace parole_cli

#endif  // PAROLE_CLI_RECORDS_HPP
