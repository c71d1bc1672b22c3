// kb_bench: knowledge-base load time, and the time the "kb" stage adds to the
// pipeline on a set of plain-text articles (the first 500; --all for every one).
// Times are wall clock and, in brackets, CPU time of the thread (steadier on a
// loaded machine).
// Usage: kb_bench [--all] [--repeat N] [FILE_OR_DIR...]   (default: ../shared/data/news/bbc when present)
// --repeat N: tag the articles once, then run the kb stage N more times on
// copies of the tagged documents and print the least CPU time of a round
// (steadier than one round, and a profile of the kb stage alone).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tidings/kb/kb.h"
#include "tidings/kb/kb_stage.h"
#include "tidings/pipeline/pipeline.h"

namespace fs = std::filesystem;

static double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char** argv) {
  using clk = std::chrono::steady_clock;
  tidings::Resources res = tidings::DefaultResources();
  std::string path = tidings::kb::KbPath(res);
  auto t0 = clk::now();
  double c0 = CpuNow();
  auto kb = tidings::kb::KnowledgeBase::Load(path);
  double load = std::chrono::duration<double>(clk::now() - t0).count(), load_cpu = CpuNow() - c0;
  if (!kb.ok()) {
    std::fprintf(stderr, "kb_bench: %s\n", kb.status().message().c_str());
    return 1;
  }
  std::printf("kb load: %.3f s [cpu %.3f s] (%s, %zu places, %zu names, %zu keys, %.1f MB in memory)\n", load, load_cpu,
              path.c_str(), (*kb)->place_count(), (*kb)->name_count(), (*kb)->key_count(), (*kb)->byte_size() / 1e6);
  std::vector<std::string> files;
  std::vector<std::string> inputs(argv + 1, argv + argc);
  bool all = false;
  int repeat = 0;
  for (bool more = true; more && !inputs.empty();) {
    more = false;
    if (inputs[0] == "--all") {
      all = true;
      inputs.erase(inputs.begin());
      more = true;
    } else if (inputs[0] == "--repeat" && inputs.size() >= 2) {
      repeat = std::atoi(inputs[1].c_str());
      inputs.erase(inputs.begin(), inputs.begin() + 2);
      more = true;
    }
  }
  if (inputs.empty()) inputs.push_back(std::string(TIDINGS_SOURCE_DIR) + "/../shared/data/news/bbc");
  for (const auto& in : inputs) {
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      for (auto& e : fs::recursive_directory_iterator(in))
        if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
    } else if (fs::exists(in, ec)) {
      files.push_back(in);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.size() > 500 && !all) files.resize(500);
  if (files.empty()) return 0;
  auto up = tidings::Pipeline::Create({"tagger"}, res);
  auto stage = tidings::MakeKbStage(res);
  if (!up.ok() || !stage.ok()) {
    std::fprintf(stderr, "kb_bench: %s\n", (up.ok() ? stage.status() : up.status()).message().c_str());
    return 1;
  }
  double t_up = 0, t_kb = 0, c_up = 0, c_kb = 0;
  size_t bytes = 0, places = 0, mentions = 0;
  std::vector<tidings::Document> tagged;  // for --repeat
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    tidings::Document doc;
    doc.text = ss.str();
    bytes += doc.text.size();
    auto a = clk::now();
    double ca = CpuNow();
    if (!up->Process(doc).ok()) continue;
    auto b = clk::now();
    double cb = CpuNow();
    if (repeat > 0) tagged.push_back(doc);
    cb = CpuNow();
    (void)(*stage)->Process(doc);
    auto c = clk::now();
    double cc = CpuNow();
    c_up += cb - ca;
    c_kb += cc - cb;
    t_up += std::chrono::duration<double>(b - a).count();
    t_kb += std::chrono::duration<double>(c - b).count();
    places += doc.places.size();
    mentions += doc.mentions.size();
  }
  std::printf("%zu articles, %.1f MB: segment+tagger %.3f s [cpu %.3f s], kb %.3f s [cpu %.3f s] (+%.1f%% over segment+tagger, cpu +%.1f%%), %zu places, %zu mentions\n",
              files.size(), bytes / 1e6, t_up, c_up, t_kb, c_kb, t_up > 0 ? 100.0 * t_kb / t_up : 0.0,
              c_up > 0 ? 100.0 * c_kb / c_up : 0.0, places, mentions);
  if (repeat > 0) {
    double best = 1e9;
    for (int r = 0; r < repeat; ++r) {
      std::vector<tidings::Document> docs = tagged;
      double c0r = CpuNow();
      for (auto& d : docs) (void)(*stage)->Process(d);
      best = std::min(best, CpuNow() - c0r);
    }
    std::printf("kb stage alone, least of %d rounds: cpu %.3f s\n", repeat, best);
  }
  return 0;
}
