// tidings extract: the main job. Reads documents in input order, runs the
// pipeline on N threads in bounded batches, writes JSON Lines in input order.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "tidings/cli/args.h"
#include "tidings/core/heap.h"
#include "tidings/io/document_json.h"
#include "tidings/io/reader.h"
#include "tidings/pipeline/pipeline.h"

namespace tidings::cli {
namespace {

constexpr char kExtractHelp[] =
    "Usage: tidings extract [options] [INPUT...]\n"
    "\n"
    "Extracts sentences, tokens, entities, places, actors, times, quotes and\n"
    "events from news articles and writes one JSON object per document (JSON\n"
    "Lines, schema in docs/schema.md), in input order.\n"
    "\n"
    "INPUT is a file, a directory (read recursively) or '-' for stdin (the\n"
    "default). *.jsonl files hold one JSON object per line with \"text\" (or\n"
    "\"maintext\") and optional \"id\", \"date\" (or \"date_publish\"), \"title\",\n"
    "\"url\". Any other file is one plain-text document whose id is its file\n"
    "name; X.meta.json beside X.txt may give its id and date.\n"
    "\n"
    "Options:\n"
    "  --date YYYY-MM-DD   document date for documents without one\n"
    "  --id ID             id for a single plain-text document or stdin\n"
    "  -j, --threads N     process documents on N threads (default 1)\n"
    "  -o, --output FILE   write to FILE instead of stdout\n"
    "  --no-text           omit the article text from the output\n"
    "  --stages LIST       run only these stages (comma-separated) and those\n"
    "                      they need; see 'tidings stages'\n"
    "  --verbs FILE        TABARI/PETRARCH verb dictionary for event coding\n"
    "  --actors FILE[,FILE...]  actor dictionaries for event coding\n"
    "  --agents FILE       agents dictionary for event coding\n"
    "  --models DIR        directory holding models/ and data/ (default: the\n"
    "                      installation; or $TIDINGS_HOME)\n"
    "  --max-doc-bytes N   skip documents larger than N bytes (default 16777216)\n"
    "  --progress          show a progress bar even when stderr is not a terminal\n"
    "  --no-progress       never show a progress bar\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status: 0 all documents processed, 1 some documents reported and\n"
    "skipped, 2 usage error, 3 could not start (missing model, unwritable output).\n";

struct Slot {
  ReadItem item;
  std::string json;
  std::string error;
};

class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled), total_(total), start_(Clock::now()) {}
  void Update(size_t done, bool final = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double rate = secs > 0 ? done / secs : 0;
    char line[256];
    if (total_ > 0) {
      size_t shown = done > total_ ? total_ : done;
      int width = 24;
      int filled = static_cast<int>(width * static_cast<double>(shown) / total_);
      std::string bar(filled, '=');
      if (filled < width) bar += '>' + std::string(width - filled - 1, ' ');
      double eta = rate > 0 ? (total_ - shown) / rate : 0;
      std::snprintf(line, sizeof line, "\r[%s] %zu/%zu docs  %.0f docs/s  %.1fs elapsed  ETA %.1fs ", bar.c_str(),
                    shown, total_, rate, secs, eta);
    } else {
      std::snprintf(line, sizeof line, "\r%zu docs  %.0f docs/s  %.1fs elapsed ", done, rate, secs);
    }
    std::fputs(line, stderr);
    if (final) std::fputc('\n', stderr);
    std::fflush(stderr);
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  size_t total_;
  Clock::time_point start_, last_{};
};

}  // namespace

int RunExtract(int argc, char** argv) {
  // Many blocks of all sizes are allocated and freed per document: a heap
  // in transparent huge pages, kept (tidings/core/heap.h).
  UseHugePageHeap();
  static const std::vector<OptionSpec> kSpecs = {
      {"date", 0, true},     {"id", 0, true},         {"threads", 'j', true},    {"output", 'o', true},
      {"no-text", 0, false}, {"stages", 0, true},     {"verbs", 0, true},        {"actors", 0, true},
      {"agents", 0, true},   {"models", 0, true},     {"max-doc-bytes", 0, true}, {"progress", 0, false},
      {"no-progress", 0, false}, {"help", 'h', false}};
  Args args(argc, argv, 1, kSpecs);
  if (!args.error().empty()) return UsageError("extract", args.error());
  if (args.has("help")) {
    std::fputs(kExtractHelp, stdout);
    return kExitOk;
  }
  ReaderOptions ropts;
  if (args.has("date")) {
    auto d = NormalizeDate(args.get("date"));
    if (!d.ok()) return UsageError("extract", "--date: " + d.status().message());
    ropts.default_date = *d;
  }
  ropts.default_id = args.get("id");
  int threads = 1;
  {
    std::string j = args.get("threads", "1");
    char* end = nullptr;
    long v = std::strtol(j.c_str(), &end, 10);
    if (j.empty() || *end || v < 1 || v > 256) return UsageError("extract", "-j: expected a number from 1 to 256");
    threads = static_cast<int>(v);
  }
  if (args.has("max-doc-bytes")) {
    std::string m = args.get("max-doc-bytes");
    char* end = nullptr;
    unsigned long long v = std::strtoull(m.c_str(), &end, 10);
    if (m.empty() || *end || v < 1) return UsageError("extract", "--max-doc-bytes: expected a positive number");
    ropts.max_doc_bytes = v;
  }
  Resources res = DefaultResources();
  if (args.has("models")) {
    std::string home = args.get("models");
    res.model_dir = home + "/models";
    res.data_dir = home + "/data";
  }
  res.verbs_file = args.get("verbs");
  res.agents_file = args.get("agents");
  if (args.has("actors")) res.actor_files = SplitList(args.get("actors"));
  std::vector<std::string> stages;
  if (args.has("stages")) {
    stages = SplitList(args.get("stages"));
    if (stages.empty()) return UsageError("extract", "--stages: expected a comma-separated list of stages");
    for (const auto& st : stages)
      if (!FindStage(st)) return UsageError("extract", "--stages: unknown stage '" + st + "' (see 'tidings stages')");
  }
  auto pipeline = Pipeline::Create(stages, res);
  if (!pipeline.ok()) {
    std::fprintf(stderr, "tidings extract: %s\n", pipeline.status().message().c_str());
    return kExitFatal;
  }
  std::vector<std::string> inputs = args.positional();
  if (inputs.empty()) inputs.push_back("-");
  if (inputs.size() > 1 && args.has("id"))
    return UsageError("extract", "--id applies to a single plain-text input");

  std::FILE* out = stdout;
  std::string out_path = args.get("output");
  if (!out_path.empty() && out_path != "-") {
    out = std::fopen(out_path.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "tidings extract: cannot write %s: %s\n", out_path.c_str(), std::strerror(errno));
      return kExitFatal;
    }
  }

  DocumentReader reader(inputs, ropts);
  bool show_progress = !args.has("no-progress") && (args.has("progress") || isatty(STDERR_FILENO));
  bool all_jsonl_free = true;
  for (const auto& in : inputs)
    if (in == "-" || (in.size() >= 6 && in.rfind(".jsonl") == in.size() - 6)) all_jsonl_free = false;
  Progress progress(show_progress, all_jsonl_free ? reader.total_files() : 0);

  JsonOptions jopts;
  jopts.include_text = !args.has("no-text");
  const size_t batch_size = static_cast<size_t>(threads) * 32;
  std::vector<Slot> batch(batch_size);
  size_t done = 0, skipped = 0;
  bool more = true;
  while (more) {
    size_t n = 0;
    while (n < batch_size) {
      batch[n].json.clear();
      batch[n].error.clear();
      if (!reader.Next(batch[n].item)) {
        more = false;
        break;
      }
      ++n;
    }
    if (n == 0) break;
    std::atomic<size_t> next{0};
    auto work = [&]() {
      for (size_t i; (i = next.fetch_add(1)) < n;) {
        Slot& s = batch[i];
        if (!s.item.doc) continue;
        Document& doc = *s.item.doc;
        Status st = pipeline->Process(doc);
        if (!st.ok()) {
          s.error = "document " + doc.id + ": " + st.message();
          continue;
        }
        WriteDocumentJson(doc, jopts, s.json);
        s.item.doc.reset();  // free the layers early
      }
    };
    if (threads == 1 || n == 1) {
      work();
    } else {
      std::vector<std::thread> pool;
      int t = std::min<int>(threads, static_cast<int>(n));
      for (int k = 1; k < t; ++k) pool.emplace_back(work);
      work();
      for (auto& th : pool) th.join();
    }
    for (size_t i = 0; i < n; ++i) {
      Slot& s = batch[i];
      if (!s.item.warning.empty())
        std::fprintf(stderr, "%stidings: warning: %s\n", show_progress ? "\n" : "", s.item.warning.c_str());
      if (!s.item.error.empty() || !s.error.empty()) {
        ++skipped;
        std::fprintf(stderr, "%stidings: error: %s\n", show_progress ? "\n" : "",
                     (s.item.error.empty() ? s.error : s.item.error).c_str());
        continue;
      }
      if (std::fwrite(s.json.data(), 1, s.json.size(), out) != s.json.size()) {
        std::fprintf(stderr, "tidings extract: write failed: %s\n", std::strerror(errno));
        return kExitFatal;
      }
      ++done;
    }
    progress.Update(done + skipped);
  }
  progress.Update(done + skipped, true);
  if (std::fflush(out) != 0 || (out != stdout && std::fclose(out) != 0)) {
    std::fprintf(stderr, "tidings extract: write failed: %s\n", std::strerror(errno));
    return kExitFatal;
  }
  if (skipped) {
    std::fprintf(stderr, "tidings: %zu document(s) processed, %zu skipped\n", done, skipped);
    return kExitSkipped;
  }
  return kExitOk;
}

int RunStages(int argc, char** argv) {
  if (argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
    std::puts("Usage: tidings stages\nLists the pipeline stages in order, with the stages each needs.");
    return kExitOk;
  }
  if (argc > 1) return UsageError("stages", std::string("unexpected argument '") + argv[1] + "'");
  for (const auto& s : StageRegistry()) {
    std::string deps;
    for (auto d : s.requires_stages) deps += (deps.empty() ? "" : ",") + std::string(d);
    std::printf("%-10.*s %-.*s%s%s\n", static_cast<int>(s.name.size()), s.name.data(),
                static_cast<int>(s.description.size()), s.description.data(), deps.empty() ? "" : "  (needs ",
                deps.empty() ? "" : (deps + ")").c_str());
  }
  return kExitOk;
}

}  // namespace tidings::cli
