#include "tidings/events/shallow.h"

#include <cctype>
#include <cstring>
#include <unordered_map>

#include "tidings/core/ascii_scan.h"
#include "tidings/core/string_map.h"

namespace tidings::events {
namespace {

using Map = StringMap<Tag>;

const Map& ClosedClass() {
  static const Map m = [] {
    Map m;
    for (auto w : {"the", "a", "an", "this", "these", "those", "each", "every", "some", "any", "another", "all",
                   "both", "several", "many", "few", "such", "either", "neither", "much", "most", "more", "no"})
      m[w] = Tag::kDet;
    for (auto w : {"his", "her", "its", "their", "our", "my", "your"}) m[w] = Tag::kPossPron;
    for (auto w : {"he", "she", "it", "they", "we", "i", "you", "him", "them", "us", "me", "himself", "herself",
                   "itself", "themselves", "ourselves", "one"})
      m[w] = Tag::kPron;
    for (auto w : {"who", "whom", "which", "whose"}) m[w] = Tag::kWh;
    for (auto w : {"of", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "over", "under", "against",
                   "about", "after", "before", "during", "since", "until", "between", "among", "amongst", "through",
                   "throughout", "across", "near", "outside", "inside", "without", "within", "behind", "toward",
                   "towards", "despite", "amid", "upon", "via", "along", "around", "per", "like", "than", "beyond",
                   "following", "including", "off", "up", "down", "out", "as"})
      m[w] = Tag::kPrep;
    for (auto w : {"because", "while", "although", "though", "if", "unless", "whereas", "whether", "when", "where",
                   "once", "so"})
      m[w] = Tag::kSconj;
    for (auto w : {"and", "or", "but", "nor"}) m[w] = Tag::kCconj;
    for (auto w : {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do",
                   "does", "did", "'s'", "'re", "'ve"})
      m[w] = Tag::kAux;
    for (auto w : {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "'d", "wo",
                   "ca"})
      m[w] = Tag::kModal;
    for (auto w : {"not", "n't", "never"}) m[w] = Tag::kNeg;
    m["to"] = Tag::kTo;
    for (auto w : {"'s", "'", "\xE2\x80\x99s"}) m[w] = Tag::kPoss;
    for (auto w : {"also", "still", "already", "again", "yet", "now", "then", "later", "soon", "recently",
                   "reportedly", "allegedly", "just", "only", "even", "however", "meanwhile", "routinely",
                   "apparently", "immediately", "previously", "last", "ago", "here", "there", "too", "very",
                   "once", "twice", "further", "instead", "together", "jointly", "finally", "publicly", "reportedly",
                   "repeatedly", "effectively", "officially", "outright", "hard", "at", "all"})
      if (!m.contains(w)) m[w] = Tag::kAdv;
    for (auto w : {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                   "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million",
                   "millions", "billion", "dozens", "dozen", "scores"})
      if (!m.contains(w)) m[w] = Tag::kNum;
    return m;
  }();
  return m;
}

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() > suf.size() && s.substr(s.size() - suf.size()) == suf;
}

bool IsPunctWord(std::string_view w) {
  for (unsigned char c : w)
    if (std::isalnum(c) || c >= 0x80) return false;
  return true;
}

}  // namespace

Tag TagFromPtb(std::string_view p, uint8_t* vform) {
  *vform = 0;
  if (p == "NN" || p == "NNS") return Tag::kNoun;
  if (p == "NNP" || p == "NNPS") return Tag::kPropn;
  if (p == "VB") { *vform = kFormBase; return Tag::kVerb; }
  if (p == "VBP") { *vform = kFormBase; return Tag::kVerb; }
  if (p == "VBZ") { *vform = kForm3sg; return Tag::kVerb; }
  if (p == "VBD") { *vform = kFormPast; return Tag::kVerb; }
  if (p == "VBN") { *vform = kFormPart; return Tag::kVerb; }
  if (p == "VBG") { *vform = kFormIng; return Tag::kVerb; }
  if (p == "MD") return Tag::kModal;
  if (p == "JJ" || p == "JJR" || p == "JJS") return Tag::kAdj;
  if (p == "RB" || p == "RBR" || p == "RBS" || p == "RP" || p == "WRB") return Tag::kAdv;
  if (p == "DT" || p == "PDT") return Tag::kDet;
  if (p == "IN") return Tag::kPrep;
  if (p == "CC") return Tag::kCconj;
  if (p == "PRP") return Tag::kPron;
  if (p == "PRP$" || p == "WP$") return Tag::kPossPron;
  if (p == "WDT" || p == "WP") return Tag::kWh;
  if (p == "TO") return Tag::kTo;
  if (p == "POS") return Tag::kPoss;
  if (p == "CD") return Tag::kNum;
  if (p == ",") return Tag::kComma;
  if (p == "." || p == ":" || p == "``" || p == "''" || p == "-LRB-" || p == "-RRB-" || p == "(" || p == ")" ||
      p == "\"" || p == "#" || p == "$")
    return Tag::kPunct;
  return Tag::kOther;
}

void Shallow::Parse(const Document& doc, const Sentence& s, const Lexicon& lex, const PosTable* pos) {
  base = s.tok_begin;
  n = s.tok_end > s.tok_begin ? s.tok_end - s.tok_begin : 0;
  tok.assign(n, TokInfo{});
  nps.clear();
  vgs.clear();
  size_t total = 0;
  for (uint32_t i = 0; i < n; ++i) total += doc.word(base + i).size();
  lower_pool_.resize(total + 8);  // LowerWide writes whole 8-byte words
  size_t off = 0;
  const auto& cc = ClosedClass();
  const bool use_pos = pos != nullptr;
  for (uint32_t i = 0; i < n; ++i) {
    const Token& t = doc.tokens[base + i];
    std::string_view w = doc.word(t);
    char* dst = lower_pool_.data() + off;
    TokInfo& ti = tok[i];
    ti.lower = ascii::LowerWide(w, dst);
    off += w.size();
    ti.cap = !w.empty() && w[0] >= 'A' && w[0] <= 'Z';
    std::string_view lw = ti.lower;
    // Closed classes are reliable from the word itself.
    bool tagger_has = use_pos && t.pos != 0 && pos->known[t.pos];
    if (tagger_has) {
      ti.tag = pos->tag[t.pos];
      ti.vform = pos->vform[t.pos];
      // The word's closed class matters only to verbs and prepositions.
      const Tag* it = (ti.tag == Tag::kVerb || ti.tag == Tag::kAux || ti.tag == Tag::kPrep) ? cc.Find(lw) : nullptr;
      if (ti.tag == Tag::kVerb || ti.tag == Tag::kAux) {
        if (it && *it == Tag::kAux) ti.tag = Tag::kAux;
      }
      if (lw == "not" || lw == "n't" || lw == "never") ti.tag = Tag::kNeg;
      if (lw == "that" && ti.tag == Tag::kPrep) ti.tag = Tag::kSconj;
      if (ti.tag == Tag::kPrep && it && *it == Tag::kSconj) ti.tag = Tag::kSconj;
      continue;
    }
    const Tag* it = cc.Find(lw);
    if (w.empty()) continue;
    if (lw == ",") { ti.tag = Tag::kComma; continue; }
    if (IsPunctWord(lw)) {
      ti.tag = Tag::kPunct;
      continue;
    }
    if (it) {
      ti.tag = *it;
      if (ti.tag == Tag::kAux) ti.vform = lex.VerbForms(lw);
      continue;
    }
    if (lw == "that") {
      Tag p = i ? tok[i - 1].tag : Tag::kOther;
      ti.tag = (p == Tag::kVerb) ? Tag::kSconj : (p == Tag::kNoun || p == Tag::kPropn || p == Tag::kComma) ? Tag::kWh : Tag::kDet;
      continue;
    }
    if ((lw[0] >= '0' && lw[0] <= '9')) { ti.tag = Tag::kNum; continue; }
    Tag prev = i ? tok[i - 1].tag : Tag::kPunct;
    bool after_det = prev == Tag::kDet || prev == Tag::kPossPron || prev == Tag::kAdj || prev == Tag::kPoss ||
                     prev == Tag::kNum;
    bool sent_initial = i == 0 || prev == Tag::kPunct;
    uint8_t vf = lex.VerbForms(lw);
    bool known_noun = lex.Noun(lw) != nullptr;
    if (ti.cap && !sent_initial) { ti.tag = Tag::kPropn; continue; }
    if (vf) {
      bool nounish = after_det || prev == Tag::kPrep || (known_noun && !(vf & (kFormPast | kFormPart)) &&
                                                         prev != Tag::kPron && prev != Tag::kAux &&
                                                         prev != Tag::kModal && prev != Tag::kTo &&
                                                         prev != Tag::kNeg && prev != Tag::kAdv && !sent_initial &&
                                                         prev != Tag::kNoun && prev != Tag::kPropn);
      if (prev == Tag::kTo || prev == Tag::kModal) nounish = false;
      if (after_det && (vf & kFormPart) && !known_noun) nounish = false;  // "the besieged town": adjectival
      if (!nounish) {
        ti.tag = Tag::kVerb;
        // Choose the most plausible single form.
        if (prev == Tag::kTo || prev == Tag::kModal) ti.vform = kFormBase;
        else if ((vf & kFormPart) && (prev == Tag::kAux || (i >= 2 && tok[i - 2].tag == Tag::kAux && prev == Tag::kAdv)))
          ti.vform = kFormPart;
        else if (vf & kFormPast) ti.vform = kFormPast;
        else if (vf & kFormPart) ti.vform = kFormPart;
        else if (vf & kFormIng) ti.vform = kFormIng;
        else if (vf & kForm3sg) ti.vform = kForm3sg;
        else ti.vform = kFormBase;
        if (after_det && ti.vform == kFormPart) ti.tag = Tag::kAdj;
        continue;
      }
      ti.tag = Tag::kNoun;
      continue;
    }
    if (ti.cap && sent_initial && !known_noun) { ti.tag = Tag::kPropn; continue; }
    if (EndsWith(lw, "ly") && !known_noun) { ti.tag = Tag::kAdv; continue; }
    if (!after_det && (EndsWith(lw, "ed")) && (prev == Tag::kNoun || prev == Tag::kPropn || prev == Tag::kPron ||
                                                prev == Tag::kAux || prev == Tag::kAdv)) {
      ti.tag = Tag::kVerb;
      ti.vform = prev == Tag::kAux ? kFormPart : kFormPast;
      continue;
    }
    if (EndsWith(lw, "ing") && !after_det && !known_noun && lw.size() > 5) {
      ti.tag = Tag::kVerb;
      ti.vform = kFormIng;
      continue;
    }
    if (EndsWith(lw, "ous") || EndsWith(lw, "ive") || EndsWith(lw, "al") || EndsWith(lw, "ic") ||
        EndsWith(lw, "ful") || EndsWith(lw, "less") || EndsWith(lw, "ian") || EndsWith(lw, "ish") ||
        EndsWith(lw, "ese") || EndsWith(lw, "ary") || EndsWith(lw, "ble")) {
      ti.tag = known_noun ? Tag::kNoun : Tag::kAdj;
      continue;
    }
    ti.tag = Tag::kNoun;
  }

  // ---- noun phrases ----
  auto starts_np = [&](Tag t) {
    return t == Tag::kDet || t == Tag::kPossPron || t == Tag::kNum || t == Tag::kAdj || t == Tag::kNoun ||
           t == Tag::kPropn;
  };
  auto np_inner = [&](uint32_t i) {
    Tag t = tok[i].tag;
    if (t == Tag::kAdj || t == Tag::kNum || t == Tag::kNoun || t == Tag::kPropn) return true;
    // Participles and gerunds used as modifiers: "the besieged town", "ruling party".
    if (t == Tag::kVerb && (tok[i].vform & (kFormPart | kFormIng)) && i + 1 < n &&
        (tok[i + 1].tag == Tag::kNoun || tok[i + 1].tag == Tag::kPropn) && i > 0 &&
        (tok[i - 1].tag == Tag::kDet || tok[i - 1].tag == Tag::kAdj || tok[i - 1].tag == Tag::kPossPron))
      return true;
    // "U.S.-led": hyphen words come as one token; a lone "-" joins names.
    return false;
  };
  for (uint32_t i = 0; i < n;) {
    Tag t = tok[i].tag;
    if (t == Tag::kPron) {
      NounPhrase np;
      np.b = i;
      np.e = i + 1;
      np.head = i;
      tok[i].np = int16_t(nps.size());
      nps.push_back(np);
      ++i;
      continue;
    }
    if (!starts_np(t)) { ++i; continue; }
    NounPhrase np;
    np.b = i;
    uint32_t j = i;
    if (t == Tag::kDet || t == Tag::kPossPron) {
      if (t == Tag::kPossPron) { np.poss_b = int32_t(i); np.poss_e = int32_t(i + 1); }
      ++j;
      while (j < n && (tok[j].tag == Tag::kDet)) ++j;  // "all the"
    }
    uint32_t last_head = UINT32_MAX;
    while (j < n) {
      if (np_inner(j) || (tok[j].tag == Tag::kAdv && j + 1 < n && tok[j + 1].tag == Tag::kAdj && j > np.b)) {
        if (tok[j].tag == Tag::kNoun || tok[j].tag == Tag::kPropn || tok[j].tag == Tag::kNum) last_head = j;
        ++j;
        continue;
      }
      // Possessive: "Russia 's air strikes": the part before 's is the possessor.
      if (tok[j].tag == Tag::kPoss && last_head != UINT32_MAX && j + 1 < n && starts_np(tok[j + 1].tag) &&
          tok[j + 1].tag != Tag::kDet) {
        np.poss_b = int32_t(np.b);
        np.poss_e = int32_t(j);
        ++j;
        continue;
      }
      break;
    }
    if (last_head == UINT32_MAX || last_head < np.b) {
      // Determiner alone ("this", "all"): a pronoun-like NP.
      if (t == Tag::kDet && j == i + 1 && (tok[i].lower == "this" || tok[i].lower == "these" ||
                                           tok[i].lower == "those" || tok[i].lower == "both")) {
        np.e = j;
        np.head = i;
        tok[i].np = int16_t(nps.size());
        nps.push_back(np);
      }
      i = j > i ? j : i + 1;
      continue;
    }
    np.e = last_head + 1;
    np.head = last_head;
    if (nps.size() >= 30000) break;
    for (uint32_t k = np.b; k < np.e; ++k) tok[k].np = int16_t(nps.size());
    nps.push_back(np);
    i = np.e;
  }
  // Governing prepositions and coordination.
  for (size_t k = 0; k < nps.size(); ++k) {
    auto& np = nps[k];
    if (np.b > 0 && (tok[np.b - 1].tag == Tag::kPrep || tok[np.b - 1].tag == Tag::kTo)) np.prep = int32_t(np.b - 1);
  }
  for (size_t k = 0; k + 1 < nps.size(); ++k) {
    auto& a = nps[k];
    auto& b = nps[k + 1];
    uint32_t gap_b = a.e, gap_e = b.b;
    bool has_and = false, ok = gap_e > gap_b && gap_e - gap_b <= 2;
    for (uint32_t g = gap_b; ok && g < gap_e; ++g) {
      if (tok[g].tag == Tag::kCconj && (tok[g].lower == "and" || tok[g].lower == "or")) has_and = true;
      else if (tok[g].tag != Tag::kComma) ok = false;
    }
    if (!ok) continue;
    if (!has_and) {
      // "X, Y and Z": a comma links only when an "and" closes the list later.
      bool closes = false;
      for (size_t m = k + 1; m + 1 < nps.size() && m < k + 8; ++m) {
        uint32_t gb = nps[m].e, ge = nps[m + 1].b;
        bool ok2 = ge > gb && ge - gb <= 2, and2 = false;
        for (uint32_t g = gb; ok2 && g < ge; ++g) {
          if (tok[g].lower == "and" || tok[g].lower == "or") and2 = true;
          else if (tok[g].tag != Tag::kComma) ok2 = false;
        }
        if (!ok2) break;
        if (and2) { closes = true; break; }
      }
      if (!closes) continue;
    }
    a.conj_next = int16_t(k + 1);
    b.conj_prev = int16_t(k);
    b.prep = a.prep;  // "on X and Y": Y shares X's preposition
  }

  // ---- verb groups ----
  for (uint32_t i = 0; i < n;) {
    Tag t = tok[i].tag;
    bool starter = t == Tag::kVerb || t == Tag::kAux || t == Tag::kModal ||
                   (t == Tag::kTo && i + 1 < n && (tok[i + 1].tag == Tag::kVerb || tok[i + 1].tag == Tag::kAux ||
                                                   tok[i + 1].tag == Tag::kAdv));
    if (!starter || tok[i].np >= 0) { ++i; continue; }
    VerbGroup vg;
    vg.b = i;
    uint32_t j = i;
    int32_t head = -1, last_aux = -1;
    bool be_aux = false, has_aux = false;
    while (j < n) {
      Tag tj = tok[j].tag;
      if (tj == Tag::kTo && j == vg.b) { vg.to_inf = true; ++j; continue; }
      if (tj == Tag::kModal) {
        auto w = tok[j].lower;
        if (w == "will" || w == "would" || w == "shall" || w == "'ll" || w == "wo") vg.future = true;
        if (w == "must" || w == "should") vg.must = true;
        has_aux = true;
        ++j;
        continue;
      }
      if (tj == Tag::kNeg) { vg.negated = true; ++j; continue; }
      if (tj == Tag::kAdv && head < 0 && j + 1 < n) { ++j; continue; }
      // "has once again outright rejected": an adverbial adjective inside the group.
      if (tj == Tag::kAdj && head < 0 && has_aux && j + 1 < n && tok[j + 1].tag == Tag::kVerb &&
          (tok[j + 1].vform & (kFormPart | kFormIng))) { ++j; continue; }
      if (tj == Tag::kAux) {
        auto w = tok[j].lower;
        // "have to" / "has to": obligation.
        if ((w == "have" || w == "has" || w == "had") && j + 1 < n && tok[j + 1].tag == Tag::kTo) {
          vg.must = true;
          ++j;
          break;
        }
        if (head >= 0) break;
        has_aux = true;
        last_aux = int32_t(j);
        if (w == "is" || w == "are" || w == "was" || w == "were" || w == "be" || w == "been" || w == "being" ||
            w == "am" || w == "get" || w == "got" || w == "gets" || w == "getting")
          be_aux = true;
        ++j;
        continue;
      }
      if (tj == Tag::kVerb) {
        if (head >= 0) break;
        head = int32_t(j);
        ++j;
        // Verb particles are left to lexicon patterns ("blow up", "carry out").
        break;
      }
      break;
    }
    if (j == vg.b) { ++i; continue; }
    // "going to V": future.
    if (head >= 0 && tok[head].lower == "going" && j < n && tok[j].tag == Tag::kTo) vg.future = true;
    if (head < 0) {
      if (last_aux < 0) { i = j; continue; }
      head = last_aux;  // bare copula / auxiliary
    }
    vg.head = uint32_t(head);
    vg.e = uint32_t(head) + 1;
    if (vg.e < j) vg.e = j;
    uint8_t vf = tok[head].vform;
    vg.has_aux = has_aux;
    if (be_aux && head != last_aux && (vf & kFormPart)) vg.passive = true;
    if (!has_aux && !vg.to_inf && (vf == kFormIng)) vg.bare_ing = true;
    if (!has_aux && !vg.to_inf && (vf == kFormPart) && !(vf & kFormPast)) vg.bare_part = true;
    if (vgs.size() >= 30000) break;
    for (uint32_t k = vg.b; k < vg.e && k < n; ++k) tok[k].vg = int16_t(vgs.size());
    vgs.push_back(vg);
    i = vg.e > i ? vg.e : i + 1;
  }

  // ---- clauses ----
  uint16_t c = 0;
  clause_kind.assign(1, 0);
  for (uint32_t i = 0; i < n; ++i) {
    Tag t = tok[i].tag;
    auto w = tok[i].lower;
    // "after U.S. officials alleged that ...": a preposition that introduces a
    // clause (a noun phrase, then a finite verb) is a subordinator.
    bool prep_clause = false;
    if (t == Tag::kPrep && (w == "after" || w == "before" || w == "since" || w == "until" || w == "as") &&
        i + 1 < n && tok[i + 1].np >= 0) {
      uint32_t e = nps[tok[i + 1].np].e;
      prep_clause = e < n && tok[e].vg >= 0 && !vgs[tok[e].vg].to_inf && vgs[tok[e].vg].b == e &&
                    !vgs[tok[e].vg].bare_ing;
    }
    if (t == Tag::kSconj || t == Tag::kWh || w == ";" || w == ":" || w == "--" || prep_clause ||
        (w == "that" && t != Tag::kDet)) {
      if (c < 65535) {
        ++c;
        clause_kind.push_back(w == "that" ? (i > 0 && (tok[i - 1].tag == Tag::kNoun || tok[i - 1].tag == Tag::kPropn)
                                                 ? 2 : 1)
                              : t == Tag::kWh ? 2 : (t == Tag::kSconj || prep_clause) ? 3 : 0);
      }
    }
    tok[i].clause = c;
  }
  // ---- time expressions ----
  if (n) {
    const uint32_t sb = doc.tokens[base].begin, se = doc.tokens[base + n - 1].end;
    for (const auto& te : doc.times) {
      if (te.span.end <= sb || te.span.begin >= se) continue;
      for (uint32_t i = 0; i < n; ++i) {
        const Token& t = doc.tokens[base + i];
        if (t.begin >= te.span.begin && t.end <= te.span.end) tok[i].time = true;
      }
    }
  }
}

bool IsLocativePrep(std::string_view w) {
  return w == "in" || w == "at" || w == "near" || w == "outside" || w == "inside" || w == "across" ||
         w == "throughout" || w == "around" || w == "into" || w == "on" || w == "from";
}

}  // namespace tidings::events
