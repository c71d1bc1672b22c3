#include "tidings/tagger/weights.h"

#include <cstring>

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
  const size_t nblocks = std::min(a.blocks_.size(), b.blocks_.size());
  std::vector<uint64_t> masks(a.blocks_.size(), 0);
  std::vector<uint16_t> lens;
  lens.reserve(a.rows() + b.rows());
  s.data_.reserve(size_t{a.words()} + b.words() + kPadWords);
  std::vector<int16_t> row(L, 0);
  // Row r of w: its words and number of non-zero weights.
  auto span = [](const SparseWeights& w, uint32_t r, const uint16_t** d, uint32_t* len) {
    const uint32_t o = w.offs_[r];
    *len = w.offs_[r + 1] - o;
    *d = w.data_.data() + o;
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
    const uint64_t ma = a.blocks_[k].mask, mb = b.blocks_[k].mask;
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
  return blocks_.size() * sizeof(Block) + offs_.size() * sizeof(uint32_t) + data_.size() * sizeof(uint16_t);
}

void SparseWeights::AppendTo(std::string& out) const {
  uint32_t hdr[2] = {bits_, static_cast<uint32_t>(L_)};
  PutArray(out, hdr, 2);
  uint64_t counts[2] = {rows(), words()};
  PutArray(out, counts, 2);
  std::vector<uint64_t> masks(blocks_.size());
  for (size_t i = 0; i < blocks_.size(); ++i) masks[i] = blocks_[i].mask;
  PutArray(out, masks.data(), masks.size());
  std::vector<uint16_t> lens(rows());
  for (uint32_t r = 0; r < rows(); ++r) lens[r] = static_cast<uint16_t>(offs_[r + 1] - offs_[r]);
  PutArray(out, lens.data(), lens.size());
  PutArray(out, data_.data(), nwords_);
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
  if (!Build(std::move(masks), lens)) return false;
  // Every row: dense (L words) or sparse (a positive even number of words
  // below L, labels increasing and below L).
  for (uint32_t r = 0; r < rows(); ++r) {
    if (lens[r] == L) continue;
    if (lens[r] == 0 || lens[r] > L || lens[r] % 2) return false;
    int prev = -1;
    for (uint32_t k = offs_[r]; k < offs_[r + 1]; k += 2) {
      int l = data_[k];
      if (l <= prev || l >= L_) return false;
      prev = l;
    }
  }
  return true;
}

bool SparseWeights::operator==(const SparseWeights& o) const {
  if (bits_ != o.bits_ || L_ != o.L_ || offs_ != o.offs_ || data_ != o.data_ || blocks_.size() != o.blocks_.size())
    return false;
  for (size_t i = 0; i < blocks_.size(); ++i)
    if (blocks_[i].mask != o.blocks_[i].mask) return false;
  return true;
}

}  // namespace tidings::tagger
