#pragma once

// libsndfile's SNDFILE* owned: closed when it goes. Internal to src/media (libsndfile is the
// media layer's own dependency).

#include <memory>
#include <sndfile.h>

namespace markaz::media {

struct SndfileCloser {
    void operator()(SNDFILE* file) const noexcept { sf_close(file); }
};
using SndfileFile = std::unique_ptr<SNDFILE, SndfileCloser>;

}  // namespace markaz::media
