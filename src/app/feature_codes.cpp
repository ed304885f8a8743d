#include "app/feature_codes.h"

namespace markaz::app {

std::optional<FeatureCode> parse_feature_code(std::string_view dialled) {
    if (dialled.size() < 3 || dialled[0] != '*' || dialled[1] != '1') {
        return std::nullopt;
    }
    std::string_view rest = dialled.substr(3);
    if (rest.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
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
