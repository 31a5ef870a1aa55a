// Shared by the fuzz targets: a property that must hold, reported as a crash
// (libFuzzer then saves the input) with the reason.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#define FUZZ_CHECK(condition, detail)                                                      \
  do {                                                                                     \
    if (!(condition)) {                                                                    \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s\n  %s\n", #condition,                   \
                   std::string(detail).substr(0, 2000).c_str());                           \
      std::abort();                                                                        \
    }                                                                                      \
  } while (false)
