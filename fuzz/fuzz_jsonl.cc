// Fuzzes the JSON Lines reader: arbitrary bytes as a .jsonl file must yield
// documents or one-line errors, never a crash, and every item is accounted for.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "tidings/io/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 1 << 16) return 0;
  static const std::string path = "/tmp/tidings_fuzz_" + std::to_string(getpid()) + ".jsonl";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  tidings::ReaderOptions opts;
  opts.max_doc_bytes = 4096;
  tidings::DocumentReader reader({path}, opts);
  tidings::ReadItem item;
  size_t items = 0;
  while (reader.Next(item)) {
    if (item.doc.has_value() == !item.error.empty()) std::abort();  // exactly one of the two
    if (!item.error.empty() && item.error.find('\n') != std::string::npos) std::abort();
    ++items;
  }
  size_t lines = 0;
  for (size_t i = 0; i < size; ++i) lines += data[i] == '\n';
  if (items > lines + 1) std::abort();
  return 0;
}
