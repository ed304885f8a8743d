#include "media/dtmf_event.h"

namespace markaz::media {

std::string_view to_string(DtmfSource source) noexcept {
    switch (source) {
        case DtmfSource::Rfc4733:
            return "rfc4733";
        case DtmfSource::InBand:
            return "in-band";
    }
    return "?";
}

}  // namespace markaz::media
