#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/ids.h"
#include "common/result.h"
#include "common/time.h"
#include "media/codec.h"
#include "media/dtmf_event.h"
#include "media/prompt_player.h"
#include "media/recording_seal.h"
#include "sdp/sdp_negotiation.h"

namespace markaz::media {

struct MediaSettings {
    std::string address = "127.0.0.1";  ///< where RTP is bound and what SDP announces
    std::uint16_t port_min = 20000;
    std::uint16_t port_max = 29999;
    int workers = 0;  ///< 0 = one per core
    /// A channel whose peer has sent nothing for this long is reported (the call is dead).
    Duration rtp_timeout = std::chrono::seconds{60};
    /// When set, recordings are sealed with it (encrypted at rest, media/recording_seal.h).
    std::shared_ptr<const RecordingKey> recording_key;
};

/// Where and how to send a channel's audio: the negotiated answer of the SDP exchange.
struct RemoteMedia {
    std::string address;
    std::uint16_t port = 0;
    CodecKind codec = CodecKind::Pcmu;
    std::uint8_t payload_type = 0;
    std::optional<std::uint8_t> telephone_event;  ///< RFC 4733 payload type, when offered
    bool send = true;  ///< false while the peer holds us (sendonly/inactive from them)
    /// False while the peer sends nothing by agreement (inactive, recvonly): its silence then
    /// is not a dead stream.
    bool receive = true;
    /// The packet time to send at (the negotiated a=ptime): 10 to 60 ms.
    std::uint32_t ptime_ms = 20;
    /// The IPv4 host the peer's SIP came from or went to: behind NAT its RTP comes from there,
    /// not from `address`, and may be learnt (RtpLatch). Empty: only `address`'s host may.
    std::string signalling_host;
};

/// The remote media of what offer and answer agreed (sdp::NegotiatedAudio): a peer that holds
/// us (sendonly, inactive, c=0.0.0.0) is not sent to. `signalling_host`: see RemoteMedia.
RemoteMedia remote_media(const sdp::NegotiatedAudio& audio, std::string signalling_host);

/// What the media engine tells the core. Posted from worker threads; sinks must not block.
/// Digits arrive the same way whether the phone sent RFC 4733 events or tones in its audio
/// (detected when it did not offer telephone-event).
struct MediaEvent {
    enum class Kind {
        Dtmf,
        RtpTimeout,
        PlayFinished  ///< a prompt played once came to its end (not when replaced or stopped)
    };
    Kind kind;
    ChannelId channel;
    char digit = 0;                           ///< for Dtmf
    DtmfSource source = DtmfSource::Rfc4733;  ///< for Dtmf
    std::uint64_t tag = 0;                    ///< for PlayFinished: the tag given to play()
};

/// Markaz's RTP engine: worker threads (one per core by default), each owning a set of
/// channels and running a 20 ms tick: receive (recvmmsg), reorder (jitter buffer), decode, mix,
/// record, encode, send (sendmmsg). Other threads command it through a queue each worker
/// drains once per tick, so no lock is taken per packet.
class MediaEngine {
public:
    using EventSink = std::function<void(const MediaEvent&)>;

    static Result<std::unique_ptr<MediaEngine>> start(MediaSettings settings, EventSink sink);
    ~MediaEngine();
    MediaEngine(const MediaEngine&) = delete;
    MediaEngine& operator=(const MediaEngine&) = delete;

    struct Opened {
        ChannelId id;
        std::uint16_t port;  ///< the RTP port to put in SDP
    };
    /// Binds a new channel's RTP/RTCP ports. `near` places it on the same worker as another
    /// channel, which bridging needs. Unavailable when the port range is exhausted.
    Result<Opened> open_channel(std::optional<ChannelId> near = std::nullopt);
    /// Sets or changes where the channel sends (answer SDP, re-INVITE, hold).
    void set_remote(ChannelId channel, RemoteMedia remote);
    /// Sends the channel's audio back to it (the echo test).
    void echo(ChannelId channel);
    /// Connects two channels of the same worker in a room: each hears the other. With
    /// `recording` set, writes a stereo WAV there: `a` (the caller) left, `b` (the agent) and
    /// anyone who joins later right. A recorded room whose other members left keeps its first
    /// member (a transferred caller): bridging that channel again joins `b` to it, and the
    /// recording goes on in the same file.
    void bridge(ChannelId a, ChannelId b, std::optional<std::string> recording);
    /// Starts recording the bridge `channel` is in (a bridge made for early media, recorded
    /// from the answer on). Nothing happens when it is not bridged or already recorded.
    void record(ChannelId channel, std::string path);
    /// `channel` joins the room `member` is in (a bridge), hearing `hears` and heard by
    /// `heard_by`: a supervisor listening hears caller and agent and is heard by nobody. Both
    /// channels must be on one worker (open_channel(near)); otherwise nothing happens.
    void join(ChannelId member, ChannelId channel, std::vector<ChannelId> hears,
              std::vector<ChannelId> heard_by);
    /// `listener` starts or stops hearing `source` in their room (whisper, barge-in).
    void set_hearing(ChannelId listener, ChannelId source, bool hears);
    /// `channel` leaves its room, staying open; a room with one member left ends.
    void leave(ChannelId channel);
    /// Ends the bridge `channel` is in, leaving both channels open (early media from a phone
    /// that did not win the call).
    void unbridge(ChannelId channel);
    /// Sends `prompt` to the channel instead of what it would hear (music on hold, an
    /// announcement, the prompt test), looping if asked; a prompt played once ends by itself
    /// and is reported as PlayFinished with `tag`, so the caller can tell which one ended.
    void play(ChannelId channel, std::shared_ptr<const Prompt> prompt, bool loop,
              std::uint64_t tag = 0);
    /// Back to what the channel hears (its bridge, or silence).
    void stop_playing(ChannelId channel);
    /// Sends DTMF digits ("0-9*#A-D") to the channel's peer: RFC 4733 events when it offered
    /// telephone-event, else tones in the audio (for IVRs behind trunks that want either).
    void send_digits(ChannelId channel, std::string digits);
    /// Pauses or resumes the recording of the bridge `channel` is in. While paused, silence
    /// is written, so the file keeps the call's timeline but never the audio (a caller
    /// reading out a card number).
    void pause_recording(ChannelId channel, bool paused);
    /// Releases the channel and its ports; a bridge it was in ends (its recording completes),
    /// except that a recorded room's first member stays in it alone when the others close.
    void close(ChannelId channel);

    const MediaSettings& settings() const;
    /// Channels open now (all workers).
    std::size_t channels() const;

    struct Impl;

private:
    explicit MediaEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::media
