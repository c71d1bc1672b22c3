#include "tidings/time/calendar.h"

#include <cstdio>

namespace tidings::timex {

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, int* m, int* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

int WeekdayOfDays(int64_t z) {
  // 1970-01-01 was a Thursday (4).
  int64_t r = (z + 3) % 7;
  if (r < 0) r += 7;
  return static_cast<int>(r) + 1;
}

int DaysInMonth(int64_t y, int m) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

bool ValidDate(int64_t y, int m, int d) {
  return y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

void IsoWeek(int64_t days, int64_t* wy, int* wn) {
  int64_t thursday = days - WeekdayOfDays(days) + 4;
  int64_t y;
  int m, d;
  CivilFromDays(thursday, &y, &m, &d);
  *wy = y;
  *wn = static_cast<int>((thursday - DaysFromCivil(y, 1, 1)) / 7 + 1);
}

int64_t IsoWeekMonday(int64_t wy, int wn) {
  int64_t jan4 = DaysFromCivil(wy, 1, 4);
  return jan4 - (WeekdayOfDays(jan4) - 1) + 7 * (wn - 1);
}

int64_t EasterDays(int64_t y) {
  int64_t a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int64_t f = (b + 8) / 25, g = (b - f + 1) / 3;
  int64_t h = (19 * a + b - d - g + 15) % 30;
  int64_t i = c / 4, k = c % 4;
  int64_t l = (32 + 2 * e + 2 * i - h - k) % 7;
  int64_t m = (a + 11 * h + 22 * l) / 451;
  int month = static_cast<int>((h + l - 7 * m + 114) / 31);
  int day = static_cast<int>((h + l - 7 * m + 114) % 31 + 1);
  return DaysFromCivil(y, month, day);
}

int64_t NthWeekdayOfMonth(int64_t y, int m, int wd, int n) {
  if (n > 0) {
    int64_t first = DaysFromCivil(y, m, 1);
    int delta = (wd - WeekdayOfDays(first) + 7) % 7;
    return first + delta + 7 * (n - 1);
  }
  int64_t last = DaysFromCivil(y, m, DaysInMonth(y, m));
  int delta = (WeekdayOfDays(last) - wd + 7) % 7;
  return last - delta;
}

static bool YearOk(int64_t y) { return y >= 0 && y <= 9999; }

std::string FmtY(int64_t y) {
  if (!YearOk(y)) return "";
  char b[16];
  std::snprintf(b, sizeof b, "%04d", static_cast<int>(y));
  return b;
}
std::string FmtYM(int64_t y, int m) {
  if (!YearOk(y) || m < 1 || m > 12) return "";
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d", static_cast<int>(y), m);
  return b;
}
std::string FmtYMD(int64_t y, int m, int d) {
  if (!ValidDate(y, m, d)) return "";
  char b[40];  // room for any int, so the compiler sees no truncation
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", static_cast<int>(y), m, d);
  return b;
}
std::string FmtDays(int64_t days) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  return FmtYMD(y, m, d);
}
std::string FmtWeek(int64_t days) {
  int64_t wy;
  int wn;
  IsoWeek(days, &wy, &wn);
  if (!YearOk(wy)) return "";
  char b[16];
  std::snprintf(b, sizeof b, "%04d-W%02d", static_cast<int>(wy), wn);
  return b;
}
std::string FmtYQ(int64_t y, int q) {
  if (!YearOk(y) || q < 1 || q > 4) return "";
  char b[16];
  std::snprintf(b, sizeof b, "%04d-Q%d", static_cast<int>(y), q);
  return b;
}

}  // namespace tidings::timex
