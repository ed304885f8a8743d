#pragma once

#include <optional>

namespace markaz::wfm {

/// What one queue achieves with a given number of agents, as a queueing model predicts it for
/// steady state (Erlang C or Erlang A). A plain value; ratios are 0..1, times are seconds.
struct QueueMetrics {
    int agents = 0;
    double p_wait = 0;  ///< probability that an arrival finds every agent busy and waits
    /// Fraction of all arrivals answered within the threshold; callers who abandon count as
    /// not answered, so this is answered-within / (answered + abandoned).
    double service_level = 0;
    /// Mean wait of answered calls (those answered at once included); nullopt when the queue
    /// is unstable (Erlang C with agents <= traffic) or no call is ever answered.
    std::optional<double> asa_s;
    double occupancy = 0;     ///< fraction of agent time spent handling calls
    double abandon_rate = 0;  ///< fraction of arrivals that hang up while waiting; 0 in Erlang C
};

}  // namespace markaz::wfm
