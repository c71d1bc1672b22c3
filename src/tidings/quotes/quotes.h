// Quotation extraction and speaker attribution (stage "quotes").
//
// Fills Document::quotes with
//   - direct quotes in straight, curly or low quotation marks and guillemets
//     (single marks only in paragraphs without double marks: headlines,
//     British style), across sentences, and across paragraphs when the
//     journalistic convention is used (a paragraph opens a quote, does not
//     close it, and the next paragraph opens again);
//   - partial / scare quotes inside a sentence (had been "neutralised");
//   - indirect speech: a speech cue with a content clause ("sources said the
//     gunman was ...", "..., a witness told Reuters", "according to ...").
// Speakers come from the attribution cue (a lexicon of speech verbs,
// data/quotes/cues.tsv, plus "according to", colons and dashes) in both word
// orders, a relative "who" resolved to its antecedent, continuation quotes
// (no cue) taking the previous speaker, and the kb's mentions/clusters for
// pronouns and role nouns. Everything degrades gracefully: without
// mentions the speaker is the noun phrase found by the rules here.
//
// Unbalanced marks never extend a quote past its paragraph unless the
// continuation convention applies; nested marks are kept inside the outer
// quote.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tidings/core/document.h"
#include "tidings/core/status.h"
#include "tidings/core/string_map.h"
#include "tidings/pipeline/stage.h"

namespace tidings::quotes {

// Flags of a speech cue form (data/quotes/cues.tsv).
enum CueFlag : uint8_t {
  kCueDirect = 1,    // attributes an adjacent direct quote
  kCueZeroThat = 2,  // takes a content clause without "that"
  kCueThat = 4,      // takes a content clause with "that"
  kCueNoun = 8,      // also a common noun ("reports")
};

class CueLexicon {
 public:
  // Parses "form<TAB>flags" lines (flags: d z t n); '#' starts a comment.
  // `origin` names the source in error messages.
  static StatusOr<CueLexicon> Parse(std::string_view tsv, std::string_view origin);
  static StatusOr<CueLexicon> Load(const std::string& path);
  // Flags of a lowercase word form, 0 when it is not a cue.
  uint8_t Lookup(std::string_view lower) const {
    const uint8_t* f = map_.Find(lower);
    return f ? *f : 0;
  }
  size_t size() const { return map_.size(); }
  // Calls f(form, flags) for every cue.
  template <class F>
  void ForEach(F&& f) const {
    map_.ForEach(f);
  }

 private:
  StringMap<uint8_t> map_;
};

// A pair of matching quotation marks found in the text: content is
// [content_begin, content_end) (marks excluded, whitespace trimmed),
// [open_begin, close_end) includes the marks. close_end == content_end when
// the quote runs to the end of its paragraph without a closing mark.
struct MarkedSpan {
  uint32_t open_begin = 0, content_begin = 0, content_end = 0, close_end = 0;
  bool closed = true;
  bool single = false;  // single quotation marks
};

// Finds the top-level quoted spans of `text` given its paragraphs (byte
// spans, in order, non-overlapping). Exposed for tests.
std::vector<MarkedSpan> FindMarkedSpans(std::string_view text, const std::vector<Paragraph>& paragraphs);

class QuoteExtractor {
 public:
  explicit QuoteExtractor(CueLexicon cues);
  // Replaces doc.quotes. Uses doc.paragraphs/sentences when present (else
  // splits the text itself) and doc.tokens' POS, doc.entities, doc.mentions
  // and doc.clusters when present.
  void Extract(Document& doc) const;

  struct Impl;

 private:
  std::shared_ptr<const Impl> impl_;
};

}  // namespace tidings::quotes

namespace tidings {
// Loads data/quotes/cues.tsv from res.data_dir.
StatusOr<std::unique_ptr<Stage>> MakeQuotesStage(const Resources& res);
}  // namespace tidings
