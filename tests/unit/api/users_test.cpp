// Users from configuration specs, their checks against the routing configuration, and the
// directory's operations.

#include "api/users.h"

#include <gtest/gtest.h>

#include "api/passwords.h"

namespace markaz::api {
namespace {

acd::RouterConfig routing() {
    acd::RouterConfig config;
    for (const char* q : {"sales", "support"}) {
        acd::QueueConfig queue;
        queue.id = QueueId{q};
        config.queues.push_back(queue);
    }
    acd::AgentConfig agent;
    agent.id = AgentId{"a1001"};
    agent.queues = {{QueueId{"sales"}, 0}};
    config.agents.push_back(agent);
    return config;
}

UserSpec supervisor_spec() {
    UserSpec spec;
    spec.name = "supervisor";
    spec.role = "supervisor";
    spec.password = "demo-supervisor";
    spec.queues = {"sales", "support"};
    spec.language = "fa";
    return spec;
}

const WallTime kNow{std::chrono::hours(24 * 20000)};

TEST(UserFromSpec, HashesThePlainPassword) {
    auto user = user_from_spec(supervisor_spec(), routing(), "users[1]", kNow);
    ASSERT_TRUE(user) << user.error().message;
    EXPECT_EQ(user->role, Role::Supervisor);
    EXPECT_EQ(user->language, Language::Fa);
    EXPECT_EQ(user->queues, (std::vector<QueueId>{QueueId{"sales"}, QueueId{"support"}}));
    EXPECT_TRUE(verify_password(user->password_hash, "demo-supervisor"));
    EXPECT_EQ(user->created_at, kNow);
}

TEST(UserFromSpec, TakesAGivenHash) {
    UserSpec spec = supervisor_spec();
    spec.password.clear();
    spec.password_hash = *hash_password("from-the-config");
    auto user = user_from_spec(spec, routing(), "users[1]", kNow);
    ASSERT_TRUE(user) << user.error().message;
    EXPECT_EQ(user->password_hash, spec.password_hash);
}

struct WrongSpec {
    const char* what;
    void (*change)(UserSpec&);
    const char* message;
};

class UserFromWrongSpec : public ::testing::TestWithParam<WrongSpec> {};

TEST_P(UserFromWrongSpec, NamesTheField) {
    UserSpec spec = supervisor_spec();
    GetParam().change(spec);
    auto user = user_from_spec(spec, routing(), "users[1]", kNow);
    ASSERT_FALSE(user);
    EXPECT_EQ(user.error().code, Errc::InvalidArgument);
    EXPECT_EQ(user.error().message, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, UserFromWrongSpec,
    ::testing::Values(
        WrongSpec{"upper-case name", [](UserSpec& s) { s.name = "Boss"; },
                  "users[1].name: 'Boss' is not 1..64 of a-z, 0-9, '.', '_', '-'"},
        WrongSpec{"unknown role", [](UserSpec& s) { s.role = "boss"; },
                  "users[1].role: unknown value 'boss' (expected one of: manager, supervisor, "
                  "qa, agent)"},
        WrongSpec{"unknown language", [](UserSpec& s) { s.language = "de"; },
                  "users[1].language: unknown value 'de' (expected one of: en, fa, ar)"},
        WrongSpec{"unknown queue",
                  [](UserSpec& s) {
                      s.queues = {"sales", "sles"};
                  },
                  "users[1].queues[1]: unknown queue 'sles'"},
        WrongSpec{"unknown agent", [](UserSpec& s) { s.agent = "a9999"; },
                  "users[1].agent: unknown agent 'a9999'"},
        WrongSpec{"agent without agent id", [](UserSpec& s) { s.role = "agent"; },
                  "users[1].agent: required for role 'agent'"},
        WrongSpec{"short password", [](UserSpec& s) { s.password = "short"; },
                  "users[1].password: must be 8..1024 characters"},
        WrongSpec{"both password forms",
                  [](UserSpec& s) { s.password_hash = "$argon2id$v=19$m=1"; },
                  "users[1].password: give either password or password_hash, not both"},
        WrongSpec{"bad hash",
                  [](UserSpec& s) {
                      s.password.clear();
                      s.password_hash = "$2b$10$abc";
                  },
                  "users[1].password_hash: not an argon2id hash ($argon2id$v=19$...)"}),
    [](const auto& info) {
        std::string name = info.param.what;
        for (char& c : name) {
            c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
        }
        return name;
    });

TEST(UserFromSpec, ManySpecsNameTheirIndex) {
    UserSpec bad = supervisor_spec();
    bad.name = "qa";
    bad.role = "auditor";
    auto users = users_from_specs({supervisor_spec(), bad}, routing(), kNow);
    ASSERT_FALSE(users);
    EXPECT_TRUE(users.error().message.starts_with("users[1].role: unknown value 'auditor'"));
    EXPECT_EQ(users_from_specs({supervisor_spec()}, routing(), kNow)->size(), 1U);
}

User plain_user(const std::string& name, Role role) {
    User user;
    user.username = name;
    user.role = role;
    return user;
}

TEST(UserDirectory, RefusesDuplicateNames) {
    std::vector<User> users{plain_user("qa", Role::Qa), plain_user("qa", Role::Manager)};
    auto directory = UserDirectory::create(std::move(users));
    ASSERT_FALSE(directory);
    EXPECT_EQ(directory.error().message, "users: user name 'qa' given twice");
}

TEST(UserDirectory, AddFindReplaceRemove) {
    UserDirectory directory;
    ASSERT_TRUE(directory.add(plain_user("qa", Role::Qa)));
    auto again = directory.add(plain_user("qa", Role::Manager));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::Conflict);
    EXPECT_EQ(directory.find("qa")->role, Role::Qa);  // the refused add changed nothing

    User agent = plain_user("a1001", Role::Agent);
    agent.agent = AgentId{"a1001"};
    ASSERT_TRUE(directory.add(agent));
    EXPECT_EQ(directory.find_by_agent(AgentId{"a1001"})->username, "a1001");
    EXPECT_FALSE(directory.find_by_agent(AgentId{"a1002"}));

    User changed = *directory.find("qa");
    changed.language = Language::Ar;
    ASSERT_TRUE(directory.replace(changed));
    EXPECT_EQ(directory.find("qa")->language, Language::Ar);
    EXPECT_EQ(directory.replace(plain_user("nobody", Role::Qa)).error().code, Errc::NotFound);

    directory.record_login("qa", kNow);
    EXPECT_EQ(directory.find("qa")->last_login_at, kNow);

    ASSERT_TRUE(directory.remove("qa"));
    EXPECT_FALSE(directory.find("qa"));
    EXPECT_EQ(directory.remove("qa").error().code, Errc::NotFound);
    ASSERT_EQ(directory.list().size(), 1U);
}

TEST(Usernames, FollowTheDocumentedPattern) {
    EXPECT_TRUE(is_valid_username("a1001"));
    EXPECT_TRUE(is_valid_username("team.lead_2-b"));
    EXPECT_FALSE(is_valid_username(""));
    EXPECT_FALSE(is_valid_username("Manager"));
    EXPECT_FALSE(is_valid_username("with space"));
    EXPECT_FALSE(is_valid_username(std::string(65, 'a')));
    EXPECT_TRUE(is_valid_username(std::string(64, 'a')));
}

}  // namespace
}  // namespace markaz::api
