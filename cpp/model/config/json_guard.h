// The checks every parser of untrusted JSON text makes before it builds
// anything: total size, nesting depth, number of values, and syntax (with the
// byte offset of the first error). ParseConfig and Trainer::ImportJson share
// them, each with its own limits, so that neither a deep document (recursive
// walks such as dump() would overflow the stack) nor a huge one (a document
// tree takes ~16 bytes a value) reaches the code that trusts the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "model/status.h"

namespace relu {

struct JsonLimits {
  const char* subject;  // starts every message, e.g. "config" or "model JSON"
  size_t maxBytes;
  int maxDepth;         // arrays and objects, the outermost one being level 1
  size_t maxValues;     // scalars, arrays and objects, at any depth
};

// Config documents (ParseConfig). A config is a few kilobytes (points: up to
// 20000 triples); anything far beyond is a mistake, and deep nesting is never
// needed (a point is at depth 3). 1000000 values: 20000 points of 4 values
// each, and room to spare: enough to report "too many points" in the words of
// schema.js, while a 64 MiB list of numbers is refused before it takes a
// gigabyte as a document tree. (Model files: kModelJsonLimits in trainer_impl.h.)
inline constexpr JsonLimits kConfigJsonLimits{"config", size_t{64} << 20, 64, 1000000};

// At most `limit` bytes of `text`, cut on a UTF-8 character boundary, with
// "..." when something was cut: what a message may quote of untrusted text.
std::string Excerpt(std::string_view text, size_t limit = 40);

// The byte offset of the first bracket nested deeper than `max_depth`, or -1.
// Brackets inside strings do not count.
long FindTooDeepNesting(std::string_view text, int max_depth);

// Size, depth and NUL bytes: the checks that need no parser.
Status CheckJsonShape(std::string_view text, const JsonLimits& limits);

// "<subject>: not valid JSON at byte N: <description>" from nlohmann-json's
// parse error at `position` (one past the byte at fault), the description cut short.
std::string JsonSyntaxError(const char* subject, std::size_t position, std::string what);

// nlohmann-json's SAX events, passed on to `Inner` after the value count and
// the syntax are checked. Inner may stop the parse by returning false from
// any event (it then keeps its own reason).
template <typename Inner>
class GuardedSax {
 public:
  using Json = nlohmann::ordered_json;
  GuardedSax(const JsonLimits& limits, Inner* inner) : limits_(limits), inner_(inner) {}

  // Empty when the text passed the guard (Inner may still have stopped it).
  const std::string& error() const { return error_; }

  bool null() { return Count() && inner_->null(); }
  bool boolean(bool value) { return Count() && inner_->boolean(value); }
  bool number_integer(Json::number_integer_t value) { return Count() && inner_->number_integer(value); }
  bool number_unsigned(Json::number_unsigned_t value) { return Count() && inner_->number_unsigned(value); }
  bool number_float(Json::number_float_t value, const Json::string_t& text) {
    return Count() && inner_->number_float(value, text);
  }
  bool string(Json::string_t& value) { return Count() && inner_->string(value); }
  bool binary(Json::binary_t&) {  // never produced by JSON text; refused if it ever were
    error_ = std::string(limits_.subject) + ": binary values are not JSON";
    return false;
  }
  bool start_object(std::size_t size) { return Count() && inner_->start_object(size); }
  bool key(Json::string_t& name) { return inner_->key(name); }
  bool end_object() { return inner_->end_object(); }
  bool start_array(std::size_t size) { return Count() && inner_->start_array(size); }
  bool end_array() { return inner_->end_array(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) {
    error_ = JsonSyntaxError(limits_.subject, position, ex.what());
    return false;
  }

 private:
  bool Count() {
    if (++values_ <= limits_.maxValues) return true;
    error_ = std::string(limits_.subject) + ": more than " + std::to_string(limits_.maxValues) +
             " JSON values";
    return false;
  }
  const JsonLimits& limits_;
  Inner* inner_;
  size_t values_ = 0;
  std::string error_;
};

// Every guard, then one SAX pass that feeds `inner`. An error here is the
// guard's; when Inner stopped the parse, the result is Ok and Inner knows why.
template <typename Inner>
Status ParseGuarded(std::string_view text, const JsonLimits& limits, Inner* inner) {
  Status shape = CheckJsonShape(text, limits);
  if (!shape.ok()) return shape;
  GuardedSax<Inner> sax(limits, inner);
  nlohmann::ordered_json::sax_parse(text.begin(), text.end(), &sax);
  if (!sax.error().empty()) return Status::Error(sax.error());
  return Status::Ok();
}

// A SAX consumer that accepts everything: for a guard-only pass.
struct AcceptAllSax {
  using Json = nlohmann::ordered_json;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return true; }
  bool string(Json::string_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(Json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
};

// The SAX pass alone (value count and syntax), for a caller that checked the
// shape itself and then rewrote the text (ParseConfig marks overflowing numbers).
inline Status CheckJsonSyntax(std::string_view text, const JsonLimits& limits) {
  AcceptAllSax accept;
  GuardedSax<AcceptAllSax> sax(limits, &accept);
  nlohmann::ordered_json::sax_parse(text.begin(), text.end(), &sax);
  if (!sax.error().empty()) return Status::Error(sax.error());
  return Status::Ok();
}

// The guards alone, for a caller that builds a document tree next.
inline Status CheckJson(std::string_view text, const JsonLimits& limits) {
  AcceptAllSax accept;
  return ParseGuarded(text, limits, &accept);
}

}  // namespace relu
