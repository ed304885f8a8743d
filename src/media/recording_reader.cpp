#include "media/recording_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "media/wav_header.h"

namespace markaz::media {

Result<std::unique_ptr<RecordingReader>> RecordingReader::open(const std::string& path,
                                                               const RecordingKey* key) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(Errc::NotFound, path + ": " + std::strerror(errno));
    }
    std::unique_ptr<RecordingReader> reader(new RecordingReader(fd, path));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        return fail(Errc::NotFound, path + ": not a regular file");
    }
    const auto file_size = static_cast<std::uint64_t>(st.st_size);
    std::array<std::uint8_t, SealedFormat::kMagic.size()> magic{};
    if (file_size < magic.size() || !reader->pread_all(0, magic) || !is_sealed(magic)) {
        reader->size_ = file_size;  // a plain WAV, served as it is
        return reader;
    }
    if (auto sealed = reader->open_sealed(key, file_size); !sealed) {
        return fail(sealed.error());
    }
    return reader;
}

RecordingReader::~RecordingReader() {
    ::close(fd_);
    if (!chunk_.empty()) {
        std::fill(chunk_.begin(), chunk_.end(), std::uint8_t{0});  // the decrypted audio
    }
}

Result<void> RecordingReader::pread_all(std::uint64_t offset, std::span<std::uint8_t> out) const {
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n =
            ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return fail(Errc::Internal,
                        path_ + ": " + (n < 0 ? std::strerror(errno) : "too short"));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

Result<void> RecordingReader::open_sealed(const RecordingKey* key, std::uint64_t file_size) {
    std::array<std::uint8_t, SealedFormat::kHeaderBytes> header{};
    if (file_size < header.size() || !pread_all(0, header)) {
        return fail(Errc::InvalidArgument, path_ + ": a sealed recording cut short in its header");
    }
    auto format = SealedFormat::parse(header);
    if (!format) {
        return fail(Errc::InvalidArgument, path_ + ": " + format.error().message);
    }
    if (key == nullptr) {
        return fail(Errc::Unavailable, path_ + ": sealed, and this server has no recording key");
    }
    if (format->key_id != key->id()) {
        return fail(Errc::Unavailable, path_ + ": sealed with key " + key_id_hex(format->key_id) +
                                           ", and this server's key is " + key->id_hex());
    }
    sealed_.emplace(Sealed{*format, *key, 0});
    const std::uint64_t body = file_size - header.size();
    const std::uint64_t whole = body / format->chunk_sealed_bytes();
    sealed_->plain_bytes = whole * format->chunk_plain_bytes();
    sealed_chunk_.resize(format->chunk_sealed_bytes());
    chunk_.resize(format->chunk_plain_bytes());
    // What follows the whole chunks is the recording's last, shorter chunk, or the torn end of
    // a write a crash interrupted: kept only when it authenticates.
    const std::uint64_t rest = body % format->chunk_sealed_bytes();
    if (rest > SealedFormat::kTagBytes) {
        const std::span tail(sealed_chunk_.data(), rest);
        if (pread_all(header.size() + whole * format->chunk_sealed_bytes(), tail) &&
            open_chunk(*key, *format, whole, tail, chunk_.data())) {
            const std::uint64_t plain = rest - SealedFormat::kTagBytes;
            sealed_->plain_bytes += plain - plain % format->frame_bytes();
            chunk_index_ = whole;
        }
    }
    sealed_->plain_bytes = std::min(sealed_->plain_bytes, kMaxWavDataBytes);
    size_ = kWavHeaderBytes + sealed_->plain_bytes;
    return {};
}

Result<void> RecordingReader::load_chunk(std::uint64_t index) {
    if (chunk_index_ == index) {
        return {};
    }
    const SealedFormat& format = sealed_->format;
    const std::uint64_t from = index * format.chunk_plain_bytes();
    const std::uint64_t plain =
        std::min<std::uint64_t>(format.chunk_plain_bytes(), sealed_->plain_bytes - from);
    const std::span sealed(sealed_chunk_.data(), plain + SealedFormat::kTagBytes);
    if (auto read =
            pread_all(SealedFormat::kHeaderBytes + index * format.chunk_sealed_bytes(), sealed);
        !read) {
        return read;
    }
    chunk_index_.reset();
    if (!open_chunk(sealed_->key, format, index, sealed, chunk_.data())) {
        return fail(Errc::Internal, path_ + ": chunk " + std::to_string(index) +
                                        " does not authenticate (changed since it was written)");
    }
    chunk_index_ = index;
    return {};
}

Result<void> RecordingReader::read(std::uint64_t first, std::span<char> out) {
    if (first > size_ || out.size() > size_ - first) {
        return fail(Errc::InvalidArgument, path_ + ": read past the end");
    }
    if (!sealed_) {
        return pread_all(first, std::span(reinterpret_cast<std::uint8_t*>(out.data()), out.size()));
    }
    std::size_t done = 0;
    if (first < kWavHeaderBytes) {
        const auto header = wav_header(static_cast<std::uint32_t>(sealed_->plain_bytes),
                                       sealed_->format.sample_rate, sealed_->format.channels);
        done = std::min<std::size_t>(out.size(), kWavHeaderBytes - first);
        std::memcpy(out.data(), header.data() + first, done);
    }
    const std::uint64_t chunk_bytes = sealed_->format.chunk_plain_bytes();
    while (done < out.size()) {
        const std::uint64_t plain_at = first + done - kWavHeaderBytes;
        if (auto loaded = load_chunk(plain_at / chunk_bytes); !loaded) {
            return loaded;
        }
        const std::uint64_t within = plain_at % chunk_bytes;
        const std::size_t n = std::min<std::size_t>(out.size() - done, chunk_bytes - within);
        std::memcpy(out.data() + done, chunk_.data() + within, n);
        done += n;
    }
    return {};
}

Result<std::unique_ptr<RecordingBytes>> open_recording(const std::string& path,
                                                       const RecordingKey* key) {
    auto reader = RecordingReader::open(path, key);
    if (!reader) {
        return fail(reader.error());
    }
    return std::unique_ptr<RecordingBytes>(std::move(*reader));
}

namespace {

sf_count_t source_length(void* user) {
    return static_cast<sf_count_t>(static_cast<SndfileSource*>(user)->bytes->size());
}

sf_count_t source_seek(sf_count_t offset, int whence, void* user) {
    auto* source = static_cast<SndfileSource*>(user);
    const auto size = static_cast<sf_count_t>(source->bytes->size());
    const sf_count_t base = whence == SEEK_CUR ? source->at : whence == SEEK_END ? size : 0;
    source->at = std::clamp<sf_count_t>(base + offset, 0, size);
    return source->at;
}

sf_count_t source_read(void* out, sf_count_t count, void* user) {
    auto* source = static_cast<SndfileSource*>(user);
    const auto size = static_cast<sf_count_t>(source->bytes->size());
    const sf_count_t n = std::clamp<sf_count_t>(size - source->at, 0, count);
    if (n == 0 ||
        !source->bytes->read(static_cast<std::uint64_t>(source->at),
                             std::span(static_cast<char*>(out), static_cast<std::size_t>(n)))) {
        return 0;  // libsndfile reads a damaged chunk as the end of the audio
    }
    source->at += n;
    return n;
}

sf_count_t source_write(const void*, sf_count_t, void*) {
    return 0;
}

sf_count_t source_tell(void* user) {
    return static_cast<SndfileSource*>(user)->at;
}

}  // namespace

SndfileFile open_sndfile(SndfileSource& source, SF_INFO& info) {
    SF_VIRTUAL_IO io{source_length, source_seek, source_read, source_write, source_tell};
    return SndfileFile(sf_open_virtual(&io, SFM_READ, &info, &source));
}

}  // namespace markaz::media
