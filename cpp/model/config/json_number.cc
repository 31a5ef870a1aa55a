#include "model/config/json_number.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace relu {
namespace {

// Decimal digits d1 d2 ... dk (no trailing zeros) and the exponent n such
// that |value| = 0.d1d2...dk * 10^n: ECMAScript's s, k and n.
struct Decimal {
  std::string digits;
  int point = 0;
};

// Tries 1, 2, ... significant digits until the text reads back to the same
// value. printf rounds correctly, so the first that reads back is the closest
// shortest one, which is the one JavaScript picks.
Decimal ShortestDecimal(double magnitude, bool as_float) {
  const int max_digits = as_float ? 9 : 17;
  char text[64];
  for (int precision = 1; precision <= max_digits; ++precision) {
    std::snprintf(text, sizeof text, "%.*e", precision - 1, magnitude);
    const double back = std::strtod(text, nullptr);
    const bool same = as_float ? static_cast<float>(back) == static_cast<float>(magnitude)
                               : back == magnitude;
    if (same) break;
  }
  // text is "d.ddde+XX" (or "de+XX" for one digit).
  Decimal decimal;
  const char* cursor = text;
  for (; *cursor != 'e'; ++cursor) {
    if (*cursor != '.') decimal.digits.push_back(*cursor);
  }
  decimal.point = std::atoi(cursor + 1) + 1;
  while (decimal.digits.size() > 1 && decimal.digits.back() == '0') decimal.digits.pop_back();
  return decimal;
}

// ECMAScript Number::toString layout of a positive finite value.
std::string Layout(const Decimal& decimal) {
  const std::string& s = decimal.digits;
  const int k = static_cast<int>(s.size());
  const int n = decimal.point;
  if (k <= n && n <= 21) return s + std::string(static_cast<size_t>(n - k), '0');
  if (0 < n && n <= 21) return s.substr(0, static_cast<size_t>(n)) + "." + s.substr(static_cast<size_t>(n));
  if (-6 < n && n <= 0) return "0." + std::string(static_cast<size_t>(-n), '0') + s;
  const int exponent = n - 1;
  std::string text = s.substr(0, 1);
  if (k > 1) text += "." + s.substr(1);
  text += exponent < 0 ? "e-" : "e+";
  text += std::to_string(exponent < 0 ? -exponent : exponent);
  return text;
}

std::string Format(double value, bool as_float) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value < 0 ? "-Infinity" : "Infinity";
  if (value == 0) return "0";
  const std::string magnitude = Layout(ShortestDecimal(std::fabs(value), as_float));
  return value < 0 ? "-" + magnitude : magnitude;
}

}  // namespace

std::string FormatNumber(double value) { return Format(value, false); }

std::string FormatFloat(float value) { return Format(static_cast<double>(value), true); }

}  // namespace relu
