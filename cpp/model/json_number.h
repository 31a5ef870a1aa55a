// Number text exactly as JavaScript's Number.prototype.toString writes it (the
// shortest digits that read back to the same value, in the same layout: 0.03,
// 1e-7, 100000000, 1e+21). Config messages and JSON written by the core then
// match the web side (web/shared/schema.js) character for character.
#pragma once

#include <string>

namespace relu {

// Shortest text that reads back to the same double. Non-finite values give
// "NaN", "Infinity" and "-Infinity" as in JavaScript (not valid JSON: callers
// writing JSON check std::isfinite first). -0 gives "0".
std::string FormatNumber(double value);

// Shortest text that reads back (strtod, then rounding to float) to the same
// float, e.g. 0.1f gives "0.1", not "0.10000000149011612".
std::string FormatFloat(float value);

}  // namespace relu
