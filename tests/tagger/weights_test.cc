// The compact weight storage of tagger models (SparseWeights), the model
// format version that introduced it, and the scores and decoding computed
// from it against plain dense reference computations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "../common/conll_words.h"
#include "tidings/tagger/model.h"
#include "tidings/tagger/weights.h"

namespace tidings::tagger {
namespace {

namespace fs = std::filesystem;

// A plain Viterbi with back pointers over n tokens of L labels (emit n x L,
// trans (L + 1) x L with the start row last, end L): the first best
// predecessor and the first best last label on ties.
std::vector<uint16_t> ReferenceViterbi(const std::vector<float>& emit, uint32_t n, int L,
                                       const std::vector<float>& trans, const std::vector<float>& end) {
  std::vector<float> d(n * L);
  std::vector<int> back(n * L);
  for (int l = 0; l < L; ++l) d[l] = trans[L * L + l] + emit[l];
  for (uint32_t i = 1; i < n; ++i)
    for (int l = 0; l < L; ++l) {
      float best = -1e38f;
      int arg = 0;
      for (int p = 0; p < L; ++p) {
        float x = d[(i - 1) * L + p] + trans[p * L + l];
        if (x > best) best = x, arg = p;
      }
      d[i * L + l] = best + emit[i * L + l];
      back[i * L + l] = arg;
    }
  float best = -1e38f;
  int arg = 0;
  for (int l = 0; l < L; ++l)
    if (d[(n - 1) * L + l] + end[l] > best) best = d[(n - 1) * L + l] + end[l], arg = l;
  std::vector<uint16_t> path(n);
  for (uint32_t i = n; i-- > 0;) {
    path[i] = static_cast<uint16_t>(arg);
    arg = back[i * L + arg];
  }
  return path;
}

// A table with all-zero buckets, rows with a few non-zero labels and dense
// rows, as training produces.
std::vector<int16_t> RandomTable(uint32_t bits, int L, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<int16_t> w((size_t{1} << bits) * L, 0);
  for (size_t b = 0; b < (size_t{1} << bits); ++b) {
    int kind = static_cast<int>(rng() % 4);  // 0,1: zero row, 2: few labels, 3: most labels
    if (kind < 2) continue;
    for (int l = 0; l < L; ++l) {
      bool on = kind == 3 ? rng() % 5 != 0 : rng() % L < 2;
      if (on) w[b * L + l] = static_cast<int16_t>(static_cast<int>(rng() % 64001) - 32000);
    }
  }
  if (w.size() > 3 * static_cast<size_t>(L)) {
    for (int l = 0; l < L; ++l) w[2 * L + l] = static_cast<int16_t>(l + 1);  // one fully dense row
    w[3 * L + L - 1] = -32000;                                              // last label only
  }
  return w;
}

TEST(SparseWeights, KeepsEveryWeightOfTheDenseTable) {
  for (int L : {1, 2, 5, 6, 17, 45}) {
    for (uint32_t bits : {4u, 6u, 10u}) {
      auto dense = RandomTable(bits, L, 7 * L + bits);
      auto sw = SparseWeights::FromDense(dense.data(), bits, L);
      EXPECT_EQ(sw.ToDense(), dense) << "L=" << L << " bits=" << bits;
      size_t nonzero_rows = 0;
      for (uint32_t b = 0; b < (1u << bits); ++b) {
        std::vector<int32_t> acc(L, 7), want(L, 7);
        bool any = false;
        for (int l = 0; l < L; ++l) {
          want[l] += dense[b * L + l];
          any |= dense[b * L + l] != 0;
        }
        nonzero_rows += any;
        sw.AddRow(b, acc.data());
        ASSERT_EQ(acc, want) << "bucket " << b;
        if (!any) {
          EXPECT_EQ(sw.Row(b), sw.rows());
        }
      }
      EXPECT_EQ(sw.rows(), nonzero_rows);
      EXPECT_LT(sw.words(), dense.size());
    }
  }
}

// Two tables side by side (the entity passes, POS and chunks as pairs):
// exactly the table built from the concatenated dense rows.
TEST(SparseWeights, ConcatIsTheTableOfTheRowsSideBySide) {
  for (int La : {1, 7, 17, 45}) {
    for (int Lb : {1, 5, 35}) {
      for (uint32_t bits : {4u, 10u}) {
        auto da = RandomTable(bits, La, La + 3 * Lb + bits);
        auto db = RandomTable(bits, Lb, 5 * La + Lb + bits + 1);
        const int L = La + Lb;
        std::vector<int16_t> both((size_t{1} << bits) * L);
        for (size_t r = 0; r < (size_t{1} << bits); ++r) {
          std::copy(da.begin() + r * La, da.begin() + (r + 1) * La, both.begin() + r * L);
          std::copy(db.begin() + r * Lb, db.begin() + (r + 1) * Lb, both.begin() + r * L + La);
        }
        auto sa = SparseWeights::FromDense(da.data(), bits, La);
        auto sb = SparseWeights::FromDense(db.data(), bits, Lb);
        auto c = SparseWeights::Concat(sa, sb);
        EXPECT_TRUE(c == SparseWeights::FromDense(both.data(), bits, L)) << La << "+" << Lb << " bits " << bits;
        EXPECT_EQ(c.ToDense(), both);
      }
    }
  }
}

TEST(SparseWeights, SerializationRoundTripsAndRejectsCorruptData) {
  auto dense = RandomTable(10, 17, 3);
  auto sw = SparseWeights::FromDense(dense.data(), 10, 17);
  std::string buf = "xy";
  sw.AppendTo(buf);
  SparseWeights back;
  size_t pos = 2;
  ASSERT_TRUE(back.ReadFrom(buf, &pos));
  EXPECT_EQ(pos, buf.size());
  EXPECT_TRUE(back == sw);
  EXPECT_EQ(back.ToDense(), dense);

  for (size_t cut : {size_t{3}, size_t{20}, buf.size() / 2, buf.size() - 1}) {
    SparseWeights t;
    size_t p = 2;
    EXPECT_FALSE(t.ReadFrom(std::string_view(buf).substr(0, cut), &p)) << "cut at " << cut;
  }
  // A label beyond L in the first sparse row.
  const uint32_t* offs = sw.offs();
  uint32_t r = 0;
  while (r < sw.rows() && offs[r + 1] - offs[r] == 17u) ++r;
  ASSERT_LT(r, sw.rows());
  size_t data_at = buf.size() - size_t{sw.words()} * 2;
  std::string bad = buf;
  uint16_t label = 40;
  std::memcpy(&bad[data_at + size_t{offs[r]} * 2], &label, 2);
  SparseWeights t;
  size_t p = 2;
  EXPECT_FALSE(t.ReadFrom(bad, &p));
  // One mask bit flipped: the masks no longer agree with the row count.
  std::string bad2 = buf;
  bad2[2 + 24] ^= 0x01;
  p = 2;
  EXPECT_FALSE(t.ReadFrom(bad2, &p));
}

SequenceModel::Parts SmallParts(int L, uint32_t bits, uint32_t seed) {
  std::mt19937 rng(seed);
  SequenceModel::Parts p;
  p.task = "pos";
  p.groups = kFgBasic;
  p.bits = bits;
  for (int l = 0; l < L; ++l) p.labels.push_back(std::string("T").append(std::to_string(l)));
  p.trans.resize((L + 1) * L);
  for (auto& t : p.trans) t = static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 300.0f;
  p.end.resize(L);
  for (auto& t : p.end) t = static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 300.0f;
  auto table = RandomTable(bits, L, seed);
  p.weights.resize(table.size());
  for (size_t i = 0; i < table.size(); ++i) p.weights[i] = table[i] / 1000.0f;
  return p;
}

TEST(Model, EmissionsEqualTheDenseComputationAndDecodingTheReferenceViterbi) {
  const int L = 7;
  const uint32_t bits = 12;
  auto parts = SmallParts(L, bits, 11);
  // The reference: quantized dense weights (as the model quantizes them).
  float maxabs = 0;
  for (float v : parts.weights) maxabs = std::max(maxabs, std::fabs(v));
  const float scale = maxabs / 32000.0f;
  std::vector<int32_t> q(parts.weights.size());
  for (size_t i = 0; i < q.size(); ++i) q[i] = static_cast<int32_t>(std::lround(parts.weights[i] / scale));
  auto trans = parts.trans, end = parts.end;
  auto m = SequenceModel::FromParts(parts);
  ASSERT_FLOAT_EQ(m->scale(), scale);

  std::vector<std::string> words = {"The", "Prime", "Minister", "of", "Turkey", ",", "Binali", "Yildirim", ",",
                                    "said", "on", "Monday", "that", "3,000", "troops", "left", "."};
  std::vector<std::string_view> v(words.begin(), words.end());
  SentenceIn in{v.data(), static_cast<uint32_t>(v.size())};
  TagScratch s;
  m->Emissions(in, {}, s);
  FeatureScratch fs;
  m->extractor().Extract(in, fs);
  const uint32_t n = in.n;
  std::vector<float> emit(n * L);
  for (uint32_t i = 0; i < n; ++i)
    for (int l = 0; l < L; ++l) {
      int32_t sum = 0;
      for (uint32_t k = fs.offs[i]; k < fs.offs[i + 1]; ++k) sum += q[size_t{fs.feats[k]} * L + l];
      emit[i * L + l] = static_cast<float>(sum) * scale;
      ASSERT_EQ(s.emit[i * L + l], emit[i * L + l]) << "token " << i << " label " << l;
    }

  const std::vector<uint16_t> want = ReferenceViterbi(emit, n, L, trans, end);
  std::vector<uint16_t> got(n);
  m->Tag(in, s, got.data());
  EXPECT_EQ(got, want);
}

// Tags `in` as the second model of a pair (random inherited sums) with the
// feature group's precomputed `table` and without it: the same labels and
// bit-identical emissions. The history group's label history is set up
// from `in` first.
void ExpectTableMatchesLookups(const SequenceModel& m, const SentenceIn& in, uint32_t group,
                               const std::vector<int32_t>& table, std::mt19937& rng, const std::string& what) {
  const uint32_t n = in.n;
  const size_t L = static_cast<size_t>(m.num_labels());
  FeatureScratch fs;
  const TokenFacts* facts = m.extractor().TokenInfo(in, fs);
  std::vector<TokenFacts> f(facts, facts + n);
  SequenceModel::Prepared pre;
  pre.facts = f.data();
  std::vector<int32_t> sums(n * L);
  for (auto& x : sums) x = static_cast<int32_t>(rng() % 20001) - 10000;
  TagScratch a, b;
  if (group == kFgHistory)
    for (TagScratch* t : {&a, &b}) {
      m.extractor().BeginHistory(t->fs);
      m.extractor().AddToHistory(in, t->fs);
    }
  std::vector<uint16_t> la(n), lb(n);
  m.TagSecondOfPair(in, pre, sums.data(), group, a, la.data(), table.data());
  m.TagSecondOfPair(in, pre, sums.data(), group, b, lb.data(), nullptr);
  ASSERT_EQ(la, lb) << what;
  for (size_t k = 0; k < n * L; ++k) ASSERT_EQ(std::memcmp(&a.emit[k], &b.emit[k], sizeof(float)), 0) << what;
}

// The second model of a pair with POS features (chunks) adds the one-tag
// POS features from PosSingleTable: the same emissions, bit for bit, as
// looking them up; tags of 64 and more fall back to the lookup.
TEST(Model, PosSingleTableGivesTheSameEmissionsAsTheLookups) {
  for (int L : {5, 17, 35, 48}) {
    auto parts = SmallParts(L, 12, 20 + L);
    parts.task = "chunk";
    parts.groups = kFgBasic | kFgPos;
    auto m = SequenceModel::FromParts(parts);
    const std::vector<int32_t> table = m->PosSingleTable();
    const size_t Lp = (static_cast<size_t>(L) + 7) & ~size_t{7};
    ASSERT_EQ(table.size(), 5 * SequenceModel::kPosTableValues * Lp);
    // A row is the bucket's weights.
    std::vector<int32_t> row(Lp, 0);
    m->weights().AddRow(m->extractor().Bucket(FeatureExtractor::kPosSingleFirst + 3, 250), row.data());
    for (size_t l = 0; l < Lp; ++l) ASSERT_EQ(table[(3 * SequenceModel::kPosTableValues + 64) * Lp + l], row[l]);

    std::mt19937 rng(L);
    for (int round = 0; round < 40; ++round) {
      const uint32_t n = 1 + rng() % 12;
      std::vector<std::string> words(n);
      std::vector<uint8_t> pos(n);
      for (uint32_t i = 0; i < n; ++i) {
        words[i] = std::string(1 + rng() % 5, static_cast<char>('a' + rng() % 26));
        pos[i] = static_cast<uint8_t>(round % 5 == 4 && i == n / 2 ? 64 + rng() % 100 : rng() % 50);
      }
      std::vector<std::string_view> v(words.begin(), words.end());
      SentenceIn in{v.data(), n, pos.data()};
      ExpectTableMatchesLookups(*m, in, kFgPos, table, rng, "L " + std::to_string(L) + " round " + std::to_string(round));
    }
  }
}

// The same for the second entity pass and HistoryTable.
TEST(Model, HistoryTableGivesTheSameEmissionsAsTheLookups) {
  for (int L : {5, 17, 35}) {
    auto parts = SmallParts(L, 12, 40 + L);
    parts.task = "ner";
    parts.groups = kFgBasic | kFgHistory;
    auto m = SequenceModel::FromParts(parts);
    const std::vector<int32_t> table = m->HistoryTable();
    const size_t Lp = (static_cast<size_t>(L) + 7) & ~size_t{7};
    ASSERT_EQ(table.size(), SequenceModel::kHistoryTableRows * Lp);
    EXPECT_TRUE(SequenceModel::FromParts(SmallParts(L, 12, 1))->HistoryTable().empty());
    std::mt19937 rng(L);
    for (int round = 0; round < 40; ++round) {
      const uint32_t n = 1 + rng() % 12;
      std::vector<std::string> words(n);
      std::vector<uint8_t> hist(n);
      for (uint32_t i = 0; i < n; ++i) {
        words[i] = std::string(1, static_cast<char>('A' + rng() % 3)) + std::string(rng() % 3, 'x');
        hist[i] = static_cast<uint8_t>(rng() % 9);  // entity codes 0..8 (tagger.h)
      }
      std::vector<std::string_view> v(words.begin(), words.end());
      SentenceIn in{v.data(), n, nullptr, hist.data()};
      ExpectTableMatchesLookups(*m, in, kFgHistory, table, rng,
                                "L " + std::to_string(L) + " round " + std::to_string(round));
    }
  }
}

TEST(Model, FormatVersionOneIsRejectedWithARetrainMessage) {
  auto m = SequenceModel::FromParts(SmallParts(3, 8, 5));
  std::string path = (fs::temp_directory_path() / ("tidings_weights_test_" + std::to_string(::getpid()))).string();
  ASSERT_TRUE(m->Save(path).ok());
  {
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    uint32_t v1 = 1;
    f.seekp(8);
    f.write(reinterpret_cast<const char*>(&v1), 4);
  }
  auto r = SequenceModel::Load(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("format version 1"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("tidings train"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find(path), std::string::npos);
  fs::remove(path);

  // And a version-2 round trip keeps the weights.
  ASSERT_TRUE(m->Save(path).ok());
  auto l = SequenceModel::Load(path);
  ASSERT_TRUE(l.ok()) << l.status().message();
  EXPECT_TRUE((*l)->weights() == m->weights());
  fs::remove(path);
}

}  // namespace
}  // namespace tidings::tagger

namespace tidings::tagger {
namespace {

// Skipping predecessors far below the best one must never change the path,
// also with ties (small integer scores), wide and narrow score ranges, and
// BILOU constraints (-1e30 transitions, groups of labels).
TEST(Viterbi, SkippingFarPredecessorsKeepsTheExactPath) {
  std::mt19937 rng(5);
  const std::vector<std::string> entities = {"O",     "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC",
                                             "I-LOC", "L-LOC", "U-LOC", "B-ORG", "U-ORG", "I-ORG", "L-ORG"};
  // Like the chunk model: 35 labels, types without I- (B- then L- only) or
  // with U- alone.
  std::vector<std::string> chunks = {"O"};
  for (const char* t : {"ADJP", "ADVP", "CONJP", "INTJ", "LST", "NP", "PP", "SBAR", "VP"}) {
    chunks.push_back(std::string("B-") + t);
    if (std::string_view(t) != "INTJ" && std::string_view(t) != "LST" && std::string_view(t) != "SBAR")
      chunks.push_back(std::string("I-") + t);
    chunks.push_back(std::string("L-") + t);
    chunks.push_back(std::string("U-") + t);
  }
  chunks.push_back("U-PRT");
  ASSERT_EQ(chunks.size(), 35u);
  for (int round = 0; round < 900; ++round) {
    const bool constrained = round % 3 != 0;
    const std::vector<std::string>& bilou = round % 3 == 1 ? entities : chunks;
    const int L = constrained ? static_cast<int>(bilou.size()) : 1 + static_cast<int>(rng() % 45);
    const uint32_t n = 1 + rng() % 30;
    const int range = round / 3 % 3 == 0 ? 3 : round / 3 % 3 == 1 ? 50 : 5000;
    auto val = [&] { return static_cast<float>(static_cast<int>(rng() % (2 * range + 1)) - range); };
    std::vector<float> emit(n * L), trans((L + 1) * L), end(L);
    // Some rounds with emissions as large as the disallowed transitions
    // (-1e30).
    const float big = round % 5 == 4 ? 4e26f : 1.0f;
    for (auto& v : emit) v = val() * big;
    for (auto& v : trans) v = val() / (round % 4 < 2 ? 1.0f : 40.0f);
    for (auto& v : end) v = val();
    if (constrained) {
      for (int p = 0; p <= L; ++p)
        for (int l = 0; l < L; ++l)
          if (!BilouAllowed(p == L ? "" : bilou[p], bilou[l])) trans[p * L + l] = -1e30f;
      for (int l = 0; l < L; ++l)
        if (!BilouCanEnd(bilou[l])) end[l] = -1e30f;
    }
    ViterbiPlan plan = ViterbiPlan::Build(trans.data(), L);
    ASSERT_FALSE(plan.empty());
    if (constrained) {
      // O/B/U, and I/L of each type (chunks: L-INTJ, L-LST and L-SBAR
      // after their B- only).
      EXPECT_EQ(plan.spread.size(), &bilou == &entities ? 4u : 10u);
    }
    TagScratch s1, s2;
    std::vector<uint16_t> full(n), pruned(n);
    Viterbi(emit.data(), n, L, trans.data(), end.data(), s1, full.data());
    Viterbi(emit.data(), n, L, trans.data(), end.data(), s2, pruned.data(), &plan);
    ASSERT_EQ(full, pruned) << "round " << round;
    ASSERT_EQ(s1.delta, s2.delta) << "round " << round;
    // A plain Viterbi with back pointers finds the same path.
    ASSERT_EQ(full, ReferenceViterbi(emit, n, L, trans, end)) << "round " << round;
  }
}

}  // namespace
}  // namespace tidings::tagger

#include "tidings/tagger/conll.h"
#include "tidings/tagger/labels.h"
#include "tidings/tagger/tagger.h"

namespace tidings::tagger {
namespace {

// Tagger computes token facts and the shared features once per document for
// all models; each model run on its own (its own extraction, as training
// does) must give the same labels.
TEST(ShippedModels, SharedExtractionTagsLikeEachModelOnItsOwn) {
  const std::string dev = std::string(TIDINGS_SHARED_DIR) + "/data/conll2003/dev.txt";
  const std::string models = std::string(TIDINGS_SOURCE_DIR) + "/models";
  if (!fs::exists(dev)) GTEST_SKIP() << "shared CoNLL data not found: " << dev;
  auto t = Tagger::Load(models);
  ASSERT_TRUE(t.ok()) << t.status().message();
  const Tagger& tg = **t;
  ASSERT_TRUE(tg.pos_model() && tg.chunk_model() && tg.ner2());
  auto f = ReadConllFile(dev, 4);
  ASSERT_TRUE(f.ok());
  Tagger::Scratch s;
  TagScratch ts;
  std::vector<uint16_t> lab;
  size_t docs = 0, tokens = 0;
  for (const auto& d : f->documents) {
    if (++docs > 60) break;
    auto [words, b] = testing_util::Flatten(d);
    const size_t n = words.size();
    tokens += n;
    std::vector<uint8_t> pos(n), chunk(n), ner(n);
    tg.Tag(words.data(), b.data(), d.sentences.size(), s, pos.data(), chunk.data(), ner.data());

    // Each model on its own, in the order the Tagger uses them.
    auto run = [&](const SequenceModel& m, const uint8_t* pos_in, const uint8_t* hist, auto code) {
      std::vector<uint8_t> out(n);
      const FeatureExtractor& fx = m.extractor();
      fx.BeginDocument(ts.fs);
      fx.BeginHistory(ts.fs);
      for (size_t k = 0; k + 1 < b.size(); ++k) {
        SentenceIn in{words.data() + b[k], b[k + 1] - b[k], pos_in ? pos_in + b[k] : nullptr,
                      hist ? hist + b[k] : nullptr};
        fx.AddToDocument(in, ts.fs);
        fx.AddToHistory(in, ts.fs);
      }
      for (size_t k = 0; k + 1 < b.size(); ++k) {
        SentenceIn in{words.data() + b[k], b[k + 1] - b[k], pos_in ? pos_in + b[k] : nullptr,
                      hist ? hist + b[k] : nullptr};
        lab.resize(in.n);
        m.Tag(in, ts, lab.data());
        for (uint32_t i = 0; i < in.n; ++i) out[b[k] + i] = code(m.label(lab[i]));
      }
      return out;
    };
    auto ref_pos = run(*tg.pos_model(), nullptr, nullptr, [](const std::string& l) { return PosTagId(l); });
    auto ref_chunk = run(*tg.chunk_model(), ref_pos.data(), nullptr,
                         [](const std::string& l) { return ChunkTagId(BilouToBio(l)); });
    auto nercode = [](const std::string& l) { return NerCodeOf(BilouToBio(l)); };
    auto ref_ner1 = run(tg.ner(), tg.ner().needs_pos() ? ref_pos.data() : nullptr, nullptr, nercode);
    auto ref_ner = run(*tg.ner2(), tg.ner2()->needs_pos() ? ref_pos.data() : nullptr, ref_ner1.data(), nercode);
    ASSERT_EQ(pos, ref_pos) << "document " << docs;
    ASSERT_EQ(chunk, ref_chunk) << "document " << docs;
    ASSERT_EQ(ner, ref_ner) << "document " << docs;
  }
  EXPECT_GT(tokens, 10000u);
}

}  // namespace
}  // namespace tidings::tagger
