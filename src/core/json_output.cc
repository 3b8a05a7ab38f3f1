#include "cronista/json_output.h"

#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>

namespace cronista {

namespace {

using Json = nlohmann::ordered_json;

// Names of TokenFlag bits, in bit order, as written in the "flags" array.
constexpr const char* kFlagNames[] = {"word",
                                      "capitalised",
                                      "all_caps",
                                      "number",
                                      "punct",
                                      "quote",
                                      "open_quote",
                                      "close_quote",
                                      "space_before",
                                      "newline_before",
                                      "paragraph_start",
                                      "sentence_start",
                                      "hyphenated",
                                      "elision",
                                      "clitic",
                                      "abbrev",
                                      "url",
                                      "email",
                                      "date",
                                      "percent",
                                      "time",
                                      "sentence_end"};

Json DateJson(const PartialDate& d) {
  if (!d.known()) return nullptr;
  return Json{{"value", d.ToString()}, {"precision", DatePrecisionName(d.precision)}};
}

// An event's date: {value, precision, time}; null when unknown.
Json EventDateJson(const Event& e) {
  if (!e.date.known()) return nullptr;
  return Json{{"value", e.date.ToString()},
              {"precision", DatePrecisionName(e.date.precision)},
              {"time", e.time >= 0 ? Json(e.time) : Json(nullptr)}};
}

// Text that is not valid UTF-8 cannot go into JSON; readers repair input, so
// this only guards against a broken invariant.
std::string DumpLine(const Json& j) {
  return j.dump(-1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

}  // namespace

std::string DocumentToJson(const Document& doc, const JsonOptions& options) {
  const DocumentMeta& m = doc.meta;
  Json j;
  j["schema"] = kOutputSchemaVersion;
  j["id"] = m.id;
  j["source"] = m.origin;
  j["body_offset"] = m.body_offset;
  j["title"] = m.title;
  if (!m.url.empty()) j["url"] = m.url;
  if (!m.source.empty()) j["publisher"] = m.source;
  j["section"] = m.section;
  j["date"] = DateJson(m.date);
  j["lang"] = m.lang;
  j["lang_confidence"] = std::round(m.lang_confidence * 1000) / 1000;
  Json sentences = Json::array();
  for (const Sentence& s : doc.sentences) sentences.push_back({{"start", s.start}, {"end", s.end}});
  j["sentences"] = std::move(sentences);
  if (options.tokens) {
    Json tokens = Json::array();
    for (const Token& t : doc.tokens) {
      Json flags = Json::array();
      for (size_t b = 0; b < std::size(kFlagNames); ++b) {
        if (t.flags & (1u << b)) flags.push_back(kFlagNames[b]);
      }
      tokens.push_back({{"start", t.start},
                        {"end", t.end()},
                        {"text", doc.TokenText(t)},
                        {"norm", doc.TokenNorm(t)},
                        {"flags", std::move(flags)}});
    }
    j["tokens"] = std::move(tokens);
  }
  Json mentions = Json::array();
  for (const Mention& mn : doc.mentions) {
    Json entity = nullptr;
    if (mn.entity >= 0 && static_cast<size_t>(mn.entity) < doc.entities.size()) {
      entity = doc.entities[mn.entity].id;
    }
    mentions.push_back({{"start", mn.start},
                        {"end", mn.end},
                        {"text", std::string_view(doc.text).substr(mn.start, mn.end - mn.start)},
                        {"kind", MentionKindName(mn.kind)},
                        {"actor", mn.actor},
                        {"entity", std::move(entity)},
                        {"rule", mn.rule}});
  }
  j["mentions"] = std::move(mentions);
  Json entities = Json::array();
  for (const Entity& e : doc.entities) {
    entities.push_back(
        {{"id", e.id}, {"name", e.name}, {"kind", MentionKindName(e.kind)}, {"actor", e.actor}});
  }
  j["entities"] = std::move(entities);
  Json events = Json::array();
  auto side = [](const EventActor& a) {
    Json mention = nullptr;
    if (a.mention >= 0) mention = a.mention;
    return Json{{"actor", a.actor}, {"mention", std::move(mention)}};
  };
  for (const Event& e : doc.events) {
    events.push_back({{"source", side(e.source)},
                      {"target", side(e.target)},
                      {"code", e.code},
                      {"root", e.root},
                      {"quad", e.quad},
                      {"goldstein", e.goldstein},
                      {"plover", e.plover},
                      {"modality", ModalityName(e.modality)},
                      {"background", e.background},
                      {"sentence", e.sentence},
                      {"trigger", {{"start", e.trigger_start}, {"end", e.trigger_end}}},
                      {"date", EventDateJson(e)},
                      {"place", e.place >= 0 ? Json(e.place) : Json(nullptr)},
                      {"rule", e.rule}});
  }
  j["events"] = std::move(events);
  Json quotes = Json::array();
  for (const Quote& q : doc.quotes) {
    Json cue = nullptr;
    if (q.cue_end > q.cue_start) cue = {{"start", q.cue_start}, {"end", q.cue_end}};
    Json speaker = nullptr;
    if (q.speaker_mention >= 0 || !q.speaker_name.empty() || q.speaker_end > q.speaker_start) {
      Json entity = nullptr;
      if (q.speaker_entity >= 0 && static_cast<size_t>(q.speaker_entity) < doc.entities.size()) {
        entity = doc.entities[q.speaker_entity].id;
      }
      speaker = {{"name", q.speaker_name},
                 {"entity", std::move(entity)},
                 {"actor", q.speaker_actor},
                 {"mention", q.speaker_mention >= 0 ? Json(q.speaker_mention) : Json(nullptr)},
                 {"start", q.speaker_start},
                 {"end", q.speaker_end}};
    }
    quotes.push_back({{"start", q.start},
                      {"end", q.end},
                      {"text", std::string_view(doc.text).substr(q.start, q.end - q.start)},
                      {"scare", q.scare},
                      {"cue", std::move(cue)},
                      {"speaker", std::move(speaker)},
                      {"rule", q.rule}});
  }
  j["quotes"] = std::move(quotes);
  Json times = Json::array();
  for (const TimeExpr& t : doc.times) {
    times.push_back({{"start", t.start},
                     {"end", t.end},
                     {"text", std::string_view(doc.text).substr(t.start, t.end - t.start)},
                     {"type", TimeTypeName(t.type)},
                     {"value", t.value},
                     {"precision", DatePrecisionName(t.precision)},
                     {"rule", t.rule}});
  }
  j["times"] = std::move(times);
  Json places = Json::array();
  for (const Place& pl : doc.places) {
    places.push_back({{"start", pl.start},
                      {"end", pl.end},
                      {"text", std::string_view(doc.text).substr(pl.start, pl.end - pl.start)},
                      {"name", pl.name},
                      {"id", pl.id},
                      {"country", pl.country},
                      {"kind", pl.kind},
                      {"lat", pl.lat},
                      {"lon", pl.lon},
                      {"mention", pl.mention >= 0 ? Json(pl.mention) : Json(nullptr)}});
  }
  j["places"] = std::move(places);
  Json commitments = Json::array();
  for (const Commitment& c : doc.commitments) {
    commitments.push_back({{"parties", c.parties},
                           {"type", c.type},
                           {"condition", c.condition},
                           {"mutual", c.mutual},
                           {"date", DateJson(c.date)},
                           {"sentence", c.sentence},
                           {"event", c.event >= 0 ? Json(c.event) : Json(nullptr)},
                           {"rule", c.rule}});
  }
  j["commitments"] = std::move(commitments);
  Json warnings = Json::array();
  for (const Warning& w : doc.warnings) {
    warnings.push_back({{"code", w.code}, {"message", w.message}});
  }
  j["warnings"] = std::move(warnings);
  if (!m.extra_json.empty()) {
    Json extra = Json::parse(m.extra_json, nullptr, /*allow_exceptions=*/false);
    if (!extra.is_discarded()) j["extra"] = std::move(extra);
  }
  return DumpLine(j);
}

std::string ErrorToJson(const DocumentMeta& meta, const Status& status) {
  Json j;
  j["schema"] = kOutputSchemaVersion;
  j["id"] = meta.id;
  j["source"] = meta.origin;
  j["error"] = {{"code", StatusCodeName(status.code())}, {"message", status.message()}};
  return DumpLine(j);
}

}  // namespace cronista
