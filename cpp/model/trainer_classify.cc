// Trainer: the forward pass of one input the caller supplies (a digit drawn
// on the page), apart from the data sets and the passes over them.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "model/loss.h"
#include "model/trainer.h"
#include "model/trainer_impl.h"

namespace relu {

Status Trainer::Classify(const float* input, size_t count, Classification* out) const {
  const NetworkLayout& layout = impl_->layout;
  const auto width = static_cast<size_t>(layout.inputs);
  if (count != width) {
    return Status::Error("input: " + std::to_string(count) + " values given, the network takes " +
                         std::to_string(width));
  }
  if (!input || !out) return Status::Error("input: no values given");
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(input[i])) {
      return Status::Error("input[" + std::to_string(i) + "] is " + std::to_string(input[i]) +
                           ": every value must be finite");
    }
  }
  // A workspace of its own: the evaluation's keeps a pass in pieces between
  // calls, and one column costs little to allocate per call.
  Workspace one;
  if (!one.Resize(layout, 1)) return Status::Error("input: out of memory for one sample's pass");
  std::copy_n(input, count, one.input());
  Forward(layout, *impl_->kernels, impl_->params.data(), 1, &one);

  const size_t last = layout.layers.size() - 1;
  const int outputs = layout.outputs();
  HeadOutputs(*impl_->kernels, layout.head, outputs, 1, one.pre(static_cast<int>(last)),
              one.act(static_cast<int>(last)));
  const float* head = one.act(static_cast<int>(last));
  out->outputs.assign(head, head + outputs);
  out->activations.resize(last);
  for (size_t l = 0; l < last; ++l) {
    const float* act = one.act(static_cast<int>(l));
    out->activations[l].assign(act, act + layout.layers[l].outputs);
  }
  int32_t predicted = -1;
  PredictClasses(layout.head, outputs, 1, head, &predicted);
  out->predicted = predicted;
  return Status::Ok();
}

}  // namespace relu
