#include "tidings/events/dict/coder.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <tuple>
#include <set>

namespace tidings::dict {

std::string_view CodeStatusName(CodeStatus s) {
  switch (s) {
    case CodeStatus::kOk: return "ok";
    case CodeStatus::kNoEvents: return "---";
    case CodeStatus::kTooShort: return "short";
    case CodeStatus::kDiscard: return "###";
    case CodeStatus::kComplex: return "+++";
  }
  return "?";
}

// ---------------------------------------------------------------- filter

namespace {

// Latin-1 supplement letters without their diacritics.
char Fold(char32_t cp) {
  static const char* kMap =
      "AAAAAAACEEEEIIII"  // C0-CF
      "DNOOOOOxOUUUUYTs"  // D0-DF
      "aaaaaaaceeeeiiii"  // E0-EF
      "dnooooo/ouuuuyty";  // F0-FF
  if (cp >= 0xC0 && cp <= 0xFF) return kMap[cp - 0xC0];
  return 0;
}

}  // namespace

std::vector<TWord> TabariWords(std::string_view text, uint32_t base) {
  std::vector<TWord> out;
  TWord cur;
  bool in_word = false;
  char prev_src = 0;  // previous source character (ASCII view)
  auto flush = [&](uint32_t end) {
    if (!in_word) return;
    cur.end = end;
    // A final period is dropped unless the word is an abbreviation (U.S.).
    if (cur.text.size() > 1 && cur.text.back() == '.' &&
        cur.text.find('.') == cur.text.size() - 1)
      cur.text.pop_back();
    while (!cur.text.empty() && cur.text.back() == '\'' && cur.text.size() > 1 &&
           cur.text[cur.text.size() - 2] == '\'')
      cur.text.pop_back();
    if (!cur.text.empty() && cur.text != "." && cur.text != "'") out.push_back(cur);
    cur = TWord();
    in_word = false;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    unsigned char b = static_cast<unsigned char>(text[i]);
    char32_t cp = b;
    if (b >= 0x80) {
      // Decode UTF-8 leniently.
      int len = (b >= 0xF0) ? 4 : (b >= 0xE0) ? 3 : (b >= 0xC0) ? 2 : 1;
      cp = len == 1 ? b : (b & (0x7F >> len));
      for (int k = 1; k < len && i + k < text.size(); ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
      i += len;
    } else {
      ++i;
    }
    uint32_t pos = base + static_cast<uint32_t>(start);
    char c = 0;
    if (cp < 0x80) c = static_cast<char>(cp);
    else if (Fold(cp)) c = Fold(cp);
    else if (cp == 0x2019 || cp == 0x2018) c = '\'';
    else if (cp == 0x201C || cp == 0x201D) c = '"';
    else if (cp == 0x2013 || cp == 0x2014) c = '-';
    else if (cp == 0xA0 || cp == 0x2009 || cp == 0x200B) c = ' ';
    else c = 'X';  // other letters/symbols: keep as a word character
    bool is_alnum = std::isalnum(static_cast<unsigned char>(c)) || (cp >= 0x80 && c == 'X');
    if (c == ',' || c == ';') {
      // Commas inside numbers disappear.
      bool in_number = c == ',' && in_word && std::isdigit(static_cast<unsigned char>(prev_src)) &&
                       i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
      if (in_number) {
        prev_src = c;
        continue;
      }
      flush(pos);
      TWord comma;
      comma.text = ",";
      comma.begin = pos;
      comma.end = pos + 1;
      out.push_back(comma);
    } else if (c == '.') {
      if (std::islower(static_cast<unsigned char>(prev_src))) {
        flush(pos);
      } else if (in_word) {
        cur.text += '.';
      }
    } else if (is_alnum || c == '\'' || c == '&' || c == '$' || c == '%') {
      if (!in_word) {
        if (c == '\'') {  // leading quote mark, not an apostrophe
          prev_src = c;
          continue;
        }
        in_word = true;
        cur.begin = pos;
        cur.capitalized = std::isupper(static_cast<unsigned char>(c));
      }
      cur.text += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      // Blanks, hyphens, ?!, quotes, brackets, underscores, slashes ...
      flush(pos);
    }
    prev_src = c;
  }
  flush(base + static_cast<uint32_t>(text.size()));
  return out;
}

// ---------------------------------------------------------------- index

Coder::Coder(std::shared_ptr<const Dictionaries> dict) : dict_(std::move(dict)) {
  const auto& lex = dict_->lex;
  for (int32_t i = 0; i < static_cast<int32_t>(lex.size()); ++i) {
    const PWord& w = lex[i].words[0];
    if (w.exact) exact_first_[w.text].push_back(i);
    else {
      stem_first_[w.text].push_back(i);
      max_stem_ = std::max(max_stem_, w.text.size());
    }
  }
}

namespace {

const char* kNounEndings[] = {"S", "'S", "'", "S'", "ES"};
const char* kVerbEndings[] = {"S", "ED", "ES", "EN", "ING"};

bool EndsWith(std::string_view s, std::string_view e) {
  return s.size() >= e.size() && s.substr(s.size() - e.size()) == e;
}

bool IsDeterminer(std::string_view w) { return w == "THE" || w == "A" || w == "AN"; }
bool IsConj(std::string_view w) { return w == "AND" || w == "BUT" || w == "OR" || w == "NOR"; }
bool IsCompoundConj(std::string_view w) { return w == "AND" || w == "OR" || w == "NOR"; }

enum class PronKind : uint8_t { kNone, kFirst, kPrior, kPlural };
PronKind PronounKind(std::string_view w) {
  if (w == "HE" || w == "SHE" || w == "IT" || w == "HIM") return PronKind::kFirst;
  if (w == "ITS" || w == "HIS" || w == "HER") return PronKind::kPrior;
  if (w == "THEY" || w == "THEM" || w == "THEIR") return PronKind::kPlural;
  return PronKind::kNone;
}

// Word types after classification.
enum WType : uint8_t {
  kNull, kPart, kActor, kAgent, kVerb, kNoun, kAdj, kDet, kPron, kConj, kComma, kNumber, kTime, kDiscardW
};

struct Occ {         // an actor occurrence
  int head = 0, last = 0;
  std::vector<std::string> codes;
  int group = -1;    // compound group
  bool pronoun = false;
};

struct VerbOcc {
  int head = 0, last = 0;
  int verb = -1;     // index into Dictionaries::verbs
  std::string form;  // the root text
};

struct Unit {        // what a role token or default search assigns
  int begin = 0, end = 0;  // word span
  std::vector<std::string> codes;
  std::vector<int> occs;
  bool compound = false;
  int head_word = -1;
};

struct MState {
  int src = -1, tgt = -1, cmp = -1;  // unit ids
  int len = 0;
};

}  // namespace

// All per-sentence state. Lives on the stack of Coder::Code.
class SentenceCoder {
 public:
  SentenceCoder(const Coder& c, const Options& opt, int32_t date)
      : c_(c), d_(*c.dict_), opt_(opt), date_(date) {}

  CodeResult Run(const std::vector<TWord>& in, bool final_period);

 private:
  // Classification.
  void Classify(const std::vector<std::string>& words, const std::vector<bool>& caps, bool all_caps);
  bool MatchLex(const LexEntry& e, int pos, std::vector<int>* hits) const;
  bool WordMatches(const PWord& pw, std::string_view w, bool first, bool last, LexKind kind) const;
  void BuildActors();
  void BuildCompounds();
  std::vector<bool> CommaDeletions(bool final_period) const;
  void Dereference();
  void BuildClauses();
  void BuildUnits();

  // Coding.
  struct Match {
    const Pattern* p = nullptr;
    MState st;
    VCode code;
  };
  bool MatchPattern(const Pattern& p, const VerbOcc& v, int lo, int hi, MState& st) const;
  bool Fwd(const PSeq& seq, size_t i, int pos, bool anch, int hi, MState st,
           const std::function<bool(int, MState)>& k) const;
  bool Back(const PSeq& seq, int i, int pos, bool anch, int lo, MState st,
            const std::function<bool(int, MState)>& k) const;
  bool ElemWord(const PElem& e, int q) const;
  Match SelectCode(const VerbOcc& v) const;

  int UnitOfOcc(int occ) const { return occ_unit_[occ]; }
  const std::vector<std::string>& UnitCodes(int u) const { return units_[u].codes; }

  const Coder& c_;
  const Dictionaries& d_;
  const Options& opt_;
  int32_t date_;

  std::vector<std::string> w_;      // words
  std::vector<WType> type_;
  std::vector<int> lex_at_;         // lexicon entry whose head is at i
  std::vector<int> head_of_;        // for kPart words: head position
  std::vector<std::vector<int>> hits_;  // matched positions of the phrase headed at i
  std::vector<Occ> occ_;
  std::vector<int> occ_at_head_;
  std::vector<std::vector<int>> groups_;
  std::vector<bool> in_compound_conj_;  // conjunction/comma inside a compound
  std::vector<VerbOcc> verbs_;
  std::vector<int> clause_;         // clause id per word
  std::vector<std::pair<int, int>> clauses_;
  std::vector<Unit> units_;
  std::vector<int> occ_unit_;       // unit of an occurrence for role tokens
  std::vector<int> single_unit_;    // unit made of the occurrence alone
  std::vector<bool> comma_;
  std::vector<bool> gap_before_;    // words were removed just before this one
  std::string explain_;
};

bool SentenceCoder::WordMatches(const PWord& pw, std::string_view w, bool first, bool last,
                                LexKind kind) const {
  if (!pw.exact) return w.size() >= pw.text.size() && w.substr(0, pw.text.size()) == pw.text;
  if (w == pw.text) return true;
  if (pw.no_endings) return false;
  // Verb roots ending in E drop it before -ED, -EN, -ING ("DEPLORED").
  if (kind == LexKind::kVerb && (first || last) && pw.text.size() > 1 && pw.text.back() == 'E') {
    std::string_view stem = std::string_view(pw.text).substr(0, pw.text.size() - 1);
    if (w.size() > stem.size() && w.substr(0, stem.size()) == stem) {
      std::string_view rest = w.substr(stem.size());
      if (rest == "ED" || rest == "EN" || rest == "ING") return true;
    }
  }
  if (w.size() <= pw.text.size() || w.substr(0, pw.text.size()) != pw.text) return false;
  std::string_view rest = w.substr(pw.text.size());
  if (kind == LexKind::kVerb) {
    if (!(first || last)) return false;
    for (const char* e : kVerbEndings)
      if (rest == e) return true;
    return false;
  }
  if (!last) return false;
  for (const char* e : kNounEndings)
    if (rest == e) return true;
  return false;
}

bool SentenceCoder::MatchLex(const LexEntry& e, int pos, std::vector<int>* hits) const {
  const int n = static_cast<int>(w_.size());
  const int m = static_cast<int>(e.words.size());
  if (hits) hits->clear();
  int p = pos;
  for (int k = 0; k < m; ++k) {
    const PWord& pw = e.words[k];
    bool first = k == 0, last = k == m - 1;
    if (k == 0) {
      if (!WordMatches(pw, w_[p], first, last, e.kind)) return false;
    } else if (e.words[k - 1].adjacent) {
      ++p;
      if (p >= n || !WordMatches(pw, w_[p], first, last, e.kind)) return false;
    } else {
      int q = p + 1;
      while (q < n && !WordMatches(pw, w_[q], first, last, e.kind)) ++q;
      if (q >= n) return false;
      p = q;
    }
    if (hits) hits->push_back(p);
  }
  return true;
}

void SentenceCoder::Classify(const std::vector<std::string>& words, const std::vector<bool>& caps,
                             bool all_caps) {
  w_ = words;
  const int n = static_cast<int>(w_.size());
  type_.assign(n, kNull);
  lex_at_.assign(n, -1);
  head_of_.assign(n, -1);
  hits_.assign(n, {});
  comma_.assign(n, false);
  if (gap_before_.size() != static_cast<size_t>(n)) gap_before_.assign(n, false);
  std::vector<int> cands;
  for (int i = 0; i < n; ++i) {
    if (type_[i] == kPart) continue;
    const std::string& w = w_[i];
    if (w == ",") {
      type_[i] = kComma;
      comma_[i] = true;
      continue;
    }
    cands.clear();
    auto add = [&](const std::vector<int32_t>* v) {
      if (v) cands.insert(cands.end(), v->begin(), v->end());
    };
    auto find = [](const std::unordered_map<std::string, std::vector<int32_t>>& m,
                   const std::string& k) -> const std::vector<int32_t>* {
      auto it = m.find(k);
      return it == m.end() ? nullptr : &it->second;
    };
    add(find(c_.exact_first_, w));
    for (const char* e : kVerbEndings)
      if (EndsWith(w, e) && w.size() > std::strlen(e)) {
        std::string base = w.substr(0, w.size() - std::strlen(e));
        add(find(c_.exact_first_, base));
        add(find(c_.exact_first_, base + "E"));
      }
    for (const char* e : kNounEndings)
      if (EndsWith(w, e) && w.size() > std::strlen(e)) add(find(c_.exact_first_, w.substr(0, w.size() - std::strlen(e))));
    for (size_t k = 1; k <= std::min(w.size(), c_.max_stem_); ++k) add(find(c_.stem_first_, w.substr(0, k)));
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    std::sort(cands.begin(), cands.end(), [&](int a, int b) {
      const LexEntry& ea = d_.lex[a];
      const LexEntry& eb = d_.lex[b];
      if (ea.length != eb.length) return ea.length > eb.length;
      if (ea.kind != eb.kind) return ea.kind < eb.kind;
      return ea.order < eb.order;
    });
    std::vector<int> hits;
    int best = -1;
    for (int c : cands) {
      if (MatchLex(d_.lex[c], i, &hits)) {
        // Later words of the phrase must not already belong to another phrase.
        bool free = true;
        for (size_t k = 1; k < hits.size(); ++k)
          if (type_[hits[k]] != kNull && type_[hits[k]] != kConj && type_[hits[k]] != kDet &&
              type_[hits[k]] != kPron && type_[hits[k]] != kNumber)
            free = false;
        if (!free) continue;
        best = c;
        break;
      }
    }
    if (best >= 0) {
      const LexEntry& e = d_.lex[best];
      lex_at_[i] = best;
      hits_[i] = hits;
      switch (e.kind) {
        case LexKind::kActor: type_[i] = kActor; break;
        case LexKind::kAgent: type_[i] = kAgent; break;
        case LexKind::kVerb: type_[i] = kVerb; break;
        case LexKind::kNoun: type_[i] = kNoun; break;
        case LexKind::kAdjective: type_[i] = kAdj; break;
        case LexKind::kTime: type_[i] = kTime; break;
        case LexKind::kDiscard: type_[i] = kDiscardW; break;
      }
      // Consecutive parts of the phrase are absorbed.
      for (size_t k = 1; k < hits.size(); ++k) {
        type_[hits[k]] = kPart;
        head_of_[hits[k]] = i;
      }
      continue;
    }
    if (IsDeterminer(w)) type_[i] = kDet;
    else if (IsConj(w)) type_[i] = kConj;
    else if (PronounKind(w) != PronKind::kNone) type_[i] = kPron;
    else if (std::isdigit(static_cast<unsigned char>(w[0]))) type_[i] = kNumber;
  }
  // Nouns: verbs after a determiner or capitalised inside the sentence;
  // verbs whose root is null-coded and has no patterns are not verbs.
  verbs_.clear();
  for (int i = 0; i < n; ++i) {
    if (type_[i] != kVerb) continue;
    const LexEntry& e = d_.lex[lex_at_[i]];
    const Verb& v = d_.verbs[e.id];
    if (i > 0 && (IsDeterminer(w_[i - 1]) || (!all_caps && caps[i]))) {
      type_[i] = kNoun;
      continue;
    }
    if (v.code.special == VCode::kNull && v.patterns.empty()) {
      type_[i] = kNull;
      continue;
    }
    VerbOcc vo;
    vo.head = i;
    vo.last = hits_[i].empty() ? i : hits_[i].back();
    vo.verb = e.id;
    vo.form = v.root;
    verbs_.push_back(vo);
  }
  BuildActors();
  BuildCompounds();
}

void SentenceCoder::BuildActors() {
  const int n = static_cast<int>(w_.size());
  occ_.clear();
  occ_at_head_.assign(n, -1);
  // Agents: position -> agent id, last word.
  std::vector<int> agent_at_head(n, -1), agent_at_last(n, -1);
  std::vector<bool> agent_used(n, false);
  for (int i = 0; i < n; ++i)
    if (type_[i] == kAgent) {
      agent_at_head[i] = i;
      int last = hits_[i].empty() ? i : hits_[i].back();
      agent_at_last[last] = i;
    }
  auto former = [&](int p) { return p >= 0 && p < n && w_[p] == "FORMER"; };
  for (int i = 0; i < n; ++i) {
    if (type_[i] != kActor) continue;
    const LexEntry& e = d_.lex[lex_at_[i]];
    const Actor& a = d_.actors[e.id];
    const std::vector<std::string>& codes = a.CodesOn(date_);
    if (codes.size() == 1 && codes[0] == "---") {
      type_[i] = kNoun;  // null-coded actor
      continue;
    }
    Occ o;
    o.head = i;
    o.last = hits_[i].empty() ? i : hits_[i].back();
    o.codes = codes;
    // Agent after the actor (FORMER may intervene), before it, or before IN/OF.
    int agent = -1;
    bool eli = former(i - 1);
    int p = o.last + 1;
    if (former(p)) {
      eli = true;
      ++p;
    }
    if (p < n && agent_at_head[p] >= 0 && !gap_before_[p]) agent = agent_at_head[p];
    if (agent < 0 && !gap_before_[i]) {
      int q = i - 1;
      if (former(q)) q--;
      if (q >= 0 && agent_at_last[q] >= 0) agent = agent_at_last[q];
      else if (q >= 1 && (w_[q] == "OF" || w_[q] == "IN") && agent_at_last[q - 1] >= 0)
        agent = agent_at_last[q - 1];
    }
    if (agent >= 0) {
      agent_used[agent] = true;
      if (former(agent - 1)) eli = true;
      const Agent& ag = d_.agents[d_.lex[lex_at_[agent]].id];
      std::string acode = eli ? "ELI" : ag.code;
      for (std::string& c : o.codes) {
        if (c == "###" || c == "+++") continue;
        if (ag.prefix && !eli) {
          if (c.compare(0, acode.size(), acode) != 0) c = acode + c;
        } else {
          bool redundant = false;
          for (size_t k = 0; k + acode.size() <= c.size(); k += 3)
            if (c.compare(k, acode.size(), acode) == 0) redundant = true;
          if (!redundant) c += acode;
        }
      }
    }
    occ_at_head_[i] = static_cast<int>(occ_.size());
    occ_.push_back(std::move(o));
  }
  if (opt_.convert_agents) {
    for (int i = 0; i < n; ++i) {
      if (type_[i] != kAgent || agent_used[i]) continue;
      const Agent& ag = d_.agents[d_.lex[lex_at_[i]].id];
      Occ o;
      o.head = i;
      o.last = hits_[i].empty() ? i : hits_[i].back();
      o.codes = {ag.prefix ? ag.code + "~" : "~" + ag.code};
      type_[i] = kActor;
      occ_at_head_[i] = static_cast<int>(occ_.size());
      occ_.push_back(std::move(o));
    }
    std::sort(occ_.begin(), occ_.end(), [](const Occ& a, const Occ& b) { return a.head < b.head; });
    occ_at_head_.assign(n, -1);
    for (size_t k = 0; k < occ_.size(); ++k) occ_at_head_[occ_[k].head] = static_cast<int>(k);
  }
}

void SentenceCoder::BuildCompounds() {
  const int n = static_cast<int>(w_.size());
  groups_.clear();
  in_compound_conj_.assign(n, false);
  std::vector<int> occ_at_last(n, -1);
  for (size_t k = 0; k < occ_.size(); ++k) occ_at_last[occ_[k].last] = static_cast<int>(k);
  auto skip_mods_fwd = [&](int p) {
    while (p < n && (type_[p] == kDet || type_[p] == kAdj)) ++p;
    return p;
  };
  auto skip_mods_back = [&](int p) {
    while (p >= 0 && (type_[p] == kDet || type_[p] == kAdj)) --p;
    return p;
  };
  for (int c = 1; c + 1 < n; ++c) {
    if (type_[c] != kConj || !IsCompoundConj(w_[c])) continue;
    int l = c - 1;
    bool comma_before = false;
    if (comma_[l] && l >= 1) {
      comma_before = true;
      --l;
    }
    int left = occ_at_last[l];
    int rp = skip_mods_fwd(c + 1);
    int right = rp < n ? occ_at_head_[rp] : -1;
    if (left < 0 || right < 0) continue;
    std::vector<int> members = {left, right};
    in_compound_conj_[c] = true;
    if (comma_before) in_compound_conj_[c - 1] = true;
    // Extend to the left over ", np".
    int first = left;
    while (true) {
      int p = skip_mods_back(occ_[first].head - 1);
      if (p < 1 || !comma_[p]) break;
      int q = skip_mods_back(p - 1);
      if (q < 0 || occ_at_last[q] < 0) break;
      first = occ_at_last[q];
      members.insert(members.begin(), first);
      in_compound_conj_[p] = true;
    }
    // "and the evil Arnor awful Gondor": actors run on after the right one.
    int last = right;
    while (true) {
      int p = occ_[last].last + 1;
      int q = skip_mods_fwd(p);
      if (q >= n || occ_at_head_[q] < 0) break;
      last = occ_at_head_[q];
      members.push_back(last);
    }
    // Merge with an existing group containing the left actor.
    int g = occ_[left].group;
    if (g < 0) {
      g = static_cast<int>(groups_.size());
      groups_.emplace_back();
    }
    for (int m : members) {
      if (occ_[m].group == g) continue;
      if (occ_[m].group >= 0 && occ_[m].group != g) {
        for (int x : groups_[occ_[m].group]) {
          occ_[x].group = g;
          groups_[g].push_back(x);
        }
        groups_[occ_[m].group].clear();
        continue;
      }
      occ_[m].group = g;
      groups_[g].push_back(m);
    }
    std::sort(groups_[g].begin(), groups_[g].end());
  }
  // Compound nouns and adjectives protect their conjunctions too.
  for (int c = 1; c + 1 < n; ++c) {
    if (type_[c] != kConj || in_compound_conj_[c]) continue;
    if (type_[c - 1] == kAdj && type_[c + 1] == kAdj) in_compound_conj_[c] = true;
    if (type_[c - 1] == kNoun) {
      int p = c + 1;
      while (p < n && type_[p] == kAdj) ++p;
      if (p < n && type_[p] == kNoun) in_compound_conj_[c] = true;
    }
  }
}

std::vector<bool> SentenceCoder::CommaDeletions(bool final_period) const {
  const int n = static_cast<int>(w_.size());
  std::vector<bool> del(n, false);
  if (!opt_.comma_on) return del;
  std::vector<int> commas;
  for (int i = 0; i < n; ++i)
    if (comma_[i] && !in_compound_conj_[i]) commas.push_back(i);
  if (commas.empty()) return del;
  auto count = [&](int a, int b) {  // words in [a, b) other than commas
    int k = 0;
    for (int i = a; i < b; ++i) k += comma_[i] ? 0 : 1;
    return k;
  };
  // Phrases are chained: a deleted phrase consumes the comma that closes it,
  // so the next phrase has no opening comma and is not a comma clause.
  int k0 = count(0, commas[0]);
  int start = commas[0];
  if (k0 > opt_.comma_bmin && k0 <= opt_.comma_bmax) {
    for (int i = 0; i <= commas[0]; ++i) del[i] = true;
    start = -1;
  }
  for (size_t j = 1; j < commas.size(); ++j) {
    if (start < 0) {
      start = commas[j];
      continue;
    }
    int k = count(start + 1, commas[j]);
    if (k > opt_.comma_min && k <= opt_.comma_max) {
      for (int i = start; i <= commas[j]; ++i) del[i] = true;
      start = -1;
    } else {
      start = commas[j];
    }
  }
  if (start >= 0) {
    int kl = count(start + 1, n);
    if (kl > opt_.comma_emin && kl <= opt_.comma_emax)
      for (int i = start; i < n; ++i) del[i] = true;
  }
  (void)final_period;
  return del;
}

void SentenceCoder::Dereference() {
  const int n = static_cast<int>(w_.size());
  std::vector<Occ> added;
  for (int i = 0; i < n; ++i) {
    if (type_[i] != kPron) continue;
    PronKind k = PronounKind(w_[i]);
    const Occ* ref = nullptr;
    std::vector<std::string> codes;
    if (k == PronKind::kPlural) {
      for (const auto& g : groups_)
        if (!g.empty() && occ_[g[0]].head < i) {
          for (int m : g)
            for (const auto& c : occ_[m].codes) codes.push_back(c);
          break;
        }
    }
    if (codes.empty()) {
      for (const Occ& o : occ_)
        if (!o.pronoun && o.head < i) {
          ref = &o;
          break;
        }
      if (ref) codes = ref->codes;
    }
    if (codes.empty()) continue;
    Occ o;
    o.head = o.last = i;
    o.codes = codes;
    o.pronoun = true;
    added.push_back(std::move(o));
  }
  if (added.empty()) return;
  for (Occ& o : added) occ_.push_back(std::move(o));
  // Keep occurrences in word order; fix group indices.
  std::vector<int> order(occ_.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return occ_[a].head < occ_[b].head; });
  std::vector<int> newpos(occ_.size());
  std::vector<Occ> sorted;
  for (size_t k = 0; k < order.size(); ++k) {
    newpos[order[k]] = static_cast<int>(k);
    sorted.push_back(occ_[order[k]]);
  }
  occ_.swap(sorted);
  for (auto& g : groups_)
    for (int& m : g) m = newpos[m];
  occ_at_head_.assign(n, -1);
  for (size_t k = 0; k < occ_.size(); ++k) occ_at_head_[occ_[k].head] = static_cast<int>(k);
}

void SentenceCoder::BuildClauses() {
  const int n = static_cast<int>(w_.size());
  clause_.assign(n, 0);
  clauses_.clear();
  // Conjunctions inside a verb phrase (SHOT_AND_WOUND) are kPart already.
  int start = 0;
  for (int i = 0; i < n; ++i) {
    if (type_[i] == kConj && !in_compound_conj_[i]) {
      clauses_.push_back({start, i});
      start = i + 1;
    }
  }
  clauses_.push_back({start, n});
  for (size_t c = 0; c < clauses_.size(); ++c)
    for (int i = clauses_[c].first; i < clauses_[c].second; ++i) clause_[i] = static_cast<int>(c);
  // A conjunction itself belongs to the following clause's boundary.
}

void SentenceCoder::BuildUnits() {
  units_.clear();
  occ_unit_.assign(occ_.size(), -1);
  single_unit_.assign(occ_.size(), -1);
  for (size_t k = 0; k < occ_.size(); ++k) {
    Unit u;
    u.begin = occ_[k].head;
    u.end = occ_[k].last;
    u.codes = occ_[k].codes;
    u.occs = {static_cast<int>(k)};
    u.compound = occ_[k].codes.size() > 1;
    u.head_word = occ_[k].head;
    single_unit_[k] = static_cast<int>(units_.size());
    occ_unit_[k] = static_cast<int>(units_.size());
    units_.push_back(std::move(u));
  }
  for (const auto& g : groups_) {
    if (g.size() < 2) continue;
    Unit u;
    u.begin = occ_[g.front()].head;
    u.end = occ_[g.back()].last;
    for (int m : g) {
      for (const auto& c : occ_[m].codes) u.codes.push_back(c);
      u.occs.push_back(m);
      u.begin = std::min(u.begin, occ_[m].head);
      u.end = std::max(u.end, occ_[m].last);
    }
    u.compound = true;
    u.head_word = occ_[g.front()].head;
    int id = static_cast<int>(units_.size());
    for (int m : g) occ_unit_[m] = id;
    units_.push_back(std::move(u));
  }
}

// ---------------------------------------------------------------- matching

bool SentenceCoder::ElemWord(const PElem& e, int q) const {
  const std::string& w = w_[q];
  if (!e.exact) return w.size() >= e.text.size() && w.compare(0, e.text.size(), e.text) == 0;
  return w == e.text;
}

namespace {
const std::vector<PSeq>& AltSet(const Dictionaries& d, const PElem& e) {
  return e.kind == PElem::kAlt ? d.alts[e.set] : d.synsets[e.set];
}
bool IsRole(const PElem& e) {
  return e.kind == PElem::kSource || e.kind == PElem::kTarget || e.kind == PElem::kCompound ||
         e.kind == PElem::kSkip || e.kind == PElem::kAttrib;
}
}  // namespace

bool SentenceCoder::Fwd(const PSeq& seq, size_t i, int pos, bool anch, int hi, MState st,
                        const std::function<bool(int, MState)>& k) const {
  if (i == seq.size()) return k(pos, st);
  const PElem& e = seq[i];
  if (e.kind == PElem::kWord) {
    for (int q = pos; q < hi; ++q) {
      if (q > pos && (anch || comma_[q - 1])) break;
      if (comma_[q]) continue;
      if (ElemWord(e, q)) {
        MState s2 = st;
        s2.len += static_cast<int>(e.text.size()) + ((e.exact || e.adjacent) ? 1 : 0);
        if (Fwd(seq, i + 1, q + 1, e.adjacent, hi, s2, k)) return true;
      }
    }
    return false;
  }
  if (IsRole(e)) {
    // The first unit (for % the first compound) whose head is at or after pos.
    for (int q = pos; q < hi; ++q) {
      if (q > pos && (anch || comma_[q - 1])) break;
      int o = occ_at_head_[q];
      if (o < 0) continue;
      int u = occ_unit_[o];
      if (units_[u].head_word != q) u = single_unit_[o];
      if (units_[u].end >= hi) return false;
      if (e.kind == PElem::kCompound && !units_[u].compound) {
        q = units_[u].end;
        continue;
      }
      MState s2 = st;
      if (e.kind == PElem::kSource) s2.src = u;
      else if (e.kind == PElem::kTarget) s2.tgt = u;
      else if (e.kind == PElem::kCompound) s2.cmp = u;
      return Fwd(seq, i + 1, units_[u].end + 1, e.adjacent, hi, s2, k);
    }
    return false;
  }
  // Alternatives and synsets.
  for (const PSeq& a : AltSet(d_, e)) {
    bool ok = Fwd(a, 0, pos, anch, hi, st, [&](int p2, MState s2) {
      return Fwd(seq, i + 1, p2, e.adjacent, hi, s2, k);
    });
    if (ok) return true;
  }
  return false;
}

bool SentenceCoder::Back(const PSeq& seq, int i, int pos, bool anch, int lo, MState st,
                         const std::function<bool(int, MState)>& k) const {
  if (i < 0) return k(pos, st);
  const PElem& e = seq[i];
  auto next_anch = [&](int j) { return j >= 0 ? seq[j].adjacent : false; };
  if (e.kind == PElem::kWord) {
    for (int q = pos - 1; q >= lo; --q) {
      if (q < pos - 1 && (anch || comma_[q + 1])) break;
      if (comma_[q]) continue;
      if (ElemWord(e, q)) {
        MState s2 = st;
        s2.len += static_cast<int>(e.text.size()) + ((e.exact || e.adjacent) ? 1 : 0);
        if (Back(seq, i - 1, q, next_anch(i - 1), lo, s2, k)) return true;
      }
    }
    return false;
  }
  if (IsRole(e)) {
    // The nearest occurrence ending before pos; role tokens take its compound.
    for (int q = pos - 1; q >= lo; --q) {
      if (q < pos - 1 && (anch || comma_[q + 1])) break;
      int found = -1;
      for (int o = static_cast<int>(occ_.size()) - 1; o >= 0; --o)
        if (occ_[o].last == q) {
          found = o;
          break;
        }
      if (found < 0) continue;
      int u = occ_unit_[found];
      if (units_[u].begin < lo) u = single_unit_[found];
      if (e.kind == PElem::kCompound && !units_[u].compound) {
        q = units_[u].begin;
        continue;
      }
      MState s2 = st;
      if (e.kind == PElem::kSource) s2.src = u;
      else if (e.kind == PElem::kTarget) s2.tgt = u;
      else if (e.kind == PElem::kCompound) s2.cmp = u;
      return Back(seq, i - 1, units_[u].begin, next_anch(i - 1), lo, s2, k);
    }
    return false;
  }
  for (const PSeq& a : AltSet(d_, e)) {
    if (a.empty()) continue;
    bool ok = Back(a, static_cast<int>(a.size()) - 1, pos, anch, lo, st, [&](int p2, MState s2) {
      return Back(seq, i - 1, p2, next_anch(i - 1), lo, s2, k);
    });
    if (ok) return true;
  }
  return false;
}

bool SentenceCoder::MatchPattern(const Pattern& p, const VerbOcc& v, int lo, int hi, MState& out) const {
  MState st;
  bool ok = Back(p.lower, static_cast<int>(p.lower.size()) - 1, v.head,
                 p.lower.empty() ? false : p.lower.back().adjacent, lo, st, [&](int, MState s1) {
                   return Fwd(p.upper, 0, v.last + 1, p.upper_anchored, hi, s1, [&](int, MState s2) {
                     out = s2;
                     return true;
                   });
                 });
  return ok;
}

SentenceCoder::Match SentenceCoder::SelectCode(const VerbOcc& v) const {
  Match best;
  const Verb& verb = d_.verbs[v.verb];
  int lo = clauses_[clause_[v.head]].first;
  int hi = clauses_[clause_[v.head]].second;
  int best_len = -1;
  bool best_alt = false;
  for (const Pattern& p : verb.patterns) {
    // Sorted by length: stop when nothing as long remains. A fixed pattern as
    // long as the actual match of a pattern with alternatives wins.
    if (p.length < best_len || (p.length == best_len && !best_alt)) break;
    MState st;
    if (!MatchPattern(p, v, lo, hi, st)) continue;
    int actual = p.has_alt ? st.len : p.length;
    if (actual > best_len || (actual == best_len && best_alt && !p.has_alt)) {
      best_len = actual;
      best_alt = p.has_alt;
      best.p = &p;
      best.st = st;
      best.code = p.code;
    }
    if (!p.has_alt) break;
  }
  if (!best.p) best.code = verb.code;
  return best;
}

// ---------------------------------------------------------------- coding

CodeResult SentenceCoder::Run(const std::vector<TWord>& in, bool final_period) {
  CodeResult res;
  res.date = date_;
  int words_count = static_cast<int>(in.size());
  if (words_count < opt_.minimum_words) {
    res.status = CodeStatus::kTooShort;
    return res;
  }
  std::vector<std::string> words;
  std::vector<bool> caps;
  bool all_caps = true;
  for (const TWord& t : in) {
    words.push_back(t.text);
    caps.push_back(t.capitalized);
  }
  for (const TWord& t : in)
    for (char ch : t.text)
      if (std::isalpha(static_cast<unsigned char>(ch)) && !t.capitalized) all_caps = false;
  // Mixed case is decided on the source: a lower-case first letter anywhere.
  {
    bool any_lower = false;
    for (const TWord& t : in)
      if (!t.capitalized && !t.text.empty() && std::isalpha(static_cast<unsigned char>(t.text[0])))
        any_lower = true;
    all_caps = !any_lower;
  }

  // Pass 1: classification of the whole text.
  Classify(words, caps, all_caps);
  const int n1 = static_cast<int>(w_.size());
  // Root-level discard and complex codes.
  for (const Occ& o : occ_)
    for (const auto& c : o.codes) {
      if (c == "###") {
        res.status = CodeStatus::kDiscard;
        res.explain = "discard actor " + w_[o.head];
        return res;
      }
    }
  for (int i = 0; i < n1; ++i)
    if (type_[i] == kDiscardW) {
      res.status = CodeStatus::kDiscard;
      res.explain = "discard phrase at " + w_[i];
      return res;
    }
  for (const VerbOcc& v : verbs_) {
    const VCode& c = d_.verbs[v.verb].code;
    if (c.special == VCode::kDiscard) {
      res.status = CodeStatus::kDiscard;
      res.explain = "discard verb " + w_[v.head];
      return res;
    }
  }
  // Time shifting (first non-null time phrase).
  if (opt_.time_shift) {
    for (int i = 0; i < n1; ++i) {
      if (type_[i] != kTime) continue;
      const TimeShift& ts = d_.times[d_.lex[lex_at_[i]].id];
      VCode code = ts.code;
      int days = ts.days;
      VerbOcc v;
      v.head = i;
      v.last = hits_[i].empty() ? i : hits_[i].back();
      clauses_ = {{0, n1}};
      clause_.assign(n1, 0);
      BuildUnits();
      for (const Pattern& p : ts.patterns) {
        MState st;
        if (MatchPattern(p, v, 0, n1, st)) {
          code = p.code;
          if (p.code.special == VCode::kNormal) days = std::atoi(p.code.code.c_str());
          break;
        }
      }
      if (code.special == VCode::kNull) continue;
      if (code.special == VCode::kDiscard) {
        res.status = CodeStatus::kDiscard;
        res.explain = "discard time phrase " + w_[i];
        return res;
      }
      if (code.special == VCode::kComplex) {
        res.status = CodeStatus::kComplex;
        res.explain = "complex time phrase " + w_[i];
        return res;
      }
      if (date_) {
        // Shift the date by `days`.
        int y = date_ / 10000, m = date_ / 100 % 100, dd = date_ % 100;
        auto to_days = [](int y, int m, int d) {
          y -= m <= 2;
          int era = (y >= 0 ? y : y - 399) / 400;
          int yoe = y - era * 400;
          int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
          int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
          return era * 146097 + doe - 719468;
        };
        int z = to_days(y, m, dd) + days + 719468;
        int era = (z >= 0 ? z : z - 146096) / 146097;
        int doe = z - era * 146097;
        int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int yy = yoe + era * 400;
        int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int mp = (5 * doy + 2) / 153;
        int d2 = doy - (153 * mp + 2) / 5 + 1;
        int m2 = mp < 10 ? mp + 3 : mp - 9;
        yy += m2 <= 2;
        res.date = yy * 10000 + m2 * 100 + d2;
      }
      break;
    }
  }
  for (const Occ& o : occ_)
    for (const auto& c : o.codes)
      if (c == "+++") {
        res.status = CodeStatus::kComplex;
        res.explain = "complex actor " + w_[o.head];
        return res;
      }
  for (const VerbOcc& v : verbs_)
    if (d_.verbs[v.verb].code.special == VCode::kComplex) {
      res.status = CodeStatus::kComplex;
      res.explain = "complex verb " + w_[v.head];
      return res;
    }

  // Comma-delimited clauses; pass 2 on the remaining words.
  std::vector<bool> del = CommaDeletions(final_period);
  std::vector<std::string> words2;
  std::vector<bool> caps2;
  std::vector<int> orig;  // pass-2 index -> input index
  for (int i = 0; i < n1; ++i)
    if (!del[i]) {
      words2.push_back(words[i]);
      caps2.push_back(caps[i]);
      orig.push_back(i);
    }
  if (words2.size() != words.size()) {
    gap_before_.assign(words2.size(), false);
    for (size_t k = 1; k < orig.size(); ++k) gap_before_[k] = orig[k] != orig[k - 1] + 1;
    Classify(words2, caps2, all_caps);
  }
  if (std::getenv("TIDINGS_DICT_DEBUG")) {
    static const char* kT[] = {"null", "part", "ACTOR", "agent", "VERB", "noun", "adj", "det", "pron", "conj", "comma", "num", "time", "discard"};
    for (size_t k = 0; k < w_.size(); ++k) std::fprintf(stderr, "%s/%s ", w_[k].c_str(), kT[type_[k]]);
    std::fprintf(stderr, "\n");
    for (const Occ& o : occ_) {
      std::fprintf(stderr, "  occ %d-%d g%d:", o.head, o.last, o.group);
      for (auto& c : o.codes) std::fprintf(stderr, " %s", c.c_str());
      std::fprintf(stderr, "\n");
    }
  }
  const int n = static_cast<int>(w_.size());
  Dereference();
  BuildClauses();
  BuildUnits();

  // Complexity conditions.
  auto complex = [&](std::string why) {
    res.status = CodeStatus::kComplex;
    res.explain = std::move(why);
    return res;
  };
  int nconj = 0, npron = 0;
  for (int i = 0; i < n; ++i) {
    if (type_[i] == kConj && !in_compound_conj_[i]) ++nconj;
    if (type_[i] == kPron) ++npron;
  }
  int nactors = 0;
  for (const Occ& o : occ_) nactors += o.pronoun ? 0 : 1;
  if (opt_.complex_verbs && static_cast<int>(verbs_.size()) >= opt_.complex_verbs)
    return complex("too many verbs");
  if (opt_.complex_conj && nconj >= opt_.complex_conj) return complex("too many conjunctions");
  if (opt_.complex_actors && nactors >= opt_.complex_actors) return complex("too many actors");
  if (opt_.complex_pronouns && npron >= opt_.complex_pronouns) return complex("too many pronouns");
  if (opt_.noverb && verbs_.empty()) return complex("no verb");
  if (opt_.complex_lateverb && (verbs_.empty() || verbs_[0].head >= opt_.complex_lateverb))
    return complex("late verb");

  // Code clause by clause.
  struct Cand {
    CodedEvent base;
    int src = -1, tgt = -1;  // units (-1: default code)
    std::string dsrc, dtgt;  // default codes
    VCode code;
    int clause = 0;
  };
  std::vector<Cand> cands;
  bool checked_prior = false;
  int carried = -1;            // unit carried as source to later clauses
  bool carried_from_event = false;
  for (size_t ci = 0; ci < clauses_.size(); ++ci) {
    int lo = clauses_[ci].first, hi = clauses_[ci].second;
    bool clause_event = false;
    int clause_first_actor = -1;
    for (size_t k = 0; k < occ_.size(); ++k)
      if (occ_[k].head >= lo && occ_[k].head < hi) {
        clause_first_actor = static_cast<int>(k);
        break;
      }
    // An actor right after the conjunction replaces the carried source.
    if (ci > 0 && lo < n && occ_at_head_[lo] >= 0) {
      carried = occ_unit_[occ_at_head_[lo]];
      carried_from_event = true;
    }
    for (const VerbOcc& v : verbs_) {
      if (v.head < lo || v.head >= hi) continue;
      Match m = SelectCode(v);
      if (m.code.special == VCode::kNull) continue;
      if (!checked_prior && opt_.noactprior) {
        checked_prior = true;
        bool prior = false;
        for (const Occ& o : occ_) prior |= o.head < v.head;
        if (!prior && opt_.default_source.empty()) return complex("no actor prior to the verb");
      }
      checked_prior = true;
      if (m.code.special == VCode::kDiscard) {
        res.status = CodeStatus::kDiscard;
        res.explain = "discard pattern";
        return res;
      }
      if (m.code.special == VCode::kComplex) return complex("complex pattern");
      Cand cand;
      cand.code = m.code;
      cand.clause = static_cast<int>(ci);
      cand.base.verb_word = v.head;
      cand.base.verb_last = v.last;
      cand.base.pattern = m.p ? m.p->text : d_.verbs[v.verb].root;
      cand.base.subordinate = m.code.subordinate;
      int src = m.st.src, tgt = m.st.tgt;
      if (m.st.cmp >= 0) src = tgt = m.st.cmp;
      bool pattern_roles = m.st.src >= 0 || m.st.tgt >= 0 || m.st.cmp >= 0;
      auto first_code = [&](int u) -> const std::string& { return units_[u].codes[0]; };
      auto in_unit = [&](int u, int occ) {
        return u >= 0 && std::find(units_[u].occs.begin(), units_[u].occs.end(), occ) != units_[u].occs.end();
      };
      // Source.
      std::string dsrc;
      if (src < 0) {
        for (size_t k = 0; k < occ_.size() && src < 0; ++k) {
          const Occ& o = occ_[k];
          if (o.head < lo || o.head >= v.head) continue;
          int u = occ_unit_[k];
          if (tgt >= 0 && (first_code(u) == first_code(tgt) || in_unit(tgt, static_cast<int>(k)))) continue;
          src = u;
        }
        if (src < 0 && ci > 0 && carried >= 0 && carried_from_event) src = carried;
        if (src < 0 && !opt_.default_source.empty() && opt_.default_prior) dsrc = opt_.default_source;
        if (src < 0 && dsrc.empty()) {
          // Greedy: the first actor of the clause after the verb.
          for (size_t k = 0; k < occ_.size() && src < 0; ++k) {
            const Occ& o = occ_[k];
            if (o.head <= v.last || o.head >= hi) continue;
            if (tgt >= 0 && in_unit(tgt, static_cast<int>(k))) continue;
            src = single_unit_[k];
          }
        }
        if (src < 0 && dsrc.empty() && carried >= 0) src = carried;
        if (src < 0 && dsrc.empty() && !opt_.default_source.empty()) dsrc = opt_.default_source;
      }
      // Target.
      std::string dtgt;
      if (tgt < 0) {
        const std::string* scode = src >= 0 ? &first_code(src) : (dsrc.empty() ? nullptr : &dsrc);
        bool any_after = false;
        for (size_t k = 0; k < occ_.size() && tgt < 0; ++k) {
          const Occ& o = occ_[k];
          if (o.head <= v.last || o.head >= hi) continue;
          any_after = true;
          if (in_unit(src, static_cast<int>(k))) continue;
          int u = occ_unit_[k];
          if (units_[u].head_word != o.head) u = single_unit_[k];
          if (scode && first_code(u) == *scode) continue;
          tgt = u;
        }
        if (tgt < 0 && opt_.default_after && !opt_.default_target.empty()) dtgt = opt_.default_target;
        if (tgt < 0 && dtgt.empty()) {
          for (int k = static_cast<int>(occ_.size()) - 1; k >= 0 && tgt < 0; --k) {
            const Occ& o = occ_[k];
            if (o.head >= v.head || o.last < lo) continue;
            if (in_unit(src, k) && units_[src].occs.size() == 1) continue;
            int u = single_unit_[k];
            if (scode && first_code(u) == *scode) continue;
            tgt = u;
          }
        }
        if (tgt < 0 && dtgt.empty() && src >= 0 && units_[src].codes.size() > 1) tgt = src;
        if (tgt < 0 && dtgt.empty() && !opt_.default_target.empty()) dtgt = opt_.default_target;
        (void)any_after;
      }
      if ((src < 0 && dsrc.empty()) || (tgt < 0 && dtgt.empty())) continue;
      // Passive voice swaps the default assignment.
      if (!pattern_roles && src >= 0 && tgt >= 0) {
        bool aux = false, by = false;
        for (int k = 1; k <= 2; ++k) {
          int p = v.head - k;
          if (p >= 0 && (w_[p] == "WAS" || w_[p] == "WERE" || w_[p] == "BEEN")) aux = true;
          int q = v.last + k;
          if (q < n && w_[q] == "BY") by = true;
        }
        if (aux && by) std::swap(src, tgt);
      }
      cand.src = src;
      cand.tgt = tgt;
      cand.dsrc = dsrc;
      cand.dtgt = dtgt;
      cands.push_back(std::move(cand));
      if (!m.code.subordinate) {
        clause_event = true;
        if (src >= 0) {
          carried = src;
          carried_from_event = true;
        }
        if (opt_.code_by != Options::CodeBy::kAll && !m.code.dominant) {
          // Keep scanning only for dominant codes.
          bool more_dominant = false;
          for (const VerbOcc& v2 : verbs_) {
            if (v2.head <= v.head || v2.head >= hi) continue;
            const Verb& vb = d_.verbs[v2.verb];
            for (const Pattern& p : vb.patterns) more_dominant |= p.code.dominant;
            more_dominant |= vb.code.dominant;
          }
          if (!more_dominant) break;
        }
      }
    }
    if (!clause_event && carried < 0 && clause_first_actor >= 0) carried = occ_unit_[clause_first_actor];
    if (opt_.code_by == Options::CodeBy::kSentence && clause_event) break;
  }
  // Selection: dominant, subordinate, first per clause.
  bool any_dominant = false, any_main = false;
  for (const Cand& c : cands) {
    any_dominant |= c.code.dominant;
    any_main |= !c.code.subordinate;
  }
  std::vector<const Cand*> chosen;
  std::vector<bool> clause_done(clauses_.size(), false);
  for (const Cand& c : cands) {
    if (any_dominant && !c.code.dominant) continue;
    if (any_main && c.code.subordinate) continue;
    if (opt_.code_by != Options::CodeBy::kAll && !any_dominant) {
      if (clause_done[c.clause]) continue;
      if (opt_.code_by == Options::CodeBy::kSentence && !chosen.empty()) continue;
    }
    clause_done[c.clause] = true;
    chosen.push_back(&c);
  }
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const Cand* c : chosen) {
    std::vector<std::pair<std::string, int>> ss, ts;
    if (c->src >= 0)
      for (size_t k = 0; k < units_[c->src].codes.size(); ++k) ss.push_back({units_[c->src].codes[k], units_[c->src].begin});
    else ss.push_back({c->dsrc, -1});
    if (c->tgt >= 0)
      for (size_t k = 0; k < units_[c->tgt].codes.size(); ++k) ts.push_back({units_[c->tgt].codes[k], units_[c->tgt].begin});
    else ts.push_back({c->dtgt, -1});
    auto emit = [&](const std::string& s, int sw, const std::string& t, int tw, const std::string& code) {
      if (s == t) return;
      if (!seen.insert({s, t, code}).second) return;
      CodedEvent e = c->base;
      e.source = s;
      e.target = t;
      e.code = code;
      e.source_word = sw >= 0 ? orig[sw] : -1;
      e.target_word = tw >= 0 ? orig[tw] : -1;
      e.verb_word = orig[c->base.verb_word];
      e.verb_last = orig[c->base.verb_last];
      res.events.push_back(std::move(e));
    };
    for (const auto& [s, sw] : ss)
      for (const auto& [t, tw] : ts) {
        emit(s, sw, t, tw, c->code.code);
        if (c->code.paired) emit(t, tw, s, sw, c->code.code2);
      }
  }
  res.status = res.events.empty() ? CodeStatus::kNoEvents : CodeStatus::kOk;
  return res;
}

CodeResult Coder::Code(const std::vector<TWord>& words, int32_t date, const Options& opt,
                       bool final_period) const {
  SentenceCoder sc(*this, opt, date);
  return sc.Run(words, final_period);
}

}  // namespace tidings::dict
