#include "sdp/sdp_session.h"

namespace markaz::sdp {
namespace {

void append_line(std::string& out, std::string_view line) {
    out += line;
    out += "\r\n";
}

}  // namespace

std::string_view to_string(MediaDirection direction) noexcept {
    switch (direction) {
        case MediaDirection::SendRecv:
            return "sendrecv";
        case MediaDirection::SendOnly:
            return "sendonly";
        case MediaDirection::RecvOnly:
            return "recvonly";
        case MediaDirection::Inactive:
            return "inactive";
    }
    return "sendrecv";
}

MediaDirection mirror(MediaDirection direction) noexcept {
    switch (direction) {
        case MediaDirection::SendOnly:
            return MediaDirection::RecvOnly;
        case MediaDirection::RecvOnly:
            return MediaDirection::SendOnly;
        default:
            return direction;
    }
}

bool SdpAddress::is_hold() const noexcept {
    return address == "0.0.0.0" || address == "::";
}

const SdpRtpMap* SdpMedia::rtpmap(std::uint8_t payload_type) const noexcept {
    for (const auto& map : rtpmaps) {
        if (map.payload_type == payload_type) {
            return &map;
        }
    }
    return nullptr;
}

const SdpFmtp* SdpMedia::fmtp(std::string_view format) const noexcept {
    for (const auto& f : fmtps) {
        if (f.format == format) {
            return &f;
        }
    }
    return nullptr;
}

const SdpAddress* SdpSession::connection_for(const SdpMedia& m) const noexcept {
    if (m.connection) {
        return &*m.connection;
    }
    return connection ? &*connection : nullptr;
}

MediaDirection SdpSession::direction_for(const SdpMedia& m) const noexcept {
    return m.direction.value_or(direction.value_or(MediaDirection::SendRecv));
}

std::string format_sdp(const SdpSession& s) {
    std::string out;
    append_line(out, "v=0");
    append_line(out, "o=" + s.origin_username + " " + s.session_id + " " + s.session_version +
                         " IN " + s.origin_address.type + " " + s.origin_address.address);
    append_line(out, "s=" + s.session_name);
    if (s.connection) {
        append_line(out, "c=IN " + s.connection->type + " " + s.connection->address);
    }
    append_line(out, "t=0 0");
    if (s.direction) {
        append_line(out, "a=" + std::string(to_string(*s.direction)));
    }
    for (const auto& m : s.media) {
        std::string line = "m=" + m.media + " " + std::to_string(m.port) + " " + m.protocol;
        for (const auto& format : m.formats) {
            line += " " + format;
        }
        append_line(out, line);
        if (m.connection) {
            append_line(out, "c=IN " + m.connection->type + " " + m.connection->address);
        }
        for (const auto& map : m.rtpmaps) {
            std::string rtpmap = "a=rtpmap:" + std::to_string(map.payload_type) + " " +
                                 map.encoding + "/" + std::to_string(map.clock_rate);
            if (map.channels != 1) {
                rtpmap += "/" + std::to_string(map.channels);
            }
            append_line(out, rtpmap);
        }
        for (const auto& f : m.fmtps) {
            append_line(out, "a=fmtp:" + f.format + " " + f.parameters);
        }
        if (m.ptime_ms) {
            append_line(out, "a=ptime:" + std::to_string(*m.ptime_ms));
        }
        if (m.direction) {
            append_line(out, "a=" + std::string(to_string(*m.direction)));
        }
    }
    return out;
}

}  // namespace markaz::sdp
