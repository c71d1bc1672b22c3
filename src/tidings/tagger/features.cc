#include "tidings/tagger/features.h"

#include <algorithm>

#include "tidings/tagger/hash.h"

namespace tidings::tagger {
namespace {

enum Flag : uint32_t {
  kInitCap = 1, kAllCaps = 2, kAllLower = 4, kMixedCaps = 8, kHasDigit = 16, kNumeric = 32,
  kHasHyphen = 64, kHasPeriod = 128, kPunct = 256, kFirst = 512, kSentCaps = 1024,
  kNonAscii = 2048, kOneChar = 4096, kCapPeriod = 8192, kLong = 16384,
};
// The flags that depend on where the token stands, not on its word.
constexpr uint32_t kPositionFlags = kFirst | kSentCaps;

inline bool Upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
inline bool Lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
inline bool Digit(unsigned char c) { return c >= '0' && c <= '9'; }

}  // namespace

// One pass over the word's bytes: the FNV-1a states of HashBytes(w),
// HashLower(w) and of the shape (X/x/d/u or the byte itself, bytes 0x80-0xBF
// and NUL left out, at most 12 characters; HashBytes seed 3) and short shape
// (runs of one character collapsed; seed 4) side by side, and the casing
// flags. The same values as hashing each string on its own.
uint32_t HashToken(std::string_view w, TokenFacts* t, uint32_t* upper, uint32_t* lower) {
  constexpr uint64_t kBasis = 0xcbf29ce484222325ULL, kPrime = 0x100000001b3ULL;
  uint64_t hw = kBasis, hl = kBasis, hs = kBasis ^ 3, hss = kBasis ^ 4;
  uint32_t f = 0, up = 0, lo = 0, dig = 0, other = 0, ns = 0;
  unsigned char last = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    const unsigned char c = w[i];
    hw = (hw ^ c) * kPrime;
    unsigned char k;
    if (Upper(c)) {
      ++up;
      if (lo) f |= kMixedCaps;
      hl = (hl ^ static_cast<unsigned char>(c + 32)) * kPrime;
      k = 'X';
    } else {
      hl = (hl ^ c) * kPrime;
      if (Lower(c)) {
        ++lo;
        k = 'x';
      } else if (Digit(c)) {
        ++dig;
        k = 'd';
      } else if (c >= 0x80) {
        f |= kNonAscii;
        k = c >= 0xC0 ? 'u' : 0;
      } else {
        if (c == '-') f |= kHasHyphen;
        else if (c == '.') f |= kHasPeriod;
        ++other;
        k = c;
      }
    }
    if (k && ns < 12) {
      hs = (hs ^ k) * kPrime;
      if (ns == 0 || k != last) hss = (hss ^ k) * kPrime;
      last = k;
      ++ns;
    }
  }
  if (!w.empty() && Upper(static_cast<unsigned char>(w[0]))) f |= kInitCap;
  if (up && !lo) f |= kAllCaps;
  if (lo && !up) f |= kAllLower;
  if (dig) f |= kHasDigit;
  if (dig && !up && !lo && !(f & kNonAscii)) f |= kNumeric;
  if (other == w.size()) f |= kPunct;  // no letter, digit or non-ASCII byte
  if (w.size() == 1) f |= kOneChar;
  if (w.size() >= 10) f |= kLong;
  if (w.size() >= 2 && (f & kInitCap) && w.back() == '.') f |= kCapPeriod;
  t->word = Mix64(hw);
  t->lower = Mix64(hl);
  t->shape = Mix64(hs);
  t->sshape = Mix64(hss);
  *upper = up;
  *lower = lo;
  return f;
}

namespace {

constexpr uint64_t kBos = 0x1234567ULL, kEos = 0x7654321ULL;

}  // namespace

std::string FeatureGroupsName(uint32_t g) {
  std::string s;
  auto add = [&](uint32_t bit, const char* name) {
    if (!(g & bit)) return;
    if (!s.empty()) s += '+';
    s += name;
  };
  add(kFgBasic, "basic");
  add(kFgPos, "pos");
  add(kFgClusters, "clusters");
  add(kFgGazetteer, "gazetteer");
  add(kFgDocument, "document");
  add(kFgNer, "ner");
  add(kFgHistory, "history");
  return s;
}

bool IsAllCapsSentence(const SentenceIn& in) {
  int up = 0, lo = 0;
  for (uint32_t i = 0; i < in.n; ++i)
    for (unsigned char c : in.words[i]) {
      up += Upper(c);
      lo += Lower(c);
    }
  return up >= 2 && lo == 0;
}

// How a word is cased where it stands, for the document statistics: 1 lower
// case, 2 capitalised inside a sentence, 4 capitalised first word; 0 for
// words of an all-caps sentence and words that start with no letter.
static inline uint32_t CasingBit(std::string_view w, uint32_t i, bool caps_sentence) {
  if (w.empty()) return 0;
  unsigned char c = w[0];
  if (Lower(c)) return 1;
  if (Upper(c) && !caps_sentence) return i == 0 ? 4 : 2;
  return 0;
}

void FeatureExtractor::AddToDocument(const SentenceIn& in, FeatureScratch& s) const {
  bool caps = IsAllCapsSentence(in);
  for (uint32_t i = 0; i < in.n; ++i)
    if (uint32_t bit = CasingBit(in.words[i], i, caps)) s.doc_stats.Or(HashLower(in.words[i]), bit);
}

void FeatureExtractor::AddFactsToDocument(const SentenceIn& in, const TokenFacts* facts, FeatureScratch& s) const {
  for (uint32_t i = 0; i < in.n; ++i)
    if (uint32_t bit = CasingBit(in.words[i], i, facts[i].flags & kSentCaps)) s.doc_stats.Or(facts[i].lower, bit);
}

// Entity type of a first-pass code: 0 = O, 1..4 = PER ORG LOC MISC.
static inline uint32_t HistType(uint8_t code) { return HistoryType(code); }

void FeatureExtractor::AddToHistory(const SentenceIn& in, FeatureScratch& s) const {
  if (!in.hist) return;
  for (uint32_t i = 0; i < in.n; ++i) {
    std::string_view w = in.words[i];
    if (w.empty() || !Upper(static_cast<unsigned char>(w[0]))) continue;
    uint64_t k = HashLower(w);
    uint32_t v = s.doc_hist.Get(k);
    uint32_t t = HistType(in.hist[i]);
    uint32_t c = (v >> (6 * t)) & 63;
    if (c < 63) s.doc_hist.Set(k, v + (1u << (6 * t)));
  }
}

bool FeatureExtractor::SameLexicons(const FeatureExtractor& o) const {
  auto same = [](const Lexicon* a, const Lexicon* b) {
    if (!a || !b || a->empty() || b->empty()) return (!a || a->empty()) && (!b || b->empty());
    return a == b || *a == *b;
  };
  bool cl = !(groups_ & kFgClusters) || !(o.groups_ & kFgClusters) || same(clusters_, o.clusters_);
  bool gz = !(groups_ & kFgGazetteer) || !(o.groups_ & kFgGazetteer) || same(gaz_, o.gaz_);
  return cl && gz;
}

const TokenFacts* FeatureExtractor::TokenInfo(const SentenceIn& in, FeatureScratch& s, bool doc) const {
  const bool use_doc = doc && (groups_ & kFgDocument);
  s.tok.resize(in.n);
  uint32_t up = 0, lo = 0;  // letters of the sentence (IsAllCapsSentence)
  for (uint32_t i = 0; i < in.n; ++i) {
    std::string_view w = in.words[i];
    auto& t = s.tok[i];
    uint32_t u, l;
    t.flags = HashToken(w, &t, &u, &l) | (i == 0 ? uint32_t{kFirst} : 0u);
    up += u;
    lo += l;
    t.gaz = 0;
    t.doc = 0;
    t.clusters = 0;
    // The lexicon lookups below miss the caches: start them for the whole
    // sentence first.
    if ((groups_ & kFgClusters) && clusters_) {
      clusters_->Prefetch(t.word);
      clusters_->Prefetch(t.lower);
    }
    if (use_doc) s.doc_stats.Prefetch(t.lower);
    if ((groups_ & kFgGazetteer) && gaz_ && (t.flags & (kInitCap | kHasDigit)))
      gaz_->Prefetch(Combine(GazKeyStart(), t.lower));
  }
  if (up >= 2 && lo == 0)
    for (uint32_t i = 0; i < in.n; ++i) s.tok[i].flags |= kSentCaps;
  for (uint32_t i = 0; i < in.n; ++i) {
    std::string_view w = in.words[i];
    auto& t = s.tok[i];
    if ((groups_ & kFgClusters) && clusters_) {
      uint32_t c = clusters_->Get(t.word);
      if (!c && (t.flags & kAllCaps) && w.size() > 1) {
        s.buf.assign(w);
        for (size_t k = 1; k < s.buf.size(); ++k)
          if (Upper(static_cast<unsigned char>(s.buf[k]))) s.buf[k] = static_cast<char>(s.buf[k] + 32);
        c = clusters_->Get(HashBytes(s.buf));
      }
      if (!c) c = clusters_->Get(t.lower);
      t.clusters = c;
    }
    if (use_doc) t.doc = s.doc_stats.Get(t.lower);
  }
  if ((groups_ & kFgGazetteer) && gaz_ && !gaz_->empty()) {
    for (uint32_t b = 0; b < in.n; ++b) {
      if (!(s.tok[b].flags & (kInitCap | kHasDigit))) continue;
      uint64_t k = GazKeyStart();
      for (uint32_t e = b; e < in.n && e - b < static_cast<uint32_t>(kGazMaxTokens); ++e) {
        k = Combine(k, s.tok[e].lower);
        uint32_t v = gaz_->Get(k);
        if (!v) break;
        uint32_t cats = v & ((1u << kGazCategories) - 1);
        for (int c = 0; cats; ++c, cats >>= 1) {
          if (!(cats & 1)) continue;
          if (e == b) {
            s.tok[b].gaz |= 1u << (c * 4 + 3);
          } else {
            s.tok[b].gaz |= 1u << (c * 4 + 0);
            for (uint32_t m = b + 1; m < e; ++m) s.tok[m].gaz |= 1u << (c * 4 + 1);
            s.tok[e].gaz |= 1u << (c * 4 + 2);
          }
        }
        if (!(v & kGazPrefix)) break;
      }
    }
  }
  return s.tok.data();
}

void FeatureExtractor::ExtractWith(const SentenceIn& in, const TokenFacts* toks, FeatureScratch& s) const {
  Emit(in, toks, s, groups_, true, mask_, nullptr, nullptr, false);
}

void FeatureExtractor::ExtractShared(const SentenceIn& in, const TokenFacts* toks, FeatureScratch& s) const {
  Emit(in, toks, s, groups_ & kSharedGroups, true, ~0u, nullptr, nullptr, false);
}

void FeatureExtractor::ExtractWithShared(const SentenceIn& in, const TokenFacts* toks, const uint32_t* shared,
                                         const uint32_t* shared_offs, FeatureScratch& s) const {
  Emit(in, toks, s, groups_ & ~kSharedGroups, false, mask_, shared, shared_offs, false);
}

void FeatureExtractor::ExtractGroups(const SentenceIn& in, const TokenFacts* toks, uint32_t groups,
                                     FeatureScratch& s, bool table_features) const {
  Emit(in, toks, s, groups_ & groups, false, mask_, nullptr, nullptr, false, table_features);
}

void FeatureExtractor::ExtractContext(const SentenceIn& in, const TokenFacts* toks, FeatureScratch& s) const {
  Emit(in, toks, s, groups_, false, mask_, nullptr, nullptr, true);
}

namespace {
inline uint32_t FeatureBucket(uint64_t tid, uint64_t v, uint32_t mask) {
  return static_cast<uint32_t>(Mix64(v ^ (tid * 0x9E3779B97F4A7C15ULL))) & mask;
}
}  // namespace

uint32_t FeatureExtractor::Bucket(uint64_t tid, uint64_t v) const { return FeatureBucket(tid, v, mask_); }

uint32_t FeatureExtractor::WordFeatures(std::string_view w, const TokenFacts& t, int o, uint32_t* out) const {
  uint32_t k = 0;
  auto add = [&](uint64_t tid, uint64_t v) { out[k++] = FeatureBucket(tid, v, mask_); };
  const bool basic = groups_ & kFgBasic;
  const bool cls = (groups_ & kFgClusters) && clusters_;
  auto cl = [&](int level) -> uint64_t { return (t.clusters >> (10 * level)) & 1023; };
  switch (o) {
    case 0:
      add(1, 0);
      if (basic) {
        add(2, t.word);
        add(3, t.lower);
        add(8, t.shape);
        for (size_t n = 1; n <= 4 && n < w.size(); ++n) {
          add(17 + n, HashLower(w.substr(w.size() - n)));
          add(22 + n, HashLower(w.substr(0, n)));
        }
        for (uint32_t f = t.flags & ~kPositionFlags, b = 0; f; f >>= 1, ++b)
          if (f & 1) add(27, b);
      }
      if (cls)
        for (int l = 0; l < kClusterLevels; ++l) add(50 + l, cl(l));
      break;
    case -1:
    case 1:
      if (basic) {
        add(o < 0 ? 4 : 5, t.lower);
        add(o < 0 ? 9 : 10, t.sshape);
        add(o < 0 ? 28 : 29, t.flags & 0x3F);
      }
      if (cls)
        for (int l = 0; l < kClusterLevels; ++l) add((o < 0 ? 53 : 56) + l, cl(l));
      break;
    case -2:
    case 2:
      if (basic) {
        add(o < 0 ? 6 : 7, t.lower);
        add(o < 0 ? 11 : 12, t.sshape);
      }
      if (cls) add(o < 0 ? 59 : 60, cl(1));
      break;
    default:
      break;
  }
  return k;
}

void FeatureExtractor::Emit(const SentenceIn& in, const TokenFacts* toks, FeatureScratch& s, uint32_t groups,
                            bool bias, uint32_t mask, const uint32_t* shared, const uint32_t* shared_offs,
                            bool context_only, bool table_features) const {
  const uint32_t n = in.n;
  s.offs.resize(n + 1);
  // Written through a pointer; room for a token's features is made before
  // each token (at most kMaxTokenFeatures besides the shared ones).
  constexpr size_t kMaxTokenFeatures = 192;
  size_t at = 0;
  uint32_t* out = s.feats.data();
  auto room = [&](size_t extra) {
    if (s.feats.size() < at + extra) {
      s.feats.resize(std::max(at + extra, 2 * s.feats.size()));
      out = s.feats.data();
    }
  };
  auto add = [&](uint64_t tid, uint64_t v) __attribute__((always_inline)) { out[at++] = FeatureBucket(tid, v, mask); };
  auto tok = [&](int64_t j) -> const TokenFacts* {
    return j >= 0 && j < static_cast<int64_t>(n) ? &toks[j] : nullptr;
  };
  auto lower = [&](int64_t j) { auto* t = tok(j); return t ? t->lower : (j < 0 ? kBos : kEos); };
  auto sshape = [&](int64_t j) { auto* t = tok(j); return t ? t->sshape : (j < 0 ? kBos : kEos); };
  auto pos = [&](int64_t j) -> uint64_t {
    return j >= 0 && j < static_cast<int64_t>(n) ? in.pos[j] : (j < 0 ? 250 : 251);
  };
  auto cl = [&](int64_t j, int level) -> uint64_t {
    auto* t = tok(j);
    if (!t) return j < 0 ? 1100 : 1101;
    return (t->clusters >> (10 * level)) & 1023;
  };
  const bool use_pos = (groups & kFgPos) && in.pos;
  uint32_t numeric = 0;
  for (uint32_t i = 0; i < n; ++i) numeric += (toks[i].flags & kHasDigit) ? 1 : 0;
  const bool table_row = n >= 3 && numeric * 3 >= n;
  // context_only: the features of WordFeatures (those of one token's own
  // word at a fixed offset) are left out, except where that token is
  // outside the sentence.
  const bool all = !context_only;

  for (uint32_t i = 0; i < n; ++i) {
    s.offs[i] = static_cast<uint32_t>(at);
    const auto& t = toks[i];
    std::string_view w = in.words[i];
    const int64_t j = i;
    const bool m1 = all || i < 1, m2 = all || i < 2, p1 = all || i + 1 >= n, p2 = all || i + 2 >= n;
    if (shared) {
      const uint32_t* src = shared + shared_offs[i];
      const uint32_t cnt = shared_offs[i + 1] - shared_offs[i];
      room(cnt + kMaxTokenFeatures);
      for (uint32_t k = 0; k < cnt; ++k) out[at + k] = src[k] & mask;
      at += cnt;
    } else {
      room(kMaxTokenFeatures);
    }
    if (bias) add(1, 0);
    if (groups & kFgBasic) {
      if (all) {
        add(2, t.word);
        add(3, t.lower);
      }
      if (m1) add(4, lower(j - 1));
      if (p1) add(5, lower(j + 1));
      if (m2) add(6, lower(j - 2));
      if (p2) add(7, lower(j + 2));
      if (all) add(8, t.shape);
      if (m1) add(9, sshape(j - 1));
      if (p1) add(10, sshape(j + 1));
      if (m2) add(11, sshape(j - 2));
      if (p2) add(12, sshape(j + 2));
      add(13, Combine(sshape(j - 1), t.sshape));
      add(14, Combine(t.sshape, sshape(j + 1)));
      add(15, Combine(lower(j - 1), t.lower));
      add(16, Combine(t.lower, lower(j + 1)));
      if (all)
        for (size_t k = 1; k <= 4 && k < w.size(); ++k) {
          add(17 + k, HashLower(w.substr(w.size() - k)));
          add(22 + k, HashLower(w.substr(0, k)));
        }
      for (uint32_t f = all ? t.flags : (t.flags & kPositionFlags), b = 0; f; f >>= 1, ++b)
        if (f & 1) add(27, b);
      auto* p = tok(j - 1);
      auto* q = tok(j + 1);
      if (m1) add(28, p ? (p->flags & 0x3F) : 99);
      if (p1) add(29, q ? (q->flags & 0x3F) : 99);
    }
    if (use_pos) {
      static_assert(kPosSingleFirst == 40 && kPosSingleOffset[1] == -1 && kPosSingleOffset[4] == 2);
      if (table_features) {
        add(40, pos(j));
        add(41, pos(j - 1));
        add(42, pos(j + 1));
        add(43, pos(j - 2));
        add(44, pos(j + 2));
      }
      add(45, pos(j - 1) * 256 + pos(j));
      add(46, pos(j) * 256 + pos(j + 1));
      add(47, (pos(j - 2) * 256 + pos(j - 1)) * 256 + pos(j));
      add(48, (pos(j) * 256 + pos(j + 1)) * 256 + pos(j + 2));
      add(49, Combine(t.lower, pos(j)));
      add(39, (pos(j - 1) * 256 + pos(j)) * 256 + pos(j + 1));
    }
    if ((groups & kFgClusters) && clusters_) {
      for (int l = 0; l < kClusterLevels; ++l) {
        if (all) add(50 + l, cl(j, l));
        if (m1) add(53 + l, cl(j - 1, l));
        if (p1) add(56 + l, cl(j + 1, l));
      }
      if (m2) add(59, cl(j - 2, 1));
      if (p2) add(60, cl(j + 2, 1));
      add(61, cl(j - 1, 1) * 2048 + cl(j, 1));
      add(62, cl(j, 1) * 2048 + cl(j + 1, 1));
    }
    if ((groups & kFgGazetteer) && gaz_) {
      for (uint32_t g = t.gaz, b = 0; g; g >>= 1, ++b)
        if (g & 1) add(70, b);
      auto cats = [](uint32_t g) {
        uint32_t c = 0;
        for (int k = 0; k < kGazCategories; ++k)
          if ((g >> (4 * k)) & 15) c |= 1u << k;
        return c;
      };
      auto* p = tok(j - 1);
      auto* q = tok(j + 1);
      if (p && p->gaz) add(71, cats(p->gaz));
      if (q && q->gaz) add(72, cats(q->gaz));
    }
    if (groups & kFgDocument) {
      uint32_t ctx = ((t.flags & kInitCap) ? 1 : 0) | ((t.flags & kFirst) ? 2 : 0) | ((t.flags & kSentCaps) ? 4 : 0);
      add(80, t.doc * 8 + ctx);
    }
    if (groups & kFgNer) {
      if (t.flags & kSentCaps) add(90, t.lower);
      if (t.flags & kFirst) add(91, t.lower);
      add(92, Combine(lower(j - 1), t.sshape));
      add(93, Combine(t.sshape, lower(j + 1)));
      if (table_row) add(95, t.sshape);
      if (table_row) add(96, Combine(sshape(j - 1), t.sshape));
    }
    if ((groups & kFgHistory) && in.hist) {
      auto type = [&](int64_t k) -> uint64_t { return k >= 0 && k < static_cast<int64_t>(n) ? HistType(in.hist[k]) : 9; };
      static_assert(kHistoryFirst == 100);
      if (table_features) {
        add(100, type(j));
        add(101, type(j - 1) * 16 + type(j));
        add(102, type(j) * 16 + type(j + 1));
      }
      std::string_view wd = in.words[i];
      if (!wd.empty() && Upper(static_cast<unsigned char>(wd[0]))) {
        uint32_t v = s.doc_hist.Get(t.lower);
        uint32_t cnt[5], total = 0, best = 0;
        for (uint32_t k = 0; k < 5; ++k) cnt[k] = (v >> (6 * k)) & 63;
        uint32_t own = HistType(in.hist[i]);
        if (cnt[own]) --cnt[own];
        for (uint32_t k = 0; k < 5; ++k) {
          total += cnt[k];
          if (cnt[k] > cnt[best]) best = k;
          if (cnt[k]) add(103, k);
        }
        if (total) {
          add(104, best * 8 + (total == 1 ? 0 : total <= 3 ? 1 : 2));
          add(105, best * 8 + own);
          // Share of the majority type among other occurrences.
          add(106, best * 8 + (cnt[best] * 4 / (total + 1)));
        }
      }
    }
  }
  s.offs[n] = static_cast<uint32_t>(at);
  s.feats.resize(at);
}

}  // namespace tidings::tagger
