#include "tidings/core/crc32.h"

#include <zlib.h>
#ifdef TIDINGS_HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

#include <algorithm>

namespace tidings {

uint32_t Crc32(uint32_t crc, const void* p, size_t n) {
#ifdef TIDINGS_HAVE_LIBDEFLATE
  return libdeflate_crc32(crc, p, n);
#else
  const Bytef* b = static_cast<const Bytef*>(p);
  uLong c = crc;
  while (n > 0) {
    const uInt k = static_cast<uInt>(std::min<size_t>(n, size_t{1} << 30));
    c = crc32(c, b, k);
    b += k;
    n -= k;
  }
  return static_cast<uint32_t>(c);
#endif
}

}  // namespace tidings
