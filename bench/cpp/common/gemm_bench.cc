#include "gemm_bench.h"

namespace relu::bench {

void GemmBench::Allocate() {
  switch (kind_) {
    case GemmTrans::kNN:
      a_.setConstant(m_, k_, 0.5f);
      b_.setConstant(k_, n_, 0.25f);
      break;
    case GemmTrans::kNT:
      a_.setConstant(m_, k_, 0.5f);
      b_.setConstant(n_, k_, 0.25f);
      break;
    case GemmTrans::kTN:
      a_.setConstant(k_, m_, 0.5f);
      b_.setConstant(k_, n_, 0.25f);
      break;
  }
  c_.setZero(m_, n_);
}

void GemmBench::Run(long reps) {
  for (long r = 0; r < reps; ++r) {
    switch (kind_) {
      case GemmTrans::kNN: c_.noalias() = a_ * b_; break;
      case GemmTrans::kNT: c_.noalias() = a_ * b_.transpose(); break;
      case GemmTrans::kTN: c_.noalias() = a_.transpose() * b_; break;
    }
  }
}

float GemmBench::Checksum() const { return c_.size() ? c_(c_.rows() - 1, c_.cols() - 1) : 0.0f; }

}  // namespace relu::bench
