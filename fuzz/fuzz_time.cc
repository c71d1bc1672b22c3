// Fuzzes the time expression annotator: any valid UTF-8 text, with or without
// a document date, must annotate without crashing, and the expressions must
// be in bounds, ordered and non-overlapping, each with a value.
#include <cstdlib>
#include <string>

#include "tidings/core/utf8.h"
#include "tidings/time/timex.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  if (tidings::utf8::FindInvalid(text) != std::string::npos) return 0;
  static const char* kDates[] = {"2016-12-19", "", "2016-02-30", "0000-01-01", "9999-12-31"};
  const char* dct = kDates[size % 5];
  tidings::timex::Result r = tidings::timex::Annotate(text, dct);
  uint32_t prev = 0;
  for (const auto& t : r.times) {
    if (t.span.begin < prev || t.span.end <= t.span.begin || t.span.end > text.size()) std::abort();
    if (t.value.empty()) std::abort();
    prev = t.span.end;
  }
  return 0;
}
