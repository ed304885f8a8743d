// The web's accounts kept in the store: what the API changed is what a restart finds, a write
// the disk refuses changes nothing, and no flood pushes the audit log's old entries out.

#include "store/account_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/api_tokens.h"
#include "api/audit.h"
#include "api/users.h"
#include "store/sqlite_db.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TempDir;

const WallTime kT0{std::chrono::seconds{1'795'421'730}};

api::User user(const std::string& name, api::Role role, const std::string& hash) {
    api::User u;
    u.username = name;
    u.display_name = "کاربر " + name;  // non-ASCII survives the JSON document
    u.role = role;
    u.language = api::Language::Fa;
    u.password_hash = hash;
    u.created_at = kT0;
    if (role == api::Role::Agent) {
        u.agent = AgentId{name};
        u.extension = "1001";
    }
    if (role == api::Role::Supervisor) {
        u.queues = {QueueId{"sales"}, QueueId{"support"}};
    }
    return u;
}

std::unique_ptr<AccountStore> open_accounts(const std::string& path) {
    auto store = AccountStore::open(path);
    EXPECT_TRUE(store) << store.error().message;
    return std::move(*store);
}

std::vector<std::string> names(const std::vector<api::User>& users) {
    std::vector<std::string> out;
    for (const auto& u : users) {
        out.push_back(u.username);
    }
    return out;
}

TEST(AccountStore, TheConfigurationSeedsUsersOnceAndTheApisChangesAreWhatARestartFinds) {
    TempDir dir;
    const std::vector<api::User> configured{user("a1001", api::Role::Agent, "hash-a"),
                                            user("manager", api::Role::Manager, "hash-m")};
    {
        auto store = open_accounts(dir.file("markaz.db"));
        auto seeded = store->seed_users(configured, kT0);
        ASSERT_TRUE(seeded) << seeded.error().message;
        EXPECT_TRUE(store->seeded_now());
        auto directory = api::UserDirectory::create(std::move(*seeded));
        ASSERT_TRUE(directory);
        directory->keep_in(*store);
        ASSERT_TRUE(directory->remove("a1001"));
        api::User manager = *directory->find("manager");
        manager.password_hash = "hash-reset";
        ASSERT_TRUE(directory->replace(manager));
        ASSERT_TRUE(directory->add(user("lead", api::Role::Supervisor, "hash-l")));
        directory->record_login("lead", kT0 + 5s);
    }
    auto store = open_accounts(dir.file("markaz.db"));
    auto kept = store->seed_users(configured, kT0 + 1h);  // the configuration, unchanged
    ASSERT_TRUE(kept) << kept.error().message;
    EXPECT_FALSE(store->seeded_now());
    EXPECT_EQ(names(*kept), (std::vector<std::string>{"lead", "manager"}))
        << "the deleted user stays deleted";
    EXPECT_EQ((*kept)[1].password_hash, "hash-reset") << "the reset password stays reset";
    const api::User& lead = (*kept)[0];
    EXPECT_EQ(lead.display_name, "کاربر lead");
    EXPECT_EQ(lead.role, api::Role::Supervisor);
    EXPECT_EQ(lead.language, api::Language::Fa);
    EXPECT_EQ(lead.queues, (std::vector<QueueId>{QueueId{"sales"}, QueueId{"support"}}));
    EXPECT_EQ(lead.created_at, kT0);
    EXPECT_EQ(lead.last_login_at, kT0 + 5s);
}

TEST(AccountStore, AChangeTheDiskRefusesIsNotMade) {
    TempDir dir;
    auto store = open_accounts(dir.file("markaz.db"));
    auto seeded = store->seed_users({user("manager", api::Role::Manager, "hash-m")}, kT0);
    ASSERT_TRUE(seeded);
    auto directory = api::UserDirectory::create(std::move(*seeded));
    ASSERT_TRUE(directory);
    directory->keep_in(*store);
    {
        // Another connection makes every write to `users` fail, as a full disk would.
        auto other = SqliteDb::open(dir.file("markaz.db"));
        ASSERT_TRUE(other);
        ASSERT_TRUE(other->exec(
            "CREATE TRIGGER refuse_insert BEFORE INSERT ON users BEGIN SELECT RAISE(ABORT, "
            "'disk full'); END; CREATE TRIGGER refuse_update BEFORE UPDATE ON users BEGIN "
            "SELECT RAISE(ABORT, 'disk full'); END; CREATE TRIGGER refuse_delete BEFORE DELETE "
            "ON users BEGIN SELECT RAISE(ABORT, 'disk full'); END;"));
    }
    auto added = directory->add(user("lead", api::Role::Supervisor, "h"));
    ASSERT_FALSE(added);
    EXPECT_EQ(added.error().code, Errc::Unavailable);
    EXPECT_THAT(added.error().message, HasSubstr("user 'lead' could not be kept"));
    EXPECT_THAT(added.error().message, HasSubstr("disk full"));
    EXPECT_FALSE(directory->find("lead"));
    api::User reset = *directory->find("manager");
    reset.password_hash = "new";
    EXPECT_FALSE(directory->replace(reset));
    EXPECT_EQ(directory->find("manager")->password_hash, "hash-m");
    EXPECT_FALSE(directory->remove("manager"));
    EXPECT_TRUE(directory->find("manager"));
}

TEST(AccountStore, TokensAndTheirRevocationsSurviveARestartAndGoWithTheirUser) {
    TempDir dir;
    std::string kept_secret;
    std::string revoked_secret;
    {
        auto store = open_accounts(dir.file("markaz.db"));
        ASSERT_TRUE(store->seed_users(
            {user("manager", api::Role::Manager, "h"), user("qa", api::Role::Qa, "h")}, kT0));
        api::TokenStore tokens;
        tokens.keep_in(*store, {});
        auto kept = tokens.create("prometheus", "manager", kT0 + 24h, kT0);
        auto revoked = tokens.create("crm", "manager", std::nullopt, kT0);
        auto of_qa = tokens.create("qa-tool", "qa", std::nullopt, kT0);
        ASSERT_TRUE(kept && revoked && of_qa);
        kept_secret = kept->secret;
        revoked_secret = revoked->secret;
        ASSERT_TRUE(tokens.revoke(revoked->token.id));
        ASSERT_TRUE(tokens.use(kept_secret, kT0 + 1min));
        ASSERT_TRUE(store->erase_user("qa"));
    }
    auto store = open_accounts(dir.file("markaz.db"));
    auto kept = store->tokens();
    ASSERT_TRUE(kept) << kept.error().message;
    ASSERT_EQ(kept->size(), 1u) << "the revoked token and the deleted user's are gone";
    EXPECT_EQ((*kept)[0].name, "prometheus");
    EXPECT_EQ((*kept)[0].expires_at, kT0 + 24h);
    EXPECT_EQ((*kept)[0].last_used_at, kT0 + 1min);
    EXPECT_THAT((*kept)[0].secret_sha256, Not(HasSubstr(kept_secret.substr(4))));
    api::TokenStore tokens;
    tokens.keep_in(*store, *kept);
    EXPECT_TRUE(tokens.use(kept_secret, kT0 + 2h));
    EXPECT_FALSE(tokens.use(revoked_secret, kT0 + 2h));
}

TEST(AccountStore, EveryAuditEntryIsKeptWhateverFloodsTheLog) {
    TempDir dir;
    {
        auto store = open_accounts(dir.file("markaz.db"));
        api::AuditLog audit{10};  // a ring of ten in memory
        ASSERT_TRUE(audit.keep_in(*store));
        audit.record({0, kT0, "manager", "10.0.0.5", "user-delete", "a1001", "{}"});
        for (int i = 0; i < 200; ++i) {  // anonymous failed logins
            audit.record({0, kT0 + 1s, "x", "203.0.113.9", "login-failed", "x", "{}"});
        }
        auto newest = audit.list(3, std::nullopt);
        ASSERT_EQ(newest.size(), 3u);
        EXPECT_EQ(newest[0].id, 201);
        auto page = audit.list(5, 3);
        ASSERT_EQ(page.size(), 2u);
        EXPECT_EQ(page[1].id, 1);
        EXPECT_EQ(page[1].action, "user-delete");
        EXPECT_EQ(page[1].address, "10.0.0.5");
    }
    auto store = open_accounts(dir.file("markaz.db"));
    api::AuditLog audit{10};
    ASSERT_TRUE(audit.keep_in(*store));
    EXPECT_EQ(audit.record({0, kT0 + 1h, "manager", "", "login", "manager", "{}"}), 202)
        << "ids go on after a restart";
    EXPECT_EQ(audit.list(1000, std::nullopt).size(), 202u);
    auto other = SqliteDb::open(dir.file("markaz.db"));
    ASSERT_TRUE(other);
    auto erased = other->exec("DELETE FROM audit WHERE id = 1");
    ASSERT_FALSE(erased) << "the audit log is append-only";
    EXPECT_THAT(erased.error().message, HasSubstr("append-only"));
}

TEST(AccountStore, AUserDocumentThatCannotBeReadIsNamed) {
    auto broken = user_from_document("lead", R"({"display_name": "Lead", "role": "boss"})");
    ASSERT_FALSE(broken);
    EXPECT_THAT(broken.error().message, HasSubstr("user 'lead'"));
    auto truncated = user_from_document("lead", "{\"display_name\": ");
    ASSERT_FALSE(truncated);
    EXPECT_THAT(truncated.error().message, HasSubstr("user 'lead'"));
    api::User round = user("a1", api::Role::Agent, "$argon2id$v=19$m=65536,t=2,p=1$abc");
    auto back = user_from_document("a1", user_document(round));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->agent, AgentId{"a1"});
    EXPECT_EQ(back->extension, "1001");
    EXPECT_EQ(back->password_hash, round.password_hash);
}

}  // namespace
}  // namespace markaz::store
