#pragma once

// A recording's waveform and who spoke when (common/waveform.h), for QA's player: the peaks of
// each channel in `points` slices, and the stretches each side spoke, found from 20 ms frames'
// levels (above -40 dBFS speaks; pauses under 300 ms bridged, stretches under 200 ms dropped).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/waveform.h"
#include "media/recording_seal.h"

namespace markaz::media {

/// Pure: fed the samples in order, no file. Thread: one.
class WaveformBuilder {
public:
    /// `total_frames`: the recording's length in frames (a frame holds one sample per channel).
    WaveformBuilder(int sample_rate, std::int64_t total_frames, int points);

    /// The next frames, interleaved: `channels` samples per frame (1: the caller only; from 2,
    /// the first two are the caller and the agents).
    void add(std::span<const std::int16_t> interleaved, int channels);
    Waveform finish();

private:
    int sample_rate_;
    std::int64_t total_frames_;
    int points_;
    std::int64_t frames_seen_ = 0;
    int frame_samples_;  ///< samples in a 20 ms speech frame
    int in_frame_ = 0;
    double energy_[2] = {0, 0};
    std::vector<bool> speaking_[2];  ///< per 20 ms frame
    std::vector<float> peaks_[2];
};

/// The waveform of the recording at `path` (a WAV, or sealed with `key`); NotFound when it
/// cannot be opened, Unavailable when it is sealed with another key.
Result<Waveform> read_waveform(const std::string& path, int points,
                               const RecordingKey* key = nullptr);

}  // namespace markaz::media
