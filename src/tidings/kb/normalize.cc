#include "tidings/kb/normalize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace tidings::kb {
namespace {

// Folding of U+00C0..U+00FF, one entry per code point ("" = separator).
const char* const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0
    "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // F0

// Folding of U+0100..U+017F as runs of one letter.
struct Run {
  char16_t first, last;
  const char* to;
};
const Run kLatinA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
    // Latin Extended-B letters common in place names.
    {0x1CD, 0x1CE, "a"}, {0x1CF, 0x1D0, "i"}, {0x1D1, 0x1D2, "o"}, {0x1D3, 0x1DC, "u"},
    {0x218, 0x219, "s"}, {0x21A, 0x21B, "t"}};

// Decodes one code point; returns 0xFFFFFFFF on an invalid sequence (skips a byte).
char32_t Decode(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (n < 0 || i + n >= s.size()) {
    ++i;
    return 0xFFFFFFFF;
  }
  char32_t cp = c & (0x3F >> n);
  for (int k = 1; k <= n; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) {
      ++i;
      return 0xFFFFFFFF;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += n + 1;
  return cp;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

constexpr bool IsDropped(char32_t cp) {
  return cp == '.' || cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ||
         cp == 0x02BB || cp == 0x02BF || cp == 0x02BE || cp == 0xB4 || cp == 0xAD ||
         (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF;
}

constexpr bool IsSeparator(char32_t cp) {
  if (cp < 0x80) return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
  if (cp == 0xA0 || cp == 0xD7 || cp == 0xF7) return true;
  if (cp >= 0x2000 && cp <= 0x206F) return true;  // general punctuation, dashes, spaces
  if (cp == 0x3000 || cp == 0x3001 || cp == 0x3002 || cp == 0x30FB || cp == 0xFF0C) return true;
  return false;
}

enum AsciiClass : uint8_t { kKeep, kSep, kDrop };

// The class of each ASCII byte, as IsDropped/IsSeparator decide it.
constexpr std::array<uint8_t, 128> MakeAsciiClass() {
  std::array<uint8_t, 128> t{};
  for (char32_t c = 0; c < 128; ++c)
    t[c] = IsDropped(c) ? kDrop : IsSeparator(c) ? kSep : kKeep;
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiClass = MakeAsciiClass();

// For each byte: its lower case when it is an ASCII letter or digit (kept as
// it is by AppendNormalized, lower-cased), else 0.
constexpr std::array<char, 256> MakePlainLower() {
  std::array<char, 256> t{};
  for (int c = 0; c < 128; ++c)
    if (kAsciiClass[c] == kKeep) t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}
constexpr std::array<char, 256> kPlainLower = MakePlainLower();

}  // namespace

void AppendNormalized(std::string_view s, std::string& out) {
  size_t start = out.size();
  bool pending_space = false;
  auto put = [&](const char* piece) {
    if (pending_space && out.size() > start) out.push_back(' ');
    pending_space = false;
    out.append(piece);
  };
  size_t i = 0;
  while (i < s.size()) {
    // ASCII fast path: letters and digits are kept (lower-cased), '.', '\'' and
    // '`' dropped, everything else separates.
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80 && kPlainLower[c] && i + 1 < s.size() && kPlainLower[static_cast<unsigned char>(s[i + 1])]) {
      // A run of ASCII letters and digits: appended in lower case in one go.
      size_t e = i + 2;
      while (e < s.size() && kPlainLower[static_cast<unsigned char>(s[e])]) ++e;
      if (pending_space && out.size() > start) out.push_back(' ');
      pending_space = false;
      const size_t at = out.size();
      out.resize(at + (e - i));
      char* o = out.data() + at;
      for (size_t k = i; k < e; ++k) *o++ = kPlainLower[static_cast<unsigned char>(s[k])];
      i = e;
      continue;
    }
    if (c < 0x80) {
      ++i;
      if (kAsciiClass[c] == kKeep) {
        if (pending_space && out.size() > start) out.push_back(' ');
        pending_space = false;
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      } else if (kAsciiClass[c] == kSep) {
        pending_space = true;
      }
      continue;
    }
    char32_t cp = Decode(s, i);
    if (cp == 0xFFFFFFFF || IsDropped(cp)) continue;
    if (IsSeparator(cp)) {
      pending_space = true;
      continue;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
      const char* f = kLatin1[cp - 0xC0];
      if (*f) put(f); else pending_space = true;
      continue;
    }
    const char* folded = nullptr;
    for (const Run& r : kLatinA)
      if (cp >= r.first && cp <= r.last) {
        folded = r.to;
        break;
      }
    if (folded) {
      put(folded);
      continue;
    }
    // Lower-case basic Greek and Cyrillic capitals.
    if (cp >= 0x391 && cp <= 0x3A9) cp += 32;
    else if (cp >= 0x410 && cp <= 0x42F) cp += 32;
    else if (cp >= 0x400 && cp <= 0x40F) cp += 80;
    if (pending_space && out.size() > start) out.push_back(' ');
    pending_space = false;
    Encode(cp, out);
  }
}

std::string NormalizeName(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendNormalized(s, out);
  return out;
}

void TokenKeys::Build(const Document& doc) {
  const size_t n = doc.tokens.size();
  off_.resize(n);
  len_.resize(n);
  first_len_.resize(n);
  raw_.resize(n);
  // A token's key is never longer than the token (folding never lengthens a
  // character, separators collapse): the keys and a space before each fit in
  // this many bytes.
  size_t bound = 0;
  for (size_t i = 0; i < n; ++i) {
    raw_[i] = doc.word(i);
    bound += raw_[i].size() + 1;
  }
  text_.resize(bound);
  char* out = text_.data();
  size_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    const std::string_view w = raw_[i];
    const size_t start = pos + (pos ? 1 : 0);
    // Most tokens are ASCII letters and digits only: their key is the token
    // in lower case (what AppendNormalized gives them), written in one go.
    bool plain = !w.empty();
    for (size_t k = 0; k < w.size(); ++k) {
      const char m = kPlainLower[static_cast<unsigned char>(w[k])];
      plain &= m != 0;
      out[start + k] = m;
    }
    size_t len = w.size();
    if (!plain && w.size() == 1 && static_cast<unsigned char>(w[0]) < 0x80) {
      len = 0;  // one ASCII character that is not a letter or digit: dropped or a separator
    } else if (!plain) {
      scratch_.clear();
      AppendNormalized(w, scratch_);
      len = scratch_.size();
      if (start + len > text_.size()) {  // (not expected: see above)
        text_.resize(start + len + bound);
        out = text_.data();
      }
      std::memcpy(out + start, scratch_.data(), len);
    }
    if (len == 0) {  // nothing left: no separator either
      off_[i] = static_cast<uint32_t>(pos);
      len_[i] = 0;
      first_len_[i] = 0;
      continue;
    }
    if (pos) out[pos] = ' ';
    off_[i] = static_cast<uint32_t>(start);
    len_[i] = static_cast<uint32_t>(len);
    uint32_t f = 0;
    if (plain) f = static_cast<uint32_t>(len);
    else
      while (f < len && out[start + f] != ' ') ++f;
    first_len_[i] = f;
    pos = start + len;
  }
  text_.resize(pos);
}

int WordSet::Insert(std::string_view w) {
  if (int i = Find(w); i >= 0) return i;
  words_.emplace_back(w);
  hashes_.push_back(HashKey(w));
  const uint32_t f = FilterBit(w);
  filter_[f >> 6] |= uint64_t{1} << (f & 63);
  if (words_.size() * 2 > slots_.size()) Rehash(std::max<size_t>(16, slots_.size() * 2));
  else {
    size_t j = hashes_.back() & mask_;
    while (slots_[j] >= 0) j = (j + 1) & mask_;
    slots_[j] = static_cast<int32_t>(words_.size() - 1);
  }
  return static_cast<int>(words_.size() - 1);
}

void WordSet::Rehash(size_t cap) {
  slots_.assign(cap, -1);
  mask_ = cap - 1;
  for (size_t i = 0; i < words_.size(); ++i) {
    size_t j = hashes_[i] & mask_;
    while (slots_[j] >= 0) j = (j + 1) & mask_;
    slots_[j] = static_cast<int32_t>(i);
  }
}

int WordSet::FindSlow(std::string_view w) const {
  if (slots_.empty()) return -1;
  const uint64_t h = HashKey(w);
  for (size_t j = h & mask_;; j = (j + 1) & mask_) {
    const int32_t i = slots_[j];
    if (i < 0) return -1;
    if (hashes_[i] == h && words_[i] == w) return i;
  }
}

bool IsAsciiKey(std::string_view key) {
  for (char c : key)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

bool IsAllCaps(std::string_view w) {
  bool letter = false;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

}  // namespace tidings::kb
