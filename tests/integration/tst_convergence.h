#pragma once

// The randomized convergence test (see tst_convergence.cpp): its events on the remote's side and the
// run are in tst_convergence.cpp, what people do on their own machines in tst_convergence_local.cpp.
#include "core/sync/ignorerules.h"
#include "tests/support/gitdaemon.h"
#include "tests/support/replica.h"

#include <memory>
#include <QList>
#include <QMap>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>
#include <vector>

// QVERIFY2 builds its message even when the check holds; this one only on failure (the log is long).
#define CHECK(condition, what)                                                                               \
    do {                                                                                                     \
        if (!(condition))                                                                                    \
            QFAIL(qPrintable(fail(what)));                                                                   \
    } while (false)

class TestConvergence : public QObject
{
    Q_OBJECT

private slots:
    void threeReplicasConvergeAndLoseNoVersion();

private:
    struct Token
    {
        int replica = 0;
        bool seen = false;   // a sync of its replica found it on disk
        bool exempt = false; // the person replaced or deleted the version holding it
    };

    // What a replica's cycle must leave alone: the remote's paths, and the replica's own files that its
    // ignore rules skip or that lie under its unreadable folder.
    struct Guarded
    {
        QSet<QString> remote;
        QMap<QString, QByteArray> local;
    };

    void step(int n);
    QString newToken(int r);
    void write(int r, const QString& file);
    void removeOrRename(int r);
    void editIgnoreRules(int r);
    void swapType(int r);
    void makeFile(int r, const QString& path);
    void makeFolder(int r, const QString& path);
    void exemptTree(int r, const QString& folder);
    void flipReadable(int r);
    void skewClock(int r);
    void applySkew(int r, const QString& file);
    bool guards(int r, const QString& path) const;
    Guarded guarded(int r) const;
    void checkGuarded(int r, const Guarded& before, const QString& cycle);
    QSet<QString> remotePaths() const;
    void syncUntilQuiet(const QString& phase);
    void compareWithRemoteOutsideIgnored();
    void exemptTokensIn(const QByteArray& content);
    void markSeen(int r);
    void syncInProcess(int r);
    void crashSync(int r);
    void setOutage(bool down);
    void setRefusing(bool refusing);
    void resetRemote();
    // After a cycle that found the remote reset, the person at that replica chooses what happens.
    ferry::sync::SyncResult chooseAfterReset(int r);
    QByteArray remoteHistory() const;
    QString fail(const QString& what) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ferry::test::GitDaemon> m_daemon;
    QString m_remote; // the bare repository's path (the replicas reach it through the daemon)
    std::vector<std::unique_ptr<ferry::test::Replica>> m_replicas;
    QRandomGenerator m_rng;
    quint32 m_seed = 0;
    QStringList m_log;
    QMap<QString, Token> m_tokens;
    QList<QSet<QString>> m_pendingSeen{{}, {}, {}};
    bool m_down = false;
    bool m_refusing = false;
    int m_resets = 0;
    int m_next = 0;
    std::vector<ferry::sync::IgnoreRules> m_rules; // each replica's compiled profile().ignore
    QStringList m_unreadable{{}, {}, {}};          // per replica: a folder its cycles cannot read, or ""
    QList<qint64> m_skewSeconds{0, 0, 0};          // per replica: how far its clock is off
    QMap<QString, int> m_events;                   // how often each local-side event happened
};
