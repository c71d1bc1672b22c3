// events_bench: throughput of the whole pipeline up to and including the
// event coder, on a directory of plain-text articles (first line = title), and
// a --dump mode that prints the events of one file (for inspection).
//
//   events_bench DIR [--date YYYY-MM-DD] [--repeat N]
//   events_bench --dump FILE [--date YYYY-MM-DD]
// Prints documents, sentences, events, seconds, sentences/s (one thread) and
// peak RSS.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tidings/events/coder.h"
#include "tidings/events/events_stage.h"
#include "tidings/events/main_event.h"
#include <ctime>
#include "tidings/pipeline/pipeline.h"

using namespace tidings;

static std::string ReadAll(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

static long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return 0;
}

int main(int argc, char** argv) {
  std::string dir, dump, date;
  int repeat = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (a == "--date" && i + 1 < argc) date = argv[++i];
    else if (a == "--repeat" && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else dir = a;
  }
  auto pipe = Pipeline::Create({}, DefaultResources());
  if (!pipe.ok()) {
    std::fprintf(stderr, "events_bench: %s\n", pipe.status().message().c_str());
    return 1;
  }
  if (!dump.empty()) {
    Document doc;
    doc.text = ReadAll(dump);
    doc.date = date;
    auto st = pipe->Process(doc);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      return 1;
    }
    if (std::getenv("EVENTS_SHALLOW")) {
      auto lex = events::LoadBuiltinLexicon(DefaultResources().data_dir);
      auto pos = events::BuildPosTable();
      events::Shallow sh;
      const char* tags[] = {"O", "N", "NNP", "V", "AUX", "MD", "J", "R", "D", "P", "CC", "SC", "PRP", "PRP$", "WH", "NEG", "TO", "POS", "CD", "PU", ","};
      for (const auto& s : doc.sentences) {
        sh.Parse(doc, s, *lex, &pos);
        for (uint32_t i = 0; i < sh.n; ++i) {
          const auto& t = sh.tok[i];
          std::printf("%.*s/%s%s%s ", int(t.lower.size()), t.lower.data(), tags[int(t.tag)],
                      t.np >= 0 ? (sh.nps[t.np].head == i ? "[NPh]" : "[NP]") : "",
                      t.vg >= 0 ? (sh.vgs[t.vg].head == i ? (sh.vgs[t.vg].passive ? "[VGp]" : "[VGh]") : "[VG]") : "");
        }
        std::printf("\n");
      }
    }
    for (size_t i = 0; i < doc.events.size(); ++i) {
      const auto& e = doc.events[i];
      std::printf("%s%zu s%u %-5s %-10s src=[%s|%s] tgt=[%s|%s] trig=[%s] place=%s date=%s q=%d neg=%d conf=%.2f\n",
                  doc.main_event && doc.main_event->event == int(i) ? "*" : " ", i, e.sentence, e.cameo.c_str(),
                  e.plover.c_str(), std::string(doc.span_text(e.source.span)).c_str(), e.source.code.c_str(),
                  std::string(doc.span_text(e.target.span)).c_str(), e.target.code.c_str(),
                  std::string(doc.span_text(e.trigger)).c_str(),
                  e.place >= 0 ? doc.places[e.place].name.c_str() : "-", e.date.c_str(), e.quote, e.negated,
                  e.confidence);
    }
    if (doc.main_event) {
      const auto& m = *doc.main_event;
      std::printf("main: who=[%s] what=[%s] when=[%s] where=[%s] why=[%s] how=[%s]\n",
                  std::string(doc.span_text(m.who)).c_str(), std::string(doc.span_text(m.what)).c_str(),
                  std::string(doc.span_text(m.when)).c_str(), std::string(doc.span_text(m.where)).c_str(),
                  std::string(doc.span_text(m.why)).c_str(), std::string(doc.span_text(m.how)).c_str());
    }
    return 0;
  }
  if (dir.empty()) {
    std::fprintf(stderr, "usage: events_bench DIR [--repeat N] | --dump FILE [--date D]\n");
    return 2;
  }
  std::vector<std::string> texts;
  for (auto& p : std::filesystem::recursive_directory_iterator(dir))
    if (p.is_regular_file() && p.path().extension() == ".txt") texts.push_back(ReadAll(p.path().string()));
  size_t sentences = 0, events = 0, docs = 0;
  {
    // The events stage alone (CPU time), on documents prepared by the other stages.
    std::vector<Document> prepared;
    auto pre = Pipeline::Create({"tagger", "time", "quotes", "kb"}, DefaultResources());
    if (!pre.ok()) pre = Pipeline::Create({"tagger", "time", "quotes"}, DefaultResources());
    for (const auto& t : texts) {
      Document doc;
      doc.text = t;
      doc.date = date;
      if (pre->Process(doc).ok()) prepared.push_back(std::move(doc));
    }
    auto lex = events::LoadBuiltinLexicon(DefaultResources().data_dir);
    auto pos = events::BuildPosTable();
    events::Coder coder(*lex);
    size_t ns = 0, ne = 0;
    std::clock_t c0 = std::clock();
    for (auto& d : prepared) {
      d.events.clear();
      coder.CodeDocument(d, &pos);
      events::SelectMainEvent(d);
      ns += d.sentences.size();
      ne += d.events.size();
    }
    double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    std::printf("events stage alone: sentences %zu events %zu cpu_seconds %.3f sentences/s %.0f\n", ns, ne, cpu,
                ns / cpu);
  }
  std::clock_t cpu0 = std::clock();
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r)
    for (const auto& t : texts) {
      Document doc;
      doc.text = t;
      doc.date = date;
      if (!pipe->Process(doc).ok()) continue;
      sentences += doc.sentences.size();
      events += doc.events.size();
      ++docs;
    }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("stages: ");
  for (auto n : pipe->stage_names()) std::printf("%.*s ", int(n.size()), n.data());
  double cpu = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
  std::printf("\ndocs %zu sentences %zu events %zu wall_seconds %.3f cpu_seconds %.3f sentences/s(cpu) %.0f peak_rss_mb %.1f\n",
              docs, sentences, events, secs, cpu, sentences / cpu, PeakRssKb() / 1024.0);
  return 0;
}
