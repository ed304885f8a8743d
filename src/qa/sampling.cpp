#include "qa/sampling.h"

#include <algorithm>
#include <cstdint>

namespace markaz::qa {
namespace {

/// FNV-1a: a stable, well-spread order for `seed` + call id (std::hash may differ by build).
std::uint64_t shuffle_key(const std::string& seed, const std::string& call) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const std::string* part : {&seed, &call}) {
        for (const char ch : *part) {
            hash ^= static_cast<unsigned char>(ch);
            hash *= 1099511628211ULL;
        }
        hash ^= 0xff;  // keeps ("ab", "c") apart from ("a", "bc")
        hash *= 1099511628211ULL;
    }
    return hash;
}

bool follows(const Candidate& c, const SampleRequest& request) {
    switch (request.rule) {
        case SampleRule::Random:
            return true;
        case SampleRule::Short:
            return c.talk < request.short_below;
        case SampleRule::LongHold:
            return c.hold > request.long_hold_over;
        case SampleRule::Transferred:
            return c.transferred;
    }
    return false;
}

}  // namespace

std::vector<Candidate> sample(const std::vector<Candidate>& candidates,
                              const SampleRequest& request) {
    std::map<std::string, std::vector<const Candidate*>> by_agent;
    for (const Candidate& c : candidates) {
        if (follows(c, request)) {
            by_agent[c.agent].push_back(&c);
        }
    }
    std::vector<Candidate> picked;
    for (auto& [agent, calls] : by_agent) {
        const auto done = request.already.find(agent);
        const int wanted = request.per_agent - (done == request.already.end() ? 0 : done->second);
        if (wanted <= 0) {
            continue;
        }
        std::sort(calls.begin(), calls.end(), [&](const Candidate* a, const Candidate* b) {
            return std::pair(shuffle_key(request.seed, a->call), a->call) <
                   std::pair(shuffle_key(request.seed, b->call), b->call);
        });
        calls.resize(std::min(calls.size(), static_cast<std::size_t>(wanted)));
        std::sort(calls.begin(), calls.end(), [](const Candidate* a, const Candidate* b) {
            return std::pair(a->started, a->call) < std::pair(b->started, b->call);
        });
        for (const Candidate* c : calls) {
            picked.push_back(*c);
        }
    }
    return picked;
}

}  // namespace markaz::qa
