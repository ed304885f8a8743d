#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace markaz {

/// A string identifier that cannot be mixed up with another kind of identifier:
/// an AgentId is never accepted where a QueueId is expected.
template <class Tag>
class StrongId {
public:
    StrongId() = default;
    explicit StrongId(std::string value) : value_(std::move(value)) {}
    explicit StrongId(const char* value) : value_(value) {}

    const std::string& str() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }

    friend bool operator==(const StrongId&, const StrongId&) = default;
    friend auto operator<=>(const StrongId&, const StrongId&) = default;

private:
    std::string value_;
};

}  // namespace markaz

template <class Tag>
struct std::hash<markaz::StrongId<Tag>> {
    std::size_t operator()(const markaz::StrongId<Tag>& id) const noexcept {
        return std::hash<std::string_view>{}(id.str());
    }
};
