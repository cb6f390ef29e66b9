// The records of a compiled gazetteer, read where they lie in the file rather
// than copied out of it at load time: a record is decoded the first time an
// extraction asks for it (a document names a few thousand entities of a list
// of a million), and kept. The load has checked every record already (see
// compiled.hpp), so decoding one cannot fail.
//
// Thread-safe: any number of threads may ask for records at once; a record
// decoded by two threads at the same moment is kept once.
#ifndef PAROLE_ENTITIES_COMPILED_RECORDS_HPP
#define PAROLE_ENTITIES_COMPILED_RECORDS_HPP

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parole/parole.hpp"

namespace parole::entities {

// The bytes of a compiled file, for as long as something reads them: a
// read-only mapping of the file, or a copy of data given in memory.
class FileBytes {
 public:
  static std::shared_ptr<const FileBytes> copy_of(std::string_view data);
  // Takes over a mapping made with mmap().
  static std::shared_ptr<const FileBytes> mapped(void* map, std::size_t size);
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();
  std::string_view bytes() const { return bytes_; }

 private:
  FileBytes() = default;
  std::string copy_;
  void* map_ = nullptr;
  std::size_t map_size_ = 0;
  std::string_view bytes_;
};

// The folded words of a role longer than two bytes (« ministre des Affaires
// étrangères » -> ministre, affaires, etrangeres): a title in the text names
// a person when it shares them (see quotes/discourse.hpp).
std::vector<std::string> role_words_of(std::string_view role);

class CompiledRecords {
 public:
  // A record and the role words of all its roles.
  struct Entry {
    EntityRecord record;
    std::vector<std::string> role_words;
  };
  // `starts`: where each record starts in `file` (checked by the loader);
  // the file's id table: `slot_count` 32-bit slots (a power of two with at
  // least one empty) at byte `id_table` of the file.
  CompiledRecords(std::shared_ptr<const FileBytes> file, std::vector<std::uint64_t> starts, std::size_t id_table,
                  std::size_t slot_count);
  CompiledRecords(const CompiledRecords&) = delete;
  CompiledRecords& operator=(const CompiledRecords&) = delete;
  ~CompiledRecords();

  std::size_t size() const { return starts_.size(); }
  // Record i, decoded the first time it is asked for. i < size().
  const Entry& operator[](std::size_t i) const {
    const Entry* e = entries_[i].load(std::memory_order_acquire);
    return e != nullptr ? *e : decode(i);
  }
  // The id of record i, without decoding the record.
  std::string_view id(std::size_t i) const;
  // The record with this id, by the file's id table.
  std::optional<std::uint32_t> find(std::string_view id) const;
  // Every record, decoded once (for Gazetteer::records()).
  const std::vector<EntityRecord>& all() const;

  // The id table's hash of an id: also what the compiler places ids by.
  static std::uint64_t id_hash(std::string_view id);

 private:
  EntityRecord record(std::size_t i) const;  // read from the file, not kept
  const Entry& decode(std::size_t i) const;
  std::uint32_t slot(std::size_t k) const;

  std::shared_ptr<const FileBytes> file_;
  std::vector<std::uint64_t> starts_;
  std::size_t id_table_;
  std::size_t slot_mask_;
  std::unique_ptr<std::atomic<const Entry*>[]> entries_;
  mutable std::once_flag all_once_;
  mutable std::vector<EntityRecord> all_;
};

}  // namespace parole::entities

#endif
