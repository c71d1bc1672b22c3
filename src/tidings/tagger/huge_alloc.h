// An allocator for the tagger's large read-mostly tables (weights, lexicons,
// emission caches): blocks of 512 KB and more are aligned to 2 MB and
// marked for transparent huge pages, so that the random lookups of tagging
// need far fewer TLB entries. Smaller blocks come from operator new.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>
#include <utility>

namespace tidings::tagger {

inline constexpr size_t kHugePage = size_t{2} << 20;
inline constexpr size_t kHugeMin = size_t{512} << 10;

inline void* HugeAllocate(size_t bytes) {
  if (bytes < kHugeMin) return ::operator new(bytes);
  const size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, size);
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  (void)::madvise(p, size, MADV_HUGEPAGE);
#endif
  return p;
}

inline void HugeFree(void* p, size_t bytes) {
  if (bytes < kHugeMin) ::operator delete(p);
  else std::free(p);
}

template <typename T>
struct HugeAlloc {
  using value_type = T;
  HugeAlloc() = default;
  template <typename U>
  HugeAlloc(const HugeAlloc<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(HugeAllocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { HugeFree(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const HugeAlloc<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugeAlloc<U>&) const { return false; }
};

// std::allocator that leaves new elements of resize() uninitialized (for
// scratch buffers that are written before they are read).
template <typename T>
struct NoInitAlloc : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = NoInitAlloc<U>;
  };
  NoInitAlloc() = default;
  template <typename U>
  NoInitAlloc(const NoInitAlloc<U>&) {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... A>
  void construct(U* p, A&&... a) {
    ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
  }
};

}  // namespace tidings::tagger
