// Lexicon: an open-addressing hash table from a 64-bit key (a hashed word or
// phrase) to a 32-bit value, used for word clusters and gazetteers. Flat
// arrays, no allocation on lookup, const after building.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/tagger/huge_alloc.h"

namespace tidings::tagger {

class Lexicon {
 public:
  // Removes every entry, keeping the capacity.
  void Clear();
  // Sets (overwrites) the value of key. Grows as needed.
  void Set(uint64_t key, uint32_t value);
  // ORs bits into the value of key (inserting 0 first when absent).
  void Or(uint64_t key, uint32_t bits);
  // The value of key, or 0 when absent.
  uint32_t Get(uint64_t key) const {
    if (keys_.empty()) return 0;
    key = key ? key : 1;
    size_t mask = keys_.size() - 1;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      uint64_t k = keys_[i];
      if (k == key) return vals_[i];
      if (k == 0) return 0;
    }
  }
  // Starts loading the slot where key's lookup begins into the cache.
  void Prefetch(uint64_t key) const {
    if (keys_.empty()) return;
    size_t i = (key ? key : 1) & (keys_.size() - 1);
    __builtin_prefetch(&keys_[i]);
    __builtin_prefetch(&vals_[i]);
  }
  size_t size() const { return count_; }
  // Same keys with the same values (capacity and order do not matter).
  bool operator==(const Lexicon& o) const;
  bool empty() const { return count_ == 0; }

  // Binary serialization (little-endian host order).
  void AppendTo(std::string& out) const;
  // Reads from data at *pos; false on truncated/corrupt input.
  bool ReadFrom(std::string_view data, size_t* pos);

 private:
  uint32_t* Slot(uint64_t key);
  void Grow();
  std::vector<uint64_t, HugeAlloc<uint64_t>> keys_;
  std::vector<uint32_t, HugeAlloc<uint32_t>> vals_;
  size_t count_ = 0;
};

}  // namespace tidings::tagger
