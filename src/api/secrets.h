#pragma once

// Random secrets and digests for sessions, CSRF tokens and API tokens, on libsodium.
// Thread: any (libsodium is thread-safe once initialised, which every function here ensures).

#include <cstddef>
#include <string>
#include <string_view>

namespace markaz::api {

/// Initialises libsodium once per process; aborts when it cannot (no usable random source),
/// because no secret could be made safely after that.
void ensure_sodium();

/// `bytes` random bytes from the system's CSPRNG as base64url without padding
/// (32 bytes -> 43 characters).
std::string random_base64url(std::size_t bytes = 32);

/// SHA-256 of `text` as 64 lower-case hex digits: what is kept of API tokens and session ids.
std::string sha256_hex(std::string_view text);

/// Compares two secrets in time that depends only on their lengths.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace markaz::api
