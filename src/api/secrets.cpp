#include "api/secrets.h"

#include <array>
#include <sodium.h>
#include <vector>

#include "common/check.h"

namespace markaz::api {

void ensure_sodium() {
    // sodium_init() is safe to call from several threads and returns 1 when already done.
    static const int status = sodium_init();
    MARKAZ_CHECK(status >= 0, "libsodium could not be initialised");
}

std::string random_base64url(std::size_t bytes) {
    ensure_sodium();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), kVariant);
    out.resize(out.find('\0'));  // the encoded length counts the terminating NUL
    sodium_memzero(raw.data(), raw.size());
    return out;
}

std::string sha256_hex(std::string_view text) {
    ensure_sodium();
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()),
                       text.size());
    std::string hex(digest.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    hex.pop_back();
    return hex;
}

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    if (a.empty()) {
        return true;
    }
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace markaz::api
