// Config names of the activations, in the order of the Act enum.
#include <cstring>

#include "kernels/kernels.h"

namespace relu::kernels {
namespace {

constexpr const char* kActNames[kActCount] = {
    "linear", "relu", "leaky-relu", "prelu", "elu",     "selu",
    "gelu",   "silu", "softplus",   "sigmoid", "tanh",
};

}  // namespace

const char* ActName(Act a) {
  const int index = static_cast<int>(a);
  // An out-of-range value can only come from a cast; name it rather than read past the table.
  if (index < 0 || index >= kActCount) return "unknown";
  return kActNames[index];
}

bool ParseActName(const char* name, Act* out) {
  if (name == nullptr || out == nullptr) return false;
  for (int i = 0; i < kActCount; ++i) {
    if (std::strcmp(name, kActNames[i]) == 0) {
      *out = static_cast<Act>(i);
      return true;
    }
  }
  return false;
}

}  // namespace relu::kernels
