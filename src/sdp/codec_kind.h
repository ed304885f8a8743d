#pragma once

namespace markaz::sdp {

/// The audio codecs Markaz offers, answers and runs (the media engine has one implementation
/// of each: media::make_codec). G722 and Opus will join here.
enum class CodecKind { Pcmu, Pcma };

}  // namespace markaz::sdp
