// libFuzzer target: a request body on the HTTP API, from anyone who reaches the port. It is
// parsed as JSON and checked against rules of every kind the endpoints use.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace markaz::api;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    auto object = parse_json_object(body);
    if (!object) {
        return 0;
    }
    static const std::vector<FieldRule> rules{
        {"username", JsonKind::String, true, false, {}, {}},
        {"priority", JsonKind::Integer, false, false, {}, {}},
        {"weight", JsonKind::Number, false, true, {}, {}},
        {"enabled", JsonKind::Boolean, false, false, {}, {}},
        {"queues", JsonKind::StringArray, false, false, one_of({"sales", "support"}), {}},
        {"on_max_wait",
         JsonKind::Object,
         false,
         true,
         {},
         {{"queue", JsonKind::String, true, false, {}, {}}}},
    };
    (void)check_fields(*object, rules);
    return 0;
}
