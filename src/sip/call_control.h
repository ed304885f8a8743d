#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "common/ids.h"

namespace markaz::sip {

// The seam between the SIP layer and the call flow (src/app): every new INVITE is reported
// as a CallEvent (Arrived), unanswered; the application decides where it goes and then
// answers, refuses, rings legs, connects, originates and hangs up through SipServer's
// call-control methods. The SIP layer makes no routing decision of its own. Each call is a
// CallRef; its legs are numbered by the application (0 = the call's own party: the caller,
// or the customer an originated call dials).

using CallRef = std::uint64_t;

struct CallEvent {
    enum class Kind {
        Arrived,     ///< a new call, not answered: `caller`, `dialled`, `from_trunk`, `channel`
        Originated,  ///< originate() made call `call` for tag `leg`; dialling now
        Digit,       ///< a SIP INFO digit from `leg` (RFC 4733 and in-band come from media)
        LegRinging,  ///< `leg`'s phone rings (first 180/183)
        /// `leg`'s phone sent early media (183 with SDP) to a caller not answered yet:
        /// `channel` carries it (an announcement, a carrier's ringback); the call flow decides
        /// whether the caller hears it.
        LegEarlyMedia,
        LegAnswered,  ///< `leg` answered: `channel` is its media; connect() or drop_leg()
        LegFailed,    ///< `leg` ended unanswered with `status` (486 busy, 603 decline, 480 ...)
        /// `leg` had answered but was not the one connected to the call's own party, and hung
        /// up (a supervisor leaving, an agent who answered and gave up before the connect).
        LegEnded,
        /// `leg`'s phone asked to transfer its peer to `target` (REFER, RFC 3515: the user
        /// part of Refer-To); the application answers with answer_refer(), or drops the leg
        /// (the transfer worked). An attended transfer names the phone's other call to join
        /// the peer with (Refer-To with Replaces, RFC 3891): `replaces` is that call and
        /// `replaces_leg` the phone's dialog in it, already checked to be the same phone's.
        Referred,
        Held,     ///< `leg`'s phone put the other party on hold (re-INVITE sendonly/inactive)
        Resumed,  ///< `leg`'s phone took the other party back
        Ended,    ///< the call is over; `ended_by` says who hung up
    };
    enum class Side { Caller, Leg, Server };
    Kind kind = Kind::Arrived;
    CallRef call = 0;
    std::uint64_t leg = 0;
    std::string caller;   ///< Arrived: the caller's number (extension, or as the trunk sent it)
    std::string dialled;  ///< Arrived: the number dialled, after the trunk's mapping
    bool from_trunk = false;
    ChannelId channel{};
    int status = 0;
    char digit = 0;
    std::string target;               ///< Referred: where to
    std::optional<CallRef> replaces;  ///< Referred: the phone's other call (attended)
    std::uint64_t replaces_leg = 0;   ///< Referred: the phone's leg in `replaces`
    Side ended_by = Side::Server;

    // Each kind made with the fields it carries, by name: never a positional list.
    static CallEvent arrived(CallRef call, std::string caller, std::string dialled, bool from_trunk,
                             ChannelId channel) {
        CallEvent e = of(Kind::Arrived, call, 0);
        e.caller = std::move(caller);
        e.dialled = std::move(dialled);
        e.from_trunk = from_trunk;
        e.channel = channel;
        return e;
    }
    static CallEvent originated(CallRef call, std::uint64_t tag) {
        return of(Kind::Originated, call, tag);
    }
    static CallEvent pressed(CallRef call, std::uint64_t leg, char digit) {
        CallEvent e = of(Kind::Digit, call, leg);
        e.digit = digit;
        return e;
    }
    static CallEvent ringing(CallRef call, std::uint64_t leg) {
        return of(Kind::LegRinging, call, leg);
    }
    static CallEvent early_media(CallRef call, std::uint64_t leg, ChannelId channel) {
        CallEvent e = of(Kind::LegEarlyMedia, call, leg);
        e.channel = channel;
        return e;
    }
    static CallEvent answered(CallRef call, std::uint64_t leg, ChannelId channel) {
        CallEvent e = of(Kind::LegAnswered, call, leg);
        e.channel = channel;
        return e;
    }
    static CallEvent failed(CallRef call, std::uint64_t leg, int status) {
        CallEvent e = of(Kind::LegFailed, call, leg);
        e.status = status;
        return e;
    }
    static CallEvent leg_ended(CallRef call, std::uint64_t leg) {
        return of(Kind::LegEnded, call, leg);
    }
    static CallEvent referred(CallRef call, std::uint64_t leg, std::string target) {
        CallEvent e = of(Kind::Referred, call, leg);
        e.target = std::move(target);
        return e;
    }
    static CallEvent referred_replacing(CallRef call, std::uint64_t leg, std::string target,
                                        CallRef replaces, std::uint64_t replaces_leg) {
        CallEvent e = referred(call, leg, std::move(target));
        e.replaces = replaces;
        e.replaces_leg = replaces_leg;
        return e;
    }
    static CallEvent hold(CallRef call, std::uint64_t leg, bool on_hold) {
        return of(on_hold ? Kind::Held : Kind::Resumed, call, leg);
    }
    static CallEvent ended(CallRef call, Side by) {
        CallEvent e = of(Kind::Ended, call, 0);
        e.ended_by = by;
        return e;
    }

private:
    static CallEvent of(Kind kind, CallRef call, std::uint64_t leg) {
        CallEvent e;
        e.kind = kind;
        e.call = call;
        e.leg = leg;
        return e;
    }
};

/// Where the SIP layer's call events go (called on the SIP thread; must not block). Without
/// one, every INVITE is refused with 404.
struct CallHandler {
    std::function<void(const CallEvent&)> sink;
};

}  // namespace markaz::sip
