// pipeline_bench: where `extract` spends its CPU, piece by piece, on one
// thread: start-up (loading each stage), reading the input, each stage's
// Process, and writing the JSON (with or without the text).
//
//   pipeline_bench [--repeat N] [--with-text] [--rest] INPUT...
//
// INPUT as for `tidings extract` (files, directories, *.jsonl). Every piece is
// timed with the thread's CPU clock around that piece alone; with --repeat N
// the documents are read once per round and each piece's minimum over the
// rounds is printed (load times are measured once). Prints seconds and
// sentences per CPU-second for each piece and for the whole run. With --rest
// the tagger and kb stages run only once (their times are of that one run)
// and the rounds repeat everything else on copies of the documents as kb left
// them: quick A/B runs of the other pieces.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "tidings/io/document_json.h"
#include "tidings/io/reader.h"
#include "tidings/pipeline/pipeline.h"
#include "tidings/pipeline/registry.h"

using namespace tidings;

namespace {

double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  bool with_text = false, rest_only = false;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--rest") {
      rest_only = true;
    } else if (a == "--with-text") {
      with_text = true;
    } else if (a == "-h" || a == "--help") {
      std::puts("Usage: pipeline_bench [--repeat N] [--with-text] [--rest] INPUT...");
      return 0;
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) {
    std::fputs("Usage: pipeline_bench [--repeat N] [--with-text] [--rest] INPUT...\n", stderr);
    return 2;
  }
  Resources res = DefaultResources();
  struct Piece {
    std::string name;
    std::unique_ptr<Stage> stage;
    double load = 0, best = std::numeric_limits<double>::max(), cur = 0;
  };
  std::vector<Piece> pieces;
  for (const auto& info : StageRegistry()) {
    Piece p;
    p.name = std::string(info.name);
    double t0 = CpuNow();
    auto st = info.make(res);
    p.load = CpuNow() - t0;
    if (!st.ok()) {
      std::fprintf(stderr, "pipeline_bench: %s: %s\n", p.name.c_str(), st.status().message().c_str());
      return 1;
    }
    p.stage = std::move(st.value());
    pieces.push_back(std::move(p));
  }
  double best_read = std::numeric_limits<double>::max(), best_json = best_read;
  size_t docs = 0, sentences = 0, bytes_out = 0;
  JsonOptions jopts;
  jopts.include_text = with_text;
  // --rest: tagger and kb run once; every round re-reads and re-segments the
  // input and runs the stages after kb (and the JSON writer) on copies of the
  // documents as they were after kb.
  std::vector<Document> after_kb;
  size_t first_rest = pieces.size();
  for (size_t k = 0; k < pieces.size(); ++k)
    if (pieces[k].name == "kb") first_rest = k + 1;
  if (rest_only) {
    DocumentReader reader(inputs, ReaderOptions{});
    ReadItem item;
    while (reader.Next(item)) {
      if (!item.doc) continue;
      bool ok = true;
      for (size_t k = 0; k < first_rest && ok; ++k) {
        double s0 = CpuNow();
        ok = pieces[k].stage->Process(*item.doc).ok();
        pieces[k].cur += CpuNow() - s0;
        item.doc->stages_run.push_back(pieces[k].name);
      }
      if (ok) after_kb.push_back(std::move(*item.doc));
    }
    for (size_t k = 1; k < first_rest; ++k) pieces[k].best = pieces[k].cur;  // measured once
  }
  for (int r = 0; r < repeat; ++r) {
    for (size_t k = rest_only ? first_rest : 0; k < pieces.size(); ++k) pieces[k].cur = 0;
    if (rest_only) pieces[0].cur = 0;
    double read = 0, json = 0;
    docs = sentences = bytes_out = 0;
    DocumentReader reader(inputs, ReaderOptions{});
    ReadItem item;
    std::string out;
    size_t next_snapshot = 0;
    Document copy;
    for (;;) {
      double t0 = CpuNow();
      bool more = reader.Next(item);
      read += CpuNow() - t0;
      if (!more) break;
      if (!item.doc) continue;
      if (rest_only) {
        double s0 = CpuNow();
        (void)pieces[0].stage->Process(*item.doc);
        pieces[0].cur += CpuNow() - s0;
        if (next_snapshot >= after_kb.size()) continue;
        copy = after_kb[next_snapshot++];
      }
      Document& doc = rest_only ? copy : *item.doc;
      bool ok = true;
      for (size_t k = rest_only ? first_rest : 0; k < pieces.size(); ++k) {
        auto& p = pieces[k];
        double s0 = CpuNow();
        Status st = p.stage->Process(doc);
        p.cur += CpuNow() - s0;
        if (!st.ok()) {
          ok = false;
          break;
        }
        doc.stages_run.push_back(p.name);
      }
      if (!ok) continue;
      ++docs;
      sentences += doc.sentences.size();
      out.clear();
      double j0 = CpuNow();
      WriteDocumentJson(doc, jopts, out);
      json += CpuNow() - j0;
      bytes_out += out.size();
    }
    best_read = std::min(best_read, read);
    best_json = std::min(best_json, json);
    for (size_t k = rest_only ? first_rest : 0; k < pieces.size(); ++k)
      pieces[k].best = std::min(pieces[k].best, pieces[k].cur);
    if (rest_only) pieces[0].best = std::min(pieces[0].best, pieces[0].cur);
  }
  std::printf("%zu documents, %zu sentences, %.1f MB of JSON%s; CPU seconds (min of %d):\n", docs, sentences,
              bytes_out / 1e6, with_text ? " with text" : " without text", repeat);
  double total = best_read + best_json, load = 0;
  auto line = [&](const std::string& name, double s) {
    std::printf("  %-14s %7.3f s  %10.0f sentences/s\n", name.c_str(), s, s > 0 ? sentences / s : 0.0);
  };
  for (auto& p : pieces) load += p.load;
  line("load (all)", load);
  for (auto& p : pieces) std::printf("    load %-9s %7.3f s\n", p.name.c_str(), p.load);
  line("read", best_read);
  for (auto& p : pieces) {
    line(p.name, p.best);
    total += p.best;
  }
  line("json", best_json);
  double rest = total;
  for (auto& p : pieces)
    if (p.name == "tagger" || p.name == "kb") rest -= p.best;
  line("all but tagger,kb", rest);
  line("all (no load)", total);
  std::printf("peak RSS %ld KB\n", PeakRssKb());
  return 0;
}
