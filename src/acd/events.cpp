#include "acd/events.h"

#include <array>

namespace markaz::acd {

std::string_view event_name(const EventBody& body) {
    // Order follows the EventBody variant; a static_assert keeps the two in step.
    static constexpr std::array<std::string_view, 25> kNames{
        "AgentLoggedIn",   "AgentLoggedOut",    "AgentStateChanged", "CallEnqueued",
        "CallBlocked",     "CallOffered",       "OfferEnded",        "CallAnswered",
        "CallAbandoned",   "CallTimedOut",      "CallRemoved",       "CallPriorityChanged",
        "CallHeld",        "CallResumed",       "CallCompleted",     "CallTransferred",
        "ConsultStarted",  "ConsultJoined",     "ConsultEnded",      "WrapUpCompleted",
        "CallbackOffered", "CallbackRequested", "DialCallback",      "CallbackAttemptFailed",
        "CallbackFailed"};
    static_assert(kNames.size() == std::variant_size_v<EventBody>);
    return kNames[body.index()];
}

}  // namespace markaz::acd
