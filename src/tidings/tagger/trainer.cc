#include "tidings/tagger/trainer.h"

#include <algorithm>
#include <map>
#include <random>

#include "tidings/tagger/tagger.h"

namespace tidings::tagger {

std::vector<std::vector<std::vector<uint8_t>>> PredictEntityCodes(const SequenceModel& m,
                                                                   const std::vector<TrainDocument>& docs) {
  std::vector<std::vector<std::vector<uint8_t>>> out;
  TagScratch ts;
  std::vector<std::string_view> words;
  std::vector<uint16_t> lab;
  std::vector<uint8_t> code;
  for (const auto& l : m.labels()) code.push_back(NerCodeOf(BilouToBio(l)));
  for (const auto& d : docs) {
    auto in = [&](const TrainSentence& s) {
      words.assign(s.words.begin(), s.words.end());
      return SentenceIn{words.data(), static_cast<uint32_t>(words.size()),
                        s.pos.size() == s.words.size() ? s.pos.data() : nullptr,
                        s.hist.size() == s.words.size() ? s.hist.data() : nullptr};
    };
    m.extractor().BeginDocument(ts.fs);
    m.extractor().BeginHistory(ts.fs);
    for (const auto& s : d) {
      m.extractor().AddToDocument(in(s), ts.fs);
      m.extractor().AddToHistory(in(s), ts.fs);
    }
    out.emplace_back();
    for (const auto& s : d) {
      lab.resize(s.words.size());
      m.Tag(in(s), ts, lab.data());
      std::vector<uint8_t> c(lab.size());
      for (size_t i = 0; i < lab.size(); ++i) c[i] = code[lab[i]];
      out.back().push_back(std::move(c));
    }
  }
  return out;
}

StatusOr<std::unique_ptr<SequenceModel>> TrainModel(const std::vector<TrainDocument>& docs, TrainOptions opt) {
  if (opt.bits < 8 || opt.bits > 24) return InvalidArgument("feature bits must be in [8, 24]");
  // Label inventory ("O" first, then sorted) and gold ids.
  std::vector<std::vector<std::string>> gold;
  std::map<std::string, int> label_set;
  for (const auto& d : docs)
    for (const auto& s : d) {
      if (s.gold.size() != s.words.size()) return InvalidArgument("training sentence with missing labels");
      gold.push_back(s.gold);
      if (opt.scheme == Scheme::kBilou) BioToBilou(gold.back());
      for (auto& g : gold.back()) label_set[g] = 0;
    }
  if (gold.empty()) return InvalidArgument("no training sentences");
  std::vector<std::string> labels;
  if (label_set.count("O")) labels.push_back("O");
  for (auto& [l, _] : label_set)
    if (l != "O") labels.push_back(l);
  if (labels.size() > 1000) return InvalidArgument("too many labels (" + std::to_string(labels.size()) + ")");
  for (size_t i = 0; i < labels.size(); ++i) label_set[labels[i]] = static_cast<int>(i);
  const int L = static_cast<int>(labels.size());

  // Features of every sentence, extracted once.
  SequenceModel::Parts parts;
  parts.task = opt.task;
  parts.provenance = opt.provenance;
  parts.groups = opt.groups;
  parts.bits = opt.bits;
  parts.labels = labels;
  parts.scheme = opt.scheme;
  FeatureExtractor fx(opt.groups, opt.bits, &opt.clusters, &opt.gazetteer);
  FeatureScratch fs;
  std::vector<uint32_t> feats;
  std::vector<uint64_t> sent_feat;  // offset into tok_off of each sentence's first token
  std::vector<uint32_t> tok_off;    // feature offsets per token (+1 sentinel per sentence)
  std::vector<std::vector<uint16_t>> gold_ids;
  std::vector<std::string_view> words;
  size_t gi = 0;
  auto input = [&](const TrainSentence& s) {
    words.assign(s.words.begin(), s.words.end());
    return SentenceIn{words.data(), static_cast<uint32_t>(words.size()),
                      s.pos.size() == s.words.size() ? s.pos.data() : nullptr,
                      s.hist.size() == s.words.size() ? s.hist.data() : nullptr};
  };
  for (const auto& d : docs) {
    fx.BeginDocument(fs);
    fx.BeginHistory(fs);
    for (const auto& s : d) {
      SentenceIn in = input(s);
      fx.AddToDocument(in, fs);
      fx.AddToHistory(in, fs);
    }
    for (const auto& s : d) {
      if ((opt.groups & kFgPos) && s.pos.size() != s.words.size())
        return InvalidArgument("feature group 'pos' needs POS tags for every training token");
      if ((opt.groups & kFgHistory) && s.hist.size() != s.words.size())
        return InvalidArgument("feature group 'history' needs first-pass labels for every training token");
      SentenceIn in = input(s);
      fx.Extract(in, fs);
      sent_feat.push_back(tok_off.size());
      uint32_t base = static_cast<uint32_t>(feats.size());
      for (uint32_t i = 0; i <= in.n; ++i) tok_off.push_back(base + fs.offs[i]);
      feats.insert(feats.end(), fs.feats.begin(), fs.feats.end());
      std::vector<uint16_t> ids;
      for (auto& g : gold[gi]) ids.push_back(static_cast<uint16_t>(label_set[g]));
      gold_ids.push_back(std::move(ids));
      ++gi;
    }
  }
  const size_t nsent = gold_ids.size();
  if (opt.log)
    opt.log("training " + opt.task + ": " + std::to_string(nsent) + " sentences, " + std::to_string(L) +
            " labels, " + std::to_string(feats.size()) + " feature occurrences, 2^" + std::to_string(opt.bits) +
            " buckets, groups " + FeatureGroupsName(opt.groups));

  const size_t W = (size_t{1} << opt.bits) * L;
  std::vector<float> w(W, 0.0f);
  std::vector<double> acc(W, 0.0);
  std::vector<float> trans((L + 1) * L, 0.0f), tacc_f;
  std::vector<double> tacc((L + 1) * L, 0.0);
  std::vector<float> end(L, 0.0f);
  std::vector<double> eacc(L, 0.0);
  double c = 1;
  auto upd = [&](std::vector<float>& v, std::vector<double>& a, size_t k, float d) {
    v[k] += d;
    a[k] += c * d;
  };

  // Constrained transitions for training-time decoding.
  auto constrained = [&](std::vector<float>& ct, std::vector<float>& ce) {
    ct = trans;
    ce = end;
    if (opt.scheme != Scheme::kBilou) return;
    for (int p = 0; p <= L; ++p)
      for (int l = 0; l < L; ++l)
        if (!BilouAllowed(p == L ? std::string_view() : std::string_view(labels[p]), labels[l])) ct[p * L + l] = -1e30f;
    for (int l = 0; l < L; ++l)
      if (!BilouCanEnd(labels[l])) ce[l] = -1e30f;
  };
  auto averaged = [&]() {
    SequenceModel::Parts p;
    p.task = parts.task;
    p.provenance = parts.provenance;
    p.groups = parts.groups;
    p.bits = parts.bits;
    p.labels = parts.labels;
    p.scheme = parts.scheme;
    p.weights.resize(W);
    for (size_t k = 0; k < W; ++k) p.weights[k] = static_cast<float>(w[k] - acc[k] / c);
    p.trans.resize(trans.size());
    for (size_t k = 0; k < trans.size(); ++k) p.trans[k] = static_cast<float>(trans[k] - tacc[k] / c);
    p.end.resize(L);
    for (int k = 0; k < L; ++k) p.end[k] = static_cast<float>(end[k] - eacc[k] / c);
    p.clusters = opt.clusters;
    p.gazetteer = opt.gazetteer;
    return SequenceModel::FromParts(std::move(p));
  };

  std::vector<uint32_t> order(nsent);
  for (size_t i = 0; i < nsent; ++i) order[i] = static_cast<uint32_t>(i);
  std::mt19937_64 rng(opt.seed);
  TagScratch ts;
  std::vector<float> ct, ce, emit;
  std::vector<uint16_t> pred;
  for (int epoch = 1; epoch <= opt.epochs; ++epoch) {
    for (size_t i = nsent; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    int64_t errors = 0, tokens = 0;
    for (uint32_t si : order) {
      const auto& g = gold_ids[si];
      const uint32_t n = static_cast<uint32_t>(g.size());
      const uint32_t* off = tok_off.data() + sent_feat[si];
      constrained(ct, ce);
      emit.assign(static_cast<size_t>(n) * L, 0.0f);
      for (uint32_t t = 0; t < n; ++t) {
        float* e = emit.data() + static_cast<size_t>(t) * L;
        for (uint32_t k = off[t]; k < off[t + 1]; ++k) {
          const float* row = w.data() + static_cast<size_t>(feats[k]) * L;
          for (int l = 0; l < L; ++l) e[l] += row[l];
        }
      }
      pred.resize(n);
      Viterbi(emit.data(), n, L, ct.data(), ce.data(), ts, pred.data());
      tokens += n;
      for (uint32_t t = 0; t < n; ++t) {
        if (pred[t] != g[t]) {
          ++errors;
          for (uint32_t k = off[t]; k < off[t + 1]; ++k) {
            size_t row = static_cast<size_t>(feats[k]) * L;
            upd(w, acc, row + g[t], 1.0f);
            upd(w, acc, row + pred[t], -1.0f);
          }
        }
        int gp = t == 0 ? L : g[t - 1], pp = t == 0 ? L : pred[t - 1];
        if (gp != pp || g[t] != pred[t]) {
          upd(trans, tacc, static_cast<size_t>(gp) * L + g[t], 1.0f);
          upd(trans, tacc, static_cast<size_t>(pp) * L + pred[t], -1.0f);
        }
      }
      if (n && g[n - 1] != pred[n - 1]) {
        upd(end, eacc, g[n - 1], 1.0f);
        upd(end, eacc, pred[n - 1], -1.0f);
      }
      c += 1;
    }
    if (opt.log)
      opt.log("epoch " + std::to_string(epoch) + ": training token error " +
              std::to_string(100.0 * errors / std::max<int64_t>(1, tokens)) + "%");
    if (opt.on_epoch) opt.on_epoch(epoch, *averaged());
  }
  return averaged();
}

}  // namespace tidings::tagger
