// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace easel {

/**
 * The API keys of the cloud backends: in the system keychain (qtkeychain, service "Easel", the backend id as
 * the key), else in the environment (OPENAI_API_KEY, STABILITY_API_KEY, COMFYUI_API_KEY). Keys are never
 * written to settings, logs, metadata or error text: every key this class hands out is remembered for
 * redactSecrets(). Where no keychain service runs (CI, a headless box, EASEL_KEYCHAIN=off) the lookup says so
 * in one line and goes on with the environment.
 */
class ApiKeys {
public:
    enum class Source { None, Keychain, Environment };

    struct Lookup {
        QString key; ///< empty when none was found
        Source source = Source::None;
        QString note; ///< one line when the keychain could not be asked (empty otherwise)
    };

    /// The environment variable of a backend's key ("openai" -> OPENAI_API_KEY); empty for an unknown id.
    static QString environmentVariable(const QString& backendId);
    /// False when EASEL_KEYCHAIN is "off" or "0" (tests, scripted runs that must not touch the keychain).
    static bool keychainEnabled();

    /// The key for `backendId`: keychain first, then the environment. Blocks up to `keychainTimeoutMs`
    /// (a local event loop; any thread with a QCoreApplication).
    static Lookup find(const QString& backendId, int keychainTimeoutMs = 5000);
    /// Stores (or with an empty key, deletes) the key in the keychain; false and a one-line `error` when it cannot.
    static bool store(const QString& backendId, const QString& key, QString* error = nullptr);

    /// Remembers a secret so that redactSecrets() hides it (keys found by find() are remembered already).
    static void remember(const QString& secret);
};

/// `text` with every remembered key, every "sk-..." key-like token and every bearer/Authorization/x-api-key
/// value replaced by "[redacted]". Applied to every message that could echo a request.
QString redactSecrets(const QString& text);

} // namespace easel
