#include "store/sqlite_db.h"

#include <utility>

#include <sqlite3.h>

namespace markaz::store {
namespace {

// 5 s: long enough to ride out another connection's checkpoint or a report's read
// transaction, short enough that a stuck writer surfaces as an error instead of a hang.
constexpr int kBusyTimeoutMs = 5000;

Errc errc_of(int code) {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
            return Errc::Unavailable;
        case SQLITE_CONSTRAINT:
            return Errc::Conflict;
        default:
            return Errc::Internal;
    }
}

Error error_of(sqlite3* db) {
    return Error{errc_of(sqlite3_extended_errcode(db)), sqlite3_errmsg(db)};
}

}  // namespace

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)) {}

SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(stmt_);
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
    sqlite3_bind_double(stmt_, index, value);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
    sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::nullopt_t) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const std::optional<std::int64_t>& value) {
    if (value) {
        return bind(index, *value);
    }
    return bind(index, std::nullopt);
}

Result<bool> SqliteStatement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    return fail(error_of(sqlite3_db_handle(stmt_)));
}

Result<void> SqliteStatement::run() {
    while (true) {
        auto row = step();
        if (!row) {
            return fail(row.error());
        }
        if (!*row) {
            return {};
        }
    }
}

void SqliteStatement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool SqliteStatement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double SqliteStatement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string SqliteStatement::text(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) {
        return {};
    }
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<SqliteDb> SqliteDb::open(const std::string& path) {
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    // Even on failure SQLite usually hands back a handle that holds the message.
    SqliteDb db(path, raw);
    if (rc != SQLITE_OK) {
        std::string message = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        return fail(errc_of(rc), path + ": cannot open the database: " + message);
    }
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    // The first statement reads the header, so a file that is not a database fails here.
    auto mode = db.prepare("PRAGMA journal_mode=WAL");
    auto row = mode ? mode->step() : Result<bool>(fail(mode.error()));
    if (!row) {
        return fail(row.error().code, path + ": cannot open the database: " + row.error().message);
    }
    if (!*row || mode->text(0) != "wal") {
        return fail(Errc::Unavailable,
                    path +
                        ": cannot open the database: the file system does not allow WAL "
                        "journaling");
    }
    // synchronous=FULL: in WAL mode a commit is fsynced before it returns, so a batch the
    // caller was told is stored survives a crash or power loss (DESIGN rule 5).
    auto setup = db.exec("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    if (!setup) {
        return fail(setup.error().code,
                    path + ": cannot open the database: " + setup.error().message);
    }
    return db;
}

SqliteDb::SqliteDb(SqliteDb&& other) noexcept
    : path_(std::move(other.path_)), db_(std::exchange(other.db_, nullptr)) {}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(db_);
        path_ = std::move(other.path_);
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

SqliteDb::~SqliteDb() {
    // close_v2 defers the close until the last statement is finalized; never fails for us.
    sqlite3_close_v2(db_);
}

Result<void> SqliteDb::exec(std::string_view sql) {
    std::string text(sql);
    char* message = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        Error error{errc_of(rc), message != nullptr ? message : sqlite3_errstr(rc)};
        sqlite3_free(message);
        return fail(std::move(error));
    }
    return {};
}

int SqliteDb::changes() const {
    return sqlite3_changes(db_);
}

Result<SqliteStatement> SqliteDb::prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        return fail(error_of(db_));
    }
    return SqliteStatement(stmt);
}

Result<void> SqliteDb::transaction(const std::function<Result<void>()>& body) {
    // IMMEDIATE takes the write lock up front, so the busy timeout applies here and not as a
    // deadlock-prone upgrade from a read lock half way through.
    if (auto begin = exec("BEGIN IMMEDIATE"); !begin) {
        return begin;
    }
    Result<void> result = body();
    if (result) {
        result = exec("COMMIT");
    }
    // SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR); only an open
    // transaction needs the ROLLBACK.
    if (!result && sqlite3_get_autocommit(db_) == 0) {
        (void)exec("ROLLBACK");
    }
    return result;
}

Failure SqliteDb::context(const Error& error, std::string_view what) const {
    return fail(error.code, path_ + ": " + std::string(what) + ": " + error.message);
}

}  // namespace markaz::store
