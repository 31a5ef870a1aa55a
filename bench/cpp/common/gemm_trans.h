// G1's three dense-layer product shapes, by the names the bench passes
// around: "NN" (W X, forward), "NT" (dZ X^T, weight gradient), "TN" (W^T dZ,
// input gradient). Shared by the Eigen and the model-product G1 drivers.
#pragma once

#include <cstring>

namespace relu::bench {

enum class GemmTrans { kNN, kNT, kTN };

// False for a name that is none of the three.
inline bool ParseGemmTrans(const char* name, GemmTrans* out) {
  if (std::strcmp(name, "NN") == 0) *out = GemmTrans::kNN;
  else if (std::strcmp(name, "NT") == 0) *out = GemmTrans::kNT;
  else if (std::strcmp(name, "TN") == 0) *out = GemmTrans::kTN;
  else return false;
  return true;
}

}  // namespace relu::bench
