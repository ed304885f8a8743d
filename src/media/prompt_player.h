#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "media/codec.h"

namespace markaz::media {

/// A sound decoded once into the engine's format (8 kHz mono int16), shared read-only by every
/// channel that plays it: an IVR prompt, an announcement, music on hold.
///
/// load() reads any file libsndfile reads (WAV in PCM, float, A-law or μ-law, FLAC, ...) at any
/// rate, averages the channels to mono and resamples to 8 kHz with libsamplerate's sinc
/// converter, which low-pass filters first so nothing above 4 kHz folds back as noise.
/// Loading does file I/O and allocates: do it at startup or on a loader thread, never on a
/// media worker. Thread: immutable after load, so any thread may read it.
class Prompt {
public:
    /// At most one hour (28.8 M samples, 58 MB): a longer "prompt" is a mistake.
    static constexpr Duration kMaxDuration = std::chrono::hours{1};

    /// Errors: NotFound (no such file), InvalidArgument (not audio libsndfile reads, or too
    /// long), Internal (resampler failure); messages name the file.
    static Result<std::shared_ptr<const Prompt>> load(const std::string& path);
    /// A prompt from samples already at 8 kHz (generated audio, tests).
    static std::shared_ptr<const Prompt> from_samples(std::vector<std::int16_t> samples);
    /// The prompts one after another, as one (an announcement assembled from words).
    static std::shared_ptr<const Prompt> join(
        const std::vector<std::shared_ptr<const Prompt>>& parts);

    std::span<const std::int16_t> samples() const noexcept { return samples_; }
    Duration duration() const noexcept;

private:
    explicit Prompt(std::vector<std::int16_t> samples) : samples_(std::move(samples)) {}
    std::vector<std::int16_t> samples_;
};

/// Plays a Prompt 20 ms at a time, once or looping (music on hold). Holds a reference to the
/// prompt and a position; no allocation per frame. Thread: the worker owning the channel.
class PromptPlayer {
public:
    explicit PromptPlayer(std::shared_ptr<const Prompt> prompt, bool loop = false) noexcept
        : prompt_(std::move(prompt)), loop_(loop) {}

    /// Fills `frame` with the next samples. A frame past the end is padded with silence; a
    /// looping player wraps to the start within the frame, with no gap. Returns false when
    /// there was nothing left to play (the frame is all silence).
    bool next_frame(std::span<std::int16_t, kFrameSamples> frame) noexcept;
    /// True once a non-looping player has played everything (an empty prompt is finished).
    bool finished() const noexcept;
    void rewind() noexcept { position_ = 0; }
    std::size_t position() const noexcept { return position_; }

private:
    std::shared_ptr<const Prompt> prompt_;
    bool loop_;
    std::size_t position_ = 0;
};

}  // namespace markaz::media
