// The explicit table of pipeline stages (no static self-registration).
// Order in the table is pipeline order.
#pragma once

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "tidings/pipeline/stage.h"

namespace tidings {

struct StageInfo {
  std::string_view name;
  std::string_view description;
  std::vector<std::string_view> requires_stages;  // stages that must run before
  std::function<StatusOr<std::unique_ptr<Stage>>(const Resources&)> make;
};

// All stages, in pipeline order.
const std::vector<StageInfo>& StageRegistry();

// The stage named `name`, or nullptr.
const StageInfo* FindStage(std::string_view name);

}  // namespace tidings
