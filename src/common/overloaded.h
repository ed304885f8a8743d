#pragma once

namespace markaz {

/// Lambdas as one visitor for std::visit: `std::visit(overloaded{[](A&){}, [](B&){}}, v)`.
template <class... Fs>
struct overloaded : Fs... {
    using Fs::operator()...;
};

}  // namespace markaz
