// The CAMEO codebook (data/common/cameo_codes.tsv): name, root, Goldstein
// value, QuadClass and PLOVER type of every event code, and the intent codes
// of root 03 that a future or hypothetical material act is coded as
// (data/common/intent_codes.tsv).
#ifndef CRONISTA_EVENTS_CODEBOOK_H_
#define CRONISTA_EVENTS_CODEBOOK_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "cronista/status.h"

namespace cronista {

struct CameoCode {
  std::string code;  // "057"
  std::string root;  // "05"
  std::string name;  // "Sign formal agreement"
  double goldstein = 0.0;
  int quad = 0;        // 1 verbal cooperation .. 4 material conflict
  std::string plover;  // "AGREE"
};

class Codebook {
 public:
  // Reads `dir`/cameo_codes.tsv and, when present, `dir`/intent_codes.tsv.
  static Result<Codebook> Load(const std::string& dir);

  // nullptr for an unknown code.
  const CameoCode* Find(std::string_view code) const;
  // The root-03 intent code for a material act (`073` -> `0333`), trying the
  // code and then its shorter prefixes; "" when the code has none.
  std::string IntentFor(std::string_view code) const;
  size_t size() const { return codes_.size(); }

 private:
  std::unordered_map<std::string, CameoCode> codes_;
  std::unordered_map<std::string, std::string> intent_;
};

}  // namespace cronista

#endif  // CRONISTA_EVENTS_CODEBOOK_H_
