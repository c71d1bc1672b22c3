// SequenceModel: a linear-chain model (averaged structured perceptron) over
// hashed features, decoded with Viterbi under BILOU/BIO constraints.
//
// File format (little-endian), see docs/tagger.md:
//   "TIDTAGM1" magic, u32 format version, u32 feature version, u64 payload
//   size, u32 crc32(payload), zeros up to byte 64, then the payload: task
//   name, feature groups and bits, provenance, labels, scheme, quantization
//   scale, transitions, then the cluster and gazetteer lexicons' hash tables
//   and the int16 weights' arrays as they are in memory (aligned to 64
//   bytes). Load() maps the file and uses those arrays in place (after
//   checking the CRC and every structural invariant); it still reads format
//   2 (the same fields in a zlib stream, lexicons as entry lists, weights as
//   masks and row lengths) into the model's own memory.
// Load() rejects other versions, truncated or corrupt files with a Status
// naming the file. A loaded model is immutable and shared across threads;
// callers pass their own Scratch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/status.h"
#include "tidings/tagger/features.h"
#include "tidings/tagger/huge_alloc.h"
#include "tidings/tagger/lexicon.h"
#include "tidings/tagger/weights.h"

namespace tidings::tagger {

inline constexpr uint32_t kModelFormatVersion = 3;  // written; 2 is read too

enum class Scheme : uint8_t { kPlain = 0, kBilou = 1 };

class SequenceModel;

// A bounded per-thread cache of the part of a model's emission scores that
// depends on single word forms (FeatureExtractor::WordFeatures): for a word,
// the summed weight rows of its features at each offset -2..2 from the
// scored token. The sums are exact (int32 sums of int16 weights, in any
// order), so scores with and without the cache are the same bit for bit.
// News text repeats its words, so most tokens find their word here and only
// the features that combine tokens are looked up in the weights.
// 2-way set associative; the less recently used way is replaced. Belongs to
// one model at a time (it empties itself when used with another one).
class EmissionCache {
 public:
  // 2^log2_sets sets of 2 words each; memory is taken on first use.
  explicit EmissionCache(uint32_t log2_sets = 13) : log2_sets_(log2_sets) {}
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  friend class SequenceModel;
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  uint32_t log2_sets_;
  uint64_t owner_ = 0;   // SequenceModel::id() of the sums held
  uint32_t stride_ = 0;  // int32 per word: 5 offsets x labels rounded up to 8
  uint32_t sentence_ = 0;  // number of the current sentence
  std::vector<uint64_t> keys_;  // word hash per way, kEmpty when free
  std::vector<uint8_t> recent_;  // per set: the way used last
  std::vector<uint32_t> last_use_;  // per way: the sentence that used it last
  struct Free {
    size_t bytes;
    void operator()(int32_t* p) const { HugeFree(p, bytes); }
  };
  std::unique_ptr<int32_t[], Free> sums_{nullptr, Free{0}};
  uint64_t hits_ = 0, misses_ = 0;
};

// Scratch buffers are written before they are read: resize() leaves new
// elements uninitialized (NoInitAlloc), no zero-filling per sentence.
template <typename T>
using ScratchVec = std::vector<T, NoInitAlloc<T>>;

struct TagScratch {
  FeatureScratch fs;
  ScratchVec<uint32_t> rows;  // weight row of each feature
  ScratchVec<float> emit;     // n * L
  ScratchVec<float> delta;    // n * L: best path scores
  ScratchVec<float> pre;      // n * L: the same before adding the emission
  std::vector<uint16_t> cand;  // L
  ScratchVec<int32_t> acc;    // n * labels rounded up to 8
  // EmissionCache use: per token its word's sums and slot, the words not
  // found, their features and sums outside the cache.
  ScratchVec<const int32_t*> word_sums;
  ScratchVec<uint32_t> slot, miss, wfeats, woffs;
  ScratchVec<int32_t*> wrows;
  ScratchVec<int32_t> overflow;
};

// Labels grouped by their allowed predecessors (finite transitions), with
// the spread (max - min) of the transitions within each group: lets Viterbi
// skip predecessors that cannot win. Empty when some label has no allowed
// predecessor.
struct ViterbiPlan {
  std::vector<uint16_t> preds, labels;          // per group, concatenated
  std::vector<uint32_t> pred_offs, label_offs;  // groups + 1
  std::vector<float> spread;                    // per group
  std::vector<uint8_t> contiguous;              // the group's labels are a range
  // The transitions padded to rows of Lp = L rounded up to 8: tp[p * Lp + l]
  // (p = L: start) and transposed tt[l * Lp + p]; padding -3e38.
  int L = 0, Lp = 0;
  std::vector<float> tp, tt;
  bool empty() const { return spread.empty(); }
  static ViterbiPlan Build(const float* trans, int L);
};

// Viterbi over emissions (n*L) with transitions trans[(L+1)*L] (row L is the
// start row) and end scores end[L]. Writes label ids into out[n].
// Ties go to the lowest predecessor / label. Back pointers are not stored:
// the predecessor of the chosen label is recomputed while tracing back.
// plan (optional, built from the same trans): predecessors scoring more than
// their group's spread below the group's best are skipped, which cannot
// change any score.
void Viterbi(const float* emit, uint32_t n, int L, const float* trans, const float* end, TagScratch& s,
             uint16_t* out, const ViterbiPlan* plan = nullptr);

class SequenceModel {
 public:
  SequenceModel();
  SequenceModel(const SequenceModel&) = delete;
  SequenceModel& operator=(const SequenceModel&) = delete;
  static StatusOr<std::unique_ptr<SequenceModel>> Load(const std::string& path);
  // Writes the current format (kModelFormatVersion) to a temporary file
  // renamed over path.
  Status Save(const std::string& path) const;
  // Every field of the file equal (task, groups, bits, provenance, labels,
  // scheme, scale, transitions, lexicon entries, weights): the two tag alike.
  bool SameAs(const SequenceModel& o) const;
  // True when the weights and lexicons are used in place from the file.
  bool mapped() const { return file_ != nullptr; }

  const std::string& task() const { return task_; }
  const std::string& provenance() const { return provenance_; }
  int num_labels() const { return static_cast<int>(labels_.size()); }
  const std::string& label(int i) const { return labels_[i]; }
  const std::vector<std::string>& labels() const { return labels_; }
  Scheme scheme() const { return scheme_; }
  const FeatureExtractor& extractor() const { return fx_; }
  bool needs_pos() const { return fx_.groups() & kFgPos; }
  bool uses_document() const { return fx_.groups() & kFgDocument; }

  // Tags one sentence (features must have been prepared for documents when
  // uses_document()). out receives n label ids.
  void Tag(const SentenceIn& in, TagScratch& s, uint16_t* out) const { Tag(in, Prepared(), s, out); }
  // What was computed beforehand for a sentence, for several models at once
  // (see Tagger): the token facts (FeatureExtractor::TokenInfo) and the
  // shared features (FeatureExtractor::ExtractShared). Null: computed here.
  struct Prepared {
    const TokenFacts* facts = nullptr;
    const uint32_t* shared = nullptr;
    const uint32_t* shared_offs = nullptr;  // n + 1, into shared
    // Sums per word form (see EmissionCache): used instead of shared when set.
    EmissionCache* cache = nullptr;
  };
  void Tag(const SentenceIn& in, const Prepared& pre, TagScratch& s, uint16_t* out) const;
  // The emission scores of Tag: s.emit[i * L + l] for the n tokens.
  void Emissions(const SentenceIn& in, const Prepared& pre, TagScratch& s) const;
  // The second half of Tag: the best labels for emission scores emit[n * L]
  // under the model's transitions and constraints (emit may be s.emit).
  void Decode(const float* emit, uint32_t n, TagScratch& s, uint16_t* out) const;

  // Two models in one pass (see Tagger): this one and a second one whose
  // features are exactly this one's plus those of extra groups (kFgPos,
  // kFgHistory; same bits and lexicons), over both =
  // SparseWeights::Concat(weights(), second's), with a cache (pre.cache,
  // pre.facts required) that TagFirstOfPair keys by both_id (a NewId()).
  // TagFirstOfPair tags with this model and writes to second_sums[i * L2 + l]
  // the int32 sums of the second model's weights over its features but
  // those of the extra groups; the second model's TagSecondOfPair adds those
  // (in.pos / in.hist set, kFgHistory after BeginHistory and AddToHistory)
  // and tags. The labels are those of Tag with each model.
  void TagFirstOfPair(const SentenceIn& in, const Prepared& pre, const SparseWeights& both, uint64_t both_id,
                      TagScratch& s, uint16_t* out, int32_t* second_sums) const;
  // table (optional, this model's PosSingleTable() when extra is kFgPos,
  // HistoryTable() when it is kFgHistory): its rows are added instead of
  // looking up the features they hold.
  void TagSecondOfPair(const SentenceIn& in, const Prepared& pre, const int32_t* sums, uint32_t extra,
                       TagScratch& s, uint16_t* out, const int32_t* table = nullptr) const;
  // The summed weights of the one-tag POS features (FeatureExtractor::
  // kPosSingleFirst + k) for every tag value: rows of L rounded up to 8
  // int32, row (k * kPosTableValues + v) for tag v < 64, v = 64 for the
  // tag before the sentence (250), 65 after it (251). Empty when the model
  // has no POS features.
  static constexpr uint32_t kPosTableValues = 66;
  std::vector<int32_t> PosSingleTable() const;
  // The same for the label-history features of the token's and its
  // neighbours' first-pass types (FeatureExtractor::kHistoryFirst .. + 2):
  // type t in 0..4 or 9 (outside the sentence) as index x(t) = min(t, 5);
  // row x(t(j)), then 6 + 6 * x(t(j - 1)) + x(t(j)), then 42 + 6 * x(t(j))
  // + x(t(j + 1)). Empty when the model has no history features.
  static constexpr uint32_t kHistoryTableRows = 78;
  std::vector<int32_t> HistoryTable() const;
  static uint64_t NewId();

  const SparseWeights& weights() const { return w_; }
  // Unique per model object in the process (keys EmissionCache contents).
  uint64_t id() const { return id_; }
  float scale() const { return scale_; }  // weight = int16 value * scale

  // Construction (used by the trainer and tests).
  struct Parts {
    std::string task, provenance;
    uint32_t groups = kFgBasic, bits = 18;
    std::vector<std::string> labels;
    Scheme scheme = Scheme::kPlain;
    std::vector<float> trans, end;   // (L+1)*L, L
    std::vector<float> weights;      // (1<<bits)*L
    Lexicon clusters, gazetteer;
  };
  static std::unique_ptr<SequenceModel> FromParts(Parts p);

 private:
  void Finish();  // builds the extractor and constrained transitions
  // Sums with the cache over weights w (this model's, or the pair's in
  // TagFirstOfPair: then lanes from num_labels() on go to second).
  void EmissionsCached(const SentenceIn& in, const TokenFacts* facts, EmissionCache& c, TagScratch& s,
                       const SparseWeights& w, uint64_t owner, int32_t* second) const;
  uint64_t id_;
  std::shared_ptr<const void> file_;  // the mapped file whose arrays w_, clusters_, gaz_ use (format 3)
  std::string task_, provenance_;
  uint32_t groups_ = 0, bits_ = 0;
  std::vector<std::string> labels_;
  Scheme scheme_ = Scheme::kPlain;
  float scale_ = 1;
  std::vector<float> trans_, end_;      // as learned
  std::vector<float> ctrans_, cend_;    // with constraints applied (-inf)
  ViterbiPlan plan_;                    // of ctrans_
  SparseWeights w_;
  Lexicon clusters_, gaz_;
  FeatureExtractor fx_;
};

// Allowed-transition rules of a labelling scheme: for BILOU labels ("B-PER",
// "I-PER", "L-PER", "U-PER", "O").
bool BilouAllowed(std::string_view prev, std::string_view cur);  // prev "" = start
bool BilouCanEnd(std::string_view label);
// BIO sequence -> BILOU (treats I-X not preceded by B-X/I-X as B-X).
void BioToBilou(std::vector<std::string>& tags);
// BILOU label -> BIO label (L->I, U->B).
std::string BilouToBio(std::string_view label);

}  // namespace tidings::tagger
