// Pairing of quotation marks into quoted spans (see quotes.h).
#include <algorithm>

#include "tidings/core/ascii_scan.h"
#include "tidings/core/utf8.h"
#include "tidings/quotes/quotes.h"

namespace tidings::quotes {
namespace {

enum class Family : uint8_t { kNone, kDouble, kSingle };
enum class Glyph : uint8_t { kNeutral, kOpen, kClose };

Family FamilyOf(char32_t c, Glyph* g) {
  switch (c) {
    case U'"': *g = Glyph::kNeutral; return Family::kDouble;
    case U'\u201C': case U'\u201E': case U'\u201F': case U'\u00AB': *g = Glyph::kOpen; return Family::kDouble;
    case U'\u201D': case U'\u00BB': *g = Glyph::kClose; return Family::kDouble;
    case U'\'': *g = Glyph::kNeutral; return Family::kSingle;
    case U'\u2018': case U'\u201A': *g = Glyph::kOpen; return Family::kSingle;
    case U'\u2019': *g = Glyph::kClose; return Family::kSingle;
    default: *g = Glyph::kNeutral; return Family::kNone;
  }
}

using utf8::IsSpace;
bool IsDash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2012; }
bool IsBullet(char32_t c) { return c == 0x2022 || c == '*' || c == 0x25CF || c == 0x25AA || c == 0x2023; }

// May precede an opening mark.
bool LeftBoundary(char32_t c) {
  if (c == 0 || IsSpace(c) || IsDash(c) || IsBullet(c)) return true;
  switch (c) {
    case '(': case '[': case '{': case '/': case ':': case ';': case ',': case '.': case '!': case '?':
    case U'\u201C': case U'\u201E': case U'\u2018': case U'\u00AB': case '"': case '\'':
      return true;
    default: return false;
  }
}
// May follow a closing mark.
bool RightBoundary(char32_t c) {
  if (c == 0 || IsSpace(c) || IsDash(c)) return true;
  switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?': case ')': case ']': case '}': case '/':
    case U'\u2026': case U'\u201D': case U'\u2019': case U'\u00BB': case '"': case '\'':
      return true;
    default: return false;
  }
}

struct Mark {
  uint32_t b, e;
  Family fam;
  bool can_open, can_close;
  bool at_para_start;
  bool colon_before;  // ':' (and spaces) right before
  bool after_terminal;  // '.', '!' or '?' (and spaces) right before: a new sentence
};

struct Pair {
  uint32_t open, close;  // indices into marks; close == kOpenEnded for unclosed
  uint32_t start_override;  // content start of a carried quote, or UINT32_MAX
  uint32_t para_end;
  uint8_t n_outer;
  uint32_t outer[4];  // openers enclosing this pair when it closed
};
constexpr uint32_t kOpenEnded = UINT32_MAX;

struct Opener {
  uint32_t mark;
  uint32_t carried_start;  // UINT32_MAX when not continuing a previous paragraph's quote
};

// Bytes that can start a quotation mark: '"', '\'', and the lead bytes of
// U+00AB/U+00BB (0xC2) and of U+2018..U+201F (0xE2). High bit of each byte of
// the 8-byte word x set where it is one of them.
inline uint64_t MarkLeadBytes(uint64_t x) {
  using ascii::detail::Equal;
  return Equal(x, 0x22) | Equal(x, 0x27) | Equal(x, 0xC2) | Equal(x, 0xE2);
}
inline bool IsMarkLead(unsigned char c) { return c == 0x22 || c == 0x27 || c == 0xC2 || c == 0xE2; }

// The quotation marks of paragraph [pb, pe) of valid UTF-8 text that can open
// or close a quote, with their context. Only the bytes that can start a mark
// are looked at one by one (an 8-byte scan skips the rest); the context of a
// mark - the code points just before and after it, the last one before it
// that is not a space, whether only spaces, bullets and dashes precede it in
// the paragraph - is read around it.
void CollectMarks(std::string_view text, uint32_t pb, uint32_t pe, std::vector<Mark>& out) {
  out.clear();
  // The end of the paragraph's lead of spaces, bullets and dashes.
  size_t lead_end = pb;
  while (lead_end < pe) {
    size_t j = lead_end;
    const char32_t c = utf8::Next(text, j);
    if (j > pe || !(IsSpace(c) || IsBullet(c) || IsDash(c))) break;
    lead_end = j;
  }
  const char* const s = text.data();
  size_t q = pb;
  while (q < pe) {
    // The next byte that can start a mark.
    q = ascii::detail::SkipClass(
        s, q, pe, [](uint64_t x) { return ~MarkLeadBytes(x) & ascii::detail::kHigh; },
        [](unsigned char c) { return !IsMarkLead(c); });
    if (q >= pe) break;
    const size_t start = q;
    size_t i = q;
    const char32_t c = utf8::Next(text, i);
    if (i > pe) break;
    q = i;
    Glyph g;
    const Family f = FamilyOf(c, &g);
    if (f == Family::kNone) continue;
    char32_t prev = 0;
    if (start > pb) {
      size_t k = start;
      prev = utf8::Prev(text, k);
    }
    bool colon = false, terminal = false;  // the last code point before that is not a space
    for (size_t k = start; k > pb;) {
      const char32_t b = utf8::Prev(text, k);
      if (IsSpace(b)) continue;
      colon = b == ':';
      terminal = b == '.' || b == '!' || b == '?';
      break;
    }
    char32_t next = 0;
    if (i < pe) {
      size_t j = i;
      next = utf8::Next(text, j);
    }
    bool lb = LeftBoundary(prev), rb = RightBoundary(next);
    bool left_space = prev == 0 || IsSpace(prev);
    bool right_space = next == 0 || IsSpace(next);
    bool ctx_open = lb && !right_space;
    bool ctx_close = rb && !left_space;
    Mark m{static_cast<uint32_t>(start), static_cast<uint32_t>(i), f, false, false, start <= lead_end, colon, terminal};
    if (g == Glyph::kNeutral) {
      m.can_open = ctx_open;
      m.can_close = ctx_close;
      if (!ctx_open && !ctx_close && lb && rb && f == Family::kDouble) m.can_open = m.can_close = true;
    } else if (g == Glyph::kOpen) {
      m.can_open = true;
      m.can_close = ctx_close && !ctx_open;
    } else {
      m.can_close = true;
      m.can_open = ctx_open && !ctx_close;
    }
    // A single mark between letters is an apostrophe (don't, Russia's).
    if (f == Family::kSingle && !lb && !rb) m.can_open = m.can_close = false;
    if (m.can_open || m.can_close) out.push_back(m);
  }
}

bool HasContent(std::string_view text, uint32_t b, uint32_t e) {
  size_t i = b;
  while (i < e) {
    char32_t c = utf8::Next(text, i);
    if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      if (c < 0x80 || !IsSpace(c)) return true;
    }
  }
  return false;
}

// Does paragraph [pb, pe) start (after spaces/bullets/dashes) with an opening mark of family f?
bool StartsWithOpener(std::string_view text, uint32_t pb, uint32_t pe, Family f) {
  size_t i = pb;
  while (i < pe) {
    char32_t c = utf8::Next(text, i);
    if (IsSpace(c) || IsBullet(c) || IsDash(c)) continue;
    Glyph g;
    Family ff = FamilyOf(c, &g);
    return ff == f && g != Glyph::kClose;
  }
  return false;
}

}  // namespace

std::vector<MarkedSpan> FindMarkedSpans(std::string_view text, const std::vector<Paragraph>& paragraphs) {
  std::vector<MarkedSpan> result;
  std::vector<Paragraph> whole;
  const std::vector<Paragraph>* paras = &paragraphs;
  if (paragraphs.empty()) {
    whole.push_back({0, static_cast<uint32_t>(text.size())});
    paras = &whole;
  }
  std::vector<Mark> marks;
  std::vector<Pair> pairs;
  std::vector<Opener> stack;
  std::vector<uint8_t> valid;  // per mark: opener that was closed or extended
  uint32_t carry = UINT32_MAX;  // content start of a quote continuing into the next paragraph
  for (size_t p = 0; p < paras->size(); ++p) {
    uint32_t pb = std::min<uint32_t>((*paras)[p].begin, text.size());
    uint32_t pe = std::min<uint32_t>((*paras)[p].end, text.size());
    if (pe <= pb) continue;
    CollectMarks(text, pb, pe, marks);
    bool has_double = false;
    for (const Mark& m : marks) has_double |= m.fam == Family::kDouble;
    for (Family fam : {Family::kDouble, Family::kSingle}) {
      if (fam == Family::kSingle && has_double) break;
      pairs.clear();
      stack.clear();
      valid.assign(marks.size(), 0);
      uint32_t pending = fam == Family::kDouble ? carry : UINT32_MAX;
      if (fam == Family::kDouble) carry = UINT32_MAX;
      for (uint32_t k = 0; k < marks.size(); ++k) {
        const Mark& m = marks[k];
        if (m.fam != fam) continue;
        bool close = m.can_close && (!stack.empty() || !m.can_open);
        if (close) {
          if (stack.empty()) continue;  // stray closing mark
          Opener o = stack.back();
          stack.pop_back();
          Pair pr{o.mark, k, o.carried_start, pe, 0, {}};
          for (const Opener& s : stack) pr.outer[pr.n_outer++] = s.mark;
          valid[o.mark] = 1;
          pairs.push_back(pr);
        } else if (m.can_open) {
          if (stack.size() == 4) stack.pop_back();  // too deep: drop the innermost opener
          uint32_t cs = UINT32_MAX;
          if (pending != UINT32_MAX && m.at_para_start && stack.empty()) cs = pending;
          pending = UINT32_MAX;
          stack.push_back({k, cs});
        }
      }
      // Openers left unclosed at the end of the paragraph.
      for (size_t s = 0; s < stack.size(); ++s) {
        const Opener& o = stack[s];
        const Mark& m = marks[o.mark];
        if (s == 0 && fam == Family::kDouble && m.at_para_start && p + 1 < paras->size() &&
            StartsWithOpener(text, (*paras)[p + 1].begin, std::min<uint32_t>((*paras)[p + 1].end, text.size()), fam)) {
          carry = o.carried_start != UINT32_MAX ? o.carried_start : m.e;
          valid[o.mark] = 1;
          break;
        }
        // Unclosed, but opening the paragraph, a sentence or a colon-introduced
        // quote: it runs to the end of its paragraph, never beyond.
        if (fam == Family::kDouble && (m.at_para_start || m.colon_before || m.after_terminal)) {
          Pair pr{o.mark, kOpenEnded, o.carried_start, pe, 0, {}};
          valid[o.mark] = 1;
          pairs.push_back(pr);
          break;
        }
      }
      for (const Pair& pr : pairs) {
        bool nested = false;
        for (uint8_t j = 0; j < pr.n_outer; ++j) nested |= valid[pr.outer[j]] != 0;
        if (nested) continue;
        const Mark& om = marks[pr.open];
        MarkedSpan sp;
        sp.single = fam == Family::kSingle;
        sp.open_begin = om.b;
        uint32_t cb = pr.start_override != UINT32_MAX ? pr.start_override : om.e;
        if (pr.start_override != UINT32_MAX) sp.open_begin = pr.start_override;  // refined below
        uint32_t ce;
        if (pr.close == kOpenEnded) {
          ce = pr.para_end;
          sp.closed = false;
          sp.close_end = utf8::SkipSpaceRight(text, cb, ce);
        } else {
          ce = marks[pr.close].b;
          sp.close_end = marks[pr.close].e;
        }
        sp.content_begin = utf8::SkipSpaceLeft(text, cb, ce);
        sp.content_end = utf8::SkipSpaceRight(text, sp.content_begin, ce);
        if (!sp.closed) sp.close_end = sp.content_end;
        if (pr.start_override != UINT32_MAX) {
          // The opening mark precedes the carried content start.
          size_t j = pr.start_override;
          utf8::Prev(text, j);
          sp.open_begin = static_cast<uint32_t>(j);
        }
        if (!HasContent(text, sp.content_begin, sp.content_end)) continue;
        result.push_back(sp);
      }
    }
  }
  std::sort(result.begin(), result.end(),
            [](const MarkedSpan& a, const MarkedSpan& b) { return a.content_begin < b.content_begin; });
  return result;
}

}  // namespace tidings::quotes
