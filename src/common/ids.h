#pragma once

#include <cstdint>

#include "common/strong_id.h"

namespace markaz {

using AgentId = StrongId<struct AgentIdTag>;  ///< a person: "a1001"
using QueueId = StrongId<struct QueueIdTag>;  ///< a queue's name: "sales"
using CallId = StrongId<struct CallIdTag>;    ///< one caller's interaction, kept across queues

/// One RTP endpoint in the media engine: a leg of a call. The SIP layer asks for one per leg
/// (sip/leg_media.h); the call flow puts them in rooms.
enum class ChannelId : std::uint64_t {};

}  // namespace markaz
