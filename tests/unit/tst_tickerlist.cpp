#include "core/ingest/tickerlist.h"

#include <QTest>

using ferry::ingest::TickerList;

class TestTickerList : public QObject
{
    Q_OBJECT

private slots:
    void readsPlainAndCsvLists_data();
    void readsPlainAndCsvLists();
    void aCsvWithoutASymbolColumnIsAnError();
    void aMissingFileNamesTheFile();
};

void TestTickerList::readsPlainAndCsvLists_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("symbols");
    QTest::addColumn<int>("rejected");
    const QStringList three{QStringLiteral("AAPL"), QStringLiteral("BRK.B"), QStringLiteral("MSFT")};
    QTest::newRow("one per line") << QByteArray("aapl\n BRK.B \r\nmsft\n") << three << 0;
    QTest::newRow("comments, blanks, duplicates")
        << QByteArray("# Russell\n\nAAPL\nBRK.B\naapl\nMSFT\n") << three << 0;
    QTest::newRow("CSV, symbol column last")
        << QByteArray("name,symbol\nApple,AAPL\n\"Berkshire, B\",BRK.B\nMicrosoft,MSFT\n") << three << 0;
    QTest::newRow("CSV with a byte-order mark and semicolons")
        << QByteArray("\xef\xbb\xbfTicker;Weight\nAAPL;1,5\nBRK.B;0,7\nMSFT;2\n") << three << 0;
    QTest::newRow("implausible symbols are rejected")
        << QByteArray("AAPL\nBRK.B\n<script>\nMSFT\nTHIS-IS-FAR-TOO-LONG-FOR-A-SYMBOL\n") << three << 2;
}

void TestTickerList::readsPlainAndCsvLists()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, symbols);
    QFETCH(int, rejected);
    const auto list = TickerList::parse(text);
    QVERIFY2(list.ok(), qPrintable(list.message()));
    QStringList got = list->symbols;
    got.sort();
    QCOMPARE(got, symbols);
    QCOMPARE(list->rejected.size(), rejected);
}

void TestTickerList::aCsvWithoutASymbolColumnIsAnError()
{
    const auto list = TickerList::parse("name,weight\nApple,1\n");
    QVERIFY(!list.ok());
    QVERIFY2(list.message().contains(QStringLiteral("no symbol or ticker column")),
             qPrintable(list.message()));
}

void TestTickerList::aMissingFileNamesTheFile()
{
    const auto list = TickerList::read(QStringLiteral("/nonexistent/tickers.txt"));
    QVERIFY(!list.ok());
    QVERIFY(list.message().contains(QStringLiteral("/nonexistent/tickers.txt")));
    QVERIFY(TickerList::read(QString()).message().contains(QStringLiteral("tickers_file")));
}

QTEST_GUILESS_MAIN(TestTickerList)
#include "tst_tickerlist.moc"
