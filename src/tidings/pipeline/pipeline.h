// Pipeline: the configured sequence of stages. Build once (loads models),
// then call Process from any number of threads, one Document per call.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/pipeline/registry.h"

namespace tidings {

class Pipeline {
 public:
  // Builds a pipeline running `stages` and everything they depend on, in
  // registry order. An empty list means all stages. Unknown names are an error.
  static StatusOr<Pipeline> Create(const std::vector<std::string>& stages, const Resources& res);

  // Runs every stage on doc. Thread-safe for distinct documents.
  Status Process(Document& doc) const;

  const std::vector<std::string_view>& stage_names() const { return names_; }

 private:
  std::vector<std::string_view> names_;
  std::vector<std::shared_ptr<const Stage>> stages_;
};

// Default locations of models/ and data/: $TIDINGS_HOME if set, else the
// source tree the program was built from, else next to the executable.
Resources DefaultResources();

}  // namespace tidings
