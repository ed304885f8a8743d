#pragma once

#include <optional>
#include <vector>

#include "loadgen/call_load.h"
#include "loadgen/process_usage.h"

namespace markaz::loadgen {

/// What a load run measures as it goes (call setup times, the server's CPU and memory once a
/// second) and the report's figures computed from it at the end. Times are seconds on the
/// steady clock. Pure: the run hands it every reading.
class LoadMeasure {
public:
    /// The first INVITE left (the setup rate counts from here).
    void invite_sent(double now);
    /// A call was answered `setup_ms` after its INVITE left.
    void answered(double setup_ms, double now);
    /// The server's usage before the calls start.
    void before(ProcessSample server) { before_ = server; }
    /// A second's reading with `calls` up.
    void sample(ProcessSample server, ProcessSample loadgen, int calls) {
        samples_.push_back({server, loadgen, calls});
    }
    /// Fills `report`'s setup rate and times, loss, jitter and server usage; calls that got
    /// no final answer count as 408.
    void finish(LoadReport& report, int failures) const;

private:
    struct Sample {
        ProcessSample server;
        ProcessSample loadgen;
        int calls = 0;
    };
    /// The window of samples in which at least 95% of the most calls were up.
    std::optional<ServerUsage> usage() const;

    std::optional<double> first_invite_;
    double last_answer_ = 0;
    std::vector<double> setup_ms_;
    std::optional<ProcessSample> before_;
    std::vector<Sample> samples_;
};

}  // namespace markaz::loadgen
