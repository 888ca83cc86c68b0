#include "ui/settings/tokenstore.h"

#include <QCoreApplication>
#include <QLineEdit>
#include <qt6keychain/keychain.h>

namespace ferry::ui {

void TokenStore::write(const QString& variable, const QString& token,
                       std::function<void(const QString&)> done)
{
    auto* job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // a token goes to the keychain or nowhere
    job->setKey(variable);
    job->setTextData(token);
    QObject::connect(job, &QKeychain::Job::finished, [done = std::move(done)](QKeychain::Job* j) {
        done(j->error() == QKeychain::NoError ? QString() : j->errorString());
    });
    job->start();
}

void TokenStore::read(const QString& variable, std::function<void(const QString&, const QString&)> done)
{
    auto* job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(variable);
    QObject::connect(job, &QKeychain::Job::finished, [done = std::move(done)](QKeychain::Job* j) {
        auto* read = static_cast<QKeychain::ReadPasswordJob*>(j);
        if (j->error() == QKeychain::NoError)
            done(read->textData(), QString());
        else
            done(QString(), j->error() == QKeychain::EntryNotFound ? QString() : j->errorString());
    });
    job->start();
}

void TokenStore::remove(const QString& variable, std::function<void(const QString&)> done)
{
    auto* job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService));
    job->setAutoDelete(true);
    job->setKey(variable);
    QObject::connect(job, &QKeychain::Job::finished, [done = std::move(done)](QKeychain::Job* j) {
        done(j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound ? QString()
                                                                                        : j->errorString());
    });
    job->start();
}

QLineEdit* TokenStore::newField(const QString& objectName)
{
    auto* field = new QLineEdit;
    field->setObjectName(objectName);
    field->setEchoMode(QLineEdit::Password);
    field->setPlaceholderText(QCoreApplication::translate(
        "ferry::ui::TokenStore", "stored in the OS keychain; leave empty to keep the stored one"));
    return field;
}

} // namespace ferry::ui
