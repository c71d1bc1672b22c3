#include "tidings/events/dict/dictionary.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace tidings::dict {
namespace {

std::string Upper(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

Status ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound("cannot open dictionary file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return Status::OK();
}

// Splits text into lines (without the terminators).
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  return lines;
}

// Removes a trailing comment: ';' anywhere, or '#' outside [...] that starts
// the line or follows a blank/bracket.
std::string_view StripComment(std::string_view line) {
  int depth = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '[') ++depth;
    else if (c == ']') depth = depth > 0 ? depth - 1 : 0;
    else if (depth == 0 && c == ';') return line.substr(0, i);
    else if (depth == 0 && c == '#' &&
             (i == 0 || std::isspace(static_cast<unsigned char>(line[i - 1])) || line[i - 1] == ']'))
      return line.substr(0, i);
  }
  return line;
}


// Splits "PHRASE [code] [code]" into the phrase and the bracketed blocks.
bool SplitCodes(std::string_view s, std::string_view& phrase, std::vector<std::string>& blocks,
                std::string& err) {
  size_t lb = s.find('[');
  phrase = Trim(s.substr(0, lb == std::string_view::npos ? s.size() : lb));
  while (lb != std::string_view::npos) {
    size_t rb = s.find(']', lb);
    if (rb == std::string_view::npos) {
      err = "missing right bracket ]";
      return false;
    }
    blocks.emplace_back(Trim(s.substr(lb + 1, rb - lb - 1)));
    size_t next = s.find_first_not_of(" \t", rb + 1);
    if (next == std::string_view::npos) break;
    if (s[next] != '[') break;  // trailing junk after the codes is ignored
    lb = next;
  }
  if (s.find(']') != std::string_view::npos && s.find('[') == std::string_view::npos) {
    err = "missing left bracket [";
    return false;
  }
  return true;
}

int CountLengthChars(std::string_view w) { return static_cast<int>(w.size()); }

}  // namespace

// ---------------------------------------------------------------- codes

VCode ParseVCode(std::string_view s) {
  std::string c;
  for (char ch : s)
    if (!std::isspace(static_cast<unsigned char>(ch))) c += ch;
  VCode v;
  if (c.empty() || c == "---") {
    v.special = VCode::kNull;
    return v;
  }
  if (c == "###") {
    v.special = VCode::kDiscard;
    return v;
  }
  if (c == "+++") {
    v.special = VCode::kComplex;
    return v;
  }
  v.special = VCode::kNormal;
  if (!c.empty() && c.back() == '?') {
    v.subordinate = true;
    c.pop_back();
  }
  if (!c.empty() && c.back() == '!') {
    v.dominant = true;
    c.pop_back();
  }
  size_t colon = c.find(':');
  if (colon != std::string::npos) {
    v.paired = true;
    v.code = c.substr(0, colon);
    v.code2 = c.substr(colon + 1);
  } else {
    v.code = c;
  }
  if (v.code == "---") v.special = VCode::kNull;
  return v;
}

int32_t ParseTabariDate(std::string_view s, bool yyyy) {
  s = Trim(s);
  size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (yyyy || n >= 8) {
    if (n < 8) return 0;
    int32_t v = std::stoi(std::string(s.substr(0, 8)));
    int m = v / 100 % 100, d = v % 100;
    if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
    return v;
  }
  if (n < 6) return 0;
  int32_t v = std::stoi(std::string(s.substr(0, 6)));
  int y = v / 10000, m = v / 100 % 100, d = v % 100;
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  y += y <= 30 ? 2000 : 1900;
  return y * 10000 + m * 100 + d;
}

const std::vector<std::string>& Actor::CodesOn(int32_t date) const {
  static const std::vector<std::string> kNullCodes = {"---"};
  const CodeBlock* deflt = nullptr;
  for (const CodeBlock& b : blocks) {
    switch (b.kind) {
      case CodeBlock::kAlways:
        if (!deflt) deflt = &b;
        break;
      case CodeBlock::kBefore:
        if (date && date <= b.d1) return b.codes;
        break;
      case CodeBlock::kAfter:
        if (date && date >= b.d1) return b.codes;
        break;
      case CodeBlock::kBetween:
        if (date && date >= b.d1 && date <= b.d2) return b.codes;
        break;
    }
  }
  return deflt ? deflt->codes : kNullCodes;
}

size_t Dictionaries::pattern_count() const {
  size_t n = 0;
  for (const Verb& v : verbs) n += v.patterns.size();
  return n;
}

// ---------------------------------------------------------------- phrases

namespace {

// Parses a lexicon phrase ("AL GORE", "THE_KU_", "REAL~_PLEASANT", "MOUSE=").
std::vector<PWord> ParseLexPhrase(std::string_view s) {
  std::string u = Upper(Trim(s));
  for (char& c : u)
    if (c == '-') c = '_';
  std::vector<PWord> words;
  PWord cur;
  auto flush = [&](bool exact, bool no_end) {
    if (cur.text.empty()) return false;
    cur.exact = cur.exact || exact;
    cur.no_endings = cur.no_endings || no_end;
    words.push_back(cur);
    cur = PWord();
    return true;
  };
  for (size_t i = 0; i < u.size(); ++i) {
    char c = u[i];
    bool more = i + 1 < u.size() && u[i + 1] != ' ' && u[i + 1] != '\t';
    if (c == ' ' || c == '\t') {
      flush(false, false);
    } else if (c == '_') {
      if (flush(true, false)) words.back().adjacent = more;
      else if (!words.empty()) words.back().adjacent = words.back().adjacent || more;
    } else if (c == '=') {
      if (flush(true, true)) words.back().adjacent = more && u[i + 1] == '_';
    } else if (c == '~') {
      if (flush(false, false)) {
        if (i + 1 < u.size() && u[i + 1] == '_') ++i;
        words.back().adjacent = i + 1 < u.size() && u[i + 1] != ' ' && u[i + 1] != '\t';
      }
    } else {
      cur.text += c;
    }
  }
  flush(false, false);
  if (!words.empty()) words.back().adjacent = false;
  return words;
}

int LexLength(const std::vector<PWord>& w) {
  int n = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    n += CountLengthChars(w[i].text);
    if (w[i].exact || w[i].adjacent) ++n;
  }
  return n;
}

// Pattern parser: tokens with connectors, alternatives and synsets.
class PatternParser {
 public:
  PatternParser(std::string_view s, Dictionaries& d, int self_synset)
      : s_(Upper(s)), d_(d), self_(self_synset) {
    for (char& c : s_) {
      if (c == '-') c = '_';
      if (c == '(' || c == ')' || c == '\t') c = ' ';
    }
  }

  // Parses the whole pattern into a flat sequence; '*' becomes a kWord with
  // text "*" so that the caller can split it.
  bool Parse(PSeq& out, std::string& err) {
    if (!ParseSeq(out, err, /*in_alt=*/false)) return false;
    if (i_ < s_.size()) {
      err = "unbalanced } or | in pattern";
      return false;
    }
    return true;
  }

 private:
  void SkipBlanks() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
  }
  // Reads the connector after a token; returns adjacency.
  bool Connector(bool* exact) {
    bool adj = false;
    if (i_ < s_.size() && s_[i_] == '~') {
      ++i_;
      if (i_ < s_.size() && s_[i_] == '_') ++i_;
      adj = i_ < s_.size() && s_[i_] != ' ';
      return adj;
    }
    if (i_ < s_.size() && (s_[i_] == '_' || s_[i_] == '=')) {
      if (exact) *exact = true;
      ++i_;
      while (i_ < s_.size() && s_[i_] == '_') ++i_;
      adj = i_ < s_.size() && s_[i_] != ' ' && s_[i_] != '|' && s_[i_] != '}';
    }
    return adj;
  }

  bool ParseSeq(PSeq& out, std::string& err, bool in_alt) {
    while (true) {
      SkipBlanks();
      if (i_ >= s_.size()) return true;
      char c = s_[i_];
      if (c == '|' || c == '}') {
        if (!in_alt) return true;
        return true;
      }
      PElem e;
      if (c == '{') {
        ++i_;
        std::vector<PSeq> alts;
        while (true) {
          PSeq alt;
          if (!ParseSeq(alt, err, true)) return false;
          if (!alt.empty()) alts.push_back(std::move(alt));
          if (i_ >= s_.size()) {
            err = "missing } in pattern";
            return false;
          }
          if (s_[i_] == '|') {
            ++i_;
            continue;
          }
          ++i_;  // '}'
          break;
        }
        if (alts.empty()) {
          SkipConnector();
          continue;
        }
        e.kind = PElem::kAlt;
        e.set = static_cast<int>(d_.alts.size());
        d_.alts.push_back(std::move(alts));
        e.adjacent = Connector(nullptr);
      } else if (c == '*' || c == '$' || c == '+' || c == '%' || c == '^' || c == '@') {
        ++i_;
        e.kind = c == '*'   ? PElem::kWord
                 : c == '$' ? PElem::kSource
                 : c == '+' ? PElem::kTarget
                 : c == '%' ? PElem::kCompound
                 : c == '^' ? PElem::kSkip
                            : PElem::kAttrib;
        if (c == '*') e.text = "*";
        e.adjacent = Connector(nullptr);
      } else if (c == '&') {
        ++i_;
        std::string name;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])))) name += s_[i_++];
        int id = -1;
        for (size_t k = 0; k < d_.synset_names.size(); ++k)
          if (d_.synset_names[k] == name) id = static_cast<int>(k);
        if (id < 0 || id == self_) {
          err = id == self_ && id >= 0 ? "synset &" + name + " refers to itself (circular)"
                                       : "undefined synset &" + name;
          return false;
        }
        e.kind = PElem::kSynset;
        e.set = id;
        e.adjacent = Connector(nullptr);
      } else {
        std::string w;
        while (i_ < s_.size() && s_[i_] != ' ' && s_[i_] != '_' && s_[i_] != '~' && s_[i_] != '=' &&
               s_[i_] != '{' && s_[i_] != '}' && s_[i_] != '|' && s_[i_] != '*' && s_[i_] != '$' &&
               s_[i_] != '+' && s_[i_] != '%' && s_[i_] != '^' && s_[i_] != '&' && s_[i_] != '@')
          w += s_[i_++];
        if (w.empty()) {
          ++i_;  // stray character
          continue;
        }
        e.kind = PElem::kWord;
        e.text = w;
        e.adjacent = Connector(&e.exact);
      }
      out.push_back(std::move(e));
    }
  }
  void SkipConnector() {
    while (i_ < s_.size() && (s_[i_] == '_' || s_[i_] == '~')) ++i_;
  }

  std::string s_;
  size_t i_ = 0;
  Dictionaries& d_;
  int self_;
};

int SeqLength(const PSeq& seq, const Dictionaries& d);

int ElemLength(const PElem& e, const Dictionaries& d) {
  switch (e.kind) {
    case PElem::kWord:
      if (e.text == "*") return 0;
      return CountLengthChars(e.text) + ((e.exact || e.adjacent) ? 1 : 0);
    case PElem::kAlt: {
      int m = 0;
      for (const PSeq& a : d.alts[e.set]) m = std::max(m, SeqLength(a, d));
      return m + (e.adjacent ? 1 : 0);
    }
    case PElem::kSynset: {
      int m = 0;
      for (const PSeq& a : d.synsets[e.set]) m = std::max(m, SeqLength(a, d));
      return m + (e.adjacent ? 1 : 0);
    }
    default:
      return 0;
  }
}

int SeqLength(const PSeq& seq, const Dictionaries& d) {
  int n = 0;
  for (const PElem& e : seq) n += ElemLength(e, d);
  return n;
}

bool HasAlt(const PSeq& seq) {
  for (const PElem& e : seq)
    if (e.kind == PElem::kAlt || e.kind == PElem::kSynset) return true;
  return false;
}

// Builds a Pattern from "- LOWER * UPPER" text (without the leading '-').
bool MakePattern(std::string_view text, const VCode& code, Dictionaries& d, Pattern& p,
                 std::string& err) {
  PSeq flat;
  PatternParser parser(text, d, -1);
  if (!parser.Parse(flat, err)) return false;
  int star = -1;
  for (size_t i = 0; i < flat.size(); ++i)
    if (flat[i].kind == PElem::kWord && flat[i].text == "*") {
      if (star >= 0) {
        err = "more than one verb marker '*' in pattern";
        return false;
      }
      star = static_cast<int>(i);
    }
  if (star < 0) {
    err = "missing verb marker '*' in pattern";
    return false;
  }
  p.lower.assign(flat.begin(), flat.begin() + star);
  p.upper.assign(flat.begin() + star + 1, flat.end());
  p.code = code;
  p.text = std::string(Trim(text));
  p.length = SeqLength(p.lower, d) + SeqLength(p.upper, d);
  if (flat[star].adjacent) p.length += 1;
  p.has_alt = HasAlt(p.lower) || HasAlt(p.upper);
  p.upper_anchored = flat[star].adjacent;
  return true;
}

void AddLex(Dictionaries& d, std::vector<PWord> words, LexKind kind, int id) {
  if (words.empty()) return;
  LexEntry e;
  e.length = LexLength(words);
  e.words = std::move(words);
  e.kind = kind;
  e.id = id;
  e.order = static_cast<int>(d.lex.size());
  d.lex.push_back(std::move(e));
}

std::string Where(const std::string& name, size_t line) { return name + ":" + std::to_string(line) + ": "; }

// SplitCodes for dictionary line `line` of file `name`; a malformed line, and
// with `no_code` a line without any [code] block, becomes a warning.
bool SplitCodesOrWarn(std::string_view s, const std::string& name, size_t line, std::string_view& phrase,
                      std::vector<std::string>& blocks, std::vector<std::string>& warnings,
                      const char* no_code = nullptr) {
  std::string err;
  if (!SplitCodes(s, phrase, blocks, err)) {
    warnings.push_back(Where(name, line) + err);
    return false;
  }
  if (no_code && blocks.empty()) {
    warnings.push_back(Where(name, line) + no_code);
    return false;
  }
  return true;
}

bool ParseCodeBlock(std::string_view b, CodeBlock& cb, std::string& err) {
  std::string s(Trim(b));
  size_t rel = s.find_first_of("<>");
  std::string code, rest;
  if (rel != std::string::npos) {
    code = std::string(Trim(std::string_view(s).substr(0, rel)));
    rest = std::string(Trim(std::string_view(s).substr(rel)));
  } else {
    size_t sp = s.find_first_of(" \t");
    code = s.substr(0, sp);
    rest = sp == std::string::npos ? "" : std::string(Trim(std::string_view(s).substr(sp)));
  }
  // A code with embedded spaces such as "- - -".
  std::string squeezed;
  for (char c : code) squeezed += c;
  if (rest.size() && (rest == "- -" || rest == "--")) {  // "[- - -]"
    squeezed = "---";
    rest.clear();
  }
  code = squeezed;
  if (code.empty() || std::isdigit(static_cast<unsigned char>(code[0]))) {
    err = "no code in [" + s + "]";
    return false;
  }
  for (char c : code)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '#' || c == '+' ||
          c == '~' || c == '_')) {
      err = "bad code '" + code + "' in [" + s + "]";
      return false;
    }
  cb.codes.clear();
  size_t start = 0;
  std::string up = Upper(code);
  if (up == "---" || up == "###" || up == "+++") {
    cb.codes.push_back(up);
  } else {
    while (start <= up.size()) {
      size_t sl = up.find('/', start);
      if (sl == std::string::npos) sl = up.size();
      std::string part = up.substr(start, sl - start);
      if (!part.empty()) cb.codes.push_back(part);
      start = sl + 1;
    }
  }
  if (cb.codes.empty()) {
    err = "no code in [" + s + "]";
    return false;
  }
  if (rest.empty()) {
    cb.kind = CodeBlock::kAlways;
    return true;
  }
  if (rest[0] == '<' || rest[0] == '>') {
    cb.kind = rest[0] == '<' ? CodeBlock::kBefore : CodeBlock::kAfter;
    cb.d1 = ParseTabariDate(Trim(std::string_view(rest).substr(1)));
    if (!cb.d1) {
      err = "bad date restriction [" + s + "]";
      return false;
    }
    return true;
  }
  size_t dash = rest.find('-');
  if (dash == std::string::npos) {
    err = "bad date restriction [" + s + "]";
    return false;
  }
  cb.kind = CodeBlock::kBetween;
  cb.d1 = ParseTabariDate(Trim(std::string_view(rest).substr(0, dash)));
  cb.d2 = ParseTabariDate(Trim(std::string_view(rest).substr(dash + 1)));
  if (!cb.d1 || !cb.d2) {
    err = "bad date restriction [" + s + "]";
    return false;
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------- verbs

void ParseVerbs(std::string_view text, const std::string& name, Dictionaries& d) {
  enum Section { kMain, kSynsets, kTime, kSkipSection } section = kMain;
  int cur_verb = -1;      // verb receiving patterns
  int cur_time = -1;
  bool petrarch_block = false;
  std::vector<int> block_overrides;  // verbs with their own code inside a block
  int synset = -1;
  std::unordered_set<std::string> seen_roots;
  int order = 0;

  auto finish_block = [&]() {
    if (cur_verb >= 0)
      for (int v : block_overrides) d.verbs[v].patterns = d.verbs[cur_verb].patterns;
    block_overrides.clear();
  };

  auto lines = Lines(text);
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    std::string_view raw = lines[ln];
    std::string_view t = Trim(raw);
    if (t.empty()) continue;
    if (StartsWith(t, "~FINISH") || StartsWith(t, "~~FINISH")) break;
    // PETRARCH block header "---  NAME   [code]  ---" before comment stripping.
    if (StartsWith(t, "---") && t.size() > 3 && t.find('[') != std::string_view::npos) {
      finish_block();
      std::string_view phrase;
      std::vector<std::string> blocks;
      std::string err;
      SplitCodes(Trim(t.substr(3)), phrase, blocks, err);
      Verb v;
      v.root = std::string(phrase);
      v.code = blocks.empty() ? VCode() : ParseVCode(blocks[0]);
      cur_verb = static_cast<int>(d.verbs.size());
      d.verbs.push_back(std::move(v));
      petrarch_block = true;
      section = kMain;
      continue;
    }
    if (t[0] == '#' || StartsWith(t, "//")) continue;
    std::string_view line = Trim(StripComment(t));
    if (line.empty()) continue;
    std::string up = Upper(line);
    if (up[0] == '<') {
      if (StartsWith(up, "<SYNSET")) section = kSynsets;
      else if (StartsWith(up, "<TIME")) section = kTime;
      else if (StartsWith(up, "</")) section = kMain;
      else if (StartsWith(up, "<ATTRIB") || StartsWith(up, "<ISSUE")) section = kSkipSection;
      else d.warnings.push_back(Where(name, ln + 1) + "unknown section " + std::string(line));
      continue;
    }
    if (section == kSkipSection) continue;
    // Synonym set definitions may also appear outside <SYNSETS> (PETRARCH).
    if (line[0] == '&') {
      std::string nm;
      for (char c : up.substr(1))
        if (std::isalnum(static_cast<unsigned char>(c))) nm += c;
        else break;
      if (nm.empty()) {
        d.warnings.push_back(Where(name, ln + 1) + "empty synset name");
        synset = -1;
        continue;
      }
      if (std::find(d.synset_names.begin(), d.synset_names.end(), nm) != d.synset_names.end()) {
        d.warnings.push_back(Where(name, ln + 1) + "duplicate synset &" + nm);
        synset = static_cast<int>(std::find(d.synset_names.begin(), d.synset_names.end(), nm) -
                                  d.synset_names.begin());
        continue;
      }
      synset = static_cast<int>(d.synsets.size());
      d.synset_names.push_back(nm);
      d.synsets.emplace_back();
      continue;
    }
    if (line[0] == '+' && synset >= 0 && (section == kSynsets || cur_verb < 0 ||
                                          (petrarch_block == false && section == kMain &&
                                           d.verbs.empty()))) {
      PSeq seq;
      std::string err;
      PatternParser pp(line.substr(1), d, synset);
      if (!pp.Parse(seq, err)) {
        d.warnings.push_back(Where(name, ln + 1) + err);
        continue;
      }
      if (!seq.empty()) d.synsets[synset].push_back(std::move(seq));
      continue;
    }
    if (section == kSynsets) {
      d.warnings.push_back(Where(name, ln + 1) + "expected &NAME or +MEMBER in <SYNSETS>");
      continue;
    }
    synset = -1;
    if (line[0] == '{') {
      // Irregular verb forms of the current root.
      if (cur_verb < 0) {
        d.warnings.push_back(Where(name, ln + 1) + "verb forms before any verb");
        continue;
      }
      std::string inner(line.substr(1));
      size_t rb = inner.find('}');
      if (rb != std::string::npos) inner.resize(rb);
      std::istringstream ss(inner);
      std::string form;
      int n = 0;
      while (ss >> form) {
        if (form[0] == '+') form = form.substr(1);
        AddLex(d, ParseLexPhrase(form), LexKind::kVerb, cur_verb);
        ++n;
      }
      if (!n) d.warnings.push_back(Where(name, ln + 1) + "no verb forms inside {...}");
      continue;
    }
    if (line[0] == '-') {
      std::string_view body = Trim(line.substr(1));
      std::string_view phrase;
      std::vector<std::string> blocks;
      if (!SplitCodesOrWarn(body, name, ln + 1, phrase, blocks, d.warnings, "no code in pattern")) continue;
      Pattern p;
      std::string err;
      if (!MakePattern(phrase, ParseVCode(blocks[0]), d, p, err)) {
        d.warnings.push_back(Where(name, ln + 1) + err);
        continue;
      }
      p.order = order++;
      if (section == kTime) {
        if (cur_time < 0) {
          d.warnings.push_back(Where(name, ln + 1) + "time pattern before any time phrase");
          continue;
        }
        d.times[cur_time].patterns.push_back(std::move(p));
        continue;
      }
      if (cur_verb < 0) {
        d.warnings.push_back(Where(name, ln + 1) + "pattern before any verb");
        continue;
      }
      d.verbs[cur_verb].patterns.push_back(std::move(p));
      continue;
    }
    // A root line.
    std::string_view phrase;
    std::vector<std::string> blocks;
    if (!SplitCodesOrWarn(line, name, ln + 1, phrase, blocks, d.warnings)) continue;
    // PETRARCH verbs carry their forms on the same line: "HURRY {HURRIES ...}".
    std::string forms;
    std::string phr(phrase);
    size_t lb = phr.find('{');
    if (lb != std::string::npos) {
      size_t rb = phr.find('}', lb);
      forms = phr.substr(lb + 1, rb == std::string::npos ? std::string::npos : rb - lb - 1);
      phr = std::string(Trim(std::string_view(phr).substr(0, lb)));
    }
    bool plus = !phr.empty() && phr[0] == '+';
    if (plus) phr = phr.substr(1);
    for (char& c : phr)
      if (c == '+') c = '_';
    auto words = ParseLexPhrase(phr);
    if (words.empty()) {
      d.warnings.push_back(Where(name, ln + 1) + "missing phrase");
      continue;
    }
    if (section == kTime) {
      TimeShift ts;
      std::string c = blocks.empty() ? "" : blocks[0];
      std::string sq;
      for (char ch : c)
        if (!std::isspace(static_cast<unsigned char>(ch))) sq += ch;
      if (sq.empty() || sq == "---") ts.code.special = VCode::kNull;
      else if (sq == "###") ts.code.special = VCode::kDiscard;
      else if (sq == "+++") ts.code.special = VCode::kComplex;
      else {
        ts.code.special = VCode::kNormal;
        ts.days = std::atoi(sq.c_str());
      }
      cur_time = static_cast<int>(d.times.size());
      d.times.push_back(std::move(ts));
      AddLex(d, std::move(words), LexKind::kTime, cur_time);
      continue;
    }
    std::string key = Upper(phr);
    if (!seen_roots.insert(key).second) {
      d.warnings.push_back(Where(name, ln + 1) + "duplicate verb " + key);
      if (!petrarch_block) cur_verb = -1;
      continue;
    }
    if (petrarch_block) {
      int target = cur_verb;
      if (!blocks.empty()) {
        Verb v;
        v.root = phr;
        v.code = ParseVCode(blocks[0]);
        target = static_cast<int>(d.verbs.size());
        d.verbs.push_back(std::move(v));
        block_overrides.push_back(target);
      }
      AddLex(d, std::move(words), LexKind::kVerb, target);
      std::istringstream ss(forms);
      std::string f;
      while (ss >> f) {
        if (f[0] == '+') f = f.substr(1);
        for (char& c : f)
          if (c == '+') c = '_';
        AddLex(d, ParseLexPhrase(f), LexKind::kVerb, target);
      }
      continue;
    }
    if (blocks.empty()) {
      d.warnings.push_back(Where(name, ln + 1) + "no code for verb " + phr);
      cur_verb = -1;
      continue;
    }
    Verb v;
    v.root = phr;
    v.code = ParseVCode(blocks[0]);
    cur_verb = static_cast<int>(d.verbs.size());
    d.verbs.push_back(std::move(v));
    AddLex(d, std::move(words), LexKind::kVerb, cur_verb);
  }
  finish_block();
  auto sort_patterns = [](std::vector<Pattern>& ps) {
    std::stable_sort(ps.begin(), ps.end(), [](const Pattern& a, const Pattern& b) {
      return a.length > b.length;
    });
  };
  for (Verb& v : d.verbs) sort_patterns(v.patterns);
  for (TimeShift& t : d.times) sort_patterns(t.patterns);
}

// ---------------------------------------------------------------- actors

void ParseActors(std::string_view text, const std::string& name, Dictionaries& d) {
  enum Section { kMain, kNoun, kAdj } section = kMain;
  std::vector<std::vector<PWord>> group;  // phrases of the open group
  std::string parent;
  std::vector<CodeBlock> codes;
  size_t group_line = 0;

  auto close = [&]() {
    if (group.empty()) return;
    if (codes.empty()) {
      d.warnings.push_back(Where(name, group_line) + "no code for actor " + parent);
    } else {
      Actor a;
      a.parent = parent;
      a.blocks = codes;
      // A single date restriction gets a null default (manual 6.5.2 note 5).
      bool has_default = false;
      for (const CodeBlock& b : a.blocks) has_default |= b.kind == CodeBlock::kAlways;
      if (!has_default) {
        CodeBlock nb;
        nb.codes = {"---"};
        a.blocks.push_back(nb);
      }
      int id = static_cast<int>(d.actors.size());
      d.actors.push_back(std::move(a));
      for (auto& w : group) AddLex(d, std::move(w), LexKind::kActor, id);
    }
    group.clear();
    codes.clear();
  };

  auto add_blocks = [&](const std::vector<std::string>& blocks, size_t ln) {
    for (const std::string& b : blocks) {
      CodeBlock cb;
      std::string err;
      if (!ParseCodeBlock(b, cb, err)) {
        d.warnings.push_back(Where(name, ln) + err);
        continue;
      }
      codes.push_back(std::move(cb));
    }
  };

  auto lines = Lines(text);
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    std::string_view raw = lines[ln];
    std::string_view t = Trim(raw);
    if (t.empty()) continue;
    if (t[0] == '~') break;  // ~FINISH
    if (t[0] == '#' || t[0] == '/') continue;
    std::string_view line = Trim(StripComment(t));
    if (line.empty()) {
      // A phrase line made only of a comment after the phrase is impossible;
      // a comment-only line does not close the group.
      continue;
    }
    std::string up = Upper(line);
    if (up[0] == '<') {
      close();
      if (StartsWith(up, "<NOUN")) section = kNoun;
      else if (StartsWith(up, "<ADJ")) section = kAdj;
      else if (StartsWith(up, "</")) section = kMain;
      continue;
    }
    if (section != kMain) {
      std::string_view phrase;
      std::vector<std::string> blocks;
      std::string err;
      SplitCodes(line, phrase, blocks, err);
      auto w = ParseLexPhrase(phrase);
      if (!w.empty()) AddLex(d, std::move(w), section == kNoun ? LexKind::kNoun : LexKind::kAdjective, -1);
      continue;
    }
    bool indented = raw.size() && (raw[0] == ' ' || raw[0] == '\t');
    if (line[0] == '[') {
      if (group.empty()) {
        d.warnings.push_back(Where(name, ln + 1) + "code line without an actor");
        continue;
      }
      std::string_view phrase;
      std::vector<std::string> blocks;
      if (!SplitCodesOrWarn(line, name, ln + 1, phrase, blocks, d.warnings)) continue;
      add_blocks(blocks, ln + 1);
      continue;
    }
    (void)indented;
    if (line[0] == '+') {
      if (group.empty()) {
        d.warnings.push_back(Where(name, ln + 1) + "synonym without an actor");
        continue;
      }
      std::string_view phrase;
      std::vector<std::string> blocks;
      if (!SplitCodesOrWarn(line.substr(1), name, ln + 1, phrase, blocks, d.warnings)) continue;
      auto w = ParseLexPhrase(phrase);
      if (!w.empty()) group.push_back(std::move(w));
      add_blocks(blocks, ln + 1);
      continue;
    }
    close();
    std::string_view phrase;
    std::vector<std::string> blocks;
    if (!SplitCodesOrWarn(line, name, ln + 1, phrase, blocks, d.warnings)) continue;
    auto w = ParseLexPhrase(phrase);
    if (w.empty() || LexLength(w) < 2) {
      d.warnings.push_back(Where(name, ln + 1) + "phrase missing or too short");
      continue;
    }
    parent = std::string(phrase);
    group.push_back(std::move(w));
    group_line = ln + 1;
    add_blocks(blocks, ln + 1);
  }
  close();
}

// ---------------------------------------------------------------- agents

void ParseAgents(std::string_view text, const std::string& name, Dictionaries& d) {
  std::vector<std::pair<std::string, std::vector<std::string>>> macros;
  auto lines = Lines(text);
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    std::string_view t = Trim(lines[ln]);
    if (t.empty()) continue;
    if (StartsWith(t, "~FINISH") || StartsWith(t, "~~FINISH")) break;
    if (t[0] == '#' || t[0] == '/') continue;
    std::string_view line = Trim(StripComment(t));
    if (line.empty()) continue;
    std::string up = Upper(line);
    if (up[0] == '!' && up.find('=') != std::string::npos && up.find('[') == std::string::npos) {
      size_t eq = up.find('=');
      std::string key(Trim(std::string_view(up).substr(0, eq)));
      std::vector<std::string> vals;
      std::string rest = up.substr(eq + 1);
      size_t start = 0;
      while (start <= rest.size()) {
        size_t c = rest.find(',', start);
        if (c == std::string::npos) c = rest.size();
        std::string v(Trim(std::string_view(rest).substr(start, c - start)));
        if (!v.empty()) vals.push_back(v);
        start = c + 1;
      }
      macros.emplace_back(key, vals);
      continue;
    }
    std::string_view phrase;
    std::vector<std::string> blocks;
    if (!SplitCodesOrWarn(line, name, ln + 1, phrase, blocks, d.warnings, "no code for agent")) continue;
    std::string code;
    for (char c : blocks[0])
      if (!std::isspace(static_cast<unsigned char>(c))) code += static_cast<char>(std::toupper(c));
    size_t tilde = code.find('~');
    if (tilde == std::string::npos) {
      d.warnings.push_back(Where(name, ln + 1) + "missing ~ connector in agent code [" + code + "]");
      continue;
    }
    Agent a;
    a.prefix = tilde == code.size() - 1 && code.size() > 1;
    code.erase(tilde, 1);
    a.code = code;
    // Expand PETRARCH macros.
    std::vector<std::string> phrases = {Upper(phrase)};
    for (const auto& [key, vals] : macros) {
      std::vector<std::string> next;
      for (const std::string& p : phrases) {
        size_t k = p.find(key);
        if (k == std::string::npos) {
          next.push_back(p);
          continue;
        }
        for (const std::string& v : vals) next.push_back(p.substr(0, k) + v + p.substr(k + key.size()));
      }
      phrases.swap(next);
    }
    int id = static_cast<int>(d.agents.size());
    d.agents.push_back(a);
    for (const std::string& p : phrases) {
      if (p.find('!') != std::string::npos) {
        d.warnings.push_back(Where(name, ln + 1) + "undefined macro in " + p);
        continue;
      }
      auto w = ParseLexPhrase(p);
      if (!w.empty()) AddLex(d, std::move(w), LexKind::kAgent, id);
    }
  }
}

// ---------------------------------------------------------------- discards

void ParseDiscards(std::string_view text, const std::string& name, Dictionaries& d) {
  auto lines = Lines(text);
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    std::string_view t = Trim(lines[ln]);
    if (t.empty() || t[0] == '#') continue;
    std::string_view line = Trim(StripComment(t));
    if (!line.empty() && line[0] == '+') line = Trim(line.substr(1));
    if (line.empty()) continue;
    // Discard phrases are consecutive words.
    std::string p;
    for (char c : line) p += (c == ' ' || c == '\t') ? '_' : c;
    while (p.find("__") != std::string::npos) p.erase(p.find("__"), 1);
    auto w = ParseLexPhrase(p);
    if (w.empty()) {
      d.warnings.push_back(Where(name, ln + 1) + "empty discard phrase");
      continue;
    }
    w.back().exact = true;
    AddLex(d, std::move(w), LexKind::kDiscard, -1);
  }
}

// ---------------------------------------------------------------- options

namespace {

bool ParseBool(std::string_view v) {
  std::string u = Upper(Trim(v));
  return u == "TRUE" || u == "T" || u == "ON" || u == "YES" || u == "1";
}

// Value of "NAME[n]" in s, or -1.
int Bracketed(const std::string& s, const std::string& key) {
  size_t k = s.find(key + "[");
  if (k == std::string::npos) return -1;
  return std::atoi(s.c_str() + k + key.size() + 1);
}

int NamedInt(const std::string& s, const std::string& key) {
  // Finds "KEY = n" where KEY is a whole token.
  size_t pos = 0;
  while ((pos = s.find(key, pos)) != std::string::npos) {
    bool start_ok = pos == 0 || !std::isalpha(static_cast<unsigned char>(s[pos - 1]));
    size_t after = pos + key.size();
    if (start_ok && after <= s.size()) {
      size_t k = after;
      while (k < s.size() && s[k] == ' ') ++k;
      if (k < s.size() && s[k] == '=') {
        ++k;
        return std::atoi(s.c_str() + k);
      }
    }
    pos = after;
  }
  return -1;
}

}  // namespace

bool Options::Apply(std::string_view line_in, std::string* error) {
  std::string line = Upper(Trim(line_in));
  size_t colon = line.find(':');
  if (colon == std::string::npos) {
    if (error) *error = "missing ':' in options command";
    return false;
  }
  std::string cmd(Trim(std::string_view(line).substr(0, colon)));
  std::string arg(Trim(std::string_view(line).substr(colon + 1)));
  std::string c4 = cmd.substr(0, 4);
  if (c4 == "COMP") {
    complex_verbs = std::max(0, Bracketed(arg, "VERBS"));
    complex_actors = std::max(0, Bracketed(arg, "ACTORS"));
    complex_pronouns = std::max(0, Bracketed(arg, "PRONOUNS"));
    complex_conj = std::max(0, Bracketed(arg, "CONJ"));
    complex_comma = std::max(0, Bracketed(arg, "COMMA"));
    complex_lateverb = std::max(0, Bracketed(arg, "LATEVERB"));
    noactprior = arg.find("NOACTPRIOR") != std::string::npos;
    noactafter = arg.find("NOACTAFTER") != std::string::npos;
    noverb = arg.find("NOVERB") != std::string::npos;
    nosource = arg.find("NOSOURCE") != std::string::npos;
    notarget = arg.find("NOTARGET") != std::string::npos;
    noevent = arg.find("NOEVENT") != std::string::npos;
    return true;
  }
  if (c4 == "DEFA") {
    if (arg.find("OFF") == 0) {
      default_source.clear();
      default_target.clear();
      default_prior = default_after = false;
      return true;
    }
    auto code_after = [&](const std::string& key) -> std::string {
      size_t k = arg.find(key);
      if (k == std::string::npos) return "";
      size_t lb = arg.find('[', k), rb = arg.find(']', lb == std::string::npos ? k : lb);
      if (lb == std::string::npos || rb == std::string::npos) return "";
      return std::string(Trim(std::string_view(arg).substr(lb + 1, rb - lb - 1)));
    };
    std::string s = code_after("SOURCE"), t = code_after("TARGET");
    if (!s.empty()) default_source = s;
    if (!t.empty()) default_target = t;
    // PRIOR/AFTER outside the brackets.
    std::string outside;
    int depth = 0;
    for (char ch : arg) {
      if (ch == '[') ++depth;
      else if (ch == ']') depth = std::max(0, depth - 1);
      else if (!depth) outside += ch;
    }
    if (outside.find("PRIOR") != std::string::npos) default_prior = true;
    if (outside.find("AFTER") != std::string::npos) default_after = true;
    return true;
  }
  if (c4 == "COMM") {
    if (arg.find("OFF") == 0) {
      comma_on = false;
      return true;
    }
    comma_on = true;
    // EMIN/BMIN contain MIN; read the prefixed ones first and blank them.
    std::string a = arg;
    auto take = [&](const std::string& key, int& dst) {
      int v = NamedInt(a, key);
      if (v >= 0) dst = v;
    };
    take("EMIN", comma_emin);
    take("EMAX", comma_emax);
    take("BMIN", comma_bmin);
    take("BMAX", comma_bmax);
    take("MIN", comma_min);
    take("MAX", comma_max);
    return true;
  }
  if (c4 == "SET") {
    if (arg.find("CODE") == 0) {
      if (arg.find("SENTENCE") != std::string::npos) code_by = CodeBy::kSentence;
      else if (arg.find("ALL") != std::string::npos) code_by = CodeBy::kAll;
      else code_by = CodeBy::kClause;
      return true;
    }
    size_t eq = arg.find('=');
    std::string key(Trim(std::string_view(arg).substr(0, eq == std::string::npos ? arg.size() : eq)));
    std::string val = eq == std::string::npos ? "" : std::string(Trim(std::string_view(arg).substr(eq + 1)));
    if (key.find("MINIMUM") == 0) minimum_words = std::atoi(val.c_str());
    else if (key.find("CONVERT") == 0) convert_agents = ParseBool(val);
    else if (key == "YYYY") yyyy = ParseBool(val);
    else if (key.find("TIME") == 0) time_shift = ParseBool(val);
    else if (key == "FBIS") fbis = ParseBool(val);
    // LABEL, usage files, DUP WARNING, SKIP RECORDS, HAIKU: no effect here.
    return true;
  }
  if (c4 == "LABE" || c4 == "OUTP" || c4 == "FORW" || c4 == "NONE" || c4 == "ISSU" || c4 == "FREQ")
    return true;
  if (error) *error = "unknown options command " + cmd;
  return false;
}

void ParseOptions(std::string_view text, const std::string& name, Dictionaries& d) {
  auto lines = Lines(text);
  for (size_t ln = 0; ln < lines.size(); ++ln) {
    std::string_view t = Trim(lines[ln]);
    size_t cut = std::min(t.find("//"), t.find('#'));
    if (cut != std::string_view::npos) t = Trim(t.substr(0, cut));
    if (t.empty()) continue;
    std::string err;
    if (!d.options.Apply(t, &err)) d.warnings.push_back(Where(name, ln + 1) + err);
  }
}

// ---------------------------------------------------------------- files

#define TIDINGS_DICT_READER(Fn, Parser)                      \
  Status Fn(const std::string& path, Dictionaries& d) {      \
    std::string text;                                        \
    TIDINGS_RETURN_IF_ERROR(ReadFile(path, text));           \
    Parser(text, path, d);                                   \
    return Status::OK();                                     \
  }
TIDINGS_DICT_READER(ReadVerbsFile, ParseVerbs)
TIDINGS_DICT_READER(ReadActorsFile, ParseActors)
TIDINGS_DICT_READER(ReadAgentsFile, ParseAgents)
TIDINGS_DICT_READER(ReadDiscardsFile, ParseDiscards)
TIDINGS_DICT_READER(ReadOptionsFile, ParseOptions)
#undef TIDINGS_DICT_READER

}  // namespace tidings::dict
