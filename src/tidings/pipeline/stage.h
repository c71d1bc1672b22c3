// Stage: one step of the pipeline. A stage reads the layers it requires from
// a Document and adds its own. Stages are immutable after construction (models
// and knowledge bases are loaded in the factory and shared read-only), so one
// Stage object serves any number of threads, each with its own Document.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"

namespace tidings {

// Where a stage finds its models and data files, and run-wide options.
struct Resources {
  std::string model_dir;  // directory holding tagger models (models/)
  std::string data_dir;   // directory holding compiled knowledge (data/)
  // Event dictionaries in TABARI/PETRARCH format; empty = built-in.
  std::string verbs_file;
  std::vector<std::string> actor_files;
  std::string agents_file;
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Adds this stage's layers to doc. Must be safe to call concurrently on
  // different Documents.
  virtual Status Process(Document& doc) const = 0;
};

}  // namespace tidings
