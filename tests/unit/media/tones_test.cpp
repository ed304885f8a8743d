// Tones and in-band DTMF through spandsp: cadences by frame power, frequencies by Goertzel,
// and the DTMF detector fed by the DTMF generator.

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "media/dtmf_detector.h"
#include "media/dtmf_generator.h"
#include "media/g711.h"
#include "media/tone_generator.h"
#include "unit/media/tone_analysis.h"

namespace markaz::media {
namespace {

using test::goertzel_power;
using test::mean_power;

/// `frames` frames of `generator`, concatenated.
std::vector<std::int16_t> generate(ToneGenerator& generator, int frames) {
    std::vector<std::int16_t> out;
    std::array<std::int16_t, kFrameSamples> frame{};
    for (int i = 0; i < frames; ++i) {
        generator.next_frame(frame);
        out.insert(out.end(), frame.begin(), frame.end());
    }
    return out;
}

/// Whether each 20 ms frame has tone in it.
std::string cadence(const std::vector<std::int16_t>& audio) {
    std::string on_off;
    for (std::size_t i = 0; i + kFrameSamples <= audio.size(); i += kFrameSamples) {
        on_off += mean_power(std::span(audio).subspan(i, kFrameSamples)) > 1e-4 ? '1' : '0';
    }
    return on_off;
}

TEST(ToneGenerator, EuropeanRingbackIsOneSecondOfFourTwentyFiveEveryFive) {
    ToneGenerator ringback(kRingbackEurope);
    const auto audio = generate(ringback, 500);  // two cycles
    const std::string expected = std::string(50, '1') + std::string(200, '0');
    EXPECT_EQ(cadence(audio), expected + expected);
    const auto tone = std::span(audio).first(8000);
    EXPECT_GT(goertzel_power(tone, 425), 100 * goertzel_power(tone, 850));
    EXPECT_GT(goertzel_power(tone, 425), 100 * goertzel_power(tone, 300));
}

TEST(ToneGenerator, NorthAmericanRingbackHasBothFrequencies) {
    ToneGenerator ringback(kRingbackNorthAmerica);
    const auto audio = generate(ringback, 300);
    EXPECT_EQ(cadence(audio), std::string(100, '1') + std::string(200, '0'));
    const auto tone = std::span(audio).first(16000);
    const double p440 = goertzel_power(tone, 440);
    const double p480 = goertzel_power(tone, 480);
    EXPECT_NEAR(p440 / p480, 1.0, 0.1);  // equal levels
    EXPECT_GT(p440, 100 * goertzel_power(tone, 620));
}

TEST(ToneGenerator, BusyTonesHaveHalfSecondCadence) {
    const std::string expected = std::string(25, '1') + std::string(25, '0');
    ToneGenerator europe(kBusyEurope);
    EXPECT_EQ(cadence(generate(europe, 100)), expected + expected);

    ToneGenerator north_america(kBusyNorthAmerica);
    const auto audio = generate(north_america, 100);
    EXPECT_EQ(cadence(audio), expected + expected);
    const auto tone = std::span(audio).first(4000);
    EXPECT_GT(goertzel_power(tone, 620), 100 * goertzel_power(tone, 440));
    EXPECT_GT(goertzel_power(tone, 480), 100 * goertzel_power(tone, 440));
}

TEST(ToneGenerator, LevelFollowsTheSpec) {
    ToneGenerator loud({1000, 0, -3, {1000, 0, 0, 0}, true});
    ToneGenerator quiet({1000, 0, -23, {1000, 0, 0, 0}, true});
    const double ratio = mean_power(generate(loud, 10)) / mean_power(generate(quiet, 10));
    EXPECT_NEAR(10 * std::log10(ratio), 20.0, 0.5);  // 20 dB apart
}

TEST(ToneGenerator, NonRepeatingToneEndsInSilence) {
    ToneGenerator once({800, 0, -13, {200, 0, 0, 0}, false});
    EXPECT_EQ(cadence(generate(once, 20)), std::string(10, '1') + std::string(10, '0'));
}

/// Runs `generator` through `detector` for `frames` frames; the digits detected, in order.
std::string detect(DtmfGenerator& generator, DtmfDetector& detector, int frames,
                   std::vector<DtmfEvent>* events = nullptr) {
    std::string digits;
    std::array<std::int16_t, kFrameSamples> frame{};
    for (int i = 0; i < frames; ++i) {
        generator.next_frame(frame);
        detector.process(frame);
        while (const auto event = detector.pop()) {
            EXPECT_EQ(event->source, DtmfSource::InBand);
            digits += event->digit;
            if (events != nullptr) {
                events->push_back(*event);
            }
        }
    }
    return digits;
}

TEST(DtmfInBand, DetectsEveryDigitGeneratedBySpandsp) {
    DtmfGenerator generator;
    DtmfDetector detector;
    const std::string all = "0123456789*#ABCD";
    ASSERT_EQ(generator.queue(all), all.size());
    std::vector<DtmfEvent> events;
    EXPECT_EQ(detect(generator, detector, 200, &events), all);
    for (const auto& event : events) {
        // 100 ms tones, seen to the 20 ms frame after the detector's confirmation delay.
        EXPECT_GE(event.duration, Duration{60}) << event.digit;
        EXPECT_LE(event.duration, Duration{140}) << event.digit;
    }
}

TEST(DtmfInBand, RepeatedDigitIsTwoPresses) {
    DtmfGenerator generator(Duration{60}, Duration{60});
    DtmfDetector detector;
    ASSERT_EQ(generator.queue("5500"), 4u);
    EXPECT_EQ(detect(generator, detector, 40), "5500");
}

TEST(DtmfInBand, SurvivesG711) {
    // What the detector really gets: tones that went through A-law or μ-law and back.
    for (const bool mu : {true, false}) {
        DtmfGenerator generator;
        DtmfDetector detector;
        ASSERT_EQ(generator.queue("1#9"), 3u);
        std::array<std::int16_t, kFrameSamples> frame{};
        std::array<std::uint8_t, kFrameSamples> coded{};
        std::string digits;
        for (int i = 0; i < 40; ++i) {
            generator.next_frame(frame);
            if (mu) {
                ulaw_encode(frame, coded);
                ulaw_decode(coded, frame);
            } else {
                alaw_encode(frame, coded);
                alaw_decode(coded, frame);
            }
            detector.process(frame);
            while (const auto event = detector.pop()) {
                digits += event->digit;
            }
        }
        EXPECT_EQ(digits, "1#9") << (mu ? "μ-law" : "A-law");
    }
}

TEST(DtmfInBand, SingleFrequencyAndSpeechBandTonesAreNotDigits) {
    DtmfDetector detector;
    ToneGenerator ringback(kRingbackEurope);
    ToneGenerator dial({350, 440, -13, {1000, 0, 0, 0}, true});  // North American dial tone
    std::array<std::int16_t, kFrameSamples> frame{};
    for (int i = 0; i < 300; ++i) {
        (i % 2 == 0 ? ringback : dial).next_frame(frame);
        detector.process(frame);
    }
    EXPECT_FALSE(detector.pop());
}

TEST(DtmfGenerator, RefusesNonDigitsAndGoesQuiet) {
    DtmfGenerator generator;
    EXPECT_EQ(generator.queue("12x3"), 2u);
    std::array<std::int16_t, kFrameSamples> frame{};
    int frames_with_sound = 0;
    while (generator.next_frame(frame)) {
        ++frames_with_sound;
        ASSERT_LT(frames_with_sound, 100);
    }
    EXPECT_EQ(frames_with_sound, 20);  // 2 × (100 ms tone + 100 ms gap)
    EXPECT_EQ(mean_power(frame), 0.0);
}

TEST(DtmfGenerator, QueueIsBounded) {
    DtmfGenerator generator;
    const std::size_t queued = generator.queue(std::string(500, '7'));
    EXPECT_GE(queued, 100u);
    EXPECT_LT(queued, 500u);
    EXPECT_EQ(generator.queue("1"), 0u);  // full until some are played
}

}  // namespace
}  // namespace markaz::media
