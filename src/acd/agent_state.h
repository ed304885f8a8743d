#pragma once

#include "common/enum_table.h"

namespace markaz::acd {

/// What an agent is doing, as the router sees it.
enum class AgentState {
    LoggedOut,
    Available,  ///< logged in and free (may be resting briefly after a missed offer)
    Ringing,    ///< offered a call, or reserved for a callback
    OnCall,
    WrapUp,    ///< timed after-call work
    Paused,    ///< with a reason code
    NotReady,  ///< logged in but not taking calls, without a reason
};
inline constexpr EnumTable<AgentState, 7> kAgentStateNames{{{
    {AgentState::LoggedOut, "logged-out"},
    {AgentState::Available, "available"},
    {AgentState::Ringing, "ringing"},
    {AgentState::OnCall, "on-call"},
    {AgentState::WrapUp, "wrap-up"},
    {AgentState::Paused, "paused"},
    {AgentState::NotReady, "not-ready"},
}}};

}  // namespace markaz::acd
