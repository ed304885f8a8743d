#pragma once

// Temporary directories and WAV reading for media tests (libsndfile reads what we wrote, so
// the files are checked by an independent reader).

#include <cstdint>
#include <filesystem>
#include <sndfile.h>
#include <stdlib.h>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace markaz::media::test {

/// A fresh directory under the test temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = testing::TempDir() + "markaz-media-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            ADD_FAILURE() << "mkdtemp failed for " << pattern;
        }
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

/// A whole audio file as libsndfile sees it.
struct SoundFile {
    bool opened = false;
    SF_INFO info{};
    std::vector<std::int16_t> samples;  // interleaved

    std::int16_t at(std::size_t frame, int channel) const {
        return samples[frame * static_cast<std::size_t>(info.channels) + channel];
    }
};

inline SoundFile read_sound_file(const std::string& path) {
    SoundFile file;
    SNDFILE* sf = sf_open(path.c_str(), SFM_READ, &file.info);
    if (sf == nullptr) {
        return file;
    }
    file.opened = true;
    file.samples.resize(static_cast<std::size_t>(file.info.frames * file.info.channels));
    const sf_count_t read = sf_readf_short(sf, file.samples.data(), file.info.frames);
    file.samples.resize(static_cast<std::size_t>(read * file.info.channels));
    sf_close(sf);
    return file;
}

/// Writes `samples` (interleaved, float in -1..1) as a file of `format` with libsndfile.
inline bool write_sound_file(const std::string& path, int format, int sample_rate, int channels,
                             const std::vector<float>& samples) {
    SF_INFO info{};
    info.samplerate = sample_rate;
    info.channels = channels;
    info.format = format;
    SNDFILE* sf = sf_open(path.c_str(), SFM_WRITE, &info);
    if (sf == nullptr) {
        return false;
    }
    const sf_count_t frames = static_cast<sf_count_t>(samples.size()) / channels;
    const bool ok = sf_writef_float(sf, samples.data(), frames) == frames;
    return sf_close(sf) == 0 && ok;
}

}  // namespace markaz::media::test
