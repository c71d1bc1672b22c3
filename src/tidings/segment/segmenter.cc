#include "tidings/segment/segmenter.h"

namespace tidings {

// Placeholder until the tokenizer lands: the whole text as one sentence.
void Segmenter::Segment(Document& doc) const {
  doc.paragraphs = {{0, static_cast<uint32_t>(doc.text.size())}};
  doc.sentences = {{0, static_cast<uint32_t>(doc.text.size()), 0, 0, 0}};
}

namespace {
class SegmentStage : public Stage {
 public:
  Status Process(Document& doc) const override {
    seg_.Segment(doc);
    return Status::OK();
  }

 private:
  Segmenter seg_;
};
}  // namespace

StatusOr<std::unique_ptr<Stage>> MakeSegmentStage(const Resources&) {
  return std::unique_ptr<Stage>(new SegmentStage());
}

}  // namespace tidings
