// tidings eval-plover: scores the built-in event coder on PLOVER gold records.
//
//   tidings eval-plover [--details] FILE.json
//
// Prints the number of records, the share with the right PLOVER category, and
// the share with the right category, source country and target country (see
// src/tidings/events/plover_eval.h for the matching rules). --details prints
// one line per record.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tidings/cli/args.h"
#include "tidings/events/plover_eval.h"
#include "tidings/pipeline/pipeline.h"

namespace tidings::cli {

int RunEvalPlover(int argc, char** argv) {
  Args args(argc, argv, 1, {{"details", 0, false}, {"help", 'h', false}});
  if (!args.error().empty()) return UsageError("eval-plover", args.error());
  if (args.has("help")) {
    std::printf("usage: tidings eval-plover [--details] FILE.json\n");
    return kExitOk;
  }
  if (args.positional().size() != 1) return UsageError("eval-plover", "expected one PLOVER gold JSON file");
  const std::string path = args.positional()[0];
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "tidings eval-plover: cannot open %s\n", path.c_str());
    return kExitFatal;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  auto pipe = Pipeline::Create({}, DefaultResources());
  if (!pipe.ok()) {
    std::fprintf(stderr, "tidings eval-plover: %s\n", pipe.status().message().c_str());
    return kExitFatal;
  }
  auto sc = events::EvalPlover(ss.str(), *pipe, args.has("details"));
  if (!sc.ok()) {
    std::fprintf(stderr, "tidings eval-plover: %s: %s\n", path.c_str(), sc.status().message().c_str());
    return kExitFatal;
  }
  const auto& s = *sc;
  std::fputs(s.details.c_str(), stdout);
  double n = s.records ? s.records : 1;
  std::printf("records %d  coded %d  category %d (%.1f%%)  category+source+target %d (%.1f%%)\n", s.records,
              s.coded, s.category, 100.0 * s.category / n, s.category_actors, 100.0 * s.category_actors / n);
  return kExitOk;
}

}  // namespace tidings::cli
