#include "tidings/pipeline/pipeline.h"

#include <gtest/gtest.h>

namespace tidings {
namespace {

TEST(Pipeline, UnknownStageIsAnError) {
  auto p = Pipeline::Create({"no-such-stage"}, DefaultResources());
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("unknown stage 'no-such-stage'"), std::string::npos);
}

TEST(Pipeline, SegmentAloneRunsOnlySegment) {
  auto p = Pipeline::Create({"segment"}, DefaultResources());
  ASSERT_TRUE(p.ok()) << p.status().message();
  ASSERT_EQ(p->stage_names().size(), 1u);
  Document d;
  d.text = "One. Two.";
  ASSERT_TRUE(p->Process(d).ok());
  EXPECT_EQ(d.sentences.size(), 2u);
  EXPECT_TRUE(d.has_stage("segment"));
  EXPECT_TRUE(d.entities.empty());
}

TEST(Pipeline, DependenciesComeFirstInRegistryOrder) {
  for (const auto& info : StageRegistry()) {
    for (auto dep : info.requires_stages) {
      const StageInfo* d = FindStage(dep);
      ASSERT_NE(d, nullptr) << info.name << " needs unregistered " << dep;
      EXPECT_LT(d - StageRegistry().data(), &info - StageRegistry().data()) << dep << " after " << info.name;
    }
  }
}

}  // namespace
}  // namespace tidings
