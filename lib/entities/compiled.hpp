// The compiled gazetteer: records and matcher tables in one binary file that
// loads without parsing or building (`parole compile-gazetteer IN... OUT`).
//
// Layout (little-endian, 8-byte aligned sections):
//   "PAROLEGZ"  u32 format version  u32 byte-order mark 0x01020304
//   u64 payload bytes  u64 payload checksum
//   payload: u64 record count and the records (put_record), the id table
//   (CompiledRecords::find), the default forms (DefaultPart: u64 records,
//   u64 fingerprint), then the Matcher::Tables arrays, each a u64 count
//   followed by its elements.
// A file from another format version, another byte order, cut short or
// altered is refused with a positioned Error before anything is used; the
// records are checked as the text loaders check theirs (but for the
// uniqueness of ids, which the compiler ensures and the checksum keeps) and
// left in the file, decoded when a document names them (CompiledRecords); the
// tables are checked for consistency (every index in range), so a file that
// passes can never make the matcher or a record read out of bounds.
#ifndef PAROLE_ENTITIES_COMPILED_HPP
#define PAROLE_ENTITIES_COMPILED_HPP

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "entities/compiled_records.hpp"
#include "entities/matcher.hpp"
#include "parole/parole.hpp"

namespace parole::entities {

inline constexpr std::string_view kCompiledMagic = "PAROLEGZ";
inline constexpr std::uint32_t kCompiledVersion = 7;  // 7: the id table; records decoded when used

// The checksum of a payload (the file after its 32-byte header), stored at
// byte 24 of the header.
std::uint64_t checksum(std::string_view payload);

// Whether data starts like a compiled gazetteer.
bool is_compiled(std::string_view data);

// The default gazetteer's forms that a compiled file's matcher holds after
// its own records' (entities records.size() and up), so that an extraction
// with the default gazetteer matches a text in one pass: how many records,
// and the fingerprint of their forms (forms_fingerprint), which must be the
// library's for the matcher to stand for its default gazetteer. Zero records
// for a matcher of the file's records alone.
struct DefaultPart {
  std::uint64_t records = 0;
  std::uint64_t fingerprint = 0;
};

// The ids, names and aliases of a list, in order: two lists with the same
// fingerprint give the same matcher.
std::uint64_t forms_fingerprint(const std::vector<EntityRecord>& records);
// The default gazetteer's (computed once).
DefaultPart builtin_forms();

// The file's bytes. Throws Error(kSchema, kDuplicateId) for records that a
// JSON or TSV gazetteer could not hold (not UTF-8, control characters, an
// empty id, a gender other than m/f, an id twice). `matcher` holds the
// forms of `records` and then those of `defaults`.
std::string serialize(const std::vector<EntityRecord>& records, const Matcher& matcher, DefaultPart defaults);

struct Compiled {
  std::shared_ptr<const CompiledRecords> records;
  std::shared_ptr<const Matcher> matcher;
  DefaultPart defaults;
};
// `source` names the data in errors. Throws Error(kSchema) for anything but a
// valid compiled gazetteer of this format version. The records keep `file`.
Compiled deserialize(const std::shared_ptr<const FileBytes>& file, const std::string& source);

}  // namespace parole::entities

#endif
