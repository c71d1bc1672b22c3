#include "tidings/tagger/lexicon.h"

#include <algorithm>
#include <cstring>

#include "tidings/tagger/file_arrays.h"

namespace tidings::tagger {

Lexicon::Lexicon(const Lexicon& o) : keys_(o.keys_), vals_(o.vals_), count_(o.count_) {
  if (o.is_view()) k_ = o.k_, v_ = o.v_, mask_ = o.mask_;
  else Rebind();
}

Lexicon::Lexicon(Lexicon&& o) noexcept
    : keys_(std::move(o.keys_)), vals_(std::move(o.vals_)), k_(o.k_), v_(o.v_), mask_(o.mask_), count_(o.count_) {
  // A moved vector keeps its block, so k_ and v_ stay valid.
  o.keys_.clear();
  o.vals_.clear();
  o.k_ = nullptr, o.v_ = nullptr, o.mask_ = 0, o.count_ = 0;
}

Lexicon& Lexicon::operator=(const Lexicon& o) {
  if (this != &o) *this = Lexicon(o);
  return *this;
}

Lexicon& Lexicon::operator=(Lexicon&& o) noexcept {
  if (this == &o) return *this;
  keys_ = std::move(o.keys_);
  vals_ = std::move(o.vals_);
  k_ = o.k_, v_ = o.v_, mask_ = o.mask_, count_ = o.count_;
  o.keys_.clear();
  o.vals_.clear();
  o.k_ = nullptr, o.v_ = nullptr, o.mask_ = 0, o.count_ = 0;
  return *this;
}

void Lexicon::Rebind() {
  k_ = keys_.empty() ? nullptr : keys_.data();
  v_ = keys_.empty() ? nullptr : vals_.data();
  mask_ = keys_.empty() ? 0 : keys_.size() - 1;
}

void Lexicon::Own() {
  if (!is_view()) return;
  keys_.assign(k_, k_ + mask_ + 1);
  vals_.assign(v_, v_ + mask_ + 1);
  Rebind();
}

uint32_t* Lexicon::Slot(uint64_t key) {
  key = key ? key : 1;
  Own();
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
  Rebind();
}

void Lexicon::Clear() {
  if (is_view()) {
    keys_.clear();
    vals_.clear();
    Rebind();
    count_ = 0;
    return;
  }
  if (count_ == 0) return;
  std::fill(keys_.begin(), keys_.end(), 0);
  count_ = 0;
}

bool Lexicon::operator==(const Lexicon& o) const {
  if (count_ != o.count_) return false;
  if (count_ == 0) return true;
  // The same entries inserted in the same order (two models' copies of one
  // lexicon) give the same table: compared as memory (the values of free
  // slots too: they are 0 in tables written by AppendTableTo and in tables
  // filled by Set/Or, which never free a slot but by Clear).
  const size_t cap = mask_ + 1;
  if (k_ == o.k_ && v_ == o.v_) return true;
  if (mask_ == o.mask_ && std::memcmp(k_, o.k_, cap * sizeof(uint64_t)) == 0 &&
      std::memcmp(v_, o.v_, cap * sizeof(uint32_t)) == 0)
    return true;
  for (size_t i = 0; i < cap; ++i) {
    if (!k_[i]) continue;
    // Get() maps key 0 to 1 as Slot() does; stored keys are never 0.
    uint64_t k = k_[i];
    bool found = false;
    for (size_t j = k & o.mask_;; j = (j + 1) & o.mask_) {
      if (o.k_[j] == k) {
        found = o.v_[j] == v_[i];
        break;
      }
      if (o.k_[j] == 0) break;
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
  for (size_t i = 0; k_ && i <= mask_; ++i) {
    if (!k_[i]) continue;
    out.append(reinterpret_cast<const char*>(&k_[i]), 8);
    out.append(reinterpret_cast<const char*>(&v_[i]), 4);
  }
}

void Lexicon::AppendTableTo(std::string& out) const {
  const uint64_t hdr[2] = {count_, k_ ? mask_ + 1 : 0};
  out.append(reinterpret_cast<const char*>(hdr), sizeof hdr);
  if (!k_) return Pad64(out);
  Pad64(out);
  out.append(reinterpret_cast<const char*>(k_), (mask_ + 1) * sizeof(uint64_t));
  Pad64(out);
  // The values of free slots are written as 0 (Clear leaves old ones).
  const size_t at = out.size();
  out.append(reinterpret_cast<const char*>(v_), (mask_ + 1) * sizeof(uint32_t));
  for (size_t i = 0; i <= mask_; ++i)
    if (!k_[i]) std::memset(out.data() + at + i * sizeof(uint32_t), 0, sizeof(uint32_t));
  Pad64(out);
}

bool Lexicon::View(std::string_view data, size_t* pos) {
  *this = Lexicon();
  auto take = [&](size_t bytes, size_t align) { return TakeAligned(data, pos, bytes, align); };
  uint64_t hdr[2];
  const char* h = take(sizeof hdr, 1);
  if (!h) return false;
  std::memcpy(hdr, h, sizeof hdr);
  const uint64_t count = hdr[0], cap = hdr[1];
  if (cap == 0) {
    if (count != 0) return false;
    return take(0, 64) != nullptr;
  }
  if (cap < 64 || cap > (uint64_t{1} << 32) || (cap & (cap - 1)) || count >= cap) return false;
  const char* k = take(cap * sizeof(uint64_t), 64);
  const char* v = k ? take(cap * sizeof(uint32_t), 64) : nullptr;
  if (!v || !take(0, 64)) return false;
  if (reinterpret_cast<uintptr_t>(k) % alignof(uint64_t) || reinterpret_cast<uintptr_t>(v) % alignof(uint32_t))
    return false;
  k_ = reinterpret_cast<const uint64_t*>(k);
  v_ = reinterpret_cast<const uint32_t*>(v);
  uint64_t used = 0;
  for (uint64_t i = 0; i < cap; ++i) used += k_[i] != 0;
  if (used != count) {
    k_ = nullptr, v_ = nullptr;
    return false;
  }
  mask_ = static_cast<size_t>(cap - 1);
  count_ = static_cast<size_t>(count);
  return true;
}

bool Lexicon::ReadFrom(std::string_view data, size_t* pos) {
  *this = Lexicon();
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
  Rebind();
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
