// Regression: an organisation phrase built around a name ("The Anadolu news
// agency") belongs to that organisation's cluster, not to the nearest earlier
// organisation of the same class (Reuters). Runs the real models.
#include <gtest/gtest.h>

#include "tidings/pipeline/pipeline.h"

namespace tidings {
namespace {

TEST(KbCoref, OrganisationPhraseJoinsTheNameItContains) {
  auto p = Pipeline::Create({"kb"}, DefaultResources());
  if (!p.ok()) GTEST_SKIP() << "models or knowledge base not available: " << p.status().message();
  Document d;
  d.text =
      "A person at the scene told Reuters the attacker was armed. "
      "The Anadolu news agency said the gunman had been neutralised.";
  ASSERT_TRUE(p->Process(d).ok());
  int phrase = -1, anadolu = -1, reuters = -1;
  for (size_t i = 0; i < d.mentions.size(); ++i) {
    std::string_view t = d.span_text(d.mentions[i].span);
    if (t == "The Anadolu news agency") phrase = static_cast<int>(i);
    if (t == "Anadolu") anadolu = static_cast<int>(i);
    if (t == "Reuters") reuters = static_cast<int>(i);
  }
  ASSERT_GE(phrase, 0);
  ASSERT_GE(reuters, 0);
  EXPECT_NE(d.mentions[phrase].cluster, d.mentions[reuters].cluster);
  if (anadolu >= 0) {
    EXPECT_EQ(d.mentions[phrase].cluster, d.mentions[anadolu].cluster);
  }
  EXPECT_EQ(d.clusters[d.mentions[phrase].cluster].name.find("Reuters"), std::string::npos);
}

}  // namespace
}  // namespace tidings
