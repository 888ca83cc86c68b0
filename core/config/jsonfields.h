#pragma once

#include "core/config/config.h"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <QByteArray>
#include <QList>

namespace ferry::config {

using Json = nlohmann::ordered_json;

// Reads typed fields out of JSON objects and records, for each one that is missing, of the wrong type
// or out of range, an issue naming the field ("profiles[0].interval_seconds: expected an integer, got
// a string"). Every getter returns true when the field was present and usable; null counts as absent.
class JsonFields
{
public:
    enum Presence { Optional, Required };

    explicit JsonFields(QList<ConfigIssue>& issues) : m_issues(issues) {}

    std::optional<Json> parse(const QByteArray& text);

    void error(const QString& field, const QString& message);
    void warning(const QString& field, const QString& message);
    static QString join(const QString& at, const char* key);

    void checkKeys(const Json& object, const QString& at, std::initializer_list<const char*> known);
    bool expectObject(const Json& value, const QString& at);

    const Json* object(const Json& o, const QString& at, const char* key, Presence presence = Optional);
    const Json* array(const Json& o, const QString& at, const char* key, Presence presence = Optional);
    bool string(const Json& o, const QString& at, const char* key, QString& out,
                Presence presence = Optional);
    bool integer(const Json& o, const QString& at, const char* key, int& out, int min, int max);
    bool stringList(const Json& o, const QString& at, const char* key, QStringList& out);
    bool boolean(const Json& o, const QString& at, const char* key, bool& out);
    bool envName(const Json& o, const QString& at, const char* key, QString& out);

private:
    const Json* member(const Json& o, const QString& at, const char* key, Presence presence);
    void wrongType(const QString& field, const char* expected, const Json& got);

    QList<ConfigIssue>& m_issues;
};

} // namespace ferry::config
