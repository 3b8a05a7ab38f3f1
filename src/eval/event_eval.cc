#include "eval/event_eval.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

namespace cronista::eval {

namespace {

using Json = nlohmann::json;

struct Tuple {
  std::string source, target, type;  // type: PLOVER (gold) or root (coded)
  std::string code;                  // coded only
};

// Country codes compared on ISO 3166 alpha-3: CAMEO's own codes (ROM, TMP,
// KSV) from countries.tsv, and the legacy TABARI codes found in gold files.
struct CountryNames {
  std::unordered_map<std::string, std::string> to_iso = {
      {"JAP", "JPN"}, {"ITL", "ITA"}, {"VTN", "VNM"}};
  std::string operator()(const std::string& code) const {
    std::string c = code.substr(0, 3);
    auto it = to_iso.find(c);
    return it == to_iso.end() ? c : it->second;
  }
};

CountryNames LoadCountryNames(const std::string& data_dir) {
  CountryNames names;
  std::ifstream in(data_dir + "/common/countries.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    if (f.size() >= 4 && f[3] != f[1]) names.to_iso[f[3]] = f[1];
  }
  return names;
}

// Roots whose events cronista codes in both directions (paired codes and
// reciprocal actions: agreements, meetings, visits and their hosts); a gold
// record names one direction.
bool Reciprocal(const std::string& root) {
  return root == "03" || root == "04" || root == "05" || root == "06";
}

std::vector<std::string> Codes(const Json& side, const CountryNames& country) {
  std::vector<std::string> out;
  if (!side.is_array()) return out;
  for (const Json& a : side) {
    if (a.is_object() && a.contains("code") && a["code"].is_string()) {
      std::string c = a["code"].get<std::string>();
      if (!c.empty()) out.push_back(country(c));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> RootsOfPloverType(std::string_view t) {
  if (t == "AGREE") return {"03", "05", "08"};
  if (t == "CONSULT") return {"04"};
  if (t == "SUPPORT") return {"05"};
  if (t == "COOPERATE") return {"06"};
  if (t == "AID") return {"07"};
  if (t == "CONCEDE" || t == "RETREAT") return {"08"};
  if (t == "INVESTIGATE") return {"09"};
  if (t == "DEMAND") return {"10", "02"};
  if (t == "DISAPPROVE") return {"11"};
  if (t == "REJECT") return {"12"};
  if (t == "THREATEN") return {"13"};
  if (t == "PROTEST") return {"14"};
  if (t == "MOBILIZE") return {"15"};
  if (t == "SANCTION") return {"16"};
  if (t == "COERCE") return {"17"};
  if (t == "ASSAULT") return {"18", "20"};
  if (t == "FIGHT") return {"19"};
  return {};
}

std::string PloverTypeOfCode(std::string_view code) {
  std::string_view root = code.substr(0, 2);
  if (root == "01") return "OTHER";
  if (root == "02" || root == "10") return "DEMAND";
  if (root == "03") return "AGREE";
  if (root == "04") return "CONSULT";
  if (root == "05") return code.substr(0, 3) == "057" ? "AGREE" : "SUPPORT";
  if (root == "06") return "COOPERATE";
  if (root == "07") return "AID";
  if (root == "08") {
    return code.substr(0, 3) == "084" || code.substr(0, 3) == "087" ? "RETREAT" : "CONCEDE";
  }
  if (root == "09") return "INVESTIGATE";
  if (root == "11") return "DISAPPROVE";
  if (root == "12") return "REJECT";
  if (root == "13") return "THREATEN";
  if (root == "14") return "PROTEST";
  if (root == "15") return "MOBILIZE";
  if (root == "16") return "SANCTION";
  if (root == "17") return "COERCE";
  if (root == "19") return "FIGHT";
  return "ASSAULT";  // 18, 20
}

Result<EventEvalResult> EvaluateEvents(const Pipeline& pipeline, const std::string& gold_path,
                                       size_t limit) {
  std::ifstream in(gold_path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + gold_path);
  Json gold = Json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (gold.is_discarded() || !gold.is_array()) {
    return Status::InvalidArgument(gold_path + ": not a JSON array of PLOVER records");
  }
  const CountryNames country = LoadCountryNames(pipeline.data_dir());
  EventEvalResult r;
  auto t0 = std::chrono::steady_clock::now();
  for (const Json& rec : gold) {
    if (limit > 0 && r.records >= limit) break;
    if (!rec.is_object() || !rec.contains("text") || !rec["text"].is_string()) continue;
    std::string type = rec.value("event", "");
    std::vector<std::string> roots = RootsOfPloverType(type);
    if (roots.empty()) continue;
    std::vector<std::string> sources = Codes(rec.value("source", Json()), country);
    std::vector<std::string> targets = Codes(rec.value("target", Json()), country);
    if (sources.empty()) continue;
    if (targets.empty()) targets.push_back("");
    ++r.records;
    std::vector<Tuple> gold_tuples;
    for (const auto& s : sources) {
      for (const auto& t : targets) {
        if (s != t) gold_tuples.push_back({s, t, type, ""});
      }
    }
    Document d;
    d.text = rec["text"].get<std::string>();
    d.meta.id = rec.value("id", "");
    d.meta.lang = "en";
    d.meta.lang_from_meta = true;
    if (auto date = PartialDate::Parse(rec.value("date", ""))) d.meta.date = *date;
    Status st = pipeline.Process(&d);
    std::vector<Tuple> coded;
    if (st.ok()) {
      for (const Event& e : d.events) {
        if (e.modality == Modality::kNegated) continue;
        Tuple t{country(e.source.actor), e.target.actor.empty() ? "" : country(e.target.actor),
                e.root, e.code};
        bool dup = false;
        for (const Tuple& c : coded) {
          dup = dup || (c.source == t.source && c.target == t.target && c.type == t.type);
        }
        if (!dup) coded.push_back(std::move(t));
      }
    }
    if (!coded.empty()) ++r.records_with_events;
    auto matches = [&](const Tuple& g, const Tuple& c) {
      if (std::find(roots.begin(), roots.end(), c.type) == roots.end()) return false;
      if (g.source == c.source && (g.target.empty() || g.target == c.target)) return true;
      // The other direction of a reciprocal or paired event.
      return Reciprocal(c.type) && !g.target.empty() && g.source == c.target &&
             g.target == c.source;
    };
    r.gold_tuples += gold_tuples.size();
    r.coded_tuples += coded.size();
    bool any = false, agree = false;
    for (const Tuple& g : gold_tuples) {
      for (const Tuple& c : coded) {
        if (matches(g, c)) {
          ++r.matched_gold;
          any = true;
          if (PloverTypeOfCode(c.code) == type) agree = true;
          break;
        }
      }
    }
    size_t correct = 0;
    for (const Tuple& c : coded) {
      for (const Tuple& g : gold_tuples) {
        if (matches(g, c)) {
          ++correct;
          break;
        }
      }
    }
    r.correct_coded += correct;
    if (any) ++r.records_matched;
    if (agree) ++r.type_agree;
    if (!any || correct < coded.size()) {
      std::string g, c;
      for (const Tuple& t : gold_tuples) g += " " + t.source + ">" + t.target + ":" + t.type;
      for (const Tuple& t : coded) c += " " + t.source + ">" + t.target + ":" + t.code;
      r.errors.push_back(d.meta.id + "\tgold" + g + "\tcoded" + (c.empty() ? " none" : c) + "\t" +
                         d.text);
    }
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace cronista::eval
