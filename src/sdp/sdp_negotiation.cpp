#include "sdp/sdp_negotiation.h"

#include <arpa/inet.h>
#include <array>
#include <string_view>

#include "common/text.h"

namespace markaz::sdp {
namespace {

constexpr std::string_view kProtocol = "RTP/AVP";
constexpr std::string_view kTelephoneEvent = "telephone-event";
constexpr std::uint32_t kTelephoneEventRate = 8000;
constexpr std::string_view kDtmfEvents = "0-15";  // RFC 4733 §3.2: the 16 DTMF events
constexpr std::uint32_t kPtimeMs = 20;

struct CodecInfo {
    CodecKind kind;
    std::string_view name;
    std::uint8_t static_payload_type;
    std::uint32_t clock_rate;
};

constexpr std::array kCodecs{
    CodecInfo{CodecKind::Pcmu, "PCMU", 0, 8000},
    CodecInfo{CodecKind::Pcma, "PCMA", 8, 8000},
};

const CodecInfo& info(CodecKind kind) {
    for (const auto& codec : kCodecs) {
        if (codec.kind == kind) {
            return codec;
        }
    }
    return kCodecs[0];
}

/// RFC 3551 table 4: static audio payload types, which an offer may use without a=rtpmap.
/// The ones Markaz cannot decode are listed so that a 488's reason names them.
std::optional<SdpRtpMap> static_payload_type(std::uint8_t pt) {
    struct Static {
        std::uint8_t pt;
        std::string_view encoding;
        std::uint32_t rate;
    };
    static constexpr std::array kStatic{
        Static{0, "PCMU", 8000},  Static{3, "GSM", 8000},   Static{4, "G723", 8000},
        Static{5, "DVI4", 8000},  Static{6, "DVI4", 16000}, Static{7, "LPC", 8000},
        Static{8, "PCMA", 8000},  Static{9, "G722", 8000},  Static{13, "CN", 8000},
        Static{15, "G728", 8000}, Static{18, "G729", 8000},
    };
    for (const auto& s : kStatic) {
        if (s.pt == pt) {
            return SdpRtpMap{pt, std::string(s.encoding), s.rate, 1};
        }
    }
    return std::nullopt;
}

/// What payload type `pt` of `m` is: its a=rtpmap, else the static assignment.
std::optional<SdpRtpMap> resolve(const SdpMedia& m, std::uint8_t pt) {
    if (const SdpRtpMap* map = m.rtpmap(pt)) {
        return *map;
    }
    return static_payload_type(pt);
}

bool is_codec(const SdpRtpMap& map, const CodecInfo& codec) {
    // Encoding names are case-insensitive (RFC 4855 §3).
    return iequals(map.encoding, codec.name) && map.clock_rate == codec.clock_rate &&
           map.channels == 1;
}

bool is_telephone_event(const SdpRtpMap& map) {
    return iequals(map.encoding, kTelephoneEvent) && map.clock_rate == kTelephoneEventRate;
}

struct Choice {
    CodecKind codec;
    std::uint8_t payload_type;
    std::optional<std::uint8_t> telephone_event;
};

/// The first payload type of `m` (in its order) that is one of `codecs`, and telephone-event.
std::optional<Choice> choose(const SdpMedia& m, const std::vector<CodecKind>& codecs) {
    std::optional<Choice> choice;
    for (const std::uint8_t pt : m.payload_types) {
        const auto map = resolve(m, pt);
        if (!map) {
            continue;
        }
        for (const CodecKind kind : codecs) {
            if (!choice && is_codec(*map, info(kind))) {
                choice = Choice{kind, pt, std::nullopt};
            }
        }
    }
    if (choice) {
        for (const std::uint8_t pt : m.payload_types) {
            const auto map = resolve(m, pt);
            if (map && is_telephone_event(*map)) {
                choice->telephone_event = pt;
                break;
            }
        }
    }
    return choice;
}

std::string address_type(const std::string& address) {
    return address.find(':') == std::string::npos ? "IP4" : "IP6";
}

/// The media engine needs a numeric address; host names in c= are not resolved here.
Result<void> check_numeric(const SdpAddress& address, const SdpMedia& m) {
    std::array<unsigned char, 16> buffer{};
    const int family = address.type == "IP6" ? AF_INET6 : AF_INET;
    if (::inet_pton(family, address.address.c_str(), buffer.data()) != 1) {
        return fail(Errc::InvalidArgument, "sdp line " + std::to_string(m.line) + ": m=" + m.media +
                                               ": address '" + address.address +
                                               "' is not a numeric " + address.type + " address");
    }
    return {};
}

/// The direction the peer's description means for media: a 0.0.0.0 c= (RFC 2543 hold) says
/// "do not send to me" whatever the attribute says.
MediaDirection effective_direction(const SdpSession& session, const SdpMedia& m) {
    const MediaDirection direction = session.direction_for(m);
    const SdpAddress* address = session.connection_for(m);
    if (address == nullptr || !address->is_hold()) {
        return direction;
    }
    if (direction == MediaDirection::SendRecv) {
        return MediaDirection::SendOnly;
    }
    if (direction == MediaDirection::RecvOnly) {
        return MediaDirection::Inactive;
    }
    return direction;
}

Result<NegotiatedAudio> negotiated(const SdpSession& session, const SdpMedia& m,
                                   const Choice& choice) {
    const SdpAddress* address = session.connection_for(m);
    if (address == nullptr) {
        return fail(Errc::InvalidArgument,
                    "sdp line " + std::to_string(m.line) + ": m=" + m.media + " has no c= line");
    }
    if (auto numeric = check_numeric(*address, m); !numeric) {
        return fail(numeric.error());
    }
    NegotiatedAudio audio;
    audio.codec = choice.codec;
    audio.payload_type = choice.payload_type;
    audio.telephone_event_payload_type = choice.telephone_event;
    audio.remote_address = address->address;
    audio.remote_port = m.port;
    audio.direction = mirror(effective_direction(session, m));
    audio.remote_ptime_ms = m.ptime_ms.value_or(kPtimeMs);
    audio.ptime_ms = packet_time(m.ptime_ms);
    return audio;
}

/// Our session lines, shared by offers and answers.
SdpSession local_session(const LocalMedia& local) {
    SdpSession s;
    s.origin_username = "markaz";
    s.session_id = std::to_string(local.session_id);
    s.session_version = std::to_string(local.session_version);
    s.origin_address = SdpAddress{address_type(local.address), local.address};
    s.session_name = "markaz";
    s.connection = s.origin_address;
    return s;
}

/// Our audio m= with the given codecs (kind, payload type) and telephone-event.
SdpMedia local_audio(const LocalMedia& local,
                     const std::vector<std::pair<CodecKind, std::uint8_t>>& codecs,
                     std::optional<std::uint8_t> telephone_event, MediaDirection direction,
                     std::uint32_t ptime_ms = kPtimeMs) {
    SdpMedia m;
    m.media = "audio";
    m.port = local.port;
    m.protocol = std::string(kProtocol);
    for (const auto& [kind, pt] : codecs) {
        m.formats.push_back(std::to_string(pt));
        m.payload_types.push_back(pt);
        m.rtpmaps.push_back({pt, std::string(info(kind).name), info(kind).clock_rate, 1});
    }
    if (telephone_event) {
        m.formats.push_back(std::to_string(*telephone_event));
        m.payload_types.push_back(*telephone_event);
        m.rtpmaps.push_back(
            {*telephone_event, std::string(kTelephoneEvent), kTelephoneEventRate, 1});
        m.fmtps.push_back({std::to_string(*telephone_event), std::string(kDtmfEvents)});
    }
    m.ptime_ms = ptime_ms;
    m.direction = direction;
    return m;
}

/// Why an offered stream was not taken, for the 488 reason.
std::string rejection(const SdpMedia& m) {
    const std::string where = "line " + std::to_string(m.line) + " m=" + m.media + ": ";
    if (m.media != "audio") {
        return where + "not audio";
    }
    if (m.port == 0) {
        return where + "disabled (port 0)";
    }
    if (m.protocol != kProtocol) {
        return where + "protocol " + m.protocol + " is not RTP/AVP";
    }
    std::string offered;
    for (const std::uint8_t pt : m.payload_types) {
        const auto map = resolve(m, pt);
        offered += (offered.empty() ? "" : ", ") +
                   (map ? map->encoding + "/" + std::to_string(map->clock_rate)
                        : "payload type " + std::to_string(pt));
    }
    return where + "no supported codec in " + offered;
}

}  // namespace

std::uint32_t packet_time(std::optional<std::uint32_t> asked) {
    if (asked && *asked >= kMinPtimeMs && *asked <= kMaxPtimeMs && *asked % 10 == 0) {
        return *asked;
    }
    return kPtimeMs;
}

Result<SdpAnswer> answer_offer(const SdpSession& offer, const LocalMedia& local) {
    SdpAnswer answer{local_session(local), {}};
    bool accepted = false;
    std::string reasons;
    for (const SdpMedia& m : offer.media) {
        std::optional<Choice> choice;
        if (!accepted && m.media == "audio" && m.port != 0 && m.protocol == kProtocol) {
            choice = choose(m, local.codecs);
        }
        if (!choice) {
            // RFC 3264 §6: a rejected stream keeps its place, with port 0 and its formats.
            if (!accepted) {
                reasons += (reasons.empty() ? "" : "; ") + rejection(m);
            }
            SdpMedia rejected;
            rejected.media = m.media;
            rejected.protocol = m.protocol;
            rejected.formats = m.formats;
            answer.session.media.push_back(std::move(rejected));
            continue;
        }
        auto audio = negotiated(offer, m, *choice);
        if (!audio) {
            return fail(audio.error());
        }
        answer.audio = std::move(*audio);
        answer.session.media.push_back(local_audio(local, {{choice->codec, choice->payload_type}},
                                                   choice->telephone_event, answer.audio.direction,
                                                   answer.audio.ptime_ms));
        accepted = true;
    }
    if (!accepted) {
        return fail(Errc::Unavailable,
                    "sdp: nothing acceptable in the offer: " +
                        (reasons.empty() ? std::string("no m= lines") : reasons));
    }
    return answer;
}

SdpSession make_offer(const LocalMedia& local, MediaDirection direction) {
    SdpSession offer = local_session(local);
    std::vector<std::pair<CodecKind, std::uint8_t>> codecs;
    for (const CodecKind kind : local.codecs) {
        codecs.emplace_back(kind, info(kind).static_payload_type);
    }
    offer.media.push_back(
        local_audio(local, codecs, local.telephone_event_payload_type, direction));
    return offer;
}

Result<NegotiatedAudio> accept_answer(const SdpSession& our_offer, const SdpSession& answer) {
    if (answer.media.size() != our_offer.media.size()) {
        return fail(Errc::Unavailable, "sdp answer: " + std::to_string(answer.media.size()) +
                                           " m= lines for an offer of " +
                                           std::to_string(our_offer.media.size()));
    }
    for (std::size_t i = 0; i < our_offer.media.size(); ++i) {
        const SdpMedia& ours = our_offer.media[i];
        if (ours.media != "audio" || ours.port == 0) {
            continue;
        }
        const SdpMedia& theirs = answer.media[i];
        if (theirs.media != "audio" || theirs.port == 0) {
            return fail(Errc::Unavailable, "sdp answer: the audio stream was rejected");
        }
        // Only codecs we offered count; the answer's order is its preference.
        std::vector<CodecKind> offered;
        for (const std::uint8_t pt : ours.payload_types) {
            const auto map = resolve(ours, pt);
            for (const auto& codec : kCodecs) {
                if (map && is_codec(*map, codec)) {
                    offered.push_back(codec.kind);
                }
            }
        }
        const auto choice = choose(theirs, offered);
        if (!choice) {
            return fail(Errc::Unavailable, "sdp answer: " + rejection(theirs));
        }
        return negotiated(answer, theirs, *choice);
    }
    return fail(Errc::Unavailable, "sdp answer: our offer had no audio stream");
}

}  // namespace markaz::sdp
