#pragma once

#include <string>

namespace markaz::config {

/// The YAML of a test written as a raw string that starts on the line after `R"(`: line 1 of
/// the text is then the first line shown, as error messages count it.
inline std::string yaml(const char* text) {
    return std::string(text).substr(1);
}

}  // namespace markaz::config
