// Supervisors in a call: their own phone is rung as one more leg of the connected call and,
// once it answers, joins the call's room. What it hears and who hears it is the mode: listen
// (hears caller and agent, heard by nobody), whisper (heard by the agent only) or barge (a
// three-way call). The mode changes from the console or by the supervisor's keys 4, 5, 6, as in
// Asterisk's ChanSpy. When the supervisor hangs up, caller and agent go on; when the call ends,
// the supervisor's leg ends with it.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/call.h"
#include "app/switchboard.h"

namespace markaz::app {

namespace {

constexpr std::size_t kMaxMonitors = 4;  ///< per call: the room holds 16, a call needs 2

std::string mode_name(api::MonitorMode mode) {
    return std::string(api::kMonitorModeNames.name(mode));
}

/// Who hears the supervisor in each mode (the supervisor always hears both sides).
bool agent_hears(api::MonitorMode mode) {
    return mode != api::MonitorMode::Listen;
}
bool customer_hears(api::MonitorMode mode) {
    return mode == api::MonitorMode::Barge;
}

}  // namespace

void Switchboard::announce_barge(ChannelId customer, ChannelId agent) {
    if (auto beep = prompts_.barge_beep()) {
        media_.play(customer, beep, false, 0);
        media_.play(agent, beep, false, 0);
    }
}

Result<void> Switchboard::monitor(const CallId& id, const std::string& extension,
                                  api::MonitorMode mode, const std::string& by, Now now) {
    Call* call = call_of(id);
    if (!call) {
        return fail(Errc::NotFound, "no live call '" + id.str() + "'");
    }
    if (!call->in<stage::Connected>()) {
        return fail(Errc::Conflict, "call '" + id.str() + "' is not connected to an agent");
    }
    if (!config_.sip.extensions.contains(extension)) {
        return fail(Errc::InvalidArgument,
                    "extension: '" + extension + "' is not an extension of this centre");
    }
    for (auto& [leg, monitor] : call->monitors) {
        if (monitor.extension == extension) {
            set_monitor_mode(*call, leg, mode, now);
            return {};
        }
    }
    std::string agent_extension;
    if (auto agent = router_.agent(AgentId{call->record.agent})) {
        agent_extension = agent->extension;
    }
    if (extension == call->record.caller || extension == agent_extension) {
        return fail(Errc::Conflict,
                    "extension: '" + extension + "' is a party of call '" + id.str() + "'");
    }
    if (call->monitors.size() >= kMaxMonitors) {
        return fail(Errc::Unavailable, fmt::format("call '{}' has {} supervisors in it already",
                                                   id.str(), kMaxMonitors));
    }
    std::uint64_t leg = call->next_leg++;
    call->monitors[leg] = Monitor{extension, mode, by};
    log_(fmt::format("call {}: {} monitors from {} ({}), ringing", id.str(), by, extension,
                     mode_name(mode)));
    phones_.ring(call->ref, leg, extension, call->record.caller, input_time_);
    return {};
}

void Switchboard::monitor_answered(Call& call, std::uint64_t leg, ChannelId channel, Now now) {
    Monitor& monitor = call.monitors.at(leg);
    std::optional<Call::Sides> sides = call.sides();
    if (!sides) {  // the conversation ended while the supervisor's phone rang
        drop_monitor(call, leg);
        call.monitors.erase(leg);
        return;
    }
    call.leg_channels[leg] = channel;
    note_monitor_period(call, leg, now);
    std::vector<ChannelId> heard_by;
    if (agent_hears(monitor.mode)) {
        heard_by.push_back(sides->agent);
    }
    if (customer_hears(monitor.mode)) {
        heard_by.push_back(sides->customer);
    }
    media_.join(call.channel, channel, {sides->customer, sides->agent}, std::move(heard_by));
    if (monitor.mode == api::MonitorMode::Barge) {
        announce_barge(sides->customer, sides->agent);
    }
    view_.apply(api::flow::MonitorJoined{
        call.id, api::CallMonitor{monitor.by, monitor.extension, monitor.mode, now.wall}});
    log_(fmt::format("call {}: {} joined from {} ({})", call.id.str(), monitor.by,
                     monitor.extension, mode_name(monitor.mode)));
}

void Switchboard::set_monitor_mode(Call& call, std::uint64_t leg, api::MonitorMode mode, Now now) {
    Monitor& monitor = call.monitors.at(leg);
    if (monitor.mode == mode) {
        return;
    }
    monitor.mode = mode;
    log_(fmt::format("call {}: {} at {} now {}", call.id.str(), monitor.by, monitor.extension,
                     mode_name(mode)));
    std::optional<Call::Sides> sides = call.sides();
    auto channel = call.leg_channels.find(leg);
    if (channel == call.leg_channels.end() || !sides) {
        return;  // still ringing: it joins in the new mode
    }
    view_.apply(api::flow::MonitorModeChanged{call.id, monitor.extension, mode});
    note_monitor_period(call, leg, now);
    media_.set_hearing(sides->agent, channel->second, agent_hears(mode));
    media_.set_hearing(sides->customer, channel->second, customer_hears(mode));
    if (mode == api::MonitorMode::Barge) {
        announce_barge(sides->customer, sides->agent);
    }
}

void Switchboard::monitor_digit(Call& call, std::uint64_t leg, char digit, Now now) {
    const Monitor& monitor = call.monitors.at(leg);
    if (monitor.own_call && config_.dial.listens_only(monitor.extension)) {
        return;  // a listen-only phone (QA) is never heard
    }
    switch (digit) {
        case '4':
            set_monitor_mode(call, leg, api::MonitorMode::Listen, now);
            break;
        case '5':
            set_monitor_mode(call, leg, api::MonitorMode::Whisper, now);
            break;
        case '6':
            set_monitor_mode(call, leg, api::MonitorMode::Barge, now);
            break;
        default:
            break;
    }
}

Result<void> Switchboard::join_by_phone(Call& phone, api::MonitorMode mode,
                                        const std::string& agent_extension, Now now) {
    const std::string& extension = phone.record.caller;
    Call* target = nullptr;
    for (auto& [ref, call] : calls_) {
        auto agent = call->in<stage::Connected>() ? router_.agent(AgentId{call->record.agent})
                                                  : std::nullopt;
        if (agent && agent->extension == agent_extension) {
            target = call.get();
            break;
        }
    }
    if (target == nullptr) {
        return fail(Errc::NotFound, "no agent at " + agent_extension + " is on a call");
    }
    // The phone's class of service decides (dial_rules' `monitor`): an extension's password
    // in the wrong hands must not hear the centre's calls.
    if (!config_.dial.may_monitor(extension, target->record.queues)) {
        return fail(Errc::InvalidArgument,
                    extension + " may not join calls of " +
                        fmt::format("{}", fmt::join(target->record.queues, ", ")));
    }
    if (mode != api::MonitorMode::Listen && config_.dial.listens_only(extension)) {
        return fail(Errc::InvalidArgument, extension + " may only listen");
    }
    if (extension == target->record.caller) {
        return fail(Errc::Conflict, extension + " is a party of call " + target->id.str());
    }
    for (const auto& [leg, monitor] : target->monitors) {
        if (monitor.extension == extension) {
            return fail(Errc::Conflict, extension + " is in call " + target->id.str() + " already");
        }
    }
    if (target->monitors.size() >= kMaxMonitors) {
        return fail(Errc::Unavailable, fmt::format("call '{}' has {} supervisors in it already",
                                                   target->id.str(), kMaxMonitors));
    }
    const std::uint64_t leg = target->next_leg++;
    target->monitors[leg] = Monitor{extension, mode, "phone " + extension, {}, phone.ref};
    phone.stage = stage::Spying{target->id, leg};
    log_(fmt::format("call {}: {} dialled in ({})", target->id.str(), extension, mode_name(mode)));
    monitor_answered(*target, leg, phone.channel, now);
    return {};
}

void Switchboard::spy_ended(Call& phone, Now now) {
    const stage::Spying& spying = *phone.at<stage::Spying>();
    if (Call* target = call_of(spying.target); target && target->monitors.contains(spying.leg)) {
        monitor_gone(*target, spying.leg, "hung up", now);
    }
}

void Switchboard::drop_monitor(Call& call, std::uint64_t leg) {
    const Monitor& monitor = call.monitors.at(leg);
    if (monitor.own_call) {
        phones_.hang_up(*monitor.own_call);
    } else {
        phones_.drop_leg(call.ref, leg);
    }
}

void Switchboard::monitor_gone(Call& call, std::uint64_t leg, const std::string& why, Now now) {
    auto it = call.monitors.find(leg);
    if (it == call.monitors.end()) {
        return;
    }
    end_monitor_period(call, leg, now);
    if (auto channel = call.leg_channels.find(leg); channel != call.leg_channels.end()) {
        media_.leave(channel->second);
        view_.apply(api::flow::MonitorLeft{call.id, it->second.extension});
    }
    log_(fmt::format("call {}: {} at {} left ({})", call.id.str(), it->second.by,
                     it->second.extension, why));
    call.leg_channels.erase(leg);
    call.monitors.erase(it);
}

void Switchboard::note_monitor_period(Call& call, std::uint64_t leg, Now now) {
    end_monitor_period(call, leg, now);
    Monitor& monitor = call.monitors.at(leg);
    monitor.period = call.record.monitors.size();
    call.record.monitors.push_back(store::MonitorPeriod{
        monitor.by, monitor.extension, mode_name(monitor.mode), now.wall, now.wall});
}

void Switchboard::end_monitor_period(Call& call, std::uint64_t leg, Now now) {
    Monitor& monitor = call.monitors.at(leg);
    if (monitor.period) {
        call.record.monitors.at(*monitor.period).to = now.wall;
        monitor.period.reset();
    }
}

}  // namespace markaz::app
