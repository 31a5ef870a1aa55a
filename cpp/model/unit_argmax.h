// Which sample excites each unit most: over chunks of a pass, per unit, the
// largest activation seen and the index of its sample. Kept apart from the
// trainer's pass so a test can hold it to a plain loop.
#pragma once

#include <cstdint>

namespace relu {

// Before a pass: no sample yet (-infinity, -1).
void ResetUnitArgmax(int units, float* best_value, int32_t* best_sample);

// One chunk of `samples` samples, activations column-major [units x samples]
// (sample j's units are contiguous), its first sample numbered `first_sample`.
// A larger value replaces the best: on a tie the earlier sample stays, and NaN
// never wins.
void UpdateUnitArgmax(int units, int samples, const float* activations, int first_sample,
                      float* best_value, int32_t* best_sample);

}  // namespace relu
