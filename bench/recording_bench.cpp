// What sealing recordings at rest (sip.recordings_key) costs: the media worker recording one
// second of a call, plain and sealed, and the API reading a 1 MiB range of a recording, plain
// and sealed (docs/performance.md has the figures and the command). Compare the pairs as
// ratios within one run.

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include <benchmark/benchmark.h>

#include "media/recording_reader.h"
#include "media/wav_recorder.h"

namespace markaz::media {
namespace {

std::shared_ptr<const RecordingKey> bench_key() {
    static const auto key = std::make_shared<const RecordingKey>(RecordingKey::generate());
    return key;
}

std::string bench_file(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("markaz-recording-bench-" + std::to_string(::getpid()) + "-" + name))
        .string();
}

/// A second of two tones, in the media worker's 20 ms blocks.
struct Second {
    std::vector<std::int16_t> caller = std::vector<std::int16_t>(kMixRate);
    std::vector<std::int16_t> agent = std::vector<std::int16_t>(kMixRate);
    Second() {
        for (std::size_t i = 0; i < caller.size(); ++i) {
            const double t = static_cast<double>(i) / kMixRate;
            caller[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 440 * t));
            agent[i] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 1000 * t));
        }
    }
    void write_to(WavRecorder& recorder) const {
        for (std::size_t at = 0; at < caller.size(); at += kFrameSamples) {
            (void)recorder.write(std::span(caller).subspan(at, kFrameSamples),
                                 std::span(agent).subspan(at, kFrameSamples));
        }
    }
};

/// One second of a call recorded: 50 blocks, one append (and, sealed, one chunk sealed).
void record_second(benchmark::State& state, bool sealed) {
    const Second second;
    const std::string path = bench_file(sealed ? "sealed" : "plain");
    std::filesystem::remove(path);
    WavRecorderOptions options;
    options.key = sealed ? bench_key() : nullptr;
    auto recorder = WavRecorder::create(path, options);
    for (auto _ : state) {
        second.write_to(*recorder);
        // A day-long file at most: start again so the page cache does not grow without end.
        if (recorder->frames() >= std::uint64_t{3600} * kMixRate) {
            state.PauseTiming();
            (void)recorder->close();
            std::filesystem::remove(path);
            recorder = WavRecorder::create(path, options);
            state.ResumeTiming();
        }
    }
    (void)recorder->close();
    std::filesystem::remove(path);
    state.SetBytesProcessed(state.iterations() * kMixRate * 4);
}

void BM_RecordSecondPlain(benchmark::State& state) {
    record_second(state, false);
}
void BM_RecordSecondSealed(benchmark::State& state) {
    record_second(state, true);
}
BENCHMARK(BM_RecordSecondPlain);
BENCHMARK(BM_RecordSecondSealed);

/// A 1 MiB range (what the player asks for at a time) from the middle of a 10-minute
/// recording, the file opened per request as the API does.
void read_range(benchmark::State& state, bool sealed) {
    const Second second;
    const std::string path = bench_file(sealed ? "read-sealed" : "read-plain");
    std::filesystem::remove(path);
    WavRecorderOptions options;
    options.key = sealed ? bench_key() : nullptr;
    {
        auto recorder = WavRecorder::create(path, options);
        for (int s = 0; s < 600; ++s) {
            second.write_to(*recorder);
        }
        (void)recorder->close();
    }
    std::string part(1024 * 1024, '\0');
    for (auto _ : state) {
        auto reader = RecordingReader::open(path, bench_key().get());
        if (!reader || !(*reader)->read((*reader)->size() / 2, part)) {
            state.SkipWithError("read failed");
            break;
        }
        benchmark::DoNotOptimize(part.data());
    }
    std::filesystem::remove(path);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(part.size()));
}

void BM_ReadRangePlain(benchmark::State& state) {
    read_range(state, false);
}
void BM_ReadRangeSealed(benchmark::State& state) {
    read_range(state, true);
}
BENCHMARK(BM_ReadRangePlain);
BENCHMARK(BM_ReadRangeSealed);

}  // namespace
}  // namespace markaz::media

BENCHMARK_MAIN();
