// Segmenter: paragraphs, sentences, tokens and the dateline of English news.
//
// Tokens follow the Penn Treebank conventions of the CoNLL-2003 data the
// tagger is trained on: possessives and contractions split ("Russia 's",
// "do n't", "ca n't"), punctuation and quotes are tokens of their own, words
// with internal hyphens, numbers with separators, abbreviations ("U.S.",
// "Gen."), URLs and e-mail addresses stay whole. Curly quotes and apostrophes
// are normalized to straight ones in Token's normalized form; offsets always
// index the original text.
//
// Sentences never cross a paragraph; a quotation that closes within its
// paragraph is not split. A dateline ("ANKARA (Reuters) -", "Ankara:")
// opening the article becomes a sentence of its own and is recorded in
// Document::dateline.
//
// Thread-safe: Segment() is const and keeps no state between calls.
#pragma once

#include <memory>

#include "tidings/core/document.h"
#include "tidings/core/status.h"
#include "tidings/pipeline/stage.h"

namespace tidings {

class Segmenter {
 public:
  // Fills doc.paragraphs, doc.sentences, doc.tokens, doc.norm_pool and
  // doc.dateline from doc.text (which must be valid UTF-8). Clears them first.
  void Segment(Document& doc) const;
};

StatusOr<std::unique_ptr<Stage>> MakeSegmentStage(const Resources& res);

}  // namespace tidings
