#pragma once

// The built web pages (docs/api.md "The web pages"): files under /assets/ with a year of
// caching (their names carry a content hash), other files at the top of the folder with
// no-cache, and index.html for every other page path, so the page's own router picks the view.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_message.h"

namespace markaz::api {

/// `path` resolved (links followed) when it is a regular file really under `root`: a symbolic
/// link that points elsewhere (/etc, the store) is not followed out. nullopt otherwise.
std::optional<std::filesystem::path> regular_file_under(const std::filesystem::path& root,
                                                        const std::filesystem::path& path);

/// Serves the files under one folder. Thread: any (reads files per request; no state).
class StaticFiles {
public:
    explicit StaticFiles(std::string root) : root_(std::move(root)) {}

    /// The answer to GET `path` (percent-encoded, as received).
    HttpResponse serve(std::string_view path) const;

    /// The Content-Type for a file name by its extension.
    static std::string_view content_type(std::string_view file_name);

private:
    std::string root_;
};

}  // namespace markaz::api
