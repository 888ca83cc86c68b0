#pragma once

#include <QString>

namespace ferry::util {

// Credentials never leave the credential path (the keychain or an environment variable): every URL or
// message Ferry prints, logs or stores passes through here first.
class Redact
{
public:
    // The URL without its secrets: http(s) and git URLs lose their whole user-info (a token may be the
    // user name); ssh URLs keep the user and lose a password. Other text comes back as it is.
    static QString url(const QString& url);
    // Every URL inside a free-form message (an error from libgit2, a server's words), redacted.
    static QString text(const QString& text);
    // A webhook URL as logs and messages show it: scheme, host and port only ("https://hooks.slack.com/…"):
    // Slack and most receivers put the secret in the path or the query.
    static QString webhook(const QString& url);
    // What makes a remote URL unacceptable in a config: "" when it holds no secret, else a description
    // that does not repeat the secret ("a password", "a token as the user name").
    static QString secretIn(const QString& url);
};

} // namespace ferry::util
