// RFC 4733 in and out: the receiver state machine against the packet patterns phones produce,
// and the sender's packet train fed back into the receiver.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf_receiver.h"
#include "media/dtmf_sender.h"

namespace markaz::media {
namespace {

constexpr std::uint32_t kStep = 160;  // one 20 ms packet at 8 kHz

/// One packet as a phone sends it: the key press's timestamp and the event fields.
struct Sent {
    std::uint32_t timestamp;
    TelephoneEvent event;
};

/// The packets of one key press of `ticks` updates: updates with a growing duration, then the
/// end packet three times with the final duration.
std::vector<Sent> key_press(char digit, std::uint32_t timestamp, int ticks) {
    std::vector<Sent> packets;
    const auto code = *dtmf_event_code(digit);
    for (int i = 1; i <= ticks; ++i) {
        packets.push_back({timestamp, {code, false, 10, static_cast<std::uint16_t>(i * kStep)}});
    }
    for (int i = 0; i < 3; ++i) {
        packets.push_back({timestamp, {code, true, 10, static_cast<std::uint16_t>(ticks * kStep)}});
    }
    return packets;
}

std::string feed(DtmfReceiver& receiver, const std::vector<Sent>& packets) {
    for (const auto& p : packets) {
        receiver.on_event(p.timestamp, p.event);
    }
    std::string digits;
    while (const auto event = receiver.pop()) {
        digits += event->digit;
    }
    return digits;
}

TEST(DtmfReceiver, OneKeyPressIsOneDigit) {
    DtmfReceiver receiver;
    const auto packets = key_press('5', 16000, 5);
    for (std::size_t i = 0; i + 3 < packets.size(); ++i) {
        receiver.on_event(packets[i].timestamp, packets[i].event);
        EXPECT_FALSE(receiver.pop()) << "reported before the end, packet " << i;
    }
    receiver.on_event(packets[5].timestamp, packets[5].event);  // first end packet
    const auto digit = receiver.pop();
    ASSERT_TRUE(digit);
    EXPECT_EQ(*digit, (DtmfEvent{'5', DtmfSource::Rfc4733, Duration{100}}));
    EXPECT_EQ(feed(receiver, {packets[6], packets[7]}), "");  // the redundant end packets
}

TEST(DtmfReceiver, SameDigitTwiceIsTwoKeyPresses) {
    DtmfReceiver receiver;
    auto packets = key_press('1', 1000, 4);
    const auto second = key_press('1', 1000 + 10 * kStep, 4);
    packets.insert(packets.end(), second.begin(), second.end());
    EXPECT_EQ(feed(receiver, packets), "11");
}

TEST(DtmfReceiver, DuplicatedPacketsChangeNothing) {
    DtmfReceiver receiver;
    std::vector<Sent> doubled;
    for (const auto& p : key_press('9', 500, 3)) {
        doubled.push_back(p);
        doubled.push_back(p);
    }
    EXPECT_EQ(feed(receiver, doubled), "9");
}

TEST(DtmfReceiver, AllEndPacketsLostThenNextDigit) {
    DtmfReceiver receiver;
    auto packets = key_press('4', 8000, 5);
    packets.resize(5);  // the three end packets are lost
    const auto next = key_press('2', 8000 + 12 * kStep, 5);
    packets.insert(packets.end(), next.begin(), next.end());
    EXPECT_EQ(feed(receiver, packets), "42");
}

TEST(DtmfReceiver, AllEndPacketsLostThenAudio) {
    DtmfReceiver receiver;
    auto packets = key_press('#', 8000, 5);  // 100 ms
    packets.resize(5);
    EXPECT_EQ(feed(receiver, packets), "");
    receiver.on_audio(8000 + 5 * kStep);  // the sender sends audio concurrently: not over yet
    EXPECT_FALSE(receiver.pop());
    receiver.on_audio(8000 + 5 * kStep + 1601);  // > 200 ms past the last duration
    const auto digit = receiver.pop();
    ASSERT_TRUE(digit);
    EXPECT_EQ(digit->digit, '#');
    EXPECT_EQ(digit->duration, Duration{100});
}

TEST(DtmfReceiver, OnlyTheEndPacketsArrive) {
    // Start and updates lost: the end packets alone still make the digit.
    DtmfReceiver receiver;
    auto packets = key_press('*', 100, 6);
    packets.erase(packets.begin(), packets.begin() + 6);
    EXPECT_EQ(feed(receiver, packets), "*");
}

TEST(DtmfReceiver, LateEndPacketOfThePreviousDigitIsIgnored) {
    DtmfReceiver receiver;
    auto first = key_press('7', 1000, 3);
    auto second = key_press('8', 1000 + 8 * kStep, 3);
    std::vector<Sent> packets(first.begin(), first.begin() + 4);  // ends at its first end packet
    packets.push_back(second[0]);
    packets.push_back(first[4]);  // redundant end of '7' arriving after '8' began
    packets.insert(packets.end(), second.begin() + 1, second.end());
    packets.push_back(first[5]);
    EXPECT_EQ(feed(receiver, packets), "78");
}

TEST(DtmfReceiver, ReorderedUpdateOfAnEarlierSegmentIsIgnored) {
    DtmfReceiver receiver;
    auto first = key_press('3', 5000, 3);
    first.resize(3);  // '3' never sends its end
    auto second = key_press('6', 5000 + 8 * kStep, 3);
    std::vector<Sent> packets = first;
    packets.push_back(second[0]);  // '3' is reported here
    packets.push_back(first[2]);   // a stray late update of '3'
    packets.insert(packets.end(), second.begin() + 1, second.end());
    EXPECT_EQ(feed(receiver, packets), "36");
}

TEST(DtmfReceiver, LongPressAcrossTimestampSegmentsIsOneDigit) {
    // RFC 4733 §2.5.2.3: at the 16-bit duration limit the sender starts a new segment with a
    // new timestamp; the key is still held.
    DtmfReceiver receiver;
    const auto code = *dtmf_event_code('0');
    const std::uint32_t start = 40000;
    receiver.on_event(start, {code, false, 10, 160});
    receiver.on_event(start, {code, false, 10, 0xFFFF});
    receiver.on_event(start + 0xFFFF, {code, false, 10, 160});
    receiver.on_event(start + 0xFFFF, {code, true, 10, 8000});
    const auto digit = receiver.pop();
    ASSERT_TRUE(digit);
    EXPECT_EQ(digit->digit, '0');
    EXPECT_EQ(digit->duration, Duration{(0xFFFF + 8000) * 1000 / 8000});
    EXPECT_FALSE(receiver.pop());
}

TEST(DtmfReceiver, WorksAcrossTimestampWrapAround) {
    DtmfReceiver receiver;
    auto packets = key_press('A', 0xFFFFFF00u, 3);
    const auto second = key_press('B', 0xFFFFFF00u + 10 * kStep, 3);  // wraps past zero
    packets.insert(packets.end(), second.begin(), second.end());
    EXPECT_EQ(feed(receiver, packets), "AB");
}

TEST(DtmfReceiver, NewStreamWithAnOlderTimestampBaseIsNotStale) {
    DtmfReceiver receiver;
    EXPECT_EQ(feed(receiver, key_press('1', 3'000'000'000u, 3)), "1");
    // The peer restarted its stream (re-INVITE, transfer) with a random, "older" base.
    EXPECT_EQ(feed(receiver, key_press('2', 1'000'000'000u, 3)), "2");
}

TEST(DtmfReceiver, IgnoresNonDtmfEvents) {
    DtmfReceiver receiver;
    receiver.on_event(100, {16, false, 10, 160});  // flash
    receiver.on_event(100, {16, true, 10, 800});
    EXPECT_FALSE(receiver.pop());
}

TEST(DtmfReceiver, QueueKeepsTheNewestDigits) {
    DtmfReceiver receiver;
    std::vector<Sent> packets;
    const std::string typed = "0123456789";
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const auto press = key_press(typed[i], static_cast<std::uint32_t>(i * 10 * kStep), 2);
        packets.insert(packets.end(), press.begin(), press.end());
    }
    EXPECT_EQ(feed(receiver, packets), "23456789");  // 8 kept; nobody read the first two
}

TEST(DtmfReceiver, ResetForgetsAPressInProgress) {
    DtmfReceiver receiver;
    auto packets = key_press('5', 100, 3);
    receiver.on_event(packets[0].timestamp, packets[0].event);
    receiver.reset();
    receiver.on_audio(100 + 100'000);
    EXPECT_FALSE(receiver.pop());
}

/// Runs the sender for `ticks` ticks, starting at audio timestamp `start`.
std::vector<std::optional<TelephoneEventPacket>> run(DtmfSender& sender, int ticks,
                                                     std::uint32_t start = 1000) {
    std::vector<std::optional<TelephoneEventPacket>> out;
    for (int i = 0; i < ticks; ++i) {
        out.push_back(sender.tick(start + static_cast<std::uint32_t>(i) * kStep));
    }
    return out;
}

TEST(DtmfSender, SendsStartUpdatesAndThreeEnds) {
    DtmfSender sender;
    ASSERT_TRUE(sender.queue('5', Duration{100}));
    const auto packets = run(sender, 10);
    // 100 ms = 800 units: durations 160..800 over 5 packets, the 5th is the first end.
    ASSERT_TRUE(packets[0]);
    EXPECT_TRUE(packets[0]->marker);
    EXPECT_EQ(packets[0]->timestamp, 1000u);
    EXPECT_EQ(packets[0]->event, (TelephoneEvent{5, false, 10, 160}));
    for (int i = 1; i < 4; ++i) {
        ASSERT_TRUE(packets[i]);
        EXPECT_FALSE(packets[i]->marker);
        EXPECT_EQ(packets[i]->timestamp, 1000u);  // every packet carries the start timestamp
        EXPECT_EQ(packets[i]->event.duration, (i + 1) * 160);
        EXPECT_FALSE(packets[i]->event.end);
    }
    for (int i = 4; i < 7; ++i) {
        ASSERT_TRUE(packets[i]);
        EXPECT_TRUE(packets[i]->event.end);
        EXPECT_EQ(packets[i]->event.duration, 800);
    }
    EXPECT_FALSE(packets[7]);  // audio again, through the 3-tick pause
    EXPECT_FALSE(packets[9]);
    EXPECT_FALSE(sender.busy());
}

TEST(DtmfSender, PausesBetweenDigitsAndStartsAtTheTickTimestamp) {
    DtmfSender sender;
    ASSERT_TRUE(sender.queue('1', Duration{40}));
    ASSERT_TRUE(sender.queue('2', Duration{40}));
    const auto packets = run(sender, 12);
    // '1': 2 packets (160, 320=end), 2 more ends; pause of 3 ticks; then '2'.
    ASSERT_TRUE(packets[3]);
    EXPECT_TRUE(packets[3]->event.end);
    EXPECT_FALSE(packets[4]);
    EXPECT_FALSE(packets[5]);
    EXPECT_FALSE(packets[6]);
    ASSERT_TRUE(packets[7]);
    EXPECT_TRUE(packets[7]->marker);
    EXPECT_EQ(packets[7]->event.event, 2);
    EXPECT_EQ(packets[7]->timestamp, 1000u + 7 * kStep);
}

TEST(DtmfSender, RefusesNonDigitsAndAFullQueue) {
    DtmfSender sender;
    EXPECT_FALSE(sender.queue('x'));
    EXPECT_FALSE(sender.busy());
    for (int i = 0; i < 32; ++i) {
        EXPECT_TRUE(sender.queue('1'));
    }
    EXPECT_FALSE(sender.queue('1'));
}

TEST(DtmfSender, ClampsDurations) {
    DtmfSender sender;
    ASSERT_TRUE(sender.queue('9', Duration{1}));       // raised to 40 ms = 320 units
    ASSERT_TRUE(sender.queue('9', Duration{60'000}));  // lowered to 5 s = 40000 units
    const auto packets = run(sender, 300);
    ASSERT_TRUE(packets[1]);
    EXPECT_EQ(packets[1]->event.duration, 320);
    EXPECT_TRUE(packets[1]->event.end);
    std::uint16_t longest = 0;
    for (const auto& p : packets) {
        if (p) {
            longest = std::max(longest, p->event.duration);
        }
    }
    EXPECT_EQ(longest, 40000);
}

TEST(DtmfRoundTrip, SenderPacketsMakeTheSameDigitsAtTheReceiver) {
    DtmfSender sender;
    const std::string typed = "4711*#0D";
    for (char digit : typed) {
        ASSERT_TRUE(sender.queue(digit, Duration{80}));
    }
    DtmfReceiver receiver;
    std::string received;
    std::uint32_t timestamp = 0xFFFF0000u;  // crosses the 32-bit wrap on the way
    for (int tick = 0; tick < 200 && (sender.busy() || tick == 0); ++tick, timestamp += kStep) {
        if (const auto packet = sender.tick(timestamp)) {
            receiver.on_event(packet->timestamp, packet->event);
        } else {
            receiver.on_audio(timestamp);
        }
        while (const auto event = receiver.pop()) {
            received += event->digit;
            EXPECT_EQ(event->duration, Duration{80});
        }
    }
    EXPECT_EQ(received, typed);
}

}  // namespace
}  // namespace markaz::media
