// Randomized property tests: thousands of random command sequences against a real Router,
// with the invariants of the issue checked after every step. Commands are drawn with a bias
// towards ones that make progress (answering an offer that rings, hanging up a live call) and
// mixed with nonsense (unknown ids, answering calls never offered), which must be rejected
// without changing anything.

#include <map>
#include <random>
#include <set>
#include <sstream>

#include "unit/acd/property_model.h"
#include "unit/acd/router_fixture.h"

namespace markaz::acd {
namespace {

using namespace std::chrono_literals;
using property::Model;
using testing::TestClock;

/// Everything observable about the router, as text: two equal fingerprints mean equal state.
std::string fingerprint(const Router& router) {
    std::ostringstream out;
    for (const auto& a : router.config().agents) {
        auto s = *router.agent(a.id);
        out << s.id.str() << ' ' << kAgentStateNames.name(s.state) << ' ' << s.reason << ' '
            << s.extension << ' ' << s.state_since.time_since_epoch().count() << ' '
            << s.calls_answered << ' ' << s.talk_time.count() << ' '
            << s.idle_since.time_since_epoch().count() << ' ' << s.consecutive_no_answers << ' '
            << (s.call ? s.call->str() : "-") << ' '
            << (s.pending ? kAgentStateNames.name(*s.pending) : "-");
        for (const auto& q : s.queues) {
            out << ' ' << q.str();
        }
        out << '\n';
    }
    for (const auto& q : router.config().queues) {
        auto s = *router.queue(q.id);
        out << s.id.str() << ' ' << s.waiting << ' ' << s.callbacks << ' ' << s.logged_in << ' '
            << s.ready << ' ' << (s.oldest_since ? s.oldest_since->time_since_epoch().count() : -1);
        for (const auto& w : router.waiting_calls(q.id)) {
            out << " [" << w.id.str() << ' ' << w.priority << ' ' << w.position << ' ' << w.callback
                << w.ringing << ']';
        }
        out << '\n';
    }
    auto deadline = router.next_deadline();
    out << (deadline ? deadline->time_since_epoch().count() : -1) << '\n';
    return out.str();
}

/// A random but valid configuration: three queues with varied rules, eight agents in one to
/// three queues each.
RouterConfig random_config(std::mt19937_64& rng) {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
    RouterConfig config;
    for (int q = 0; q < 3; ++q) {
        QueueConfig queue;
        queue.id = QueueId{"q" + std::to_string(q)};
        queue.strategy = static_cast<Strategy>(pick(9));
        queue.weight = pick(3);
        queue.ring_timeout = std::chrono::seconds{5 + pick(20)};
        queue.retry_delay = std::chrono::seconds{pick(4)};
        queue.wrap_up = std::chrono::seconds{pick(3) * 10};
        queue.tier_wait = std::chrono::seconds{pick(2) * 15};
        queue.max_length = static_cast<std::size_t>(pick(2) * (3 + pick(5)));
        queue.join_empty = static_cast<EmptyRule>(pick(3));
        queue.leave_empty = static_cast<EmptyRule>(pick(3));
        if (pick(2)) {
            queue.max_wait = std::chrono::seconds{60 + pick(240)};
            queue.on_max_wait.kind = static_cast<ExitKind>(pick(3));
            // Exits only go "forward" so a call cannot bounce between queues forever.
            if (queue.on_max_wait.kind == ExitKind::Queue) {
                queue.on_max_wait.queue = QueueId{"q" + std::to_string(q == 2 ? 0 : q + 1)};
                if (q == 2) {
                    queue.on_max_wait.kind = ExitKind::Hangup;
                    queue.on_max_wait.queue = {};
                }
            }
        }
        queue.callback.enabled = pick(3) != 0;
        if (!queue.callback.enabled && queue.on_max_wait.kind == ExitKind::Callback) {
            queue.on_max_wait.kind = ExitKind::Hangup;
        }
        queue.callback.mode = static_cast<CallbackMode>(pick(2));
        queue.callback.max_attempts = 1 + pick(3);
        queue.callback.retry_interval = std::chrono::seconds{30 + pick(60)};
        if (pick(2)) {
            queue.callback_threshold = std::chrono::seconds{30 + pick(60)};
        }
        config.queues.push_back(queue);
    }
    const std::vector<std::string> skills{"en", "fa", "ar"};
    for (int a = 0; a < 8; ++a) {
        AgentConfig agent;
        agent.id = AgentId{"a" + std::to_string(a)};
        for (int q = 0; q < 3; ++q) {
            if (q == a % 3 || pick(3) == 0) {
                agent.queues.push_back({QueueId{"q" + std::to_string(q)}, pick(3)});
            }
        }
        for (const auto& skill : skills) {
            if (pick(2)) {
                agent.skills[skill] = 1 + pick(10);
            }
        }
        agent.max_no_answer = 1 + pick(3);
        agent.no_answer_delay = std::chrono::seconds{pick(2) * 5};
        agent.reject_delay = std::chrono::seconds{pick(2) * 10};
        agent.busy_delay = std::chrono::seconds{pick(2) * 20};
        config.agents.push_back(agent);
    }
    return config;
}

/// Draws the next command; roughly one in six is nonsense the router must refuse.
class CommandSource {
public:
    CommandSource(std::mt19937_64& rng, const RouterConfig& config) : rng_(rng), config_(config) {}

    Command next(const Model& model) {
        switch (pick(21)) {
            case 0:
            case 1:
                return AgentLogin{agent(), "x" + std::to_string(pick(4)), {}, initial(), reason()};
            case 2:
                return AgentLogout{agent()};
            case 3:
                return AgentPause{agent(), reason()};
            case 4:
                return AgentReady{agent()};
            case 5:
                return AgentNotReady{agent()};
            case 6:
                return ForceAgentState{agent(), static_cast<AgentState>(pick(7)), reason(), "sup"};
            case 7:
            case 8:
                return EnqueueCall{new_call(), queue(), pick(3), skills(), "+98912"};
            case 9:
                return AbandonCall{known_call(model)};
            case 10:
            case 11:
                if (auto offer = any(model.ringing())) {
                    return OfferAnswered{offer->first, offer->second};
                }
                return OfferAnswered{known_call(model), agent()};
            case 12:
                if (auto offer = any(model.ringing())) {
                    return OfferFailed{offer->first, offer->second,
                                       static_cast<OfferFailure>(pick(4))};
                }
                return OfferFailed{known_call(model), agent()};
            case 13:
                if (auto live = any(model.connected())) {
                    // To a queue, straight to an agent (free or not), or out to a number.
                    if (pick(5) == 0) {
                        return TransferCall{live->first, QueueId{}, "a", std::nullopt, "0912"};
                    }
                    return TransferCall{live->first, queue(), "a",
                                        pick(2) ? std::optional<AgentId>(agent()) : std::nullopt};
                }
                return TransferCall{known_call(model), queue(), "a"};
            case 14:
                if (auto live = any(model.connected())) {
                    return HangUp{live->first, static_cast<Party>(pick(2))};
                }
                return HangUp{known_call(model)};
            case 15:
                if (auto live = any(model.connected())) {
                    if (pick(2)) {
                        return HoldCall{live->first};
                    }
                    return ResumeCall{live->first};
                }
                return HoldCall{known_call(model)};
            case 16:
                return RequestCallback{known_call(model), pick(2) ? "" : "+98935"};
            case 17:
                if (auto dial = any(model.dialling())) {
                    return CallbackDialed{*dial, static_cast<DialOutcome>(pick(4))};
                }
                return CallbackDialed{known_call(model), DialOutcome::Answered};
            case 18:
                return MoveCallToAgent{known_call(model), agent(), "sup"};
            case 19:
                if (auto live = any(model.connected())) {
                    switch (pick(4)) {
                        case 0:
                            if (pick(4) == 0) {
                                return ConsultAgent{live->first, AgentId{}, "a", "0912"};
                            }
                            return ConsultAgent{live->first, agent(), "a"};
                        case 1:
                            return JoinConsult{live->first, "a"};
                        case 2:
                            return EndConsult{live->first, "a"};
                        default:
                            return CompleteTransfer{live->first, "a"};
                    }
                }
                return ConsultAgent{known_call(model), agent(), "a"};
            default:
                if (pick(2)) {
                    return SetCallPriority{known_call(model), pick(5), "sup"};
                }
                return RemoveCall{known_call(model), "sup"};
        }
    }

    int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }

private:
    template <class Set>
    std::optional<typename Set::value_type> any(const Set& set) {
        if (set.empty()) {
            return std::nullopt;
        }
        auto it = set.begin();
        std::advance(it, pick(static_cast<int>(set.size())));
        return *it;
    }
    AgentId agent() {
        if (pick(12) == 0) {
            return AgentId{"nobody"};
        }
        return config_
            .agents[static_cast<std::size_t>(pick(static_cast<int>(config_.agents.size())))]
            .id;
    }
    QueueId queue() {
        if (pick(15) == 0) {
            return QueueId{"no-such-queue"};
        }
        return config_
            .queues[static_cast<std::size_t>(pick(static_cast<int>(config_.queues.size())))]
            .id;
    }
    AgentState initial() {
        const AgentState states[] = {AgentState::Available, AgentState::Available,
                                     AgentState::Paused, AgentState::NotReady, AgentState::OnCall};
        return states[pick(5)];
    }
    std::string reason() {
        const char* reasons[] = {"break", "lunch", "training", "", "gossip"};
        return reasons[pick(5)];
    }
    std::vector<std::string> skills() {
        if (pick(3)) {
            return {};
        }
        const char* all[] = {"en", "fa", "ar", "de"};
        return {all[pick(4)]};
    }
    CallId new_call() {
        if (calls_ > 0 && pick(20) == 0) {
            return CallId{"c" + std::to_string(pick(calls_))};  // a duplicate id
        }
        return CallId{"c" + std::to_string(calls_++)};
    }
    CallId known_call(const Model& model) {
        if (auto open = any(model.open_calls()); open && pick(4)) {
            return *open;
        }
        return CallId{"c" + std::to_string(pick(calls_ + 2))};
    }

    std::mt19937_64& rng_;
    const RouterConfig& config_;
    int calls_ = 0;
};

/// "CallOffered c3 a1": enough of an event to follow a failing sequence.
std::string describe(const Event& event) {
    std::string out{event_name(event.body)};
    std::visit(
        [&](const auto& e) {
            if constexpr (requires { e.call; }) {
                out += " " + e.call.str();
            }
            if constexpr (requires { e.agent; }) {
                out += " " + e.agent.str();
            }
            if constexpr (std::is_same_v<std::decay_t<decltype(e)>, AgentStateChanged>) {
                out += std::string{" -> "} + std::string{kAgentStateNames.name(e.to)};
            }
        },
        event.body);
    return out;
}

/// Event names seen across all sequences, to check the generator reaches every ending.
using Coverage = std::map<std::string, int>;

void run_sequence(std::uint64_t seed, int steps, Coverage& seen) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng{seed};
    RouterConfig config = random_config(rng);
    ASSERT_TRUE(validate(config).has_value()) << validate(config).error().message;
    Router router = std::move(*Router::create(config, seed));
    Model model{config};
    CommandSource source{rng, config};
    TestClock clock;
    std::vector<std::string> trace;  // what happened, printed when an invariant breaks

    for (int step = 0; step < steps && !::testing::Test::HasFailure(); ++step) {
        if (source.pick(4) == 0) {
            // Let time pass, firing timers in order as the shell would.
            SteadyTime until = clock.now().mono + std::chrono::seconds{source.pick(90)};
            while (auto deadline = router.next_deadline()) {
                if (*deadline > until) {
                    break;
                }
                if (*deadline > clock.now().mono) {
                    clock.advance(*deadline - clock.now().mono);
                }
                for (const auto& event : router.tick(clock.now())) {
                    trace.push_back("  tick: " + describe(event));
                    ++seen[std::string{event_name(event.body)}];
                    model.apply(event);
                }
            }
            clock.advance(until - clock.now().mono);
        } else {
            Command command = source.next(model);
            std::string before = fingerprint(router);
            auto result = router.handle(command, clock.now());
            if (result) {
                trace.push_back("command #" + std::to_string(command.index()));
            }
            if (result) {
                for (const auto& event : *result) {
                    trace.push_back("  " + describe(event));
                    ++seen[std::string{event_name(event.body)}];
                    EXPECT_EQ(event.at, clock.now().wall);
                    model.apply(event);
                }
            } else {
                EXPECT_FALSE(result.error().message.empty());
                EXPECT_EQ(fingerprint(router), before)
                    << "rejected command changed state: " << result.error().message;
            }
        }
        model.check_against(router);
        if (::testing::Test::HasFailure()) {
            std::string last;
            for (std::size_t i = trace.size() > 60 ? trace.size() - 60 : 0; i < trace.size(); ++i) {
                last += trace[i] + "\n";
            }
            ADD_FAILURE() << "at step " << step << ", after:\n" << last;
        }
    }
}

TEST(RouterProperties, RandomCommandSequencesKeepEveryInvariant) {
    Coverage seen;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        run_sequence(seed, 400, seen);
        if (HasFailure()) {
            return;
        }
    }
    // The sequences must reach every way a call can end, or the invariants prove little.
    for (const char* kind : {"CallAnswered", "CallAbandoned", "CallTimedOut", "CallBlocked",
                             "CallRemoved", "CallbackRequested", "DialCallback", "CallbackFailed",
                             "OfferEnded", "CallCompleted", "WrapUpCompleted", "CallHeld"}) {
        EXPECT_GT(seen[kind], 10) << kind;
    }
}

}  // namespace
}  // namespace markaz::acd
