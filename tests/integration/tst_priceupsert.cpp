// Store::upsertPrices on both backends (tst_priceupsert, tst_priceupsert_postgres): the rows of a
// (ticker, date) are inserted or replaced, whatever the size of the call.
#include "tests/support/testdatabase.h"

#include <cmath>
#include <QTest>

using namespace ferry;
using store::PriceRow;

class TestPriceUpsert : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void rowsAreReplacedByTickerAndDateAndNewOnesAdded();
    void aKeyTwiceInOneCallKeepsTheLastRow();
    void aMissingNumberIsStoredAsNull();
    void aLargeCallLandsEveryRowOnce();

private:
    QString value(const QString& column, const QString& ticker, const QString& date) const
    {
        return m_db->scalar(QStringLiteral("SELECT %1 FROM stock_prices WHERE ticker = '%2' AND date = '%3'")
                                .arg(column, ticker, date));
    }

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<store::Store> m_store;
    const QDateTime m_t0{QDate(2026, 11, 23), QTime(5, 0), Qt::UTC};
};

void TestPriceUpsert::init()
{
    m_db = std::make_unique<test::TestDatabase>();
    FERRY_REQUIRE_BACKEND(*m_db);
    m_store = m_db->newStore();
    QVERIFY(m_store->open().ok());
}

void TestPriceUpsert::cleanup()
{
    m_store.reset();
    m_db.reset();
}

void TestPriceUpsert::rowsAreReplacedByTickerAndDateAndNewOnesAdded()
{
    const QDate d(2026, 11, 20);
    QCOMPARE(*m_store->upsertPrices({{QStringLiteral("AAPL"), d, 1, 2, 0.5, 1.5, 100},
                                     {QStringLiteral("AAPL"), d.addDays(1), 2, 3, 1.5, 2.5, 200},
                                     {QStringLiteral("BRK.B"), d, 400, 410, 390, 405.125, 300}},
                                    m_t0),
             3);
    QCOMPARE(*m_store->upsertPrices({{QStringLiteral("AAPL"), d.addDays(1), 7, 8, 6, 7.75, 999},
                                     {QStringLiteral("NEWCO"), d, 1, 1, 1, 1, 1},
                                     {QStringLiteral("AAPL"), d.addDays(2), 3, 4, 2, 3.5, 300}},
                                    m_t0.addDays(1)),
             3);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 5);
    QCOMPARE(value(QStringLiteral("close"), QStringLiteral("AAPL"), QStringLiteral("2026-11-21")).toDouble(),
             7.75);
    QCOMPARE(
        value(QStringLiteral("volume"), QStringLiteral("AAPL"), QStringLiteral("2026-11-21")).toLongLong(),
        999);
    QVERIFY2(value(QStringLiteral("fetched_at"), QStringLiteral("AAPL"), QStringLiteral("2026-11-21"))
                 .startsWith(QStringLiteral("2026-11-24")),
             qPrintable(
                 value(QStringLiteral("fetched_at"), QStringLiteral("AAPL"), QStringLiteral("2026-11-21"))));
    // Rows not in the second call are left as they were.
    QCOMPARE(value(QStringLiteral("close"), QStringLiteral("BRK.B"), QStringLiteral("2026-11-20")).toDouble(),
             405.125);
    QVERIFY(value(QStringLiteral("fetched_at"), QStringLiteral("BRK.B"), QStringLiteral("2026-11-20"))
                .startsWith(QStringLiteral("2026-11-23")));
}

void TestPriceUpsert::aKeyTwiceInOneCallKeepsTheLastRow()
{
    const QDate d(2026, 11, 20);
    // Not next to each other: the rows of a ticker usually come together, but need not.
    QCOMPARE(*m_store->upsertPrices({{QStringLiteral("MSFT"), d, 1, 1, 1, 1, 1},
                                     {QStringLiteral("IBM"), d, 5, 5, 5, 5, 5},
                                     {QStringLiteral("MSFT"), d.addDays(1), 3, 3, 3, 3, 3},
                                     {QStringLiteral("MSFT"), d, 2, 2, 2, 2, 2}},
                                    m_t0),
             3);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 3);
    QCOMPARE(value(QStringLiteral("close"), QStringLiteral("MSFT"), QStringLiteral("2026-11-20")).toDouble(),
             2.0);
}

void TestPriceUpsert::aMissingNumberIsStoredAsNull()
{
    const double nan = std::nan("");
    QVERIFY(m_store->upsertPrices({{QStringLiteral("XYZ"), QDate(2026, 11, 20), nan, 2, nan, 1.25, 0}}, m_t0)
                .ok());
    QCOMPARE(
        m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices WHERE open IS NULL AND low IS NULL")),
        1);
    QCOMPARE(value(QStringLiteral("close"), QStringLiteral("XYZ"), QStringLiteral("2026-11-20")).toDouble(),
             1.25);
}

void TestPriceUpsert::aLargeCallLandsEveryRowOnce()
{
    QList<PriceRow> rows;
    for (int t = 0; t < 250; ++t)
        for (int d = 0; d < 100; ++d)
            rows.append({QStringLiteral("T%1").arg(t, 3, 10, QLatin1Char('0')), QDate(2026, 1, 1).addDays(d),
                         t + d / 128.0, 1, 1, t + d / 64.0, qint64(t) * 1000000000 + d});
    QCOMPARE(*m_store->upsertPrices(rows, m_t0), 25000);
    QCOMPARE(*m_store->upsertPrices(rows, m_t0), 25000);
    QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM stock_prices")), 25000);
    QCOMPARE(value(QStringLiteral("close"), QStringLiteral("T123"), QStringLiteral("2026-01-11")).toDouble(),
             123 + 10 / 64.0);
    QCOMPARE(
        value(QStringLiteral("volume"), QStringLiteral("T249"), QStringLiteral("2026-04-10")).toLongLong(),
        249000000099LL);
}

QTEST_GUILESS_MAIN(TestPriceUpsert)
#include "tst_priceupsert.moc"
