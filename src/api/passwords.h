#pragma once

// Password hashes: argon2id in libsodium's self-describing string form ("$argon2id$v=19$...").
// The cost is chosen so that one verification takes a few tens of milliseconds on a small
// server: enough to make guessing expensive, cheap enough that a login does not queue behind
// another. Thread: any.

#include <string>
#include <string_view>

#include "common/result.h"

namespace markaz::api {

/// Limits on what a user may choose as a password (docs/api.md: 8..1024 characters).
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 1024;

/// The argon2id hash of `password` with a fresh random salt. Fails only when the system cannot
/// give the memory the hash needs.
Result<std::string> hash_password(std::string_view password);

/// True when `password` matches `hash` (made by hash_password(), or any argon2id string).
/// A malformed hash never matches.
bool verify_password(std::string_view hash, std::string_view password);

/// Spends the time of one verification without a user; a login for an unknown user name calls
/// it, so the answer time does not tell which user names exist.
void verify_password_of_nobody(std::string_view password);

/// True when `text` has the form of an argon2id hash string (for configured `password_hash`).
bool is_password_hash(std::string_view text);

}  // namespace markaz::api
