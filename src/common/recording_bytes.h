#pragma once

// A recording as the bytes of the WAV file it is, whatever it is kept as on disk (a plain WAV,
// or sealed: encrypted at rest, media/recording_seal.h), so the API serves ranges of it without
// knowing which.

#include <cstdint>
#include <span>

#include "common/result.h"

namespace markaz {

class RecordingBytes {
public:
    virtual ~RecordingBytes() = default;
    /// The WAV file's length in bytes.
    virtual std::uint64_t size() const = 0;
    /// Fills `out` with the bytes from `first` on (first + out.size() <= size()); Internal
    /// when the file on disk cannot be read or does not authenticate (changed since written).
    virtual Result<void> read(std::uint64_t first, std::span<char> out) = 0;
};

}  // namespace markaz
