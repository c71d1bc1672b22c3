// Builds the small test knowledge base (tests/data/kb) into a fresh temporary
// folder and returns the path of its kb.bin. Shared by the kb tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tidings/kb/kb_builder.h"

namespace tidings::testing_util {

inline std::string BuildMiniKb(const std::string& name) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("tidings_mini_kb_" + name);
  fs::create_directories(dir);
  fs::path src = fs::path(TIDINGS_TEST_DATA) / "kb";
  for (auto f : {"countries.tsv", "admin1.tsv", "admin2.tsv"})
    fs::copy_file(src / f, dir / f, fs::copy_options::overwrite_existing);
  std::ofstream(dir / "cities.path") << (src / "cities.txt").string() << "\n";
  kb::BuildKbOptions opt;
  opt.src_dir = dir.string();
  opt.out_file = (dir / "kb.bin").string();
  std::string summary;
  Status st = kb::BuildKb(opt, &summary);
  EXPECT_TRUE(st.ok()) << st.message();
  return opt.out_file;
}

}  // namespace tidings::testing_util
