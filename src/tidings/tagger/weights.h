// SparseWeights: the weight table of a SequenceModel, (2^bits buckets x L
// labels) int16 weights, stored without its zeros. Trained tables are very
// sparse (CoNLL models: 7-42% of the buckets have any non-zero weight, and
// most of those only 2-4 non-zero labels), so the dense table of 10-35 MB
// shrinks to 1-3 MB that mostly stays in the CPU caches.
//
// Layout:
//   blocks_  one per 64 buckets: a bit mask of the non-zero buckets and the
//            index of the block's first non-zero row (rank of the bucket);
//   offs_    rows()+2 offsets into data_: row r owns [offs_[r], offs_[r+1]);
//            the last row is empty and stands for every all-zero bucket;
//   data_    uint16 words. A row of length L is dense (the L weights); a
//            shorter row is sparse, (label, weight) pairs with increasing
//            labels. FromDense makes a row dense when at least a quarter of
//            its weights are non-zero (at most twice the size of the pairs):
//            the rows of frequent features (bias, shapes, common words) are,
//            and a dense row sums with a few vector instructions.
// Immutable after construction; lookups need no allocation. The arrays are
// the object's own, or (View) those of a model file mapped in memory.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/tagger/huge_alloc.h"

namespace tidings::tagger {

class SparseWeights {
 public:
  SparseWeights() { Rebind(); }
  SparseWeights(const SparseWeights& o);
  SparseWeights(SparseWeights&& o) noexcept;
  SparseWeights& operator=(const SparseWeights& o);
  SparseWeights& operator=(SparseWeights&& o) noexcept;
  // From a dense row-major table w[(1 << bits) * L].
  static SparseWeights FromDense(const int16_t* w, uint32_t bits, int L);
  // The dense table again (tests, training tools).
  std::vector<int16_t> ToDense() const;
  // The table of a and b side by side (same bits): a bucket's row holds a's
  // labels, then b's (weight(bucket, a.labels() + l) = b's weight(bucket, l)).
  static SparseWeights Concat(const SparseWeights& a, const SparseWeights& b);

  uint32_t bits() const { return bits_; }
  int labels() const { return L_; }
  // Number of buckets with a non-zero weight, and of non-zero weights.
  uint32_t rows() const { return rows_; }
  uint32_t words() const { return nwords_; }
  // data() is followed by this many zero words, so that the last dense row
  // can be read in whole vectors of 8 or 16 words.
  static constexpr uint32_t kPadWords = 16;
  size_t MemoryBytes() const;

  // Row of a bucket (bucket < 2^bits): rows() (the empty row) when all zero.
  uint32_t Row(uint32_t bucket) const {
    const Block& b = bl_[bucket >> 6];
    const uint64_t bit = uint64_t{1} << (bucket & 63);
    if (!(b.mask & bit)) return empty_row_;
    return b.base + static_cast<uint32_t>(__builtin_popcountll(b.mask & (bit - 1)));
  }
  const uint32_t* offs() const { return of_; }
  const uint16_t* data() const { return da_; }
  const void* BlockAddress(uint32_t bucket) const { return &bl_[bucket >> 6]; }

  // acc[l] += weight(bucket, l) for every label.
  void AddRow(uint32_t bucket, int32_t* acc) const { AddRowData(Row(bucket), acc); }
  // The same for a row index.
  void AddRowData(uint32_t r, int32_t* acc) const {
    const uint32_t b = of_[r], len = of_[r + 1] - b;
    const uint16_t* d = da_ + b;
    if (len == static_cast<uint32_t>(L_)) {
      for (int l = 0; l < L_; ++l) acc[l] += static_cast<int16_t>(d[l]);
    } else {
      for (uint32_t k = 0; k < len; k += 2) acc[d[k]] += static_cast<int16_t>(d[k + 1]);
    }
  }

  // Serialization (little-endian host order, model format 2): u32 bits, u32
  // L, u64 rows, u64 words, the block masks (u64 each), the row lengths in
  // words (u16 each), the words (u16 each). ReadFrom validates everything
  // (row lengths, labels < L and increasing, masks agree with the row count)
  // and returns false otherwise.
  void AppendTo(std::string& out) const;
  bool ReadFrom(std::string_view data, size_t* pos);

  // The arrays as in memory, to be used in place (model format 3): u32 bits,
  // u32 L, u64 rows, u64 words, u64 blocks; then from the next multiple of
  // 64 bytes of out each of: the blocks (u64 mask, u32 rank of the first
  // row, u32 0), the rows + 2 offsets (u32), the words + kPadWords words
  // (u16, the padding 0); out is padded to a multiple of 64.
  void AppendArraysTo(std::string& out) const;
  // Weights whose arrays are data's at *pos (data.data() + *pos aligned to
  // 64 bytes), written by AppendArraysTo: no copy; data must outlive them
  // and their copies. Validates as ReadFrom (and the ranks, offsets and
  // padding); false otherwise.
  bool View(std::string_view data, size_t* pos);
  // True when the arrays are another's memory (View).
  bool is_view() const { return da_ && da_ != data_.data(); }

  bool operator==(const SparseWeights& o) const;

 private:
  struct Block {
    uint64_t mask;
    uint32_t base;
    uint32_t unused;
  };
  static_assert(sizeof(Block) == 16);
  bool Build(std::vector<uint64_t> masks, const std::vector<uint16_t>& lens);
  bool CheckRows() const;  // every row's length and labels
  void Rebind();           // bl_, of_, da_ from the vectors
  uint32_t bits_ = 0;
  int L_ = 0;
  uint32_t empty_row_ = 0;
  uint32_t rows_ = 0;
  uint32_t nwords_ = 0;
  size_t nblocks_ = 0;
  // The arrays used: the vectors' or a view's.
  const Block* bl_ = nullptr;
  const uint32_t* of_ = nullptr;  // rows_ + 2
  const uint16_t* da_ = nullptr;  // nwords_ + kPadWords
  std::vector<Block, HugeAlloc<Block>> blocks_;
  std::vector<uint32_t, HugeAlloc<uint32_t>> offs_ = {0, 0};
  std::vector<uint16_t, HugeAlloc<uint16_t>> data_;  // nwords_ + kPadWords
};

}  // namespace tidings::tagger
