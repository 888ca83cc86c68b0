#pragma once

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ferry::check {

// The verdict of one check: what `ferry doctor` prints as a line, the settings dialog's Check button
// and the first-run wizard show. A plain value: it crosses threads.
struct Finding
{
    enum class Status {
        Ok,
        Problem,
        Skipped, // could not be checked because an earlier check of the same thing failed
    };

    QString check;   // a stable id: "remote", "host_key", "credentials", "branch", "push", "database", …
    QString profile; // the profile it is about, or "" for the machine-wide checks
    Status status = Status::Ok;
    QString message; // what was found, for a person ("branch sync: at 1a2b3c4")
    QString fix;     // Problem: what to do about it; else ""

    static Finding ok(QString check, QString message);
    static Finding problem(QString check, QString message, QString fix);
    static Finding skipped(QString check, QString message);

    bool isProblem() const { return status == Status::Problem; }
    // "ok  …", "problem: … → fix", "skip  …", prefixed with "[profile] " when it has one.
    QString line() const;
    // {"check", "profile" (null when none), "status": "ok"|"problem"|"skipped", "message", "fix" (null)}.
    QJsonObject toJson() const;

    static bool anyProblem(const QList<Finding>& findings);
};

} // namespace ferry::check

Q_DECLARE_METATYPE(ferry::check::Finding)
