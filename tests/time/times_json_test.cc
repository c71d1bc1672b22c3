// The `times` section of the JSON output: fields and code point offsets.
#include <gtest/gtest.h>

#include "tidings/io/document_json.h"
#include "tidings/pipeline/pipeline.h"

namespace tidings {
namespace {

TEST(TimesJson, WritesSpanTypeValueModAndResolution) {
  auto p = Pipeline::Create({"time"}, Resources{});
  ASSERT_TRUE(p.ok()) << p.status().message();
  Document doc;
  doc.id = "d1";
  doc.date = "2016-12-19";
  doc.text = "Ankara \xE2\x80\x94 Karlov was shot on Monday after about three days of talks.";
  ASSERT_TRUE(p->Process(doc).ok());
  std::string out;
  WriteDocumentJson(doc, JsonOptions{}, out);
  // "—" is one code point: "Monday" starts at code point 28 (byte 30).
  EXPECT_NE(out.find(R"("times":[{"start":28,"end":34,"text":"Monday","type":"DATE","value":"2016-12-19","mod":null,"unresolved":false})"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(R"("text":"about three days","type":"DURATION","value":"P3D","mod":"APPROX","unresolved":false)"),
            std::string::npos)
      << out;

  Document nodate;
  nodate.id = "d2";
  nodate.text = "Karlov was shot on Monday.";
  ASSERT_TRUE(p->Process(nodate).ok());
  out.clear();
  WriteDocumentJson(nodate, JsonOptions{}, out);
  EXPECT_NE(out.find(R"("value":"XXXX-WXX-1","mod":null,"unresolved":true)"), std::string::npos) << out;
}

}  // namespace
}  // namespace tidings
