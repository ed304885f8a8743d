#include "store/migrations.h"

#include <array>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/sqlite_db.h"
#include "store/sqlite_store.h"
#include "unit/store/store_test_support.h"

namespace markaz::store {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

SqliteDb open_db(const std::string& path) {
    auto db = SqliteDb::open(path);
    EXPECT_TRUE(db) << db.error().message;
    return std::move(*db);
}

int version_of(SqliteDb& db) {
    auto version = schema_version(db);
    EXPECT_TRUE(version) << version.error().message;
    return version ? *version : -1;
}

bool has_table(SqliteDb& db, const std::string& name) {
    auto stmt = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
    EXPECT_TRUE(stmt);
    stmt->bind(1, std::string_view(name));
    auto row = stmt->step();
    EXPECT_TRUE(row && *row);
    return stmt->int64(0) == 1;
}

TEST(Migrations, AFreshDatabaseReachesTheLatestVersion) {
    TempDir dir;
    SqliteDb db = open_db(dir.file("m.db"));
    EXPECT_EQ(version_of(db), 0);
    auto ran = migrate(db, schema_migrations());
    ASSERT_TRUE(ran) << ran.error().message;
    EXPECT_EQ(*ran, static_cast<int>(schema_migrations().size()));
    EXPECT_EQ(version_of(db), static_cast<int>(schema_migrations().size()));
    for (const char* table : {"config_state", "pause_reasons", "queues", "agents", "agent_queue",
                              "agent_skills", "events"}) {
        EXPECT_TRUE(has_table(db, table)) << table;
    }
}

TEST(Migrations, MigratingAgainIsANoOp) {
    TempDir dir;
    {
        SqliteDb db = open_db(dir.file("m.db"));
        ASSERT_TRUE(migrate(db, schema_migrations()));
        ASSERT_TRUE(db.exec("INSERT INTO pause_reasons (name, position) VALUES ('kept', 0)"));
    }
    SqliteDb db = open_db(dir.file("m.db"));
    auto ran = migrate(db, schema_migrations());
    ASSERT_TRUE(ran) << ran.error().message;
    EXPECT_EQ(*ran, 0);
    auto stmt = db.prepare("SELECT name FROM pause_reasons");
    ASSERT_TRUE(stmt);
    auto row = stmt->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(stmt->text(0), "kept");
    // And the store's own open on the same file changes nothing either.
    auto store = SqliteStore::open(dir.file("m.db"));
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ(version_of(db), static_cast<int>(schema_migrations().size()));
}

TEST(Migrations, ADatabaseFromANewerMarkazIsRefused) {
    TempDir dir;
    const std::string path = dir.file("new.db");
    {
        SqliteDb db = open_db(path);
        ASSERT_TRUE(db.exec("PRAGMA user_version = 99"));
    }
    auto store = SqliteStore::open(path);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, Errc::Conflict);
    EXPECT_EQ(store.error().message,
              path + ": the database has schema version 99, newer than this Markaz knows (" +
                  std::to_string(schema_migrations().size()) +
                  "); use a newer Markaz or another database file");
    SqliteDb db = open_db(path);
    EXPECT_EQ(version_of(db), 99);
    EXPECT_FALSE(has_table(db, "events"));
}

TEST(Migrations, AFailingMigrationLeavesThePreviousVersion) {
    TempDir dir;
    SqliteDb db = open_db(dir.file("m.db"));
    const std::array<Migration, 2> migrations{{
        {1, "CREATE TABLE one (x INTEGER);"},
        // The second statement fails after the first has run: both must be undone.
        {2, "CREATE TABLE two (x INTEGER); INSERT INTO missing VALUES (1);"},
    }};
    auto ran = migrate(db, migrations);
    ASSERT_FALSE(ran);
    EXPECT_EQ(ran.error().message,
              dir.file("m.db") + ": migration to schema version 2 failed: no such table: missing");
    EXPECT_EQ(version_of(db), 1);
    EXPECT_TRUE(has_table(db, "one"));
    EXPECT_FALSE(has_table(db, "two"));

    // Fixed in the next release, the migration runs from where it stopped.
    const std::array<Migration, 2> fixed{{
        {1, "CREATE TABLE one (x INTEGER);"},
        {2, "CREATE TABLE two (x INTEGER);"},
    }};
    auto again = migrate(db, fixed);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(*again, 1);
    EXPECT_EQ(version_of(db), 2);
    EXPECT_TRUE(has_table(db, "two"));
}

TEST(Migrations, AMisnumberedListIsRefused) {
    TempDir dir;
    SqliteDb db = open_db(dir.file("m.db"));
    const std::array<Migration, 2> gap{{{1, "CREATE TABLE one (x);"}, {3, "SELECT 1;"}}};
    auto ran = migrate(db, gap);
    ASSERT_FALSE(ran);
    EXPECT_EQ(ran.error().code, Errc::Internal);
    EXPECT_EQ(version_of(db), 0);
}

TEST(Migrations, AFileThatIsNotADatabaseIsRefused) {
    TempDir dir;
    const std::string path = dir.file("notes.txt");
    testing::write_file(path, std::string(4096, 'x'));
    auto store = SqliteStore::open(path);
    ASSERT_FALSE(store);
    EXPECT_THAT(store.error().message, HasSubstr(path + ": cannot open the database: "));
    EXPECT_THAT(store.error().message, HasSubstr("not a database"));
}

}  // namespace
}  // namespace markaz::store
