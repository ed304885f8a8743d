// Offer/answer with offers shaped like real phones' (baresip, Linphone, Zoiper, an SRTP-only
// softphone, a PBX putting us on hold) and the answers to our own offers.

#include "sdp/sdp_negotiation.h"

#include <string>

#include <gtest/gtest.h>

namespace markaz::sdp {
namespace {

LocalMedia local() {
    LocalMedia l;
    l.address = "203.0.113.5";
    l.port = 30000;
    l.session_id = 42;
    l.session_version = 1;
    return l;
}

SdpSession parsed(const std::string& text) {
    auto session = parse_sdp(text);
    EXPECT_TRUE(session) << session.error().message;
    return session ? std::move(*session) : SdpSession{};
}

SdpAnswer answer(const std::string& offer) {
    auto result = answer_offer(parsed(offer), local());
    EXPECT_TRUE(result) << result.error().message;
    return result ? std::move(*result) : SdpAnswer{};
}

std::string head(const std::string& address = "192.168.1.10") {
    return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n";
}

// baresip with its default module set: opus and G.722 first, then G.711.
const std::string kBaresipOffer = head() +
                                  "m=audio 10000 RTP/AVP 96 9 0 8 101\r\n"
                                  "b=AS:128\r\n"
                                  "a=rtpmap:96 opus/48000/2\r\n"
                                  "a=fmtp:96 stereo=1;sprop-stereo=1\r\n"
                                  "a=rtpmap:9 G722/8000\r\n"
                                  "a=rtpmap:0 PCMU/8000\r\n"
                                  "a=rtpmap:8 PCMA/8000\r\n"
                                  "a=rtpmap:101 telephone-event/8000\r\n"
                                  "a=fmtp:101 0-15\r\n"
                                  "a=rtcp:10001\r\n"
                                  "a=sendrecv\r\n"
                                  "a=label:1\r\n"
                                  "a=ssrc:3416471926 cname:4bd7a2b1\r\n"
                                  "a=ptime:20\r\n";

// Linphone: static 0 and 8 without rtpmap, telephone-event at 48000, 16000 and 8000.
const std::string kLinphoneOffer =
    "v=0\r\n"
    "o=alice 3210 1021 IN IP4 192.168.0.20\r\n"
    "s=Talk\r\n"
    "c=IN IP4 192.168.0.20\r\n"
    "t=0 0\r\n"
    "m=audio 7078 RTP/AVP 96 97 0 8 18 101 99 100\r\n"
    "a=rtpmap:96 opus/48000/2\r\n"
    "a=rtpmap:97 speex/16000\r\n"
    "a=fmtp:18 annexb=yes\r\n"
    "a=rtpmap:101 telephone-event/48000\r\n"
    "a=rtpmap:99 telephone-event/16000\r\n"
    "a=rtpmap:100 telephone-event/8000\r\n";

// Zoiper: GSM and speex ahead of PCMA, then PCMU; events 0-16 (with flash).
const std::string kZoiperOffer =
    "v=0\r\n"
    "o=Z 0 2 IN IP4 10.0.0.5\r\n"
    "s=Z\r\n"
    "c=IN IP4 10.0.0.5\r\n"
    "t=0 0\r\n"
    "m=audio 8000 RTP/AVP 3 110 8 0 98 101\r\n"
    "a=rtpmap:110 speex/8000\r\n"
    "a=rtpmap:98 iLBC/8000\r\n"
    "a=fmtp:98 mode=20\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "a=sendrecv\r\n";

TEST(SdpAnswerOffer, BaresipGetsPcmuAndEvents) {
    const SdpAnswer a = answer(kBaresipOffer);
    EXPECT_EQ(a.audio.codec, CodecKind::Pcmu);  // the offerer's first codec we support
    EXPECT_EQ(a.audio.payload_type, 0);
    EXPECT_EQ(a.audio.telephone_event_payload_type, 101);
    EXPECT_EQ(a.audio.remote_address, "192.168.1.10");
    EXPECT_EQ(a.audio.remote_port, 10000);
    EXPECT_EQ(a.audio.direction, MediaDirection::SendRecv);
    EXPECT_TRUE(a.audio.sends());
    EXPECT_TRUE(a.audio.receives());
    EXPECT_EQ(a.audio.remote_ptime_ms, 20u);

    EXPECT_EQ(format_sdp(a.session),
              "v=0\r\n"
              "o=markaz 42 1 IN IP4 203.0.113.5\r\n"
              "s=markaz\r\n"
              "c=IN IP4 203.0.113.5\r\n"
              "t=0 0\r\n"
              "m=audio 30000 RTP/AVP 0 101\r\n"
              "a=rtpmap:0 PCMU/8000\r\n"
              "a=rtpmap:101 telephone-event/8000\r\n"
              "a=fmtp:101 0-15\r\n"
              "a=ptime:20\r\n"
              "a=sendrecv\r\n");
}

TEST(SdpAnswerOffer, ThePacketTimeOfferedIsAnsweredAndSentWhenMarkazFramesIt) {
    auto with_ptime = [](const std::string& line) {
        std::string offer = kBaresipOffer;
        offer.replace(offer.find("a=ptime:20\r\n"), 12, line);
        return offer;
    };
    struct Case {
        std::string line;
        std::uint32_t ptime;
    };
    for (const Case& c :
         {Case{"a=ptime:30\r\n", 30}, Case{"a=ptime:10\r\n", 10}, Case{"a=ptime:60\r\n", 60},
          Case{"a=ptime:25\r\n", 20}, Case{"a=ptime:90\r\n", 20}, Case{"", 20}}) {
        const SdpAnswer a = answer(with_ptime(c.line));
        EXPECT_EQ(a.audio.ptime_ms, c.ptime) << c.line;
        EXPECT_NE(format_sdp(a.session).find("a=ptime:" + std::to_string(c.ptime) + "\r\n"),
                  std::string::npos)
            << c.line;
    }
}

TEST(SdpAnswerOffer, LinphoneStaticTypesWithoutRtpmapAndEightKilohertzEvents) {
    const SdpAnswer a = answer(kLinphoneOffer);
    EXPECT_EQ(a.audio.codec, CodecKind::Pcmu);
    EXPECT_EQ(a.audio.payload_type, 0);
    EXPECT_EQ(a.audio.telephone_event_payload_type, 100);  // not the 48000 or 16000 ones
    EXPECT_EQ(a.audio.remote_port, 7078);
}

TEST(SdpAnswerOffer, ZoiperOrderPicksPcma) {
    const SdpAnswer a = answer(kZoiperOffer);
    EXPECT_EQ(a.audio.codec, CodecKind::Pcma);  // 8 comes before 0 in the offer
    EXPECT_EQ(a.audio.payload_type, 8);
    EXPECT_EQ(a.audio.telephone_event_payload_type, 101);
    const SdpMedia& m = a.session.media[0];
    EXPECT_EQ(m.formats, (std::vector<std::string>{"8", "101"}));
    ASSERT_NE(m.fmtp("101"), nullptr);
    EXPECT_EQ(m.fmtp("101")->parameters, "0-15");  // we do not do flash
}

TEST(SdpAnswerOffer, OurPreferenceListLimitsWhatWeAccept) {
    LocalMedia alaw_only = local();
    alaw_only.codecs = {CodecKind::Pcma};
    const auto a = answer_offer(parsed(kBaresipOffer), alaw_only);
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->audio.codec, CodecKind::Pcma);
    EXPECT_EQ(a->audio.payload_type, 8);
}

TEST(SdpAnswerOffer, DynamicPayloadTypeForG711) {
    const SdpAnswer a = answer(head() +
                               "m=audio 5004 RTP/AVP 96 97\r\n"
                               "a=rtpmap:96 pcmu/8000\r\n"  // names are case-insensitive
                               "a=rtpmap:97 TELEPHONE-EVENT/8000\r\n");
    EXPECT_EQ(a.audio.codec, CodecKind::Pcmu);
    EXPECT_EQ(a.audio.payload_type, 96);
    EXPECT_EQ(a.audio.telephone_event_payload_type, 97);
    EXPECT_EQ(a.session.media[0].rtpmaps[0], (SdpRtpMap{96, "PCMU", 8000, 1}));
}

TEST(SdpAnswerOffer, StaticNumberRemappedByRtpmapIsTakenAtItsWord) {
    // An rtpmap wins over the static table: PT 0 declared as something else is not PCMU.
    const auto a = answer_offer(parsed(head() + "m=audio 5004 RTP/AVP 0 8\r\n"
                                                "a=rtpmap:0 G729/8000\r\n"),
                                local());
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->audio.codec, CodecKind::Pcma);
}

TEST(SdpAnswerOffer, WrongClockRateOrChannelsIsNotG711) {
    const auto result = answer_offer(parsed(head() + "m=audio 5004 RTP/AVP 96 97\r\n"
                                                     "a=rtpmap:96 PCMU/16000\r\n"
                                                     "a=rtpmap:97 PCMA/8000/2\r\n"),
                                     local());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::Unavailable);
}

TEST(SdpAnswerOffer, NoTelephoneEventMeansNoRfc4733) {
    const SdpAnswer a = answer(head() + "m=audio 5004 RTP/AVP 0\r\n");
    EXPECT_FALSE(a.audio.telephone_event_payload_type);
    EXPECT_EQ(a.session.media[0].formats, std::vector<std::string>{"0"});
    EXPECT_TRUE(a.session.media[0].fmtps.empty());
}

TEST(SdpAnswerOffer, HoldWithSendonly) {
    const SdpAnswer a = answer(head() + "m=audio 5004 RTP/AVP 0\r\na=sendonly\r\n");
    EXPECT_EQ(a.audio.direction, MediaDirection::RecvOnly);
    EXPECT_FALSE(a.audio.sends());
    EXPECT_TRUE(a.audio.receives());
    EXPECT_EQ(a.session.media[0].direction, MediaDirection::RecvOnly);
}

TEST(SdpAnswerOffer, HoldWithInactive) {
    const SdpAnswer a = answer(head() + "a=inactive\r\nm=audio 5004 RTP/AVP 8\r\n");
    EXPECT_EQ(a.audio.direction, MediaDirection::Inactive);
    EXPECT_FALSE(a.audio.sends());
    EXPECT_FALSE(a.audio.receives());
}

TEST(SdpAnswerOffer, RecvonlyOfferMeansWeOnlySend) {
    const SdpAnswer a = answer(head() + "m=audio 5004 RTP/AVP 8\r\na=recvonly\r\n");
    EXPECT_EQ(a.audio.direction, MediaDirection::SendOnly);
}

TEST(SdpAnswerOffer, OldStyleHoldWithZeroAddress) {
    // RFC 2543 hold: c=0.0.0.0 and no direction attribute.
    const SdpAnswer a = answer(head("0.0.0.0") +
                               "m=audio 5004 RTP/AVP 0 101\r\n"
                               "a=rtpmap:101 telephone-event/8000\r\n");
    EXPECT_EQ(a.audio.remote_address, "0.0.0.0");
    EXPECT_EQ(a.audio.direction, MediaDirection::RecvOnly);
    EXPECT_FALSE(a.audio.sends());

    const SdpAnswer both = answer(head("0.0.0.0") + "m=audio 5004 RTP/AVP 0\r\na=recvonly\r\n");
    EXPECT_EQ(both.audio.direction, MediaDirection::Inactive);
}

TEST(SdpAnswerOffer, RejectsOtherStreamsKeepingTheirPlace) {
    const SdpAnswer a = answer(head() +
                               "m=video 9078 RTP/AVP 96\r\n"
                               "a=rtpmap:96 VP8/90000\r\n"
                               "m=audio 7078 RTP/AVP 0\r\n"
                               "m=audio 7080 RTP/AVP 8\r\n");
    ASSERT_EQ(a.session.media.size(), 3u);
    EXPECT_EQ(a.session.media[0].media, "video");
    EXPECT_EQ(a.session.media[0].port, 0);
    EXPECT_EQ(a.session.media[0].formats, std::vector<std::string>{"96"});
    EXPECT_EQ(a.session.media[1].port, 30000);
    EXPECT_EQ(a.session.media[2].port, 0);  // only one audio stream is taken
    EXPECT_EQ(a.audio.remote_port, 7078);
    const std::string text = format_sdp(a.session);
    EXPECT_NE(text.find("m=video 0 RTP/AVP 96\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("m=audio 0 RTP/AVP 8\r\n"), std::string::npos) << text;
}

TEST(SdpAnswerOffer, FallsBackToALaterAudioStream) {
    const SdpAnswer a = answer(head() +
                               "m=audio 7000 RTP/SAVP 0\r\n"
                               "m=audio 7002 RTP/AVP 18\r\n"
                               "m=audio 7004 RTP/AVP 8\r\n");
    EXPECT_EQ(a.audio.remote_port, 7004);
    EXPECT_EQ(a.session.media[0].port, 0);
    EXPECT_EQ(a.session.media[0].protocol, "RTP/SAVP");
    EXPECT_EQ(a.session.media[1].port, 0);
    EXPECT_EQ(a.session.media[2].port, 30000);
}

TEST(SdpAnswerOffer, MediaLevelIpv6Connection) {
    const SdpAnswer a = answer(head() + "m=audio 7078 RTP/AVP 0\r\nc=IN IP6 2001:db8::1\r\n");
    EXPECT_EQ(a.audio.remote_address, "2001:db8::1");
}

TEST(SdpAnswerOffer, NothingSupportedExplainsEveryStream) {
    const auto result = answer_offer(parsed(head() + "m=video 9078 RTP/AVP 96\r\n"
                                                     "m=audio 0 RTP/AVP 0\r\n"
                                                     "m=audio 7000 RTP/SAVP 0\r\n"
                                                     "m=audio 7002 RTP/AVP 18 96 120\r\n"
                                                     "a=rtpmap:96 opus/48000/2\r\n"
                                                     "a=rtpmap:97 telephone-event/8000\r\n"),
                                     local());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::Unavailable);  // the SIP layer answers 488
    EXPECT_EQ(result.error().message,
              "sdp: nothing acceptable in the offer: "
              "line 6 m=video: not audio; "
              "line 7 m=audio: disabled (port 0); "
              "line 8 m=audio: protocol RTP/SAVP is not RTP/AVP; "
              "line 9 m=audio: no supported codec in G729/8000, opus/48000, payload type 120");
}

TEST(SdpAnswerOffer, NoMediaAtAll) {
    const auto result = answer_offer(parsed(head()), local());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().message, "sdp: nothing acceptable in the offer: no m= lines");
}

TEST(SdpAnswerOffer, HostNameConnectionIsRefused) {
    const auto result =
        answer_offer(parsed(head("pbx.example.com") + "m=audio 7078 RTP/AVP 0\r\n"), local());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::InvalidArgument);
    EXPECT_EQ(result.error().message,
              "sdp line 6: m=audio: address 'pbx.example.com' is not a numeric IP4 address");
}

TEST(SdpAnswerOffer, AnswerIsIpv6WhenWeAre) {
    LocalMedia v6 = local();
    v6.address = "2001:db8::5";
    const auto a = answer_offer(parsed(kZoiperOffer), v6);
    ASSERT_TRUE(a);
    const std::string text = format_sdp(a->session);
    EXPECT_NE(text.find("c=IN IP6 2001:db8::5\r\n"), std::string::npos) << text;
}

TEST(SdpOffer, OffersG711AndEvents) {
    EXPECT_EQ(format_sdp(make_offer(local())),
              "v=0\r\n"
              "o=markaz 42 1 IN IP4 203.0.113.5\r\n"
              "s=markaz\r\n"
              "c=IN IP4 203.0.113.5\r\n"
              "t=0 0\r\n"
              "m=audio 30000 RTP/AVP 0 8 101\r\n"
              "a=rtpmap:0 PCMU/8000\r\n"
              "a=rtpmap:8 PCMA/8000\r\n"
              "a=rtpmap:101 telephone-event/8000\r\n"
              "a=fmtp:101 0-15\r\n"
              "a=ptime:20\r\n"
              "a=sendrecv\r\n");
    const std::string hold = format_sdp(make_offer(local(), MediaDirection::SendOnly));
    EXPECT_NE(hold.find("a=sendonly\r\n"), std::string::npos);
}

TEST(SdpOffer, OurOfferIsAcceptableToOurselves) {
    const auto offer = parsed(format_sdp(make_offer(local())));
    const auto a = answer_offer(offer, local());
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->audio.codec, CodecKind::Pcmu);
    EXPECT_EQ(a->audio.telephone_event_payload_type, 101);
    const auto back = accept_answer(offer, parsed(format_sdp(a->session)));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->remote_address, "203.0.113.5");
    EXPECT_EQ(back->remote_port, 30000);
}

TEST(SdpAcceptAnswer, PhoneAnswersWithPcmaAndItsOwnEventType) {
    const auto offer = make_offer(local());
    const auto result =
        accept_answer(offer, parsed(head("10.1.1.7") + "m=audio 40000 RTP/AVP 8 96\r\n"
                                                       "a=rtpmap:8 PCMA/8000\r\n"
                                                       "a=rtpmap:96 telephone-event/8000\r\n"
                                                       "a=ptime:30\r\n"));
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->codec, CodecKind::Pcma);
    EXPECT_EQ(result->payload_type, 8);
    EXPECT_EQ(result->telephone_event_payload_type, 96);
    EXPECT_EQ(result->remote_address, "10.1.1.7");
    EXPECT_EQ(result->remote_port, 40000);
    EXPECT_EQ(result->direction, MediaDirection::SendRecv);
    EXPECT_EQ(result->remote_ptime_ms, 30u);
    EXPECT_EQ(result->ptime_ms, 30u);  // we send what it asked for
}

TEST(SdpAcceptAnswer, AnswerOnHold) {
    const auto result = accept_answer(make_offer(local()),
                                      parsed(head() + "m=audio 40000 RTP/AVP 0\r\na=recvonly\r\n"));
    ASSERT_TRUE(result);
    EXPECT_EQ(result->direction, MediaDirection::SendOnly);
    EXPECT_FALSE(result->telephone_event_payload_type);
}

TEST(SdpAcceptAnswer, Errors) {
    const auto offer = make_offer(local());
    const auto rejected = accept_answer(offer, parsed(head() + "m=audio 0 RTP/AVP 0\r\n"));
    ASSERT_FALSE(rejected);
    EXPECT_EQ(rejected.error().message, "sdp answer: the audio stream was rejected");

    const auto count =
        accept_answer(offer, parsed(head() + "m=audio 4000 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n"));
    ASSERT_FALSE(count);
    EXPECT_EQ(count.error().message, "sdp answer: 2 m= lines for an offer of 1");

    const auto codec = accept_answer(offer, parsed(head() + "m=audio 4000 RTP/AVP 18\r\n"));
    ASSERT_FALSE(codec);
    EXPECT_EQ(codec.error().code, Errc::Unavailable);
    EXPECT_EQ(codec.error().message, "sdp answer: line 6 m=audio: no supported codec in G729/8000");

    LocalMedia ulaw_only = local();
    ulaw_only.codecs = {CodecKind::Pcmu};
    const auto not_offered =
        accept_answer(make_offer(ulaw_only), parsed(head() + "m=audio 4000 RTP/AVP 8\r\n"));
    ASSERT_FALSE(not_offered);  // PCMA is fine for us, but we did not offer it
}

}  // namespace
}  // namespace markaz::sdp
