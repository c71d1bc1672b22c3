#include "tidings/kb/actors.h"

#include <algorithm>
#include <fstream>
#include <memory_resource>
#include <sstream>

#include "tidings/kb/normalize.h"

namespace tidings::kb {
namespace {

std::vector<std::string_view> SplitTab(std::string_view s) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '\t') {
      out.push_back(s.substr(b, i - b));
      b = i + 1;
    }
  return out;
}

bool IsCap(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  return (c >= 'A' && c <= 'Z') || c >= 0xC3;
}

// The ASCII lower case of a word, without allocating for words of up to 48 bytes.
class Lowered {
 public:
  explicit Lowered(std::string_view w) {
    char* out = buf_;
    if (w.size() > sizeof(buf_)) {
      heap_.assign(w);
      out = heap_.data();
    }
    for (size_t i = 0; i < w.size(); ++i) {
      char c = w[i];
      out[i] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    view_ = std::string_view(out, w.size());
  }
  Lowered(const Lowered&) = delete;
  Lowered& operator=(const Lowered&) = delete;
  std::string_view view() const { return view_; }
  operator std::string_view() const { return view_; }

 private:
  char buf_[48];
  std::string heap_;
  std::string_view view_;
};

bool IsDeterminer(std::string_view lw) {
  static const WordSet k{"the", "a", "an", "another", "some", "several", "many", "all", "both", "its",
                                  "his", "her", "their", "our", "this", "that", "these", "those", "two", "three",
                                  "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
                                  "thousands", "other", "most", "few", "no", "one", "any", "each"};
  return k.contains(lw);
}
bool IsDefinite(std::string_view lw) {
  return lw == "the" || lw == "this" || lw == "that" || lw == "these" || lw == "those";
}
bool IsModifier(std::string_view lw) {
  static const WordSet k{"off-duty", "senior", "former", "top", "local", "foreign", "armed", "unidentified",
                                  "suspected", "masked", "chief", "acting", "state", "federal", "national",
                                  "regional", "provincial", "junior", "retired", "lone", "young", "elderly", "rebel",
                                  "government", "military", "police", "security", "opposition", "pro-government",
                                  "anti-government", "islamist", "kurdish", "hardline", "rival", "allied",
                                  "coalition", "special", "riot", "traffic", "border", "deputy", "assistant",
                                  "unnamed", "anonymous", "independent", "veteran", "prominent", "new", "interim",
                                  "defence", "defense", "interior", "justice", "health", "education", "finance",
                                  "economy", "energy", "trade", "press", "news", "intelligence", "elite",
                                  "peacekeeping", "peace-keeping", "weapons", "relief", "aid", "humanitarian",
                                  "monitoring", "war", "crimes", "human", "rights"};
  return k.contains(lw);
}
bool StrongSector(const Code& s) {
  auto v = s.view();
  return !v.empty() && v != "UAF" && v != "CRM" && v != "CVL";
}
// Acronym terms that must be written in capitals ("IS militants", not "is").
bool NeedsCaps(std::string_view term) {
  static const WordSet k{"is", "un", "eu", "ec", "ap", "afp", "bbc", "cnn", "pkk", "plo", "farc", "unita", "mp", "ceo", "isis", "isil", "nato", "who", "ilo", "wfp", "imf", "osce", "opec"};
  return k.contains(term);
}

}  // namespace

// ---- lexicon ---------------------------------------------------------------

StatusOr<RoleLexicon> RoleLexicon::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("role lexicon " + path + " not found");
  std::stringstream ss;
  ss << in.rdbuf();
  return Parse(ss.str(), path);
}

StatusOr<RoleLexicon> RoleLexicon::Parse(std::string_view text, const std::string& origin) {
  RoleLexicon lex;
  size_t line_no = 0, b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    b = e + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') {
      if (e == text.size()) break;
      continue;
    }
    auto f = SplitTab(line);
    auto err = [&](const std::string& why) {
      return InvalidArgument(origin + " line " + std::to_string(line_no) + ": " + why);
    };
    if (f.size() != 6) return err("expected 6 tab-separated fields: term sector kind class gender country");
    Role r;
    r.term = NormalizeName(f[0]);
    if (r.term.empty()) return err("empty term");
    if (f[1] != "-") {
      if (f[1].size() > 7) return err("sector code too long");
      r.sector = f[1];
    }
    if (f[2] == "person") r.kind = RoleKind::kPerson;
    else if (f[2] == "group") r.kind = RoleKind::kGroup;
    else if (f[2] == "org") r.kind = RoleKind::kOrg;
    else if (f[2] == "mod") r.kind = RoleKind::kMod;
    else return err("kind must be person, group, org or mod");
    r.cls = std::string(f[3]);
    if (!r.cls.empty()) {
      const int ci = lex.classes_.Insert(r.cls);
      if (ci >= 65535) return err("too many coreference classes");
      r.cls_id = static_cast<uint16_t>(ci + 1);
    }
    r.gender = f[4].empty() ? '-' : f[4][0];
    if (f[5] != "-") {
      if (f[5].size() != 3) return err("country must be an ISO alpha-3 code or -");
      r.country = f[5];
    }
    r.ntok = static_cast<uint8_t>(1 + std::count(r.term.begin(), r.term.end(), ' '));
    lex.max_tokens_ = std::max(lex.max_tokens_, r.ntok);
    if (lex.index_.contains(r.term)) return err("duplicate term '" + r.term + "'");
    lex.index_.Insert(r.term);  // its index is the role's
    const std::string first = r.term.substr(0, r.term.find(' '));
    lex.first_words_.Insert(first);
    lex.starts_.Insert(first);
    lex.starts_.Insert(first + "s");
    lex.starts_.Insert(first + "es");
    lex.roles_.push_back(std::move(r));
    if (e == text.size()) break;
  }
  if (lex.roles_.empty()) return InvalidArgument(origin + ": no roles");
  return lex;
}

const Role* RoleLexicon::Match(const Document& doc, uint32_t i, uint32_t limit, uint32_t* len, bool* plural) const {
  // Each token is normalized once: ends[n] is the key length after n tokens.
  if (i >= limit) return nullptr;
  const uint32_t n = std::min<uint32_t>(max_tokens_, limit - i);
  std::string key;
  uint32_t ends[256];
  bool empty_at[256];
  AppendNormalized(doc.word(i), key);
  if (key.empty()) return nullptr;
  empty_at[1] = false;
  ends[1] = static_cast<uint32_t>(key.size());
  uint32_t max_n = n;
  if (max_n > 1 && !first_words_.contains(std::string_view(key).substr(0, key.find(' ')))) max_n = 1;
  for (uint32_t j = i + 1; j < i + max_n; ++j) {
    if (!key.empty() && key.back() != ' ') key.push_back(' ');
    size_t before = key.size();
    AppendNormalized(doc.word(j), key);
    empty_at[j - i + 1] = key.size() == before;
    ends[j - i + 1] = static_cast<uint32_t>(key.size());
  }
  for (uint32_t m = max_n; m >= 1; --m) {
    if (empty_at[m]) continue;
    if (const Role* r = MatchKey(doc, i, m, std::string_view(key.data(), ends[m]), len, plural)) return r;
  }
  return nullptr;
}

const Role* RoleLexicon::MatchFrom(const TokenKeys& tk, const Document& doc, uint32_t i, uint32_t limit,
                                   uint32_t* len, bool* plural) const {
  // The key of the first n tokens is TokenKeys::Key(i, i + n) (the first token
  // is not empty, and a key ending in an empty token is skipped).
  limit = std::min<uint32_t>(limit, static_cast<uint32_t>(tk.size()));
  uint32_t max_n = std::min<uint32_t>(max_tokens_, limit - i);
  const std::string_view first_word = tk.FirstWord(i);
  // A key of several tokens starts with its first token's first word, which
  // plural stripping never reaches: no term starts with it, no longer match.
  if (max_n > 1 && !first_words_.contains(first_word)) max_n = 1;
  for (uint32_t n = max_n; n >= 1; --n) {
    if (tk.Word(i + n - 1).empty()) continue;  // nor ends with it
    if (const Role* r = MatchKey(doc, i, n, tk.Key(i, i + n), len, plural)) return r;
  }
  return nullptr;
}

const Role* RoleLexicon::MatchKey(const Document& doc, uint32_t i, uint32_t n, std::string_view k, uint32_t* len,
                                  bool* plural) const {
  auto check = [&](std::string_view k, bool pl) -> const Role* {
    const int ri = index_.Find(k);
    if (ri < 0) return nullptr;
    const Role& r = roles_[ri];
    if (n == 1 && NeedsCaps(r.term) && !IsAllCaps(doc.word(i))) return nullptr;
    if (r.term == "general" && !IsCap(doc.word(i))) return nullptr;
    *len = n;
    *plural = pl;
    return &r;
  };
  if (const Role* r = check(k, false)) return r;
  if (k.size() > 3 && k.back() == 's') {
    if (const Role* r = check(k.substr(0, k.size() - 1), true)) return r;
    if (k.size() > 4 && k[k.size() - 2] == 'e')
      if (const Role* r = check(k.substr(0, k.size() - 2), true)) return r;
  }
  return nullptr;
}

// ---- actor coding and coreference --------------------------------------------

namespace {

// Strings of a mention are views: the class into the role lexicon, the name
// keys into the document's buffer of normalized names (set once all mentions
// are collected, from the offsets, since the buffer grows until then).
struct MInfo {
  std::string_view cls;  // coreference class ("" for none)
  uint16_t cls_id = 0;   // its number (Role::cls_id; 0 for none)
  char gender = '-';
  bool person = false;   // a single person (name or person noun)
  bool group = false;
  bool definite = false;
  bool indefinite = false;
  bool explicit_country = false;
  bool in_quote = false;
  bool per_name = false;  // a PER entity
  std::string_view name_key;   // normalized name for PER/ORG/LOC/MISC entities
  std::string_view last_name;  // PER: last token
  uint32_t key_off = 0, key_len = 0;  // name_key in the buffer of names
  bool has_last = false;              // last_name is the last word of name_key
  int pronoun = 0;                    // 1 he/him/his, 2 she/her/hers
};

// A set of coreference class numbers: a bit each for the first 128 (every
// class of the shipped lexicon), a list for any further ones.
struct ClassSet {
  uint64_t bits[2] = {0, 0};
  std::vector<uint16_t> more;
  bool contains(uint16_t id) const {
    if (id < 128) return bits[id >> 6] >> (id & 63) & 1;
    return std::find(more.begin(), more.end(), id) != more.end();
  }
  void insert(uint16_t id) {
    if (id < 128) bits[id >> 6] |= uint64_t{1} << (id & 63);
    else if (!contains(id)) more.push_back(id);
  }
};

struct CInfo {
  ClassSet classes;
  char gender = '-';
  bool has_name = false;
  bool person = false;
  bool group = false;
  std::string_view last_name;
  std::string_view first_name;  // of a name of two words or more
  Code country;
  int last_mention = -1;
};

}  // namespace

void ActorCoder::Run(Document& doc) const {
  TokenKeys tk(doc);
  Run(doc, tk);
}

void ActorCoder::Run(Document& doc, const TokenKeys& tk) const {
  doc.mentions.clear();
  doc.clusters.clear();
  for (auto& e : doc.entities) {
    e.cluster = kNone;
    e.country = Code();
    e.sector = Code();
  }
  const uint32_t nt = static_cast<uint32_t>(doc.tokens.size());
  if (nt == 0) return;
  const KnowledgeBase& kb = geo_->kb();
  // The document's working memory comes from one buffer on the stack (and
  // the heap past it): no malloc and free per table.
  alignas(std::max_align_t) std::byte arena_buf[48 << 10];
  std::pmr::monotonic_buffer_resource arena(arena_buf, sizeof arena_buf);
  // Token annotations.
  std::pmr::vector<int32_t> ent_of(nt, kNone, &arena);
  for (size_t e = 0; e < doc.entities.size(); ++e)
    for (uint32_t i = doc.entities[e].tok_begin; i < doc.entities[e].tok_end && i < nt; ++i)
      ent_of[i] = static_cast<int32_t>(e);
  std::pmr::vector<uint8_t> in_quote(nt, 0, &arena);
  {
    bool open = false;
    uint32_t para = UINT32_MAX;
    size_t sent = 0;  // Document::sentence_of_token(i), advanced with i
    for (uint32_t i = 0; i < nt; ++i) {
      if (doc.tokens[i].flags & kParagraphStart) open = false;
      if (!doc.sentences.empty()) {
        while (sent + 1 < doc.sentences.size() && doc.sentences[sent + 1].tok_begin <= i) ++sent;
        uint32_t p = doc.sentences[sent].paragraph;
        if (p != para) open = false, para = p;
      }
      auto w = tk.Raw(i);
      if (w == "\"" || w == "``" || w == "''") {
        open = !open;
        in_quote[i] = 1;
        continue;
      }
      in_quote[i] = open;
    }
  }
  // Country of each token from the geocoder's places (nationality words, countries, cities).
  std::pmr::vector<uint16_t> tok_country(nt, kNoIndex16, &arena);
  // First token starting at or after byte `b` (tokens are in text order).
  auto first_tok = [&](uint32_t b) {
    return static_cast<uint32_t>(
        std::lower_bound(doc.tokens.begin(), doc.tokens.end(), b,
                         [](const Token& t, uint32_t x) { return t.begin < x; }) -
        doc.tokens.begin());
  };
  for (const Place& p : doc.places) {
    uint16_t c = p.country.empty() ? kNoIndex16 : kb.FindCountry(p.country.view());
    for (const Span& m : p.mentions)
      for (uint32_t i = first_tok(m.begin); i < nt && doc.tokens[i].begin < m.end; ++i)
        if (doc.tokens[i].end <= m.end) tok_country[i] = c;
  }
  // A word that names a country or its people ("Canadian", "German") means that
  // country, even when a gazetteer also has a town of that name.
  for (uint32_t i = 0; i < nt; ++i) {
    if (tok_country[i] == kNoIndex16 || (i > 0 && tok_country[i - 1] == tok_country[i]) ||
        (i + 1 < nt && tok_country[i + 1] == tok_country[i]))
      continue;
    uint16_t c = geo_->CountryOfKey(tk.Word(i));
    if (c != kNoIndex16) tok_country[i] = c;
  }
  // "US-led", "Iranian-backed", "Moscow-based": the country of the first part.
  for (uint32_t i = 0; i < nt; ++i) {
    auto w = tk.Raw(i);
    if (tok_country[i] != kNoIndex16 || !IsCap(w)) continue;
    size_t h = w.find('-');
    if (h == std::string_view::npos || h == 0) continue;
    auto suf = w.substr(h + 1);
    if (suf == "led" || suf == "backed" || suf == "based" || suf == "brokered" || suf == "sponsored" ||
        suf == "funded" || suf == "supported" || suf == "controlled" || suf == "run" || suf == "owned" ||
        suf == "held" || suf == "made" || suf == "allied" || suf == "aligned")
      tok_country[i] = geo_->CountryOfWord(w.substr(0, h));
  }
  // An intergovernmental organisation's name ("U.N.", "UN") is no place even when a
  // gazetteer has a town of that name: its tokens carry no country and do not vote
  // for the home country.
  auto igo_term_at = [&](uint32_t i, uint32_t* len) {
    bool pl = false;
    const Role* r = lex_.Match(tk, doc, i, nt, len, &pl);
    return r && r->sector.view() == "IGO";
  };
  std::pmr::vector<uint8_t> igo_tok(nt, 0, &arena);
  for (uint32_t i = 0; i < nt; ++i) {
    if (tok_country[i] == kNoIndex16 || igo_tok[i]) continue;
    uint32_t len = 0;
    if (igo_term_at(i, &len))
      for (uint32_t k = i; k < i + len && k < nt; ++k) igo_tok[k] = 1, tok_country[k] = kNoIndex16;
  }
  auto igo_span = [&](const Span& m) {
    uint32_t i = first_tok(m.begin);
    return i < nt && doc.tokens[i].end <= m.end && igo_tok[i] != 0;
  };
  // Home country: the dateline's, else a dominant country of the places.
  Code home;
  if (doc.dateline && !doc.dateline->place.empty()) {
    for (const Place& p : doc.places)
      for (const Span& m : p.mentions)
        if (m.begin >= doc.dateline->place.begin && m.end <= doc.dateline->place.end && !p.country.empty()) home = p.country;
  }
  if (home.empty()) {
    std::unordered_map<std::string, int> cnt;
    int total = 0;
    for (const Place& p : doc.places)
      if (!p.country.empty() && p.feature != PlaceFeature::kContinent) {
        int n = 0;
        for (const Span& m : p.mentions) n += !igo_span(m);
        cnt[std::string(p.country.view())] += n;
        total += n;
      }
    for (auto& [c, n] : cnt)
      if (total >= 2 && n * 2 > total) home = Code(c);
  }
  auto country_code = [&](uint16_t c) { return c == kNoIndex16 ? Code() : Code(kb.country_a3(c)); };

  std::pmr::vector<MInfo> info(&arena);
  std::string names;  // normalized names of the mentions (MInfo::key_off)
  auto set_name = [&](MInfo& mi, std::string_view text) {
    mi.key_off = static_cast<uint32_t>(names.size());
    AppendNormalized(text, names);
    mi.key_len = static_cast<uint32_t>(names.size() - mi.key_off);
  };
  std::pmr::vector<uint8_t> covered(nt, 0, &arena);
  auto push = [&](Mention m, MInfo mi) {
    for (uint32_t i = m.tok_begin; i < m.tok_end; ++i) covered[i] = 1;
    doc.mentions.push_back(m);
    info.push_back(std::move(mi));
  };

  // 1. Role noun phrases, with a following person name when titled.
  for (uint32_t i = 0; i < nt;) {
    if (covered[i] || (ent_of[i] != kNone && doc.entities[ent_of[i]].type != EntityType::kOrg &&
                       doc.entities[ent_of[i]].type != EntityType::kMisc)) {
      ++i;
      continue;
    }
    uint32_t len = 0;
    bool plural = false;
    const Role* r = lex_.Match(tk, doc, i, nt, &len, &plural);
    if (!r) {
      ++i;
      continue;
    }
    // A run of role terms: the last is the head, earlier ones modify it.
    uint32_t hb = i, he = i + len;
    const Role* head = r;
    bool head_plural = plural;
    Code mod_sector = r->kind == RoleKind::kMod || r->kind == RoleKind::kOrg ? r->sector : Code();
    Code lex_country = r->country;
    for (;;) {
      uint32_t l2 = 0;
      bool p2 = false;
      if (he >= nt || (ent_of[he] != kNone && doc.entities[ent_of[he]].type == EntityType::kPer)) break;
      // An organisation may modify a role across plain modifiers: "U.N. weapons inspectors".
      uint32_t at = he;
      if (head->kind == RoleKind::kOrg || head->kind == RoleKind::kMod)
        while (at < nt && at < he + 2 && IsModifier(Lowered(tk.Raw(at))) && !lex_.Match(tk, doc, at, nt, &l2, &p2)) ++at;
      if (at >= nt || (ent_of[at] != kNone && doc.entities[ent_of[at]].type == EntityType::kPer)) break;
      const Role* r2 = lex_.Match(tk, doc, at, nt, &l2, &p2);
      if (!r2) break;
      if (head->kind == RoleKind::kMod || head->kind == RoleKind::kOrg) mod_sector = head->sector;
      if (!head->country.empty()) lex_country = head->country;
      he = at;
      hb = he;
      he += l2;
      head = r2;
      head_plural = p2;
    }
    if (!head->country.empty()) lex_country = head->country;
    // An ORG entity overlapping the head is coded as an entity instead.
    if (ent_of[hb] != kNone && doc.entities[ent_of[hb]].type == EntityType::kOrg) {
      i = he;
      continue;
    }
    if (head->kind == RoleKind::kMod) {
      i = he;
      continue;
    }
    // Left modifiers.
    uint32_t b = i;
    bool definite = false, indefinite = false;
    uint16_t cty = kNoIndex16;
    while (b > 0) {
      uint32_t j = b - 1;
      if (covered[j]) break;
      auto w = tk.Raw(j);
      const Lowered lw_buf(w);
      const std::string_view lw = lw_buf;
      if (ent_of[j] != kNone && doc.entities[ent_of[j]].type == EntityType::kPer) break;
      if (IsDeterminer(lw)) {
        b = j;
        definite = IsDefinite(lw);
        indefinite = !definite;
        break;
      }
      bool num = !w.empty() && w[0] >= '0' && w[0] <= '9';
      bool hyphen = w.find('-') != std::string_view::npos && !IsCap(w);
      bool poss = w == "'s" && j > 0 && IsCap(tk.Raw(j - 1));
      bool cap = IsCap(w) && !(doc.tokens[j].flags & kDatelineToken) && w != "The";
      uint32_t l3 = 0;
      bool p3 = false;
      const Role* r3 = lex_.Match(tk, doc, j, j + 1, &l3, &p3);
      if (!(num || hyphen || poss || cap || IsModifier(lw) || (r3 && r3->kind != RoleKind::kPerson))) break;
      // Words of a sentence start are modifiers only when capitalized for a reason.
      if (cty == kNoIndex16 && tok_country[j] != kNoIndex16 && !hyphen) cty = tok_country[j];
      if (cty == kNoIndex16 && cap && !hyphen) cty = geo_->CountryOfKey(tk.Word(j));
      if (r3 && (r3->kind == RoleKind::kMod || r3->kind == RoleKind::kOrg) && mod_sector.empty()) mod_sector = r3->sector;
      if (r3 && !r3->country.empty() && lex_country.empty()) lex_country = r3->country;
      if (cap && ent_of[j] != kNone && doc.entities[ent_of[j]].type == EntityType::kOrg) {
        // "a Reuters cameraman": the organisation's sector informs generic heads.
        uint32_t l4 = 0;
        bool p4 = false;
        for (uint32_t k = doc.entities[ent_of[j]].tok_begin; k < doc.entities[ent_of[j]].tok_end; ++k)
          if (const Role* r4 = lex_.Match(tk, doc, k, doc.entities[ent_of[j]].tok_end, &l4, &p4))
            if (mod_sector.empty()) mod_sector = r4->sector;
      }
      b = j;
    }
    Mention m;
    m.tok_begin = b;
    m.tok_end = he;
    m.head = {doc.tokens[hb].begin, doc.tokens[he - 1].end};
    m.kind = MentionKind::kNominal;
    MInfo mi;
    mi.cls = head->cls;
    mi.cls_id = head->cls_id;
    mi.gender = head->gender;
    mi.person = head->kind == RoleKind::kPerson && !head_plural;
    mi.group = !mi.person;
    mi.definite = definite;
    mi.indefinite = indefinite;
    // Sector: generic heads (spokesman, official, source, officer) take a modifier's sector.
    Code sec = head->sector;
    if (!mod_sector.empty() && (sec.empty() || head->cls == "spokesperson" || head->cls == "official" ||
                                head->cls == "source" || head->cls == "person" || head->cls == "minister" ||
                                head->cls == "agency"))
      sec = mod_sector;
    m.sector = sec;
    if (cty != kNoIndex16) m.country = country_code(cty), mi.explicit_country = true;
    else if (!lex_country.empty()) m.country = lex_country, mi.explicit_country = true;
    // Members or bodies of an international organisation ("NATO troops", "U.N.
    // weapons inspectors") are coded CAMEO-style with IGO in the country slot.
    else if (mod_sector.view() == "IGO" && sec.view() != "IGO") m.country = Code("IGO"), mi.explicit_country = true;
    // Title + name: "Syrian President Bashar Al Assad", "envoy Andrei Karlov".
    if (he < nt && ent_of[he] != kNone && doc.entities[ent_of[he]].type == EntityType::kPer &&
        doc.entities[ent_of[he]].tok_begin == he && (mi.person || IsCap(tk.Raw(hb)))) {
      const Entity& pe = doc.entities[ent_of[he]];
      m.tok_end = pe.tok_end;
      m.kind = MentionKind::kName;
      m.entity = ent_of[he];
      mi.person = true;
      mi.group = false;
      mi.per_name = true;
      set_name(mi, doc.span_text(pe.begin, pe.end));
      mi.has_last = true;
    }
    m.span = {doc.tokens[m.tok_begin].begin, doc.tokens[m.tok_end - 1].end};
    mi.in_quote = in_quote[hb];
    push(m, mi);
    i = m.tok_end;
  }
  // 2. Entities not yet covered.
  std::pmr::vector<uint8_t> has_mention(doc.entities.size(), 0, &arena);
  for (const Mention& m : doc.mentions)
    if (m.entity >= 0 && static_cast<size_t>(m.entity) < has_mention.size()) has_mention[m.entity] = 1;
  for (size_t e = 0; e < doc.entities.size(); ++e) {
    const Entity& en = doc.entities[e];
    if (en.tok_end > nt || en.tok_begin >= en.tok_end) continue;
    if (has_mention[e]) continue;
    Mention m;
    m.tok_begin = en.tok_begin;
    m.tok_end = en.tok_end;
    m.span = {en.begin, en.end};
    m.head = m.span;
    m.kind = MentionKind::kName;
    m.entity = static_cast<int32_t>(e);
    MInfo mi;
    set_name(mi, doc.span_text(en.begin, en.end));
    mi.in_quote = in_quote[en.tok_begin];
    uint16_t cty = kNoIndex16;
    // "Mr Livingstone" is a person whatever the tagger says: no country from a
    // town of that name.
    const Lowered first_buf(tk.Raw(en.tok_begin));
    const std::string_view first = first_buf;
    const bool honorific = first == "mr" || first == "mrs" || first == "ms" || first == "dr" || first == "sir" ||
                           first == "mr." || first == "mrs." || first == "ms." || first == "dr." || first == "lord" ||
                           first == "lady" || first == "dame";
    for (uint32_t i = en.tok_begin; i < en.tok_end && cty == kNoIndex16 && !honorific; ++i) cty = tok_country[i];
    // A name the role lexicon knows as an organisation ("Al Qaeda", "Hamas") is
    // one, whatever type the tagger gave it (person, or a place it could not place).
    EntityType type = en.type;
    if (type == EntityType::kPer || (type == EntityType::kLoc && en.place == kNone)) {
      uint32_t l = 0;
      bool plural = false;
      const Role* r = lex_.Match(tk, doc, en.tok_begin, en.tok_end, &l, &plural);
      if (r && r->kind == RoleKind::kOrg && l == en.tok_end - en.tok_begin) type = EntityType::kOrg;
    }
    if (type == EntityType::kPer) {
      mi.person = mi.per_name = true;
      mi.has_last = true;
    } else if (type == EntityType::kOrg || type == EntityType::kMisc) {
      Code sec, lc;
      for (uint32_t i = en.tok_begin; i < en.tok_end;) {
        uint32_t l = 0;
        bool p = false;
        if (const Role* r = lex_.Match(tk, doc, i, en.tok_end, &l, &p)) {
          if (!r->sector.empty()) sec = r->sector;  // the last (head) wins
          if (!r->country.empty()) lc = r->country;
          if (!r->cls.empty() && (r->kind == RoleKind::kOrg || r->kind == RoleKind::kGroup)) {
            mi.cls = r->cls;
            mi.cls_id = r->cls_id;
          }
          i += l;
        } else {
          ++i;
        }
      }
      // A nationality word on its own ("German goods", "the Kenyan"): its country.
      if (cty == kNoIndex16 && en.type == EntityType::kMisc && en.tok_end == en.tok_begin + 1)
        cty = geo_->CountryOfKey(tk.Word(en.tok_begin));
      // "US State Department": a country word just before the entity.
      if (cty == kNoIndex16 && en.tok_begin > 0) {
        uint32_t j = en.tok_begin - 1;
        if (tk.Raw(j) == "'s" && j > 0) --j;
        if (tok_country[j] != kNoIndex16) cty = tok_country[j];
        else if (IsCap(tk.Raw(j)) && !covered[j]) cty = geo_->CountryOfKey(tk.Word(j));
      }
      m.sector = sec;
      mi.group = true;
      // An organisation the role lexicon knows ("Hamas", "Hezbollah") has its
      // country from there, whatever a gazetteer says of the words.
      if (!lc.empty()) m.country = lc, mi.explicit_country = true, cty = kNoIndex16;
    } else if (type == EntityType::kLoc) {
      if (en.place != kNone && doc.places[en.place].feature == PlaceFeature::kCountry) {
        m.country = doc.places[en.place].country;
        mi.explicit_country = true;
      } else if (en.place != kNone && doc.places[en.place].feature != PlaceFeature::kContinent &&
                 !igo_tok[en.tok_begin]) {
        // A city or region stands for its country when it acts or is acted upon
        // ("Beirut rejected the appeal", "shelled Juba"): the country, as a
        // weaker fact that does not spread to other mentions.
        m.country = doc.places[en.place].country;
      }
    }
    // An organisation's name the tagger took for a place ("UN" as LOC): the organisation.
    if (type != EntityType::kOrg && type != EntityType::kMisc && igo_tok[en.tok_begin] &&
        en.tok_end - en.tok_begin == 1)
      m.sector = Code("IGO"), m.country = Code();
    if (cty != kNoIndex16 && type != EntityType::kLoc && type != EntityType::kPer) {
      m.country = country_code(cty);
      mi.explicit_country = true;
    }
    push(m, mi);
  }
  // 3. Third-person singular pronouns.
  for (uint32_t i = 0; i < nt; ++i) {
    if (covered[i]) continue;
    // Only "he"/"she"/"h..." words of 2 to 7 letters can be one of them.
    const std::string_view raw = tk.Raw(i);
    if (raw.size() < 2 || raw.size() > 7 || ((raw[0] | 0x20) != 'h' && (raw[0] | 0x20) != 's')) continue;
    const Lowered lw_buf(raw);
    const std::string_view lw = lw_buf;
    int pr = (lw == "he" || lw == "him" || lw == "his" || lw == "himself") ? 1
             : (lw == "she" || lw == "her" || lw == "hers" || lw == "herself") ? 2
                                                                                 : 0;
    if (!pr) continue;
    Mention m;
    m.tok_begin = i;
    m.tok_end = i + 1;
    m.span = {doc.tokens[i].begin, doc.tokens[i].end};
    m.head = m.span;
    m.kind = MentionKind::kPronoun;
    MInfo mi;
    mi.pronoun = pr;
    mi.gender = pr == 1 ? 'm' : 'f';
    mi.person = true;
    mi.in_quote = in_quote[i];
    push(m, mi);
  }
  // Order mentions by position.
  std::pmr::vector<size_t> order(doc.mentions.size(), &arena);
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return doc.mentions[a].tok_begin < doc.mentions[b].tok_begin ||
           (doc.mentions[a].tok_begin == doc.mentions[b].tok_begin && doc.mentions[a].tok_end > doc.mentions[b].tok_end);
  });
  {
    std::vector<Mention> ms;
    std::pmr::vector<MInfo> is(&arena);
    ms.reserve(order.size());
    is.reserve(order.size());
    for (size_t k : order) ms.push_back(doc.mentions[k]), is.push_back(std::move(info[k]));
    doc.mentions = std::move(ms);
    info = std::move(is);
  }
  // The names are all in the buffer now: their views.
  for (MInfo& mi : info) {
    mi.name_key = std::string_view(names.data() + mi.key_off, mi.key_len);
    if (mi.has_last) {
      const size_t sp = mi.name_key.rfind(' ');
      mi.last_name = sp == std::string_view::npos ? mi.name_key : mi.name_key.substr(sp + 1);
    }
  }

  // ---- coreference
  std::pmr::vector<CInfo> cinfo(&arena);
  auto new_cluster = [&](int mi) {
    doc.clusters.emplace_back();
    cinfo.emplace_back();
    return static_cast<int>(doc.clusters.size() - 1);
  };
  auto compatible_country = [&](int c, int mi) {
    const Code& a = cinfo[c].country;
    const Code& b = doc.mentions[mi].country;
    return a.empty() || b.empty() || a == b;
  };
  auto has_class = [&](int c, uint16_t cls_id) { return cinfo[c].classes.contains(cls_id); };
  auto add_to = [&](int c, int mi) {
    doc.mentions[mi].cluster = c;
    doc.clusters[c].mentions.push_back(mi);
    CInfo& ci = cinfo[c];
    const MInfo& m = info[mi];
    if (m.cls_id) ci.classes.insert(m.cls_id);
    if (ci.gender == '-') ci.gender = m.gender;
    ci.has_name |= m.per_name;
    ci.person |= m.person;
    ci.group |= m.group && !m.person;
    if (m.per_name && !m.last_name.empty()) {
      ci.last_name = m.last_name;
      const size_t sp = m.name_key.find(' ');
      if (sp != std::string_view::npos && ci.first_name.empty()) ci.first_name = m.name_key.substr(0, sp);
    }
    if (ci.country.empty() && m.explicit_country) ci.country = doc.mentions[mi].country;
    ci.last_mention = mi;
  };
  auto merge = [&](int into, int from) {
    if (into == from) return;
    for (int32_t mi : doc.clusters[from].mentions) add_to(into, mi);
    doc.clusters[from].mentions.clear();
    cinfo[from] = CInfo();
  };
  std::pmr::unordered_map<std::string_view, int> by_name(&arena);
  const int nm = static_cast<int>(doc.mentions.size());
  for (int mi = 0; mi < nm; ++mi) {
    Mention& m = doc.mentions[mi];
    const MInfo& inf = info[mi];
    int target = -1;
    // An organisation phrase built around a name ("The Anadolu news agency")
    // is that organisation, not the nearest earlier one of its class.
    auto named_org_inside = [&](int k) {
      const Mention& o = doc.mentions[k];
      if (o.kind != MentionKind::kName || o.entity < 0) return false;
      EntityType t = doc.entities[o.entity].type;
      return t == EntityType::kOrg && o.span.begin >= m.span.begin && o.span.end <= m.span.end;
    };
    bool org_with_name = false;
    if (m.kind == MentionKind::kNominal && !inf.person)
      for (int k = mi + 1; k < nm && doc.mentions[k].span.begin < m.span.end && !org_with_name; ++k)
        org_with_name = named_org_inside(k);
    if (m.kind == MentionKind::kName) {
      auto it = by_name.find(inf.name_key);
      if (it != by_name.end() && !doc.clusters[it->second].mentions.empty()) target = it->second;
      if (target < 0 && mi > 0 && doc.mentions[mi - 1].kind == MentionKind::kNominal && !info[mi - 1].person &&
          doc.mentions[mi - 1].cluster >= 0 && doc.mentions[mi - 1].span.begin <= m.span.begin &&
          doc.mentions[mi - 1].span.end >= m.span.end && m.entity >= 0 &&
          doc.entities[m.entity].type == EntityType::kOrg)
        target = doc.mentions[mi - 1].cluster;
      if (target < 0 && inf.per_name) {
        // "Karlov" after "Andrei Karlov".
        for (int c = static_cast<int>(cinfo.size()) - 1; c >= 0 && target < 0; --c)
          if (cinfo[c].has_name && cinfo[c].last_name == inf.last_name && !inf.last_name.empty()) target = c;
        // "Tesfay" after "Tesfay Dinka", "Kim" after "Kim Dae-jung": a lone name that
        // is the first word of a full name, when no full name ends with it.
        if (target < 0 && !inf.last_name.empty() && inf.name_key == inf.last_name)
          for (int c = static_cast<int>(cinfo.size()) - 1; c >= 0 && target < 0; --c)
            if (cinfo[c].has_name && cinfo[c].first_name == inf.last_name) target = c;
        // A titled name joins the unnamed cluster of its role ("The Russian ambassador" ... "envoy Andrei Karlov").
        if (target < 0 && !inf.cls.empty())
          for (int c = static_cast<int>(cinfo.size()) - 1; c >= 0 && target < 0; --c)
            if (!cinfo[c].has_name && cinfo[c].person && has_class(c, inf.cls_id) && compatible_country(c, mi)) target = c;
      }
    } else if (m.kind == MentionKind::kNominal) {
      // Copula or "as": "the gunman ... was an off-duty police officer".
      if (m.tok_begin > 0 && (inf.indefinite || !inf.definite)) {
        const Lowered prev_buf(tk.Raw(m.tok_begin - 1));
        const std::string_view prev = prev_buf;
        if (prev == "was" || prev == "is" || prev == "as" || prev == "been" || prev == "became") {
          uint32_t s = doc.sentences.empty() ? 0 : doc.sentences[doc.sentence_of_token(m.tok_begin)].tok_begin;
          for (int k = mi - 1; k >= 0 && target < 0; --k) {
            if (doc.mentions[k].tok_end <= s) break;
            if (doc.mentions[k].kind != MentionKind::kPronoun && info[k].person == inf.person && !info[k].in_quote &&
                doc.mentions[k].cluster >= 0 && info[k].cls_id != inf.cls_id && doc.mentions[k].tok_end < m.tok_begin)
              target = doc.mentions[k].cluster;
          }
        }
      }
      if (target < 0 && !org_with_name && !inf.cls.empty() && inf.cls != "person" && inf.cls != "source") {
        int found = -1, count = 0, same_country = -1;
        // A bare plural ("troops", "militants") refers back only to a group named
        // in the last two sentences; further on it is a new set of people.
        const bool bare = !inf.definite && !inf.indefinite && !inf.person;
        const uint32_t msent = doc.sentences.empty() ? 0 : doc.sentence_of_token(m.tok_begin);
        auto near = [&](int c) {
          if (!bare || doc.sentences.empty()) return true;
          return doc.sentence_of_token(doc.mentions[cinfo[c].last_mention].tok_begin) + 2 >= msent;
        };
        for (int c = static_cast<int>(cinfo.size()) - 1; c >= 0; --c)
          if (has_class(c, inf.cls_id) && cinfo[c].person == inf.person && compatible_country(c, mi) && near(c)) {
            if (found < 0) found = c;
            if (same_country < 0 && !m.country.empty() && cinfo[c].country == m.country) same_country = c;
            ++count;
          }
        // "the Syrian leader": a cluster known to be Syrian beats a more recent one of unknown country.
        if (same_country >= 0) found = same_country;
        // A bare plural naming its own country or group ("IS militants" after
        // "hardliners") is a new set of people unless a cluster of that country exists.
        const bool bare_own = bare && inf.explicit_country;
        if (bare_own) found = same_country;
        if (found >= 0 && (!inf.indefinite || (count == 1 && inf.explicit_country && !cinfo[found].country.empty())))
          target = found;
      }
    } else {
      // Pronoun: nearest compatible person mention in this or the two previous sentences.
      uint32_t sent = doc.sentences.empty() ? 0 : doc.sentence_of_token(m.tok_begin);
      const uint32_t sent_begin = doc.sentences.empty() ? 0 : doc.sentences[sent].tok_begin;
      auto compatible = [&](int k) {
        if (!info[k].person || info[k].in_quote || doc.mentions[k].cluster < 0) return false;
        const char g = cinfo[doc.mentions[k].cluster].gender;
        return g == '-' || g == inf.gender;
      };
      // A pronoun that opens its sentence (or the quote that opens it) continues
      // the previous sentence's subject, its first person mention: "The attacker
      // stood behind the ambassador as he spoke. He took out his gun ..."
      bool opens = m.tok_begin == sent_begin;
      if (!opens && m.tok_begin == sent_begin + 1) {
        const std::string_view q = tk.Raw(sent_begin);
        opens = q == "\"" || q == "\u201c" || q == "``";
      }
      // News attribution ("..., Abele Kuypers, secretary of the section, said.")
      // makes the speaker that subject: the last person before a closing "said".
      if (opens && sent > 0) {
        const uint32_t prev_begin = doc.sentences[sent - 1].tok_begin;
        uint32_t said = 0;
        // (Not for a pronoun in a quote: the speaker would say "I", and the
        // quote is often the same speaker's, "..., a witness told Reuters. "He ...")
        for (uint32_t t = doc.sentences[sent - 1].tok_end, steps = 0;
             !inf.in_quote && t > prev_begin && steps < 4 && !said; --t, ++steps) {
          const Lowered w(tk.Raw(t - 1));
          const std::string_view v = w;
          if (v == "said" || v == "says" || v == "told" || v == "added" || v == "stated") said = t - 1;
        }
        int subject = -1;
        for (int k = mi - 1; k >= 0 && doc.mentions[k].tok_begin >= prev_begin; --k) {
          const Mention& a = doc.mentions[k];
          if (a.tok_begin >= sent_begin || !info[k].person || info[k].in_quote) continue;
          if (said) {
            if (a.tok_end <= said) {
              subject = k;
              break;
            }
          } else {
            subject = k;  // the first one
          }
        }
        if (subject >= 0 && compatible(subject)) target = doc.mentions[subject].cluster;
      }
      // Inside a quote only this way: the speaker's "he" may be anyone.
      for (int k = mi - 1; k >= 0 && target < 0 && !inf.in_quote; --k) {
        const Mention& a = doc.mentions[k];
        uint32_t as = doc.sentences.empty() ? 0 : doc.sentence_of_token(a.tok_begin);
        if (sent > as + 2) break;
        if (compatible(k)) target = a.cluster;
      }
    }
    if (target < 0) {
      if (m.kind == MentionKind::kPronoun) continue;
      target = new_cluster(mi);
    }
    add_to(target, mi);
    if (m.kind == MentionKind::kName && !inf.name_key.empty()) by_name.emplace(inf.name_key, target);
    // A nominal linked by a copula may join two clusters.
    (void)merge;
  }
  // ---- cluster attributes, then propagate to mentions and entities
  const uint16_t diplomat_id = lex_.ClassId("diplomat");
  for (size_t c = 0; c < doc.clusters.size(); ++c) {
    Cluster& cl = doc.clusters[c];
    if (cl.mentions.empty()) continue;
    std::string name;
    Code country = cinfo[c].country, sector;
    for (int32_t mi : cl.mentions) {
      const Mention& m = doc.mentions[mi];
      if (m.kind == MentionKind::kName && m.entity != kNone) {
        const Entity& e = doc.entities[m.entity];
        std::string_view t = doc.span_text(e.begin, e.end);
        if (t.size() > name.size()) name = std::string(t);
      }
      if (sector.empty() && StrongSector(m.sector)) sector = m.sector;
    }
    if (sector.empty())
      for (int32_t mi : cl.mentions)
        if (sector.empty() && !doc.mentions[mi].sector.empty()) sector = doc.mentions[mi].sector;
    if (name.empty()) {
      const Mention& m = doc.mentions[cl.mentions[0]];
      name = std::string(doc.span_text(m.span));
    }
    const bool diplomat = diplomat_id && cinfo[c].classes.contains(diplomat_id);
    auto sv = sector.view();
    if (country.empty() && !home.empty() && !diplomat &&
        (sv == "COP" || sv == "JUD" || sv == "LEG" || sv == "CVL" || sv == "UAF" || sv == "CRM" || sv == "GOV" ||
         sv == "MIL" || sv == "EDU" || sv == "HLH"))
      country = home;
    cl.name = std::move(name);
    cl.country = country;
    cl.sector = sector;
  }
  // Drop empty clusters (from merges), renumbering.
  if (std::any_of(doc.clusters.begin(), doc.clusters.end(), [](const Cluster& c) { return c.mentions.empty(); })) {
    std::vector<int> remap(doc.clusters.size(), -1);
    std::vector<Cluster> kept;
    for (size_t c = 0; c < doc.clusters.size(); ++c)
      if (!doc.clusters[c].mentions.empty()) remap[c] = static_cast<int>(kept.size()), kept.push_back(std::move(doc.clusters[c]));
    doc.clusters = std::move(kept);
    for (Mention& m : doc.mentions)
      if (m.cluster >= 0) m.cluster = remap[m.cluster];
  }
  for (Mention& m : doc.mentions) {
    if (m.cluster < 0) continue;
    const Cluster& cl = doc.clusters[m.cluster];
    if (m.country.empty()) m.country = cl.country;
    if (!StrongSector(m.sector) && !cl.sector.empty()) m.sector = cl.sector;
    if (m.entity != kNone) {
      Entity& e = doc.entities[m.entity];
      e.cluster = m.cluster;
      e.country = m.country;
      e.sector = m.sector;
    }
  }
}

}  // namespace tidings::kb
