// `tidings convert-model IN [OUT]`: rewrites a tagger model file (.tgm) of an
// earlier format that this build still reads in the current format, the same
// model (no retraining), then loads the new file and checks that every field
// and weight is equal.
#include <cstdio>
#include <string>

#include "tidings/cli/args.h"
#include "tidings/tagger/model.h"

namespace tidings::cli {

int RunConvertModel(int argc, char** argv) {
  static const std::vector<OptionSpec> kSpecs = {{"help", 'h', false}};
  Args args(argc, argv, 1, kSpecs);
  const auto& pos = args.positional();
  if (args.has("help")) {
    std::puts(
        "Usage: tidings convert-model IN [OUT]\n"
        "Rewrites the tagger model IN (any format this build reads) in the current format to OUT\n"
        "(default: IN itself, replaced atomically), then checks that OUT loads as the same model.");
    return kExitOk;
  }
  if (!args.error().empty()) return UsageError("convert-model", args.error());
  if (pos.empty() || pos.size() > 2) return UsageError("convert-model", "expected IN [OUT]");
  const std::string in = pos[0], out = pos.size() > 1 ? pos[1] : pos[0];
  auto m = tagger::SequenceModel::Load(in);
  if (!m.ok()) {
    std::fprintf(stderr, "tidings convert-model: %s\n", m.status().message().c_str());
    return kExitFatal;
  }
  if (Status st = (*m)->Save(out); !st.ok()) {
    std::fprintf(stderr, "tidings convert-model: %s\n", st.message().c_str());
    return kExitFatal;
  }
  auto back = tagger::SequenceModel::Load(out);
  if (!back.ok() || !(*back)->SameAs(**m)) {
    std::fprintf(stderr, "tidings convert-model: %s does not read back as the model of %s%s%s\n", out.c_str(),
                 in.c_str(), back.ok() ? "" : ": ", back.ok() ? "" : back.status().message().c_str());
    return kExitFatal;
  }
  std::fprintf(stderr, "%s: format %u, %d labels, %u weights\n", out.c_str(), tagger::kModelFormatVersion,
               (*back)->num_labels(), (*back)->weights().words());
  return kExitOk;
}

}  // namespace tidings::cli
