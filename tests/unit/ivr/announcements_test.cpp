#include "ivr/announcements.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::ivr {
namespace {

using namespace std::chrono_literals;
using Parts = std::vector<SpokenPart>;

constexpr Language kLanguages[] = {Language::Fa, Language::Ar, Language::En};

SpokenPart text(std::string value) {
    return SpokenPart{SpokenPart::Kind::Text, std::move(value)};
}
SpokenPart text(Phrase phrase, Language language) {
    return text(std::string(phrase_text(phrase, language)));
}
SpokenPart word(std::string value) {
    return SpokenPart{SpokenPart::Kind::NumberWord, std::move(value)};
}

TEST(Phrases, EachLanguageHasItsOwnText) {
    EXPECT_EQ(phrase_text(Phrase::PositionBefore, Language::Fa), "شما نفر");
    EXPECT_EQ(phrase_text(Phrase::PositionBefore, Language::Ar), "أنت المتصل رقم");
    EXPECT_EQ(phrase_text(Phrase::PositionBefore, Language::En), "You are caller number");
    EXPECT_EQ(phrase_text(Phrase::PositionAfter, Language::Fa), "در صف هستید.");
    EXPECT_EQ(phrase_text(Phrase::PositionAfter, Language::En), "")
        << "English says nothing after the number";
}

TEST(Phrases, SayIsTheTextOfThePhrase) {
    EXPECT_EQ(say(Phrase::CallbackOffer, Language::En),
              text("To be called back without losing your place, press 9."));
    EXPECT_EQ(say(Phrase::FeatureLoggedIn, Language::Fa), text("وارد شدید."));
    EXPECT_EQ(say(Phrase::AllBusy, Language::Ar).kind, SpokenPart::Kind::Text);
}

TEST(PositionAnnouncement, PersianPutsTheNumberBetweenTwoTexts) {
    EXPECT_EQ(position_announcement(3, Language::Fa),
              (Parts{text("شما نفر"), word("3"), text("در صف هستید.")}));
}

TEST(PositionAnnouncement, EnglishAndArabicEndWithTheNumber) {
    EXPECT_EQ(position_announcement(3, Language::En),
              (Parts{text("You are caller number"), word("3")}))
        << "no empty text part for the missing PositionAfter";
    EXPECT_EQ(position_announcement(3, Language::Ar), (Parts{text("أنت المتصل رقم"), word("3")}));
}

TEST(PositionAnnouncement, NumbersAreSaidInTheLanguagesGrammar) {
    EXPECT_EQ(position_announcement(23, Language::Fa),
              (Parts{text(Phrase::PositionBefore, Language::Fa), word("20"), word("and"), word("3"),
                     text(Phrase::PositionAfter, Language::Fa)}));
    EXPECT_EQ(
        position_announcement(23, Language::Ar),
        (Parts{text(Phrase::PositionBefore, Language::Ar), word("3"), word("and"), word("20")}));
    EXPECT_EQ(position_announcement(23, Language::En),
              (Parts{text(Phrase::PositionBefore, Language::En), word("20"), word("3")}));
}

TEST(WaitAnnouncement, UnderAMinuteIsSaidAsSuch) {
    for (Language language : kLanguages) {
        const Parts under{text(Phrase::WaitUnderMinute, language)};
        EXPECT_EQ(wait_announcement(0s, language), under);
        EXPECT_EQ(wait_announcement(1s, language), under);
        EXPECT_EQ(wait_announcement(30s, language), under);
        EXPECT_EQ(wait_announcement(59'999ms, language), under);
    }
    EXPECT_EQ(wait_announcement(30s, Language::En),
              (Parts{text("Your expected wait is under a minute.")}));
}

TEST(WaitAnnouncement, MinutesAreRoundedUp) {
    const Parts two{text(Phrase::WaitBefore, Language::Fa), word("2"),
                    text(Phrase::Minutes, Language::Fa)};
    EXPECT_EQ(wait_announcement(90s, Language::Fa), two);
    EXPECT_EQ(wait_announcement(61s, Language::Fa), two);
    EXPECT_EQ(wait_announcement(120s, Language::Fa), two);
    EXPECT_EQ(wait_announcement(121s, Language::Fa),
              (Parts{text(Phrase::WaitBefore, Language::Fa), word("3"),
                     text(Phrase::Minutes, Language::Fa)}));
    EXPECT_EQ(wait_announcement(90s, Language::En),
              (Parts{text("Your expected wait is about"), word("2"), text("minutes.")}));
}

TEST(WaitAnnouncement, ExactlyOneMinuteIsNotUnderAMinute) {
    EXPECT_EQ(wait_announcement(60s, Language::Fa),
              (Parts{text("زمان انتظار تقریبی شما"), word("1"), text("دقیقه است.")}));
    // English says "one minute", not "one minutes".
    EXPECT_EQ(wait_announcement(60s, Language::En),
              (Parts{text("Your expected wait is about"), word("1"), text("minute.")}));
}

TEST(WaitAnnouncement, LongWaitsUseTheNumberGrammar) {
    EXPECT_EQ(wait_announcement(25min, Language::Fa),
              (Parts{text(Phrase::WaitBefore, Language::Fa), word("20"), word("and"), word("5"),
                     text(Phrase::Minutes, Language::Fa)}));
}

TEST(WaitAnnouncement, ArabicOneMinuteIsTheNounAlone) {
    EXPECT_EQ(wait_announcement(60s, Language::Ar),
              (Parts{text("مدة الانتظار المتوقعة حوالي"), text("دقيقة واحدة")}));
}

TEST(WaitAnnouncement, ArabicTwoMinutesIsTheDualAlone) {
    EXPECT_EQ(wait_announcement(90s, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), text("دقيقتان")}));
    EXPECT_EQ(wait_announcement(2min, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), text("دقيقتان")}));
}

TEST(WaitAnnouncement, ArabicThreeToTenMinutesTakeThePlural) {
    EXPECT_EQ(wait_announcement(3min, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), word("3"), text("دقائق")}));
    EXPECT_EQ(wait_announcement(5min, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), word("5"), text("دقائق")}));
    EXPECT_EQ(wait_announcement(10min, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), word("10"), text("دقائق")}));
}

TEST(WaitAnnouncement, ArabicElevenMinutesAndUpTakeTheSingular) {
    EXPECT_EQ(wait_announcement(11min, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), word("11"), text("دقيقة")}));
    EXPECT_EQ(wait_announcement(12min, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), word("12"), text("دقيقة")}));
    EXPECT_EQ(wait_announcement(23min, Language::Ar),
              (Parts{text(Phrase::WaitBefore, Language::Ar), word("3"), word("and"), word("20"),
                     text("دقيقة")}));
}

TEST(DigitsAnnouncement, ReadsDigitByDigit) {
    EXPECT_EQ(digits_announcement("0912", Language::Fa),
              (Parts{word("0"), word("9"), word("1"), word("2")}));
    EXPECT_EQ(digits_announcement("10", Language::En), (Parts{word("1"), word("0")}))
        << "digits, not the number ten";
}

TEST(DigitsAnnouncement, SkipsWhatIsNotADigit) {
    EXPECT_EQ(digits_announcement("+98 (21) 5-x#*", Language::Ar),
              (Parts{word("9"), word("8"), word("2"), word("1"), word("5")}));
    EXPECT_EQ(digits_announcement("", Language::Fa), Parts{});
    EXPECT_EQ(digits_announcement("abc", Language::En), Parts{});
}

bool contains(const std::vector<std::string>& texts, const std::string& text) {
    return std::find(texts.begin(), texts.end(), text) != texts.end();
}

TEST(AllPhraseTexts, HasNoEmptyText) {
    for (Language language : kLanguages) {
        auto texts = all_phrase_texts(language);
        EXPECT_FALSE(texts.empty());
        for (const auto& t : texts) {
            EXPECT_FALSE(t.empty()) << kLanguageNames.name(language);
        }
    }
    EXPECT_FALSE(contains(all_phrase_texts(Language::En), ""));
    EXPECT_TRUE(contains(all_phrase_texts(Language::En), "That did not work."));
    EXPECT_TRUE(contains(all_phrase_texts(Language::Fa), "در صف هستید."));
}

TEST(AllPhraseTexts, ArabicHasTheMinuteForms) {
    auto texts = all_phrase_texts(Language::Ar);
    for (const char* form : {"دقيقة", "دقيقة واحدة", "دقيقتان", "دقائق"}) {
        EXPECT_TRUE(contains(texts, form)) << form;
    }
    EXPECT_FALSE(contains(all_phrase_texts(Language::Fa), "دقيقتان"))
        << "the Arabic forms are for Arabic only";
}

TEST(AllPhraseTexts, EveryTextTheAnnouncementsSayIsSynthesized) {
    for (Language language : kLanguages) {
        auto texts = all_phrase_texts(language);
        std::vector<Parts> said{position_announcement(1, language),
                                position_announcement(42, language)};
        for (Duration wait : {0s, 60s, 90s, 300s, 600s, 660s, 720s, 6000s}) {
            said.push_back(wait_announcement(wait, language));
        }
        for (const Parts& parts : said) {
            for (const SpokenPart& part : parts) {
                if (part.kind == SpokenPart::Kind::Text) {
                    EXPECT_TRUE(contains(texts, part.value))
                        << kLanguageNames.name(language) << ": '" << part.value << "'";
                }
            }
        }
    }
}

}  // namespace
}  // namespace markaz::ivr
