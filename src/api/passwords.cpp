#include "api/passwords.h"

#include <array>
#include <sodium.h>

#include "api/secrets.h"

namespace markaz::api {
namespace {

// OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane): about 20-30 ms here, so a
// login stays well under 100 ms while a guess still costs 19 MiB of memory traffic.
constexpr unsigned long long kOpsLimit = 2;
constexpr std::size_t kMemLimit = 19U * 1024U * 1024U;

const std::string& nobody_hash() {
    static const std::string hash = [] {
        auto made = hash_password(random_base64url(16));
        return made ? *made : std::string();
    }();
    return hash;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
    ensure_sodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail(Errc::Unavailable, "password: not enough memory to hash it");
    }
    return std::string(out.data());
}

bool verify_password(std::string_view hash, std::string_view password) {
    ensure_sodium();
    if (!is_password_hash(hash) || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    // crypto_pwhash_str_verify reads a NUL-terminated string of at most STRBYTES.
    std::array<char, crypto_pwhash_STRBYTES> terminated{};
    hash.copy(terminated.data(), hash.size());
    return crypto_pwhash_str_verify(terminated.data(), password.data(), password.size()) == 0;
}

void verify_password_of_nobody(std::string_view password) {
    (void)verify_password(nobody_hash(), password);
}

bool is_password_hash(std::string_view text) {
    return text.starts_with("$argon2id$v=19$m=") && text.size() < crypto_pwhash_STRBYTES;
}

}  // namespace markaz::api
