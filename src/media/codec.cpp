#include "media/codec.h"

#include "media/g711.h"

namespace markaz::media {

std::unique_ptr<Codec> make_codec(CodecKind kind, std::uint8_t payload_type) {
    switch (kind) {
        case CodecKind::Pcmu:
            return std::make_unique<G711Codec>(G711Codec::Law::Mu, payload_type);
        case CodecKind::Pcma:
            return std::make_unique<G711Codec>(G711Codec::Law::A, payload_type);
    }
    return nullptr;
}

}  // namespace markaz::media
