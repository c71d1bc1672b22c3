#include "tidings/segment/segmenter.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

#include "tidings/core/ascii_scan.h"
#include "tidings/core/utf8.h"
#include "tidings/segment/chars.h"

namespace tidings {
namespace {

using std::string_view;

// ---------------------------------------------------------------------------
// Word lists. Kept small and sorted by hand; lookups are case-sensitive on the
// form without the final period unless noted.

// Abbreviations that take a period and normally do not end a sentence.
constexpr std::array<string_view, 58> kTitleAbbrevs = {
    "Adm",  "Brig", "Capt", "Cmdr", "Col",  "Cpl",  "Dr",   "Drs",  "Fr",   "Gen",  "Gov",  "Hon",
    "Insp", "Lt",   "Maj",  "Messrs", "Mr", "Mrs",  "Ms",   "Mt",   "No",   "Nos",  "Pres", "Prof",
    "Pte",  "Rep",  "Reps", "Rev",  "Sen",  "Sens", "Sgt",  "Sr",   "Jr",   "St",   "Supt", "vs",
    "v",    "Ft",   "Gov",  "Lieut", "Cdr", "Sec",  "Amb",  "Mme",  "Mlle", "approx", "cf", "eg",
    "ie",   "Vol",  "Fig",  "fig",  "Ave",  "Blvd", "Rd",   "Pt",   "Gen",  "Msgr"};

// Abbreviations that may end a sentence when a capitalized sentence starter follows.
constexpr std::array<string_view, 40> kOtherAbbrevs = {
    "Inc",  "Corp", "Co",   "Ltd",  "Bros", "Plc",  "etc",  "Jan",  "Feb",  "Mar",
    "Apr",  "Jun",  "Jul",  "Aug",  "Sep",  "Sept", "Oct",  "Nov",  "Dec",  "Mon",
    "Tue",  "Tues", "Wed",  "Thu",  "Thurs", "Fri", "Sat",  "Sun",  "Ariz", "Calif",
    "Colo", "Conn", "Fla",  "Ill",  "Mass", "Mich", "Minn", "Penn", "Tenn", "Wash"};

// Capitalized words that typically start a sentence; used to decide whether an
// abbreviation like "U.S." or "Inc." ends one.
constexpr std::array<string_view, 44> kSentenceStarters = {
    "A",     "After", "All",   "Also", "An",    "And",   "As",    "At",   "But",  "By",  "During",
    "For",   "He",    "Her",   "His",  "How",   "However", "I",   "If",   "In",   "It",  "Its",
    "Meanwhile", "Mr", "Mrs", "Ms",   "No",    "On",    "One",   "She",  "So",   "Some", "That",
    "The",   "Their", "There", "These", "They", "This",  "Those", "We",   "What", "When", "While"};

template <size_t N>
bool InList(const std::array<string_view, N>& list, string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Contraction suffixes split off PTB-style (lower-case comparison).
constexpr std::array<string_view, 7> kClitics = {"'s", "'re", "'ve", "'ll", "'d", "'m", "n't"};

// ---------------------------------------------------------------------------
// Scanning helpers over UTF-8.

bool IsUpperStart(string_view w) {
  if (w.empty()) return false;
  size_t i = 0;
  return chars::IsUpper(utf8::Next(w, i));
}

bool AllUpperLetters(string_view w) {
  bool any = false;
  for (size_t i = 0; i < w.size();) {
    char32_t c = utf8::Next(w, i);
    if (chars::IsLower(c)) return false;
    if (chars::IsUpper(c)) any = true;
  }
  return any;
}

// "U.S.", "a.m.", "U.N.", "e.g." : letters alternating with periods.
bool IsDottedAcronym(string_view w) {
  if (w.size() < 3 || w.back() != '.') return false;
  int letters = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (i % 2 == 0) {
      if (!alpha) return false;
      ++letters;
    } else if (c != '.') {
      return false;
    }
  }
  return letters >= 2;
}

bool LooksLikeUrl(string_view w) {
  auto starts = [&](string_view p) {
    if (w.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (chars::AsciiLower(w[i]) != p[i]) return false;
    return true;
  };
  if (starts("http://") || starts("https://") || starts("ftp://") || starts("www.")) return true;
  // bare domains such as reuters.com/world
  size_t dot = w.find('.');
  if (dot != string_view::npos && dot > 0 && w.find('/') != string_view::npos) {
    static constexpr string_view kTlds[] = {".com", ".org", ".net", ".gov", ".edu", ".co.uk", ".int"};
    for (auto t : kTlds)
      if (w.find(t) != string_view::npos) return true;
  }
  return false;
}

bool LooksLikeEmail(string_view w) {
  size_t at = w.find('@');
  if (at == string_view::npos || at == 0 || at + 1 >= w.size()) return false;
  size_t dot = w.find('.', at);
  return dot != string_view::npos && dot > at + 1 && dot + 1 < w.size();
}

// ---------------------------------------------------------------------------
// The tokenizer works on one whitespace-delimited chunk at a time.

class ChunkTokenizer {
 public:
  ChunkTokenizer(const std::string& text, Document& doc) : text_(text), doc_(doc) {}

  // Tokenizes text_[b, e), a chunk without whitespace.
  void Chunk(uint32_t b, uint32_t e, uint8_t flags) {
    flags_ = flags;
    // Most chunks are ASCII letters and digits, perhaps with one trailing
    // comma: one word (and the comma), which is what the general path below
    // makes of them (no URL, clitic, dash, currency or period to consider).
    {
      const uint32_t k = static_cast<uint32_t>(ascii::SkipAlnum(text_.data(), b, e));
      if (k == e || (k + 1 == e && k > b && text_[k] == ',')) {
        EmitAscii(b, k);
        if (k < e) EmitAscii(k, e);
        return;
      }
    }
    string_view w(text_.data() + b, e - b);
    // URLs and e-mail addresses stay whole, minus trailing punctuation.
    if (LooksLikeUrl(w) || LooksLikeEmail(w)) {
      uint32_t lead = b;
      while (lead < e && IsOpenPunct(text_[lead])) Emit(lead, lead + 1), ++lead;
      uint32_t end = e;
      while (end > lead && std::strchr(".,;:!?)]}\"'", text_[end - 1])) --end;
      Emit(lead, end);
      for (uint32_t k = end; k < e; ++k) Emit(k, k + 1);
      return;
    }
    SplitChunk(b, e);
  }

 private:
  static bool IsOpenPunct(char c) { return c == '(' || c == '[' || c == '{' || c == '"' || c == '<'; }
  static bool IsAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (static_cast<unsigned char>(c | 0x20) >= 'a' && static_cast<unsigned char>(c | 0x20) <= 'z');
  }

  // Emit for a non-empty ASCII token (nothing to normalize).
  void EmitAscii(uint32_t b, uint32_t e) {
    Token& t = doc_.tokens.emplace_back();
    t.begin = b;
    t.end = e;
    t.flags = flags_;
    flags_ = 0;
  }

  void Emit(uint32_t b, uint32_t e) {
    if (e <= b) return;
    Token t;
    t.begin = b;
    t.end = e;
    t.flags = flags_;
    flags_ = 0;
    Normalize(t);
    doc_.tokens.push_back(t);
  }

  // Straightens curly quotes, apostrophes and primes; maps dashes and ellipsis
  // characters to their ASCII treebank forms.
  void Normalize(Token& t) {
    string_view w(text_.data() + t.begin, t.end - t.begin);
    bool ascii = true;
    for (unsigned char c : w)
      if (c >= 0x80) ascii = false;
    if (ascii) return;
    std::string out;
    bool changed = false;
    for (size_t i = 0; i < w.size();) {
      size_t start = i;
      char32_t c = utf8::Next(w, i);
      switch (c) {
        case U'\u201C': case U'\u201D': case U'\u201E': case U'\u201F': case U'\u00AB':
        case U'\u00BB': case U'\u2033': case U'\u275D': case U'\u275E':
          out += '"', changed = true;
          break;
        case U'\u2018': case U'\u2019': case U'\u201A': case U'\u201B': case U'\u2032':
        case U'\u2039': case U'\u203A':
          out += '\'', changed = true;
          break;
        case U'\u2014': case U'\u2015':
          out += "--", changed = true;
          break;
        case U'\u2013': case U'\u2012': case U'\u2212':
          out += (w.size() == 3 ? "--" : "-"), changed = true;
          break;
        case U'\u2026':
          out += "...", changed = true;
          break;
        case U'\u00AD':  // soft hyphen: drop
          changed = true;
          break;
        default:
          out.append(w.substr(start, i - start));
      }
    }
    if (!changed || out.empty() || out.size() > 0xFFFF) return;
    t.norm_off = static_cast<uint32_t>(doc_.norm_pool.size());
    t.norm_len = static_cast<uint16_t>(out.size());
    doc_.norm_pool += out;
  }

  // Splits a chunk into tokens. Works on code points, peeling leading and
  // trailing punctuation, then splitting internal dashes and clitics.
  void SplitChunk(uint32_t b, uint32_t e) {
    // Leading punctuation.
    while (b < e) {
      size_t i = b;
      char32_t c = utf8::Next(text_, i);
      uint32_t n = static_cast<uint32_t>(i);
      if (chars::IsOpenQuote(c) || chars::IsQuote(c) || c == '(' || c == '[' || c == '{' || c == '<' ||
          chars::IsCurrency(c) || c == '#' || chars::IsDash(c) || c == '*' || c == U'\u2022' || c == '@' ||
          c == '~' || c == U'\u00BF' || c == U'\u00A1') {
        // "'s" at chunk start (e.g. after a closing quote) is a clitic, not a quote.
        if ((c == '\'' || c == U'\u2019') && IsCliticAt(b, e)) break;
        // '90s: apostrophe before digits belongs to the word.
        if ((c == '\'' || c == U'\u2019') && n < e && std::isdigit(static_cast<unsigned char>(text_[n]))) break;
        // Negative numbers and "-LRB-"-free hyphen words keep their dash.
        if (c == '-' && n < e && std::isdigit(static_cast<unsigned char>(text_[n]))) break;
        if (c == '-' && n < e && text_[n] == '-') {  // "--"
          uint32_t k = n;
          while (k < e && text_[k] == '-') ++k;
          Emit(b, k);
          b = k;
          continue;
        }
        if (c == '.' ) break;
        Emit(b, n);
        b = n;
        continue;
      }
      if (c == '.' && b + 2 < e && text_[b + 1] == '.' && text_[b + 2] == '.') {
        uint32_t k = b;
        while (k < e && text_[k] == '.') ++k;
        Emit(b, k);
        b = k;
        continue;
      }
      break;
    }
    if (b >= e) return;

    // Trailing punctuation, collected right to left, emitted after the core.
    uint32_t trail_buf[64];
    uint32_t ntrail = 0;  // pairs (begin, end) stored in reverse order
    uint32_t core_end = e;
    while (core_end > b && ntrail + 2 <= 64) {
      size_t i = core_end;
      char32_t c = utf8::Prev(text_, i);
      uint32_t p = static_cast<uint32_t>(i);
      string_view core(text_.data() + b, core_end - b);
      if (c == '.') {
        // Ellipsis.
        if (core_end - b >= 3 && text_[core_end - 2] == '.' && text_[core_end - 3] == '.') {
          uint32_t k = core_end;
          while (k > b && text_[k - 1] == '.') --k;
          if (k == b) break;  // the whole chunk is dots
          trail_buf[ntrail++] = k;
          trail_buf[ntrail++] = core_end;
          core_end = k;
          continue;
        }
        // Abbreviation or initial keeps its period.
        string_view stem = core.substr(0, core.size() - 1);
        if (KeepsPeriod(core, stem)) break;
        trail_buf[ntrail++] = p;
        trail_buf[ntrail++] = core_end;
        core_end = p;
        continue;
      }
      if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '}' ||
          c == '>' || chars::IsQuote(c) || chars::IsCloseQuote(c) || chars::IsOpenQuote(c) || c == '%' ||
          c == '*' || chars::IsDash(c) || c == U'\u2026') {
        // Possessive plural apostrophe: "Reuters'" -> Reuters '
        if (c == '-' && core_end - b >= 2 && text_[core_end - 2] == '-') {
          uint32_t k = core_end;
          while (k > b && text_[k - 1] == '-') --k;
          if (k == b) break;
          trail_buf[ntrail++] = k;
          trail_buf[ntrail++] = core_end;
          core_end = k;
          continue;
        }
        if (c == '-' && p > b) break;  // "pre-" stays; rare
        if (c == ':' && p > b && core_end < e && false) break;
        trail_buf[ntrail++] = p;
        trail_buf[ntrail++] = core_end;
        core_end = p;
        continue;
      }
      break;
    }
    if (core_end > b) SplitCore(b, core_end);
    for (uint32_t k = ntrail; k >= 2; k -= 2) Emit(trail_buf[k - 2], trail_buf[k - 1]);
  }

  // Does the chunk text_[b,e) start with a clitic such as 's followed by nothing?
  bool IsCliticAt(uint32_t b, uint32_t e) const {
    size_t i = b;
    utf8::Next(text_, i);
    string_view rest(text_.data() + i, e - i);
    std::string low;
    for (char ch : rest) {
      if (!std::isalpha(static_cast<unsigned char>(ch))) break;
      low += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return low == "s" || low == "re" || low == "ve" || low == "ll" || low == "d" || low == "m";
  }

  bool KeepsPeriod(string_view core, string_view stem) const {
    if (stem.empty()) return false;
    if (IsDottedAcronym(core)) return true;  // U.S. a.m.
    // Single capital letter: an initial ("George W. Bush").
    if (stem.size() == 1 && std::isupper(static_cast<unsigned char>(stem[0]))) return true;
    if (InList(kTitleAbbrevs, stem) || InList(kOtherAbbrevs, stem)) return true;
    // Internal periods already (e.g. "p.m" + ".") or all-consonant short forms like "Ltd".
    return false;
  }

  // Splits clitics ("Russia's" -> Russia 's; "don't" -> do n't; "can't" -> ca n't),
  // internal em/en dashes and slashes between words, and "$5" style currency.
  void SplitCore(uint32_t b, uint32_t e) {
    string_view w(text_.data() + b, e - b);
    // Internal long dashes or double hyphens: word--word, word—word.
    for (size_t i = 0; i < w.size();) {
      size_t s = i;
      char32_t c = utf8::Next(w, i);
      bool longdash = c == U'\u2014' || c == U'\u2015' || (c == U'\u2013' && s > 0 && i < w.size() &&
                                                           !std::isdigit(static_cast<unsigned char>(w[s - 1])));
      if (c == '-' && i < w.size() && w[i] == '-') longdash = true;
      if (longdash && s > 0) {
        size_t de = i;
        while (de < w.size() && w[de] == '-') ++de;
        SplitCore(b, b + static_cast<uint32_t>(s));
        Emit(b + static_cast<uint32_t>(s), b + static_cast<uint32_t>(de));
        if (de < w.size()) SplitChunk(b + static_cast<uint32_t>(de), e);
        return;
      }
    }
    // Clitics at the end. Every clitic has an apostrophe: a word without a
    // straight or curly one (no ' and no 0xE2 byte) has none.
    const bool maybe_clitic = w.find('\'') != string_view::npos || w.find('\xE2') != string_view::npos;
    std::string low;
    if (maybe_clitic) {
      low.reserve(w.size());
      for (size_t i = 0; i < w.size();) {
        size_t s = i;
        char32_t c = utf8::Next(w, i);
        if (c == U'\u2019' || c == U'\u2018')
          low += '\'';
        else if (c < 0x80)
          low += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        else
          low.append(w.substr(s, i - s));
      }
    }
    for (string_view cl : kClitics) {
      if (!maybe_clitic) break;
      if (low.size() <= cl.size() || low.compare(low.size() - cl.size(), cl.size(), cl) != 0) continue;
      size_t cut = low.size() - cl.size();
      // low and w differ in byte length only where curly apostrophes appear.
      size_t wcut = w.size() - (low.size() - cut);
      if (cut == 0) break;
      // The apostrophe may be curly (3 bytes): find the clitic's start in w by code points.
      wcut = FindSuffixStart(w, cl.size());
      if (wcut == 0) break;
      // Only split when the stem is a word (letters or digits).
      unsigned char last = static_cast<unsigned char>(w[wcut - 1]);
      if (!(std::isalnum(last) || last >= 0x80)) break;
      EmitWord(b, b + static_cast<uint32_t>(wcut));
      Emit(b + static_cast<uint32_t>(wcut), e);
      return;
    }
    // Plural possessive: "Reuters'" -> Reuters '
    if (w.size() > 2 && (w.back() == '\'') && (w[w.size() - 2] == 's' || w[w.size() - 2] == 'S')) {
      EmitWord(b, e - 1);
      Emit(e - 1, e);
      return;
    }
    if (w.size() > 4 && w.substr(w.size() - 3) == "\xE2\x80\x99" && (w[w.size() - 4] == 's' || w[w.size() - 4] == 'S')) {
      EmitWord(b, e - 3);
      Emit(e - 3, e);
      return;
    }
    EmitWord(b, e);
  }

  // Byte offset in w where the last `ncp` code points start.
  static size_t FindSuffixStart(string_view w, size_t ncp) {
    size_t i = w.size();
    for (size_t k = 0; k < ncp && i > 0; ++k) utf8::Prev(w, i);
    return i;
  }

  // Emits a word, splitting a leading currency symbol and a trailing percent
  // sign, and slashes between alphabetic words ("and/or" stays).
  void EmitWord(uint32_t b, uint32_t e) {
    if (e <= b) return;
    size_t i = b;
    char32_t c = utf8::Next(text_, i);
    if (chars::IsCurrency(c) && i < e) {
      Emit(b, static_cast<uint32_t>(i));
      b = static_cast<uint32_t>(i);
    }
    // "US$" "A$" : letters followed by $ and digits
    Emit(b, e);
  }

  const std::string& text_;
  Document& doc_;
  uint8_t flags_ = 0;
};

// ---------------------------------------------------------------------------
// Paragraphs.

struct Line {
  uint32_t b, e;  // without the newline
  bool blank;
};

std::vector<Line> SplitLines(const std::string& text) {
  std::vector<Line> lines;
  uint32_t b = 0;
  const uint32_t n = static_cast<uint32_t>(text.size());
  while (b <= n) {
    const char* nl = static_cast<const char*>(std::memchr(text.data() + b, '\n', n - b));
    uint32_t e = nl ? static_cast<uint32_t>(nl - text.data()) : n;
    uint32_t ce = e;
    if (ce > b && text[ce - 1] == '\r') --ce;
    bool blank = true;
    for (uint32_t k = b; k < ce; ++k) {
      unsigned char c = static_cast<unsigned char>(text[k]);
      if (!(c == ' ' || c == '\t' || c == '\f' || c == '\v')) {
        // NBSP (C2 A0) and other Unicode spaces count as blank too.
        size_t i = k;
        char32_t cp = utf8::Next(text, i);
        if (!utf8::IsSpace(cp)) {
          blank = false;
          break;
        }
        k = static_cast<uint32_t>(i) - 1;
      }
    }
    lines.push_back({b, ce, blank});
    if (!nl) break;
    b = e + 1;
  }
  return lines;
}

bool StartsWithBullet(const std::string& text, const Line& l) {
  uint32_t k = l.b;
  while (k < l.e && (text[k] == ' ' || text[k] == '\t')) ++k;
  if (k >= l.e) return false;
  size_t i = k;
  char32_t c = utf8::Next(text, i);
  if ((c == '-' || c == '*' || c == U'\u2022' || c == U'\u2013' || c == U'\u2014' || c == U'\u25CF' ||
       c == U'\u25AA') &&
      i < l.e && (text[i] == ' ' || text[i] == '\t'))
    return true;
  // "1." "2)" numbered items
  uint32_t d = k;
  while (d < l.e && std::isdigit(static_cast<unsigned char>(text[d]))) ++d;
  return d > k && d - k <= 3 && d + 1 < l.e && (text[d] == '.' || text[d] == ')') && text[d + 1] == ' ';
}

bool EndsSentence(const std::string& text, const Line& l) {
  uint32_t k = l.e;
  while (k > l.b && std::isspace(static_cast<unsigned char>(text[k - 1]))) --k;
  if (k == l.b) return false;
  char c = text[k - 1];
  return c == '.' || c == '!' || c == '?' || c == '"' || c == ':' ||
         (static_cast<unsigned char>(c) >= 0x80);  // closing curly quote etc.
}

// Groups lines into paragraphs. With blank-line separated blocks, single line
// breaks inside a block are soft wraps unless the line is short (a headline),
// or the next line is a list item. Without blank lines, every line is a paragraph.
std::vector<Paragraph> FindParagraphs(const std::string& text) {
  std::vector<Line> lines = SplitLines(text);
  bool has_blank = false;
  size_t nonblank = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank) {
      if (nonblank > 0 && i + 1 < lines.size()) has_blank = true;
    } else {
      ++nonblank;
    }
  }
  std::vector<Paragraph> paras;
  auto trim_push = [&](uint32_t b, uint32_t e) {
    utf8::TrimSpace(text, &b, &e);
    if (e > b) paras.push_back({b, e});
  };
  if (!has_blank) {
    for (const Line& l : lines)
      if (!l.blank) trim_push(l.b, l.e);
    return paras;
  }
  size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].blank) {
      ++i;
      continue;
    }
    size_t j = i;
    uint32_t maxlen = 0;
    while (j < lines.size() && !lines[j].blank) {
      maxlen = std::max(maxlen, lines[j].e - lines[j].b);
      ++j;
    }
    // Block lines[i, j): decide hard breaks.
    uint32_t pb = lines[i].b;
    for (size_t k = i; k < j; ++k) {
      bool last = k + 1 == j;
      bool hard = last;
      if (!last) {
        uint32_t len = lines[k].e - lines[k].b;
        if (StartsWithBullet(text, lines[k + 1])) hard = true;
        if (len * 10 < maxlen * 6 && maxlen > 40) hard = true;  // short line: headline or end of paragraph
        if (maxlen <= 40 && EndsSentence(text, lines[k])) hard = true;
        if (!EndsSentence(text, lines[k]) && len * 10 >= maxlen * 6) hard = false;
        if (StartsWithBullet(text, lines[k + 1])) hard = true;
      }
      if (hard) {
        trim_push(pb, lines[k].e);
        if (k + 1 < j) pb = lines[k + 1].b;
      }
    }
    i = j;
  }
  return paras;
}

// ---------------------------------------------------------------------------
// Datelines at the start of a paragraph, found on its tokens:
//   "ANKARA (Reuters) -"  "WASHINGTON, Dec 19 (Reuters) -"  "ANKARA, Turkey (AP) --"
//   "Ankara:"  "ANKARA -"
// Returns the number of tokens the dateline covers (0 if none).

constexpr std::array<string_view, 24> kNotDatelineLabels = {
    "Note",   "Update",  "Updated", "Editor", "Editors", "Photo",   "Video",    "Watch",
    "Read",   "Breaking", "Exclusive", "Analysis", "Opinion", "Comment", "Source", "Sources",
    "Warning", "Q",      "A",       "Correction", "Related", "Listen", "Live",   "Advertisement"};

bool IsWordToken(const Document& doc, size_t i) {
  string_view w = doc.word(i);
  if (w.empty()) return false;
  size_t k = 0;
  return chars::IsAlpha(utf8::Next(w, k));
}

bool IsDashWord(string_view w) { return w == "-" || w == "--" || w == "---"; }

size_t MatchDateline(const Document& doc, size_t tb, size_t te, Dateline& dl) {
  const auto& T = doc.tokens;
  size_t n = te - tb;
  if (n < 2) return 0;
  // Place: 1-4 capitalized words (hyphens and periods inside allowed).
  size_t k = tb;
  while (k < te && k - tb < 4 && IsWordToken(doc, k) && IsUpperStart(doc.word(k))) ++k;
  if (k == tb) return 0;
  size_t place_end = k;
  bool all_caps = true;
  for (size_t j = tb; j < place_end; ++j) all_caps = all_caps && AllUpperLetters(doc.word(j));
  // Optional ", Region" or ", Dec 19" part up to a "(" or a dash.
  size_t j = k;
  size_t date_b = 0, date_e = 0;
  if (j < te && doc.word(j) == ",") {
    size_t m = j + 1;
    while (m < te && m - j <= 5 && doc.word(m) != "(" && !IsDashWord(doc.word(m)) && doc.word(m) != ":") ++m;
    if (m < te && (doc.word(m) == "(" || IsDashWord(doc.word(m)))) {
      // If the part contains a digit, it is a date.
      for (size_t q = j + 1; q < m; ++q)
        if (std::isdigit(static_cast<unsigned char>(doc.word(q)[0]))) date_b = j + 1, date_e = m;
      j = m;
    }
  }
  size_t src_b = 0, src_e = 0;
  if (j < te && doc.word(j) == "(") {
    size_t m = j + 1;
    while (m < te && m - j <= 4 && doc.word(m) != ")") ++m;
    if (m >= te || doc.word(m) != ")" || m == j + 1) return 0;
    src_b = j + 1, src_e = m;
    j = m + 1;
    if (j < te && IsDashWord(doc.word(j))) {
      ++j;
    } else if (!(j < te && doc.word(j) == ":")) {
      return 0;
    } else {
      ++j;
    }
  } else if (j < te && IsDashWord(doc.word(j)) && all_caps && (T[j].flags & kSpaceBefore)) {
    ++j;
  } else if (j == place_end && j < te && doc.word(j) == ":" && place_end - tb <= 3) {
    if (InList(kNotDatelineLabels, doc.word(tb))) return 0;
    // "Ankara: The Russian..." needs a capitalized continuation.
    if (j + 1 >= te || !(IsUpperStart(doc.word(j + 1)) || doc.word(j + 1) == "\"")) return 0;
    ++j;
  } else {
    return 0;
  }
  if (j >= te) return 0;  // nothing follows: not a dateline
  dl.whole = {T[tb].begin, T[j - 1].end};
  dl.place = {T[tb].begin, T[place_end - 1].end};
  if (src_e > src_b) dl.source = {T[src_b].begin, T[src_e - 1].end};
  if (date_e > date_b) dl.date_span = {T[date_b].begin, T[date_e - 1].end};
  return j - tb;
}

// ---------------------------------------------------------------------------
// Sentences within a paragraph's tokens [tb, te).

bool IsTerminator(string_view w) { return w == "." || w == "!" || w == "?" || w == "..." || w == "?!" || w == "!!"; }

bool IsClosingBracket(string_view w) { return w == ")" || w == "]" || w == "}"; }

// For each token in [tb, te), marks whether it lies inside a quotation that
// closes within the paragraph and is short enough to keep whole.
void MarkQuoted(const Document& doc, size_t tb, size_t te, std::vector<uint8_t>& inside) {
  inside.assign(te - tb, 0);
  constexpr uint32_t kMaxQuoteBytes = 1500;
  size_t open = SIZE_MAX;
  for (size_t i = tb; i < te; ++i) {
    string_view surface = doc.token_text(doc.tokens[i]);
    string_view w = doc.word(i);
    if (w != "\"") continue;
    size_t k = 0;
    char32_t c = utf8::Next(surface, k);
    bool opens, closes;
    if (chars::IsOpenQuote(c)) {
      opens = true, closes = false;
    } else if (chars::IsCloseQuote(c)) {
      opens = false, closes = true;
    } else {
      opens = open == SIZE_MAX;
      closes = !opens;
    }
    if (opens) {
      open = i;
    } else if (closes && open != SIZE_MAX) {
      if (doc.tokens[i].end - doc.tokens[open].begin <= kMaxQuoteBytes)
        for (size_t q = open + 1; q < i; ++q) inside[q - tb] = 1;
      open = SIZE_MAX;
    }
  }
}

void SplitSentences(Document& doc, size_t tb, size_t te, uint32_t para, std::vector<uint8_t>& inside) {
  if (tb >= te) return;
  MarkQuoted(doc, tb, te, inside);
  size_t start = tb;
  auto push = [&](size_t s, size_t e) {
    if (e <= s) return;
    Sentence sent;
    sent.begin = doc.tokens[s].begin;
    sent.end = doc.tokens[e - 1].end;
    sent.tok_begin = static_cast<uint32_t>(s);
    sent.tok_end = static_cast<uint32_t>(e);
    sent.paragraph = para;
    doc.sentences.push_back(sent);
  };
  for (size_t i = tb; i < te; ++i) {
    string_view w = doc.word(i);
    bool term = IsTerminator(w);
    bool abbrev_end = false;
    if (!term && w.size() > 1 && w.back() == '.') {
      // "U.S." "Inc." may end a sentence when a typical sentence starter follows.
      abbrev_end = i + 1 < te && InList(kSentenceStarters, doc.word(i + 1)) &&
                   !InList(kTitleAbbrevs, w.substr(0, w.size() - 1)) &&
                   !(w.size() == 2 && std::isupper(static_cast<unsigned char>(w[0])));
    }
    if (!term && !abbrev_end) continue;
    // Inside a quotation only a terminator right before its closing mark
    // can end a sentence ('... Syria!" As screams rang out').
    if (inside[i - tb] && !(i + 1 < te && doc.word(i + 1) == "\"" && !inside[i + 1 - tb])) continue;
    // Absorb closing quotes and brackets.
    size_t j = i + 1;
    while (j < te) {
      string_view x = doc.word(j);
      bool attached = !(doc.tokens[j].flags & kSpaceBefore);
      if (attached && (IsClosingBracket(x) || x == "'" || x == "\"")) {
        ++j;
        continue;
      }
      break;
    }
    if (j >= te) break;
    string_view next = doc.word(j);
    size_t k = 0;
    char32_t c = utf8::Next(next, k);
    bool starts = chars::IsUpper(c) || chars::IsDigit(c) || next == "\"" || next == "(" || next == "[" ||
                  next == "'" || next == "-" || next == "--" || (!chars::IsLower(c) && !chars::IsAlpha(c) &&
                                                                 next != "," && next != ";" && next != ":") ||
                  (chars::IsAlpha(c) && !chars::IsLower(c) && !chars::IsUpper(c));
    // "..." followed by a lower-case word continues the sentence.
    if (!starts) continue;
    if (w == "..." && !chars::IsUpper(c)) continue;
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, te);
}

// ---------------------------------------------------------------------------

bool IsHeadlineParagraph(const Document& doc, size_t tb, size_t te) {
  if (te <= tb || te - tb > 25) return false;
  string_view last = doc.word(te - 1);
  return !(IsTerminator(last) || last == "\"" || last == ":");
}

}  // namespace

void Segmenter::Segment(Document& doc) const {
  doc.paragraphs = FindParagraphs(doc.text);
  doc.sentences.clear();
  doc.tokens.clear();
  doc.norm_pool.clear();
  doc.dateline.reset();
  doc.tokens.reserve(doc.text.size() / 5 + 8);
  ChunkTokenizer tok(doc.text, doc);
  std::vector<uint8_t> scratch;
  bool first_headline = false;
  for (uint32_t p = 0; p < doc.paragraphs.size(); ++p) {
    const Paragraph& para = doc.paragraphs[p];
    size_t tb = doc.tokens.size();
    uint8_t flags = kParagraphStart;
    if (p > 0) flags |= kNewlineBefore | kSpaceBefore;
    uint32_t i = para.begin;
    const char* text = doc.text.data();
    while (i < para.end) {
      // Skip whitespace.
      const unsigned char c0 = static_cast<unsigned char>(text[i]);
      if (c0 < 0x80) {
        if (c0 == ' ' || (c0 >= '\t' && c0 <= '\r')) {
          flags |= kSpaceBefore;
          if (c0 == '\n') flags |= kNewlineBefore;
          ++i;
          continue;
        }
      } else {
        size_t k = i;
        char32_t c = utf8::Next(doc.text, k);
        if (utf8::IsSpace(c)) {
          flags |= kSpaceBefore;
          i = static_cast<uint32_t>(k);
          continue;
        }
      }
      uint32_t b = i;
      while (i < para.end) {
        i = static_cast<uint32_t>(ascii::SkipVisible(text, i, para.end));  // the bytes that need no look
        if (i >= para.end) break;
        const unsigned char d0 = static_cast<unsigned char>(text[i]);
        if (d0 < 0x80) {  // ASCII: a space or NUL ends the chunk
          if (d0 == ' ' || (d0 >= '\t' && d0 <= '\r') || d0 == 0) break;
          ++i;
          continue;
        }
        size_t q = i;
        char32_t d = utf8::Next(doc.text, q);
        if (utf8::IsSpace(d)) break;
        i = static_cast<uint32_t>(q);
      }
      if (i == b) {  // a NUL or similar: skip one byte
        ++i;
        continue;
      }
      tok.Chunk(b, i, flags);
      flags = 0;
    }
    size_t te = doc.tokens.size();
    // A dateline opens the article: in the first paragraph, or the second
    // when the first is a headline.
    if (p == 0) first_headline = IsHeadlineParagraph(doc, tb, te) && doc.paragraphs.size() > 1;
    if (!doc.dateline && (p == 0 || (p == 1 && first_headline))) {
      Dateline dl;
      size_t n = MatchDateline(doc, tb, te, dl);
      if (n > 0) {
        doc.dateline = dl;
        for (size_t q = tb; q < tb + n; ++q) doc.tokens[q].flags |= kDatelineToken;
        Sentence s;
        s.begin = doc.tokens[tb].begin;
        s.end = doc.tokens[tb + n - 1].end;
        s.tok_begin = static_cast<uint32_t>(tb);
        s.tok_end = static_cast<uint32_t>(tb + n);
        s.paragraph = p;
        doc.sentences.push_back(s);
        tb += n;
      }
    }
    SplitSentences(doc, tb, te, p, scratch);
  }
}

namespace {
class SegmentStage : public Stage {
 public:
  Status Process(Document& doc) const override {
    seg_.Segment(doc);
    return Status::OK();
  }

 private:
  Segmenter seg_;
};
}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeSegmentStage(const Resources&) {
  return std::unique_ptr<Stage>(new SegmentStage());
}

}  // namespace tidings
