#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "media/rtp_packet.h"

namespace markaz::media {

struct JitterBufferConfig {
    /// RTP timestamp units per 20 ms frame: Codec::timestamp_step() (160 for G.711).
    std::uint32_t timestamp_step = 160;
    /// Bounds of the playout delay, in frames: 1..8 is 20..160 ms.
    std::size_t min_depth = 1;
    std::size_t max_depth = 8;
    /// The delay a new stream starts with, before any jitter has been measured.
    std::size_t initial_depth = 2;
    /// Larger payloads are dropped (G.711 at 20 ms is 160 bytes).
    std::size_t max_payload_bytes = 512;
    /// Jitter is measured over this many recent packets (100: two seconds).
    std::size_t window = 100;
    /// Frames between two reductions of the delay (50: one second), so that a stream which
    /// was jittery a moment ago is not starved at once.
    std::size_t shrink_interval = 50;
};

enum class PushResult : std::uint8_t {
    Queued,
    Restarted,  ///< queued as the first packet of a new stream (new SSRC or a timestamp jump)
    Duplicate,
    Late,      ///< its frame was already played
    TooLarge,  ///< over max_payload_bytes
};

enum class FrameStatus : std::uint8_t {
    Audio,  ///< payload holds this frame
    Lost,   ///< this frame is missing: conceal it (PLC)
    Empty,  ///< nothing to play (not started, or the sender paused): play silence
};

/// One 20 ms frame for the decoder.
struct PlayoutFrame {
    FrameStatus status = FrameStatus::Empty;
    std::uint8_t payload_type = 0;
    std::uint32_t timestamp = 0;            ///< RTP timestamp of this frame (Audio only)
    std::span<const std::uint8_t> payload;  ///< valid until the next push() or pop()
};

struct JitterBufferStats {
    std::uint64_t queued = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t late = 0;
    std::uint64_t too_large = 0;
    std::uint64_t restarts = 0;
    std::uint64_t played = 0;     ///< Audio frames
    std::uint64_t lost = 0;       ///< Lost frames, including those inserted to grow the delay
    std::uint64_t stretched = 0;  ///< frames inserted to grow the delay
    std::uint64_t skipped = 0;    ///< frames dropped to shrink the delay
};

/// A small adaptive jitter buffer for one RTP stream, played out one 20 ms frame per tick.
///
/// Packets are placed by RTP timestamp (frame index = timestamp / step, 32-bit wrap-around
/// handled), so reordering is undone, duplicates and packets whose frame was played are
/// dropped, and a sender pausing (DTX, RFC 4733 events in place of audio) leaves no hole in
/// the sequence. Only 20 ms packets are placed correctly (we answer a=ptime:20).
///
/// Timing comes from the tick, not a clock: each tick the worker push()es what it received,
/// then pop()s once. A packet's slack is how many ticks before its playout it arrived; over
/// the last `window` packets the spread of slack (max - min) is the jitter in frames, and the
/// target delay is that spread plus one frame, clamped to [min_depth, max_depth]: the latest
/// packet then arrives a tick early, so one arriving just in time grows the delay before
/// anything is lost. When the promptest packet waits less than the target, pop() inserts a
/// filler frame without advancing, once per tick, until it does (fast attack); when it waits
/// more, one frame is dropped, preferably a missing one, at most once per `shrink_interval`
/// and only once the window is full (slow decay). This also absorbs clock drift between the
/// sender and us.
///
/// Missing frames are Lost for up to three frames after the last Audio frame (conceal them),
/// then Empty (the sender paused, or the gap is too long to hide: play silence).
///
/// A new SSRC, a jump ahead past the buffer, a marker bit (talk spurt start) on a late packet,
/// or three packets in a row more than a second late restart the buffer at that packet.
///
/// All storage is allocated by the constructor; push/pop never allocate or lock.
/// Thread: the worker owning the channel.
class JitterBuffer {
public:
    explicit JitterBuffer(JitterBufferConfig config = {});

    /// `measured`: whether its arrival counts towards the jitter. The slices of one packet
    /// (InboundAudio) arrive together, so only a packet's first slice is measured: the later
    /// ones always wait longer, and counting them would read packetization as jitter.
    PushResult push(const RtpHeader& header, std::span<const std::uint8_t> payload,
                    bool measured = true) noexcept;
    /// The next frame; call exactly once per 20 ms tick.
    PlayoutFrame pop() noexcept;

    /// The delay the buffer is steering to, in frames.
    std::size_t target_depth() const noexcept;
    /// How many ticks the promptest recent packet waits before playout, in frames.
    std::size_t current_depth() const noexcept;
    const JitterBufferStats& stats() const noexcept { return stats_; }
    /// Forgets the stream (re-INVITE to a new remote); stats are kept.
    void reset() noexcept;

private:
    struct Slot {
        bool filled = false;
        std::int64_t index = 0;
        std::uint8_t payload_type = 0;
        std::uint32_t timestamp = 0;
        std::size_t size = 0;
    };

    void restart(const RtpHeader& header, std::int64_t depth) noexcept;
    /// Lost or Empty for a frame we have no packet for.
    PlayoutFrame filler(std::int64_t index) noexcept;
    std::int64_t frame_index(std::uint32_t timestamp) noexcept;
    void record(std::int64_t arrival) noexcept;
    Slot& slot(std::int64_t index) noexcept;
    std::span<std::uint8_t> storage(std::int64_t index) noexcept;

    JitterBufferConfig config_;
    std::vector<Slot> slots_;
    std::vector<std::uint8_t> storage_;  // slots_.size() * max_payload_bytes
    JitterBufferStats stats_;

    bool started_ = false;
    std::uint32_t ssrc_ = 0;
    std::int64_t base_timestamp_ = 0;     // extended timestamp of frame index 0
    std::int64_t newest_timestamp_ = 0;   // extended, for unwrapping the next one
    std::int64_t play_index_ = 0;         // the frame pop() plays next
    std::int64_t first_index_ = 0;        // frames before it were never sent to us
    std::int64_t last_played_index_ = 0;  // the last Audio frame
    std::int64_t ticks_ = 0;              // pops so far
    int far_late_in_a_row_ = 0;
    std::int64_t last_shrink_tick_ = 0;

    // Window of recent arrivals as (frame index - tick): slack = arrival - (play_index - tick),
    // so the entries stay valid when the delay is stretched or shrunk.
    std::vector<std::int64_t> arrivals_;
    std::size_t arrivals_next_ = 0;
    std::size_t arrivals_count_ = 0;
    std::int64_t arrival_min_ = 0;
    std::int64_t arrival_max_ = 0;
};

}  // namespace markaz::media
