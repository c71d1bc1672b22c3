#include "tidings/tagger/weights.h"

#include <cstring>

#include "tidings/tagger/file_arrays.h"

namespace tidings::tagger {
namespace {

size_t NumBlocks(uint32_t bits) { return bits >= 6 ? size_t{1} << (bits - 6) : 1; }

template <typename T>
void PutArray(std::string& o, const T* v, size_t n) {
  o.append(reinterpret_cast<const char*>(v), n * sizeof(T));
}

template <typename V>
bool GetArray(std::string_view d, size_t* pos, size_t n, V* v) {
  using T = typename V::value_type;
  if (*pos > d.size() || n > (d.size() - *pos) / sizeof(T)) return false;
  v->resize(n);
  if (n) std::memcpy(v->data(), d.data() + *pos, n * sizeof(T));
  *pos += n * sizeof(T);
  return true;
}

// Appends a row with nz > 0 non-zero weights (dense when at least a quarter
// of them are non-zero, else (label, weight) pairs) and returns its length.
template <typename Data>
uint16_t AppendRow(const int16_t* row, int L, int nz, Data* data) {
  if (4 * nz >= L) {
    for (int l = 0; l < L; ++l) data->push_back(static_cast<uint16_t>(row[l]));
    return static_cast<uint16_t>(L);
  }
  for (int l = 0; l < L; ++l)
    if (row[l]) {
      data->push_back(static_cast<uint16_t>(l));
      data->push_back(static_cast<uint16_t>(row[l]));
    }
  return static_cast<uint16_t>(2 * nz);
}

}  // namespace

SparseWeights::SparseWeights(const SparseWeights& o)
    : bits_(o.bits_), L_(o.L_), empty_row_(o.empty_row_), rows_(o.rows_), nwords_(o.nwords_), nblocks_(o.nblocks_),
      blocks_(o.blocks_), offs_(o.offs_), data_(o.data_) {
  if (o.is_view()) bl_ = o.bl_, of_ = o.of_, da_ = o.da_;
  else Rebind();
}

SparseWeights::SparseWeights(SparseWeights&& o) noexcept { *this = std::move(o); }

SparseWeights& SparseWeights::operator=(const SparseWeights& o) {
  if (this != &o) *this = SparseWeights(o);
  return *this;
}

SparseWeights& SparseWeights::operator=(SparseWeights&& o) noexcept {
  if (this == &o) return *this;
  const bool view = o.is_view();
  bits_ = o.bits_, L_ = o.L_, empty_row_ = o.empty_row_, rows_ = o.rows_, nwords_ = o.nwords_;
  // Moved vectors keep their blocks.
  blocks_ = std::move(o.blocks_);
  offs_ = std::move(o.offs_);
  data_ = std::move(o.data_);
  if (view) {
    bl_ = o.bl_, of_ = o.of_, da_ = o.da_;
    nblocks_ = o.nblocks_;
  } else {
    Rebind();
  }
  o.bits_ = 0, o.L_ = 0, o.empty_row_ = 0, o.rows_ = 0, o.nwords_ = 0;
  o.blocks_.clear();
  o.offs_.assign(2, 0);
  o.data_.clear();
  o.Rebind();
  return *this;
}

void SparseWeights::Rebind() {
  bl_ = blocks_.data();
  of_ = offs_.data();
  da_ = data_.data();
  nblocks_ = blocks_.size();
}

SparseWeights SparseWeights::FromDense(const int16_t* w, uint32_t bits, int L) {
  SparseWeights s;
  s.bits_ = bits;
  s.L_ = L;
  const size_t nb = size_t{1} << bits;
  std::vector<uint64_t> masks(NumBlocks(bits), 0);
  std::vector<uint16_t> lens;
  for (size_t b = 0; b < nb; ++b) {
    const int16_t* row = w + b * L;
    int nz = 0;
    for (int l = 0; l < L; ++l) nz += row[l] != 0;
    if (nz == 0) continue;
    masks[b >> 6] |= uint64_t{1} << (b & 63);
    lens.push_back(AppendRow(row, L, nz, &s.data_));
  }
  s.Build(std::move(masks), lens);
  return s;
}

SparseWeights SparseWeights::Concat(const SparseWeights& a, const SparseWeights& b) {
  SparseWeights s;
  s.bits_ = a.bits_;
  s.L_ = a.L_ + b.L_;
  const int L = s.L_;
  const size_t nblocks = std::min(a.nblocks_, b.nblocks_);
  std::vector<uint64_t> masks(a.nblocks_, 0);
  std::vector<uint16_t> lens;
  lens.reserve(a.rows() + b.rows());
  s.data_.reserve(size_t{a.words()} + b.words() + kPadWords);
  std::vector<int16_t> row(L, 0);
  // Row r of w: its words and number of non-zero weights.
  auto span = [](const SparseWeights& w, uint32_t r, const uint16_t** d, uint32_t* len) {
    const uint32_t o = w.of_[r];
    *len = w.of_[r + 1] - o;
    *d = w.da_ + o;
    if (*len != static_cast<uint32_t>(w.L_)) return static_cast<int>(*len / 2);
    int nz = 0;
    for (int l = 0; l < w.L_; ++l) nz += (*d)[l] != 0;
    return nz;
  };
  auto unpack = [](const uint16_t* d, uint32_t len, int La, int16_t* out) {
    if (len == static_cast<uint32_t>(La)) {
      std::memcpy(out, d, sizeof(int16_t) * La);
    } else {
      for (uint32_t k = 0; k < len; k += 2) out[d[k]] = static_cast<int16_t>(d[k + 1]);
    }
  };
  // The rows of a and b are in bucket order: walk both.
  uint32_t ra = 0, rb = 0;
  for (size_t k = 0; k < nblocks; ++k) {
    const uint64_t ma = a.bl_[k].mask, mb = b.bl_[k].mask;
    masks[k] = ma | mb;
    for (uint64_t m = masks[k]; m; m &= m - 1) {
      const uint64_t bit = m & (~m + 1);
      const uint16_t *da = nullptr, *db = nullptr;
      uint32_t la = 0, lb = 0;
      const int nz = ((ma & bit) ? span(a, ra++, &da, &la) : 0) + ((mb & bit) ? span(b, rb++, &db, &lb) : 0);
      if (4 * nz >= L) {  // dense, as AppendRow
        std::fill(row.begin(), row.end(), 0);
        if (da) unpack(da, la, a.L_, row.data());
        if (db) unpack(db, lb, b.L_, row.data() + a.L_);
        s.data_.insert(s.data_.end(), reinterpret_cast<const uint16_t*>(row.data()),
                       reinterpret_cast<const uint16_t*>(row.data()) + L);
        lens.push_back(static_cast<uint16_t>(L));
        continue;
      }
      // Sparse: the non-zero weights of a, then those of b, as pairs.
      auto pairs = [&](const uint16_t* d, uint32_t len, int La, int shift) {
        if (!d) return;
        if (len == static_cast<uint32_t>(La)) {
          for (int l = 0; l < La; ++l)
            if (d[l]) s.data_.push_back(static_cast<uint16_t>(l + shift)), s.data_.push_back(d[l]);
        } else {
          for (uint32_t j = 0; j < len; j += 2)
            s.data_.push_back(static_cast<uint16_t>(d[j] + shift)), s.data_.push_back(d[j + 1]);
        }
      };
      pairs(da, la, a.L_, 0);
      pairs(db, lb, b.L_, a.L_);
      lens.push_back(static_cast<uint16_t>(2 * nz));
    }
  }
  s.Build(std::move(masks), lens);
  return s;
}

bool SparseWeights::Build(std::vector<uint64_t> masks, const std::vector<uint16_t>& lens) {
  blocks_.resize(masks.size());
  uint32_t rank = 0;
  for (size_t i = 0; i < masks.size(); ++i) {
    blocks_[i] = Block{masks[i], rank, 0};
    rank += static_cast<uint32_t>(__builtin_popcountll(masks[i]));
  }
  if (rank != lens.size()) return false;
  offs_.resize(lens.size() + 2);
  uint64_t o = 0;
  for (size_t r = 0; r < lens.size(); ++r) {
    offs_[r] = static_cast<uint32_t>(o);
    o += lens[r];
  }
  if (o != data_.size()) return false;
  nwords_ = static_cast<uint32_t>(data_.size());
  data_.resize(data_.size() + kPadWords, 0);
  offs_[lens.size()] = offs_[lens.size() + 1] = static_cast<uint32_t>(o);
  empty_row_ = static_cast<uint32_t>(lens.size());
  rows_ = static_cast<uint32_t>(lens.size());
  Rebind();
  return true;
}

std::vector<int16_t> SparseWeights::ToDense() const {
  std::vector<int16_t> w((size_t{1} << bits_) * L_, 0);
  for (size_t b = 0; b < (size_t{1} << bits_); ++b) {
    std::vector<int32_t> acc(L_, 0);
    AddRow(static_cast<uint32_t>(b), acc.data());
    for (int l = 0; l < L_; ++l) w[b * L_ + l] = static_cast<int16_t>(acc[l]);
  }
  return w;
}

size_t SparseWeights::MemoryBytes() const {
  return nblocks_ * sizeof(Block) + (size_t{rows_} + 2) * sizeof(uint32_t) +
         (size_t{nwords_} + (da_ ? kPadWords : 0)) * sizeof(uint16_t);
}

void SparseWeights::AppendTo(std::string& out) const {
  uint32_t hdr[2] = {bits_, static_cast<uint32_t>(L_)};
  PutArray(out, hdr, 2);
  uint64_t counts[2] = {rows(), words()};
  PutArray(out, counts, 2);
  std::vector<uint64_t> masks(nblocks_);
  for (size_t i = 0; i < nblocks_; ++i) masks[i] = bl_[i].mask;
  PutArray(out, masks.data(), masks.size());
  std::vector<uint16_t> lens(rows());
  for (uint32_t r = 0; r < rows(); ++r) lens[r] = static_cast<uint16_t>(of_[r + 1] - of_[r]);
  PutArray(out, lens.data(), lens.size());
  PutArray(out, da_, nwords_);
}

void SparseWeights::AppendArraysTo(std::string& out) const {
  const uint32_t hdr[2] = {bits_, static_cast<uint32_t>(L_)};
  PutArray(out, hdr, 2);
  const uint64_t counts[3] = {rows_, nwords_, nblocks_};
  PutArray(out, counts, 3);
  Pad64(out);
  for (size_t i = 0; i < nblocks_; ++i) {
    const Block b{bl_[i].mask, bl_[i].base, 0};
    PutArray(out, &b, 1);
  }
  Pad64(out);
  PutArray(out, of_, size_t{rows_} + 2);
  Pad64(out);
  PutArray(out, da_, nwords_);
  out.append(size_t{kPadWords} * sizeof(uint16_t), '\0');
  Pad64(out);
}

bool SparseWeights::CheckRows() const {
  // Every row: dense (L words) or sparse (a positive even number of words
  // below L, labels increasing and below L). Sparse rows are short and of
  // varying length: checked without a branch per label.
  const uint32_t L = static_cast<uint32_t>(L_);
  uint32_t wrong = 0;
  for (uint32_t r = 0; r < rows_; ++r) {
    const uint32_t b = of_[r], e = of_[r + 1];
    if (e < b || e > nwords_) return false;
    const uint32_t len = e - b;
    if (len == L) continue;
    if (len == 0 || len > L || len % 2) return false;
    const uint16_t* d = da_ + b;
    uint32_t prev = d[0];
    wrong |= static_cast<uint32_t>(prev >= L);
    for (uint32_t k = 2; k < len; k += 2) {
      wrong |= static_cast<uint32_t>(d[k] <= prev);
      prev = d[k];
    }
  }
  return !wrong;
}

bool SparseWeights::View(std::string_view d, size_t* pos) {
  *this = SparseWeights();
  auto take = [&](size_t bytes, size_t align) { return TakeAligned(d, pos, bytes, align); };
  uint32_t hdr[2];
  uint64_t counts[3];
  const char* h = take(sizeof hdr + sizeof counts, 1);
  if (!h) return false;
  std::memcpy(hdr, h, sizeof hdr);
  std::memcpy(counts, h + sizeof hdr, sizeof counts);
  const uint32_t bits = hdr[0], L = hdr[1];
  if (bits > 26 || L == 0 || L > 0xFFFF) return false;
  const uint64_t buckets = uint64_t{1} << bits, rows = counts[0], words = counts[1];
  if (counts[2] != NumBlocks(bits) || rows > buckets || words > rows * L || words >= (uint64_t{1} << 32) - kPadWords)
    return false;
  const char* bl = take(counts[2] * sizeof(Block), 64);
  const char* of = bl ? take((rows + 2) * sizeof(uint32_t), 64) : nullptr;
  const char* da = of ? take((words + kPadWords) * sizeof(uint16_t), 64) : nullptr;
  if (!da || !take(0, 64)) return false;
  if (reinterpret_cast<uintptr_t>(bl) % alignof(Block) || reinterpret_cast<uintptr_t>(of) % alignof(uint32_t) ||
      reinterpret_cast<uintptr_t>(da) % alignof(uint16_t))
    return false;
  const Block* blocks = reinterpret_cast<const Block*>(bl);
  const uint32_t* offs = reinterpret_cast<const uint32_t*>(of);
  const uint16_t* data = reinterpret_cast<const uint16_t*>(da);
  // Ranks: each block's base is the number of rows before it.
  uint64_t rank = 0;
  uint32_t wrong = 0;
  for (uint64_t i = 0; i < counts[2]; ++i) {
    wrong |= static_cast<uint32_t>(blocks[i].base != rank) | static_cast<uint32_t>(blocks[i].unused != 0);
    rank += static_cast<uint64_t>(__builtin_popcountll(blocks[i].mask));
  }
  if (wrong || rank != rows || (bits < 6 && (blocks[0].mask >> buckets) != 0)) return false;
  if (offs[0] != 0 || offs[rows] != words || offs[rows + 1] != words) return false;
  for (uint32_t k = 0; k < kPadWords; ++k)
    if (data[words + k] != 0) return false;
  bits_ = bits;
  L_ = static_cast<int>(L);
  rows_ = static_cast<uint32_t>(rows);
  empty_row_ = rows_;
  nwords_ = static_cast<uint32_t>(words);
  nblocks_ = static_cast<size_t>(counts[2]);
  bl_ = blocks, of_ = offs, da_ = data;
  if (!CheckRows()) {
    *this = SparseWeights();
    return false;
  }
  return true;
}

bool SparseWeights::ReadFrom(std::string_view d, size_t* pos) {
  *this = SparseWeights();
  std::vector<uint32_t> hdr;
  std::vector<uint64_t> counts;
  if (!GetArray(d, pos, 2, &hdr) || !GetArray(d, pos, 2, &counts)) return false;
  const uint32_t bits = hdr[0], L = hdr[1];
  if (bits > 26 || L == 0 || L > 0xFFFF) return false;
  const uint64_t buckets = uint64_t{1} << bits;
  if (counts[0] > buckets || counts[1] > counts[0] * L || counts[1] >= (uint64_t{1} << 32)) return false;
  std::vector<uint64_t> masks;
  std::vector<uint16_t> lens;
  if (!GetArray(d, pos, NumBlocks(bits), &masks) || !GetArray(d, pos, counts[0], &lens) ||
      !GetArray(d, pos, counts[1], &data_))
    return false;
  if (bits < 6 && (masks[0] >> buckets) != 0) return false;
  bits_ = bits;
  L_ = static_cast<int>(L);
  if (!Build(std::move(masks), lens) || !CheckRows()) {
    *this = SparseWeights();
    return false;
  }
  return true;
}

bool SparseWeights::operator==(const SparseWeights& o) const {
  if (bits_ != o.bits_ || L_ != o.L_ || rows_ != o.rows_ || nwords_ != o.nwords_ || nblocks_ != o.nblocks_)
    return false;
  if (!da_ || !o.da_) return da_ == o.da_;
  if (std::memcmp(of_, o.of_, (size_t{rows_} + 2) * sizeof(uint32_t)) != 0 ||
      std::memcmp(da_, o.da_, (size_t{nwords_} + kPadWords) * sizeof(uint16_t)) != 0)
    return false;
  for (size_t i = 0; i < nblocks_; ++i)
    if (bl_[i].mask != o.bl_[i].mask) return false;
  return true;
}

}  // namespace tidings::tagger
