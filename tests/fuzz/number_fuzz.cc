// FormatNumber and FormatFloat (json_number.h), which write every number the
// core puts in a message or in JSON: for any double or float, the text reads
// back to the same value, is no longer than JavaScript's longest, and has
// JavaScript's layout (no "+" in the mantissa, no leading zeros, exponent
// only outside [1e-7, 1e21)).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "fuzz_util.h"
#include "model/config/json_number.h"

namespace {

// The layout follows the decimal value written (for a float, its shortest
// digits, e.g. 1e-6f is 9.99999997e-7 but prints as 0.000001).
void CheckLayout(const std::string& text) {
  const double magnitude = std::fabs(std::strtod(text.c_str(), nullptr));
  // The longest: "-0.0000012345678901234567" (26) for a double.
  FUZZ_CHECK(!text.empty() && text.size() <= 26, text);
  const size_t start = text[0] == '-' ? 1 : 0;
  FUZZ_CHECK(text.size() > start && text[start] != '+' && text[start] != '.', text);
  const bool exponent = text.find('e') != std::string::npos;
  if (magnitude != 0 && std::isfinite(magnitude)) {
    FUZZ_CHECK(exponent == (magnitude >= 1e21 || magnitude < 1e-6), text);
    FUZZ_CHECK(text.size() == start + 1 || text[start] != '0' || text[start + 1] == '.', text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size >= sizeof(double)) {
    double value;
    std::memcpy(&value, data, sizeof value);
    const std::string text = relu::FormatNumber(value);
    if (std::isnan(value)) {
      FUZZ_CHECK(text == "NaN", text);
    } else if (std::isinf(value)) {
      FUZZ_CHECK(text == (value > 0 ? "Infinity" : "-Infinity"), text);
    } else {
      FUZZ_CHECK(std::strtod(text.c_str(), nullptr) == value, text);
      CheckLayout(text);
    }
  }
  if (size >= sizeof(float)) {
    float value;
    std::memcpy(&value, data + size - sizeof value, sizeof value);
    const std::string text = relu::FormatFloat(value);
    if (std::isfinite(value)) {
      FUZZ_CHECK(static_cast<float>(std::strtod(text.c_str(), nullptr)) == value, text);
      // The longest: "-123456789000000000000" (22), 21 digits before the exponent form.
      FUZZ_CHECK(text.size() <= 22, text);
      CheckLayout(text);
    }
  }
  // The bytes as number text, as a config or a model file would hold it.
  const std::string input(reinterpret_cast<const char*>(data), size < 64 ? size : 64);
  const double parsed = std::strtod(input.c_str(), nullptr);
  if (std::isfinite(parsed)) {
    FUZZ_CHECK(std::strtod(relu::FormatNumber(parsed).c_str(), nullptr) == parsed, input);
  }
  return 0;
}
