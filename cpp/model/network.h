// The multilayer perceptron: where each layer's parameters sit in the one
// contiguous block, the preallocated per-batch buffers, and the optimised
// forward and backward passes over a batch stored column-major, one column
// per sample. The head and its loss are in loss.h; a naive double-precision
// reference of the same maths is in reference.h, for the tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "kernels/kernels.h"
#include "model/buffer.h"
#include "model/config/config.h"

namespace relu {

// The output head and its loss (see loss.h).
enum class Head : uint8_t {
  kLinearMse,   // regression
  kTanhMse,     // binary, targets -1/+1
  kSigmoidBce,  // binary, targets 0/1, loss from the logits
  kSoftmaxCe,   // multi-class
};
Head HeadOf(const Config& config);

// One weight layer. Its parameters, in the block: W [outputs x inputs]
// column-major, then b [outputs], then the PReLU slopes [slopeCount].
struct LayerLayout {
  int inputs = 0;
  int outputs = 0;
  Act act = Act::kLinear;        // the output layer is kLinear: the head follows it
  kernels::ActParams actParams;  // leaky slope or ELU alpha; live, see SetLiveActParams
  size_t weightOffset = 0;
  size_t biasOffset = 0;
  size_t slopeOffset = 0;
  int slopeCount = 0;  // 0, 1 (per layer) or outputs (per unit)
};

struct NetworkLayout {
  int inputs = 0;
  std::vector<LayerLayout> layers;  // the hidden layers, then the output layer
  Head head = Head::kLinearMse;
  size_t paramCount = 0;
  int widest = 0;  // max over the inputs and every layer's outputs

  int outputs() const { return layers.back().outputs; }
  // One past layer l's last parameter (its weights, biases and slopes).
  size_t parametersEnd(size_t l) const {
    return l + 1 < layers.size() ? layers[l + 1].weightOffset : paramCount;
  }
};

// The layout of a validated config with `inputs` features and `outputs` outputs.
NetworkLayout MakeLayout(const Config& config, int inputs, int outputs);
// What follows layer l, as every output of the core names it: a hidden
// layer's activation ("relu", ...), or the output head ("linear", "tanh",
// "sigmoid", "softmax"). Static strings.
std::string_view LayerActivationName(const NetworkLayout& layout, size_t l);
// Leaky slope and ELU alpha may change between steps: refresh them from `config`.
void SetLiveActParams(const Config& config, NetworkLayout* layout);

// Floats the buffers of a Workspace of `capacity` columns need.
size_t WorkspaceFloats(const NetworkLayout& layout, int capacity);

// Every buffer one batch of up to `capacity` columns needs, in one
// allocation so that a step never allocates.
class Workspace {
 public:
  // False (and the workspace unchanged) when memory is short.
  bool Resize(const NetworkLayout& layout, int capacity);
  int capacity() const { return capacity_; }

  float* input() { return at(input_); }      // X      [inputs x capacity]
  float* labels() { return at(labels_); }    // labels [capacity]
  float* pre(int l) { return at(pre_[l]); }  // Z_l    [outputs_l x capacity]
  float* act(int l) { return at(act_[l]); }  // A_l    [outputs_l x capacity], == Z_l when linear
  float* delta(int i) { return at(delta_[i]); }  // dA/dZ ping-pong, i in {0,1}: [widest x capacity]
  float* scratch() { return at(scratch_); }      // transposed weights of small layers
  float* slopes(int l) { return at(slopes_[l]); }          // PReLU slope per row [outputs_l]
  float* slopeGrads(int l) { return at(slopeGrads_[l]); }  // dL/dslope per row [outputs_l]
  const float* act(int l) const { return block_.data() + act_[l]; }
  const float* pre(int l) const { return block_.data() + pre_[l]; }

 private:
  float* at(size_t offset) { return block_.data() + offset; }
  FloatBuffer block_;
  int capacity_ = 0;
  size_t input_ = 0, labels_ = 0;
  size_t delta_[2] = {0, 0};
  size_t scratch_ = 0;
  std::vector<size_t> pre_, act_, slopes_, slopeGrads_;
};

// Forward pass of `cols` <= capacity columns of ws->input() through every
// layer: fills Z_l and A_l; the output layer's Z holds the logits (the head is
// applied by loss.h). ws->act(last) is left for the head's outputs.
void Forward(const NetworkLayout& layout, const kernels::KernelSet& kernels, const float* params,
             int cols, Workspace* ws);
// Layer l of Forward alone (layers 0..l-1 done first): a long step runs its
// layers as separate pieces, so that no one call into the core runs long.
void ForwardLayer(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                  const float* params, int cols, Workspace* ws, size_t l);

// Forward pass of a batch stored the other way round, one row per sample:
// the grid pass stores pixels so, which makes each unit's outputs over the
// pixels one contiguous run of its image. Reads ws->input() as X^T
// [cols x inputs]. Hidden layer l's outputs A_l^T [cols x outputs_l] go to
// hidden[l] when given (e.g. straight into the images), else to ws->act(l)
// with leading dimension cols; the output layer's logits Z^T [cols x outputs]
// go to ws->pre(last). Z of the hidden layers is not kept.
struct SampleMajorOutput {
  float* at;  // unit u's outputs start at at + u * ld
  size_t ld;
};
void ForwardSampleMajor(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                        const float* params, int cols, const SampleMajorOutput* hidden,
                        Workspace* ws);

// Layer l of ForwardSampleMajor alone (layers 0..l-1 done first, with the
// same `hidden`), for a grid pass in pieces.
void ForwardSampleMajorLayer(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                             const float* params, int cols, const SampleMajorOutput* hidden,
                             Workspace* ws, size_t l);

// Backward pass, same argument order: from dL/dZ of the output layer in
// ws->delta(0) [outputs x cols] (written by the head), writes dL/dparams
// of the data term into grads [paramCount] (overwritten, not accumulated).
void Backward(const NetworkLayout& layout, const kernels::KernelSet& kernels, const float* params,
              int cols, Workspace* ws, float* grads);
// Layer l of Backward alone, from the output layer down. *current is the
// delta buffer (0 or 1) that holds layer l's incoming gradient; on return it
// names the one with dL/dA_{l-1}. The layer's gradient is written (not added)
// to layer_grads, laid out as the layer's own stretch of the parameter block:
// dW at 0, db at biasOffset - weightOffset, slopes at slopeOffset - weightOffset.
void BackwardLayer(const NetworkLayout& layout, const kernels::KernelSet& kernels,
                   const float* params, int cols, Workspace* ws, int l, int* current,
                   float* layer_grads);

}  // namespace relu
