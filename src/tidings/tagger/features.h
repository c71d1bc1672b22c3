// The feature extractor shared by training and tagging. Features are hashed
// into a fixed number of buckets (2^bits); a model stores one weight row per
// bucket. Which feature groups a model uses, the number of bits and
// kFeatureVersion are stored in the model file and checked on load.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/tagger/huge_alloc.h"
#include "tidings/tagger/lexicon.h"

namespace tidings::tagger {

// Bump when any feature template or hash changes meaning.
inline constexpr uint32_t kFeatureVersion = 1;

enum FeatureGroup : uint32_t {
  kFgBasic = 1,       // word, lowercase, shape, affixes, window of +-2, flags
  kFgPos = 2,         // part-of-speech tags of the window (needs input pos)
  kFgClusters = 4,    // word clusters (needs a cluster lexicon)
  kFgGazetteer = 8,   // gazetteer matches (needs a gazetteer lexicon)
  kFgDocument = 16,   // how the word is cased elsewhere in the document
  kFgNer = 32,        // conjunctions for names: headline casing, titles
  kFgHistory = 64,    // first-pass entity labels of this and other occurrences
                      // of the word in the document (second-pass models)
};
std::string FeatureGroupsName(uint32_t groups);  // "basic+pos+..."
// Groups whose features do not depend on other models' output and that all
// shipped models use: extracted once per document (ExtractShared).
inline constexpr uint32_t kSharedGroups = kFgBasic | kFgClusters;

// Cluster lexicon values pack up to three cluster ids of 10 bits each
// (id+1, 0 = none): coarse in bits 0-9, medium 10-19, fine 20-29.
inline constexpr int kClusterLevels = 3;
// Gazetteer lexicon values: bit c = category c (c < 24); kGazPrefix marks a
// key that is also the prefix of a longer entry.
inline constexpr uint32_t kGazPrefix = 1u << 31;
inline constexpr int kGazMaxTokens = 6;
inline constexpr int kGazCategories = 8;
// Key of a gazetteer phrase given its lowercased tokens, built token by token.
inline uint64_t GazKeyStart() { return 0x51ed27a1f00dULL; }

struct SentenceIn {
  const std::string_view* words = nullptr;
  uint32_t n = 0;
  const uint8_t* pos = nullptr;  // optional POS ids, one per word
  const uint8_t* hist = nullptr; // optional first-pass entity codes (tagger.h)
};

// What the feature templates need to know about one token (computed once
// per token, see FeatureExtractor::TokenInfo).
struct TokenFacts {
  uint64_t word, lower, shape, sshape;
  uint32_t flags;
  uint32_t clusters;
  uint32_t gaz;  // bit (category*4 + {0:B,1:I,2:L,3:U})
  uint32_t doc;
};

// Per-call scratch memory; reuse one per thread/document to avoid allocation.
struct FeatureScratch {
  using Tok = TokenFacts;
  std::vector<Tok, NoInitAlloc<Tok>> tok;  // every field is set by TokenInfo
  std::vector<uint32_t, NoInitAlloc<uint32_t>> feats;  // bucket ids, token i owns [offs[i], offs[i+1])
  std::vector<uint32_t, NoInitAlloc<uint32_t>> offs;
  std::string buf;
  Lexicon doc_stats;  // lowercase hash -> casing seen in the document
  Lexicon doc_hist;   // lowercase hash -> first-pass entity type counts
};

class FeatureExtractor {
 public:
  FeatureExtractor() = default;
  FeatureExtractor(uint32_t groups, uint32_t bits, const Lexicon* clusters, const Lexicon* gazetteer)
      : groups_(groups), bits_(bits), mask_((1u << bits) - 1), clusters_(clusters), gaz_(gazetteer) {}

  uint32_t groups() const { return groups_; }
  uint32_t bits() const { return bits_; }
  const Lexicon* clusters() const { return clusters_; }
  const Lexicon* gazetteer() const { return gaz_; }

  // Document statistics (kFgDocument): call BeginDocument, then
  // AddToDocument for every sentence of the document, before Extract.
  void BeginDocument(FeatureScratch& s) const { s.doc_stats.Clear(); }
  void AddToDocument(const SentenceIn& in, FeatureScratch& s) const;

  // First-pass label history (kFgHistory): BeginHistory, then AddToHistory
  // for every sentence (with in.hist set), before Extract.
  void BeginHistory(FeatureScratch& s) const { s.doc_hist.Clear(); }
  void AddToHistory(const SentenceIn& in, FeatureScratch& s) const;

  // Fills s.feats / s.offs for the sentence.
  void Extract(const SentenceIn& in, FeatureScratch& s) const { ExtractWith(in, TokenInfo(in, s), s); }

  // The two halves of Extract, so that token facts can be computed once and
  // shared by models whose extractors use the same lexicons (SameLexicons):
  // TokenInfo fills s.tok (the facts of the groups this extractor uses,
  // kFgDocument after BeginDocument/AddToDocument) and returns it;
  // ExtractWith fills s.feats / s.offs from facts tok[0, in.n) that hold at
  // least what this extractor's TokenInfo would compute.
  // doc = false: TokenFacts::doc is left 0 (to be filled from the document
  // statistics later, see AddFactsToDocument).
  const TokenFacts* TokenInfo(const SentenceIn& in, FeatureScratch& s, bool doc = true) const;
  // AddToDocument from the sentence's facts (as TokenInfo computes them):
  // the same statistics without hashing the words again.
  void AddFactsToDocument(const SentenceIn& in, const TokenFacts* facts, FeatureScratch& s) const;
  void ExtractWith(const SentenceIn& in, const TokenFacts* tok, FeatureScratch& s) const;
  // Features of the groups most models share (kSharedGroups, and the bias)
  // as full 32-bit hashes, to be masked per model: ExtractShared fills
  // s.feats / s.offs with them; ExtractWithShared fills s.feats / s.offs
  // with the masked shared hashes of token i (shared[shared_offs[i] ..
  // shared_offs[i + 1])) followed by the features of this extractor's other
  // groups. Valid when both extractors have the same shared groups and
  // lexicons; the same features as ExtractWith, in another order.
  void ExtractShared(const SentenceIn& in, const TokenFacts* tok, FeatureScratch& s) const;
  void ExtractWithShared(const SentenceIn& in, const TokenFacts* tok, const uint32_t* shared,
                         const uint32_t* shared_offs, FeatureScratch& s) const;
  // Features split by what they depend on, for caching per word form (see
  // EmissionCache): WordFeatures writes to out (at most kMaxWordFeatures)
  // the features of a token j that depend only on the word w (with facts t,
  // as TokenInfo computes them) of token j + o, o in [-2, 2], and returns
  // their number; offset 0 includes the bias. ExtractContext fills
  // s.feats / s.offs with all the other features of each token (those that
  // combine tokens, depend on the position, the sentence, the document or
  // other models, and those of neighbours outside the sentence). For every
  // token, ExtractContext's features plus WordFeatures(o) of each token
  // j + o inside the sentence are exactly the features of ExtractWith.
  uint32_t WordFeatures(std::string_view w, const TokenFacts& t, int o, uint32_t* out) const;
  static constexpr uint32_t kMaxWordFeatures = 40;
  void ExtractContext(const SentenceIn& in, const TokenFacts* tok, FeatureScratch& s) const;
  // Fills s.feats / s.offs with the features of this extractor's groups
  // among `groups` alone (no bias), e.g. kFgHistory. table_features =
  // false: without the features that the caller adds from tables
  // (SequenceModel::PosSingleTable, HistoryTable): the kFgPos features of
  // one tag each (kPosSingleFirst + k, the tag at offset
  // kPosSingleOffset[k]) and the kFgHistory features of the first-pass
  // types of the token and its neighbours (kHistoryFirst .. + 2).
  void ExtractGroups(const SentenceIn& in, const TokenFacts* tok, uint32_t groups, FeatureScratch& s,
                     bool table_features = true) const;
  // The bucket of feature template tid with value v (as the extractor's
  // features are hashed).
  uint32_t Bucket(uint64_t tid, uint64_t v) const;
  // The kFgPos features of one tag: template kPosSingleFirst + k is the tag
  // at offset kPosSingleOffset[k] (250 before the sentence, 251 after it).
  static constexpr uint64_t kPosSingleFirst = 40;
  static constexpr int kPosSingleOffset[5] = {0, -1, 1, -2, 2};
  // Template kHistoryFirst: the token's type t(j); + 1: t(j - 1) * 16 +
  // t(j); + 2: t(j) * 16 + t(j + 1) (HistoryType, 9 outside the sentence).
  static constexpr uint64_t kHistoryFirst = 100;
  // True when the other extractor's cluster and gazetteer lexicons have the
  // same contents as this one's (or one of them does not use the group).
  bool SameLexicons(const FeatureExtractor& o) const;

 private:
  void Emit(const SentenceIn& in, const TokenFacts* toks, FeatureScratch& s, uint32_t groups, bool bias, uint32_t mask,
            const uint32_t* shared, const uint32_t* shared_offs, bool context_only, bool table_features = true) const;
  uint32_t groups_ = kFgBasic;
  uint32_t bits_ = 18;
  uint32_t mask_ = (1u << 18) - 1;
  const Lexicon* clusters_ = nullptr;
  const Lexicon* gaz_ = nullptr;
};

// Entity type of a first-pass code (tagger.h): 0 = O, 1..4 = PER ORG LOC MISC.
inline uint32_t HistoryType(uint8_t code) { return code == 0 ? 0 : 1 + (code - 1) / 2; }

// True for a sentence whose letters are all upper case (a headline).
bool IsAllCapsSentence(const SentenceIn& in);

// The word facts of TokenInfo for one word in one pass over its bytes:
// sets t->word (HashBytes), t->lower (HashLower), t->shape and t->sshape,
// returns the casing flags (those that do not depend on the position) and
// the number of ASCII upper- and lower-case letters.
uint32_t HashToken(std::string_view w, TokenFacts* t, uint32_t* upper, uint32_t* lower);

}  // namespace tidings::tagger
