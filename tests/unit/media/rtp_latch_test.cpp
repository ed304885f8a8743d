// Which source a channel hears: the SDP's address at once, a NAT'ed phone after probation,
// nobody else.

#include "media/rtp_latch.h"

#include <arpa/inet.h>

#include <gtest/gtest.h>

namespace markaz::media {
namespace {

sockaddr_in address(const char* ip, std::uint16_t port) {
    sockaddr_in out{};
    out.sin_family = AF_INET;
    out.sin_port = htons(port);
    inet_pton(AF_INET, ip, &out.sin_addr);
    return out;
}

bool same(const sockaddr_in& a, const sockaddr_in& b) {
    return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

const sockaddr_in kPhone = address("192.0.2.10", 4000);   // what the SDP named
const sockaddr_in kNat = address("198.51.100.7", 61234);  // the phone seen through NAT
const sockaddr_in kAttacker = address("203.0.113.66", 5555);
const std::uint32_t kNatHost = kNat.sin_addr.s_addr;  // where the phone's SIP came from

TEST(RtpLatch, TheNamedAddressIsHeardAtOnceAndNobodyElseAfterIt) {
    RtpLatch latch;
    latch.expect(kPhone, kNatHost);
    // The attacker sprays first, a well-formed stream: never heard.
    for (std::uint16_t seq = 90; seq < 102; ++seq) {
        EXPECT_FALSE(latch.accept(kAttacker, 7, seq));
    }
    EXPECT_TRUE(latch.accept(kPhone, 1, 500));
    for (std::uint16_t seq = 102; seq < 110; ++seq) {
        EXPECT_FALSE(latch.accept(kAttacker, 7, seq));
    }
    EXPECT_TRUE(latch.accept(kPhone, 1, 501));
    EXPECT_TRUE(latch.accept(kPhone, 2, 9)) << "a new stream from the phone's own address";
    EXPECT_TRUE(same(latch.send_to(), kPhone));
}

TEST(RtpLatch, AStreamFromAHostThatNeverSignalledIsNeverHeard) {
    // The attack on learning: a well-formed stream to a new call's port before the phone's
    // first packet. It comes from neither the SDP's host nor the host of the phone's SIP.
    RtpLatch latch;
    latch.expect(kPhone, kNatHost);
    for (std::uint16_t seq = 0; seq < 50; ++seq) {
        EXPECT_FALSE(latch.accept(kAttacker, 7, seq));
    }
    EXPECT_TRUE(same(latch.send_to(), kPhone));
    EXPECT_FALSE(latch.accept(kNat, 42, 1));
    EXPECT_FALSE(latch.accept(kNat, 42, 2));
    EXPECT_TRUE(latch.accept(kNat, 42, 3)) << "the phone is still learnt";
}

TEST(RtpLatch, WithoutTheSignallingHostOnlyTheSdpsHostIsLearnt) {
    RtpLatch latch;
    latch.expect(kPhone, 0);
    for (std::uint16_t seq = 0; seq < 5; ++seq) {
        EXPECT_FALSE(latch.accept(kNat, 42, seq));
    }
    const sockaddr_in other_port = address("192.0.2.10", 4010);
    EXPECT_FALSE(latch.accept(other_port, 1, 1));
    EXPECT_FALSE(latch.accept(other_port, 1, 2));
    EXPECT_TRUE(latch.accept(other_port, 1, 3));
}

TEST(RtpLatch, APhoneBehindNatIsHeardAfterProbationAndKeepsItsSsrc) {
    RtpLatch latch;
    latch.expect(kPhone, kNatHost);  // a private address that never sends
    EXPECT_FALSE(latch.accept(kNat, 42, 10));
    EXPECT_FALSE(latch.accept(kNat, 42, 11));
    EXPECT_TRUE(same(latch.send_to(), kPhone)) << "audio goes to the SDP's address until then";
    EXPECT_TRUE(latch.accept(kNat, 42, 12));
    EXPECT_TRUE(same(latch.send_to(), kNat));
    EXPECT_TRUE(latch.accept(kNat, 42, 14)) << "a lost packet does not matter once learnt";
    // Another source never takes over, however well-formed its stream, even from the NAT.
    for (std::uint16_t seq = 0; seq < 10; ++seq) {
        EXPECT_FALSE(latch.accept(kAttacker, 42, seq));
        EXPECT_FALSE(latch.accept(address("198.51.100.7", 5000), 42, seq));
    }
    EXPECT_TRUE(same(latch.send_to(), kNat));
    // A packet with another SSRC from the learnt source (forged, or a restarted stream) is
    // on probation again.
    EXPECT_FALSE(latch.accept(kNat, 43, 0));
    EXPECT_TRUE(latch.accept(kNat, 42, 15));
}

TEST(RtpLatch, StrayPacketsDoNotHoldAPhonesProbationBack) {
    RtpLatch latch;
    latch.expect(kPhone, kNatHost);
    bool heard = false;
    for (std::uint16_t seq = 0; seq < 3; ++seq) {
        // Between the phone's packets, strays from other ports of the same NAT (another
        // device's leftover stream) and from elsewhere.
        EXPECT_FALSE(latch.accept(address("198.51.100.7", static_cast<std::uint16_t>(7000 + seq)),
                                  seq * 77u, seq));
        EXPECT_FALSE(latch.accept(address("198.51.100.7", 7100), seq * 31u, 1));
        EXPECT_FALSE(latch.accept(kAttacker, seq * 31u, 1));
        heard = latch.accept(kNat, 42, static_cast<std::uint16_t>(65535 + seq));  // wraps
    }
    EXPECT_TRUE(heard);
    EXPECT_TRUE(same(latch.send_to(), kNat));
}

TEST(RtpLatch, ThePhonesOwnAddressTakesOverFromALearntSource) {
    RtpLatch latch;
    latch.expect(kPhone, kNatHost);
    for (std::uint16_t seq = 0; seq < 3; ++seq) {
        (void)latch.accept(kNat, 5, seq);  // learnt (an old stream of another device, say)
    }
    EXPECT_TRUE(same(latch.send_to(), kNat));
    EXPECT_TRUE(latch.accept(kPhone, 1, 1));
    EXPECT_TRUE(same(latch.send_to(), kPhone));
    EXPECT_FALSE(latch.accept(kNat, 5, 3));
}

TEST(RtpLatch, ANewOfferForgetsWhatWasLearnt) {
    RtpLatch latch;
    latch.expect(kPhone, 0);
    EXPECT_TRUE(latch.accept(kPhone, 1, 1));
    latch.expect(kNat, 0);  // the phone moved (re-INVITE)
    EXPECT_FALSE(latch.accept(kPhone, 1, 2));
    EXPECT_TRUE(latch.accept(kNat, 1, 1));
    EXPECT_TRUE(same(latch.send_to(), kNat));
}

}  // namespace
}  // namespace markaz::media
