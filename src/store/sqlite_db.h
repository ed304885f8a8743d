#pragma once

// Internal to src/store: a thin RAII layer over the SQLite C API. Other layers use
// SqliteStore (sqlite_store.h), which never shows a sqlite3 type. Errors from statements carry
// SQLite's own message ("UNIQUE constraint failed: agents.id"); the store adds the file and
// the operation.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace markaz::store {

/// Times are kept as integer milliseconds since the Unix epoch.
inline std::int64_t epoch_ms(WallTime at) {
    return at.time_since_epoch().count();
}
inline WallTime wall_from_ms(std::int64_t ms) {
    return WallTime{Duration{ms}};
}

/// One prepared statement (RAII on sqlite3_stmt*). Binding indexes start at 1, column indexes
/// at 0, as in SQLite. Thread: the thread that uses its SqliteDb.
class SqliteStatement {
public:
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    // Binding never fails for a valid index; an invalid index is a bug in the SQL text.
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, std::string_view value);
    SqliteStatement& bind(int index, std::nullopt_t);
    SqliteStatement& bind(int index, const std::optional<std::int64_t>& value);

    /// Runs one step: true when a row is ready to read, false when the statement is done.
    [[nodiscard]] Result<bool> step();
    /// Steps until done (for statements that return no rows).
    [[nodiscard]] Result<void> run();
    /// Makes the statement ready to bind and run again.
    void reset();

    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;

private:
    friend class SqliteDb;
    explicit SqliteStatement(sqlite3_stmt* stmt) : stmt_(stmt) {}

    sqlite3_stmt* stmt_;
};

/// One open SQLite connection (RAII on sqlite3*), opened with WAL, synchronous=FULL (a commit
/// is on disk when it returns), foreign keys and a busy timeout. Errors name the file.
/// Thread: one thread at a time (the store's owner); it holds no locks of its own.
class SqliteDb {
public:
    /// Opens or creates the file at `path`; fails with a clear message when the file cannot be
    /// opened or is not a SQLite database.
    [[nodiscard]] static Result<SqliteDb> open(const std::string& path);

    SqliteDb(SqliteDb&& other) noexcept;
    SqliteDb& operator=(SqliteDb&& other) noexcept;
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;
    ~SqliteDb();

    /// Runs SQL text that may hold several statements and returns no rows.
    [[nodiscard]] Result<void> exec(std::string_view sql);
    [[nodiscard]] Result<SqliteStatement> prepare(std::string_view sql);
    /// Runs `body` inside BEGIN IMMEDIATE .. COMMIT. When `body` or the commit fails, the
    /// transaction is rolled back and nothing of it stays.
    [[nodiscard]] Result<void> transaction(const std::function<Result<void>()>& body);

    /// Rows the last INSERT, UPDATE or DELETE changed.
    int changes() const;

    /// `error` with the file and the operation in front: "path: what: message".
    Failure context(const Error& error, std::string_view what) const;
    const std::string& path() const { return path_; }

private:
    SqliteDb(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

    std::string path_;
    sqlite3* db_;
};

}  // namespace markaz::store
