#include "store/event_codec.h"

#include <array>
#include <cstddef>
#include <utility>
#include <variant>

#include "store/json_fields.h"

namespace markaz::store {
namespace {

// One describe() per event type. Each unpacks the struct with a structured binding, so adding
// a field to an event breaks the build here until the codec handles it; a new event type
// without a describe() breaks encode_event() and the decoder table below. ExitAction's
// describe() is in json_fields.h (the queue settings use it too) and is found through the IO.

template <class IO, class E>
requires Is<E, acd::AgentLoggedIn>
void describe(IO& io, E& e) {
    auto& [agent, extension, queues, by] = e;
    io("agent", agent);
    io("extension", extension);
    io("queues", queues);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::AgentLoggedOut>
void describe(IO& io, E& e) {
    auto& [agent, extension, session, by] = e;
    io("agent", agent);
    io("extension", extension);
    io("session_ms", session);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::AgentStateChanged>
void describe(IO& io, E& e) {
    auto& [agent, from, to, reason, in_previous, by] = e;
    io("agent", agent);
    io("from", from);
    io("to", to);
    io("reason", reason);
    io("in_previous_ms", in_previous);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::CallEnqueued>
void describe(IO& io, E& e) {
    auto& [call, queue, priority, position, caller] = e;
    io("call", call);
    io("queue", queue);
    io("priority", priority);
    io("position", position);
    io("caller", caller);
}

template <class IO, class E>
requires Is<E, acd::CallBlocked>
void describe(IO& io, E& e) {
    auto& [call, queue, reason, caller] = e;
    io("call", call);
    io("queue", queue);
    io("reason", reason);
    io("caller", caller);
}

template <class IO, class E>
requires Is<E, acd::CallOffered>
void describe(IO& io, E& e) {
    auto& [call, queue, agent, extension, attempt, callback, by] = e;
    io("call", call);
    io("queue", queue);
    io("agent", agent);
    io("extension", extension);
    io("attempt", attempt);
    io("callback", callback);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::OfferEnded>
void describe(IO& io, E& e) {
    auto& [call, queue, agent, reason, ring] = e;
    io("call", call);
    io("queue", queue);
    io("agent", agent);
    io("reason", reason);
    io("ring_ms", ring);
}

template <class IO, class E>
requires Is<E, acd::CallAnswered>
void describe(IO& io, E& e) {
    auto& [call, queue, agent, wait, position, callback] = e;
    io("call", call);
    io("queue", queue);
    io("agent", agent);
    io("wait_ms", wait);
    io("position", position);
    io("callback", callback);
}

template <class IO, class E>
requires Is<E, acd::CallAbandoned>
void describe(IO& io, E& e) {
    auto& [call, queue, wait, position, short_abandon] = e;
    io("call", call);
    io("queue", queue);
    io("wait_ms", wait);
    io("position", position);
    io("short_abandon", short_abandon);
}

template <class IO, class E>
requires Is<E, acd::CallTimedOut>
void describe(IO& io, E& e) {
    auto& [call, queue, wait, position, reason, exit] = e;
    io("call", call);
    io("queue", queue);
    io("wait_ms", wait);
    io("position", position);
    io("reason", reason);
    io.object("exit", [&exit](auto& nested) { describe(nested, exit); });
}

template <class IO, class E>
requires Is<E, acd::CallRemoved>
void describe(IO& io, E& e) {
    auto& [call, queue, wait, position, callback, by] = e;
    io("call", call);
    io("queue", queue);
    io("wait_ms", wait);
    io("position", position);
    io("callback", callback);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::CallPriorityChanged>
void describe(IO& io, E& e) {
    auto& [call, queue, from, to, by] = e;
    io("call", call);
    io("queue", queue);
    io("from", from);
    io("to", to);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::CallHeld>
void describe(IO& io, E& e) {
    auto& [call, agent] = e;
    io("call", call);
    io("agent", agent);
}

template <class IO, class E>
requires Is<E, acd::CallResumed>
void describe(IO& io, E& e) {
    auto& [call, agent, hold] = e;
    io("call", call);
    io("agent", agent);
    io("hold_ms", hold);
}

template <class IO, class E>
requires Is<E, acd::CallCompleted>
void describe(IO& io, E& e) {
    auto& [call, queue, agent, talk, hold, ended_by, callback] = e;
    io("call", call);
    io("queue", queue);
    io("agent", agent);
    io("talk_ms", talk);
    io("hold_ms", hold);
    io("ended_by", ended_by);
    io("callback", callback);
}

template <class IO, class E>
requires Is<E, acd::CallTransferred>
void describe(IO& io, E& e) {
    auto& [call, queue, agent, to_queue, talk, hold, by, to_agent, attended, to_number] = e;
    io("call", call);
    io("queue", queue);
    io("agent", agent);
    io("to_queue", to_queue);
    io("talk_ms", talk);
    io("hold_ms", hold);
    io("by", by);
    io("to_agent", to_agent);
    io.later("attended", attended);    // both added after schema v19: absent, a blind
    io.later("to_number", to_number);  // transfer to a queue or a colleague
}

template <class IO, class E>
requires Is<E, acd::ConsultStarted>
void describe(IO& io, E& e) {
    auto& [call, queue, agent, to_agent, extension, by, to_number] = e;
    io("call", call);
    io("queue", queue);
    io("agent", agent);
    io("to_agent", to_agent);
    io("extension", extension);
    io("by", by);
    io.later("to_number", to_number);
}

template <class IO, class E>
requires Is<E, acd::ConsultJoined>
void describe(IO& io, E& e) {
    auto& [call, to_agent, by] = e;
    io("call", call);
    io("to_agent", to_agent);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::ConsultEnded>
void describe(IO& io, E& e) {
    auto& [call, to_agent, consult, by] = e;
    io("call", call);
    io("to_agent", to_agent);
    io("consult_ms", consult);
    io("by", by);
}

template <class IO, class E>
requires Is<E, acd::WrapUpCompleted>
void describe(IO& io, E& e) {
    auto& [call, queue, agent, wrap] = e;
    io("call", call);
    io("queue", queue);
    io("agent", agent);
    io("wrap_ms", wrap);
}

template <class IO, class E>
requires Is<E, acd::CallbackOffered>
void describe(IO& io, E& e) {
    auto& [call, queue, wait] = e;
    io("call", call);
    io("queue", queue);
    io("wait_ms", wait);
}

template <class IO, class E>
requires Is<E, acd::CallbackRequested>
void describe(IO& io, E& e) {
    auto& [call, queue, number, wait, position, by_exit] = e;
    io("call", call);
    io("queue", queue);
    io("number", number);
    io("wait_ms", wait);
    io("position", position);
    io("by_exit", by_exit);
}

template <class IO, class E>
requires Is<E, acd::DialCallback>
void describe(IO& io, E& e) {
    auto& [call, queue, number, agent, attempt] = e;
    io("call", call);
    io("queue", queue);
    io("number", number);
    io("agent", agent);
    io("attempt", attempt);
}

template <class IO, class E>
requires Is<E, acd::CallbackAttemptFailed>
void describe(IO& io, E& e) {
    auto& [call, queue, attempt, outcome, will_retry] = e;
    io("call", call);
    io("queue", queue);
    io("attempt", attempt);
    io("outcome", outcome);
    io("will_retry", will_retry);
}

template <class IO, class E>
requires Is<E, acd::CallbackFailed>
void describe(IO& io, E& e) {
    auto& [call, queue, attempts] = e;
    io("call", call);
    io("queue", queue);
    io("attempts", attempts);
}

constexpr std::size_t kEventTypes = std::variant_size_v<acd::EventBody>;

using Decoder = Result<acd::EventBody> (*)(const Json& object, const std::string& type);

template <std::size_t I>
Result<acd::EventBody> decode_body(const Json& object, const std::string& type) {
    std::variant_alternative_t<I, acd::EventBody> body{};
    JsonReader reader(object, type);
    describe(reader, body);
    if (!reader.ok()) {
        return fail(reader.error());
    }
    return acd::EventBody{std::in_place_index<I>, std::move(body)};
}

struct DecoderEntry {
    std::string_view type;
    Decoder decode;
};

template <std::size_t... I>
std::array<DecoderEntry, kEventTypes> make_decoders(std::index_sequence<I...>) {
    return {
        DecoderEntry{acd::event_name(acd::EventBody{std::in_place_index<I>}), &decode_body<I>}...};
}

/// Every event type by its name, built from the EventBody variant itself.
const std::array<DecoderEntry, kEventTypes>& decoders() {
    static const auto table = make_decoders(std::make_index_sequence<kEventTypes>{});
    return table;
}

Result<Json> parse_object(std::string_view text) {
    Json object;
    try {
        object = Json::parse(text);
    } catch (const Json::parse_error& e) {
        return fail(Errc::InvalidArgument, std::string("event: not valid JSON: ") + e.what());
    }
    if (!object.is_object()) {
        return fail(Errc::InvalidArgument,
                    "event: expected a JSON object, got " + std::string(json_type_name(object)));
    }
    return object;
}

}  // namespace

std::string encode_event(const acd::Event& event) {
    JsonWriter writer;
    writer("type", std::string(acd::event_name(event.body)));
    writer("at_ms", Duration{event.at.time_since_epoch()});
    std::visit([&writer](const auto& body) { describe(writer, body); }, event.body);
    return std::move(writer).take().dump();
}

Result<acd::Event> decode_event(std::string_view json) {
    auto object = parse_object(json);
    if (!object) {
        return fail(object.error());
    }
    JsonReader header(*object, "event");
    std::string type;
    header("type", type);
    if (!header.ok()) {
        return fail(header.error());
    }
    const DecoderEntry* entry = nullptr;
    for (const DecoderEntry& candidate : decoders()) {
        if (candidate.type == type) {
            entry = &candidate;
            break;
        }
    }
    if (entry == nullptr) {
        return fail(Errc::InvalidArgument, "event.type: unknown event type '" + type + "'");
    }
    JsonReader reader(*object, type);
    Duration at{};
    reader("at_ms", at);
    if (!reader.ok()) {
        return fail(reader.error());
    }
    auto body = entry->decode(*object, type);
    if (!body) {
        return fail(body.error());
    }
    return acd::Event{WallTime{at}, std::move(*body)};
}

EventRefs event_refs(const acd::EventBody& body) {
    return std::visit(
        [](const auto& e) {
            EventRefs refs;
            if constexpr (requires { e.call; }) {
                refs.call = e.call;
            }
            if constexpr (requires { e.agent; }) {
                refs.agent = e.agent;
            }
            if constexpr (requires { e.queue; }) {
                refs.queue = e.queue;
            }
            return refs;
        },
        body);
}

}  // namespace markaz::store
