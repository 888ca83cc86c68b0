#include "ui/controller/instanceserver.h"

#include "core/store/runrecord.h"
#include "core/util/instancechannel.h"
#include "ui/controller/desktopcontroller.h"
#include "ui/status/profilesmodel.h"

#include <memory>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QSet>

namespace ferry::ui {

InstanceServer::InstanceServer(DesktopController& controller, QString dataDir, QObject* parent)
    : QObject(parent), m_controller(controller), m_name(util::InstanceChannel::name(dataDir)),
      m_server(new QLocalServer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (!socket->canReadLine())
                    return;
                const QJsonDocument doc = QJsonDocument::fromJson(socket->readLine());
                handle(socket, doc.object());
            });
        }
    });
}

bool InstanceServer::listen()
{
    if (m_server->listen(m_name))
        return true;
    // A socket file left by an app that crashed: nobody answers on it, so it can go.
    if (util::InstanceChannel::request(
            m_name, QJsonObject{{QStringLiteral("command"), QStringLiteral("ping")}}, 300, 2000))
        return false;
    QLocalServer::removeServer(m_name);
    return m_server->listen(m_name);
}

void InstanceServer::reply(QLocalSocket* socket, int exitCode, const QString& out, const QString& err)
{
    socket->write(QJsonDocument(QJsonObject{{QStringLiteral("exit"), exitCode},
                                            {QStringLiteral("out"), out},
                                            {QStringLiteral("err"), err}})
                      .toJson(QJsonDocument::Compact) +
                  '\n');
    socket->flush();
}

void InstanceServer::handle(QLocalSocket* socket, const QJsonObject& request)
{
    const QString command = request.value(QStringLiteral("command")).toString();
    if (command == u"ping") {
        reply(socket, 0, QString());
    } else if (command == u"show") {
        m_controller.showStatus();
        reply(socket, 0, QString());
    } else if (command == u"sync") {
        handleSync(socket, request.value(QStringLiteral("profile")).toString());
    } else if (command == u"ingest") {
        QStringList names;
        for (const QJsonValue& v : request.value(QStringLiteral("names")).toArray())
            names.append(v.toString());
        handleIngest(socket, names);
    } else {
        reply(socket, 2, QString(),
              QStringLiteral("the running Ferry app does not know \"%1\"").arg(command));
    }
}

void InstanceServer::handleSync(QLocalSocket* socket, const QString& profile)
{
    if (m_controller.paused()) {
        reply(socket, 1, QString(),
              QStringLiteral("syncing is paused in the running Ferry app: resume it from the tray"));
        return;
    }
    QSet<QString> waiting;
    for (const QString& name : m_controller.profileNames())
        if (profile.isEmpty() || name == profile)
            waiting.insert(name);
    if (waiting.isEmpty()) {
        reply(socket, 2, QString(),
              profile.isEmpty() ? QStringLiteral("no profiles in the running app's config")
                                : QStringLiteral("no profile named \"%1\" in the running app").arg(profile));
        return;
    }
    auto state = std::make_shared<QPair<QSet<QString>, QStringList>>(waiting, QStringList());
    auto failed = std::make_shared<bool>(false);
    const QPointer<QLocalSocket> guard(socket);
    auto* connection = new QMetaObject::Connection;
    *connection = connect(
        &m_controller, &DesktopController::cycleFinished, this,
        [this, guard, state, failed, connection](const QString& name, const QString& status) {
            if (!state->first.remove(name))
                return;
            const ProfilesModel::Row* row = m_controller.profiles().row(name);
            state->second.append(row ? row->summary : name + QStringLiteral(": ") + status);
            *failed = *failed || status == store::RunStatus::Failed;
            if (!state->first.isEmpty())
                return;
            disconnect(*connection);
            delete connection;
            if (guard)
                reply(guard, *failed ? 1 : 0,
                      state->second.join(u'\n') + QStringLiteral("\n(run by the Ferry app that is running)"));
        });
    for (const QString& name : waiting)
        m_controller.syncProfile(name);
}

void InstanceServer::handleIngest(QLocalSocket* socket, const QStringList& names)
{
    auto waiting = std::make_shared<QStringList>(names);
    auto lines = std::make_shared<QStringList>();
    auto failed = std::make_shared<bool>(false);
    const QPointer<QLocalSocket> guard(socket);
    auto* connection = new QMetaObject::Connection;
    *connection = connect(
        &m_controller, &DesktopController::pipelineFinished, this,
        [this, guard, waiting, lines, failed, connection](const QString& name, const QString& status,
                                                          bool needsAttention) {
            if (!waiting->removeOne(name))
                return;
            lines->append(QStringLiteral("%1: %2").arg(name, status));
            // As `ferry ingest` run here: exit 1 when a task failed or left a unit undone.
            *failed = *failed || status == store::RunStatus::Failed || needsAttention;
            if (!waiting->isEmpty())
                return;
            disconnect(*connection);
            delete connection;
            if (guard)
                reply(guard, *failed ? 1 : 0,
                      lines->join(u'\n') +
                          QStringLiteral("\n(run by the Ferry app that is running; see ferry history)"));
        });
    for (const QString& name : names)
        m_controller.runPipeline(name);
}

} // namespace ferry::ui
