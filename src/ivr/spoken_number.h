#pragma once

#include <string>
#include <vector>

#include "ivr/language.h"

namespace markaz::ivr {

/// How to say a whole number 0..999,999,999 as a sequence of recorded words, in the grammar of
/// each language. The words are prompt names of a fixed per-language vocabulary
/// (spoken_number_vocabulary): digits and numbers up to 19 by their value ("7", "13"), tens
/// ("20" ... "90"), and the connecting words:
///  - fa: hundreds are words of their own ("100", "200" = دویست, ... "900"), parts are joined
///    by "and" (و): 1,234 = "1000" "and" "200" "and" "30" "and" "4" (هزار و دویست و سی و چهار);
///    a thousand alone is "1000" (هزار), 2,000 is "2" "1000";
///  - ar: units come before tens (three and twenty), hundreds are words of their own ("100" =
///    مئة, "200" = مئتان, "300" = ثلاثمئة ...), 1,000 = "1000" (ألف), 2,000 = "2000" (ألفان),
///    3-10 thousand take the plural "thousands" (آلاف), from 11 on the singular "1000";
///  - en: "3" "hundred" "20" "1" (three hundred twenty-one), "thousand", "million".
/// Negative numbers and numbers past the range say nothing (an empty list).
std::vector<std::string> spoken_number(long long number, Language language);

/// Every word spoken_number() may use in `language`, for synthesizing the prompts.
std::vector<std::string> spoken_number_vocabulary(Language language);

}  // namespace markaz::ivr
