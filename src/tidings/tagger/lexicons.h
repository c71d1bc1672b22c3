// Building the cluster and gazetteer lexicons embedded in models from the
// project's text files (data/tagger/clusters.tsv, data/tagger/gazetteer.tsv).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/status.h"
#include "tidings/tagger/lexicon.h"

namespace tidings::tagger {

// Gazetteer categories (bit index = position).
const std::vector<std::string_view>& GazetteerCategories();

// clusters.tsv: word<TAB>id0<TAB>id1<TAB>id2 (ids < 1023, coarse to fine).
Status LoadClusters(const std::string& path, Lexicon* out);
// gazetteer.tsv: category<TAB>phrase (tokens separated by spaces).
Status LoadGazetteer(const std::string& path, Lexicon* out);
// Adds one phrase (space-separated tokens) under a category index.
void AddGazetteerPhrase(std::string_view phrase, int category, Lexicon* out);

// k-means over word vectors (fastText .vec text format) at several
// granularities; writes clusters.tsv. Deterministic for a given seed.
Status ClusterVectors(const std::string& vec_path, const std::vector<int>& levels, size_t max_words,
                      int iterations, const std::string& out_path);

}  // namespace tidings::tagger
