// Errors in the core are values, never exceptions or aborts: the WASM build is
// compiled without exceptions, and a bad input must leave the trainer usable.
#pragma once

#include <string>
#include <utility>

namespace relu {

class Status {
 public:
  Status() = default;  // OK
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return message_.empty(); }
  // Human-readable, names the offending field and the allowed range where there is one.
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {
    if (message_.empty()) message_ = "unknown error";
  }
  std::string message_;
};

}  // namespace relu
