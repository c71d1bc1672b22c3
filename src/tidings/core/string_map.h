// StringMap: a read-mostly hash map from strings to values for the word lists
// and lexicons the stages look words up in on every token. Keys are copied
// into one arena; the table is open-addressed (linear probing, power-of-two
// size, at most half full) with the full 64-bit hash kept beside each key, so
// a lookup by string_view allocates nothing, usually touches one cache line
// and compares key bytes only on a hash match. A bit per hash class (a 2 KB
// filter, set for the classes of the keys) answers most look-ups of absent
// words without touching the table: most words of a text are in none of the
// word lists, and the tables of the large ones are not in cache.
//
// Insertion (build time) may move values; pointers returned by Find stay
// valid until the next insertion. Iteration order is unspecified.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace tidings {

// A fast 64-bit hash of short byte strings (words): 8 bytes at a time with a
// multiply-xorshift mix; not for untrusted keys in adversarial settings (the
// table stays correct under collisions, only slower). The bytes after the
// last whole 8 are read with two (overlapping) 4-byte loads or, for 1-3
// bytes, one by one: never a short copy of a variable number of bytes, which
// compiles to a byte loop whose stores the following load waits on. A word
// just written with 8-byte stores at offsets 0, 8, ... (events/shallow.cc)
// is read back by loads each inside one of those stores.
inline uint64_t HashWord(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x6A09E667F3BCC909ull ^ (n * kMul);
  auto mix = [&](uint64_t w) {
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  };
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    mix(w);
  }
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    mix(lo | (static_cast<uint64_t>(hi) << 32));
  } else if (n) {
    mix(static_cast<uint64_t>(static_cast<unsigned char>(p[0])) |
        static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
        static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
  }
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return h;
}

template <class V>
class StringMap {
  static_assert(!std::is_same_v<V, bool>, "use uint8_t: std::vector<bool> has no addressable elements");

 public:
  StringMap() = default;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The value of key, or nullptr.
  const V* Find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = HashWord(key);
    const uint64_t f = h >> (64 - kFilterLog2);
    if (!(filter_[f >> 6] >> (f & 63) & 1)) return nullptr;
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.len == kEmpty) return nullptr;
      if (s.hash == h && s.len == key.size() && std::memcmp(arena_.data() + s.off, key.data(), key.size()) == 0)
        return &values_[s.value];
    }
  }
  V* Find(std::string_view key) { return const_cast<V*>(static_cast<const StringMap*>(this)->Find(key)); }
  bool contains(std::string_view key) const { return Find(key) != nullptr; }

  // The value of key, inserted value-initialized when missing.
  V& operator[](std::string_view key) { return *Insert(key, V()).first; }

  // Inserts (key, v) unless key is present; returns the value and whether it
  // was inserted.
  std::pair<V*, bool> Insert(std::string_view key, V v) {
    if (V* old = Find(key)) return {old, false};
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = HashWord(key);
    size_t i = h & mask_;
    while (slots_[i].len != kEmpty) i = (i + 1) & mask_;
    Slot& s = slots_[i];
    const uint64_t f = h >> (64 - kFilterLog2);
    filter_[f >> 6] |= uint64_t{1} << (f & 63);
    s.hash = h;
    s.off = static_cast<uint32_t>(arena_.size());
    s.len = static_cast<uint32_t>(key.size());
    s.value = static_cast<uint32_t>(values_.size());
    arena_.append(key.data(), key.size());
    keys_.push_back(i);
    values_.push_back(std::move(v));
    ++size_;
    return {&values_.back(), true};
  }

  // Calls f(key, value) for every entry, in insertion order.
  template <class F>
  void ForEach(F&& f) const {
    for (size_t k = 0; k < keys_.size(); ++k) {
      const Slot& s = slots_[keys_[k]];
      f(std::string_view(arena_.data() + s.off, s.len), values_[s.value]);
    }
  }

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  // The filter's bits come from the top of the hash (the slot from the bottom).
  static constexpr int kFilterLog2 = 14;
  struct Slot {
    uint64_t hash = 0;
    uint32_t off = 0;
    uint32_t len = kEmpty;
    uint32_t value = 0;
  };

  void Grow() {
    size_t cap = slots_.empty() ? 16 : slots_.size() * 2;
    std::vector<Slot> old(cap);
    old.swap(slots_);
    mask_ = cap - 1;
    for (size_t& k : keys_) {
      const Slot& s = old[k];
      size_t i = s.hash & mask_;
      while (slots_[i].len != kEmpty) i = (i + 1) & mask_;
      slots_[i] = s;
      k = i;
    }
  }

  std::vector<Slot> slots_;
  uint64_t filter_[(size_t{1} << kFilterLog2) / 64] = {};
  std::vector<size_t> keys_;  // slot of each entry, in insertion order
  std::vector<V> values_;
  std::string arena_;
  size_t size_ = 0;
  size_t mask_ = 0;
};

}  // namespace tidings
