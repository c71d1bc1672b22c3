// The "kb" pipeline stage (requires "tagger"): geocoding (doc.places,
// Entity::place), actor coding (doc.mentions, Entity country/sector) and
// in-document coreference (doc.clusters, Mention/Entity cluster).
//
// Files, under Resources::data_dir: kb.bin.gz (or kb.bin), the compiled
// knowledge base, and kb/roles.tsv, the role lexicon. A missing or corrupt
// file makes the factory fail with a message naming it.
//
// Small API for later stages (quotes, events), all const and allocation-free
// unless noted:
#pragma once

#include <memory>
#include <string>

#include "tidings/core/document.h"
#include "tidings/core/status.h"
#include "tidings/kb/kb.h"
#include "tidings/pipeline/stage.h"

namespace tidings {

StatusOr<std::unique_ptr<Stage>> MakeKbStage(const Resources& res);

namespace kb {

// Path of the knowledge base under res.data_dir: kb.bin when present, else kb.bin.gz.
std::string KbPath(const Resources& res);
// The knowledge base, loaded once per path and process and shared.
StatusOr<std::shared_ptr<const KnowledgeBase>> SharedKb(const std::string& path);

// The mention that best covers tokens [tok_begin, tok_end): the smallest
// mention containing the range, else the mention whose head overlaps it;
// kNone when none.
int32_t MentionAt(const Document& doc, uint32_t tok_begin, uint32_t tok_end);
// The same for a byte span.
int32_t MentionAtSpan(const Document& doc, Span span);
// CAMEO-style actor code of a mention: country + sector ("RUSGOV", "TURCOP",
// "SYRMIL"), the country alone ("RUS"), the sector alone ("MED"), or "" when
// nothing is known. Uses the mention's cluster when the mention itself is not coded.
std::string ActorCode(const Document& doc, int32_t mention);
// Canonical name of the mention's cluster ("Maria Zakharova"), or the
// mention's own text when it has no cluster.
std::string_view CanonicalName(const Document& doc, int32_t mention);

}  // namespace kb
}  // namespace tidings
