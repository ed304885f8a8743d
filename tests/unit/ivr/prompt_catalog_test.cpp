#include "ivr/prompt_catalog.h"

#include <gtest/gtest.h>

#include "ivr/announcements.h"
#include "ivr/spoken_number.h"

namespace markaz::ivr {
namespace {

TEST(PromptCatalog, FilesAreNamedByLanguageAndAStableHash) {
    EXPECT_EQ(spoken_text_file("Hello", Language::En), spoken_text_file("Hello", Language::En));
    EXPECT_NE(spoken_text_file("Hello", Language::En), spoken_text_file("Hello!", Language::En));
    EXPECT_TRUE(spoken_text_file("سلام", Language::Fa).starts_with("tts/fa/"));
    EXPECT_EQ(spoken_text_file("", Language::En), "tts/en/cbf29ce484222325.wav");  // FNV-1a basis
    EXPECT_EQ(number_word_file("20", Language::Ar), "numbers/ar/20.wav");
}

TEST(PromptCatalog, EveryNumberWordHasATextInEachLanguage) {
    for (Language language : {Language::Fa, Language::Ar, Language::En}) {
        for (const auto& word : spoken_number_vocabulary(language)) {
            std::string text = number_word_text(word, language);
            EXPECT_FALSE(text.empty());
            EXPECT_EQ(text.find_first_of("0123456789"), std::string::npos)
                << "number word '" << word << "' is said as digits";
        }
    }
    EXPECT_EQ(number_word_text("23", Language::Fa), "23");  // not a word: said as given
    EXPECT_EQ(number_word_text("20", Language::Fa), "بیست");
    EXPECT_EQ(number_word_text("2000", Language::Ar), "ألفان");
}

TEST(PromptCatalog, CollectsEachTextOnceAndTheNumbersOfTheLanguagesHeard) {
    Flow flow;
    flow.language = Language::Fa;
    flow.start = "a";
    PromptPart both;
    both.text = {{Language::Fa, "سلام"}, {Language::En, "Hello"}};
    flow.nodes["a"] = {"a", PlayNode{{both}, "b"}};
    flow.nodes["b"] = {"b", PlayNode{{both}, ""}};  // the same texts: synthesized once
    auto items = speech_to_synthesize({{"main", flow}});
    std::size_t texts = 0;
    std::size_t en_numbers = 0;
    std::size_t ar_numbers = 0;
    for (const auto& item : items) {
        texts += item.file.starts_with("tts/") ? 1 : 0;
        en_numbers += item.file.starts_with("numbers/en/") ? 1 : 0;
        ar_numbers += item.file.starts_with("numbers/ar/") ? 1 : 0;
    }
    // The flow's two texts, and the call flow's phrases in both languages the flow speaks.
    EXPECT_EQ(texts,
              2u + all_phrase_texts(Language::Fa).size() + all_phrase_texts(Language::En).size());
    EXPECT_EQ(en_numbers, spoken_number_vocabulary(Language::En).size());
    EXPECT_EQ(ar_numbers, 0u) << "no Arabic is spoken in this flow";
}

}  // namespace
}  // namespace markaz::ivr
