// Tagger throughput: tags the documents of CoNLL files (first column) with
// the shipped models, on 1 and 2 threads, and prints tokens/s and peak RSS.
// Usage: tagger_bench [--models DIR] [--passes N] [--all] FILE...
//   --all   also run the POS and chunk models (default: entities only)
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "tidings/pipeline/pipeline.h"
#include "tidings/tagger/conll.h"
#include "tidings/tagger/tagger.h"

using namespace tidings;
using namespace tidings::tagger;

struct Doc {
  std::vector<std::string_view> words;
  std::vector<uint32_t> bounds;
};

int main(int argc, char** argv) {
  std::string models = DefaultResources().model_dir;
  int passes = 3;
  bool all = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--models" && i + 1 < argc) models = argv[++i];
    else if (a == "--passes" && i + 1 < argc) passes = std::max(1, std::atoi(argv[++i]));
    else if (a == "--all") all = true;
    else files.push_back(a);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: tagger_bench [--models DIR] [--passes N] [--all] CONLL_FILE...\n");
    return 2;
  }
  auto tagger = Tagger::Load(models, all);
  if (!tagger.ok()) {
    std::fprintf(stderr, "tagger_bench: %s\n", tagger.status().message().c_str());
    return 2;
  }
  std::vector<ConllFile> store;
  std::vector<Doc> docs;
  size_t tokens = 0;
  for (const auto& f : files) {
    auto cf = ReadConllFile(f);
    if (!cf.ok()) {
      std::fprintf(stderr, "tagger_bench: %s\n", cf.status().message().c_str());
      return 2;
    }
    store.push_back(std::move(*cf));
  }
  for (const auto& cf : store)
    for (const auto& d : cf.documents) {
      Doc doc;
      doc.bounds.push_back(0);
      for (const auto& s : d.sentences) {
        for (const auto& w : s.words) doc.words.push_back(w);
        doc.bounds.push_back(static_cast<uint32_t>(doc.words.size()));
      }
      tokens += doc.words.size();
      docs.push_back(std::move(doc));
    }
  double cpu_rate = 0;
  auto run = [&](int threads) {
    auto t0 = std::chrono::steady_clock::now();
    timespec c0{}, c1{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        Tagger::Scratch s;
        std::vector<uint8_t> ner, pos, chunk;
        for (int p = 0; p < passes; ++p)
          for (size_t d = t; d < docs.size(); d += threads) {
            const Doc& doc = docs[d];
            ner.resize(doc.words.size());
            pos.resize(doc.words.size());
            chunk.resize(doc.words.size());
            (*tagger)->Tag(doc.words.data(), doc.bounds.data(), doc.bounds.size() - 1, s, all ? pos.data() : nullptr,
                           all ? chunk.data() : nullptr, ner.data());
          }
      });
    for (auto& th : pool) th.join();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    double cpu = (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) * 1e-9;
    cpu_rate = static_cast<double>(tokens) * passes / cpu;
    return static_cast<double>(tokens) * passes / secs;
  };
  run(1);  // warm-up (page in the models)
  double one = run(1);
  double one_cpu = cpu_rate;
  double two = run(2);
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("tidings %s: %zu tokens x %d passes\n", all ? "pos+chunk+ner" : "ner", tokens, passes);
  std::printf("  1 thread : %12.0f tokens/s wall clock (%.0f tokens per CPU second)\n", one, one_cpu);
  std::printf("  2 threads: %12.0f tokens/s\n", two);
  std::printf("  peak RSS : %12.1f MB (models loaded + input)\n", ru.ru_maxrss / 1024.0);
  return 0;
}
