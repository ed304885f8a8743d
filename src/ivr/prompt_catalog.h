#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ivr/flow.h"
#include "ivr/language.h"

namespace markaz::ivr {

// Where synthesized prompts live, so that `markaz prompts` (which makes them) and the call
// flow (which plays them) agree without a list on disk: the file of a text is named by a hash
// of the text, under its language.

/// "tts/fa/0123456789abcdef.wav": relative to the prompts directory.
std::string spoken_text_file(std::string_view text, Language language);
/// "numbers/fa/20.wav": a word of spoken_number_vocabulary().
std::string number_word_file(std::string_view word, Language language);
/// What a number word says: "20" -> "بیست" (fa), "عشرون" (ar), "twenty" (en).
std::string number_word_text(std::string_view word, Language language);

/// One prompt to synthesize.
struct SpeechItem {
    std::string file;  ///< relative to the prompts directory
    std::string text;
    Language language = Language::Fa;
};

/// Every text the flows speak, and in each language they use every number word and every
/// phrase of the call flow (announcements.h: positions, waits, callbacks), each once.
std::vector<SpeechItem> speech_to_synthesize(const std::map<std::string, Flow>& flows);

}  // namespace markaz::ivr
