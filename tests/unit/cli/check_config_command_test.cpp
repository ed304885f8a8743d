#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/commands.h"
#include "config/router_config_loader.h"
#include "store/sqlite_store.h"
#include "unit/cli/command_run.h"
#include "unit/store/store_test_support.h"

namespace markaz::cli {
namespace {

using store::testing::TempDir;
using ::testing::HasSubstr;
using ::testing::StartsWith;

CommandRun check_config(const std::vector<std::string>& args) {
    return run_command(run_check_config, args);
}

std::string shipped() {
    return store::testing::source_dir() + "/config/markaz.yaml";
}

// A valid file with one typo on line 6.
constexpr const char* kTypo = R"(pause_reasons: [break]
queues:
  - name: sales
    strategy: ring-all
  - name: support
    wrap_upp: 30s
agents:
  - {id: a1, queues: [sales]}
)";

TEST(CheckConfig, AGoodFileIsSummarised) {
    CommandRun run = check_config({shipped()});
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out, shipped() + ": ok — 2 queues, 10 agents, 5 pause reasons\n");
    EXPECT_EQ(run.err, "");
}

TEST(CheckConfig, ATypoNamesTheLineAndTheField) {
    TempDir dir;
    const std::string file = dir.file("typo.yaml");
    store::testing::write_file(file, kTypo);
    CommandRun run = check_config({file});
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_THAT(run.err, StartsWith(file + ":6: queues[1].wrap_upp: unknown key"));
}

TEST(CheckConfig, AMissingFileIsBadInput) {
    TempDir dir;
    CommandRun run = check_config({dir.file("nowhere.yaml")});
    EXPECT_EQ(run.status, 2);
    EXPECT_THAT(run.err, StartsWith(dir.file("nowhere.yaml") + ": cannot read: "));
}

TEST(CheckConfig, UsageErrors) {
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{},
                                               {"--db"},
                                               {shipped(), "--db"},
                                               {shipped(), "--db="},
                                               {shipped(), "--dbx", "x.db"},
                                               {shipped(), shipped()}}) {
        CommandRun run = check_config(args);
        EXPECT_EQ(run.status, 2) << ::testing::PrintToString(args);
        EXPECT_THAT(run.err, HasSubstr("usage: markaz check-config FILE [--db PATH]"));
        EXPECT_EQ(run.out, "");
    }
    EXPECT_EQ(check_config({}).err,
              "markaz check-config: missing the configuration FILE\n"
              "usage: markaz check-config FILE [--db PATH]\n");
    EXPECT_THAT(check_config({shipped(), "-v"}).err, StartsWith("markaz check-config: unknown "
                                                                "option '-v'\n"));
    CommandRun help = check_config({"--help"});
    EXPECT_EQ(help.status, 0);
    EXPECT_THAT(help.out, StartsWith("usage:"));
}

TEST(CheckConfig, DbStoresTheConfig) {
    TempDir dir;
    const std::string db = dir.file("markaz.db");
    CommandRun run = check_config({shipped(), "--db", db});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_EQ(run.out,
              shipped() + ": ok — 2 queues, 10 agents, 5 pause reasons; stored in " + db + "\n");
    auto store = store::SqliteStore::open(db);
    ASSERT_TRUE(store) << store.error().message;
    auto stored = store->load_config();
    ASSERT_TRUE(stored) << stored.error().message;
    auto loaded = config::load_router_config(shipped());
    ASSERT_TRUE(loaded);
    store::testing::expect_same(*stored, *loaded);
    // --db=PATH works too, and saving again replaces the same config.
    EXPECT_EQ(check_config({"--db=" + db, shipped()}).status, 0);
}

TEST(CheckConfig, ABadFileNeverTouchesTheDatabase) {
    TempDir dir;
    const std::string db = dir.file("markaz.db");
    ASSERT_EQ(check_config({shipped(), "--db", db}).status, 0);
    const std::string before = store::testing::read_file(db);
    ASSERT_FALSE(before.empty());
    const std::string file = dir.file("typo.yaml");
    store::testing::write_file(file, kTypo);

    CommandRun run = check_config({file, "--db", db});
    EXPECT_EQ(run.status, 2);
    EXPECT_THAT(run.err, StartsWith(file + ":6: queues[1].wrap_upp: unknown key"));
    EXPECT_EQ(store::testing::read_file(db), before);
    auto store = store::SqliteStore::open(db);
    ASSERT_TRUE(store);
    auto stored = store->load_config();
    ASSERT_TRUE(stored) << stored.error().message;
    EXPECT_EQ(stored->agents.size(), 10u);

    // Nor does it create one.
    const std::string fresh = dir.file("fresh.db");
    EXPECT_EQ(check_config({file, "--db", fresh}).status, 2);
    EXPECT_FALSE(std::filesystem::exists(fresh));
}

TEST(CheckConfig, AStoreFailureExitsOne) {
    TempDir dir;
    const std::string not_a_db = dir.file("notes.txt");
    store::testing::write_file(not_a_db, std::string(4096, 'x'));
    CommandRun run = check_config({shipped(), "--db", not_a_db});
    EXPECT_EQ(run.status, 1);
    EXPECT_THAT(run.err,
                StartsWith("markaz check-config: " + not_a_db + ": cannot open the database: "));
    EXPECT_EQ(run.out, "");
}

}  // namespace
}  // namespace markaz::cli
