// CRC-32 (the polynomial of zlib and gzip): the same values as zlib's
// crc32(), computed with libdeflate when the build has it (several times
// faster), else with zlib.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tidings {

// The CRC-32 of n bytes at p, continued from crc (0 to start).
uint32_t Crc32(uint32_t crc, const void* p, size_t n);

}  // namespace tidings
