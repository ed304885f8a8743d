#include "unit/api/api_test_support.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "api/passwords.h"

namespace markaz::api::testing {

// ---------------------------------------------------------------- TestCenter

TestCenter::TestCenter(acd::RouterConfig config) : config_(std::move(config)) {
    router_ = std::make_unique<acd::Router>(std::move(*acd::Router::create(config_, 1)));
    stats_ = std::make_unique<stats::LiveStats>(
        std::move(*stats::LiveStats::create(stats::StatsConfig::from(config_))));
    const auto midnight = std::chrono::floor<std::chrono::days>(now().wall);
    series_ = std::make_unique<stats::IntervalSeries>(std::move(
        *stats::IntervalSeries::create(stats::StatsConfig::from(config_), WallTime{midnight})));
}

Now TestCenter::now() const {
    return {std::chrono::time_point_cast<Duration>(std::chrono::steady_clock::now()),
            std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now())};
}

void TestCenter::publish(const std::vector<acd::Event>& events) {
    stats_->apply(events);
    series_->apply(events);
    book_.apply(events);
    log_.insert(log_.end(), events.begin(), events.end());
    for (const acd::Event& event : events) {
        for (const auto& [id, listener] : listeners_) {
            listener(event);
        }
    }
}

Result<void> TestCenter::command(const acd::Command& command) {
    std::lock_guard lock(mutex_);
    commands_.push_back(command);
    if (const auto* remove = std::get_if<acd::RemoveCall>(&command)) {
        // As the switchboard: a call out of the queues is hung up on its phones alone.
        for (const LiveCall& live : book_.calls(*router_)) {
            if (live.id == remove->call && live.state == LiveCall::State::TransferredOut) {
                return {};
            }
        }
    }
    auto events = router_->handle(command, now());
    if (!events) {
        return fail(events.error());
    }
    publish(*events);
    return {};
}

void TestCenter::apply_flow(const FlowEvent& event) {
    std::lock_guard lock(mutex_);
    book_.apply(event);
}

Result<void> TestCenter::hold(const CallId& call, bool on_hold, const std::string& by) {
    (void)by;
    return on_hold ? command(acd::HoldCall{call}) : command(acd::ResumeCall{call});
}

Result<void> TestCenter::pause_recording(const CallId& call, bool paused, const std::string& by) {
    (void)by;
    std::lock_guard lock(mutex_);
    for (const LiveCall& live : book_.calls(*router_)) {
        if (live.id == call) {
            if (live.recording_paused == paused) {
                return fail(Errc::Conflict, paused ? "paused already" : "not paused");
            }
            book_.apply(flow::RecordingPaused{call, paused});
            return {};
        }
    }
    return fail(Errc::NotFound, "no live call '" + call.str() + "'");
}

Result<void> TestCenter::monitor(const CallId& call, const std::string& extension, MonitorMode mode,
                                 const std::string& by) {
    std::lock_guard lock(mutex_);
    monitor_requests_.push_back({call, extension, mode, by});
    return {};
}

std::vector<TestCenter::MonitorRequest> TestCenter::monitor_requests() const {
    std::lock_guard lock(mutex_);
    return monitor_requests_;
}

void TestCenter::must(const acd::Command& command) {
    auto done = this->command(command);
    ASSERT_TRUE(done) << done.error().message;
}

stats::LiveSnapshot TestCenter::live() const {
    std::lock_guard lock(mutex_);
    return stats_->snapshot(now().wall);
}

std::vector<LiveCall> TestCenter::calls() const {
    std::lock_guard lock(mutex_);
    return book_.calls(*router_);
}

std::vector<acd::AgentSnapshot> TestCenter::agents() const {
    std::lock_guard lock(mutex_);
    std::vector<acd::AgentSnapshot> out;
    for (const acd::AgentConfig& agent : config_.agents) {
        if (auto snapshot = router_->agent(agent.id)) {
            out.push_back(*snapshot);
        }
    }
    return out;
}

acd::RouterConfig TestCenter::router_config() const {
    std::lock_guard lock(mutex_);
    return config_;
}

Result<std::vector<acd::Event>> TestCenter::call_events(const CallId& call) const {
    std::lock_guard lock(mutex_);
    std::vector<acd::Event> out;
    for (const acd::Event& event : log_) {
        const bool about_call = std::visit(
            [&call](const auto& e) {
                if constexpr (requires { e.call; }) {
                    return e.call == call;
                }
                return false;
            },
            event.body);
        if (about_call) {
            out.push_back(event);
        }
    }
    if (out.empty()) {
        return fail(Errc::NotFound, "call '" + call.str() + "' is unknown");
    }
    return out;
}

std::shared_ptr<void> TestCenter::subscribe(std::function<void(const acd::Event&)> listener) {
    std::lock_guard lock(mutex_);
    const int id = next_listener_++;
    listeners_[id] = std::move(listener);
    return std::shared_ptr<void>(nullptr, [this, id](void*) {
        std::lock_guard inner(mutex_);
        listeners_.erase(id);
    });
}

Result<void> TestCenter::reconfigure(acd::RouterConfig config) {
    auto router = acd::Router::create(config, 1);
    if (!router) {
        return fail(router.error());
    }
    std::lock_guard lock(mutex_);
    config_ = std::move(config);
    router_ = std::make_unique<acd::Router>(std::move(*router));
    return {};
}

Result<TodayIntervals> TestCenter::today_intervals() const {
    std::lock_guard lock(mutex_);
    return TodayIntervals{std::chrono::minutes(0), series_->config().interval,
                          series_->rows(now().wall)};
}

std::vector<ReadinessCheck> TestCenter::readiness() const {
    std::lock_guard lock(mutex_);
    return readiness_;
}

Result<std::vector<alerts::AlertEntry>> TestCenter::alerts() const {
    std::lock_guard lock(mutex_);
    return std::vector<alerts::AlertEntry>(alert_book_.entries().begin(),
                                           alert_book_.entries().end());
}

Result<alerts::AlertEntry> TestCenter::acknowledge_alert(std::uint64_t id, const std::string& by) {
    std::lock_guard lock(mutex_);
    return alert_book_.acknowledge(id, by, now().wall);
}

void TestCenter::record_alerts(const std::vector<alerts::AlertChange>& changes,
                               const std::vector<alerts::AlertRule>& rules) {
    std::lock_guard lock(mutex_);
    alert_book_.apply(changes, rules);
}

void TestCenter::set_readiness(std::vector<ReadinessCheck> checks) {
    std::lock_guard lock(mutex_);
    readiness_ = std::move(checks);
}

std::vector<acd::Command> TestCenter::commands() const {
    std::lock_guard lock(mutex_);
    return commands_;
}

acd::Command TestCenter::last_command() const {
    std::lock_guard lock(mutex_);
    EXPECT_FALSE(commands_.empty());
    return commands_.empty() ? acd::Command{} : commands_.back();
}

// ---------------------------------------------------------------- configuration

acd::RouterConfig test_routing() {
    acd::RouterConfig config;
    for (const char* name : {"sales", "support", "vip"}) {
        acd::QueueConfig queue;
        queue.id = QueueId{name};
        queue.ring_timeout = 60s;
        config.queues.push_back(queue);
    }
    auto agent = [&config](const char* id, const char* name, std::vector<acd::Membership> queues) {
        acd::AgentConfig a;
        a.id = AgentId{id};
        a.name = name;
        a.queues = std::move(queues);
        config.agents.push_back(a);
    };
    agent("a1001", "Ali", {{QueueId{"sales"}, 0}});
    agent("a1002", "Bahar", {{QueueId{"sales"}, 0}, {QueueId{"support"}, 1}});
    agent("a1003", "Cyrus", {{QueueId{"support"}, 0}});
    agent("a1004", "Dara", {{QueueId{"vip"}, 0}});
    return config;
}

namespace {

/// argon2id costs tens of milliseconds: each password is hashed once per test process.
const std::string& cached_hash(const std::string& password) {
    static std::mutex mutex;
    static std::map<std::string, std::string> hashes;
    std::lock_guard lock(mutex);
    auto [it, added] = hashes.try_emplace(password);
    if (added) {
        it->second = *hash_password(password);
    }
    return it->second;
}

}  // namespace

void add_test_users(UserDirectory& users, const acd::RouterConfig& routing) {
    auto add = [&](const char* name, Role role, const char* agent, std::vector<QueueId> queues,
                   const char* extension) {
        User user;
        user.username = name;
        user.display_name = std::string("User ") + name;
        user.role = role;
        if (agent != nullptr) {
            user.agent = AgentId{agent};
        }
        if (extension != nullptr) {
            user.extension = extension;
        }
        user.queues = std::move(queues);
        user.password_hash = cached_hash(std::string("demo-") + name);
        ASSERT_TRUE(check_user_references(user, routing, ""));
        ASSERT_TRUE(users.add(std::move(user)));
    };
    add("manager", Role::Manager, nullptr, {}, nullptr);
    add("supervisor", Role::Supervisor, nullptr, {QueueId{"sales"}}, nullptr);
    add("lead", Role::Supervisor, "a1002", {QueueId{"support"}}, "1002");
    add("qa", Role::Qa, nullptr, {}, nullptr);
    add("a1001", Role::Agent, "a1001", {}, "1001");
    add("a1003", Role::Agent, "a1003", {}, "1003");
}

// ---------------------------------------------------------------- harness

ApiHarness::ApiHarness(std::function<void(ApiOptions&)> adjust) {
    add_test_users(users, routing);
    ApiOptions options;
    options.port = 0;
    options.threads = 2;
    options.pacing.frame_interval = 50ms;
    options.pacing.refresh = 60s;
    options.pacing.heartbeat = 60s;
    const char* source = std::getenv("MARKAZ_SOURCE_DIR");
    options.openapi_path = std::string(source ? source : ".") + "/docs/openapi.json";
    options.log_error = [this](const std::string& line) {
        std::lock_guard lock(log_mutex_);
        log_ += line + "\n";
    };
    if (adjust) {
        adjust(options);
    }
    server = std::make_unique<ApiServer>(center, users, audit, options);
    server->start();
}

ApiHarness::~ApiHarness() {
    server->stop();
}

std::string ApiHarness::logged() const {
    std::lock_guard lock(log_mutex_);
    return log_;
}

std::string ApiHarness::origin() const {
    return "http://127.0.0.1:" + std::to_string(port());
}

Headers ApiHarness::live_headers(const Browser& browser) const {
    Headers headers = browser.cookie_headers();
    headers.emplace_back("Origin", origin());
    return headers;
}

}  // namespace markaz::api::testing
