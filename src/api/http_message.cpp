#include "api/http_message.h"

#include <array>

#include "common/text.h"

namespace markaz::api {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 7> kMethods{{
    {Method::Get, "GET"},
    {Method::Head, "HEAD"},
    {Method::Post, "POST"},
    {Method::Put, "PUT"},
    {Method::Patch, "PATCH"},
    {Method::Delete, "DELETE"},
    {Method::Options, "OPTIONS"},
}};

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

}  // namespace

std::string_view method_name(Method method) {
    for (const auto& [m, name] : kMethods) {
        if (m == method) {
            return name;
        }
    }
    return "OTHER";
}

Method parse_method(std::string_view name) {
    for (const auto& [m, text] : kMethods) {
        if (text == name) {
            return m;
        }
    }
    return Method::Other;
}

bool changes_state(Method method) {
    return method == Method::Post || method == Method::Put || method == Method::Patch ||
           method == Method::Delete;
}

std::string_view HttpRequest::header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) {
            return value;
        }
    }
    return {};
}

bool HttpRequest::has_header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_name) {
            return true;
        }
    }
    return false;
}

std::optional<std::string> HttpRequest::query_param(std::string_view wanted) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        const auto eq = pair.find('=');
        auto name = percent_decode(pair.substr(0, eq), true);
        if (name && *name == wanted) {
            return percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true)
                .value_or("");
        }
    }
    return std::nullopt;
}

std::optional<std::string> HttpRequest::cookie(std::string_view wanted) const {
    for (const auto& [name, value] : headers) {
        if (name != "cookie") {
            continue;
        }
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            std::string_view part = trim(rest.substr(0, semi));
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            const auto eq = part.find('=');
            if (eq != std::string_view::npos && trim(part.substr(0, eq)) == wanted) {
                return std::string(trim(part.substr(eq + 1)));
            }
        }
    }
    return std::nullopt;
}

void HttpResponse::add_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
}

std::string_view HttpResponse::header(std::string_view wanted) const {
    for (const auto& [name, value] : headers) {
        if (iequals(name, wanted)) {
            return value;
        }
    }
    return {};
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {  // "%" or "%4" at the end
                return std::nullopt;
            }
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0 || (high == 0 && low == 0)) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::vector<std::string_view> path_segments(std::string_view path) {
    std::vector<std::string_view> out;
    if (path.starts_with('/')) {
        path.remove_prefix(1);
    }
    while (true) {
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return out;
}

}  // namespace markaz::api
