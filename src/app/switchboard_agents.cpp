// Agents and their phones: feature codes, and fixed desks that follow their phone's
// registration.

#include <fmt/format.h>

#include "app/call.h"
#include "app/feature_codes.h"
#include "app/switchboard.h"

namespace markaz::app {

std::optional<AgentId> Switchboard::agent_at(const std::string& extension) const {
    for (const acd::AgentConfig& agent : config_.router.agents) {
        auto now = router_.agent(agent.id);
        if (now && now->state != acd::AgentState::LoggedOut && now->extension == extension) {
            return agent.id;
        }
    }
    return std::nullopt;
}

void Switchboard::on_sip_notice(const sip::SipNotice& notice, Now now) {
    using Kind = sip::SipNotice::Kind;
    if (notice.kind == Kind::TrunkReachable || notice.kind == Kind::TrunkUnreachable) {
        view().set_trunk_reachable(notice.detail, notice.kind == Kind::TrunkReachable);
        return;
    }
    if (notice.kind != Kind::Registered && notice.kind != Kind::Unregistered) {
        return;
    }
    auto agent = agent_at(notice.extension);
    if (!agent) {
        return;
    }
    if (notice.kind == Kind::Registered && waiting_for_phone_.erase(*agent)) {
        (void)handle(acd::AgentReady{*agent, "phone"}, now);
    } else if (notice.kind == Kind::Unregistered) {
        auto state = router_.agent(*agent);
        if (state && state->state == acd::AgentState::Available &&
            handle(acd::AgentNotReady{*agent, "phone"}, now)) {
            waiting_for_phone_.insert(*agent);  // ready again when the phone is back
        }
    }
}

void Switchboard::feature_code(Call& call, Now now) {
    call.stage = stage::Feature{};
    FeatureCode code = *parse_feature_code(call.record.dialled);
    const std::string& extension = call.record.caller;
    std::optional<AgentId> agent = agent_at(extension);
    Result<void> done = fail(Errc::NotFound, "no agent is logged in at " + extension);
    ivr::Phrase confirmation = ivr::Phrase::FeatureRefused;
    switch (code.kind) {
        case FeatureCode::Kind::Login: {
            // Hot desking: *11 + the agent's digits; plain *11 for the desk's own agent.
            std::optional<AgentId> who;
            for (const acd::AgentConfig& a : config_.router.agents) {
                std::string digits;
                for (char c : a.id.str()) {
                    if (c >= '0' && c <= '9') {
                        digits += c;
                    }
                }
                if (code.argument.empty() ? a.extension == extension : digits == code.argument) {
                    who = a.id;
                }
            }
            done = who ? handle(acd::AgentLogin{*who,
                                                extension,
                                                {},
                                                acd::AgentState::Available,
                                                "",
                                                "phone " + extension},
                                now)
                       : fail(Errc::NotFound, "no agent for *11" + code.argument);
            if (done && who) {
                waiting_for_phone_.erase(*who);
            }
            confirmation = ivr::Phrase::FeatureLoggedIn;
            break;
        }
        case FeatureCode::Kind::Logout:
            if (agent) {
                done = handle(acd::AgentLogout{*agent, "phone " + extension}, now);
                waiting_for_phone_.erase(*agent);
            }
            confirmation = ivr::Phrase::FeatureLoggedOut;
            break;
        case FeatureCode::Kind::Pause: {
            const auto& reasons = config_.router.pause_reasons;
            std::size_t n = code.argument.empty()      ? 1
                            : code.argument.size() > 3 ? 0
                                                       : std::stoul(code.argument);
            if (n < 1 || n > reasons.size()) {
                done = fail(Errc::InvalidArgument, "no pause reason " + code.argument);
            } else if (agent) {
                done = handle(acd::AgentPause{*agent, reasons[n - 1], "phone " + extension}, now);
            }
            confirmation = ivr::Phrase::FeaturePaused;
            break;
        }
        case FeatureCode::Kind::Ready:
            if (agent) {
                done = handle(acd::AgentReady{*agent, "phone " + extension}, now);
            }
            confirmation = ivr::Phrase::FeatureReady;
            break;
        case FeatureCode::Kind::Listen:
        case FeatureCode::Kind::Whisper:
        case FeatureCode::Kind::Barge: {
            const api::MonitorMode mode =
                code.kind == FeatureCode::Kind::Listen    ? api::MonitorMode::Listen
                : code.kind == FeatureCode::Kind::Whisper ? api::MonitorMode::Whisper
                                                          : api::MonitorMode::Barge;
            done = join_by_phone(call, mode, code.argument, now);
            if (done) {
                return;  // in the agent's call: no confirmation to play
            }
            break;
        }
    }
    if (!done) {
        log_(fmt::format("feature code {} from {}: {}", call.record.dialled, extension,
                         done.error().message));
        confirmation = ivr::Phrase::FeatureRefused;
    }
    call.hangup_cause = "feature code";
    play(call, prompts_.announcement({ivr::say(confirmation, call.language)}, call.language), now);
}

}  // namespace markaz::app
