#include "wfm/erlang_a.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/check.h"
#include "wfm/erlang.h"

namespace markaz::wfm {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
// exp(-40) ~ 4e-18: a remaining tail this far below the largest term no longer changes a
// double sum of order one.
constexpr double kNegligibleLog = -40.0;
// A guard against endless loops only; validated inputs need far fewer terms (see erlang_a.h).
constexpr long kMaxWaitingStates = 50'000'000;

double log_sum_exp(double a, double b) {
    if (a == kNegInf) {
        return b;
    }
    if (b == kNegInf) {
        return a;
    }
    double hi = std::max(a, b);
    return hi + std::log1p(std::exp(-std::abs(a - b)));
}

/// P(K > j) for j = 0, 1, 2, ... in turn, K ~ NegativeBinomial(r, p = exp(-theta_t)):
/// P(K = k) = Gamma(r + k) / (Gamma(r) k!) p^r (1 - p)^k, kept in log space.
class NegativeBinomialTail {
public:
    NegativeBinomialTail(double r, double theta_t)
        : r_(r),
          log_q_(theta_t > 0 ? std::log(-std::expm1(-theta_t)) : kNegInf),
          log_pmf_(-r * theta_t) {}

    double next() {
        cdf_ += std::exp(log_pmf_);
        ++k_;
        log_pmf_ += log_q_ + std::log((r_ + k_ - 1) / k_);
        return std::max(0.0, 1.0 - cdf_);
    }

private:
    double r_;
    double log_q_;
    double log_pmf_;
    double cdf_ = 0;
    double k_ = 0;
};

/// Sums over the waiting states N + j, each term weighted by pi_{N+j} / pi_N. The weights are
/// held as exp(log_w - log_scale), log_scale being the largest log weight so far, so neither
/// an overloaded queue (weights far above 1) nor a quiet one underflows the sums.
struct WaitingSums {
    double log_scale = 0;
    double mass = 0;           ///< sum of weights
    double abandoned = 0;      ///< weight * P(abandon | j ahead)
    double within = 0;         ///< weight * P(answered within threshold | j ahead)
    double answered_wait = 0;  ///< weight * E[wait; answered | j ahead], seconds

    void add(double log_w, double p_abandon, double p_within, double answered_wait_s) {
        if (log_w > log_scale) {
            double shrink = std::exp(log_scale - log_w);
            mass *= shrink;
            abandoned *= shrink;
            within *= shrink;
            answered_wait *= shrink;
            log_scale = log_w;
        }
        double w = std::exp(log_w - log_scale);
        mass += w;
        abandoned += w * p_abandon;
        within += w * p_within;
        answered_wait += w * answered_wait_s;
    }
};

WaitingSums sum_waiting_states(int agents, double traffic, double aht_s, double patience_s,
                               double threshold_s) {
    const double n = agents;
    const double gamma = aht_s / patience_s;  // abandonment rate per waiting caller, in 1/aht
    const double x = n / gamma;               // service rate N/aht over abandonment rate
    const double log_a = std::log(traffic);
    NegativeBinomialTail answered_by(x + 1, threshold_s / patience_s);
    WaitingSums sums;
    double log_w = 0;             // log pi_{N+j} / pi_N
    double wait_if_answered = 0;  // sum_{i=1..j+1} 1 / (N/aht + i/patience), seconds
    for (long j = 0; j < kMaxWaitingStates; ++j) {
        double ahead = static_cast<double>(j);
        double p_answer = x / (x + ahead + 1);
        wait_if_answered += aht_s / (n + (ahead + 1) * gamma);
        sums.add(log_w, (ahead + 1) / (x + ahead + 1), p_answer * answered_by.next(),
                 p_answer * wait_if_answered);
        // The ratio of the next weight to this one only falls, so when it is below 1 the rest
        // is at most w * rho / (1 - rho).
        double log_rho = log_a - std::log(n + (ahead + 1) * gamma);
        if (log_rho < 0 &&
            log_w - sums.log_scale + log_rho - std::log1p(-std::exp(log_rho)) < kNegligibleLog) {
            break;
        }
        log_w += log_rho;
    }
    return sums;
}

}  // namespace

QueueMetrics erlang_a_metrics(int agents, double traffic, Duration aht, Duration patience,
                              Duration threshold) {
    MARKAZ_CHECK(aht > Duration::zero() && patience > Duration::zero(),
                 "aht and patience must be positive");
    MARKAZ_CHECK(threshold >= Duration::zero(), "threshold must not be negative");
    double b = erlang_b(agents, traffic);  // checks agents and traffic
    if (traffic == 0 || b == 0) {
        // No calls, or so many agents that an arrival finding them all busy underflows.
        return {.agents = agents,
                .p_wait = 0,
                .service_level = 1,
                .asa_s = 0.0,
                .occupancy = agents > 0 ? traffic / agents : 0.0,
                .abandon_rate = 0};
    }
    WaitingSums sums =
        sum_waiting_states(agents, traffic, seconds(aht), seconds(patience), seconds(threshold));
    // pi_N = B / (1 - B + B R), R = sum of the waiting weights (Erlang B gives the states
    // 0..N as 1/B times pi_N).
    double log_b = std::log(b);
    double log_pi_n = log_b - log_sum_exp(b < 1 ? std::log1p(-b) : kNegInf,
                                          log_b + sums.log_scale + std::log(sums.mass));
    double scale = std::exp(log_pi_n + sums.log_scale);
    double p_wait = std::clamp(scale * sums.mass, 0.0, 1.0);
    double abandon = std::clamp(scale * sums.abandoned, 0.0, 1.0);
    double answered = 1 - abandon;
    QueueMetrics m{.agents = agents, .p_wait = p_wait};
    m.service_level = std::clamp(1 - p_wait + scale * sums.within, 0.0, 1.0);
    if (agents > 0 && answered > 0) {  // with no agents nobody is ever answered
        m.asa_s = scale * sums.answered_wait / answered;
    }
    // Agents are busy with the calls that are answered: A (1 - P(abandon)) / N.
    m.occupancy = agents > 0 ? std::min(1.0, traffic * answered / agents) : 1.0;
    m.abandon_rate = abandon;
    return m;
}

}  // namespace markaz::wfm
