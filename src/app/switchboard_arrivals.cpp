// Calls arriving: the dialplan (dialplan.h) says where each goes (refused, a test, an
// extension, a trunk or a flow of the centre), and the IVR's end routes it on.

#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "app/call.h"
#include "app/dialplan.h"
#include "app/feature_codes.h"
#include "app/switchboard.h"

namespace markaz::app {

void Switchboard::arrive(const sip::CallEvent& event, Now now) {
    Destination where = route_call(config_, event.caller, event.dialled, event.from_trunk);
    if (const auto* refused = std::get_if<destination::Refused>(&where)) {
        // Not a call of the centre: no record (a scanner's INVITEs would fill the store).
        log_(fmt::format("call from {} to {} refused ({}): {}", event.caller, event.dialled,
                         refused->status, refused->reason));
        phones_.reject(event.call, refused->status);
        return;
    }
    if (!event.from_trunk && placed_.up(event.caller) >= config_.dial.max_calls(event.caller)) {
        log_(
            fmt::format("call from {} to {} refused (486): {} has {} calls up, as many as its "
                        "class {} allows",
                        event.caller, event.dialled, event.caller, placed_.up(event.caller),
                        config_.dial.class_of(event.caller).name));
        phones_.reject(event.call, 486);
        return;
    }
    auto owned = std::make_unique<Call>();
    Call& call = *owned;
    call.ref = event.call;
    call.id = CallId{id_prefix_ + "-" + std::to_string(next_id_++)};
    call.channel = event.channel;
    call.language = house_language_;
    call.record.id = call.id.str();
    call.record.started = now.wall;
    call.record.caller = event.caller;
    call.record.dialled = event.dialled;
    calls_[call.ref] = std::move(owned);
    by_id_[call.id] = &call;
    by_channel_[call.channel] = &call;
    if (!event.from_trunk) {
        placed_.placed(event.caller, call.ref);
    }
    log_(fmt::format("call {} from {} to {}", call.id.str(), event.caller, event.dialled));
    store_.save_open(call.record);  // a record even if the server dies before the call ends

    std::visit(
        [&](const auto& to) {
            using To = std::decay_t<decltype(to)>;
            if constexpr (std::is_same_v<To, destination::Flow>) {
                phones_.answer(call.ref);
                run_flow(call, event, now);
            } else if constexpr (std::is_same_v<To, destination::Echo>) {
                phones_.answer(call.ref);
                call.stage = stage::Test{};
                media_.echo(call.channel);
            } else if constexpr (std::is_same_v<To, destination::PromptLoop>) {
                phones_.answer(call.ref);
                call.stage = stage::Test{};
                media_.play(call.channel, prompts_.loop_prompt(), true, 0);
            } else if constexpr (std::is_same_v<To, destination::Extension>) {
                call.stage = stage::Calling{};
                std::uint64_t leg = call.next_leg++;
                call.legs[leg] = AgentId{};
                phones_.ring(call.ref, leg, to.number, event.caller, input_time_);
            } else if constexpr (std::is_same_v<To, destination::Trunk>) {
                call.stage = stage::Calling{};
                std::uint64_t leg = call.next_leg++;
                call.legs[leg] = AgentId{};
                phones_.ring_trunk(call.ref, leg, to.trunk, to.number, event.caller, input_time_);
            }
        },
        where);
}

void Switchboard::run_flow(Call& call, const sip::CallEvent& event, Now now) {
    if (parse_feature_code(event.dialled)) {
        feature_code(call, now);
        return;
    }
    const config::NumberRoute& route = config_.dialplan.at(event.dialled);
    view_.apply(api::flow::CallArrived{call.id, event.caller, event.dialled, now.wall});
    if (route.kind == config::NumberRoute::Kind::Queue) {
        enqueue(call, route.target, 0, {}, now);
        return;
    }
    const ivr::Flow& flow = config_.ivr.at(route.target);
    call.ivr = std::make_unique<ivr::Session>(flow, now.wall);
    call.stage = stage::Ivr{};
    run_ivr(call, now);
}

void Switchboard::route(Call& call, Now now) {
    const ivr::Route& to = call.ivr->current().route;
    call.record.ivr_path = call.ivr->path();
    call.record.digits = call.ivr->digits();
    call.record.variables = call.ivr->variables();
    call.language = call.ivr->language();
    view_.apply(api::flow::IvrFinished{call.id, call.record.ivr_path, call.record.digits,
                                       call.record.variables});
    switch (to.kind) {
        case ivr::Route::Kind::Queue:
            enqueue(call, to.target, to.priority, to.skills, now);
            break;
        case ivr::Route::Kind::Callback:
            offer_callback_number(call, to.target, now);
            break;
        case ivr::Route::Kind::Extension: {
            call.stage = stage::Forwarding{};
            hold_music(call);
            std::uint64_t leg = call.next_leg++;
            call.legs[leg] = AgentId{};
            phones_.ring(call.ref, leg, to.target, call.record.caller, input_time_);
            break;
        }
        case ivr::Route::Kind::Hangup:
            call.hangup_cause = "ivr hang-up";
            phones_.hang_up(call.ref);
            break;
    }
}

}  // namespace markaz::app
