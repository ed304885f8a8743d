// libFuzzer target: a server configuration file (markaz check-config, markaz serve). A
// mistake anywhere must come back as "file:line: field: problem", never a crash.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/server_config_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)markaz::config::parse_server_config(text, "fuzz.yaml");
    return 0;
}
