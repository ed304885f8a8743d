#include "media/prompt_player.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <samplerate.h>
#include <sys/stat.h>

#include "media/sndfile_file.h"

namespace markaz::media {
namespace {

constexpr sf_count_t kChunkFrames = 4096;

struct SrcDeleter {
    void operator()(SRC_STATE* state) const noexcept { src_delete(state); }
};

Failure load_error(Errc code, const std::string& path, const std::string& what) {
    return fail(code, "prompt " + path + ": " + what);
}

/// Resamples mono float audio to 8 kHz, chunk by chunk, appending to `out`.
class Resampler {
public:
    Resampler(int rate, std::vector<float>& out) : ratio_(double{kMixRate} / rate), out_(out) {}

    Result<void> open() {
        if (ratio_ == 1.0) {
            return {};
        }
        int error = 0;
        // Medium-quality sinc: prompts are converted once, so quality is worth the CPU.
        state_.reset(src_new(SRC_SINC_MEDIUM_QUALITY, 1, &error));
        if (!state_) {
            return fail(Errc::Internal, src_strerror(error));
        }
        return {};
    }

    Result<void> process(std::span<float> in, bool last) {
        if (!state_) {
            out_.insert(out_.end(), in.begin(), in.end());
            return {};
        }
        std::vector<float> buffer(
            static_cast<std::size_t>(static_cast<double>(in.size()) * ratio_) + 64);
        SRC_DATA data{};
        data.data_in = in.data();
        data.input_frames = static_cast<long>(in.size());
        data.src_ratio = ratio_;
        data.end_of_input = last ? 1 : 0;
        do {  // at the end of input the converter may need several calls to drain
            data.data_out = buffer.data();
            data.output_frames = static_cast<long>(buffer.size());
            if (const int error = src_process(state_.get(), &data); error != 0) {
                return fail(Errc::Internal, src_strerror(error));
            }
            out_.insert(out_.end(), buffer.begin(), buffer.begin() + data.output_frames_gen);
            data.data_in += data.input_frames_used;
            data.input_frames -= data.input_frames_used;
        } while (data.input_frames > 0 || (last && data.output_frames_gen > 0));
        return {};
    }

private:
    double ratio_;
    std::vector<float>& out_;
    std::unique_ptr<SRC_STATE, SrcDeleter> state_;
};

}  // namespace

Result<std::shared_ptr<const Prompt>> Prompt::load(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return load_error(errno == ENOENT ? Errc::NotFound : Errc::Unavailable, path,
                          std::strerror(errno));
    }
    SF_INFO info{};
    SndfileFile file(sf_open(path.c_str(), SFM_READ, &info));
    if (!file) {
        return load_error(Errc::InvalidArgument, path, sf_strerror(nullptr));
    }
    if (info.channels < 1 || info.samplerate < 1) {
        return load_error(Errc::InvalidArgument, path, "no audio channels");
    }
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(kMaxDuration).count();
    if (info.frames > static_cast<sf_count_t>(info.samplerate) * seconds) {
        return load_error(Errc::InvalidArgument, path, "longer than one hour");
    }

    std::vector<float> mono_8k;
    mono_8k.reserve(static_cast<std::size_t>(info.frames * kMixRate / info.samplerate) + 64);
    Resampler resampler(info.samplerate, mono_8k);
    if (auto opened = resampler.open(); !opened) {
        return load_error(Errc::Internal, path, opened.error().message);
    }
    const auto channels = static_cast<std::size_t>(info.channels);
    std::vector<float> interleaved(static_cast<std::size_t>(kChunkFrames) * channels);
    std::vector<float> mono(static_cast<std::size_t>(kChunkFrames));
    for (;;) {
        const sf_count_t got = sf_readf_float(file.get(), interleaved.data(), kChunkFrames);
        const auto frames = static_cast<std::size_t>(std::max<sf_count_t>(got, 0));
        for (std::size_t f = 0; f < frames; ++f) {
            float sum = 0.0f;
            for (std::size_t c = 0; c < channels; ++c) {
                sum += interleaved[f * channels + c];
            }
            mono[f] = sum / static_cast<float>(channels);
        }
        const bool last = got < kChunkFrames;
        if (auto done = resampler.process(std::span(mono).first(frames), last); !done) {
            return load_error(Errc::Internal, path, done.error().message);
        }
        if (last) {
            break;
        }
    }

    std::vector<std::int16_t> samples(mono_8k.size());
    // Clips anything outside [-1, 1] (resampling can overshoot on full-scale input).
    src_float_to_short_array(mono_8k.data(), samples.data(), static_cast<int>(mono_8k.size()));
    return from_samples(std::move(samples));
}

std::shared_ptr<const Prompt> Prompt::join(
    const std::vector<std::shared_ptr<const Prompt>>& parts) {
    std::vector<std::int16_t> samples;
    for (const auto& part : parts) {
        if (part) {
            samples.insert(samples.end(), part->samples_.begin(), part->samples_.end());
        }
    }
    return from_samples(std::move(samples));
}

std::shared_ptr<const Prompt> Prompt::from_samples(std::vector<std::int16_t> samples) {
    return std::shared_ptr<const Prompt>(new Prompt(std::move(samples)));
}

Duration Prompt::duration() const noexcept {
    return Duration{static_cast<Duration::rep>(samples_.size() * 1000 / kMixRate)};
}

bool PromptPlayer::next_frame(std::span<std::int16_t, kFrameSamples> frame) noexcept {
    const auto samples = prompt_ ? prompt_->samples() : std::span<const std::int16_t>{};
    if (samples.empty() || (!loop_ && position_ >= samples.size())) {
        std::fill(frame.begin(), frame.end(), std::int16_t{0});
        return false;
    }
    std::size_t filled = 0;
    while (filled < frame.size()) {
        if (position_ >= samples.size()) {
            if (!loop_) {
                std::fill(frame.begin() + filled, frame.end(), std::int16_t{0});
                break;
            }
            position_ = 0;
        }
        const std::size_t n = std::min(frame.size() - filled, samples.size() - position_);
        std::copy_n(samples.begin() + position_, n, frame.begin() + filled);
        filled += n;
        position_ += n;
    }
    return true;
}

bool PromptPlayer::finished() const noexcept {
    const std::size_t size = prompt_ ? prompt_->samples().size() : 0;
    return size == 0 || (!loop_ && position_ >= size);
}

}  // namespace markaz::media
