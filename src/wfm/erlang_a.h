#pragma once

#include "common/time.h"
#include "wfm/queue_metrics.h"

namespace markaz::wfm {

/// Erlang A (Palm's M/M/N+M): Poisson arrivals at `traffic` / `aht`, exponential handle times
/// with mean `aht`, `agents` agents, one FCFS queue, and callers who hang up after an
/// exponential patience with mean `patience` if they have not been answered by then. Unlike
/// Erlang C it is stable for any number of agents, including agents <= traffic.
///
/// Method (exact for the model, no simulation or numerical integration):
/// * Stationary distribution of the birth-death chain, states n = 0..N+K: the states up to N
///   are summed through Erlang B, the waiting states N+j carry weights
///   prod_{k=1..j} A / (N + k aht/patience), kept in log space and rescaled to their largest
///   term, and summed until the rest is below 1e-17 of the largest term.
/// * An arrival finding j callers ahead (PASTA) moves forward at rates N/aht + i/patience
///   (i = j..0) and races its own patience. It is answered with probability x / (x + j + 1),
///   x = N patience / aht, and answered within t with probability
///   x / (x + j + 1) * P(K > j), K ~ NegativeBinomial(r = x + 1, p = exp(-t / patience))
///   (the product of Beta(x + 1 + i, 1) variables is Beta(x + 1, j + 1)); its mean wait when
///   answered is sum_{i=1..j+1} 1 / (N/aht + i/patience).
/// Cost: O(agents + waiting states summed), about max(0, traffic - agents) * patience / aht plus
/// a few hundred. Preconditions (checked): agents >= 0, traffic finite and >= 0, aht and
/// patience positive, threshold >= 0.
QueueMetrics erlang_a_metrics(int agents, double traffic, Duration aht, Duration patience,
                              Duration threshold);

}  // namespace markaz::wfm
