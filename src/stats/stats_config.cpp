#include "stats/stats_config.h"

#include <cctype>
#include <set>
#include <string>

namespace markaz::stats {

namespace {

constexpr std::chrono::minutes kMaxUtcOffset{14 * 60};

std::string ms_text(Duration d) {
    return std::to_string(d.count()) + "ms";
}

Result<void> invalid(std::string message) {
    return fail(Errc::InvalidArgument, std::move(message));
}

Result<void> validate_queue(const QueuePolicy& q, std::size_t i) {
    const std::string at = "stats.queues[" + std::to_string(i) + "]";
    if (q.id.empty()) {
        return invalid(at + ".id: must not be empty");
    }
    if (q.sl_threshold < Duration::zero()) {
        return invalid(at + ".sl_threshold: must not be negative (got " + ms_text(q.sl_threshold) +
                       ")");
    }
    if (!(q.sl_target >= 0.0 && q.sl_target <= 1.0)) {
        return invalid(at + ".sl_target: must be within 0..1 (got " + std::to_string(q.sl_target) +
                       ")");
    }
    return {};
}

int digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0 ? c - '0' : -1;
}

}  // namespace

QueuePolicy QueuePolicy::from(const acd::QueueConfig& queue) {
    return QueuePolicy{queue.id, queue.sl_threshold, queue.sl_target, queue.sl_formula};
}

StatsConfig StatsConfig::from(const acd::RouterConfig& router) {
    StatsConfig config;
    for (const auto& q : router.queues) {
        config.queues.push_back(QueuePolicy::from(q));
    }
    return config;
}

Result<void> validate(const StatsConfig& config) {
    std::set<QueueId> seen;
    for (std::size_t i = 0; i < config.queues.size(); ++i) {
        if (auto ok = validate_queue(config.queues[i], i); !ok) {
            return ok;
        }
        if (!seen.insert(config.queues[i].id).second) {
            return invalid("stats.queues[" + std::to_string(i) + "].id: duplicate queue '" +
                           config.queues[i].id.str() + "'");
        }
    }
    constexpr Duration kDay = std::chrono::hours{24};
    if (config.interval <= Duration::zero() || kDay % config.interval != Duration::zero()) {
        return invalid("stats.interval: must be positive and divide 24h (got " +
                       ms_text(config.interval) + ")");
    }
    if (config.utc_offset < -kMaxUtcOffset || config.utc_offset > kMaxUtcOffset) {
        return invalid("stats.utc_offset: must be within -14:00..+14:00 (got " +
                       std::to_string(config.utc_offset.count()) + "min)");
    }
    if (config.rolling_bucket <= Duration::zero()) {
        return invalid("stats.rolling_bucket: must be positive (got " +
                       ms_text(config.rolling_bucket) + ")");
    }
    if (config.rolling_window < config.rolling_bucket ||
        config.rolling_window % config.rolling_bucket != Duration::zero()) {
        return invalid("stats.rolling_window: must be a whole number of rolling_bucket (got " +
                       ms_text(config.rolling_window) + ")");
    }
    if (!(config.center_sl_target >= 0.0 && config.center_sl_target <= 1.0)) {
        return invalid("stats.center_sl_target: must be within 0..1 (got " +
                       std::to_string(config.center_sl_target) + ")");
    }
    return {};
}

Result<std::chrono::minutes> parse_utc_offset(std::string_view text) {
    auto bad = [&] {
        return fail(Errc::InvalidArgument,
                    "utc_offset: expected +HH:MM or -HH:MM within "
                    "-14:00..+14:00 (got '" +
                        std::string(text) + "')");
    };
    if (text == "Z") {
        return std::chrono::minutes{0};
    }
    if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') {
        return bad();
    }
    const int h1 = digit(text[1]), h2 = digit(text[2]), m1 = digit(text[4]), m2 = digit(text[5]);
    if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0 || m1 > 5) {
        return bad();
    }
    const std::chrono::minutes magnitude{(h1 * 10 + h2) * 60 + m1 * 10 + m2};
    if (magnitude > kMaxUtcOffset) {
        return bad();
    }
    return text[0] == '-' ? -magnitude : magnitude;
}

}  // namespace markaz::stats
