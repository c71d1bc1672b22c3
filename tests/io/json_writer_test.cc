#include "tidings/io/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

#include "tidings/io/document_json.h"
#include "tidings/segment/segmenter.h"

namespace tidings {
namespace {

TEST(JsonWriter, EscapesControlCharactersQuotesAndBackslashes) {
  std::string out;
  JsonWriter::Escape(std::string("a\"b\\c\nd\te\x01\x7f\xC3\xA9", 13), out);
  EXPECT_EQ(out, "a\\\"b\\\\c\\nd\\te\\u0001\x7f\xC3\xA9");
}

TEST(JsonWriter, NumbersAreWrittenAsPrintfWould) {
  // Doubles as "%.6g" (coordinates, confidences), integers in full, pairs as [a,b].
  std::vector<double> vals = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-5, 1.23456789e-7, 123456.0, 1234567.0, 1e21,
                              33.9391, -118.2437, 0.8500000238418579, 2.5e-300, 5e-324, 1.7976931348623157e308};
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double d;
    std::memcpy(&d, &x, sizeof d);
    if (std::isfinite(d)) vals.push_back(d);
    vals.push_back(static_cast<double>(static_cast<int64_t>(x % 2000001) - 1000000) / 10000.0);
  }
  for (double v : vals) {
    std::string out;
    JsonWriter w(out);
    w.Value(v);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    ASSERT_EQ(out, buf) << v;
  }
  std::string out;
  JsonWriter w(out);
  w.BeginArray();
  w.Value(int64_t{-9223372036854775807 - 1});
  w.Value(uint32_t{4294967295u});
  w.Pair(0, 7);
  w.Pair(4294967295u, 12);
  w.Value(std::numeric_limits<double>::infinity());
  w.EndArray();
  EXPECT_EQ(out, "[-9223372036854775808,4294967295,[0,7],[4294967295,12],null]");
  std::string first;
  JsonWriter f(first);
  f.Pair(3, 4);  // first value: no comma
  EXPECT_EQ(first, "[3,4]");
}

TEST(JsonWriter, KeysAreEscapedWhenTheyNeedIt) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Field("plain_key", int64_t{1});
  w.Field("a\"b\\c", int64_t{2});
  w.Field(std::string(60, 'k'), int64_t{3});
  w.EndObject();
  EXPECT_EQ(out, "{\"plain_key\":1,\"a\\\"b\\\\c\":2,\"" + std::string(60, 'k') + "\":3}");
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
