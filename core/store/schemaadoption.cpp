#include "core/store/schemaadoption.h"

#include <algorithm>
#include <QHash>
#include <QRegularExpression>

namespace ferry::store {
namespace {

// Splits the body of a CREATE TABLE at the commas that are not inside parentheses.
QStringList topLevelParts(const QString& body)
{
    QStringList parts;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        if (body[i] == u'(')
            ++depth;
        else if (body[i] == u')')
            --depth;
        else if (body[i] == u',' && depth == 0) {
            parts << body.mid(start, i - start).trimmed();
            start = i + 1;
        }
    }
    parts << body.mid(start).trimmed();
    return parts;
}

QStringList columnList(const QString& text)
{
    const qsizetype open = text.indexOf(u'('), close = text.lastIndexOf(u')');
    QStringList names;
    for (const QString& n : text.mid(open + 1, close - open - 1).split(u','))
        names << n.trimmed().toLower();
    return names;
}

ColumnShape parseColumn(const QString& definition, QStringList& primaryKey)
{
    static const QStringList stops{QStringLiteral("NOT"),        QStringLiteral("NULL"),
                                   QStringLiteral("DEFAULT"),    QStringLiteral("PRIMARY"),
                                   QStringLiteral("REFERENCES"), QStringLiteral("UNIQUE"),
                                   QStringLiteral("CHECK"),      QStringLiteral("COLLATE"),
                                   QStringLiteral("CONSTRAINT"), QStringLiteral("GENERATED")};
    const QStringList words = definition.simplified().split(u' ');
    ColumnShape c;
    c.name = words.value(0).toLower();
    QStringList type;
    qsizetype i = 1;
    for (; i < words.size() && !stops.contains(words[i].toUpper()); ++i)
        type << words[i];
    c.type = type.join(u' ');
    const QString rest = QStringList(words.mid(i)).join(u' ').toUpper();
    const QString upperType = c.type.toUpper();
    const bool inlineKey = rest.contains(QStringLiteral("PRIMARY KEY"));
    if (inlineKey)
        primaryKey = {c.name};
    c.notNull = rest.contains(QStringLiteral("NOT NULL")) || inlineKey;
    c.hasDefault = rest.contains(QStringLiteral("DEFAULT")) || upperType.endsWith(QStringLiteral("SERIAL")) ||
                   (inlineKey && upperType == u"INTEGER");
    return c;
}

// PostgreSQL's name for a type as Ferry's DDL spells it (format_type's spelling).
QString postgresName(const QString& declared)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("SERIAL"), QStringLiteral("integer")},
        {QStringLiteral("INTEGER"), QStringLiteral("integer")},
        {QStringLiteral("INT"), QStringLiteral("integer")},
        {QStringLiteral("BIGSERIAL"), QStringLiteral("bigint")},
        {QStringLiteral("BIGINT"), QStringLiteral("bigint")},
        {QStringLiteral("TIMESTAMP"), QStringLiteral("timestamp without time zone")},
        {QStringLiteral("VARCHAR"), QStringLiteral("character varying")},
    };
    const QString upper = declared.simplified().toUpper().remove(u' ');
    static const QRegularExpression sized(QStringLiteral(R"(^VARCHAR\((\d+)\)$)"));
    if (const QRegularExpressionMatch m = sized.match(upper); m.hasMatch())
        return QStringLiteral("character varying(%1)").arg(m.captured(1));
    if (upper == u"DOUBLEPRECISION")
        return QStringLiteral("double precision");
    return names.value(upper, declared.simplified().toLower());
}

bool postgresFits(const QString& declared, const QString& actual)
{
    const QString wanted = postgresName(declared);
    const QString have = postgresName(actual);
    if (wanted == have || (wanted == u"integer" && have == u"bigint"))
        return true;
    static const QRegularExpression sized(QStringLiteral(R"(^character varying\((\d+)\)$)"));
    const QRegularExpressionMatch w = sized.match(wanted);
    if (!w.hasMatch())
        return false;
    if (have == u"text" || have == u"character varying")
        return true;
    const QRegularExpressionMatch h = sized.match(have);
    return h.hasMatch() && h.captured(1).toInt() >= w.captured(1).toInt();
}

// SQLite's type affinity of a declared type (https://sqlite.org/datatype3.html, 3.1).
QString sqliteAffinity(const QString& declared)
{
    const QString t = declared.toUpper();
    if (t.contains(QStringLiteral("INT")))
        return QStringLiteral("INTEGER");
    if (t.contains(QStringLiteral("CHAR")) || t.contains(QStringLiteral("CLOB")) ||
        t.contains(QStringLiteral("TEXT")))
        return QStringLiteral("TEXT");
    if (t.isEmpty() || t.contains(QStringLiteral("BLOB")))
        return QStringLiteral("BLOB");
    if (t.contains(QStringLiteral("REAL")) || t.contains(QStringLiteral("FLOA")) ||
        t.contains(QStringLiteral("DOUB")))
        return QStringLiteral("REAL");
    return QStringLiteral("NUMERIC");
}

// NUMERIC and untyped columns keep Ferry's text (timestamps, JSON) as text and its numbers as numbers.
bool sqliteFits(const QString& declared, const QString& actual)
{
    const QString have = sqliteAffinity(actual);
    return have == sqliteAffinity(declared) || have == u"NUMERIC" || have == u"BLOB";
}

QString typeProblem(const QString& table, const ColumnShape& wanted, const ColumnShape& have,
                    SchemaAdoption::Dialect dialect)
{
    if (dialect == SchemaAdoption::Dialect::Postgres)
        return QStringLiteral("%1.%2 is %3, Ferry needs %4")
            .arg(table, wanted.name, have.type, postgresName(wanted.type));
    return QStringLiteral("%1.%2 is declared %3 (%4 affinity), Ferry needs %5 affinity")
        .arg(table, wanted.name, have.type.isEmpty() ? QStringLiteral("without a type") : have.type,
             sqliteAffinity(have.type), sqliteAffinity(wanted.type));
}

QStringList sorted(QStringList names)
{
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

std::optional<TableShape> SchemaAdoption::parseCreateTable(const QString& sql)
{
    static const QRegularExpression create(
        QStringLiteral(R"(^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s*\((.*)\)\s*$)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = create.match(sql);
    if (!m.hasMatch())
        return std::nullopt;
    TableShape table;
    table.name = m.captured(1).toLower();
    for (const QString& part : topLevelParts(m.captured(2))) {
        const QString upper = part.toUpper();
        if (upper.startsWith(QStringLiteral("PRIMARY KEY")))
            table.primaryKey = columnList(part);
        else if (!upper.startsWith(QStringLiteral("CONSTRAINT")) &&
                 !upper.startsWith(QStringLiteral("UNIQUE")) && !upper.startsWith(QStringLiteral("CHECK")) &&
                 !upper.startsWith(QStringLiteral("FOREIGN")))
            table.columns << parseColumn(part, table.primaryKey);
    }
    return table;
}

QStringList SchemaAdoption::differences(const TableShape& wanted, const TableShape& existing, Dialect dialect)
{
    QStringList problems;
    QHash<QString, ColumnShape> have;
    for (const ColumnShape& c : existing.columns)
        have.insert(c.name.toLower(), c);
    QStringList wantedNames;
    for (const ColumnShape& c : wanted.columns) {
        wantedNames << c.name;
        const auto it = have.constFind(c.name);
        if (it == have.cend()) {
            problems << QStringLiteral("%1.%2 is missing (Ferry needs %3)")
                            .arg(wanted.name, c.name,
                                 dialect == Dialect::Postgres ? postgresName(c.type) : c.type);
        } else if (!(dialect == Dialect::Postgres ? postgresFits(c.type, it->type)
                                                  : sqliteFits(c.type, it->type))) {
            problems << typeProblem(wanted.name, c, *it, dialect);
        } else if (it->notNull && !c.notNull && !it->hasDefault) {
            problems << QStringLiteral("%1.%2 is NOT NULL, Ferry leaves it empty when it has no value")
                            .arg(wanted.name, c.name);
        } else if (dialect == Dialect::Postgres && c.type.toUpper().endsWith(QStringLiteral("SERIAL")) &&
                   !it->hasDefault) {
            problems << QStringLiteral("%1.%2 has no default, Ferry needs it numbered like SERIAL")
                            .arg(wanted.name, c.name);
        }
    }
    for (const ColumnShape& c : existing.columns) {
        if (!wantedNames.contains(c.name.toLower()) && c.notNull && !c.hasDefault)
            problems << QStringLiteral("%1.%2 is NOT NULL without a default, Ferry does not write it")
                            .arg(wanted.name, c.name);
    }
    if (!wanted.primaryKey.isEmpty()) {
        const QStringList key = sorted(wanted.primaryKey);
        const bool found = sorted(existing.primaryKey) == key || existing.uniqueKeys.contains(key);
        if (!found)
            problems << QStringLiteral(
                            "%1 has no primary key or unique index on (%2), Ferry's upserts need one")
                            .arg(wanted.name, wanted.primaryKey.join(QStringLiteral(", ")));
    }
    return problems;
}

SchemaAdoption::Plan SchemaAdoption::plan(const QStringList& statements, Dialect dialect,
                                          const Catalog& catalog)
{
    static const QRegularExpression index(QStringLiteral(R"(^(\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+)(?!IF\s))"),
                                          QRegularExpression::CaseInsensitiveOption);
    Plan plan;
    for (const QString& sql : statements) {
        if (const std::optional<TableShape> wanted = parseCreateTable(sql)) {
            if (const std::optional<TableShape> existing = catalog(wanted->name)) {
                const QStringList problems = differences(*wanted, *existing, dialect);
                if (problems.isEmpty())
                    plan.adopted << wanted->name;
                plan.problems << problems;
                continue;
            }
        }
        // An adopted table may already have Ferry's indexes (the pipeline created the same two).
        QString statement = sql;
        statement.replace(index, QStringLiteral("\\1IF NOT EXISTS "));
        plan.statements << statement;
    }
    return plan;
}

QString SchemaAdoption::refusal(const QStringList& problems)
{
    return QStringLiteral("the database already has tables that Ferry cannot use as they are, so nothing "
                          "was changed; make these columns match (docs/store.md, \"Coming from the Python "
                          "pipeline\") or point Ferry at another database:\n  %1")
        .arg(problems.join(QStringLiteral("\n  ")));
}

} // namespace ferry::store
