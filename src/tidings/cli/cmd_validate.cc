// tidings validate SUITE: runs a TABARI-style validation suite with the
// dictionaries and options its .project file names, and reports each record's
// expected and produced events and the pass rate.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "tidings/events/dict/suite.h"

namespace tidings::cli {
namespace {

void Usage(std::FILE* out) {
  std::fprintf(out,
               "Usage: tidings validate [options] SUITE\n\n"
               "SUITE is a TABARI .project file (naming <verbsfile>, <actorsfile>, <agentsfile>,\n"
               "<optionsfile> and <textfile>) or a validation text file; for a text file the\n"
               ".project beside it that names it is used, or the dictionaries given here.\n"
               "PETRARCH-style XML suites (<Sentence> records) name their dictionaries in\n"
               "<Environment>. Paths are relative to the project or suite file.\n\n"
               "Options:\n"
               "  --verbs FILE        verbs dictionary (overrides the project)\n"
               "  --actors F[,F...]   actors dictionaries\n"
               "  --agents FILE       agents dictionary\n"
               "  --options FILE      TABARI options file\n"
               "  --all               do not stop at the first record without validation fields\n"
               "  --defaults-only     stop at the first OPTION change after coded records\n"
               "  --failures          list only failing records\n"
               "  --quiet             print only the summary\n"
               "  --min-rate R        exit 1 when the pass rate is below R (0..1)\n"
               "  --warnings          print dictionary syntax warnings\n");
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, ','))
    if (!part.empty()) out.push_back(part);
  return out;
}

// Finds a .project beside `text_path` whose <textfile> names it.
std::string FindProjectFor(const std::string& text_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path tp = fs::weakly_canonical(text_path, ec);
  fs::path dir = fs::path(text_path).parent_path();
  if (dir.empty()) dir = ".";
  for (const auto& ent : fs::directory_iterator(dir, ec)) {
    if (ent.path().extension() != ".project") continue;
    auto p = dict::ReadProject(ent.path().string());
    if (!p.ok() || p->text.empty()) continue;
    if (fs::weakly_canonical(p->text, ec) == tp) return ent.path().string();
  }
  return "";
}

}  // namespace

int RunValidate(int argc, char** argv) {
  std::string suite, verbs, agents, options_file;
  std::vector<std::string> actors;
  bool all = false, defaults_only = false, failures = false, quiet = false, warnings = false;
  double min_rate = -1;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto need = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "tidings validate: %s needs a value\n", name);
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      Usage(stdout);
      return 0;
    } else if (a == "--verbs") verbs = need("--verbs");
    else if (a == "--actors") {
      for (auto& f : SplitComma(need("--actors"))) actors.push_back(f);
    } else if (a == "--agents") agents = need("--agents");
    else if (a == "--options") options_file = need("--options");
    else if (a == "--all") all = true;
    else if (a == "--defaults-only") defaults_only = true;
    else if (a == "--failures") failures = true;
    else if (a == "--quiet") quiet = true;
    else if (a == "--warnings") warnings = true;
    else if (a == "--min-rate") min_rate = std::atof(need("--min-rate"));
    else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "tidings validate: unknown option %s\n", argv[i]);
      Usage(stderr);
      return 2;
    } else if (suite.empty()) suite = argv[i];
    else {
      std::fprintf(stderr, "tidings validate: more than one suite given\n");
      return 2;
    }
  }
  if (suite.empty()) {
    Usage(stderr);
    return 2;
  }
  dict::ProjectFiles files;
  bool is_project = std::filesystem::path(suite).extension() == ".project";
  std::string project = is_project ? suite : FindProjectFor(suite);
  if (!project.empty()) {
    auto p = dict::ReadProject(project);
    if (!p.ok()) {
      std::fprintf(stderr, "tidings validate: %s\n", p.status().message().c_str());
      return 2;
    }
    files = *p;
  }
  if (!is_project) {
    files.text = suite;
    // A PETRARCH-style XML suite names its dictionaries in <Environment>.
    std::ifstream xin(suite, std::ios::binary);
    std::stringstream xs;
    xs << xin.rdbuf();
    if (project.empty())
      dict::ReadXmlEnvironment(xs.str(), std::filesystem::path(suite).parent_path().string(), files);
  }
  if (!verbs.empty()) files.verbs = verbs;
  if (!actors.empty()) files.actors = actors;
  if (!agents.empty()) files.agents = agents;
  if (!options_file.empty()) files.options = options_file;
  if (files.verbs.empty() || files.text.empty()) {
    std::fprintf(stderr,
                 "tidings validate: no verbs dictionary or text file: give a .project or --verbs\n");
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto dicts = dict::LoadProjectDictionaries(files);
  if (!dicts.ok()) {
    std::fprintf(stderr, "tidings validate: %s\n", dicts.status().message().c_str());
    return 2;
  }
  double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (warnings)
    for (const auto& w : (*dicts)->warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  std::ifstream in(files.text, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "tidings validate: cannot open %s\n", files.text.c_str());
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto records = dict::ParseSuite(text);
  dict::Coder coder(*dicts);
  dict::SuiteRunOptions ro;
  ro.stop_without_fields = !all;
  ro.defaults_only = defaults_only;
  auto rep = dict::RunSuite(records, coder, ro);
  if (!quiet) {
    for (const auto& o : rep.outcomes) {
      if (!o.checked) continue;
      if (failures && o.passed) continue;
      const auto& r = *o.record;
      std::string got = o.result.status == dict::CodeStatus::kOk
                            ? dict::FormatEvents(o.result.events)
                            : std::string(dict::CodeStatusName(o.result.status));
      std::printf("%s %-16s line %-5zu expected: %s | produced: %s%s%s%s\n", o.passed ? "PASS" : "FAIL",
                  r.id.c_str(), r.line, dict::FormatExpected(r).c_str(), got.c_str(),
                  o.result.explain.empty() ? "" : "  (", o.result.explain.c_str(),
                  o.result.explain.empty() ? "" : ")");
    }
  }
  std::printf("validate: %s: %d of %d records passed (%.1f%%), %d unchecked", files.text.c_str(), rep.passed,
              rep.checked, 100.0 * rep.rate(), rep.unchecked);
  if (!rep.stopped_at.empty()) std::printf(", stopped at %s", rep.stopped_at.c_str());
  std::printf("; dictionaries: %zu verbs, %zu patterns, %zu actors, %zu agents, %zu warnings, loaded in %.3f s\n",
              (*dicts)->verbs.size(), (*dicts)->pattern_count(), (*dicts)->actors.size(), (*dicts)->agents.size(),
              (*dicts)->warnings.size(), load_s);
  if (min_rate >= 0 && rep.rate() < min_rate) return 1;
  return 0;
}

}  // namespace tidings::cli
