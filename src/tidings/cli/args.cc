#include "tidings/cli/args.h"

namespace tidings::cli {

Args::Args(int argc, char** argv, int first, const std::vector<OptionSpec>& specs) {
  bool only_positional = false;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (only_positional || a == "-" || a.empty() || a[0] != '-') {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    const OptionSpec* spec = nullptr;
    std::string value;
    bool inline_value = false;
    if (a.rfind("--", 0) == 0) {
      std::string name = a.substr(2);
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inline_value = true;
      }
      for (const auto& s : specs)
        if (s.long_name == name) spec = &s;
      if (!spec) {
        error_ = "unknown option '" + a + "'";
        return;
      }
    } else {
      for (const auto& s : specs)
        if (s.short_name && a.size() >= 2 && s.short_name == a[1]) spec = &s;
      if (!spec) {
        error_ = "unknown option '" + a + "'";
        return;
      }
      if (a.size() > 2) {
        value = a.substr(2);
        inline_value = true;
      }
    }
    if (spec->takes_value && !inline_value) {
      if (i + 1 >= argc) {
        error_ = "option '" + a + "' needs a value";
        return;
      }
      value = argv[++i];
    } else if (!spec->takes_value && inline_value) {
      error_ = "option '" + a + "' takes no value";
      return;
    }
    opts_.emplace_back(std::string(spec->long_name), value);
  }
}

bool Args::has(std::string_view name) const {
  for (const auto& o : opts_)
    if (o.first == name) return true;
  return false;
}

std::string Args::get(std::string_view name, std::string def) const {
  for (auto it = opts_.rbegin(); it != opts_.rend(); ++it)
    if (it->first == name) return it->second;
  return def;
}

std::vector<std::string> SplitList(std::string_view s) {
  std::vector<std::string> out;
  size_t p = 0;
  while (p <= s.size()) {
    size_t q = s.find(',', p);
    if (q == std::string_view::npos) q = s.size();
    if (q > p) out.emplace_back(s.substr(p, q - p));
    p = q + 1;
  }
  return out;
}

int UsageError(std::string_view cmd, std::string_view msg) {
  std::fprintf(stderr, "tidings %.*s: %.*s\nTry 'tidings %.*s --help'.\n", static_cast<int>(cmd.size()), cmd.data(),
               static_cast<int>(msg.size()), msg.data(), static_cast<int>(cmd.size()), cmd.data());
  return kExitUsage;
}

}  // namespace tidings::cli
