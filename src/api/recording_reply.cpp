#include "api/recording_reply.h"

#include <fstream>

#include "api/byte_range.h"
#include "api/static_files.h"

namespace markaz::api {
namespace {

/// At most this much of a recording per answer: an audio element asks for the rest as it plays.
constexpr std::uint64_t kMaxRecordingPart = 1024 * 1024;

}  // namespace

/// The call's WAV, whole or the part a Range header asks for (docs/api.md).
HttpResponse recording_reply(RequestContext& c, const CallRecordEntry& record) {
    const std::string& id = record.id;
    // The path is the store's, written by the server; it is still only read from inside the
    // recordings folder, so a store that was tampered with cannot serve another file.
    const auto file = record.recording.empty()
                          ? std::nullopt
                          : regular_file_under(c.deps.options.recordings_dir, record.recording);
    std::ifstream in;
    if (file) {
        in.open(*file, std::ios::binary | std::ios::ate);
    }
    if (!in.is_open() || !in) {
        return error_response(ApiError::not_found("call '" + id + "' has no recording", "call"));
    }
    const auto size = static_cast<std::uint64_t>(in.tellg());
    const ByteRangeAnswer range = answer_range(c.request.header("range"), size, kMaxRecordingPart);
    HttpResponse response;
    response.add_header("Accept-Ranges", "bytes");
    response.add_header("Cache-Control", "private, no-store");
    if (range.kind == ByteRangeAnswer::Kind::Unsatisfiable) {
        response.status = 416;
        response.add_header("Content-Range", "bytes */" + std::to_string(size));
        return response;
    }
    std::uint64_t first = 0;
    std::uint64_t length = size;
    if (range.kind == ByteRangeAnswer::Kind::Part) {
        response.status = 206;
        first = range.first;
        length = range.last - range.first + 1;
        response.add_header("Content-Range", "bytes " + std::to_string(range.first) + "-" +
                                                 std::to_string(range.last) + "/" +
                                                 std::to_string(size));
    }
    response.body.resize(length);
    in.seekg(static_cast<std::streamoff>(first));
    in.read(response.body.data(), static_cast<std::streamsize>(length));
    if (!in) {
        return error_response(ApiError::internal());
    }
    response.add_header("Content-Type", "audio/wav");
    const bool download = c.request.query_param("download") == "true";
    if (download) {
        response.add_header("Content-Disposition", "attachment; filename=\"" + id + ".wav\"");
    }
    // One entry per listening, not per part: the first part, or the whole file.
    if (first == 0) {
        audit(c, download ? "recording-download" : "recording-play", id, Json::object());
    }
    return response;
}

}  // namespace markaz::api
