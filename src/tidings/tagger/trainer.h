// Training of SequenceModel: averaged structured perceptron with Viterbi
// decoding, the same feature extractor as tagging, deterministic (fixed seed,
// own shuffle), single-threaded.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tidings/tagger/model.h"

namespace tidings::tagger {

struct TrainSentence {
  std::vector<std::string> words;
  std::vector<uint8_t> pos;        // POS ids (needed when groups has kFgPos)
  std::vector<std::string> gold;   // labels (BIO for schemes converted to BILOU)
  std::vector<uint8_t> hist;       // first-pass entity codes (kFgHistory models)
};
using TrainDocument = std::vector<TrainSentence>;

struct TrainOptions {
  std::string task = "ner";
  std::string provenance;
  uint32_t groups = kFgBasic;
  uint32_t bits = 18;
  int epochs = 10;
  uint64_t seed = 1;
  Scheme scheme = Scheme::kPlain;
  Lexicon clusters, gazetteer;
  // Called after each epoch with the averaged model so far (may be empty).
  std::function<void(int epoch, const SequenceModel&)> on_epoch;
  std::function<void(const std::string&)> log;
};

// Tags documents with an entity model and returns its entity codes (see
// tagger.h NerCodeName) per sentence: the first pass of a two-pass tagger.
std::vector<std::vector<std::vector<uint8_t>>> PredictEntityCodes(const SequenceModel& m,
                                                                   const std::vector<TrainDocument>& docs);

StatusOr<std::unique_ptr<SequenceModel>> TrainModel(const std::vector<TrainDocument>& docs, TrainOptions opt);

}  // namespace tidings::tagger
