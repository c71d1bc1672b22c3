// Heap policy for runs that allocate and free many blocks of all sizes (the
// extract pipeline): what glibc's malloc tunables
// glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=...:glibc.malloc.trim_threshold=...
// would do, set from the program (tunables are read only at start-up).
//
// On this project's machines each first touch of a 4 KB anonymous page is a
// costly fault (a paravirtualised VM: touching 100 MB of fresh 4 KB pages
// costs about 0.4 s of CPU). The heap is grown once by `bytes` and marked
// for transparent huge pages, blocks of any size are carved from it (none
// from their own mmap, which would be fresh pages at every allocation), and
// freed memory stays in the heap instead of being returned to the kernel
// and faulted in again. Memory is only taken from the kernel when touched,
// 2 MB at a time.
#pragma once

#include <cstddef>

namespace tidings {

// Sets the policy and reserves the heap (call early, before threads start;
// once per process). False when the heap could not be grown or marked, or
// malloc is not glibc's (sanitizer builds): the program then runs as
// without the call.
bool UseHugePageHeap(size_t bytes = size_t{256} << 20);

}  // namespace tidings
