// Byte scanning eight bytes at a time: the tokenizers step over runs of ASCII
// letters (and digits, or any visible characters) with one 8-byte load and a
// few bit operations per eight bytes instead of a compare and a branch per
// byte, then look at the byte that ended the run themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tidings::ascii {

namespace detail {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHigh = 0x8080808080808080ull;

// High bit of each byte set where the byte is in [lo, hi] (ASCII bytes only;
// bytes >= 0x80 never are).
inline uint64_t InRange(uint64_t x, unsigned lo, unsigned hi) {
  const uint64_t low7 = x & ~kHigh;
  const uint64_t ge_lo = low7 + kOnes * (0x80 - lo);   // high bit: low7 >= lo
  const uint64_t gt_hi = low7 + kOnes * (0x7F - hi);   // high bit: low7 > hi
  return ge_lo & ~gt_hi & ~x & kHigh;
}

// High bit of each byte set where the byte is v (any byte value; exact: no
// byte's test borrows from another's).
inline uint64_t Equal(uint64_t x, uint8_t v) {
  const uint64_t t = x ^ (kOnes * v);  // zero bytes where x has v
  return ~(((t & ~kHigh) + ~kHigh) | t) & kHigh;
}

// High bit of each byte set where the byte is an ASCII letter.
inline uint64_t Letters(uint64_t x) { return InRange(x | kOnes * 0x20, 'a', 'z'); }

// Index of the first byte whose high bit is clear in `mask` (mask != all).
inline size_t FirstClear(uint64_t mask) {
  return static_cast<size_t>(__builtin_ctzll(~mask & kHigh)) / 8;
}

}  // namespace detail

namespace detail {

// The first index j >= i (j <= n) where s[j] is not of a byte class: in8(x)
// gives the high bit of each byte of the 8-byte word x that is in the class,
// in1(c) tests one byte (the tail shorter than eight bytes).
template <class In8, class In1>
inline size_t SkipClass(const char* s, size_t i, size_t n, In8 in8, In1 in1) {
  while (i + 8 <= n) {
    uint64_t x;
    std::memcpy(&x, s + i, 8);
    const uint64_t m = in8(x);
    if (m != kHigh) return i + FirstClear(m);
    i += 8;
  }
  while (i < n && in1(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

}  // namespace detail

// The first index j >= i (j <= n) where s[j] is not an ASCII letter.
inline size_t SkipLetters(const char* s, size_t i, size_t n) {
  return detail::SkipClass(
      s, i, n, [](uint64_t x) { return detail::Letters(x); },
      [](unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; });
}

// The first index j >= i (j <= n) where s[j] is not an ASCII letter or digit.
inline size_t SkipAlnum(const char* s, size_t i, size_t n) {
  return detail::SkipClass(
      s, i, n, [](uint64_t x) { return detail::Letters(x) | detail::InRange(x, '0', '9'); },
      [](unsigned char c) {
        return static_cast<unsigned char>((c | 0x20) - 'a') < 26 || static_cast<unsigned char>(c - '0') < 10;
      });
}

// The first index j >= i (j <= n) where s[j] is not a visible ASCII
// character (0x21..0x7E).
inline size_t SkipVisible(const char* s, size_t i, size_t n) {
  return detail::SkipClass(
      s, i, n, [](uint64_t x) { return detail::InRange(x, 0x21, 0x7E); },
      [](unsigned char c) { return static_cast<unsigned char>(c - 0x21) < 0x5E; });
}

// Writes w with its ASCII letters lower-cased to dst in 8-byte stores at
// offsets 0, 8, ... (dst needs room for w.size() rounded up to 8) and returns
// the lower-cased view. Look-ups and compares that follow read the word back
// inside those stores (see HashWord) instead of waiting on a store per byte.
// `all_ascii`, when given, is set to whether w has no byte >= 0x80.
inline std::string_view LowerWide(std::string_view w, char* dst, bool* all_ascii = nullptr) {
  const char* src = w.data();
  const size_t n = w.size();
  uint64_t high = 0;
  auto lower8 = [&high](uint64_t x) {
    high |= x & detail::kHigh;
    return x | (detail::InRange(x, 'A', 'Z') >> 2);
  };
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, src + i, 8);
    x = lower8(x);
    std::memcpy(dst + i, &x, 8);
  }
  const size_t r = n - i;
  if (r) {
    uint64_t x;
    if (n >= 8) {  // the last 8 bytes of the word, shifted down to the r new ones
      std::memcpy(&x, src + n - 8, 8);
      x >>= 8 * (8 - r);
    } else if (r >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, src, 4);
      std::memcpy(&hi, src + r - 4, 4);
      x = lo | (static_cast<uint64_t>(hi) << (8 * (r - 4)));
    } else {
      x = static_cast<unsigned char>(src[0]);
      if (r > 1) x |= static_cast<uint64_t>(static_cast<unsigned char>(src[1])) << 8;
      if (r > 2) x |= static_cast<uint64_t>(static_cast<unsigned char>(src[2])) << 16;
    }
    x = lower8(x);
    std::memcpy(dst + i, &x, 8);
  }
  if (all_ascii) *all_ascii = high == 0;
  return std::string_view(dst, n);
}

}  // namespace tidings::ascii
