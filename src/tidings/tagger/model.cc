#include "tidings/tagger/model.h"

#include <unistd.h>
#include <xmmintrin.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <new>
#include <sstream>

#include "tidings/core/crc32.h"
#include "tidings/core/file_bytes.h"

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

constexpr float kPad = -3e38f;

void PadTransitions(const float* trans, int L, ViterbiPlan* plan) {
  plan->L = L;
  plan->Lp = (L + 7) & ~7;
  const size_t Lp = plan->Lp;
  plan->tp.assign((L + 1) * Lp, kPad);
  plan->tt.assign(L * Lp, kPad);
  for (int p = 0; p <= L; ++p)
    for (int l = 0; l < L; ++l) plan->tp[p * Lp + l] = trans[static_cast<size_t>(p) * L + l];
  for (int l = 0; l < L; ++l)
    for (int p = 0; p < L; ++p) plan->tt[l * Lp + p] = trans[static_cast<size_t>(p) * L + l];
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
    if (preds[l].empty()) {  // no pruning, only the padded transitions
      PadTransitions(trans, L, &plan);
      return plan;
    }
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
  PadTransitions(trans, L, &plan);
  return plan;
}

namespace {

typedef float V8f __attribute__((vector_size(32)));

inline V8f LoadF(const float* p) {
  V8f x;
  std::memcpy(&x, p, sizeof(x));
  return x;
}
inline void StoreF(float* p, V8f x) { std::memcpy(p, &x, sizeof(x)); }
// The scalar a < b ? b : a of every lane.
inline V8f MaxF(V8f a, V8f b) { return a < b ? b : a; }
typedef int32_t V8m __attribute__((vector_size(32)));
typedef float V4f __attribute__((vector_size(16)));
// Bit k set when lane k of a comparison result is true (two SSE movmskps,
// which every x86-64 has).
inline uint32_t MaskBits(V8m m) {
  const V8f x = __builtin_bit_cast(V8f, m);
  const V4f lo = __builtin_shufflevector(x, x, 0, 1, 2, 3), hi = __builtin_shufflevector(x, x, 4, 5, 6, 7);
  return static_cast<uint32_t>(_mm_movemask_ps(lo) | (_mm_movemask_ps(hi) << 4));
}

// Lanes of the last of nv vectors that hold labels (all bits set), of L.
inline V8m LastLanes(int L, int nv) {
  V8m m;
  for (int k = 0; k < 8; ++k) m[k] = 8 * (nv - 1) + k < L ? -1 : 0;
  return m;
}

// Viterbi over rows of Lp = 8 * NV floats (NV = 0: any L, slower). The
// scores are computed with the same float additions as the plain loop over
// all predecessors, and the maximum does not depend on their order:
// delta[i * Lp + l] = max over p of delta[(i - 1) * Lp + p] + trans[p][l],
// plus the emission. prune (labels with the same allowed predecessors, all
// of them): only predecessors within the transitions' spread of the best
// one can give any label its maximum, the others are not visited.
template <int NV>
inline __attribute__((always_inline)) void ViterbiRows(const float* emit, uint32_t n, int L, const ViterbiPlan& plan,
                                                       const float* end, bool prune, float spread, TagScratch& s,
                                                       uint16_t* out) {
  const int nv = NV > 0 ? NV : plan.Lp / 8;
  const size_t Lp = static_cast<size_t>(nv) * 8;
  const float* tp = plan.tp.data();
  const float* tt = plan.tt.data();
  s.delta.resize(n * Lp);
  s.pre.resize(n * Lp + 2 * Lp);
  float* d = s.delta.data();
  float* ebuf = s.pre.data() + n * Lp;  // an emission row, padded with zeros
  // The accumulators: in registers for up to 48 labels, else on the stack
  // (up to 256 labels) or the heap, 32-byte aligned (std::vector<V8f> is
  // not).
  V8f accs[NV > 0 ? NV : 32];
  struct AlignedFree {
    void operator()(V8f* p) const { ::operator delete[](p, std::align_val_t(alignof(V8f))); }
  };
  std::unique_ptr<V8f[], AlignedFree> heap;
  if (NV == 0 && nv > 32) heap.reset(new (std::align_val_t(alignof(V8f))) V8f[nv]);
  V8f* acc = heap ? heap.get() : accs;
  const V8m real_last = LastLanes(L, nv);
  for (int l = 0; l < L; ++l) d[l] = tp[L * Lp + l] + emit[l];
  for (size_t l = L; l < Lp; ++l) d[l] = kPad, ebuf[l] = 0;
  for (uint32_t i = 1; i < n; ++i) {
    const float* prev = d + (i - 1) * Lp;
    float* cur = d + i * Lp;
    if (prune) {
      V8f mv = LoadF(prev);
      for (int v = 1; v < nv; ++v) mv = MaxF(mv, LoadF(prev + 8 * v));
      float m = mv[0];
      for (int k = 1; k < 8; ++k) m = std::max(m, mv[k]);
      const float thr = m - spread - 1e-3f - 1e-5f * std::fabs(m);
      for (int v = 0; v < nv; ++v) acc[v] = V8f{} - INFINITY;
      // The predecessors at or above the threshold (few), found without a
      // branch per predecessor (the padding, -3e38, is always below).
      const V8f tv = V8f{} + thr;
      for (int v = 0; v < nv; ++v) {
        uint32_t bits = MaskBits(LoadF(prev + 8 * v) >= tv);
        while (bits) {
          const int p = 8 * v + __builtin_ctz(bits);
          bits &= bits - 1;
          const V8f pv = V8f{} + prev[p];
          const float* row = tp + p * Lp;
          for (int u = 0; u < nv; ++u) acc[u] = MaxF(acc[u], pv + LoadF(row + 8 * u));
        }
      }
    } else {
      const V8f p0 = V8f{} + prev[0];
      for (int v = 0; v < nv; ++v) acc[v] = p0 + LoadF(tp + 8 * v);
      for (int p = 1; p < L; ++p) {
        const V8f pv = V8f{} + prev[p];
        const float* row = tp + p * Lp;
        for (int v = 0; v < nv; ++v) acc[v] = MaxF(acc[v], pv + LoadF(row + 8 * v));
      }
    }
    float* pre = s.pre.data() + i * Lp;
    for (int v = 0; v < nv; ++v) StoreF(pre + 8 * v, acc[v]);
    // The emission row read in whole vectors where the array goes on past
    // it, else copied to a padded row; the lanes past the labels are set to
    // the padding in registers (a copy or scalar stores there made the
    // vector loads of the row wait: no store forwarding).
    const float* e = emit + static_cast<size_t>(i) * L;
    if (static_cast<size_t>(i) * L + Lp > static_cast<size_t>(n) * L) {
      std::memcpy(ebuf, e, sizeof(float) * L);
      e = ebuf;
    }
    for (int v = 0; v < nv - 1; ++v) StoreF(cur + 8 * v, acc[v] + LoadF(e + 8 * v));
    StoreF(cur + 8 * (nv - 1), real_last ? acc[nv - 1] + LoadF(e + 8 * (nv - 1)) : V8f{} + kPad);
  }
  const float* last = d + (n - 1) * Lp;
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
    const float* prev = d + (i - 1) * Lp;
    const float* col = tt + arg * Lp;
    const float target = s.pre[i * Lp + arg];
    int parg = -1;
    const V8f tv = V8f{} + target;
    for (int v = 0; v < nv; ++v) {
      // The padding sums to -inf, never the target.
      const uint32_t bits = MaskBits(LoadF(prev + 8 * v) + LoadF(col + 8 * v) == tv);
      if (bits) {
        parg = 8 * v + __builtin_ctz(bits);
        break;
      }
    }
    if (parg < 0) {  // not reached: the maximum is one of the sums
      float pb = kNegInf * 4;
      for (int p = 0; p < L; ++p) {
        float v = prev[p] + col[p];
        if (v > pb) pb = v, parg = p;
      }
    }
    arg = parg;
  }
}

__attribute__((target_clones("avx2", "default"))) void ViterbiPadded(const float* emit, uint32_t n, int L,
                                                                     const ViterbiPlan& plan, const float* end,
                                                                     bool prune, float spread, TagScratch& s,
                                                                     uint16_t* out) {
  switch (plan.Lp / 8) {
    case 1: return ViterbiRows<1>(emit, n, L, plan, end, prune, spread, s, out);
    case 2: return ViterbiRows<2>(emit, n, L, plan, end, prune, spread, s, out);
    case 3: return ViterbiRows<3>(emit, n, L, plan, end, prune, spread, s, out);
    case 4: return ViterbiRows<4>(emit, n, L, plan, end, prune, spread, s, out);
    case 5: return ViterbiRows<5>(emit, n, L, plan, end, prune, spread, s, out);
    case 6: return ViterbiRows<6>(emit, n, L, plan, end, prune, spread, s, out);
    default: return ViterbiRows<0>(emit, n, L, plan, end, prune, spread, s, out);
  }
}

}  // namespace

void Viterbi(const float* emit, uint32_t n, int L, const float* trans, const float* end, TagScratch& s,
             uint16_t* out, const ViterbiPlan* plan) {
  if (n == 0) return;
  ViterbiPlan local;
  if (!plan || plan->Lp == 0) {
    PadTransitions(trans, L, &local);
    plan = &local;
  }
  // Pruning pays for one group of labels that all follow all labels (part
  // of speech); with BILOU groups the full loop over predecessors, 8
  // labels at a time, is cheaper than the bookkeeping.
  const bool prune = plan->spread.size() == 1 && plan->preds.size() == static_cast<size_t>(L);
  ViterbiPadded(emit, n, L, *plan, end, prune, prune ? plan->spread[0] : 0.0f, s, out);
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

// Where SumGroups puts the sums of group i (Lp = L rounded up to 8 int32):
// Emit: the row acc + i * Lp holds what the sums are added to; the result,
// times scale, goes to emit[i * L + l]. Store: the row rows[i] receives the
// sums (its previous contents are ignored).
struct ToEmit {
  int32_t* acc;
  float* emit;
  float scale;
  static constexpr bool kAdd = true;
  int32_t* Row(uint32_t i, uint32_t Lp) const { return acc + static_cast<size_t>(i) * Lp; }
  void Finish(uint32_t i, const int32_t* row, const int32_t* lanes, int L, uint32_t) const {
    float* e = emit + static_cast<size_t>(i) * L;
    for (int l = 0; l < L; ++l) e[l] = static_cast<float>(row[l] + lanes[l]) * scale;
  }
};
struct ToRows {
  int32_t* const* rows;
  static constexpr bool kAdd = false;
  int32_t* Row(uint32_t i, uint32_t) const { return rows[i]; }
  void Finish(uint32_t, int32_t* row, const int32_t* lanes, int, uint32_t Lp) const {
    for (uint32_t l = 0; l < Lp; ++l) row[l] += lanes[l];
  }
};

// The sums of SumGroups for L <= 8 * NV: dense rows are added in NV vectors
// of 8 that stay in registers (reading up to 7 words past the row, which
// the padding of SparseWeights allows; those lanes are not used), sparse
// rows into the group's row.
template <int NV, typename Out>
inline __attribute__((always_inline)) void SumGroupsNV(const uint16_t* data, const uint32_t* begin,
                                                       const uint32_t* len, const uint32_t* offs, uint32_t n, int L,
                                                       const Out& out) {
  const uint32_t dense = static_cast<uint32_t>(L);
  constexpr uint32_t Lp = 8 * NV;
  alignas(32) int32_t lanes[8 * NV];
  for (uint32_t i = 0; i < n; ++i) {
    V8i a[NV] = {};
    int32_t* ai = out.Row(i, Lp);
    if (!Out::kAdd) std::fill(ai, ai + Lp, 0);
    for (uint32_t k = offs[i]; k < offs[i + 1]; ++k) {
      const uint16_t* d = data + begin[k];
      if (len[k] == dense) {
        for (int v = 0; v < NV; ++v) {
          V8s x;
          std::memcpy(&x, d + 8 * v, sizeof(x));
          a[v] += __builtin_convertvector(x, V8i);
        }
      } else {
        for (uint32_t j = 0; j < len[k]; j += 2) ai[d[j]] += static_cast<int16_t>(d[j + 1]);
      }
    }
    std::memcpy(lanes, a, sizeof(lanes));
    out.Finish(i, ai, lanes, L, Lp);
  }
}

// Sums the weight rows of the features of each of n groups (group i owns
// feats[offs[i], offs[i + 1])) into out. Three passes over the features
// (bucket -> row, row -> entry range, entries -> sums), each prefetching
// ahead, so that the cache misses of independent features overlap.
template <typename Out>
inline __attribute__((always_inline)) void SumGroups(const SparseWeights& w, const uint32_t* feats,
                                                     const uint32_t* offs_in, uint32_t n, TagScratch& s,
                                                     const Out& out) {
  const int L = w.labels();
  const uint32_t nf = offs_in[n];
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
    case 1: return SumGroupsNV<1>(data, begin, len, offs_in, n, L, out);
    case 2: return SumGroupsNV<2>(data, begin, len, offs_in, n, L, out);
    case 3: return SumGroupsNV<3>(data, begin, len, offs_in, n, L, out);
    case 4: return SumGroupsNV<4>(data, begin, len, offs_in, n, L, out);
    case 5: return SumGroupsNV<5>(data, begin, len, offs_in, n, L, out);
    case 6: return SumGroupsNV<6>(data, begin, len, offs_in, n, L, out);
    case 7: return SumGroupsNV<7>(data, begin, len, offs_in, n, L, out);
    case 8: return SumGroupsNV<8>(data, begin, len, offs_in, n, L, out);
    case 9: return SumGroupsNV<9>(data, begin, len, offs_in, n, L, out);
    case 10: return SumGroupsNV<10>(data, begin, len, offs_in, n, L, out);
    default: break;
  }
  const uint32_t dense = static_cast<uint32_t>(L);
  const uint32_t Lp = (static_cast<uint32_t>(L) + 7) & ~7u;
  std::vector<int32_t> zeros(Lp, 0);
  for (uint32_t i = 0; i < n; ++i) {
    int32_t* ai = out.Row(i, Lp);
    if (!Out::kAdd) std::fill(ai, ai + Lp, 0);
    for (uint32_t k = offs_in[i]; k < offs_in[i + 1]; ++k) {
      const uint16_t* d = data + begin[k];
      if (len[k] == dense) {
        for (int l = 0; l < L; ++l) ai[l] += static_cast<int16_t>(d[l]);
      } else {
        for (uint32_t j = 0; j < len[k]; j += 2) ai[d[j]] += static_cast<int16_t>(d[j + 1]);
      }
    }
    out.Finish(i, ai, zeros.data(), L, Lp);
  }
}

// Built for AVX2 (which brings POPCNT) and for the baseline, chosen when the
// program starts.
__attribute__((target_clones("avx2", "default"))) void SumRows(const SparseWeights& w, const uint32_t* feats,
                                                               const uint32_t* tok_offs, uint32_t n, float scale,
                                                               TagScratch& s, int32_t* acc, float* emit) {
  SumGroups(w, feats, tok_offs, n, s, ToEmit{acc, emit, scale});
}

// Lanes [0, L1) to emissions (times scale), lanes [L1, L) to second
// (int32 sums, L - L1 per group).
struct ToEmitSplit {
  int32_t* acc;
  float* emit;
  float scale;
  int L1;
  int32_t* second;
  static constexpr bool kAdd = true;
  int32_t* Row(uint32_t i, uint32_t Lp) const { return acc + static_cast<size_t>(i) * Lp; }
  void Finish(uint32_t i, const int32_t* row, const int32_t* lanes, int L, uint32_t) const {
    float* e = emit + static_cast<size_t>(i) * L1;
    for (int l = 0; l < L1; ++l) e[l] = static_cast<float>(row[l] + lanes[l]) * scale;
    int32_t* o = second + static_cast<size_t>(i) * (L - L1);
    for (int l = L1; l < L; ++l) o[l - L1] = row[l] + lanes[l];
  }
};

__attribute__((target_clones("avx2", "default"))) void SumRowsSplit(const SparseWeights& w, const uint32_t* feats,
                                                                    const uint32_t* tok_offs, uint32_t n, float scale,
                                                                    int L1, int32_t* second, TagScratch& s,
                                                                    int32_t* acc, float* emit) {
  SumGroups(w, feats, tok_offs, n, s, ToEmitSplit{acc, emit, scale, L1, second});
}

__attribute__((target_clones("avx2", "default"))) void SumIntoRows(const SparseWeights& w, const uint32_t* feats,
                                                                   const uint32_t* offs, uint32_t n, TagScratch& s,
                                                                   int32_t* const* rows) {
  SumGroups(w, feats, offs, n, s, ToRows{rows});
}

// acc row j = sum over o in [-2, 2] with 0 <= j + o < n of
// word[j + o][(o + 2) * Lp, (o + 3) * Lp): the word sums of the tokens
// around j, at their offsets from j.
template <int NV>
inline __attribute__((always_inline)) void GatherWordSumsNV(const int32_t* const* word, uint32_t n, int32_t* acc) {
  constexpr uint32_t Lp = 8 * NV;
  for (uint32_t j = 0; j < n; ++j) {
    if (j + 3 < n) {
      const int32_t* p = word[j + 3];
      for (uint32_t b = 0; b < 5 * Lp; b += 16) __builtin_prefetch(p + b);
    }
    V8i a[NV] = {};
    const uint32_t lo = j >= 2 ? j - 2 : 0, hi = std::min(n - 1, j + 2);
    for (uint32_t t = lo; t <= hi; ++t) {
      const int32_t* g = word[t] + (t + 2 - j) * Lp;
      for (int v = 0; v < NV; ++v) {
        V8i x;
        std::memcpy(&x, g + 8 * v, sizeof(x));
        a[v] += x;
      }
    }
    std::memcpy(acc + static_cast<size_t>(j) * Lp, a, sizeof(a));
  }
}

__attribute__((target_clones("avx2", "default"))) void GatherWordSums(const int32_t* const* word, uint32_t n,
                                                                      uint32_t Lp, int32_t* acc) {
  switch (Lp / 8) {
    case 1: return GatherWordSumsNV<1>(word, n, acc);
    case 2: return GatherWordSumsNV<2>(word, n, acc);
    case 3: return GatherWordSumsNV<3>(word, n, acc);
    case 4: return GatherWordSumsNV<4>(word, n, acc);
    case 5: return GatherWordSumsNV<5>(word, n, acc);
    case 6: return GatherWordSumsNV<6>(word, n, acc);
    case 7: return GatherWordSumsNV<7>(word, n, acc);
    case 8: return GatherWordSumsNV<8>(word, n, acc);
    case 9: return GatherWordSumsNV<9>(word, n, acc);
    case 10: return GatherWordSumsNV<10>(word, n, acc);
    default: break;
  }
  for (uint32_t j = 0; j < n; ++j) {
    int32_t* a = acc + static_cast<size_t>(j) * Lp;
    std::fill(a, a + Lp, 0);
    const uint32_t lo = j >= 2 ? j - 2 : 0, hi = std::min(n - 1, j + 2);
    for (uint32_t t = lo; t <= hi; ++t) {
      const int32_t* g = word[t] + (t + 2 - j) * Lp;
      for (uint32_t l = 0; l < Lp; ++l) a[l] += g[l];
    }
  }
}

std::atomic<uint64_t> g_next_model_id{1};

}  // namespace

SequenceModel::SequenceModel() : id_(NewId()) {}

uint64_t SequenceModel::NewId() { return g_next_model_id.fetch_add(1, std::memory_order_relaxed); }

void SequenceModel::Emissions(const SentenceIn& in, const Prepared& pre, TagScratch& s) const {
  const TokenFacts* facts = pre.facts ? pre.facts : fx_.TokenInfo(in, s.fs);
  const size_t Lp = (static_cast<size_t>(num_labels()) + 7) & ~size_t{7};
  s.emit.resize(static_cast<size_t>(in.n) * num_labels());
  s.acc.resize(in.n * Lp);
  if (pre.cache) return EmissionsCached(in, facts, *pre.cache, s, w_, id_, nullptr);
  if (pre.shared) fx_.ExtractWithShared(in, facts, pre.shared, pre.shared_offs, s.fs);
  else fx_.ExtractWith(in, facts, s.fs);
  std::fill(s.acc.begin(), s.acc.begin() + in.n * Lp, 0);
  SumRows(w_, s.fs.feats.data(), s.fs.offs.data(), in.n, scale_, s, s.acc.data(), s.emit.data());
}

void SequenceModel::EmissionsCached(const SentenceIn& in, const TokenFacts* facts, EmissionCache& c, TagScratch& s,
                                    const SparseWeights& w, uint64_t owner, int32_t* second) const {
  const uint32_t n = in.n;
  const uint32_t Lp = (static_cast<uint32_t>(w.labels()) + 7) & ~7u;
  s.acc.resize(static_cast<size_t>(n) * Lp);
  const size_t sets = size_t{1} << c.log2_sets_;
  if (c.owner_ != owner || !c.sums_ || c.stride_ != 5 * Lp) {
    c.owner_ = owner;
    c.stride_ = 5 * Lp;
    c.keys_.assign(2 * sets, EmissionCache::kEmpty);
    c.recent_.assign(sets, 0);
    c.last_use_.assign(2 * sets, 0);
    c.sentence_ = 0;
    // Not zero-filled: a slot is written before it is read.
    const size_t bytes = 2 * sets * c.stride_ * sizeof(int32_t);
    c.sums_ = std::unique_ptr<int32_t[], EmissionCache::Free>(static_cast<int32_t*>(HugeAllocate(bytes)),
                                                              EmissionCache::Free{bytes});
  }
  const uint64_t set_mask = sets - 1;
  // A new number for this sentence: its words' slots are not reused by
  // other words of the same sentence.
  if (++c.sentence_ == 0) {
    std::fill(c.last_use_.begin(), c.last_use_.end(), 0);
    c.sentence_ = 1;
  }
  const uint32_t now = c.sentence_;
  // 1. The slot of each token's word; the words not found are queued.
  s.word_sums.resize(n);
  s.slot.resize(n);
  uint32_t nmiss = 0, nover = 0;
  s.miss.resize(n);
  for (uint32_t i = 0; i < n && i < 8; ++i) __builtin_prefetch(&c.keys_[2 * (facts[i].word & set_mask)]);
  for (uint32_t i = 0; i < n; ++i) {
    if (i + 8 < n) __builtin_prefetch(&c.keys_[2 * (facts[i + 8].word & set_mask)]);
    const uint64_t key = facts[i].word;
    const size_t set = key & set_mask;
    uint64_t* k = &c.keys_[2 * set];
    size_t way;
    if (k[0] == key && key != EmissionCache::kEmpty) {
      way = 0;
      ++c.hits_;
    } else if (k[1] == key && key != EmissionCache::kEmpty) {
      way = 1;
      ++c.hits_;
    } else {
      ++c.misses_;
      way = c.recent_[set] ^ 1;
      if (c.last_use_[2 * set + way] == now) way ^= 1;
      if (c.last_use_[2 * set + way] == now) {
        // Both ways hold words of this sentence: sums outside the cache.
        s.slot[i] = ~nover++;
        s.miss[nmiss++] = i;
        continue;
      }
      k[way] = key;  // (kEmpty itself is never found: such a word is computed each time)
      s.miss[nmiss++] = i;
    }
    c.recent_[set] = static_cast<uint8_t>(way);
    c.last_use_[2 * set + way] = now;
    s.slot[i] = static_cast<uint32_t>(2 * set + way);
  }
  s.overflow.resize(static_cast<size_t>(nover) * c.stride_);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t sl = s.slot[i];
    s.word_sums[i] = static_cast<int32_t>(sl) >= 0 ? c.sums_.get() + static_cast<size_t>(sl) * c.stride_
                                                   : s.overflow.data() + static_cast<size_t>(~sl) * c.stride_;
  }
  // 2. The word sums of the words not found, at each offset: 5 groups per
  // word, summed together with prefetching.
  if (nmiss) {
    s.wfeats.resize(static_cast<size_t>(nmiss) * 5 * FeatureExtractor::kMaxWordFeatures);
    s.woffs.resize(static_cast<size_t>(nmiss) * 5 + 1);
    s.wrows.resize(static_cast<size_t>(nmiss) * 5);
    uint32_t nf = 0, g = 0;
    for (uint32_t m = 0; m < nmiss; ++m) {
      const uint32_t i = s.miss[m];
      int32_t* dst = const_cast<int32_t*>(s.word_sums[i]);
      for (int o = -2; o <= 2; ++o, ++g) {
        s.woffs[g] = nf;
        s.wrows[g] = dst + (o + 2) * Lp;
        nf += fx_.WordFeatures(in.words[i], facts[i], o, s.wfeats.data() + nf);
      }
    }
    s.woffs[g] = nf;
    SumIntoRows(w, s.wfeats.data(), s.woffs.data(), g, s, s.wrows.data());
  }
  // 3. Each token's row: the word sums around it, then the other features.
  int32_t* acc = s.acc.data();
  GatherWordSums(s.word_sums.data(), n, Lp, acc);
  fx_.ExtractContext(in, facts, s.fs);
  if (second)
    SumRowsSplit(w, s.fs.feats.data(), s.fs.offs.data(), n, scale_, num_labels(), second, s, acc, s.emit.data());
  else
    SumRows(w_, s.fs.feats.data(), s.fs.offs.data(), n, scale_, s, acc, s.emit.data());
}

void SequenceModel::TagFirstOfPair(const SentenceIn& in, const Prepared& pre, const SparseWeights& both,
                                   uint64_t both_id, TagScratch& s, uint16_t* out, int32_t* second_sums) const {
  if (in.n == 0) return;
  s.emit.resize(static_cast<size_t>(in.n) * num_labels());
  EmissionsCached(in, pre.facts, *pre.cache, s, both, both_id, second_sums);
  Decode(s.emit.data(), in.n, s, out);
}

std::vector<int32_t> SequenceModel::HistoryTable() const {
  std::vector<int32_t> t;
  if (!(fx_.groups() & kFgHistory)) return t;
  const size_t Lp = (static_cast<size_t>(num_labels()) + 7) & ~size_t{7};
  t.assign(kHistoryTableRows * Lp, 0);
  auto type = [](uint32_t x) -> uint64_t { return x < 5 ? x : 9; };
  const uint64_t k = FeatureExtractor::kHistoryFirst;
  for (uint32_t a = 0; a < 6; ++a) {
    w_.AddRow(fx_.Bucket(k, type(a)), t.data() + a * Lp);
    for (uint32_t b = 0; b < 6; ++b) {
      w_.AddRow(fx_.Bucket(k + 1, type(a) * 16 + type(b)), t.data() + (6 + 6 * a + b) * Lp);
      w_.AddRow(fx_.Bucket(k + 2, type(a) * 16 + type(b)), t.data() + (42 + 6 * a + b) * Lp);
    }
  }
  return t;
}

std::vector<int32_t> SequenceModel::PosSingleTable() const {
  std::vector<int32_t> t;
  if (!needs_pos()) return t;
  const size_t Lp = (static_cast<size_t>(num_labels()) + 7) & ~size_t{7};
  t.assign(5 * kPosTableValues * Lp, 0);
  for (uint32_t k = 0; k < 5; ++k)
    for (uint32_t v = 0; v < kPosTableValues; ++v)
      w_.AddRow(fx_.Bucket(FeatureExtractor::kPosSingleFirst + k, v < 64 ? v : 250 + (v - 64)),
                t.data() + (k * kPosTableValues + v) * Lp);
  return t;
}

namespace {

// acc row i += the rows of pos_table (SequenceModel::PosSingleTable) of the
// tags around token i; false (nothing added) when a tag is 64 or more.
template <int NV>
inline __attribute__((always_inline)) bool AddPosRowsNV(const uint8_t* pos, uint32_t n, const int32_t* table,
                                                        int32_t* acc) {
  for (uint32_t i = 0; i < n; ++i)
    if (pos[i] >= 64) return false;
  constexpr uint32_t Lp = 8 * NV;
  constexpr uint32_t V = SequenceModel::kPosTableValues;
  for (uint32_t i = 0; i < n; ++i) {
    V8i a[NV];
    std::memcpy(a, acc + static_cast<size_t>(i) * Lp, sizeof(a));
    for (uint32_t k = 0; k < 5; ++k) {
      const int64_t j = static_cast<int64_t>(i) + FeatureExtractor::kPosSingleOffset[k];
      const uint32_t v = j < 0 ? 64 : j >= static_cast<int64_t>(n) ? 65 : pos[j];
      const int32_t* r = table + (k * V + v) * Lp;
      for (int u = 0; u < NV; ++u) {
        V8i x;
        std::memcpy(&x, r + 8 * u, sizeof(x));
        a[u] += x;
      }
    }
    std::memcpy(acc + static_cast<size_t>(i) * Lp, a, sizeof(a));
  }
  return true;
}

// acc row i += the rows of table (SequenceModel::HistoryTable) of the
// first-pass types around token i; false (nothing added) for codes above 8.
template <int NV>
inline __attribute__((always_inline)) bool AddHistoryRowsNV(const uint8_t* hist, uint32_t n, const int32_t* table,
                                                            int32_t* acc) {
  for (uint32_t i = 0; i < n; ++i)
    if (hist[i] > 8) return false;
  constexpr uint32_t Lp = 8 * NV;
  auto x = [&](int64_t j) -> uint32_t { return j < 0 || j >= static_cast<int64_t>(n) ? 5 : HistoryType(hist[j]); };
  for (uint32_t i = 0; i < n; ++i) {
    V8i a[NV];
    std::memcpy(a, acc + static_cast<size_t>(i) * Lp, sizeof(a));
    const uint32_t p = x(static_cast<int64_t>(i) - 1), c = x(i), q = x(static_cast<int64_t>(i) + 1);
    const int32_t* r[3] = {table + c * Lp, table + (6 + 6 * p + c) * Lp, table + (42 + 6 * c + q) * Lp};
    for (int k = 0; k < 3; ++k)
      for (int u = 0; u < NV; ++u) {
        V8i y;
        std::memcpy(&y, r[k] + 8 * u, sizeof(y));
        a[u] += y;
      }
    std::memcpy(acc + static_cast<size_t>(i) * Lp, a, sizeof(a));
  }
  return true;
}

__attribute__((target_clones("avx2", "default"))) bool AddHistoryRows(const uint8_t* hist, uint32_t n, uint32_t Lp,
                                                                      const int32_t* table, int32_t* acc) {
  switch (Lp / 8) {
    case 1: return AddHistoryRowsNV<1>(hist, n, table, acc);
    case 2: return AddHistoryRowsNV<2>(hist, n, table, acc);
    case 3: return AddHistoryRowsNV<3>(hist, n, table, acc);
    case 4: return AddHistoryRowsNV<4>(hist, n, table, acc);
    case 5: return AddHistoryRowsNV<5>(hist, n, table, acc);
    case 6: return AddHistoryRowsNV<6>(hist, n, table, acc);
    default: return false;
  }
}

__attribute__((target_clones("avx2", "default"))) bool AddPosRows(const uint8_t* pos, uint32_t n, uint32_t Lp,
                                                                  const int32_t* table, int32_t* acc) {
  switch (Lp / 8) {
    case 1: return AddPosRowsNV<1>(pos, n, table, acc);
    case 2: return AddPosRowsNV<2>(pos, n, table, acc);
    case 3: return AddPosRowsNV<3>(pos, n, table, acc);
    case 4: return AddPosRowsNV<4>(pos, n, table, acc);
    case 5: return AddPosRowsNV<5>(pos, n, table, acc);
    case 6: return AddPosRowsNV<6>(pos, n, table, acc);
    default: return false;
  }
}

}  // namespace

void SequenceModel::TagSecondOfPair(const SentenceIn& in, const Prepared& pre, const int32_t* sums, uint32_t extra,
                                    TagScratch& s, uint16_t* out, const int32_t* table) const {
  const uint32_t n = in.n;
  if (n == 0) return;
  const int L = num_labels();
  const size_t Lp = (static_cast<size_t>(L) + 7) & ~size_t{7};
  s.emit.resize(static_cast<size_t>(n) * L);
  s.acc.resize(n * Lp);
  for (uint32_t i = 0; i < n; ++i) {
    int32_t* a = s.acc.data() + i * Lp;
    std::copy(sums + static_cast<size_t>(i) * L, sums + static_cast<size_t>(i + 1) * L, a);
    std::fill(a + L, a + Lp, 0);
  }
  // The one-tag POS features or the history features of the types around
  // the token from the table: the same sums as looking them up (int32 sums
  // of the same int16 weights).
  bool added = false;
  if (table && extra == kFgPos && in.pos && needs_pos())
    added = AddPosRows(in.pos, n, static_cast<uint32_t>(Lp), table, s.acc.data());
  else if (table && extra == kFgHistory && in.hist && (fx_.groups() & kFgHistory))
    added = AddHistoryRows(in.hist, n, static_cast<uint32_t>(Lp), table, s.acc.data());
  fx_.ExtractGroups(in, pre.facts, extra, s.fs, !added);
  SumRows(w_, s.fs.feats.data(), s.fs.offs.data(), n, scale_, s, s.acc.data(), s.emit.data());
  Decode(s.emit.data(), n, s, out);
}

void SequenceModel::Tag(const SentenceIn& in, const Prepared& pre, TagScratch& s, uint16_t* out) const {
  if (in.n == 0) return;
  Emissions(in, pre, s);
  Decode(s.emit.data(), in.n, s, out);
}

void SequenceModel::Decode(const float* emit, uint32_t n, TagScratch& s, uint16_t* out) const {
  Viterbi(emit, n, num_labels(), ctrans_.data(), cend_.data(), s, out, &plan_);
}

namespace {

// Format 3: the header padded to this many bytes, so that the payload (and
// its arrays, aligned to 64 bytes within it) are aligned in a mapping.
constexpr size_t kHeaderBytes3 = 64;
constexpr size_t kHeaderBytes2 = 28;

}  // namespace

bool SequenceModel::SameAs(const SequenceModel& o) const {
  return task_ == o.task_ && groups_ == o.groups_ && bits_ == o.bits_ && provenance_ == o.provenance_ &&
         labels_ == o.labels_ && scheme_ == o.scheme_ && std::memcmp(&scale_, &o.scale_, sizeof scale_) == 0 &&
         trans_.size() == o.trans_.size() && end_.size() == o.end_.size() &&
         std::memcmp(trans_.data(), o.trans_.data(), trans_.size() * sizeof(float)) == 0 &&
         std::memcmp(end_.data(), o.end_.data(), end_.size() * sizeof(float)) == 0 && clusters_ == o.clusters_ &&
         gaz_ == o.gaz_ && w_ == o.w_;
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
  clusters_.AppendTableTo(p);
  gaz_.AppendTableTo(p);
  w_.AppendArraysTo(p);

  std::string out(kMagic, 8);
  PutU32(out, kModelFormatVersion);
  PutU32(out, kFeatureVersion);
  uint64_t size = p.size();
  out.append(reinterpret_cast<const char*>(&size), 8);
  PutU32(out, Crc32(0, p.data(), p.size()));
  out.resize(kHeaderBytes3, '\0');
  // A temporary file renamed over path: a process that has the old file
  // mapped keeps reading it unchanged.
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return NotFound("cannot write model file " + path);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    f.write(p.data(), static_cast<std::streamsize>(p.size()));
    f.close();
    if (!f) {
      ::unlink(tmp.c_str());
      return Internal("error writing model file " + path);
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Internal("cannot write model file " + path + ": " + std::strerror(errno));
  }
  return Status::OK();
}

StatusOr<std::unique_ptr<SequenceModel>> SequenceModel::Load(const std::string& path) {
  // The file mapped from the page cache (else read into aligned memory): a
  // format-3 model's arrays point into it.
  auto file = std::make_shared<FileBytes>();
  {
    bool missing = false;
    const std::string why = FileBytes::Read(path, file.get(), &missing, SIZE_MAX);
    if (missing) return NotFound("cannot open tagger model file " + path + " (run `tidings train`, see README)");
    if (!why.empty()) return DataLoss(path + ": cannot read the tagger model file (" + why + ")");
  }
  const std::string_view data = file->bytes();
  if (data.size() < 8 || std::memcmp(data.data(), kMagic, 8) != 0)
    return InvalidArgument(path + ": not a tidings tagger model (bad magic)");
  if (data.size() < kHeaderBytes2) return DataLoss(path + ": tagger model is truncated (header)");
  uint32_t fmt, fver, crc;
  uint64_t size;
  std::memcpy(&fmt, data.data() + 8, 4);
  std::memcpy(&fver, data.data() + 12, 4);
  std::memcpy(&size, data.data() + 16, 8);
  std::memcpy(&crc, data.data() + 24, 4);
  if (fmt != kModelFormatVersion && fmt != 2)
    return InvalidArgument(path + ": tagger model format version " + std::to_string(fmt) + ", this build reads versions 2 and " +
                           std::to_string(kModelFormatVersion) + "; retrain it with `tidings train`");
  if (fver != kFeatureVersion)
    return InvalidArgument(path + ": model was trained with feature set version " + std::to_string(fver) +
                           ", this build extracts version " + std::to_string(kFeatureVersion) +
                           "; retrain it with `tidings train`");
  if (size > (1ull << 31)) return DataLoss(path + ": corrupt tagger model (payload size)");
  // Format 2: a zlib stream of the payload, inflated into a buffer and read
  // into the model's own arrays. Format 3: the payload as is, used in place.
  std::unique_ptr<char[]> payload;
  std::string_view p;
  if (fmt == 2) {
    payload.reset(new char[size > 0 ? size : 1]);
    p = std::string_view(payload.get(), size);
    uLongf plen = size;
    int zr = uncompress(reinterpret_cast<Bytef*>(payload.get()), &plen,
                        reinterpret_cast<const Bytef*>(data.data() + kHeaderBytes2), data.size() - kHeaderBytes2);
    if (zr != Z_OK || plen != size)
      return DataLoss(path + ": tagger model is truncated or corrupt (decompression failed)");
  } else {
    if (data.size() < kHeaderBytes3 || data.size() - kHeaderBytes3 < size)
      return DataLoss(path + ": tagger model is truncated (" + std::to_string(data.size()) + " bytes, the header says " +
                      std::to_string(kHeaderBytes3 + size) + ")");
    if (data.size() - kHeaderBytes3 > size) return DataLoss(path + ": corrupt tagger model (bytes after the payload)");
    p = data.substr(kHeaderBytes3);
  }
  if (Crc32(0, p.data(), p.size()) != crc) return DataLoss(path + ": tagger model is corrupt (checksum mismatch)");

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
  if (fmt == 2) {
    if (r.ok) r.ok = m->clusters_.ReadFrom(p, &r.pos);
    if (r.ok) r.ok = m->gaz_.ReadFrom(p, &r.pos);
    if (r.ok) r.ok = m->w_.ReadFrom(p, &r.pos);
  } else {
    if (r.ok) r.ok = m->clusters_.View(p, &r.pos);
    if (r.ok) r.ok = m->gaz_.View(p, &r.pos);
    if (r.ok) r.ok = m->w_.View(p, &r.pos);
    m->file_ = file;  // the arrays' memory
  }
  if (!r.ok || m->trans_.size() != (L + 1) * L || m->end_.size() != L || m->w_.bits() != m->bits_ ||
      m->w_.labels() != static_cast<int>(L) || r.pos != p.size())
    return DataLoss(path + ": corrupt tagger model (sections)");
  m->Finish();
  return m;
}

}  // namespace tidings::tagger
