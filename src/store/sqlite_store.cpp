#include "store/sqlite_store.h"

#include <string_view>
#include <utility>

#include "acd/router.h"
#include "store/attendance_rows.h"
#include "store/config_tables.h"
#include "store/event_codec.h"
#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace markaz::store {
namespace {

/// Binds an optional id as text, or NULL when absent.
template <class Tag>
void bind_id(SqliteStatement& stmt, int index, const std::optional<StrongId<Tag>>& id) {
    if (id) {
        stmt.bind(index, std::string_view(id->str()));
    } else {
        stmt.bind(index, std::nullopt);
    }
}

std::int64_t ms_since_epoch(WallTime at) {
    return at.time_since_epoch().count();
}

}  // namespace

struct SqliteStore::Impl {
    SqliteDb db;

    /// Runs `stmt` (its parameters bound) and decodes each row's body (column 1; column 0 is
    /// seq, for error messages) into `visit`.
    Result<void> read_events(SqliteStatement& stmt,
                             const std::function<void(const acd::Event&)>& visit) {
        return read_events(stmt, [&visit](std::int64_t, const acd::Event& e) { visit(e); });
    }

    Result<void> read_events(SqliteStatement& stmt,
                             const std::function<void(std::int64_t, const acd::Event&)>& visit) {
        while (true) {
            auto row = stmt.step();
            if (!row) {
                return db.context(row.error(), "cannot read events");
            }
            if (!*row) {
                return {};
            }
            auto event = decode_event(stmt.text(1));
            if (!event) {
                return fail(Errc::Internal, db.path() + ": event seq " +
                                                std::to_string(stmt.int64(0)) +
                                                " cannot be read: " + event.error().message);
            }
            visit(stmt.int64(0), *event);
        }
    }

    Result<std::vector<acd::Event>> collect(SqliteStatement& stmt) {
        std::vector<acd::Event> events;
        auto ok = read_events(stmt, [&events](const acd::Event& e) { events.push_back(e); });
        if (!ok) {
            return fail(ok.error());
        }
        return events;
    }
};

Result<SqliteStore> SqliteStore::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    auto migrated = migrate(*db, schema_migrations());
    if (!migrated) {
        return fail(migrated.error());
    }
    return SqliteStore(std::make_unique<Impl>(Impl{std::move(*db)}));
}

SqliteStore::SqliteStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStore::SqliteStore(SqliteStore&&) noexcept = default;
SqliteStore& SqliteStore::operator=(SqliteStore&&) noexcept = default;
SqliteStore::~SqliteStore() = default;

const std::string& SqliteStore::path() const {
    return impl_->db.path();
}

Result<void> SqliteStore::save_config(const acd::RouterConfig& config) {
    if (auto valid = acd::validate(config); !valid) {
        return impl_->db.context(valid.error(), "configuration not saved");
    }
    SqliteDb& db = impl_->db;
    auto saved = db.transaction([&]() { return write_config(db, config); });
    if (!saved) {
        return db.context(saved.error(), "cannot save the configuration");
    }
    return {};
}

Result<acd::RouterConfig> SqliteStore::load_config() {
    SqliteDb& db = impl_->db;
    std::optional<acd::RouterConfig> config;
    // One transaction, so the tables are read as one saved configuration even when another
    // process saves at the same time.
    auto loaded = db.transaction([&]() -> Result<void> {
        auto read = read_config(db);
        if (!read) {
            return fail(read.error());
        }
        config = std::move(*read);
        return {};
    });
    if (!loaded) {
        return db.context(loaded.error(), "cannot load the configuration");
    }
    return std::move(*config);
}

Result<void> SqliteStore::append(const std::vector<acd::Event>& events) {
    if (events.empty()) {
        return {};
    }
    SqliteDb& db = impl_->db;
    auto appended = db.transaction([&]() -> Result<void> {
        auto insert = db.prepare(
            "INSERT INTO events (at_ms, type, call, agent, queue, body) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!insert) {
            return fail(insert.error());
        }
        for (const acd::Event& event : events) {
            const EventRefs refs = event_refs(event.body);
            insert->reset();
            insert->bind(1, ms_since_epoch(event.at)).bind(2, acd::event_name(event.body));
            bind_id(*insert, 3, refs.call);
            bind_id(*insert, 4, refs.agent);
            bind_id(*insert, 5, refs.queue);
            insert->bind(6, encode_event(event));
            if (auto ok = insert->run(); !ok) {
                return ok;
            }
            if (auto ok = record_attendance(db, event); !ok) {
                return ok;
            }
        }
        return {};
    });
    if (!appended) {
        return db.context(appended.error(), "cannot append events");
    }
    return {};
}

Result<void> SqliteStore::for_each_event_between(
    WallTime from, WallTime to, const std::function<void(const acd::Event&)>& visit) {
    auto stmt = impl_->db.prepare(
        "SELECT seq, body FROM events WHERE at_ms >= ?1 AND at_ms < ?2 ORDER BY seq");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read events");
    }
    stmt->bind(1, ms_since_epoch(from)).bind(2, ms_since_epoch(to));
    return impl_->read_events(*stmt, visit);
}

Result<std::vector<acd::Event>> SqliteStore::events_between(WallTime from, WallTime to) {
    std::vector<acd::Event> events;
    auto ok =
        for_each_event_between(from, to, [&events](const acd::Event& e) { events.push_back(e); });
    if (!ok) {
        return fail(ok.error());
    }
    return events;
}

Result<void> SqliteStore::for_each_event_after(
    std::int64_t seq, const std::function<void(std::int64_t, const acd::Event&)>& visit) {
    auto stmt = impl_->db.prepare("SELECT seq, body FROM events WHERE seq > ?1 ORDER BY seq");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read events");
    }
    stmt->bind(1, seq);
    return impl_->read_events(*stmt, visit);
}

Result<std::int64_t> SqliteStore::last_seq() {
    auto stmt = impl_->db.prepare("SELECT COALESCE(MAX(seq), 0) FROM events");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read events");
    }
    auto row = stmt->step();
    if (!row) {
        return impl_->db.context(row.error(), "cannot read events");
    }
    return stmt->int64(0);
}

Result<std::vector<acd::Event>> SqliteStore::events_of_call(const CallId& call) {
    auto stmt = impl_->db.prepare("SELECT seq, body FROM events WHERE call = ?1 ORDER BY seq");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read events");
    }
    stmt->bind(1, std::string_view(call.str()));
    return impl_->collect(*stmt);
}

}  // namespace markaz::store
