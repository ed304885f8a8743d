#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace markaz::integration {

/// What one channel of a recording carries.
struct ChannelAnalysis {
    /// RMS of the samples, full scale = 1.0 (a full-scale sine is 0.707).
    double rms = 0.0;
    /// RMS in dB relative to full scale; -inf for digital silence.
    double rms_dbfs = 0.0;
    /// Frequency of the strongest spectral peak, Hz (0 for silence).
    double dominant_hz = 0.0;
    /// Share of the channel's spectral energy within ±25 Hz of dominant_hz (0..1): near 1 for
    /// a clean tone, low for noise or a mix of tones.
    double dominant_share = 0.0;
};

/// A WAV (or any libsndfile-readable) file, analysed per channel.
struct WavAnalysis {
    int sample_rate = 0;
    int channel_count = 0;
    std::int64_t frames = 0;
    double duration_seconds = 0.0;
    std::vector<ChannelAnalysis> channels;
};

/// Reads the file with libsndfile and analyses each channel: RMS, and the dominant frequency
/// from an averaged, Hann-windowed FFT spectrum (Welch's method) refined by parabolic
/// interpolation, so a pure tone is found to within ~1 Hz at 8 kHz. Throws std::runtime_error
/// when the file cannot be read.
[[nodiscard]] WavAnalysis analyze_wav(const std::filesystem::path& file);

/// Share of a channel's spectral energy within ±tolerance_hz of frequency_hz (0..1), e.g.
/// "how much of the left channel is the 440 Hz tone". Throws like analyze_wav.
[[nodiscard]] double tone_share(const std::filesystem::path& file, int channel, double frequency_hz,
                                double tolerance_hz = 25.0);

/// Writes a 16-bit PCM WAV with one sine tone per channel (amplitude 0..1 of full scale):
/// prompts and phone sources for tests.
void write_tone_wav(const std::filesystem::path& file, int sample_rate,
                    const std::vector<double>& channel_frequencies_hz, double seconds,
                    double amplitude = 0.5);

}  // namespace markaz::integration
