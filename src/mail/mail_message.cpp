#include "mail/mail_message.h"

#include <algorithm>
#include <sodium.h>

namespace markaz::mail {
namespace {

/// Standard base64 with padding (RFC 2045), by libsodium.
std::string base64(const std::string& bytes) {
    constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), kVariant);
    out.resize(out.find('\0'));  // the encoded length counts the terminating NUL
    return out;
}

bool plain_ascii(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 32 && static_cast<unsigned char>(c) < 127;
    });
}

/// RFC 2047 encoded words short enough for 78-character lines ("Subject: " included), cut
/// between UTF-8 characters.
std::string encoded_header(const std::string& text) {
    if (plain_ascii(text)) {
        return text;
    }
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = std::min(text.size(), at + 42);  // 42 bytes: 56 in base64
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
            --end;  // not inside a character
        }
        out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
               base64(text.substr(at, end - at)) + "?=";
        at = end;
    }
    return out;
}

std::string no_line_breaks(std::string text) {
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return text;
}

}  // namespace

bool is_mail_address(const std::string& address) {
    const auto at = address.find('@');
    return at != std::string::npos && at > 0 && at + 1 < address.size() &&
           address.find('@', at + 1) == std::string::npos && address.size() <= 254 &&
           std::none_of(address.begin(), address.end(), [](char c) {
               return static_cast<unsigned char>(c) <= 32 || c == '<' || c == '>' || c == ',' ||
                      c == ';' || c == '"' || c == '\\' || c == 127;
           });
}

namespace {

/// `bytes` base64-encoded in lines of 76 characters, each ending in CRLF.
std::string base64_lines(const std::string& bytes) {
    const std::string encoded = base64(bytes);
    std::string out;
    for (std::size_t i = 0; i < encoded.size(); i += 76) {
        out += encoded.substr(i, 76) + "\r\n";
    }
    return out;
}

/// A leaf part: its headers, then its bytes in base64.
std::string leaf(const std::string& headers, const std::string& bytes) {
    return headers + "Content-Transfer-Encoding: base64\r\n\r\n" + base64_lines(bytes);
}

std::string text_part(const std::string& subtype, const std::string& text) {
    return leaf("Content-Type: text/" + subtype + "; charset=UTF-8\r\n", text);
}

std::string file_part(const MailPart& part) {
    const std::string name = no_line_breaks(part.filename);
    std::string headers =
        "Content-Type: " + no_line_breaks(part.content_type) + "; name=\"" + name + "\"\r\n";
    if (!part.content_id.empty()) {
        headers += "Content-ID: <" + no_line_breaks(part.content_id) + ">\r\n";
        headers += "Content-Disposition: inline; filename=\"" + name + "\"\r\n";
    } else {
        headers += "Content-Disposition: attachment; filename=\"" + name + "\"\r\n";
    }
    return leaf(headers, part.bytes);
}

/// A multipart of `parts` (each its headers and body). The boundary starts with "=_", which
/// base64 never holds, so no part can contain it.
std::string multipart(const std::string& subtype, const std::string& boundary,
                      const std::vector<std::string>& parts) {
    std::string out =
        "Content-Type: multipart/" + subtype + "; boundary=\"" + boundary + "\"\r\n\r\n";
    for (const std::string& part : parts) {
        out += "--" + boundary + "\r\n" + part + "\r\n";
    }
    return out + "--" + boundary + "--\r\n";
}

std::string body_of(const MailMessage& message, const std::string& id) {
    if (message.html.empty() && message.attachments.empty()) {
        return text_part("plain", message.text);
    }
    const std::string boundary = "=_markaz_" + no_line_breaks(id) + "_";
    std::string body = text_part("plain", message.text);
    if (!message.html.empty()) {
        body = multipart("alternative", boundary + "a",
                         {std::move(body), text_part("html", message.html)});
    }
    if (!message.inline_parts.empty()) {
        std::vector<std::string> related{std::move(body)};
        for (const MailPart& part : message.inline_parts) {
            related.push_back(file_part(part));
        }
        body = multipart("related", boundary + "r", related);
    }
    if (!message.attachments.empty()) {
        std::vector<std::string> mixed{std::move(body)};
        for (const MailPart& part : message.attachments) {
            mixed.push_back(file_part(part));
        }
        body = multipart("mixed", boundary + "m", mixed);
    }
    return body;
}

}  // namespace

std::string mime_text(const MailMessage& message, WallTime at, const std::string& id) {
    std::string to;
    for (const std::string& address : message.to) {
        to += (to.empty() ? "" : ", ") + address;
    }
    const std::string domain = message.from.substr(message.from.find('@') + 1);
    std::string out;
    out += "Date: " + utc_text(at, "%a, %d %b %Y %H:%M:%S +0000") + "\r\n";
    out += "From: " + message.from + "\r\n";
    out += "To: " + to + "\r\n";
    out += "Message-ID: <" + no_line_breaks(id) + "@" + domain + ">\r\n";
    out += "Subject: " + encoded_header(no_line_breaks(message.subject)) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Language: " + no_line_breaks(message.language) + "\r\n";
    return out + body_of(message, id);
}

}  // namespace markaz::mail
