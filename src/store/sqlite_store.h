#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "acd/config.h"
#include "acd/events.h"
#include "common/ids.h"
#include "common/result.h"
#include "common/time.h"

namespace markaz::store {

/// Markaz's durable state in one SQLite file: the router configuration and the append-only
/// event log (DESIGN rule 3: events are the record; rule 5: what was promised survives
/// `kill -9`). Every write is one transaction that is on disk when the call returns
/// (WAL, synchronous=FULL); a failed write leaves nothing of itself behind.
/// Owns one SQLite connection; no sqlite3 type shows here. Errors name the file and the
/// operation ("markaz.db: cannot save the configuration: agents[3]: ...").
/// Thread: one thread at a time (the core loop's store worker); several processes may open
/// the same file (SQLite's locking serialises their writes).
class SqliteStore {
public:
    /// Opens or creates the database at `path` and brings its schema to the latest version.
    /// Fails when the file is not a SQLite database, cannot use WAL, or has a schema newer
    /// than this Markaz knows (Errc::Conflict).
    [[nodiscard]] static Result<SqliteStore> open(const std::string& path);

    SqliteStore(SqliteStore&&) noexcept;
    SqliteStore& operator=(SqliteStore&&) noexcept;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;
    ~SqliteStore();

    /// Replaces the stored configuration with `config` in one transaction. `config` is first
    /// checked with acd::validate() (Errc::InvalidArgument naming the field); on any failure
    /// the previous configuration stays whole.
    [[nodiscard]] Result<void> save_config(const acd::RouterConfig& config);

    /// The configuration last saved, in the order it was saved. Errc::NotFound when none
    /// was ever saved.
    [[nodiscard]] Result<acd::RouterConfig> load_config();

    /// Appends `events` (in the order given) in one transaction: when this returns success
    /// every event is on disk; on failure none is stored.
    [[nodiscard]] Result<void> append(const std::vector<acd::Event>& events);

    /// Events with `from <= at < to`, in the order they were appended.
    [[nodiscard]] Result<std::vector<acd::Event>> events_between(WallTime from, WallTime to);

    /// Calls `visit` for each event with `from <= at < to`, in the order they were appended,
    /// without holding them all in memory. Stops at the first event that cannot be read.
    [[nodiscard]] Result<void> for_each_event_between(
        WallTime from, WallTime to, const std::function<void(const acd::Event&)>& visit);

    /// Calls `visit` with each event appended after `seq` and its own seq, in order (reports'
    /// rollups catch up after a restart).
    [[nodiscard]] Result<void> for_each_event_after(
        std::int64_t seq, const std::function<void(std::int64_t, const acd::Event&)>& visit);
    /// The seq of the last event appended; 0 when there is none.
    [[nodiscard]] Result<std::int64_t> last_seq();
    /// Every event about `call`, in the order they were appended.
    [[nodiscard]] Result<std::vector<acd::Event>> events_of_call(const CallId& call);

    /// The database file this store was opened on.
    const std::string& path() const;

private:
    struct Impl;
    explicit SqliteStore(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> impl_;
};

}  // namespace markaz::store
