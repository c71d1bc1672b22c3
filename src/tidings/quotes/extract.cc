// Quote extraction and speaker attribution (see quotes.h).
//
// The text is scanned into light "elements" (words, punctuation, quotation
// marks) carrying closed-class and cue flags, so that the rules below do not
// depend on the tokenizer or tagger; tagger POS, kb mentions and clusters are
// used when present.
#include <algorithm>
#include <array>
#include <cstring>

#include "tidings/core/ascii_scan.h"
#include "tidings/core/utf8.h"
#include "tidings/quotes/quotes.h"
#include "tidings/tagger/labels.h"

namespace tidings::quotes {
namespace {

// Closed word classes.
enum Cls : uint32_t {
  kDet = 1u << 0,
  kPrep = 1u << 1,
  kPron = 1u << 2,     // subject pronoun
  kObjPron = 1u << 3,  // object pronoun
  kRel = 1u << 4,      // who, which, whom, whose
  kConj = 1u << 5,     // clause connectives
  kAux = 1u << 6,      // finite auxiliaries and modals
  kAdv = 1u << 7,      // adverbs that may sit between subject and cue
  kTime = 1u << 8,     // Monday, week, yesterday...
  kTell = 1u << 9,     // tell-type cue: the next NP is the addressee
  kPast = 1u << 10,    // irregular past tense (finite verb)
  kThat = 1u << 11,
  kAccording = 1u << 12,
  kTo = 1u << 13,
  kPassiveAux = 1u << 14,  // was, were, been, be, being, is, are
  kAttachPrep = 1u << 15,  // of, for, at, from: PP inside a speaker NP
  kNoSpeaker = 1u << 16,   // it, this, there: not a speaker
  kNum = 1u << 17,
  kObjCue = 1u << 18,  // warn, urge, ask...: may take an object before a content clause
  kTitle = 1u << 19,   // Dr., Gen.: the period belongs to the word
  kOrgWord = 1u << 20, // Agency, Ministry: not part of a person's name
};

struct WordClass {
  const char* words;
  uint32_t cls;
};

const WordClass kClasses[] = {
    {"the a an this these those his her its their our my your some another several many each both all no "
     "every any such",
     kDet},
    {"one two three four five six seven eight nine ten dozens hundreds thousands", kNum},
    {"of for at from in on with by to about near inside outside after before during under over into against "
     "among between through without within across behind around via amid despite toward towards upon",
     kPrep},
    {"of for at from", kAttachPrep},
    {"he she they we i you it", kPron},
    {"it this there that what which", kNoSpeaker},
    {"him her them us me", kObjPron},
    {"who which whom whose", kRel},
    {"and but or nor yet so because while although though if when where whereas as since until unless "
     "than then whether how why",
     kConj},
    {"is was were are am had has have will would could can should may might must did does do shall 's",
     kAux},
    {"was were been be being is are", kPassiveAux},
    {"however meanwhile also later then earlier previously reportedly repeatedly publicly once again still further recently "
     "simply just only already never not n't separately subsequently quickly initially first last finally "
     "privately openly angrily",
     kAdv},
    {"monday tuesday wednesday thursday friday saturday sunday today yesterday tonight week month year "
     "weekend morning afternoon evening night earlier later recently",
     kTime},
    {"tell tells told telling", kTell},
    {"inform informed informs informing assure assured assures notify notified remind reminded reminds warn "
     "warned warns urged urge urges ask asked asks",
     kObjCue},
    {"mr mrs ms dr gen col lt sgt gov sen rep prof capt maj adm rev st jr sr cmdr gov sgt insp det supt brig",
     kTitle},
    {"agency ministry council department party bank capital court university news police government company "
     "inc group association union committee office service army forces force house street city united national "
     "state states republic kingdom airlines times post press reuters corp ltd international institute "
     "commission authority organisation organization federation league club foundation church hospital school "
     "council parliament senate congress assembly board fund",
     kOrgWord},
    {"quoted was were had did went came took made left fled fell met saw held led won lost began ran rang shot "
     "said told gave got kept found thought brought bought caught fought sought taught felt stood sat sent "
     "spent built broke chose drove ate flew forgot froze hid knew meant paid rose sold spoke stole struck "
     "swore threw understood wore wrote became blew drew grew hit hurt put set shut quit cut let bore began "
     "killed died attacked",
     kPast},
    {"that", kThat},
    {"according", kAccording},
    {"to", kTo},
};

enum Kind : uint8_t { kWord, kPunct, kMark };
enum WordFlag : uint8_t { kCap = 1, kLowerStart = 2, kDigit = 4, kVerbPos = 8, kInQuote = 16, kIng = 32 };

struct El {
  uint32_t b, e;
  uint32_t cls;
  uint32_t sent;
  uint8_t kind;
  uint8_t cue;
  uint8_t wf;
  char32_t ch;  // punctuation / mark code point
};

bool IsMarkCp(char32_t c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x201F || c == 0x2018 ||
         c == 0x2019 || c == 0x201A || c == 0xAB || c == 0xBB;
}
bool IsAlnumCp(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  if (utf8::IsSpace(c) || IsMarkCp(c)) return false;
  if (c >= 0x2010 && c <= 0x2BFF) return false;  // dashes, bullets, general punctuation, symbols
  if (c == 0xA1 || c == 0xBF || c == 0xB7 || c == 0xA7 || c == 0xB6) return false;
  return true;
}
bool IsDashCp(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2012; }

// Tagger POS ids of finite verbs (VBD, VBZ, VBP, MD); wired to the tagger's
// tag set when it is present.
bool IsVerbPos(uint8_t pos) {
  static const std::array<bool, 256> kVerb = [] {
    std::array<bool, 256> v{};
    for (int p = 0; p < 256; ++p) {
      std::string_view n = tagger::PosTagName(static_cast<uint8_t>(p));
      v[p] = n == "VBD" || n == "VBZ" || n == "VBP" || n == "MD";
    }
    return v;
  }();
  return kVerb[pos];
}

// "in a statement", "in an interview": where something was said, not who.
bool IsMediumWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"statement", "interview", "speech", "letter", "post", "email", "message",
                                       "report", "video", "tweet", "press", "conference", "briefing", "note",
                                       "broadcast", "televised", "radio", "newspaper", "column", "ruling", "court",
                                       "parliament", "past", "meantime", "end", "morning", "afternoon", "evening"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

struct Np {
  bool found = false;
  uint32_t b = 0, e = 0;    // byte span
  uint32_t hb = 0, he = 0;  // head
  bool pronoun = false;
};

}  // namespace

// What the word lists know of a lower-cased word form: its classes (when
// listed in kClasses) and its speech-cue flags.
struct WordInfo {
  uint32_t cls = 0;
  bool has_cls = false;
  uint8_t cue = 0;
};

struct QuoteExtractor::Impl {
  CueLexicon cues;
  StringMap<WordInfo> words;  // one lookup per word for classes and cues

  explicit Impl(CueLexicon c) : cues(std::move(c)) {
    for (const WordClass& wc : kClasses) {
      std::string_view s(wc.words);
      size_t p = 0;
      while (p < s.size()) {
        size_t q = s.find(' ', p);
        if (q == std::string_view::npos) q = s.size();
        if (q > p) {
          WordInfo& w = words[s.substr(p, q - p)];
          w.cls |= wc.cls;
          w.has_cls = true;
        }
        p = q + 1;
      }
    }
    cues.ForEach([&](std::string_view form, uint8_t flags) { words[form].cue = flags; });
  }
  // Classes of a listed word (nullptr when the word has none).
  const uint32_t* Classes(std::string_view lower) const {
    const WordInfo* w = words.Find(lower);
    return w && w->has_cls ? &w->cls : nullptr;
  }

  void Extract(Document& doc) const;
};

namespace {

constexpr std::string_view kAbbrev[] = {"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "st",
                               "jr", "sr", "prof", "inc", "corp", "co", "ltd", "no", "vs", "capt", "cmdr",
                               "maj", "adm", "rev", "u.s", "u.k", "u.n", "e.g", "i.e", "jan", "feb", "aug",
                               "sept", "sep", "oct", "nov", "dec", "mt", "ft"};

// Per-document working state.
class Run {
 public:
  Run(const QuoteExtractor::Impl& im, Document& doc) : im_(im), doc_(doc), text_(doc.text) {}
  void Go();

 private:
  // ---- setup
  void BuildParagraphs();
  void BuildElements();
  void BuildSentences();
  // ---- helpers
  std::string_view Lower(const El& x) {
    size_t n = std::min<size_t>(x.e - x.b, sizeof(buf_));
    for (size_t i = 0; i < n; ++i) {
      char c = text_[x.b + i];
      buf_[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return std::string_view(buf_, n);
  }
  bool W(size_t i) const { return i < els_.size() && els_[i].kind == kWord; }
  bool Is(size_t i, uint32_t cls) const { return W(i) && (els_[i].cls & cls); }
  bool P(size_t i, char32_t c) const { return i < els_.size() && els_[i].kind == kPunct && els_[i].ch == c; }
  bool Mark(size_t i) const { return i < els_.size() && els_[i].kind == kMark; }
  bool Content(size_t i) const {  // a noun-like word: capitalized or open-class lowercase
    if (!W(i)) return false;
    const El& x = els_[i];
    if (x.cls & (kDet | kPrep | kPron | kObjPron | kRel | kConj | kAux | kThat | kTo | kAccording)) return false;
    if (x.wf & kCap) return true;
    if (x.wf & kDigit) return true;
    if (x.cue || (x.cls & (kPast | kAdv)) || (x.wf & kVerbPos)) return false;
    return true;
  }
  bool Cue(size_t i, uint8_t need) const;
  size_t SentBegin(size_t i) const { return sent_el_[els_[i].sent]; }
  size_t SentEnd(size_t i) const { return sent_el_[els_[i].sent + 1]; }
  size_t ElAt(uint32_t byte) const;  // first element with b >= byte
  uint32_t ParaOf(uint32_t byte) const;
  Np NpForward(size_t i, size_t lim);
  Np NpBackward(size_t k, size_t lim);
  // The noun phrase of elements [b, e] with head h.
  Np MakeNp(size_t b, size_t e, size_t h) const {
    Np np;
    np.found = true;
    np.b = els_[b].b;
    np.e = els_[e].e;
    np.hb = els_[h].b;
    np.he = els_[h].e;
    return np;
  }
  // A pronoun phrase at i: true when i is a pronoun (np stays empty for one
  // that cannot be a speaker, "it").
  bool PronounNp(size_t i, Np* np) const {
    if (!Is(i, kPron)) return false;
    if (Is(i, kNoSpeaker)) return true;
    *np = MakeNp(i, i, i);
    np->pronoun = true;
    return true;
  }
  // "Berlin welcomed": a lowercase -ed word right after a capitalized one is a
  // verb after a name, not part of its noun phrase.
  bool VerbAfterName(size_t p) const {
    const El& x = els_[p];
    return (x.wf & kLowerStart) && p > 0 && W(p - 1) && (els_[p - 1].wf & kCap) && x.e - x.b > 3 &&
           text_[x.e - 2] == 'e' && text_[x.e - 1] == 'd';
  }
  Np SubjectOf(size_t cue);
  Np FirstNpOfSentence(size_t i);
  Np PreferName(Np np, size_t lim);
  std::string ExpandSurname(const std::string& name, uint32_t before);
  bool PronounAntecedent(uint32_t pos, Quote& q);
  // The speaker NP of a cue at c ("according to" at c: the NP after "to").
  Np SpeakerOfCue(size_t c, bool inverted_ok, size_t after_quote_start);
  // Cue span (two words for "according to").
  Span CueSpan(size_t c) const {
    if (Is(c, kAccording) && Is(c + 1, kTo)) return {els_[c].b, els_[c + 1].e};
    return {els_[c].b, els_[c].e};
  }
  bool FiniteVerbIn(size_t b, size_t e) const;
  void Resolve(const Np& np, Quote& q);
  std::string NameOf(const Np& np);
  void AddDirect(const MarkedSpan& ms);
  void AddIndirect();
  void Continuations();

  const QuoteExtractor::Impl& im_;
  Document& doc_;
  std::string_view text_;
  char buf_[32];
  std::vector<Paragraph> paras_;
  std::vector<El> els_;
  std::vector<Span> sents_;
  std::vector<size_t> sent_el_;  // first element of each sentence, plus a sentinel
  std::vector<MarkedSpan> spans_;
  std::vector<uint8_t> used_cue_;  // per element: cue consumed by an adjacent direct quote
  std::vector<std::pair<size_t, Np>> cue_speakers_;  // cue element -> speaker, for direct quotes
};

bool Run::Cue(size_t i, uint8_t need) const {
  if (!W(i)) return false;
  const El& x = els_[i];
  if (x.wf & kInQuote) return false;
  if (x.cls & kAccording) return Is(i + 1, kTo);
  if (!(x.cue & need)) return false;
  if (x.cue & kCueNoun) {
    // "the reports said", "his comments": the noun reading.
    if (i > 0 && W(i - 1) && (els_[i - 1].cls & (kDet | kNum | kPrep))) return false;
    if (W(i + 1) && (els_[i + 1].cls & kAttachPrep)) return false;  // "in terms of", "reports of"
    if (W(i + 1) && (els_[i + 1].cue || (els_[i + 1].cls & kAux))) return false;
    if (i > 0 && W(i - 1) && !(els_[i - 1].wf & kCap) && !(els_[i - 1].cls & (kPron | kRel | kAdv)) &&
        !(els_[i - 1].wf & kVerbPos) && (x.wf & kVerbPos) == 0 && i >= 1 && Content(i - 1) &&
        !doc_.tokens.empty())
      return false;
  }
  return true;
}

void Run::BuildParagraphs() {
  if (!doc_.tokens.empty() && !doc_.paragraphs.empty()) {
    paras_ = doc_.paragraphs;
    return;
  }
  // No segmenter output: blank lines separate paragraphs when the text has
  // any, else every line break does.
  bool blank = text_.find("\n\n") != std::string_view::npos || text_.find("\r\n\r\n") != std::string_view::npos;
  uint32_t start = 0, n = static_cast<uint32_t>(text_.size());
  uint32_t i = 0;
  while (i < n) {
    if (text_[i] == '\n') {
      uint32_t j = i + 1;
      bool brk = !blank;
      if (blank) {
        uint32_t k = j;
        while (k < n && (text_[k] == ' ' || text_[k] == '\t' || text_[k] == '\r')) ++k;
        brk = k < n && text_[k] == '\n';
      }
      if (brk) {
        if (i > start) paras_.push_back({start, i});
        start = j;
      }
    }
    ++i;
  }
  if (n > start) paras_.push_back({start, n});
  // Trim and drop empty paragraphs.
  std::vector<Paragraph> out;
  for (Paragraph p : paras_) {
    while (p.begin < p.end && (text_[p.begin] == ' ' || text_[p.begin] == '\t' || text_[p.begin] == '\r' ||
                               text_[p.begin] == '\n'))
      ++p.begin;
    while (p.end > p.begin && (text_[p.end - 1] == ' ' || text_[p.end - 1] == '\t' || text_[p.end - 1] == '\r' ||
                               text_[p.end - 1] == '\n'))
      --p.end;
    if (p.end > p.begin) out.push_back(p);
  }
  paras_.swap(out);
}

void Run::BuildElements() {
  const size_t n = text_.size();
  els_.reserve(n / 5 + 8);
  size_t i = 0;
  while (i < n) {
    size_t s = i;
    char32_t c = utf8::Next(text_, i);
    if (utf8::IsSpace(c)) continue;
    El& x = els_.emplace_back(El{static_cast<uint32_t>(s), 0, 0, 0, kPunct, 0, 0, c});  // filled in place
    if (IsAlnumCp(c)) {
      x.kind = kWord;
      // Extend over letters, digits and internal ' ’ - . & joiners.
      while (i < n) {
        i = ascii::SkipAlnum(text_.data(), i, n);  // ASCII letters and digits: IsAlnumCp at once
        if (i >= n) break;
        size_t j = i;
        char32_t d = utf8::Next(text_, j);
        if (IsAlnumCp(d)) {
          i = j;
          continue;
        }
        if (d == '\'' || d == 0x2019 || d == '-' || d == '.' || d == '&' || d == 0x2011) {
          if (j < n) {
            size_t k = j;
            char32_t e = utf8::Next(text_, k);
            if (IsAlnumCp(e)) {
              i = j;
              continue;
            }
          }
        }
        break;
      }
      x.e = static_cast<uint32_t>(i);
      if (i < n && text_[i] == '.' && x.e - x.b <= 5) {
        char t[5];
        const size_t tn = x.e - x.b;
        for (size_t k = 0; k < tn; ++k) {
          char ch = text_[x.b + k];
          t[k] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
        }
        const uint32_t* cls = im_.Classes(std::string_view(t, tn));
        if (cls && (*cls & kTitle)) x.e = static_cast<uint32_t>(++i);
      }
      if (c >= 'A' && c <= 'Z')
        x.wf |= kCap;
      else if (c >= '0' && c <= '9')
        x.wf |= kDigit;
      else if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        x.wf |= kCap;
      else if (c >= 0x400 && c <= 0x42F)
        x.wf |= kCap;
      else
        x.wf |= kLowerStart;
      size_t len = x.e - x.b;
      if (len <= 24) {
        char lbuf[32];  // 24 rounded up to 8 (LowerWide)
        bool all_ascii;
        std::string_view lower = ascii::LowerWide(text_.substr(x.b, len), lbuf, &all_ascii);
        if (!all_ascii) {
          bool upper = true;  // still lower-casing: stops at a curly apostrophe
          for (size_t k = 0; k < len; ++k) {
            char ch = text_[x.b + k];
            if (upper) {
              if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
              if (ch == '\xE2') upper = false;  // leave curly apostrophes alone
            }
            lbuf[k] = ch;
          }
        }
        if (!lower.empty() && lower.back() == '.') lower.remove_suffix(1);
        if (lower.size() > 3 && lower.substr(lower.size() - 2) == "'s" && (x.wf & kCap)) {
          // "Agency's": the class of the noun, but not a cue.
          if (const uint32_t* cls = im_.Classes(lower.substr(0, lower.size() - 2))) x.cls |= *cls & (kOrgWord | kTime);
        }
        if (const WordInfo* w = im_.words.Find(lower)) {
          if (w->has_cls) x.cls = w->cls;
          x.cue = w->cue;
        }
        if (len > 4 && lower.substr(len - 3, 3) == "ing") x.wf |= kIng;
        if (!(x.wf & kCap) && len > 4 && lower.substr(len - 2, 2) == "ly" && !x.cue) x.cls |= kAdv;
      }
    } else {
      x.e = static_cast<uint32_t>(i);
      if (IsMarkCp(c)) x.kind = kMark;
    }
  }
  // Tagger POS, when present: mark verbs (Penn tags VB*/MD).
  if (!doc_.tokens.empty()) {
    size_t t = 0;
    for (El& x : els_) {
      if (x.kind != kWord) continue;
      while (t < doc_.tokens.size() && doc_.tokens[t].begin < x.b) ++t;
      if (t < doc_.tokens.size() && doc_.tokens[t].begin == x.b && doc_.tokens[t].pos) {
        if (IsVerbPos(doc_.tokens[t].pos)) x.wf |= kVerbPos;
      }
    }
  }
}

size_t Run::ElAt(uint32_t byte) const {
  return std::lower_bound(els_.begin(), els_.end(), byte, [](const El& x, uint32_t v) { return x.b < v; }) -
         els_.begin();
}

uint32_t Run::ParaOf(uint32_t byte) const {
  auto it = std::upper_bound(paras_.begin(), paras_.end(), byte,
                             [](uint32_t v, const Paragraph& p) { return v < p.begin; });
  return it == paras_.begin() ? 0 : static_cast<uint32_t>(it - paras_.begin() - 1);
}

enum : uint8_t { kInClosed = 64 };

void Run::BuildSentences() {
  sents_.clear();
  if (!doc_.tokens.empty() && !doc_.sentences.empty()) {
    for (const Sentence& s : doc_.sentences) sents_.push_back({s.begin, s.end});
  } else {
    for (const Paragraph& p : paras_) {
      size_t k = ElAt(p.begin), end = ElAt(p.end);
      if (k >= end) continue;
      uint32_t start = els_[k].b;
      for (; k < end; ++k) {
        const El& x = els_[k];
        if (x.kind != kPunct || (x.wf & kInClosed)) continue;
        if (x.ch != '.' && x.ch != '!' && x.ch != '?' && x.ch != 0x2026) continue;
        size_t k2 = k + 1;
        while (k2 < end && els_[k2].b == els_[k2 - 1].e &&
               (els_[k2].kind == kMark || P(k2, ')') || P(k2, '.') || P(k2, '!') || P(k2, '?')))
          ++k2;
        if (k2 >= end) break;
        const El& nx = els_[k2];
        if (nx.b == els_[k2 - 1].e) continue;  // no space after
        if (nx.kind == kWord && !(nx.wf & (kCap | kDigit))) continue;
        if (x.ch == '.' && k > 0 && W(k - 1) && els_[k - 1].e == x.b) {
          std::string_view w = Lower(els_[k - 1]);
          bool abbrev = w.size() == 1;
          for (std::string_view a : kAbbrev) abbrev |= w == a;
          if (abbrev) continue;
        }
        sents_.push_back({start, els_[k2 - 1].e});
        start = nx.b;
        k = k2 - 1;
      }
      sents_.push_back({start, els_[end - 1].e});
    }
  }
  if (sents_.empty()) sents_.push_back({0, static_cast<uint32_t>(text_.size())});
  sent_el_.assign(sents_.size() + 1, els_.size());
  for (size_t s = 0; s < sents_.size(); ++s) sent_el_[s] = s == 0 ? 0 : ElAt(sents_[s].begin);
  for (size_t s = 1; s <= sents_.size(); ++s) sent_el_[s] = std::max(sent_el_[s], sent_el_[s - 1]);
  for (size_t s = 0; s < sents_.size(); ++s)
    for (size_t i = sent_el_[s]; i < sent_el_[s + 1]; ++i) els_[i].sent = static_cast<uint32_t>(s);
}

Np Run::NpForward(size_t i, size_t lim) {
  Np np;
  if (i >= lim || !W(i)) return np;
  if (PronounNp(i, &np)) return np;
  size_t j = i, head = SIZE_MAX, last = SIZE_MAX;
  bool in_pp = false, after_prep = false, pp_det = false;
  int pp = 0, count = 0;
  if (Is(j, kDet | kNum)) last = j++;
  while (j < lim && count < 12) {
    if (!W(j)) break;
    const El& x = els_[j];
    if ((x.cls & kDet) && after_prep) {
      last = j++;
      after_prep = false;
      pp_det = true;
      continue;
    }
    bool in_the = Lower(x) == "in" && Is(j + 1, kDet) && Content(j + 2) && !(els_[j + 2].wf & kCap) &&
                  !IsMediumWord(Lower(els_[j + 2]));
    if (((x.cls & kAttachPrep) || in_the) && head != SIZE_MAX && pp < 2 && (Content(j + 1) || Is(j + 1, kDet))) {
      in_pp = after_prep = true;
      pp_det = false;
      ++pp;
      ++j;
      continue;
    }
    if (!Content(j) && !(x.cls & kNum)) break;
    if (!(x.wf & kCap) && (x.cls & kTime)) break;
    if (j > i && VerbAfterName(j)) break;
    after_prep = false;
    if (!in_pp || (!pp_det && (x.wf & kCap))) head = j;
    last = j++;
    ++count;
  }
  if (head == SIZE_MAX) return np;
  return MakeNp(i, last, head);
}

Np Run::NpBackward(size_t k, size_t lim) {
  Np np;
  if (k >= els_.size() || k < lim || !W(k)) return np;
  if (PronounNp(k, &np)) return np;
  if (!Content(k) && !Is(k, kNum)) return np;
  size_t j = k, head = k;
  int pp = 0, count = 1;
  while (j > lim && count < 12) {
    size_t p = j - 1;
    if (Content(p) && p > lim && VerbAfterName(p)) break;  // "Berlin welcomed the ..."
    if (Content(p) || Is(p, kNum)) {
      j = p;
      ++count;
      continue;
    }
    if (Is(p, kDet)) {
      j = p;
      if (p >= lim + 2 && Is(p - 1, kAttachPrep) && Content(p - 2) && pp < 2) {
        head = p - 2;
        j = p - 2;
        ++pp;
        ++count;
        continue;
      }
      break;
    }
    if (Is(p, kAttachPrep) && p >= lim + 1 && Content(p - 1) && pp < 2) {
      // "minister of defence", "Mike Powell of Dresdner Bank": the head is
      // before "of"; "Secretary of State John Kerry": it is the name.
      bool name_before = (els_[p - 1].wf & kCap) && p >= lim + 2 && W(p - 2) && (els_[p - 2].wf & kCap);
      if (!(els_[j].wf & kCap) || name_before) head = p - 1;
      j = p - 1;
      ++pp;
      ++count;
      continue;
    }
    break;
  }
  return MakeNp(j, k, head);
}

Np Run::PreferName(Np np, size_t lim) {
  // "the head of the agency, Ravi Kumar, said": the appositive name.
  if (!np.found || np.pronoun) return np;
  size_t h = ElAt(np.hb);
  if (!W(h) || (els_[h].wf & kCap)) return np;
  size_t after = ElAt(np.e);
  if (after + 1 >= lim || !P(after, ',')) return np;
  Np name = NpForward(after + 1, lim);
  if (!name.found || name.pronoun) return np;
  size_t nh = ElAt(name.hb), ne = ElAt(name.e);
  if (!(els_[nh].wf & kCap) || (els_[nh].cls & kOrgWord)) return np;
  if (ne < lim && !P(ne, ',') && !P(ne, '.')) return np;
  return name;
}

Np Run::FirstNpOfSentence(size_t i) {
  size_t sb = SentBegin(i), se = SentEnd(i);
  size_t j = sb;
  while (j < se && (!W(j) || (els_[j].wf & kInQuote))) ++j;
  Np np = NpForward(j, se);
  if (np.found) return np;
  // "On Monday, the minister said": skip a leading adverbial up to a comma.
  for (size_t k = j; k < se && k < j + 8; ++k)
    if (P(k, ',')) return NpForward(k + 1, se);
  return np;
}

Np Run::SubjectOf(size_t c) {
  size_t sb = SentBegin(c);
  size_t j = c;
  int skipped = 0;
  while (j > sb && skipped < 4 && Is(j - 1, kAdv | kAux)) {
    --j;
    ++skipped;
  }
  if (j == sb) return {};
  size_t p = j - 1;
  if (P(p, ',')) {
    if (els_[c].wf & kIng) {
      // ", adding that ...": the speaker of the clause it hangs on.
      for (size_t i = cue_speakers_.size(); i-- > 0;)
        if (cue_speakers_[i].first < c && cue_speakers_[i].first >= sb) return cue_speakers_[i].second;
      return FirstNpOfSentence(c);
    }
    // "Smith, a spokesman for the ministry, said" / "The gunman, who wore a suit, shouted".
    for (size_t k = p; k-- > sb && p - k < 24;) {
      if (Mark(k) || P(k, '.') || P(k, ';')) break;
      if (P(k, ',')) {
        if (k > sb) {
          Np np = NpBackward(k - 1, sb);
          if (np.found) return PreferName(np, p + 1);
        }
        break;
      }
    }
    return {};
  }
  if (W(p) && (els_[c].wf & kIng) && p > sb && Lower(els_[p]) == "as") {
    // "State media quoted President Omar Haddad as saying"
    Np np = NpBackward(p - 1, sb);
    if (np.found) return np;
  }
  if (W(p) && Lower(els_[p]) == "who") {
    size_t q = p;
    if (q > sb && P(q - 1, ',')) --q;
    if (q > sb) return NpBackward(q - 1, sb);
    return {};
  }
  if (W(p)) {
    Np np = NpBackward(p, sb);
    if (np.found && (els_[c].wf & kIng)) {
      // "Protesters marched on Saturday chanting ...": a participle after an
      // adverbial belongs to the clause subject.
      size_t nb = ElAt(np.b);
      if ((nb > sb && Is(nb - 1, kPrep) && Lower(els_[nb - 1]) != "with") || Is(ElAt(np.hb), kTime)) {
        Np first = FirstNpOfSentence(c);
        if (first.found) return first;
      }
    }
    return np;
  }
  return {};
}

Np Run::SpeakerOfCue(size_t c, bool, size_t lim) {
  if (Is(c, kAccording)) return NpForward(c + 2, lim);
  return SubjectOf(c);
}

bool Run::FiniteVerbIn(size_t b, size_t e) const {
  for (size_t k = b; k < e; ++k) {
    if (!W(k) || (els_[k].wf & kInQuote)) continue;
    const El& x = els_[k];
    if (x.cls & (kAux | kPast)) return true;
    if (x.wf & kVerbPos) return true;
    if (x.cue && (x.cue & kCueNoun) == 0 && k > b) return true;
    size_t len = x.e - x.b;
    if ((x.wf & kLowerStart) && len > 4 && text_[x.e - 2] == 'e' && text_[x.e - 1] == 'd' && k > b && W(k - 1) &&
        !(els_[k - 1].cls & (kDet | kAux | kPrep)))
      return true;
  }
  return false;
}

std::string Run::NameOf(const Np& np) {
  // "Russian Foreign Ministry spokeswoman Maria Zakharova": the capitalized
  // run after the last lowercase word of the phrase is the name.
  size_t b = ElAt(np.b), e = ElAt(np.he);
  size_t run = e;
  bool lower_seen = false;
  for (size_t k = e; k-- > b;) {
    if (!W(k)) break;
    if (els_[k].wf & kCap) {
      run = k;
    } else {
      lower_seen = true;
      break;
    }
  }
  if (lower_seen && run < e && run > b && els_[run].b <= np.hb)
    return std::string(text_.substr(els_[run].b, np.he - els_[run].b));
  return std::string(text_.substr(np.b, np.e - np.b));
}

void Run::Resolve(const Np& np, Quote& q) {
  q.speaker = {np.b, np.e};
  q.speaker_mention = kNone;
  q.speaker_cluster = kNone;
  q.speaker_name.clear();
  int best = -1, best_score = -1, inner = -1, inner_len = -1;
  for (size_t i = 0; i < doc_.mentions.size(); ++i) {
    const Mention& m = doc_.mentions[i];
    if (m.span.end <= np.b || m.span.begin >= np.e) continue;
    bool has_head = m.span.begin <= np.hb && m.span.end >= np.he;
    bool inside = m.span.begin >= np.b && m.span.end <= np.e;
    if (has_head) {
      int score = (inside ? 1000 : 0) + (m.kind == MentionKind::kName ? 500 : 0) +
                  static_cast<int>(std::min<uint32_t>(m.span.size(), 400));
      if (score > best_score) best = static_cast<int>(i), best_score = score;
    } else if (inside && m.kind == MentionKind::kName && static_cast<int>(m.span.size()) > inner_len) {
      inner = static_cast<int>(i);
      inner_len = static_cast<int>(m.span.size());
    }
  }
  bool pronoun = np.pronoun;
  auto take_cluster = [&](const Mention& m) {
    if (m.cluster >= 0 && static_cast<size_t>(m.cluster) < doc_.clusters.size() &&
        !doc_.clusters[m.cluster].name.empty()) {
      const Cluster& c = doc_.clusters[m.cluster];
      q.speaker_cluster = m.cluster;
      q.speaker_name = c.name;
      q.speaker_country = c.country.empty() ? m.country : c.country;
      q.speaker_sector = c.sector.empty() ? m.sector : c.sector;
      return true;
    }
    q.speaker_country = m.country;
    q.speaker_sector = m.sector;
    if (m.entity >= 0 && static_cast<size_t>(m.entity) < doc_.entities.size()) {
      const Entity& e = doc_.entities[m.entity];
      q.speaker_name = std::string(doc_.span_text(e.begin, e.end));
      if (q.speaker_country.empty()) q.speaker_country = e.country;
      if (q.speaker_sector.empty()) q.speaker_sector = e.sector;
      return true;
    }
    return false;
  };
  if (best >= 0) {
    const Mention& m = doc_.mentions[best];
    q.speaker = m.span;
    q.speaker_mention = best;
    pronoun = m.kind == MentionKind::kPronoun || np.pronoun;
    if (!take_cluster(m) && !pronoun) q.speaker_name = std::string(doc_.span_text(m.span));
  } else if (inner >= 0) {
    take_cluster(doc_.mentions[inner]);
    if (q.speaker_name.empty()) q.speaker_name = std::string(doc_.span_text(q.speaker));
  } else if (!pronoun) {
    // No mention: an entity inside the phrase gives the name's codes.
    for (const Entity& e : doc_.entities) {
      if (e.begin >= np.b && e.end <= np.e && e.begin <= np.hb && e.end >= np.he) {
        if (e.cluster >= 0 && static_cast<size_t>(e.cluster) < doc_.clusters.size())
          q.speaker_name = doc_.clusters[e.cluster].name, q.speaker_cluster = e.cluster;
        q.speaker_country = e.country;
        q.speaker_sector = e.sector;
        if (q.speaker_name.empty()) q.speaker_name = std::string(doc_.span_text(e.begin, e.end));
        break;
      }
    }
    if (q.speaker_name.empty()) q.speaker_name = NameOf(np);
  }
  if (pronoun && q.speaker_name.empty()) {
    // Resolved once all quotes are known (Go()), so that people named inside
    // quotations and reported clauses are not taken for the speaker.
  } else if (q.speaker_cluster == kNone && !q.speaker_name.empty()) {
    q.speaker_name = ExpandSurname(q.speaker_name, np.b);
  }
}

std::string Run::ExpandSurname(const std::string& name, uint32_t before) {
  // Without coreference: "Morris" after "Fire chief Dan Morris" is Dan Morris.
  if (name.empty() || name.find(' ') != std::string::npos || !(name[0] >= 'A' && name[0] <= 'Z')) return name;
  size_t end = ElAt(before);
  for (size_t k = 1; k < end; ++k) {
    if (!W(k) || (els_[k].wf & kInQuote) || doc_.span_text(els_[k].b, els_[k].e) != name) continue;
    size_t f = k;
    while (f > 0 && k - f < 3 && W(f - 1) && (els_[f - 1].wf & kCap) &&
           !(els_[f - 1].cls & (kTitle | kOrgWord | kDet | kPrep | kPron | kTime)) && !els_[f - 1].cue &&
           els_[f - 1].sent == els_[k].sent && SentBegin(k) != f - 1)
      --f;
    if (f < k) return std::string(text_.substr(els_[f].b, els_[k].e - els_[f].b));
  }
  return name;
}

bool Run::PronounAntecedent(uint32_t pos, Quote& q) {
  // The nearest preceding candidate within two paragraphs: an earlier
  // speaker, a person entity, or (without entities) a run of capitalized words.
  uint32_t para = ParaOf(pos);
  uint32_t best_pos = 0;
  bool found = false;
  for (size_t i = doc_.quotes.size(); i-- > 0;) {
    const Quote& o = doc_.quotes[i];
    if (o.speaker.empty() || o.speaker_name.empty() || o.speaker.begin >= pos) continue;
    if (ParaOf(o.speaker.begin) + 2 < para) continue;
    if (!found || o.speaker.begin > best_pos) {
      found = true;
      best_pos = o.speaker.begin;
      q.speaker_name = o.speaker_name;
      q.speaker_cluster = o.speaker_cluster;
      q.speaker_country = o.speaker_country;
      q.speaker_sector = o.speaker_sector;
    }
  }
  for (size_t i = doc_.entities.size(); i-- > 0;) {
    const Entity& e = doc_.entities[i];
    if (e.end > pos || e.type != EntityType::kPer) continue;
    if (ParaOf(e.begin) + 2 < para) break;
    if (found && e.begin <= best_pos) break;
    // People named inside a quotation or a reported clause are not who speaks.
    size_t ek = ElAt(e.begin);
    bool quoted = ek < els_.size() && (els_[ek].wf & kInQuote);
    for (const Quote& o : doc_.quotes) quoted |= o.span.begin <= e.begin && e.end <= o.span.end;
    if (quoted) continue;
    found = true;
    best_pos = e.begin;
    q.speaker_name = std::string(doc_.span_text(e.begin, e.end));
    q.speaker_cluster = kNone;
    if (e.cluster >= 0 && static_cast<size_t>(e.cluster) < doc_.clusters.size() &&
        !doc_.clusters[e.cluster].name.empty())
      q.speaker_name = doc_.clusters[e.cluster].name, q.speaker_cluster = e.cluster;
    q.speaker_country = e.country;
    q.speaker_sector = e.sector;
    break;
  }
  if (doc_.entities.empty()) {
    size_t end = ElAt(pos);
    for (size_t k = end; k-- > 0;) {
      if (els_[k].b < paras_[para >= 2 ? para - 2 : 0].begin) break;
      if (found && els_[k].b <= best_pos) break;
      if (!W(k) || !(els_[k].wf & kCap) || (els_[k].wf & kInQuote)) continue;
      // A run of 2-4 capitalized words ending at k.
      size_t f = k;
      bool bad = false;
      while (f > 0 && W(f - 1) && (els_[f - 1].wf & kCap) && !(els_[f - 1].wf & kInQuote) &&
             els_[f - 1].sent == els_[k].sent && k - f < 4)
        --f;
      while (f < k && (els_[f].cls & (kTitle | kDet | kPrep | kTime | kConj))) ++f;  // "Senator", "The"
      for (size_t t = f; t <= k; ++t) bad |= (els_[t].cls & (kOrgWord | kTime | kPron)) != 0 || els_[t].cue;
      if (W(k + 1) && (els_[k + 1].wf & kCap) && els_[k + 1].sent == els_[k].sent) bad = true;  // not maximal
      bool appositive = f == k && k >= 2 && P(k - 1, ',') && P(k + 1, ',') && W(k - 2) && !(els_[k - 2].wf & kCap);
      if ((k - f < 1 && !appositive) || k - f > 3 || bad) {
        k = f;  // skip the run
        continue;
      }
      found = true;
      q.speaker_name = std::string(text_.substr(els_[f].b, els_[k].e - els_[f].b));
      q.speaker_cluster = kNone;
      q.speaker_country = Code();
      q.speaker_sector = Code();
      break;
    }
  }
  return found;
}

bool IsDashEl(const El& x) { return x.kind == kPunct && IsDashCp(x.ch); }

void Run::AddDirect(const MarkedSpan& ms) {
  size_t oi = ElAt(ms.open_begin);
  if (oi >= els_.size()) return;
  size_t after = ms.closed ? ElAt(ms.close_end) : ElAt(ms.content_end);
  size_t ci = after > 0 ? after - 1 : 0;  // the closing mark, or the last content element
  size_t sb = SentBegin(oi);
  size_t first_in = ElAt(ms.content_begin);
  bool lower_start = W(first_in) && (els_[first_in].wf & kLowerStart);
  bool colon_before = oi > sb && P(oi - 1, ':');

  Quote q;
  q.span = {ms.content_begin, ms.content_end};
  // "...," said X: the comma belongs to the reporting sentence.
  while (q.span.end > q.span.begin && (text_[q.span.end - 1] == ',' || text_[q.span.end - 1] == ' '))
    --q.span.end;
  if (q.span.empty()) return;
  q.type = QuoteType::kDirect;
  Np sp;
  bool found = false, intro = colon_before;
  size_t cue = SIZE_MAX;

  auto after_cue = [&]() {
    if (!ms.closed || after >= els_.size()) return;
    size_t lim = SentEnd(ci);
    // '"..." — Winston Hale': the segmenter may end the sentence at the mark.
    if (after >= lim && IsDashEl(els_[after]) && ParaOf(els_[after].b) == ParaOf(els_[ci].b)) lim = SentEnd(after);
    size_t k = after;
    bool dash = false;
    while (k < lim && (P(k, ',') || IsDashEl(els_[k]))) dash |= IsDashEl(els_[k++]);
    size_t words = 0;
    for (size_t m = k; m < lim && words < 10; ++m) {
      if (Mark(m) || P(m, '.') || P(m, '!') || P(m, '?') || P(m, ';') || P(m, ':')) break;
      if (!W(m)) continue;
      ++words;
      if (Cue(m, kCueDirect)) {
        cue = m;
        break;
      }
      if (Is(m, kConj | kRel | kThat)) break;
    }
    if (cue != SIZE_MAX && cue != k) {
      // Between the quote and the cue: the speaker's noun phrase, possibly
      // with an apposition or relative clause, adverbs and auxiliaries.
      Np np = NpForward(k, cue);
      size_t t = np.found ? ElAt(np.e) : k;
      if (np.found && P(t, ',')) {
        size_t u = t + 1;
        while (u < cue && !P(u, ',')) ++u;
        if (u < cue) t = u + 1;
      } else if (np.found && Is(t, kRel)) {
        t = cue;
      }
      while (t < cue && Is(t, kAdv | kAux)) ++t;
      if (t != cue) cue = SIZE_MAX;
    }
    if (cue != SIZE_MAX) {
      found = true;
      if (cue == k) {
        if (Is(cue, kAccording))
          sp = NpForward(cue + 2, lim);
        else if (!Is(cue, kTell))
          sp = PreferName(NpForward(cue + 1, lim), lim);
      } else {
        sp = PreferName(NpForward(k, cue), cue);
        if (!sp.found && !Is(cue, kTell)) sp = PreferName(NpForward(cue + 1, lim), lim);
      }
      return;
    }
    // "..." — Maria Zakharova
    if (dash && k < els_.size() && W(k) && (els_[k].wf & kCap)) {
      Np np = NpForward(k, lim);
      size_t nx = np.found ? ElAt(np.e) : 0;
      if (np.found && (nx >= lim || P(nx, '.') || P(nx, ',') || P(nx, '(') || ParaOf(els_[nx].b) != ParaOf(np.b))) {
        sp = np;
        found = true;
        q.cue = {els_[k - 1].b, els_[k - 1].e};
      }
    }
  };

  auto before_cue = [&]() {
    size_t k = oi;
    while (k > sb && (P(k - 1, ':') || P(k - 1, ',') || IsDashEl(els_[k - 1]))) --k;
    size_t words = 0, m = k;
    size_t c = SIZE_MAX;
    while (m > sb && words < 7) {
      --m;
      if (Mark(m) || P(m, '.') || P(m, ';') || P(m, '!') || P(m, '?')) break;
      if (!W(m)) continue;
      ++words;
      if (Is(m, kTo) && m > sb && Cue(m - 1, kCueDirect)) {
        c = m - 1;
        break;
      }
      if (!Is(m, kAccording) && Cue(m, kCueDirect)) {
        c = m;
        break;
      }
    }
    if (c != SIZE_MAX) {
      // What lies between the cue and the quote must not be a clause of its own.
      size_t from = Is(c, kAccording) ? c + 2 : c + 1;
      bool ok = true;
      size_t nwords = 0;
      for (size_t t = from; t < k; ++t) {
        if (!W(t)) continue;
        ++nwords;
        if (Is(t, kAux | kPast) || Cue(t, kCueDirect) || (els_[t].wf & kVerbPos)) ok = false;
      }
      if (Is(c, kAccording)) {
        ok = ok && k < oi;  // "According to X, "...""
      } else if (nwords > 0 && k == oi) {
        ok = ok && nwords <= 4 && (Is(c, kTell | kObjCue) || Is(from, kPrep | kThat));
      }
      if (ok) {
        cue = c;
        found = intro = true;
        sp = SpeakerOfCue(c, false, oi);
        return;
      }
    }
    if (colon_before && oi >= sb + 2) {
      // "Zakharova: "..."" — a bare noun phrase before the colon.
      size_t s0 = sb;
      while (s0 < oi && !W(s0)) ++s0;
      Np np = NpBackward(oi - 2, sb);
      if (np.found && np.b == els_[s0].b) {
        sp = np;
        found = true;
        q.cue = {els_[oi - 1].b, els_[oi - 1].e};
        return;
      }
      // "Union leader Karl Weber put it bluntly: "..."" — the clause subject.
      bool cue_between = false;
      for (size_t t = sb; t + 1 < oi; ++t) cue_between |= Cue(t, kCueDirect | kCueThat | kCueZeroThat);
      Np subj = FirstNpOfSentence(oi);
      if (!cue_between && subj.found && ElAt(subj.e) < oi - 1 && !Is(ElAt(subj.hb), kTime | kNoSpeaker)) {
        sp = subj;
        found = true;
        q.cue = {els_[oi - 1].b, els_[oi - 1].e};
      }
    }
  };

  if (colon_before) {
    before_cue();
    if (!found) after_cue();
  } else {
    after_cue();
    if (!found) before_cue();
  }
  if (!found) {
    // A cue elsewhere in the sentence: "The agency said the gunman had been "neutralised"".
    for (size_t m = oi; m-- > sb;) {
      if (Cue(m, kCueDirect | kCueThat | kCueZeroThat) && !Is(m, kTo)) {
        cue = m;
        break;
      }
    }
    if (cue != SIZE_MAX) {
      found = true;
      sp = SpeakerOfCue(cue, false, oi);
    } else if (after < els_.size()) {
      size_t lim = SentEnd(ci);
      for (size_t m = after; m < lim; ++m) {
        if (Cue(m, kCueDirect | kCueThat | kCueZeroThat)) {
          cue = m;
          break;
        }
      }
      if (cue != SIZE_MAX) {
        found = true;
        if (Is(cue, kAccording))
          sp = NpForward(cue + 2, lim);
        else if (cue > 0 && (P(cue - 1, ',') || Mark(cue - 1)) && !Is(cue, kTell))
          sp = PreferName(NpForward(cue + 1, lim), lim);
        else
          sp = SubjectOf(cue);
      }
    }
  }
  if (cue != SIZE_MAX) q.cue = CueSpan(cue);
  if (cue != SIZE_MAX && intro) used_cue_[cue] = 1;
  if (cue != SIZE_MAX && ms.closed && cue >= after && cue < after + 12) used_cue_[cue] = 1;

  // Partial (scare) quotes: inside a sentence, not introduced as speech.
  bool comma_before = oi > sb && P(oi - 1, ',');
  if (lower_start && !colon_before && !comma_before && oi > sb) q.type = QuoteType::kPartial;
  if (!intro) {
    size_t nwords = 0;
    for (size_t t = first_in; t < els_.size() && els_[t].b < ms.content_end; ++t) nwords += W(t);
    char last = text_[ms.content_end - 1];
    bool end_punct = last == '.' || last == ',' || last == '!' || last == '?';
    bool mid = oi > sb && (W(oi - 1) || P(oi - 1, '(') || Mark(oi - 1));
    if (lower_start || (mid && nwords <= 6 && !end_punct)) q.type = QuoteType::kPartial;
  }
  if (sp.found) {
    Resolve(sp, q);
    if (cue != SIZE_MAX) cue_speakers_.push_back({cue, sp});
  }
  doc_.quotes.push_back(std::move(q));
}

void Run::AddIndirect() {
  for (size_t s = 0; s < sents_.size(); ++s) {
    size_t sb = sent_el_[s], se = sent_el_[s + 1];
    if (sb >= se) continue;
    size_t tail = se;  // end of the sentence without final punctuation
    while (tail > sb && (P(tail - 1, '.') || P(tail - 1, '!') || P(tail - 1, '?') || P(tail - 1, 0x2026))) --tail;
    for (size_t m = sb; m < tail; ++m) {
      if (used_cue_[m] || !Cue(m, kCueThat | kCueZeroThat)) continue;
      Np sp;
      size_t cb = 0, ce = 0;  // content element range
      size_t cue_el = m;
      if (Is(m, kAccording)) {
        sp = NpForward(m + 2, tail);
        if (!sp.found) continue;
        size_t npend = ElAt(sp.e);
        size_t first = sb;
        while (first < m && !W(first)) ++first;
        if (first == m) {
          if (npend < tail && P(npend, ',')) cb = npend + 1, ce = tail;
        } else {
          cb = sb;
          ce = (m > sb && P(m - 1, ',')) ? m - 1 : m;
          // (the rest after the phrase, past its comma, stays out)
        }
      } else {
        size_t p = m;
        while (p > sb && Is(p - 1, kAdv)) --p;
        if (p > sb && Is(p - 1, kPassiveAux) && !(els_[m].wf & kIng)) continue;  // "was told that"
        size_t c = m + 1;
        if (Is(m, kTell | kObjCue)) {
          if (Is(c, kObjPron)) {
            ++c;
          } else {
            Np o = NpForward(c, tail);
            if (o.found && !o.pronoun) c = ElAt(o.e);
          }
        }
        // Trailing attribution: "..., a person at the scene told Reuters."
        size_t rest = 0;
        bool rest_verb = false;
        for (size_t t = c; t < tail; ++t) {
          rest += W(t);
          rest_verb |= Is(t, kAux | kPast | kThat);
        }
        if (rest <= 4 && !rest_verb && m > sb) {
          if (P(m - 1, ',') && !Is(m, kTell)) {
            sp = NpForward(m + 1, tail);
            if (sp.found) cb = sb, ce = m - 1;
          } else {
            sp = SubjectOf(m);
            if (sp.found) {
              size_t npb = ElAt(sp.b);
              if (npb > sb && P(npb - 1, ',')) cb = sb, ce = npb - 1;
            }
          }
          if (ce > cb) {
            // The content must hold no direct quote of its own being attributed here.
            bool quote_end = Mark(ce - 1);
            if (quote_end) ce = cb;
          }
        } else {
          bool that = false;
          for (size_t t = c; t < tail && t < c + 7; ++t) {
            if (Is(t, kThat)) {
              that = true;
              c = t + 1;
              break;
            }
            if (!(W(t) || P(t, ',')) || Is(t, kAux | kPast) || Cue(t, kCueDirect)) break;
          }
          if (!that) {
            if (!(els_[m].cue & kCueZeroThat)) continue;
            if (Is(c, kPrep | kTime)) {
              size_t t = c;
              bool comma = false;
              for (; t < tail && t < c + 6; ++t)
                if (P(t, ',')) {
                  comma = true;
                  break;
                }
              if (comma)
                c = t + 1;
              else if (Is(c, kPrep) && Is(c + 1, kTime))
                c += 2;
              else if (Is(c, kTime) && !Is(c, kPrep))
                c += 1;
              else
                continue;
            }
          }
          if (c >= tail || !W(c)) continue;
          size_t nwords = 0;
          for (size_t t = c; t < tail; ++t) nwords += W(t);
          if (nwords < 3) continue;
          if (!that && !FiniteVerbIn(c, tail)) continue;
          if ((els_[m].wf & kIng) && m > sb && P(m - 1, ','))
            sp = FirstNpOfSentence(m);
          else
            sp = SubjectOf(m);
          if (!sp.found) continue;
          cb = c;
          ce = tail;
          // "... said e-mails should be kept, Mr Thomas said": the content stops
          // at a trailing attribution of its own.
          for (size_t t = c + 1; t < tail; ++t) {
            if (!Cue(t, kCueDirect | kCueThat | kCueZeroThat) || Is(t - 1, kRel)) continue;
            size_t after_words = 0;
            for (size_t u = t + 1; u < tail; ++u) after_words += W(u);
            if (after_words > 3) continue;
            size_t comma = t;
            while (comma > c && !P(comma, ',') && t - comma < 8) --comma;
            if (comma > c && P(comma, ',')) ce = comma;
            break;
          }
        }
      }
      if (!sp.found || ce <= cb) continue;
      size_t nwords = 0;
      for (size_t t = cb; t < ce; ++t) nwords += W(t);
      if (nwords < 3) continue;
      Quote q;
      q.type = QuoteType::kIndirect;
      q.span = {els_[cb].b, els_[ce - 1].e};
      q.cue = CueSpan(cue_el);
      Resolve(sp, q);
      doc_.quotes.push_back(std::move(q));
      if (Is(m, kAccording)) ++m;
    }
  }
}

void Run::Continuations() {
  for (size_t i = 0; i < doc_.quotes.size(); ++i) {
    Quote& q = doc_.quotes[i];
    if (q.type != QuoteType::kDirect || !q.speaker.empty() || !q.cue.empty()) continue;
    // The quote must open its sentence.
    size_t oi = ElAt(q.span.begin);
    while (oi > 0 && els_[oi - 1].kind == kMark && els_[oi - 1].b < q.span.begin) --oi;
    size_t sb = SentBegin(std::min(oi, els_.size() - 1));
    bool opens = true;
    for (size_t t = sb; t < oi; ++t) opens &= els_[t].kind != kWord;
    if (!opens) continue;
    uint32_t para = ParaOf(q.span.begin);
    for (size_t j = i; j-- > 0;) {
      const Quote& o = doc_.quotes[j];
      if (o.type == QuoteType::kPartial) continue;
      if (ParaOf(o.span.end) + 1 < para) break;
      if (o.speaker.empty()) break;
      q.speaker = o.speaker;
      q.speaker_mention = o.speaker_mention;
      q.speaker_cluster = o.speaker_cluster;
      q.speaker_name = o.speaker_name;
      q.speaker_country = o.speaker_country;
      q.speaker_sector = o.speaker_sector;
      q.continues = static_cast<int32_t>(j);
      break;
    }
  }
}

void Run::Go() {
  doc_.quotes.clear();
  if (text_.empty()) return;
  BuildParagraphs();
  BuildElements();
  if (els_.empty()) return;
  spans_ = FindMarkedSpans(text_, paras_);
  for (const MarkedSpan& ms : spans_) {
    for (size_t k = ElAt(ms.content_begin); k < els_.size() && els_[k].b < ms.content_end; ++k) {
      els_[k].wf |= kInQuote;
      if (ms.closed) els_[k].wf |= kInClosed;
    }
  }
  BuildSentences();
  used_cue_.assign(els_.size() + 1, 0);
  for (const MarkedSpan& ms : spans_) AddDirect(ms);
  AddIndirect();
  std::stable_sort(doc_.quotes.begin(), doc_.quotes.end(), [](const Quote& a, const Quote& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.type < b.type;
  });
  // Pronoun speakers without a coreference cluster, in text order of the speaker.
  std::vector<size_t> order;
  for (size_t i = 0; i < doc_.quotes.size(); ++i)
    if (!doc_.quotes[i].speaker.empty() && doc_.quotes[i].speaker_name.empty()) order.push_back(i);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return doc_.quotes[a].speaker.begin < doc_.quotes[b].speaker.begin; });
  for (size_t i : order) {
    Quote& q = doc_.quotes[i];
    size_t k = ElAt(q.speaker.begin);
    if (k < els_.size() && Is(k, kPron)) PronounAntecedent(q.speaker.begin, q);
  }
  Continuations();
}

}  // namespace

void QuoteExtractor::Impl::Extract(Document& doc) const {
  Run run(*this, doc);
  run.Go();
}

QuoteExtractor::QuoteExtractor(CueLexicon cues) : impl_(std::make_shared<Impl>(std::move(cues))) {}

void QuoteExtractor::Extract(Document& doc) const { impl_->Extract(doc); }

}  // namespace tidings::quotes

namespace tidings {
namespace {
class QuotesStage : public Stage {
 public:
  explicit QuotesStage(quotes::QuoteExtractor x) : x_(std::move(x)) {}
  Status Process(Document& doc) const override {
    x_.Extract(doc);
    return Status::OK();
  }

 private:
  quotes::QuoteExtractor x_;
};
}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeQuotesStage(const Resources& res) {
  std::string path = res.data_dir + "/quotes/cues.tsv";
  auto lex = quotes::CueLexicon::Load(path);
  if (!lex.ok()) return lex.status();
  return std::unique_ptr<Stage>(new QuotesStage(quotes::QuoteExtractor(std::move(*lex))));
}

}  // namespace tidings
