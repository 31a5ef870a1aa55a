#include "model/regions.h"

#include <string>
#include <unordered_map>

namespace relu {

Status CheckRegionsSupported(const NetworkLayout& layout, const float* params) {
  for (size_t l = 0; l + 1 < layout.layers.size(); ++l) {
    const LayerLayout& layer = layout.layers[l];
    const std::string where = "hidden layer " + std::to_string(l + 1);
    if (layer.act != Act::kLinear && layer.act != Act::kRelu && layer.act != Act::kLeakyRelu &&
        layer.act != Act::kPrelu) {
      return Status::Error(
          "regions need piecewise-linear activations (linear, relu, leaky-relu, prelu); " + where +
          " is " + std::string(LayerActivationName(layout, l)));
    }
    // The pattern is read from the outputs (the grid keeps no pre-activations):
    // with a negative slope both sides of the kink are positive.
    for (int s = 0; layer.act == Act::kPrelu && s < layer.slopeCount; ++s) {
      if (params[layer.slopeOffset + static_cast<size_t>(s)] < 0.0f) {
        return Status::Error("regions need PReLU slopes >= 0; " + where +
                             " has learned a negative slope");
      }
    }
  }
  return Status::Ok();
}

std::vector<uint64_t> PatternKeys(size_t units) {
  std::vector<uint64_t> keys(units);
  uint64_t state = 0x5245474E494F4E53ull;  // any fixed seed
  for (uint64_t& key : keys) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    key = z ^ (z >> 31);
  }
  return keys;
}

int NumberRegions(const std::vector<uint64_t>& hashes, std::vector<uint32_t>* ids) {
  std::unordered_map<uint64_t, uint32_t> id_of;
  ids->resize(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) {
    const auto [it, added] = id_of.try_emplace(hashes[i], static_cast<uint32_t>(id_of.size()));
    (*ids)[i] = it->second;
  }
  return static_cast<int>(id_of.size());
}

}  // namespace relu
