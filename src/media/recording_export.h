#pragma once

// A recording in a compressed format for sharing (docs/api.md "GET /api/v1/call-records/{id}/
// recording"): Ogg Opus or MP3, both channels kept (the caller left, the agents right), made
// with libsndfile's own encoders (libopus, LAME) from the WAV the recorder wrote.

#include <string>

#include "common/result.h"
#include "media/recording_seal.h"

namespace markaz::media {

enum class ExportFormat { Opus, Mp3 };

/// The recording at `path` (a WAV, or sealed with `key`) encoded as `format`, the whole file in
/// memory; NotFound when it cannot be read, Unavailable when sealed with another key, Internal
/// when the encoder fails.
Result<std::string> export_recording(const std::string& path, ExportFormat format,
                                     const RecordingKey* key = nullptr);

}  // namespace markaz::media
