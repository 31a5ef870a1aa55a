// Seeded generators of the playground's datasets and the input features.
#pragma once

#include <cstdint>
#include <vector>

#include "model/config/config.h"
#include "model/status.h"

namespace relu {

// Generates config.numSamples points of config.dataset (or takes
// config.points for kCustom, or the kDigitCount images for kDigits, whose
// points carry the image's index in x1 and 0 in x2), shuffles them with the seed and splits them
// into train (round(numSamples * trainRatio), at least 1) and test.
// Labels: class index 0..K-1 for classification sets (binary sets use 0/1),
// the target value for regression sets. Coordinates lie in [-kDomain, kDomain]
// before noise. Same seed, same points, natively and in WebAssembly.
Status GenerateData(const Config& config, std::vector<Point>* train, std::vector<Point>* test);

// How many of `total` points GenerateData puts in the training set:
// round(total * trainRatio), at least 1, and with two or more points at least
// one left to test on. The cost estimate counts them without generating them.
int TrainCount(int total, float train_ratio);
// Points GenerateData makes for this config, before the split.
int SampleCount(const Config& config);

// Number of classes the data of this config has: 1 for regression.
int NumClasses(const Config& config);

// The handwritten digits embedded from data/digits/digits.bin (checked
// against kDigitCount and kDigitPixels by GenerateData): image `index`'s
// kDigitPixels pixels, row by row, scaled from 0..kDigitMaxValue to [0, 1], into out.
void DigitPixels(int index, float* out);
// Its label, 0..9.
int DigitLabel(int index);

// Writes the enabled features of (x1, x2) to out[0..NumInputs), in the order
// of the Feature bits: x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2.
void ComputeFeatures(uint32_t features, float x1, float x2, float* out);

}  // namespace relu
