#include "tidings/events/events_stage.h"

#include "tidings/events/coder.h"
#include "tidings/events/dict/dict_stage.h"
#include "tidings/events/main_event.h"
#include "tidings/tagger/labels.h"

namespace tidings {
namespace events {

StatusOr<Lexicon> LoadBuiltinLexicon(const std::string& data_dir) { return Lexicon::Load(data_dir + "/events"); }

PosTable BuildPosTable() {
  PosTable t;
  const int n = tagger::PosTagCount();
  for (int i = 1; i < n && i < 256; ++i) {
    auto name = tagger::PosTagName(uint8_t(i));
    if (name.empty()) continue;
    uint8_t vf = 0;
    t.tag[i] = TagFromPtb(name, &vf);
    t.vform[i] = vf;
    t.known[i] = true;
  }
  return t;
}

namespace {

class EventsStage : public Stage {
 public:
  EventsStage(Lexicon lex, PosTable pos) : lex_(std::move(lex)), pos_(pos), coder_(lex_) {}
  EventsStage(const EventsStage&) = delete;
  EventsStage& operator=(const EventsStage&) = delete;

  Status Process(Document& doc) const override {
    doc.events.clear();
    doc.main_event.reset();
    coder_.CodeDocument(doc, &pos_);
    SelectMainEvent(doc);
    return Status::OK();
  }

 private:
  Lexicon lex_;
  PosTable pos_;
  Coder coder_;  // refers to lex_
};

}  // namespace
}  // namespace events

StatusOr<std::unique_ptr<Stage>> MakeEventsStage(const Resources& res) {
  if (!res.verbs_file.empty()) return dict::MakeDictEventsStage(res);  // user dictionaries
  auto lex = events::LoadBuiltinLexicon(res.data_dir);
  if (!lex.ok()) return lex.status();
  return std::unique_ptr<Stage>(new events::EventsStage(std::move(lex.value()), events::BuildPosTable()));
}

}  // namespace tidings
