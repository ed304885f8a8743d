#include "ivr/spoken_number.h"

namespace markaz::ivr {

namespace {

using Words = std::vector<std::string>;

void append(Words& out, const Words& more) {
    out.insert(out.end(), more.begin(), more.end());
}

/// 1..99 (0 says nothing).
Words below_hundred(long long n, Language language) {
    if (n <= 0) {
        return {};
    }
    if (n < 20 || n % 10 == 0) {
        return {std::to_string(n)};
    }
    std::string tens = std::to_string(n / 10 * 10);
    std::string units = std::to_string(n % 10);
    switch (language) {
        case Language::Fa:
            return {tens, "and", units};  // بیست و سه
        case Language::Ar:
            return {units, "and", tens};  // ثلاثة وعشرون
        case Language::En:
            return {tens, units};  // twenty-three
    }
    return {};
}

/// 1..999.
Words below_thousand(long long n, Language language) {
    long long hundreds = n / 100;
    long long rest = n % 100;
    Words out;
    if (hundreds > 0) {
        if (language == Language::En) {
            out = {std::to_string(hundreds), "hundred"};
        } else {
            out = {std::to_string(hundreds * 100)};  // صد، دویست / مئة، مئتان: words of their own
        }
    }
    if (rest > 0) {
        if (!out.empty() && language != Language::En) {
            out.push_back("and");
        }
        append(out, below_hundred(rest, language));
    }
    return out;
}

/// How many thousands (or millions): `count` of the unit named `one` (1,000 or 1,000,000).
Words scaled(long long count, const std::string& one, Language language) {
    switch (language) {
        case Language::Fa: {
            if (count == 1) {
                return {one};  // هزار, not یک هزار
            }
            Words out = below_thousand(count, language);
            out.push_back(one);
            return out;
        }
        case Language::Ar: {
            if (count == 1) {
                return {one};
            }
            if (count == 2) {
                return {one == "1000" ? "2000" : "2000000"};  // the dual: ألفان، مليونان
            }
            Words out = below_thousand(count, language);
            out.push_back(count <= 10 ? (one == "1000" ? "thousands" : "millions") : one);
            return out;
        }
        case Language::En: {
            Words out = below_thousand(count, language);
            out.push_back(one == "1000" ? "thousand" : "million");
            return out;
        }
    }
    return {};
}

}  // namespace

std::vector<std::string> spoken_number(long long number, Language language) {
    if (number < 0 || number > 999'999'999) {
        return {};
    }
    if (number == 0) {
        return {"0"};
    }
    Words out;
    auto join = [&](Words part) {
        if (part.empty()) {
            return;
        }
        if (!out.empty() && language != Language::En) {
            out.push_back("and");
        }
        append(out, part);
    };
    join(number >= 1'000'000 ? scaled(number / 1'000'000, "1000000", language) : Words{});
    long long thousands = number / 1000 % 1000;
    join(thousands > 0 ? scaled(thousands, "1000", language) : Words{});
    join(below_thousand(number % 1000, language));
    return out;
}

std::vector<std::string> spoken_number_vocabulary(Language language) {
    Words out;
    for (int n = 0; n < 20; ++n) {
        out.push_back(std::to_string(n));
    }
    for (int n = 20; n <= 90; n += 10) {
        out.push_back(std::to_string(n));
    }
    if (language == Language::En) {
        append(out, {"hundred", "thousand", "million"});
        return out;
    }
    for (int n = 100; n <= 900; n += 100) {
        out.push_back(std::to_string(n));
    }
    append(out, {"1000", "1000000", "and"});
    if (language == Language::Ar) {
        append(out, {"2000", "2000000", "thousands", "millions"});
    }
    return out;
}

}  // namespace markaz::ivr
