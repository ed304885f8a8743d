#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace markaz {

/// What kind of failure a Result carries; the API layer maps these to HTTP statuses.
enum class Errc { InvalidArgument, NotFound, Conflict, Unavailable, Internal };

/// A failure for a person to read: `message` names what is wrong (field, line, id).
struct Error {
    Errc code;
    std::string message;
    friend bool operator==(const Error&, const Error&) = default;
};

/// The role std::unexpected plays: `return fail(Errc::NotFound, "...")`.
struct Failure {
    Error error;
};
inline Failure fail(Errc code, std::string message) {
    return {Error{code, std::move(message)}};
}
inline Failure fail(Error error) {
    return {std::move(error)};
}

/// A value or an Error. Member names follow std::expected so that moving to C++23 is a rename.
/// Reading the value of a failed Result is a bug and aborts.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Failure f) : v_(std::in_place_index<1>, std::move(f.error)) {}

    bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & {
        check();
        return std::get<0>(v_);
    }
    const T& value() const& {
        check();
        return std::get<0>(v_);
    }
    T&& value() && {
        check();
        return std::get<0>(std::move(v_));
    }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const {
        if (has_value()) {
            std::abort();
        }
        return std::get<1>(v_);
    }

private:
    void check() const {
        if (!has_value()) {
            std::abort();
        }
    }
    std::variant<T, Error> v_;
};

/// Success or an Error, for operations that return nothing.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Failure f) : error_(std::move(f.error)) {}

    bool has_value() const noexcept { return !error_.has_value(); }
    explicit operator bool() const noexcept { return has_value(); }
    const Error& error() const {
        if (!error_) {
            std::abort();
        }
        return *error_;
    }

private:
    std::optional<Error> error_;
};

}  // namespace markaz
