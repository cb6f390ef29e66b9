#include "entities/records.hpp"

#include <string_view>
#include <unordered_map>

namespace parole::entities {
namespace {

std::vector<std::vector<std::string>> role_words_of_all(const std::vector<EntityRecord>& records) {
  std::vector<std::vector<std::string>> out(records.size());
  // Thousands of records share a few roles (« député »): each is folded once.
  std::unordered_map<std::string_view, std::vector<std::string>> words_of_role;
  for (std::size_t e = 0; e < records.size(); ++e) {
    for (const std::string& role : records[e].roles) {
      auto [it, added] = words_of_role.try_emplace(role);
      if (added) it->second = role_words_of(role);
      out[e].insert(out[e].end(), it->second.begin(), it->second.end());
    }
  }
  return out;
}

}  // namespace

RecordStore::Part& RecordStore::add_part(std::size_t count) {
  Part& p = parts_.emplace_back();
  p.begin = size_;
  size_ += count;
  p.end = size_;
  return p;
}

void RecordStore::add_borrowed(const std::vector<EntityRecord>& records) {
  if (records.empty()) return;
  Part& p = add_part(records.size());
  p.list = records.data();
  p.role_words = role_words_of_all(records);
}

void RecordStore::add_owned(std::vector<EntityRecord> records) {
  if (records.empty()) return;
  owned_.push_back(std::move(records));
  add_borrowed(owned_.back());
}

void RecordStore::add_compiled(std::shared_ptr<const CompiledRecords> records) {
  if (records->size() == 0) return;
  Part& p = add_part(records->size());
  p.compiled = std::move(records);
}

}  // namespace parole::entities
