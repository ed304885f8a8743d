#include "media/rtp_packet.h"

#include <cstring>
#include <string>

namespace markaz::media {
namespace {

std::uint16_t read16(const std::uint8_t* p) noexcept {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

std::uint32_t read32(const std::uint8_t* p) noexcept {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

void write16(std::uint8_t* p, std::uint16_t v) noexcept {
    p[0] = static_cast<std::uint8_t>(v >> 8);
    p[1] = static_cast<std::uint8_t>(v);
}

void write32(std::uint8_t* p, std::uint32_t v) noexcept {
    p[0] = static_cast<std::uint8_t>(v >> 24);
    p[1] = static_cast<std::uint8_t>(v >> 16);
    p[2] = static_cast<std::uint8_t>(v >> 8);
    p[3] = static_cast<std::uint8_t>(v);
}

}  // namespace

std::string_view describe(RtpError error) noexcept {
    switch (error) {
        case RtpError::None:
            return "ok";
        case RtpError::TooShort:
            return "shorter than the 12-byte RTP header";
        case RtpError::BadVersion:
            return "RTP version is not 2";
        case RtpError::TruncatedCsrc:
            return "CSRC list runs past the end";
        case RtpError::TruncatedExtension:
            return "header extension runs past the end";
        case RtpError::BadPadding:
            return "bad padding length";
    }
    return "unknown error";
}

RtpError parse_rtp(std::span<const std::uint8_t> datagram, RtpPacket& out) noexcept {
    // Every length below is checked against what is left before it is used: datagrams come
    // from anyone on the network.
    const std::size_t size = datagram.size();
    if (size < kRtpHeaderBytes) {
        return RtpError::TooShort;
    }
    const std::uint8_t* p = datagram.data();
    if ((p[0] >> 6) != 2) {
        return RtpError::BadVersion;
    }
    const bool has_padding = (p[0] & 0x20) != 0;
    out.has_extension = (p[0] & 0x10) != 0;
    out.csrc_count = p[0] & 0x0F;
    out.header.marker = (p[1] & 0x80) != 0;
    out.header.payload_type = p[1] & 0x7F;
    out.header.sequence = read16(p + 2);
    out.header.timestamp = read32(p + 4);
    out.header.ssrc = read32(p + 8);

    std::size_t offset = kRtpHeaderBytes;
    if (size - offset < std::size_t{out.csrc_count} * 4) {
        return RtpError::TruncatedCsrc;
    }
    for (std::size_t i = 0; i < out.csrc_count; ++i, offset += 4) {
        out.csrcs[i] = read32(p + offset);
    }

    out.extension_profile = 0;
    out.extension = {};
    if (out.has_extension) {
        // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the data.
        if (size - offset < 4) {
            return RtpError::TruncatedExtension;
        }
        out.extension_profile = read16(p + offset);
        const std::size_t words = read16(p + offset + 2);
        offset += 4;
        if (size - offset < words * 4) {
            return RtpError::TruncatedExtension;
        }
        out.extension = datagram.subspan(offset, words * 4);
        offset += words * 4;
    }

    std::size_t payload_size = size - offset;
    out.padding = 0;
    if (has_padding) {
        // RFC 3550 §5.1: the last octet counts the padding octets, itself included.
        const std::uint8_t count = p[size - 1];
        if (count == 0 || count > payload_size) {
            return RtpError::BadPadding;
        }
        out.padding = count;
        payload_size -= count;
    }
    out.payload = datagram.subspan(offset, payload_size);
    return RtpError::None;
}

Result<RtpPacket> parse_rtp(std::span<const std::uint8_t> datagram) {
    RtpPacket packet;
    const RtpError error = parse_rtp(datagram, packet);
    if (error != RtpError::None) {
        return fail(Errc::InvalidArgument, "rtp: " + std::string(describe(error)) + " (" +
                                               std::to_string(datagram.size()) + " bytes)");
    }
    return packet;
}

std::size_t write_rtp(const RtpHeader& header, std::span<const std::uint8_t> payload,
                      std::span<std::uint8_t> out) noexcept {
    const std::size_t size = kRtpHeaderBytes + payload.size();
    if (out.size() < size) {
        return 0;
    }
    std::uint8_t* p = out.data();
    p[0] = 0x80;  // version 2, no padding, no extension, no CSRC
    p[1] = static_cast<std::uint8_t>((header.marker ? 0x80 : 0) | (header.payload_type & 0x7F));
    write16(p + 2, header.sequence);
    write32(p + 4, header.timestamp);
    write32(p + 8, header.ssrc);
    if (!payload.empty()) {
        std::memcpy(p + kRtpHeaderBytes, payload.data(), payload.size());
    }
    return size;
}

}  // namespace markaz::media
