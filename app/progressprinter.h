#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

namespace ferry::app {

// The progress of a long task on stderr: "market: 1200/2600 (46%), 480/s, ETA 3 s", at most once a
// second and once at the end. On a terminal the line is rewritten in place; otherwise (a log, a pipe)
// each report is its own line.
class ProgressPrinter
{
public:
    ProgressPrinter(QTextStream& err, bool terminal);

    void report(const QString& task, int done, int total);
    // Ends the line of a task in progress (on a terminal) before other output.
    void finish();

    static QString line(const QString& task, int done, int total, double elapsedSeconds);

private:
    QTextStream& m_err;
    bool m_terminal;
    QString m_task;
    QElapsedTimer m_started;
    qint64 m_lastPrintMs = -1;
    bool m_open = false;
};

} // namespace ferry::app
