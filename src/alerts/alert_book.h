#pragma once

// The alerts people see (docs/alerts.md): those up now, and the latest raised and cleared,
// with who acknowledged each. Fed the evaluator's changes; pure, no clock. Thread: one.

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "alerts/alert_evaluator.h"
#include "common/result.h"

namespace markaz::alerts {

struct AlertEntry {
    std::uint64_t id = 0;  ///< one per raise, counting from 1
    std::string rule;
    Measure measure = Measure::ServiceLevel;
    std::string subject;           ///< a queue, "" for the centre, or an agent
    std::optional<QueueId> queue;  ///< the rule's queue
    double value = 0.0;            ///< the figure when raised
    double threshold = 0.0;
    WallTime raised;
    std::optional<WallTime> cleared;
    std::string acknowledged_by;
    std::optional<WallTime> acknowledged;
};

class AlertBook {
public:
    /// Keeps the `keep` latest alerts (raised or cleared).
    explicit AlertBook(std::size_t keep = 200) : keep_(keep) {}

    /// Records `changes` made by `rules`: the entries raised or cleared, as they now stand.
    std::vector<AlertEntry> apply(const std::vector<AlertChange>& changes,
                                  const std::vector<AlertRule>& rules);
    /// The entries a previous run kept (the latest first), numbering on after them.
    void restore(std::vector<AlertEntry> entries);
    /// `by` acknowledges alert `id` at `at`: NotFound when there is none, Conflict when it was
    /// acknowledged already (the entry says by whom).
    Result<AlertEntry> acknowledge(std::uint64_t id, const std::string& by, WallTime at);
    /// The latest first.
    const std::deque<AlertEntry>& entries() const { return entries_; }
    /// How many cleared alerts are kept.
    std::size_t capacity() const { return keep_; }

private:
    std::size_t keep_;
    std::uint64_t next_id_ = 1;
    std::deque<AlertEntry> entries_;
};

}  // namespace markaz::alerts
