#include "webhook/webhook.h"

#include <curl/curl.h>
#include <memory>
#include <sodium.h>

namespace markaz::webhook {
namespace {

struct CurlCleanup {
    void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
};
struct ListCleanup {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

std::size_t ignore_answer(char*, std::size_t size, std::size_t count, void*) {
    return size * count;
}

}  // namespace

std::string signature(const std::string& secret, const std::string& timestamp,
                      const std::string& body) {
    static const int ready = sodium_init();
    (void)ready;
    const std::string signed_text = timestamp + "." + body;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                                secret.size());
    crypto_auth_hmacsha256_update(
        &state, reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size());
    crypto_auth_hmacsha256_final(&state, mac);
    std::string hex(sizeof mac * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), mac, sizeof mac);
    hex.pop_back();
    return "sha256=" + hex;
}

Result<void> post(const WebhookSettings& settings, const std::string& body, WallTime at) {
    static const CURLcode ready = curl_global_init(CURL_GLOBAL_DEFAULT);
    if (ready != CURLE_OK) {
        return fail(Errc::Unavailable, std::string("webhook: ") + curl_easy_strerror(ready));
    }
    std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
    if (!curl) {
        return fail(Errc::Unavailable, "webhook: libcurl could not start");
    }
    const std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
    std::unique_ptr<curl_slist, ListCleanup> headers;
    for (const std::string& h :
         {std::string("Content-Type: application/json"), "X-Markaz-Timestamp: " + timestamp,
          "X-Markaz-Signature: " + signature(settings.secret, timestamp, body)}) {
        headers.reset(curl_slist_append(headers.release(), h.c_str()));
    }
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, ignore_answer);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout.count()));
    // Only the URL configured: no redirects elsewhere, http(s) only.
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    const CURLcode sent = curl_easy_perform(c);
    if (sent != CURLE_OK) {
        return fail(Errc::Unavailable, "webhook " + settings.url + ": " + curl_easy_strerror(sent));
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status < 200 || status > 299) {
        return fail(Errc::Unavailable,
                    "webhook " + settings.url + ": answered " + std::to_string(status));
    }
    return {};
}

}  // namespace markaz::webhook
