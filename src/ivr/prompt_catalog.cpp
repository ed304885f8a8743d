#include "ivr/prompt_catalog.h"

#include <array>
#include <set>

#include "ivr/announcements.h"
#include "ivr/spoken_number.h"

namespace markaz::ivr {

namespace {

/// FNV-1a, 64 bits: stable across builds and machines (std::hash is not).
std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h = (h ^ c) * 1099511628211ull;
    }
    return h;
}

struct NumberWord {
    std::string_view word;
    std::string_view fa;
    std::string_view ar;
    std::string_view en;
};

// Arabic numbers are said in the masculine form, as announcements of counts and minutes use.
constexpr std::array<NumberWord, 46> kNumberWords{{
    {"0", "صفر", "صفر", "zero"},
    {"1", "یک", "واحد", "one"},
    {"2", "دو", "اثنان", "two"},
    {"3", "سه", "ثلاثة", "three"},
    {"4", "چهار", "أربعة", "four"},
    {"5", "پنج", "خمسة", "five"},
    {"6", "شش", "ستة", "six"},
    {"7", "هفت", "سبعة", "seven"},
    {"8", "هشت", "ثمانية", "eight"},
    {"9", "نه", "تسعة", "nine"},
    {"10", "ده", "عشرة", "ten"},
    {"11", "یازده", "أحد عشر", "eleven"},
    {"12", "دوازده", "اثنا عشر", "twelve"},
    {"13", "سیزده", "ثلاثة عشر", "thirteen"},
    {"14", "چهارده", "أربعة عشر", "fourteen"},
    {"15", "پانزده", "خمسة عشر", "fifteen"},
    {"16", "شانزده", "ستة عشر", "sixteen"},
    {"17", "هفده", "سبعة عشر", "seventeen"},
    {"18", "هجده", "ثمانية عشر", "eighteen"},
    {"19", "نوزده", "تسعة عشر", "nineteen"},
    {"20", "بیست", "عشرون", "twenty"},
    {"30", "سی", "ثلاثون", "thirty"},
    {"40", "چهل", "أربعون", "forty"},
    {"50", "پنجاه", "خمسون", "fifty"},
    {"60", "شصت", "ستون", "sixty"},
    {"70", "هفتاد", "سبعون", "seventy"},
    {"80", "هشتاد", "ثمانون", "eighty"},
    {"90", "نود", "تسعون", "ninety"},
    {"100", "صد", "مئة", "one hundred"},
    {"200", "دویست", "مئتان", "two hundred"},
    {"300", "سیصد", "ثلاثمئة", "three hundred"},
    {"400", "چهارصد", "أربعمئة", "four hundred"},
    {"500", "پانصد", "خمسمئة", "five hundred"},
    {"600", "ششصد", "ستمئة", "six hundred"},
    {"700", "هفتصد", "سبعمئة", "seven hundred"},
    {"800", "هشتصد", "ثمانمئة", "eight hundred"},
    {"900", "نهصد", "تسعمئة", "nine hundred"},
    {"1000", "هزار", "ألف", "one thousand"},
    {"2000", "دو هزار", "ألفان", "two thousand"},
    {"1000000", "میلیون", "مليون", "one million"},
    {"2000000", "دو میلیون", "مليونان", "two million"},
    {"thousands", "هزار", "آلاف", "thousand"},
    {"millions", "میلیون", "ملايين", "million"},
    {"hundred", "صد", "مئة", "hundred"},
    {"thousand", "هزار", "ألف", "thousand"},
    {"million", "میلیون", "مليون", "million"},
}};

}  // namespace

std::string spoken_text_file(std::string_view text, Language language) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::uint64_t h = fnv1a(text);
    std::string hex(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) {
        hex[static_cast<std::size_t>(i)] = kDigits[h & 0xF];
    }
    return "tts/" + std::string(kLanguageNames.name(language)) + "/" + hex + ".wav";
}

std::string number_word_file(std::string_view word, Language language) {
    return "numbers/" + std::string(kLanguageNames.name(language)) + "/" + std::string(word) +
           ".wav";
}

std::string number_word_text(std::string_view word, Language language) {
    if (word == "and") {
        return language == Language::Ar ? "و" : language == Language::Fa ? "و" : "and";
    }
    for (const NumberWord& w : kNumberWords) {
        if (w.word == word) {
            return std::string(language == Language::Fa   ? w.fa
                               : language == Language::Ar ? w.ar
                                                          : w.en);
        }
    }
    return std::string(word);
}

std::vector<SpeechItem> speech_to_synthesize(const std::map<std::string, Flow>& flows) {
    std::vector<SpeechItem> out;
    std::set<std::string> files;
    auto add = [&](SpeechItem item) {
        if (files.insert(item.file).second) {
            out.push_back(std::move(item));
        }
    };
    std::set<Language> languages;  // every language a caller may hear
    auto add_prompt = [&](const Prompt& prompt) {
        for (const PromptPart& part : prompt) {
            for (const auto& [language, text] : part.text) {
                add(SpeechItem{spoken_text_file(text, language), text, language});
                languages.insert(language);
            }
        }
    };
    for (const auto& [name, flow] : flows) {
        languages.insert(flow.language);
        for (const auto& [node_name, node] : flow.nodes) {
            if (const auto* play = std::get_if<PlayNode>(&node.kind)) {
                add_prompt(play->prompt);
            } else if (const auto* menu = std::get_if<MenuNode>(&node.kind)) {
                add_prompt(menu->prompt);
                add_prompt(menu->invalid);
                add_prompt(menu->no_input);
            } else if (const auto* collect = std::get_if<CollectNode>(&node.kind)) {
                add_prompt(collect->prompt);
            } else if (const auto* language = std::get_if<LanguageNode>(&node.kind)) {
                languages.insert(language->language);
            }
        }
    }
    for (Language language : languages) {
        for (const std::string& text : all_phrase_texts(language)) {
            add(SpeechItem{spoken_text_file(text, language), text, language});
        }
        for (const std::string& word : spoken_number_vocabulary(language)) {
            add(SpeechItem{number_word_file(word, language), number_word_text(word, language),
                           language});
        }
    }
    return out;
}

}  // namespace markaz::ivr
