#include "media/recording_seal.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sodium.h>
#include <sys/stat.h>
#include <vector>

#include "common/check.h"

namespace markaz::media {
namespace {

void sodium_ready() {
    // Safe from several threads; 1 when already done.
    static const int status = sodium_init();
    MARKAZ_CHECK(status >= 0, "libsodium could not be initialised");
}

void put_le(std::uint8_t* p, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
    }
}

std::uint64_t get_le(const std::uint8_t* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) {
        v = (v << 8) | p[i];
    }
    return v;
}

using Nonce = std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES>;
static_assert(Nonce{}.size() == 16 + 8);

Nonce chunk_nonce(const SealedFormat& format, std::uint64_t index) {
    Nonce nonce{};
    std::copy(format.nonce_prefix.begin(), format.nonce_prefix.end(), nonce.begin());
    put_le(nonce.data() + 16, index, 8);
    return nonce;
}

/// Two hexadecimal digits per byte, both cases.
bool from_hex(std::string_view hex, std::array<std::uint8_t, RecordingKey::kBytes>& out) {
    std::size_t written = 0;
    return hex.size() == out.size() * 2 &&
           sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &written,
                          nullptr) == 0 &&
           written == out.size();
}

}  // namespace

RecordingKey::~RecordingKey() {
    sodium_memzero(bytes_.data(), bytes_.size());
}

Result<RecordingKey> RecordingKey::from_bytes(std::span<const std::uint8_t> bytes) {
    sodium_ready();
    if (bytes.size() != kBytes) {
        return fail(Errc::InvalidArgument,
                    "a recording key is 32 bytes, not " + std::to_string(bytes.size()));
    }
    RecordingKey key;
    std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
    // A keyed hash of a fixed text: names the key without saying anything of it.
    static constexpr std::string_view kIdText = "markaz recording key id";
    crypto_generichash(key.id_.data(), key.id_.size(),
                       reinterpret_cast<const unsigned char*>(kIdText.data()), kIdText.size(),
                       key.bytes_.data(), key.bytes_.size());
    return key;
}

RecordingKey RecordingKey::generate() {
    sodium_ready();
    std::array<std::uint8_t, kBytes> raw{};
    randombytes_buf(raw.data(), raw.size());
    auto key = from_bytes(raw);
    sodium_memzero(raw.data(), raw.size());
    return std::move(*key);
}

std::string key_id_hex(const std::array<std::uint8_t, 8>& id) {
    std::string hex(id.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), id.data(), id.size());
    hex.pop_back();
    return hex;
}

std::string RecordingKey::id_hex() const {
    return key_id_hex(id_);
}

Result<RecordingKey> RecordingKey::load(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return fail(Errc::InvalidArgument, "recording key " + path + ": " + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        return fail(Errc::InvalidArgument, "recording key " + path + ": not a regular file");
    }
    if ((st.st_mode & 0077) != 0) {
        return fail(Errc::InvalidArgument,
                    "recording key " + path +
                        ": readable or writable by others than its owner; chmod 600 it");
    }
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> content{std::istreambuf_iterator<char>(in), {}};
    if (!in.eof() && !in) {
        return fail(Errc::InvalidArgument, "recording key " + path + ": cannot be read");
    }
    std::array<std::uint8_t, kBytes> raw{};
    std::string_view text(reinterpret_cast<const char*>(content.data()), content.size());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    Result<RecordingKey> key = content.size() == kBytes ? from_bytes(content)
                               : from_hex(text, raw)
                                   ? from_bytes(raw)
                                   : fail(Errc::InvalidArgument, "recording key " + path +
                                                                     ": must hold 32 bytes, or 64 "
                                                                     "hexadecimal digits");
    sodium_memzero(raw.data(), raw.size());
    sodium_memzero(content.data(), content.size());
    return key;
}

SealedFormat SealedFormat::fresh(const RecordingKey& key, std::uint32_t chunk_frames,
                                 std::uint32_t sample_rate, std::uint16_t channels) {
    sodium_ready();
    SealedFormat format;
    format.chunk_frames = chunk_frames;
    format.sample_rate = sample_rate;
    format.channels = channels;
    format.bits_per_sample = 16;
    randombytes_buf(format.nonce_prefix.data(), format.nonce_prefix.size());
    format.key_id = key.id();
    return format;
}

std::array<std::uint8_t, SealedFormat::kHeaderBytes> SealedFormat::header() const {
    std::array<std::uint8_t, kHeaderBytes> h{};
    std::memcpy(h.data(), kMagic.data(), kMagic.size());
    put_le(h.data() + 8, chunk_frames, 4);
    put_le(h.data() + 12, sample_rate, 4);
    put_le(h.data() + 16, channels, 2);
    put_le(h.data() + 18, bits_per_sample, 2);
    std::copy(nonce_prefix.begin(), nonce_prefix.end(), h.begin() + 20);
    std::copy(key_id.begin(), key_id.end(), h.begin() + 36);
    return h;
}

bool is_sealed(std::span<const std::uint8_t> first_bytes) noexcept {
    return first_bytes.size() >= SealedFormat::kMagic.size() &&
           std::memcmp(first_bytes.data(), SealedFormat::kMagic.data(),
                       SealedFormat::kMagic.size()) == 0;
}

Result<SealedFormat> SealedFormat::parse(std::span<const std::uint8_t> header) {
    if (header.size() < kHeaderBytes || !is_sealed(header)) {
        return fail(Errc::InvalidArgument, "not a sealed recording");
    }
    SealedFormat f;
    f.chunk_frames = static_cast<std::uint32_t>(get_le(header.data() + 8, 4));
    f.sample_rate = static_cast<std::uint32_t>(get_le(header.data() + 12, 4));
    f.channels = static_cast<std::uint16_t>(get_le(header.data() + 16, 2));
    f.bits_per_sample = static_cast<std::uint16_t>(get_le(header.data() + 18, 2));
    std::copy_n(header.begin() + 20, f.nonce_prefix.size(), f.nonce_prefix.begin());
    std::copy_n(header.begin() + 36, f.key_id.size(), f.key_id.begin());
    // Bounds that keep every size below in range: up to a minute of 8 channels a chunk.
    if (f.bits_per_sample != 16 || f.channels < 1 || f.channels > 8 || f.sample_rate < 1000 ||
        f.sample_rate > 192000 || f.chunk_frames < 1 || f.chunk_frames > 60 * f.sample_rate) {
        return fail(Errc::InvalidArgument, "a sealed recording's header describes no audio");
    }
    return f;
}

void seal_chunk(const RecordingKey& key, const SealedFormat& format, std::uint64_t index,
                std::span<const std::uint8_t> plain, std::uint8_t* out) {
    const Nonce nonce = chunk_nonce(format, index);
    const auto header = format.header();
    crypto_aead_xchacha20poly1305_ietf_encrypt(out, nullptr, plain.data(), plain.size(),
                                               header.data(), header.size(), nullptr, nonce.data(),
                                               key.bytes().data());
}

bool open_chunk(const RecordingKey& key, const SealedFormat& format, std::uint64_t index,
                std::span<const std::uint8_t> sealed, std::uint8_t* out) {
    if (sealed.size() < SealedFormat::kTagBytes) {
        return false;
    }
    const Nonce nonce = chunk_nonce(format, index);
    const auto header = format.header();
    return crypto_aead_xchacha20poly1305_ietf_decrypt(out, nullptr, nullptr, sealed.data(),
                                                      sealed.size(), header.data(), header.size(),
                                                      nonce.data(), key.bytes().data()) == 0;
}

}  // namespace markaz::media
