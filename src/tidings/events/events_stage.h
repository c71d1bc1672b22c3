// Stage "events": event records (CAMEO + PLOVER, source/target actors,
// trigger, place, date, quote, negation, confidence) and the article's main
// event. Requires kb, time and quotes (each optional at run time: the coder
// degrades to entities / noun phrases, the document date, no quotes).
//
// Built-in coding uses data/events/{verbs,nouns,irregular_verbs}.txt and
// cameo2plover.tsv, loaded once in MakeEventsStage and shared read-only.
// When Resources::verbs_file is set, the dictionary coder (events/dict/)
// codes instead.
#pragma once

#include <memory>

#include "tidings/events/lexicon.h"
#include "tidings/events/shallow.h"
#include "tidings/pipeline/stage.h"

namespace tidings {

StatusOr<std::unique_ptr<Stage>> MakeEventsStage(const Resources& res);

namespace events {
// Loads the built-in lexicon from `data_dir`/events.
StatusOr<Lexicon> LoadBuiltinLexicon(const std::string& data_dir);
// The map from tagger part-of-speech ids to word classes (all unknown when
// no tagger is built in).
PosTable BuildPosTable();
}  // namespace events

}  // namespace tidings
