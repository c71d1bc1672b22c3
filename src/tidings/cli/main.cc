// tidings: one binary, one small function per subcommand (cmd_<name>.cc).
#include <cstdio>
#include <cstring>
#include <string_view>

int RunTag(int argc, char** argv);
int RunTrain(int argc, char** argv);
int RunEvalNer(int argc, char** argv);
int RunEvalTime(int argc, char** argv);

namespace {

struct Command {
  const char* name;
  const char* help;
  int (*run)(int, char**);
};

constexpr Command kCommands[] = {
    {"tag", "tag CoNLL-format tokens with named entities (and POS/chunks)", RunTag},
    {"train", "train the tagger models (ner, pos, chunk) or word clusters", RunTrain},
    {"eval-ner", "score predicted BIO tags against gold (conlleval rules)", RunEvalNer},
    {"eval-time", "score time expressions on TimeML files (TempEval-3 measures)", RunEvalTime},
};

void Usage() {
  std::fprintf(stderr, "usage: tidings COMMAND [options]\n\ncommands:\n");
  for (const auto& c : kCommands) std::fprintf(stderr, "  %-10s %s\n", c.name, c.help);
  std::fprintf(stderr, "\n`tidings COMMAND --help` describes each command.\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    Usage();
    return 2;
  }
  std::string_view cmd = argv[1];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    Usage();
    return 0;
  }
  for (const auto& c : kCommands)
    if (cmd == c.name) return c.run(argc - 1, argv + 1);
  std::fprintf(stderr, "tidings: unknown command '%s'\n", argv[1]);
  Usage();
  return 2;
}
