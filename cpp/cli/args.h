// relu-train's command line: the options and their parser, apart from main()
// so that the parser can be tested and fuzzed (tests/fuzz) on its own.
#pragma once

#include <string>

namespace relu::cli {

inline constexpr long kMaxEpochs = 10000000;

struct Options {
  std::string input = "-";
  bool input_given = false;
  long epochs = 100;
  long eval_every = 1;
  bool quiet = false;
  bool print_config = false;
  bool help = false;
};

// Whole decimal number in [min, max], nothing else in the text.
bool ParseCount(const char* text, long min, long max, long* out);

// Returns "" or the reason the command line is wrong; messages quote at most
// a short excerpt of an argument.
std::string ParseArgs(int argc, char** argv, Options* options);

}  // namespace relu::cli
