// relu-train's command line (cli/args.h) on any argument list (the input,
// split at NUL bytes): it never crashes, accepted counts are in range, and a
// usage error quotes at most a short excerpt of what was typed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/args.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> words = {"relu-train"};
  std::string word;
  for (size_t i = 0; i < size && words.size() < 64; ++i) {
    if (data[i] == 0) {
      words.push_back(word);
      word.clear();
    } else {
      word += static_cast<char>(data[i]);
    }
  }
  words.push_back(word);
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);

  relu::cli::Options options;
  const std::string error = relu::cli::ParseArgs(static_cast<int>(words.size()), argv.data(), &options);
  if (!error.empty()) {
    FUZZ_CHECK(error.size() <= 200, error);
    return 0;
  }
  FUZZ_CHECK(options.epochs >= 0 && options.epochs <= relu::cli::kMaxEpochs, std::to_string(options.epochs));
  FUZZ_CHECK(options.eval_every >= 1 && options.eval_every <= relu::cli::kMaxEpochs,
             std::to_string(options.eval_every));
  FUZZ_CHECK(options.input_given || options.input == "-", options.input);
  return 0;
}
