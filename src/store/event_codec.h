#pragma once

// The JSON form of acd events, as stored in the `events` table and served by the API:
//
//   {"type":"CallAnswered","at_ms":1728000000000,"call":"c1","queue":"sales","agent":"a1001",
//    "wait_ms":12000,"position":1,"callback":false}
//
// "type" is acd::event_name(); "at_ms" is Event::at in milliseconds since the epoch (UTC);
// then every field of the event under its C++ name. Durations are integer milliseconds and
// their keys end in "_ms"; enums are their names from the enum tables ("no-answer"); ids are
// strings; CallTimedOut's exit is an object {"kind","queue","announcement"}.
// Thread: any (no state).

#include <optional>
#include <string>
#include <string_view>

#include "acd/events.h"
#include "common/ids.h"
#include "common/result.h"

namespace markaz::store {

/// The JSON text of `event`; decode_event() gives back an equal event.
std::string encode_event(const acd::Event& event);

/// Parses JSON text made by encode_event(). Wrong input (not JSON, unknown type, a missing
/// field, a field of the wrong type or an unknown enum value) gives an InvalidArgument error
/// naming the field: "CallAnswered.wait_ms: expected an integer, got string". Keys the
/// event does not have are ignored.
[[nodiscard]] Result<acd::Event> decode_event(std::string_view json);

/// The ids an event is about, for the store's indexed columns; absent when the event type
/// has no such field.
struct EventRefs {
    std::optional<CallId> call;
    std::optional<AgentId> agent;
    std::optional<QueueId> queue;
};
EventRefs event_refs(const acd::EventBody& body);

}  // namespace markaz::store
