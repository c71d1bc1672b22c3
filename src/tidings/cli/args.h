// Minimal argument parsing shared by the subcommands: long options with
// "--name value" or "--name=value", short "-j 2", "--" ends options, "-" is
// a positional (stdin). Unknown options are usage errors (exit status 2).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace tidings::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitSkipped = 1;  // some documents were reported and skipped
inline constexpr int kExitUsage = 2;    // bad command line
inline constexpr int kExitFatal = 3;    // could not run at all (missing model, unwritable output)

struct OptionSpec {
  std::string_view long_name;  // "date"
  char short_name;             // 'j' or 0
  bool takes_value;
};

class Args {
 public:
  // Parses argv[first..]. On error, error() is non-empty.
  Args(int argc, char** argv, int first, const std::vector<OptionSpec>& specs);
  bool has(std::string_view name) const;
  // Last value given for the option, or `def`.
  std::string get(std::string_view name, std::string def = "") const;
  const std::vector<std::string>& positional() const { return positional_; }
  const std::string& error() const { return error_; }

 private:
  std::vector<std::pair<std::string, std::string>> opts_;
  std::vector<std::string> positional_;
  std::string error_;
};

// The non-empty items of a comma-separated option value ("a,b,,c" -> a b c).
std::vector<std::string> SplitList(std::string_view s);

// Prints "tidings <cmd>: <msg>" and a hint to stderr; returns kExitUsage.
int UsageError(std::string_view cmd, std::string_view msg);

}  // namespace tidings::cli
