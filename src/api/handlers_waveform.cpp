// A recording's waveform and who spoke when (docs/api.md "GET /api/v1/call-records/{id}/
// waveform"), for the player on the Recordings page and the desk; the endpoints are declared
// with the records and the evaluations, which decide who may see it.

#include <cmath>

#include "api/recording_reply.h"
#include "api/static_files.h"

namespace markaz::api {

HttpResponse waveform_reply(RequestContext& c, const CallRecordEntry& record) {
    auto points = integer_param(c.request, "points", 100, 4000);
    if (!points) {
        return error_response(points.error());
    }
    if (!c.deps.options.waveform) {
        return error_response(ApiError::unavailable("this server draws no waveforms"));
    }
    // Only from inside the recordings folder, as the recording itself.
    const auto file = record.recording.empty()
                          ? std::nullopt
                          : regular_file_under(c.deps.options.recordings_dir, record.recording);
    if (!file) {
        return error_response(
            ApiError::not_found("call '" + record.id + "' has no recording", "call"));
    }
    auto wave = c.deps.options.waveform(file->string(), static_cast<int>(points->value_or(1000)));
    if (!wave) {
        log_unreadable(c, record.id, wave.error());
        return error_response(
            ApiError::not_found("call '" + record.id + "' has no readable recording", "call"));
    }
    Json speech = Json::array();
    for (const SpeechStretch& s : wave->speech) {
        speech.push_back(Json{{"side", s.side == 0 ? "caller" : "agents"},
                              {"from_ms", s.from_ms},
                              {"to_ms", s.to_ms}});
    }
    // Three decimals are plenty for a picture, and keep 2 x 4000 levels small.
    auto levels = [](const std::vector<float>& peaks) {
        Json out = Json::array();
        for (const float peak : peaks) {
            out.push_back(std::round(peak * 1000.0F) / 1000.0F);
        }
        return out;
    };
    return json_reply(200, Json{{"duration_ms", wave->duration_ms},
                                {"points", wave->caller.size()},
                                {"caller", levels(wave->caller)},
                                {"agents", levels(wave->agents)},
                                {"speech", std::move(speech)},
                                {"talk", Json{{"caller_ms", wave->caller_ms},
                                              {"agents_ms", wave->agents_ms},
                                              {"overlap_ms", wave->overlap_ms},
                                              {"silence_ms", wave->silence_ms}}}});
}

}  // namespace markaz::api
