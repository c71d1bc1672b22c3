// Calendar arithmetic for TimeML values: proleptic Gregorian days, ISO weeks,
// and the value strings of the TIMEX3 scheme.
#pragma once

#include <cstdint>
#include <string>

namespace tidings::timex {

// Days since 1970-01-01 for a proleptic Gregorian date (month 1-12).
int64_t DaysFromCivil(int64_t y, int m, int d);
void CivilFromDays(int64_t z, int64_t* y, int* m, int* d);
// ISO weekday: 1 = Monday ... 7 = Sunday.
int WeekdayOfDays(int64_t z);
int DaysInMonth(int64_t y, int m);
bool ValidDate(int64_t y, int m, int d);
// ISO 8601 week of the date: week-numbering year and week 1-53.
void IsoWeek(int64_t days, int64_t* wy, int* wn);
// Days of the Monday of ISO week (wy, wn).
int64_t IsoWeekMonday(int64_t wy, int wn);
// Easter Sunday of year y (Gregorian computus), as days.
int64_t EasterDays(int64_t y);
// The n-th (1-based; n = -1 for the last) given ISO weekday of a month.
int64_t NthWeekdayOfMonth(int64_t y, int m, int wd, int n);

// Value strings. Years outside 0..9999 give "".
std::string FmtY(int64_t y);
std::string FmtYM(int64_t y, int m);
std::string FmtYMD(int64_t y, int m, int d);
std::string FmtDays(int64_t days);  // YYYY-MM-DD
std::string FmtWeek(int64_t days);  // YYYY-Www of the ISO week containing days
std::string FmtYQ(int64_t y, int q);

}  // namespace tidings::timex
