// Event coding evaluation on PLOVER's gold standard records (the
// PLOVER_GSR_CAMEO.json format: one JSON array of records with "text",
// "source" and "target" actor lists, and a PLOVER "event" type). Used by
// `cronista eval events`.
//
// Each record's text is coded alone, as English, dated by the record. A gold
// tuple is (source country, target country, PLOVER type) for every source and
// target pair of the record (target "" when it has none); a coded tuple is
// (first three letters of the source and target actor codes, root) for every
// event that is not negated. Country codes are compared as ISO alpha-3
// (CAMEO's ROM is ROU; the gold's legacy JAP, ITL, VTN are JPN, ITA, VNM). A
// coded tuple matches a gold tuple when the countries are equal (a gold tuple
// without target accepts any target; for roots 03-06, which cronista codes in
// both directions, the reversed pair counts too) and the root belongs to the
// PLOVER type (RootsOfPloverType). Precision counts
// coded tuples matching some gold tuple of their record; recall counts gold
// tuples matched by some coded tuple. "Type agreement" is the share of
// records with a match whose best match also has exactly the gold PLOVER
// type (our code's PLOVER 0.5 type: RETREAT and CONCEDE split root 08,
// INVESTIGATE is root 09, DEMAND 10, DISAPPROVE 11, FIGHT 19, ASSAULT 18/20).
#ifndef CRONISTA_EVAL_EVENT_EVAL_H_
#define CRONISTA_EVAL_EVENT_EVAL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cronista/pipeline.h"
#include "cronista/status.h"

namespace cronista::eval {

// CAMEO roots of a PLOVER 0.5 event type ("AGREE" -> 03, 05, 08...); empty
// for a type with no CAMEO counterpart.
std::vector<std::string> RootsOfPloverType(std::string_view type);
// The PLOVER 0.5 type of a CAMEO code ("0874" -> RETREAT).
std::string PloverTypeOfCode(std::string_view code);

struct EventEvalResult {
  size_t records = 0;          // scored records
  size_t gold_tuples = 0;      // gold (source, target, type) tuples
  size_t coded_tuples = 0;     // coded (source, target, root) tuples
  size_t correct_coded = 0;    // coded tuples matching a gold tuple
  size_t matched_gold = 0;     // gold tuples matched by a coded tuple
  size_t records_matched = 0;  // records with at least one match
  size_t type_agree = 0;       // of which the PLOVER type agrees exactly
  size_t records_with_events = 0;
  double seconds = 0;
  double precision() const { return coded_tuples ? double(correct_coded) / coded_tuples : 0; }
  double recall() const { return gold_tuples ? double(matched_gold) / gold_tuples : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  // One line per record that missed or over-coded: id, gold, coded, text.
  std::vector<std::string> errors;
};

Result<EventEvalResult> EvaluateEvents(const Pipeline& pipeline, const std::string& gold_path,
                                       size_t limit = 0);

}  // namespace cronista::eval

#endif  // CRONISTA_EVAL_EVENT_EVAL_H_
