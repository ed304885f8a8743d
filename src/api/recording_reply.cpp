#include "api/recording_reply.h"

#include "api/byte_range.h"
#include "api/static_files.h"

namespace markaz::api {
namespace {

/// At most this much of a recording per answer: an audio element asks for the rest as it plays.
constexpr std::uint64_t kMaxRecordingPart = 1024 * 1024;

/// The recording encoded as `format` (opus, mp3), whole: for sharing, not for seeking.
HttpResponse compressed_reply(RequestContext& c, const std::string& id,
                              const std::filesystem::path& file, const std::string& format) {
    if (!c.deps.options.export_recording) {
        return error_response(ApiError::unavailable("this server encodes no recordings"));
    }
    auto encoded = c.deps.options.export_recording(file.string(), format);
    if (!encoded) {
        log_unreadable(c, id, encoded.error());
        // Unreadable (gone, sealed with another key) as the WAV would be; a failing encoder is
        // ours.
        return error_response(
            encoded.error().code == Errc::Internal
                ? ApiError::internal()
                : ApiError::not_found("call '" + id + "' has no recording", "call"));
    }
    HttpResponse response;
    response.status = 200;
    response.body = std::move(*encoded);
    response.add_header("Cache-Control", "private, no-store");
    response.add_header("Content-Type", format == "opus" ? "audio/ogg" : "audio/mpeg");
    const bool download = c.request.query_param("download") == "true";
    if (download) {
        response.add_header("Content-Disposition",
                            "attachment; filename=\"" + id + "." + format + "\"");
    }
    audit(c, download ? "recording-download" : "recording-play", id, Json{{"format", format}});
    return response;
}

}  // namespace

void log_unreadable(RequestContext& c, const std::string& id, const Error& error) {
    if (error.code != Errc::NotFound && c.deps.options.log_error) {
        c.deps.options.log_error("recording of call " + id + ": " + error.message);
    }
}

/// The call's WAV, whole or the part a Range header asks for (docs/api.md); or, with
/// ?format=opus|mp3, the whole recording in that format.
HttpResponse recording_reply(RequestContext& c, const CallRecordEntry& record) {
    const std::string& id = record.id;
    const std::string format = c.request.query_param("format").value_or("wav");
    if (format != "wav" && format != "opus" && format != "mp3") {
        return error_response(ApiError::invalid_value("format", "must be wav, opus or mp3"));
    }
    // The path is the store's, written by the server; it is still only read from inside the
    // recordings folder, so a store that was tampered with cannot serve another file.
    const auto file = record.recording.empty()
                          ? std::nullopt
                          : regular_file_under(c.deps.options.recordings_dir, record.recording);
    if (file && format != "wav") {
        return compressed_reply(c, id, *file, format);
    }
    if (!c.deps.options.open_recording) {
        return error_response(ApiError::unavailable("this server serves no recordings"));
    }
    auto opened = file ? c.deps.options.open_recording(file->string())
                       : Result<std::unique_ptr<RecordingBytes>>(fail(Errc::NotFound, id));
    if (!opened) {
        log_unreadable(c, id, opened.error());
        return error_response(ApiError::not_found("call '" + id + "' has no recording", "call"));
    }
    RecordingBytes& in = **opened;
    const std::uint64_t size = in.size();
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
    if (auto read = in.read(first, response.body); !read) {
        log_unreadable(c, id, read.error());
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
