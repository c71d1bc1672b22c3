// The main event of an article, in the Giveme5W1H spirit: the event the
// headline and lead report. Candidates are the events of the first sentences
// (the title when the text starts with it, then the lead); they are scored by
// position, completeness (source and target found), actor salience (mentions in
// the actor's cluster), material severity of the code, and penalised when
// negated or inside a quote. A violent main event without a source takes the
// attacker named in the lead ("the gunman ... was an off-duty police officer").
// Then who/what/when/where/why/how text spans are filled where found.
#pragma once

#include "tidings/core/document.h"

namespace tidings::events {

void SelectMainEvent(Document& doc);

}  // namespace tidings::events
