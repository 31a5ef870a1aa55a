#include "model/unit_argmax.h"

#include <cstddef>
#include <limits>

namespace relu {

void ResetUnitArgmax(int units, float* best_value, int32_t* best_sample) {
  for (int u = 0; u < units; ++u) {
    best_value[u] = -std::numeric_limits<float>::infinity();
    best_sample[u] = -1;
  }
}

void UpdateUnitArgmax(int units, int samples, const float* activations, int first_sample,
                      float* best_value, int32_t* best_sample) {
  for (int j = 0; j < samples; ++j) {
    const float* column = activations + static_cast<size_t>(j) * static_cast<size_t>(units);
    for (int u = 0; u < units; ++u) {
      if (column[u] > best_value[u]) {
        best_value[u] = column[u];
        best_sample[u] = first_sample + j;
      }
    }
  }
}

}  // namespace relu
