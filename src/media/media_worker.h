#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/time.h"
#include "media/media_engine.h"
#include "media/port_pool.h"
#include "media/rtp_socket.h"

namespace markaz::media {

/// What other threads tell a worker; applied at the start of its next tick, in order.
namespace cmd {
struct SetRemote {
    ChannelId channel;
    RemoteMedia remote;
};
struct Echo {
    ChannelId channel;
};
struct Bridge {
    ChannelId a;
    ChannelId b;
    std::optional<std::string> recording;
};
struct Close {
    ChannelId channel;
};
struct Record {
    ChannelId channel;
    std::string path;
};
struct Unbridge {
    ChannelId channel;
};
struct Play {
    ChannelId channel;
    std::shared_ptr<const Prompt> prompt;  ///< nullptr stops playing
    bool loop = false;
    std::uint64_t tag = 0;
};
struct SendDigits {
    ChannelId channel;
    std::string digits;
};
struct PauseRecording {
    ChannelId channel;
    bool paused = true;
};
/// `channel` joins the room `member` is in, hearing `hears` and heard by `heard_by`.
struct Join {
    ChannelId member;
    ChannelId channel;
    std::vector<ChannelId> hears;
    std::vector<ChannelId> heard_by;
};
/// `listener` starts or stops hearing `source`, both in one room.
struct SetHearing {
    ChannelId listener;
    ChannelId source;
    bool hears = true;
};
/// `channel` leaves its room (which ends when one member is left).
struct Leave {
    ChannelId channel;
};
}  // namespace cmd

class MediaWorker;

namespace cmd {
/// `join.channel` moves to worker `to`, whole (socket, jitter buffer, codecs, DTMF state), and
/// joins there: a room's members mix on one worker, and a call that joins another's room
/// later (a supervisor who dialled in) may have been opened on another.
struct HandOver {
    MediaWorker* to = nullptr;
    Join join;
};
/// `channel` is on its way here from another worker (HandOver, posted to that worker after
/// this one). The engine sends the channel's commands here from the moment of the join, and
/// the hand-over takes up to a tick of the other worker: until its Join arrives, the commands
/// after this one wait, and then run in the order they were given.
struct Arriving {
    ChannelId channel;
};
using Command = std::variant<SetRemote, Echo, Bridge, Close, Play, Record, Unbridge, SendDigits,
                             PauseRecording, Join, SetHearing, Leave, HandOver, Arriving>;
}  // namespace cmd

/// One media worker: its channels (sockets, jitter buffers, codecs, players, DTMF) and rooms
/// (channels that hear each other, with their recordings). Each tick() receives what arrived
/// (recvmmsg), reorders and decodes it, mixes the rooms, records, encodes and sends
/// (sendmmsg). MediaEngine runs each worker on a thread of its own, ticking every 20 ms; the
/// unit tests step tick() themselves, with no thread and no sleep.
/// Thread: post(), adopt() and size() from any thread (a mutex guards the inbox only);
/// tick() from one thread at a time, the one that owns the worker.
class MediaWorker {
public:
    /// `seed` makes the channels' SSRCs, sequence numbers and timestamps unpredictable.
    MediaWorker(PortPool& ports, const MediaSettings& settings, const MediaEngine::EventSink& sink,
                std::uint32_t seed);
    /// Completes the rooms' recordings and gives the channels' ports back.
    ~MediaWorker();
    MediaWorker(const MediaWorker&) = delete;
    MediaWorker& operator=(const MediaWorker&) = delete;

    void post(cmd::Command command);
    /// A new channel on `socket`, taken in at the next tick.
    void adopt(ChannelId id, RtpSocket socket);
    /// Channels it has now.
    std::size_t size() const;
    /// One 20 ms step at `now`.
    void tick(SteadyTime now);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::media
