#include "entities/compiled_records.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstring>

#include "text/tokens.hpp"

namespace parole::entities {

std::shared_ptr<const FileBytes> FileBytes::copy_of(std::string_view data) {
  std::shared_ptr<FileBytes> out(new FileBytes());
  out->copy_.assign(data);
  out->bytes_ = out->copy_;
  return out;
}

std::shared_ptr<const FileBytes> FileBytes::mapped(void* map, std::size_t size) {
  std::shared_ptr<FileBytes> out(new FileBytes());
  out->map_ = map;
  out->map_size_ = size;
  out->bytes_ = std::string_view(static_cast<const char*>(map), size);
  return out;
}

FileBytes::~FileBytes() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

std::vector<std::string> role_words_of(std::string_view role) {
  std::vector<std::string> words = text::folded_tokens(role);
  words.erase(std::remove_if(words.begin(), words.end(), [](const std::string& w) { return w.size() <= 2; }),
              words.end());
  return words;
}

namespace {

// Reads a record the loader has checked: no bounds to test.
class CheckedCursor {
 public:
  CheckedCursor(std::string_view bytes, std::size_t at) : bytes_(bytes), pos_(at) {}
  std::uint64_t count() {
    std::uint64_t n = 0;
    std::memcpy(&n, bytes_.data() + pos_, sizeof n);
    pos_ += sizeof n;
    return n;
  }
  std::string_view view() {
    const std::uint64_t n = count();
    const std::string_view s = bytes_.substr(pos_, n);
    pos_ += (n + 7) / 8 * 8;  // strings are padded to eight bytes
    return s;
  }
  std::vector<std::string> strings() {
    std::vector<std::string> out(count());
    for (std::string& s : out) s = view();
    return out;
  }

 private:
  std::string_view bytes_;
  std::size_t pos_;
};

}  // namespace

CompiledRecords::CompiledRecords(std::shared_ptr<const FileBytes> file, std::vector<std::uint64_t> starts,
                                 std::size_t id_table, std::size_t slot_count)
    : file_(std::move(file)),
      starts_(std::move(starts)),
      id_table_(id_table),
      slot_mask_(slot_count - 1),
      entries_(new std::atomic<const Entry*>[starts_.size()]()) {}

CompiledRecords::~CompiledRecords() {
  for (std::size_t i = 0; i < starts_.size(); ++i) delete entries_[i].load(std::memory_order_relaxed);
}

std::string_view CompiledRecords::id(std::size_t i) const { return CheckedCursor(file_->bytes(), starts_[i]).view(); }

EntityRecord CompiledRecords::record(std::size_t i) const {
  EntityRecord rec;
  CheckedCursor at(file_->bytes(), starts_[i]);
  rec.id = at.view();
  rec.name = at.view();
  rec.type = at.view();
  rec.gender = at.view();
  rec.aliases = at.strings();
  rec.roles = at.strings();
  for (std::uint64_t extras = at.count(); extras > 0; --extras) {
    std::string key(at.view());
    rec.extra[std::move(key)] = at.view();
  }
  return rec;
}

const CompiledRecords::Entry& CompiledRecords::decode(std::size_t i) const {
  auto entry = std::make_unique<Entry>();
  entry->record = record(i);
  for (const std::string& role : entry->record.roles) {
    std::vector<std::string> words = role_words_of(role);
    entry->role_words.insert(entry->role_words.end(), std::make_move_iterator(words.begin()),
                             std::make_move_iterator(words.end()));
  }
  // Another thread may have decoded it meanwhile: the first one kept wins.
  const Entry* expected = nullptr;
  if (entries_[i].compare_exchange_strong(expected, entry.get(), std::memory_order_acq_rel,
                                          std::memory_order_acquire)) {
    return *entry.release();
  }
  return *expected;
}

std::uint64_t CompiledRecords::id_hash(std::string_view id) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return h ^ (h >> 32U);
}

std::uint32_t CompiledRecords::slot(std::size_t k) const {
  std::uint32_t value = 0;
  std::memcpy(&value, file_->bytes().data() + id_table_ + k * sizeof value, sizeof value);
  return value;
}

// Open addressing, linear probing; a slot holds a record's index + 1, or 0.
// The table has an empty slot (checked at load), so a probe ends.
std::optional<std::uint32_t> CompiledRecords::find(std::string_view wanted) const {
  for (std::size_t k = id_hash(wanted) & slot_mask_;; k = (k + 1) & slot_mask_) {
    const std::uint32_t value = slot(k);
    if (value == 0) return std::nullopt;
    if (id(value - 1) == wanted) return value - 1;
  }
}

const std::vector<EntityRecord>& CompiledRecords::all() const {
  std::call_once(all_once_, [&] {
    all_.reserve(size());
    // Copied from those already decoded, else read again: not kept twice.
    for (std::size_t i = 0; i < size(); ++i) {
      const Entry* e = entries_[i].load(std::memory_order_acquire);
      all_.push_back(e != nullptr ? e->record : record(i));
    }
  });
  return all_;
}

}  // namespace parole::entities
