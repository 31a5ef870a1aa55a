#include "model/json_overflow.h"

#include <cmath>
#include <cstdlib>
#include <regex>

namespace relu {
namespace {

// A NUL can only come from an escape, and no config field accepts it: these
// strings cannot be a real value that a config means.
const char kPositiveMarker[] = "\\u0000relu:+Infinity";
const char kNegativeMarker[] = "\\u0000relu:-Infinity";
const std::string kPositiveValue("\0relu:+Infinity", 15);
const std::string kNegativeValue("\0relu:-Infinity", 15);

bool IsNumberChar(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// JSON's number grammar; anything else stays for the parser to report.
bool IsJsonNumber(const std::string& token) {
  static const std::regex kNumber("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  return std::regex_match(token, kNumber);
}

}  // namespace

bool MarkOverflowingNumbers(std::string_view text, std::string* out) {
  std::string marked;
  bool found = false;
  size_t copied = 0;  // text[0, copied) is in `marked`
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {  // skip the string, escapes included
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      ++i;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsNumberChar(text[end])) ++end;
    const std::string token(text.substr(i, end - i));
    const double value = std::strtod(token.c_str(), nullptr);
    if (std::isinf(value) && IsJsonNumber(token)) {
      marked.append(text.substr(copied, i - copied));
      marked += '"';
      marked += value > 0 ? kPositiveMarker : kNegativeMarker;
      marked += '"';
      copied = end;
      found = true;
    }
    i = end;
  }
  if (!found) return false;
  marked.append(text.substr(copied));
  *out = std::move(marked);
  return true;
}

void RestoreOverflowingNumbers(nlohmann::ordered_json* document) {
  if (document->is_string()) {
    const std::string& text = *document->get_ptr<const std::string*>();
    if (text == kPositiveValue) *document = HUGE_VAL;
    else if (text == kNegativeValue) *document = -HUGE_VAL;
    return;
  }
  if (document->is_structured()) {
    for (auto& item : *document) RestoreOverflowingNumbers(&item);
  }
}

}  // namespace relu
