// Calendar helpers shared by the store, the queries and the server.
#ifndef CRONISTA_STORE_DATES_H_
#define CRONISTA_STORE_DATES_H_

#include <cstdint>
#include <string>

namespace cronista {

// Days since 1970-01-01 of a civil date (proleptic Gregorian), the unit of the
// `day` columns.
int64_t DaysFromCivil(int year, int month, int day);

// The current UTC time as ISO 8601, "2024-06-19T14:30:00Z".
std::string UtcTimestamp();

// Today's local date, "2024-06-19".
std::string LocalToday();

}  // namespace cronista

#endif  // CRONISTA_STORE_DATES_H_
