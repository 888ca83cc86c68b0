#include "core/store/migrations.h"
#include "core/store/schemaadoption.h"

#include <QTest>

using namespace ferry;
using store::ColumnShape;
using store::SchemaAdoption;
using store::TableShape;

// The decisions of SchemaAdoption, on shapes as each catalog reports them.
class TestSchemaAdoption : public QObject
{
    Q_OBJECT

private slots:
    void everyCreateTableOfTheMigrationsParses();
    void thePipelinesSyncLogsFitsOnPostgres();
    void eachDifferenceIsNamedOnPostgres();
    void widerTextColumnsFit();
    void sqliteComparesAffinities();
    void upsertKeysAreRequired();
    void planAdoptsWhatFitsAndRefusesTheRest();

private:
    static TableShape pipelineSyncLogs()
    {
        // What PostgreSQL's catalog (format_type) reports for the pipeline's DDL.
        return {
            QStringLiteral("sync_logs"),
            {{QStringLiteral("id"), QStringLiteral("integer"), true, true},
             {QStringLiteral("task_name"), QStringLiteral("character varying(100)"), true, false},
             {QStringLiteral("status"), QStringLiteral("character varying(20)"), true, false},
             {QStringLiteral("rows_updated"), QStringLiteral("integer"), false, true},
             {QStringLiteral("error_message"), QStringLiteral("text"), false, false},
             {QStringLiteral("started_at"), QStringLiteral("timestamp without time zone"), false, true},
             {QStringLiteral("completed_at"), QStringLiteral("timestamp without time zone"), false, false},
             {QStringLiteral("duration_seconds"), QStringLiteral("double precision"), false, false},
             {QStringLiteral("metadata"), QStringLiteral("jsonb"), false, false}},
            {QStringLiteral("id")},
            {{QStringLiteral("id")}}};
    }
    static TableShape ferrySyncLogs(bool postgres)
    {
        const store::Migration& first = store::Migrations::all().first();
        return *SchemaAdoption::parseCreateTable(postgres ? first.postgres.first() : first.sqlite.first());
    }
    static ColumnShape& column(TableShape& t, const QString& name)
    {
        for (ColumnShape& c : t.columns)
            if (c.name == name)
                return c;
        qFatal("no column %s", qPrintable(name));
    }
};

void TestSchemaAdoption::everyCreateTableOfTheMigrationsParses()
{
    QStringList tables;
    for (const store::Migration& m : store::Migrations::all()) {
        for (const QStringList* statements : {&m.postgres, &m.sqlite}) {
            for (const QString& sql : *statements) {
                const auto shape = SchemaAdoption::parseCreateTable(sql);
                QCOMPARE(shape.has_value(), sql.trimmed().startsWith(QStringLiteral("CREATE TABLE")));
                if (!shape)
                    continue;
                QVERIFY2(!shape->columns.isEmpty() && !shape->primaryKey.isEmpty(), qPrintable(sql));
                // A table Ferry made itself always fits what Ferry makes.
                QCOMPARE(SchemaAdoption::differences(*shape, *shape,
                                                     statements == &m.postgres
                                                         ? SchemaAdoption::Dialect::Postgres
                                                         : SchemaAdoption::Dialect::Sqlite),
                         QStringList());
                if (statements == &m.postgres)
                    tables << shape->name;
            }
        }
    }
    QVERIFY(tables.contains(QStringLiteral("sync_logs")) && tables.contains(QStringLiteral("stock_prices")));

    const TableShape prices = *SchemaAdoption::parseCreateTable(store::Migrations::all()[2].postgres[1]);
    QCOMPARE(prices.name, QStringLiteral("stock_prices"));
    QCOMPARE(prices.columns.size(), 8); // "open …, high …, low …, close …" on one line are four
    QCOMPARE(prices.columns[3].name, QStringLiteral("high"));
    QCOMPARE(prices.columns[3].type, QStringLiteral("DOUBLE PRECISION"));
    QCOMPARE(prices.primaryKey, (QStringList{QStringLiteral("ticker"), QStringLiteral("date")}));
    const TableShape logs = ferrySyncLogs(true);
    QCOMPARE(logs.columns[0].type, QStringLiteral("SERIAL"));
    QVERIFY(logs.columns[0].hasDefault && logs.columns[0].notNull);
    QVERIFY(logs.columns[1].notNull && !logs.columns[1].hasDefault);
    QVERIFY(!logs.columns[4].notNull);
}

void TestSchemaAdoption::thePipelinesSyncLogsFitsOnPostgres()
{
    QCOMPARE(SchemaAdoption::differences(ferrySyncLogs(true), pipelineSyncLogs(),
                                         SchemaAdoption::Dialect::Postgres),
             QStringList());
    // An extra column of the user's own is fine when Ferry can leave it out.
    TableShape extended = pipelineSyncLogs();
    extended.columns << ColumnShape{QStringLiteral("host"), QStringLiteral("text"), false, false}
                     << ColumnShape{QStringLiteral("source"), QStringLiteral("text"), true, true};
    QCOMPARE(SchemaAdoption::differences(ferrySyncLogs(true), extended, SchemaAdoption::Dialect::Postgres),
             QStringList());
}

void TestSchemaAdoption::eachDifferenceIsNamedOnPostgres()
{
    TableShape t = pipelineSyncLogs();
    column(t, QStringLiteral("started_at")).type = QStringLiteral("timestamp with time zone");
    column(t, QStringLiteral("error_message")).notNull = true;
    column(t, QStringLiteral("id")).hasDefault = false;
    column(t, QStringLiteral("task_name")).type = QStringLiteral("character varying(50)");
    t.columns.removeIf([](const ColumnShape& c) { return c.name == u"metadata"; });
    t.columns << ColumnShape{QStringLiteral("owner"), QStringLiteral("text"), true, false};
    const QStringList problems =
        SchemaAdoption::differences(ferrySyncLogs(true), t, SchemaAdoption::Dialect::Postgres);
    QCOMPARE(
        problems,
        (QStringList{
            QStringLiteral("sync_logs.id has no default, Ferry needs it numbered like SERIAL"),
            QStringLiteral(
                "sync_logs.task_name is character varying(50), Ferry needs character varying(100)"),
            QStringLiteral("sync_logs.error_message is NOT NULL, Ferry leaves it empty when it has no value"),
            QStringLiteral("sync_logs.started_at is timestamp with time zone, Ferry needs timestamp without "
                           "time zone"),
            QStringLiteral("sync_logs.metadata is missing (Ferry needs jsonb)"),
            QStringLiteral("sync_logs.owner is NOT NULL without a default, Ferry does not write it"),
        }));
    const QString message = SchemaAdoption::refusal(problems);
    QVERIFY(message.contains(QStringLiteral("nothing was changed")));
    QVERIFY(message.contains(QStringLiteral("\n  sync_logs.metadata is missing")));
}

void TestSchemaAdoption::widerTextColumnsFit()
{
    for (const char* type : {"character varying(255)", "text", "character varying"}) {
        TableShape t = pipelineSyncLogs();
        column(t, QStringLiteral("task_name")).type = QString::fromLatin1(type);
        column(t, QStringLiteral("rows_updated")).type = QStringLiteral("bigint");
        QCOMPARE(SchemaAdoption::differences(ferrySyncLogs(true), t, SchemaAdoption::Dialect::Postgres),
                 QStringList());
    }
    TableShape t = pipelineSyncLogs();
    column(t, QStringLiteral("metadata")).type = QStringLiteral("json");
    QCOMPARE(SchemaAdoption::differences(ferrySyncLogs(true), t, SchemaAdoption::Dialect::Postgres).size(),
             1);
}

void TestSchemaAdoption::sqliteComparesAffinities()
{
    // The pipeline's DDL as SQLite stores it (declared types kept as written).
    TableShape t = ferrySyncLogs(true);
    for (ColumnShape& c : t.columns)
        c.hasDefault = c.hasDefault && c.name != u"id"; // SERIAL is no default in SQLite
    QCOMPARE(SchemaAdoption::differences(ferrySyncLogs(false), t, SchemaAdoption::Dialect::Sqlite),
             QStringList());

    column(t, QStringLiteral("started_at")).type = QStringLiteral("INTEGER"); // epoch seconds
    column(t, QStringLiteral("duration_seconds")).type = QStringLiteral("BLOB");
    QCOMPARE(SchemaAdoption::differences(ferrySyncLogs(false), t, SchemaAdoption::Dialect::Sqlite),
             QStringList{QStringLiteral(
                 "sync_logs.started_at is declared INTEGER (INTEGER affinity), Ferry needs TEXT affinity")});
}

void TestSchemaAdoption::upsertKeysAreRequired()
{
    const TableShape wanted = *SchemaAdoption::parseCreateTable(store::Migrations::all()[2].postgres[1]);
    TableShape have = wanted;
    have.primaryKey.clear();
    QCOMPARE(
        SchemaAdoption::differences(wanted, have, SchemaAdoption::Dialect::Postgres),
        QStringList{QStringLiteral(
            "stock_prices has no primary key or unique index on (ticker, date), Ferry's upserts need one")});
    have.uniqueKeys << QStringList{QStringLiteral("date"),
                                   QStringLiteral("ticker")}; // sorted, as catalogs give
    QCOMPARE(SchemaAdoption::differences(wanted, have, SchemaAdoption::Dialect::Postgres), QStringList());
}

void TestSchemaAdoption::planAdoptsWhatFitsAndRefusesTheRest()
{
    const store::Migration& first = store::Migrations::all().first();
    const auto pipeline = [](const QString& table) -> std::optional<TableShape> {
        if (table == u"sync_logs")
            return pipelineSyncLogs();
        return std::nullopt;
    };
    const SchemaAdoption::Plan adopt =
        SchemaAdoption::plan(first.postgres, SchemaAdoption::Dialect::Postgres, pipeline);
    QCOMPARE(adopt.adopted, QStringList{QStringLiteral("sync_logs")});
    QCOMPARE(adopt.problems, QStringList());
    QCOMPARE(adopt.statements,
             (QStringList{QStringLiteral(
                              "CREATE INDEX IF NOT EXISTS idx_sync_logs_task_name ON sync_logs (task_name)"),
                          QStringLiteral("CREATE INDEX IF NOT EXISTS idx_sync_logs_completed_at ON sync_logs "
                                         "(completed_at DESC)")}));

    const SchemaAdoption::Plan fresh = SchemaAdoption::plan(first.postgres, SchemaAdoption::Dialect::Postgres,
                                                            [](const QString&) { return std::nullopt; });
    QCOMPARE(fresh.statements.size(), 3);
    QCOMPARE(fresh.statements.first(), first.postgres.first());
    QVERIFY(fresh.adopted.isEmpty());

    const SchemaAdoption::Plan refused =
        SchemaAdoption::plan(first.postgres, SchemaAdoption::Dialect::Postgres, [](const QString&) {
            TableShape other = pipelineSyncLogs();
            other.columns.removeLast();
            return std::optional<TableShape>(other);
        });
    QCOMPARE(refused.problems,
             QStringList{QStringLiteral("sync_logs.metadata is missing (Ferry needs jsonb)")});
    QVERIFY(refused.adopted.isEmpty());
}

QTEST_APPLESS_MAIN(TestSchemaAdoption)
#include "tst_schemaadoption.moc"
