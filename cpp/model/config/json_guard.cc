#include "model/config/json_guard.h"

namespace relu {

std::string Excerpt(std::string_view text, size_t limit) {
  if (text.size() <= limit) return std::string(text);
  size_t end = limit;
  // Back to the start of the character that straddles the cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

long FindTooDeepNesting(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return static_cast<long>(i);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return -1;
}

Status CheckJsonShape(std::string_view text, const JsonLimits& limits) {
  const std::string subject = limits.subject;
  if (text.size() > limits.maxBytes) {
    return Status::Error(subject + ": " + std::to_string(text.size()) + " bytes is more than the " +
                         std::to_string(limits.maxBytes) + " allowed");
  }
  const long too_deep = FindTooDeepNesting(text, limits.maxDepth);
  if (too_deep >= 0) {
    return Status::Error(subject + ": JSON nested deeper than " + std::to_string(limits.maxDepth) +
                         " levels at byte " + std::to_string(too_deep));
  }
  // nlohmann-json stops at a NUL byte as if the text ended there ("{}\0junk"
  // would pass); JSON allows none outside strings, nor raw inside them.
  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    return Status::Error(subject + ": not valid JSON at byte " + std::to_string(nul) +
                         ": a NUL byte is not allowed");
  }
  return Status::Ok();
}

std::string JsonSyntaxError(const char* subject, std::size_t position, std::string what) {
  // what() reads "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
  // or "[json.exception.out_of_range.406] number overflow parsing '1e400'": keep the description
  // and give the 0-based byte offset instead of line and column.
  const size_t tag_end = what.find("] ");
  if (tag_end != std::string::npos) what = what.substr(tag_end + 2);
  const size_t location_end = what.find(": ");  // the location itself holds no ": "
  if (what.rfind("parse error at ", 0) == 0 && location_end != std::string::npos) {
    what = what.substr(location_end + 2);
  }
  // The token quoted in 'last read: ...' or 'parsing ...' may be a whole
  // unterminated string or a number of a million digits: quote its start only.
  const size_t open = what.find('\'');
  const size_t close = what.rfind('\'');
  if (open != std::string::npos && close > open) {
    const std::string token = Excerpt(std::string_view(what).substr(open + 1, close - open - 1));
    what = what.substr(0, open + 1) + token + what.substr(close);
  }
  const size_t offset = position > 0 ? position - 1 : 0;
  return std::string(subject) + ": not valid JSON at byte " + std::to_string(offset) + ": " + what;
}

}  // namespace relu
