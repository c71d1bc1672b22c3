// Cost of quote extraction relative to the rest of `extract`.
//
//   quotes_bench [--dump] [--limit N] DIR...   (text files, first line = title)
//
// Runs the stages "quotes" depends on over every file, then the quotes stage
// alone on the same documents, and prints documents/s, quotes found, the
// share of quote extraction in the total and peak memory. --dump prints the
// quotes found.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tidings/pipeline/pipeline.h"
#include "tidings/pipeline/registry.h"
#include "tidings/quotes/quotes.h"

using namespace tidings;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  bool dump = false;
  size_t limit = SIZE_MAX;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--dump")) dump = true;
    else if (!std::strcmp(argv[i], "--limit") && i + 1 < argc) limit = std::stoul(argv[++i]);
    else dirs.push_back(argv[i]);
  }
  if (dirs.empty()) {
    std::fprintf(stderr, "usage: quotes_bench [--dump] [--limit N] DIR...\n");
    return 2;
  }
  std::vector<std::string> files;
  for (const auto& d : dirs)
    for (const auto& e : fs::recursive_directory_iterator(d))
      if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  if (files.size() > limit) files.resize(limit);
  std::vector<Document> docs;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Document d;
    d.id = f;
    d.text = ss.str();
    docs.push_back(std::move(d));
  }
  Resources res = DefaultResources();
  std::vector<std::string> deps;
  for (auto dep : FindStage("quotes")->requires_stages) deps.emplace_back(dep);
  auto before = Pipeline::Create(deps, res);
  if (!before.ok()) {
    std::fprintf(stderr, "%s\n", before.status().message().c_str());
    return 1;
  }
  auto stage = MakeQuotesStage(res);
  if (!stage.ok()) {
    std::fprintf(stderr, "%s\n", stage.status().message().c_str());
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  size_t bytes = 0;
  for (auto& d : docs) {
    bytes += d.text.size();
    if (Status st = before->Process(d); !st.ok()) std::fprintf(stderr, "%s: %s\n", d.id.c_str(), st.message().c_str());
  }
  auto t1 = Clock::now();
  size_t nq = 0, nspeaker = 0;
  for (auto& d : docs) {
    (void)(*stage)->Process(d);
    nq += d.quotes.size();
    for (const auto& q : d.quotes) nspeaker += !q.speaker.empty();
  }
  auto t2 = Clock::now();
  double a = std::chrono::duration<double>(t1 - t0).count(), b = std::chrono::duration<double>(t2 - t1).count();
  if (dump) {
    for (const auto& d : docs) {
      for (const auto& q : d.quotes) {
        const char* ty = q.type == QuoteType::kDirect ? "D" : q.type == QuoteType::kPartial ? "P" : "I";
        std::string content(d.span_text(q.span));
        if (content.size() > 160) content = content.substr(0, 160) + "...";
        for (char& c : content)
          if (c == '\n') c = ' ';
        std::printf("%s\t%s\t[%s]\t<%s|%s>\t{%s}\n", d.id.c_str(), ty, content.c_str(),
                    std::string(d.span_text(q.speaker)).c_str(), q.speaker_name.c_str(),
                    std::string(d.span_text(q.cue)).c_str());
      }
    }
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::string names;
  for (auto n : before->stage_names()) names += std::string(n) + " ";
  std::printf("%zu documents, %.1f MB; stages before quotes (%s): %.3f s (%.0f docs/s)\n", docs.size(), bytes / 1e6,
              names.c_str(), a, docs.size() / a);
  std::printf("quotes: %.3f s (%.0f docs/s), %zu quotes (%zu with a speaker); quote extraction adds %.1f%% to the pipeline\n",
              b, docs.size() / b, nq, nspeaker, 100.0 * b / a);
  std::printf("peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
