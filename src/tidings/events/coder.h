// The built-in event coder: shallow parse + lexicon patterns -> Document::events.
//
// Order of work for each sentence (see docs/events.md):
//   1. Shallow::Parse: word classes, noun phrases, verb groups, clauses.
//   2. Verb triggers at verb-group heads: the longest lexicon pattern wins.
//      Frame verbs (threaten, promise, refuse, urge, demand, deny...) code
//      their complement ("to attack", "attacking", "that X ...", an event
//      noun in the object) and consume it; light verbs ("carry out", "stage")
//      take the code of the event noun in their object.
//   3. Noun triggers not consumed by a verb ("the killing of X", "air strikes
//      on Y", "Russia's air strikes") become nominal events when they have an
//      actor.
//   4. Source/target: subject (through relative clauses, coordinated verbs
//      and "X and Y" subjects), direct object or the pattern's preposition,
//      "by" agent for passives; actors come from kb mentions (else entities,
//      else the noun phrase itself).
//   5. Negation and modality: negated cooperation becomes rejection (12x);
//      other negated events are kept with negated=true; "will/would" + a
//      hostile act becomes a threat (13x); "must/should" in reported speech
//      becomes a demand (10x) by the speaker.
//   6. Location (place in the sentence, else the dateline), date (the
//      sentence's time expression, else the document date), quote.
// Thread-safe: the Coder is immutable; scratch lives on the caller's stack.
#pragma once

#include <string>

#include "tidings/core/document.h"
#include "tidings/events/lexicon.h"
#include "tidings/events/shallow.h"

namespace tidings::events {

// CAMEO code for a frame verb given its complement's code (may be empty) and
// the frame verb's own code.
std::string FrameCode(Frame f, std::string_view comp, std::string_view own);

// True for CAMEO roots of material conflict or coercion (13-20 except 14).
bool IsHostileRoot(std::string_view code);

class Coder {
 public:
  explicit Coder(const Lexicon& lex) : lex_(lex) {}
  // Codes every sentence of doc and appends to doc.events. `pos` maps tagger
  // ids to word classes (null without a tagger).
  void CodeDocument(Document& doc, const PosTable* pos) const;

 private:
  const Lexicon& lex_;
};

}  // namespace tidings::events
