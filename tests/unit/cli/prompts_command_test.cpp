// `markaz prompts` runs the real espeak-ng and sox (installed by scripts/setup).

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/commands.h"
#include "ivr/prompt_catalog.h"
#include "unit/cli/command_run.h"
#include "unit/store/store_test_support.h"

namespace markaz::cli {
namespace {

using store::testing::TempDir;

CommandRun prompts(const std::vector<std::string>& args) {
    return run_command(run_prompts, args);
}

/// Sample rate and channels from a canonical WAV header.
std::pair<std::uint32_t, std::uint16_t> wav_format(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<unsigned char, 44> h{};
    in.read(reinterpret_cast<char*>(h.data()), h.size());
    auto u32 = [&](int at) {
        return static_cast<std::uint32_t>(h[at] | h[at + 1] << 8 | h[at + 2] << 16 |
                                          h[at + 3] << 24);
    };
    return {u32(24), static_cast<std::uint16_t>(h[22] | h[23] << 8)};
}

TEST(PromptsCommand, SpeaksEveryTextAndTheNumbersAt8kHz) {
    TempDir dir;
    std::ofstream(dir.file("ivr.yaml")) << R"(queues:
  - {name: sales}
ivr:
  main:
    language: ar
    start: hi
    nodes:
      hi: {play: [{ar: "مرحبا"}, {en: "Hello"}], next: q}
      q: {queue: sales}
)";
    CommandRun first = prompts({"--config", dir.file("ivr.yaml"), "--out", dir.file("p")});
    ASSERT_EQ(first.status, 0) << first.err;
    std::string hello = dir.file("p/" + ivr::spoken_text_file("Hello", ivr::Language::En));
    std::string marhaba = dir.file("p/" + ivr::spoken_text_file("مرحبا", ivr::Language::Ar));
    std::string twenty = dir.file("p/" + ivr::number_word_file("20", ivr::Language::Ar));
    for (const auto& file : {hello, marhaba, twenty}) {
        ASSERT_TRUE(std::filesystem::exists(file)) << file;
        EXPECT_EQ(wav_format(file), (std::pair<std::uint32_t, std::uint16_t>{8000, 1})) << file;
        EXPECT_GT(std::filesystem::file_size(file), 44u + 8000u) << "at least half a second";
    }
    // Again: nothing to make.
    CommandRun second = prompts({"--config", dir.file("ivr.yaml"), "--out", dir.file("p")});
    EXPECT_EQ(second.status, 0);
    EXPECT_NE(second.out.find(" 0 made"), std::string::npos) << second.out;
}

TEST(PromptsCommand, BadInputIsNamed) {
    CommandRun none = prompts({});
    EXPECT_EQ(none.status, 2);
    EXPECT_NE(none.err.find("--config FILE is required"), std::string::npos);
    CommandRun missing = prompts({"--config", "/no/such/file.yaml"});
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("/no/such/file.yaml"), std::string::npos) << missing.err;
    CommandRun stray = prompts({"--config", "x.yaml", "--voice", "fa"});
    EXPECT_EQ(stray.status, 2);
    EXPECT_NE(stray.err.find("unknown option '--voice'"), std::string::npos) << stray.err;
}

}  // namespace
}  // namespace markaz::cli
