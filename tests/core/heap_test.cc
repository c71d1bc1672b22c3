// UseHugePageHeap: in a fresh process (a forked child, so that the test
// binary's own heap is as at start-up), the heap is grown and marked for
// transparent huge pages, blocks up to 32 MB come from it, and freed blocks
// do not shrink it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "tidings/core/heap.h"

namespace tidings {
namespace {

// The "THPeligible" value of the mapping that contains p in /proc/self/smaps
// (-1 when not found), and whether that mapping is the heap.
int ThpEligible(const void* p, bool* heap) {
  std::ifstream f("/proc/self/smaps");
  std::string line;
  bool inside = false;
  const uintptr_t a = reinterpret_cast<uintptr_t>(p);
  while (std::getline(f, line)) {
    unsigned long lo, hi;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 && line.find(':') > line.find('-')) {
      inside = a >= lo && a < hi;
      if (inside) *heap = line.find("[heap]") != std::string::npos;
      continue;
    }
    if (inside && line.rfind("THPeligible:", 0) == 0) return std::atoi(line.c_str() + 12);
  }
  return -1;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define TIDINGS_OTHER_ALLOCATOR 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TIDINGS_OTHER_ALLOCATOR 1
#endif

// Whether the kernel offers transparent huge pages to madvise (and malloc is
// glibc's: sanitizers bring their own allocator, which ignores mallopt).
bool ThpAvailable() {
#ifdef TIDINGS_OTHER_ALLOCATOR
  return false;
#endif
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string s;
  return std::getline(f, s) && s.find("[never]") == std::string::npos;
}

// Runs in a child process; exits 0 when every check holds (the call may
// decline, changing nothing, only where the kernel has no huge pages or
// malloc is not glibc's).
[[noreturn]] void Child() {
  char* const before = static_cast<char*>(sbrk(0));
  if (!UseHugePageHeap(size_t{64} << 20)) std::_Exit(ThpAvailable() ? 10 : 0);
  char* const grown = static_cast<char*>(sbrk(0));
  if (grown - before < (60 << 20)) std::_Exit(1);  // the heap grew by the reserve
  // A 20 MB block (above glibc's default mmap threshold) comes from the
  // heap, in memory marked for huge pages.
  char* big = static_cast<char*>(std::malloc(size_t{20} << 20));
  if (!big || big + (size_t{20} << 20) > grown) std::_Exit(2);
  std::memset(big, 1, size_t{20} << 20);
  bool heap = false;
  if (ThpEligible(big + (size_t{10} << 20), &heap) != 1 || !heap) std::_Exit(3);
  std::free(big);
  if (static_cast<char*>(sbrk(0)) < grown) std::_Exit(4);  // not trimmed
  std::_Exit(0);
}

TEST(Heap, HugePageHeapIsGrownMarkedAndKept) {
  EXPECT_EXIT(Child(), testing::ExitedWithCode(0), "");
}

TEST(Heap, RejectsSizesOutOfRange) {
  EXPECT_FALSE(UseHugePageHeap(1000));
  EXPECT_FALSE(UseHugePageHeap(size_t{4} << 30));
}

}  // namespace
}  // namespace tidings
