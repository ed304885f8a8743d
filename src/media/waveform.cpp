#include "media/waveform.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "media/recording_reader.h"

namespace markaz::media {
namespace {

constexpr int kSpeechFrameMs = 20;
/// -40 dBFS as a mean square of 16-bit samples: (32768 * 10^(-40/20))^2.
constexpr double kSpeechEnergy = 327.68 * 327.68;
constexpr int kBridgeFrames = 300 / kSpeechFrameMs;
constexpr int kShortestFrames = 200 / kSpeechFrameMs;

/// The stretches of `speaking` frames, with short pauses bridged and short stretches dropped.
std::vector<std::pair<std::size_t, std::size_t>> stretches(const std::vector<bool>& speaking) {
    std::vector<std::pair<std::size_t, std::size_t>> out;  // [first, end) frames
    for (std::size_t i = 0; i < speaking.size();) {
        if (!speaking[i]) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < speaking.size() && speaking[end]) {
            ++end;
        }
        if (!out.empty() && i - out.back().second < static_cast<std::size_t>(kBridgeFrames)) {
            out.back().second = end;
        } else {
            out.emplace_back(i, end);
        }
        i = end;
    }
    std::erase_if(out, [](const auto& s) {
        return s.second - s.first < static_cast<std::size_t>(kShortestFrames);
    });
    return out;
}

}  // namespace

WaveformBuilder::WaveformBuilder(int sample_rate, std::int64_t total_frames, int points)
    : sample_rate_(sample_rate),
      total_frames_(std::max<std::int64_t>(total_frames, 1)),
      points_(points),
      frame_samples_(std::max(1, sample_rate * kSpeechFrameMs / 1000)) {
    for (auto& peaks : peaks_) {
        peaks.assign(static_cast<std::size_t>(points), 0.0F);
    }
}

void WaveformBuilder::add(std::span<const std::int16_t> interleaved, int channels) {
    const std::size_t width = static_cast<std::size_t>(std::max(channels, 1));
    for (std::size_t at = 0; at + width <= interleaved.size(); at += width) {
        const auto slice = static_cast<std::size_t>(
            std::min<std::int64_t>(frames_seen_ * points_ / total_frames_, points_ - 1));
        for (int side = 0; side < 2; ++side) {
            const double sample = side < channels ? interleaved[at + side] : 0;
            peaks_[side][slice] =
                std::max(peaks_[side][slice], static_cast<float>(std::abs(sample) / 32768.0));
            energy_[side] += sample * sample;
        }
        ++frames_seen_;
        if (++in_frame_ == frame_samples_) {
            for (int side = 0; side < 2; ++side) {
                speaking_[side].push_back(energy_[side] / frame_samples_ > kSpeechEnergy);
                energy_[side] = 0;
            }
            in_frame_ = 0;
        }
    }
}

Waveform WaveformBuilder::finish() {
    Waveform w;
    w.duration_ms = frames_seen_ * 1000 / std::max(sample_rate_, 1);
    w.caller = peaks_[0];
    w.agents = peaks_[1];
    const std::size_t frames = speaking_[0].size();
    std::vector<int> who(frames, 0);  // bit 0 caller, bit 1 agents
    for (int side = 0; side < 2; ++side) {
        for (const auto& [first, end] : stretches(speaking_[side])) {
            w.speech.push_back({side, static_cast<std::int64_t>(first) * kSpeechFrameMs,
                                static_cast<std::int64_t>(end) * kSpeechFrameMs});
            for (std::size_t f = first; f < end; ++f) {
                who[f] |= 1 << side;
            }
        }
    }
    std::sort(w.speech.begin(), w.speech.end(), [](const auto& a, const auto& b) {
        return std::pair(a.from_ms, a.side) < std::pair(b.from_ms, b.side);
    });
    for (const int mask : who) {
        w.caller_ms += (mask & 1) != 0 ? kSpeechFrameMs : 0;
        w.agents_ms += (mask & 2) != 0 ? kSpeechFrameMs : 0;
        w.overlap_ms += mask == 3 ? kSpeechFrameMs : 0;
    }
    w.silence_ms =
        std::max<std::int64_t>(0, w.duration_ms - (w.caller_ms + w.agents_ms - w.overlap_ms));
    return w;
}

Result<Waveform> read_waveform(const std::string& path, int points, const RecordingKey* key) {
    auto reader = RecordingReader::open(path, key);
    if (!reader) {
        return fail(reader.error());
    }
    SndfileSource source{reader->get()};
    SF_INFO info{};
    SndfileFile file = open_sndfile(source, info);
    if (!file) {
        return fail(Errc::NotFound, path + ": " + sf_strerror(nullptr));
    }
    WaveformBuilder builder(info.samplerate, info.frames, points);
    const int channels = std::max(info.channels, 1);
    std::vector<std::int16_t> chunk(static_cast<std::size_t>(4096 * channels));
    for (;;) {
        const sf_count_t read = sf_readf_short(file.get(), chunk.data(), 4096);
        if (read <= 0) {
            break;
        }
        builder.add(std::span(chunk.data(), static_cast<std::size_t>(read * channels)), channels);
    }
    return builder.finish();
}

}  // namespace markaz::media
