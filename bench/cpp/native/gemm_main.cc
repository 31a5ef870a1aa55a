// relu-bench-gemm-{sse2,avx2}: G1's native ceiling. The same source is built
// twice, with -msse2 and with -mavx2 -mfma, so one run shows Eigen's product
// at both vector widths beside the WASM build.
//
//   relu-bench-gemm-sse2 [--smoke] ID:M,K,N,TRANS ...
// prints one JSON line per case: {"metric": ID, "msPerOp": [...], "inner": k}.
#include <cstdio>
#include <cstring>
#include <string>

#include "gemm_bench.h"
#include "timing.h"

int main(int argc, char** argv) {
  relu::bench::TimingMode mode = relu::bench::FullMode();
  int first_case = 1;
  if (argc > 1 && std::strcmp(argv[1], "--smoke") == 0) {
    mode = relu::bench::SmokeMode();
    first_case = 2;
  }
  float checksum = 0.0f;
  for (int i = first_case; i < argc; ++i) {
    char id[64];
    char trans[3] = {0, 0, 0};
    int m = 0, k = 0, n = 0;
    if (std::sscanf(argv[i], "%63[^:]:%d,%d,%d,%2s", id, &m, &k, &n, trans) != 5 || m <= 0 || k <= 0 ||
        n <= 0) {
      std::fprintf(stderr, "bad case '%s': expected ID:M,K,N,TRANS\n", argv[i]);
      return 2;
    }
    relu::bench::GemmBench bench;
    if (!bench.Prepare(m, k, n, trans)) {
      std::fprintf(stderr, "bad case '%s': TRANS must be NN, NT or TN\n", argv[i]);
      return 2;
    }
    const auto timing = relu::bench::Measure([&](long reps) { bench.Run(reps); }, mode);
    checksum += bench.Checksum();
    std::printf("%s\n", relu::bench::TimingJson(id, timing).c_str());
  }
  // Printed so the products are observable and cannot be elided.
  std::fprintf(stderr, "checksum %g\n", static_cast<double>(checksum));
  return 0;
}
