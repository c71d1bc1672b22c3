#include "tidings/pipeline/registry.h"

#include "tidings/events/events_stage.h"
#include "tidings/kb/kb_stage.h"
#include "tidings/quotes/quotes.h"
#include "tidings/segment/segmenter.h"
#include "tidings/tagger/tagger.h"
#include "tidings/time/timex.h"

namespace tidings {

// The pipeline, in order. Each stage's factory lives beside its code.
// To add a stage: declare `StatusOr<std::unique_ptr<Stage>> MakeXxxStage(const
// Resources&)` in its folder's header and add one row here.
const std::vector<StageInfo>& StageRegistry() {
  static const std::vector<StageInfo> kStages = {
      {"segment", "paragraphs, sentences, tokens and the dateline", {}, MakeSegmentStage},
      {"tagger", "parts of speech, chunks and named entities", {"segment"}, MakeTaggerStage},
      {"kb", "places, actor mentions with country and sector, coreference clusters", {"tagger"}, MakeKbStage},
      {"time", "time expressions (TIMEX3) normalized against the document date", {"segment"}, MakeTimeStage},
      {"quotes", "direct, partial and indirect quotes with their speakers", {"kb"}, MakeQuotesStage},
      {"events", "CAMEO/PLOVER event records and the main event", {"kb", "time", "quotes"}, MakeEventsStage},
  };
  return kStages;
}

const StageInfo* FindStage(std::string_view name) {
  for (const auto& s : StageRegistry())
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace tidings
