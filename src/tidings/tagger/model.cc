#include "tidings/tagger/model.h"

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

namespace tidings::tagger {
namespace {

constexpr char kMagic[8] = {'T', 'I', 'D', 'T', 'A', 'G', 'M', '1'};
constexpr float kNegInf = -1e30f;

void PutU32(std::string& o, uint32_t v) { o.append(reinterpret_cast<const char*>(&v), 4); }
void PutStr(std::string& o, std::string_view s) {
  PutU32(o, static_cast<uint32_t>(s.size()));
  o.append(s);
}
template <typename T>
void PutVec(std::string& o, const std::vector<T>& v) {
  uint64_t n = v.size();
  o.append(reinterpret_cast<const char*>(&n), 8);
  o.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

struct Reader {
  std::string_view d;
  size_t pos = 0;
  bool ok = true;
  bool Need(size_t n) {
    if (!ok || pos > d.size() || d.size() - pos < n) ok = false;
    return ok;
  }
  uint32_t U32() {
    uint32_t v = 0;
    if (Need(4)) std::memcpy(&v, d.data() + pos, 4), pos += 4;
    return v;
  }
  std::string Str() {
    uint32_t n = U32();
    if (!Need(n)) return {};
    std::string s(d.substr(pos, n));
    pos += n;
    return s;
  }
  template <typename T>
  std::vector<T> Vec(uint64_t max) {
    uint64_t n = 0;
    if (Need(8)) std::memcpy(&n, d.data() + pos, 8), pos += 8;
    if (!ok || n > max || !Need(n * sizeof(T))) {
      ok = false;
      return {};
    }
    std::vector<T> v(n);
    std::memcpy(v.data(), d.data() + pos, n * sizeof(T));
    pos += n * sizeof(T);
    return v;
  }
};

std::string_view Prefix(std::string_view l) { return l.size() >= 2 && l[1] == '-' ? l.substr(0, 1) : l; }
std::string_view Type(std::string_view l) { return l.size() >= 2 && l[1] == '-' ? l.substr(2) : std::string_view(); }

}  // namespace

bool BilouAllowed(std::string_view prev, std::string_view cur) {
  std::string_view pp = Prefix(prev), cp = Prefix(cur);
  bool prev_open = pp == "B" || pp == "I";
  if (cp == "I" || cp == "L") return prev_open && Type(prev) == Type(cur);
  return !prev_open;  // O, B, U only after O, L, U or at the start
}

bool BilouCanEnd(std::string_view label) {
  std::string_view p = Prefix(label);
  return !(p == "B" || p == "I");
}

void BioToBilou(std::vector<std::string>& t) {
  std::vector<std::string> o(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    std::string_view p = Prefix(t[i]), ty = Type(t[i]);
    if (ty.empty()) {
      o[i] = t[i];
      continue;
    }
    bool begins = p == "B" || i == 0 || Type(t[i - 1]) != ty || t[i - 1] == "O";
    bool cont = i + 1 < t.size() && Prefix(t[i + 1]) == "I" && Type(t[i + 1]) == ty;
    o[i] = std::string(begins ? (cont ? "B-" : "U-") : (cont ? "I-" : "L-")) + std::string(ty);
  }
  t.swap(o);
}

std::string BilouToBio(std::string_view l) {
  std::string_view p = Prefix(l);
  if (p == "L") return "I-" + std::string(Type(l));
  if (p == "U") return "B-" + std::string(Type(l));
  return std::string(l);
}

namespace {

// cur[l] = max over p of prev[p] + trans[p * L + l], for every l at once
// (contiguous in l, so it vectorizes; the maximum does not depend on the
// order of p, the scores are the same as a loop over p for each l).
__attribute__((target_clones("avx2", "default"))) void MaxPlus(const float* prev, const float* trans, int L,
                                                               float* cur) {
  for (int l = 0; l < L; ++l) cur[l] = prev[0] + trans[l];
  for (int p = 1; p < L; ++p) {
    const float pv = prev[p];
    const float* row = trans + static_cast<size_t>(p) * L;
    for (int l = 0; l < L; ++l) {
      const float v = pv + row[l];
      cur[l] = cur[l] < v ? v : cur[l];
    }
  }
}

}  // namespace

ViterbiPlan ViterbiPlan::Build(const float* trans, int L) {
  ViterbiPlan plan;
  // Allowed predecessors of each label, as a key for grouping.
  std::vector<std::vector<uint16_t>> preds(L);
  for (int l = 0; l < L; ++l) {
    for (int p = 0; p < L; ++p) {
      float t = trans[static_cast<size_t>(p) * L + l];
      if (std::isfinite(t) && t > kNegInf / 2) preds[l].push_back(static_cast<uint16_t>(p));
    }
    if (preds[l].empty()) return ViterbiPlan();  // keep the plain loop
  }
  std::vector<bool> done(L, false);
  plan.pred_offs.push_back(0);
  plan.label_offs.push_back(0);
  for (int l = 0; l < L; ++l) {
    if (done[l]) continue;
    float lo = INFINITY, hi = -INFINITY;
    for (int k = l; k < L; ++k) {
      if (done[k] || preds[k] != preds[l]) continue;
      done[k] = true;
      plan.labels.push_back(static_cast<uint16_t>(k));
      for (uint16_t p : preds[l]) {
        lo = std::min(lo, trans[static_cast<size_t>(p) * L + k]);
        hi = std::max(hi, trans[static_cast<size_t>(p) * L + k]);
      }
    }
    plan.preds.insert(plan.preds.end(), preds[l].begin(), preds[l].end());
    plan.pred_offs.push_back(static_cast<uint32_t>(plan.preds.size()));
    plan.label_offs.push_back(static_cast<uint32_t>(plan.labels.size()));
    plan.spread.push_back(hi - lo);
    const uint32_t b = plan.label_offs[plan.label_offs.size() - 2], e = plan.label_offs.back();
    plan.contiguous.push_back(plan.labels[e - 1] - plan.labels[b] == static_cast<int>(e - b - 1));
  }
  return plan;
}

void Viterbi(const float* emit, uint32_t n, int L, const float* trans, const float* end, TagScratch& s,
             uint16_t* out, const ViterbiPlan* plan) {
  if (n == 0) return;
  s.delta.resize(static_cast<size_t>(n) * L);
  s.pre.resize(static_cast<size_t>(n) * L);
  float* d = s.delta.data();
  for (int l = 0; l < L; ++l) d[l] = trans[L * L + l] + emit[l];
  if (plan && plan->empty()) plan = nullptr;
  if (s.cand.size() < static_cast<size_t>(L)) s.cand.resize(L);
  uint16_t* cand = s.cand.data();
  for (uint32_t i = 1; i < n; ++i) {
    float* cur = d + static_cast<size_t>(i) * L;
    const float* prev = cur - L;
    if (!plan) {
      MaxPlus(prev, trans, L, cur);
    } else {
      // Per group of labels with the same allowed predecessors: only a
      // predecessor within the group's transition spread of the best one
      // can give a label of the group its best score (the others stay
      // strictly below what the best one gives), so the scores are the
      // same as over all predecessors. A margin keeps rounding safe.
      for (size_t g = 0; g + 1 < plan->pred_offs.size(); ++g) {
        const uint16_t* P = plan->preds.data() + plan->pred_offs[g];
        const uint32_t np = plan->pred_offs[g + 1] - plan->pred_offs[g];
        float m = prev[P[0]];
        for (uint32_t k = 1; k < np; ++k) m = std::max(m, prev[P[k]]);
        const float thr = m - plan->spread[g] - 1e-3f - 1e-5f * std::fabs(m);
        uint32_t nc = 0;
        for (uint32_t k = 0; k < np; ++k) {
          cand[nc] = P[k];
          nc += prev[P[k]] >= thr;
        }
        const uint16_t* Ls = plan->labels.data() + plan->label_offs[g];
        const uint32_t nl = plan->label_offs[g + 1] - plan->label_offs[g];
        if (plan->contiguous[g]) {
          float* c = cur + Ls[0];
          const float pv0 = prev[cand[0]];
          const float* row = trans + static_cast<size_t>(cand[0]) * L + Ls[0];
          for (uint32_t j = 0; j < nl; ++j) c[j] = pv0 + row[j];
          for (uint32_t k = 1; k < nc; ++k) {
            const float pv = prev[cand[k]];
            row = trans + static_cast<size_t>(cand[k]) * L + Ls[0];
            for (uint32_t j = 0; j < nl; ++j) {
              const float v = pv + row[j];
              c[j] = c[j] < v ? v : c[j];
            }
          }
        } else {
          for (uint32_t j = 0; j < nl; ++j) {
            const int l = Ls[j];
            float best = prev[cand[0]] + trans[static_cast<size_t>(cand[0]) * L + l];
            for (uint32_t k = 1; k < nc; ++k) {
              const float v = prev[cand[k]] + trans[static_cast<size_t>(cand[k]) * L + l];
              best = best < v ? v : best;
            }
            cur[l] = best;
          }
        }
      }
    }
    const float* e = emit + static_cast<size_t>(i) * L;
    float* pre = s.pre.data() + static_cast<size_t>(i) * L;
    for (int l = 0; l < L; ++l) {
      pre[l] = cur[l];
      cur[l] += e[l];
    }
  }
  const float* last = d + static_cast<size_t>(n - 1) * L;
  float best = kNegInf * 4;
  int arg = 0;
  for (int l = 0; l < L; ++l) {
    float v = last[l] + end[l];
    if (v > best) best = v, arg = l;
  }
  for (uint32_t i = n; i-- > 0;) {
    out[i] = static_cast<uint16_t>(arg);
    if (i == 0) break;
    // The first predecessor with the best score, as a forward pass keeping
    // back pointers would have chosen: the first one that reproduces the
    // score (the same float additions as the forward pass).
    const float* prev = d + static_cast<size_t>(i - 1) * L;
    const float target = s.pre[static_cast<size_t>(i) * L + arg];
    int parg = -1;
    for (int p = 0; p < L; ++p)
      if (prev[p] + trans[p * L + arg] == target) {
        parg = p;
        break;
      }
    if (parg < 0) {  // not reached: the maximum is one of the sums
      float pb = kNegInf * 4;
      for (int p = 0; p < L; ++p) {
        float v = prev[p] + trans[p * L + arg];
        if (v > pb) pb = v, parg = p;
      }
    }
    arg = parg;
  }
}

std::unique_ptr<SequenceModel> SequenceModel::FromParts(Parts p) {
  auto m = std::make_unique<SequenceModel>();
  m->task_ = std::move(p.task);
  m->provenance_ = std::move(p.provenance);
  m->groups_ = p.groups;
  m->bits_ = p.bits;
  m->labels_ = std::move(p.labels);
  m->scheme_ = p.scheme;
  m->trans_ = std::move(p.trans);
  m->end_ = std::move(p.end);
  float maxabs = 0;
  for (float v : p.weights) maxabs = std::max(maxabs, std::fabs(v));
  m->scale_ = maxabs > 0 ? maxabs / 32000.0f : 1.0f;
  std::vector<int16_t> w(p.weights.size());
  for (size_t i = 0; i < p.weights.size(); ++i) w[i] = static_cast<int16_t>(std::lround(p.weights[i] / m->scale_));
  m->w_ = SparseWeights::FromDense(w.data(), m->bits_, m->num_labels());
  m->clusters_ = std::move(p.clusters);
  m->gaz_ = std::move(p.gazetteer);
  m->Finish();
  return m;
}

void SequenceModel::Finish() {
  const int L = num_labels();
  fx_ = FeatureExtractor(groups_, bits_, &clusters_, &gaz_);
  ctrans_ = trans_;
  cend_ = end_;
  if (scheme_ == Scheme::kBilou) {
    for (int p = 0; p <= L; ++p)
      for (int l = 0; l < L; ++l)
        if (!BilouAllowed(p == L ? std::string_view() : std::string_view(labels_[p]), labels_[l]))
          ctrans_[p * L + l] = kNegInf;
    for (int l = 0; l < L; ++l)
      if (!BilouCanEnd(labels_[l])) cend_[l] = kNegInf;
  }
  plan_ = ViterbiPlan::Build(ctrans_.data(), L);
}

namespace {

typedef int32_t V8i __attribute__((vector_size(32)));
typedef int16_t V8s __attribute__((vector_size(16)));

// The sums of SumRows for L <= 8 * NV: dense rows are added in NV vectors
// of 8 that stay in registers (reading up to 7 words past the row, which
// the padding of SparseWeights allows; those lanes are dropped), sparse rows
// into a separate accumulator.
template <int NV>
inline __attribute__((always_inline)) void SumTokens(const uint16_t* data, const uint32_t* begin,
                                                     const uint32_t* len, const uint32_t* tok_offs, uint32_t n,
                                                     int L, float scale, TagScratch& s) {
  int32_t* acc = s.acc.data();
  const uint32_t dense = static_cast<uint32_t>(L);
  alignas(32) int32_t lanes[8 * NV];
  for (uint32_t i = 0; i < n; ++i) {
    V8i a[NV] = {};
    std::fill(acc, acc + L, 0);
    for (uint32_t k = tok_offs[i]; k < tok_offs[i + 1]; ++k) {
      const uint16_t* d = data + begin[k];
      if (len[k] == dense) {
        for (int v = 0; v < NV; ++v) {
          V8s x;
          std::memcpy(&x, d + 8 * v, sizeof(x));
          a[v] += __builtin_convertvector(x, V8i);
        }
      } else {
        for (uint32_t j = 0; j < len[k]; j += 2) acc[d[j]] += static_cast<int16_t>(d[j + 1]);
      }
    }
    std::memcpy(lanes, a, sizeof(lanes));
    float* e = s.emit.data() + static_cast<size_t>(i) * L;
    for (int l = 0; l < L; ++l) e[l] = static_cast<float>(acc[l] + lanes[l]) * scale;
  }
}

// Sums the weight rows of each token's features into emit[i * L + l].
// Three passes over the sentence's features (bucket -> row, row -> entry
// range, entries -> sums), each prefetching ahead, so that the cache misses
// of independent features overlap. Built for AVX2 (which brings POPCNT) and
// for the baseline, chosen when the program starts.
__attribute__((target_clones("avx2", "default"))) void SumRows(const SparseWeights& w, const uint32_t* feats,
                                                               const uint32_t* tok_offs, uint32_t n, float scale,
                                                               TagScratch& s) {
  const int L = w.labels();
  const uint32_t nf = tok_offs[n];
  s.rows.resize(3 * static_cast<size_t>(nf));
  uint32_t* rows = s.rows.data();
  uint32_t* begin = rows + nf;    // first word of each feature's row
  uint32_t* len = begin + nf;     // its length in words
  const uint32_t* offs = w.offs();
  const uint16_t* data = w.data();
  constexpr uint32_t kAhead = 48;
  for (uint32_t k = 0; k < kAhead && k < nf; ++k) __builtin_prefetch(w.BlockAddress(feats[k]));
  for (uint32_t k = 0; k < nf; ++k) {
    if (k + kAhead < nf) __builtin_prefetch(w.BlockAddress(feats[k + kAhead]));
    rows[k] = w.Row(feats[k]);
    __builtin_prefetch(offs + rows[k]);
  }
  for (uint32_t k = 0; k < nf; ++k) {
    begin[k] = offs[rows[k]];
    len[k] = offs[rows[k] + 1] - begin[k];
    __builtin_prefetch(data + begin[k]);
    __builtin_prefetch(data + begin[k] + len[k] - 1);
  }
  switch ((L + 7) / 8) {
    case 1: return SumTokens<1>(data, begin, len, tok_offs, n, L, scale, s);
    case 2: return SumTokens<2>(data, begin, len, tok_offs, n, L, scale, s);
    case 3: return SumTokens<3>(data, begin, len, tok_offs, n, L, scale, s);
    case 4: return SumTokens<4>(data, begin, len, tok_offs, n, L, scale, s);
    case 5: return SumTokens<5>(data, begin, len, tok_offs, n, L, scale, s);
    case 6: return SumTokens<6>(data, begin, len, tok_offs, n, L, scale, s);
    default: break;
  }
  int32_t* acc = s.acc.data();
  const uint32_t dense = static_cast<uint32_t>(L);
  for (uint32_t i = 0; i < n; ++i) {
    std::fill(acc, acc + L, 0);
    for (uint32_t k = tok_offs[i]; k < tok_offs[i + 1]; ++k) {
      const uint16_t* d = data + begin[k];
      if (len[k] == dense) {
        for (int l = 0; l < L; ++l) acc[l] += static_cast<int16_t>(d[l]);
      } else {
        for (uint32_t j = 0; j < len[k]; j += 2) acc[d[j]] += static_cast<int16_t>(d[j + 1]);
      }
    }
    float* e = s.emit.data() + static_cast<size_t>(i) * L;
    for (int l = 0; l < L; ++l) e[l] = static_cast<float>(acc[l]) * scale;
  }
}

}  // namespace

void SequenceModel::Emissions(const SentenceIn& in, const Prepared& pre, TagScratch& s) const {
  const TokenFacts* facts = pre.facts ? pre.facts : fx_.TokenInfo(in, s.fs);
  if (pre.shared) fx_.ExtractWithShared(in, facts, pre.shared, pre.shared_offs, s.fs);
  else fx_.ExtractWith(in, facts, s.fs);
  s.emit.resize(static_cast<size_t>(in.n) * num_labels());
  s.acc.resize(num_labels());
  SumRows(w_, s.fs.feats.data(), s.fs.offs.data(), in.n, scale_, s);
}

void SequenceModel::Tag(const SentenceIn& in, const Prepared& pre, TagScratch& s, uint16_t* out) const {
  if (in.n == 0) return;
  Emissions(in, pre, s);
  Viterbi(s.emit.data(), in.n, num_labels(), ctrans_.data(), cend_.data(), s, out, &plan_);
}

Status SequenceModel::Save(const std::string& path) const {
  std::string p;
  PutStr(p, task_);
  PutU32(p, groups_);
  PutU32(p, bits_);
  PutStr(p, provenance_);
  PutU32(p, static_cast<uint32_t>(labels_.size()));
  for (const auto& l : labels_) PutStr(p, l);
  PutU32(p, static_cast<uint32_t>(scheme_));
  p.append(reinterpret_cast<const char*>(&scale_), 4);
  PutVec(p, trans_);
  PutVec(p, end_);
  clusters_.AppendTo(p);
  gaz_.AppendTo(p);
  w_.AppendTo(p);

  uLongf clen = compressBound(p.size());
  std::string c(clen, '\0');
  if (compress2(reinterpret_cast<Bytef*>(c.data()), &clen, reinterpret_cast<const Bytef*>(p.data()), p.size(), 9) !=
      Z_OK)
    return Internal("cannot compress model " + path);
  c.resize(clen);
  std::string out(kMagic, 8);
  PutU32(out, kModelFormatVersion);
  PutU32(out, kFeatureVersion);
  uint64_t size = p.size();
  out.append(reinterpret_cast<const char*>(&size), 8);
  PutU32(out, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(p.data()), p.size())));
  out += c;
  std::ofstream f(path, std::ios::binary);
  if (!f) return NotFound("cannot write model file " + path);
  f.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!f) return Internal("error writing model file " + path);
  return Status::OK();
}

StatusOr<std::unique_ptr<SequenceModel>> SequenceModel::Load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return NotFound("cannot open tagger model file " + path + " (run `tidings train`, see README)");
  std::string data;
  f.seekg(0, std::ios::end);
  const std::streamoff fsize = f.tellg();
  f.seekg(0, std::ios::beg);
  if (fsize > 0) {
    data.resize(static_cast<size_t>(fsize));
    f.read(data.data(), fsize);
    if (!f) return DataLoss(path + ": cannot read the tagger model file");
  }
  if (data.size() < 8 || std::memcmp(data.data(), kMagic, 8) != 0)
    return InvalidArgument(path + ": not a tidings tagger model (bad magic)");
  if (data.size() < 28) return DataLoss(path + ": tagger model is truncated (header)");
  uint32_t fmt, fver, crc;
  uint64_t size;
  std::memcpy(&fmt, data.data() + 8, 4);
  std::memcpy(&fver, data.data() + 12, 4);
  std::memcpy(&size, data.data() + 16, 8);
  std::memcpy(&crc, data.data() + 24, 4);
  if (fmt != kModelFormatVersion)
    return InvalidArgument(path + ": tagger model format version " + std::to_string(fmt) + ", this build reads version " +
                           std::to_string(kModelFormatVersion) + "; retrain it with `tidings train`");
  if (fver != kFeatureVersion)
    return InvalidArgument(path + ": model was trained with feature set version " + std::to_string(fver) +
                           ", this build extracts version " + std::to_string(kFeatureVersion) +
                           "; retrain it with `tidings train`");
  if (size > (1ull << 31)) return DataLoss(path + ": corrupt tagger model (payload size)");
  std::string p(size, '\0');
  uLongf plen = size;
  int zr = uncompress(reinterpret_cast<Bytef*>(p.data()), &plen, reinterpret_cast<const Bytef*>(data.data() + 28),
                      data.size() - 28);
  if (zr != Z_OK || plen != size)
    return DataLoss(path + ": tagger model is truncated or corrupt (decompression failed)");
  if (static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(p.data()), p.size())) != crc)
    return DataLoss(path + ": tagger model is corrupt (checksum mismatch)");

  auto m = std::make_unique<SequenceModel>();
  Reader r{p};
  m->task_ = r.Str();
  m->groups_ = r.U32();
  m->bits_ = r.U32();
  m->provenance_ = r.Str();
  uint32_t L = r.U32();
  if (!r.ok || L == 0 || L > 1000 || m->bits_ < 4 || m->bits_ > 26)
    return DataLoss(path + ": corrupt tagger model (header fields)");
  for (uint32_t i = 0; i < L && r.ok; ++i) m->labels_.push_back(r.Str());
  uint32_t scheme = r.U32();
  if (r.Need(4)) std::memcpy(&m->scale_, p.data() + r.pos, 4), r.pos += 4;
  m->scheme_ = scheme == 1 ? Scheme::kBilou : Scheme::kPlain;
  m->trans_ = r.Vec<float>((L + 1) * L);
  m->end_ = r.Vec<float>(L);
  if (r.ok) r.ok = m->clusters_.ReadFrom(p, &r.pos);
  if (r.ok) r.ok = m->gaz_.ReadFrom(p, &r.pos);
  if (r.ok) r.ok = m->w_.ReadFrom(p, &r.pos);
  if (!r.ok || m->trans_.size() != (L + 1) * L || m->end_.size() != L || m->w_.bits() != m->bits_ ||
      m->w_.labels() != static_cast<int>(L) || r.pos != p.size())
    return DataLoss(path + ": corrupt tagger model (sections)");
  m->Finish();
  return m;
}

}  // namespace tidings::tagger
