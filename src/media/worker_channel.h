#pragma once

// Internal to the media worker (media_worker.cpp): what it keeps per channel.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

#include "media/codec.h"
#include "media/dtmf_detector.h"
#include "media/dtmf_generator.h"
#include "media/dtmf_receiver.h"
#include "media/dtmf_sender.h"
#include "media/inbound_audio.h"
#include "media/media_engine.h"
#include "media/outbound_audio.h"
#include "media/prompt_player.h"
#include "media/rtp_latch.h"
#include "media/rtp_socket.h"

namespace markaz::media {

using Frame = std::array<std::int16_t, kFrameSamples>;

/// One leg's RTP state on its worker.
struct Channel {
    Channel(ChannelId channel, RtpSocket rtp)
        : id(channel), socket(std::move(rtp)), dtmf(kMixRate) {}

    ChannelId id{};
    RtpSocket socket;
    std::optional<RemoteMedia> remote;
    std::unique_ptr<Codec> encoder;
    std::unique_ptr<Codec> decoder;
    InboundAudio heard;      ///< the peer's packets, whatever their packet time, as 20 ms frames
    OutboundAudio outbound;  ///< our 20 ms frames, as packets of the peer's packet time
    DtmfReceiver dtmf;
    /// Which source's packets are the peer's, and where ours go (symmetric RTP).
    RtpLatch latch;
    std::uint16_t seq = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    SteadyTime last_heard{};
    /// Digits to send: as RFC 4733 events when the peer takes them, else as tones in the audio.
    DtmfSender digits_out;
    std::unique_ptr<DtmfGenerator> tones_out;
    /// In-band detection, for peers that did not offer telephone-event.
    std::unique_ptr<DtmfDetector> tones_in;
    bool sent = false;  ///< something went out this tick
    bool timeout_reported = false;
    bool echo = false;
    std::optional<PromptPlayer> player;  ///< overrides what the channel would hear
    std::uint64_t player_tag = 0;        ///< reported when `player` finishes
    Frame input{};                       ///< this tick's decoded audio from the peer
    bool has_input = false;
};

}  // namespace markaz::media
