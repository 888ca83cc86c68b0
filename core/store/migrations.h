#pragma once

#include <QList>
#include <QStringList>

namespace ferry::store {

// One schema step. Versions only grow; a released step is never edited, a new one is added.
struct Migration
{
    int version;
    QString description;
    QStringList postgres;
    QStringList sqlite;
};

class Migrations
{
public:
    static const QList<Migration>& all();
    static int latestVersion();
};

} // namespace ferry::store
