#pragma once

#include "common/strong_id.h"

namespace markaz {

using AgentId = StrongId<struct AgentIdTag>;  ///< a person: "a1001"
using QueueId = StrongId<struct QueueIdTag>;  ///< a queue's name: "sales"
using CallId = StrongId<struct CallIdTag>;    ///< one caller's interaction, kept across queues

}  // namespace markaz
