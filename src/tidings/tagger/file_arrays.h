// The arrays of a tagger model file of format 3 (docs/tagger.md): each
// section's arrays start at a multiple of 64 bytes of the payload when
// written, and are used in place when read, as aligned spans of the mapped
// payload. Shared by the lexicons and the weights.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tidings::tagger {

// Pads out with zero bytes to a multiple of 64.
inline void Pad64(std::string& out) { out.resize((out.size() + 63) & ~size_t{63}, '\0'); }

// The `bytes` bytes of data that start at *pos rounded up to `align` (a power
// of two), with *pos moved past them; nullptr (and *pos unchanged) when data
// is too short.
inline const char* TakeAligned(std::string_view data, size_t* pos, size_t bytes, size_t align) {
  const size_t at = (*pos + align - 1) & ~(align - 1);
  if (at < *pos || at > data.size() || data.size() - at < bytes) return nullptr;
  *pos = at + bytes;
  return data.data() + at;
}

}  // namespace tidings::tagger
