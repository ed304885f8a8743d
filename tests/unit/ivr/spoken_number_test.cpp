#include "ivr/spoken_number.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace markaz::ivr {
namespace {

using Words = std::vector<std::string>;

TEST(SpokenNumber, Persian) {
    EXPECT_EQ(spoken_number(0, Language::Fa), (Words{"0"}));
    EXPECT_EQ(spoken_number(7, Language::Fa), (Words{"7"}));
    EXPECT_EQ(spoken_number(13, Language::Fa), (Words{"13"}));
    EXPECT_EQ(spoken_number(40, Language::Fa), (Words{"40"}));
    EXPECT_EQ(spoken_number(23, Language::Fa), (Words{"20", "and", "3"}));    // بیست و سه
    EXPECT_EQ(spoken_number(205, Language::Fa), (Words{"200", "and", "5"}));  // دویست و پنج
    EXPECT_EQ(spoken_number(1000, Language::Fa), (Words{"1000"}));            // هزار
    EXPECT_EQ(spoken_number(1234, Language::Fa),
              (Words{"1000", "and", "200", "and", "30", "and", "4"}));
    EXPECT_EQ(spoken_number(2000, Language::Fa), (Words{"2", "1000"}));  // دو هزار
    EXPECT_EQ(spoken_number(21'000'005, Language::Fa),
              (Words{"20", "and", "1", "1000000", "and", "5"}));
}

TEST(SpokenNumber, Arabic) {
    EXPECT_EQ(spoken_number(5, Language::Ar), (Words{"5"}));
    EXPECT_EQ(spoken_number(23, Language::Ar), (Words{"3", "and", "20"}));  // ثلاثة وعشرون
    EXPECT_EQ(spoken_number(300, Language::Ar), (Words{"300"}));            // ثلاثمئة
    EXPECT_EQ(spoken_number(145, Language::Ar), (Words{"100", "and", "5", "and", "40"}));
    EXPECT_EQ(spoken_number(1000, Language::Ar), (Words{"1000"}));            // ألف
    EXPECT_EQ(spoken_number(2000, Language::Ar), (Words{"2000"}));            // ألفان
    EXPECT_EQ(spoken_number(3000, Language::Ar), (Words{"3", "thousands"}));  // ثلاثة آلاف
    EXPECT_EQ(spoken_number(11000, Language::Ar), (Words{"11", "1000"}));  // أحد عشر ألفًا
}

TEST(SpokenNumber, English) {
    EXPECT_EQ(spoken_number(21, Language::En), (Words{"20", "1"}));
    EXPECT_EQ(spoken_number(321, Language::En), (Words{"3", "hundred", "20", "1"}));
    EXPECT_EQ(spoken_number(1005, Language::En), (Words{"1", "thousand", "5"}));
}

TEST(SpokenNumber, OutOfRangeSaysNothing) {
    EXPECT_TRUE(spoken_number(-1, Language::En).empty());
    EXPECT_TRUE(spoken_number(1'000'000'000, Language::Fa).empty());
}

TEST(SpokenNumber, EveryWordUsedIsInTheVocabulary) {
    for (Language language : {Language::Fa, Language::Ar, Language::En}) {
        Words vocabulary = spoken_number_vocabulary(language);
        for (long long n : {0LL, 9LL, 17LL, 99LL, 101LL, 999LL, 1001LL, 2002LL, 7777LL, 10000LL,
                            12345LL, 200000LL, 2'000'000LL, 5'000'000LL, 999'999'999LL}) {
            for (const auto& word : spoken_number(n, language)) {
                EXPECT_NE(std::find(vocabulary.begin(), vocabulary.end(), word), vocabulary.end())
                    << kLanguageNames.name(language) << " " << n << ": '" << word << "'";
            }
        }
    }
}

}  // namespace
}  // namespace markaz::ivr
