// Number text exactly as JavaScript's Number.prototype.toString writes it (the
// shortest digits that read back to the same value, in the same layout: 0.03,
// 1e-7, 100000000, 1e+21). Config messages and JSON written by the core then
// match the web side (web/shared/schema.js) character for character.
#pragma once

#include <cmath>
#include <string>

namespace relu {

// Shortest text that reads back to the same double. Non-finite values give
// "NaN", "Infinity" and "-Infinity" as in JavaScript (not valid JSON: callers
// writing JSON check std::isfinite first). -0 gives "0".
std::string FormatNumber(double value);

// Shortest text that reads back (strtod, then rounding to float) to the same
// float, e.g. 0.1f gives "0.1", not "0.10000000149011612".
std::string FormatFloat(float value);

// True when `value` rounds to a finite float: |value| < 2^128 - 2^103, half
// an ulp above FLT_MAX. The shortest text of FLT_MAX, 3.4028235e+38, is above
// FLT_MAX as a double and must still read back as FLT_MAX.
inline bool RoundsToFiniteFloat(double value) { return std::fabs(value) < 0x1p128 - 0x1p103; }

}  // namespace relu
