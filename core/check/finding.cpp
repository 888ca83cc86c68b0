#include "core/check/finding.h"

#include <algorithm>

namespace ferry::check {

Finding Finding::ok(QString check, QString message)
{
    return Finding{std::move(check), QString(), Status::Ok, std::move(message), QString()};
}

Finding Finding::problem(QString check, QString message, QString fix)
{
    return Finding{std::move(check), QString(), Status::Problem, std::move(message), std::move(fix)};
}

Finding Finding::skipped(QString check, QString message)
{
    return Finding{std::move(check), QString(), Status::Skipped, std::move(message), QString()};
}

QString Finding::line() const
{
    const QString subject = profile.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(profile);
    switch (status) {
    case Status::Ok:
        return QStringLiteral("ok  ") + subject + message;
    case Status::Skipped:
        return QStringLiteral("skip  ") + subject + message;
    case Status::Problem:
        break;
    }
    return QStringLiteral("problem: ") + subject + message +
           (fix.isEmpty() ? QString() : QStringLiteral(" → ") + fix);
}

QJsonObject Finding::toJson() const
{
    static const char* const names[] = {"ok", "problem", "skipped"};
    return QJsonObject{
        {QStringLiteral("check"), check},
        {QStringLiteral("profile"), profile.isEmpty() ? QJsonValue() : QJsonValue(profile)},
        {QStringLiteral("status"), QString::fromLatin1(names[int(status)])},
        {QStringLiteral("message"), message},
        {QStringLiteral("fix"), fix.isEmpty() ? QJsonValue() : QJsonValue(fix)},
    };
}

bool Finding::anyProblem(const QList<Finding>& findings)
{
    return std::any_of(findings.begin(), findings.end(), [](const Finding& f) { return f.isProblem(); });
}

} // namespace ferry::check
