// Supervisors in a call: their own phone is rung as one more leg of the connected call and,
// once it answers, joins the call's room. What it hears and who hears it is the mode: listen
// (hears caller and agent, heard by nobody), whisper (heard by the agent only) or barge (a
// three-way call). The mode changes from the console or by the supervisor's keys 4, 5, 6, as in
// Asterisk's ChanSpy. When the supervisor hangs up, caller and agent go on; when the call ends,
// the supervisor's leg ends with it.

#include <fmt/format.h>

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
        phones_.drop_leg(call.ref, leg);
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
}

void Switchboard::monitor_digit(Call& call, std::uint64_t leg, char digit, Now now) {
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
