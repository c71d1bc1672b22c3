#include "tidings/events/coder.h"
#include "tidings/tagger/labels.h"

#include <algorithm>
#include <cstring>

namespace tidings::events {
namespace {

constexpr uint32_t kNo = UINT32_MAX;
constexpr uint32_t kMaxSentenceTokens = 400;  // longer sentences: only the first 400 tokens are coded

int Root(std::string_view c) { return c.size() >= 2 ? (c[0] - '0') * 10 + (c[1] - '0') : -1; }

// A reference to an actor phrase: sentence-relative tokens [b, e) and head.
struct Ref {
  uint32_t b = kNo, e = kNo, head = kNo;
  // An apposition of the phrase ("Kenzo Oshima, the U.N. relief coordinator,"):
  // its codes serve when the phrase itself has none.
  uint32_t alt_b = kNo, alt_e = kNo, alt_head = kNo;
  bool ok() const { return b != kNo; }
};

struct Match {
  const LexEntry* entry = nullptr;
  uint32_t end = 0;      // one past the last matched token
  uint32_t last = 0;     // last literal token
  int obj_np = -1;       // NP matched by '_'
  int literals = -1;
};

struct Cand {
  std::string code;
  const LexEntry* entry = nullptr;
  uint32_t trig_b = 0, trig_e = 0;  // sentence-relative
  std::vector<Ref> src, tgt;
  bool negated = false, noun = false, recip = false, weak = false;
  float conf = 0.6f;
};

bool LiteralMatches(std::string_view w, const std::vector<std::string>& alts) {
  for (const auto& a : alts) {
    if (w == a) return true;
    if (w.size() > a.size() && w.substr(0, a.size()) == a) {
      auto suf = w.substr(a.size());
      if (suf == "s" || suf == "es") return true;
    }
    if (a.back() == 'y' && w.size() == a.size() + 2 && w.substr(0, a.size() - 1) == a.substr(0, a.size() - 1) &&
        w.substr(a.size() - 1) == "ies")
      return true;
  }
  return false;
}

// Matches e.rest starting at token i; returns end or kNo.
bool MatchRest(const Shallow& sh, const LexEntry& e, size_t item, uint32_t i, Match* m, int depth = 0) {
  if (item == e.rest.size()) {
    m->end = i;
    return true;
  }
  if (depth > 12) return false;
  const PatItem& it = e.rest[item];
  if (it.kind != PatItem::kGap)
    while (i < sh.n && sh.tok[i].time) ++i;  // "called Thursday on Arabs to"
  switch (it.kind) {
    case PatItem::kWord:
      if (i < sh.n && LiteralMatches(sh.lower(i), it.alts)) {
        uint32_t save = m->last;
        m->last = i;
        if (MatchRest(sh, e, item + 1, i + 1, m, depth + 1)) return true;
        m->last = save;
      }
      return false;
    case PatItem::kObject: {
      int np = sh.NpAt(i);
      if (np < 0) return false;
      int save = m->obj_np;
      m->obj_np = np;
      // A coordinated object: "urged X and Y to".
      uint32_t e2 = sh.nps[np].e;
      int k = np;
      while (sh.nps[k].conj_next >= 0) {
        k = sh.nps[k].conj_next;
        e2 = sh.nps[k].e;
      }
      if (MatchRest(sh, e, item + 1, e2, m, depth + 1)) return true;
      if (e2 != sh.nps[np].e && MatchRest(sh, e, item + 1, sh.nps[np].e, m, depth + 1)) return true;
      // An apposition after the object: "forced the UN refugee agency, UNHCR, out".
      if (e2 + 2 < sh.n && sh.tok[e2].tag == Tag::kComma) {
        int ap = sh.NpAt(e2 + 1);
        if (ap >= 0 && sh.nps[ap].e < sh.n && sh.tok[sh.nps[ap].e].tag == Tag::kComma &&
            MatchRest(sh, e, item + 1, sh.nps[ap].e + 1, m, depth + 1))
          return true;
      }
      m->obj_np = save;
      return false;
    }
    case PatItem::kGap:
      for (uint32_t k = 0; k <= 5 && i + k <= sh.n; ++k) {
        if (i + k < sh.n && (sh.tok[i + k].tag == Tag::kPunct || sh.tok[i + k].tag == Tag::kSconj)) {
          return MatchRest(sh, e, item + 1, i + k, m, depth + 1);
        }
        if (MatchRest(sh, e, item + 1, i + k, m, depth + 1)) return true;
      }
      return false;
  }
  return false;
}

bool Better(const Match& a, const Match& b) {
  if (!b.entry) return true;
  if (a.literals != b.literals) return a.literals > b.literals;
  return a.end > b.end;
}

const std::string_view kTitles[] = {"ambassador", "envoy",  "president", "minister", "leader",   "governor",
                                    "mayor",      "premier", "chancellor", "king",    "queen",    "prince",
                                    "emir",       "sheikh",  "general",   "commander", "chief",   "deputy",
                                    "senator",    "lawmaker", "diplomat", "judge",    "prosecutor", "secretary",
                                    "spokesman",  "spokeswoman", "official", "consul", "vice-president", "mp",
                                    "politician", "cleric",  "ayatollah", "pope",     "bishop",   "archbishop"};

bool IsTitleWord(std::string_view w) {
  for (auto t : kTitles)
    if (w == t) return true;
  return false;
}

// Verbs of carrying on an act named by their object ("tighten the blockade",
// "intensified its air strikes", "waged a campaign"): the subject is the act's
// source. Matches the inflected forms of the stems.
bool IsCarryOnVerb(std::string_view w) {
  static constexpr std::string_view k[] = {"tighten", "impose", "enforce", "maintain", "extend", "continue", "resume",
                                           "intensify", "intensifie", "escalate", "expand", "widen", "mount", "wage",
                                           "renew", "conduct", "pursue", "step", "keep", "kept", "begin", "began",
                                           "begun", "start", "order", "broaden", "prolong", "reimpose"};
  for (auto st : k) {
    if (w == st) return true;
    if (w.size() <= st.size() || w.substr(0, st.size()) != st) {
      // "imposing", "continuing": a final e dropped before -ing.
      if (st.back() == 'e' && w.size() == st.size() + 2 && w.substr(0, st.size() - 1) == st.substr(0, st.size() - 1) &&
          w.substr(st.size() - 1) == "ing")
        return true;
      continue;
    }
    auto suf = w.substr(st.size());
    if (suf == "s" || suf == "d" || suf == "ed" || suf == "ing" || suf == "ped" || suf == "ping") return true;
  }
  return false;
}

// Gerunds of a reduced relative clause that describe how the subject acts
// ("aircraft using guided missiles", "gunmen wielding knives"); other -ing
// words before a noun are often modifiers ("peacekeeping troops").
bool IsMannerIng(std::string_view w) {
  static constexpr std::string_view k[] = {"using", "carrying", "wielding", "firing", "driving", "wearing",
                                           "riding", "flying", "brandishing", "armed", "operating"};
  for (auto x : k)
    if (w == x) return true;
  return false;
}

// Verbs whose object is the subject of a following infinitive ("allowed the
// refugees to return", "urged Iran to stop").
bool ObjectControl(std::string_view lemma) {
  static constexpr std::string_view k[] = {"ask", "tell", "order", "allow", "force", "urge", "persuade", "invite",
                                           "permit", "help", "want", "encourage", "enable", "expect", "call",
                                           "instruct", "authorize", "authorise", "request", "advise", "warn",
                                           "compel", "press", "pressure", "push", "lead", "get", "cause", "require",
                                           "oblige", "train", "send", "appoint", "elect", "choose", "need", "prompt",
                                           "pay", "hire", "recruit", "mobilize", "mobilise", "deploy", "like",
                                           "prefer", "leave", "challenge", "dare", "beg", "implore", "entitle"};
  if (lemma.empty()) return true;  // unknown verbs: do not guess
  for (auto w : k)
    if (lemma == w) return true;
  return false;
}

class SentenceCoder {
 public:
  SentenceCoder(const Lexicon& lex, Document& doc, const Shallow& sh, uint32_t sent,
                const std::vector<int32_t>* cover = nullptr)
      : lex_(lex), doc_(doc), sh_(sh), cover_(cover) {
    n_ = std::min(sh.n, kMaxSentenceTokens);
    consumed_.assign(sh.n, 0);
    subj_cache_.assign(sh.vgs.size(), Cached{});
    frame_clause_.assign(sh.clause_kind.size(), 0);
  }

  void Run(std::vector<Cand>* out);

 private:
  struct Cached {
    bool done = false;
    std::vector<Ref> refs;
    bool inherited_passive = false;
  };

  Match BestVerbMatch(uint32_t i) const;
  Match BestNounMatch(uint32_t i, bool allow_weak) const;
  std::vector<Ref> Subject(int vg, bool* passive_inherited);
  std::vector<Ref> NpRefs(int np) const;  // NP plus its coordinated siblings
  Ref NpRef(int np) const {
    if (np < 0) return {};
    const auto& p = sh_.nps[np];
    return {p.b, p.e, p.head};
  }
  int ObjectNp(uint32_t from) const;
  int PrepNp(uint32_t from, const std::vector<std::string>& preps, uint32_t limit_tokens) const;
  int ByAgent(uint32_t from) const;
  bool CodeVerb(int vg, std::vector<Cand>* out);
  bool CodeComplement(const VerbGroup& g, const Match& m, Cand* c, std::vector<Ref>* comp_subject);
  bool NounEvent(uint32_t i, const Match& m, Cand* c);
  int VgAt(uint32_t i) const { return i < sh_.n ? sh_.tok[i].vg : -1; }
  int PrevVg(int vg) const { return vg - 1; }
  // Token before the "(" matching the ")" at t (-1 when none within 12 tokens).
  int64_t SkipParenLeft(int64_t t) const {
    for (int64_t c = t - 1; c >= 0 && c >= t - 12; --c)
      if (sh_.tok[c].lower == "(") return c - 1;
    return -1;
  }
  uint32_t SkipAdv(uint32_t i) const {
    while (i < n_ && (sh_.tok[i].tag == Tag::kAdv || sh_.tok[i].time)) ++i;
    return i;
  }
  bool ElitePerson(const Ref& r) const;
  int SpeechVgBefore(int vgi) const {
    for (int p = vgi - 1; p >= 0; --p) {
      std::string_view lemma = lex_.VerbLemma(sh_.lower(sh_.vgs[p].head));
      if (!lemma.empty() && lex_.IsSpeech(lemma)) return p;
    }
    return -1;
  }
  void MilitaryContext(std::vector<Cand>* out) const;

  const Lexicon& lex_;
  Document& doc_;
  const Shallow& sh_;
  uint32_t n_;
  std::vector<uint8_t> consumed_;
  std::vector<Cached> subj_cache_;
  std::vector<uint8_t> frame_clause_;  // per clause: the "that" complement of a coded frame verb
  const std::vector<int32_t>* cover_;  // document token -> kb mention (null without kb)
  // An NP that names no actor: no kb mention in it, not a name or pronoun.
  bool NotAnActor(int np) const {
    if (!cover_ || np < 0) return false;
    const auto& p = sh_.nps[np];
    if (sh_.tok[p.head].tag == Tag::kPropn || sh_.tok[p.head].tag == Tag::kPron) return false;
    for (uint32_t i = p.b; i < p.e; ++i) {
      uint32_t d = sh_.base + i;
      if (d < cover_->size() && (*cover_)[d] >= 0) return false;
    }
    return true;
  }
};

Match SentenceCoder::BestVerbMatch(uint32_t i) const {
  Match best;
  const auto* fes = lex_.Verb(sh_.lower(i));
  if (!fes) return best;
  for (const auto& fe : *fes) {
    const LexEntry& e = lex_.entries()[fe.entry];
    Match m;
    m.entry = &e;
    m.last = i;
    if (!MatchRest(sh_, e, 0, i + 1, &m)) continue;
    m.literals = e.literals;
    if (Better(m, best)) best = m;
  }
  return best;
}

Match SentenceCoder::BestNounMatch(uint32_t i, bool allow_weak) const {
  Match best;
  const auto* fes = lex_.Noun(sh_.lower(i));
  if (!fes) return best;
  for (const auto& fe : *fes) {
    const LexEntry& e = lex_.entries()[fe.entry];
    if (e.weak && !allow_weak) continue;
    Match m;
    m.entry = &e;
    m.last = i;
    if (!MatchRest(sh_, e, 0, i + 1, &m)) continue;
    // The match must end at a noun phrase head region: the last literal inside an NP.
    if (sh_.tok[m.last].np < 0) continue;
    m.literals = e.literals;
    if (Better(m, best)) best = m;
  }
  return best;
}

std::vector<Ref> SentenceCoder::NpRefs(int np) const {
  std::vector<Ref> out;
  if (np < 0) return out;
  int k = np;
  while (sh_.nps[k].conj_prev >= 0) k = sh_.nps[k].conj_prev;
  for (int guard = 0; k >= 0 && guard < 16; ++guard) {
    out.push_back(NpRef(k));
    k = sh_.nps[k].conj_next;
  }
  return out;
}

// First NP object right after `from` (adverbs skipped), not governed by a preposition.
int SentenceCoder::ObjectNp(uint32_t from) const {
  uint32_t i = SkipAdv(from);
  if (i >= n_) return -1;
  // Quantity prefixes: "more than 100 Palestinians", "at least 20 people", "up to 16 advisers",
  // "about 30 people".
  if (i + 2 < n_) {
    auto a = sh_.lower(i), b = sh_.lower(i + 1);
    if (((a == "more" || a == "fewer" || a == "less") && b == "than") || (a == "at" && (b == "least" || b == "most")) ||
        (a == "up" && b == "to"))
      i += 2;
    else if ((a == "about" || a == "around" || a == "nearly" || a == "almost" || a == "roughly" ||
              a == "approximately" || a == "some" || a == "over") &&
             sh_.tok[i + 1].tag == Tag::kNum)  // "injuring about 30 people"
      i += 1;
  }
  int np = sh_.NpAt(i);
  if (np < 0) return -1;
  return np;
}

int SentenceCoder::PrepNp(uint32_t from, const std::vector<std::string>& preps, uint32_t limit) const {
  uint16_t clause = from < sh_.n ? sh_.tok[from].clause : 0;
  for (uint32_t i = from; i < n_ && i < from + limit; ++i) {
    const auto& t = sh_.tok[i];
    if (t.clause != clause && i > from) break;
    if (t.tag == Tag::kPunct && t.lower != "\"" && t.lower != "'") break;
    if (t.vg >= 0 && i > from + 1 && !sh_.vgs[t.vg].to_inf) break;
    if (t.tag == Tag::kPrep || t.tag == Tag::kTo || t.tag == Tag::kAdv) {
      for (const auto& p : preps)
        if (t.lower == p) {
          int np = sh_.NpAt(SkipAdv(i + 1));
          if (np >= 0) return np;
        }
    }
  }
  return -1;
}

int SentenceCoder::ByAgent(uint32_t from) const {
  static const std::vector<std::string> by = {"by"};
  return PrepNp(from, by, 14);
}

std::vector<Ref> SentenceCoder::Subject(int vgi, bool* passive_inherited) {
  *passive_inherited = false;
  if (vgi < 0) return {};
  auto& cache = subj_cache_[vgi];
  if (cache.done) {
    *passive_inherited = cache.inherited_passive;
    return cache.refs;
  }
  cache.done = true;
  const VerbGroup& g = sh_.vgs[vgi];
  std::vector<Ref> refs;
  int appos = -1;
  // Walk left over adverbs.
  int64_t t = int64_t(g.b) - 1;
  while (t >= 0 && (sh_.tok[t].tag == Tag::kAdv || sh_.tok[t].tag == Tag::kNeg)) --t;
  auto inherit = [&](bool passive_too) {
    int p = vgi - 1;
    if (p < 0) return false;
    bool pi = false;
    refs = Subject(p, &pi);
    if (passive_too && !g.has_aux && !g.to_inf && (sh_.tok[g.head].vform & (kFormPart | kFormPast)) &&
        (sh_.vgs[p].passive || pi))
      cache.inherited_passive = true;
    return true;
  };
  if (t >= 0 && sh_.tok[t].tag == Tag::kCconj) {
    // "was shot ... and killed": shares the previous verb's subject (and voice).
    inherit(true);
  } else if ((g.to_inf || g.bare_ing) && (t < 0 || sh_.tok[t].tag == Tag::kComma || sh_.tok[t].np < 0)) {
    // "opened fire to disperse ...", ", killing one person": the main clause's subject.
    inherit(false);
  } else if (g.to_inf && vgi > 0 && sh_.tok[t].np >= 0 && sh_.nps[sh_.tok[t].np].b == sh_.vgs[vgi - 1].e &&
             sh_.nps[sh_.tok[t].np].prep < 0 && !ObjectControl(lex_.VerbLemma(sh_.lower(sh_.vgs[vgi - 1].head)))) {
    // "X opened fire to disperse ...": the infinitive follows the previous verb's
    // object; its subject is that verb's subject, not the object.
    inherit(false);
  } else if (g.bare_ing && vgi > 0 && sh_.tok[t].np >= 0 && sh_.nps[sh_.tok[t].np].b == sh_.vgs[vgi - 1].e &&
             sh_.nps[sh_.tok[t].np].prep < 0 && NotAnActor(sh_.tok[t].np)) {
    // "The PKK issued a declaration demanding ...": a thing cannot demand; the
    // issuer does. (After an actor object, "arrested protesters demanding
    // reforms", the object is the subject.)
    inherit(false);
  } else if (t >= 0) {
    if (sh_.tok[t].tag == Tag::kWh || (sh_.tok[t].lower == "that" && sh_.tok[t].tag != Tag::kDet)) {
      // Relative clause: the antecedent.
      --t;
      if (t >= 0 && sh_.tok[t].tag == Tag::kComma) --t;
    } else if (sh_.tok[t].lower == ")") {
      t = SkipParenLeft(t);
    }
    if (t >= 0 && (sh_.tok[t].tag == Tag::kComma || (sh_.tok[t].tag == Tag::kPunct && sh_.tok[t].lower != ")"))) {
      // "the gunman, who shouted ..., was": skip a parenthetical between commas.
      int64_t c = t - 1;
      int64_t lim = t - 30 < 0 ? 0 : t - 30;
      while (c >= lim && sh_.tok[c].tag != Tag::kComma) --c;
      if (c >= lim && c + 1 < int64_t(sh_.n) &&
          (sh_.tok[c + 1].tag == Tag::kWh || sh_.tok[c + 1].np >= 0 || sh_.tok[c + 1].tag == Tag::kVerb)) {
        if (sh_.tok[c + 1].tag != Tag::kWh && sh_.NpAt(uint32_t(c + 1)) >= 0) appos = sh_.NpAt(uint32_t(c + 1));
        t = c - 1;
        if (t >= 0 && sh_.tok[t].lower == ")") t = SkipParenLeft(t);  // "The union (NUT), the ..., said"
      } else {
        t = -1;
      }
    }
    if (t >= 0 && sh_.tok[t].np >= 0) {
      int k = sh_.tok[t].np;
      // Walk back over PP attachments: "the ambassador to Ankara".
      for (int guard = 0; guard < 8; ++guard) {
        const auto& p = sh_.nps[k];
        {
          // A reduced relative clause: "British aircraft using guided missiles
          // killed", "hackers angered by the cartoons have defaced".
          int64_t v = int64_t(p.prep >= 0 ? p.prep : int32_t(p.b)) - 1;
          int rv = v >= 0 ? sh_.tok[v].vg : -1;
          if (rv >= 0 && rv != vgi && sh_.vgs[rv].b > 0 && sh_.tok[sh_.vgs[rv].b - 1].np >= 0 &&
              ((sh_.vgs[rv].bare_part && p.prep >= 0) ||
               (sh_.vgs[rv].bare_ing && p.prep < 0 && IsMannerIng(sh_.lower(sh_.vgs[rv].head))))) {
            k = sh_.tok[sh_.vgs[rv].b - 1].np;
            continue;
          }
        }
        if (p.conj_prev >= 0) {
          // keep the coordination together; walk from its first member
          int f = k;
          while (sh_.nps[f].conj_prev >= 0) f = sh_.nps[f].conj_prev;
          if (f != k) { k = f; continue; }
        }
        if (p.prep < 0) break;
        {
          // "as Syrian forces have fought": a subordinator, not a preposition.
          auto pw = sh_.lower(uint32_t(p.prep));
          auto pp = p.prep > 0 ? sh_.lower(uint32_t(p.prep) - 1) : std::string_view();
          auto pn = sh_.lower(uint32_t(p.prep) + 1);
          bool quantity = (pw == "to" && pp == "up") || (pw == "than" && (pp == "more" || pp == "fewer" || pp == "less")) ||
                          (pw == "at" && (pn == "least" || pn == "most")) ||  // "up to 1,000 Turks began"
                          ((pw == "about" || pw == "around" || pw == "nearly" || pw == "almost" || pw == "over" ||
                            pw == "roughly" || pw == "approximately" || pw == "some") &&
                           uint32_t(p.prep) + 1 < sh_.n && sh_.tok[p.prep + 1].tag == Tag::kNum);  // "About 200 supporters"
          if (pw == "as" || pw == "after" || pw == "before" || pw == "since" || pw == "until" || pw == "because" ||
              quantity) {
            refs = NpRefs(k);
            k = -1;
            break;
          }
        }
        int64_t before = int64_t(p.prep) - 1;
        // "Nigerians from throughout the country", "troops from across the region".
        if (before > 0 && (sh_.tok[before].tag == Tag::kPrep) && sh_.tok[before - 1].np >= 0) --before;
        if (before < 0 || sh_.tok[before].np < 0) {
          k = -1;
          break;
        }
        // Only "of/to/in/from/for/at/with" attach to a preceding NP.
        k = sh_.tok[before].np;
      }
      if (k >= 0 && sh_.nps[k].prep < 0) {
        // "were converging Thursday for a rally ... to protest": a day after a verb
        // is no subject; the subject is that verb's.
        const auto& np = sh_.nps[k];
        const uint32_t tb = sh_.base + np.b, te = sh_.base + np.e;
        bool time_np = false;
        for (const auto& tx : doc_.times)
          time_np |= tb < doc_.tokens.size() && te - 1 < doc_.tokens.size() && tx.span.begin <= doc_.tokens[tb].begin &&
                     doc_.tokens[te - 1].end <= tx.span.end;
        const int before = np.b > 0 ? sh_.tok[np.b - 1].vg : -1;
        if (time_np && before >= 0 && before != vgi) {
          bool pi;
          refs = Subject(before, &pi);
        } else {
          refs = NpRefs(k);
        }
      }
    }
  }
  if (appos >= 0 && refs.size() == 1) {
    refs[0].alt_b = sh_.nps[appos].b;
    refs[0].alt_e = sh_.nps[appos].e;
    refs[0].alt_head = sh_.nps[appos].head;
  }
  // "Afghan rebel leaders said they would meet ...": a personal pronoun subject of
  // a clause reported by a speech verb is, absent other evidence, the speaker.
  if (refs.size() == 1 && refs[0].b + 1 == refs[0].e) {
    auto w = sh_.lower(refs[0].b);
    if (w == "they" || w == "it" || w == "he" || w == "she" || w == "we") {
      int sp = SpeechVgBefore(vgi);
      if (sp >= 0 && sh_.vgs[sp].e <= refs[0].b && refs[0].b - sh_.vgs[sp].e <= 4) {
        bool pi;
        auto speaker = Subject(sp, &pi);
        if (!speaker.empty() && !(speaker.size() == 1 && speaker[0].b + 1 == speaker[0].e &&
                                  sh_.tok[speaker[0].b].tag == Tag::kPron))
          refs = speaker;
      }
    }
  }
  cache.refs = refs;
  *passive_inherited = cache.inherited_passive;
  return refs;
}

bool SentenceCoder::ElitePerson(const Ref& r) const {
  if (!r.ok()) return false;
  if (IsTitleWord(sh_.lower(r.head))) return true;
  for (uint32_t i = r.b; i < r.e; ++i)
    if (IsTitleWord(sh_.lower(i))) return true;
  return false;
}

int Suffix(std::string_view comp) {
  // Position in the parallel 02/03/10/12 families (see docs/events.md).
  int r = Root(comp);
  if (r == 6) return 1;
  if (r == 5) return 2;
  if (r == 7) return 3;
  if (r == 10 && comp.size() >= 3 && comp[2] == '4') return 4;  // reforms
  if (r == 8) {
    if (comp.size() >= 3 && comp[2] == '3') return 4;
    return 5;
  }
  if (r == 4) return comp == "045" ? 8 : 6;
  if (comp == "057" || comp == "037") return 7;
  return 0;
}

}  // namespace

bool IsHostileRoot(std::string_view code) {
  int r = Root(code);
  return r >= 13 && r != 14;
}

std::string FrameCode(Frame f, std::string_view comp, std::string_view own) {
  int r = Root(comp);
  int suf = comp.empty() ? 0 : Suffix(comp);
  switch (f) {
    case Frame::kNone:
      return std::string(comp.empty() ? own : comp);
    case Frame::kThreat: {
      if (comp.empty()) return "130";
      if (comp == "162" || comp.substr(0, 3) == "162") return "1311";
      if (comp.substr(0, 3) == "163") return "1312";
      if (comp.substr(0, 3) == "161") return "1313";
      if (comp.substr(0, 3) == "164") return "134";
      if (comp.substr(0, 3) == "166") return "136";
      if (comp == "1722") return "1322";
      if (comp == "1723") return "1323";
      if (comp == "1724") return "1324";
      if (comp.substr(0, 3) == "172") return "132";
      if (comp.substr(0, 3) == "175") return "137";
      if (comp.substr(0, 3) == "204") return "1385";
      if (comp.substr(0, 3) == "191") return "1381";
      if (comp.substr(0, 3) == "192") return "1382";
      if (r >= 18) return "138";
      if (r == 14) return "133";
      if (r == 13) return std::string(comp);
      return "130";
    }
    case Frame::kIntent:
    case Frame::kPlan: {
      if (IsHostileRoot(comp)) return FrameCode(Frame::kThreat, comp, own);
      if (comp.empty()) return f == Frame::kPlan ? "" : std::string(own);
      if (r == 3) return std::string(comp);
      if (r == 8) {
        // 035x: ease sanctions / release / allow involvement / de-escalate.
        if (comp.size() >= 3 && comp[2] == '3') return "034";
        if (comp.substr(0, 3) == "081") return "0351";
        if (comp == "082") return "0352";
        if (comp.substr(0, 3) == "084") return "0353";
        if (comp == "085") return "0354";
        if (comp.substr(0, 3) == "086") return "0355";
        if (comp.substr(0, 3) == "087") return "0356";
        return "035";
      }
      if (comp == "045") return "039";
      if (r == 4) return "036";
      if (suf) return std::string("03") + char('0' + suf);
      if (r == 9 || r == 1) return std::string(comp);
      return "030";
    }
    case Frame::kAppeal:
    case Frame::kDemand: {
      std::string fam = f == Frame::kAppeal ? "02" : "10";
      if (comp.empty()) return fam + "0";
      if (r == 8 && !(comp.size() >= 3 && comp[2] == '3')) {
        std::string c = fam + "5";
        if (comp.substr(0, 3) == "081") return c + "1";
        if (comp == "082") return c + "2";
        if (comp.substr(0, 3) == "084") return c + "3";
        if (comp == "085") return c + "4";
        if (comp.substr(0, 3) == "086") return c + "5";
        if (comp.substr(0, 3) == "087") return c + "6";
        return c;
      }
      if (comp == "0831" || comp == "1041") return fam + "41";
      if (IsHostileRoot(comp) && r >= 16) return fam + "0";
      if (suf) return fam + char('0' + suf);
      return fam + "0";
    }
    case Frame::kRefuse: {
      if (comp.empty()) return "120";
      if (r == 8 && comp.size() >= 3 && comp[2] == '3') return "123";
      if (r == 8 && comp.substr(0, 3) == "084") return "1243";
      if (r == 8 && comp == "085") return "1244";
      if (r == 8 && comp.substr(0, 3) == "086") return "1245";
      if (r == 8 && comp.substr(0, 3) == "087") return "1246";
      if (r == 8) return "124";
      if (r == 6) return "121";
      if (r == 7) return "122";
      if (r == 4) return comp == "045" ? "126" : "125";
      if (r == 3 || comp == "057") return "127";
      return "120";
    }
    case Frame::kDeny:
      return "016";
    case Frame::kAttempt:
      if (comp == "186" || comp.substr(0, 3) == "182" || comp == "1823") return "185";
      return std::string(comp.empty() ? own : comp);
    case Frame::kPrevent:
      return std::string(own.empty() ? "170" : own);
  }
  return std::string(own);
}

namespace {

// Codes the complement of a frame verb; fills c->code and targets.
bool SentenceCoder::CodeComplement(const VerbGroup& g, const Match& m, Cand* c, std::vector<Ref>* comp_subject) {
  const LexEntry& e = *m.entry;
  uint32_t i = SkipAdv(m.end);
  std::string comp;
  Ref comp_target;
  // "urge X to V": the object first.
  int obj = m.obj_np;
  if (obj < 0 && (e.frame == Frame::kAppeal || e.frame == Frame::kDemand || e.frame == Frame::kPrevent ||
                  e.frame == Frame::kThreat)) {
    int o = ObjectNp(i);
    if (o >= 0) {
      // Only an actor-like object that is followed by "to"/"from"/"that" complement.
      uint32_t after = sh_.nps[o].e;
      int k = o;
      while (sh_.nps[k].conj_next >= 0) {
        k = sh_.nps[k].conj_next;
        after = sh_.nps[k].e;
      }
      if (after < n_ && (sh_.tok[after].tag == Tag::kTo || sh_.Is(after, "from"))) {
        obj = o;
        i = after;
      }
    }
  } else if (obj >= 0) {
    i = SkipAdv(m.end);
  }
  if (obj >= 0) c->tgt = NpRefs(obj);
  if (i < n_ && (sh_.Is(i, "from") || sh_.Is(i, "of"))) i = SkipAdv(i + 1);  // "prevented X from V-ing"
  if (i < n_ && (sh_.tok[i].tag == Tag::kSconj && sh_.Is(i, "that"))) {
    // "demanded that the US cancel plans to sell weapons": what is demanded is
    // part of the demand, not news of its own.
    if (sh_.tok[i].clause < frame_clause_.size()) frame_clause_[sh_.tok[i].clause] = 1;
    i = SkipAdv(i + 1);
  }
  // Case 1: a verb group right here (to-infinitive, gerund) or after a clause subject.
  int vg = VgAt(i);
  std::vector<Ref> csub;
  if (vg < 0 && i < n_ && sh_.tok[i].np >= 0) {
    int snp = sh_.NpAt(i);
    if (snp >= 0) {
      uint32_t after = sh_.nps[snp].e;
      int k = snp;
      while (sh_.nps[k].conj_next >= 0) {
        k = sh_.nps[k].conj_next;
        after = sh_.nps[k].e;
      }
      int v2 = VgAt(SkipAdv(after));
      if (v2 >= 0 && !sh_.vgs[v2].to_inf) {
        vg = v2;
        csub = NpRefs(snp);
      }
    }
  }
  if (vg >= 0) {
    const VerbGroup& cg = sh_.vgs[vg];
    Match cm = BestVerbMatch(cg.head);
    if (cm.entry) {
      Cand inner;
      // Mark consumed so the complement is not coded twice.
      for (uint32_t k = cg.b; k < cm.end && k < sh_.n; ++k) consumed_[k] = 1;
      if (cm.entry->light || cm.entry->frame != Frame::kNone) {
        // Nested: "agreed to hold talks", "threatened to impose sanctions".
        uint32_t from = SkipAdv(cm.end);
        for (uint32_t k = from; k < n_ && k < from + 8; ++k) {
          if (sh_.tok[k].vg >= 0 && k > from) break;
          Match nm = BestNounMatch(k, true);
          if (nm.entry) {
            comp = nm.entry->code;
            for (uint32_t q = k; q < nm.end && q < sh_.n; ++q) consumed_[q] = 1;
            int t = PrepNp(nm.end, nm.entry->tgt_preps, 6);
            if (t >= 0) comp_target = NpRef(t);
            break;
          }
        }
        if (comp.empty() && !cm.entry->code.empty() && !cm.entry->light) comp = cm.entry->code;
      } else {
        comp = cm.entry->code;
        int t = -1;
        if (cm.obj_np >= 0) t = cm.obj_np;
        if (t < 0 && !cm.entry->intrans) t = ObjectNp(cm.end);
        if (t < 0 && !cm.entry->tgt_preps.empty()) t = PrepNp(cm.end, cm.entry->tgt_preps, 10);
        if (t >= 0) comp_target = NpRef(t);
        if (!cm.entry->elite_code.empty() && ElitePerson(comp_target)) comp = cm.entry->elite_code;
      }
      if (cg.negated && e.frame != Frame::kDeny) c->negated = !c->negated;
    } else {
      // A complement with no lexicon verb: "agreed to X" where X is a noun: keep searching nouns.
      for (uint32_t k = cg.e; k < n_ && k < cg.e + 6; ++k) {
        if (sh_.tok[k].vg >= 0) break;
        Match nm = BestNounMatch(k, true);
        if (nm.entry) {
          comp = nm.entry->code;
          for (uint32_t q = k; q < nm.end && q < sh_.n; ++q) consumed_[q] = 1;
          break;
        }
      }
    }
  } else {
    // Case 2: an event noun in the object: "demanded the withdrawal of", "called for sanctions against".
    for (uint32_t k = i; k < n_ && k < i + 8; ++k) {
      if (sh_.tok[k].vg >= 0 || sh_.tok[k].tag == Tag::kPunct) break;
      Match nm = BestNounMatch(k, true);
      if (nm.entry) {
        comp = nm.entry->code;
        for (uint32_t q = k; q < nm.end && q < sh_.n; ++q) consumed_[q] = 1;
        std::vector<std::string> preps = nm.entry->tgt_preps;
        if (nm.entry->objof) preps.push_back("of");
        int t = PrepNp(nm.end, preps, 6);
        if (t >= 0) comp_target = NpRef(t);
        break;
      }
    }
  }
  *comp_subject = csub;
  std::string code = FrameCode(e.frame, comp, e.code);
  if (code.empty()) return false;
  c->code = code;
  if (c->tgt.empty()) {
    if (!csub.empty() && (e.frame == Frame::kDemand || e.frame == Frame::kAppeal)) c->tgt = csub;
    else if (comp_target.ok()) c->tgt = {comp_target};
    else if (!csub.empty() && e.frame != Frame::kDeny) c->tgt = csub;
  }
  if (comp.empty() && (e.weak || e.frame == Frame::kPlan)) c->conf -= 0.15f;
  return true;
}

bool SentenceCoder::CodeVerb(int vgi, std::vector<Cand>* out) {
  const VerbGroup& g = sh_.vgs[vgi];
  if (g.head >= n_ || consumed_[g.head]) return false;
  Match m = BestVerbMatch(g.head);
  if (!m.entry) return false;
  const LexEntry& e = *m.entry;
  Cand c;
  c.entry = &e;
  c.trig_b = g.head;
  c.trig_e = m.last + 1;
  c.negated = g.negated;
  c.recip = e.recip;
  c.conf = 0.6f + 0.05f * float(e.literals);
  bool passive_inh = false;
  std::vector<Ref> subj = Subject(vgi, &passive_inh);
  bool passive = g.passive || passive_inh;
  if (e.frame != Frame::kNone) {
    std::vector<Ref> csub;
    if (!CodeComplement(g, m, &c, &csub)) return false;
    c.src = subj;
  } else if (e.light) {
    // Light verb: the event noun in the object.
    uint32_t from = SkipAdv(m.end);
    Match nm;
    uint32_t at = 0;
    for (uint32_t k = from; k < n_ && k < from + 8; ++k) {
      if ((sh_.tok[k].vg >= 0 && k > from) || sh_.tok[k].tag == Tag::kPunct) break;
      nm = BestNounMatch(k, true);
      if (nm.entry) {
        at = k;
        break;
      }
    }
    if (!nm.entry) return false;
    for (uint32_t q = at; q < nm.end && q < sh_.n; ++q) consumed_[q] = 1;
    c.code = nm.entry->code;
    c.recip = nm.entry->recip;
    c.trig_e = nm.last + 1;
    c.src = subj;
    std::vector<std::string> preps = nm.entry->tgt_preps;
    if (nm.entry->objof) preps.push_back("of");
    int t = PrepNp(nm.end, preps, 8);
    if (t >= 0) c.tgt = NpRefs(t);
    if (passive) {
      c.tgt = subj;
      int a = ByAgent(m.end);
      c.src = a >= 0 ? NpRefs(a) : std::vector<Ref>{};
    }
  } else {
    c.code = e.code;
    if (passive) {
      c.tgt = subj;
      int a = ByAgent(m.end);
      if (a >= 0) c.src = NpRefs(a);
    } else {
      c.src = subj;
      int t = -1;
      if (m.obj_np >= 0) t = m.obj_np;
      if (t < 0 && !e.intrans) {
        int o = ObjectNp(m.end);
        // Not an object when the NP is a time expression or the next clause's subject.
        if (o >= 0) t = o;
      }
      if (!e.tgt_preps.empty()) {
        int p = PrepNp(m.end, e.tgt_preps, 12);
        if (p >= 0 && (t < 0 || e.intrans)) t = p;
      }
      if (t >= 0) c.tgt = NpRefs(t);
    }
    if (!e.elite_code.empty() && !c.tgt.empty() && ElitePerson(c.tgt[0])) c.code = e.elite_code;
  }
  bool weak = e.weak;
  if (c.negated) {
    int r = Root(c.code);
    if (r >= 3 && r <= 8) {
      // Negated cooperation is a rejection ("will not accept" -> 12x).
      c.code = FrameCode(Frame::kRefuse, c.code, "120");
      c.negated = false;
      c.conf -= 0.1f;
      weak = false;
    }
  } else if (g.must && !c.code.empty()) {
    // "X must V" (in reported speech): a demand on X by the speaker.
    int sp = SpeechVgBefore(vgi);
    c.code = FrameCode(Frame::kDemand, c.code, "100");
    c.tgt = c.src;
    c.src.clear();
    if (sp >= 0) {
      bool pi;
      c.src = Subject(sp, &pi);
    }
    weak = false;
  } else if (g.future && e.frame == Frame::kNone) {
    // "will attack": a threat; "will meet": intent to meet (CAMEO 03x).
    int r = Root(c.code);
    bool unless = false;  // "will withdraw its force unless ...": a conditional threat
    for (uint32_t k = m.end; k < n_ && !unless; ++k) unless = sh_.Is(k, "unless");
    if (IsHostileRoot(c.code) || r == 14) c.code = FrameCode(Frame::kThreat, c.code, "130");
    else if (unless && r >= 3 && r <= 8) c.code = "130";
    else if (r >= 4 && r <= 8) c.code = FrameCode(Frame::kIntent, c.code, "030");
  }
  // Subordinate and non-finite clauses report background, not the news.
  if (g.bare_ing || g.to_inf) c.conf -= 0.15f;
  uint16_t cl = sh_.tok[g.head].clause;
  if (cl < sh_.clause_kind.size()) {
    if (sh_.clause_kind[cl] == 2) c.conf -= 0.15f;
    else if (sh_.clause_kind[cl] == 3) c.conf -= 0.15f;
    if (frame_clause_[cl]) c.conf -= 0.2f;
  }
  if (weak && (c.src.empty() || c.tgt.empty())) return false;
  c.weak = weak;
  for (uint32_t k = c.trig_b; k < c.trig_e && k < sh_.n; ++k) consumed_[k] = 1;
  out->push_back(std::move(c));
  return true;
}

bool SentenceCoder::NounEvent(uint32_t i, const Match& m, Cand* c) {
  const LexEntry& e = *m.entry;
  const int np = sh_.tok[m.last].np;
  if (np < 0) return false;
  const auto& p = sh_.nps[np];
  c->entry = &e;
  c->code = e.code;
  c->noun = true;
  c->recip = e.recip;
  c->trig_b = i;
  c->trig_e = m.last + 1;
  c->conf = 0.45f + 0.05f * float(e.literals);
  // Source: possessor, nationality modifier before the trigger, or "by". A day's
  // possessive is when, not who ("Monday's U.S. attack").
  const bool time_poss = p.poss_b >= 0 && sh_.tok[p.poss_b].time;
  if (p.poss_b >= 0 && !time_poss) {
    c->src.push_back(Ref{uint32_t(p.poss_b), uint32_t(p.poss_e), uint32_t(p.poss_e - 1)});
  } else if (i > p.b) {
    // "Israeli air raids": a capitalised modifier before the trigger.
    for (uint32_t k = time_poss ? uint32_t(p.poss_e) : p.b; k < i; ++k)
      if (sh_.tok[k].cap && (sh_.tok[k].tag == Tag::kAdj || sh_.tok[k].tag == Tag::kPropn)) {
        uint32_t e2 = k + 1;
        while (e2 < i && sh_.tok[e2].cap) ++e2;
        c->src.push_back(Ref{k, e2, e2 - 1});
        break;
      }
  }
  uint32_t after = p.e;
  std::vector<std::string> preps = e.tgt_preps;
  if (e.objof) preps.insert(preps.begin(), "of");
  if (after < n_ && sh_.Is(after, "by")) {
    int a = sh_.NpAt(after + 1);
    if (a >= 0) {
      if (c->src.empty()) c->src = NpRefs(a);
      after = sh_.nps[a].e;
      int k = a;
      while (sh_.nps[k].conj_next >= 0) {
        k = sh_.nps[k].conj_next;
        after = sh_.nps[k].e;
      }
    }
  }
  if (after < n_ && sh_.tok[after].tag == Tag::kPrep) {
    for (const auto& pr : preps)
      if (sh_.Is(after, pr)) {
        int t = sh_.NpAt(after + 1);
        if (t >= 0) c->tgt = NpRefs(t);
        break;
      }
  }
  if (!c->tgt.empty() && !e.elite_code.empty() && ElitePerson(c->tgt[0])) c->code = e.elite_code;
  // The verb governing the phrase: "would tighten the naval blockade" is a threat.
  {
    int64_t k = int64_t(p.b) - 1;
    while (k >= 0 && (sh_.tok[k].tag == Tag::kAdv || sh_.tok[k].time)) --k;
    if (k >= 0 && sh_.tok[k].vg >= 0) {
      const int gv = sh_.tok[k].vg;
      const VerbGroup& g = sh_.vgs[gv];
      if (g.negated) c->negated = true;
      else if (g.future && IsHostileRoot(c->code)) c->code = FrameCode(Frame::kThreat, c->code, "130");
      // "NATO ... would tighten the naval blockade of Serbia": who carries on the
      // act is its source.
      if (c->src.empty() && !g.passive && IsCarryOnVerb(sh_.lower(g.head))) {
        bool pi = false;
        c->src = Subject(gv, &pi);
        if (pi) c->src.clear();
      }
    }
  }
  if (c->src.empty() && c->tgt.empty()) return false;
  return true;
}

void SentenceCoder::Run(std::vector<Cand>* out) {
  for (size_t v = 0; v < sh_.vgs.size(); ++v) {
    if (sh_.vgs[v].head >= n_) break;
    const VerbGroup& g = sh_.vgs[v];
    bool coded = CodeVerb(int(v), out);
    if (!coded && g.must && !g.negated && !consumed_[g.head]) {
      // "said China must drop barriers": a demand even when the verb is not in the lexicon.
      int sp = SpeechVgBefore(int(v));
      if (sp < 0) continue;
      Cand c;
      c.code = "100";
      c.trig_b = g.b;
      c.trig_e = g.head + 1;
      bool pi;
      c.src = Subject(sp, &pi);
      c.tgt = Subject(int(v), &pi);
      c.conf = 0.5f;
      out->push_back(std::move(c));
    }
  }
  // Nominal events.
  for (uint32_t i = 0; i < n_; ++i) {
    if (consumed_[i] || sh_.tok[i].np < 0) continue;
    Match m = BestNounMatch(i, false);
    if (!m.entry) continue;
    bool used = false;
    for (uint32_t k = i; k <= m.last; ++k) used |= consumed_[k] != 0;
    if (used) continue;
    Cand c;
    if (!NounEvent(i, m, &c)) continue;
    for (uint32_t k = i; k <= m.last; ++k) consumed_[k] = 1;
    out->push_back(std::move(c));
  }
  MilitaryContext(out);
}

// CAMEO 19 is conventional military force: a killing or assault reported with
// military weapons or combat ("in a gunbattle", "aircraft ... killed") is 19x.
void SentenceCoder::MilitaryContext(std::vector<Cand>* out) const {
  auto recoded = [](const Cand& c) { return c.code == "180" || c.code == "182" || c.code == "1823" || c.code == "183"; };
  // Only those codes change: a sentence without them needs no look at its words.
  if (std::none_of(out->begin(), out->end(), recoded)) return;
  char kind = 0;  // 'a' air, 'h' heavy weapons, 's' small arms, 'c' combat
  for (uint32_t i = 0; i < n_ && !kind; ++i) {
    auto w = sh_.lower(i);
    if (w == "aircraft" || w == "warplane" || w == "warplanes" || w == "jets" || w == "helicopter" ||
        w == "helicopters" || w == "airstrike" || w == "airstrikes" ||
        (w == "air" && i + 1 < n_ &&
         (sh_.lower(i + 1) == "strike" || sh_.lower(i + 1) == "strikes" || sh_.lower(i + 1) == "raid" ||
          sh_.lower(i + 1) == "raids")))
      kind = 'a';
    else if (w == "artillery" || w == "tank" || w == "tanks" || w == "mortar" || w == "mortars" || w == "shelling" ||
             w == "shells" || w == "rocket" || w == "rockets" || w == "missile" || w == "missiles")
      kind = 'h';
    else if (w == "minefield" || w == "landmine" || w == "landmines" || w == "mines")
      kind = 'c';  // mines are military munitions: conventional force (190)
    else if (w == "gunbattle" || w == "gunfight" || w == "firefight" || w == "shootout")
      kind = 's';
    else if (w == "fighting" || w == "clashes" || w == "battle" || w == "offensive" || w == "combat")
      kind = 'c';
  }
  if (!kind) return;
  const char* code = kind == 'a' ? "195" : kind == 'h' ? "194" : kind == 's' ? "193" : "190";
  for (auto& c : *out)
    if (recoded(c)) c.code = code;
}

}  // namespace

namespace {

Actor MakeActor(const Document& doc, const std::vector<int32_t>& cover, const Shallow& sh, const Ref& r,
                bool have_kb, int32_t quote_speaker) {
  Actor a;
  if (!r.ok()) return a;
  uint32_t b = sh.base + r.b, e = sh.base + r.e, h = sh.base + r.head;
  // Pronouns of the speaker inside a quote: the quote's speaker.
  std::string_view hw = sh.lower(r.head);
  if (quote_speaker >= 0 && (hw == "we" || hw == "i" || hw == "us" || hw == "our" || hw == "my" || hw == "me")) {
    const Mention& m = doc.mentions[quote_speaker];
    a.span = m.span;
    a.mention = quote_speaker;
    a.country = m.country;
    a.sector = m.sector;
    a.cluster = m.cluster;
  } else {
    int32_t best = -1;
    if (h < cover.size() && cover[h] >= 0) best = cover[h];
    // A possessive pronoun only counts with a mention of its own, not the phrase it
    // modifies ("its air strikes" is not the actor of "its").
    const bool poss_pron = (hw == "its" || hw == "their") && r.e == r.b + 1;
    if (best >= 0 && poss_pron && doc.mentions[best].tok_end - doc.mentions[best].tok_begin > 1) best = -1;
    if (best < 0 && !poss_pron) {
      for (uint32_t t = b; t < e && t < cover.size(); ++t)
        if (cover[t] >= 0) {
          const auto& m = doc.mentions[cover[t]];
          if (best < 0 || m.tok_end - m.tok_begin > doc.mentions[best].tok_end - doc.mentions[best].tok_begin)
            best = cover[t];
        }
    }
    if (best >= 0) {
      const Mention& m = doc.mentions[best];
      a.mention = best;
      a.country = m.country;
      a.sector = m.sector;
      a.cluster = m.cluster;
      if (a.country.empty() && m.kind == MentionKind::kNominal) {
        // "Irish nationalist guerrillas": a nationality named earlier in the phrase,
        // past modifiers the role phrase did not take in.
        for (uint32_t t = b; t < m.tok_begin && t < cover.size(); ++t)
          if (cover[t] >= 0 && cover[t] != best && doc.mentions[cover[t]].kind == MentionKind::kName &&
              doc.mentions[cover[t]].sector.empty() && !doc.mentions[cover[t]].country.empty())
            a.country = doc.mentions[cover[t]].country;
      }
      // The actor phrase: the noun phrase when it contains the mention, so
      // "The Russian ambassador" is not cut to "Russian".
      uint32_t sb = std::min(doc.tokens[b].begin, m.span.begin);
      uint32_t se = std::max(doc.tokens[e - 1].end, m.span.end);
      if (m.tok_begin >= b && m.tok_end <= e) a.span = {sb, se};
      else a.span = m.span;
    } else {
      // Entities, then the phrase itself.
      for (size_t k = 0; k < doc.entities.size(); ++k) {
        const auto& en = doc.entities[k];
        if (en.tok_begin < e && en.tok_end > b) {
          a.country = en.country;
          a.sector = en.sector;
          a.cluster = en.cluster;
          break;
        }
      }
      // A possessive pronoun without a mention of its own ("its air strikes"): the
      // sentence's first named actor when it comes before (news subjects lead).
      if ((hw == "its" || hw == "their") && r.e == r.b + 1) {
        const uint32_t sb = sh.base;
        for (uint32_t t = sb; t < h && t < cover.size(); ++t)
          if (cover[t] >= 0 && doc.mentions[cover[t]].kind == MentionKind::kName &&
              !doc.mentions[cover[t]].country.empty()) {
            const Mention& m = doc.mentions[cover[t]];
            a.mention = cover[t];
            a.country = m.country;
            a.sector = m.sector;
            a.cluster = m.cluster;
            a.span = {doc.tokens[b].begin, doc.tokens[e - 1].end};
            a.ComposeCode();
            return a;
          }
      }
      bool demonstrative = hw == "this" || hw == "that" || hw == "it" || hw == "these" || hw == "those";
      if (have_kb && a.country.empty() && sh.tok[r.head].tag != Tag::kPropn && sh.tok[r.head].tag != Tag::kPron &&
          !IsTitleWord(hw) && !demonstrative) {
        // kb ran and found no actor here: a common noun phrase ("a speech") is no actor.
        bool any_cap = false;
        for (uint32_t t = r.b; t < r.e; ++t) any_cap |= sh.tok[t].cap && t > 0;
        if (!any_cap) return Actor{};
      }
      a.span = {doc.tokens[b].begin, doc.tokens[e - 1].end};
    }
  }
  if (a.cluster >= 0 && size_t(a.cluster) < doc.clusters.size()) {
    const auto& cl = doc.clusters[a.cluster];
    if (a.country.empty()) a.country = cl.country;
    if (a.sector.empty()) a.sector = cl.sector;
  }
  // "Doctors from two American aid groups", "fighters from Chechnya": where the
  // actor comes from gives its country.
  if (a.country.empty() && !a.empty() && r.e + 1 < sh.n && sh.Is(r.e, "from")) {
    const int np = sh.NpAt(r.e + 1);
    if (np >= 0)
      for (uint32_t t = sh.base + sh.nps[np].b; t < sh.base + sh.nps[np].e && t < cover.size(); ++t)
        if (cover[t] >= 0 && !doc.mentions[cover[t]].country.empty()) {
          a.country = doc.mentions[cover[t]].country;
          break;
        }
  }
  // A day or a time is no actor: "Monday's U.S. attack" is the attack of Monday.
  for (const auto& t : doc.times)
    if (!a.empty() && t.span.begin <= a.span.begin && a.span.end <= t.span.end) return Actor{};
  a.ComposeCode();
  return a;
}

// A phrase that names no actor itself but whose "of"/"for" complement does:
// "positions of the Palestinian security forces", "a camp for Congolese
// refugees", "scores of Liberian refugees": the complement.
Ref OfComplement(const Shallow& sh, const Ref& r) {
  if (!r.ok() || r.e + 1 >= sh.n) return {};
  if (!sh.Is(r.e, "of") && !sh.Is(r.e, "for")) return {};
  int np = sh.NpAt(r.e + 1);
  if (np < 0) return {};
  const auto& p = sh.nps[np];
  return {p.b, p.e, p.head};
}

// The place mention lies inside a MISC entity, a nationality word ("British").
bool InsideNationality(const Document& doc, const Span& sp) {
  for (const Entity& en : doc.entities)
    if (en.type == EntityType::kMisc && en.begin <= sp.begin && sp.end <= en.end) return true;
  return false;
}

// A place mention that says where something happened: after "in/at/near/
// outside/inside/across/around" (adjectives and determiners may intervene: "in
// eastern Beirut"), or "the city/town/village/province of X" - not "the
// ambassador to Turkey".
bool WhereItHappened(const Document& doc, const Shallow& sh, const Span& sp) {
  // A nationality word says whose, not where: "at the British base" in Bonn.
  if (InsideNationality(doc, sp)) return false;
  uint32_t t = sh.base;
  while (t < sh.base + sh.n && doc.tokens[t].begin < sp.begin) ++t;
  if (t >= sh.base + sh.n) return false;
  for (uint32_t k = t - sh.base, steps = 0; k > 0 && steps < 8; --k, ++steps) {
    auto w = sh.lower(k - 1);
    if (w == "in" || w == "at" || w == "near" || w == "outside" || w == "inside" || w == "across" ||
        w == "around" || w == "throughout")
      return true;
    if (w == "of" && k >= 2) {
      auto n = sh.lower(k - 2);
      if (n == "city" || n == "town" || n == "village" || n == "province" || n == "region" || n == "capital" ||
          n == "district" || n == "outskirts" || n == "suburbs" || n == "centre" || n == "center")
        return true;
      continue;  // "in a residential sector of eastern Beirut": keep looking for the preposition
    }
    const Tag tg = sh.tok[k - 1].tag;
    if (tg != Tag::kAdj && tg != Tag::kDet && tg != Tag::kPropn && tg != Tag::kNoun && tg != Tag::kAdv) return false;
  }
  return false;
}

// Participles used as adjectives before place names ("from neighboring
// Lebanon", "in the occupied West Bank"), which taggers often leave as verbs.
bool IsPlaceParticiple(std::string_view w) {
  static constexpr std::string_view k[] = {"neighboring", "neighbouring", "occupied", "disputed", "embattled",
                                           "besieged", "war-torn", "rebel-held", "surrounding", "bordering",
                                           "troubled", "divided", "annexed"};
  for (auto x : k)
    if (w == x) return true;
  return false;
}

bool HasCountry(const Actor& a) { return !a.country.empty() || a.sector.view() == "IGO"; }

// The target of an event whose pattern found none, in the same clause after
// the trigger (up to the next comma), the first actor with a country that is
//  - the noun phrase holding the trigger's last word ("banned Ugandan
//    opposition candidates": the pattern's literal is the banned actor),
//  - named by a preposition of direction, place or company: "offered to hand
//    over to Great Britain", "will evacuate the settlements in the Gaza
//    Strip", "is willing to withdraw its troops from neighboring Lebanon",
//  - the object of a purpose infinitive: "opened fire to disperse Moslem
//    demonstrators".
// The actor acted upon or where the act takes place.
Actor FallbackTarget(const Document& doc, const std::vector<int32_t>& cover, const Shallow& sh, uint32_t trig_b,
                     uint32_t from, const std::vector<Actor>& srcs, bool have_kb, int32_t speaker) {
  static constexpr std::string_view kPreps[] = {"to", "in", "into", "from", "with", "against", "on", "for", "inside",
                                                "toward", "towards", "over"};
  // Objects may be any actor ("demonstrators"); phrases after a preposition
  // only actors with a country (not "with the help of local police").
  auto try_np = [&](int np, bool object = false) -> Actor {
    if (np < 0) return {};
    const auto& p = sh.nps[np];
    Actor a = MakeActor(doc, cover, sh, Ref{p.b, p.e, p.head}, have_kb, speaker);
    if (a.empty() || !HasCountry(a)) {
      // "in the capital city of Algiers"
      Ref of = OfComplement(sh, Ref{p.b, p.e, p.head});
      if (of.ok()) {
        Actor b = MakeActor(doc, cover, sh, of, have_kb, speaker);
        if (!b.empty() && HasCountry(b)) a = std::move(b);
      }
    }
    if (!a.empty() && !HasCountry(a) && p.e + 1 < sh.n && sh.tok[p.e].tag == Tag::kComma) {
      // "Kofi Annan, UN secretary-general,": the apposition's codes.
      int ap = sh.NpAt(p.e + 1);
      if (ap >= 0) {
        Actor b = MakeActor(doc, cover, sh, Ref{sh.nps[ap].b, sh.nps[ap].e, sh.nps[ap].head}, have_kb, speaker);
        if (HasCountry(b)) {
          a.country = b.country;
          if (!b.sector.empty()) a.sector = b.sector;
          a.code = b.code;
        }
      }
    }
    if (a.empty() || !(HasCountry(a) || (object && !a.sector.empty()))) return {};
    for (const auto& s : srcs)
      if (s.span.begin < a.span.end && a.span.begin < s.span.end) return {};
    return a;
  };
  if (from > trig_b + 1 && from <= sh.n) {
    int np = sh.tok[from - 1].np;
    // Not "its forces", "their troops": the source's own.
    if (np >= 0 && sh.nps[np].b > trig_b &&
        !(sh.nps[np].poss_b >= 0 && sh.tok[sh.nps[np].poss_b].tag == Tag::kPossPron)) {
      Actor a = try_np(np, true);
      if (!a.empty()) return a;
    }
  }
  const uint32_t lim = std::min<uint32_t>(sh.n, from + 20);
  for (uint32_t i = from; i + 1 < lim; ++i) {
    const auto& t = sh.tok[i];
    if (t.tag == Tag::kComma || t.tag == Tag::kSconj || t.tag == Tag::kWh || t.lower == ";" || t.lower == "." ||
        t.lower == "--" || t.lower == "(" || t.lower == "according")  // "according to X" names a source of news
      break;
    if (t.tag == Tag::kTo && t.vg >= 0 && sh.vgs[t.vg].to_inf) {
      // A purpose infinitive: its direct object.
      uint32_t j = sh.vgs[t.vg].e;
      while (j < lim && (sh.tok[j].tag == Tag::kAdv || sh.tok[j].time)) ++j;
      Actor a = try_np(sh.NpAt(j), true);
      if (!a.empty()) return a;
      i = sh.vgs[t.vg].e - 1;
      continue;
    }
    bool prep = false;
    for (auto p : kPreps) prep |= t.lower == p;
    // "rejected calls by Kofi Annan": the agent of an event noun, not of a passive verb.
    if (!prep && t.lower == "by" && i > 0 && sh.tok[i - 1].tag == Tag::kNoun && sh.tok[i - 1].vg < 0) prep = true;
    if (!prep) continue;
    // "from neighboring Lebanon": modifiers the chunker left outside the phrase.
    for (uint32_t j = i + 1; j < lim && j <= i + 3; ++j) {
      const auto& u = sh.tok[j];
      if (u.tag == Tag::kAdv || u.time) continue;
      int np = sh.NpAt(j);
      if (np >= 0) {
        Actor a = try_np(np);
        if (!a.empty()) return a;
        break;
      }
      if (u.tag != Tag::kAdj && u.tag != Tag::kDet && !(u.tag == Tag::kVerb && IsPlaceParticiple(u.lower))) break;
    }
  }
  return {};
}

// The phrase holds no name, nationality or place ("troops", "its air force").
bool NamesAnything(const Document& doc, const Span& sp) {
  for (const Entity& en : doc.entities)
    if (en.begin < sp.end && sp.begin < en.end) return true;
  return false;
}

// "while", "whereas", "but" or ";" between the sentence's tokens a and b.
bool ClauseBreakBetween(const Shallow& sh, uint32_t a, uint32_t b) {
  for (uint32_t k = a + 1; k < b && k < sh.n; ++k) {
    auto w = sh.lower(k);
    if (w == "while" || w == "whereas" || w == "but" || w == ";") return true;
  }
  return false;
}

// A comma token of the sentence lies between byte offsets a and b.
bool CommaBetween(const Document& doc, const Shallow& sh, uint32_t a, uint32_t b) {
  for (uint32_t k = 0; k < sh.n; ++k) {
    const Token& tk = doc.tokens[sh.base + k];
    if (tk.begin >= b) break;
    if (tk.begin >= a && sh.tok[k].tag == Tag::kComma) return true;
  }
  return false;
}

int32_t PlaceFor(const Document& doc, const Shallow& sh, uint32_t trig_tok, const Event& ev) {
  // Places mentioned in the sentence; prefer those after a locative preposition,
  // then the nearest to the trigger; places that are the actors themselves last.
  const Sentence& s = doc.sentences[ev.sentence];
  int32_t best = kNone;
  int best_score = -1000000;
  for (size_t p = 0; p < doc.places.size(); ++p) {
    for (const auto& sp : doc.places[p].mentions) {
      if (sp.begin < s.begin || sp.end > s.end) continue;
      // Token of the mention.
      uint32_t t = sh.base;
      while (t < sh.base + sh.n && doc.tokens[t].begin < sp.begin) ++t;
      int score = 0;
      bool locative = false;
      {
        // "in Aleppo", "in northern Iraq", "near the southern port of Basra".
        uint32_t k = t - sh.base;
        for (int steps = 0; k > 0 && steps < 3; ++steps) {
          const Tag tg = sh.tok[k - 1].tag;
          if (tg != Tag::kAdj && tg != Tag::kDet) break;
          --k;
        }
        if (k > 0 && IsLocativePrep(sh.lower(k - 1))) {
          score += 100;
          locative = true;
        }
      }
      // "Turkey has opposed Assad, while Russia has deployed troops": a country
      // named in another clause, and not as a place there, is not where the act is.
      if (!locative && ClauseBreakBetween(sh, std::min(t, trig_tok) - sh.base, std::max(t, trig_tok) - sh.base))
        score -= 150;
      if (t > sh.base + 1 && sh.lower(t - 1 - sh.base) == "of" && t > sh.base + 2) {
        // "the northern city of Aleppo"
        auto w = sh.lower(t - 2 - sh.base);
        if (w == "city" || w == "town" || w == "village" || w == "province" || w == "region" || w == "capital" ||
            w == "port")
          score += 90;
      }
      bool in_src = !ev.source.empty() && sp.begin >= ev.source.span.begin && sp.end <= ev.source.span.end;
      bool in_tgt = !ev.target.empty() && sp.begin >= ev.target.span.begin && sp.end <= ev.target.span.end;
      if (in_src) score -= 150;
      if (in_tgt) score -= 40;
      // A nationality word says whose, not where ("at the British base"): the
      // dateline comes first, the nationality's country only failing all else.
      if (InsideNationality(doc, sp)) score -= 300;
      // Inside an aside between the source and the trigger ("The State
      // Department, involved in talks around the city of Aleppo, condemned
      // the attack"): a place of the aside, not of the act.
      if (!ev.source.empty() && sp.begin >= ev.source.span.end && t < trig_tok &&
          CommaBetween(doc, sh, ev.source.span.end, sp.begin) &&
          CommaBetween(doc, sh, sp.end, doc.tokens[trig_tok].begin))
        score -= 250;
      if (doc.places[p].feature == PlaceFeature::kCity) score += 10;
      int dist = int(t) - int(trig_tok);
      score -= dist < 0 ? -dist * 2 : dist;
      if (score > best_score) {
        best_score = score;
        best = int32_t(p);
      }
    }
  }
  if (best != kNone && best_score > -140) return best;
  for (size_t p = 0; p < doc.places.size(); ++p)
    if (doc.in_dateline(doc.places[p])) return int32_t(p);
  return best;
}

bool IsCalendarValue(std::string_view v) {
  return v.size() >= 4 && v[0] >= '0' && v[0] <= '9' && v[1] >= '0' && v[1] <= '9' && v[2] >= '0' && v[2] <= '9' &&
         v[3] >= '0' && v[3] <= '9';
}

// The trigger is a verb in a past tense: "ordered", "has ordered", "had been ordered".
bool PastTenseTrigger(const Document& doc, const Event& ev) {
  const uint32_t t = ev.trigger_token;
  if (t >= doc.tokens.size()) return false;
  const std::string_view tag = tagger::PosTagName(doc.tokens[t].pos);
  if (tag == "VBD") return true;
  if (tag != "VBN") return false;
  const uint32_t sb = doc.sentences[ev.sentence].tok_begin;
  for (uint32_t k = t, steps = 0; k > sb && steps < 3; --k, ++steps) {
    std::string_view w = doc.word(k - 1);
    if (w == "has" || w == "have" || w == "had" || w == "was" || w == "were") return true;
  }
  return false;
}

std::string DateFor(const Document& doc, const Event& ev, uint32_t trig_byte) {
  const Sentence& s = doc.sentences[ev.sentence];
  const TimeExpr* best = nullptr;
  int64_t best_d = INT64_MAX;
  // A past-tense trigger does not happen after the document's day ("ordered
  // its army to meet goals set for 1990").
  const bool past = !doc.date.empty() && PastTenseTrigger(doc, ev);
  for (const auto& t : doc.times) {
    if (t.span.begin < s.begin || t.span.end > s.end) continue;
    // Dates, and times of a known day ("last night" 2016-12-18TNI, "at 0200 GMT").
    const bool day_time = t.type == TimeType::kTime && t.value.size() > 10 && t.value[10] == 'T' && IsCalendarValue(t.value);
    if ((t.type != TimeType::kDate && !day_time) || !IsCalendarValue(t.value)) continue;
    // The dateline's date is where the report was filed, the fallback below.
    if (doc.dateline && t.span.begin >= doc.dateline->whole.begin && t.span.end <= doc.dateline->whole.end) continue;
    // A period that holds the document's own day ("the first such attack this
    // month", "this year") frames the report; it does not date the event.
    if (t.value.size() < 10 && !doc.date.empty() && doc.date.compare(0, t.value.size(), t.value) == 0) continue;
    if (past) {
      const size_t k = std::min(t.value.size(), doc.date.size());
      if (t.value.compare(0, k, doc.date, 0, k) > 0) continue;
    }
    // "said today troops killed ... on Sunday": the time right after a speech
    // verb dates the statement, not the event reported.
    {
      uint32_t tt = s.tok_begin;
      while (tt < s.tok_end && doc.tokens[tt].begin < t.span.begin) ++tt;
      if (tt > s.tok_begin && tt - 1 != ev.trigger_token && tt < s.tok_end && doc.tokens[tt].begin == t.span.begin) {
        std::string_view pw = doc.word(tt - 1);
        if (pw == "said" || pw == "says" || pw == "told" || pw == "announced" || pw == "reported")
          continue;
      }
    }
    int64_t d = int64_t(t.span.begin) - int64_t(trig_byte);
    if (d < 0) d = -d;
    if (t.value.size() < 10) d += 1000000;  // a day beats a month or year anywhere in the sentence
    if (d < best_d) {
      best_d = d;
      best = &t;
    }
  }
  if (best) return best->type == TimeType::kTime ? best->value.substr(0, 10) : best->value;
  // A time expression inside the dateline ("ANKARA, Dec 19 (Reuters) -").
  if (doc.dateline && !doc.dateline->date_span.empty())
    for (const auto& t : doc.times)
      if (t.span.begin >= doc.dateline->whole.begin && t.span.end <= doc.dateline->whole.end &&
          IsCalendarValue(t.value))
        return t.value;
  return doc.date;
}

}  // namespace

void Coder::CodeDocument(Document& doc, const PosTable* pos) const {
  const bool have_kb = doc.has_stage("kb") || !doc.mentions.empty();
  // Token -> covering mention (the shortest one containing it).
  std::vector<int32_t> cover(doc.tokens.size(), -1);
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    const auto& mm = doc.mentions[m];
    for (uint32_t t = mm.tok_begin; t < mm.tok_end && t < cover.size(); ++t) {
      int32_t c = cover[t];
      if (c < 0 || doc.mentions[c].tok_end - doc.mentions[c].tok_begin > mm.tok_end - mm.tok_begin)
        cover[t] = int32_t(m);
    }
  }
  Shallow sh;
  std::vector<Cand> cands;
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (s.tok_end <= s.tok_begin) continue;
    sh.Parse(doc, s, lex_, pos);
    cands.clear();
    SentenceCoder sc(lex_, doc, sh, si, have_kb ? &cover : nullptr);
    sc.Run(&cands);
    for (auto& c : cands) {
      if (c.code.empty()) continue;
      uint32_t tb = sh.base + c.trig_b, te = sh.base + c.trig_e - 1;
      // Quote containing the trigger.
      int32_t quote = kNone, speaker = -1;
      for (size_t q = 0; q < doc.quotes.size(); ++q) {
        const auto& qq = doc.quotes[q];
        if (qq.span.begin <= doc.tokens[tb].begin && doc.tokens[te].end <= qq.span.end) {
          quote = int32_t(q);
          speaker = qq.speaker_mention;
          break;
        }
      }
      std::vector<Actor> srcs, tgts;
      for (const auto& r : c.src) {
        Actor a = MakeActor(doc, cover, sh, r, have_kb, speaker);
        if (have_kb && (a.empty() || !HasCountry(a))) {
          // "Thousands of Iraqi Kurds", "a group of Chechen refugees", "one third of
          // the guerrillas": the people counted are the actor.
          Ref of = r;
          for (int hop = 0; hop < 3; ++hop) {
            of = OfComplement(sh, of);
            if (!of.ok()) break;
            Actor b = MakeActor(doc, cover, sh, of, have_kb, speaker);
            if (!b.empty() && (HasCountry(b) || a.empty())) {
              a = std::move(b);
              if (HasCountry(a)) break;
            }
          }
        }
        if (have_kb && !a.empty() && !HasCountry(a) && r.alt_b != kNo) {
          // "Kenzo Oshima, the United Nations relief coordinator, demanded": the apposition's codes.
          Actor b = MakeActor(doc, cover, sh, Ref{r.alt_b, r.alt_e, r.alt_head}, have_kb, speaker);
          if (HasCountry(b)) {
            a.country = b.country;
            if (!b.sector.empty()) a.sector = b.sector;
            a.code = b.code;
          }
        }
        if (!a.empty()) srcs.push_back(std::move(a));
      }
      for (const auto& r : c.tgt) {
        Actor a = MakeActor(doc, cover, sh, r, have_kb, speaker);
        if (a.empty() || (have_kb && !HasCountry(a))) {
          Ref of = OfComplement(sh, r);
          if (of.ok()) {
            Actor b = MakeActor(doc, cover, sh, of, have_kb, speaker);
            if (!b.empty() && HasCountry(b)) a = std::move(b);
          }
        }
        if (!a.empty()) tgts.push_back(std::move(a));
      }
      bool fallback_tgt = false;
      if (tgts.empty() && have_kb && !srcs.empty() && !(c.recip && srcs.size() >= 2)) {
        Actor a = FallbackTarget(doc, cover, sh, c.trig_b, c.trig_e, srcs, have_kb, speaker);
        if (!a.empty()) {
          tgts.push_back(std::move(a));
          fallback_tgt = true;
        }
      }
      // An event needs at least one actor (CAMEO codes interactions).
      if (srcs.empty() && tgts.empty()) continue;
      if (c.weak && !c.noun && c.entry->frame == Frame::kNone && !c.entry->light && (srcs.empty() || tgts.empty()))
        continue;
      // Reciprocal: "X and Y met" -> X->Y and Y->X.
      std::vector<std::pair<Actor, Actor>> pairs;
      if (c.recip && tgts.empty() && srcs.size() >= 2) {
        for (size_t a = 0; a < srcs.size(); ++a)
          for (size_t b = 0; b < srcs.size(); ++b)
            if (a != b) pairs.push_back({srcs[a], srcs[b]});
      } else {
        if (srcs.empty()) srcs.push_back(Actor{});
        if (tgts.empty()) tgts.push_back(Actor{});
        for (const auto& a : srcs)
          for (const auto& b : tgts) {
            if (!a.empty() && !b.empty() && a.span.begin == b.span.begin && a.span.end == b.span.end) continue;
            pairs.push_back({a, b});
          }
      }
      for (auto& [src, tgt] : pairs) {
        Event ev;
        ev.cameo = c.code;
        ev.plover = std::string(lex_.Plover(c.code));
        ev.source = src;
        ev.target = tgt;
        ev.trigger = {doc.tokens[tb].begin, doc.tokens[te].end};
        ev.trigger_token = tb;
        ev.sentence = si;
        ev.quote = quote;
        ev.negated = c.negated;
        ev.nominal = c.noun;
        float conf = c.conf;
        if (!src.empty()) conf += 0.15f;
        if (!tgt.empty()) conf += fallback_tgt ? 0.05f : 0.15f;
        if (!src.country.empty()) conf += 0.05f;
        if (!tgt.country.empty()) conf += 0.05f;
        if (quote != kNone) conf -= 0.1f;
        if (c.negated) conf -= 0.3f;
        ev.confidence = std::clamp(conf, 0.05f, 0.99f);
        ev.place = PlaceFor(doc, sh, tb, ev);
        // "Vietnam has ordered its army": a target owned by "its/their" belongs to
        // the source (the subject is the owner), whatever place it was guessed from.
        if (!ev.target.empty() && !ev.source.empty() && !ev.source.country.empty() &&
            ev.target.sector.view() != "IGO") {
          std::string_view tt = doc.span_text(ev.target.span);
          if (tt.rfind("its ", 0) == 0 || tt.rfind("their ", 0) == 0 || tt.rfind("Its ", 0) == 0 ||
              tt.rfind("Their ", 0) == 0) {
            ev.target.country = ev.source.country;
            ev.target.ComposeCode();
          }
        }
        // "Russia has deployed troops": the forces a country mobilises or shows are
        // its own, whatever the place.
        if (Root(ev.cameo) == 15 && !ev.target.empty() && !ev.source.country.empty() && !ev.target.implied &&
            ev.target.sector.view() == "MIL" && ev.source.country.view() != "IGO" && ev.source.country.view() != "IMG" &&
            !NamesAnything(doc, ev.target.span)) {
          ev.target.country = ev.source.country;
          ev.target.ComposeCode();
        }
        // Local agents ("an off-duty police officer") take the event place's country;
        // international organisations (IGO, NGO) do not.
        if (ev.place != kNone) {
          const Code pc = doc.places[ev.place].country;
          for (Actor* a : {&ev.source, &ev.target})
            if (!a->empty() && a->country.empty() && !a->sector.empty() && !pc.empty() &&
                a->sector.view() != "IGO" && a->sector.view() != "NGO") {  // international bodies stay so
              a->country = pc;
              a->ComposeCode();
            }
        }
        // "ethnic Albanians in southern Serbia": CAMEO codes an ethnic group by the
        // country it lives in, here the country of the event's place.
        if (ev.place != kNone && !doc.places[ev.place].country.empty())
          for (Actor* a : {&ev.source, &ev.target}) {
            if (a->empty() || a->implied) continue;
            std::string_view t = doc.span_text(a->span);
            if (t.size() > 7 && (t.find("ethnic ") != std::string_view::npos || t.rfind("Ethnic ", 0) == 0)) {
              a->country = doc.places[ev.place].country;
              a->ComposeCode();
            }
          }
        // Otherwise a domestic reading: "the government lifted the emergency in
        // Darfur", "Islamic fundamentalists demanded the resignation of the Algerian
        // President": an actor known only by its sector is of the other actor's
        // country. Not for attacks, which cross borders (and not for unknown
        // attackers, whose victims' country says nothing about them).
        if (Root(ev.cameo) < 18 && !ev.source.empty() && !ev.target.empty())
          for (int side = 0; side < 2; ++side) {
            Actor* a = side ? &ev.target : &ev.source;
            const Actor* o = side ? &ev.source : &ev.target;
            const auto sv = a->sector.view();
            if (a->country.empty() && !sv.empty() && sv != "IGO" && sv != "NGO" && sv != "UAF" && sv != "CRM" &&
                !o->country.empty() && o->country.view() != "IGO" && o->country.view() != "IMG") {
              a->country = o->country;
              a->code = std::string(o->country.view()) + std::string(sv);
            }
          }
        // An attack nobody is named for ("a roadside bomb near Samarra killed a U.S.
        // soldier"): CAMEO codes the unknown perpetrators as of the country where it
        // happened, when the sentence names that place (in/near/the city of X).
        // Likewise the authorities of that country for an investigation or a coercive
        // act reported without its agent ("was put under investigation in Italy",
        // "were arrested in Cairo").
        const int root = Root(ev.cameo);
        if (ev.source.empty() && ev.place != kNone && (root >= 18 || root == 9 || root == 17) && !ev.negated) {
          const Place& pl = doc.places[ev.place];
          const Sentence& st = doc.sentences[si];
          for (const auto& sp : pl.mentions)
            if (!pl.country.empty() && sp.begin >= st.begin && sp.end <= st.end &&
                !(ev.target.span.begin <= sp.begin && sp.end <= ev.target.span.end) && WhereItHappened(doc, sh, sp)) {
              ev.source.span = sp;
              ev.source.country = pl.country;
              ev.source.code = std::string(pl.country.view());
              ev.source.implied = true;
              break;
            }
        }
        ev.date = DateFor(doc, ev, doc.tokens[tb].begin);
        doc.events.push_back(std::move(ev));
      }
    }
  }
}

}  // namespace tidings::events
