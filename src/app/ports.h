#pragma once

// What the call flow needs from the world, as interfaces (DESIGN rule 2: the call flow is
// written against them and stepped on a test clock). The live server plugs in the SIP server,
// the media engine and the store worker (live_ports.h, StoreWorker); the unit tests plug in
// fakes that record every command (tests/unit/app/call_flow_fakes.h). Each is called on the
// core loop only, and none of them blocks: they queue the work for their own thread.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "acd/events.h"
#include "common/result.h"
#include "media/media_engine.h"
#include "sip/call_control.h"
#include "store/call_record.h"

namespace markaz::app {

/// The legs of calls: ringing, connecting and ending them. The results come back as
/// sip::CallEvents (LegAnswered, LegFailed, Ended, ...) to Switchboard::on_call_event.
class CallControl {
public:
    virtual ~CallControl() = default;
    /// Answers a caller not yet answered (a new call is reported unanswered: Arrived).
    virtual void answer(sip::CallRef call) = 0;
    /// Refuses a caller not yet answered with a SIP `status` (404, 403, 486, 480...); an
    /// answered call is hung up instead. Ended follows.
    virtual void reject(sip::CallRef call, int status) = 0;
    /// Rings every registered contact of `extension` as leg `leg` of `call`, showing
    /// `caller`; LegFailed 480 when it has none. Never dials out through a trunk. `since`: when the
    /// input that led to this ring reached Markaz (routing latency).
    virtual void ring(sip::CallRef call, std::uint64_t leg, std::string extension,
                      std::string caller, std::chrono::steady_clock::time_point since) = 0;
    /// Dials `number` through the trunk named `trunk` ("" = the first that dials out) as leg
    /// `leg` of `call`, showing `caller`.
    virtual void ring_trunk(sip::CallRef call, std::uint64_t leg, std::string trunk,
                            std::string number, std::string caller,
                            std::chrono::steady_clock::time_point since) = 0;
    /// Stops leg `leg`: CANCEL while it rings, BYE once answered, also the connected one (the
    /// call's own party stays, talking to nobody until another leg is connected). No events
    /// follow for it.
    virtual void drop_leg(sip::CallRef call, std::uint64_t leg) = 0;
    /// The answered leg `leg` is the one the call's own party talks to (a caller not answered
    /// yet is answered now). Their media is the flow's to bridge (MediaControl::bridge).
    virtual void connect_leg(sip::CallRef call, std::uint64_t leg) = 0;
    /// The call's own party no longer depends on the connected leg `leg`: its hang-up comes
    /// as LegEnded instead of ending the call; connect_leg() ties them again.
    virtual void release_leg(sip::CallRef call, std::uint64_t leg) = 0;
    /// Leg `leg` of call `from` (an answered phone) becomes leg `as` of call `to`, its dialog
    /// and media channel kept: it ends with `to` from now, and `from` goes on without it
    /// (talking to nobody until hung up). connect_leg() makes it `to`'s talking leg.
    virtual void move_leg(sip::CallRef from, std::uint64_t leg, sip::CallRef to,
                          std::uint64_t as) = 0;
    /// Answers the transfer leg `leg` asked for (CallEvent::Referred): `status` 200 when it
    /// was made without dropping the leg, else why not (403, 404, 486). Dropping the leg
    /// after its REFER tells the phone the transfer was made.
    virtual void answer_refer(sip::CallRef call, std::uint64_t leg, int status) = 0;
    /// Ends the call on every phone (BYE, CANCEL); Ended follows.
    virtual void hang_up(sip::CallRef call) = 0;
    /// A new call to `number`, shown as from `caller_id`; Originated (with `tag`) follows.
    virtual void originate(std::uint64_t tag, std::string number, std::string caller_id) = 0;
};

/// Who hears whom: the rooms calls' channels talk in, their recordings, and what a channel
/// hears instead of its room (prompts, announcements, music on hold).
class MediaControl {
public:
    virtual ~MediaControl() = default;
    /// Puts `a` (the call's own party) and `b` in a room, each hearing the other; with
    /// `recording`, a stereo WAV there, `a` left and `b` (and anyone joining later) right.
    virtual void bridge(ChannelId a, ChannelId b, std::optional<std::string> recording) = 0;
    /// Starts recording the room `channel` is in (a room made for early media is recorded
    /// from the answer on).
    virtual void record(ChannelId channel, std::string path) = 0;
    /// Ends the room `channel` is in; its members stay open.
    virtual void unbridge(ChannelId channel) = 0;
    /// `channel` joins the room `member` is in, hearing `hears` and heard by `heard_by`
    /// (a supervisor listening hears caller and agent and is heard by nobody).
    virtual void join(ChannelId member, ChannelId channel, std::vector<ChannelId> hears,
                      std::vector<ChannelId> heard_by) = 0;
    /// `listener` starts or stops hearing `source` in their room (whisper, barge-in).
    virtual void set_hearing(ChannelId listener, ChannelId source, bool hears) = 0;
    /// `channel` leaves its room, staying open.
    virtual void leave(ChannelId channel) = 0;
    /// Plays `prompt` on `channel` (looping if asked); a prompt played once ends with
    /// MediaEvent::PlayFinished carrying `tag`.
    virtual void play(ChannelId channel, std::shared_ptr<const media::Prompt> prompt, bool loop,
                      std::uint64_t tag) = 0;
    /// Back to what the channel hears without a prompt (its bridge, or silence).
    virtual void stop_playing(ChannelId channel) = 0;
    /// The channel hears itself (the echo test).
    virtual void echo(ChannelId channel) = 0;
    /// Pauses or resumes the recording of the room `channel` is in: silence is written while
    /// paused, so the file keeps the call's timeline (card details are never recorded).
    virtual void pause_recording(ChannelId channel, bool paused) = 0;
};

/// Where the call flow's record goes: router events, call records, callback requests. Every
/// write is queued and done in order on the store's own thread.
class CallStore {
public:
    using Done = std::function<void(Result<void>)>;
    virtual ~CallStore() = default;
    virtual void append(std::vector<acd::Event> events) = 0;
    /// A finished call's record.
    virtual void save(store::CallRecord record) = 0;
    /// A call in progress, as known so far (closed at the next start if never saved).
    virtual void save_open(store::CallRecord record) = 0;
    virtual void set_wrap(std::string call, Duration wrap) = 0;
    /// Books a callback request; `done` is called (on the store's thread) once it is on disk
    /// or has failed: the caller hears "booked" only then.
    virtual void book_callback(store::CallbackRequest request, Done done) = 0;
    virtual void callback_attempted(std::string call, int attempts, WallTime at) = 0;
    virtual void close_callback(std::string call, std::string state, WallTime at) = 0;
    /// A KPI alert as it now stands (raised, cleared, acknowledged): kept so the list outlives
    /// a restart (docs/alerts.md "After a restart").
    virtual void save_alert(alerts::AlertEntry entry) = 0;
};

}  // namespace markaz::app
