#pragma once

namespace markaz {

/// Lambdas as one visitor for std::visit: `std::visit(overloaded{[](A&){}, [](B&){}}, v)`.
template <class... Fs>
struct overloaded : Fs... {
    using Fs::operator()...;
};
// C++20 deduces this itself, but clang 14 (the fuzzing build) does not yet.
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

}  // namespace markaz
