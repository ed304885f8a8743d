#include "store/call_exports.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>
#include <string_view>

#include "common/csv.h"
#include "common/overloaded.h"

namespace markaz::store {

namespace {

std::string iso_time(WallTime at) {
    return utc_text(at, "%Y-%m-%dT%H:%M:%SZ");
}

long long whole_seconds(Duration d) {
    return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

std::string joined(const std::vector<std::string>& items, char separator) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : std::string(1, separator)) + item;
    }
    return out;
}

/// "a1001@sales>support a1003@support>vip": who passed the caller on, from which queue to which.
std::string transfers_text(const std::vector<Transfer>& transfers) {
    std::vector<std::string> items;
    for (const Transfer& t : transfers) {
        items.push_back(t.agent + "@" + t.queue + ">" +
                        (t.to_number.empty()
                             ? (t.to_agent.empty() ? "" : t.to_agent + "@") + t.to_queue
                             : "tel:" + t.to_number));
    }
    return joined(items, ' ');
}

}  // namespace

std::string call_records_csv(const std::vector<CallRecord>& records) {
    std::ostringstream out;
    out << "call,started,ended,caller,dialled,ivr_path,digits,queues,joined,wait_s,position,"
           "agents_offered,agent,talk_s,hold_s,wrap_s,disposition,hangup_side,hangup_cause,"
           "recording,transfers\r\n";
    for (const CallRecord& r : records) {
        std::vector<std::string> fields{r.id,
                                        iso_time(r.started),
                                        iso_time(r.ended),
                                        r.caller,
                                        r.dialled,
                                        joined(r.ivr_path, '>'),
                                        r.digits,
                                        joined(r.queues, ' '),
                                        r.joined ? iso_time(*r.joined) : "",
                                        r.wait ? std::to_string(whole_seconds(*r.wait)) : "",
                                        r.position ? std::to_string(*r.position) : "",
                                        joined(r.agents_offered, ' '),
                                        r.agent,
                                        std::to_string(whole_seconds(r.talk)),
                                        std::to_string(whole_seconds(r.hold)),
                                        r.wrap ? std::to_string(whole_seconds(*r.wrap)) : "",
                                        std::string(kDispositionNames.name(r.disposition)),
                                        r.hangup_side,
                                        r.hangup_cause,
                                        r.recording,
                                        transfers_text(r.transfers)};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out << (i ? "," : "") << csv_field(fields[i]);
        }
        out << "\r\n";
    }
    return out.str();
}

std::string queue_log(const std::vector<acd::Event>& events) {
    struct Joined {
        int position = 0;
        WallTime offered{};
        Duration wait{};
    };
    std::map<CallId, Joined> calls;
    std::ostringstream out;
    auto line = [&out](const acd::Event& e, const std::string& call, const std::string& queue,
                       const std::string& agent, const std::string& verb,
                       const std::vector<std::string>& data) {
        out << std::chrono::duration_cast<std::chrono::seconds>(e.at.time_since_epoch()).count()
            << '|' << (call.empty() ? "NONE" : call) << '|' << (queue.empty() ? "NONE" : queue)
            << '|' << (agent.empty() ? "NONE" : "Agent/" + agent) << '|' << verb;
        for (const auto& d : data) {
            out << '|' << d;
        }
        out << '\n';
    };
    auto s = [](Duration d) { return std::to_string(whole_seconds(d)); };
    for (const acd::Event& e : events) {
        std::visit(
            overloaded{
                [&](const acd::CallEnqueued& x) {
                    calls[x.call].position = x.position;
                    line(e, x.call.str(), x.queue.str(), "", "ENTERQUEUE",
                         {"", x.caller, std::to_string(x.position)});
                },
                [&](const acd::CallBlocked& x) {
                    line(e, x.call.str(), x.queue.str(), "",
                         x.reason == acd::BlockReason::QueueFull ? "FULL" : "JOINEMPTY", {});
                },
                [&](const acd::CallOffered& x) { calls[x.call].offered = e.at; },
                [&](const acd::OfferEnded& x) {
                    if (x.reason == acd::OfferEnd::NoAnswer || x.reason == acd::OfferEnd::Busy ||
                        x.reason == acd::OfferEnd::Rejected ||
                        x.reason == acd::OfferEnd::Unreachable) {
                        line(e, x.call.str(), x.queue.str(), x.agent.str(), "RINGNOANSWER",
                             {std::to_string(
                                 std::chrono::duration_cast<std::chrono::milliseconds>(x.ring)
                                     .count())});
                    }
                },
                [&](const acd::CallAnswered& x) {
                    Joined& j = calls[x.call];
                    j.wait = x.wait;
                    // Ring time 0 when the offer is not among the events (before --from).
                    Duration ring = j.offered == WallTime{} ? Duration::zero() : e.at - j.offered;
                    line(e, x.call.str(), x.queue.str(), x.agent.str(), "CONNECT",
                         {s(x.wait), "", s(ring)});
                },
                [&](const acd::CallCompleted& x) {
                    const Joined& j = calls[x.call];
                    line(e, x.call.str(), x.queue.str(), x.agent.str(),
                         x.ended_by == acd::Party::Caller ? "COMPLETECALLER" : "COMPLETEAGENT",
                         {s(j.wait), s(x.talk + x.hold), std::to_string(j.position)});
                    calls.erase(x.call);
                },
                [&](const acd::CallTransferred& x) {
                    // As Asterisk writes a queue caller's transfer. Blind: the target (here a
                    // queue), its context, the wait before the answer, the call time, the
                    // position at joining (an outside number: its context `outbound`).
                    // Attended: the method and the colleague's channel (or the number), then
                    // the same times. The caller's ENTERQUEUE in the next queue follows.
                    const Joined& j = calls[x.call];
                    const bool out = !x.to_number.empty();
                    const std::string target =
                        out ? x.to_number
                            : (x.attended ? "Agent/" + x.to_agent.str() : x.to_queue.str());
                    line(e, x.call.str(), x.queue.str(), x.agent.str(),
                         x.attended ? "ATTENDEDTRANSFER" : "BLINDTRANSFER",
                         {x.attended ? "BRIDGE" : target,
                          x.attended ? target : (out ? "outbound" : "queue"), s(j.wait),
                          s(x.talk + x.hold), std::to_string(j.position)});
                    calls.erase(x.call);
                },
                [&](const acd::CallAbandoned& x) {
                    line(e, x.call.str(), x.queue.str(), "", "ABANDON",
                         {std::to_string(x.position), std::to_string(calls[x.call].position),
                          s(x.wait)});
                    calls.erase(x.call);
                },
                [&](const acd::CallTimedOut& x) {
                    line(e, x.call.str(), x.queue.str(), "",
                         x.reason == acd::TimeoutReason::MaxWait ? "EXITWITHTIMEOUT" : "EXITEMPTY",
                         {std::to_string(x.position), std::to_string(calls[x.call].position),
                          s(x.wait)});
                    calls.erase(x.call);
                },
                [&](const acd::AgentLoggedIn& x) {
                    line(e, "", "", x.agent.str(), "AGENTLOGIN", {"SIP/" + x.extension});
                },
                [&](const acd::AgentLoggedOut& x) {
                    line(e, "", "", x.agent.str(), "AGENTLOGOFF",
                         {"SIP/" + x.extension, s(x.session)});
                },
                [&](const acd::AgentStateChanged& x) {
                    if (x.to == acd::AgentState::Paused) {
                        line(e, "", "", x.agent.str(), "PAUSE", {x.reason});
                    } else if (x.from == acd::AgentState::Paused &&
                               x.to != acd::AgentState::LoggedOut) {
                        line(e, "", "", x.agent.str(), "UNPAUSE", {""});
                    }
                },
                [](const auto&) {},
            },
            e.body);
    }
    return out.str();
}

}  // namespace markaz::store
