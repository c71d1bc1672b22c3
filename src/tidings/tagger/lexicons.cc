#include "tidings/tagger/lexicons.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "tidings/tagger/features.h"
#include "tidings/tagger/hash.h"

namespace tidings::tagger {

const std::vector<std::string_view>& GazetteerCategories() {
  static const std::vector<std::string_view> k = {"country",    "nationality", "city", "region",
                                                   "first_name", "last_name",   "name", "organisation"};
  return k;
}

Status LoadClusters(const std::string& path, Lexicon* out) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open cluster file " + path);
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string word;
    ss >> word;
    uint32_t packed = 0;
    for (int l = 0; l < kClusterLevels; ++l) {
      long id = -1;
      if (!(ss >> id) || id < 0 || id >= 1022)
        return InvalidArgument(path + ":" + std::to_string(lineno) + ": expected word and " +
                               std::to_string(kClusterLevels) + " cluster ids in [0, 1022)");
      packed |= static_cast<uint32_t>(id + 1) << (10 * l);
    }
    out->Set(HashBytes(word), packed);
  }
  return Status::OK();
}

void AddGazetteerPhrase(std::string_view phrase, int category, Lexicon* out) {
  uint64_t k = GazKeyStart();
  std::vector<uint64_t> keys;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && phrase[i] == ' ') ++i;
    size_t b = i;
    while (i < phrase.size() && phrase[i] != ' ') ++i;
    if (i > b) {
      k = Combine(k, HashLower(phrase.substr(b, i - b)));
      keys.push_back(k);
    }
  }
  if (keys.empty() || keys.size() > static_cast<size_t>(kGazMaxTokens)) return;
  for (size_t j = 0; j + 1 < keys.size(); ++j) out->Or(keys[j], kGazPrefix);
  out->Or(keys.back(), 1u << category);
}

Status LoadGazetteer(const std::string& path, Lexicon* out) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot open gazetteer file " + path);
  const auto& cats = GazetteerCategories();
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) return InvalidArgument(path + ":" + std::to_string(lineno) + ": expected category<TAB>phrase");
    std::string_view cat(line.data(), tab);
    auto it = std::find(cats.begin(), cats.end(), cat);
    if (it == cats.end()) return InvalidArgument(path + ":" + std::to_string(lineno) + ": unknown category '" + std::string(cat) + "'");
    AddGazetteerPhrase(std::string_view(line).substr(tab + 1), static_cast<int>(it - cats.begin()), out);
  }
  return Status::OK();
}

Status ClusterVectors(const std::string& vec_path, const std::vector<int>& levels, size_t max_words, int iterations,
                      const std::string& out_path) {
  std::ifstream in(vec_path);
  if (!in) return NotFound("cannot open vectors " + vec_path);
  size_t n = 0, dim = 0;
  std::string line;
  if (!std::getline(in, line) || std::sscanf(line.c_str(), "%zu %zu", &n, &dim) != 2 || dim == 0 || dim > 1000)
    return InvalidArgument(vec_path + ":1: expected '<count> <dim>' header");
  std::vector<std::string> words;
  std::vector<float> v;
  while (words.size() < max_words && std::getline(in, line)) {
    std::istringstream ss(line);
    std::string w;
    ss >> w;
    std::vector<float> x(dim);
    size_t d = 0;
    while (d < dim && (ss >> x[d])) ++d;
    if (d != dim) return InvalidArgument(vec_path + ":" + std::to_string(words.size() + 2) + ": short vector");
    if (w == "</s>") continue;
    double norm = 0;
    for (float f : x) norm += f * f;
    norm = std::sqrt(norm) + 1e-9;
    for (float& f : x) f = static_cast<float>(f / norm);
    words.push_back(w);
    v.insert(v.end(), x.begin(), x.end());
  }
  const size_t N = words.size();
  std::vector<std::vector<int>> assign(levels.size(), std::vector<int>(N, 0));
  for (size_t li = 0; li < levels.size(); ++li) {
    const size_t K = std::min<size_t>(levels[li], N);
    std::vector<float> c(K * dim);
    // Deterministic init: evenly spaced words across the frequency ranking.
    for (size_t k = 0; k < K; ++k) std::copy_n(&v[(k * N / K) * dim], dim, &c[k * dim]);
    std::vector<int>& a = assign[li];
    for (int it = 0; it < iterations; ++it) {
      for (size_t i = 0; i < N; ++i) {
        const float* x = &v[i * dim];
        float best = -1e30f;
        int arg = 0;
        for (size_t k = 0; k < K; ++k) {
          const float* y = &c[k * dim];
          float s = 0;
          for (size_t d = 0; d < dim; ++d) s += x[d] * y[d];
          if (s > best) best = s, arg = static_cast<int>(k);
        }
        a[i] = arg;
      }
      std::vector<double> sum(K * dim, 0.0);
      std::vector<size_t> cnt(K, 0);
      for (size_t i = 0; i < N; ++i) {
        ++cnt[a[i]];
        for (size_t d = 0; d < dim; ++d) sum[a[i] * dim + d] += v[i * dim + d];
      }
      for (size_t k = 0; k < K; ++k) {
        if (!cnt[k]) continue;
        double norm = 0;
        for (size_t d = 0; d < dim; ++d) norm += sum[k * dim + d] * sum[k * dim + d];
        norm = std::sqrt(norm) + 1e-12;
        for (size_t d = 0; d < dim; ++d) c[k * dim + d] = static_cast<float>(sum[k * dim + d] / norm);
      }
    }
  }
  std::ofstream out(out_path);
  if (!out) return NotFound("cannot write " + out_path);
  out << "# word clusters: k-means (k = ";
  for (size_t li = 0; li < levels.size(); ++li) out << (li ? "," : "") << levels[li];
  out << ") of skip-gram vectors learned from unlabelled news; see scripts/build_clusters.sh\n";
  for (size_t i = 0; i < N; ++i) {
    out << words[i];
    for (size_t li = 0; li < levels.size(); ++li) out << '\t' << assign[li][i];
    out << '\n';
  }
  return out ? Status::OK() : Internal("error writing " + out_path);
}

}  // namespace tidings::tagger
