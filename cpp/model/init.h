// Weight initialisation. Every weight layer (hidden and output) uses
// config.init; biases start at config.biasInit and PReLU slopes at
// config.preluInit. Draws come from Rng(seed, kStreamInit) in layer order,
// W in column-major order, so one seed gives the same weights everywhere.
#pragma once

#include "model/config/config.h"
#include "model/network.h"

namespace relu {

// Fills params [layout.paramCount].
void InitializeParams(const NetworkLayout& layout, const Config& config, float* params);

// The slope `a` in He's gain sqrt(2 / (1 + a^2)) for a layer with this
// activation: the leaky slope, the initial PReLU slope, else 0 (ReLU's gain).
float HeSlope(Act act, const Config& config);

}  // namespace relu
