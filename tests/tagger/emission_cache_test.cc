// The word-form cache of emission sums (EmissionCache) must give exactly
// the scores of summing every feature: the features split into per-word and
// context parts without loss or duplication, and cached sums equal fresh
// ones bit for bit, through evictions, overflowing sets and model changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "../common/conll_words.h"
#include "tidings/tagger/conll.h"
#include "tidings/tagger/hash.h"
#include "tidings/tagger/lexicons.h"
#include "tidings/tagger/model.h"
#include "tidings/tagger/tagger.h"

namespace tidings::tagger {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string>& Vocabulary() {
  static const std::vector<std::string> v = {
      "the",   "The",      "THE",     "Anna",  "Smith",   "visited", "Berlin", "BERLIN", "on",     "Monday",
      "1996",  "3.5",      "-",       ".",     ",",       "U.S.",    "well-known", "Zürich", "eBay", "McDonald",
      "a",     "I",        "X",       "said",  "Reuters", "(",       ")",      "12-3",   "''",     "Mr.",
      "of",    "European", "Commission", "it", "3",       "--",      "Ltd",    "Inc.",   "van",    "der"};
  return v;
}

// Deterministic varied sentences: lengths 1 to 30, repeated words, all-caps
// headlines, digits, punctuation, non-ASCII.
std::vector<std::vector<std::string>> Sentences(int count, uint32_t seed) {
  std::mt19937 rng(seed);
  const auto& v = Vocabulary();
  std::vector<std::vector<std::string>> out;
  for (int k = 0; k < count; ++k) {
    const int n = k < 3 ? k + 1 : 1 + static_cast<int>(rng() % 30);
    std::vector<std::string> s;
    for (int i = 0; i < n; ++i) s.push_back(v[rng() % (k % 4 == 0 ? 6 : v.size())]);
    if (k % 7 == 5)
      for (auto& w : s) std::transform(w.begin(), w.end(), w.begin(), [](char c) { return c >= 'a' && c <= 'z' ? c - 32 : c; });
    out.push_back(std::move(s));
  }
  return out;
}

Lexicon TestClusters() {
  Lexicon c;
  uint32_t id = 1;
  for (const auto& w : Vocabulary()) {
    if (id % 3 == 0) {
      ++id;
      continue;  // some words without clusters
    }
    c.Set(HashBytes(w), (id % 60 + 1) | ((id % 200 + 1) << 10) | ((id + 1) << 20));
    ++id;
  }
  c.Set(HashLower("berlin"), 5 | (6 << 10) | (7 << 20));
  return c;
}

Lexicon TestGazetteer() {
  Lexicon g;
  AddGazetteerPhrase("Anna Smith", 4, &g);
  AddGazetteerPhrase("Anna", 3, &g);
  AddGazetteerPhrase("Berlin", 2, &g);
  AddGazetteerPhrase("European Commission", 1, &g);
  return g;
}

constexpr uint32_t kAllGroups = kFgBasic | kFgPos | kFgClusters | kFgGazetteer | kFgDocument | kFgNer | kFgHistory;

// A model whose every bucket has random non-zero and zero weights, so that
// every feature changes the scores.
std::unique_ptr<SequenceModel> RandomModel(int L, uint32_t groups, uint32_t seed) {
  SequenceModel::Parts p;
  p.task = "ner";
  p.groups = groups;
  p.bits = 12;
  for (int l = 0; l < L; ++l) p.labels.push_back("L" + std::to_string(l));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  p.trans.resize(static_cast<size_t>(L + 1) * L);
  for (auto& t : p.trans) t = u(rng);
  p.end.resize(L);
  for (auto& e : p.end) e = u(rng);
  p.weights.resize((size_t{1} << p.bits) * L);
  for (size_t i = 0; i < p.weights.size(); ++i) p.weights[i] = (rng() % 3 == 0) ? 0.0f : u(rng);
  p.clusters = TestClusters();
  p.gazetteer = TestGazetteer();
  return SequenceModel::FromParts(std::move(p));
}

struct Prepared {
  std::vector<std::string> words;
  std::vector<std::string_view> views;
  std::vector<uint8_t> pos, hist;
  SentenceIn In() const {
    return SentenceIn{views.data(), static_cast<uint32_t>(views.size()), pos.data(), hist.data()};
  }
};

std::vector<Prepared> PrepareAll(const std::vector<std::vector<std::string>>& sents) {
  std::vector<Prepared> out(sents.size());
  for (size_t k = 0; k < sents.size(); ++k) {
    out[k].words = sents[k];
    for (const auto& w : out[k].words) out[k].views.push_back(w);
    for (size_t i = 0; i < sents[k].size(); ++i) {
      out[k].pos.push_back(static_cast<uint8_t>((i * 7 + k) % 45));
      out[k].hist.push_back(static_cast<uint8_t>((i + k) % 9));
    }
  }
  return out;
}

void BeginDocument(const FeatureExtractor& fx, const std::vector<Prepared>& doc, FeatureScratch& fs) {
  fx.BeginDocument(fs);
  fx.BeginHistory(fs);
  for (const auto& p : doc) {
    fx.AddToDocument(p.In(), fs);
    fx.AddToHistory(p.In(), fs);
  }
}

TEST(EmissionCache, ContextAndWordFeaturesAreExactlyAllFeatures) {
  auto m = RandomModel(9, kAllGroups, 1);
  const FeatureExtractor& fx = m->extractor();
  const auto doc = PrepareAll(Sentences(200, 7));
  FeatureScratch fs;
  BeginDocument(fx, doc, fs);
  size_t checked = 0;
  for (const auto& p : doc) {
    const SentenceIn in = p.In();
    const TokenFacts* facts = fx.TokenInfo(in, fs);
    std::vector<TokenFacts> f(facts, facts + in.n);
    fx.ExtractWith(in, f.data(), fs);
    std::vector<std::vector<uint32_t>> all(in.n), split(in.n);
    for (uint32_t i = 0; i < in.n; ++i) all[i].assign(fs.feats.begin() + fs.offs[i], fs.feats.begin() + fs.offs[i + 1]);
    fx.ExtractContext(in, f.data(), fs);
    for (uint32_t i = 0; i < in.n; ++i) {
      split[i].assign(fs.feats.begin() + fs.offs[i], fs.feats.begin() + fs.offs[i + 1]);
      for (int o = -2; o <= 2; ++o) {
        const int64_t t = static_cast<int64_t>(i) + o;
        if (t < 0 || t >= static_cast<int64_t>(in.n)) continue;
        uint32_t buf[FeatureExtractor::kMaxWordFeatures];
        const uint32_t k = fx.WordFeatures(in.words[t], f[t], o, buf);
        split[i].insert(split[i].end(), buf, buf + k);
      }
      std::sort(all[i].begin(), all[i].end());
      std::sort(split[i].begin(), split[i].end());
      ASSERT_EQ(all[i], split[i]) << "token " << i << " '" << in.words[i] << "' of a sentence of " << in.n;
      ++checked;
    }
  }
  EXPECT_GT(checked, 1000u);
}

// Emission scores without and with caches of several sizes (1 set of 2
// words: most sentences overflow it), the same cache alternating between
// two models.
TEST(EmissionCache, CachedScoresEqualFullSumsBitForBit) {
  auto a = RandomModel(17, kAllGroups, 2);
  auto b = RandomModel(45, kFgBasic | kFgClusters, 3);
  auto c = RandomModel(3, kFgBasic | kFgPos, 4);
  const auto doc = PrepareAll(Sentences(300, 11));
  for (uint32_t log2_sets : {0u, 2u, 12u}) {
    EmissionCache shared(log2_sets);
    uint64_t hits = 0;
    for (const SequenceModel* m : {a.get(), b.get(), c.get()}) {
      TagScratch plain, cached;
      BeginDocument(m->extractor(), doc, plain.fs);
      BeginDocument(m->extractor(), doc, cached.fs);
      EmissionCache own(log2_sets);
      for (int pass = 0; pass < 2; ++pass) {
        for (const auto& p : doc) {
          const SentenceIn in = p.In();
          m->Emissions(in, SequenceModel::Prepared(), plain);
          for (EmissionCache* cache : {&own, &shared}) {
            SequenceModel::Prepared pre;
            pre.cache = cache;
            m->Emissions(in, pre, cached);
            ASSERT_EQ(plain.emit.size(), cached.emit.size());
            for (size_t k = 0; k < plain.emit.size(); ++k)
              ASSERT_EQ(plain.emit[k], cached.emit[k]) << "L " << m->num_labels() << " sets 2^" << log2_sets;
            // Also Tag: same labels.
            std::vector<uint16_t> x(in.n), y(in.n);
            m->Tag(in, SequenceModel::Prepared(), plain, x.data());
            m->Tag(in, pre, cached, y.data());
            ASSERT_EQ(x, y);
          }
        }
      }
      hits += own.hits();
      EXPECT_GT(own.misses(), 0u);
    }
    EXPECT_GT(hits, 0u);
  }
}

std::string ModelDir() { return std::string(TIDINGS_SOURCE_DIR) + "/models"; }

// The shipped models through Tagger::Tag, with and without the caches, on
// the CoNLL dev set (documents as they come, caches kept across them).
TEST(EmissionCache, ShippedTaggerSameOutputWithAndWithoutCache) {
  if (!fs::exists(ModelDir() + "/ner.tgm")) GTEST_SKIP() << "no shipped models";
  const std::string dev = std::string(TIDINGS_SHARED_DIR) + "/data/conll2003/dev.txt";
  if (!fs::exists(dev)) GTEST_SKIP() << "shared CoNLL data not found: " << dev;
  auto t = Tagger::Load(ModelDir());
  ASSERT_TRUE(t.ok()) << t.status().message();
  auto f = ReadConllFile(dev, 4);
  ASSERT_TRUE(f.ok());
  Tagger::Scratch with, without;
  without.use_cache = false;
  size_t tokens = 0;
  for (const auto& d : f->documents) {
    auto [words, b] = testing_util::Flatten(d);
    const size_t n = words.size();
    std::vector<uint8_t> p1(n), c1(n), e1(n), p2(n), c2(n), e2(n);
    (*t)->Tag(words.data(), b.data(), d.sentences.size(), with, p1.data(), c1.data(), e1.data());
    (*t)->Tag(words.data(), b.data(), d.sentences.size(), without, p2.data(), c2.data(), e2.data());
    ASSERT_EQ(p1, p2);
    ASSERT_EQ(c1, c2);
    ASSERT_EQ(e1, e2);
    tokens += n;
  }
  EXPECT_GT(tokens, 40000u);
  EXPECT_GT(with.cache[0].hits(), with.cache[0].misses());
}

}  // namespace
}  // namespace tidings::tagger
