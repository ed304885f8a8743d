#include "sip/digest.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "common/text.h"

namespace markaz::sip {

namespace {

std::string to_hex(const unsigned char* bytes, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(n * 2, '0');
    for (std::size_t i = 0; i < n; ++i) {
        out[2 * i] = kDigits[bytes[i] >> 4];
        out[2 * i + 1] = kDigits[bytes[i] & 0xF];
    }
    return out;
}

/// `"value"` -> `value`, undoing RFC 3261 quoted-pair escapes.
std::string unquote(std::string_view text) {
    if (text.size() < 2 || text.front() != '"' || text.back() != '"') {
        return std::string(text);
    }
    std::string out;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\' && i + 2 < text.size()) {
            ++i;
        }
        out += text[i];
    }
    return out;
}

/// A header's `name=value` parameters as sofia-sip tokenizes them (quotes still on), by
/// lower-case name, unquoted.
std::map<std::string, std::string, std::less<>> read_params(const char* const* params) {
    std::map<std::string, std::string, std::less<>> found;
    for (const char* const* p = params; p && *p; ++p) {
        std::string_view param{*p};
        auto eq = param.find('=');
        if (eq == std::string_view::npos) {
            continue;  // a bare token carries nothing digest needs
        }
        std::string name(param.substr(0, eq));
        for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        found[name] = unquote(param.substr(eq + 1));
    }
    return found;
}

}  // namespace

std::string digest_hex(DigestAlgorithm algorithm, std::string_view data) {
    const EVP_MD* md = algorithm == DigestAlgorithm::Md5 ? EVP_md5() : EVP_sha256();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), out, &length, md, nullptr);
    return to_hex(out, length);
}

Result<DigestResponse> digest_response_from_params(const char* const* params) {
    auto found = read_params(params);
    DigestResponse r;
    for (auto [name, field] : {std::pair{"username", &r.username}, std::pair{"realm", &r.realm},
                               std::pair{"nonce", &r.nonce}, std::pair{"uri", &r.uri},
                               std::pair{"response", &r.response}}) {
        auto it = found.find(name);
        if (it == found.end()) {
            return fail(Errc::InvalidArgument, std::string("authorization: missing ") + name);
        }
        *field = it->second;
    }
    auto optional = [&](const char* name, std::string& field, const char* fallback) {
        auto it = found.find(name);
        field = it != found.end() ? it->second : fallback;
    };
    optional("algorithm", r.algorithm, "MD5");
    optional("qop", r.qop, "");
    optional("nc", r.nc, "");
    optional("cnonce", r.cnonce, "");
    optional("opaque", r.opaque, "");
    if (!r.qop.empty() && (r.nc.empty() || r.cnonce.empty())) {
        return fail(Errc::InvalidArgument, "authorization: qop without nc and cnonce");
    }
    return r;
}

Result<std::string> expected_digest(const DigestResponse& r, std::string_view password,
                                    std::string_view method) {
    auto algorithm = kDigestAlgorithmNames.parse(r.algorithm);
    if (!algorithm) {
        return fail(Errc::InvalidArgument,
                    "authorization: unsupported algorithm '" + r.algorithm + "'");
    }
    if (!r.qop.empty() && r.qop != "auth") {
        return fail(Errc::InvalidArgument, "authorization: unsupported qop '" + r.qop + "'");
    }
    std::string ha1 =
        digest_hex(*algorithm, r.username + ":" + r.realm + ":" + std::string(password));
    std::string ha2 = digest_hex(*algorithm, std::string(method) + ":" + r.uri);
    if (r.qop.empty()) {
        return digest_hex(*algorithm, ha1 + ":" + r.nonce + ":" + ha2);
    }
    return digest_hex(*algorithm,
                      ha1 + ":" + r.nonce + ":" + r.nc + ":" + r.cnonce + ":" + r.qop + ":" + ha2);
}

Result<std::string> digest_authorization(const char* const* challenge_params,
                                         DigestAlgorithm algorithm, const DigestCredentials& who) {
    auto found = read_params(challenge_params);
    auto get = [&](std::string_view name) {
        auto it = found.find(name);
        return it == found.end() ? std::string{} : it->second;
    };
    DigestResponse r;
    r.username = who.username;
    r.realm = get("realm");
    r.nonce = get("nonce");
    r.uri = who.uri;
    r.algorithm = found.contains("algorithm") ? get("algorithm") : "MD5";
    r.opaque = get("opaque");
    if (r.nonce.empty()) {
        return fail(Errc::InvalidArgument, "challenge: missing nonce");
    }
    if (kDigestAlgorithmNames.parse(r.algorithm) != algorithm) {
        return fail(Errc::Unavailable, "challenge: algorithm " + r.algorithm + ", not " +
                                           std::string(kDigestAlgorithmNames.name(algorithm)));
    }
    // qop is a list ("auth, auth-int"); Markaz's clients do "auth" when it is offered.
    if (std::string qop = get("qop"); !qop.empty()) {
        bool offers_auth = false;
        for (std::size_t start = 0; start <= qop.size();) {
            auto comma = std::min(qop.find(',', start), qop.size());
            offers_auth =
                offers_auth || trim(std::string_view(qop).substr(start, comma - start)) == "auth";
            start = comma + 1;
        }
        if (!offers_auth) {
            return fail(Errc::Unavailable, "challenge: qop " + qop + " is not supported");
        }
        r.qop = "auth";
        r.nc = "00000001";
        r.cnonce = who.cnonce;
    }
    auto response = expected_digest(r, who.password, who.method);
    if (!response) {
        return fail(response.error());
    }
    std::string header = "Digest username=\"" + r.username + "\", realm=\"" + r.realm +
                         "\", nonce=\"" + r.nonce + "\", uri=\"" + r.uri + "\", response=\"" +
                         *response + "\", algorithm=" + r.algorithm;
    if (!r.qop.empty()) {
        header += ", qop=auth, nc=" + r.nc + ", cnonce=\"" + r.cnonce + "\"";
    }
    if (!r.opaque.empty()) {
        header += ", opaque=\"" + r.opaque + "\"";
    }
    return header;
}

bool digest_matches(const DigestResponse& r, std::string_view password, std::string_view method) {
    auto expected = expected_digest(r, password, method);
    if (!expected || expected->size() != r.response.size()) {
        return false;
    }
    std::string given = r.response;
    for (char& c : given) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return CRYPTO_memcmp(expected->data(), given.data(), given.size()) == 0;
}

NonceIssuer::NonceIssuer() : secret_(32, '\0') {
    RAND_bytes(reinterpret_cast<unsigned char*>(secret_.data()), static_cast<int>(secret_.size()));
}

std::string NonceIssuer::mac(std::string_view text) const {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
         reinterpret_cast<const unsigned char*>(text.data()), text.size(), out, &length);
    return to_hex(out, 16);  // 128 bits are plenty for a nonce
}

std::string NonceIssuer::issue(WallTime now, std::string_view source) const {
    // Time, then 64 random bits: two challenges in the same millisecond get different
    // nonces, so each has counts of its own (NonceUses).
    unsigned char salt[8];
    RAND_bytes(salt, sizeof salt);
    std::string stamp = std::to_string(now.time_since_epoch().count()) + "-" + to_hex(salt, 8);
    return stamp + "." + mac(stamp + "@" + std::string(source));
}

Result<void> NonceIssuer::check(std::string_view nonce, WallTime now, Duration max_age,
                                std::string_view source) const {
    auto dot = nonce.find('.');
    if (dot == std::string_view::npos) {
        return fail(Errc::InvalidArgument, "nonce: not one of ours");
    }
    std::string_view stamp = nonce.substr(0, dot);
    std::string expected = mac(std::string(stamp) + "@" + std::string(source));
    std::string_view given = nonce.substr(dot + 1);
    if (given.size() != expected.size() ||
        CRYPTO_memcmp(given.data(), expected.data(), expected.size()) != 0) {
        return fail(Errc::InvalidArgument, "nonce: not one of ours, or not issued to this source");
    }
    long long ms = 0;
    std::from_chars(stamp.data(), stamp.data() + std::min(stamp.find('-'), stamp.size()), ms);
    Duration age = now.time_since_epoch() - Duration{ms};
    if (age > max_age || age < -max_age) {
        return fail(Errc::Conflict, "nonce: stale");
    }
    return {};
}

std::string digest_challenge(DigestAlgorithm algorithm, std::string_view realm,
                             std::string_view nonce, bool stale) {
    std::string out = "Digest realm=\"" + std::string(realm) + "\", nonce=\"" + std::string(nonce) +
                      "\", algorithm=" + std::string(kDigestAlgorithmNames.name(algorithm)) +
                      ", qop=\"auth\"";
    if (stale) {
        out += ", stale=true";
    }
    return out;
}

Result<void> NonceUses::use(const DigestResponse& r, SteadyTime now) {
    expire(now);
    if (r.qop.empty()) {
        // RFC 2069 style: no counter, so the nonce itself is good for one request.
        if (!once_.emplace(r.nonce, now + lifetime_).second) {
            return fail(Errc::Conflict, "nonce: already used");
        }
        return {};
    }
    unsigned long nc = 0;
    auto [end, error] = std::from_chars(r.nc.data(), r.nc.data() + r.nc.size(), nc, 16);
    if (error != std::errc{} || end != r.nc.data() + r.nc.size() || nc == 0) {
        return fail(Errc::InvalidArgument, "nc: not a hexadecimal count");
    }
    auto [it, fresh] = counted_.try_emplace(r.nonce, Count{nc, now + lifetime_});
    if (!fresh) {
        if (nc <= it->second.highest) {
            return fail(Errc::Conflict, "nonce: count " + r.nc + " already used");
        }
        it->second.highest = nc;
    }
    return {};
}

void NonceUses::expire(SteadyTime now) {
    std::erase_if(once_, [now](const auto& entry) { return entry.second <= now; });
    std::erase_if(counted_, [now](const auto& entry) { return entry.second.until <= now; });
}

}  // namespace markaz::sip
