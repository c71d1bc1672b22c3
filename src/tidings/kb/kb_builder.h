// Compiles the knowledge base (data/kb.bin) from the TSV files that
// scripts/kb-extract.js writes from the pinned npm data packages, plus the
// hand-written additions in data/kb/extra_names.tsv. Run by scripts/build-kb.sh
// through `tidings build-kb SRC_DIR EXTRA_TSV OUT`.
#pragma once

#include <string>

#include "tidings/core/status.h"

namespace tidings::kb {

struct BuildKbOptions {
  std::string src_dir;     // countries.tsv, admin1.tsv, admin2.tsv, cities.path
  std::string extra_file;  // data/kb/extra_names.tsv (optional)
  std::string out_file;    // data/kb.bin
  // Non-Latin alternate names are kept for places with at least this population.
  uint32_t script_alias_min_population = 100000;
};

// Builds the file; on success `summary` describes what was compiled.
Status BuildKb(const BuildKbOptions& opt, std::string* summary);

}  // namespace tidings::kb
