// The entity records an extraction works with.
//
// RecordStore: the extractor's gazetteer entries, immutable once built, one
// index space over several lists without copying them: the default
// gazetteer's (used where they are), the records of gazetteers given as text
// (moved in), and compiled gazetteers' (decoded from the file when first
// asked for, see compiled_records.hpp). Thread-safe for reading.
//
// Records: one document's view, the store's records followed by the people
// and organisations found in the document itself (document-local, unlinked:
// no id). Indices run over both. The local records are added before any
// reader keeps a reference to one (a vector may move them); most documents
// add none, and allocate nothing.
#ifndef PAROLE_ENTITIES_RECORDS_HPP
#define PAROLE_ENTITIES_RECORDS_HPP

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "entities/compiled_records.hpp"
#include "parole/parole.hpp"

namespace parole::entities {

class RecordStore {
 public:
  // Appends a list, by reference: it must outlive the store.
  void add_borrowed(const std::vector<EntityRecord>& records);
  void add_owned(std::vector<EntityRecord> records);
  void add_compiled(std::shared_ptr<const CompiledRecords> records);

  std::size_t size() const { return size_; }
  const EntityRecord& operator[](std::size_t i) const {
    const Part& p = part_of(i);
    return p.list != nullptr ? p.list[i - p.begin] : (*p.compiled)[i - p.begin].record;
  }
  // Folded words of the entity's roles (role_words_of, every role).
  const std::vector<std::string>& role_words(std::size_t i) const {
    const Part& p = part_of(i);
    return p.list != nullptr ? p.role_words[i - p.begin] : (*p.compiled)[i - p.begin].role_words;
  }

 private:
  struct Part {
    std::size_t begin = 0;
    std::size_t end = 0;
    const EntityRecord* list = nullptr;  // a list in memory, or
    std::shared_ptr<const CompiledRecords> compiled;
    std::vector<std::vector<std::string>> role_words;  // of the list's records
  };
  // A handful of parts: a walk beats a search.
  const Part& part_of(std::size_t i) const {
    const Part* p = parts_.data();
    while (i >= p->end) ++p;
    return *p;
  }
  Part& add_part(std::size_t count);

  std::vector<Part> parts_;
  std::vector<std::vector<EntityRecord>> owned_;  // moving a vector keeps its records where they are
  std::size_t size_ = 0;
};

class Records {
 public:
  explicit Records(const RecordStore& shared) : shared_(shared) {}

  std::size_t size() const { return shared_.size() + local_.size(); }
  const EntityRecord& operator[](std::size_t i) const {
    return i < shared_.size() ? shared_[i] : local_[i - shared_.size()];
  }
  // Folded words of the entity's roles.
  const std::vector<std::string>& role_words(std::size_t i) const {
    return i < shared_.size() ? shared_.role_words(i) : local_roles_[i - shared_.size()];
  }
  bool is_local(std::size_t i) const { return i >= shared_.size(); }
  EntityRecord& local(std::size_t i) { return local_.at(i - shared_.size()); }
  // role_words: folded words of the record's roles, as for the shared ones.
  std::size_t add_local(EntityRecord record, std::vector<std::string> role_words = {}) {
    if (local_.empty()) {
      local_.reserve(kFirstLocals);
      local_roles_.reserve(kFirstLocals);
    }
    local_.push_back(std::move(record));
    local_roles_.push_back(std::move(role_words));
    return size() - 1;
  }

 private:
  const RecordStore& shared_;
  static constexpr std::size_t kFirstLocals = 4;  // a document finds a few people and organisations
  std::vector<EntityRecord> local_;
  std::vector<std::vector<std::string>> local_roles_;
};

}  // namespace parole::entities

#endif
