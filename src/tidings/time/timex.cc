#include "tidings/time/timex.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <unordered_map>

#include "tidings/core/ascii_scan.h"
#include "tidings/core/string_map.h"
#include "tidings/core/utf8.h"
#include "tidings/time/calendar.h"

namespace tidings {

std::string_view TimeTypeName(TimeType t) {
  switch (t) {
    case TimeType::kDate: return "DATE";
    case TimeType::kTime: return "TIME";
    case TimeType::kDuration: return "DURATION";
    case TimeType::kSet: return "SET";
  }
  return "DATE";
}

namespace timex {
namespace {

// ---- lexicon ---------------------------------------------------------------

enum Unit : uint8_t {
  U_NONE = 0, U_SEC, U_MIN, U_HOUR, U_DAY, U_NIGHT, U_WEEK, U_WEEKEND, U_FORTNIGHT,
  U_MONTH, U_QUARTER, U_YEAR, U_DECADE, U_CENTURY
};
enum Pod : uint8_t { POD_NONE = 0, POD_MO, POD_AF, POD_EV, POD_NI, POD_DT };
const char* PodCode(int p) {
  static const char* k[] = {"", "MO", "AF", "EV", "NI", "DT"};
  return k[p];
}
enum Season : uint8_t { S_NONE = 0, S_SP, S_SU, S_FA, S_WI };
const char* SeasonCode(int s) {
  static const char* k[] = {"", "SP", "SU", "FA", "WI"};
  return k[s];
}

struct Lex {
  int8_t month = 0;     // 1-12
  int8_t month_abbr = 0;  // 1 when an abbreviation ("Sept")
  int8_t wday = 0;      // 1-7, ISO
  int8_t wday_plural = 0;
  int8_t unit = 0;      // Unit
  int8_t unit_plural = 0;
  int8_t season = 0;
  int8_t pod = 0;
  int8_t ord = 0;       // ordinal value 1..31
  int16_t num = -1;     // cardinal number word value
  int8_t set_unit = 0;  // daily -> U_DAY ...
  int8_t decade_word = 0;  // "twenties".."nineties" -> 2..9
};

using LexMap = StringMap<Lex>;

const LexMap& Lexicon() {
  static const LexMap* kMap = [] {
    auto* m = new LexMap();
    const char* months[] = {"january", "february", "march", "april", "may", "june", "july",
                            "august", "september", "october", "november", "december"};
    for (int i = 0; i < 12; ++i) (*m)[months[i]].month = static_cast<int8_t>(i + 1);
    struct A { const char* s; int v; };
    for (A a : {A{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8},
                {"sep", 9}, {"sept", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}}) {
      (*m)[a.s].month = static_cast<int8_t>(a.v);
      (*m)[a.s].month_abbr = 1;
    }
    const char* wd[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    const char* wdp[] = {"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays"};
    for (int i = 0; i < 7; ++i) {
      (*m)[wd[i]].wday = static_cast<int8_t>(i + 1);
      (*m)[wdp[i]].wday = static_cast<int8_t>(i + 1);
      (*m)[wdp[i]].wday_plural = 1;
    }
    for (A a : {A{"mon", 1}, {"tue", 2}, {"tues", 2}, {"wed", 3}, {"thu", 4}, {"thur", 4}, {"thurs", 4},
                {"fri", 5}, {"sat", 6}, {"sun", 7}})
      (*m)[a.s].wday = static_cast<int8_t>(-a.v);  // abbreviations: negative = needs a dot
    struct U { const char* s; Unit u; bool pl; };
    for (U u : {U{"second", U_SEC, false}, {"seconds", U_SEC, true}, {"minute", U_MIN, false},
                {"minutes", U_MIN, true}, {"hour", U_HOUR, false}, {"hours", U_HOUR, true},
                {"day", U_DAY, false}, {"days", U_DAY, true}, {"night", U_NIGHT, false},
                {"nights", U_NIGHT, true}, {"week", U_WEEK, false}, {"weeks", U_WEEK, true},
                {"weekend", U_WEEKEND, false}, {"weekends", U_WEEKEND, true},
                {"fortnight", U_FORTNIGHT, false}, {"month", U_MONTH, false}, {"months", U_MONTH, true},
                {"quarter", U_QUARTER, false}, {"quarters", U_QUARTER, true}, {"year", U_YEAR, false},
                {"years", U_YEAR, true}, {"decade", U_DECADE, false}, {"decades", U_DECADE, true},
                {"century", U_CENTURY, false}, {"centuries", U_CENTURY, true}, {"hrs", U_HOUR, true},
                {"mins", U_MIN, true}, {"yrs", U_YEAR, true}, {"min", U_MIN, false}, {"hr", U_HOUR, false}}) {
      (*m)[u.s].unit = static_cast<int8_t>(u.u);
      (*m)[u.s].unit_plural = u.pl;
    }
    struct S { const char* s; int v; };
    for (S s : {S{"spring", S_SP}, {"summer", S_SU}, {"fall", S_FA}, {"autumn", S_FA}, {"winter", S_WI},
                {"springtime", S_SP}, {"summertime", S_SU}, {"wintertime", S_WI}})
      (*m)[s.s].season = static_cast<int8_t>(s.v);
    for (S s : {S{"morning", POD_MO}, {"afternoon", POD_AF}, {"evening", POD_EV}, {"night", POD_NI},
                {"overnight", POD_NI}, {"daytime", POD_DT}})
      (*m)[s.s].pod = static_cast<int8_t>(s.v);
    const char* ords[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                          "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                          "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                          "twentieth"};
    for (int i = 0; i < 20; ++i) (*m)[ords[i]].ord = static_cast<int8_t>(i + 1);
    (*m)["thirtieth"].ord = 30;
    const char* nums[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                          "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
                          "sixteen", "seventeen", "eighteen", "nineteen"};
    for (int i = 0; i < 20; ++i) (*m)[nums[i]].num = static_cast<int16_t>(i);
    const char* tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (int i = 0; i < 8; ++i) (*m)[tens[i]].num = static_cast<int16_t>(20 + 10 * i);
    (*m)["fourty"].num = 40;
    (*m)["hundred"].num = 100;
    (*m)["thousand"].num = 1000;
    (*m)["dozen"].num = 12;
    const char* decw[] = {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                          "nineties"};
    for (int i = 0; i < 8; ++i) (*m)[decw[i]].decade_word = static_cast<int8_t>(i + 2);
    for (S s : {S{"daily", U_DAY}, {"nightly", U_NIGHT}, {"weekly", U_WEEK}, {"monthly", U_MONTH},
                {"yearly", U_YEAR}, {"annually", U_YEAR}, {"hourly", U_HOUR},
                {"biweekly", U_FORTNIGHT}, {"annual", U_YEAR}})
      (*m)[s.s].set_unit = static_cast<int8_t>(s.v);
    // Words that start or qualify a rule: every other word is skipped at once.
    for (const char* w : {"today", "yesterday", "tomorrow", "tonight", "this", "last", "overnight", "past",
                          "previous", "preceding", "next", "following", "coming", "ensuing", "final", "initial",
                          "latest", "recent", "a", "an", "several", "few", "many", "some", "numerous", "dozens",
                          "hundreds", "thousands", "millions", "billions", "couple", "current", "present", "the",
                          "that", "fiscal", "q", "h", "fy",
                          "christmas", "new", "halloween", "valentine", "independence", "thanksgiving", "easter",
                          "labor", "memorial", "election", "boxing", "now", "currently", "presently", "nowadays", "these", "recently",
                          "lately", "formerly", "future", "soon", "near", "short", "long", "every", "each", "per",
                          "noon", "midnight", "midday", "mid", "midafternoon", "midmorning"})
      (*m)[w];
    return m;
  }();
  return *kMap;
}

// ---- tokens ------------------------------------------------------------------

enum Kind : uint8_t { K_WORD, K_NUM, K_PUNCT };

struct Tok {
  uint32_t b = 0, e = 0;
  Kind kind = K_PUNCT;
  bool sp = false;   // whitespace before
  bool nl = false;   // newline before
  bool cap = false;  // first letter upper case
  bool apos = false; // an apostrophe or single quote
  std::string_view w;  // lower-cased text
  const Lex* lx = nullptr;
  int64_t n = -1;    // value of a pure integer token (digits, optional thousands commas)
  uint8_t dig = 0;   // length of the leading digit run
  uint32_t sent = 0;
};

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Byte length of the Unicode space (utf8::IsSpace) encoded at s[i], or 0. The
// annotator's input need not be valid UTF-8, so the sequence is checked here.
size_t SpaceBytes(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) { return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
  char32_t cp;
  size_t len;
  if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) {
    cp = (static_cast<char32_t>(c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    len = 2;
  } else if (c >= 0xE1 && c <= 0xEF && cont(i + 1) && cont(i + 2)) {
    cp = (static_cast<char32_t>(c & 0x0F) << 12) |
         (static_cast<char32_t>(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
         (static_cast<unsigned char>(s[i + 2]) & 0x3F);
    len = 3;
  } else {
    return 0;
  }
  return utf8::IsSpace(cp) ? len : 0;
}
inline bool IsAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Time units -> value letters.
std::string FmtNum(double v) {
  char b[32];
  if (std::fabs(v - std::round(v)) < 1e-9)
    std::snprintf(b, sizeof b, "%lld", static_cast<long long>(std::llround(v)));
  else
    std::snprintf(b, sizeof b, "%g", v);
  return b;
}

std::string DurValue(double n, bool vague, int unit) {
  // A fraction goes to the next smaller unit when it is whole there:
  // 2.5 years -> P2Y6M, 5.5 hours -> PT5H30M, 1.5 days -> P1DT12H.
  double whole = std::floor(n);
  double frac = n - whole;
  if (!vague && frac > 1e-9 && n < 1e6) {
    auto exact = [](double x) { return std::fabs(x - std::round(x)) < 1e-6; };
    std::string w = whole > 0 ? FmtNum(whole) : "";
    if (unit == U_YEAR && exact(frac * 12))
      return "P" + (w.empty() ? "" : w + "Y") + FmtNum(std::round(frac * 12)) + "M";
    if (unit == U_HOUR && exact(frac * 60))
      return "PT" + (w.empty() ? "" : w + "H") + FmtNum(std::round(frac * 60)) + "M";
    if (unit == U_MIN && exact(frac * 60))
      return "PT" + (w.empty() ? "" : w + "M") + FmtNum(std::round(frac * 60)) + "S";
    if (unit == U_DAY && exact(frac * 24))
      return "P" + (w.empty() ? "" : w + "D") + "T" + FmtNum(std::round(frac * 24)) + "H";
  }
  std::string num = vague ? "X" : FmtNum(n);
  if (!vague && n > 1e13) num = "X";
  switch (unit) {
    case U_SEC: return "PT" + num + "S";
    case U_MIN: return "PT" + num + "M";
    case U_HOUR: return "PT" + num + "H";
    case U_DAY: return "P" + num + "D";
    case U_NIGHT: return "P" + num + "D";
    case U_WEEK: return "P" + num + "W";
    case U_WEEKEND: return "P" + (vague ? num : FmtNum(2 * n)) + "D";
    case U_FORTNIGHT: return "P" + (vague ? num : FmtNum(2 * n)) + "W";
    case U_MONTH: return "P" + num + "M";
    case U_QUARTER: return "P" + num + "Q";
    case U_YEAR: return "P" + num + "Y";
    // vague decades in years, like "two decades" (P20Y): "for decades" -> PXY
    case U_DECADE: return vague ? "PXY" : "P" + FmtNum(10 * n) + "Y";
    // TimeML's century unit is C ("for centuries" -> PXC; "CE" is TIMEX2's)
    case U_CENTURY: return vague ? "PXC" : "P" + FmtNum(100 * n) + "Y";
  }
  return "";
}

struct Cand {
  uint32_t tb = 0, te = 0;  // token range
  TimeType type = TimeType::kDate;
  std::string value;
  std::string mod;
  bool unres = false;
  bool the_ok = false;   // a preceding "the" belongs to the expression
  bool approx_ok = false;  // "about", "nearly" ... may precede
  bool datemod_ok = false;  // "early", "late", "mid" ... may precede
  bool from_ref = false;    // resolved from the reference time: does not become it
};

// Granularity of a value string.
enum Gran { G_NONE, G_CENT, G_DEC, G_YEAR, G_HALF, G_QUARTER, G_SEASON, G_MONTH, G_WEEK, G_DAY };

Gran GranOf(std::string_view v) {
  if (v.size() < 2 || !IsDigit(v[0]) || !IsDigit(v[1])) return G_NONE;
  if (v.size() == 2) return G_CENT;
  if (v.size() == 3) return G_DEC;
  if (v.size() == 4) return G_YEAR;
  if (v.size() >= 7 && v[4] == '-') {
    if (v[5] == 'Q') return G_QUARTER;
    if (v[5] == 'H') return G_HALF;
    if (v[5] == 'W' && v.size() == 8 && IsDigit(v[6])) return G_WEEK;
    if (IsDigit(v[5]) && v.size() == 7) return G_MONTH;
    if (IsDigit(v[5]) && v.size() >= 10) return G_DAY;
    if (v[5] == 'S' || v[5] == 'F' || v[5] == 'W') return G_SEASON;
  }
  return G_NONE;
}

int GameWord(std::string_view w);  // below, with the rule that uses it

class Annotator {
 public:
  Annotator(std::string_view text, const CivilDate* dct) : text_(text) {
    if (dct) {
      dct_ok_ = true;
      dy_ = dct->y;
      dm_ = dct->m;
      dd_ = dct->d;
      dday_ = DaysFromCivil(dy_, dm_, dd_);
    }
  }

  void Run(std::vector<TimeExpr>* out);

 private:
  // ---- tokenization and cues
  void Tokenize();
  void ComputeCues();
  int Dir(size_t i, bool* adjacent = nullptr) const;
  bool FutureAfter(size_t i, size_t span) const;
  bool TitleWord(size_t b, size_t k) const;
  bool InName(size_t k) const;

  // ---- helpers
  size_t n() const { return toks_.size(); }
  std::string_view W(size_t i) const { return i < toks_.size() ? toks_[i].w : std::string_view(); }
  bool Is(size_t i, std::string_view s) const { return i < toks_.size() && toks_[i].w == s; }
  const Lex* L(size_t i) const { return i < toks_.size() ? toks_[i].lx : nullptr; }
  bool Hyph(size_t i) const {
    return i < n() && toks_[i].w == "-" && !toks_[i].sp && i + 1 < n() && !toks_[i + 1].sp;
  }
  size_t SkipDot(size_t i) const {
    return (i < n() && toks_[i].w == "." && !toks_[i].sp) ? i + 1 : i;
  }
  // "in the morning/afternoon/evening/night" at i
  bool PodAfter(size_t i) const { return Is(i, "in") && Is(i + 1, "the") && L(i + 2) && L(i + 2)->pod; }
  // "and", "but", ";" between tokens a and b (a clause may start there).
  bool ClauseBreak(size_t a, size_t b) const {
    for (size_t k = a; k < b && k < n(); ++k) {
      std::string_view w = W(k);
      if (w == "and" || w == "but" || w == ";" || w == "while" || w == "whereas") return true;
    }
    return false;
  }
  // A reporting verb strictly between tokens a and b that is not parenthetical
  // ("..., the minister said, ..."): what follows it is reported speech.
  bool ReportedAfter(size_t a, size_t b) const {
    for (size_t k = a + 1; k < b && k < n(); ++k) {
      std::string_view w = W(k);
      if ((w == "said" || w == "says" || w == "announced" || w == "told" || w == "reported" || w == "stated" ||
           w == "added" || w == "warned" || w == "confirmed") &&
          !Is(k + 1, ","))
        return true;
    }
    return false;
  }
  // "million", "billion" after a number multiply it ("13.8 billion years").
  bool ScaleWord(size_t i, double* v) const {
    if (i >= n() || toks_[i].kind != K_WORD || (toks_[i].w[0] != 'm' && toks_[i].w[0] != 'b')) return false;
    if (Is(i, "million")) *v *= 1e6;
    else if (Is(i, "billion")) *v *= 1e9;
    else return false;
    return true;
  }
  // Tokens a..b-1 are only "at"/"on" and the words of a clock time ("at 7.30pm on").
  bool ClockishBetween(size_t a, size_t b) const {
    for (size_t d = a; d < b; ++d)
      if (!(d < n() && (Is(d, "on") || Is(d, "at") || toks_[d].kind == K_NUM || Is(d, "a.m.") || Is(d, "p.m.") ||
                        Is(d, "am") || Is(d, "pm") || Is(d, "noon") || Is(d, "midnight") || SkipZone(d) != d)))
        return false;
    return true;
  }
  // Tokens a..b-1 are a short noun phrase: words only, no tense cue, no
  // time word ("Paris", "the Lakers").
  bool ShortObject(size_t a, size_t b) const {
    if (a >= b || b > n()) return false;
    for (size_t k = a; k < b; ++k) {
      const Tok& t = toks_[k];
      std::string_view w = t.w;
      if (t.kind != K_WORD || t.nl || (t.lx && w != "the" && w != "a" && w != "an")) return false;
      if (w == "and" || w == "but" || w == "that" || w == "said" || w == "was" || w == "were" || w == "had")
        return false;
      // an object, not a prepositional phrase ("visit to Walter Reed")
      if (k == a && (w == "to" || w == "of" || w == "in" || w == "at" || w == "for" || w == "with" ||
                     w == "from" || w == "by" || w == "into"))
        return false;
    }
    return true;
  }
  // Words between a schedule verb and its day: "meet again", "takes place", "kicks off".
  bool SchedParticle(size_t i) const {
    std::string_view w = W(i);
    return w == "again" || w == "off" || w == "place" || w == "effect" || w == "office" || w == "here" ||
           w == "there" || w == "over";
  }
  // "mornings", "afternoons", "evenings", "nights": a part of the day in the plural.
  int PluralPod(size_t i) const {
    std::string_view w = W(i);
    if (w == "nights") return POD_NI;
    if (w == "mornings") return POD_MO;
    if (w == "afternoons") return POD_AF;
    if (w == "evenings") return POD_EV;
    return 0;
  }
  // "today" meaning nowadays: "as it is today", "as we know it today", "even
  // today", "still today", "we see/observe/live today".
  bool NowadaysToday(size_t i) const {
    if (i < 1) return false;
    std::string_view p1 = W(i - 1), p2 = i >= 2 ? W(i - 2) : std::string_view();
    if (p1 == "even" || (p1 == "still" && p2 != "was" && p2 != "were")) return true;
    if ((p1 == "is" || p1 == "are" || p1 == "exists" || p1 == "exist" || p1 == "stands" || p1 == "stand") &&
        (p2 == "it" || p2 == "they" || p2 == "this" || p2 == "that" || p2 == "things") && i >= 3 && W(i - 3) == "as")
      return true;
    if (p1 == "it" && (p2 == "know" || p2 == "see") && i >= 3 && W(i - 3) == "we") return true;
    if ((p1 == "observe" || p1 == "see" || p1 == "live") && p2 == "we") return true;
    return false;
  }
  // Nouns after "short term" that make it an adjective ("the short term
  // nature of ...", "the long term goal").
  bool TermNoun(size_t i) const {
    std::string_view w = W(i);
    return w == "nature" || w == "goal" || w == "goals" || w == "plan" || w == "plans" || w == "outlook" ||
           w == "interest" || w == "rates" || w == "rate" || w == "debt" || w == "loan" || w == "loans" ||
           w == "memory" || w == "solution" || w == "solutions" || w == "view" || w == "effects" ||
           w == "effect" || w == "impact" || w == "strategy" || w == "care" || w == "contract" || w == "contracts";
  }
  // A year that ends a name inside a sentence: "Farming Simulator 2019",
  // "Football Manager 2020", "Expo 2020" (a capitalized word right before it
  // that is no time word, no function word and not in capitals, as "FY" is).
  bool NameBeforeYear(size_t i) const {
    if (i < 2 || i >= n() || !toks_[i].sp || toks_[i].nl) return false;
    const Tok& p = toks_[i - 1];
    if (p.kind != K_WORD || !p.cap || p.lx || p.sent != toks_[i].sent || p.nl || toks_[i - 2].sent != p.sent)
      return false;
    // ... inside the sentence: after a word or a comma, not after a quotation mark
    if (!(toks_[i - 2].kind == K_WORD || toks_[i - 2].w == ",")) return false;
    if (p.e - p.b > 1 && text_[p.b + 1] >= 'A' && text_[p.b + 1] <= 'Z') return false;  // "FY 2020", "COP 2019"
    static const StringMap<uint8_t>* kFunction = [] {
      auto* m = new StringMap<uint8_t>();
      for (const char* w : {"in", "of", "since", "by", "until", "for", "from", "to", "through", "before", "after",
                            "during", "between", "at", "on", "and", "or", "the", "than", "around", "circa",
                            "about", "copyright", "fiscal", "year", "class", "vintage", "model", "season",
                            "election", "elections", "budget", "census", "report", "edition", "spring", "fall"})
        (*m)[w] = 1;
      return m;
    }();
    return kFunction->Find(p.w) == nullptr;
  }
  // The sentence of token i has words of a game report and none of a
  // financial one (see GameWord).
  bool GameSentence(size_t i) const {
    if (i >= n()) return false;
    uint32_t s = toks_[i].sent;
    size_t a = i, b = i;
    while (a > 0 && toks_[a - 1].sent == s) --a;
    while (b < n() && toks_[b].sent == s) ++b;
    bool game = false;
    for (size_t k = a; k < b; ++k) {
      int g = toks_[k].kind == K_WORD || toks_[k].w == "%" ? GameWord(W(k)) : 0;
      if (g < 0) return false;
      game |= g > 0;
    }
    return game;
  }
  // Nouns after a holiday name that make it a modifier ("Christmas tree").
  bool HolidayThing(size_t i) const {
    static const StringMap<uint8_t>* kThings = [] {
      auto* m = new StringMap<uint8_t>();
      for (const char* w : {"card", "cards", "tree", "trees", "gift", "gifts", "present", "presents", "carol",
                            "carols", "decoration", "decorations", "lights", "song", "songs", "stocking",
                            "stockings", "pudding", "jumper", "jumpers", "sweater", "sweaters", "movie", "movies",
                            "film", "films", "album", "spirit", "market", "markets", "cracker", "crackers",
                            "ornament", "ornaments", "costume", "costumes", "candy", "egg", "eggs", "bunny",
                            "catalogue", "catalog", "cake", "cakes", "cookies", "wreath", "wreaths",
                            "list", "lists", "music", "number", "single", "advert", "ad", "ads", "advertisement"})
        (*m)[w] = 1;
      return m;
    }();
    return i < n() && toks_[i].kind == K_WORD && kThings->Find(W(i)) != nullptr;
  }
  bool PureInt(size_t i) const { return i < n() && toks_[i].kind == K_NUM && toks_[i].n >= 0; }
  // A capitalized word inside a sentence, after a word or a comma: part of a
  // name ("Prime Now", "the People's Daily", "Chime, Varo, Current"). Not at
  // the start of a sentence, a line or a quotation, and not in text in capitals.
  bool MidCapName(size_t i) const {
    if (i == 0 || i >= n() || !toks_[i].cap || toks_[i].nl || toks_[i - 1].sent != toks_[i].sent) return false;
    if (toks_[i].e - toks_[i].b > 1 && text_[toks_[i].b + 1] >= 'A' && text_[toks_[i].b + 1] <= 'Z') return false;
    const Tok& p = toks_[i - 1];
    return p.kind == K_WORD || p.w == ",";
  }

  int ParseMonth(size_t i, size_t* end, bool strict) const;
  int ParseDay(size_t i, size_t* end) const;
  int64_t ParseYear(size_t i, size_t* end) const;
  bool ParseNumber(size_t i, size_t* end, double* v, bool* vague, bool allow_article) const;
  int ParseUnit(size_t i, size_t* end, bool* plural) const;
  bool ParseClock(size_t i, size_t* end, int* hh, int* mm, int* ss, bool* strong) const;
  size_t SkipZone(size_t i) const;

  // ---- rules: each fills c (tb = i) and returns true on a match
  bool RuleNumeric(size_t i, Cand* c);
  bool RuleMonth(size_t i, Cand* c);
  bool RuleDayMonth(size_t i, Cand* c);
  bool RuleWeekday(size_t i, Cand* c);
  bool RuleDeictic(size_t i, Cand* c);
  bool RuleDuration(size_t i, Cand* c);
  bool RuleRelUnit(size_t i, Cand* c);
  bool RuleNamed(size_t i, Cand* c);
  bool RuleWeekOfMonth(size_t i, Cand* c);
  bool RuleVague(size_t i, Cand* c);
  bool RuleSet(size_t i, Cand* c);
  bool RuleClock(size_t i, Cand* c);
  bool Match(size_t i, Cand* best);
  bool RangeDuration(size_t i, Cand* c) const;
  // Whether any rule can start at token i: a number, an apostrophe, or a
  // word of the Lexicon (other words and punctuation never start one).
  bool MayStart(size_t i) const {
    const Tok& t = toks_[i];
    return t.kind == K_NUM || t.apos || (t.kind == K_WORD && t.lx);
  }
  void ExtendLeft(Cand* c, size_t floor);

  // ---- values
  void DateVal(Cand* c, int64_t y, int m, int d) const;
  void MonthDayYear(Cand* c, size_t i, size_t after, int m, int d) const;
  int64_t YearForMonth(int m, int d, int dir) const;
  int64_t WeekdayDays(int wd, int dir, int mod) const;
  void Unresolved(Cand* c, std::string v) const {
    c->value = std::move(v);
    c->unres = true;
  }
  std::string ShiftRef(std::string_view ref, int unit, double n, int sign, bool keep_gran) const;
  bool AttachDate(size_t i, size_t* end, std::string* date) ;  // ", Nov. 6" / "Tuesday" after a clock time

  std::string_view text_;
  std::string lower_;
  std::vector<Tok> toks_;
  struct Cue { uint32_t tok; int8_t dir; };
  std::vector<Cue> cues_;
  std::vector<uint32_t> sent_cue_begin_;  // per sentence, index into cues_
  bool dct_ok_ = false;
  int64_t dy_ = 0;
  int dm_ = 0, dd_ = 0;
  int64_t dday_ = 0;
  std::string ref_;  // the latest resolved date value (reference time)
  std::string last_quarter_;  // the latest resolved quarter ("1989-Q3")
};

// ---- tokenization ----------------------------------------------------------------

void Annotator::Tokenize() {
  lower_.assign(text_.data(), text_.size());
  for (char& ch : lower_) ch = Lower(ch);
  const auto& lex = Lexicon();
  const size_t len = text_.size();
  toks_.reserve(len / 5 + 4);
  bool sp = true, nl = true;
  size_t i = 0;
  while (i < len) {
    unsigned char ch = static_cast<unsigned char>(text_[i]);
    if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v') {
      sp = true;
      if (ch == '\n') nl = true;
      ++i;
      continue;
    }
    // Unicode spaces: no-break, thin, narrow no-break ("5\u202Fp.m.") ...
    if (ch >= 0xC2) {
      if (size_t k = SpaceBytes(text_, i)) {
        sp = true;
        if (k == 3 && static_cast<unsigned char>(text_[i + 2]) >= 0xA8 &&
            static_cast<unsigned char>(text_[i + 2]) <= 0xA9 && static_cast<unsigned char>(text_[i + 1]) == 0x80)
          nl = true;  // U+2028 LINE / U+2029 PARAGRAPH SEPARATOR
        i += k;
        continue;
      }
    }
    // Built in place: a Tok assembled on the stack and copied in stalled on
    // store forwarding.
    Tok& t = toks_.emplace_back();
    t.b = static_cast<uint32_t>(i);
    t.sp = sp;
    t.nl = nl;
    sp = nl = false;
    size_t j = i;
    if (IsDigit(static_cast<char>(ch))) {
      t.kind = K_NUM;
      while (j < len && IsDigit(text_[j])) ++j;
      while (j + 1 < len && (text_[j] == '/' || text_[j] == '.' || text_[j] == ':' || text_[j] == ',' ||
                             text_[j] == '-') &&
             IsDigit(text_[j + 1])) {
        ++j;
        while (j < len && IsDigit(text_[j])) ++j;
      }
      size_t digend = j;
      while (j < len && IsAlpha(static_cast<unsigned char>(text_[j]))) ++j;
      t.dig = static_cast<uint8_t>(std::min<size_t>(255, digend - i));
      // Pure integer (digits with optional thousands commas).
      int64_t v = 0;
      bool pure = j == digend;
      size_t nd = 0;
      for (size_t k = i; k < digend && pure; ++k) {
        char c = text_[k];
        if (c == ',') continue;
        if (!IsDigit(c)) { pure = false; break; }
        if (++nd > 15) { pure = false; break; }
        v = v * 10 + (c - '0');
      }
      // Leading digits value for tokens like "1990s", "6am", "1st".
      int64_t lead = 0;
      size_t ld = 0;
      for (size_t k = i; k < digend && IsDigit(text_[k]) && ld < 15; ++k, ++ld) lead = lead * 10 + (text_[k] - '0');
      t.n = pure ? v : -1;
      if (!pure && ld == digend - i) t.n = -2 - lead;  // digits + letter suffix: store -(2+lead)
    } else if (IsAlpha(ch) || ch >= 0x80) {
      if (ch >= 0x80) {
        // General punctuation (U+2000-U+206F: dashes, curly quotes) is punctuation.
        if (ch == 0xE2 && i + 2 < len && static_cast<unsigned char>(text_[i + 1]) == 0x80) {
          unsigned char c3 = static_cast<unsigned char>(text_[i + 2]);
          t.kind = K_PUNCT;
          t.apos = c3 == 0x98 || c3 == 0x99;
          t.e = static_cast<uint32_t>(i + 3);
          t.w = std::string_view(lower_).substr(i, 3);
          i += 3;
          continue;
        }
      }
      t.kind = K_WORD;
      t.cap = ch >= 'A' && ch <= 'Z';
      // a.m. / p.m.
      if ((ch | 0x20) == 'a' || (ch | 0x20) == 'p') {
        if (i + 2 < len && text_[i + 1] == '.' && (text_[i + 2] | 0x20) == 'm' &&
            (i + 3 >= len || !IsAlpha(static_cast<unsigned char>(text_[i + 3])))) {
          j = i + 3;
          if (j < len && text_[j] == '.') ++j;
          t.e = static_cast<uint32_t>(j);
          t.w = std::string_view(lower_).substr(i, j - i);
          i = j;
          continue;
        }
      }
      while (j < len) {
        j = ascii::SkipLetters(text_.data(), j, len);
        if (j >= len) break;
        unsigned char c = static_cast<unsigned char>(text_[j]);
        if (c >= 0x80) {
          if (c == 0xE2 && j + 1 < len && static_cast<unsigned char>(text_[j + 1]) == 0x80) break;
          if (SpaceBytes(text_, j)) break;
          ++j;
          continue;
        }
        break;
      }
      if (j == i) j = i + 1;  // a stray byte (truncated sequence): one token, always progress
    } else {
      t.kind = K_PUNCT;
      t.apos = ch == '\'' || ch == '`';
      j = i + 1;
    }
    t.e = static_cast<uint32_t>(j);
    t.w = std::string_view(lower_).substr(i, j - i);
    if (t.kind == K_WORD) {
      t.lx = lex.Find(t.w);
    }
    i = j;
  }
  // Sentences: split after . ! ? when the next token starts a new line or a
  // capitalized word; a blank line always splits.
  uint32_t s = 0;
  static constexpr std::string_view kAbbr[] = {"mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "st", "jan", "feb",
                                "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                                "lt", "col", "maj", "capt", "sgt", "corp", "inc", "co", "ltd", "no",
                                "vs", "prof", "rev", "jr", "sr", "u", "s"};
  for (size_t k = 0; k < toks_.size(); ++k) {
    Tok& t = toks_[k];
    if (k > 0) {
      const Tok& p = toks_[k - 1];
      bool split = false;
      if (t.nl && p.e < t.b) {
        // blank line?
        int newlines = 0;
        for (size_t q = p.e; q < t.b; ++q) newlines += text_[q] == '\n';
        if (newlines >= 2) split = true;
      }
      if (!split && p.kind == K_PUNCT && (p.w == "." || p.w == "!" || p.w == "?") && t.sp &&
          (t.cap || t.nl || t.kind == K_PUNCT)) {
        split = true;
        if (p.w == "." && k >= 2 && toks_[k - 2].kind == K_WORD && !toks_[k - 2].sp == false) {
          std::string_view pw = toks_[k - 2].w;
          for (std::string_view a : kAbbr)
            if (pw == a) { split = false; break; }
          if (pw.size() == 1) split = false;
        }
      }
      if (split) ++s;
    }
    t.sent = s;
  }
}

// Tense cues: +1 future, -1 past.
void Annotator::ComputeCues() {
  static const StringMap<int8_t>* kCues = [] {
    auto* m = new StringMap<int8_t>();
    for (const char* w : {"will", "shall", "ll", "going", "scheduled", "tomorrow", "next", "upcoming",
                          "set", "due", "slated", "planned", "plans", "planning", "plan", "expected",
                          "expects", "expect", "intends", "intend", "aims", "hopes", "would"})
      (*m)[w] = 1;
    for (const char* w : {"said", "was", "were", "had", "did", "ago", "last", "yesterday", "told", "went",
                          "came", "took", "made", "gave", "began", "met", "held", "won", "lost", "rose", "fell",
                          "left", "saw", "got", "became", "paid", "sold", "bought", "hit", "kept", "led", "ran",
                          "sent", "spent", "brought", "thought", "found", "struck", "shot", "fought", "chose",
                          "wrote", "spoke", "broke", "drove", "flew", "grew", "knew", "threw", "wore", "been",
                          "earlier", "sought", "stood", "fled", "felt", "heard", "meant", "quit", "cut", "rang",
                          "told", "says", "tried", "died", "occurred", "reported", "announced", "ended",
                          "posted", "slid", "sank", "shut", "swore", "woke", "ate", "arose", "underwent", "overtook"})
      (*m)[w] = -1;
    for (const char* w : {"said", "told", "added", "reported", "announced", "stated", "noted", "according"})
      (*m)[w] = -2;
    (*m)["says"] = 0;
    // Present-tense schedule verbs: "meet Monday", "begins Tuesday", "takes
    // effect Friday" (a timetable). They count only right next to the expression.
    for (const char* w : {"meet", "meets", "begin", "begins", "start", "starts", "open", "opens", "resume",
                          "resumes", "arrive", "arrives", "visit", "visits", "leave", "leaves", "return",
                          "returns", "travel", "travels", "head", "heads", "expire", "expires", "vote", "votes",
                          "convene", "convenes", "reopen", "reopens", "kick", "kicks", "take", "takes",
                          "host", "hosts", "face", "faces", "launch", "launches", "premieres", "debuts", "airs"})
      (*m)[w] = 3;
    return m;
  }();
  const size_t nt = toks_.size();
  uint32_t cur = static_cast<uint32_t>(-1);
  for (size_t k = 0; k < nt; ++k) {
    const Tok& t = toks_[k];
    while (cur == static_cast<uint32_t>(-1) || cur < t.sent) {
      cur = cur == static_cast<uint32_t>(-1) ? 0 : cur + 1;
      sent_cue_begin_.push_back(static_cast<uint32_t>(cues_.size()));
      if (cur >= t.sent) break;
    }
    if (t.kind != K_WORD || t.w.size() < 2) continue;
    int8_t dir = 0;
    if (const int8_t* cue = kCues->Find(t.w)) {
      dir = *cue;
      if (t.w == "ll" && !(k > 0 && toks_[k - 1].apos)) dir = 0;
      if (t.w == "won" && k + 2 < nt && toks_[k + 1].apos && toks_[k + 2].w == "t") dir = 1;
      if (t.w == "going" && !Is(k + 1, "to")) dir = 0;
      if ((t.w == "next" || t.w == "last") && Is(k + 1, "to")) dir = 0;  // "next to the embassy"
      // "were planning to", "was expected to": the auxiliary is not the tense of the plan
      if ((t.w == "was" || t.w == "were") && k + 2 < nt &&
          (toks_[k + 1].w == "planning" || toks_[k + 1].w == "going" || toks_[k + 1].w == "expected" ||
           toks_[k + 1].w == "scheduled" || toks_[k + 1].w == "due" || toks_[k + 1].w == "set") &&
          toks_[k + 2].w == "to")
        dir = 0;
      if ((t.w == "plan" || t.w == "due" || t.w == "set" || t.w == "expected" || t.w == "expects" ||
           t.w == "expect" || t.w == "intends" || t.w == "intend" || t.w == "aims" || t.w == "hopes") &&
          !Is(k + 1, "to"))
        dir = 0;
      // "vacation plans", "the hastily planned trip": a noun or an adjective, not an intention
      if (t.w == "plans" && !Is(k + 1, "to")) dir = 0;
      if ((t.w == "planned" || t.w == "scheduled") && !Is(k + 1, "to") && !Is(k + 1, "for") && k > 0 &&
          !(toks_[k - 1].w == "is" || toks_[k - 1].w == "are" || toks_[k - 1].w == "was" ||
            toks_[k - 1].w == "were" || toks_[k - 1].w == "be" || toks_[k - 1].w == "been" ||
            toks_[k - 1].w == "has" || toks_[k - 1].w == "have"))
        dir = 0;
      // "as (previously) planned" is a participle, not an intention.
      if ((t.w == "planned" || t.w == "scheduled") && k > 0 &&
          (toks_[k - 1].w == "as" || toks_[k - 1].w == "previously" || toks_[k - 1].w == "originally") &&
          !Is(k + 1, "to") && !Is(k + 1, "for"))
        dir = 0;
      // "had been due to", "had been scheduled to": a plan in the past.
      if (dir == 1 && k >= 2 && (toks_[k - 1].w == "had" || (toks_[k - 1].w == "been" && toks_[k - 2].w == "had")))
        dir = -1;
    } else if (!t.cap && t.w.size() >= 5 && t.w.substr(t.w.size() - 2) == "ed" &&
               t.w.substr(t.w.size() - 3) != "eed") {
      dir = -3;  // a regular past form or a participle: weaker than auxiliaries
    }
    // Participles after "be"/"to" ("will be held", "is expected") are not past tense.
    if ((dir == -1 || dir == -3) && k > 0 && t.w != "said" && t.w != "was" && t.w != "were" && t.w != "had" && t.w != "did") {
      std::string_view pw = toks_[k - 1].w;
      // ... nor are bare verbs after a modal ("would cut", "could hit", "must quit").
      if (pw == "be" || pw == "being" || pw == "is" || pw == "are" || pw == "am" || pw == "to" || pw == "will" ||
          pw == "would" || pw == "could" || pw == "should" || pw == "might" || pw == "may" || pw == "must" ||
          pw == "can" || pw == "cannot" || pw == "shall" ||
          pw == "stay" || pw == "stays" || pw == "remain" || pw == "remains")  // "will stay closed until Tuesday"
        dir = 0;
    }
    // "the US Open in September", "Meet the Press": names; but a schedule verb
    // may start a sentence, a line or a listing after a colon ("Lakers: Visit
    // the Thunder on Friday")
    if (dir == 3 && t.cap &&
        !(k == 0 || t.nl || toks_[k - 1].sent != t.sent || toks_[k - 1].w == ":"))
      dir = 0;
    if (dir == 3 && (t.w == "take" || t.w == "takes") &&
        !(Is(k + 1, "place") || Is(k + 1, "effect") || Is(k + 1, "office") || Is(k + 1, "over")))
      dir = 0;
    // "results are due on Tuesday", "is due by Friday", "a verdict is expected
    // Monday": a schedule
    if ((t.w == "due" || t.w == "expected") && k > 0 &&
        (toks_[k - 1].w == "is" || toks_[k - 1].w == "are" || toks_[k - 1].w == "s") &&
        (Is(k + 1, "on") || Is(k + 1, "by") || Is(k + 1, "in") || Is(k + 1, "at") || Is(k + 1, "next") ||
         (L(k + 1) && (L(k + 1)->wday > 0 || L(k + 1)->month > 0))))
      dir = 3;
    if (dir == 3 && k > 0 &&
        (toks_[k - 1].w == "did" || toks_[k - 1].w == "not" || toks_[k - 1].w == "t" || toks_[k - 1].w == "never" ||
         toks_[k - 1].w == "to" || toks_[k - 1].w == "would" || toks_[k - 1].w == "could" ||
         toks_[k - 1].w == "might" || toks_[k - 1].w == "should"))
      dir = 0;  // "did not meet Monday"; "had been due to expire Friday"; "would leave on Oct. 31": the governing verb decides
    // "Trump's visit on Saturday", "the launch on Tuesday": a noun, not a schedule
    if (dir == 3 && k > 0 &&
        ((toks_[k - 1].w == "s" && k > 1 && toks_[k - 2].apos) || toks_[k - 1].w == "the" || toks_[k - 1].w == "a" ||
         toks_[k - 1].w == "an" || toks_[k - 1].w == "his" || toks_[k - 1].w == "her" || toks_[k - 1].w == "their" ||
         toks_[k - 1].w == "its" || toks_[k - 1].w == "our" || toks_[k - 1].w == "this" || toks_[k - 1].w == "that"))
      dir = 0;
    // "the launch day is Tuesday", "the vote is on Monday", "kick-off is at
    // 7.30pm on Saturday": a schedule
    if (dir == 0 && (t.w == "is" || t.w == "are")) {
      size_t d = k + 1;
      while (d < nt && d <= k + 6 && ClockishBetween(d, d + 1)) ++d;
      if (L(d) && L(d)->wday > 0 && toks_[d].cap) dir = 3;
    }
    if (dir != 0) cues_.push_back({static_cast<uint32_t>(k), dir});
  }
  uint32_t last_sent = nt ? toks_[nt - 1].sent : 0;
  while (sent_cue_begin_.size() < static_cast<size_t>(last_sent) + 2)
    sent_cue_begin_.push_back(static_cast<uint32_t>(cues_.size()));
}

// Direction of time reference at token i from the nearest tense cue in its
// sentence: -1 past, +1 future, 0 none.
int Annotator::Dir(size_t i, bool* adjacent) const {
  if (adjacent) *adjacent = false;
  if (i >= n()) return 0;
  uint32_t s = toks_[i].sent;
  if (s + 1 >= sent_cue_begin_.size()) return 0;
  uint32_t a = sent_cue_begin_[s], b = sent_cue_begin_[s + 1];
  // Reporting verbs ("said") are weak cues: they give the tense of the report,
  // not of the reported event, and count only when nothing else does.
  // Classes, strongest first: auxiliaries and irregular forms; -ed forms;
  // reporting verbs.
  // A cue right next to the expression ("said Friday", "said on Friday",
  // "met Monday") is about it, whatever its class.
  {
    int best = 0;
    int64_t bestd = INT64_MAX;
    for (uint32_t k = a; k < b; ++k) {
      int64_t d = static_cast<int64_t>(cues_[k].tok) - static_cast<int64_t>(i);
      // "meets again on Sunday", "takes place on Saturday", "kicks off on Friday":
      // a particle between a schedule verb and "on" counts as next to it.
      if (cues_[k].dir == 3 && d == -3 && Is(i - 1, "on") && SchedParticle(i - 2)) d = -2;
      // "kick-off is at 7.30pm on Saturday": only a clock time between "is" and the day
      if (cues_[k].dir == 3 && d < -2 && d >= -7 && (W(cues_[k].tok) == "is" || W(cues_[k].tok) == "are") &&
          ClockishBetween(cues_[k].tok + 1, i))
        d = -2;
      // "visits Paris on Friday", "hosts the Lakers on Friday": a short object
      // between a schedule verb and "on"
      if (cues_[k].dir == 3 && d >= -5 && d <= -3 && Is(i - 1, "on") && ShortObject(cues_[k].tok + 1, i - 1))
        d = -2;
      // "said late on Tuesday", "said earlier on Monday": the verb is still next to the day
      if (d == -3 && Is(i - 1, "on") &&
          (Is(i - 2, "late") || Is(i - 2, "early") || Is(i - 2, "earlier") || Is(i - 2, "later")))
        d = -2;
      if (d < -2 || d > 1 || d == 0) continue;
      // "meet separately Monday": an adverb between a schedule verb and the weekday
      bool adv = cues_[k].dir == 3 && i > 0 &&
                 ((W(i - 1).size() > 3 && W(i - 1).substr(W(i - 1).size() - 2) == "ly") || SchedParticle(i - 1));
      if (d == -2 && !(Is(i - 1, "on") || Is(i - 1, "by") || Is(i - 1, "until") || Is(i - 1, "in") || adv)) continue;
      // "postponed until Tuesday", "delayed until March": put off to a later time
      if (d == -2 && (Is(i - 1, "until") || Is(i - 1, "till"))) {
        std::string_view v = W(cues_[k].tok);
        if (v == "postponed" || v == "delayed" || v == "deferred" || v == "adjourned" || v == "extended" ||
            v == "suspended" || v == "pushed" || v == "put")
          return 1;
      }
      int64_t ad = d < 0 ? -d * 2 : d * 2 + 1;
      if (ad < bestd) {
        bestd = ad;
        best = cues_[k].dir > 0 ? 1 : -1;
        // The tense of the expression's own verb ("was introduced in January",
        // "opened on March 3", "is expected in April") is a firm cue; reporting
        // verbs are not.
        if (adjacent) *adjacent = cues_[k].dir == -1 || cues_[k].dir == -3 || cues_[k].dir == 1 || cues_[k].dir == 3;
      }
    }
    if (best) return best;
  }
  // Deadlines and starts: "by August", "until Tuesday", "through January",
  // "effective Feb. 1", "payable Jan. 2", "as soon as Tuesday".
  if (i > 0 && toks_[i - 1].w == "since") return -1;  // "on patrol since March"
  // Not in the past perfect ("had filed reports by Wednesday").
  bool pluperfect = false;
  // Only a "had" of the expression's own clause counts: "the sale, which had
  // been expected, is part of a program to pay down the loan by February".
  for (uint32_t k = a; k < b; ++k)
    if (toks_[cues_[k].tok].w == "had" && (cues_[k].tok < i ? i - cues_[k].tok : cues_[k].tok - i) <= 10)
      pluperfect = true;
  // ... also over a clock time: "until 9 a.m. EST Tuesday"
  size_t j = i;
  while (j > 0 && i - j < 5 &&
         (toks_[j - 1].kind == K_NUM || toks_[j - 1].w == "a.m." || toks_[j - 1].w == "p.m." ||
          toks_[j - 1].w == "a.m" || toks_[j - 1].w == "p.m" || toks_[j - 1].w == "est" || toks_[j - 1].w == "edt" ||
          toks_[j - 1].w == "gmt" || toks_[j - 1].w == "noon" || toks_[j - 1].w == "midnight"))
    --j;
  if (j > 0 && !pluperfect) {
    std::string_view pw = toks_[j - 1].w;
    if (pw == "until" || pw == "till" || pw == "by" || pw == "through" || pw == "effective" || pw == "payable" ||
        (pw == "as" && j > 2 && toks_[j - 2].w == "soon") || (pw == "of" && j > 1 && toks_[j - 2].w == "ahead"))
      return 1;  // ... and "ahead of the weekend", "ahead of Monday's vote"
  }
  for (int pass = 0; pass < 3; ++pass) {
    int best = 0;
    int64_t bestd = INT64_MAX;
    for (uint32_t k = a; k < b; ++k) {
      int dir = cues_[k].dir;
      if (dir == 3) continue;  // schedule verbs count only next to the expression
      int cls = (dir == 2 || dir == -2) ? 2 : 0;
      if (cls != pass) continue;
      int64_t d = static_cast<int64_t>(cues_[k].tok) - static_cast<int64_t>(i);
      // "In August, the agency announced that it would ...": a cue after a
      // reporting verb that follows the expression is the tense of what was
      // reported; the reporting verb's own tense is the expression's.
      if (d > 0 && pass == 0 && ReportedAfter(i, cues_[k].tok)) continue;
      int64_t ad = d < 0 ? -d * 2 : d * 2 + 1;  // prefer the left cue on ties
      // A cue across a coordinated clause ("rejected the deal on Tuesday and is
      // due to vote again"; "there was ..., but we fly out on Thursday")
      // belongs to that clause: a far second choice.
      if (d > 0 ? ClauseBreak(i + 1, cues_[k].tok) : ClauseBreak(cues_[k].tok + 1, i)) ad += 1000;
      if (ad < bestd) {
        bestd = ad;
        best = dir > 0 ? 1 : -1;
      }
    }
    if (best) return best;
  }
  return 0;
}

// A capitalized time unit inside a sentence ("This Week", "60 Minutes", "High
// Noon") names a programme or a film, not a time. "Day" is left alone (Election
// Day, Christmas Day), and so is text in capitals.
// A capitalized time word inside a sentence before another capitalized word
// that is no time word ("The Daily Mail", "the Summer Olympics", "Winter
// Games") is part of a name.
bool Annotator::InName(size_t k) const {
  if (k == 0 || k + 1 >= n() || !toks_[k].cap || !toks_[k + 1].cap || toks_[k + 1].kind != K_WORD) return false;
  if (toks_[k].nl || toks_[k + 1].nl || toks_[k - 1].sent != toks_[k].sent) return false;
  if (toks_[k + 1].lx) return false;  // "Summer 2012", "Monday March 3"
  const char* e = text_.data() + toks_[k].b;
  if (toks_[k].e - toks_[k].b > 1 && e[1] >= 'A' && e[1] <= 'Z') return false;  // text in capitals
  return true;
}

bool Annotator::TitleWord(size_t b, size_t k) const {
  const Tok& t = toks_[k];
  if (!t.cap || k == 0 || !t.lx) return false;
  if (!(t.lx->unit || t.w == "noon" || t.w == "midnight") || t.lx->unit == U_DAY) return false;
  if (t.e - t.b > 1 && text_[t.b + 1] >= 'A' && text_[t.b + 1] <= 'Z') return false;  // "WEEK"
  // An expression that starts a sentence or a line may be capitalized ("Next Week: ...").
  return !(b == 0 || toks_[b].nl || toks_[b - 1].sent != toks_[b].sent);
}

// A future cue ("will", "is expected to") within `span` tokens from i in i's sentence.
bool Annotator::FutureAfter(size_t i, size_t span) const {
  if (i >= n()) return false;
  uint32_t s = toks_[i].sent;
  if (s + 1 >= sent_cue_begin_.size()) return false;
  for (uint32_t k = sent_cue_begin_[s]; k < sent_cue_begin_[s + 1]; ++k)
    if (cues_[k].tok >= i && cues_[k].tok < i + span && cues_[k].dir == 1) return true;
  return false;
}

// ---- small parsers ---------------------------------------------------------------

int Annotator::ParseMonth(size_t i, size_t* end, bool strict) const {
  const Lex* lx = L(i);
  if (!lx || lx->month <= 0) return 0;
  const Tok& t = toks_[i];
  if (!t.cap && strict) return 0;
  size_t e = i + 1;
  if (lx->month_abbr) {
    if (Is(e, ".") && !toks_[e].sp) ++e;
    else if (strict && !(PureInt(e))) return 0;
  }
  *end = e;
  return lx->month;
}

int Annotator::ParseDay(size_t i, size_t* end) const {
  if (i >= n()) return 0;
  const Tok& t = toks_[i];
  if (t.kind == K_NUM) {
    if (t.n >= 1 && t.n <= 31 && t.dig <= 2) {
      *end = i + 1;
      return static_cast<int>(t.n);
    }
    // a range of days, "January 5-6", "5-6 January": the first day
    if (t.n == -1 && t.dig >= 3 && t.dig <= 5 && t.w.size() == t.dig) {
      size_t dash = t.w.find('-');
      if (dash != std::string_view::npos && dash >= 1 && dash <= 2 && t.dig - dash - 1 >= 1 &&
          t.dig - dash - 1 <= 2) {
        int a = 0, b = 0;
        for (size_t k = 0; k < dash; ++k) a = a * 10 + (t.w[k] - '0');
        for (size_t k = dash + 1; k < t.w.size(); ++k) b = b * 10 + (t.w[k] - '0');
        if (a >= 1 && b <= 31 && a < b) {
          *end = i + 1;
          return a;
        }
      }
    }
    if (t.n <= -3 && t.dig <= 2) {  // 1st 2nd 3rd 19th
      std::string_view suf = t.w.substr(t.dig);
      if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") {
        int v = static_cast<int>(-2 - t.n);
        if (v >= 1 && v <= 31) {
          *end = i + 1;
          return v;
        }
      }
    }
    return 0;
  }
  if (t.lx && t.lx->ord > 0) {
    *end = i + 1;
    return t.lx->ord;
  }
  // twenty-first, thirty-first
  if (t.lx && (t.lx->num == 20 || t.lx->num == 30) && Hyph(i + 1) && L(i + 2) && L(i + 2)->ord > 0 &&
      L(i + 2)->ord < 10) {
    *end = i + 3;
    return t.lx->num + L(i + 2)->ord;
  }
  return 0;
}

int64_t Annotator::ParseYear(size_t i, size_t* end) const {
  if (i >= n()) return -1;
  const Tok& t = toks_[i];
  if (t.kind == K_NUM && t.n >= 1000 && t.n <= 2999 && t.dig == 4 && t.w.size() == 4) {
    // "1945 GMT", "2000 BST": a 24-hour clock time, not a year
    if (t.n / 100 <= 23 && t.n % 100 <= 59 && SkipZone(i + 1) != i + 1) return -1;
    *end = i + 1;
    return t.n;
  }
  // spoken years: "nineteen ninety-six", "nineteen eighty", "two thousand (and) one"
  if (t.lx && (t.lx->num == 19 || t.lx->num == 18 || t.lx->num == 20) && t.kind == K_WORD) {
    int64_t cent = t.lx->num * 100;
    const Lex* nx = L(i + 1);
    if (nx && nx->num >= 20 && nx->num <= 90 && nx->num % 10 == 0) {
      int64_t y = cent + nx->num;
      size_t e = i + 2;
      size_t k = Hyph(e) ? e + 1 : e;
      if (L(k) && L(k)->num >= 1 && L(k)->num <= 9) { y += L(k)->num; e = k + 1; }
      *end = e;
      return y;
    }
    if (nx && nx->num >= 10 && nx->num <= 19) { *end = i + 2; return cent + nx->num; }
    if (Is(i + 1, "hundred")) { *end = i + 2; return cent; }
  }
  if (t.lx && t.lx->num == 2 && Is(i + 1, "thousand")) {
    size_t e = i + 2;
    size_t k = Is(e, "and") ? e + 1 : e;
    if (L(k) && L(k)->num >= 1 && L(k)->num <= 19) { *end = k + 1; return 2000 + L(k)->num; }
    *end = e;
    return 2000;
  }
  // '98
  if (t.apos && PureInt(i + 1) && toks_[i + 1].dig == 2 && !toks_[i + 1].sp) {
    int64_t yy = toks_[i + 1].n;
    int64_t base = dct_ok_ ? dy_ : 2000;
    int64_t y = (base / 100) * 100 + yy;
    if (y > base + 20) y -= 100;
    *end = i + 2;
    return y;
  }
  return -1;
}

bool Annotator::ParseNumber(size_t i, size_t* end, double* v, bool* vague, bool allow_article) const {
  if (i >= n()) return false;
  const Tok& t = toks_[i];
  *vague = false;
  if (t.kind == K_NUM) {
    if (t.n >= 0) {
      *v = static_cast<double>(t.n);
      *end = i + 1;
      if (ScaleWord(i + 1, v)) {
        *end = i + 2;
        return true;
      }
      // "5 1/2 hours"
      if (i + 1 < n() && toks_[i + 1].sp) {
        std::string_view f = toks_[i + 1].w;
        double fr = f == "1/2" ? 0.5 : f == "1/4" ? 0.25 : f == "3/4" ? 0.75 : 0;
        if (fr > 0) {
          *v += fr;
          *end = i + 2;
        }
      }
      return true;
    }
    // decimal 1.5
    size_t dot = t.w.find('.');
    if (t.n == -1 && dot != std::string_view::npos && dot > 0 && dot + 1 < t.w.size() && t.dig == t.w.size()) {
      bool ok = true;
      for (size_t k = 0; k < t.w.size(); ++k) ok &= k == dot || IsDigit(t.w[k]);
      if (ok) {
        *v = std::strtod(std::string(t.w).c_str(), nullptr);
        *end = i + 1;
        if (ScaleWord(i + 1, v)) *end = i + 2;  // "13.8 billion"
        return true;
      }
    }
    return false;
  }
  if (t.kind != K_WORD) return false;
  std::string_view w = t.w;
  if (allow_article && (w == "a" || w == "an")) {
    if (Is(i + 1, "few")) { *vague = true; *end = i + 2; *v = 0; return true; }
    if (Is(i + 1, "couple") && Is(i + 2, "of")) { *v = 2; *end = i + 3; return true; }
    if (Is(i + 1, "couple")) { *v = 2; *end = i + 2; return true; }
    if (Is(i + 1, "dozen")) { *v = 12; *end = i + 2; return true; }
    if (Is(i + 1, "number") && Is(i + 2, "of")) { *vague = true; *end = i + 3; *v = 0; return true; }
    if (Is(i + 1, "hundred")) { *v = 100; *end = i + 2; return true; }
    if (Is(i + 1, "thousand")) { *v = 1000; *end = i + 2; return true; }
    *v = 1;
    *end = i + 1;
    return true;
  }
  if (w == "several" || w == "few" || w == "many" || w == "some" || w == "numerous") {
    *vague = true; *v = 0; *end = i + 1; return true;
  }
  if ((w == "dozens" || w == "hundreds" || w == "thousands" || w == "millions" || w == "billions") &&
      Is(i + 1, "of")) {
    *vague = true; *v = 0; *end = i + 2; return true;
  }
  if (w == "couple" && Is(i + 1, "of")) { *v = 2; *end = i + 2; return true; }
  if (!t.lx || t.lx->num < 0) return false;
  int64_t val = t.lx->num;
  size_t e = i + 1;
  if (val >= 20 && val <= 90 && val % 10 == 0) {
    size_t k = Hyph(e) ? e + 1 : e;
    if (L(k) && L(k)->num >= 1 && L(k)->num <= 9) {
      val += L(k)->num;
      e = k + 1;
    }
  }
  if (val == 100 || val == 1000 || val == 12) {
    if (val == 12 && toks_[i].w != "dozen") {
    } else if (val != 12) {
      // bare "hundred" only after a number (handled below)
    }
  }
  if (Is(e, "hundred")) { val *= 100; ++e; if (Is(e, "and") && L(e + 1) && L(e + 1)->num > 0 && L(e + 1)->num < 100) { val += L(e + 1)->num; e += 2; } }
  if (Is(e, "thousand")) { val *= 1000; ++e; }
  if (t.w == "hundred" || t.w == "thousand") return false;
  *v = static_cast<double>(val);
  *end = e;
  return true;
}

int Annotator::ParseUnit(size_t i, size_t* end, bool* plural) const {
  const Lex* lx = L(i);
  if (!lx || !lx->unit) return 0;
  *plural = lx->unit_plural;
  *end = i + 1;
  return lx->unit;
}

// hh:mm[:ss] [a.m.|p.m.] or h a.m. ; strong = clearly a clock time.
bool Annotator::ParseClock(size_t i, size_t* end, int* hh, int* mm, int* ss, bool* strong) const {
  if (i >= n()) return false;
  const Tok& t = toks_[i];
  *mm = 0;
  *ss = -1;
  *strong = false;
  size_t e = i + 1;
  int h = -1;
  std::string_view suffix;
  if (t.kind == K_NUM) {
    std::string_view w = t.w;
    size_t p = 0;
    auto rd = [&](int* out) {
      int v = 0, nd = 0;
      while (p < w.size() && IsDigit(w[p]) && nd < 3) { v = v * 10 + (w[p] - '0'); ++p; ++nd; }
      *out = v;
      return nd;
    };
    // "1945 GMT", "0830 local time": four digits of a 24-hour clock before a time zone
    // (not the same time restated in brackets: "10:35 a.m. (0735 GMT)")
    if (w.size() == 4 && t.dig == 4 && t.n >= 0 && t.n / 100 <= 23 && t.n % 100 <= 59 && SkipZone(e) != e &&
        !(i > 0 && Is(i - 1, "("))) {
      *hh = static_cast<int>(t.n / 100);
      *mm = static_cast<int>(t.n % 100);
      *end = e;
      *strong = true;
      return true;
    }
    int nd = rd(&h);
    if (nd == 0 || nd > 2) return false;
    if (p < w.size() && (w[p] == ':' || w[p] == '.')) {
      bool colon = w[p] == ':';
      ++p;
      int m2 = 0;
      if (rd(&m2) != 2 || m2 > 59) return false;
      *mm = m2;
      if (p < w.size() && w[p] == ':') {
        ++p;
        int s2 = 0;
        if (rd(&s2) != 2 || s2 > 59) return false;
        *ss = s2;
      }
      if (colon) *strong = (p == w.size() && h <= 23) ? *strong : *strong;
      if (!colon) {  // 7.30 needs am/pm, or a time zone after a 24-hour time ("17.30 GMT")
        suffix = w.substr(p);
        bool zone = suffix.empty() && h <= 23 && p == w.size() && SkipZone(e) != e;
        if (suffix.empty() && !zone &&
            !(Is(e, "a.m.") || Is(e, "p.m.") || Is(e, "a.m") || Is(e, "p.m") || Is(e, "am") || Is(e, "pm")))
          return false;
        if (zone) {
          *hh = h;
          *end = e;
          *strong = true;
          return true;
        }
      }
    }
    suffix = w.substr(p);
    // "6am", "10pm"; not "2p" (pence) nor the "2P" of "P2P"
    if (!suffix.empty() && suffix != "am" && suffix != "pm") return false;
    if (!suffix.empty() && i > 0 && !t.sp && toks_[i - 1].kind == K_WORD) return false;
  } else if (t.lx && t.lx->num >= 1 && t.lx->num <= 12) {
    h = t.lx->num;
    // "six o'clock", "four in the morning" handled here
    if (Is(e, "o") && toks_[e + 1 < n() ? e + 1 : e].apos && Is(e + 2, "clock")) {
      *hh = h;
      *end = e + 3;
      *strong = true;
      if (Is(*end, "a.m.") || Is(*end, "a.m")) ++*end;
      else if (Is(*end, "p.m.") || Is(*end, "p.m")) { *hh = h % 12 + 12; ++*end; }
      return true;
    }
    if (!(Is(e, "a.m.") || Is(e, "p.m.") || Is(e, "a.m") || Is(e, "p.m")) && !PodAfter(e)) return false;
  } else {
    return false;
  }
  // "four in the morning", "at 10 in the evening": RuleClock applies the part of the day
  if (h >= 1 && h <= 12 && suffix.empty() && (t.kind != K_NUM || t.n == h) && PodAfter(e)) {
    *hh = h;
    *end = e;
    *strong = true;
    return true;
  }
  if (h > 24) return false;
  bool pm = false, am = false;
  if (suffix == "am" || suffix == "a") am = true;
  if (suffix == "pm" || suffix == "p") pm = true;
  if (!am && !pm) {
    if (Is(e, "a.m.") || Is(e, "a.m") || (Is(e, "am") && toks_[e].sp)) { am = true; ++e; }
    else if (Is(e, "p.m.") || Is(e, "p.m") || (Is(e, "pm") && toks_[e].sp)) { pm = true; ++e; }
  }
  if (am || pm) {
    if (h < 1 || h > 12) return false;
    *strong = true;
    if (pm && h != 12) h += 12;
    if (am && h == 12) h = 0;
  } else if (t.kind == K_NUM && t.w.find(':') != std::string_view::npos) {
    if (h > 23) return false;
  } else {
    return false;
  }
  *hh = h;
  *end = e;
  return true;
}

size_t Annotator::SkipZone(size_t i) const {
  static constexpr std::string_view kZones[] = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc",
                                 "et", "bst", "cet", "cest", "ist", "jst", "msk", "eet", "eest"};
  if (i < n() && toks_[i].kind == K_WORD) {
    for (std::string_view z : kZones)
      if (toks_[i].w == z) return i + 1;
    if (toks_[i].w == "local" && Is(i + 1, "time")) return i + 2;
  }
  return i;
}

// ---- value helpers ---------------------------------------------------------------

void Annotator::DateVal(Cand* c, int64_t y, int m, int d) const {
  if (d > 0 && !ValidDate(y, m, d)) {
    // February 30: keep what is sound (the month).
    c->value = FmtYM(y, m);
    return;
  }
  c->value = d > 0 ? FmtYMD(y, m, d) : FmtYM(y, m);
}

// Day d of month m, ending before token `after`: with the year that follows
// (", 2016"), else the year nearest the DCT in the tense at token i.
void Annotator::MonthDayYear(Cand* c, size_t i, size_t after, int m, int d) const {
  size_t ye;
  int64_t y = ParseYear(Is(after, ",") ? after + 1 : after, &ye);
  if (y >= 0) {
    c->te = static_cast<uint32_t>(ye);
    DateVal(c, y, m, d);
    return;
  }
  c->te = static_cast<uint32_t>(after);
  if (dct_ok_) {
    bool firm = false;
    int dir = Dir(i, &firm);
    DateVal(c, YearForMonth(m, d, firm ? dir * 2 : dir), m, d);
  } else {
    char b[16];
    std::snprintf(b, sizeof b, "XXXX-%02d-%02d", m, d);
    Unresolved(c, b);
  }
}

// The year of a month (and day) given without a year.
// The nearest such date to the DCT, with a bias for the tense's direction.
int64_t Annotator::YearForMonth(int m, int d, int dir) const {
  int64_t best = dy_;
  double best_cost = 1e18;
  for (int64_t y = dy_ - 1; y <= dy_ + 1; ++y) {
    double delta;  // in days, approximately for months
    if (d > 0) {
      int dd = std::min(d, DaysInMonth(y, m));
      delta = static_cast<double>(DaysFromCivil(y, m, dd) - dday_);
    } else {
      delta = 30.4 * static_cast<double>((y * 12 + m) - (dy_ * 12 + dm_));
    }
    double cost = std::fabs(delta);
    if (dir < -1 && delta > 0) cost = cost * 16 + 240;  // firm past: a month to come only if far nearer
    else if (dir < 0 && delta > 0) cost = cost * 4 + 60;
    if (dir > 1 && delta < 0) cost = cost * 16 + 240;  // firm future ("is expected in April")
    else if (dir > 0 && delta < 0) cost = cost * 4 + 60;
    if (dir == 0 && delta > 0) cost = cost * 1.5 + 10;
    if (cost < best_cost) {
      best_cost = cost;
      best = y;
    }
  }
  return best;
}

// mod: 0 none, -1 "last", +1 "next", 2 "this"
int64_t Annotator::WeekdayDays(int wd, int dir, int mod) const {
  int cur = WeekdayOfDays(dday_);
  if (mod == -1) {
    int delta = (cur - wd + 7) % 7;
    if (delta == 0) delta = 7;
    return dday_ - delta;
  }
  if (mod == 1) {
    int delta = (wd - cur + 7) % 7;
    if (delta == 0) delta = 7;
    return dday_ + delta;
  }
  if (mod == 2) dir = dir < 0 ? -1 : 1;
  if (dir > 0) return dday_ + (wd - cur + 7) % 7;
  return dday_ - (cur - wd + 7) % 7;
}

// Shifts a date value by sign*n units; keep_gran keeps the reference's
// granularity when it is coarser than a day.
std::string Annotator::ShiftRef(std::string_view ref, int unit, double n, int sign, bool keep_gran) const {
  Gran g = GranOf(ref);
  if (g == G_NONE) return "";
  int64_t y = 0;
  for (int k = 0; k < 4 && k < static_cast<int>(ref.size()); ++k) y = y * 10 + (ref[k] - '0');
  int months = 0;
  int64_t days = 0;
  switch (unit) {
    case U_YEAR: months = static_cast<int>(std::lround(12 * n)); break;
    case U_DECADE: months = static_cast<int>(std::lround(120 * n)); break;
    case U_CENTURY: months = static_cast<int>(std::lround(1200 * n)); break;
    case U_QUARTER: months = static_cast<int>(std::lround(3 * n)); break;
    case U_MONTH: months = static_cast<int>(std::lround(n)); break;
    case U_WEEK: days = std::llround(7 * n); break;
    case U_FORTNIGHT: days = std::llround(14 * n); break;
    case U_DAY: case U_NIGHT: days = std::llround(n); break;
    default: return "";
  }
  if (std::fabs(n) > 100000) return sign < 0 ? "PAST_REF" : "FUTURE_REF";
  months *= sign;
  days *= sign;
  auto out_of_range = [&](int64_t yy) { return yy < 0 || yy > 9999; };
  if (g == G_QUARTER && keep_gran && days == 0) {
    int q = ref[6] - '0';
    int64_t idx = y * 4 + (q - 1) + months / 3;
    if (out_of_range(idx / 4)) return sign < 0 ? "PAST_REF" : "FUTURE_REF";
    return FmtYQ(idx / 4, static_cast<int>(idx % 4) + 1);
  }
  if (g == G_MONTH && keep_gran && days == 0) {
    int m = (ref[5] - '0') * 10 + (ref[6] - '0');
    int64_t idx = y * 12 + (m - 1) + months;
    if (out_of_range(idx / 12)) return sign < 0 ? "PAST_REF" : "FUTURE_REF";
    return FmtYM(idx / 12, static_cast<int>(idx % 12) + 1);
  }
  if (g == G_YEAR || g == G_HALF || g == G_SEASON || g == G_QUARTER || (g == G_MONTH && !keep_gran)) {
    if (days != 0) return "";
    int64_t yy = y + months / 12;
    if (out_of_range(yy)) return sign < 0 ? "PAST_REF" : "FUTURE_REF";
    if (g != G_YEAR && keep_gran) {
      std::string s = FmtY(yy);
      return s + std::string(ref.substr(4));
    }
    return FmtY(yy);
  }
  if (g == G_MONTH) {
    int m = (ref[5] - '0') * 10 + (ref[6] - '0');
    int64_t idx = y * 12 + (m - 1) + months;
    if (days) return "";
    return FmtYM(idx / 12, static_cast<int>(idx % 12) + 1);
  }
  if (g == G_DAY || g == G_WEEK) {
    int64_t base;
    if (g == G_DAY) {
      int m = (ref[5] - '0') * 10 + (ref[6] - '0');
      int d = (ref[8] - '0') * 10 + (ref[9] - '0');
      base = DaysFromCivil(y, m, d);
    } else {
      int wn = (ref[6] - '0') * 10 + (ref[7] - '0');
      base = IsoWeekMonday(y, wn);
    }
    if (months) {
      int64_t yy, dummy_y;
      int m, d;
      CivilFromDays(base, &yy, &m, &d);
      int64_t idx = yy * 12 + (m - 1) + months;
      yy = idx / 12;
      m = static_cast<int>(idx % 12) + 1;
      (void)dummy_y;
      if (out_of_range(yy)) return sign < 0 ? "PAST_REF" : "FUTURE_REF";
      if (unit == U_YEAR || unit == U_DECADE || unit == U_CENTURY) return FmtY(yy);
      if (unit == U_QUARTER) return FmtYQ(yy, (m - 1) / 3 + 1);
      return FmtYM(yy, m);
    }
    int64_t r = base + days;
    int64_t yy;
    int m, d;
    CivilFromDays(r, &yy, &m, &d);
    if (out_of_range(yy)) return sign < 0 ? "PAST_REF" : "FUTURE_REF";
    if (unit == U_WEEK || unit == U_FORTNIGHT || g == G_WEEK) return FmtWeek(r);
    return FmtDays(r);
  }
  return "";
}

// ---- rules -------------------------------------------------------------------------

// ISO dates, numeric dates, years, decades ("1990s"), clock times.
bool Annotator::RuleNumeric(size_t i, Cand* c) {
  const Tok& t = toks_[i];
  if (t.kind != K_NUM) return false;
  if (i > 0 && (toks_[i - 1].w == "$" || toks_[i - 1].w == "#") && !t.sp) return false;
  // "April 24 and 25", "on March 3 or 4": a second day of the month just named
  if (i >= 3 && (Is(i - 1, "and") || Is(i - 1, "or")) && GranOf(ref_) == G_DAY && !ref_.empty() && ref_[0] != 'X') {
    size_t de, pe, me;
    int d = ParseDay(i, &de);
    int pd = ParseDay(i - 2, &pe);
    bool month_before = (ParseMonth(i - 3, &me, true) > 0 && me == i - 2) ||
                        (i >= 4 && ParseMonth(i - 4, &me, true) > 0 && me == i - 2);  // "Jan. 5 or 6"
    if (d && pd && pe == i - 1 && month_before && d > pd && !(L(de) && (L(de)->unit || L(de)->month))) {
      size_t ye;
      if (de < n() && (toks_[de].kind == K_WORD && !Is(de, "in") && !Is(de, "at") && !Is(de, "to") &&
                       !Is(de, "and") && !Is(de, "when") && !Is(de, "of")))
        return false;  // "April 24 and 25 people": a count
      if (ParseYear(de, &ye) >= 0 || (Is(de, ",") && ParseYear(de + 1, &ye) >= 0)) return false;
      int64_t ry = 0;
      for (size_t k2 = 0; k2 < 4; ++k2) ry = ry * 10 + (ref_[k2] - '0');
      int rm = (ref_[5] - '0') * 10 + (ref_[6] - '0');
      if (d > DaysInMonth(ry, rm)) return false;  // "Feb. 28 and 30"
      char b[16];
      std::snprintf(b, sizeof b, "-%02d", d);
      c->tb = static_cast<uint32_t>(i);
      c->te = static_cast<uint32_t>(de);
      c->type = TimeType::kDate;
      c->value = ref_.substr(0, 7) + b;
      return true;
    }
  }
  std::string_view w = t.w;
  // Split digit groups by separators.
  int parts[4] = {0, 0, 0, 0};
  int lens[4] = {0, 0, 0, 0};
  char seps[3] = {0, 0, 0};
  int np = 0;
  size_t p = 0;
  while (p < w.size() && np < 4) {
    int v = 0, l = 0;
    while (p < w.size() && IsDigit(w[p])) {
      if (l < 9) v = v * 10 + (w[p] - '0');
      ++l;
      ++p;
    }
    parts[np] = v;
    lens[np] = l;
    ++np;
    if (p < w.size() && !IsDigit(w[p]) && IsAlpha(static_cast<unsigned char>(w[p]))) break;
    if (p < w.size()) {
      if (np <= 3) seps[np - 1] = w[p];
      ++p;
    }
  }
  std::string_view suffix = p < w.size() ? w.substr(p) : std::string_view();
  for (char ch : suffix)
    if (!IsAlpha(static_cast<unsigned char>(ch))) return false;
  c->tb = static_cast<uint32_t>(i);
  // "9/11", "the 9/11 attacks": the day of the 2001 attacks (in text written after it)
  if (np == 2 && suffix.empty() && seps[0] == '/' && parts[0] == 9 && parts[1] == 11 && lens[0] == 1 &&
      !(i + 1 < n() && !toks_[i + 1].sp && (Is(i + 1, "/") || Is(i + 1, "-"))) &&
      (!dct_ok_ || dday_ > DaysFromCivil(2001, 9, 11))) {
    c->te = static_cast<uint32_t>(i + 1);
    c->value = "2001-09-11";
    c->type = TimeType::kDate;
    return true;
  }
  // ISO date and time: "2013-03-22T10:00:00Z" (the "T" ends the date token)
  bool iso_t = np == 3 && lens[0] == 4 && seps[0] == '-' && (suffix == "t" || suffix == "T") && i + 1 < n() &&
               !toks_[i + 1].sp && toks_[i + 1].kind == K_NUM;
  // Date + optional clock: YYYY-MM-DD, MM/DD/YYYY, MM/DD/YY, MM-DD-YY.
  if (np == 3 && (suffix.empty() || iso_t) && seps[0] == seps[1] &&
      (seps[0] == '-' || seps[0] == '/' || seps[0] == '.')) {
    int64_t y;
    int m, d;
    if (lens[0] == 4) {
      y = parts[0]; m = parts[1]; d = parts[2];
    } else if (lens[2] == 4 || lens[2] == 2) {
      m = parts[0]; d = parts[1]; y = parts[2];
      if (m > 12 && d <= 12) std::swap(m, d);  // 19/12/2016
      if (lens[2] == 2) y += (y <= (dct_ok_ ? (dy_ % 100) + 10 : 30)) ? 2000 : 1900;
    } else {
      return false;
    }
    if (!ValidDate(y, m, d)) return false;
    c->te = static_cast<uint32_t>(i + 1);
    c->value = FmtYMD(y, m, d);
    c->type = TimeType::kDate;
    // clock after
    size_t e;
    int hh, mm, ss;
    bool strong;
    if (iso_t) {
      // "10:00:00Z", "10:00": hh:mm[:ss] with an optional zone letter Z
      std::string_view u = toks_[i + 1].w;
      int f[3] = {-1, -1, -1};
      size_t q = 0;
      int nf = 0;
      while (nf < 3 && q + 1 < u.size() && IsDigit(u[q]) && IsDigit(u[q + 1])) {
        f[nf++] = (u[q] - '0') * 10 + (u[q + 1] - '0');
        q += 2;
        if (q < u.size() && u[q] == ':') ++q;
        else break;
      }
      bool tail_ok = q == u.size() || (q + 1 == u.size() && (u[q] == 'z' || u[q] == 'Z'));
      if (nf >= 2 && tail_ok && f[0] < 24 && f[1] < 60 && (f[2] < 0 || f[2] < 60)) {
        char b[32];
        if (f[2] >= 0) std::snprintf(b, sizeof b, "T%02d:%02d:%02d", f[0], f[1], f[2]);
        else std::snprintf(b, sizeof b, "T%02d:%02d", f[0], f[1]);
        c->value += b;
        c->type = TimeType::kTime;
        c->te = static_cast<uint32_t>(i + 2);
        return true;
      }
    }
    if (i + 1 < n() && !toks_[i + 1].nl && ParseClock(i + 1, &e, &hh, &mm, &ss, &strong)) {
      char b[32];
      if (ss >= 0 && (seps[0] == '/' || iso_t))
        std::snprintf(b, sizeof b, "T%02d:%02d:%02d", hh, mm, ss);
      else
        std::snprintf(b, sizeof b, "T%02d:%02d", hh, mm);
      c->value += b;
      c->type = TimeType::kTime;
      c->te = static_cast<uint32_t>(SkipZone(e));
    } else if (i + 1 < n() && toks_[i + 1].kind == K_NUM && toks_[i + 1].dig == 4 && !toks_[i + 1].nl) {
      // 08-15-90 1337EDT
      const Tok& u = toks_[i + 1];
      std::string_view zs = u.w.substr(4);
      if (zs == "est" || zs == "edt" || zs == "gmt" || zs == "utc" || zs == "pst" || zs == "pdt" ||
          zs == "cst" || zs == "cdt") {
        int hm = static_cast<int>(-2 - u.n);
        if (hm / 100 < 24 && hm % 100 < 60) {
          char b[16];
          std::snprintf(b, sizeof b, "T%02d:%02d", hm / 100, hm % 100);
          c->value += b;
          c->type = TimeType::kTime;
          c->te = static_cast<uint32_t>(i + 2);
        }
      }
    }
    return true;
  }
  // YYYYMMDD
  if (np == 1 && lens[0] == 8 && suffix.empty()) {
    int64_t v = 0;
    for (char ch : w) v = v * 10 + (ch - '0');
    int64_t y = v / 10000;
    int m = static_cast<int>(v / 100 % 100), d = static_cast<int>(v % 100);
    if (y >= 1900 && y <= 2100 && ValidDate(y, m, d)) {
      c->te = static_cast<uint32_t>(i + 1);
      c->value = FmtYMD(y, m, d);
      return true;
    }
    return false;
  }
  // Decades and centuries: 1990s, 1800s
  if (np == 1 && lens[0] == 4 && suffix == "s") {
    int y = parts[0];
    if (y < 1000 || y > 2999 || y % 10 != 0) return false;
    c->te = static_cast<uint32_t>(i + 1);
    c->the_ok = true;
    c->datemod_ok = true;
    char b[16];
    if (y % 100 == 0 && y != 2000 && !(Is(i + 1, "and") || (i > 0 && W(i - 1) == "mid"))) {
      std::snprintf(b, sizeof b, "%02d", y / 100);
    } else {
      std::snprintf(b, sizeof b, "%03d", y / 10);
    }
    c->value = b;
    return true;
  }
  // Years
  if (np == 1 && lens[0] == 4 && suffix.empty() && w.size() == 4) {
    int y = parts[0];
    bool ctx = i > 0 && (W(i - 1) == "in" || W(i - 1) == "since" || W(i - 1) == "of" || W(i - 1) == "by" ||
                         W(i - 1) == "until" || W(i - 1) == "fiscal" || W(i - 1) == "from" || W(i - 1) == "early" ||
                         W(i - 1) == "late" || W(i - 1) == "mid" || W(i - 1) == "during" || W(i - 1) == "before" ||
                         W(i - 1) == "after" || W(i - 1) == "through" || W(i - 1) == "year" || W(i - 1) == "till");
    if (y < 1000 || y > 2100) return false;
    if (!ctx && (y < 1900 || y > 2050)) return false;
    if (y / 100 <= 23 && y % 100 <= 59 && SkipZone(i + 1) != i + 1) return false;  // "1945 GMT": a clock time
    if (Is(i + 1, "%") || Is(i + 1, "percent") || Is(i + 1, "people") || Is(i + 1, "troops") ||
        Hyph(i + 1) || Is(i + 1, "feet") || Is(i + 1, "meters") || Is(i + 1, "metres") || Is(i + 1, "miles"))
      return false;
    if (i > 0 && (toks_[i - 1].w == "," && i > 1 && toks_[i - 2].kind == K_NUM && !toks_[i - 2].sp))
      return false;
    if (NameBeforeYear(i)) return false;
    c->te = static_cast<uint32_t>(i + 1);
    c->value = FmtY(y);
    c->datemod_ok = true;
    return true;
  }
  return false;
}

// Clock times: "6 a.m.", "10:30 p.m. EST", "noon", "midnight", optionally with a day.
bool Annotator::AttachDate(size_t i, size_t* end, std::string* date) {
  size_t k = i;
  if (Is(k, ",")) ++k;
  if (Is(k, "on")) ++k;
  Cand d;
  // ... "10 p.m. tonight", "at 9 a.m. this morning": the day of the part of the day
  if (k < n() && ((L(k) && (L(k)->wday > 0 || L(k)->month > 0)) || Is(k, "today") || Is(k, "yesterday") ||
                  Is(k, "tomorrow") || Is(k, "tonight") || (Is(k, "this") && L(k + 1) && L(k + 1)->pod))) {
    bool ok = false;
    if (L(k) && L(k)->month > 0) ok = RuleMonth(k, &d);
    else if (L(k) && L(k)->wday > 0) {
      // "Tuesday, March 1" or "Tuesday 1 March" before the weekday alone
      ok = RuleMonth(k, &d);
      size_t j = Is(k + 1, ",") ? k + 2 : k + 1;
      if (!ok && j < n() && toks_[j].kind == K_NUM && toks_[k].cap) {
        ok = RuleDayMonth(j, &d);
        if (ok) d.tb = static_cast<uint32_t>(k);
      }
      if (!ok) {
        d = Cand();
        ok = RuleWeekday(k, &d);
      }
    }
    else ok = RuleDeictic(k, &d);
    if (ok && d.value.size() >= 10 && GranOf(d.value) == G_DAY) {
      *date = d.value.substr(0, 10);
      *end = d.te;
      return true;
    }
  }
  return false;
}

bool Annotator::RuleClock(size_t i, Cand* c) {
  size_t e;
  int hh = 0, mm = 0, ss = -1;
  bool strong = false;
  const Tok& t = toks_[i];
  bool named = false;
  if (t.w == "noon" || t.w == "midday") { hh = 12; e = i + 1; named = true; }
  else if (t.w == "midnight") { hh = 24; e = i + 1; named = true; }
  else if (!ParseClock(i, &e, &hh, &mm, &ss, &strong)) return false;
  if (!strong && !named) {
    // bare hh:mm needs a time context
    std::string_view pw = W(i - 1 < n() ? i - 1 : n());
    bool ctx = i > 0 && (pw == "at" || pw == "by" || pw == "around" || pw == "until" || pw == "before" ||
                         pw == "after" || pw == "from" || pw == "since" || pw == "till" || pw == "about");
    size_t z = SkipZone(e);
    if (!ctx && z == e) return false;
  }
  // "four in the morning"
  int pod_h = -1;
  if (Is(e, "in") && Is(e + 1, "the") && L(e + 2) && L(e + 2)->pod) {
    int pod = L(e + 2)->pod;
    if (pod == POD_MO && hh <= 12) pod_h = hh % 12;
    else if ((pod == POD_AF || pod == POD_EV) && hh <= 12) pod_h = hh % 12 + 12;
    else if (pod == POD_NI && hh <= 12) pod_h = hh >= 6 && hh < 12 ? hh + 12 : hh % 12;
    if (pod_h >= 0) {
      hh = pod_h;
      e += 3;
    }
  }
  e = SkipZone(e);
  std::string date;
  size_t de;
  size_t close = e;
  if (Is(e, "(")) {  // "at 10.30am local time (0930 GMT) on Friday": the day after the aside
    while (close < n() && close < e + 8 && !Is(close, ")")) ++close;
    close = Is(close, ")") ? close + 1 : e;
  }
  if (AttachDate(e, &de, &date)) e = de;
  else if (close > e && close <= n() && AttachDate(close, &de, &date)) {
    // the date after the aside is its own expression
  }
  else if (GranOf(ref_) == G_DAY) date = ref_.substr(0, 10);
  else if (dct_ok_) date = FmtDays(dday_);
  else { date = "XXXX-XX-XX"; c->unres = true; }
  char b[24];
  if (hh == 24 && mm == 0) std::snprintf(b, sizeof b, "T24:00");
  else std::snprintf(b, sizeof b, "T%02d:%02d", hh, mm);
  c->tb = static_cast<uint32_t>(i);
  c->te = static_cast<uint32_t>(e);
  c->type = TimeType::kTime;
  c->value = date + b;
  c->approx_ok = true;
  return true;
}

// Month-first dates: "Dec. 19", "December 19, 2016", "December 2016", "December".
bool Annotator::RuleMonth(size_t i, Cand* c) {
  size_t e;
  int m = ParseMonth(i, &e, true);
  size_t start = i;
  if (!m) {
    // weekday, Month day
    const Lex* lx = L(i);
    if (lx && lx->wday > 0 && toks_[i].cap) {
      size_t k = i + 1;
      if (Is(k, ",")) ++k;
      m = ParseMonth(k, &e, true);
      if (!m) return false;
      size_t de;
      int d = ParseDay(e, &de);
      if (!d) return false;
    } else {
      return false;
    }
  }
  c->tb = static_cast<uint32_t>(start);
  c->datemod_ok = true;
  std::string_view mw = W(e - 1 == i ? i : e - 1);
  (void)mw;
  // day?
  size_t de;
  int d = ParseDay(e, &de);
  // "May 1990" is a year, not a day
  if (d && PureInt(e) && toks_[e].dig > 2) d = 0;
  if (d) {
    MonthDayYear(c, i, de, m, d);
    return true;
  }
  // Month [,|of] Year
  size_t k = e;
  if (Is(k, ",") || Is(k, "of")) ++k;
  size_t ye;
  int64_t y = ParseYear(k, &ye);
  if (y >= 0) {
    c->te = static_cast<uint32_t>(ye);
    c->value = FmtYM(y, m);
    return true;
  }
  if (start != i) return false;
  // "June last year", "January this year"
  if ((Is(e, "last") || Is(e, "this") || Is(e, "next")) && Is(e + 1, "year")) {
    c->te = static_cast<uint32_t>(e + 2);
    if (!dct_ok_) {
      char b[16];
      std::snprintf(b, sizeof b, "XXXX-%02d", m);
      Unresolved(c, b);
    } else {
      c->value = FmtYM(dy_ + (Is(e, "last") ? -1 : Is(e, "next") ? 1 : 0), m);
    }
    return true;
  }
  // Month alone. Ambiguous names need a time context.
  std::string_view pw = i > 0 ? W(i - 1) : std::string_view();
  bool ctx = pw == "in" || pw == "since" || pw == "until" || pw == "by" || pw == "early" || pw == "late" ||
             pw == "mid" || pw == "last" || pw == "next" || pw == "this" || pw == "of" || pw == "during" ||
             pw == "through" || pw == "before" || pw == "after" || pw == "from" || pw == "till" || pw == "to" ||
             pw == "between" || pw == "and" || pw == "or" || pw == "-" || pw == "end" || pw == "throughout" ||
             pw == "past";
  if ((m == 5 || m == 3) && !ctx) return false;
  if (L(i)->month_abbr && !ctx) return false;
  c->te = static_cast<uint32_t>(e);
  int mod = 0;
  if (pw == "last") mod = -1;
  else if (pw == "next") mod = 1;
  else if (pw == "this") mod = 2;
  // "this past May": the last May before the document date
  bool this_past = pw == "past" && i >= 2 && W(i - 2) == "this";
  if (this_past) mod = -1;
  if (!dct_ok_) {
    char b[16];
    std::snprintf(b, sizeof b, "XXXX-%02d", m);
    Unresolved(c, b);
  } else {
    int64_t yy;
    if (mod == -1) yy = m < dm_ ? dy_ : dy_ - 1;
    else if (mod == 1) yy = m > dm_ ? dy_ : dy_ + 1;
    else if (mod == 2) yy = dy_;
    else if (pw == "when" && (Is(e, "rolls") || Is(e, "comes") || Is(e, "arrives") || Is(e, "begins") ||
                              Is(e, "starts") || Is(e, "hits"))) {
      yy = YearForMonth(m, 0, 2);  // "when February rolls around": the next one
    } else {
      bool firm = false;
      int dir = Dir(i, &firm);
      yy = YearForMonth(m, 0, firm ? dir * 2 : dir);
    }
    c->value = FmtYM(yy, m);
    // "the September quarter", "the June quarter": the calendar quarter
    // ending with that month
    if (m % 3 == 0 && Is(e, "quarter")) {
      c->te = static_cast<uint32_t>(e + 1);
      c->the_ok = true;
      c->value = FmtY(yy) + "-Q" + static_cast<char>('0' + m / 3);
    }
  }
  if (mod != 0) c->tb = static_cast<uint32_t>(this_past ? i - 2 : i - 1);
  return true;
}

// Day-first dates: "19 December 2016", "the 19th of December".
bool Annotator::RuleDayMonth(size_t i, Cand* c) {
  size_t de;
  int d = ParseDay(i, &de);
  if (!d) return false;
  size_t k = de;
  if (Is(k, "of")) ++k;
  size_t me;
  int m = ParseMonth(k, &me, true);
  if (!m && PureInt(i) && (Is(de, "and") || Is(de, "or") || Is(de, "to")) && PureInt(de + 1)) {
    // "between 14 and 18 March", "on 3 or 4 June", "from 2 to 5 May": the first
    // day takes the month (and year) of the second; the expression is the day alone.
    size_t de2;
    int d2 = ParseDay(de + 1, &de2);
    size_t k2 = Is(de2, "of") ? de2 + 1 : de2;
    if (!d2 || d2 <= d || !(m = ParseMonth(k2, &me, true))) return false;
    c->tb = static_cast<uint32_t>(i);
    MonthDayYear(c, de + 1, me, m, d);
    c->te = static_cast<uint32_t>(de);
    return true;
  }
  if (!m) return false;
  // "19 December" with a bare number needs the month right after it
  c->tb = static_cast<uint32_t>(i);
  c->datemod_ok = true;
  MonthDayYear(c, i, me, m, d);
  if (!PureInt(i)) c->the_ok = true;
  return true;
}

// Weekdays: "Monday", "last Friday", "Monday morning", "this coming Sunday".
bool Annotator::RuleWeekday(size_t i, Cand* c) {
  const Lex* lx = L(i);
  if (!lx || lx->wday == 0) return false;
  int wd = lx->wday;
  size_t e = i + 1;
  if (wd < 0) {  // abbreviation: "Tue." only with a dot and capital
    if (!(Is(e, ".") && !toks_[e].sp && toks_[i].cap)) return false;
    wd = -wd;
    ++e;
    // ... and in a date ("on Tue.", "Sun., Dec. 19"): "owned by Sun." is a company
    size_t k = Is(e, ",") ? e + 1 : e;
    if (!((i > 0 && W(i - 1) == "on") || PureInt(k) || (L(k) && L(k)->month))) return false;
  }
  if (!toks_[i].cap) return false;
  // Newspapers and programmes: "the Sunday Times", "Fox News Sunday"
  if (e < n() && toks_[e].cap && !toks_[e].nl && InName(i)) {
    std::string_view nw = W(e);
    if (nw == "times" || nw == "telegraph" || nw == "mirror" || nw == "express" || nw == "mail" || nw == "herald" ||
        nw == "post" || nw == "observer" || nw == "independent" || nw == "tribune" || nw == "star" ||
        nw == "sport" || nw == "people" || nw == "business" || nw == "review" || nw == "magazine")
      return false;
  }
  if (i > 0 && toks_[i - 1].cap && !toks_[i].nl && (W(i - 1) == "news" || W(i - 1) == "meet")) return false;
  // Named days: "Good Friday", "Black Friday", "Ash Wednesday" are feasts and
  // shopping days of their year; "Super Tuesday", "Black Monday", "Bloody
  // Sunday" name events, not the weekday next to the report.
  if (i > 0 && toks_[i - 1].cap && !toks_[i].nl) {
    std::string_view pw = W(i - 1);
    int64_t (*rule)(int64_t) = nullptr;
    if (pw == "good" && wd == 5) rule = [](int64_t y) { return EasterDays(y) - 2; };
    else if ((pw == "holy" || pw == "maundy") && wd == 4) rule = [](int64_t y) { return EasterDays(y) - 3; };
    else if (pw == "palm" && wd == 7) rule = [](int64_t y) { return EasterDays(y) - 7; };
    else if (pw == "ash" && wd == 3) rule = [](int64_t y) { return EasterDays(y) - 46; };
    else if (pw == "easter" && wd == 1) rule = [](int64_t y) { return EasterDays(y) + 1; };
    else if (pw == "black" && wd == 5) rule = [](int64_t y) { return NthWeekdayOfMonth(y, 11, 4, 4) + 1; };
    else if (pw == "cyber" && wd == 1) rule = [](int64_t y) { return NthWeekdayOfMonth(y, 11, 4, 4) + 4; };
    else if (pw == "super" || pw == "black" || pw == "bloody") return false;
    if (rule) {
      c->tb = static_cast<uint32_t>(i - 1);
      c->te = static_cast<uint32_t>(e);
      size_t ye;
      int64_t y = ParseYear(Is(e, ",") ? e + 1 : e, &ye);
      if (y >= 0) c->te = static_cast<uint32_t>(ye);
      int mod = 0;
      if (i > 1 && (W(i - 2) == "last" || W(i - 2) == "next" || W(i - 2) == "this")) {
        mod = W(i - 2) == "last" ? -1 : W(i - 2) == "next" ? 1 : 2;
        c->tb = static_cast<uint32_t>(i - 2);
      }
      if (y < 0) {
        if (!dct_ok_) { Unresolved(c, "XXXX-XX-XX"); return true; }
        int dir = mod == 2 ? 0 : (mod ? mod : Dir(i));
        y = dy_;
        if (dir < 0 && rule(y) > dday_) --y;
        if (dir > 0 && rule(y) < dday_) ++y;
      }
      c->value = FmtDays(rule(y));
      return true;
    }
  }
  // "on Friday nights", "Monday and Tuesday nights", "Sunday mornings": a part
  // of the day in the plural makes the weekday a recurring time (a set).
  int set_pod = PluralPod(e);
  if (!set_pod && (Is(e, "and") || Is(e, "or")) && L(e + 1) && L(e + 1)->wday > 0 && toks_[e + 1].cap)
    set_pod = PluralPod(e + 2);
  if (set_pod || lx->wday_plural) {
    if (set_pod && PluralPod(e)) ++e;
    c->tb = static_cast<uint32_t>(i);
    c->te = static_cast<uint32_t>(e);
    c->type = TimeType::kSet;
    char b[16];
    std::snprintf(b, sizeof b, "XXXX-WXX-%d", wd);
    c->value = b;
    if (set_pod) c->value += std::string("T") + PodCode(set_pod);
    return true;
  }
  size_t b = i;
  int mod = 0;
  if (i > 0) {
    std::string_view pw = W(i - 1);
    if (pw == "last" || pw == "past" || pw == "previous") { mod = -1; b = i - 1; }
    else if (pw == "next" || pw == "following") { mod = 1; b = i - 1; }
    else if (pw == "this") { mod = 2; b = i - 1; }
    else if (pw == "coming" && i > 1 && W(i - 2) == "this") { mod = 1; b = i - 2; }
    else if (pw == "coming") { mod = 1; b = i - 1; }
    if (mod == -1 && pw == "past" && i > 1 && W(i - 2) == "this") b = i - 2;
    if ((pw == "previous" || pw == "following") && i > 1 && W(i - 2) == "the") b = i - 2;
  }
  if (mod == 1 && W(b) == "coming" && !(b > 0 && W(b - 1) == "this")) {
    // "coming Monday"
  }
  c->tb = static_cast<uint32_t>(b);
  c->te = static_cast<uint32_t>(e);
  c->datemod_ok = true;
  int pod = 0;
  if (L(e) && L(e)->pod && W(e) != "overnight") { pod = L(e)->pod; ++e; }
  else if (Is(e, "night")) { pod = POD_NI; ++e; }
  if (pod) {
    c->te = static_cast<uint32_t>(e);
    c->type = TimeType::kTime;
  }
  std::string day;
  bool rel_prev = (W(b) == "the" && mod == -1) || (W(b) == "the" && mod == 1);
  // "from Friday to Sunday", "Monday through Wednesday": the end of a range of
  // days is the first such weekday after its start (the expression just found).
  bool range_end = mod == 0 && i >= 2 && GranOf(ref_) == G_DAY && ref_[0] != 'X' && L(i - 2) &&
                   L(i - 2)->wday > 0 && toks_[i - 2].cap &&
                   (W(i - 1) == "to" || W(i - 1) == "through" || W(i - 1) == "until" || W(i - 1) == "till" ||
                    W(i - 1) == "-");
  if (range_end) {
    int64_t y = 0;
    for (int k = 0; k < 4; ++k) y = y * 10 + (ref_[k] - '0');
    int m = (ref_[5] - '0') * 10 + (ref_[6] - '0');
    int d = (ref_[8] - '0') * 10 + (ref_[9] - '0');
    int64_t base = DaysFromCivil(y, m, d);
    int gap = (wd - WeekdayOfDays(base) + 7) % 7;
    day = FmtDays(base + (gap == 0 ? 7 : gap));
  } else if (rel_prev && GranOf(ref_) == G_DAY) {
    int64_t y = 0;
    for (int k = 0; k < 4; ++k) y = y * 10 + (ref_[k] - '0');
    int m = (ref_[5] - '0') * 10 + (ref_[6] - '0');
    int d = (ref_[8] - '0') * 10 + (ref_[9] - '0');
    int64_t base = DaysFromCivil(y, m, d);
    int cur = WeekdayOfDays(base);
    int64_t r = mod < 0 ? base - ((cur - wd + 7) % 7 == 0 ? 7 : (cur - wd + 7) % 7)
                        : base + ((wd - cur + 7) % 7 == 0 ? 7 : (wd - cur + 7) % 7);
    day = FmtDays(r);
  } else if (dct_ok_) {
    // "Wednesday's ruling", "Saturday night's debate": a possessive weekday
    // names an event that news reports as having happened.
    size_t pe = (Is(e, "night") || (L(e) && L(e)->pod)) ? e + 1 : e;
    bool poss = pe + 1 < n() && toks_[pe].apos && !toks_[pe].sp && Is(pe + 1, "s");
    // Unless it is the subject of a future verb ("Friday's meeting will decide").
    bool ahead = i >= 2 && Is(i - 1, "of") && Is(i - 2, "ahead");  // "ahead of Friday's vote"
    // ... or the object of one ("is expected to win Sunday's election", "will contest Friday's vote";
    // not "would", often a past plan about a past event)
    bool fut_before = false;
    if (poss && i > 0) {
      uint32_t s = toks_[i].sent;
      if (s + 1 < sent_cue_begin_.size())
        for (uint32_t k = sent_cue_begin_[s]; k < sent_cue_begin_[s + 1]; ++k)
          if (cues_[k].tok < i && cues_[k].tok + 6 >= i && cues_[k].dir == 1 && W(cues_[k].tok) != "would" &&
              !ClauseBreak(cues_[k].tok + 1, i))  // "would look for ways around Wednesday's ruling": past
            fut_before = true;
    }
    day = FmtDays(WeekdayDays(wd, poss && mod == 0 && !ahead && !fut_before && !FutureAfter(pe + 2, 6) ? -1 : Dir(i),
                              mod));
  } else {
    char bb[16];
    std::snprintf(bb, sizeof bb, "XXXX-WXX-%d", wd);
    day = bb;
    c->unres = true;
  }
  c->value = day;
  if (pod) c->value += std::string("T") + PodCode(pod);
  return true;
}

// Nouns after "first-half"/"second-half" in sports reports: halves of a match.
bool MatchHalfNoun(std::string_view w) {
  static const StringMap<int8_t>* kWords = [] {
    auto* m = new StringMap<int8_t>();
    for (const char* x : {"try", "tries", "goal", "goals", "chance", "chances", "penalty", "penalties",
                          "replacement", "substitute", "revival", "strike", "header", "equaliser", "equalizer",
                          "winner", "opener", "brace", "hat-trick", "display", "fightback", "comeback", "onslaught",
                          "pressure", "dominance", "red", "yellow", "sending-off", "injury", "touchdown", "run", "effort",
                          "efforts", "performance", "performances", "spell", "possession", "possessions",
                          "substitution", "whistle", "kick-off"})
      (*m)[x] = 1;
    return m;
  }();
  return kWords->Find(w) != nullptr;
}

// Words of a game report ("foul", "rebound", "touchdown") and of a financial
// report ("earnings", "percent"): a sentence with the first and none of the
// second speaks of the quarters and halves of a game.
int GameWord(std::string_view w) {
  static const StringMap<int8_t>* kWords = [] {
    auto* m = new StringMap<int8_t>();
    for (const char* x : {"game", "games", "points", "scored", "scoring", "foul", "fouled", "fouls", "dunk", "dunked",
                          "court", "bench", "rebound", "rebounds", "touchdown", "touchdowns", "quarterback", "goal",
                          "goals", "penalty", "inning", "innings", "buzzer", "halftime", "timeout", "interception",
                          "yards", "striker", "referee", "whistle", "basket", "baskets", "pointer", "kickoff",
                          "assists", "sacked", "ejected", "layup", "jumper", "free-throw",
                          "throw", "throws", "touchline", "sideline", "field-goal", "punt", "fumble", "tackle",
                          "tackled", "substituted", "equaliser", "equalizer", "header", "match"})
      (*m)[x] = 1;
    for (const char* x : {"earnings", "profit", "profits", "revenue", "revenues", "sales", "percent", "%", "growth",
                          "gdp", "economy", "fiscal", "results", "shares", "income", "quarterly", "dividend",
                          "billion", "million", "cents", "output", "unemployment", "inflation", "forecast",
                          "analysts", "loss", "losses", "deficit", "exports", "imports", "prices", "turnover",
                          "bn", "sale", "trading", "quarter-on-quarter", "year-on-year"})
      (*m)[x] = -1;
    return m;
  }();
  const int8_t* v = kWords->Find(w);
  return v ? *v : 0;
}

// Nouns after "today's" that make it mean "nowadays" ("today's youth",
// "today's personal computers"), where it names no particular day.
bool GenericNowNoun(std::string_view w) {
  static const StringMap<int8_t>* kWords = [] {
    auto* m = new StringMap<int8_t>();
    for (const char* x : {"world", "youth", "society", "societies", "generation", "generations", "children", "kids",
                          "teenagers", "teens", "young", "youngsters", "consumers", "families", "parents",
                          "students", "workers", "women", "men", "people", "standards", "technology",
                          "technologies", "computers", "personal", "modern", "global", "culture", "economy",
                          "era", "age"})
      (*m)[x] = 1;
    return m;
  }();
  return kWords->Find(w) != nullptr;
}

// today, yesterday, tomorrow, tonight, this morning, last night.
bool Annotator::RuleDeictic(size_t i, Cand* c) {
  std::string_view w = W(i);
  int off = 0;
  int pod = 0;
  size_t e = i + 1;
  size_t b = i;
  bool day = false;
  if (w == "today") {
    // "today's youth", "today's world": nowadays, not the day of the report
    if (i + 3 < n() && toks_[i + 1].apos && Is(i + 2, "s") && GenericNowNoun(W(i + 3))) return false;
    // "the universe as it is today", "even today", "the galaxies we observe
    // today": nowadays
    if (NowadaysToday(i)) {
      c->tb = static_cast<uint32_t>(i);
      c->te = static_cast<uint32_t>(i + 1);
      c->type = TimeType::kDate;
      c->value = "PRESENT_REF";
      return true;
    }
    off = 0;
    day = true;
  }
  else if (w == "yesterday") { off = -1; day = true; }
  else if (w == "tomorrow") { off = 1; day = true; }
  else if (w == "tonight") { off = 0; pod = POD_NI; }
  else if (w == "this" && L(i + 1) && L(i + 1)->pod && W(i + 1) != "overnight") { pod = L(i + 1)->pod; e = i + 2; }
  else if (w == "last" && Is(i + 1, "night")) { off = -1; pod = POD_NI; e = i + 2; }
  else if (w == "overnight") { pod = POD_NI; }
  else if ((w == "mid" && (L(i + 1) && L(i + 1)->pod && (Is(i + 1, "afternoon") || Is(i + 1, "morning")))) ||
           (w == "mid" && Hyph(i + 1) && (Is(i + 2, "afternoon") || Is(i + 2, "morning")))) {
    // "by mid afternoon", "mid-morning yesterday": today's unless a day follows
    e = Hyph(i + 1) ? i + 3 : i + 2;
    pod = L(e - 1)->pod;
    if (Is(e, "yesterday") || Is(e, "today") || Is(e, "tomorrow")) {
      off = Is(e, "yesterday") ? -1 : Is(e, "tomorrow") ? 1 : 0;
      ++e;
    }
    c->mod = "MID";
  } else if (w == "midafternoon" || w == "midmorning") {
    pod = w == "midafternoon" ? POD_AF : POD_MO;
    c->mod = "MID";
  }
  else return false;
  if (w == "overnight") return false;  // rarely annotated as a point
  if (day && L(e) && L(e)->pod && W(e) != "overnight") { pod = L(e)->pod; ++e; }
  else if (day && Is(e, "night")) { pod = POD_NI; ++e; }
  c->tb = static_cast<uint32_t>(b);
  c->te = static_cast<uint32_t>(e);
  c->type = pod ? TimeType::kTime : TimeType::kDate;
  c->datemod_ok = true;
  if (dct_ok_) c->value = FmtDays(dday_ + off);
  else Unresolved(c, "XXXX-XX-XX");
  if (pod) c->value += std::string("T") + PodCode(pod);
  return true;
}

// A range of amounts: "10-15 minutes", "two to three weeks", "5 or 6 years":
// one duration of unknown exact length (PTXM, PXW, PXY), as TimeBank has "the
// next 12 to 18 months". Not before "ago", "later", "earlier", "before",
// "after" (a range of dates), nor as an adjective ("a 5-10 year plan").
bool Annotator::RangeDuration(size_t i, Cand* c) const {
  size_t e = 0;
  double a = 0, b = 0;
  bool vague = false;
  const Tok& t = toks_[i];
  if (t.kind != K_NUM && !(t.lx && t.lx->num >= 0)) return false;  // most starts: no number
  if (t.kind == K_NUM && t.n == -1 && t.dig == t.w.size()) {
    // one token "10-15"
    size_t dash = t.w.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 >= t.w.size()) return false;
    for (size_t k = 0; k < t.w.size(); ++k)
      if (k != dash && !IsDigit(t.w[k])) return false;
    a = std::strtod(std::string(t.w.substr(0, dash)).c_str(), nullptr);
    b = std::strtod(std::string(t.w.substr(dash + 1)).c_str(), nullptr);
    e = i + 1;
  } else {
    size_t e1;
    if (!ParseNumber(i, &e1, &a, &vague, false) || vague) return false;
    size_t k = e1;
    if (Hyph(k)) ++k;
    else if (Is(k, "to") || Is(k, "or")) ++k;
    else return false;
    if (!ParseNumber(k, &e, &b, &vague, false) || vague) return false;
  }
  if (!(b > a)) return false;
  bool plural = false;
  size_t ue;
  int unit = ParseUnit(e, &ue, &plural);
  if (!unit || unit == U_WEEKEND || unit == U_QUARTER || Hyph(ue)) return false;
  // "a 5-10 year plan": an adjective (singular unit before a noun)
  if (!plural && ue < n() && toks_[ue].kind == K_WORD && !toks_[ue].lx) return false;
  std::string_view nw = W(ue);
  if (nw == "ago" || nw == "later" || nw == "earlier" || nw == "before" || nw == "after" || nw == "old") return false;
  c->tb = static_cast<uint32_t>(i);
  // "the next 12 to 18 months", "the last three or four years"
  if (i > 0) {
    std::string_view pw = W(i - 1);
    if (pw == "next" || pw == "past" || pw == "last" || pw == "first" || pw == "coming" || pw == "following" ||
        pw == "previous")
      c->tb = static_cast<uint32_t>(i - 1);
  }
  c->te = static_cast<uint32_t>(ue);
  c->type = TimeType::kDuration;
  c->value = DurValue(0, true, unit);
  c->approx_ok = true;
  c->the_ok = true;
  return true;
}

// Durations and offsets: "three days", "two-year", "the past two months",
// "two years ago", "a year earlier", "the last year", "recent weeks".
bool Annotator::RuleDuration(size_t i, Cand* c) {
  size_t k = i;
  std::string_view w = W(i);
  enum { M_NONE, M_PAST, M_NEXT, M_FIRST, M_RECENT, M_COMING } pre = M_NONE;
  // "will last three days", "to last two weeks": the verb, not "the last three days"
  if (w == "last" && i > 0 &&
      (W(i - 1) == "will" || W(i - 1) == "would" || W(i - 1) == "could" || W(i - 1) == "can" ||
       W(i - 1) == "may" || W(i - 1) == "might" || W(i - 1) == "should" || W(i - 1) == "to" ||
       W(i - 1) == "must" || W(i - 1) == "did" || W(i - 1) == "does" || W(i - 1) == "not")) {
    return false;
  }
  // "at the last minute", "a last-minute deal", "at the last second": an idiom, no length of time
  if ((w == "last" || w == "eleventh") && (Is(i + 1, "minute") || Is(i + 1, "second") || Is(i + 1, "hour")) &&
      (Hyph(i + 2) || (i >= 2 && W(i - 1) == "the" && W(i - 2) == "at") || (w == "eleventh" && Is(i + 1, "hour"))))
    return false;
  // "above age 6 months", "children aged two years": an age, not a time
  if (i > 0 && (W(i - 1) == "age" || W(i - 1) == "aged" || W(i - 1) == "ages")) return false;
  if (RangeDuration(i, c)) return true;
  if (w == "past" || w == "last" || w == "previous" || w == "preceding") pre = M_PAST;
  else if (w == "next" || w == "following" || w == "coming" || w == "ensuing") pre = M_NEXT;
  else if (w == "first" || w == "final" || w == "initial" || w == "latest") pre = M_FIRST;
  else if (w == "recent") pre = M_RECENT;
  if (pre != M_NONE) ++k;
  bool has_the = i > 0 && W(i - 1) == "the";
  // "the next morning", "the following evening", "the previous night": a part
  // of the day after (before) the reference day
  if (has_the && (pre == M_NEXT || w == "previous" || w == "preceding") && w != "coming" && L(k) && L(k)->pod &&
      (!L(k)->unit || L(k)->unit == U_NIGHT) && !L(k)->unit_plural && !Hyph(k + 1)) {
    std::string base = GranOf(ref_) == G_DAY ? ref_.substr(0, 10) : (dct_ok_ ? FmtDays(dday_) : "");
    if (base.empty()) return false;
    std::string r = ShiftRef(base, U_DAY, 1, pre == M_NEXT ? 1 : -1, false);
    if (r.empty()) return false;
    c->tb = static_cast<uint32_t>(i);
    c->te = static_cast<uint32_t>(k + 1);
    c->the_ok = true;
    c->from_ref = true;
    c->type = TimeType::kTime;
    c->value = r + "T" + PodCode(L(k)->pod);
    return true;
  }
  double v = 1;
  bool vague = false;
  size_t ne;
  bool has_num = ParseNumber(k, &ne, &v, &vague, pre == M_NONE);
  if (has_num && pre == M_NONE && (W(k) == "some" || W(k) == "many") && !(L(ne) && L(ne)->unit_plural))
    return false;
  if (!has_num && pre == M_NONE) {
    const Lex* lx = L(i);
    // "a day-long meeting", "decades-long feud": a duration modifying a noun
    if (lx && lx->unit && lx->unit != U_SEC && lx->unit != U_WEEKEND && Hyph(i + 1) && Is(i + 2, "long")) {
      c->tb = static_cast<uint32_t>(i);
      c->te = static_cast<uint32_t>(i + 3);
      c->type = TimeType::kDuration;
      c->value = lx->unit_plural ? DurValue(0, true, lx->unit) : DurValue(1, false, lx->unit);
      return true;
    }
    // bare plural units: "for years", "in recent weeks" handled by M_RECENT
    if (!lx || !lx->unit || !lx->unit_plural) return false;
    std::string_view pw = i > 0 ? W(i - 1) : std::string_view();
    if (!(pw == "for" || pw == "over" || pw == "within" || pw == "during" || pw == "after" || pw == "than" ||
          pw == "in" || pw == "took" || pw == "take" || pw == "spent" || pw == "lasted"))
      return false;
    if (lx->unit == U_SEC || lx->unit == U_WEEKEND || lx->unit == U_QUARTER) return false;
    c->tb = static_cast<uint32_t>(i);
    c->te = static_cast<uint32_t>(i + 1);
    c->type = TimeType::kDuration;
    c->value = DurValue(0, true, lx->unit);
    if (Is(i + 1, "ago")) {
      c->te = static_cast<uint32_t>(i + 2);
      c->type = TimeType::kDate;
      c->value = "PAST_REF";
    }
    return true;
  }
  size_t ue = has_num ? ne : k;
  if (has_num && (Is(ue, "more") || Is(ue, "additional") || Is(ue, "straight") || Is(ue, "consecutive") ||
                  Is(ue, "full")) &&
      L(ue + 1) && L(ue + 1)->unit)
    ++ue;
  // "two and a half years"
  double frac = 0;
  if (has_num && !vague && Is(ue, "and") && (Is(ue + 1, "a") || Is(ue + 1, "one")) && Is(ue + 2, "half")) {
    frac = 0.5;
    ue += 3;
  }
  bool hyph = false;
  if (has_num && Hyph(ue)) {
    hyph = true;
    ++ue;
  }
  bool plural = false;
  size_t uend;
  int unit = ParseUnit(ue, &uend, &plural);
  // "fiscal year"
  if (!unit && Is(ue, "fiscal") && Is(ue + 1, "year")) { unit = U_YEAR; uend = ue + 2; }
  if (!unit) return false;
  // "a quarter of the market", "three quarters of voters": a fraction;
  // "a quarter of a century": a fraction of a time unit
  size_t fy;
  if (unit == U_QUARTER && has_num && !vague && Is(uend, "of") && ParseYear(uend + 1, &fy) < 0 &&
      !Is(uend + 1, "fiscal") && !((Is(uend + 1, "the") || Is(uend + 1, "this") || Is(uend + 1, "next") ||
                                    Is(uend + 1, "last")) && (Is(uend + 2, "year") || Is(uend + 2, "fiscal")))) {
    size_t fe;
    bool fp = false;
    int funit = (Is(uend + 1, "a") || Is(uend + 1, "an")) ? ParseUnit(uend + 2, &fe, &fp) : 0;
    if (!funit || fp || funit == U_QUARTER || funit == U_WEEKEND || funit == U_NIGHT) return false;
    double q = v * 0.25;
    std::string val;
    if (funit == U_CENTURY) val = "P" + FmtNum(100 * q) + "Y";
    else if (funit == U_DECADE) val = "P" + FmtNum(10 * q) + "Y";
    else if (funit == U_YEAR) val = "P" + FmtNum(12 * q) + "M";
    else if (funit == U_HOUR) val = "PT" + FmtNum(60 * q) + "M";
    else if (funit == U_DAY) val = "PT" + FmtNum(24 * q) + "H";
    else if (funit == U_MIN) val = "PT" + FmtNum(60 * q) + "S";
    else return false;
    c->tb = static_cast<uint32_t>(i);
    c->te = static_cast<uint32_t>(fe);
    c->approx_ok = true;
    c->type = TimeType::kDuration;
    c->value = val;
    return true;
  }
  if (hyph && plural) return false;
  // "a quarter-final", "a quarter point rise", "a quarter stake": no three months
  if (unit == U_QUARTER && !plural && !hyph &&
      ((Is(uend, "-") && !toks_[uend].sp) || Is(uend, "point") || Is(uend, "percentage") || Is(uend, "stake") || Is(uend, "share") ||
       Is(uend, "mile") || Is(uend, "inch")))
    return false;
  // "a month-long strike": the expression is "month-long", without the article
  if (!hyph && (w == "a" || w == "an") && ue == i + 1 && Hyph(uend) && Is(uend + 1, "long")) return false;
  // "a two-year-long inquiry"
  bool long_adj = hyph && Hyph(uend) && Is(uend + 1, "long");
  if (hyph && Hyph(uend) && Is(uend + 1, "old")) return false;  // 45-year-old
  if (Is(uend, "-") && Is(uend + 1, "old")) return false;
  if (Is(uend, "old") || (Is(uend, "of") && Is(uend + 1, "age"))) return false;  // "52 years old": an age
  if (unit == U_NIGHT && !has_num) return false;
  // "the 1988 quarter": a year, not 1988 quarters
  if (has_num && !plural && v >= 1000 && PureInt(k) && toks_[k].dig == 4) return false;
  // "Islam will one day be ...": some time in the future
  if (w == "one" && unit == U_DAY && !plural && i > 0 && uend == i + 2) {
    std::string_view pw = W(i - 1);
    if (pw == "will" || pw == "would" || pw == "could" || pw == "might" || pw == "may" || pw == "can" ||
        pw == "shall" || pw == "should") {
      c->tb = static_cast<uint32_t>(i);
      c->te = static_cast<uint32_t>(uend);
      c->type = TimeType::kDate;
      c->value = "FUTURE_REF";
      return true;
    }
  }
  // "a second-half try", "a second- half replacement", "a second or third
  // person", a second "scandal": ordinals, not a second
  if (unit == U_SEC && !plural && v == 1 && uend < n() &&
      ((Is(uend, "-") && !toks_[uend].sp) || (toks_[uend].kind == K_PUNCT && !toks_[uend].apos && (Is(uend, "\"") ||
                                                                            W(uend) == "\xe2\x80\x9c")) ||
       ((Is(uend, "or") || Is(uend, "and")) && L(uend + 1) && L(uend + 1)->ord >= 3)))
    return false;
  // "a second betrayal", "a second group": an ordinal, not a second
  if (unit == U_SEC && !plural && v == 1 && uend < n() && toks_[uend].kind == K_WORD) {
    std::string_view nw = W(uend);
    if (!(nw == "later" || nw == "ago" || nw == "earlier" || nw == "before" || nw == "after" || nw == "or" ||
          nw == "and" || nw == "longer" || nw == "of" || nw == "too" || nw == "to" || nw == "in"))
      return false;
  }
  // "the 1988 second quarter": an ordinal, not seconds
  if (unit == U_SEC && !plural && (Is(uend, "quarter") || Is(uend, "half"))) return false;
  // "a year-earlier loss": the expression is "year-earlier" (RuleNamed)
  if (w == "a" && unit == U_YEAR && Hyph(uend) && (Is(uend + 1, "earlier") || Is(uend + 1, "ago"))) return false;
  // "a year and a half"
  if (has_num && !vague && Is(uend, "and") && Is(uend + 1, "a") && Is(uend + 2, "half")) {
    frac = 0.5;
    uend += 3;
  }
  if (Is(uend, "or") && Is(uend + 1, "so") && (Is(uend + 2, "ago") || Is(uend + 2, "earlier") || Is(uend + 2, "later")))
    uend += 2;
  double num = v + frac;
  c->tb = static_cast<uint32_t>(i);
  c->te = static_cast<uint32_t>(uend);
  c->approx_ok = true;
  c->the_ok = !hyph;
  // "years-old"
  if (!has_num) {
    if (pre == M_RECENT || (pre == M_NEXT && w == "coming" && plural)) {
      if (!plural && pre == M_RECENT) return false;
      c->type = TimeType::kDate;
      c->value = pre == M_RECENT ? "PAST_REF" : "FUTURE_REF";
      // "the coming days/weeks/years": a stretch of unknown length ahead, as
      // TimeBank mostly has it ("in the coming weeks", PXW); "coming months"
      // and "quarters" stay FUTURE_REF there
      if (pre == M_NEXT && (unit == U_DAY || unit == U_WEEK || unit == U_YEAR || unit == U_DECADE)) {
        c->type = TimeType::kDuration;
        c->value = DurValue(0, true, unit);
      }
      return true;
    }
    if (plural) return false;
    // "the past year" (duration), "the next day" (date), "last year" handled by RuleRelUnit
    if (!has_the) return false;
    if (pre == M_PAST && w != "previous" && w != "preceding") {
      if (unit == U_WEEKEND || unit == U_QUARTER) return false;
      c->type = TimeType::kDuration;
      c->value = DurValue(1, false, unit);
      return true;
    }
    if (pre == M_NEXT || w == "previous" || w == "preceding") {
      if (w == "coming") {
        // "the coming year": the next one
      }
      int sign = pre == M_NEXT ? 1 : -1;
      std::string base = ref_.empty() ? (dct_ok_ ? FmtDays(dday_) : "") : ref_;
      if (w == "coming" && dct_ok_) base = FmtDays(dday_);
      if (base.empty()) {
        c->type = TimeType::kDate;
        Unresolved(c, "XXXX-XX-XX");
        return true;
      }
      std::string r;
      if (unit == U_DAY || unit == U_NIGHT) {
        if (GranOf(base) != G_DAY) return false;
        r = ShiftRef(base, U_DAY, 1, sign, false);
      } else if (unit == U_WEEK) {
        r = ShiftRef(GranOf(base) == G_DAY ? base : (dct_ok_ ? FmtDays(dday_) : ""), U_WEEK, 1, sign, false);
      } else if (unit == U_MONTH || unit == U_YEAR || unit == U_QUARTER || unit == U_DECADE) {
        std::string b2 = base;
        if (unit == U_YEAR) b2 = base.substr(0, 4);
        r = ShiftRef(b2, unit, 1, sign, unit != U_YEAR);
        if (unit == U_DECADE && r.size() >= 3) r = r.substr(0, 3);
      } else {
        return false;
      }
      if (r.empty()) return false;
      c->type = TimeType::kDate;
      c->value = r;
      return true;
    }
    return false;
  }
  c->type = TimeType::kDuration;
  c->value = DurValue(num, vague, unit);
  if (long_adj) c->te = static_cast<uint32_t>(uend + 2);
  if (hyph) return true;
  // offsets: ago / earlier / later / from now
  size_t a = uend;
  std::string_view aw = W(a);
  int sign = 0;
  bool from_ref = false;
  size_t ae = a + 1;
  if (aw == "ago") sign = -1;
  else if (aw == "earlier") { sign = -1; from_ref = true; }
  else if (aw == "later") return true;  // "three days later": the duration; "later" is a signal (TimeML)
  else if (aw == "from" && Is(a + 1, "now")) { sign = 1; ae = a + 2; }
  else if (aw == "hence") sign = 1;
  else if ((aw == "before" || aw == "after") && (a + 1 >= n() || toks_[a + 1].kind == K_PUNCT)) {
    sign = aw == "before" ? -1 : 1;
    from_ref = true;
  }
  if (sign != 0 && pre == M_NONE) {
    c->from_ref = true;
    c->te = static_cast<uint32_t>(ae);
    c->type = TimeType::kDate;
    c->the_ok = false;
    if (vague) {
      c->value = sign < 0 ? "PAST_REF" : "FUTURE_REF";
      return true;
    }
    if (unit == U_HOUR || unit == U_MIN || unit == U_SEC) {
      if (!dct_ok_) { Unresolved(c, "XXXX-XX-XX"); return true; }
      c->value = FmtDays(dday_);
      c->type = TimeType::kTime;
      return true;
    }
    std::string base;
    bool keep = false;
    Gran rg = GranOf(ref_);
    // "a year ago"/"a quarter earlier" in a results report compare with the
    // quarter under discussion; "25 years ago" is a year
    if ((rg == G_QUARTER || rg == G_HALF) && (unit == U_YEAR || unit == U_QUARTER) && num <= 4) {
      base = ref_;
      keep = true;
    } else if (from_ref && !ref_.empty() && (rg == G_DAY || rg == G_MONTH || rg == G_YEAR)) {
      base = ref_;
      keep = rg == G_MONTH && unit != U_YEAR;
    } else if (dct_ok_) {
      base = FmtDays(dday_);
    }
    if (base.empty()) {
      Unresolved(c, "XXXX");
      return true;
    }
    std::string r = ShiftRef(base, unit, num, sign, keep);
    if (r.empty()) r = sign < 0 ? "PAST_REF" : "FUTURE_REF";
    c->value = r;
    return true;
  }
  return true;
}

// last/this/next + week/month/year/quarter/weekend/decade/century/season;
// "the weekend", "this week", "earlier this month" (modifier added later).
bool Annotator::RuleRelUnit(size_t i, Cand* c) {
  std::string_view w = W(i);
  int rel;  // -1 last, 0 this, +1 next, 2 "the" (context)
  if (w == "last" || w == "past" || w == "previous") rel = -1;
  else if (w == "latest" && i > 0 && W(i - 1) == "the") rel = -1;  // "the latest quarter"
  else if (w == "this" || w == "current" || w == "present") rel = 0;
  else if (w == "next" || w == "coming") rel = 1;
  else if (w == "the") rel = 2;
  else if (w == "that") rel = 3;
  else return false;
  size_t k = i + 1;
  // "the full year", "the full fiscal year": the current one
  if (w == "the" && Is(k, "full") && (Is(k + 1, "year") || (Is(k + 1, "fiscal") && Is(k + 2, "year")))) {
    if (!dct_ok_) return false;
    c->tb = static_cast<uint32_t>(i);
    c->te = static_cast<uint32_t>(Is(k + 1, "year") ? k + 2 : k + 3);
    c->type = TimeType::kDate;
    c->value = FmtY(dy_);
    return true;
  }
  // "the same day", "that same week": the reference time, like "that day"
  if ((w == "the" || w == "that") && Is(k, "same")) { rel = 3; ++k; }
  if (w == "this" && (Is(k, "past") || Is(k, "last"))) { rel = -1; ++k; }
  else if (w == "this" && (Is(k, "coming") || Is(k, "next"))) { rel = 1; ++k; }
  bool fiscal = false;
  if (Is(k, "fiscal")) { fiscal = true; ++k; }
  // "the (fiscal) year ended Sept. 30": the twelve months before that date
  if (rel == 2 && Is(k, "year") && (Is(k + 1, "ended") || Is(k + 1, "ending"))) {
    c->tb = static_cast<uint32_t>(i);
    c->te = static_cast<uint32_t>(k + 1);
    c->type = TimeType::kDuration;
    c->value = "P1Y";
    return true;
  }
  // "the latest period" in a results report: the latest quarter
  bool period = w == "latest" && Is(k, "period");
  const Lex* lx = L(k);
  if (!lx && !period) return false;
  int unit = period ? static_cast<int>(U_QUARTER) : static_cast<int>(lx->unit);
  int season = period ? 0 : lx->season;
  if (season && InName(k)) return false;  // "the Summer Olympics"
  if ((!unit || (lx && lx->unit_plural)) && !season) return false;
  // "the fall of the Berlin Wall", "the fall in prices": a drop, not autumn
  // ("the fall of 2012" is a season of a year, found by RuleNamed)
  if (season == S_FA && rel == 2 && W(k) == "fall" && (Is(k + 1, "of") || Is(k + 1, "in"))) return false;
  if (fiscal && unit != U_YEAR && unit != U_QUARTER) return false;
  // "the end of the year", "earlier in the month": the current one
  bool part_of = false;
  if (rel == 2 && i >= 1 && (unit == U_YEAR || unit == U_MONTH || unit == U_WEEK) && !fiscal) {
    std::string_view p1 = W(i - 1), p2 = i >= 2 ? W(i - 2) : std::string_view();
    if ((p1 == "of" && (p2 == "end" || p2 == "beginning" || p2 == "start" || p2 == "middle" || p2 == "rest" ||
                        p2 == "remainder")) ||
        (p1 == "in" && (p2 == "earlier" || p2 == "later")))
      part_of = true;
    // "For the year, volume was flat", "the first nine months of the year": the current one
    if ((p1 == "for" || p1 == "of") && unit != U_MONTH && !Hyph(k + 1)) part_of = true;
  }
  if (rel == 2 && !part_of && !(unit == U_WEEKEND || season || unit == U_QUARTER || (fiscal && unit == U_YEAR)))
    return false;
  if (w == "past" && !(i > 0 && W(i - 1) == "this") && unit != U_WEEKEND) return false;  // "the past year": duration
  if (rel == -1 && i > 0 && W(i - 1) == "the" && !season && w != "latest") return false;  // "the last year": duration
  if (w == "latest" && !(unit == U_QUARTER || (fiscal && unit == U_YEAR))) return false;
  if (w == "latest") c->the_ok = true;
  if ((w == "current" || w == "present") && !(i > 0 && W(i - 1) == "the")) {
    // "current quarter"
  }
  if (w == "coming" && !(i > 0 && W(i - 1) == "the")) {
  }
  c->tb = static_cast<uint32_t>(i);
  if ((w == "current" || w == "present" || w == "coming") && i > 0 && W(i - 1) == "the") c->tb = static_cast<uint32_t>(i - 1);
  if (w == "past" && i > 0 && W(i - 1) == "this") c->tb = static_cast<uint32_t>(i - 1);
  c->te = static_cast<uint32_t>(k + 1);
  c->type = TimeType::kDate;
  c->datemod_ok = true;
  if (rel == 2) c->the_ok = true;
  if (part_of) {
    if (W(i - 1) == "in") c->tb = static_cast<uint32_t>(i - 2);
    if (!dct_ok_) {
      Unresolved(c, unit == U_YEAR ? "XXXX" : unit == U_MONTH ? "XXXX-XX" : "XXXX-WXX");
      return true;
    }
    c->value = unit == U_YEAR ? FmtY(dy_) : unit == U_MONTH ? FmtYM(dy_, dm_) : FmtWeek(dday_);
    return true;
  }
  if (rel == 3) {
    // "that day/week/month/year": the reference time at that granularity
    c->from_ref = true;
    if (ref_.empty()) return false;
    Gran g = GranOf(ref_);
    if (unit == U_YEAR && g >= G_YEAR) c->value = ref_.substr(0, 4);
    else if (unit == U_MONTH && g >= G_MONTH && g != G_WEEK) c->value = ref_.substr(0, 7);
    else if (unit == U_DAY && g == G_DAY) c->value = ref_.substr(0, 10);
    else if (unit == U_QUARTER && g == G_QUARTER) c->value = ref_.substr(0, 7);
    else if (unit == U_QUARTER && !last_quarter_.empty()) c->value = last_quarter_;
    else return false;
    return true;
  }
  if (!dct_ok_) {
    c->unres = true;
    switch (unit) {
      case U_WEEK: c->value = "XXXX-WXX"; break;
      case U_WEEKEND: c->value = "XXXX-WXX-WE"; break;
      case U_MONTH: c->value = "XXXX-XX"; break;
      case U_QUARTER: c->value = "XXXX-QX"; break;
      case U_YEAR: c->value = "XXXX"; break;
      default: c->value = season ? std::string("XXXX-") + SeasonCode(season) : "XXXX"; break;
    }
    return true;
  }
  int dir = rel == 2 ? Dir(i) : rel;
  int q = (dm_ - 1) / 3 + 1;
  if (season) {
    // seasons: SP 3-5, SU 6-8, FA 9-11, WI 12-2
    int cur = dm_ == 12 || dm_ <= 2 ? S_WI : (dm_ <= 5 ? S_SP : (dm_ <= 8 ? S_SU : S_FA));
    int64_t y = dy_;
    int64_t curyear = (dm_ <= 2) ? dy_ - 1 : dy_;  // winter belongs to the year it starts
    if (rel == -1) y = season < cur ? curyear : curyear - 1;
    else if (rel == 1) y = season > cur ? curyear : curyear + 1;
    else if (rel == 0) y = curyear;
    else y = dir < 0 ? (season <= cur ? curyear : curyear - 1) : (dir > 0 ? (season >= cur ? curyear : curyear + 1) : curyear);
    if (season != S_WI && dm_ <= 2 && rel != -1) y = dy_;
    c->value = FmtY(y) + "-" + SeasonCode(season);
    // "the summer of 1998"
    size_t e2 = k + 1;
    if (Is(e2, "of")) {
      size_t ye;
      int64_t yy = ParseYear(e2 + 1, &ye);
      if (yy >= 0) {
        c->value = FmtY(yy) + "-" + SeasonCode(season);
        c->te = static_cast<uint32_t>(ye);
      }
    }
    return true;
  }
  switch (unit) {
    case U_DAY:
      if (rel == 1 || rel == -1) return false;  // "next day": relative to a reference time
      if (rel == 0) { c->value = FmtDays(dday_); return true; }
      return false;
    case U_WEEK: {
      int64_t d = dday_ + 7 * (rel == 2 ? 0 : rel);
      c->value = FmtWeek(d);
      return true;
    }
    case U_WEEKEND: {
      int cur = WeekdayOfDays(dday_);
      int64_t sat;
      int64_t this_sat = dday_ - cur + 6;
      if (rel == -1) sat = cur >= 6 ? this_sat - 7 : this_sat - 7;
      else if (rel == 1) sat = this_sat + 7;
      // "cleared barricades this weekend" in a Monday paper: the weekend just past
      else if (rel == 0) sat = (cur <= 3 && Dir(i) < 0) ? this_sat - 7 : this_sat;
      else sat = (dir < 0 && cur < 6) ? this_sat - 7 : this_sat;
      c->value = FmtWeek(sat) + "-WE";
      return true;
    }
    case U_MONTH: {
      if (rel == 2) return false;
      int64_t idx = dy_ * 12 + (dm_ - 1) + rel;
      c->value = FmtYM(idx / 12, static_cast<int>(idx % 12) + 1);
      return true;
    }
    case U_QUARTER: {
      int64_t idx = dy_ * 4 + (q - 1);
      if (rel == 2) {
        // "the quarter", "the fiscal quarter": the latest one in past-tense reports
        std::string_view pw = i > 0 ? W(i - 1) : std::string_view();
        (void)pw;
        idx += dir < 0 ? -1 : 0;
      } else {
        idx += rel;
      }
      c->value = FmtYQ(idx / 4, static_cast<int>(idx % 4) + 1);
      return true;
    }
    case U_YEAR: {
      if (rel == 2) {
        if (!fiscal) return false;
        c->value = FmtY(dy_);
        return true;
      }
      c->value = FmtY(dy_ + rel);
      return true;
    }
    case U_DECADE: {
      int64_t y = dy_ + 10 * (rel == 2 ? 0 : rel);
      c->value = FmtY(y).substr(0, 3);
      return true;
    }
    case U_CENTURY: {
      int64_t y = dy_ + 100 * (rel == 2 ? 0 : rel);
      c->value = FmtY(y).substr(0, 2);
      return true;
    }
    default:
      return false;
  }
}

// Quarters, halves, fiscal years, decades, centuries, seasons with years, holidays.
bool Annotator::RuleNamed(size_t i, Cand* c) {
  std::string_view w = W(i);
  const Lex* lx = L(i);
  c->tb = static_cast<uint32_t>(i);
  c->datemod_ok = true;
  // fiscal 1989 / fiscal year 1990
  if (w == "fiscal") {
    size_t k = i + 1;
    if (Is(k, "year")) ++k;
    size_t ye;
    int64_t y = ParseYear(k, &ye);
    if (y < 0) {
      // fiscal 1989-90
      if (k < n() && toks_[k].kind == K_NUM && toks_[k].dig == 4 && toks_[k].w.size() > 4 && toks_[k].w[4] == '-') {
        y = (toks_[k].w[0] - '0') * 1000 + (toks_[k].w[1] - '0') * 100 + (toks_[k].w[2] - '0') * 10 +
            (toks_[k].w[3] - '0');
        ye = k + 1;
      }
    }
    if (y < 0) return false;
    c->te = static_cast<uint32_t>(ye);
    c->value = FmtY(y);
    c->the_ok = true;
    // "fiscal 1990's first quarter"
    return true;
  }
  // "the 1988 quarter", "the 1989 period" in a results report: the quarter
  // under discussion, in that year
  if (PureInt(i) && toks_[i].dig == 4 && toks_[i].w.size() == 4 && i > 0 && W(i - 1) == "the" &&
      (Is(i + 1, "quarter") || Is(i + 1, "period"))) {
    size_t ye;
    int64_t y = ParseYear(i, &ye);
    if (y >= 0 && ye == i + 1) {
      c->te = static_cast<uint32_t>(i + 2);
      c->the_ok = true;
      c->from_ref = true;  // a comparison period, not a new reference time
      if (GranOf(ref_) == G_QUARTER) c->value = FmtY(y) + ref_.substr(4, 3);
      else if (!last_quarter_.empty()) c->value = FmtY(y) + last_quarter_.substr(4, 3);
      else if (Is(i + 1, "quarter")) c->value = FmtY(y) + "-QX";
      else c->value = FmtY(y);
      return true;
    }
  }
  // "the first two quarters of 1990" is its first half, "the last two quarters
  // of 1990" its second half.
  if ((w == "first" || w == "last") && Is(i + 1, "two") && Is(i + 2, "quarters") && Is(i + 3, "of")) {
    size_t ye;
    int64_t y = ParseYear(i + 4, &ye);
    if (y >= 0) {
      c->tb = static_cast<uint32_t>(i);
      c->te = static_cast<uint32_t>(ye);
      c->the_ok = true;
      c->value = FmtY(y) + (w == "first" ? "-H1" : "-H2");
      return true;
    }
  }
  // ordinal quarter/half: "third quarter", "third-quarter", "first half", "Q3"
  {
    int ord = 0;
    size_t k = i;
    bool fiscal = false;
    if (w == "fiscal") { fiscal = true; ++k; }
    if (L(k) && L(k)->ord >= 1 && L(k)->ord <= 4) { ord = L(k)->ord; ++k; }
    else if (Is(k, "fourth")) { ord = 4; ++k; }
    if (ord) {
      if (Hyph(k)) ++k;
      bool half = Is(k, "half") && ord <= 2;
      bool quarter = Is(k, "quarter");
      // Halves of a match: "a second-half try", "first-half goals"
      if (half && (Is(i - 1, "a") || Is(i - 1, "an") || MatchHalfNoun(W(k + 1)))) return false;
      if (half || quarter) {
        ++k;
        c->the_ok = true;
        c->te = static_cast<uint32_t>(k);
        // explicit year: "of 1988", "of next year", "1990"
        int64_t y = -1;
        size_t ye;
        size_t k2 = k;
        if (Is(k2, "of") || Is(k2, ",")) ++k2;
        if (Is(k2, "fiscal")) ++k2;
        y = ParseYear(k2, &ye);
        if (y >= 0) c->te = static_cast<uint32_t>(ye);
        else if (Is(k2, "next") && Is(k2 + 1, "year") && (Is(k, "of") )) { y = dy_ + 1; c->te = static_cast<uint32_t>(k2 + 2); }
        else if (Is(k2, "last") && Is(k2 + 1, "year") && (Is(k, "of"))) { y = dy_ - 1; c->te = static_cast<uint32_t>(k2 + 2); }
        else if (Is(k2, "this") && Is(k2 + 1, "year") && (Is(k, "of"))) { y = dy_; c->te = static_cast<uint32_t>(k2 + 2); }
        // "the 1988 third quarter", "the year-ago third quarter"
        if (y < 0 && i >= 1 && PureInt(i - 1) && toks_[i - 1].dig == 4 && toks_[i - 1].w.size() == 4) {
          size_t ye2;
          int64_t yy = ParseYear(i - 1, &ye2);
          if (yy >= 0 && ye2 == i) { y = yy; c->tb = static_cast<uint32_t>(i - 1); }
        } else if (y < 0 && i >= 3 && (Is(i - 1, "ago") || Is(i - 1, "earlier")) && Hyph(i - 2) &&
                   Is(i - 3, "year") && dct_ok_) {
          y = dy_ - 1;
          c->tb = static_cast<uint32_t>(i - 3);
        }
        // "next year's first quarter", "1990's first half"
        if (y < 0 && i >= 2 && toks_[i - 1].w == "s" && toks_[i - 2].apos) {
          if (i >= 4 && Is(i - 3, "year") && (Is(i - 4, "next") || Is(i - 4, "last") || Is(i - 4, "this")) && dct_ok_) {
            y = dy_ + (Is(i - 4, "next") ? 1 : Is(i - 4, "last") ? -1 : 0);
            c->tb = static_cast<uint32_t>(i - 4);
          } else if (i >= 3) {
            size_t ye2;
            int64_t yy = ParseYear(i - 3, &ye2);
            if (yy >= 0 && ye2 == i - 2) { y = yy; c->tb = static_cast<uint32_t>(i - 3); }
          }
        }
        // A half with no year after an adjective is half of something else: "a
        // really good second half", "the entire second half" (of a match). A
        // half year goes with "the", "its", "this", "in", "for": "in the second
        // half", "the company's first half".
        if (y < 0 && half && i > 0 && c->tb == i) {
          std::string_view pw = W(i - 1);
          if (pw == "s" && i >= 2 && toks_[i - 2].apos) pw = "its";  // a possessive
          bool ok = pw == "the" || pw == "in" || pw == "for" || pw == "of" || pw == "this" || pw == "last" ||
                    pw == "next" || pw == "its" || pw == "their" || pw == "our" || pw == "fiscal" || pw == "and" ||
                    pw == "or" || pw == "during" || pw == "since" || pw == "by" || pw == "until" || pw == "through" ||
                    pw == "over" || pw == "from" || pw == "into" || pw == "to" || pw == "throughout" || pw == "than" ||
                    pw == "year" || pw == "calendar" || pw == "but" || pw == "while" || pw == "with" ||
                    pw == "as" || toks_[i - 1].kind != K_WORD;
          if (!ok) return false;
        }
        // "a foul in the third quarter", "returned to the bench in the second
        // half": a period of a game, not of the year
        if (y < 0 && GameSentence(i)) return false;
        if (y < 0) {
          if (!dct_ok_) {
            Unresolved(c, half ? "XXXX-HX" : "XXXX-QX");
            c->value = std::string("XXXX-") + (half ? "H" : "Q") + static_cast<char>('0' + ord);
            return true;
          }
          int cq = half ? (dm_ - 1) / 6 + 1 : (dm_ - 1) / 3 + 1;
          int dir = Dir(i);
          y = dy_;
          if (dir < 0 && ord > cq) y = dy_ - 1;
        }
        char b[16];
        std::snprintf(b, sizeof b, "%04d-%c%d", static_cast<int>(y), half ? 'H' : 'Q', ord);
        c->value = b;
        (void)fiscal;
        return true;
      }
    }
  }
  // Q3 / Q3 2016
  if (toks_[i].kind == K_WORD && w.size() == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4' && toks_[i].cap) {
    // tokenizer splits "Q3" into word "q" + number: not reached; handled below
  }
  if (w == "q" && toks_[i].cap && PureInt(i + 1) && !toks_[i + 1].sp && toks_[i + 1].n >= 1 && toks_[i + 1].n <= 4) {
    int ord = static_cast<int>(toks_[i + 1].n);
    size_t ye;
    int64_t y = ParseYear(i + 2, &ye);
    c->te = static_cast<uint32_t>(y >= 0 ? ye : i + 2);
    if (y < 0) {
      if (!dct_ok_) { Unresolved(c, std::string("XXXX-Q") + static_cast<char>('0' + ord)); return true; }
      y = dy_;
    }
    c->value = FmtYQ(y, ord);
    return true;
  }
  // H1 / H2 2016: a half year
  if (w == "h" && toks_[i].cap && PureInt(i + 1) && !toks_[i + 1].sp && toks_[i + 1].dig == 1 &&
      (toks_[i + 1].n == 1 || toks_[i + 1].n == 2)) {
    int ord = static_cast<int>(toks_[i + 1].n);
    size_t ye;
    int64_t y = ParseYear(i + 2, &ye);
    if (y < 0) return false;  // "H1" alone is too often a name (a visa, a virus)
    c->te = static_cast<uint32_t>(ye);
    c->value = FmtY(y) + (ord == 1 ? "-H1" : "-H2");
    return true;
  }
  // FY2016, FY 2016, FY17: a fiscal year, valued as its year (like "fiscal 2016")
  if (w == "fy" && toks_[i].cap && PureInt(i + 1) && (toks_[i + 1].dig == 4 || toks_[i + 1].dig == 2)) {
    int64_t y = toks_[i + 1].n;
    if (toks_[i + 1].dig == 2) {
      int64_t base = dct_ok_ ? dy_ : 2000;
      y = (base / 100) * 100 + y;
      if (y > base + 20) y -= 100;
    } else if (y < 1000 || y > 2999) {
      return false;
    }
    c->te = static_cast<uint32_t>(i + 2);
    c->value = FmtY(y);
    return true;  // "the FY2016 results": the article belongs to the noun
  }
  // decades: the '90s, the nineties, the 1990s (numeric in RuleNumeric)
  if (toks_[i].apos && i + 1 < n() && toks_[i + 1].kind == K_NUM && !toks_[i + 1].sp && toks_[i + 1].dig == 2 &&
      toks_[i + 1].w.size() == 3 && toks_[i + 1].w[2] == 's') {
    int yy = (toks_[i + 1].w[0] - '0') * 10 + (toks_[i + 1].w[1] - '0');
    if (yy % 10 != 0) return false;
    int64_t base = dct_ok_ ? dy_ : 2000;
    int64_t y = (base / 100) * 100 + yy;
    if (y > base) y -= 100;
    c->te = static_cast<uint32_t>(i + 2);
    c->value = FmtY(y).substr(0, 3);
    c->the_ok = true;
    return true;
  }
  if (lx && lx->decade_word && i > 0 && (W(i - 1) == "the" || W(i - 1) == "mid" || W(i - 1) == "early" || W(i - 1) == "late")) {
    char b[16];
    std::snprintf(b, sizeof b, "19%d", lx->decade_word);
    c->te = static_cast<uint32_t>(i + 1);
    c->value = b;
    c->the_ok = true;
    return true;
  }
  // centuries: "the 20th century", "the twentieth century"
  {
    size_t de;
    int ord = ParseDay(i, &de);
    if (ord && Hyph(de)) ++de;
    if (ord && Is(de, "century")) {
      c->te = static_cast<uint32_t>(de + 1);
      char b[16];
      std::snprintf(b, sizeof b, "%02d", ord - 1);
      c->value = b;
      c->the_ok = true;
      return true;
    }
  }
  // seasons with a year: "summer 1998", "the summer of 1998", "spring"
  if (lx && lx->season && !InName(i)) {
    size_t k = i + 1;
    if (Is(k, "of")) ++k;
    size_t ye;
    int64_t y = ParseYear(k, &ye);
    if (y >= 0) {
      c->te = static_cast<uint32_t>(ye);
      c->value = FmtY(y) + "-" + SeasonCode(lx->season);
      c->the_ok = true;
      return true;
    }
    std::string_view pw = i > 0 ? W(i - 1) : std::string_view();
    bool ctx = pw == "the" || pw == "in" || pw == "early" || pw == "late" || pw == "mid" || pw == "since" ||
               pw == "until" || pw == "by" || pw == "during" || pw == "this";
    if (lx->season == S_FA && w == "fall" && pw != "the" && pw != "early" && pw != "late" && pw != "this") return false;
    if (!ctx) return false;
    if (Is(i + 1, "-") || (L(i + 1) && L(i + 1)->unit)) return false;  // "summer-long", "summer months"
    if (Is(i + 1, "of") ) return false;
    if (w == "fall" && Is(i + 1, "in")) return false;  // "the fall in prices"
    c->te = static_cast<uint32_t>(i + 1);
    c->the_ok = true;
    if (!dct_ok_) { Unresolved(c, std::string("XXXX-") + SeasonCode(lx->season)); return true; }
    int cur = dm_ == 12 || dm_ <= 2 ? S_WI : (dm_ <= 5 ? S_SP : (dm_ <= 8 ? S_SU : S_FA));
    int dir = Dir(i);
    int64_t y2 = dy_;
    if (dir < 0 && lx->season > cur) y2 = dy_ - 1;
    if (dir > 0 && lx->season < cur) y2 = dy_ + 1;
    c->value = FmtY(y2) + "-" + SeasonCode(lx->season);
    return true;
  }
  // holidays
  {
    int hm = 0, hd = 0;
    int64_t (*rule)(int64_t) = nullptr;
    size_t e = i + 1;
    bool cap = toks_[i].cap;
    if (!cap) return false;
    if (w == "christmas") {
      hm = 12; hd = 25;
      if (Is(e, "eve")) { hd = 24; ++e; }
      else if (Is(e, "day")) ++e;
    } else if (w == "new" && Is(i + 1, "year") && i + 3 < n() && toks_[i + 2].apos && Is(i + 3, "s")) {
      e = i + 4;
      if (Is(e, "day")) { hm = 1; hd = 1; ++e; }
      else if (Is(e, "eve")) { hm = 12; hd = 31; ++e; }
      else return false;
    } else if (w == "halloween") { hm = 10; hd = 31; }
    else if (w == "valentine" && i + 3 < n() && toks_[i + 1].apos && Is(i + 2, "s") && Is(i + 3, "day")) { hm = 2; hd = 14; e = i + 4; }
    else if (w == "independence" && Is(e, "day")) { hm = 7; hd = 4; ++e; }
    else if (w == "thanksgiving") {
      rule = [](int64_t y) { return NthWeekdayOfMonth(y, 11, 4, 4); };
      if (Is(e, "day")) ++e;
    } else if (w == "easter") {
      rule = [](int64_t y) { return EasterDays(y); };
      if (Is(e, "sunday")) ++e;
      else if (Is(e, "day")) ++e;
      else if (Is(e, "week") || Is(e, "weekend") || Is(e, "holiday") || Is(e, "holidays")) return false;
    } else if (w == "boxing" && Is(e, "day")) {
      hm = 12; hd = 26; ++e;
    } else if (w == "labor" && Is(e, "day")) {
      rule = [](int64_t y) { return NthWeekdayOfMonth(y, 9, 1, 1); };
      ++e;
    } else if (w == "election" && Is(e, "day") && toks_[i].cap && toks_[e].cap) {
      // US Election Day: the Tuesday after the first Monday of November
      rule = [](int64_t y) { return NthWeekdayOfMonth(y, 11, 1, 1) + 1; };
      ++e;
    } else if (w == "memorial" && Is(e, "day")) {
      rule = [](int64_t y) { return NthWeekdayOfMonth(y, 5, 1, -1); };
      ++e;
    } else {
      return false;
    }
    // "Christmas cards", "Halloween costumes", "Easter eggs": things named
    // after a holiday, not the day
    if (HolidayThing(e)) return false;
    c->te = static_cast<uint32_t>(e);
    size_t ye;
    int64_t y = -1;
    size_t k2 = Is(e, ",") ? e + 1 : e;
    y = ParseYear(k2, &ye);
    if (y >= 0) c->te = static_cast<uint32_t>(ye);
    int mod = 0;
    if (i > 0 && (W(i - 1) == "last" || W(i - 1) == "next" || W(i - 1) == "this")) {
      mod = W(i - 1) == "last" ? -1 : W(i - 1) == "next" ? 1 : 2;
      c->tb = static_cast<uint32_t>(i - 1);
    }
    if (y < 0) {
      if (!dct_ok_) { Unresolved(c, "XXXX-XX-XX"); return true; }
      int64_t cand = dy_;
      auto day_of = [&](int64_t yy) { return rule ? rule(yy) : DaysFromCivil(yy, hm, hd); };
      int dir = mod == 2 ? 0 : (mod ? mod : Dir(i));
      if (dir < 0 && day_of(cand) > dday_) --cand;
      if (dir < 0 && mod == -1 && day_of(cand) == dday_) --cand;
      if (dir > 0 && day_of(cand) < dday_) ++cand;
      y = cand;
    }
    c->value = FmtDays(rule ? rule(y) : DaysFromCivil(y, hm, hd));
    return true;
  }
}

// now, currently, recently, the past, the future, soon, formerly...
bool Annotator::RuleVague(size_t i, Cand* c) {
  std::string_view w = W(i);
  c->tb = static_cast<uint32_t>(i);
  c->te = static_cast<uint32_t>(i + 1);
  c->type = TimeType::kDate;
  std::string_view pw = i > 0 ? W(i - 1) : std::string_view();
  if (w == "now" || w == "currently" || w == "presently" || w == "nowadays") {
    if (MidCapName(i)) return false;
    // "every now and then", "now-defunct"
    if (w == "now" && (pw == "every" || Hyph(i + 1))) return false;
    c->value = "PRESENT_REF";
    if (w == "now" && pw == "right") c->tb = static_cast<uint32_t>(i - 1);
    if (w == "now" && pw == "from") return false;
    return true;
  }
  if (w == "current" && !(L(i + 1) && L(i + 1)->unit) && !Is(i + 1, "fiscal") && !MidCapName(i)) {
    if (Is(i + 1, "account") || Is(i + 1, "accounts") || Is(i + 1, "affairs") || Is(i + 1, "events") || pw == "the" ||
        pw == "electric" || pw == "ocean" || pw == "alternating" || pw == "direct")
      return false;
    c->value = "PRESENT_REF";
    // "the then current price": current at a past time
    if (pw == "then") {
      c->value = "PAST_REF";
      c->tb = static_cast<uint32_t>(i - 1);
    }
    return true;
  }
  if (w == "present" && pw == "at") { c->value = "PRESENT_REF"; c->tb = static_cast<uint32_t>(i - 1); return true; }
  // "for some time", "for a while": an unknown length
  if (pw == "for" && ((w == "some" && Is(i + 1, "time")) || (w == "a" && Is(i + 1, "while"))) &&
      (i + 2 >= n() || toks_[i + 2].kind == K_PUNCT || Is(i + 2, "now") || Is(i + 2, "and"))) {
    c->te = static_cast<uint32_t>(i + 2);
    c->type = TimeType::kDuration;
    c->value = "PXX";
    return true;
  }
  // "at a later date"
  if (w == "a" && pw == "at" && Is(i + 1, "later") && Is(i + 2, "date")) {
    c->te = static_cast<uint32_t>(i + 3);
    c->value = "FUTURE_REF";
    return true;
  }
  if ((w == "these" && Is(i + 1, "days"))) { c->value = "PRESENT_REF"; c->te = static_cast<uint32_t>(i + 2); return true; }
  // "released long ago"; not "as long ago as 1990", where the date is the time
  // ("not that long ago", "so long ago": a degree, left alone as in TimeBank)
  if (w == "long" && Is(i + 1, "ago") && !Is(i + 2, "as") &&
      !(pw == "that" || pw == "so" || pw == "too" || pw == "how" || pw == "very")) {
    c->te = static_cast<uint32_t>(i + 2);
    c->value = "PAST_REF";
    return true;
  }
  // "as recently as yesterday": the time is the expression that follows
  if (w == "recently" && pw == "as" && Is(i + 1, "as")) return false;
  if (w == "recently" || w == "lately" || w == "formerly") {
    c->value = "PAST_REF";
    return true;
  }
  if (w == "recent" && !(L(i + 1) && L(i + 1)->unit)) {
    std::string_view nw = W(i + 1);
    if (!(nw == "," || nw == "." || nw == "months" || pw == "most")) {
      // "recent" attributive: annotated only in some data sets; keep to times
      if (!(pw == "the" && (nw == "past")))
        return false;
    }
    c->value = "PAST_REF";
    return true;
  }
  if (w == "past" && pw == "the" && !(L(i + 1) && (L(i + 1)->unit || L(i + 1)->num >= 0)) &&
      !(i + 1 < n() && toks_[i + 1].kind == K_NUM) && !Is(i + 1, "few") && !Is(i + 1, "several")) {
    c->tb = static_cast<uint32_t>(i - 1);
    c->value = "PAST_REF";
    return true;
  }
  if (w == "future" && !(L(i + 1) && L(i + 1)->unit)) {
    c->value = "FUTURE_REF";
    if (pw == "the") {
      c->tb = static_cast<uint32_t>(i - 1);
    } else if (pw == "near" || pw == "distant" || pw == "foreseeable" || pw == "immediate") {
      c->tb = static_cast<uint32_t>(i - 1);
      if (i > 1 && W(i - 2) == "the") c->tb = static_cast<uint32_t>(i - 2);
    } else if (pw != "in") {
      return false;  // attributive "future growth"
    }
    return true;
  }
  if (w == "soon" && pw != "as" && !Is(i + 1, "as") && !Is(i + 1, "after") && !Is(i + 1, "afterward")) {
    // "was soon released", "soon became a flood": soon after a past event, not
    // a future time
    uint32_t sn = toks_[i].sent;
    if (sn + 1 < sent_cue_begin_.size())
      for (uint32_t k = sent_cue_begin_[sn]; k < sent_cue_begin_[sn + 1]; ++k)
        if ((cues_[k].tok + 1 == i || cues_[k].tok == i + 1) && (cues_[k].dir == -1 || cues_[k].dir == -3))
          return false;
    c->value = "FUTURE_REF";
    return true;
  }
  // "in the near-term": hyphenated, only where no noun follows ("the long-term
  // unemployed" is no time)
  if ((w == "near" || w == "short" || w == "long") && Hyph(i + 1) && Is(i + 2, "term") && pw == "the" &&
      (i + 3 >= n() || toks_[i + 3].kind != K_WORD || Is(i + 3, "and") || Is(i + 3, "or") || Is(i + 3, "but"))) {
    c->tb = static_cast<uint32_t>(i - 1);
    c->te = static_cast<uint32_t>(i + 3);
    c->value = "FUTURE_REF";
    return true;
  }
  if ((w == "near" || w == "short" || w == "long") && Is(i + 1, "term") && pw == "the" &&
      !TermNoun(i + 2)) {
    c->tb = static_cast<uint32_t>(i - 1);
    c->te = static_cast<uint32_t>(i + 2);
    c->value = "FUTURE_REF";
    return true;
  }
  // "by year-end", "around year end", "by year's end", "since year-end"
  if (w == "year" && dct_ok_) {
    size_t e = 0;
    if (Hyph(i + 1) && Is(i + 2, "end")) e = i + 3;
    else if (Is(i + 1, "end") && toks_[i + 1].sp) e = i + 2;
    else if (i + 3 < n() && toks_[i + 1].apos && Is(i + 2, "s") && Is(i + 3, "end")) e = i + 4;
    if (e && !Hyph(e)) {
      c->te = static_cast<uint32_t>(e);
      c->the_ok = true;
      c->value = FmtY(pw == "since" ? dy_ - 1 : dy_);
      return true;
    }
  }
  if (w == "year" && Hyph(i + 1) && (Is(i + 2, "earlier") || Is(i + 2, "ago"))) {
    c->te = static_cast<uint32_t>(i + 3);
    c->from_ref = true;
    c->the_ok = true;
    Gran rg = GranOf(ref_);
    std::string r;
    // "the year-ago quarter/period" in a results report: the quarter under
    // discussion, a year earlier, even when a day ("ended Sept. 30") came last
    bool quarter_head = Is(i + 3, "quarter") || Is(i + 3, "period");
    if (rg == G_QUARTER || rg == G_HALF) r = ShiftRef(ref_, U_YEAR, 1, -1, true);
    else if (quarter_head && !last_quarter_.empty()) r = ShiftRef(last_quarter_, U_YEAR, 1, -1, true);
    else if (dct_ok_) r = FmtY(dy_ - 1);
    if (r.empty()) { Unresolved(c, "XXXX"); return true; }
    c->value = r;
    // "the year-earlier quarter/period"
    if (Is(i + 3, "quarter") || Is(i + 3, "period")) c->te = static_cast<uint32_t>(i + 4);
    return true;
  }
  return false;
}

// Sets: daily, weekly, every Monday, each year, "a year" after an amount.
bool Annotator::RuleSet(size_t i, Cand* c) {
  std::string_view w = W(i);
  const Lex* lx = L(i);
  c->tb = static_cast<uint32_t>(i);
  c->type = TimeType::kSet;
  if (lx && lx->set_unit) {
    if (w == "annual") return false;
    if (InName(i) || MidCapName(i)) return false;  // "the Daily Mail", "The Weekly Standard", "People's Daily"
    // "daily newspaper" is still a set in TimeBank; keep
    c->te = static_cast<uint32_t>(i + 1);
    c->value = DurValue(1, false, lx->set_unit);
    return true;
  }
  if (w == "every" || w == "each" || w == "per") {
    size_t k = i + 1;
    if (w == "each" && Is(k, "of")) return false;
    double v = 1;
    bool vague = false;
    size_t ne;
    if (Is(k, "other")) { v = 2; ++k; }
    else if (ParseNumber(k, &ne, &v, &vague, false) && !vague) k = ne;
    const Lex* ul = L(k);
    if (!ul) return false;
    if (ul->wday > 0) {
      char b[16];
      std::snprintf(b, sizeof b, "XXXX-WXX-%d", ul->wday);
      c->te = static_cast<uint32_t>(k + 1);
      c->value = b;
      if (L(k + 1) && L(k + 1)->pod) { c->value += std::string("T") + PodCode(L(k + 1)->pod); c->te = static_cast<uint32_t>(k + 2); }
      return true;
    }
    if (ul->month > 0 && toks_[k].cap) {
      char b[16];
      std::snprintf(b, sizeof b, "XXXX-%02d", ul->month);
      c->te = static_cast<uint32_t>(k + 1);
      c->value = b;
      return true;
    }
    if (ul->pod) {  // "every morning": XXXX-XX-XXTMO (a bare "TMO" is no TIMEX3 value)
      c->te = static_cast<uint32_t>(k + 1);
      c->value = std::string("XXXX-XX-XXT") + PodCode(ul->pod);
      return true;
    }
    if (ul->unit && ul->unit != U_WEEKEND) {
      c->te = static_cast<uint32_t>(k + 1);
      c->value = DurValue(v, false, ul->unit);
      return true;
    }
    if (ul->unit == U_WEEKEND) {
      c->te = static_cast<uint32_t>(k + 1);
      c->value = "XXXX-WXX-WE";
      return true;
    }
    return false;
  }
  // "$5 a year", "twice a week", "three times a day"
  if (w == "a" || w == "an") {
    // ... also hyphenated before a noun: "a $10-a-month subscription", "$15-an-hour jobs"
    bool hy = i >= 2 && Hyph(i - 1) && Hyph(i + 1);
    size_t u = hy ? i + 2 : i + 1;
    const Lex* ul = L(u);
    if (!ul || !ul->unit || ul->unit_plural || ul->unit == U_WEEKEND) return false;
    if (i == 0) return false;
    const Tok& p = toks_[hy ? i - 2 : i - 1];
    bool amount = p.kind == K_NUM || p.w == "times" || p.w == "twice" || p.w == "once" || p.w == "thrice" ||
                  p.w == "million" || p.w == "billion" || p.w == "percent" || p.w == "%" || p.w == "dollars" ||
                  p.w == "cents" || p.w == "share" || p.w == "barrels" || p.w == "tons" || p.w == "hours" ||
                  p.w == "miles" || p.w == "pounds" || p.w == "yen" || p.w == "euros" || p.w == "trillion";
    // "30 frames a second", "one gigabit a second", "80 million operations a second"
    if (!amount && !hy && p.kind == K_WORD && !p.cap && i >= 2 && !p.lx && p.w.size() > 2) {
      auto number = [&](size_t k) { return toks_[k].kind == K_NUM || (toks_[k].lx && toks_[k].lx->num >= 1); };
      std::string_view big = W(i - 2);
      amount = number(i - 2) ||
               (i >= 3 && (big == "million" || big == "billion" || big == "thousand") && number(i - 3));
    }
    if (!amount) return false;
    // "a year earlier", "a year ago" are not sets
    std::string_view nw = W(u + 1);
    if (!hy && (nw == "ago" || nw == "earlier" || nw == "later" || nw == "before" || nw == "after")) return false;
    c->te = static_cast<uint32_t>(u + 1);
    c->value = DurValue(1, false, ul->unit);
    return true;
  }
  return false;
}

bool Annotator::Match(size_t i, Cand* best) {
  const Tok& t = toks_[i];
  if (!MayStart(i)) return false;
  bool found = false;
  Cand c;
  auto consider = [&](bool ok) {
    if (ok && c.te > c.tb && !c.value.empty()) {
      if (!found || c.te > best->te || (c.te == best->te && c.tb < best->tb)) {
        *best = c;
        found = true;
      }
    }
    c = Cand();
  };
  if (t.kind == K_NUM) {
    consider(RuleClock(i, &c));
    consider(RuleNumeric(i, &c));
    consider(RuleDayMonth(i, &c));
    consider(RuleDuration(i, &c));
    consider(RuleNamed(i, &c));
    return found;
  }
  if (t.apos) {
    consider(RuleNamed(i, &c));
    if (found) return true;
    size_t ye;
    if (ParseYear(i, &ye) >= 0 && i > 0 && (W(i - 1) == "in" || W(i - 1) == "since")) {
      best->tb = static_cast<uint32_t>(i);
      best->te = static_cast<uint32_t>(ye);
      size_t dummy;
      best->value = FmtY(ParseYear(i, &dummy));
      best->type = TimeType::kDate;
      return true;
    }
    return false;
  }
  const Lex* lx = t.lx;
  if (!lx) return false;  // not a time word (see Lexicon)
  if (lx) {
    if (lx->month) consider(RuleMonth(i, &c));
    if (lx->wday) {
      consider(RuleMonth(i, &c));
      consider(RuleWeekday(i, &c));
      // "Friday 22 March", "Friday, 22nd March 2013": a weekday before a day-first date
      if (lx->wday > 0 && t.cap) {
        size_t k = Is(i + 1, ",") ? i + 2 : i + 1;
        bool ok = k < n() && toks_[k].kind == K_NUM && RuleDayMonth(k, &c);
        if (ok) {
          Cand wc;  // "next Thursday, 4 November": the weekday's own modifier starts it
          c.tb = RuleWeekday(i, &wc) && wc.tb < i ? wc.tb : static_cast<uint32_t>(i);
          c.the_ok = false;
        }
        consider(ok);
      }
    }
    if (lx->ord || lx->num >= 0) { consider(RuleDayMonth(i, &c)); consider(RuleNamed(i, &c)); consider(RuleClock(i, &c)); }
    if (lx->num == 19 || lx->num == 18 || lx->num == 2) {
      // spoken years: "in nineteen ninety-six", "the year two thousand"
      size_t ye;
      int64_t y = ParseYear(i, &ye);
      std::string_view pw = i > 0 ? W(i - 1) : std::string_view();
      bool the_year = pw == "year" && i > 1 && W(i - 2) == "the";
      // A full spoken year ("nineteen ninety-six": century, tens and unit)
      // needs no preposition: no count is said that way.
      bool full = ye >= i + 3 && (lx->num == 19 || lx->num == 18) && !(L(ye) && L(ye)->num >= 0);
      if (y >= 0 && (ye > i + 1) && (full || the_year || pw == "in" || pw == "since" || pw == "of" || pw == "by" ||
                                     pw == "until" || pw == "during" || pw == "from")) {
        c.tb = static_cast<uint32_t>(the_year ? i - 2 : i);
        c.te = static_cast<uint32_t>(ye);
        c.value = FmtY(y);
        c.datemod_ok = true;
        consider(true);
      }
    }
    if (lx->set_unit) consider(RuleSet(i, &c));
  }
  std::string_view w = t.w;
  switch (w[0]) {
    case 'a': case 'e': case 'p': case 'o':
      break;
    default:
      break;
  }
  // "$5 a year" is a rate (a set), not the duration "a year": first on ties.
  if (w == "a" || w == "an") consider(RuleSet(i, &c));
  if (w == "the") consider(RuleWeekOfMonth(i, &c));
  consider(RuleDeictic(i, &c));
  consider(RuleDuration(i, &c));
  consider(RuleRelUnit(i, &c));
  if (!(lx->ord || lx->num >= 0)) consider(RuleNamed(i, &c));
  consider(RuleVague(i, &c));
  if (w == "every" || w == "each" || w == "per") consider(RuleSet(i, &c));
  // "high noon" is a showdown, not twelve o'clock
  if ((w == "noon" || w == "midnight" || w == "midday") && !(w == "noon" && i > 0 && W(i - 1) == "high"))
    consider(RuleClock(i, &c));
  return found;
}

// "the first week of April", "the last week of May 2012": the ISO week
// holding that part of the month (the week with day 7n-3, or with the
// fourth-to-last day for "last").
bool Annotator::RuleWeekOfMonth(size_t i, Cand* c) {
  if (!Is(i, "the")) return false;
  size_t k = i + 1;
  int ord = 0;
  if (L(k) && L(k)->ord >= 1 && L(k)->ord <= 4) ord = L(k)->ord;
  else if (Is(k, "fourth")) ord = 4;
  else if (Is(k, "last") || Is(k, "final")) ord = -1;
  else return false;
  if (!Is(k + 1, "week") || !Is(k + 2, "of")) return false;
  size_t me;
  int m = ParseMonth(k + 3, &me, true);
  if (!m) return false;
  size_t ye;
  int64_t y = ParseYear(Is(me, ",") ? me + 1 : me, &ye);
  c->tb = static_cast<uint32_t>(i);
  c->te = static_cast<uint32_t>(y >= 0 ? ye : me);
  c->type = TimeType::kDate;
  if (y < 0) {
    if (!dct_ok_) {
      Unresolved(c, "XXXX-WXX");
      return true;
    }
    y = YearForMonth(m, 0, Dir(i));
  }
  int day = ord > 0 ? 7 * ord - 3 : DaysInMonth(y, m) - 3;
  c->value = FmtWeek(DaysFromCivil(y, m, day));
  return true;
}

// Adds "the", "early", "about" ... before the core expression.
void Annotator::ExtendLeft(Cand* c, size_t floor) {
  for (;;) {
    size_t b = c->tb;
    if (b == 0 || b - 1 < floor) return;
    std::string_view pw = W(b - 1);
    if (c->approx_ok && W(c->tb) != "the") {
      if (pw == "about" || pw == "around" || pw == "approximately" || pw == "nearly" || pw == "almost" ||
          pw == "roughly" || pw == "some" || pw == "over") {
        // ("only", "just" are focus adverbs, not part of the expression: "only five hours")
        if (pw == "over" && c->type != TimeType::kDuration) return;
        // "over several years", "over many months": during them, not more than them
        if (pw == "over" && c->value.find('X') != std::string::npos) return;
        c->tb = static_cast<uint32_t>(b - 1);
        c->mod = (pw == "nearly" || pw == "almost") ? "LESS_THAN" : (pw == "over" ? "MORE_THAN" : "APPROX");
        continue;
      }
      if ((pw == "than") && b >= 2 && (W(b - 2) == "more" || W(b - 2) == "less" || W(b - 2) == "fewer")) {
        c->tb = static_cast<uint32_t>(b - 2);
        c->mod = W(b - 2) == "more" ? "MORE_THAN" : "LESS_THAN";
        continue;
      }
      if (pw == "least" && b >= 2 && W(b - 2) == "at") {
        c->tb = static_cast<uint32_t>(b - 2);
        c->mod = "EQUAL_OR_MORE";
        continue;
      }
      if (pw == "to" && b >= 2 && W(b - 2) == "up" && c->type == TimeType::kDuration) {
        c->tb = static_cast<uint32_t>(b - 2);
        c->mod = "EQUAL_OR_LESS";
        continue;
      }
    }
    if (c->datemod_ok && c->type != TimeType::kDuration) {
      if (pw == "early" || pw == "late" || pw == "earlier" || pw == "later" || pw == "mid") {
        c->tb = static_cast<uint32_t>(b - 1);
        c->mod = (pw == "early" || pw == "earlier") ? "START" : (pw == "mid" ? "MID" : "END");
        if (pw == "earlier" || pw == "later") c->mod = "";
        continue;
      }
      if (pw == "-" && b >= 2 && W(b - 2) == "mid" && !toks_[b - 1].sp) {
        c->tb = static_cast<uint32_t>(b - 2);
        c->mod = "MID";
        continue;
      }
      // "end-2013", "end-March", "early-2012", "late-November" (financial style)
      if (pw == "-" && b >= 2 && !toks_[b - 1].sp && !toks_[b].sp &&
          (W(b - 2) == "end" || W(b - 2) == "early" || W(b - 2) == "late" || W(b - 2) == "start")) {
        c->tb = static_cast<uint32_t>(b - 2);
        c->mod = (W(b - 2) == "end" || W(b - 2) == "late") ? "END" : "START";
        continue;
      }
      if (pw == "of" && b >= 3 && W(b - 3) == "the" &&
          (W(b - 2) == "end" || W(b - 2) == "beginning" || W(b - 2) == "start" || W(b - 2) == "middle")) {
        c->tb = static_cast<uint32_t>(b - 3);
        c->mod = W(b - 2) == "end" ? "END" : (W(b - 2) == "middle" ? "MID" : "START");
        continue;
      }
      // "the day before last Tuesday('s hearing)", "the day after Christmas":
      // one day off that date
      if ((pw == "before" || pw == "after") && b >= 3 && W(b - 2) == "day" &&
          (W(b - 3) == "the" || W(b - 3) == "a") && GranOf(c->value) == G_DAY && c->value.size() == 10 &&
          c->type == TimeType::kDate) {
        CivilDate d;
        if (ParseIsoDate(c->value, &d)) {
          c->tb = static_cast<uint32_t>(b - 3);
          c->value = FmtDays(DaysFromCivil(d.y, d.m, d.d) + (pw == "before" ? -1 : 1));
          continue;
        }
      }
      // "the week of March 6": the week that day falls in
      if (pw == "of" && b >= 3 && W(b - 2) == "week" && W(b - 3) == "the" && GranOf(c->value) == G_DAY &&
          c->value.size() == 10 && c->type == TimeType::kDate) {
        CivilDate d;
        std::string wk;
        if (ParseIsoDate(c->value, &d) && !(wk = FmtWeek(DaysFromCivil(d.y, d.m, d.d))).empty()) {
          c->tb = static_cast<uint32_t>(b - 3);
          c->value = std::move(wk);
          continue;
        }
      }
      if (pw == "of" && b >= 4 && (W(b - 2) == "half") && W(b - 4) == "the" &&
          (W(b - 3) == "first" || W(b - 3) == "second" || W(b - 3) == "last") && GranOf(c->value) == G_YEAR) {
        c->tb = static_cast<uint32_t>(b - 4);
        c->value += W(b - 3) == "first" ? "-H1" : "-H2";
        continue;
      }
    }
    if (c->the_ok && pw == "the") {
      c->tb = static_cast<uint32_t>(b - 1);
      c->the_ok = false;
      continue;
    }
    return;
  }
}

void Annotator::Run(std::vector<TimeExpr>* out) {
  Tokenize();
  ComputeCues();
  ref_.clear();
  last_quarter_.clear();
  size_t floor = 0, prev_floor = 0;
  size_t i = 0;
  while (i < toks_.size()) {
    if (!MayStart(i)) {  // most tokens: no candidate to build
      ++i;
      continue;
    }
    Cand c;
    if (!Match(i, &c)) {
      ++i;
      continue;
    }
    // A candidate reaching back over the previous expression ("1988" then
    // "1988 third quarter") may replace it, so it may extend as far.
    if (TitleWord(c.tb, c.te - 1)) {  // "ABC's This Week", "60 Minutes", "High Noon"
      i = c.te;
      continue;
    }
    ExtendLeft(&c, c.tb < floor ? prev_floor : floor);
    // "or so"
    if (Is(c.te, "or") && Is(c.te + 1, "so")) c.te += 2;
    TimeExpr te;
    te.span.begin = toks_[c.tb].b;
    te.span.end = toks_[c.te - 1].e;
    te.type = c.type;
    te.value = c.value;
    te.mod = c.mod;
    te.unresolved = c.unres;
    if (!out->empty() && out->back().span.end > te.span.begin) {
      // overlap with the previous expression (through left extension): keep the longer
      if (out->back().span.size() >= te.span.size()) {
        i = c.te;
        continue;
      }
      out->pop_back();
    }
    out->push_back(std::move(te));
    if (c.type == TimeType::kDate || c.type == TimeType::kTime) {
      Gran g = GranOf(c.value);
      if (g != G_NONE && !c.unres && !c.from_ref) ref_ = c.value.substr(0, std::min<size_t>(c.value.size(), 10));
      if (g == G_QUARTER && !c.unres && !c.from_ref) last_quarter_ = c.value.substr(0, 7);
    }
    if (c.tb >= floor) prev_floor = floor;
    floor = c.te;
    i = c.te;
  }
}

}  // namespace

bool ParseIsoDate(std::string_view s, CivilDate* out) {
  // trim
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  auto digits = [&](size_t p, size_t len, int* v) {
    if (p + len > s.size()) return false;
    int x = 0;
    for (size_t k = p; k < p + len; ++k) {
      if (!IsDigit(s[k])) return false;
      x = x * 10 + (s[k] - '0');
    }
    *v = x;
    return true;
  };
  int y, m, d;
  size_t rest;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    if (!digits(0, 4, &y) || !digits(5, 2, &m) || !digits(8, 2, &d)) return false;
    rest = 10;
  } else if (s.size() >= 8 && digits(0, 8, &y)) {
    if (s.size() > 8 && IsDigit(s[8])) return false;
    m = y / 100 % 100;
    d = y % 100;
    y /= 10000;
    rest = 8;
  } else {
    return false;
  }
  if (rest < s.size() && s[rest] != 'T' && s[rest] != ' ' && s[rest] != 't') return false;
  if (!ValidDate(y, m, d)) return false;
  out->y = y;
  out->m = m;
  out->d = d;
  return true;
}

Result Annotate(std::string_view text, std::string_view dct, const Options& opt) {
  Result r;
  CivilDate cd;
  bool ok = ParseIsoDate(dct, &cd);
  if (!ok && opt.date_from_text) {
    // A dateline date near the top of the text: the first full date in the
    // first 300 bytes.
    Annotator probe(text.substr(0, std::min<size_t>(text.size(), 300)), nullptr);
    std::vector<TimeExpr> tmp;
    probe.Run(&tmp);
    for (const auto& t : tmp) {
      if (t.value.size() >= 10 && !t.unresolved && ParseIsoDate(t.value.substr(0, 10), &cd)) {
        ok = true;
        r.anchor_from_text = true;
        break;
      }
    }
  }
  if (ok) r.anchor = FmtYMD(cd.y, cd.m, cd.d);
  Annotator a(text, ok ? &cd : nullptr);
  a.Run(&r.times);
  return r;
}

}  // namespace timex

namespace {

class TimeStage : public Stage {
 public:
  Status Process(Document& doc) const override {
    std::string_view dct = doc.date;
    timex::CivilDate cd;
    std::string dateline_date;
    if (!timex::ParseIsoDate(dct, &cd) && doc.dateline && timex::ParseIsoDate(doc.dateline->date, &cd)) {
      dct = doc.dateline->date;
    } else if (!timex::ParseIsoDate(dct, &cd) && doc.dateline && !doc.dateline->date_span.empty() &&
        doc.dateline->date_span.end <= doc.text.size()) {
      // A full date in the dateline ("WASHINGTON, Dec. 19, 2016 -") anchors the article.
      timex::Result d = timex::Annotate(doc.span_text(doc.dateline->date_span), "");
      for (const auto& t : d.times) {
        if (!t.unresolved && t.value.size() >= 10 && timex::ParseIsoDate(t.value.substr(0, 10), &cd)) {
          dateline_date = t.value.substr(0, 10);
          dct = dateline_date;
          break;
        }
      }
    }
    timex::Result r = timex::Annotate(doc.text, dct);
    doc.times = std::move(r.times);
    return Status::OK();
  }
};

}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeTimeStage(const Resources&) {
  return std::unique_ptr<Stage>(std::make_unique<TimeStage>());
}

}  // namespace tidings
