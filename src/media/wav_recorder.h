#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "media/codec.h"
#include "media/recording_seal.h"

namespace markaz::media {

/// What a paused recording contains for the paused time.
enum class PauseMode {
    /// Silence of the same length: the recording's clock stays the call's clock, so event
    /// times (hold, transfer, "pause at 02:13") match positions in the file, and a reviewer
    /// hears where something was withheld. The default.
    Silence,
    /// Nothing: the file is shorter than the call.
    Skip,
};

struct WavRecorderOptions {
    PauseMode pause_mode = PauseMode::Silence;
    /// Audio is written to the file, and the header's sizes updated, every this many frames.
    /// One second bounds what a crash can lose; it also makes one write() per second per call
    /// instead of fifty.
    std::uint32_t flush_frames = kMixRate;
    /// When set, the file is sealed (encrypted at rest, media/recording_seal.h) with this key,
    /// a chunk per flush_frames.
    std::shared_ptr<const RecordingKey> key;
};

/// Records one call as a stereo 16-bit 8 kHz WAV file: the caller on the left channel, the
/// agent on the right.
///
/// The file is written incrementally with plain POSIX I/O: audio is buffered in memory and
/// appended every `flush_frames`, and after each append the header's RIFF and data sizes are
/// rewritten with pwrite(). The data is written before the header that counts it, so the
/// header never claims audio that is not in the file: if the process dies (kill -9, crash),
/// the file is a valid WAV holding everything up to the last flush, at most one second short.
/// close() flushes and finalises the header. No fsync: the page cache survives a process crash,
/// and an fsync could stall the 20 ms tick (power loss is the store's business, not ours).
///
/// With a key the same audio is sealed instead: a sealed header, then a sealed chunk per
/// `flush_frames` appended as each fills (the last at close()); nothing is rewritten, and a
/// crash again loses at most the chunk being filled.
///
/// pause()/resume() keep audio out of the file (payment card details are never recorded):
/// while paused, write() stores silence or nothing, per PauseMode, and the real samples never
/// reach the buffer.
///
/// Buffers are allocated at create(); write() does not allocate. Thread: one owner (the media
/// worker, or an I/O thread it hands frames to); not synchronised.
class WavRecorder {
public:
    /// Creates `path`; an existing file is never overwritten (Conflict), so a recording that
    /// was promised is not lost to a reused name.
    static Result<WavRecorder> create(const std::string& path, WavRecorderOptions options = {});

    WavRecorder(WavRecorder&& other) noexcept;
    WavRecorder& operator=(WavRecorder&& other) noexcept;
    WavRecorder(const WavRecorder&) = delete;
    WavRecorder& operator=(const WavRecorder&) = delete;
    /// Closes the file if close() was not called; errors are then lost, so call close().
    ~WavRecorder();

    /// Appends one block: caller[i] and agent[i] become frame i. Both spans must have the same
    /// length (InvalidArgument, nothing written). A write error (disk full) is returned; the
    /// file stays valid up to its last flush.
    Result<void> write(std::span<const std::int16_t> caller, std::span<const std::int16_t> agent);
    /// Appends the buffered audio and rewrites the header now (sealed: only a whole chunk, the
    /// rest waits for close()).
    Result<void> flush();
    /// Flushes, finalises the header and closes. Later calls do nothing.
    Result<void> close();

    void pause() noexcept { paused_ = true; }
    void resume() noexcept { paused_ = false; }
    bool paused() const noexcept { return paused_; }

    /// Frames accepted so far (on disk or buffered), including silence written while paused.
    std::uint64_t frames() const noexcept { return frames_on_disk_ + buffered_frames_; }
    const std::string& path() const noexcept { return path_; }

private:
    WavRecorder(int fd, std::string path, WavRecorderOptions options);
    Result<void> append(bool closing);
    Result<void> append_sealed(std::size_t bytes);
    Result<void> write_header();
    Result<void> fail_io(const char* what, int error);

    int fd_ = -1;
    std::string path_;
    WavRecorderOptions options_;
    bool paused_ = false;
    std::vector<std::int16_t> buffer_;  // interleaved L R L R, flush_frames frames
    std::size_t buffered_frames_ = 0;
    std::uint64_t frames_on_disk_ = 0;
    std::optional<SealedFormat> sealed_;
    std::vector<std::uint8_t> sealed_buffer_;  // one sealed chunk
};

}  // namespace markaz::media
