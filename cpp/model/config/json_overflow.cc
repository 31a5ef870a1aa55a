#include "model/config/json_overflow.h"

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

// Each marker is ~20 bytes longer than its literal: past this many, the text
// is left alone (and refused as a syntax error), so a 64 MiB document of
// 1e999s cannot grow to hundreds of MiB. A real config has a few dozen numbers
// outside its points.
constexpr size_t kMaxMarkedNumbers = 64;

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
  size_t marked_count = 0;
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
    const std::string_view literal = text.substr(i, end - i);
    // Only an exponent or over 308 digits can reach DBL_MAX (1.8e308): most
    // numbers skip strtod.
    if (literal.find_first_of("eE") == std::string_view::npos && literal.size() < 309) {
      i = end;
      continue;
    }
    const std::string token(literal);
    const double value = std::strtod(token.c_str(), nullptr);
    if (std::isinf(value) && IsJsonNumber(token)) {
      if (++marked_count > kMaxMarkedNumbers) return false;
      marked.append(text.substr(copied, i - copied));
      marked += '"';
      marked += value > 0 ? kPositiveMarker : kNegativeMarker;
      marked += '"';
      copied = end;
    }
    i = end;
  }
  if (marked_count == 0) return false;
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
