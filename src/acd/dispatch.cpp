// Matching calls and agents. Distribution is event-driven: a call is matched when it becomes
// dispatchable, an agent when it becomes free; nothing polls. After every command, no
// dispatchable call has an eligible free agent, so each side only needs to look at the other.

#include <algorithm>

#include "acd/engine.h"

namespace markaz::acd::detail {

// Tiers: a call may use members whose penalty is at most its wait / tier_wait (FreeSWITCH's
// tier-rule-wait-multiply-level); with tier_wait 0 every tier is open, lower penalty first.
int Engine::allowed_penalty(const CallRec& call) const {
    Duration tier_wait = queues_[call.queue].config.tier_wait;
    if (tier_wait <= Duration::zero()) {
        return kAnyPenalty;
    }
    return static_cast<int>((now_.mono - call.joined) / tier_wait);
}

bool Engine::has_skills(const AgentRec& agent, const CallRec& call) const {
    return std::all_of(call.skills.begin(), call.skills.end(), [&](int skill) {
        auto it = std::lower_bound(agent.skills.begin(), agent.skills.end(),
                                   std::pair<int, int>{skill, 0});
        return it != agent.skills.end() && it->first == skill;
    });
}

// Lower keys are offered first. Scores only change while an agent is busy, so a key stays
// valid for as long as the agent is in the index.
AgentKey Engine::agent_key(AgentIdx a, const MemberSlot& slot) const {
    const AgentRec& agent = agents_[a];
    std::int64_t idle = agent.idle_since.time_since_epoch().count();
    switch (queues_[slot.queue].config.strategy) {
        case Strategy::LongestIdle:
        case Strategy::Skills:
            return {idle, 0, a};
        case Strategy::FewestCalls:
            return {agent.calls_answered, idle, a};
        case Strategy::LeastTalkTime:
            return {agent.talk.count(), idle, a};
        default:
            return {slot.order, 0, a};
    }
}

void Engine::index_agent(AgentIdx a) {
    AgentRec& agent = agents_[a];
    for (auto& slot : agent.members) {
        if (slot.active) {
            slot.key = agent_key(a, slot);
            queues_[slot.queue].tiers[slot.penalty].insert(slot.key);
        }
    }
    agent.indexed = true;
}

void Engine::unindex_agent(AgentIdx a) {
    AgentRec& agent = agents_[a];
    for (const auto& slot : agent.members) {
        if (slot.active) {
            queues_[slot.queue].tiers[slot.penalty].erase(slot.key);
        }
    }
    agent.indexed = false;
}

void Engine::to_bucket(CallIdx c) {
    CallRec& call = calls_[c];
    queues_[call.queue].buckets[BucketKey{-call.priority, call.skill_set}].emplace(call.seq, c);
    call.in_bucket = true;
}

void Engine::from_bucket(CallIdx c) {
    CallRec& call = calls_[c];
    if (!call.in_bucket) {
        return;
    }
    auto& buckets = queues_[call.queue].buckets;
    auto it = buckets.find(BucketKey{-call.priority, call.skill_set});
    it->second.erase({call.seq, c});
    if (it->second.empty()) {
        buckets.erase(it);
    }
    call.in_bucket = false;
}

// The free agent(s) the queue's strategy picks for call `c`: one, or all of the best tier
// for ring-all; none when no eligible agent is free.
std::vector<AgentIdx> Engine::choose_agents(CallIdx c) {
    const CallRec& call = calls_[c];
    QueueRec& queue = queues_[call.queue];
    const Strategy strategy = queue.config.strategy;
    const int max_penalty = allowed_penalty(call);
    auto eligible = [&](const AgentKey& key) { return has_skills(agents_[key.agent], call); };

    if (strategy == Strategy::WeightedRandom) {
        // Asterisk's wrandom idea across all open tiers: weight 1 / (1 + penalty).
        std::vector<std::pair<AgentIdx, double>> candidates;
        double total = 0;
        for (const auto& [penalty, tier] : queue.tiers) {
            if (penalty > max_penalty) {
                break;
            }
            for (const AgentKey& key : tier) {
                if (eligible(key)) {
                    double weight = 1.0 / (1.0 + std::max(penalty, 0));
                    candidates.emplace_back(key.agent, weight);
                    total += weight;
                }
            }
        }
        double pick = rng_.unit() * total;
        for (const auto& [agent, weight] : candidates) {
            if ((pick -= weight) < 0) {
                return {agent};
            }
        }
        return candidates.empty() ? std::vector<AgentIdx>{}
                                  : std::vector<AgentIdx>{candidates.back().first};
    }

    for (const auto& [penalty, tier] : queue.tiers) {
        if (penalty > max_penalty) {
            break;
        }
        if (tier.empty()) {
            continue;
        }
        switch (strategy) {
            case Strategy::RingAll: {
                std::vector<AgentIdx> all;
                for (const AgentKey& key : tier) {
                    if (eligible(key)) {
                        all.push_back(key.agent);
                    }
                }
                if (!all.empty()) {
                    return all;
                }
                break;
            }
            case Strategy::Skills: {
                // Best total proficiency on the call's skills; the tier is in idle order, so
                // a strict comparison leaves ties to the longest idle.
                AgentIdx best = kNone;
                int best_score = -1;
                for (const AgentKey& key : tier) {
                    if (!eligible(key)) {
                        continue;
                    }
                    int score = 0;
                    for (const auto& [skill, proficiency] : agents_[key.agent].skills) {
                        if (std::binary_search(call.skills.begin(), call.skills.end(), skill)) {
                            score += proficiency;
                        }
                    }
                    if (score > best_score) {
                        best = key.agent;
                        best_score = score;
                    }
                }
                if (best != kNone) {
                    return {best};
                }
                break;
            }
            case Strategy::Random: {
                if (call.skills.empty()) {
                    return {tier.find_by_order(rng_.below(tier.size()))->agent};
                }
                std::vector<AgentIdx> all;
                for (const AgentKey& key : tier) {
                    if (eligible(key)) {
                        all.push_back(key.agent);
                    }
                }
                if (!all.empty()) {
                    return {all[rng_.below(all.size())]};
                }
                break;
            }
            case Strategy::RoundRobin: {
                // The first free member after the one offered last, wrapping around.
                auto start = tier.lower_bound(AgentKey{queue.round_robin_last + 1, 0, 0});
                for (auto it = start; it != tier.end(); ++it) {
                    if (eligible(*it)) {
                        return {it->agent};
                    }
                }
                for (auto it = tier.begin(); it != start; ++it) {
                    if (eligible(*it)) {
                        return {it->agent};
                    }
                }
                break;
            }
            default:
                for (const AgentKey& key : tier) {
                    if (eligible(key)) {
                        return {key.agent};
                    }
                }
                break;
        }
    }
    return {};
}

// The best call for free agent `a` across its queues: highest priority, then the queue's
// weight, then the longest wait. Only bucket heads can win (see BucketKey).
CallIdx Engine::choose_call(AgentIdx a) const {
    const AgentRec& agent = agents_[a];
    CallIdx best = kNone;
    std::tuple<int, int, SteadyTime, std::uint64_t> best_rank{};
    for (const auto& slot : agent.members) {
        if (!slot.active) {
            continue;
        }
        const QueueRec& queue = queues_[slot.queue];
        for (const auto& [bucket, calls] : queue.buckets) {
            CallIdx c = calls.begin()->second;
            const CallRec& call = calls_[c];
            if (slot.penalty > allowed_penalty(call) || !has_skills(agent, call)) {
                continue;
            }
            auto rank =
                std::tuple{bucket.neg_priority, -queue.config.weight, call.joined, call.seq};
            if (best == kNone || rank < best_rank) {
                best = c;
                best_rank = rank;
            }
        }
    }
    return best;
}

void Engine::dispatch_call(CallIdx c) {
    CallRec& call = calls_[c];
    if (!call.in_bucket) {
        return;
    }
    auto agents = choose_agents(c);
    if (!agents.empty()) {
        offer(c, agents, "");
        return;
    }
    // Nobody eligible is free; if a wider tier opens later, look again then.
    const QueueRec& queue = queues_[call.queue];
    int max_penalty = allowed_penalty(call);
    auto next = queue.member_penalties.upper_bound(max_penalty);
    if (max_penalty != kAnyPenalty && next != queue.member_penalties.end()) {
        schedule(call.joined + queue.config.tier_wait * *next, TimerKind::TierWiden, c,
                 call.serial);
    }
}

void Engine::dispatch_agent(AgentIdx a) {
    if (!agents_[a].indexed) {
        return;
    }
    CallIdx c = choose_call(a);
    if (c != kNone) {
        offer(c, {a}, "");
    }
}

void Engine::offer(CallIdx c, const std::vector<AgentIdx>& agents, const std::string& by) {
    CallRec& call = calls_[c];
    QueueRec& queue = queues_[call.queue];
    from_bucket(c);
    for (const auto& slot : agents_[agents.back()].members) {
        if (slot.queue == call.queue) {
            queue.round_robin_last = slot.order;
        }
    }
    if (call.callback && !call.live) {
        AgentIdx a = agents.front();
        agents_[a].call = c;
        set_state(a, AgentState::Ringing, "", by);
        if (queue.config.callback.mode == CallbackMode::CustomerFirst) {
            dial(c, a);  // the agent is reserved and rings once the customer answers
        } else {
            ring(c, {a}, by);  // agent-first: the customer is dialled once the agent answers
        }
        return;
    }
    for (AgentIdx a : agents) {
        agents_[a].call = c;
        set_state(a, AgentState::Ringing, "", by);
    }
    ring(c, agents, by);
}

// Rings `agents`, already reserved for call `c`, until one answers or the ring timeout.
void Engine::ring(CallIdx c, std::vector<AgentIdx> agents, const std::string& by) {
    CallRec& call = calls_[c];
    const QueueConfig& config = queues_[call.queue].config;
    call.stage = Stage::Offering;
    call.offers = std::move(agents);
    call.offer_started = now_.mono;
    call.ring_deadline = now_.mono + config.ring_timeout;
    ++call.offers_made;
    schedule(call.ring_deadline, TimerKind::RingTimeout, c, call.serial);
    for (AgentIdx a : call.offers) {
        emit(CallOffered{call.id, config.id, agents_[a].id, agents_[a].extension, call.offers_made,
                         call.callback, by});
    }
}

}  // namespace markaz::acd::detail
