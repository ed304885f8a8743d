// The SDP parser: parse_sdp() of sdp_session.h.

#include <algorithm>
#include <charconv>
#include <limits>

#include "sdp/sdp_session.h"

namespace markaz::sdp {
namespace {

constexpr std::size_t kMaxSdpBytes = 64 * 1024;

/// Fields separated by spaces (RFC 4566 says one; tabs and runs are tolerated).
std::vector<std::string_view> fields(std::string_view value) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < value.size()) {
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < value.size() && value[i] != ' ' && value[i] != '\t') {
            ++i;
        }
        if (i > start) {
            out.push_back(value.substr(start, i - start));
        }
    }
    return out;
}

template <class T>
bool parse_number(std::string_view text, T max, T& out) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value > max) {
        return false;
    }
    out = static_cast<T>(value);
    return true;
}

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string quoted(std::string_view text) {
    return "'" + std::string(text) + "'";
}

/// The state of one parse: where we are, and what has been seen.
class SdpParser {
public:
    Result<SdpSession> parse(std::string_view text);

private:
    Failure error(std::string message) const {
        return fail(Errc::InvalidArgument, "sdp line " + std::to_string(line_) + ": " + message);
    }
    Result<void> line(char type, std::string_view value);
    Result<void> origin(std::string_view value);
    Result<SdpAddress> address(std::string_view what, std::string_view nettype,
                               std::string_view addrtype, std::string_view address) const;
    Result<void> connection(std::string_view value);
    Result<void> media(std::string_view value);
    Result<void> attribute(std::string_view value);
    Result<void> rtpmap(std::string_view value);
    Result<void> fmtp(std::string_view value);
    Result<void> ptime(std::string_view value);
    Result<void> finish();

    SdpMedia* current() { return session_.media.empty() ? nullptr : &session_.media.back(); }

    SdpSession session_;
    std::size_t line_ = 0;
    bool seen_origin_ = false;
    bool seen_name_ = false;
};

Result<SdpSession> SdpParser::parse(std::string_view text) {
    if (text.size() > kMaxSdpBytes) {
        return fail(Errc::InvalidArgument, "sdp: body of " + std::to_string(text.size()) +
                                               " bytes is over the 64 KiB limit");
    }
    while (!text.empty()) {
        const auto eol = text.find('\n');
        std::string_view value = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view{} : text.substr(eol + 1);
        ++line_;
        if (!value.empty() && value.back() == '\r') {
            value.remove_suffix(1);
        }
        if (value.empty()) {
            if (text.find_first_not_of("\r\n") == std::string_view::npos) {
                break;  // trailing blank lines
            }
            return error("empty line");
        }
        if (value.size() < 2 || value[1] != '=' || value[0] < 'a' || value[0] > 'z') {
            return error("expected '<letter>=<value>', got " + quoted(value.substr(0, 40)));
        }
        if (line_ == 1 && value[0] != 'v') {
            return error("an SDP body starts with v=0");
        }
        if (auto result = line(value[0], value.substr(2)); !result) {
            return fail(result.error());
        }
    }
    if (line_ == 0) {
        return fail(Errc::InvalidArgument, "sdp: empty body");
    }
    if (auto result = finish(); !result) {
        return fail(result.error());
    }
    return std::move(session_);
}

Result<void> SdpParser::line(char type, std::string_view value) {
    switch (type) {
        case 'v':
            if (line_ != 1) {
                return error("v= may appear only as the first line");
            }
            if (value != "0") {
                return error("v=: unsupported version " + quoted(value));
            }
            return {};
        case 'o':
            return origin(value);
        case 's':
            if (seen_name_ || current() != nullptr) {
                return error("s= must appear once, before the first m=");
            }
            seen_name_ = true;
            session_.session_name = std::string(value);
            return {};
        case 'c':
            return connection(value);
        case 'm':
            return media(value);
        case 'a':
            return attribute(value);
        case 'i':  // RFC 4566 lines Markaz has no use for
        case 'u':
        case 'e':
        case 'p':
        case 'b':
        case 't':
        case 'r':
        case 'z':
        case 'k':
            return {};
        default:
            // RFC 4566 §5: a parser must reject a description with a type it does not know.
            return error(std::string("unknown line type '") + type + "='");
    }
}

Result<void> SdpParser::origin(std::string_view value) {
    if (seen_origin_ || current() != nullptr) {
        return error("o= must appear once, before the first m=");
    }
    seen_origin_ = true;
    const auto f = fields(value);
    if (f.size() != 6) {
        return error("o= needs 6 fields (username sess-id sess-version IN IP4 address), got " +
                     std::to_string(f.size()));
    }
    if (!all_digits(f[1]) || !all_digits(f[2])) {
        return error("o=: session id and version must be numbers");
    }
    auto origin_address = address("o=", f[3], f[4], f[5]);
    if (!origin_address) {
        return fail(origin_address.error());
    }
    session_.origin_username = std::string(f[0]);
    session_.session_id = std::string(f[1]);
    session_.session_version = std::string(f[2]);
    session_.origin_address = std::move(*origin_address);
    return {};
}

Result<SdpAddress> SdpParser::address(std::string_view what, std::string_view nettype,
                                      std::string_view addrtype, std::string_view addr) const {
    if (nettype != "IN") {
        return error(std::string(what) + ": network type " + quoted(nettype) + " is not IN");
    }
    if (addrtype != "IP4" && addrtype != "IP6") {
        return error(std::string(what) + ": address type " + quoted(addrtype) +
                     " is not IP4 or IP6");
    }
    const std::string_view bare = addr.substr(0, addr.find('/'));  // multicast "/ttl"
    if (bare.empty()) {
        return error(std::string(what) + ": empty address");
    }
    return SdpAddress{std::string(addrtype), std::string(bare)};
}

Result<void> SdpParser::connection(std::string_view value) {
    const auto f = fields(value);
    if (f.size() != 3) {
        return error("c= needs 3 fields (IN IP4 address), got " + std::to_string(f.size()));
    }
    auto parsed = address("c=", f[0], f[1], f[2]);
    if (!parsed) {
        return fail(parsed.error());
    }
    auto& target = current() ? current()->connection : session_.connection;
    if (target) {
        return error("c= appears twice at the same level");
    }
    target = std::move(*parsed);
    return {};
}

Result<void> SdpParser::media(std::string_view value) {
    if (!seen_origin_ || !seen_name_) {
        return error("m= before the o= and s= lines");
    }
    const auto f = fields(value);
    if (f.size() < 4) {
        return error("m= needs media, port, protocol and at least one format");
    }
    SdpMedia m;
    m.line = line_;
    m.media = std::string(f[0]);
    const std::string_view port = f[1].substr(0, f[1].find('/'));  // "port/number of ports"
    if (!parse_number(port, std::uint16_t{65535}, m.port)) {
        return error("m=: port " + quoted(f[1]) + " is not a number (0..65535)");
    }
    m.protocol = std::string(f[2]);
    const bool rtp = m.protocol.rfind("RTP/", 0) == 0;
    for (std::size_t i = 3; i < f.size(); ++i) {
        m.formats.emplace_back(f[i]);
        if (rtp) {
            std::uint8_t pt = 0;
            if (!parse_number(f[i], std::uint8_t{127}, pt)) {
                return error("m=: payload type " + quoted(f[i]) + " is not a number (0..127)");
            }
            m.payload_types.push_back(pt);
        }
    }
    session_.media.push_back(std::move(m));
    return {};
}

Result<void> SdpParser::attribute(std::string_view value) {
    const auto colon = value.find(':');
    const std::string_view name = value.substr(0, colon);
    const std::string_view arg =
        colon == std::string_view::npos ? std::string_view{} : value.substr(colon + 1);
    std::optional<MediaDirection> direction;
    if (name == "sendrecv") {
        direction = MediaDirection::SendRecv;
    } else if (name == "sendonly") {
        direction = MediaDirection::SendOnly;
    } else if (name == "recvonly") {
        direction = MediaDirection::RecvOnly;
    } else if (name == "inactive") {
        direction = MediaDirection::Inactive;
    }
    if (direction) {
        (current() ? current()->direction : session_.direction) = direction;
        return {};
    }
    if (current() == nullptr) {
        return {};  // other session-level attributes do not concern audio negotiation
    }
    if (name == "rtpmap") {
        return rtpmap(arg);
    }
    if (name == "fmtp") {
        return fmtp(arg);
    }
    if (name == "ptime") {
        return ptime(arg);
    }
    return {};  // a=rtcp, a=ice-*, a=ssrc, a=maxptime, ...: not used
}

Result<void> SdpParser::rtpmap(std::string_view value) {
    const auto f = fields(value);
    if (f.size() != 2) {
        return error("a=rtpmap needs '<payload type> <encoding>/<clock rate>'");
    }
    SdpRtpMap map;
    if (!parse_number(f[0], std::uint8_t{127}, map.payload_type)) {
        return error("a=rtpmap: payload type " + quoted(f[0]) + " is not a number (0..127)");
    }
    const std::string_view spec = f[1];
    const auto slash = spec.find('/');
    const auto slash2 = slash == std::string_view::npos ? slash : spec.find('/', slash + 1);
    map.encoding = std::string(spec.substr(0, slash));
    const std::string_view rate = slash == std::string_view::npos
                                      ? std::string_view{}
                                      : spec.substr(slash + 1, slash2 - slash - 1);
    if (map.encoding.empty() ||
        !parse_number(rate, std::numeric_limits<std::uint32_t>::max(), map.clock_rate) ||
        map.clock_rate == 0) {
        return error("a=rtpmap: " + quoted(spec) + " is not <encoding>/<clock rate>");
    }
    if (slash2 != std::string_view::npos &&
        (!parse_number(spec.substr(slash2 + 1), std::uint8_t{255}, map.channels) ||
         map.channels == 0)) {
        return error("a=rtpmap: channels in " + quoted(spec) + " is not a number (1..255)");
    }
    current()->rtpmaps.push_back(std::move(map));
    return {};
}

Result<void> SdpParser::fmtp(std::string_view value) {
    const auto space = value.find(' ');
    const std::string_view format = value.substr(0, space);
    if (format.empty()) {
        return error("a=fmtp needs '<format> <parameters>'");
    }
    const std::string_view parameters =
        space == std::string_view::npos ? std::string_view{} : value.substr(space + 1);
    current()->fmtps.push_back({std::string(format), std::string(parameters)});
    return {};
}

Result<void> SdpParser::ptime(std::string_view value) {
    // Some phones write "20.0"; the fraction of a millisecond does not matter.
    const std::string_view whole = value.substr(0, value.find('.'));
    std::uint32_t ms = 0;
    if (!parse_number(whole, std::uint32_t{1000}, ms) || ms == 0) {
        return error("a=ptime: " + quoted(value) + " is not a number of milliseconds (1..1000)");
    }
    current()->ptime_ms = ms;
    return {};
}

Result<void> SdpParser::finish() {
    if (!seen_origin_) {
        return fail(Errc::InvalidArgument, "sdp: no o= line");
    }
    if (!seen_name_) {
        return fail(Errc::InvalidArgument, "sdp: no s= line");
    }
    for (const auto& m : session_.media) {
        // RFC 4566 §5.7: every media section needs a c=, its own or the session's. A rejected
        // stream (port 0) carries no media, so it is let through.
        if (m.port != 0 && session_.connection_for(m) == nullptr) {
            return fail(Errc::InvalidArgument, "sdp line " + std::to_string(m.line) +
                                                   ": m=" + m.media +
                                                   " has no c= line, nor has the session");
        }
    }
    return {};
}

}  // namespace

Result<SdpSession> parse_sdp(std::string_view text) {
    return SdpParser{}.parse(text);
}

}  // namespace markaz::sdp
