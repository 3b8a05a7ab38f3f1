#include "events/codebook.h"

#include <fstream>
#include <sstream>
#include <vector>

namespace cronista {

namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string f;
  while (std::getline(ss, f, '\t')) out.push_back(f);
  return out;
}

}  // namespace

Result<Codebook> Codebook::Load(const std::string& dir) {
  Codebook book;
  std::string path = dir + "/cameo_codes.tsv";
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read CAMEO codebook " + path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() < 6) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": expected 6 fields");
    }
    CameoCode c;
    c.code = f[0];
    c.root = f[1];
    c.name = f[2];
    char* end = nullptr;
    c.goldstein = std::strtod(f[3].c_str(), &end);
    if (end == f[3].c_str()) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": bad Goldstein value '" +
                                     f[3] + "'");
    }
    c.quad = std::atoi(f[4].c_str());
    if (c.quad < 1 || c.quad > 4) {
      return Status::InvalidArgument(path + ":" + std::to_string(n) + ": bad QuadClass '" + f[4] +
                                     "'");
    }
    c.plover = f[5];
    book.codes_[c.code] = std::move(c);
  }
  std::string ipath = dir + "/intent_codes.tsv";
  std::ifstream iin(ipath);
  n = 0;
  while (iin && std::getline(iin, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() < 2 || book.codes_.count(f[0]) == 0 || book.codes_.count(f[1]) == 0) {
      return Status::InvalidArgument(ipath + ":" + std::to_string(n) +
                                     ": expected two known CAMEO codes");
    }
    book.intent_[f[0]] = f[1];
  }
  return book;
}

const CameoCode* Codebook::Find(std::string_view code) const {
  auto it = codes_.find(std::string(code));
  return it == codes_.end() ? nullptr : &it->second;
}

std::string Codebook::IntentFor(std::string_view code) const {
  for (size_t len = code.size(); len >= 2; --len) {
    auto it = intent_.find(std::string(code.substr(0, len)));
    if (it != intent_.end()) return it->second;
  }
  return "";
}

}  // namespace cronista
