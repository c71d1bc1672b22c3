#include "tidings/core/heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

namespace tidings {

bool UseHugePageHeap(size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr size_t kHuge = size_t{2} << 20;
  if (bytes < kHuge || bytes > (size_t{1} << 30)) return false;
  // Blocks up to 32 MB (the largest threshold glibc accepts) from the heap,
  // and the heap never trimmed below what is reserved (fixed values: no
  // dynamic threshold).
  if (!mallopt(M_MMAP_THRESHOLD, 32 << 20)) return false;
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(bytes + (bytes >> 1)));
  // The heap grown by `bytes` at once (the top pad of the next growth: a
  // block larger than the young heap's free top), the block then freed: the
  // space stays as the heap's top.
  mallopt(M_TOP_PAD, static_cast<int>(bytes));
  char* const before = static_cast<char*>(sbrk(0));
  void* p = std::malloc(kHuge);
  char* const after = static_cast<char*>(sbrk(0));
  std::free(p);
  // Later growth in steps of whole huge pages.
  mallopt(M_TOP_PAD, static_cast<int>(kHuge * 8));
  if (!p || before == reinterpret_cast<char*>(-1) || after <= before) return false;
  // The new part of the heap, in whole huge pages.
  const uintptr_t b = (reinterpret_cast<uintptr_t>(after) - bytes + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t e = reinterpret_cast<uintptr_t>(after) & ~(kHuge - 1);
  if (e <= b) return false;
  return madvise(reinterpret_cast<void*>(b), e - b, MADV_HUGEPAGE) == 0;
#else
  (void)bytes;
  return false;
#endif
}

}  // namespace tidings
