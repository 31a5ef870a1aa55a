// JSON numbers too large for a double, such as 1e400: JavaScript's JSON.parse
// reads them as +-Infinity, where nlohmann-json refuses the whole document.
// So that the core says what the page says ("learningRate: Infinity is not a
// finite number", not a syntax error), ParseConfig parses the text with each
// such literal swapped for a marker string, then turns the markers back into
// +-Infinity for the field checks to report.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace relu {

// `text` with every well-formed number literal that overflows a double
// replaced by a marker string, into *out; false (and *out untouched) when
// there is none, or more than 64 (the parser then refuses the document as
// before). Text inside strings is left alone.
bool MarkOverflowingNumbers(std::string_view text, std::string* out);

// Replaces every marker in `document` by the infinity it stands for.
void RestoreOverflowingNumbers(nlohmann::ordered_json* document);

}  // namespace relu
