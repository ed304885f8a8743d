#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "media/codec.h"

namespace markaz::media {

/// ITU-T G.711 companding, table driven (DESIGN §7). Both laws follow the ITU-T G.191 reference
/// code: μ-law works on the top 14 bits of a sample, A-law on the top 13, negative samples take
/// the one's complement, and decoding gives the middle of the quantisation step.
std::uint8_t ulaw_encode(std::int16_t sample) noexcept;
std::int16_t ulaw_decode(std::uint8_t code) noexcept;
std::uint8_t alaw_encode(std::int16_t sample) noexcept;
std::int16_t alaw_decode(std::uint8_t code) noexcept;

/// Buffer forms; `out` must hold `in.size()` elements.
void ulaw_encode(std::span<const std::int16_t> in, std::span<std::uint8_t> out) noexcept;
void ulaw_decode(std::span<const std::uint8_t> in, std::span<std::int16_t> out) noexcept;
void alaw_encode(std::span<const std::int16_t> in, std::span<std::uint8_t> out) noexcept;
void alaw_decode(std::span<const std::uint8_t> in, std::span<std::int16_t> out) noexcept;

/// G.711 as an RTP codec: 8 kHz, one byte per sample, stateless.
/// Static payload types are 0 (PCMU) and 8 (PCMA) (RFC 3551 table 4); a peer may map the
/// same codec to a dynamic type, so the payload type is a constructor argument.
class G711Codec final : public Codec {
public:
    enum class Law { Mu, A };
    G711Codec(Law law, std::uint8_t payload_type) noexcept
        : law_(law), payload_type_(payload_type) {}

    std::string_view name() const noexcept override { return law_ == Law::Mu ? "PCMU" : "PCMA"; }
    std::uint8_t payload_type() const noexcept override { return payload_type_; }
    std::uint32_t clock_rate() const noexcept override { return kMixRate; }
    std::uint32_t sample_rate() const noexcept override { return kMixRate; }
    std::size_t max_payload_bytes() const noexcept override { return kFrameSamples; }
    std::size_t slice_bytes() const noexcept override { return kMixRate / 100; }

    std::size_t encode(std::span<const std::int16_t> pcm,
                       std::span<std::uint8_t> out) noexcept override;
    /// Any payload length decodes (one sample per byte), so a peer sending 10 or 30 ms works.
    std::size_t decode(std::span<const std::uint8_t> payload,
                       std::span<std::int16_t> out) noexcept override;

private:
    Law law_;
    std::uint8_t payload_type_;
};

}  // namespace markaz::media
