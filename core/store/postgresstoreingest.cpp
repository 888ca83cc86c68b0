#include "core/store/columns.h"
#include "core/store/postgresconnection.h"
#include "core/store/postgresrow.h"
#include "core/store/postgresstore.h"
#include "core/store/pricebatch.h"
#include "core/store/values.h"

#include <QSet>

// PostgresStore's IngestStore: tickers, stock_prices, dcf_valuations, tracked_repositories, pull_requests and
// pr_reviews (the class is in postgresstore.h).
namespace ferry::store {
namespace {

// A text[] literal for an array parameter; symbols are checked by the ticker list, quoting keeps it safe.
std::string textArray(const QStringList& values)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        QString v = values[i];
        v.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        out += (i ? QStringLiteral(",\"") : QStringLiteral("\"")) + v + u'"';
    }
    return (out + u'}').toStdString();
}

// A float8[] literal; NaN becomes NULL.
std::string numberArray(const QList<double>& values)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < values.size(); ++i) {
        const std::optional<double> v = Values::number(values[i]);
        out += (i ? QStringLiteral(",") : QString()) +
               (v ? QString::number(*v, 'g', 17) : QStringLiteral("NULL"));
    }
    return (out + u'}').toStdString();
}

// stock_prices' columns, for COPY.
std::vector<std::string> priceColumns()
{
    std::vector<std::string> columns;
    for (const QString& c : Columns::Prices.split(QStringLiteral(", ")))
        columns.push_back(c.toStdString());
    return columns;
}

// PostgreSQL text cannot hold NUL characters (JSON may carry them as \u0000): they are dropped.
QString pgText(QString s)
{
    return s.remove(QChar(0));
}

std::string pgJson(const QByteArray& json)
{
    QByteArray j = json;
    return j.replace("\\u0000", "").toStdString();
}

} // namespace

Result<TickerChanges> PostgresStore::replaceTickers(const QStringList& symbols, const QDateTime& now)
{
    TickerChanges changes;
    const std::string at = toSqlTimestamp(now).toStdString();
    const Status s = withConnection(QStringLiteral("update tickers"), [&](Connection& c) {
        pqxx::work w(c.conn);
        QHash<QString, bool> current;
        for (const auto& row : w.exec("SELECT symbol, active FROM tickers FOR UPDATE"))
            current.insert(QString::fromStdString(row[0].as<std::string>()), row[1].as<bool>());
        changes = TickerChanges::plan(current, symbols);
        w.exec_params("INSERT INTO tickers (symbol, active, first_seen_at, updated_at) "
                      "SELECT unnest($1::text[]), TRUE, $2::timestamp, $2::timestamp",
                      textArray(changes.added), at);
        w.exec_params("UPDATE tickers SET active = TRUE, updated_at = "
                      "$2::timestamp WHERE symbol = ANY($1::text[])",
                      textArray(changes.reactivated), at);
        w.exec_params("UPDATE tickers SET active = FALSE, updated_at = "
                      "$2::timestamp WHERE symbol = ANY($1::text[])",
                      textArray(changes.deactivated), at);
        w.commit();
    });
    if (!s)
        return s.error();
    return changes;
}

Result<QStringList> PostgresStore::activeTickers()
{
    QStringList symbols;
    const Status s = withConnection(QStringLiteral("read tickers"), [&](Connection& c) {
        pqxx::read_transaction r(c.conn);
        for (const auto& row : r.exec("SELECT symbol FROM tickers WHERE active "
                                      "ORDER BY symbol COLLATE \"C\""))
            symbols.append(QString::fromStdString(row[0].as<std::string>()));
    });
    if (!s)
        return s.error();
    return symbols;
}

Result<int> PostgresStore::upsertPrices(const QList<PriceRow>& rows, const QDateTime& fetchedAt)
{
    PriceBatch batch(rows, fetchedAt);
    const Status s = withConnection(QStringLiteral("store prices"), [&](Connection& c) {
        pqxx::work w(c.conn);
        // The rows whose keys are present are deleted, then every row goes in by COPY, the fastest way
        // in. INSERT … ON CONFLICT DO UPDATE pays a speculative insertion per row (a million new rows took
        // four times as long as a COPY), and an UPDATE of a full page writes a new version elsewhere with
        // new index entries anyway. The lock (readers pass) keeps another writer from adding a key
        // between the DELETE and the COPY. Keys are sent only for the tickers that have rows already:
        // sending a million keys to delete nothing took half as long as the COPY itself.
        w.exec("LOCK TABLE stock_prices IN SHARE ROW EXCLUSIVE MODE");
        QSet<QString> present;
        for (const pqxx::row& row : w.exec_params("SELECT t FROM unnest($1::text[]) AS t WHERE EXISTS "
                                                  "(SELECT 1 FROM stock_prices p WHERE p.ticker = t)",
                                                  batch.tickerArray()))
            present.insert(QString::fromStdString(row[0].as<std::string>()));
        if (!present.isEmpty()) {
            const auto [tickers, dates] = batch.keyArrays(present);
            w.exec_params("DELETE FROM stock_prices p USING unnest($1::text[], "
                          "$2::date[]) AS k(ticker, date) WHERE p.ticker = k.ticker AND p.date = k.date",
                          tickers, dates);
        }
        pqxx::stream_to copy(w, "stock_prices", priceColumns());
        for (qsizetype i = 0; i < batch.size(); ++i)
            copy << batch.fields(i);
        copy.complete();
        w.commit();
    });
    if (!s)
        return s.error();
    return int(batch.size());
}

Result<int> PostgresStore::upsertValuations(const QList<ValuationRow>& rows, const QDateTime& fetchedAt)
{
    QHash<QString, ValuationRow> last; // one row per ticker per statement (ON CONFLICT), the last wins
    QStringList order;
    for (const ValuationRow& r : rows) {
        if (!last.contains(r.ticker))
            order.append(r.ticker);
        last.insert(r.ticker, r);
    }
    QStringList tickers, dates;
    QList<double> dcf, price;
    for (const QString& t : std::as_const(order)) {
        const ValuationRow& r = last[t];
        tickers.append(t);
        dates.append(r.date.isValid() ? r.date.toString(Qt::ISODate) : QString());
        dcf.append(r.dcf);
        price.append(r.stockPrice);
    }
    const Status s = withConnection(QStringLiteral("store valuations"), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params(QStringLiteral("INSERT INTO dcf_valuations (%1) "
                                     "SELECT t, NULLIF(d, '')::date, v, p, $5::timestamp "
                                     "FROM unnest($1::text[], $2::text[], "
                                     "$3::float8[], $4::float8[]) AS x(t, d, v, p) ON "
                                     "CONFLICT (ticker) DO UPDATE SET "
                                     "date = EXCLUDED.date, dcf = EXCLUDED.dcf, "
                                     "stock_price = EXCLUDED.stock_price, fetched_at = EXCLUDED.fetched_at")
                          .arg(Columns::Valuations)
                          .toStdString(),
                      textArray(tickers), textArray(dates), numberArray(dcf), numberArray(price),
                      toSqlTimestamp(fetchedAt).toStdString());
        w.commit();
    });
    if (!s)
        return s.error();
    return int(order.size());
}

Result<QList<TrackedRepository>> PostgresStore::trackRepositories(const QStringList& fullNames)
{
    const Status s = withConnection(QStringLiteral("update tracked repositories"), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params("INSERT INTO tracked_repositories (full_name, active) SELECT unnest($1::text[]), TRUE "
                      "ON CONFLICT (full_name) DO UPDATE SET active = TRUE",
                      textArray(fullNames));
        w.exec_params("UPDATE tracked_repositories SET active = FALSE WHERE "
                      "NOT (full_name = ANY($1::text[]))",
                      textArray(fullNames));
        w.commit();
    });
    if (!s)
        return s.error();
    return trackedRepositories();
}

Result<QList<TrackedRepository>> PostgresStore::trackedRepositories()
{
    QList<TrackedRepository> out;
    const Status s = withConnection(QStringLiteral("read tracked repositories"), [&](Connection& c) {
        pqxx::read_transaction r(c.conn);
        for (const auto& row : r.exec(QStringLiteral("SELECT %1 FROM tracked_repositories ORDER BY full_name "
                                                     "COLLATE \"C\"")
                                          .arg(Columns::Repositories)
                                          .toStdString()))
            out.append(Values::repository(PostgresRow(row)));
    });
    if (!s)
        return s.error();
    return out;
}

Status PostgresStore::saveRepository(const TrackedRepository& r)
{
    return withConnection(QStringLiteral("save the state of %1").arg(r.fullName), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params("UPDATE tracked_repositories SET sync_status = $1, last_sync_at = $2::timestamp, "
                      "cursor = $3, etag = $4, last_sync_error = $5 WHERE full_name = $6",
                      r.status.toStdString(), nullable(Values::timestamp(r.lastSyncAt)), nullable(r.cursor),
                      nullable(r.etag), nullable(pgText(r.lastError)), r.fullName.toStdString());
        w.commit();
    });
}

Result<int> PostgresStore::upsertPullRequests(const QList<PullRequestRow>& pullRequests,
                                              const QList<ReviewRow>& reviews)
{
    // Arrays, one statement per table: a full sync of a large repository is one round trip, not thousands.
    // One statement cannot update a row twice (ON CONFLICT): the last of duplicates wins.
    QHash<QPair<QString, int>, qsizetype> lastPr;
    for (qsizetype i = 0; i < pullRequests.size(); ++i)
        lastPr.insert({pullRequests[i].repository, pullRequests[i].number}, i);
    QHash<qint64, qsizetype> lastReview;
    for (qsizetype i = 0; i < reviews.size(); ++i)
        lastReview.insert(reviews[i].githubId, i);
    QStringList repo, number, id, title, state, draft, author, created, updated, closed, merged, data;
    for (qsizetype i = 0; i < pullRequests.size(); ++i) {
        const PullRequestRow& r = pullRequests[i];
        if (lastPr.value({r.repository, r.number}) != i)
            continue;
        repo.append(r.repository);
        number.append(QString::number(r.number));
        id.append(QString::number(r.githubId));
        title.append(pgText(r.title));
        state.append(r.state);
        draft.append(r.draft ? QStringLiteral("t") : QStringLiteral("f"));
        author.append(pgText(r.author));
        created.append(Values::timestamp(r.createdAt));
        updated.append(Values::timestamp(r.updatedAt));
        closed.append(Values::timestamp(r.closedAt));
        merged.append(Values::timestamp(r.mergedAt));
        data.append(QString::fromStdString(pgJson(r.data)));
    }
    QStringList rid, rrepo, rnumber, rauthor, rstate, rsubmitted, rbody;
    for (qsizetype i = 0; i < reviews.size(); ++i) {
        const ReviewRow& r = reviews[i];
        if (lastReview.value(r.githubId) != i)
            continue;
        rid.append(QString::number(r.githubId));
        rrepo.append(r.repository);
        rnumber.append(QString::number(r.prNumber));
        rauthor.append(pgText(r.author));
        rstate.append(r.state);
        rsubmitted.append(Values::timestamp(r.submittedAt));
        rbody.append(pgText(r.body));
    }
    const Status s = withConnection(QStringLiteral("store pull requests"), [&](Connection& c) {
        pqxx::work w(c.conn);
        w.exec_params(QStringLiteral("INSERT INTO pull_requests (%1) "
                                     "SELECT r, n::int, i::bigint, t, s, d::boolean, "
                                     "NULLIF(a, ''), NULLIF(c, '')::timestamp, "
                                     "NULLIF(u, '')::timestamp, NULLIF(cl, "
                                     "'')::timestamp, NULLIF(m, '')::timestamp, j::jsonb "
                                     "FROM unnest($1::text[], $2::text[], $3::text[], "
                                     "$4::text[], $5::text[], $6::text[], $7::text[], "
                                     "$8::text[], $9::text[], $10::text[], $11::text[], "
                                     "$12::text[]) AS x(r, n, i, t, s, d, a, c, u, "
                                     "cl, m, j) ON CONFLICT (repository, number) DO "
                                     "UPDATE SET github_id = EXCLUDED.github_id, "
                                     "title = EXCLUDED.title, state = EXCLUDED.state, "
                                     "draft = EXCLUDED.draft, author = EXCLUDED.author, "
                                     "created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, "
                                     "closed_at = EXCLUDED.closed_at, merged_at = "
                                     "EXCLUDED.merged_at, data = EXCLUDED.data")
                          .arg(Columns::PullRequests)
                          .toStdString(),
                      textArray(repo), textArray(number), textArray(id), textArray(title), textArray(state),
                      textArray(draft), textArray(author), textArray(created), textArray(updated),
                      textArray(closed), textArray(merged), textArray(data));
        w.exec_params(QStringLiteral("INSERT INTO pr_reviews (%1) "
                                     "SELECT i::bigint, r, n::int, NULLIF(a, ''), s, NULLIF(t, "
                                     "'')::timestamp, b "
                                     "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], "
                                     "$5::text[], $6::text[], $7::text[]) "
                                     "AS x(i, r, n, a, s, t, b) ON CONFLICT (github_id) DO UPDATE "
                                     "SET repository = EXCLUDED.repository, "
                                     "pr_number = EXCLUDED.pr_number, author = EXCLUDED.author, "
                                     "state = EXCLUDED.state, "
                                     "submitted_at = EXCLUDED.submitted_at, body = EXCLUDED.body")
                          .arg(Columns::Reviews)
                          .toStdString(),
                      textArray(rid), textArray(rrepo), textArray(rnumber), textArray(rauthor),
                      textArray(rstate), textArray(rsubmitted), textArray(rbody));
        w.commit();
    });
    if (!s)
        return s.error();
    return int(pullRequests.size() + reviews.size());
}

} // namespace ferry::store
