#include "tidings/tagger/tagger.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include "tidings/tagger/labels.h"

namespace tidings::tagger {
namespace {

constexpr std::array<std::string_view, 9> kNerNames = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                                       "B-LOC", "I-LOC", "B-MISC", "I-MISC"};


StatusOr<std::unique_ptr<SequenceModel>> LoadTask(const std::string& dir, const char* file, std::string_view task) {
  std::string path = dir + "/" + file;
  auto m = SequenceModel::Load(path);
  if (!m.ok()) return m.status();
  if ((*m)->task() != task)
    return InvalidArgument(path + ": expected a '" + std::string(task) + "' model, found '" + (*m)->task() + "'");
  return std::move(*m);
}

}  // namespace

uint8_t NerCodeOf(std::string_view bio) {
  for (size_t i = 0; i < kNerNames.size(); ++i)
    if (kNerNames[i] == bio) return static_cast<uint8_t>(i);
  return 0;
}

std::string_view NerCodeName(uint8_t code) { return code < kNerNames.size() ? kNerNames[code] : "O"; }

StatusOr<std::unique_ptr<Tagger>> Tagger::Load(const std::string& dir, bool with_pos_chunk) {
  auto t = std::make_unique<Tagger>();
  auto ner = LoadTask(dir, kNerModelFile, "ner");
  if (!ner.ok()) return ner.status();
  t->ner_ = std::move(*ner);
  if (std::filesystem::exists(dir + "/" + kNer2ModelFile)) {
    auto ner2 = LoadTask(dir, kNer2ModelFile, "ner");
    if (!ner2.ok()) return ner2.status();
    t->ner2_ = std::move(*ner2);
    for (const auto& l : t->ner2_->labels()) t->ner2_code_.push_back(NerCodeOf(BilouToBio(l)));
  }
  if (with_pos_chunk || t->ner_->needs_pos()) {
    auto pos = LoadTask(dir, kPosModelFile, "pos");
    if (!pos.ok()) return pos.status();
    t->pos_ = std::move(*pos);
  }
  if (with_pos_chunk) {
    auto chunk = LoadTask(dir, kChunkModelFile, "chunk");
    if (!chunk.ok()) return chunk.status();
    t->chunk_ = std::move(*chunk);
  }
  for (const auto& l : t->ner_->labels()) t->ner_code_.push_back(NerCodeOf(BilouToBio(l)));
  if (t->pos_)
    for (const auto& l : t->pos_->labels()) t->pos_code_.push_back(PosTagId(l));
  if (t->chunk_)
    for (const auto& l : t->chunk_->labels()) t->chunk_code_.push_back(ChunkTagId(BilouToBio(l)));
  // One extractor for the token facts of all models, if their lexicons agree.
  const SequenceModel* models[] = {t->pos_.get(), t->chunk_.get(), t->ner_.get(), t->ner2_.get()};
  uint32_t groups = 0;
  const Lexicon *clusters = nullptr, *gaz = nullptr;
  for (const SequenceModel* m : models) {
    if (!m) continue;
    const FeatureExtractor& fx = m->extractor();
    groups |= fx.groups();
    if ((fx.groups() & kFgClusters) && !clusters) clusters = fx.clusters();
    if ((fx.groups() & kFgGazetteer) && !gaz) gaz = fx.gazetteer();
  }
  t->facts_fx_ = FeatureExtractor(groups, 18, clusters, gaz);
  t->shared_facts_ = true;
  t->shared_feats_ = true;
  for (const SequenceModel* m : models) {
    if (!m) continue;
    if (!m->extractor().SameLexicons(t->facts_fx_)) t->shared_facts_ = false;
    if ((m->extractor().groups() & kSharedGroups) != (groups & kSharedGroups)) t->shared_feats_ = false;
  }
  t->shared_feats_ = t->shared_feats_ && t->shared_facts_;
  MakePair(t->pos_.get(), t->chunk_.get(), t->shared_facts_, &t->pos_chunk_);
  MakePair(t->ner_.get(), t->ner2_.get(), t->shared_facts_, &t->ner_pair_);
  return t;
}

void Tagger::MakePair(const SequenceModel* first, const SequenceModel* second, bool shared_facts, Pair* pair) {
  if (!first || !second || !shared_facts) return;
  const FeatureExtractor& a = first->extractor();
  const FeatureExtractor& b = second->extractor();
  const uint32_t extra = b.groups() & ~a.groups();
  // The second model's features are the first one's plus those of extra
  // groups (only groups whose features are not cached per word form).
  if ((a.groups() & ~b.groups()) || extra == 0 || (extra & ~(kFgPos | kFgHistory)) || a.bits() != b.bits() ||
      !a.SameLexicons(b))
    return;
  pair->both = SparseWeights::Concat(first->weights(), second->weights());
  pair->id = SequenceModel::NewId();
  pair->extra = extra;
  pair->second = second;
  if (extra == kFgPos) pair->table = second->PosSingleTable();
  else if (extra == kFgHistory) pair->table = second->HistoryTable();
  pair->on = true;
}

void Tagger::RunModel(const SequenceModel& m, const std::vector<uint8_t>& code_of_label, const std::string_view* words,
                      const uint32_t* bounds, size_t nsent, const uint8_t* pos_in, const uint8_t* hist_in,
                      const Scratch* pre, EmissionCache* cache, Scratch& s, uint8_t* out, int pair,
                      const Pair* pp, int32_t* sums) const {
  auto pieces = [&](auto&& fn) {
    for (size_t k = 0; k < nsent; ++k)
      for (uint32_t b = bounds[k]; b < bounds[k + 1]; b += kMaxPiece) {
        uint32_t e = std::min(bounds[k + 1], b + kMaxPiece);
        fn(SentenceIn{words + b, e - b, pos_in ? pos_in + b : nullptr, hist_in ? hist_in + b : nullptr}, b);
      }
  };
  const FeatureExtractor& fx = m.extractor();
  if (m.uses_document() && !pre) {
    fx.BeginDocument(s.ts.fs);
    pieces([&](const SentenceIn& in, uint32_t) { fx.AddToDocument(in, s.ts.fs); });
  }
  if (hist_in && (fx.groups() & kFgHistory)) {
    fx.BeginHistory(s.ts.fs);
    pieces([&](const SentenceIn& in, uint32_t) { fx.AddToHistory(in, s.ts.fs); });
  }
  pieces([&](const SentenceIn& in, uint32_t b) {
    s.lab.resize(in.n);
    SequenceModel::Prepared p;
    if (pre) {
      p.facts = pre->facts.data() + b;
      if (shared_feats_ && !cache) p.shared = pre->shared.data(), p.shared_offs = pre->shared_offs.data() + b;
    }
    p.cache = cache;
    if (pair == 1) {
      m.TagFirstOfPair(in, p, pp->both, pp->id, s.ts, s.lab.data(),
                       sums + static_cast<size_t>(b) * pp->second->num_labels());
    } else if (pair == 2) {
      m.TagSecondOfPair(in, p, sums + static_cast<size_t>(b) * m.num_labels(), pp->extra, s.ts, s.lab.data(),
                        pp->table.empty() ? nullptr : pp->table.data());
    } else {
      m.Tag(in, p, s.ts, s.lab.data());
    }
    for (uint32_t i = 0; i < in.n; ++i) out[b + i] = code_of_label[s.lab[i]];
  });
}

void Tagger::Tag(const std::string_view* words, const uint32_t* bounds, size_t nsent, Scratch& s, uint8_t* pos,
                 uint8_t* chunk, uint8_t* ner) const {
  if (nsent == 0) return;
  const uint32_t n = bounds[nsent];
  const Scratch* pre = nullptr;
  if (shared_facts_) {
    // The same pieces as RunModel: a piece's first token and its casing
    // are facts of the piece.
    s.facts.resize(n);
    s.shared.clear();
    s.shared_offs.resize(n + 1);
    facts_fx_.BeginDocument(s.facts_fs);
    const bool doc = facts_fx_.groups() & kFgDocument;
    for (size_t k = 0; k < nsent; ++k)
      for (uint32_t b = bounds[k]; b < bounds[k + 1]; b += kMaxPiece) {
        uint32_t e = std::min(bounds[k + 1], b + kMaxPiece);
        SentenceIn in{words + b, e - b};
        const TokenFacts* f = facts_fx_.TokenInfo(in, s.facts_fs, false);
        std::copy(f, f + in.n, s.facts.begin() + b);
        if (doc) facts_fx_.AddFactsToDocument(in, f, s.facts_fs);
        if (shared_feats_ && !s.use_cache) {
          facts_fx_.ExtractShared(in, f, s.facts_fs);
          const uint32_t base = static_cast<uint32_t>(s.shared.size());
          for (uint32_t i = 0; i < in.n; ++i) s.shared_offs[b + i] = base + s.facts_fs.offs[i];
          s.shared_offs[e] = base + s.facts_fs.offs[in.n];
          s.shared.insert(s.shared.end(), s.facts_fs.feats.begin(), s.facts_fs.feats.end());
        }
      }
    // How each word is cased elsewhere in the document, now that all of it
    // has been seen.
    if (doc)
      for (uint32_t i = 0; i < n; ++i) s.facts[i].doc = s.facts_fs.doc_stats.Get(s.facts[i].lower);
    pre = &s;
  }
  auto cache = [&](int k) { return s.use_cache ? &s.cache[k] : nullptr; };
  const uint8_t* pos_tags = nullptr;
  bool need_pos = pos || (chunk && chunk_) || ner_->needs_pos();
  if (need_pos && pos_) {
    uint8_t* dst = pos;
    if (!dst) {
      s.pos.resize(n);
      dst = s.pos.data();
    }
    // With chunks: both models as a pair when possible (the same labels).
    const int pair = chunk && chunk_ && pos_chunk_.on && pre && s.use_cache ? 1 : 0;
    if (pair) s.pair_sums.resize(static_cast<size_t>(n) * chunk_->num_labels());
    RunModel(*pos_, pos_code_, words, bounds, nsent, nullptr, nullptr, pre, cache(0), s, dst, pair, &pos_chunk_,
             s.pair_sums.data());
    pos_tags = dst;
    if (pair) {
      RunModel(*chunk_, chunk_code_, words, bounds, nsent, pos_tags, nullptr, pre, cache(1), s, chunk, 2, &pos_chunk_,
               s.pair_sums.data());
      chunk = nullptr;  // done
    }
  } else if (pos) {
    std::fill(pos, pos + n, 0);
  }
  if (chunk) {
    if (chunk_ && pos_tags) RunModel(*chunk_, chunk_code_, words, bounds, nsent, pos_tags, nullptr, pre, cache(1), s, chunk);
    else std::fill(chunk, chunk + n, 0);
  }
  if (!ner) return;
  if (!ner2_) {
    RunModel(*ner_, ner_code_, words, bounds, nsent, ner_->needs_pos() ? pos_tags : nullptr, nullptr, pre, cache(2), s,
             ner);
    return;
  }
  s.ner1.resize(n);
  // Both passes as a pair (the sums of the features they share in the first
  // pass) when possible: the same labels.
  const int pair = ner_pair_.on && pre && s.use_cache ? 1 : 0;
  if (pair) s.pair_sums.resize(static_cast<size_t>(n) * ner2_->num_labels());
  RunModel(*ner_, ner_code_, words, bounds, nsent, ner_->needs_pos() ? pos_tags : nullptr, nullptr, pre, cache(2), s,
           s.ner1.data(), pair, &ner_pair_, s.pair_sums.data());
  RunModel(*ner2_, ner2_code_, words, bounds, nsent, ner2_->needs_pos() ? pos_tags : nullptr, s.ner1.data(), pre,
           cache(3), s, ner, pair ? 2 : 0, &ner_pair_, s.pair_sums.data());
}

}  // namespace tidings::tagger
