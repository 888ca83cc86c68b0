#pragma once

#include <functional>
#include <QString>

class QLineEdit;

namespace ferry::ui {

// Tokens in the OS keychain (QtKeychain: the Secret Service on Linux, the Keychain on macOS, the
// Credential Store on Windows), never in the config. A token is filed under the name of the
// environment variable the config names for it (`token_env`, `api_key_env`), so the app can put it in
// that variable for the engine, which reads tokens from the environment only. Asynchronous: `done`
// runs in the caller's thread when the keychain answered.
class TokenStore
{
public:
    static constexpr const char* kService = "ferry";

    static void write(const QString& variable, const QString& token,
                      std::function<void(const QString& error)> done);
    static void read(const QString& variable,
                     std::function<void(const QString& token, const QString& error)> done);
    static void remove(const QString& variable, std::function<void(const QString& error)> done);

    // The settings' input for a token: hidden characters, and a hint that it goes to the keychain.
    static QLineEdit* newField(const QString& objectName);
};

} // namespace ferry::ui
