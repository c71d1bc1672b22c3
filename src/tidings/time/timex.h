// Time expressions: recognition and TimeML (TIMEX3) normalization.
//
// Annotate() finds dates, times, durations and sets in English news text and
// gives each a TimeML value resolved against the document creation time (DCT):
// "on Monday" in an article dated 2016-12-19 -> "2016-12-19", "last week" ->
// "2016-W50", "three days" -> "P3D", "recent weeks" -> "PAST_REF", "every
// Monday" -> "XXXX-WXX-1". Extents follow the TIMEX3 conventions of TimeBank
// (prepositions excluded; "the", "early"/"late", "about"/"nearly" included).
//
// Recognition is rule based: a hand-written scanner over a light tokenization
// of the raw text (no regular expressions) with a small lexicon. The direction
// of underspecified expressions ("Monday", "in March") comes from the tense
// cues of the surrounding sentence (said/was/-ed vs will/next/expected).
//
// Without a usable DCT the annotator looks for a dateline date at the top of
// the text; failing that, relative expressions keep unknown parts as X
// ("XXXX-12-19", "XXXX-WXX") and are flagged `unresolved`.
//
// Thread-safe: Annotate keeps no state between calls.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"
#include "tidings/pipeline/stage.h"

namespace tidings {

std::string_view TimeTypeName(TimeType t);

namespace timex {

struct CivilDate {
  int y = 0, m = 0, d = 0;
};

// Parses an ISO date "YYYY-MM-DD" (a trailing "Thh:mm..." or " hh:mm" is
// ignored; "YYYYMMDD" is accepted too). False when malformed or impossible
// (month 13, February 30).
bool ParseIsoDate(std::string_view s, CivilDate* out);

struct Options {
  // When the DCT is missing or malformed, look for a date in the first lines
  // of the text (a dateline such as "WASHINGTON, Dec. 19, 2016 -").
  bool date_from_text = true;
};

struct Result {
  std::vector<TimeExpr> times;  // sorted by span, non-overlapping
  std::string anchor;           // the date relative values were resolved against ("" = none)
  bool anchor_from_text = false;  // anchor found in the text rather than given
};

// Recognizes and normalizes the time expressions of `text` (UTF-8). `dct` is
// the document creation time "YYYY-MM-DD" (may be empty or malformed).
Result Annotate(std::string_view text, std::string_view dct, const Options& opt = {});

}  // namespace timex

// Pipeline stage "time": fills doc.times from doc.text, resolved against
// doc.date, else the dateline's date, else a date found at the top of the text.
StatusOr<std::unique_ptr<Stage>> MakeTimeStage(const Resources& res);

}  // namespace tidings
