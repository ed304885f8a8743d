#pragma once

// Helpers for tests of src/store (and of commands that use it): temporary directories,
// the source tree, and comparisons of configs and events field by field.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdlib.h>
#include <string>
#include <type_traits>
#include <variant>

#include <gtest/gtest.h>

#include "acd/config.h"
#include "acd/events.h"

namespace markaz::store::testing {

/// A fresh directory under gtest's temp dir, removed with everything in it at the end.
class TempDir {
public:
    TempDir() {
        std::string base = ::testing::TempDir();
        if (base.empty() || base.back() != '/') {
            base += '/';
        }
        std::string pattern = base + "markaz-store-XXXXXX";
        const char* made = ::mkdtemp(pattern.data());
        EXPECT_NE(made, nullptr) << "mkdtemp " << pattern;
        path_ = made != nullptr ? made : base;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }

    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

/// The repository root: $MARKAZ_SOURCE_DIR under ctest, else found from this file's path.
inline std::string source_dir() {
    if (const char* dir = std::getenv("MARKAZ_SOURCE_DIR")) {
        return dir;
    }
    std::string file = __FILE__;  // <source>/tests/unit/store/store_test_support.h
    for (int i = 0; i < 4; ++i) {
        file = file.substr(0, file.rfind('/'));
    }
    return file;
}

inline void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Field-by-field comparisons. The structured bindings stop compiling when a config struct
// gains a field, so these tests cannot silently skip it.

inline void expect_same(const acd::ExitAction& a, const acd::ExitAction& b, const std::string& at) {
    const auto& [kind, queue, announcement] = a;
    EXPECT_EQ(kind, b.kind) << at;
    EXPECT_EQ(queue, b.queue) << at;
    EXPECT_EQ(announcement, b.announcement) << at;
}

inline void expect_same(const acd::QueueConfig& a, const acd::QueueConfig& b) {
    const auto& [id, strategy, weight, ring_timeout, retry_delay, wrap_up, max_wait, on_max_wait,
                 max_length, join_empty, leave_empty, tier_wait, sl_threshold, sl_target,
                 sl_formula, short_abandon, callback_threshold, callback, announce_every] = a;
    const std::string at = "queue " + id.str();
    EXPECT_EQ(id, b.id) << at;
    EXPECT_EQ(strategy, b.strategy) << at;
    EXPECT_EQ(weight, b.weight) << at;
    EXPECT_EQ(ring_timeout, b.ring_timeout) << at;
    EXPECT_EQ(retry_delay, b.retry_delay) << at;
    EXPECT_EQ(wrap_up, b.wrap_up) << at;
    EXPECT_EQ(max_wait, b.max_wait) << at;
    expect_same(on_max_wait, b.on_max_wait, at + ".on_max_wait");
    EXPECT_EQ(max_length, b.max_length) << at;
    EXPECT_EQ(join_empty, b.join_empty) << at;
    EXPECT_EQ(leave_empty, b.leave_empty) << at;
    EXPECT_EQ(tier_wait, b.tier_wait) << at;
    EXPECT_EQ(sl_threshold, b.sl_threshold) << at;
    EXPECT_EQ(sl_target, b.sl_target) << at;
    EXPECT_EQ(sl_formula, b.sl_formula) << at;
    EXPECT_EQ(short_abandon, b.short_abandon) << at;
    EXPECT_EQ(callback_threshold, b.callback_threshold) << at;
    const auto& [enabled, mode, max_attempts, retry_interval] = callback;
    EXPECT_EQ(enabled, b.callback.enabled) << at;
    EXPECT_EQ(mode, b.callback.mode) << at;
    EXPECT_EQ(max_attempts, b.callback.max_attempts) << at;
    EXPECT_EQ(retry_interval, b.callback.retry_interval) << at;
    EXPECT_EQ(announce_every, b.announce_every) << at;
}

inline void expect_same(const acd::AgentConfig& a, const acd::AgentConfig& b) {
    const auto& [id, name, queues, skills, max_no_answer, no_answer_delay, reject_delay, busy_delay,
                 wrap_up, extension] = a;
    const std::string at = "agent " + id.str();
    EXPECT_EQ(id, b.id) << at;
    EXPECT_EQ(name, b.name) << at;
    ASSERT_EQ(queues.size(), b.queues.size()) << at;
    for (std::size_t i = 0; i < queues.size(); ++i) {
        const auto& [queue, penalty] = queues[i];
        EXPECT_EQ(queue, b.queues[i].queue) << at << ".queues[" << i << "]";
        EXPECT_EQ(penalty, b.queues[i].penalty) << at << ".queues[" << i << "]";
    }
    EXPECT_EQ(skills, b.skills) << at;
    EXPECT_EQ(max_no_answer, b.max_no_answer) << at;
    EXPECT_EQ(extension, b.extension) << at;
    EXPECT_EQ(no_answer_delay, b.no_answer_delay) << at;
    EXPECT_EQ(reject_delay, b.reject_delay) << at;
    EXPECT_EQ(busy_delay, b.busy_delay) << at;
    EXPECT_EQ(wrap_up, b.wrap_up) << at;
}

inline void expect_same(const acd::RouterConfig& a, const acd::RouterConfig& b) {
    const auto& [queues, agents, pause_reasons] = a;
    EXPECT_EQ(pause_reasons, b.pause_reasons);
    ASSERT_EQ(queues.size(), b.queues.size());
    for (std::size_t i = 0; i < queues.size(); ++i) {
        expect_same(queues[i], b.queues[i]);
    }
    ASSERT_EQ(agents.size(), b.agents.size());
    for (std::size_t i = 0; i < agents.size(); ++i) {
        expect_same(agents[i], b.agents[i]);
    }
}

/// Event equality. acd::ExitAction has no operator==, which makes CallTimedOut's defaulted
/// one deleted (and so acd::Event's); CallTimedOut is compared by hand, the rest with ==.
template <class T>
bool same_body(const T& a, const T& b) {
    return a == b;
}
inline bool same_body(const acd::CallTimedOut& a, const acd::CallTimedOut& b) {
    const auto& [call, queue, wait, position, reason, exit] = a;
    return call == b.call && queue == b.queue && wait == b.wait && position == b.position &&
           reason == b.reason && exit.kind == b.exit.kind && exit.queue == b.exit.queue &&
           exit.announcement == b.exit.announcement;
}
inline bool same_event(const acd::Event& a, const acd::Event& b) {
    if (a.at != b.at || a.body.index() != b.body.index()) {
        return false;
    }
    return std::visit(
        [&b](const auto& body) {
            return same_body(body, std::get<std::decay_t<decltype(body)>>(b.body));
        },
        a.body);
}

}  // namespace markaz::store::testing
