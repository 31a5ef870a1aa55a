// ReLU's linear regions on the grid: a piecewise-linear network is affine
// wherever the pattern of on/off hidden units stays the same, so counting the
// distinct patterns over the grid counts the linear pieces it shows. The grid
// pass (trainer_eval.cc) folds each hidden layer's pattern into a hash per
// pixel with the kernels' pattern_hash; this file holds the rest: which
// networks qualify, the units' keys, and hashes -> region ids.
#pragma once

#include <cstdint>
#include <vector>

#include "model/network.h"
#include "model/status.h"

namespace relu {

// Ok when every hidden layer is linear, relu, leaky-relu or prelu and a unit's
// output is positive exactly where its pre-activation is (every slope >= 0:
// Leaky ReLU's always is; a learned PReLU slope may not be). Else names the
// first layer that is not, e.g. "regions need piecewise-linear activations
// (linear, relu, leaky-relu, prelu); hidden layer 2 is sigmoid".
Status CheckRegionsSupported(const NetworkLayout& layout, const float* params);

// One fixed pseudo-random 64-bit key per hidden unit, in layer order
// (SplitMix64 of the unit's index: the same on every platform and run).
std::vector<uint64_t> PatternKeys(size_t units);

// Numbers the distinct hashes in order of first appearance (ids[i] in
// [0, count)) and returns count. ids is resized to hashes.size().
int NumberRegions(const std::vector<uint64_t>& hashes, std::vector<uint32_t>* ids);

}  // namespace relu
