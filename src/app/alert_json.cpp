#include "app/alert_json.h"

#include <nlohmann/json.hpp>

namespace markaz::app {

std::string alert_json(const alerts::AlertChange& change) {
    return nlohmann::ordered_json{
        {"event",
         change.kind == alerts::AlertChange::Kind::Raised ? "alert.raised" : "alert.cleared"},
        {"rule", change.rule},
        {"measure", alerts::kMeasureNames.name(change.measure)},
        {"subject", change.subject},
        {"value", change.value},
        {"threshold", change.threshold},
        {"at_ms", change.at.time_since_epoch().count()}}
        .dump();
}

}  // namespace markaz::app
