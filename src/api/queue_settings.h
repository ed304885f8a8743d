#pragma once

// A queue's settings as the API shows and changes them (docs/api.md "QueueSettings"), in the
// names the store uses. PATCH takes any non-empty subset; on_max_wait and callback are
// replaced whole.

#include <optional>

#include "acd/config.h"
#include "api/api_error.h"
#include "api/json_body.h"

namespace markaz::api {

Json queue_settings_json(const acd::QueueConfig& queue);

/// The field rules of a settings patch (every member optional, nested objects whole).
const std::vector<FieldRule>& queue_settings_rules();

/// `queue` with the members of `patch` (already checked against queue_settings_rules())
/// applied, checked together against `config` (the whole routing configuration, for
/// on_max_wait.queue): 400 naming the field when the combination is wrong.
ApiResult<acd::QueueConfig> patched_queue(const acd::QueueConfig& queue, const Json& patch,
                                          const acd::RouterConfig& config);

}  // namespace markaz::api
