#include "store/store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "store/dates.h"
#include "store/schema.h"

namespace cronista {

namespace {

// The stored form of a date: ISO text cut to the day (times keep their day),
// its precision name, and the day number of its first day (NULL if unknown).
struct StoredDate {
  std::string text;
  std::string precision;
  bool has_day = false;
  int64_t day = 0;
};

StoredDate ToStored(const PartialDate& d) {
  StoredDate s;
  s.precision = std::string(DatePrecisionName(d.precision));
  if (!d.known()) return s;
  s.text = d.ToString().substr(0, 10);
  s.has_day = true;
  s.day = DaysFromCivil(d.year, std::max(d.month, 1), std::max(d.day, 1));
  return s;
}

// The day number, or NULL when the date is unknown (days before 1970 are
// negative, so no sentinel will do).
void BindDay(SqlStatement& q, int i, const StoredDate& d) {
  if (d.has_day) {
    q.Bind(i, d.day);
  } else {
    q.BindNull(i);
  }
}

// Where an event's reports count as one source (GDELT's NumSources): the
// outlet when known, else the URL's host, else the document itself.
std::string SourceKey(const DocumentMeta& m, const std::string& hash) {
  if (!m.source.empty()) return "source:" + m.source;
  size_t scheme = m.url.find("://");
  if (scheme != std::string::npos) {
    size_t begin = scheme + 3;
    size_t end = m.url.find_first_of("/?#", begin);
    std::string host = m.url.substr(begin, end == std::string::npos ? end : end - begin);
    if (host.rfind("www.", 0) == 0) host = host.substr(4);
    if (!host.empty()) return "host:" + host;
  }
  return "doc:" + hash;
}

// Index of the sentence holding byte `offset` (sentences are in text order).
uint32_t SentenceAt(const Document& doc, uint32_t offset) {
  auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), offset,
                             [](uint32_t off, const Sentence& s) { return off < s.start; });
  if (it == doc.sentences.begin()) return 0;
  return static_cast<uint32_t>(it - doc.sentences.begin() - 1);
}

std::string Slice(const Document& doc, uint32_t start, uint32_t end) {
  if (start >= end || end > doc.text.size()) return "";
  return doc.text.substr(start, end - start);
}

}  // namespace

std::string DocumentHash(const Document& doc) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  // Each field is followed by a NUL so that moving bytes between fields
  // changes the hash.
  const std::string date = doc.meta.date.ToString();
  for (const std::string* f : {&doc.meta.url, &doc.meta.title, &date, &doc.text}) {
    EVP_DigestUpdate(ctx, f->data(), f->size());
    EVP_DigestUpdate(ctx, "", 1);
  }
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

struct Store::Statements {
  std::unique_ptr<SqlStatement> find_doc, insert_doc, insert_fts, insert_sentence, insert_entity,
      insert_mention, insert_time, insert_place, insert_quote, find_event, find_event_undated,
      insert_event, insert_event_mention, update_counts, insert_commitment, insert_party;
};

Store::Store(std::unique_ptr<SqlDatabase> db, const StoreOptions& options)
    : db_(std::move(db)), options_(options) {}
Store::~Store() { (void)Flush(); }

namespace {
int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

Status Store::Flush() {
  if (!in_batch_) return Status::Ok();
  in_batch_ = false;
  batch_size_ = 0;
  return db_->Commit();
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& target, const StoreOptions& options) {
  auto db = OpenSqlDatabase(target);
  if (!db.ok()) return db.status();
  CRONISTA_RETURN_IF_ERROR(MigrateSchema(**db));
  std::unique_ptr<Store> store(new Store(std::move(*db), options));
  CRONISTA_RETURN_IF_ERROR(store->Prepare());
  return store;
}

Status Store::Prepare() {
  st_ = std::make_unique<Statements>();
  auto prep = [this](std::unique_ptr<SqlStatement>* out, const char* sql) -> Status {
    auto s = db_->Prepare(sql);
    if (!s.ok()) return s.status();
    *out = std::move(*s);
    return Status::Ok();
  };
  const bool sqlite = db_->dialect() == SqlDialect::kSqlite;
  Statements& s = *st_;
  CRONISTA_RETURN_IF_ERROR(prep(&s.find_doc, "SELECT id FROM documents WHERE hash = ?"));
  CRONISTA_RETURN_IF_ERROR(prep(
      &s.insert_doc,
      "INSERT INTO documents (hash, doc_id, origin, url, title, source, source_key, section, lang, "
      "lang_confidence, date, date_precision, day, text, n_sentences, n_mentions, n_events, "
      "n_quotes, n_commitments, warnings, ingested_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  if (sqlite) {
    CRONISTA_RETURN_IF_ERROR(
        prep(&s.insert_fts, "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)"));
  }
  CRONISTA_RETURN_IF_ERROR(prep(&s.insert_sentence,
                                "INSERT INTO sentences (doc, idx, start_byte, end_byte, text) "
                                "VALUES (?, ?, ?, ?, ?)"));
  CRONISTA_RETURN_IF_ERROR(prep(&s.insert_entity,
                                "INSERT INTO entities (doc, idx, entity_id, name, kind, actor) "
                                "VALUES (?, ?, ?, ?, ?, ?)"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.insert_mention,
           "INSERT INTO mentions (doc, idx, sentence, start_byte, end_byte, text, kind, actor, "
           "entity, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.insert_time,
           "INSERT INTO times (doc, idx, start_byte, end_byte, text, type, value, rule) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.insert_place,
           "INSERT INTO places (doc, idx, start_byte, end_byte, text, name, place_id, country, "
           "kind, lat, lon, mention) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.insert_quote,
           "INSERT INTO quotes (doc, idx, sentence, start_byte, end_byte, text, scare, cue, "
           "speaker_name, speaker_actor, speaker_entity, speaker_mention, rule) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  // The nearest stored report of the same event within the window.
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.find_event,
           "SELECT id FROM events WHERE source = ? AND target = ? AND code = ? AND modality = ? "
           "AND place_id = ? AND date_precision = ? AND day BETWEEN ? AND ? "
           "ORDER BY ABS(day - ?), id LIMIT 1"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.find_event_undated,
           "SELECT id FROM events WHERE source = ? AND target = ? AND code = ? AND modality = ? "
           "AND place_id = ? AND date_precision = ? AND day IS NULL ORDER BY id LIMIT 1"));
  CRONISTA_RETURN_IF_ERROR(prep(
      &s.insert_event,
      "INSERT INTO events (source, target, code, root, quad, goldstein, plover, modality, date, "
      "date_precision, day, place_id, place_name, place_country, place_kind, lat, lon, "
      "source_name, target_name, num_mentions, num_sources, num_articles, first_doc, "
      "first_sentence, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, 0, 0, 0, ?, ?, ?) RETURNING id"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.insert_event_mention,
           "INSERT INTO event_mentions (doc, idx, event, sentence, trigger_start, trigger_end, "
           "trigger_text, source_mention, target_mention, source_text, target_text, modality, "
           "background, time_idx, place_idx, rule) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  // GDELT's meaning: every report, distinct documents, distinct outlets.
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.update_counts,
           "UPDATE events SET "
           "num_mentions = (SELECT COUNT(*) FROM event_mentions m WHERE m.event = ?), "
           "num_articles = (SELECT COUNT(DISTINCT m.doc) FROM event_mentions m WHERE m.event = ?), "
           "num_sources = (SELECT COUNT(DISTINCT d.source_key) FROM event_mentions m "
           "JOIN documents d ON d.id = m.doc WHERE m.event = ?) WHERE id = ?"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.insert_commitment,
           "INSERT INTO commitments (doc, idx, type, condition_text, mutual, parties, date, "
           "date_precision, day, sentence, event, rule) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  CRONISTA_RETURN_IF_ERROR(
      prep(&s.insert_party, "INSERT INTO commitment_parties (doc, idx, party) VALUES (?, ?, ?)"));
  return Status::Ok();
}

Result<AddResult> Store::Add(const Document& doc) {
  const std::string hash = DocumentHash(doc);
  if (!in_batch_) {
    CRONISTA_RETURN_IF_ERROR(db_->Begin());
    in_batch_ = true;
    batch_size_ = 0;
    batch_started_ms_ = NowMs();
  }
  // A savepoint makes the document all or nothing inside the open group.
  Status s = db_->Exec("SAVEPOINT document");
  Result<AddResult> r = s.ok() ? AddInTransaction(doc, hash) : Result<AddResult>(s);
  if (!r.ok()) {
    if (!s.ok() || !db_->Exec("ROLLBACK TO SAVEPOINT document").ok() ||
        !db_->Exec("RELEASE SAVEPOINT document").ok()) {
      // The group itself is broken: give it up (a re-run stores it again).
      in_batch_ = false;
      (void)db_->Rollback();
    }
    const std::string& name = doc.meta.id.empty() ? doc.meta.origin : doc.meta.id;
    return Status(r.status().code(),
                  name + ": storing in " + db_->Describe() + ": " + r.status().message());
  }
  CRONISTA_RETURN_IF_ERROR(db_->Exec("RELEASE SAVEPOINT document"));
  if (++batch_size_ >= options_.batch_documents ||
      NowMs() - batch_started_ms_ >= options_.batch_ms) {
    CRONISTA_RETURN_IF_ERROR(Flush());
  }
  return r;
}

Result<AddResult> Store::AddInTransaction(const Document& doc, const std::string& hash) {
  Statements& s = *st_;
  AddResult result;
  // Inside the write transaction, so a concurrent writer of the same
  // document has either committed (we see it) or not started.
  s.find_doc->Bind(1, hash);
  {
    auto row = s.find_doc->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      result.doc = s.find_doc->Int(0);
      s.find_doc->Reset();
      return result;
    }
    s.find_doc->Reset();
  }

  const DocumentMeta& m = doc.meta;
  const StoredDate doc_date = ToStored(m.date);
  nlohmann::json warnings = nlohmann::json::array();
  for (const Warning& w : doc.warnings)
    warnings.push_back({{"code", w.code}, {"message", w.message}});
  {
    SqlStatement& q = *s.insert_doc;
    int i = 0;
    q.Bind(++i, hash);
    q.Bind(++i, m.id);
    q.BindText(++i, m.origin);
    q.BindText(++i, m.url);
    q.BindText(++i, m.title);
    q.BindText(++i, m.source);
    q.Bind(++i, SourceKey(m, hash));
    q.BindText(++i, m.section);
    q.BindText(++i, m.lang);
    q.Bind(++i, m.lang_confidence);
    q.BindText(++i, doc_date.text);
    q.Bind(++i, doc_date.precision);
    BindDay(q, ++i, doc_date);
    q.Bind(++i, doc.text);
    q.Bind(++i, static_cast<int64_t>(doc.sentences.size()));
    q.Bind(++i, static_cast<int64_t>(doc.mentions.size()));
    q.Bind(++i, static_cast<int64_t>(doc.events.size()));
    q.Bind(++i, static_cast<int64_t>(doc.quotes.size()));
    q.Bind(++i, static_cast<int64_t>(doc.commitments.size()));
    if (warnings.empty()) {
      q.BindNull(++i);
    } else {
      q.Bind(++i, warnings.dump());
    }
    q.Bind(++i, UtcTimestamp());
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal("inserting the document returned no id");
    result.doc = q.Int(0);
    q.Reset();
  }
  const int64_t id = result.doc;
  result.stored = true;

  if (s.insert_fts) {
    s.insert_fts->Bind(1, id);
    s.insert_fts->Bind(2, m.title);
    s.insert_fts->Bind(3, doc.text);
    CRONISTA_RETURN_IF_ERROR(s.insert_fts->Run());
  }
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& x = doc.sentences[i];
    SqlStatement& q = *s.insert_sentence;
    q.Bind(1, id);
    q.Bind(2, static_cast<int64_t>(i));
    q.Bind(3, static_cast<int64_t>(x.start));
    q.Bind(4, static_cast<int64_t>(x.end));
    q.Bind(5, doc.SentenceText(x));
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& x = doc.entities[i];
    SqlStatement& q = *s.insert_entity;
    q.Bind(1, id);
    q.Bind(2, static_cast<int64_t>(i));
    q.Bind(3, x.id);
    q.Bind(4, x.name);
    q.Bind(5, MentionKindName(x.kind));
    q.BindText(6, x.actor);
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& x = doc.mentions[i];
    SqlStatement& q = *s.insert_mention;
    q.Bind(1, id);
    q.Bind(2, static_cast<int64_t>(i));
    q.Bind(3, static_cast<int64_t>(SentenceAt(doc, x.start)));
    q.Bind(4, static_cast<int64_t>(x.start));
    q.Bind(5, static_cast<int64_t>(x.end));
    q.Bind(6, Slice(doc, x.start, x.end));
    q.Bind(7, MentionKindName(x.kind));
    q.BindText(8, x.actor);
    q.BindIndex(9, x.entity);
    q.BindText(10, x.rule);
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }
  for (size_t i = 0; i < doc.times.size(); ++i) {
    const TimeExpr& x = doc.times[i];
    SqlStatement& q = *s.insert_time;
    q.Bind(1, id);
    q.Bind(2, static_cast<int64_t>(i));
    q.Bind(3, static_cast<int64_t>(x.start));
    q.Bind(4, static_cast<int64_t>(x.end));
    q.Bind(5, Slice(doc, x.start, x.end));
    q.Bind(6, TimeTypeName(x.type));
    q.Bind(7, x.value);
    q.BindText(8, x.rule);
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }
  for (size_t i = 0; i < doc.places.size(); ++i) {
    const Place& x = doc.places[i];
    SqlStatement& q = *s.insert_place;
    q.Bind(1, id);
    q.Bind(2, static_cast<int64_t>(i));
    q.Bind(3, static_cast<int64_t>(x.start));
    q.Bind(4, static_cast<int64_t>(x.end));
    q.Bind(5, Slice(doc, x.start, x.end));
    q.Bind(6, x.name);
    q.Bind(7, x.id);
    q.BindText(8, x.country);
    q.Bind(9, x.kind);
    q.Bind(10, x.lat);
    q.Bind(11, x.lon);
    q.BindIndex(12, x.mention);
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& x = doc.quotes[i];
    SqlStatement& q = *s.insert_quote;
    q.Bind(1, id);
    q.Bind(2, static_cast<int64_t>(i));
    q.Bind(3, static_cast<int64_t>(SentenceAt(doc, x.start)));
    q.Bind(4, static_cast<int64_t>(x.start));
    q.Bind(5, static_cast<int64_t>(x.end));
    q.Bind(6, Slice(doc, x.start, x.end));
    q.Bind(7, x.scare);
    q.BindText(8, Slice(doc, x.cue_start, x.cue_end));
    q.BindText(9, x.speaker_name);
    q.BindText(10, x.speaker_actor);
    if (x.speaker_entity >= 0 && static_cast<size_t>(x.speaker_entity) < doc.entities.size()) {
      q.Bind(11, doc.entities[x.speaker_entity].id);
    } else {
      q.BindNull(11);
    }
    q.BindIndex(12, x.speaker_mention);
    q.BindText(13, x.rule);
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }

  // Events: find the stored event each report belongs to, or create it.
  std::vector<int64_t> event_ids(doc.events.size(), 0);
  std::set<int64_t> touched;
  const std::string now = UtcTimestamp();
  auto mention_text = [&doc](int32_t mention) -> std::string {
    if (mention < 0 || static_cast<size_t>(mention) >= doc.mentions.size()) return "";
    return Slice(doc, doc.mentions[mention].start, doc.mentions[mention].end);
  };
  auto actor_name = [&doc, &mention_text](int32_t mention) -> std::string {
    if (mention < 0 || static_cast<size_t>(mention) >= doc.mentions.size()) return "";
    int32_t e = doc.mentions[mention].entity;
    if (e >= 0 && static_cast<size_t>(e) < doc.entities.size()) return doc.entities[e].name;
    return mention_text(mention);
  };
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    const StoredDate d = ToStored(e.date);
    const Place* place = e.place >= 0 && static_cast<size_t>(e.place) < doc.places.size()
                             ? &doc.places[e.place]
                             : nullptr;
    const std::string place_id = place ? place->id : "";
    const std::string modality(ModalityName(e.modality));
    int64_t event_id = 0;
    {
      SqlStatement& q = d.has_day ? *s.find_event : *s.find_event_undated;
      q.Bind(1, e.source.actor);
      q.Bind(2, e.target.actor);
      q.Bind(3, e.code);
      q.Bind(4, modality);
      q.Bind(5, place_id);
      q.Bind(6, d.precision);
      if (d.has_day) {
        const bool by_day =
            e.date.precision == DatePrecision::kDay || e.date.precision == DatePrecision::kTime;
        const int64_t w = by_day ? options_.dedup_window_days : 0;
        q.Bind(7, d.day - w);
        q.Bind(8, d.day + w);
        q.Bind(9, d.day);
      }
      auto row = q.Step();
      if (!row.ok()) return row.status();
      if (*row) event_id = q.Int(0);
      q.Reset();
    }
    if (event_id != 0) {
      ++result.merged_events;
    } else {
      SqlStatement& q = *s.insert_event;
      int k = 0;
      q.Bind(++k, e.source.actor);
      q.Bind(++k, e.target.actor);
      q.Bind(++k, e.code);
      q.Bind(++k, e.root);
      q.Bind(++k, static_cast<int64_t>(e.quad));
      q.Bind(++k, e.goldstein);
      q.Bind(++k, e.plover);
      q.Bind(++k, modality);
      q.BindText(++k, d.text);
      q.Bind(++k, d.precision);
      BindDay(q, ++k, d);
      q.Bind(++k, place_id);
      if (place) {
        q.Bind(++k, place->name);
        q.BindText(++k, place->country);
        q.Bind(++k, place->kind);
        q.Bind(++k, place->lat);
        q.Bind(++k, place->lon);
      } else {
        for (int n = 0; n < 5; ++n) q.BindNull(++k);
      }
      q.BindText(++k, actor_name(e.source.mention));
      q.BindText(++k, actor_name(e.target.mention));
      q.Bind(++k, id);
      q.Bind(++k, static_cast<int64_t>(e.sentence));
      q.Bind(++k, now);
      auto row = q.Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Internal("inserting an event returned no id");
      event_id = q.Int(0);
      q.Reset();
      ++result.new_events;
    }
    event_ids[i] = event_id;
    touched.insert(event_id);

    SqlStatement& q = *s.insert_event_mention;
    int k = 0;
    q.Bind(++k, id);
    q.Bind(++k, static_cast<int64_t>(i));
    q.Bind(++k, event_id);
    q.Bind(++k, static_cast<int64_t>(e.sentence));
    q.Bind(++k, static_cast<int64_t>(e.trigger_start));
    q.Bind(++k, static_cast<int64_t>(e.trigger_end));
    q.Bind(++k, Slice(doc, e.trigger_start, e.trigger_end));
    for (int32_t mention : {e.source.mention, e.target.mention}) {
      q.BindIndex(++k, mention);
    }
    q.BindText(++k, mention_text(e.source.mention));
    q.BindText(++k, mention_text(e.target.mention));
    q.Bind(++k, modality);
    q.Bind(++k, e.background);
    for (int32_t idx : {e.time, e.place}) {
      q.BindIndex(++k, idx);
    }
    q.Bind(++k, e.rule);
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }
  for (int64_t ev : touched) {
    SqlStatement& q = *s.update_counts;
    q.Bind(1, ev);
    q.Bind(2, ev);
    q.Bind(3, ev);
    q.Bind(4, ev);
    CRONISTA_RETURN_IF_ERROR(q.Run());
  }

  for (size_t i = 0; i < doc.commitments.size(); ++i) {
    const Commitment& c = doc.commitments[i];
    const StoredDate d = ToStored(c.date);
    std::string parties;
    for (const std::string& p : c.parties) parties += (parties.empty() ? "" : " ") + p;
    SqlStatement& q = *s.insert_commitment;
    int k = 0;
    q.Bind(++k, id);
    q.Bind(++k, static_cast<int64_t>(i));
    q.Bind(++k, c.type);
    q.BindText(++k, c.condition);
    q.Bind(++k, c.mutual);
    q.Bind(++k, parties);
    q.BindText(++k, d.text);
    q.Bind(++k, d.precision);
    BindDay(q, ++k, d);
    q.Bind(++k, static_cast<int64_t>(c.sentence));
    if (c.event >= 0 && static_cast<size_t>(c.event) < event_ids.size()) {
      q.Bind(++k, event_ids[c.event]);
    } else {
      q.BindNull(++k);
    }
    q.BindText(++k, c.rule);
    CRONISTA_RETURN_IF_ERROR(q.Run());
    std::set<std::string> seen;
    for (const std::string& p : c.parties) {
      if (!seen.insert(p).second) continue;
      SqlStatement& pq = *s.insert_party;
      pq.Bind(1, id);
      pq.Bind(2, static_cast<int64_t>(i));
      pq.Bind(3, p);
      CRONISTA_RETURN_IF_ERROR(pq.Run());
    }
  }
  return result;
}

}  // namespace cronista
