#include "store/account_store.h"

#include <nlohmann/json.hpp>

#include "store/migrations.h"
#include "store/sqlite_db.h"

namespace markaz::store {
namespace {

using Json = nlohmann::ordered_json;

std::optional<std::int64_t> optional_ms(const std::optional<WallTime>& at) {
    return at ? std::optional(epoch_ms(*at)) : std::nullopt;
}
std::optional<WallTime> optional_at(const SqliteStatement& row, int column) {
    return row.is_null(column) ? std::nullopt : std::optional(wall_from_ms(row.int64(column)));
}

}  // namespace

std::string user_document(const api::User& user) {
    Json queues = Json::array();
    for (const QueueId& queue : user.queues) {
        queues.push_back(queue.str());
    }
    Json body{{"display_name", user.display_name},
              {"role", api::kRoleNames.name(user.role)},
              {"language", api::kLanguageNames.name(user.language)},
              {"agent", user.agent ? Json(user.agent->str()) : Json(nullptr)},
              {"extension", user.extension ? Json(*user.extension) : Json(nullptr)},
              {"queues", std::move(queues)},
              {"password_hash", user.password_hash},
              {"created_ms", epoch_ms(user.created_at)},
              {"last_login_ms", user.last_login_at ? Json(epoch_ms(*user.last_login_at)) : Json()}};
    return body.dump();
}

Result<api::User> user_from_document(const std::string& username, const std::string& body) {
    const std::string at = "user '" + username + "'";
    try {
        Json json = Json::parse(body);
        api::User user;
        user.username = username;
        user.display_name = json.at("display_name").get<std::string>();
        auto role = api::kRoleNames.parse(json.at("role").get<std::string>());
        auto language = api::kLanguageNames.parse(json.at("language").get<std::string>());
        if (!role || !language) {
            return fail(Errc::Internal, at + ": unknown role or language");
        }
        user.role = *role;
        user.language = *language;
        if (!json.at("agent").is_null()) {
            user.agent = AgentId{json.at("agent").get<std::string>()};
        }
        if (!json.at("extension").is_null()) {
            user.extension = json.at("extension").get<std::string>();
        }
        for (const Json& queue : json.at("queues")) {
            user.queues.emplace_back(queue.get<std::string>());
        }
        user.password_hash = json.at("password_hash").get<std::string>();
        user.created_at = wall_from_ms(json.at("created_ms").get<std::int64_t>());
        if (!json.at("last_login_ms").is_null()) {
            user.last_login_at = wall_from_ms(json.at("last_login_ms").get<std::int64_t>());
        }
        return user;
    } catch (const Json::exception& e) {
        return fail(Errc::Internal, at + ": " + e.what());
    }
}

struct AccountStore::Impl {
    SqliteDb db;

    Result<void> write_user(const api::User& user) {
        auto stmt = db.prepare(
            "INSERT INTO users (username, body) VALUES (?1, ?2) "
            "ON CONFLICT (username) DO UPDATE SET body = excluded.body");
        if (!stmt) {
            return fail(stmt.error());
        }
        const std::string body = user_document(user);
        return stmt->bind(1, std::string_view(user.username)).bind(2, std::string_view(body)).run();
    }

    Result<std::vector<api::User>> read_users() {
        auto stmt = db.prepare("SELECT username, body FROM users ORDER BY username");
        if (!stmt) {
            return fail(stmt.error());
        }
        std::vector<api::User> users;
        while (true) {
            auto row = stmt->step();
            if (!row) {
                return fail(row.error());
            }
            if (!*row) {
                return users;
            }
            auto user = user_from_document(stmt->text(0), stmt->text(1));
            if (!user) {
                return fail(user.error());
            }
            users.push_back(std::move(*user));
        }
    }

    /// One write in its own transaction, its errors naming the file and `what`.
    Result<void> write(std::string_view what, const std::function<Result<void>()>& body) {
        if (auto done = db.transaction(body); !done) {
            return db.context(done.error(), what);
        }
        return {};
    }
};

AccountStore::AccountStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AccountStore::~AccountStore() = default;

Result<std::unique_ptr<AccountStore>> AccountStore::open(const std::string& path) {
    auto db = SqliteDb::open(path);
    if (!db) {
        return fail(db.error());
    }
    if (auto migrated = migrate(*db, schema_migrations()); !migrated) {
        return fail(migrated.error());
    }
    return std::unique_ptr<AccountStore>(
        new AccountStore(std::make_unique<Impl>(Impl{std::move(*db)})));
}

Result<std::vector<api::User>> AccountStore::seed_users(const std::vector<api::User>& configured,
                                                        WallTime now) {
    std::lock_guard lock(mutex_);
    std::vector<api::User> users;
    auto done = impl_->write("cannot read the users", [&]() -> Result<void> {
        auto state = impl_->db.prepare("SELECT seeded_ms FROM account_state WHERE id = 1");
        if (!state) {
            return fail(state.error());
        }
        auto row = state->step();
        if (!row) {
            return fail(row.error());
        }
        seeded_now_ = !*row;
        if (seeded_now_) {
            for (const api::User& user : configured) {
                if (auto written = impl_->write_user(user); !written) {
                    return written;
                }
            }
            auto mark =
                impl_->db.prepare("INSERT INTO account_state (id, seeded_ms) VALUES (1, ?1)");
            if (!mark) {
                return fail(mark.error());
            }
            if (auto marked = mark->bind(1, epoch_ms(now)).run(); !marked) {
                return marked;
            }
        }
        auto read = impl_->read_users();
        if (!read) {
            return fail(read.error());
        }
        users = std::move(*read);
        return {};
    });
    if (!done) {
        return fail(done.error());
    }
    return users;
}

Result<std::vector<api::KeptToken>> AccountStore::tokens() {
    std::lock_guard lock(mutex_);
    auto stmt = impl_->db.prepare(
        "SELECT id, name, username, created_ms, expires_ms, last_used_ms, secret_sha256 "
        "FROM api_tokens ORDER BY created_ms, id");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read the API tokens");
    }
    std::vector<api::KeptToken> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return impl_->db.context(row.error(), "cannot read the API tokens");
        }
        if (!*row) {
            return out;
        }
        out.push_back(api::KeptToken{stmt->text(0), stmt->text(1), stmt->text(2),
                                     wall_from_ms(stmt->int64(3)), optional_at(*stmt, 4),
                                     optional_at(*stmt, 5), stmt->text(6)});
    }
}

Result<void> AccountStore::put_user(const api::User& user) {
    std::lock_guard lock(mutex_);
    return impl_->write("cannot keep user '" + user.username + "'",
                        [&] { return impl_->write_user(user); });
}

Result<void> AccountStore::erase_user(std::string_view username) {
    std::lock_guard lock(mutex_);
    return impl_->write("cannot remove user '" + std::string(username) + "'",
                        [&]() -> Result<void> {
                            auto stmt = impl_->db.prepare("DELETE FROM users WHERE username = ?1");
                            if (!stmt) {
                                return fail(stmt.error());
                            }
                            return stmt->bind(1, username)
                                .run();  // the user's tokens go with it (ON DELETE CASCADE)
                        });
}

Result<void> AccountStore::put_token(const api::KeptToken& token) {
    std::lock_guard lock(mutex_);
    return impl_->write("cannot keep token '" + token.id + "'", [&]() -> Result<void> {
        auto stmt = impl_->db.prepare(
            "INSERT INTO api_tokens (id, name, username, created_ms, expires_ms, last_used_ms, "
            "secret_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (id) DO UPDATE SET "
            "last_used_ms = excluded.last_used_ms, expires_ms = excluded.expires_ms");
        if (!stmt) {
            return fail(stmt.error());
        }
        return stmt->bind(1, std::string_view(token.id))
            .bind(2, std::string_view(token.name))
            .bind(3, std::string_view(token.username))
            .bind(4, epoch_ms(token.created_at))
            .bind(5, optional_ms(token.expires_at))
            .bind(6, optional_ms(token.last_used_at))
            .bind(7, std::string_view(token.secret_sha256))
            .run();
    });
}

Result<void> AccountStore::erase_tokens(std::span<const std::string> ids) {
    std::lock_guard lock(mutex_);
    return impl_->write("cannot remove API tokens", [&]() -> Result<void> {
        auto stmt = impl_->db.prepare("DELETE FROM api_tokens WHERE id = ?1");
        if (!stmt) {
            return fail(stmt.error());
        }
        for (const std::string& id : ids) {
            stmt->reset();
            if (auto done = stmt->bind(1, std::string_view(id)).run(); !done) {
                return done;
            }
        }
        return {};
    });
}

Result<void> AccountStore::append_audit(const api::AuditEntry& entry) {
    std::lock_guard lock(mutex_);
    return impl_->write(
        "cannot keep audit entry " + std::to_string(entry.id), [&]() -> Result<void> {
            auto stmt = impl_->db.prepare(
                "INSERT INTO audit (id, at_ms, username, address, action, target, detail) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
            if (!stmt) {
                return fail(stmt.error());
            }
            return stmt->bind(1, entry.id)
                .bind(2, epoch_ms(entry.at))
                .bind(3, std::string_view(entry.username))
                .bind(4, std::string_view(entry.address))
                .bind(5, std::string_view(entry.action))
                .bind(6, std::string_view(entry.target))
                .bind(7, std::string_view(entry.detail))
                .run();
        });
}

Result<std::vector<api::AuditEntry>> AccountStore::audit_page(std::size_t limit,
                                                              std::optional<std::int64_t> before) {
    std::lock_guard lock(mutex_);
    auto stmt = impl_->db.prepare(
        "SELECT id, at_ms, username, address, action, target, detail FROM audit "
        "WHERE ?1 IS NULL OR id < ?1 ORDER BY id DESC LIMIT ?2");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read the audit log");
    }
    stmt->bind(1, before).bind(2, static_cast<std::int64_t>(limit));
    std::vector<api::AuditEntry> out;
    while (true) {
        auto row = stmt->step();
        if (!row) {
            return impl_->db.context(row.error(), "cannot read the audit log");
        }
        if (!*row) {
            return out;
        }
        out.push_back(api::AuditEntry{stmt->int64(0), wall_from_ms(stmt->int64(1)), stmt->text(2),
                                      stmt->text(3), stmt->text(4), stmt->text(5), stmt->text(6)});
    }
}

Result<std::int64_t> AccountStore::last_audit_id() {
    std::lock_guard lock(mutex_);
    auto stmt = impl_->db.prepare("SELECT coalesce(max(id), 0) FROM audit");
    if (!stmt) {
        return impl_->db.context(stmt.error(), "cannot read the audit log");
    }
    auto row = stmt->step();
    if (!row) {
        return impl_->db.context(row.error(), "cannot read the audit log");
    }
    return stmt->int64(0);
}

}  // namespace markaz::store
