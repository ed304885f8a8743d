#include "sdp/sdp_session.h"

#include <random>
#include <string>

#include <gtest/gtest.h>

namespace markaz::sdp {
namespace {

// Linphone-style: session c=, many dynamic types, telephone-event at three rates, static 0/8/18
// without rtpmap, attributes Markaz does not use.
const std::string kLinphoneFullOffer =
    "v=0\r\n"
    "o=alice 3210 1021 IN IP4 192.168.0.20\r\n"
    "s=Talk\r\n"
    "c=IN IP4 192.168.0.20\r\n"
    "t=0 0\r\n"
    "a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics\r\n"
    "m=audio 7078 RTP/AVP 96 97 0 8 18 101 99 100\r\n"
    "a=rtpmap:96 opus/48000/2\r\n"
    "a=fmtp:96 useinbandfec=1\r\n"
    "a=rtpmap:97 speex/16000\r\n"
    "a=fmtp:97 vbr=on\r\n"
    "a=fmtp:18 annexb=yes\r\n"
    "a=rtpmap:101 telephone-event/48000\r\n"
    "a=rtpmap:99 telephone-event/16000\r\n"
    "a=rtpmap:100 telephone-event/8000\r\n"
    "a=rtcp-fb:* trr-int 1000\r\n";

Result<SdpSession> parse(const std::string& text) {
    return parse_sdp(text);
}

std::string error_of(const std::string& text) {
    const auto session = parse_sdp(text);
    if (session) {
        return "(parsed)";
    }
    EXPECT_EQ(session.error().code, Errc::InvalidArgument);
    return session.error().message;
}

const std::string kHead =
    "v=0\r\n"
    "o=- 1 1 IN IP4 10.0.0.1\r\n"
    "s=-\r\n";

TEST(SdpParse, ReadsARealOffer) {
    const auto session = parse(kLinphoneFullOffer);
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->origin_username, "alice");
    EXPECT_EQ(session->session_id, "3210");
    EXPECT_EQ(session->session_version, "1021");
    EXPECT_EQ(session->origin_address, (SdpAddress{"IP4", "192.168.0.20"}));
    EXPECT_EQ(session->session_name, "Talk");
    ASSERT_TRUE(session->connection);
    EXPECT_EQ(session->connection->address, "192.168.0.20");
    ASSERT_EQ(session->media.size(), 1u);

    const SdpMedia& m = session->media[0];
    EXPECT_EQ(m.media, "audio");
    EXPECT_EQ(m.port, 7078);
    EXPECT_EQ(m.protocol, "RTP/AVP");
    EXPECT_EQ(m.payload_types, (std::vector<std::uint8_t>{96, 97, 0, 8, 18, 101, 99, 100}));
    EXPECT_EQ(m.formats.front(), "96");
    EXPECT_EQ(m.line, 7u);
    ASSERT_EQ(m.rtpmaps.size(), 5u);
    EXPECT_EQ(m.rtpmaps[0], (SdpRtpMap{96, "opus", 48000, 2}));
    EXPECT_EQ(*m.rtpmap(100), (SdpRtpMap{100, "telephone-event", 8000, 1}));
    EXPECT_EQ(m.rtpmap(0), nullptr);  // static: no rtpmap needed
    ASSERT_NE(m.fmtp("18"), nullptr);
    EXPECT_EQ(m.fmtp("18")->parameters, "annexb=yes");
    EXPECT_FALSE(m.direction);
    EXPECT_EQ(session->direction_for(m), MediaDirection::SendRecv);
    EXPECT_EQ(session->connection_for(m), &*session->connection);
}

TEST(SdpParse, AcceptsBareLineFeedsAndTrailingBlankLines) {
    const auto session = parse(
        "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 0\n\n");
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->media[0].port, 4000);
}

TEST(SdpParse, MediaLevelAttributesOverrideTheSession) {
    const auto session = parse(kHead +
                               "c=IN IP4 10.0.0.1\r\n"
                               "t=0 0\r\n"
                               "a=sendonly\r\n"
                               "m=audio 4000 RTP/AVP 8\r\n"
                               "c=IN IP6 2001:db8::7\r\n"
                               "a=inactive\r\n"
                               "a=ptime:30\r\n"
                               "m=audio 4002 RTP/AVP 0\r\n");
    ASSERT_TRUE(session) << session.error().message;
    const auto& first = session->media[0];
    const auto& second = session->media[1];
    EXPECT_EQ(session->direction_for(first), MediaDirection::Inactive);
    EXPECT_EQ(session->direction_for(second), MediaDirection::SendOnly);
    EXPECT_EQ(*session->connection_for(first), (SdpAddress{"IP6", "2001:db8::7"}));
    EXPECT_EQ(session->connection_for(second)->address, "10.0.0.1");
    EXPECT_EQ(first.ptime_ms, 30u);
    EXPECT_FALSE(second.ptime_ms);
}

TEST(SdpParse, ReadsPortCountsMulticastTtlAndDecimalPtime) {
    const auto session = parse(kHead +
                               "c=IN IP4 224.2.1.1/127\r\n"
                               "m=audio 49170/2 RTP/AVP 0\r\n"
                               "a=ptime:20.0\r\n");
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->connection->address, "224.2.1.1");
    EXPECT_EQ(session->media[0].port, 49170);
    EXPECT_EQ(session->media[0].ptime_ms, 20u);
}

TEST(SdpParse, NonRtpFormatsAreKeptAsText) {
    const auto session = parse(kHead +
                               "c=IN IP4 10.0.0.1\r\n"
                               "m=application 0 UDP/BFCP *\r\n"
                               "m=image 0 udptl t38\r\n");
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->media[0].formats, std::vector<std::string>{"*"});
    EXPECT_TRUE(session->media[0].payload_types.empty());
    EXPECT_EQ(session->media[1].formats, std::vector<std::string>{"t38"});
}

TEST(SdpParse, RejectedStreamNeedsNoConnection) {
    const auto session = parse(kHead + "m=video 0 RTP/AVP 31\r\n");
    ASSERT_TRUE(session) << session.error().message;
    EXPECT_EQ(session->media[0].port, 0);
}

TEST(SdpParse, ErrorsNameTheLine) {
    EXPECT_EQ(error_of(""), "sdp: empty body");
    EXPECT_EQ(error_of("s=x\r\n"), "sdp line 1: an SDP body starts with v=0");
    EXPECT_EQ(error_of("v=1\r\n"), "sdp line 1: v=: unsupported version '1'");
    EXPECT_EQ(error_of("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\nhello\r\n"),
              "sdp line 3: expected '<letter>=<value>', got 'hello'");
    EXPECT_EQ(error_of("v=0\r\nO=- 1 1 IN IP4 10.0.0.1\r\n"),
              "sdp line 2: expected '<letter>=<value>', got 'O=- 1 1 IN IP4 10.0.0.1'");
    EXPECT_EQ(error_of("v=0\r\no=- 1 1 IN IP4\r\n"),
              "sdp line 2: o= needs 6 fields (username sess-id sess-version IN IP4 address), "
              "got 5");
    EXPECT_EQ(error_of("v=0\r\no=- x 1 IN IP4 10.0.0.1\r\n"),
              "sdp line 2: o=: session id and version must be numbers");
    EXPECT_EQ(error_of(kHead + "c=IN IP5 10.0.0.1\r\n"),
              "sdp line 4: c=: address type 'IP5' is not IP4 or IP6");
    EXPECT_EQ(error_of(kHead + "c=ATM NSAP 47.0091\r\n"),
              "sdp line 4: c=: network type 'ATM' is not IN");
    EXPECT_EQ(error_of(kHead + "c=IN IP4\r\n"),
              "sdp line 4: c= needs 3 fields (IN IP4 address), got 2");
    EXPECT_EQ(error_of(kHead + "c=IN IP4 10.0.0.1\r\nc=IN IP4 10.0.0.2\r\n"),
              "sdp line 5: c= appears twice at the same level");
    EXPECT_EQ(error_of(kHead + "x=1\r\n"), "sdp line 4: unknown line type 'x='");
    EXPECT_EQ(error_of("v=0\r\nv=0\r\n"), "sdp line 2: v= may appear only as the first line");
    EXPECT_EQ(error_of(kHead + "s=again\r\n"),
              "sdp line 4: s= must appear once, before the first m=");
    EXPECT_EQ(error_of(kHead + "\r\nt=0 0\r\n"), "sdp line 4: empty line");
}

TEST(SdpParse, MediaLineErrors) {
    const std::string head = kHead + "c=IN IP4 10.0.0.1\r\n";
    EXPECT_EQ(error_of(head + "m=audio abc RTP/AVP 0\r\n"),
              "sdp line 5: m=: port 'abc' is not a number (0..65535)");
    EXPECT_EQ(error_of(head + "m=audio 70000 RTP/AVP 0\r\n"),
              "sdp line 5: m=: port '70000' is not a number (0..65535)");
    EXPECT_EQ(error_of(head + "m=audio -1 RTP/AVP 0\r\n"),
              "sdp line 5: m=: port '-1' is not a number (0..65535)");
    EXPECT_EQ(error_of(head + "m=audio 4000 RTP/AVP 0 200\r\n"),
              "sdp line 5: m=: payload type '200' is not a number (0..127)");
    EXPECT_EQ(error_of(head + "m=audio 4000 RTP/AVP PCMU\r\n"),
              "sdp line 5: m=: payload type 'PCMU' is not a number (0..127)");
    EXPECT_EQ(error_of(head + "m=audio 4000 RTP/AVP\r\n"),
              "sdp line 5: m= needs media, port, protocol and at least one format");
    EXPECT_EQ(error_of("v=0\r\nm=audio 4000 RTP/AVP 0\r\n"),
              "sdp line 2: m= before the o= and s= lines");
    EXPECT_EQ(error_of(kHead + "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"),
              "sdp line 5: m=audio has no c= line, nor has the session");
}

TEST(SdpParse, AttributeErrors) {
    const std::string head = kHead + "c=IN IP4 10.0.0.1\r\nm=audio 4000 RTP/AVP 0 96\r\n";
    EXPECT_EQ(error_of(head + "a=rtpmap:96 opus\r\n"),
              "sdp line 6: a=rtpmap: 'opus' is not <encoding>/<clock rate>");
    EXPECT_EQ(error_of(head + "a=rtpmap:96 opus/fast\r\n"),
              "sdp line 6: a=rtpmap: 'opus/fast' is not <encoding>/<clock rate>");
    EXPECT_EQ(error_of(head + "a=rtpmap:96 /8000\r\n"),
              "sdp line 6: a=rtpmap: '/8000' is not <encoding>/<clock rate>");
    EXPECT_EQ(error_of(head + "a=rtpmap:96 opus/48000/two\r\n"),
              "sdp line 6: a=rtpmap: channels in 'opus/48000/two' is not a number (1..255)");
    EXPECT_EQ(error_of(head + "a=rtpmap:x PCMU/8000\r\n"),
              "sdp line 6: a=rtpmap: payload type 'x' is not a number (0..127)");
    EXPECT_EQ(error_of(head + "a=rtpmap:96\r\n"),
              "sdp line 6: a=rtpmap needs '<payload type> <encoding>/<clock rate>'");
    EXPECT_EQ(error_of(head + "a=ptime:soon\r\n"),
              "sdp line 6: a=ptime: 'soon' is not a number of milliseconds (1..1000)");
    EXPECT_EQ(error_of(head + "a=ptime:0\r\n"),
              "sdp line 6: a=ptime: '0' is not a number of milliseconds (1..1000)");
    EXPECT_EQ(error_of(head + "a=fmtp:\r\n"), "sdp line 6: a=fmtp needs '<format> <parameters>'");
}

TEST(SdpParse, MissingSessionLines) {
    EXPECT_EQ(error_of("v=0\r\ns=-\r\n"), "sdp: no o= line");
    EXPECT_EQ(error_of("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\n"), "sdp: no s= line");
}

TEST(SdpParse, RefusesHugeBodies) {
    std::string huge = kHead;
    while (huge.size() <= 64 * 1024) {
        huge += "a=x-padding:0123456789012345678901234567890123456789\r\n";
    }
    const auto session = parse(huge);
    ASSERT_FALSE(session);
    EXPECT_EQ(session.error().message,
              "sdp: body of " + std::to_string(huge.size()) + " bytes is over the 64 KiB limit");
}

TEST(SdpParse, MutatedBodiesNeverCrash) {
    // Random byte edits, cuts and duplications of a real offer: every result is a session or
    // an error, and AddressSanitizer checks the reads.
    std::mt19937 rng(3264);
    int parsed = 0;
    for (int i = 0; i < 5000; ++i) {
        std::string text = kLinphoneFullOffer;
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = rng() % text.size();
            switch (rng() % 4) {
                case 0:
                    text[at] = static_cast<char>(rng() % 256);
                    break;
                case 1:
                    text.erase(at, rng() % 20);
                    break;
                case 2:
                    text.insert(at, text.substr(at, rng() % 30));
                    break;
                default:
                    text.resize(at);
                    break;
            }
        }
        parsed += parse_sdp(text).has_value() ? 1 : 0;
    }
    EXPECT_GT(parsed, 0);
}

TEST(SdpFormat, WritesWhatParsesBack) {
    const auto session = parse(kLinphoneFullOffer);
    ASSERT_TRUE(session);
    const std::string text = format_sdp(*session);
    const std::string start = "v=0\r\no=alice 3210 1021 IN IP4 192.168.0.20\r\ns=Talk\r\n";
    EXPECT_EQ(text.substr(0, start.size()), start);
    const auto again = parse(text);
    ASSERT_TRUE(again) << again.error().message << "\n" << text;
    EXPECT_EQ(again->media[0].payload_types, session->media[0].payload_types);
    EXPECT_EQ(again->media[0].rtpmaps, session->media[0].rtpmaps);
    EXPECT_EQ(again->media[0].fmtps, session->media[0].fmtps);
    EXPECT_EQ(format_sdp(*again), text);
}

TEST(SdpDirection, MirrorsForTheAnswer) {
    EXPECT_EQ(mirror(MediaDirection::SendRecv), MediaDirection::SendRecv);
    EXPECT_EQ(mirror(MediaDirection::SendOnly), MediaDirection::RecvOnly);
    EXPECT_EQ(mirror(MediaDirection::RecvOnly), MediaDirection::SendOnly);
    EXPECT_EQ(mirror(MediaDirection::Inactive), MediaDirection::Inactive);
    EXPECT_EQ(to_string(MediaDirection::RecvOnly), "recvonly");
    EXPECT_TRUE((SdpAddress{"IP4", "0.0.0.0"}.is_hold()));
    EXPECT_TRUE((SdpAddress{"IP6", "::"}.is_hold()));
    EXPECT_FALSE((SdpAddress{"IP4", "10.0.0.1"}.is_hold()));
}

}  // namespace
}  // namespace markaz::sdp
