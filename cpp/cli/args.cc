#include "cli/args.h"

#include <cerrno>
#include <cstdlib>
#include <string>

#include "model/config/json_guard.h"

namespace relu::cli {

bool ParseCount(const char* text, long min, long max, long* out) {
  if (text == nullptr || *text == '\0') return false;
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text, &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max) return false;
  *out = value;
  return true;
}

std::string ParseArgs(int argc, char** argv, Options* options) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    bool has_value = false;
    const size_t equals = arg.find('=');
    if (arg.rfind("--", 0) == 0 && equals != std::string::npos) {
      value = arg.substr(equals + 1);
      arg.resize(equals);
      has_value = true;
    }
    const auto take_count = [&](const char* flag, long min, long max, long* out) -> std::string {
      if (!has_value) {
        if (i + 1 >= argc) return std::string(flag) + " needs a value";
        value = argv[++i];
      }
      if (!ParseCount(value.c_str(), min, max, out)) {
        return std::string(flag) + ": \"" + Excerpt(value) + "\" is not a whole number in [" + std::to_string(min) + ", " +
               std::to_string(max) + "]";
      }
      return "";
    };
    const auto no_value = [&](bool* flag) -> std::string {
      if (has_value) return arg + " takes no value";  // arg is one of the known flags
      *flag = true;
      return "";
    };
    std::string error;
    if (arg == "--epochs") error = take_count("--epochs", 0, kMaxEpochs, &options->epochs);
    else if (arg == "--eval-every") error = take_count("--eval-every", 1, kMaxEpochs, &options->eval_every);
    else if (arg == "--quiet") error = no_value(&options->quiet);
    else if (arg == "--print-config") error = no_value(&options->print_config);
    else if (arg == "--help" || arg == "-h") error = no_value(&options->help);
    else if (arg.size() > 1 && arg[0] == '-') error = "unknown option " + Excerpt(arg);
    else if (options->input_given) error = "more than one config given (\"" + Excerpt(options->input) + "\" and \"" + Excerpt(arg) + "\")";
    else {
      options->input = arg;
      options->input_given = true;
    }
    if (!error.empty()) return error;
  }
  return "";
}

}  // namespace relu::cli
