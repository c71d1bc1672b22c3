// tidings: one program, one subcommand per job. Each subcommand lives in its
// own cmd_<name>.cc and has one row in the table below.
#include <cstdio>
#include <cstring>
#include <string_view>

#include "tidings/cli/args.h"
#include "tidings/core/document.h"

namespace tidings::cli {
int RunExtract(int argc, char** argv);
int RunStages(int argc, char** argv);
}  // namespace tidings::cli

int RunTag(int argc, char** argv);
int RunTrain(int argc, char** argv);
int RunEvalNer(int argc, char** argv);
int RunEvalTime(int argc, char** argv);
namespace tidings::cli {
int RunValidate(int argc, char** argv);
int RunEvalPlover(int argc, char** argv);
int RunConvertModel(int argc, char** argv);
}
int RunBuildKb(int argc, char** argv);
int RunEvalGeo(int argc, char** argv);

namespace {

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(int argc, char** argv);  // argv[0] is the subcommand name
};

const Command kCommands[] = {
    {"extract", "extract entities, places, times, quotes and events from articles (JSON Lines)",
     tidings::cli::RunExtract},
    {"stages", "list the pipeline stages and what each adds", tidings::cli::RunStages},
    {"tag", "tag CoNLL-format tokens with named entities (and POS/chunks)", RunTag},
    {"train", "train the tagger models (ner, pos, chunk) or word clusters", RunTrain},
    {"convert-model", "rewrite a tagger model in the current file format (same weights)",
     tidings::cli::RunConvertModel},
    {"eval-ner", "score predicted BIO tags against gold (conlleval rules)", RunEvalNer},
    {"eval-time", "score time expressions on TimeML files (TempEval-3 measures)", RunEvalTime},
    {"validate", "run a TABARI-style event validation suite with its dictionaries", tidings::cli::RunValidate},
    {"eval-plover", "score the built-in event coder on PLOVER gold records (JSON)", tidings::cli::RunEvalPlover},
    {"build-kb", "compile the knowledge base data/kb.bin from extracted open data", RunBuildKb},
    {"eval-geo", "geoparsing accuracy on an LGL-format corpus (accuracy@161km, country)", RunEvalGeo},
};

void PrintHelp(std::FILE* out) {
  std::fprintf(out,
               "tidings: turns news articles into structured, evidence-linked data.\n\n"
               "Usage: tidings <command> [options] [arguments]\n\nCommands:\n");
  for (const auto& c : kCommands)
    std::fprintf(out, "  %-13.*s %.*s\n", static_cast<int>(c.name.size()), c.name.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  std::fprintf(out,
               "\nRun 'tidings <command> --help' for a command's options.\n"
               "Example: tidings extract --date 2016-12-19 article.txt\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintHelp(stderr);
    return tidings::cli::kExitUsage;
  }
  std::string_view cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    PrintHelp(stdout);
    return 0;
  }
  if (cmd == "--version" || cmd == "-V" || cmd == "version") {
    std::printf("tidings %s (output schema tidings/%.*s)\n", TIDINGS_VERSION,
                static_cast<int>(tidings::kSchemaVersion.size()), tidings::kSchemaVersion.data());
    return 0;
  }
  for (const auto& c : kCommands)
    if (c.name == cmd) return c.run(argc - 1, argv + 1);
  std::fprintf(stderr, "tidings: unknown command '%s'\n\n", argv[1]);
  PrintHelp(stderr);
  return tidings::cli::kExitUsage;
}
