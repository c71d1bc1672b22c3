// Scoring the event coder on PLOVER gold-standard records (the OEDA "GSR"
// JSON format: a list of {id, text, date, event, source:[{code,...}],
// target:[...] or "", version}).
//
// Each record's text is run through the pipeline; the coder's best event
// (highest confidence, not negated, with a PLOVER category) is compared with
// the gold event:
//   category  the PLOVER category. Gold records of PLOVER versions before 0.8
//             use the older labels (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT,
//             SANCTION for all of 16x); the predicted CAMEO code is mapped to
//             the label set of the record's version (LegacyPlover).
//   source    the predicted source country (first three letters of the actor
//             code) is one of the gold source codes' first three letters.
//   target    likewise; a record with no gold target accepts no target or a
//             target that is one of the gold sources (compound actors acting
//             on each other).
// Records without text (the DOCUMENT header) are skipped.
#pragma once

#include <string>
#include <vector>

#include "tidings/core/status.h"
#include "tidings/pipeline/pipeline.h"

namespace tidings::events {

struct PloverScore {
  int records = 0;
  int category = 0;          // right PLOVER category
  int category_actors = 0;   // right category, source country and target country
  int coded = 0;             // records where some event was coded
  std::string details;       // one line per record (when requested)
};

// PLOVER 0.5-era category of a CAMEO code, from `plover2021` (its category
// in the 2021 table) for 08x and the root otherwise.
std::string LegacyPlover(std::string_view cameo, std::string_view plover2021);

StatusOr<PloverScore> EvalPlover(const std::string& json, const Pipeline& pipe, bool details);

}  // namespace tidings::events
