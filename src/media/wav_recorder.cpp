#include "media/wav_recorder.h"

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

#include "media/wav_header.h"

namespace markaz::media {
namespace {

constexpr std::uint16_t kChannels = 2;
constexpr std::uint32_t kBytesPerFrame = kChannels * 2;

/// pwrite() until done; a signal or a short write is not an error.
bool write_all(int fd, const void* data, std::size_t size, off_t offset, int& error) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, p, size, offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error = errno;
            return false;
        }
        p += n;
        offset += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

Result<WavRecorder> WavRecorder::create(const std::string& path, WavRecorderOptions options) {
    if (options.flush_frames == 0) {
        return fail(Errc::InvalidArgument, "recording " + path + ": flush_frames must be > 0");
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) {
        const int error = errno;
        return fail(error == EEXIST ? Errc::Conflict : Errc::Unavailable,
                    "recording " + path + ": " + std::strerror(error));
    }
    WavRecorder recorder(fd, path, options);
    int error = 0;
    bool written = false;
    if (options.key) {
        recorder.sealed_ =
            SealedFormat::fresh(*options.key, options.flush_frames, kMixRate, kChannels);
        recorder.sealed_buffer_.resize(recorder.sealed_->chunk_sealed_bytes());
        const auto h = recorder.sealed_->header();
        written = write_all(fd, h.data(), h.size(), 0, error);
    } else {
        const auto h = wav_header(0, kMixRate, kChannels);
        written = write_all(fd, h.data(), h.size(), 0, error);
    }
    if (!written) {
        return fail(recorder.fail_io("write header", error).error());
    }
    return recorder;
}

WavRecorder::WavRecorder(int fd, std::string path, WavRecorderOptions options)
    : fd_(fd),
      path_(std::move(path)),
      options_(options),
      buffer_(std::size_t{options.flush_frames} * kChannels) {}

WavRecorder::WavRecorder(WavRecorder&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      options_(other.options_),
      paused_(other.paused_),
      buffer_(std::move(other.buffer_)),
      buffered_frames_(std::exchange(other.buffered_frames_, 0)),
      frames_on_disk_(other.frames_on_disk_),
      sealed_(other.sealed_),
      sealed_buffer_(std::move(other.sealed_buffer_)) {}

WavRecorder& WavRecorder::operator=(WavRecorder&& other) noexcept {
    if (this != &other) {
        (void)close();
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
        options_ = other.options_;
        paused_ = other.paused_;
        buffer_ = std::move(other.buffer_);
        buffered_frames_ = std::exchange(other.buffered_frames_, 0);
        frames_on_disk_ = other.frames_on_disk_;
        sealed_ = other.sealed_;
        sealed_buffer_ = std::move(other.sealed_buffer_);
    }
    return *this;
}

WavRecorder::~WavRecorder() {
    (void)close();
}

Result<void> WavRecorder::fail_io(const char* what, int error) {
    return fail(Errc::Unavailable,
                "recording " + path_ + ": " + what + ": " + std::strerror(error));
}

Result<void> WavRecorder::write(std::span<const std::int16_t> caller,
                                std::span<const std::int16_t> agent) {
    if (caller.size() != agent.size()) {
        return fail(Errc::InvalidArgument, "recording " + path_ + ": caller has " +
                                               std::to_string(caller.size()) + " samples, agent " +
                                               std::to_string(agent.size()));
    }
    if (fd_ < 0) {
        return fail(Errc::InvalidArgument, "recording " + path_ + ": already closed");
    }
    if (paused_ && options_.pause_mode == PauseMode::Skip) {
        return {};
    }
    for (std::size_t i = 0; i < caller.size(); ++i) {
        std::int16_t* frame = &buffer_[buffered_frames_ * kChannels];
        frame[0] = paused_ ? std::int16_t{0} : caller[i];
        frame[1] = paused_ ? std::int16_t{0} : agent[i];
        if (++buffered_frames_ == options_.flush_frames) {
            if (auto flushed = flush(); !flushed) {
                return flushed;
            }
        }
    }
    return {};
}

Result<void> WavRecorder::flush() {
    return append(false);
}

Result<void> WavRecorder::append(bool closing) {
    if (fd_ < 0 || buffered_frames_ == 0) {
        return {};
    }
    // A sealed file's chunks are all whole but the last.
    if (sealed_ && !closing && buffered_frames_ < options_.flush_frames) {
        return {};
    }
    const std::size_t bytes = buffered_frames_ * kBytesPerFrame;
    if ((frames_on_disk_ + buffered_frames_) * kBytesPerFrame > kMaxWavDataBytes) {
        buffered_frames_ = 0;
        return fail(Errc::Unavailable, "recording " + path_ + ": reached the 4 GiB WAV limit");
    }
    // WAV samples are little-endian, as is every host Markaz runs on (x86-64, arm64).
    static_assert(std::endian::native == std::endian::little);
    if (sealed_) {
        return append_sealed(bytes);
    }
    // Each block goes at an explicit offset: after a failed, partial write the next block
    // overwrites the partial one, so the audio stays contiguous and the header, which counts
    // only whole blocks, keeps describing a valid file.
    const auto offset = static_cast<off_t>(kWavHeaderBytes + frames_on_disk_ * kBytesPerFrame);
    int error = 0;
    if (!write_all(fd_, buffer_.data(), bytes, offset, error)) {
        buffered_frames_ = 0;
        return fail_io("write audio", error);
    }
    frames_on_disk_ += buffered_frames_;
    buffered_frames_ = 0;
    return write_header();
}

Result<void> WavRecorder::append_sealed(std::size_t bytes) {
    // Every chunk before this one is whole, so the chunk's number follows from the frames.
    const std::uint64_t index = frames_on_disk_ / options_.flush_frames;
    seal_chunk(*options_.key, *sealed_, index,
               std::span(reinterpret_cast<const std::uint8_t*>(buffer_.data()), bytes),
               sealed_buffer_.data());
    const auto offset =
        static_cast<off_t>(SealedFormat::kHeaderBytes + index * sealed_->chunk_sealed_bytes());
    int error = 0;
    const bool written =
        write_all(fd_, sealed_buffer_.data(), bytes + SealedFormat::kTagBytes, offset, error);
    buffered_frames_ = 0;
    if (!written) {
        return fail_io("write audio", error);
    }
    frames_on_disk_ += bytes / kBytesPerFrame;
    return {};
}

Result<void> WavRecorder::write_header() {
    const auto h = wav_header(static_cast<std::uint32_t>(frames_on_disk_ * kBytesPerFrame),
                              kMixRate, kChannels);
    const ssize_t n = ::pwrite(fd_, h.data(), h.size(), 0);
    if (n != static_cast<ssize_t>(h.size())) {
        return fail_io("update header", n < 0 ? errno : EIO);
    }
    return {};
}

Result<void> WavRecorder::close() {
    if (fd_ < 0) {
        return {};
    }
    Result<void> result = append(true);
    if (::close(std::exchange(fd_, -1)) != 0 && result) {
        result = fail_io("close", errno);
    }
    return result;
}

}  // namespace markaz::media
