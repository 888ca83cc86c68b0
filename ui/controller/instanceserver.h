#pragma once

#include <QJsonObject>
#include <QObject>

class QLocalServer;
class QLocalSocket;

namespace ferry::ui {

class DesktopController;

// The running app's end of util::InstanceChannel. A second `ferry` asks "show" (the status window comes
// forward); `ferry sync [PROFILE]` and `ferry ingest NAMES` ask the app to do the work with its own
// watchers and ingestion worker, and get the result when it is done, instead of racing the app on the
// same state and database.
class InstanceServer : public QObject
{
    Q_OBJECT

public:
    InstanceServer(DesktopController& controller, QString dataDir, QObject* parent = nullptr);

    // False when another app already listens for this data directory.
    bool listen();

private:
    void handle(QLocalSocket* socket, const QJsonObject& request);
    void handleSync(QLocalSocket* socket, const QString& profile);
    void handleIngest(QLocalSocket* socket, const QStringList& names);
    static void reply(QLocalSocket* socket, int exitCode, const QString& out, const QString& err = {});

    DesktopController& m_controller;
    QString m_name;
    QLocalServer* m_server;
};

} // namespace ferry::ui
