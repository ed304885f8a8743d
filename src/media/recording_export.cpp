#include "media/recording_export.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "media/recording_reader.h"

namespace markaz::media {
namespace {

/// A growing file in memory, for libsndfile's virtual I/O (the encoders seek back to finish
/// their headers).
struct MemoryFile {
    std::string bytes;
    sf_count_t at = 0;
};

sf_count_t memory_length(void* user) {
    return static_cast<sf_count_t>(static_cast<MemoryFile*>(user)->bytes.size());
}

sf_count_t memory_seek(sf_count_t offset, int whence, void* user) {
    auto* file = static_cast<MemoryFile*>(user);
    const sf_count_t base = whence == SEEK_CUR   ? file->at
                            : whence == SEEK_END ? static_cast<sf_count_t>(file->bytes.size())
                                                 : 0;
    file->at = std::max<sf_count_t>(0, base + offset);
    return file->at;
}

sf_count_t memory_read(void* out, sf_count_t count, void* user) {
    auto* file = static_cast<MemoryFile*>(user);
    const auto size = static_cast<sf_count_t>(file->bytes.size());
    const sf_count_t n = std::clamp<sf_count_t>(size - file->at, 0, count);
    std::memcpy(out, file->bytes.data() + file->at, static_cast<std::size_t>(n));
    file->at += n;
    return n;
}

sf_count_t memory_write(const void* in, sf_count_t count, void* user) {
    auto* file = static_cast<MemoryFile*>(user);
    const auto end = static_cast<std::size_t>(file->at + count);
    if (file->bytes.size() < end) {
        file->bytes.resize(end);
    }
    std::memcpy(file->bytes.data() + file->at, in, static_cast<std::size_t>(count));
    file->at += count;
    return count;
}

sf_count_t memory_tell(void* user) {
    return static_cast<MemoryFile*>(user)->at;
}

}  // namespace

Result<std::string> export_recording(const std::string& path, ExportFormat format,
                                     const RecordingKey* key) {
    auto reader = RecordingReader::open(path, key);
    if (!reader) {
        return fail(reader.error());
    }
    SndfileSource source{reader->get()};
    SF_INFO in_info{};
    SndfileFile in = open_sndfile(source, in_info);
    if (!in) {
        return fail(Errc::NotFound, path + ": " + sf_strerror(nullptr));
    }
    SF_INFO out_info{};
    out_info.samplerate = in_info.samplerate;
    out_info.channels = in_info.channels;
    out_info.format = format == ExportFormat::Opus ? (SF_FORMAT_OGG | SF_FORMAT_OPUS)
                                                   : (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III);
    MemoryFile memory;
    SF_VIRTUAL_IO io{memory_length, memory_seek, memory_read, memory_write, memory_tell};
    SndfileFile out(sf_open_virtual(&io, SFM_WRITE, &out_info, &memory));
    if (!out) {
        return fail(Errc::Internal, path + ": cannot encode: " + sf_strerror(nullptr));
    }
    // The encoders' own settings: their strongest compression lets Opus merge the two
    // channels, and QA needs the caller and the agent apart.
    std::vector<short> chunk(static_cast<std::size_t>(4096 * std::max(in_info.channels, 1)));
    for (;;) {
        const sf_count_t read = sf_readf_short(in.get(), chunk.data(), 4096);
        if (read <= 0) {
            break;
        }
        if (sf_writef_short(out.get(), chunk.data(), read) != read) {
            return fail(Errc::Internal, path + ": cannot encode: " + sf_strerror(out.get()));
        }
    }
    out.reset();  // finishes the stream (the last pages, the headers)
    return std::move(memory.bytes);
}

}  // namespace markaz::media
