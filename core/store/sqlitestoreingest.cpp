#include "core/store/columns.h"
#include "core/store/sqliterow.h"
#include "core/store/sqlitestore.h"
#include "core/store/values.h"

#include <QPair>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

// SqliteStore's IngestStore: tickers, stock_prices, dcf_valuations, tracked_repositories, pull_requests and
// pr_reviews (the class is in sqlitestore.h).
namespace ferry::store {

Result<TickerChanges> SqliteStore::replaceTickers(const QStringList& symbols, const QDateTime& now)
{
    TickerChanges changes;
    const QString what = QStringLiteral("cannot update tickers");
    const Status done = inTransaction(what, [&](QSqlQuery& q) -> Status {
        QHash<QString, bool> current;
        if (!q.exec(QStringLiteral("SELECT symbol, active FROM tickers")))
            return sqlError(QStringLiteral("cannot read tickers"), q.lastError());
        while (q.next())
            current.insert(q.value(0).toString(), q.value(1).toInt() != 0);
        changes = TickerChanges::plan(current, symbols);
        const QString at = toSqlTimestamp(now);
        const auto each = [&](const QString& sql, const QStringList& list, bool withFirstSeen) {
            q.prepare(sql);
            for (const QString& symbol : list) {
                q.addBindValue(at);
                if (withFirstSeen)
                    q.addBindValue(at);
                q.addBindValue(symbol);
                if (!q.exec())
                    return false;
            }
            return true;
        };
        if (!each(QStringLiteral("INSERT INTO tickers (first_seen_at, updated_at, "
                                 "symbol, active) VALUES (?, ?, ?, 1)"),
                  changes.added, true) ||
            !each(QStringLiteral("UPDATE tickers SET active = 1, updated_at = ? WHERE symbol = ?"),
                  changes.reactivated, false) ||
            !each(QStringLiteral("UPDATE tickers SET active = 0, updated_at = ? WHERE symbol = ?"),
                  changes.deactivated, false))
            return sqlError(what, q.lastError());
        return Status::success();
    });
    if (!done)
        return done.error();
    return changes;
}

Result<QStringList> SqliteStore::activeTickers()
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT symbol FROM tickers WHERE active = 1 ORDER BY symbol")))
        return sqlError(QStringLiteral("cannot read tickers"), q.lastError());
    QStringList symbols;
    while (q.next())
        symbols.append(q.value(0).toString());
    return symbols;
}

Result<int> SqliteStore::upsertPrices(const QList<PriceRow>& rows, const QDateTime& fetchedAt)
{
    const QString at = toSqlTimestamp(fetchedAt);
    QSet<QPair<QString, QDate>> keys; // a key twice is one row (the last wins), as on PostgreSQL
    const Status done = inTransaction(QStringLiteral("cannot store prices"), [&](QSqlQuery& q) -> Status {
        q.prepare(QStringLiteral("INSERT INTO stock_prices (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                                 "(ticker, date) DO UPDATE SET open = excluded.open, high = excluded.high, "
                                 "low = excluded.low, close = excluded.close, volume = excluded.volume, "
                                 "fetched_at = excluded.fetched_at")
                      .arg(Columns::Prices));
        for (const PriceRow& r : rows) {
            keys.insert(qMakePair(r.ticker, r.date));
            for (const QVariant& v : {QVariant(r.ticker), QVariant(r.date.toString(Qt::ISODate)),
                                      nullable(Values::number(r.open)), nullable(Values::number(r.high)),
                                      nullable(Values::number(r.low)), nullable(Values::number(r.close)),
                                      QVariant(r.volume), QVariant(at)})
                q.addBindValue(v);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot store prices of %1").arg(r.ticker), q.lastError());
        }
        return Status::success();
    });
    if (!done)
        return done.error();
    return int(keys.size());
}

Result<int> SqliteStore::upsertValuations(const QList<ValuationRow>& rows, const QDateTime& fetchedAt)
{
    const QString at = toSqlTimestamp(fetchedAt);
    const Status done = inTransaction(QStringLiteral("cannot store valuations"), [&](QSqlQuery& q) -> Status {
        q.prepare(QStringLiteral("INSERT INTO dcf_valuations (%1) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT (ticker) "
                                 "DO UPDATE SET date = excluded.date, dcf = excluded.dcf, "
                                 "stock_price = excluded.stock_price, fetched_at = excluded.fetched_at")
                      .arg(Columns::Valuations));
        for (const ValuationRow& r : rows) {
            for (const QVariant& v :
                 {QVariant(r.ticker), r.date.isValid() ? QVariant(r.date.toString(Qt::ISODate)) : QVariant(),
                  nullable(Values::number(r.dcf)), nullable(Values::number(r.stockPrice)), QVariant(at)})
                q.addBindValue(v);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot store the valuation of %1").arg(r.ticker),
                                q.lastError());
        }
        return Status::success();
    });
    if (!done)
        return done.error();
    return int(rows.size());
}

Result<QList<TrackedRepository>> SqliteStore::trackRepositories(const QStringList& fullNames)
{
    const Status done =
        inTransaction(QStringLiteral("cannot update tracked repositories"), [&](QSqlQuery& q) -> Status {
            for (const QString& name : fullNames) {
                q.prepare(QStringLiteral("INSERT INTO tracked_repositories (full_name, active) VALUES (?, 1) "
                                         "ON CONFLICT (full_name) DO UPDATE SET active = 1"));
                q.addBindValue(name);
                if (!q.exec())
                    return sqlError(QStringLiteral("cannot track %1").arg(name), q.lastError());
            }
            const QStringList placeholders(fullNames.size(), QStringLiteral("?"));
            q.prepare(QStringLiteral("UPDATE tracked_repositories SET active = 0 WHERE full_name NOT IN (%1)")
                          .arg(placeholders.isEmpty() ? QStringLiteral("''") : placeholders.join(u',')));
            for (const QString& name : fullNames)
                q.addBindValue(name);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot deactivate repositories"), q.lastError());
            return Status::success();
        });
    if (!done)
        return done.error();
    return trackedRepositories();
}

Result<QList<TrackedRepository>> SqliteStore::trackedRepositories()
{
    if (Status s = ensureOpen(); !s)
        return s.error();
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM tracked_repositories ORDER BY full_name")
                    .arg(Columns::Repositories)))
        return sqlError(QStringLiteral("cannot read tracked repositories"), q.lastError());
    QList<TrackedRepository> out;
    while (q.next())
        out.append(Values::repository(SqliteRow(q)));
    return out;
}

Status SqliteStore::saveRepository(const TrackedRepository& r)
{
    return inTransaction(
        QStringLiteral("cannot save the state of %1").arg(r.fullName), [&](QSqlQuery& q) -> Status {
            q.prepare(QStringLiteral("UPDATE tracked_repositories SET sync_status = ?, last_sync_at = ?, "
                                     "cursor = ?, etag = ?, last_sync_error = ? WHERE full_name = ?"));
            for (const QVariant& v :
                 {QVariant(r.status), nullable(Values::timestamp(r.lastSyncAt)), nullable(r.cursor),
                  nullable(r.etag), nullable(r.lastError), QVariant(r.fullName)})
                q.addBindValue(v);
            if (!q.exec())
                return sqlError(QStringLiteral("cannot save %1").arg(r.fullName), q.lastError());
            return Status::success();
        });
}

Result<int> SqliteStore::upsertPullRequests(const QList<PullRequestRow>& pullRequests,
                                            const QList<ReviewRow>& reviews)
{
    const Status done =
        inTransaction(QStringLiteral("cannot store pull requests"), [&](QSqlQuery& q) -> Status {
            q.prepare(QStringLiteral("INSERT INTO pull_requests (%1) VALUES (?, ?, ?, ?, "
                                     "?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repository, number) DO UPDATE SET "
                                     "github_id = excluded.github_id, "
                                     "title = excluded.title, state = excluded.state, "
                                     "draft = excluded.draft, author = "
                                     "excluded.author, created_at = excluded.created_at, "
                                     "updated_at = excluded.updated_at, "
                                     "closed_at = excluded.closed_at, merged_at = "
                                     "excluded.merged_at, data = excluded.data")
                          .arg(Columns::PullRequests));
            for (const PullRequestRow& r : pullRequests) {
                for (const QVariant& v :
                     {QVariant(r.repository), QVariant(r.number), QVariant(r.githubId), QVariant(r.title),
                      QVariant(r.state), QVariant(r.draft ? 1 : 0), nullable(r.author),
                      nullable(Values::timestamp(r.createdAt)), nullable(Values::timestamp(r.updatedAt)),
                      nullable(Values::timestamp(r.closedAt)), nullable(Values::timestamp(r.mergedAt)),
                      QVariant(QString::fromUtf8(r.data))})
                    q.addBindValue(v);
                if (!q.exec())
                    return sqlError(QStringLiteral("cannot store %1#%2").arg(r.repository).arg(r.number),
                                    q.lastError());
            }
            q.prepare(QStringLiteral("INSERT INTO pr_reviews (%1) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                                     "(github_id) DO UPDATE SET repository = excluded.repository, "
                                     "pr_number = excluded.pr_number, author = excluded.author, state = "
                                     "excluded.state, "
                                     "submitted_at = excluded.submitted_at, body = excluded.body")
                          .arg(Columns::Reviews));
            for (const ReviewRow& r : reviews) {
                for (const QVariant& v :
                     {QVariant(r.githubId), QVariant(r.repository), QVariant(r.prNumber), nullable(r.author),
                      QVariant(r.state), nullable(Values::timestamp(r.submittedAt)), nullable(r.body)})
                    q.addBindValue(v);
                if (!q.exec())
                    return sqlError(QStringLiteral("cannot store review %1").arg(r.githubId), q.lastError());
            }
            return Status::success();
        });
    if (!done)
        return done.error();
    return int(pullRequests.size() + reviews.size());
}

} // namespace ferry::store
