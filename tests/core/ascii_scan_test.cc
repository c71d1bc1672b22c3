#include "tidings/core/ascii_scan.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tidings {
namespace {

// The next state of a xorshift64 generator: test data, the same on every run.
void Step(uint64_t& x) {
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
}

bool Letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool Alnum(unsigned char c) { return Letter(c) || (c >= '0' && c <= '9'); }
bool Visible(unsigned char c) { return c >= 0x21 && c <= 0x7E; }

TEST(AsciiScanTest, SkipsExactlyTheRunOfLettersOrDigitsFromAnyStart) {
  // Every byte value next to runs of every length, at every offset.
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < 3000; ++round) {
    Step(x);
    const size_t run = x % 20;
    std::string s;
    for (size_t k = 0; k < run; ++k) s += "aZ0m9Qz"[(x >> (k % 32)) % 7];
    s += static_cast<char>(round % 256);  // the byte that may end the run
    s += "tail";
    for (size_t from = 0; from < s.size(); ++from) {
      size_t want = from;
      while (want < s.size() && Letter(static_cast<unsigned char>(s[want]))) ++want;
      ASSERT_EQ(ascii::SkipLetters(s.data(), from, s.size()), want) << round << " " << from;
      want = from;
      while (want < s.size() && Alnum(static_cast<unsigned char>(s[want]))) ++want;
      ASSERT_EQ(ascii::SkipAlnum(s.data(), from, s.size()), want) << round << " " << from;
      want = from;
      while (want < s.size() && Visible(static_cast<unsigned char>(s[want]))) ++want;
      ASSERT_EQ(ascii::SkipVisible(s.data(), from, s.size()), want) << round << " " << from;
    }
  }
  // Never past the end given, whatever follows in memory.
  const char* t = "abcdefghijklmnop";
  EXPECT_EQ(ascii::SkipLetters(t, 0, 11), 11u);
  EXPECT_EQ(ascii::SkipAlnum(t, 3, 3), 3u);
  EXPECT_EQ(ascii::SkipVisible(t, 2, 13), 13u);
}

TEST(AsciiScanTest, EqualMarksExactlyTheBytesOfOneValue) {
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int round = 0; round < 20000; ++round) {
    Step(x);
    // words with many bytes equal to, next to or far from v
    const uint8_t v = static_cast<uint8_t>(round);
    uint64_t w = x;
    for (int k = 0; k < 8; ++k)
      if ((x >> (8 + k)) & 1) w = (w & ~(uint64_t{0xFF} << (8 * k))) | (uint64_t{static_cast<uint8_t>(v + (k % 3) - 1)} << (8 * k));
    uint64_t want = 0;
    for (int k = 0; k < 8; ++k)
      if (static_cast<uint8_t>(w >> (8 * k)) == v) want |= uint64_t{0x80} << (8 * k);
    ASSERT_EQ(ascii::detail::Equal(w, v), want) << std::hex << w << " " << int(v);
  }
}

TEST(AsciiScanTest, LowerWideLowerCasesAsciiLettersOnlyAndFlagsOtherBytes) {
  uint64_t x = 0x2545F4914F6CDD1Dull;
  for (int round = 0; round < 2000; ++round) {
    for (size_t n = 0; n <= 24; ++n) {
      std::string w;
      for (size_t k = 0; k < n; ++k) {
        Step(x);
        w += static_cast<char>(round % 3 == 0 ? x % 256 : " AZaz@[`{09'\xE2\x80\x99"[x % 16]);
      }
      std::string want = w;
      bool ascii = true;
      for (char& c : want) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
      }
      std::vector<char> buf(w.size() + 8);
      bool got_ascii = !ascii;
      ASSERT_EQ(ascii::LowerWide(w, buf.data(), &got_ascii), want) << round << " " << n;
      EXPECT_EQ(got_ascii, ascii);
    }
  }
}

}  // namespace
}  // namespace tidings
