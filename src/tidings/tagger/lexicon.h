// Lexicon: an open-addressing hash table from a 64-bit key (a hashed word or
// phrase) to a 32-bit value, used for word clusters and gazetteers. Flat
// arrays, no allocation on lookup, const after building. The arrays are its
// own, or (View) those of a model file mapped in memory, used in place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/tagger/huge_alloc.h"

namespace tidings::tagger {

class Lexicon {
 public:
  Lexicon() = default;
  Lexicon(const Lexicon& o);
  Lexicon(Lexicon&& o) noexcept;
  Lexicon& operator=(const Lexicon& o);
  Lexicon& operator=(Lexicon&& o) noexcept;
  // Removes every entry, keeping the capacity (a view becomes an empty table).
  void Clear();
  // Sets (overwrites) the value of key. Grows as needed.
  void Set(uint64_t key, uint32_t value);
  // ORs bits into the value of key (inserting 0 first when absent).
  void Or(uint64_t key, uint32_t bits);
  // The value of key, or 0 when absent.
  uint32_t Get(uint64_t key) const {
    if (!k_) return 0;
    key = key ? key : 1;
    const size_t mask = mask_;
    for (size_t i = key & mask;; i = (i + 1) & mask) {
      uint64_t k = k_[i];
      if (k == key) return v_[i];
      if (k == 0) return 0;
    }
  }
  // Starts loading the slot where key's lookup begins into the cache.
  void Prefetch(uint64_t key) const {
    if (!k_) return;
    size_t i = (key ? key : 1) & mask_;
    __builtin_prefetch(&k_[i]);
    __builtin_prefetch(&v_[i]);
  }
  size_t size() const { return count_; }
  // Same keys with the same values (capacity and order do not matter).
  bool operator==(const Lexicon& o) const;
  bool empty() const { return count_ == 0; }

  // Binary serialization (little-endian host order): u64 count, then the
  // (u64 key, u32 value) entries (model format 2).
  void AppendTo(std::string& out) const;
  // Reads from data at *pos; false on truncated/corrupt input.
  bool ReadFrom(std::string_view data, size_t* pos);

  // The table itself, to be used in place (model format 3): u64 count, u64
  // capacity (0 or a power of two from 64), the capacity's u64 keys (0 =
  // free slot) from the next multiple of 64 bytes of out, then its u32
  // values from the next multiple of 64; out is padded to a multiple of 64.
  void AppendTableTo(std::string& out) const;
  // A lexicon whose arrays are data's at *pos (data.data() + *pos aligned to
  // 64 bytes), written by AppendTableTo: no copy; data must outlive it and
  // its copies. Checks the header, the bounds, the alignment, that count
  // keys are not 0 and that some slot is free (every lookup ends); false
  // otherwise.
  bool View(std::string_view data, size_t* pos);
  // True when the arrays are another's memory (View).
  bool is_view() const { return k_ && k_ != keys_.data(); }

 private:
  uint32_t* Slot(uint64_t key);
  void Grow();
  void Own();     // a view becomes a copy of its table
  void Rebind();  // k_, v_, mask_ from keys_, vals_
  std::vector<uint64_t, HugeAlloc<uint64_t>> keys_;
  std::vector<uint32_t, HugeAlloc<uint32_t>> vals_;
  // The table used by lookups: keys_/vals_, or a view's.
  const uint64_t* k_ = nullptr;
  const uint32_t* v_ = nullptr;
  size_t mask_ = 0;  // capacity - 1
  size_t count_ = 0;
};

}  // namespace tidings::tagger
