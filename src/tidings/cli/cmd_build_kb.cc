// `tidings build-kb SRC_DIR EXTRA_TSV OUT_FILE`: compiles the knowledge base
// from the TSV files written by scripts/kb-extract.js (see scripts/build-kb.sh).
#include <cstdio>
#include <string>

#include "tidings/kb/kb_builder.h"

int RunBuildKb(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr,
                 "usage: tidings build-kb SRC_DIR EXTRA_TSV OUT_FILE\n"
                 "  SRC_DIR holds countries.tsv, admin1.tsv, admin2.tsv and cities.path\n"
                 "  (written by node scripts/kb-extract.js); normally run by scripts/build-kb.sh\n");
    return 2;
  }
  tidings::kb::BuildKbOptions opt;
  opt.src_dir = argv[1];
  opt.extra_file = argv[2];
  opt.out_file = argv[3];
  std::string summary;
  tidings::Status st = tidings::kb::BuildKb(opt, &summary);
  if (!st.ok()) {
    std::fprintf(stderr, "tidings: %s\n", st.message().c_str());
    return 1;
  }
  std::fprintf(stderr, "%s\n", summary.c_str());
  return 0;
}
