// SPDX-License-Identifier: MIT
#pragma once

#include <QGroupBox>
#include <QHash>

#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QToolButton;

namespace easel {

/**
 * Settings > Other engines: per engine (ComfyUI, OpenAI Images, Stability AI) its server URL (ComfyUI: one or
 * more servers, one per line), its key or bearer token, its default model (ComfyUI: also a workflow template),
 * and Test connection (ComfyUI: GET /object_info; OpenAI: GET /models; Stability AI: GET /v1/user/account, each
 * authenticated, nothing paid); and the monthly cloud budget. URLs, models and the budget go to the settings
 * file (CloudSettings); a key goes to the system keychain (ApiKeys), never to the settings file, and is shown
 * only as where it comes from (keychain, environment, none).
 */
class BackendSettingsPage : public QGroupBox {
    Q_OBJECT
public:
    /// Stores (or with an empty key, removes) a key; false and one line in `error` when it cannot. Default:
    /// ApiKeys::store (the system keychain). Tests replace it.
    using KeyStore = std::function<bool(const QString& backendId, const QString& key, QString* error)>;

    /// `settingsFile` empty: the user's settings file.
    explicit BackendSettingsPage(const QString& settingsFile, QWidget* parent = nullptr);
    ~BackendSettingsPage() override;

    void setKeyStore(KeyStore store) { m_store = std::move(store); }

    /// Writes what changed; false and the one-line reason shown on the page (a bad URL, a template that is
    /// not one, a key the keychain refused) when something could not be saved.
    bool apply();
    /// The last apply()'s problem; empty when it saved everything.
    QString error() const;

    /// Checks the connection of `backendId` ("comfyui", "openai", "stability") with the values as typed;
    /// the answer appears in its result line (asynchronous).
    void testConnection(const QString& backendId);

private:
    struct Fields {
        QLineEdit* url = nullptr; ///< OpenAI, Stability AI
        QPlainTextEdit* servers = nullptr; ///< ComfyUI
        QLineEdit* key = nullptr;
        QLabel* keySource = nullptr;
        QToolButton* forgetKey = nullptr;
        QLineEdit* model = nullptr;
        QLineEdit* workflow = nullptr; ///< ComfyUI
        QPushButton* test = nullptr;
        QLabel* testResult = nullptr;
        bool forget = false;
        QString storedKey; ///< the key found when the page opened (for Test connection), never shown
    };

    QWidget* buildForm(const QString& id);
    void load();
    void showKeySource(const QString& id, int source);
    /// The URLs typed for `id` (ComfyUI: each line); one line in `error` for one that is not http(s).
    QList<QUrl> typedUrls(const QString& id, QString* error) const;

    QString m_settingsFile;
    KeyStore m_store;
    QComboBox* m_which = nullptr;
    QStackedWidget* m_stack = nullptr;
    QDoubleSpinBox* m_budget = nullptr;
    QLabel* m_error = nullptr;
    QHash<QString, Fields> m_fields;
    QNetworkAccessManager* m_network = nullptr;
};

} // namespace easel
