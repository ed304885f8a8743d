// A peer at any packet time, fed to InboundAudio at the moments its packets arrive, while the
// worker's 20 ms ticks take frames out: the samples that come out must be the samples that
// went in, in order, with one constant delay and no gap.

#include "media/inbound_audio.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "media/g711.h"

namespace markaz::media {
namespace {

constexpr std::size_t kSlice = InboundAudio::kSliceSamples;

/// The byte a sender puts at sample `n`: every A-law code decodes to its own value, and the
/// first sample of each 10 ms slice is the slice's number (mod 256), so the output tells
/// which input slice it is.
std::uint8_t code_at(std::int64_t n) {
    if (n % static_cast<std::int64_t>(kSlice) == 0) {
        return static_cast<std::uint8_t>((n / static_cast<std::int64_t>(kSlice)) % 256);
    }
    return static_cast<std::uint8_t>((n * 7 + 3) % 256);
}

struct Playout {
    std::vector<std::int16_t> out;  ///< every sample the ticks gave
    std::vector<InboundFrame> frames;
};

/// A sender at `ptime_ms` (packets leave every ptime, arriving `delay_of(k)` ms late) for
/// `duration_ms`; the receiver ticks every 20 ms. `drop(k)` loses packet k.
template <class Delay, class Drop>
Playout play(int ptime_ms, int duration_ms, Delay delay_of, Drop drop, InboundAudio& in) {
    G711Codec decoder{G711Codec::Law::A, 8};
    const int samples_per_packet = ptime_ms * 8;
    struct Arrival {
        int at_ms;
        int k;
    };
    std::vector<Arrival> arrivals;
    for (int k = 0; k * ptime_ms < duration_ms; ++k) {
        if (!drop(k)) {
            arrivals.push_back({k * ptime_ms + delay_of(k), k});
        }
    }
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.at_ms < b.at_ms; });
    Playout result;
    std::size_t next = 0;
    std::vector<std::uint8_t> payload(static_cast<std::size_t>(samples_per_packet));
    for (int tick_ms = 0; tick_ms < duration_ms + 200; tick_ms += 20) {
        while (next < arrivals.size() && arrivals[next].at_ms <= tick_ms) {
            const int k = arrivals[next++].k;
            RtpHeader header{k == 0, 8, static_cast<std::uint16_t>(500 + k),
                             static_cast<std::uint32_t>(90000 + k * samples_per_packet), 0xabcdef};
            for (int s = 0; s < samples_per_packet; ++s) {
                payload[static_cast<std::size_t>(s)] = code_at(k * samples_per_packet + s);
            }
            in.push(header, payload, decoder.slice_bytes());
        }
        std::array<std::int16_t, kFrameSamples> frame{};
        result.frames.push_back(in.next_frame(&decoder, frame));
        result.out.insert(result.out.end(), frame.begin(), frame.end());
    }
    return result;
}

/// What the output's 10 ms slices were: the input slice each one is, exactly (-1: silence
/// or concealment, anything but an input slice).
std::vector<std::int64_t> slices_heard(const std::vector<std::int16_t>& out) {
    std::vector<std::int64_t> heard;
    std::int64_t last = -1;
    for (std::size_t at = 0; at + kSlice <= out.size(); at += kSlice) {
        std::int64_t found = -1;
        // The next input slice whose number has this residue (slices only go forward).
        for (std::int64_t m = last + 1; m < last + 1 + 256 && found < 0; ++m) {
            bool same = true;
            for (std::size_t s = 0; s < kSlice && same; ++s) {
                same = out[at + s] == alaw_decode(code_at(m * static_cast<std::int64_t>(kSlice) +
                                                          static_cast<std::int64_t>(s)));
            }
            found = same ? m : -1;
        }
        heard.push_back(found);
        last = found >= 0 ? found : last;
    }
    return heard;
}

/// Input slices heard (in order, each exactly), and the gaps between consecutive ones after
/// output slice `from`.
struct Heard {
    std::size_t count = 0;
    std::size_t gaps_after = 0;
    std::int64_t first_output_slice = -1;
};
Heard tally(const std::vector<std::int64_t>& heard, std::size_t from) {
    Heard h;
    std::int64_t last = -1;
    for (std::size_t i = 0; i < heard.size(); ++i) {
        if (heard[i] < 0) {
            continue;
        }
        if (h.first_output_slice < 0) {
            h.first_output_slice = static_cast<std::int64_t>(i);
        }
        ++h.count;
        if (i >= from && last >= 0 && heard[i] != last + 1) {
            ++h.gaps_after;
        }
        last = heard[i];
    }
    return h;
}

class EveryPacketTime : public ::testing::TestWithParam<int> {};

TEST_P(EveryPacketTime, PlaysEverySliceInOrder) {
    const int ptime = GetParam();
    InboundAudio in;
    Playout r = play(
        ptime, 10000, [](int) { return 1; }, [](int) { return false; }, in);
    const auto heard = slices_heard(r.out);
    // Once the buffer has measured the stream (100 packets: 1 to 6 s) and brought its delay
    // down to what the stream needs (one slice a second), every slice follows the one
    // before: nothing skipped, nothing repeated.
    Heard h = tally(heard, 850);
    EXPECT_EQ(h.gaps_after, 0u) << "ptime " << ptime;
    // Out of 1,000 slices sent, only what the delay's settling dropped is missing.
    EXPECT_GE(h.count + in.jitter_stats().skipped, 995u) << "ptime " << ptime;
    EXPECT_LE(in.jitter_stats().skipped, 4u) << "ptime " << ptime;
    // Playout starts within the jitter buffer's bounds: at most 160 ms plus one packet.
    EXPECT_GE(h.first_output_slice, 0);
    EXPECT_LE(h.first_output_slice, (160 + ptime) / 10) << "ptime " << ptime;
    EXPECT_EQ(in.malformed(), 0u);
    EXPECT_EQ(in.reframed() > 0, ptime != 20);
}

INSTANTIATE_TEST_SUITE_P(InboundAudio, EveryPacketTime, ::testing::Values(10, 20, 30, 40, 60),
                         [](const auto& info) { return std::to_string(info.param) + "ms"; });

TEST(InboundAudio, ThirtyMillisecondPacketsWithJitterAreReorderedAndPlayed) {
    InboundAudio in;
    // Up to 25 ms of jitter: packets overtake each other.
    Playout r = play(
        30, 6000, [](int k) { return (k * 13) % 26; }, [](int) { return false; }, in);
    Heard h = tally(slices_heard(r.out), 300);
    EXPECT_EQ(h.gaps_after, 0u);
    EXPECT_GE(h.count + in.jitter_stats().skipped, 595u);
    EXPECT_EQ(in.jitter_stats().late, 0u);
}

TEST(InboundAudio, ALostThirtyMillisecondPacketIsConcealedAndTheRestStaysInPlace) {
    InboundAudio in;
    Playout r = play(
        30, 10000, [](int) { return 1; }, [](int k) { return k == 250; }, in);
    const auto heard = slices_heard(r.out);
    // Packet 250 held slices 750-752 (after the delay has settled): they are not heard, and
    // the ones around them are, in place (the output slices before and after the gap).
    std::size_t before = 0;
    for (std::size_t i = 0; i < heard.size(); ++i) {
        if (heard[i] == 749) {
            before = i;
        }
    }
    ASSERT_GT(before, 0u);
    EXPECT_EQ(heard[before + 4], 753) << "the slices after the loss are where they were";
    for (std::size_t i = before + 1; i <= before + 3; ++i) {
        EXPECT_EQ(heard[i], -1);
    }
    EXPECT_GT(in.jitter_stats().lost, 0u);
}

TEST(InboundAudio, PayloadsThatAreNotWholeSlicesAreDroppedAndCounted) {
    InboundAudio in;
    G711Codec decoder{G711Codec::Law::Mu, 0};
    std::vector<std::uint8_t> odd(100, 0xff);        // 12.5 ms
    std::vector<std::uint8_t> too_long(1040, 0xff);  // 130 ms
    std::vector<std::uint8_t> empty;
    in.push(RtpHeader{false, 0, 1, 0, 7}, odd, decoder.slice_bytes());
    in.push(RtpHeader{false, 0, 2, 100, 7}, too_long, decoder.slice_bytes());
    in.push(RtpHeader{false, 0, 3, 1140, 7}, empty, decoder.slice_bytes());
    EXPECT_EQ(in.malformed(), 3u);
    std::array<std::int16_t, kFrameSamples> frame{};
    frame.fill(123);
    EXPECT_EQ(in.next_frame(&decoder, frame), InboundFrame::Silent);
    EXPECT_EQ(frame[0], 0);
    EXPECT_EQ(frame[kFrameSamples - 1], 0);
}

TEST(InboundAudio, WithoutADecoderNothingIsHeard) {
    InboundAudio in;
    std::vector<std::uint8_t> payload(160, 0xd5);
    for (int k = 0; k < 10; ++k) {
        in.push(RtpHeader{false, 8, static_cast<std::uint16_t>(k),
                          static_cast<std::uint32_t>(k * 160), 9},
                payload, 80);
    }
    std::array<std::int16_t, kFrameSamples> frame{};
    for (int t = 0; t < 10; ++t) {
        EXPECT_EQ(in.next_frame(nullptr, frame), InboundFrame::Silent);
    }
}

}  // namespace
}  // namespace markaz::media
