// The events stage when the user brings TABARI/PETRARCH dictionaries
// (`extract --verbs FILE --actors FILE[,FILE...] --agents FILE`): every
// sentence is coded by the dictionary coder (dict/coder.h) and becomes Event
// records whose source.code / target.code are the dictionaries' actor codes
// and whose cameo is the matched pattern's code (plover from the built-in
// CAMEO->PLOVER table when data/events/cameo2plover.tsv is available).
//
// Files are read once in the factory; syntax errors are reported on stderr
// as "file:line: message" and the lines skipped. A file named *.options next
// to the verbs file is not read implicitly: TABARI's defaults apply (minimum
// 8 words, comma clauses 3-10 words, CODE BY CLAUSE). A discards file may be
// given through Resources::actor_files with the suffix ".discards" or a name
// containing "discards".
#pragma once

#include <memory>

#include "tidings/pipeline/stage.h"

namespace tidings::dict {

StatusOr<std::unique_ptr<Stage>> MakeDictEventsStage(const Resources& res);

}  // namespace tidings::dict
