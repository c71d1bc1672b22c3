#include "tidings/pipeline/pipeline.h"

#include <cstdlib>
#include <filesystem>
#include <set>

namespace tidings {

StatusOr<Pipeline> Pipeline::Create(const std::vector<std::string>& stages, const Resources& res) {
  const auto& reg = StageRegistry();
  std::set<std::string_view> wanted;
  // Resolve dependencies transitively.
  std::vector<std::string_view> todo;
  if (stages.empty()) {
    for (const auto& s : reg) todo.push_back(s.name);
  } else {
    for (const auto& s : stages) {
      const StageInfo* info = FindStage(s);
      if (!info) {
        std::string known;
        for (const auto& r : reg) known += (known.empty() ? "" : ", ") + std::string(r.name);
        return InvalidArgument("unknown stage '" + s + "' (stages: " + known + ")");
      }
      todo.push_back(info->name);
    }
  }
  while (!todo.empty()) {
    auto n = todo.back();
    todo.pop_back();
    if (!wanted.insert(n).second) continue;
    const StageInfo* info = FindStage(n);
    if (!info) return Internal("stage '" + std::string(n) + "' is required but not registered");
    for (auto dep : info->requires_stages) todo.push_back(dep);
  }
  Pipeline p;
  for (const auto& info : reg) {
    if (!wanted.count(info.name)) continue;
    auto stage = info.make(res);
    if (!stage.ok()) return Status(stage.status().code(), std::string(info.name) + ": " + stage.status().message());
    p.names_.push_back(info.name);
    p.stages_.push_back(std::shared_ptr<const Stage>(std::move(stage.value())));
  }
  return p;
}

Status Pipeline::Process(Document& doc) const {
  for (size_t i = 0; i < stages_.size(); ++i) {
    TIDINGS_RETURN_IF_ERROR(stages_[i]->Process(doc));
    doc.stages_run.push_back(names_[i]);
  }
  return Status::OK();
}

Resources DefaultResources() {
  namespace fs = std::filesystem;
  Resources r;
  std::string home;
  if (const char* h = std::getenv("TIDINGS_HOME"); h && *h) {
    home = h;
  } else {
#ifdef TIDINGS_SOURCE_DIR
    if (fs::exists(fs::path(TIDINGS_SOURCE_DIR) / "models")) home = TIDINGS_SOURCE_DIR;
#endif
    if (home.empty()) {
      std::error_code ec;
      auto exe = fs::read_symlink("/proc/self/exe", ec);
      if (!ec) home = (exe.parent_path() / "..").lexically_normal().string();
    }
  }
  r.model_dir = (fs::path(home) / "models").string();
  r.data_dir = (fs::path(home) / "data").string();
  return r;
}

}  // namespace tidings
