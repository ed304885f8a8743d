#include "support/wav_analysis.h"

#include <bit>
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>
#include <sndfile.h>
#include <stdexcept>
#include <string>

namespace markaz::integration {
namespace {

// 8192 points: 0.98 Hz bins at 8 kHz, 5.9 Hz at 48 kHz, before interpolation.
constexpr std::size_t kMaxFftSize = 8192;
constexpr std::size_t kMinFrames = 64;

struct Samples {
    int sample_rate = 0;
    int channel_count = 0;
    std::vector<std::vector<double>> channels;  // [channel][frame], full scale = 1.0
};

Samples read_samples(const std::filesystem::path& file) {
    SF_INFO info{};
    SNDFILE* sf = sf_open(file.c_str(), SFM_READ, &info);
    if (sf == nullptr) {
        throw std::runtime_error("cannot read " + file.string() + ": " + sf_strerror(nullptr));
    }
    std::vector<double> interleaved(static_cast<std::size_t>(info.frames) *
                                    static_cast<std::size_t>(info.channels));
    const sf_count_t read = sf_readf_double(sf, interleaved.data(), info.frames);
    sf_close(sf);
    Samples samples{info.samplerate, info.channels, {}};
    samples.channels.assign(static_cast<std::size_t>(info.channels), {});
    const auto channels = static_cast<std::size_t>(info.channels);
    for (std::size_t c = 0; c < channels; ++c) {
        auto& channel = samples.channels[c];
        channel.reserve(static_cast<std::size_t>(read));
        for (std::size_t f = 0; f < static_cast<std::size_t>(read); ++f) {
            channel.push_back(interleaved[f * channels + c]);
        }
    }
    return samples;
}

/// In-place iterative radix-2 FFT; data.size() is a power of two.
void fft(std::vector<std::complex<double>>& data) {
    const std::size_t n = data.size();
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
            j ^= bit;
        }
        j ^= bit;
        if (i < j) {
            std::swap(data[i], data[j]);
        }
    }
    for (std::size_t length = 2; length <= n; length <<= 1) {
        const double angle = -2.0 * std::numbers::pi / static_cast<double>(length);
        const std::complex<double> step{std::cos(angle), std::sin(angle)};
        for (std::size_t start = 0; start < n; start += length) {
            std::complex<double> w{1.0, 0.0};
            for (std::size_t k = 0; k < length / 2; ++k) {
                const auto even = data[start + k];
                const auto odd = data[start + k + length / 2] * w;
                data[start + k] = even + odd;
                data[start + k + length / 2] = even - odd;
                w *= step;
            }
        }
    }
}

/// Welch power spectrum: Hann-windowed segments with 50% overlap, averaged. Bin i is
/// i * sample_rate / fft_size Hz, for i in [0, fft_size / 2].
std::vector<double> power_spectrum(const std::vector<double>& samples, std::size_t& fft_size) {
    fft_size = std::min(kMaxFftSize, std::bit_floor(samples.size()));
    std::vector<double> window(fft_size);
    for (std::size_t i = 0; i < fft_size; ++i) {
        window[i] = 0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * static_cast<double>(i) /
                                         static_cast<double>(fft_size - 1));
    }
    std::vector<double> power(fft_size / 2 + 1, 0.0);
    std::vector<std::complex<double>> segment(fft_size);
    const std::size_t hop = fft_size / 2;
    for (std::size_t start = 0; start + fft_size <= samples.size(); start += hop) {
        for (std::size_t i = 0; i < fft_size; ++i) {
            segment[i] = {samples[start + i] * window[i], 0.0};
        }
        fft(segment);
        for (std::size_t i = 0; i < power.size(); ++i) {
            power[i] += std::norm(segment[i]);
        }
    }
    return power;
}

double band_share(const std::vector<double>& power, double bin_hz, double center_hz,
                  double tolerance_hz) {
    double total = 0.0;
    double band = 0.0;
    for (std::size_t i = 1; i < power.size(); ++i) {  // bin 0 is DC offset, not a tone
        total += power[i];
        if (std::abs(static_cast<double>(i) * bin_hz - center_hz) <= tolerance_hz) {
            band += power[i];
        }
    }
    return total > 0.0 ? band / total : 0.0;
}

ChannelAnalysis analyze_channel(const std::vector<double>& samples, int sample_rate) {
    ChannelAnalysis result;
    double sum = 0.0;
    for (const double s : samples) {
        sum += s * s;
    }
    result.rms = samples.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(samples.size()));
    result.rms_dbfs =
        result.rms > 0.0 ? 20.0 * std::log10(result.rms) : -std::numeric_limits<double>::infinity();
    if (samples.size() < kMinFrames || result.rms == 0.0) {
        return result;
    }
    std::size_t fft_size = 0;
    const auto power = power_spectrum(samples, fft_size);
    const double bin_hz = static_cast<double>(sample_rate) / static_cast<double>(fft_size);
    std::size_t peak = 1;
    for (std::size_t i = 2; i < power.size(); ++i) {
        if (power[i] > power[peak]) {
            peak = i;
        }
    }
    // Parabolic interpolation on log power around the peak bin.
    double offset = 0.0;
    if (peak + 1 < power.size() && power[peak - 1] > 0.0 && power[peak + 1] > 0.0) {
        const double left = std::log(power[peak - 1]);
        const double centre = std::log(power[peak]);
        const double right = std::log(power[peak + 1]);
        const double denominator = left - 2.0 * centre + right;
        if (denominator != 0.0) {
            offset = 0.5 * (left - right) / denominator;
        }
    }
    result.dominant_hz = (static_cast<double>(peak) + offset) * bin_hz;
    result.dominant_share = band_share(power, bin_hz, result.dominant_hz, 25.0);
    return result;
}

}  // namespace

WavAnalysis analyze_wav(const std::filesystem::path& file) {
    const Samples samples = read_samples(file);
    WavAnalysis analysis;
    analysis.sample_rate = samples.sample_rate;
    analysis.channel_count = samples.channel_count;
    analysis.frames =
        samples.channels.empty() ? 0 : static_cast<std::int64_t>(samples.channels.front().size());
    analysis.duration_seconds =
        samples.sample_rate > 0 ? static_cast<double>(analysis.frames) / samples.sample_rate : 0.0;
    for (const auto& channel : samples.channels) {
        analysis.channels.push_back(analyze_channel(channel, samples.sample_rate));
    }
    return analysis;
}

double tone_share(const std::filesystem::path& file, int channel, double frequency_hz,
                  double tolerance_hz) {
    const Samples samples = read_samples(file);
    if (channel < 0 || channel >= samples.channel_count) {
        throw std::runtime_error(file.string() + " has no channel " + std::to_string(channel));
    }
    const auto& data = samples.channels[static_cast<std::size_t>(channel)];
    if (data.size() < kMinFrames) {
        return 0.0;
    }
    std::size_t fft_size = 0;
    const auto power = power_spectrum(data, fft_size);
    const double bin_hz = static_cast<double>(samples.sample_rate) / static_cast<double>(fft_size);
    return band_share(power, bin_hz, frequency_hz, tolerance_hz);
}

void write_tone_wav(const std::filesystem::path& file, int sample_rate,
                    const std::vector<double>& channel_frequencies_hz, double seconds,
                    double amplitude) {
    SF_INFO info{};
    info.samplerate = sample_rate;
    info.channels = static_cast<int>(channel_frequencies_hz.size());
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* sf = sf_open(file.c_str(), SFM_WRITE, &info);
    if (sf == nullptr) {
        throw std::runtime_error("cannot write " + file.string() + ": " + sf_strerror(nullptr));
    }
    const auto frames = static_cast<std::size_t>(seconds * sample_rate);
    const std::size_t channels = channel_frequencies_hz.size();
    std::vector<double> interleaved(frames * channels);
    for (std::size_t f = 0; f < frames; ++f) {
        const double t = static_cast<double>(f) / sample_rate;
        for (std::size_t c = 0; c < channels; ++c) {
            interleaved[f * channels + c] =
                amplitude * std::sin(2.0 * std::numbers::pi * channel_frequencies_hz[c] * t);
        }
    }
    const sf_count_t written =
        sf_writef_double(sf, interleaved.data(), static_cast<sf_count_t>(frames));
    sf_close(sf);
    if (written != static_cast<sf_count_t>(frames)) {
        throw std::runtime_error("short write to " + file.string());
    }
}

}  // namespace markaz::integration
