#pragma once

// Reads a recording file as the WAV it holds (common/recording_bytes.h): a plain WAV as it is;
// a sealed one (media/recording_seal.h) decrypted on the fly, chunk by chunk, behind a WAV
// header made from its length, so ranges and libsndfile read it like any WAV.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/recording_bytes.h"
#include "media/recording_seal.h"
#include "media/sndfile_file.h"

namespace markaz::media {

class RecordingReader final : public RecordingBytes {
public:
    /// Opens `path`. NotFound when it cannot be opened; Unavailable when it is sealed and
    /// `key` is null or another key (the message names the key it needs); InvalidArgument when
    /// its header is damaged. A sealed file cut short by a crash opens with the chunks it has.
    static Result<std::unique_ptr<RecordingReader>> open(const std::string& path,
                                                         const RecordingKey* key);
    ~RecordingReader() override;
    RecordingReader(const RecordingReader&) = delete;
    RecordingReader& operator=(const RecordingReader&) = delete;

    std::uint64_t size() const override { return size_; }
    Result<void> read(std::uint64_t first, std::span<char> out) override;
    bool sealed() const noexcept { return sealed_.has_value(); }

private:
    struct Sealed {
        SealedFormat format;
        RecordingKey key;
        std::uint64_t plain_bytes = 0;  ///< audio bytes in the file's whole chunks
    };
    RecordingReader(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    Result<void> open_sealed(const RecordingKey* key, std::uint64_t file_size);
    /// Decrypts chunk `index` into chunk_ (once for consecutive reads of one chunk).
    Result<void> load_chunk(std::uint64_t index);
    Result<void> pread_all(std::uint64_t offset, std::span<std::uint8_t> out) const;

    int fd_;
    std::string path_;
    std::uint64_t size_ = 0;
    std::optional<Sealed> sealed_;
    std::vector<std::uint8_t> sealed_chunk_;
    std::vector<std::uint8_t> chunk_;
    std::optional<std::uint64_t> chunk_index_;
};

/// RecordingReader::open, as the API's RecordingBytes.
Result<std::unique_ptr<RecordingBytes>> open_recording(const std::string& path,
                                                       const RecordingKey* key);

/// Where libsndfile reads a recording through virtual I/O; must outlive the file opened on it.
struct SndfileSource {
    RecordingBytes* bytes = nullptr;
    sf_count_t at = 0;
};

/// libsndfile reading `source`; null when libsndfile cannot make sense of it.
SndfileFile open_sndfile(SndfileSource& source, SF_INFO& info);

}  // namespace markaz::media
