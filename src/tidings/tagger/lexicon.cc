#include "tidings/tagger/lexicon.h"

#include <algorithm>
#include <cstring>

namespace tidings::tagger {

uint32_t* Lexicon::Slot(uint64_t key) {
  key = key ? key : 1;
  if (keys_.empty() || (count_ + 1) * 2 > keys_.size()) Grow();
  size_t mask = keys_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return &vals_[i];
    if (keys_[i] == 0) {
      keys_[i] = key;
      vals_[i] = 0;
      ++count_;
      return &vals_[i];
    }
  }
}

void Lexicon::Grow() {
  size_t n = keys_.empty() ? 64 : keys_.size() * 2;
  auto ok = std::move(keys_);
  auto ov = std::move(vals_);
  keys_.assign(n, 0);
  vals_.assign(n, 0);
  size_t mask = n - 1;
  for (size_t j = 0; j < ok.size(); ++j) {
    if (!ok[j]) continue;
    size_t i = ok[j] & mask;
    while (keys_[i]) i = (i + 1) & mask;
    keys_[i] = ok[j];
    vals_[i] = ov[j];
  }
}

void Lexicon::Clear() {
  if (count_ == 0) return;
  std::fill(keys_.begin(), keys_.end(), 0);
  count_ = 0;
}

bool Lexicon::operator==(const Lexicon& o) const {
  if (count_ != o.count_) return false;
  // The same entries inserted in the same order (two models' copies of one
  // lexicon) give the same table: compared as memory.
  if (keys_.size() == o.keys_.size() &&
      std::memcmp(keys_.data(), o.keys_.data(), keys_.size() * sizeof(keys_[0])) == 0 &&
      std::memcmp(vals_.data(), o.vals_.data(), vals_.size() * sizeof(vals_[0])) == 0)
    return true;
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (!keys_[i]) continue;
    // Get() maps key 0 to 1 as Slot() does; stored keys are never 0.
    uint64_t k = keys_[i];
    size_t mask = o.keys_.size() - 1;
    bool found = false;
    for (size_t j = k & mask;; j = (j + 1) & mask) {
      if (o.keys_[j] == k) {
        found = o.vals_[j] == vals_[i];
        break;
      }
      if (o.keys_[j] == 0) break;
    }
    if (!found) return false;
  }
  return true;
}

void Lexicon::Set(uint64_t key, uint32_t value) { *Slot(key) = value; }
void Lexicon::Or(uint64_t key, uint32_t bits) { *Slot(key) |= bits; }

void Lexicon::AppendTo(std::string& out) const {
  uint64_t n = count_;
  out.append(reinterpret_cast<const char*>(&n), 8);
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (!keys_[i]) continue;
    out.append(reinterpret_cast<const char*>(&keys_[i]), 8);
    out.append(reinterpret_cast<const char*>(&vals_[i]), 4);
  }
}

bool Lexicon::ReadFrom(std::string_view data, size_t* pos) {
  keys_.clear();
  vals_.clear();
  count_ = 0;
  if (*pos > data.size() || data.size() - *pos < 8) return false;
  uint64_t n;
  std::memcpy(&n, data.data() + *pos, 8);
  *pos += 8;
  if (n > (data.size() - *pos) / 12) return false;
  // The final capacity at once (as Grow would reach it), no rehashing.
  size_t cap = 64;
  while (n * 2 > cap) cap *= 2;
  keys_.assign(cap, 0);
  vals_.assign(cap, 0);
  for (uint64_t j = 0; j < n; ++j) {
    uint64_t k;
    uint32_t v;
    std::memcpy(&k, data.data() + *pos, 8);
    std::memcpy(&v, data.data() + *pos + 8, 4);
    *pos += 12;
    Set(k, v);
  }
  return true;
}

}  // namespace tidings::tagger
