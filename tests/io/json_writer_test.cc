#include "tidings/io/json_writer.h"

#include <gtest/gtest.h>

#include "tidings/io/document_json.h"
#include "tidings/segment/segmenter.h"

namespace tidings {
namespace {

TEST(JsonWriter, EscapesControlCharactersQuotesAndBackslashes) {
  std::string out;
  JsonWriter::Escape(std::string("a\"b\\c\nd\te\x01\x7f\xC3\xA9", 13), out);
  EXPECT_EQ(out, "a\\\"b\\\\c\\nd\\te\\u0001\x7f\xC3\xA9");
}

TEST(DocumentJson, OffsetsAreCodePointsAndCarryTheSchemaVersion) {
  Document d;
  d.id = "x";
  d.text = "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D" " ok.";
  Segmenter().Segment(d);
  d.stages_run.push_back("segment");
  std::string out;
  WriteDocumentJson(d, JsonOptions{}, out);
  EXPECT_EQ(out.back(), '\n');
  EXPECT_NE(out.find("\"schema\":\"tidings/1.0\""), std::string::npos);
  // Tokens: “ Café ” ok . -> code points [0,1] [1,5] [5,6] [7,9] [9,10]
  EXPECT_NE(out.find("\"tokens\":[[0,1],[1,5],[5,6],[7,9],[9,10]]"), std::string::npos) << out;
  EXPECT_EQ(out.find("\"entities\""), std::string::npos);  // tagger did not run
}

}  // namespace
}  // namespace tidings
