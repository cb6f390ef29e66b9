// The entity records an extraction works with: the extractor's gazetteer
// entries (shared, immutable) followed by the people found in the document
// itself (document-local, unlinked: no id). Indices run over both. The
// local records are added before any reader keeps a reference to one (a
// vector may move them); most documents add none, and allocate nothing.
#ifndef PAROLE_ENTITIES_RECORDS_HPP
#define PAROLE_ENTITIES_RECORDS_HPP

#include <cstddef>
#include <string>
#include <vector>

#include "parole/parole.hpp"

namespace parole::entities {

class Records {
 public:
  Records(const std::vector<EntityRecord>& shared, const std::vector<std::vector<std::string>>& shared_roles)
      : shared_(shared), shared_roles_(shared_roles) {}

  std::size_t size() const { return shared_.size() + local_.size(); }
  const EntityRecord& operator[](std::size_t i) const {
    return i < shared_.size() ? shared_[i] : local_[i - shared_.size()];
  }
  // Folded words of the entity's roles.
  const std::vector<std::string>& role_words(std::size_t i) const {
    return i < shared_.size() ? shared_roles_[i] : local_roles_[i - shared_.size()];
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
  const std::vector<EntityRecord>& shared_;
  const std::vector<std::vector<std::string>>& shared_roles_;
  static constexpr std::size_t kFirstLocals = 4;  // a document finds a few people and organisations
  std::vector<EntityRecord> local_;
  std::vector<std::vector<std::string>> local_roles_;
};

}  // namespace parole::entities

#endif
