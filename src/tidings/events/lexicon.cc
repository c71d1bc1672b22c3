#include "tidings/events/lexicon.h"

#include <fstream>
#include <sstream>

namespace tidings::events {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep || (sep == ' ' && s[i] == '\t')) {
      if (i > b) out.push_back(s.substr(b, i - b));
      b = i + 1;
    }
  }
  return out;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool ValidCode(std::string_view c) {
  if (c.size() < 2 || c.size() > 4) return false;
  for (char ch : c)
    if (ch < '0' || ch > '9') return false;
  return true;
}

}  // namespace

std::string_view LowerInto(std::string_view w, char* buf, size_t n) {
  size_t k = w.size() < n ? w.size() : n;
  for (size_t i = 0; i < k; ++i) {
    char c = w[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  }
  return std::string_view(buf, k);
}

std::vector<std::string> Lexicon::Inflect(const std::string& l, std::vector<uint8_t>* forms) const {
  std::vector<std::string> out;
  forms->clear();
  auto add = [&](std::string s, uint8_t f) {
    for (size_t i = 0; i < out.size(); ++i)
      if (out[i] == s) {
        (*forms)[i] |= f;
        return;
      }
    out.push_back(std::move(s));
    forms->push_back(f);
  };
  add(l, kFormBase);
  if (l == "be") {
    add("are", kFormBase);
    add("am", kFormBase);
  }
  auto it = irregular_.find(l);
  if (it != irregular_.end()) {
    bool has3 = false, hasing = false;
    for (const auto& [f, bits] : it->second) {
      add(f, bits);
      has3 |= (bits & kForm3sg) != 0;
      hasing |= (bits & kFormIng) != 0;
    }
    if (has3 && hasing) return out;
    // Fall through for the regular 3sg / -ing forms only.
    std::vector<std::string> reg;
    std::vector<uint8_t> regf;
    Lexicon tmp;  // no irregulars: regular inflection
    reg = tmp.Inflect(l, &regf);
    for (size_t i = 0; i < reg.size(); ++i) {
      uint8_t f = regf[i] & ((has3 ? 0 : kForm3sg) | (hasing ? 0 : kFormIng));
      if (f) add(reg[i], f);
    }
    return out;
  }
  const size_t n = l.size();
  char last = n ? l[n - 1] : 0;
  char prev = n > 1 ? l[n - 2] : 0;
  // 3rd person singular.
  if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 'c' || prev == 's')))
    add(l + "es", kForm3sg);
  else if (last == 'y' && !IsVowel(prev))
    add(l.substr(0, n - 1) + "ies", kForm3sg);
  else
    add(l + "s", kForm3sg);
  // Past and participle; -ing.
  if (last == 'e') {
    add(l + "d", kFormPast | kFormPart);
    if (prev == 'i') add(l.substr(0, n - 2) + "ying", kFormIng);
    else if (prev == 'e') add(l + "ing", kFormIng);
    else add(l.substr(0, n - 1) + "ing", kFormIng);
  } else if (last == 'y' && !IsVowel(prev)) {
    add(l.substr(0, n - 1) + "ied", kFormPast | kFormPart);
    add(l + "ing", kFormIng);
  } else {
    add(l + "ed", kFormPast | kFormPart);
    add(l + "ing", kFormIng);
    // Consonant-vowel-consonant endings may double (ban/banned, expel/expelled);
    // both spellings are generated: the wrong one never occurs in text.
    if (n >= 3 && !IsVowel(last) && last != 'w' && last != 'x' && last != 'y' && IsVowel(prev) &&
        !IsVowel(l[n - 3])) {
      add(l + last + "ed", kFormPast | kFormPart);
      add(l + last + "ing", kFormIng);
    }
    if (last == 'c') {  // panic/panicked
      add(l + "ked", kFormPast | kFormPart);
      add(l + "king", kFormIng);
    }
  }
  return out;
}

void Lexicon::AddVerbForms(const std::string& lemma, uint32_t entry) {
  std::vector<uint8_t> forms;
  auto surf = Inflect(lemma, &forms);
  for (size_t i = 0; i < surf.size(); ++i) {
    auto& v = verbs_[surf[i]];
    bool dup = false;
    for (const auto& fe : v) dup |= fe.entry == entry;
    if (!dup) v.push_back({entry, forms[i]});
  }
}

Status Lexicon::ParseIrregular(std::string_view text) {
  size_t lineno = 0;
  for (auto line : Split(text, '\n')) {
    ++lineno;
    line = Trim(line);
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, ' ');
    if (f.size() < 3)
      return InvalidArgument("irregular_verbs.txt:" + std::to_string(lineno) + ": need LEMMA PAST PARTICIPLE");
    std::string lemma(f[0]);
    auto& forms = irregular_[lemma];
    const uint8_t bits[] = {0, kFormPast, kFormPart, kForm3sg, kFormIng};
    for (size_t k = 1; k < f.size() && k < 5; ++k)
      for (auto alt : Split(f[k], '|')) forms.push_back({std::string(alt), bits[k]});
  }
  return Status::OK();
}

Status Lexicon::ParsePlover(std::string_view text) {
  for (auto line : Split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    auto f = Split(line, '\t');
    if (f.size() < 2) continue;
    plover_.Insert(Trim(f[0]), std::string(Trim(f[1])));
  }
  return Status::OK();
}

Status Lexicon::ParseEntries(std::string_view text, bool noun, std::string_view file) {
  size_t lineno = 0;
  for (auto raw : Split(text, '\n')) {
    ++lineno;
    auto line = Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    std::string where = std::string(file) + ":" + std::to_string(lineno);
    if (line[0] == '%') {  // "% verb verb ..." or "%speech verb verb ...": parsing-only verbs
      auto w = Split(line, ' ');
      bool speech = w[0] == "%speech";
      if (!speech && w[0] != "%") return InvalidArgument(where + ": unknown directive '" + std::string(w[0]) + "'");
      for (size_t i = 1; i < w.size(); ++i) {
        plain_.emplace_back(w[i]);
        if (speech) speech_.Insert(w[i], 1);
      }
      continue;
    }
    auto semi = line.find(';');
    auto pat = Trim(line.substr(0, semi));
    auto opts = semi == std::string_view::npos ? std::string_view() : Trim(line.substr(semi + 1));
    auto words = Split(pat, ' ');
    if (words.size() < 2) return InvalidArgument(where + ": expected CODE PATTERN");
    LexEntry e;
    e.noun = noun;
    e.source = where;
    if (words[0] != "-") {
      if (!ValidCode(words[0])) return InvalidArgument(where + ": bad CAMEO code '" + std::string(words[0]) + "'");
      e.code = std::string(words[0]);
    }
    for (auto o : Split(opts, ' ')) {
      if (o == "intrans") e.intrans = true;
      else if (o == "recip") e.recip = true;
      else if (o == "weak") e.weak = true;
      else if (o == "light") e.light = true;
      else if (o == "objof") e.objof = true;
      else if (o.substr(0, 4) == "tgt=") {
        for (auto p : Split(o.substr(4), ',')) e.tgt_preps.emplace_back(p);
      } else if (o.substr(0, 6) == "elite=") {
        if (!ValidCode(o.substr(6))) return InvalidArgument(where + ": bad elite code");
        e.elite_code = std::string(o.substr(6));
      } else if (o.substr(0, 6) == "frame=") {
        auto k = o.substr(6);
        if (k == "threat") e.frame = Frame::kThreat;
        else if (k == "intent") e.frame = Frame::kIntent;
        else if (k == "refuse") e.frame = Frame::kRefuse;
        else if (k == "appeal") e.frame = Frame::kAppeal;
        else if (k == "demand") e.frame = Frame::kDemand;
        else if (k == "deny") e.frame = Frame::kDeny;
        else if (k == "attempt") e.frame = Frame::kAttempt;
        else if (k == "plan") e.frame = Frame::kPlan;
        else if (k == "prevent") e.frame = Frame::kPrevent;
        else return InvalidArgument(where + ": unknown frame '" + std::string(k) + "'");
      } else {
        return InvalidArgument(where + ": unknown option '" + std::string(o) + "'");
      }
    }
    if (e.code.empty() && !e.light && e.frame == Frame::kNone)
      return InvalidArgument(where + ": '-' code is only for light or frame verbs");
    for (size_t i = 2; i < words.size(); ++i) {
      PatItem it;
      if (words[i] == "_") it.kind = PatItem::kObject;
      else if (words[i] == "*") it.kind = PatItem::kGap;
      else {
        for (auto a : Split(words[i], '|')) it.alts.emplace_back(a);
        ++e.literals;
      }
      e.rest.push_back(std::move(it));
    }
    uint32_t idx = uint32_t(entries_.size());
    std::string first(words[1]);
    entries_.push_back(std::move(e));
    if (noun) {
      std::string pl = first;
      auto& v = nouns_[first];
      v.push_back({idx, 0});
      // Plurals: -s, -es, -ies.
      size_t n = first.size();
      std::vector<std::string> plurals;
      if (first.back() == 'y' && n > 1 && !IsVowel(first[n - 2])) plurals.push_back(first.substr(0, n - 1) + "ies");
      else if (first.back() == 's' || first.back() == 'x' || first.back() == 'h') plurals.push_back(first + "es");
      else plurals.push_back(first + "s");
      for (auto& p : plurals) nouns_[p].push_back({idx, 0});
    } else {
      AddVerbForms(first, idx);
    }
  }
  return Status::OK();
}

StatusOr<Lexicon> Lexicon::FromStrings(std::string_view verbs, std::string_view nouns, std::string_view irregular,
                                       std::string_view plover_tsv) {
  Lexicon lx;
  TIDINGS_RETURN_IF_ERROR(lx.ParseIrregular(irregular));
  TIDINGS_RETURN_IF_ERROR(lx.ParseEntries(verbs, false, "verbs.txt"));
  TIDINGS_RETURN_IF_ERROR(lx.ParseEntries(nouns, true, "nouns.txt"));
  TIDINGS_RETURN_IF_ERROR(lx.ParsePlover(plover_tsv));
  // Every verb form (lexicon verbs and irregulars) -> lemma, for complement
  // and auxiliary analysis.
  auto note = [&](const std::string& lemma) {
    std::vector<uint8_t> forms;
    auto surf = lx.Inflect(lemma, &forms);
    for (size_t i = 0; i < surf.size(); ++i) {
      auto& slot = lx.lemma_[surf[i]];
      if (slot.first.empty()) slot.first = lemma;
      if (slot.first == lemma) slot.second |= forms[i];
    }
  };
  // Lemmas: collect from entries (first word of verb patterns).
  std::vector<std::string> lemmas;
  for (auto raw : Split(verbs, '\n')) {
    auto line = Trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == '%') continue;
    auto w = Split(Trim(line.substr(0, line.find(';'))), ' ');
    if (w.size() >= 2) lemmas.emplace_back(w[1]);
  }
  for (const auto& [lemma, forms] : lx.irregular_) lemmas.push_back(lemma);
  for (const auto& l : lx.plain_) lemmas.push_back(l);
  for (const auto& l : lemmas) note(l);
  return lx;
}

StatusOr<Lexicon> Lexicon::Load(const std::string& dir) {
  std::string texts[4];
  const char* names[4] = {"verbs.txt", "nouns.txt", "irregular_verbs.txt", "cameo2plover.tsv"};
  for (int i = 0; i < 4; ++i) {
    auto r = ReadFile(dir + "/" + names[i]);
    if (!r.ok()) return r.status();
    texts[i] = std::move(r.value());
  }
  auto lx = FromStrings(texts[0], texts[1], texts[2], texts[3]);
  if (!lx.ok()) return InvalidArgument(dir + "/" + lx.status().message());
  return lx;
}

const std::vector<FormEntry>* Lexicon::Verb(std::string_view lower) const { return verbs_.Find(lower); }
const std::vector<FormEntry>* Lexicon::Noun(std::string_view lower) const { return nouns_.Find(lower); }
std::string_view Lexicon::VerbLemma(std::string_view lower) const {
  const auto* v = lemma_.Find(lower);
  return v ? std::string_view(v->first) : std::string_view();
}
uint8_t Lexicon::VerbForms(std::string_view lower) const {
  const auto* v = lemma_.Find(lower);
  return v ? v->second : 0;
}
std::string_view Lexicon::Plover(std::string_view cameo) const {
  for (size_t n = cameo.size(); n >= 2; --n) {
    if (const std::string* p = plover_.Find(cameo.substr(0, n))) return *p;
  }
  return {};
}

}  // namespace tidings::events
