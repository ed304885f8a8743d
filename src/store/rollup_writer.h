#pragma once

// Writes historical reports' quarter-hour rollups (docs/reports.md, schema v13) as events are
// appended: the store worker hands it each batch it has just put in the event log. The same
// folding as live stats (stats::EventFolder into a stats::Timeline of 15-minute buckets): a
// quarter hour is written, final, when the first event of a later one comes, with the agents'
// states still open counted up to its end; the quarter hour in progress is written on request
// (write_open) so today's report is current, and replaced when it ends.
//
// What survives a crash: report_progress holds the last event folded into the final rows and
// the agents' states then; open() deletes the rows after it and folds every event appended
// since, so the rollups are rebuilt from the event log, never half-written.

#include <memory>
#include <string>
#include <vector>

#include "acd/events.h"
#include "common/result.h"
#include "stats/event_folder.h"
#include "stats/stats_config.h"
#include "stats/timeline.h"
#include "store/sqlite_db.h"
#include "store/sqlite_store.h"

namespace markaz::store {

class RollupWriter {
public:
    /// Opens its own connection to `path` (the schema must be current: SqliteStore::open
    /// first), and catches up with the events `events` holds after the last checkpoint.
    /// `config`'s queue policies decide answered-within and abandoned-after, as live.
    [[nodiscard]] static Result<std::unique_ptr<RollupWriter>> open(const std::string& path,
                                                                    SqliteStore& events,
                                                                    stats::StatsConfig config);

    /// Folds `events`, just appended: the last of them has seq `last_seq`. Writes the quarter
    /// hours that ended before an event's one, with a checkpoint, in one transaction.
    [[nodiscard]] Result<void> apply(const std::vector<acd::Event>& events, std::int64_t last_seq);
    /// Writes the quarter hours not yet final as they stand at `now` (agents' states open
    /// until now); the final rows replace them.
    [[nodiscard]] Result<void> write_open(WallTime now);

    /// Events folded so far (tests).
    std::int64_t seq() const { return seq_; }

private:
    RollupWriter(SqliteDb db, stats::StatsConfig config);
    /// Folds one event with seq `seq`, closing the quarter hours before its own first.
    Result<void> fold(std::int64_t seq, const acd::Event& event);
    /// Writes the quarter hours before `until` final, and the checkpoint.
    Result<void> close_before(WallTime until);
    /// Replaces the rows from the floor on with `timeline`'s buckets from there on.
    Result<void> write_buckets(const stats::Timeline& timeline, std::int64_t first,
                               std::int64_t end);

    SqliteDb db_;
    stats::EventFolder folder_;
    stats::Timeline timeline_;
    std::int64_t seq_ = 0;               ///< the last event folded
    std::optional<std::int64_t> floor_;  ///< the first quarter hour not final (Timeline index)
};

}  // namespace markaz::store
