// tidings train: trains a tagger model (ner, pos or chunk) from CoNLL-2003
// columns (word POS chunk NER), or word clusters from word vectors.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "tidings/tagger/conll.h"
#include "tidings/tagger/labels.h"
#include "tidings/tagger/lexicons.h"
#include "tidings/tagger/trainer.h"

using namespace tidings;
using namespace tidings::tagger;

namespace {

void TrainUsage() {
  std::fprintf(stderr,
               "usage: tidings train --task ner|pos|chunk --train FILE --out MODEL [options]\n"
               "       tidings train clusters --vectors FILE.vec --out clusters.tsv [--levels 64,256,1000]\n"
               "options:\n"
               "  --dev FILE         report dev scores after every epoch\n"
               "  --epochs N         passes over the data (default: per task)\n"
               "  --bits B           2^B feature buckets (default: per task)\n"
               "  --clusters TSV     word clusters to use (data/tagger/clusters.tsv)\n"
               "  --gazetteer TSV    gazetteer to use (data/tagger/gazetteer.tsv)\n"
               "  --groups LIST      feature groups, e.g. basic,pos,clusters,gazetteer,document,ner\n"
               "  --seed S           shuffling seed (default 1)\n"
               "  --stage1 MODEL     train a second-pass entity model on top of first-pass MODEL\n"
               "                     (its labels on train come from --folds jackknifed models)\n"
               "  --folds K          jackknife folds for --stage1 (default 5)\n"
               "The shipped models are reproduced by scripts/train_models.sh.\n");
}

uint32_t ParseGroups(const std::string& s, bool* ok) {
  uint32_t g = 0;
  size_t i = 0;
  *ok = true;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    std::string n = s.substr(i, j - i);
    if (n == "basic") g |= kFgBasic;
    else if (n == "pos") g |= kFgPos;
    else if (n == "clusters") g |= kFgClusters;
    else if (n == "gazetteer") g |= kFgGazetteer;
    else if (n == "document") g |= kFgDocument;
    else if (n == "ner") g |= kFgNer;
    else *ok = false;
    i = j + 1;
  }
  return g;
}

int RunClusters(int argc, char** argv) {
  std::string vectors, out;
  std::vector<int> levels = {64, 256, 1000};
  int iters = 12;
  size_t max_words = 60000;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--vectors" && i + 1 < argc) vectors = argv[++i];
    else if (a == "--out" && i + 1 < argc) out = argv[++i];
    else if (a == "--iterations" && i + 1 < argc) iters = std::atoi(argv[++i]);
    else if (a == "--max-words" && i + 1 < argc) max_words = std::strtoul(argv[++i], nullptr, 10);
    else if (a == "--levels" && i + 1 < argc) {
      levels.clear();
      std::string s = argv[++i];
      for (size_t p = 0; p < s.size();) {
        levels.push_back(std::atoi(s.c_str() + p));
        p = s.find(',', p);
        if (p == std::string::npos) break;
        ++p;
      }
    } else {
      TrainUsage();
      return 2;
    }
  }
  if (vectors.empty() || out.empty() || levels.size() != static_cast<size_t>(kClusterLevels)) {
    std::fprintf(stderr, "tidings train clusters: need --vectors, --out and %d levels\n", kClusterLevels);
    return 2;
  }
  for (int l : levels)
    if (l < 2 || l > 1021) {
      std::fprintf(stderr, "tidings train clusters: levels must be in [2, 1021]\n");
      return 2;
    }
  Status st = ClusterVectors(vectors, levels, max_words, iters, out);
  if (!st.ok()) {
    std::fprintf(stderr, "tidings train clusters: %s\n", st.message().c_str());
    return 1;
  }
  return 0;
}

std::vector<TrainDocument> ToTrain(const ConllFile& f, const std::string& task) {
  std::vector<TrainDocument> docs;
  for (const auto& d : f.documents) {
    TrainDocument td;
    for (const auto& s : d.sentences) {
      TrainSentence ts;
      ts.words = s.words;
      for (const auto& c : s.cols) {
        ts.pos.push_back(c.size() > 1 ? PosTagId(c[1]) : 0);
        if (task == "pos") ts.gold.push_back(c.size() > 1 ? c[1] : "O");
        else if (task == "chunk") ts.gold.push_back(c.size() > 2 ? c[2] : "O");
        else ts.gold.push_back(c.back());
      }
      td.push_back(std::move(ts));
    }
    docs.push_back(std::move(td));
  }
  return docs;
}

}  // namespace

int RunTrain(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "clusters") return RunClusters(argc, argv);
  std::string task, train, dev, out, clusters, gaz, groups_s, stage1;
  int epochs = 0, bits = 0, folds = 5;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--help" || a == "-h") {
      TrainUsage();
      return 0;
    } else if (a == "--task") task = val();
    else if (a == "--train") train = val();
    else if (a == "--dev") dev = val();
    else if (a == "--out") out = val();
    else if (a == "--clusters") clusters = val();
    else if (a == "--gazetteer") gaz = val();
    else if (a == "--groups") groups_s = val();
    else if (a == "--epochs") epochs = std::atoi(val().c_str());
    else if (a == "--bits") bits = std::atoi(val().c_str());
    else if (a == "--stage1") stage1 = val();
    else if (a == "--folds") folds = std::atoi(val().c_str());
    else if (a == "--seed") seed = std::strtoull(val().c_str(), nullptr, 10);
    else {
      std::fprintf(stderr, "tidings train: unexpected argument '%s'\n", a.c_str());
      TrainUsage();
      return 2;
    }
  }
  if ((task != "ner" && task != "pos" && task != "chunk") || train.empty() || out.empty()) {
    TrainUsage();
    return 2;
  }
  TrainOptions opt;
  opt.task = task;
  opt.seed = seed;
  if (task == "ner") {
    opt.groups = kFgBasic | kFgClusters | kFgGazetteer | kFgDocument | kFgNer;
    opt.scheme = Scheme::kBilou;
    opt.bits = 20;
    opt.epochs = 12;
  } else if (task == "pos") {
    opt.groups = kFgBasic | kFgClusters;
    opt.bits = 18;
    opt.epochs = 8;
  } else {
    opt.groups = kFgBasic | kFgPos | kFgClusters;
    opt.scheme = Scheme::kBilou;
    opt.bits = 18;
    opt.epochs = 8;
  }
  if (!groups_s.empty()) {
    bool ok;
    opt.groups = ParseGroups(groups_s, &ok);
    if (!ok) {
      std::fprintf(stderr, "tidings train: bad --groups '%s'\n", groups_s.c_str());
      return 2;
    }
  }
  if (epochs > 0) opt.epochs = epochs;
  if (bits > 0) opt.bits = static_cast<uint32_t>(bits);
  if (!clusters.empty()) {
    Status st = LoadClusters(clusters, &opt.clusters);
    if (!st.ok()) return std::fprintf(stderr, "tidings train: %s\n", st.message().c_str()), 2;
  } else {
    opt.groups &= ~kFgClusters;
  }
  if (!gaz.empty()) {
    Status st = LoadGazetteer(gaz, &opt.gazetteer);
    if (!st.ok()) return std::fprintf(stderr, "tidings train: %s\n", st.message().c_str()), 2;
  } else {
    opt.groups &= ~kFgGazetteer;
  }
  auto tf = ReadConllFile(train, 2);
  if (!tf.ok()) return std::fprintf(stderr, "tidings train: %s\n", tf.status().message().c_str()), 2;
  auto docs = ToTrain(*tf, task);
  std::vector<TrainDocument> dev_docs;
  if (!dev.empty()) {
    auto df = ReadConllFile(dev, 2);
    if (!df.ok()) return std::fprintf(stderr, "tidings train: %s\n", df.status().message().c_str()), 2;
    dev_docs = ToTrain(*df, task);
  }
  auto base = [](const std::string& p) { return p.substr(p.find_last_of('/') + 1); };
  if (!stage1.empty()) {
    if (task != "ner" || folds < 2) return std::fprintf(stderr, "tidings train: --stage1 needs --task ner and --folds >= 2\n"), 2;
    auto first = SequenceModel::Load(stage1);
    if (!first.ok()) return std::fprintf(stderr, "tidings train: %s\n", first.status().message().c_str()), 2;
    // First-pass labels on train: each fold tagged by a model trained without it,
    // with the first-pass model's own settings.
    for (int f = 0; f < folds; ++f) {
      std::vector<TrainDocument> rest, held;
      std::vector<size_t> held_idx;
      for (size_t d = 0; d < docs.size(); ++d) {
        if (static_cast<int>(d % folds) == f) held.push_back(docs[d]), held_idx.push_back(d);
        else rest.push_back(docs[d]);
      }
      TrainOptions o1;
      o1.task = "ner";
      o1.groups = (*first)->extractor().groups();
      o1.bits = (*first)->extractor().bits();
      o1.scheme = (*first)->scheme();
      o1.epochs = opt.epochs;
      o1.seed = seed + f;
      o1.clusters = opt.clusters;
      o1.gazetteer = opt.gazetteer;
      auto m1 = TrainModel(rest, std::move(o1));
      if (!m1.ok()) return std::fprintf(stderr, "tidings train: %s\n", m1.status().message().c_str()), 1;
      auto codes = PredictEntityCodes(**m1, held);
      for (size_t h = 0; h < held.size(); ++h)
        for (size_t k = 0; k < docs[held_idx[h]].size(); ++k) docs[held_idx[h]][k].hist = codes[h][k];
      std::fprintf(stderr, "first-pass fold %d/%d done\n", f + 1, folds);
    }
    auto dev_codes = PredictEntityCodes(**first, dev_docs);
    for (size_t d = 0; d < dev_docs.size(); ++d)
      for (size_t k = 0; k < dev_docs[d].size(); ++k) dev_docs[d][k].hist = dev_codes[d][k];
    opt.groups |= kFgHistory;
  }
  opt.provenance = "task=" + task + " train=" + base(train) + " epochs=" + std::to_string(opt.epochs) +
                   " bits=" + std::to_string(opt.bits) + " groups=" + FeatureGroupsName(opt.groups) +
                   " seed=" + std::to_string(seed) + (clusters.empty() ? "" : " clusters=" + base(clusters)) +
                   (gaz.empty() ? "" : " gazetteer=" + base(gaz));
  opt.log = [](const std::string& m) { std::fprintf(stderr, "%s\n", m.c_str()); };
  if (!dev_docs.empty()) {
    opt.on_epoch = [&](int epoch, const SequenceModel& m) {
      ChunkScore score;
      TagScratch ts;
      std::vector<std::string_view> words;
      std::vector<uint16_t> lab;
      std::vector<std::string> g, p;
      for (const auto& d : dev_docs) {
        m.extractor().BeginDocument(ts.fs);
        m.extractor().BeginHistory(ts.fs);
        for (const auto& s : d) {
          words.assign(s.words.begin(), s.words.end());
          SentenceIn in{words.data(), static_cast<uint32_t>(words.size()), s.pos.data(),
                        s.hist.size() == s.words.size() ? s.hist.data() : nullptr};
          m.extractor().AddToDocument(in, ts.fs);
          m.extractor().AddToHistory(in, ts.fs);
        }
        for (const auto& s : d) {
          words.assign(s.words.begin(), s.words.end());
          lab.resize(words.size());
          m.Tag(SentenceIn{words.data(), static_cast<uint32_t>(words.size()), s.pos.data(),
                           s.hist.size() == s.words.size() ? s.hist.data() : nullptr},
                ts, lab.data());
          p.clear();
          for (auto l : lab) p.push_back(BilouToBio(m.label(l)));
          score.Add(s.gold, p);
        }
      }
      std::fprintf(stderr, "epoch %d dev: accuracy %.2f%%, span F1 %.2f\n", epoch,
                   100.0 * score.tokens_correct / std::max<int64_t>(1, score.tokens), 100 * ChunkScore::F1(score.all));
    };
  }
  auto t0 = std::chrono::steady_clock::now();
  auto model = TrainModel(docs, std::move(opt));
  if (!model.ok()) return std::fprintf(stderr, "tidings train: %s\n", model.status().message().c_str()), 1;
  Status st = (*model)->Save(out);
  if (!st.ok()) return std::fprintf(stderr, "tidings train: %s\n", st.message().c_str()), 1;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "wrote %s (%.0f s)\n", out.c_str(), secs);
  return 0;
}
