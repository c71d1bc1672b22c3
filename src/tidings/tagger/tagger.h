// Tagger: the shipped models (part of speech, chunks, named entities) used
// together on a document. Loaded once, immutable, shared by threads; each
// call brings its own Scratch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/status.h"
#include "tidings/pipeline/stage.h"
#include "tidings/tagger/model.h"

namespace tidings::tagger {

// Entity codes in Tagger output: 0 = O, 1 + 2*type = B-type, 2 + 2*type = I-type
// with type in EntityType order (PER, ORG, LOC, MISC).
std::string_view NerCodeName(uint8_t code);  // "O", "B-PER", ...
uint8_t NerCodeOf(std::string_view bio);      // inverse; 0 for unknown names

inline constexpr const char* kNerModelFile = "ner.tgm";
// Optional second pass (feature group "history"): used when present.
inline constexpr const char* kNer2ModelFile = "ner2.tgm";
inline constexpr const char* kPosModelFile = "pos.tgm";
inline constexpr const char* kChunkModelFile = "chunk.tgm";
// Sentences longer than this are tagged in consecutive pieces.
inline constexpr uint32_t kMaxPiece = 1000;

class Tagger {
 public:
  // Loads dir/ner.tgm, and dir/pos.tgm + dir/chunk.tgm when with_pos_chunk
  // (pos.tgm is loaded anyway when the NER model needs POS features).
  static StatusOr<std::unique_ptr<Tagger>> Load(const std::string& dir, bool with_pos_chunk = true);

  struct Scratch {
    TagScratch ts;
    FeatureScratch facts_fs;
    ScratchVec<TokenFacts> facts;  // of every token of the document
    ScratchVec<uint32_t> shared;    // shared features of the document
    ScratchVec<uint32_t> shared_offs;  // per token, n + 1
    ScratchVec<uint16_t> lab;
    ScratchVec<uint8_t> pos;
    ScratchVec<uint8_t> ner1;
    ScratchVec<int32_t> pair_sums;  // a pair's second model: sums from the first pass
    // Emission sums per word form, one cache per model (pos, chunk, ner,
    // ner2), kept from document to document. use_cache = false: every
    // feature is looked up for every token (the same scores, slower).
    EmissionCache cache[4];
    bool use_cache = true;
  };

  // Tags one document given as words (normalized forms) and sentence
  // boundaries: sentence k is words[bounds[k], bounds[k+1]), nsent+1 bounds.
  // Any of pos/chunk/ner may be null; each receives one code per word.
  void Tag(const std::string_view* words, const uint32_t* bounds, size_t nsent, Scratch& s, uint8_t* pos,
           uint8_t* chunk, uint8_t* ner) const;

  const SequenceModel& ner() const { return *ner_; }
  const SequenceModel* ner2() const { return ner2_.get(); }
  const SequenceModel* pos_model() const { return pos_.get(); }
  const SequenceModel* chunk_model() const { return chunk_.get(); }

 private:
  // Two models whose features are the same but for extra groups of the
  // second one (chunks: POS tags; ner2: label history): both weight tables
  // side by side, so that one pass sums the features they share (with the
  // emission cache and shared facts); see SequenceModel::TagFirstOfPair.
  struct Pair {
    bool on = false;
    SparseWeights both;
    uint64_t id = 0;
    uint32_t extra = 0;  // the second model's groups beyond the first one's
    const SequenceModel* second = nullptr;
    // The second model's PosSingleTable() when its extra group is the POS
    // tags (chunks), HistoryTable() when it is the label history (ner2).
    std::vector<int32_t> table;
  };
  static void MakePair(const SequenceModel* first, const SequenceModel* second, bool shared_facts, Pair* pair);
  // pair: 0 the model alone, 1 and 2 the first and second model of the pair
  // p (SequenceModel::TagFirstOfPair, TagSecondOfPair) with sums.
  void RunModel(const SequenceModel& m, const std::vector<uint8_t>& code_of_label, const std::string_view* words,
                const uint32_t* bounds, size_t nsent, const uint8_t* pos_in, const uint8_t* hist_in,
                const Scratch* pre, EmissionCache* cache, Scratch& s, uint8_t* out, int pair = 0,
                const Pair* p = nullptr, int32_t* sums = nullptr) const;
  std::unique_ptr<SequenceModel> ner_, ner2_, pos_, chunk_;
  // When all models use the same lexicons, the token facts of a document are
  // computed once with this extractor (the union of their feature groups).
  bool shared_facts_ = false;
  // ... and their features of kSharedGroups too, when those agree.
  bool shared_feats_ = false;
  FeatureExtractor facts_fx_;
  Pair pos_chunk_, ner_pair_;
  std::vector<uint8_t> ner_code_, ner2_code_, pos_code_, chunk_code_;
};

StatusOr<std::unique_ptr<Stage>> MakeTaggerStage(const Resources& res);

}  // namespace tidings::tagger

namespace tidings {
using tagger::MakeTaggerStage;
}
