#include "app/feature_codes.h"

namespace markaz::app {

std::optional<FeatureCode> parse_feature_code(std::string_view dialled) {
    if (dialled.size() < 3 || dialled[0] != '*' || (dialled[1] != '1' && dialled[1] != '3')) {
        return std::nullopt;
    }
    std::string_view rest = dialled.substr(3);
    if (rest.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    if (dialled[1] == '3') {
        // The agent's extension is required: there is no "the call I am in" to listen to.
        static constexpr FeatureCode::Kind kModes[] = {
            FeatureCode::Kind::Listen, FeatureCode::Kind::Whisper, FeatureCode::Kind::Barge};
        if (dialled[2] < '1' || dialled[2] > '3' || rest.empty()) {
            return std::nullopt;
        }
        return FeatureCode{kModes[dialled[2] - '1'], std::string(rest)};
    }
    switch (dialled[2]) {
        case '1':
            return FeatureCode{FeatureCode::Kind::Login, std::string(rest)};
        case '2':
            return rest.empty() ? std::optional(FeatureCode{FeatureCode::Kind::Logout, ""})
                                : std::nullopt;
        case '3':
            return FeatureCode{FeatureCode::Kind::Pause, std::string(rest)};
        case '4':
            return rest.empty() ? std::optional(FeatureCode{FeatureCode::Kind::Ready, ""})
                                : std::nullopt;
        default:
            return std::nullopt;
    }
}

}  // namespace markaz::app
