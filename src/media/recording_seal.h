#pragma once

// Recordings encrypted at rest (docs/recordings.md "Encryption at rest"): the key, and the
// sealed file's layout. A sealed recording is the WAV's audio cut in chunks of a fixed number
// of frames, each encrypted and authenticated on its own with XChaCha20-Poly1305 (libsodium),
// so the recorder appends a chunk a second as it records (a crash loses at most the last one,
// as with a plain WAV) and a reader seeks: a range of the recording costs the chunks it spans,
// not the whole file.
//
//   header (64 bytes): "MKZSEAL1", chunk frames (u32), sample rate (u32), channels (u16),
//                      bits per sample (u16), nonce prefix (16 random bytes), key id (8 bytes),
//                      20 bytes of zeros
//   chunk i:           ciphertext of up to chunk-frames frames of 16-bit PCM, then its 16-byte
//                      tag; nonce = prefix || i (little-endian u64); the header is the
//                      additional data, so a changed header fails every chunk
//
// Every chunk holds chunk-frames frames but the last. No sizes are rewritten: the length of
// the file says how much audio it holds.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"

namespace markaz::media {

/// The secret that seals recordings: 32 bytes, read from a file outside the store and the
/// recordings folder. Wiped from memory when it goes.
class RecordingKey {
public:
    static constexpr std::size_t kBytes = 32;

    /// The key in `path`: 32 raw bytes, or 64 hexadecimal digits (a trailing newline allowed).
    /// Refused (InvalidArgument, naming the file and what is wrong) when it is missing, of
    /// another length, or readable by anyone but its owner (chmod 600): a key others can read
    /// protects nothing.
    static Result<RecordingKey> load(const std::string& path);
    /// A key from its bytes (tests, `markaz recording-key`); InvalidArgument unless 32 bytes.
    static Result<RecordingKey> from_bytes(std::span<const std::uint8_t> bytes);
    /// A fresh random key.
    static RecordingKey generate();

    RecordingKey(const RecordingKey&) = default;
    RecordingKey& operator=(const RecordingKey&) = default;
    ~RecordingKey();

    const std::array<std::uint8_t, kBytes>& bytes() const noexcept { return bytes_; }
    /// A public 8-byte name of the key (a keyed hash, not the key), written in each sealed
    /// file, so a reader holding another key says so instead of "corrupt".
    const std::array<std::uint8_t, 8>& id() const noexcept { return id_; }
    /// id() in hexadecimal, for logs.
    std::string id_hex() const;

private:
    RecordingKey() = default;
    std::array<std::uint8_t, kBytes> bytes_{};
    std::array<std::uint8_t, 8> id_{};
};

/// The layout of a sealed recording.
struct SealedFormat {
    static constexpr std::size_t kHeaderBytes = 64;
    static constexpr std::size_t kTagBytes = 16;
    static constexpr std::string_view kMagic = "MKZSEAL1";

    std::uint32_t chunk_frames = 0;
    std::uint32_t sample_rate = 0;
    std::uint16_t channels = 0;
    std::uint16_t bits_per_sample = 0;
    std::array<std::uint8_t, 16> nonce_prefix{};
    std::array<std::uint8_t, 8> key_id{};

    std::size_t frame_bytes() const noexcept { return std::size_t{channels} * bits_per_sample / 8; }
    /// Plain bytes in a full chunk, and what the chunk takes in the file.
    std::size_t chunk_plain_bytes() const noexcept { return chunk_frames * frame_bytes(); }
    std::size_t chunk_sealed_bytes() const noexcept { return chunk_plain_bytes() + kTagBytes; }

    /// A new file's format for `key`: a random nonce prefix.
    static SealedFormat fresh(const RecordingKey& key, std::uint32_t chunk_frames,
                              std::uint32_t sample_rate, std::uint16_t channels);
    std::array<std::uint8_t, kHeaderBytes> header() const;
    /// The format in a file's first 64 bytes; InvalidArgument when they are not a sealed
    /// recording's header (a plain WAV, a foreign file) or describe an impossible one.
    static Result<SealedFormat> parse(std::span<const std::uint8_t> header);
};

/// A key id (RecordingKey::id, SealedFormat::key_id) in hexadecimal, for logs.
std::string key_id_hex(const std::array<std::uint8_t, 8>& id);

/// True when `first_bytes` (a file's beginning) start with a sealed recording's magic.
bool is_sealed(std::span<const std::uint8_t> first_bytes) noexcept;

/// Chunk `index` sealed: `plain.size() + 16` bytes written to `out`.
void seal_chunk(const RecordingKey& key, const SealedFormat& format, std::uint64_t index,
                std::span<const std::uint8_t> plain, std::uint8_t* out);
/// Chunk `index` opened into `out` (`sealed.size() - 16` bytes); false when it does not
/// authenticate (changed, cut short, another key or another position).
bool open_chunk(const RecordingKey& key, const SealedFormat& format, std::uint64_t index,
                std::span<const std::uint8_t> sealed, std::uint8_t* out);

}  // namespace markaz::media
