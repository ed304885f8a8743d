#include "loadgen/load_measure.h"

#include <algorithm>
#include <numeric>

namespace markaz::loadgen {

namespace {

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values[index];
}

}  // namespace

void LoadMeasure::invite_sent(double now) {
    if (!first_invite_) {
        first_invite_ = now;
    }
}

void LoadMeasure::answered(double setup_ms, double now) {
    setup_ms_.push_back(setup_ms);
    last_answer_ = now;
}

std::optional<ServerUsage> LoadMeasure::usage() const {
    int most = 0;
    for (const auto& s : samples_) {
        most = std::max(most, s.calls);
    }
    std::size_t first = samples_.size();
    std::size_t last = 0;
    for (std::size_t i = 0; i < samples_.size(); ++i) {
        if (most > 0 && samples_[i].calls * 100 >= most * 95) {
            first = std::min(first, i);
            last = i;
        }
    }
    if (!before_ || first >= last) {
        return std::nullopt;
    }
    double calls = 0;
    for (std::size_t i = first; i <= last; ++i) {
        calls += samples_[i].calls;
    }
    ServerUsage u;
    u.window_seconds = samples_[last].server.wall_seconds - samples_[first].server.wall_seconds;
    u.calls = calls / static_cast<double>(last - first + 1);
    u.cores = cores_used(samples_[first].server, samples_[last].server);
    u.loadgen_cores = cores_used(samples_[first].loadgen, samples_[last].loadgen);
    u.rss_before = before_->rss_bytes;
    u.rss_peak = samples_[last].server.rss_bytes;
    return u;
}

void LoadMeasure::finish(LoadReport& report, int failures) const {
    if (first_invite_ && last_answer_ > *first_invite_) {
        report.setups_per_second = report.answered / (last_answer_ - *first_invite_);
    }
    report.setup_ms_p50 = percentile(setup_ms_, 0.50);
    report.setup_ms_p99 = percentile(setup_ms_, 0.99);
    report.setup_ms_max = percentile(setup_ms_, 1.0);
    const MediaTotals& m = report.media;
    if (m.frames_expected > 0) {
        report.loss_percent = 100.0 * static_cast<double>(m.frames_expected - m.frames_received) /
                              static_cast<double>(m.frames_expected);
    }
    if (!m.jitter_ms.empty()) {
        report.jitter_ms_mean = std::accumulate(m.jitter_ms.begin(), m.jitter_ms.end(), 0.0) /
                                static_cast<double>(m.jitter_ms.size());
    }
    report.jitter_ms_p99 = percentile(m.jitter_ms, 0.99);
    report.jitter_ms_max = percentile(m.jitter_ms, 1.0);
    report.usage = usage();
    int never_answered = report.placed - report.answered - failures - report.unfinished;
    if (never_answered > 0) {
        report.call_failures[408] += never_answered;
    }
}

}  // namespace markaz::loadgen
