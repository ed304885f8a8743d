#include "api/static_files.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/api_error.h"

namespace markaz::api {
namespace {

constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".map", "application/json; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".ttf", "font/ttf"},
    {".txt", "text/plain; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
}};

/// Reads `path`, a regular file that is really under `root`.
bool read_file(const std::filesystem::path& root, const std::filesystem::path& path,
               std::string& out) {
    const auto real = regular_file_under(root, path);
    if (!real) {
        return false;
    }
    std::ifstream in(*real, std::ios::binary);
    if (!in) {
        return false;
    }
    std::ostringstream content;
    content << in.rdbuf();
    out = std::move(content).str();
    return true;
}

HttpResponse file_response(const std::filesystem::path& path, std::string body,
                           std::string_view cache_control) {
    HttpResponse response;
    const std::string name = path.filename().string();
    const std::string_view type = StaticFiles::content_type(name);
    response.body = std::move(body);
    response.add_header("Content-Type", std::string(type));
    response.add_header("Cache-Control", std::string(cache_control));
    response.add_header("X-Content-Type-Options", "nosniff");
    if (type.starts_with("text/html")) {
        response.add_header("Content-Security-Policy", std::string(kCsp));
        response.add_header("Referrer-Policy", "same-origin");
    }
    return response;
}

}  // namespace

std::optional<std::filesystem::path> regular_file_under(const std::filesystem::path& root,
                                                        const std::filesystem::path& path) {
    std::error_code ec;
    const auto real = std::filesystem::canonical(path, ec);
    if (ec || !std::filesystem::is_regular_file(real, ec)) {
        return std::nullopt;
    }
    const auto base = std::filesystem::canonical(root, ec);
    const auto inside = real.lexically_relative(base);
    if (ec || inside.empty() || *inside.begin() == "..") {
        return std::nullopt;
    }
    return real;
}

std::string_view StaticFiles::content_type(std::string_view file_name) {
    const auto dot = file_name.rfind('.');
    if (dot != std::string_view::npos) {
        const std::string_view extension = file_name.substr(dot);
        for (const auto& [ext, type] : kTypes) {
            if (ext == extension) {
                return type;
            }
        }
    }
    return "application/octet-stream";
}

HttpResponse StaticFiles::serve(std::string_view raw_path) const {
    auto path = percent_decode(raw_path);
    if (!path) {
        return error_response(ApiError::not_found("no such page"));
    }
    const auto segments = path_segments(*path);
    for (std::string_view segment : segments) {
        if (segment == ".." || segment == "." || segment.find('\\') != std::string_view::npos) {
            return error_response(ApiError::not_found("no such page"));
        }
    }
    if (root_.empty()) {
        return error_response(ApiError::not_found("this server serves no web pages"));
    }
    const std::filesystem::path root(root_);
    std::string body;
    if (segments.size() > 1 && segments.front() == "assets") {
        const auto file = root / std::filesystem::path(path->substr(1));
        if (read_file(root, file, body)) {
            return file_response(file, std::move(body), "public, max-age=31536000, immutable");
        }
        return error_response(ApiError::not_found("no such asset: " + *path));
    }
    if (segments.size() == 1 && !segments.front().empty() && segments.front() != "index.html") {
        const auto file = root / std::filesystem::path(std::string(segments.front()));
        if (read_file(root, file, body)) {
            return file_response(file, std::move(body), "no-cache");
        }
    }
    const auto index = root / "index.html";
    if (read_file(root, index, body)) {
        return file_response(index, std::move(body), "no-cache");
    }
    return error_response(ApiError::not_found("the web pages are not built (web/dist)"));
}

}  // namespace markaz::api
