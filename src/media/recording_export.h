#pragma once

// A recording in a compressed format for sharing (docs/api.md "GET /api/v1/call-records/{id}/
// recording"): Ogg Opus or MP3, both channels kept (the caller left, the agents right), made
// with libsndfile's own encoders (libopus, LAME) from the WAV the recorder wrote.

#include <string>

#include "common/result.h"

namespace markaz::media {

enum class ExportFormat { Opus, Mp3 };

/// The WAV at `path` encoded as `format`, the whole file in memory; NotFound when the WAV cannot
/// be read, Internal when the encoder fails.
Result<std::string> export_recording(const std::string& path, ExportFormat format);

}  // namespace markaz::media
