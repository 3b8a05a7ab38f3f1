// The actor tagger: finds the actors of a document (people, organisations,
// countries, places, groups, role phrases), gives each a CAMEO code valid at
// the article's date, and groups mentions of one actor into entities.
#ifndef CRONISTA_ACTORS_ACTOR_TAGGER_H_
#define CRONISTA_ACTORS_ACTOR_TAGGER_H_

#include "cronista/document.h"
#include "lexicon/actor_lexicon.h"

namespace cronista {

// The day used to resolve dated roles for `doc`: its publication date (the
// 15th for month precision, 1 July for year precision); without a date, the
// roles still open (the present).
DayNumber ResolutionDay(const Document& doc);

// Fills doc->mentions and doc->entities. Requires tokens and sentences.
// Thread-safe: the lexicon is only read.
void TagActors(const ActorLexicon& lexicon, Document* doc);

}  // namespace cronista

#endif  // CRONISTA_ACTORS_ACTOR_TAGGER_H_
