#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tidings/tagger/features.h"
#include "tidings/tagger/hash.h"

namespace tidings::tagger {
namespace {

bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// The word facts as they were computed before HashToken, one string at a
// time: the feature hashes of the shipped models depend on them.
uint32_t ReferenceFlags(std::string_view w) {
  uint32_t f = 0;
  int up = 0, lo = 0, dig = 0, alnum = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = w[i];
    if (IsUpper(c)) {
      ++up;
      if (i > 0 && lo) f |= 8;
    } else if (IsLower(c)) {
      ++lo;
    } else if (IsDigit(c)) {
      ++dig;
    } else if (c == '-') {
      f |= 64;
    } else if (c == '.') {
      f |= 128;
    } else if (c >= 0x80) {
      f |= 2048;
    }
    if (IsUpper(c) || IsLower(c) || IsDigit(c) || c >= 0x80) ++alnum;
  }
  if (!w.empty() && IsUpper(static_cast<unsigned char>(w[0]))) f |= 1;
  if (up && !lo) f |= 2;
  if (lo && !up) f |= 4;
  if (dig) f |= 16;
  if (dig && !up && !lo && !(f & 2048)) f |= 32;
  if (!alnum) f |= 256;
  if (w.size() == 1) f |= 4096;
  if (w.size() >= 10) f |= 16384;
  if (w.size() >= 2 && (f & 1) && w.back() == '.') f |= 8192;
  return f;
}

void ReferenceShapes(std::string_view w, uint64_t* shape, uint64_t* sshape) {
  std::string buf;
  for (size_t i = 0; i < w.size() && buf.size() < 12; ++i) {
    unsigned char c = w[i];
    char k = IsUpper(c) ? 'X' : IsLower(c) ? 'x' : IsDigit(c) ? 'd' : c >= 0xC0 ? 'u' : c >= 0x80 ? 0 : static_cast<char>(c);
    if (k) buf.push_back(k);
  }
  *shape = HashBytes(buf, 3);
  size_t o = 0;
  for (size_t i = 0; i < buf.size(); ++i)
    if (o == 0 || buf[o - 1] != buf[i]) buf[o++] = buf[i];
  buf.resize(o);
  *sshape = HashBytes(buf, 4);
}

void ExpectSameAsReference(const std::string& w) {
  TokenFacts t{};
  uint32_t up = 99, lo = 99;
  const uint32_t flags = HashToken(w, &t, &up, &lo);
  EXPECT_EQ(flags, ReferenceFlags(w)) << "'" << w << "'";
  EXPECT_EQ(t.word, HashBytes(w)) << "'" << w << "'";
  EXPECT_EQ(t.lower, HashLower(w)) << "'" << w << "'";
  uint64_t shape, sshape;
  ReferenceShapes(w, &shape, &sshape);
  EXPECT_EQ(t.shape, shape) << "'" << w << "'";
  EXPECT_EQ(t.sshape, sshape) << "'" << w << "'";
  uint32_t u = 0, l = 0;
  for (unsigned char c : w) u += IsUpper(c), l += IsLower(c);
  EXPECT_EQ(up, u);
  EXPECT_EQ(lo, l);
}

TEST(HashToken, SameFactsAsHashingEachStringOnItsOwn) {
  for (const char* w : {"", "a", "A", "Ankara", "ANKARA", "McDonald", "U.S.", "Mr.", "1996-08-30", "3.5", "--", ".",
                        "e-mail", "\xc3\x96zil", "na\xc3\xafve", "2,000", "iPhone", "AbCdEfGhIjKlMnOp", "x1",
                        "internationalisation", "A.", "''", "\x80\x81", "\xff"})
    ExpectSameAsReference(w);
  ExpectSameAsReference(std::string("a\0b", 3));
  ExpectSameAsReference(std::string(1, '\0'));
  // Random words over letters, digits, punctuation, NUL and UTF-8 bytes
  // (shapes are cut at 12 characters, bytes 0x80-0xBF have none).
  std::mt19937 rng(11);
  const std::string alphabet = std::string("aAzZmM09-._,'/\0", 15) + "\x80\xbf\xc0\xc3\xe2\xff";
  for (int round = 0; round < 20000; ++round) {
    std::string w(rng() % 24, ' ');
    const size_t kinds = 1 + rng() % alphabet.size();
    for (char& c : w) c = alphabet[rng() % kinds];
    ExpectSameAsReference(w);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace tidings::tagger
