#pragma once

// The JSON type of a value as people say it, for error messages ("expected a string, got
// null"): one wording for the store's event readers and the API's body checks. A template
// over nlohmann's json types, so this header needs no JSON library of its own.

#include <string_view>

namespace markaz {

template <class Json>
std::string_view json_type_name(const Json& value) {
    switch (value.type()) {
        case Json::value_t::null:
            return "null";
        case Json::value_t::boolean:
            return "boolean";
        case Json::value_t::string:
            return "string";
        case Json::value_t::number_integer:
        case Json::value_t::number_unsigned:
            return "integer";
        case Json::value_t::number_float:
            return "number";
        case Json::value_t::array:
            return "array";
        case Json::value_t::object:
            return "object";
        case Json::value_t::binary:
            return "binary";
        default:
            return "value";
    }
}

}  // namespace markaz
