// Running out of memory is an error, never an abort: a network within the
// size limit that the memory at hand cannot hold is refused with a message
// naming what could not be allocated, and the process trains on.
//
// Its own executable, since it exhausts the memory it runs in. Native: in a
// child process under RLIMIT_AS (not under ASan, whose shadow memory needs
// terabytes of address space). WASM: malloc'd ballast fills the heap up to
// its 4 GB maximum first (untouched, so it costs no real memory), which
// checks that malloc returns NULL there (ABORTING_MALLOC=0) rather than abort.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "model/config/config.h"
#include "model/trainer.h"

#if !defined(__EMSCRIPTEN__)
#include <sys/resource.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define RELU_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RELU_UNDER_ASAN 1
#endif
#endif

namespace relu::testing {
namespace {

// Within the 1.5 GiB limit (about 400 MB), beyond the memory the test leaves.
Config BigConfig() {
  Config config;
  config.hidden.assign(16, 1024);
  config.activations.assign(16, Act::kRelu);
  config.optimizer = Optimizer::kAdam;
  return config;
}

Config SmallConfig() {
  Config config;
  config.numSamples = 100;
  return config;
}

// The whole scenario; returns "" when every expectation held. (Unused under
// ASan, which skips the test.)
[[maybe_unused]] std::string RefusedThenTrainsOn() {
  Status status;
  if (Trainer::Create(BigConfig(), &status) != nullptr) return "the big network was built";
  const std::string& message = status.message();
  if (message.rfind("hidden: the network [1024,", 0) != 0 || message.find("MB, could not allocate the ") == std::string::npos) {
    return "unexpected message: " + message;
  }
  auto trainer = Trainer::Create(SmallConfig(), &status);
  if (!trainer) return "the small network failed: " + status.message();
  const std::vector<float> before(trainer->params(), trainer->params() + trainer->paramCount());
  status = trainer->Configure(BigConfig());
  if (status.ok() || status.message().find("could not allocate") == std::string::npos) {
    return "Configure: " + (status.ok() ? std::string("accepted") : status.message());
  }
  if (std::vector<float>(trainer->params(), trainer->params() + trainer->paramCount()) != before) {
    return "Configure changed the parameters";
  }
  status = trainer->Step(20);
  if (!status.ok()) return "Step: " + status.message();
  return "";
}

#if defined(__EMSCRIPTEN__)

TEST(OutOfMemory, BigNetworkIsRefusedAndTheModuleLivesOn) {
  // Ballast in 64 MB blocks until the heap cannot grow, then room for ~200 MB.
  std::vector<void*> ballast;
  while (void* block = std::malloc(size_t{64} << 20)) ballast.push_back(block);
  ASSERT_GT(ballast.size(), 8u) << "the heap did not grow at all";
  for (int i = 0; i < 3; ++i) {
    std::free(ballast.back());
    ballast.pop_back();
  }
  const std::string problem = RefusedThenTrainsOn();
  for (void* block : ballast) std::free(block);
  EXPECT_EQ(problem, "");
}

#elif !defined(RELU_UNDER_ASAN)

TEST(OutOfMemory, BigNetworkIsRefusedAndTheProcessLivesOn) {
  EXPECT_EXIT(
      {
        // 200 MB of address space above what the process has mapped now.
        rlimit limit{};
        getrlimit(RLIMIT_AS, &limit);
        std::FILE* status_file = std::fopen("/proc/self/statm", "r");
        unsigned long pages = 0;
        if (status_file == nullptr || std::fscanf(status_file, "%lu", &pages) != 1) std::_Exit(3);
        std::fclose(status_file);
        limit.rlim_cur = pages * 4096ul + (200ul << 20);
        if (setrlimit(RLIMIT_AS, &limit) != 0) std::_Exit(4);
        const std::string problem = RefusedThenTrainsOn();
        if (!problem.empty()) std::fprintf(stderr, "%s\n", problem.c_str());
        std::_Exit(problem.empty() ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

#else

TEST(OutOfMemory, NeedsItsOwnAddressSpace) { GTEST_SKIP() << "ASan reserves more address space than RLIMIT_AS allows"; }

#endif

}  // namespace
}  // namespace relu::testing
