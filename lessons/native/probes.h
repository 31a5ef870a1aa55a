// Measurements the lessons take on a trainer beyond its Metrics. They use the
// core's public trainer API, plus its forward pass (model/network.h) to see
// each unit on every training sample.
#pragma once

#include <vector>

#include "kernels/kernels.h"
#include "model/trainer.h"

namespace relu::lessons {

// Per hidden layer, per unit: true when the unit's pre-activation is <= 0 on
// every training sample. For ReLU that is a dead unit (zero output and zero
// gradient everywhere, as Metrics::deadUnits counts); Leaky ReLU and PReLU
// units in that state still pass their slope's share of the gradient.
std::vector<std::vector<bool>> OffUnitMasks(const Trainer& trainer);

// Per hidden layer: the largest absolute difference between any unit's
// incoming weights and bias and those of unit 0. Zero means every unit of the
// layer computes the same function.
std::vector<float> UnitSpread(const Trainer& trainer);

// The first output node over an n x n grid of the input plane, row 0 at the
// top (x2 = +kDomain), as Trainer::EvalGrid lays it out; empty on error.
std::vector<float> OutputGrid(Trainer* trainer, int n);

// max - min of the network's output (every output node) over an n x n grid of
// the input plane. Zero means the network is a constant function there.
// Returns a negative value if the grid cannot be evaluated.
float OutputRange(Trainer* trainer, int n);

// The number of linear regions (distinct activation patterns of the hidden
// units, Trainer::EvalGrid's GridRegions) over an n x n grid of the input
// plane; -1 when the grid cannot be evaluated or the activations are not
// piecewise linear.
int RegionCount(Trainer* trainer, int n);

// Median over `repeats` of the wall time of `steps` mini-batch steps, in
// microseconds per step. Steps the trainer; returns a negative value if a
// step fails (e.g. diverges).
double MedianStepMicros(Trainer* trainer, int steps, int repeats);

// Median over `repeats` of the time of one forward and one backward pass of
// the activation kernel over n elements, in nanoseconds per element.
double MedianKernelNanos(kernels::Act act, float alpha, int n, int repeats);

}  // namespace relu::lessons
