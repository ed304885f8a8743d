#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "ivr/language.h"

namespace markaz::ivr {

// What the call flow itself says to callers and agents, beyond the configured IVR prompts:
// queue announcements, the callback dialogue, exits, feature-code confirmations. The texts
// live here per language (the translation of each is next to the others) and are
// synthesized with the flows' prompts by `markaz prompts`.

enum class Phrase {
    PositionBefore,        ///< "You are caller number" (N follows)
    PositionAfter,         ///< Persian puts "in the queue" after the number
    WaitBefore,            ///< "Your expected wait is about" (N minutes follow)
    Minutes,               ///< "minutes"
    Minute,                ///< "minute" (English says "one minute")
    WaitUnderMinute,       ///< "Your expected wait is under a minute."
    CallbackOffer,         ///< "To be called back without losing your place, press 9."
    CallbackNumberBefore,  ///< "We will call you back at" (digits follow)
    CallbackNumberChoice,  ///< "To confirm press 1, to enter another number press 2."
    CallbackEnterNumber,   ///< "Please enter your phone number and then press the hash key."
    CallbackBooked,        ///< "Your callback is booked; you keep your place. Goodbye."
    CallbackFailed,        ///< "Sorry, we could not book your callback."
    CallbackGreeting,      ///< to the customer when a callback is answered
    AllBusy,               ///< "All our agents are busy. Please call again later."
    FeatureLoggedIn,
    FeatureLoggedOut,
    FeaturePaused,
    FeatureReady,
    FeatureRefused,
};

/// One piece of an announcement: a phrase's text, or a number word (spoken_number.h).
struct SpokenPart {
    enum class Kind { Text, NumberWord };
    Kind kind = Kind::Text;
    std::string value;  ///< the text, or the word ("20", "and")
    friend bool operator==(const SpokenPart&, const SpokenPart&) = default;
};

std::string_view phrase_text(Phrase phrase, Language language);
/// Every phrase's text in `language`, each once, for synthesis.
std::vector<std::string> all_phrase_texts(Language language);

SpokenPart say(Phrase phrase, Language language);
/// "You are caller number three" in the caller's language.
std::vector<SpokenPart> position_announcement(int position, Language language);
/// "Your expected wait is about four minutes" (rounded up to whole minutes; under a minute
/// said as such). Arabic counts minutes with the right noun form (دقيقة، دقيقتان، دقائق).
std::vector<SpokenPart> wait_announcement(Duration wait, Language language);
/// A phone number read digit by digit ("0 9 1 2 ...").
std::vector<SpokenPart> digits_announcement(std::string_view digits, Language language);

}  // namespace markaz::ivr
