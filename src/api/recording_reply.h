#pragma once

// A finished call's recording as an HTTP answer (docs/api.md "GET /api/v1/call-records/{id}/
// recording"): whole or in range parts, audited once per listening. The caller has already
// checked that the reader may hear it.

#include "api/call_records.h"
#include "api/endpoint.h"

namespace markaz::api {

/// Tells the server's log why call `id`'s recording could not be read (damaged, sealed with
/// another key), unless it simply is not there.
void log_unreadable(RequestContext& c, const std::string& id, const Error& error);

HttpResponse recording_reply(RequestContext& c, const CallRecordEntry& record);

/// The recording's waveform and who spoke when (docs/api.md "GET /api/v1/call-records/{id}/
/// waveform"), `points` from the query; not audited.
HttpResponse waveform_reply(RequestContext& c, const CallRecordEntry& record);

}  // namespace markaz::api
