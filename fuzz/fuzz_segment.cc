// Fuzzes the segmenter: any valid UTF-8 text must segment without crashing,
// and the layers must keep their invariants (ordered, in-bounds, covering).
#include <cstdlib>
#include <string>

#include "tidings/core/utf8.h"
#include "tidings/segment/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;  // size cap: long inputs add time, not coverage
  tidings::Document doc;
  doc.text.assign(reinterpret_cast<const char*>(data), size);
  if (tidings::utf8::FindInvalid(doc.text) != std::string::npos) return 0;
  tidings::Segmenter().Segment(doc);
  uint32_t prev = 0;
  for (const auto& t : doc.tokens) {
    if (t.begin < prev || t.end <= t.begin || t.end > doc.text.size()) std::abort();
    prev = t.end;
    (void)doc.word(t);
  }
  uint32_t next = 0;
  for (const auto& s : doc.sentences) {
    if (s.tok_begin != next || s.tok_end <= s.tok_begin || s.tok_end > doc.tokens.size()) std::abort();
    next = s.tok_end;
  }
  if (next != doc.tokens.size()) std::abort();
  return 0;
}
